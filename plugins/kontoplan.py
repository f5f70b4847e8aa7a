"""Kontoplan: every account has a place in the statements.

Each income, expense, balance and equity account must land on a line of the
resultaträkning or balansräkning, and on a note row where the line has a
note. The place follows from the account's position in the tree; metadata on
its ``open`` directive says what the tree cannot::

    plugin "finsam_ledger.plugins.kontoplan"

    2020-01-01 open Kostnader:Insatser:Enter SEK
      klass: "individinriktad"

    2020-01-01 open Intäkter:Medlemsbidrag:Habo-kommun SEK
      part: "kommun"
      notrad: "Driftbidrag från Habo kommun"

The plugin also reports what keeps an amount out of the statements: an
amount in another currency than the books', and an opening balance
(ingående balans) that holds income or costs or comes after the first
transaction. And it checks the kassaflödesanalys of every year: årets
kassaflöde must equal the change in likvida medel. It does unless a
transaction's postings on the statements' accounts do not sum to zero, or
an ingående balans is dated inside a year after its first day; the error is
at the first such transaction of the year
(:mod:`finsam_ledger.model.kassaflode`). An account that cannot be placed is
an error at its ``open`` line, saying what to add, for example::

    kontoplan.beancount:12: kontoplan: Kostnader:Insatser:Enter: Finsam class
    missing; add klass: "individinriktad", "strukturinriktad", "administration"
    or "ny-verksamhet"

Beancount reads every included file with its own options: a file that does
not repeat the main file's ``option "name_*"`` lines has its accounts
reported as "Invalid account name", and the plugin adds one error at the
file's first line naming the option lines to add.

The rules themselves are in :mod:`finsam_ledger.model.chart` and
``docs/ledger-format.md``; the reports apply the same rules, so a ledger
without this plugin gets the same errors from ``finsam report``. The plugin
takes no configuration.
"""

from __future__ import annotations

from finsam_ledger.model.errors import LedgerError
from finsam_ledger.rules.plugin import Call, plugin

__plugins__ = ("kontoplan",)


def _errors(call: Call) -> list[LedgerError]:
    """The chart's errors, the index's and the kassaflöde identity's."""
    built = call.built
    return [*built.chart_errors, *built.index_errors, *built.kassaflode_errors]


kontoplan = plugin(
    __name__, _errors, "Check that every opened account can be placed; entries pass unchanged."
)

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
transaction. An account that cannot be placed is an error at its ``open``
line, saying what to add, for example::

    kontoplan.beancount:12: kontoplan: Kostnader:Insatser:Enter: Finsam class
    missing; add klass: "individinriktad", "strukturinriktad" or "administration"

Beancount reads every included file with its own options: a file that does
not repeat the main file's ``option "name_*"`` lines has its accounts
reported as "Invalid account name", and the plugin adds one error at the
file's first line naming the option lines to add.

The rules themselves are in :mod:`finsam_ledger.chart` and
``docs/ledger-format.md``; the reports apply the same rules, so a ledger
without this plugin gets the same errors from ``finsam report``. The plugin
takes no configuration.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from beancount.core import data

from finsam_ledger import plugin_config
from finsam_ledger.books import build
from finsam_ledger.directives import normalise

__plugins__ = ("kontoplan",)

MODULE = "finsam_ledger.plugins.kontoplan"


def kontoplan(
    entries: list[data.Directive], options_map: dict[str, Any], config: str | None = None
) -> tuple[list[data.Directive], Sequence[Any]]:
    """Check that every opened account can be placed; entries pass unchanged.

    (A ``custom`` line without values gets an empty list of values, which
    Beancount's own ``pad`` plugin and printer need.)
    """
    entries = normalise(entries)
    _, errors = plugin_config.parse(config, {}, options_map, MODULE)
    built = build(entries, options_map)
    return entries, [*errors, *built.chart_errors, *built.index_errors]

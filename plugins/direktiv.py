"""Direktiv: budgets and the project's custom directives are well-formed.

Checks Fava's ``custom "budget"`` directives (with the rules of Fava's parser) and the
project's ``beviljat``, ``prognos``, ``anstallda``, ``balanskrav``,
``atgardsplan``, ``synnerliga-skal``, ``budgetunderskott``,
``kommunfordelning``, ``eget-kapital-riktvarde``, ``nyckeltal``,
``deltagare`` and ``samhallsekonomi`` directives (see
:mod:`finsam_ledger.model.directives`): the right values, amounts in the
operating currency, a riktvärde from 0 to 100 %, accounts that are opened in
the chart, key figures only for years before the books, each once, and
participants as counts only (whole numbers on an insats, each once, a part
never above its whole; a text, a decimal, a negative or a number too large
to be a count, such as a personnummer, is refused and not repeated)::

    plugin "finsam_ledger.plugins.direktiv"

    2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 2878200.00 SEK
    2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 3198000.00 SEK

A budget or grant on an account that is not opened would never show in a
report, so it is an error at the directive's line. So is a ``custom`` name
close to one of the project's (``"anställda"``, ``"beviljad"``,
``"budgett"``), which would otherwise be ignored; the error names the
directive meant. A ``budget`` line that Fava's parser cannot read is
reported and left out of the entries, so that Fava still opens the ledger.
The plugin takes no configuration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from beancount.core import data

from finsam_ledger.model.books import built_of
from finsam_ledger.model.errors import LedgerError
from finsam_ledger.rules.plugin import Call, plugin

if TYPE_CHECKING:
    from fava.beans.types import BeancountOptions

__plugins__ = ("direktiv",)


def _errors(call: Call) -> list[LedgerError]:
    return call.built.directive_errors


def _readable(entries: list[data.Directive], options: BeancountOptions) -> list[data.Directive]:
    """The entries without the ``budget`` lines Fava's parser cannot read."""
    readable = {id(entry) for entry in built_of(entries, options).budget_lines}
    return [
        entry
        for entry in entries
        if not (isinstance(entry, data.Custom) and entry.type == "budget") or id(entry) in readable
    ]


direktiv = plugin(
    __name__,
    _errors,
    "Check budget and project directives; malformed budget lines are left out.",
    keep=_readable,
)

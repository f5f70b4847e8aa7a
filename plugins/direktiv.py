"""Direktiv: budgets and the project's custom directives are well-formed.

Checks Fava's ``custom "budget"`` directives (with Fava's own parser) and the
project's ``beviljat``, ``prognos``, ``anstallda``, ``balanskrav``,
``atgardsplan``, ``synnerliga-skal`` and ``budgetunderskott`` directives
(see :mod:`finsam_ledger.directives`): the right values, amounts in the
operating currency, and accounts that are opened in the chart::

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

from collections.abc import Sequence
from typing import Any

from beancount.core import data

from finsam_ledger import plugin_config
from finsam_ledger.directives import check, normalise, split_budgets

__plugins__ = ("direktiv",)

MODULE = "finsam_ledger.plugins.direktiv"


def direktiv(
    entries: list[data.Directive], options_map: dict[str, Any], config: str | None = None
) -> tuple[list[data.Directive], Sequence[Any]]:
    """Check budget and project directives; malformed budget lines are left out."""
    currency = (options_map.get("operating_currency") or ["SEK"])[0]
    _, errors = plugin_config.parse(config, {}, options_map, MODULE)
    entries = normalise(entries)
    readable = {id(entry) for entry in split_budgets(entries, currency)[0]}
    kept = [
        entry
        for entry in entries
        if not (isinstance(entry, data.Custom) and entry.type == "budget") or id(entry) in readable
    ]
    return kept, [*errors, *check(entries, currency)]

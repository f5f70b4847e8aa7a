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
report, so it is an error at the directive's line. The plugin takes no
configuration.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount

from finsam_ledger import budget as budget_module
from finsam_ledger.directives import DirektivError, parse_direktiv

__plugins__ = ("direktiv",)


def direktiv(
    entries: list[data.Directive], options_map: dict[str, Any], config: str | None = None
) -> tuple[list[data.Directive], Sequence[Any]]:
    """Check budget and project directives; entries pass unchanged."""
    currencies = options_map.get("operating_currency") or ["SEK"]
    currency = currencies[0]
    parsed, errors = parse_direktiv(entries, currency)
    errors = list(errors)
    _, budget_errors = budget_module.parse(entries, currency)
    errors += [
        DirektivError(e.source, f'custom "budget": {e.message}', e.entry) for e in budget_errors
    ]
    opened = {entry.account for entry in entries if isinstance(entry, data.Open)}
    checked: list[tuple[str, Any]] = [
        *((g.account, g.entry) for g in parsed.beviljat),
        *((p.account, p.entry) for p in parsed.prognoser),
    ]
    for entry in entries:
        if not (isinstance(entry, data.Custom) and entry.type == "budget"):
            continue
        values = [value.value for value in entry.values]
        if values and isinstance(values[0], str):
            checked.append((values[0], entry))
        amount = values[2] if len(values) > 2 else None
        if isinstance(amount, Amount) and amount.currency != currency:
            errors.append(
                DirektivError(
                    entry.meta,
                    f'custom "budget": amount in {amount.currency}; the reports are in {currency}',
                    entry,
                )
            )
    for account, entry in checked:
        if account not in opened:
            errors.append(
                DirektivError(
                    entry.meta,
                    f'custom "{entry.type}": {account} is not opened in the chart, '
                    "so no report would show it",
                    entry,
                )
            )
    if config:
        source = data.new_metadata("<direktiv>", 0)
        errors.append(DirektivError(source, "direktiv takes no configuration", None))
    return entries, errors

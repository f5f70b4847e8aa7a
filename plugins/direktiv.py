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

from finsam_ledger.directives import DirektivError, check
from finsam_ledger.plugin_config import plugin_source

__plugins__ = ("direktiv",)


def direktiv(
    entries: list[data.Directive], options_map: dict[str, Any], config: str | None = None
) -> tuple[list[data.Directive], Sequence[Any]]:
    """Check budget and project directives; entries pass unchanged."""
    currencies = options_map.get("operating_currency") or ["SEK"]
    errors = check(entries, currencies[0])
    if config:
        source = plugin_source(options_map, "finsam_ledger.plugins.direktiv")
        errors.append(DirektivError(source, "direktiv takes no configuration", None))
    return entries, errors

"""Beviljat: an insats may not cost more in a year than the board granted.

For every ``beviljat`` directive, the insats's utfall in the directive's
year (the account and its sub-accounts) must not exceed the grant; an excess
is an error at the grant, stating grant, utfall and excess. Utfall above the
*budget* is not an error: that shows in the driftsredovisning::

    plugin "finsam_ledger.plugins.beviljat"

    2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 3198000.00 SEK

No settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from beancount.core import data

from finsam_ledger import plugin_config
from finsam_ledger.books import from_entries
from finsam_ledger.insatser import utfall_under
from finsam_ledger.period import Period
from finsam_ledger.table import kronor

__plugins__ = ("beviljat",)

MODULE = "finsam_ledger.plugins.beviljat"
BeviljatError = plugin_config.ConfigError


def beviljat(
    entries: list[data.Directive], options_map: dict[str, Any], config: str | None = None
) -> tuple[list[data.Directive], Sequence[Any]]:
    """Check every grant against the year's utfall; entries pass unchanged."""
    _, errors = plugin_config.parse(config, {}, options_map, MODULE)
    books, _ = from_entries(entries, [], options_map)
    if books is None:
        return entries, errors
    for grant in books.direktiv.beviljat:
        utfall = utfall_under(books, grant.account, Period.year(grant.year))
        if utfall > grant.amount:
            errors.append(
                BeviljatError(
                    grant.entry.meta,
                    f"{grant.account} {grant.year}: utfall {kronor(utfall)} exceeds beviljat "
                    f"{kronor(grant.amount)} by {kronor(utfall - grant.amount)}; "
                    "the excess needs a board decision",
                    grant.entry,
                )
            )
    return entries, errors

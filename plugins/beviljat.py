"""Beviljat: an insats may not cost more in a year than the board granted.

For every insats with ``beviljat`` directives, its utfall in the year (the
account and its sub-accounts) must not exceed the year's grants together; an
excess is an error at the year's last grant, stating grant, utfall and
excess, with the line of a further grant that would cover it. Utfall above
the *budget* is not an error: that shows in the driftsredovisning::

    plugin "finsam_ledger.plugins.beviljat"

    2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 3198000.00 SEK

No settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_UP, Decimal
from typing import Any

from beancount.core import data

from finsam_ledger import plugin_config
from finsam_ledger.books import build
from finsam_ledger.directives import Beviljat, normalise
from finsam_ledger.insatser import beviljat_for, utfall_under
from finsam_ledger.period import Period
from finsam_ledger.table import kronor

__plugins__ = ("beviljat",)

MODULE = "finsam_ledger.plugins.beviljat"
BeviljatError = plugin_config.ConfigError


def beviljat(
    entries: list[data.Directive], options_map: dict[str, Any], config: str | None = None
) -> tuple[list[data.Directive], Sequence[Any]]:
    """Check every grant against the year's utfall; entries pass unchanged."""
    entries = normalise(entries)
    _, errors = plugin_config.parse(config, {}, options_map, MODULE)
    books = build(entries, options_map).books  # other errors: kontoplan, direktiv
    # Several grants for one insats in a year add up (a later tilläggsbeslut);
    # the error points at the year's last one, as the driftsredovisning sums them.
    grants: dict[tuple[str, int], list[Beviljat]] = {}
    for grant in books.direktiv.beviljat:
        grants.setdefault((grant.account, grant.year), []).append(grant)
    for (account, year), items in grants.items():
        total = beviljat_for(books, [account], year) or Decimal(0)
        utfall = utfall_under(books, account, Period.year(year))
        if utfall > total:
            last = max(items, key=lambda g: (g.entry.date, g.entry.meta.get("lineno", 0)))
            excess = (utfall - total).quantize(Decimal("0.01"), rounding=ROUND_UP)
            errors.append(
                BeviljatError(
                    last.entry.meta,
                    f"beviljat: {account} {year}: utfall {kronor(utfall)} exceeds beviljat "
                    f"{kronor(total)} by {kronor(utfall - total)}; the excess needs the "
                    f'board\'s decision: {year}-12-31 custom "beviljat" {account} {excess} '
                    f"{books.currency}",
                    last.entry,
                )
            )
    return entries, errors

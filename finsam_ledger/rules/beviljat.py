"""Beviljat: the board's grants per insats, and the rule that utfall stays within them.

An insats's utfall in a year is that of its account and every sub-account;
several grants for one insats in a year add up (a later tilläggsbeslut).
The driftsredovisning shows the grants beside the utfall; the ``beviljat``
plugin (:func:`check`) reports an utfall above them at the year's last
grant, with the line of a further grant that would cover the excess.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_UP, Decimal

from finsam_ledger.model.books import Books
from finsam_ledger.model.directives import Beviljat
from finsam_ledger.model.errors import LedgerError
from finsam_ledger.model.money import ORE, ZERO, kronor
from finsam_ledger.model.period import Period
from finsam_ledger.rules.plugin import Call

RULE = "beviljat"


def subtree(books: Books, account: str) -> list[str]:
    """The account and every opened account below it."""
    prefix = account + ":"
    return [a for a in books.chart.placements if a == account or a.startswith(prefix)]


def utfall_under(books: Books, account: str, period: Period) -> Decimal:
    """The account's utfall in the period, sub-accounts included (Beancount sign)."""
    return books.sum_change(subtree(books, account), period)


def beviljat_for(books: Books, accounts: Iterable[str], year: int) -> Decimal | None:
    """The year's grants on any of the accounts; ``None`` if there is none."""
    wanted = set(accounts)
    grants = [g.amount for g in books.direktiv.beviljat if g.year == year and g.account in wanted]
    return sum(grants, ZERO) if grants else None


def check(call: Call) -> list[LedgerError]:
    """Every insats's utfall in a year against the year's grants."""
    books = call.books
    grants: dict[tuple[str, int], list[Beviljat]] = {}
    for grant in books.direktiv.beviljat:
        grants.setdefault((grant.account, grant.year), []).append(grant)
    errors: list[LedgerError] = []
    for (account, year), items in grants.items():
        total = beviljat_for(books, [account], year) or ZERO
        utfall = utfall_under(books, account, Period.year(year))
        if utfall > total:
            # At the year's last grant, as the driftsredovisning sums them.
            last = max(items, key=lambda g: (g.entry.date, g.entry.meta.get("lineno", 0)))
            excess = (utfall - total).quantize(ORE, rounding=ROUND_UP)
            errors.append(
                LedgerError(
                    last.entry.meta,
                    f"{RULE}: {account} {year}: utfall {kronor(utfall)} exceeds beviljat "
                    f"{kronor(total)} by {kronor(utfall - total)}; the excess needs the "
                    f'board\'s decision: {year}-12-31 custom "beviljat" {account} {excess} '
                    f"{books.currency}",
                    last.entry,
                )
            )
    return errors

"""Per-insats figures: utfall of an account with its sub-accounts, and grants."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from finsam_ledger.books import Books
from finsam_ledger.period import Period

ZERO = Decimal(0)


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

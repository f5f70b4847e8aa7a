"""Utfall: what the books hold for a period, and årets resultat.

A period without any transaction (other than an opening balance) has no
utfall: ``None``, printed blank, not zero, so that a column for a year
before the books began stays empty. ``sign=-1`` turns Beancount's signs
into the printed ones for income (a resultaträkning line prints income
positive and costs negative).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from finsam_ledger.model.books import Books
from finsam_ledger.model.chart import EXPENSES, INCOME, Post
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Value


def utfall(books: Books, accounts: Iterable[str], period: Period, sign: int = 1) -> Value:
    """The accounts' postings in the period, times ``sign``; ``None`` for a period without books."""
    if not books.has_transactions(period):
        return None
    total = books.sum_change(accounts, period)
    return -total if sign < 0 else total


def post_utfall(books: Books, post: Post, period: Period) -> Value:
    """A resultaträkning line as printed (income positive, costs negative), or ``None``."""
    return utfall(books, books.chart.accounts(post), period, -1)


def arets_resultat(books: Books, period: Period) -> Decimal:
    """Årets resultat: all income less all costs in the period."""
    return -books.sum_change(books.chart.of_type(INCOME, EXPENSES), period)

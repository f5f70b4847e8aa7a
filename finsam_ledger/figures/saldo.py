"""Balances at a date: a balansräkning line, eget kapital, summa tillgångar.

A balance is taken at the start of a day (opening balances dated that day
included); the balance at a period's end is the balance at the start of
the day after it, ``period.end``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from finsam_ledger.model.books import Books
from finsam_ledger.model.chart import ASSETS, EQUITY, EXPENSES, INCOME, Post


def post_saldo(books: Books, post: Post, day: datetime.date) -> Decimal:
    """A balance-sheet line at the start of ``day``, signed as printed."""
    total = books.sum_balance(books.chart.accounts(post), day)
    return total if ASSETS in post.types else -total


def eget_kapital_vid(books: Books, day: datetime.date) -> Decimal:
    """Eget kapital at the start of ``day``: equity plus all results so far."""
    return -books.sum_balance(books.chart.of_type(EQUITY, INCOME, EXPENSES), day)


def summa_tillgangar(books: Books, day: datetime.date) -> Decimal:
    """All assets at the start of ``day``."""
    return books.sum_balance(books.chart.of_type(ASSETS), day)

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


def balanserat_resultat_konto(books: Books) -> str | None:
    """The eget kapital account that holds the results of earlier years in a year's balances.

    Beancount keeps every result on its intäkts- or kostnadskonto; a
    saldobalans and a SIE file open each year with them closed into eget
    kapital: into ``Eget-kapital:Balanserat-resultat`` (the ledger's option
    ``account_previous_earnings``) when the ledger opens it, else into the
    ingående balans account; ``None`` if it opens neither.
    """
    options = books.options
    earnings = f"{options['name_equity']}:{options['account_previous_earnings']}"
    for name in (earnings, books.chart.opening_account):
        if name in books.chart.placements:
            return name
    return None

"""Resultaträkning (LKBR 5 kap.), förbund variant.

Columns: budget for the period, the period, the same period a year earlier.
Intäkter print positive and kostnader negative. Lines that a förbund does not
use (avskrivningar, extraordinära poster) are left out when they are zero.
"""

from __future__ import annotations

from decimal import Decimal

from finsam_ledger import chart as c
from finsam_ledger.books import Books
from finsam_ledger.period import Period
from finsam_ledger.table import Row, Table, Value, add, is_blank

ZERO = Decimal(0)


def utfall(books: Books, post: c.Post, period: Period) -> Value:
    """A resultaträkning line as printed: income positive, costs negative.

    ``None`` for a period the books do not cover.
    """
    if not books.has_transactions(period):
        return None
    return -books.sum_change(books.chart.accounts(post), period)


def budget(books: Books, post: c.Post, period: Period) -> Value:
    """The budget of a line, signed as printed; ``None`` if it has none."""
    total = books.budgets.total(books.chart.accounts(post), period)
    return None if total is None else -total


def arets_resultat(books: Books, period: Period) -> Decimal:
    """Årets resultat: all income less all costs in the period."""
    accounts = [
        p.account for p in books.chart.placements.values() if p.type in (c.INCOME, c.EXPENSES)
    ]
    return -books.sum_change(accounts, period)


def resultatrakning(books: Books, period: Period) -> Table:
    """The resultaträkning for a period, with budget and the previous period."""
    previous = period.previous()

    def line(post: c.Post, label: str | None = None, optional: bool = False) -> Row | None:
        values = (
            budget(books, post, period),
            utfall(books, post, period),
            utfall(books, post, previous),
        )
        if optional and is_blank(values):
            return None
        accounts = tuple(books.chart.accounts(post))
        return Row(label or post.name, values, note=post.note, accounts=accounts)

    def total(label: str, *parts: Row | None) -> Row:
        present = [row for row in parts if row is not None]
        values = tuple(add(*(row.values[i] for row in present)) for i in range(3))
        return Row(label, values, kind="sum")

    intakter = line(c.VERKSAMHETENS_INTAKTER)
    kostnader = line(c.VERKSAMHETENS_KOSTNADER)
    avskrivningar = line(c.AVSKRIVNINGAR, optional=True)
    resultat = total("Resultat", intakter, kostnader, avskrivningar)
    fin_intakter = line(c.FINANSIELLA_INTAKTER)
    fin_kostnader = line(c.FINANSIELLA_KOSTNADER)
    efter_fin = total("Resultat efter finansiella poster", resultat, fin_intakter, fin_kostnader)
    extraordinara = line(c.EXTRAORDINARA_POSTER, optional=True)
    arets = total("Årets resultat", efter_fin, extraordinara)
    rows = [
        intakter,
        kostnader,
        avskrivningar,
        resultat,
        fin_intakter,
        fin_kostnader,
        efter_fin,
        extraordinara,
        arets,
    ]
    return Table(
        key="resultatrakning",
        title="Resultaträkning",
        columns=(f"Budget {period.label}", period.label, previous.label),
        rows=tuple(row for row in rows if row is not None),
    )

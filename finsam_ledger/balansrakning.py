"""Balansräkning (LKBR 6 kap.) at the end of the period and a year earlier.

Eget kapital is shown as a förbund prints it: Balanserat från föregående
år, Årets resultat, and their sum Årets balanserade resultat (closing eget
kapital). Lines a förbund rarely has (anläggningstillgångar, förråd,
placeringar, avsättningar, långfristiga skulder) appear when not zero.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from finsam_ledger import chart as c
from finsam_ledger.books import Books
from finsam_ledger.period import Period
from finsam_ledger.resultatrakning import arets_resultat
from finsam_ledger.table import Row, Table, column_sums, heading, is_blank

ZERO = Decimal(0)


def eget_kapital(books: Books, day: datetime.date) -> Decimal:
    """Eget kapital at the start of ``day``: equity plus all results so far."""
    accounts = [
        p.account
        for p in books.chart.placements.values()
        if p.type in (c.EQUITY, c.INCOME, c.EXPENSES)
    ]
    return -books.sum_balance(accounts, day)


def post_saldo(books: Books, post: c.Post, day: datetime.date) -> Decimal:
    """A balance-sheet line at the start of ``day``, signed as printed."""
    total = books.sum_balance(books.chart.accounts(post), day)
    return total if c.ASSETS in post.types else -total


def balansrakning(books: Books, period: Period) -> Table:
    """The balansräkning at the end of the period and of the previous one."""
    periods = (period, period.previous())

    def line(post: c.Post, optional: bool = False) -> Row | None:
        values = tuple(post_saldo(books, post, p.end) for p in periods)
        if optional and is_blank(values):
            return None
        return Row(post.name, values, note=post.note, accounts=tuple(books.chart.accounts(post)))

    def total(label: str, parts: list[Row | None]) -> Row:
        present = [row for row in parts if row is not None and row.kind != "heading"]
        return Row(label, column_sums(present, 2), kind="sum")

    anlaggning = [
        line(c.IMMATERIELLA, optional=True),
        line(c.MATERIELLA, optional=True),
        line(c.FINANSIELLA_AT, optional=True),
    ]
    omsattning = [
        line(c.FORRAD, optional=True),
        line(c.FORDRINGAR),
        line(c.KORTFRISTIGA_PLACERINGAR, optional=True),
        line(c.KASSA_OCH_BANK),
    ]
    summa_anlaggning = total("Summa anläggningstillgångar", anlaggning)
    summa_omsattning = total("Summa omsättningstillgångar", omsattning)
    has_anlaggning = any(row is not None for row in anlaggning)

    closing = tuple(eget_kapital(books, p.end) for p in periods)
    result = tuple(arets_resultat(books, p) if books.has_transactions(p) else None for p in periods)
    balanserat = tuple(ek - (r or ZERO) for ek, r in zip(closing, result, strict=True))
    ek_rows = [
        heading("Eget kapital", 2),
        Row("Balanserat från föregående år", balanserat),
        Row("Årets resultat", result),
        Row(
            "Årets balanserade resultat",
            closing,
            kind="sum",
            accounts=tuple(books.chart.accounts(c.EGET_KAPITAL)),
        ),
    ]
    avsattningar = line(c.AVSATTNINGAR, optional=True)
    skulder = [line(c.LANGFRISTIGA_SKULDER, optional=True), line(c.KORTFRISTIGA_SKULDER)]
    summa_ek_skulder = total(
        "Summa eget kapital, avsättningar och skulder",
        [ek_rows[-1], avsattningar, *skulder],
    )

    rows: list[Row | None] = [heading("Tillgångar", 2)]
    if has_anlaggning:
        rows += [heading("Anläggningstillgångar", 2), *anlaggning, summa_anlaggning]
    rows += [heading("Omsättningstillgångar", 2), *omsattning, summa_omsattning]
    rows.append(total("Summa tillgångar", [summa_anlaggning, summa_omsattning]))
    rows += [heading("Eget kapital, avsättningar och skulder", 2), *ek_rows]
    if avsattningar is not None:
        rows.append(avsattningar)
    rows += [heading("Skulder", 2), *skulder, summa_ek_skulder]
    return Table(
        key="balansrakning",
        title="Balansräkning",
        columns=tuple(p.last_day.isoformat() for p in periods),
        rows=tuple(row for row in rows if row is not None),
    )

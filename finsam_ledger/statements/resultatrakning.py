"""Resultaträkning (LKBR 5 kap.), förbund variant.

Columns of the annual report: budget for the period, the period, the same
period a year earlier (a delårsrapport adds a forecast). Intäkter print
positive and kostnader negative. Lines that a förbund does not use
(avskrivningar, extraordinära poster) are left out when they are zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from finsam_ledger.figures.budget import post_budget
from finsam_ledger.figures.utfall import post_utfall
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Value, add, is_blank

# A column: its heading and the value of a statement line in it.
Column = tuple[str, Callable[[c.Post], Value]]


def table(
    books: Books,
    columns: Sequence[Column],
    key: str,
    title: str,
    periods: tuple[Period | None, ...] = (),
) -> Table:
    """The resultaträkning layout over any columns; sums are taken from the lines."""
    width = len(columns)

    def line(post: c.Post, optional: bool = False) -> Row | None:
        values = tuple(value(post) for _, value in columns)
        if optional and is_blank(values):
            return None
        return Row(post.name, values, note=post.note, accounts=tuple(books.chart.accounts(post)))

    def total(label: str, *parts: Row | None) -> Row:
        present = [row for row in parts if row is not None]
        values = tuple(add(*(row.values[i] for row in present)) for i in range(width))
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
        key=key,
        title=title,
        columns=tuple(label for label, _ in columns),
        rows=tuple(row for row in rows if row is not None),
        periods=periods,
    )


def resultatrakning(books: Books, period: Period) -> Table:
    """The resultaträkning for a period, with budget and the previous period."""
    previous = period.previous()
    columns: list[Column] = [
        (f"Budget {period.label}", lambda post: post_budget(books, post, period)),
        (period.label, lambda post: post_utfall(books, post, period)),
        (previous.label, lambda post: post_utfall(books, post, previous)),
    ]
    return table(books, columns, "resultatrakning", "Resultaträkning", (None, period, previous))

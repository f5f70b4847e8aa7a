"""Balansräkning (LKBR 6 kap.) at the end of the period and a year earlier.

Eget kapital is shown as a förbund prints it: Balanserat från föregående
år (last year's closing eget kapital), Årets resultat, and their sum Årets
balanserade resultat (closing eget kapital); postings made directly to eget
kapital during the year (a rättelse, say) show on their own line between.
Lines a förbund rarely has (anläggningstillgångar, förråd, placeringar,
avsättningar, långfristiga skulder) appear when not zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from finsam_ledger.figures.saldo import eget_kapital_vid, post_saldo
from finsam_ledger.figures.utfall import arets_resultat
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Value, column_sums, heading, is_blank


def balansrakning(books: Books, period: Period) -> Table:
    """The balansräkning at the end of the period and of the previous one."""
    return table(books, (period, period.previous()))


def table(books: Books, periods: Sequence[Period]) -> Table:
    """The balansräkning at the end of each period (årets resultat is the period's)."""
    width = len(periods)

    def line(post: c.Post, optional: bool = False) -> Row | None:
        values = tuple(post_saldo(books, post, p.end) for p in periods)
        if optional and is_blank(values):
            return None
        return Row(post.name, values, note=post.note, accounts=tuple(books.chart.accounts(post)))

    def total(label: str, parts: list[Row | None]) -> Row:
        present = [row for row in parts if row is not None and row.kind != "heading"]
        return Row(label, column_sums(present, width), kind="sum")

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

    closing: list[Value] = []
    opening: list[Value] = []
    result: list[Value] = []
    other: list[Value] = []
    for p in periods:
        end = eget_kapital_vid(books, p.end)
        closing.append(end)
        if books.has_transactions(p):
            start, r = eget_kapital_vid(books, p.start), arets_resultat(books, p)
            opening.append(start)
            result.append(r)
            other.append(end - start - r)
        else:  # no books for the period: only its closing balance is known
            opening.append(end)
            result.append(None)
            other.append(None)
    ek_rows: list[Row | None] = [
        heading("Eget kapital", width),
        Row("Balanserat från föregående år", tuple(opening)),
        Row("Årets resultat", tuple(result)),
        None if is_blank(other) else Row("Övriga förändringar av eget kapital", tuple(other)),
        Row(
            "Årets balanserade resultat",
            tuple(closing),
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

    rows: list[Row | None] = [heading("Tillgångar", width)]
    if has_anlaggning:
        rows += [heading("Anläggningstillgångar", width), *anlaggning, summa_anlaggning]
    rows += [heading("Omsättningstillgångar", width), *omsattning, summa_omsattning]
    rows.append(total("Summa tillgångar", [summa_anlaggning, summa_omsattning]))
    rows += [heading("Eget kapital, avsättningar och skulder", width), *ek_rows]
    if avsattningar is not None:
        rows.append(avsattningar)
    rows += [heading("Skulder", width), *skulder, summa_ek_skulder]
    return Table(
        key="balansrakning",
        title="Balansräkning",
        columns=tuple(p.last_day.isoformat() for p in periods),
        rows=tuple(row for row in rows if row is not None),
        periods=tuple(periods),
    )

"""The balanskravsutredning table (förvaltningsberättelse, LKBR 11:10).

Every row of the template, for the year and the year before; then the
deficits from earlier years still to restore. A delårsrapport shows the
same rows for the forecast result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from finsam_ledger.figures.budget import budget
from finsam_ledger.model.books import Books
from finsam_ledger.model.chart import EXPENSES, INCOME
from finsam_ledger.model.directives import BALANSKRAV_KINDS
from finsam_ledger.model.money import ZERO
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Value, add
from finsam_ledger.rules.balanskrav import BEFORE_RUR, RUR, Ar, beslut, forlopp, prognos


def _adjustment(group: str, kind: str) -> Callable[[Ar], Decimal]:
    """A getter for one adjustment of an utredning (``justeringar`` or ``rur``)."""

    def get(ar: Ar) -> Decimal:
        amounts: Mapping[str, Decimal] = getattr(ar.utredning, group)
        return amounts[kind]

    return get


def rows(columns: Sequence[Ar | None]) -> tuple[Row, ...]:
    """The template's rows over columns of tracked years (``None``: no books)."""

    def values(get: Callable[[Ar], Decimal]) -> tuple[Value, ...]:
        return tuple(None if ar is None else get(ar) for ar in columns)

    out = [
        Row("Årets resultat enligt resultaträkningen", values(lambda a: a.utredning.arets_resultat))
    ]
    out += [
        Row(BALANSKRAV_KINDS[kind], values(_adjustment("justeringar", kind))) for kind in BEFORE_RUR
    ]
    out.append(
        Row(
            "Årets resultat efter balanskravsjusteringar",
            values(lambda a: a.utredning.efter_justeringar),
            kind="sum",
        )
    )
    out += [Row(BALANSKRAV_KINDS[kind], values(_adjustment("rur", kind))) for kind in RUR]
    out += [
        Row("Balanskravsresultat", values(lambda a: a.utredning.balanskravsresultat), kind="sum"),
        Row("Underskott från tidigare år att återställa", values(lambda a: -a.att_aterstalla_ib)),
        Row("Återställt under året", values(lambda a: a.aterstallt)),
        Row("Underskott kvar att återställa", values(lambda a: -a.att_aterstalla_ub), kind="sum"),
    ]
    return tuple(out)


def balanskravsutredning(books: Books, period: Period) -> Table:
    """The utredning for the period's year and the year before."""
    year = period.start.year
    tracked = forlopp(books, until=year)
    return Table(
        key="balanskrav",
        title="Balanskravsutredning",
        columns=(str(year), str(year - 1)),
        rows=rows([tracked.get(year), tracked.get(year - 1)]),
        periods=(Period.year(year), Period.year(year - 1)),
    )


def prognos_tabell(books: Books, year: int, resultat: Decimal) -> Table:
    """The forecast utredning of a delårsrapport, with the board's decisions it rests on.

    A forecast deficit in a year whose budget deficit the board decided to
    cover with eget kapital (``budgetunderskott``) is covered up to the
    budgeted deficit: "Underskott som enligt beslut täcks av eget kapital";
    only the rest is left to restore. Every recorded decision about the year
    (budgetunderskott, åtgärdsplan, synnerliga skäl) is stated under the table.
    """
    ar = prognos(books, year, resultat)
    out = list(rows([ar]))
    notes = [
        f"{BESLUT_TEXT[b.kind]} {b.entry.date}: {b.text}"
        for b in sorted(books.direktiv.beslut, key=lambda b: b.entry.date)
        if b.year == year and b.kind in BESLUT_TEXT
    ]
    covered = _tacks_av_eget_kapital(books, ar)
    if covered > 0:
        kvar = out.pop()
        out += [
            Row("Underskott som enligt beslut täcks av eget kapital", (covered,)),
            Row(kvar.label, (add(kvar.values[0], covered),), kind="sum"),
        ]
    return Table(
        key="balanskrav",
        title="Balanskravsutredning, prognos",
        columns=(f"Prognos {year}",),
        rows=tuple(out),
        notes=tuple(notes),
    )


def _tacks_av_eget_kapital(books: Books, ar: Ar) -> Decimal:
    """The part of the year's carried deficit the board decided to cover with eget kapital.

    With a ``budgetunderskott`` decision for the year: the deficit still to
    restore from that year, at most the budgeted deficit; else nothing.
    """
    year = ar.utredning.year
    if beslut(books, "budgetunderskott", year) is None:
        return ZERO
    budgeted = budget(books, books.chart.of_type(INCOME, EXPENSES), Period.year(year)) or ZERO
    carried = sum((d.remaining for d in ar.underskott if d.year == year), ZERO)
    return min(carried, max(budgeted, ZERO))


BESLUT_TEXT: Mapping[str, str] = {
    "budgetunderskott": "Beslut om budgeterat underskott som täcks av eget kapital",
    "atgardsplan": "Åtgärdsplan",
    "synnerliga-skal": "Beslut om synnerliga skäl att inte återställa underskottet",
}

"""The balanskravsutredning table (förvaltningsberättelse, LKBR 11:10).

Every row of the template, for the year and the year before; then the
deficits from earlier years still to restore. A delårsrapport shows the
same rows for the forecast result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from finsam_ledger.model.books import Books
from finsam_ledger.model.directives import BALANSKRAV_KINDS
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Value
from finsam_ledger.rules.balanskrav import BEFORE_RUR, RUR, Ar, forlopp


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

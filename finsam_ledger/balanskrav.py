"""Balanskravsutredning (Kommunallagen 11 kap., LKBR 11:10, RKR R15).

Årets resultat, adjusted by the ledger's ``balanskrav`` directives, gives the
balanskravsresultat. A negative result must be restored within the three
following years (åtgärdsplan) unless the board decides not to for synnerliga
skäl; later positive results restore the oldest deficit first. The same
computation serves the report table and the ``balanskrav`` plugin.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from finsam_ledger.books import Books
from finsam_ledger.directives import BALANSKRAV_KINDS, Beslut
from finsam_ledger.period import Period
from finsam_ledger.resultatrakning import arets_resultat

ZERO = Decimal(0)

# How each adjustment counts: sign applied to the recorded (positive) amount.
BEFORE_RUR: Mapping[str, int] = {
    "realisationsvinster": -1,
    "realisationsvinster-undantag": 1,
    "realisationsforluster-undantag": 1,
    "orealiserade-forluster": 1,
    "orealiserade-forluster-aterforing": -1,
}
RUR: Mapping[str, int] = {"rur-reservering": -1, "rur-disponering": 1}
RESTORE_YEARS = 3


@dataclass(frozen=True)
class Utredning:
    """The balanskravsutredning of one year (amounts signed as they count)."""

    year: int
    arets_resultat: Decimal
    justeringar: Mapping[str, Decimal]
    efter_justeringar: Decimal
    rur: Mapping[str, Decimal]
    balanskravsresultat: Decimal


@dataclass(frozen=True)
class Underskott:
    """A negative balanskravsresultat and how much of it is still to restore."""

    year: int
    amount: Decimal
    remaining: Decimal
    beslut: Beslut | None

    @property
    def deadline(self) -> int:
        """The last year by which it must be restored."""
        if self.beslut is not None and self.beslut.last_year is not None:
            return self.beslut.last_year
        return self.year + RESTORE_YEARS


def utredning(books: Books, year: int, resultat: Decimal | None = None) -> Utredning:
    """The year's utredning; ``resultat`` replaces årets resultat (for a forecast)."""
    if resultat is None:
        resultat = arets_resultat(books, Period.year(year))
    recorded = dict.fromkeys(BALANSKRAV_KINDS, ZERO)
    for item in books.direktiv.balanskrav:
        if item.year == year:
            recorded[item.kind] += item.amount
    justeringar = {kind: sign * recorded[kind] for kind, sign in BEFORE_RUR.items()}
    efter = resultat + sum(justeringar.values(), ZERO)
    rur = {kind: sign * recorded[kind] for kind, sign in RUR.items()}
    return Utredning(year, resultat, justeringar, efter, rur, efter + sum(rur.values(), ZERO))


def beslut(books: Books, kind: str, year: int) -> Beslut | None:
    """The latest decision of a kind about a year."""
    found = [b for b in books.direktiv.beslut if b.kind == kind and b.year == year]
    return found[-1] if found else None


@dataclass(frozen=True)
class Ar:
    """One year of the tracking: its utredning and the deficits around it."""

    utredning: Utredning
    att_aterstalla_ib: Decimal
    aterstallt: Decimal
    att_aterstalla_ub: Decimal
    underskott: tuple[Underskott, ...]


def forlopp(books: Books, until: int | None = None) -> dict[int, Ar]:
    """Every year from the first in the books to ``until``, with deficit tracking.

    A deficit decided not to be restored (synnerliga skäl) is not carried.
    """
    years = books.years()
    if not years:
        return {}
    last = max(years[-1], until or years[-1])
    open_deficits: list[Underskott] = []
    result: dict[int, Ar] = {}
    for year in range(years[0], last + 1):
        u = utredning(books, year)
        ib = sum((d.remaining for d in open_deficits), ZERO)
        restored = ZERO
        if u.balanskravsresultat > 0:
            available = u.balanskravsresultat
            carried: list[Underskott] = []
            for deficit in open_deficits:
                used = min(available, deficit.remaining)
                available -= used
                restored += used
                carried.append(
                    Underskott(
                        deficit.year, deficit.amount, deficit.remaining - used, deficit.beslut
                    )
                )
            open_deficits = [d for d in carried if d.remaining > 0]
        elif u.balanskravsresultat < 0 and beslut(books, "synnerliga-skal", year) is None:
            amount = -u.balanskravsresultat
            open_deficits.append(
                Underskott(year, amount, amount, beslut(books, "atgardsplan", year))
            )
        ub = sum((d.remaining for d in open_deficits), ZERO)
        result[year] = Ar(u, ib, restored, ub, tuple(open_deficits))
    return result

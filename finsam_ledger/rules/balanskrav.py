"""Balanskravsutredning (Kommunallagen 11 kap., LKBR 11:10, RKR R15).

Årets resultat, adjusted by the ledger's ``balanskrav`` directives, gives the
balanskravsresultat. A negative result must be restored within the three
following years (åtgärdsplan) unless the board decides not to for synnerliga
skäl; later positive results restore the oldest deficit first. The same
computation serves the report table and the ``balanskrav`` plugin, whose
checks (:func:`check`) are here too: a deficit without a decision, a deficit
not restored in time, a deficit budget without a decision.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from beancount.core import data

from finsam_ledger.figures.budget import budget
from finsam_ledger.figures.utfall import arets_resultat
from finsam_ledger.model.books import Books
from finsam_ledger.model.chart import EXPENSES, INCOME
from finsam_ledger.model.directives import BALANSKRAV_KINDS, Beslut
from finsam_ledger.model.errors import LedgerError
from finsam_ledger.model.money import ZERO, kronor
from finsam_ledger.model.period import Period
from finsam_ledger.rules.plugin import Call, budget_lines

RULE = "balanskrav"

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


def forlopp(
    books: Books, until: int | None = None, forecast: Mapping[int, Decimal] | None = None
) -> dict[int, Ar]:
    """Every year from the first in the books to ``until``, with deficit tracking.

    A deficit decided not to be restored (synnerliga skäl) is not carried.
    ``forecast`` gives a year's result in place of the books' (a
    helårsprognos); the board's decisions count for it as for any year.
    """
    years = books.years()
    if not years:
        return {}
    last = max(years[-1], until or years[-1])
    open_deficits: list[Underskott] = []
    result: dict[int, Ar] = {}
    for year in range(years[0], last + 1):
        u = utredning(books, year, (forecast or {}).get(year))
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


def prognos(books: Books, year: int, resultat: Decimal) -> Ar:
    """The year's tracking with a forecast result in place of the books'."""
    return forlopp(books, until=year, forecast={year: resultat})[year]


# --- the plugin's checks ------------------------------------------------------------------


def check(call: Call) -> list[LedgerError]:
    """Every closed year's balanskravsresultat and every budget."""
    return [*_results(call.books, lambda: call.line), *_budgets(call.books)]


def _decision_date(year: int) -> str:
    """A date for a suggested decision on a year's result: when the annual report is adopted."""
    return f"{year + 1}-03-31"


def _deficit_line(
    books: Books, year: int, plugin_line: Callable[[], Mapping[str, Any]]
) -> tuple[Mapping[str, Any], data.Directive | None]:
    """Where a deficit without a decision is reported: the year's budget, its decision, or us."""
    budgets = budget_lines(books.entries, year)
    if budgets:
        return budgets[0].meta, budgets[0]
    decision = beslut(books, "budgetunderskott", year)
    if decision is not None:
        return decision.entry.meta, decision.entry
    return plugin_line(), None


def _results(books: Books, plugin_line: Callable[[], Mapping[str, Any]]) -> list[LedgerError]:
    errors: list[LedgerError] = []
    for year, ar in forlopp(books).items():
        if not books.is_closed(year):
            continue
        result = ar.utredning.balanskravsresultat
        decided = beslut(books, "atgardsplan", year) or beslut(books, "synnerliga-skal", year)
        if result < 0 and decided is None:
            last = year + RESTORE_YEARS
            date = _decision_date(year)
            meta, entry = _deficit_line(books, year, plugin_line)
            errors.append(
                LedgerError(
                    meta,
                    f"{RULE}: Balanskravsresultat {year} is {kronor(result)}, a deficit to "
                    f"restore within {year + 1}–{last} (KL 11:12); record the board's "
                    f'åtgärdsplan: {date} custom "atgardsplan" {year} {last} '
                    f'"Underskottet {year} återställs senast {last}" or its decision not to '
                    f"restore it for synnerliga skäl (KL 11:13): {date} "
                    f'custom "synnerliga-skal" {year} "Synnerliga skäl: ..."',
                    entry,
                )
            )
        for deficit in ar.underskott:
            if deficit.deadline == year and deficit.beslut is not None:
                errors.append(
                    LedgerError(
                        deficit.beslut.entry.meta,
                        f"{RULE}: Deficit of {deficit.year} ({kronor(-deficit.amount)}) not "
                        f"restored by the end of {year}: {kronor(deficit.remaining)} remains "
                        "(KL 11:12); the rest stays unrestored only by the board's decision "
                        f"for synnerliga skäl (KL 11:13): {_decision_date(year)} "
                        f'custom "synnerliga-skal" {deficit.year} "Synnerliga skäl: ..."',
                        deficit.beslut.entry,
                    )
                )
    return errors


def _budgets(books: Books) -> list[LedgerError]:
    errors: list[LedgerError] = []
    first: dict[int, data.Custom] = {}
    for line in budget_lines(books.entries):
        first.setdefault(line.date.year, line)
    for year, entry in sorted(first.items()):
        period = Period.year(year)
        intakter = -(budget(books, books.chart.of_type(INCOME), period) or ZERO)
        kostnader = budget(books, books.chart.of_type(EXPENSES), period) or ZERO
        if kostnader > intakter and beslut(books, "budgetunderskott", year) is None:
            errors.append(
                LedgerError(
                    entry.meta,
                    f"{RULE}: Budget {year}: kostnader {kronor(kostnader)} exceed intäkter "
                    f"{kronor(intakter)} by {kronor(kostnader - intakter)} (KL 11:5); record "
                    f"the board's decision to use eget kapital: {entry.date} "
                    f'custom "budgetunderskott" {year} "Underskottet täcks av eget kapital"',
                    entry,
                )
            )
    return errors

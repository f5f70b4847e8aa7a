"""Budgetplan: the budget year, its utfall or helårsprognos, the plan years, and eget kapital.

Every autumn the board adopts next year's budget with a plan for the years
after it, and the members ask where eget kapital lands against Nationella
rådet's guidance. :func:`budgetplan` gives that as one table (key
``budgetplan``), with these columns:

* ``Budget YYYY``: the year's budget;
* ``Utfall YYYY`` when the books reach 31 December of the year, or
  ``Prognos YYYY`` when the year has transactions but is not closed: the
  helårsprognos as the delårsrapport makes it
  (:mod:`finsam_ledger.rules.prognos`), with the ``prognos`` lines of the
  year dated on or before the last booked day; no column when the year has
  no transactions;
* ``Budget YYYY+n`` for every later year the ledger budgets (the plan years).

Rows: Intäkter (Medlemsbidrag: the accounts with a ``part``; Övriga
intäkter: every other income, finansiella intäkter included), Summa
intäkter; Kostnader, one row per Finsam class (individinriktade insatser,
strukturinriktade insatser, ny verksamhet, administration; a cost booked
under another post's budget, ``budgetpost``, counts with that post's class,
as in the overview), Övriga kostnader (avskrivningar, finansiella kostnader:
printed only when a column has any), Summa kostnader; Resultat (Summa
intäkter − Summa kostnader: årets resultat, financial items included); then
eget kapital:

* ``Eget kapital vid årets början``: in the utfall or prognos column the
  booked eget kapital on 1 January; in a budget column the previous year's
  closing eget kapital, the best figure there is: the books' if that year
  is closed (or has no transactions: the ingående balans), the helårsprognos
  if it has transactions but is not closed, else the projection of the
  previous budget column. So Budget YYYY starts from the books on 1
  January, the first plan year from the Utfall (or Prognos) column, and
  each later plan year from the plan year before it. A footnote names each
  column's source.
* ``Eget kapital vid årets slut``: the books' on 31 December in an utfall
  column; the beginning plus Resultat in a budget column; in a prognos
  column the beginning plus the forecast Resultat plus what is booked
  directly on eget kapital so far (stated under the table when not zero,
  as is such a booking in an utfall column).
* ``Eget kapital i % av medlemsbidrag``: the closing eget kapital in percent
  of the column's Medlemsbidrag (one decimal).
* ``Riktvärde eget kapital (högst 15 % av medlemsbidraget)``: the guidance
  in kronor, the column's Medlemsbidrag times the riktvärde of the column's
  year (the ``eget-kapital-riktvarde`` directive, default 15, as the
  ``eget_kapital`` rule reads it), and ``Riktvärde i % av medlemsbidraget``
  that percentage.
* ``Över riktvärdet``: by how many kronor the closing eget kapital exceeds
  the riktvärde; blank where it does not.

A budget column of a year with a budget shows zero on a row without one; a
year without any budget shows a blank column, and so do the eget kapital
rows of every column that builds on it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from finsam_ledger.figures.budget import budget_or_zero
from finsam_ledger.figures.saldo import eget_kapital_vid
from finsam_ledger.figures.utfall import arets_resultat, utfall
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.money import HUNDRED, ZERO, kronor
from finsam_ledger.model.period import ONE_DAY, Period
from finsam_ledger.model.table import Row, Table, Value, column_sums, heading, is_blank
from finsam_ledger.rules import prognos
from finsam_ledger.statements.delarsrapport import Kallor
from finsam_ledger.statements.oversikt import effective_klass

KEY = "budgetplan"
KLASS_RADER = {
    c.INDIVIDINRIKTAD: "Individinriktade insatser",
    c.STRUKTURINRIKTAD: "Strukturinriktade insatser",
    c.NY_VERKSAMHET: "Ny verksamhet",
    c.ADMINISTRATION: "Administration",
}
"""The cost rows, one per Finsam class, in the order the plan prints them."""

MEDLEMSBIDRAG = "Medlemsbidrag"
OVRIGA_INTAKTER = "Övriga intäkter"
SUMMA_INTAKTER = "Summa intäkter"
OVRIGA_KOSTNADER = "Övriga kostnader"
SUMMA_KOSTNADER = "Summa kostnader"
RESULTAT = "Resultat"
EK_BORJAN = "Eget kapital vid årets början"
EK_SLUT = "Eget kapital vid årets slut"
EK_ANDEL = "Eget kapital i % av medlemsbidrag"
RIKTVARDE_PROCENT = "Riktvärde i % av medlemsbidraget"
OVER = "Över riktvärdet"


def riktvarde_rad(andel: Decimal | None) -> str:
    """The label of the riktvärde in kronor; ``None`` when the columns' shares differ."""
    if andel is None:
        return "Riktvärde eget kapital (högst andelen nedan av medlemsbidraget)"
    return f"Riktvärde eget kapital (högst {_procenttext(andel)} % av medlemsbidraget)"


Slag = Literal["budget", "utfall", "prognos"]


@dataclass(frozen=True)
class _Kolumn:
    """A column: heading, year, kind, and its figure of accounts (Beancount's sign)."""

    rubrik: str
    year: int
    slag: Slag
    figur: Callable[[Sequence[str]], Value]
    period: Period | None = None


@dataclass(frozen=True)
class _Utgaende:
    """A year's closing eget kapital and where the figure comes from (for the footnote)."""

    value: Value
    kalla: str


def planar(books: Books, year: int) -> list[int]:
    """The plan years: every year after ``year`` with a budget on an income or cost account."""
    accounts = books.chart.of_type(c.INCOME, c.EXPENSES)
    dated = {
        b.date_start.year
        for budgets in books.budgets.by_account.values()
        for b in budgets
        if b.date_start.year > year
    }
    return sorted(y for y in dated if books.budgets.total(accounts, Period.year(y)) is not None)


def prognosperiod(books: Books, year: int) -> Period:
    """The period a year's helårsprognos is made at: 1 January to the last booked day."""
    last = books.last_day()
    assert last is not None and last.year == year, "a year in progress has transactions"
    return Period(datetime.date(year, 1, 1), last + ONE_DAY)


def _direkt_mot_eget_kapital(books: Books, period: Period) -> Decimal:
    """What the period booked on eget kapital other than its result (a correction)."""
    start = eget_kapital_vid(books, period.start)
    return eget_kapital_vid(books, period.end) - start - arets_resultat(books, period)


def _prognos_slut(books: Books, year: int) -> Decimal:
    """Eget kapital on 31 December of a year in progress, by the helårsprognos."""
    period = prognosperiod(books, year)
    forecast = prognos.summa(books, books.chart.of_type(c.INCOME, c.EXPENSES), period)
    start = eget_kapital_vid(books, period.start)
    return start - forecast.amount + _direkt_mot_eget_kapital(books, period)


def _procenttext(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _decimals(values: Sequence[Decimal]) -> int:
    """The decimals that print every share exactly (at most two)."""
    found = [-int(v.normalize().as_tuple().exponent) for v in values]
    return min(max([0, *found]), 2)


def budgetplan(books: Books, year: int) -> Table:
    """The budget plan of ``year`` and the plan years after it (see the module's docstring)."""
    plan = planar(books, year)
    booked = books.has_transactions(Period.year(year))
    kallor: Kallor | None = None
    kolumner = [_budget_kolumn(books, year)]
    if booked and books.is_closed(year):
        period = Period.year(year)
        kolumner.append(
            _Kolumn(
                f"Utfall {year}",
                year,
                "utfall",
                lambda accounts: utfall(books, accounts, period),
                period,
            )
        )
    elif booked:
        period = prognosperiod(books, year)
        kallor = Kallor(books, period)
        collect = kallor

        def forecast(accounts: Sequence[str]) -> Value:
            return collect.add(prognos.summa(books, accounts, period))

        kolumner.append(_Kolumn(f"Prognos {year}", year, "prognos", forecast))
    kolumner += [_budget_kolumn(books, y) for y in plan]
    width = len(kolumner)

    def rad(label: str, accounts: Sequence[str], sign: int) -> Row:
        values = []
        for kolumn in kolumner:
            value = kolumn.figur(accounts)
            values.append(None if value is None else sign * value)
        return Row(label, tuple(values), accounts=tuple(accounts))

    medlemmar = [p.account for p in books.chart.ordered() if p.part is not None]
    ovriga_intakter = [a for a in books.chart.of_type(c.INCOME) if a not in medlemmar]
    klasser = effective_klass(books)
    intakter = [rad(MEDLEMSBIDRAG, medlemmar, -1), rad(OVRIGA_INTAKTER, ovriga_intakter, -1)]
    kostnader = [
        rad(label, [a for a, k in klasser.items() if k == klass], 1)
        for klass, label in KLASS_RADER.items()
    ]
    ovriga = rad(
        OVRIGA_KOSTNADER,
        [a for a in books.chart.of_type(c.EXPENSES) if klasser.get(a) is None],
        1,
    )
    if not is_blank(ovriga.values):
        kostnader.append(ovriga)
    summa_intakter = Row(SUMMA_INTAKTER, column_sums(intakter, width), kind="sum")
    summa_kostnader = Row(SUMMA_KOSTNADER, column_sums(kostnader, width), kind="sum")
    resultat = tuple(
        None if i is None or k is None else i - k
        for i, k in zip(summa_intakter.values, summa_kostnader.values, strict=True)
    )
    bidrag = intakter[0].values

    # Eget kapital, column by column: a budget column builds on the year before.
    borjan: list[Value] = []
    slut: list[Value] = []
    kallor_text: list[str] = []
    notes: list[str] = []
    for i, kolumn in enumerate(kolumner):
        y = kolumn.year
        if kolumn.slag == "budget":
            found = _utgaende(books, y - 1, year, kolumner[:i], slut)
            start: Value = found.value
            kallor_text.append(found.kalla)
            planerat = resultat[i]
            end = None if start is None or planerat is None else start + planerat
        else:
            start = eget_kapital_vid(books, datetime.date(y, 1, 1))
            kallor_text.append(f"bokfört eget kapital {y}-01-01")
            if kolumn.slag == "utfall":
                end = eget_kapital_vid(books, Period.year(y).end)
                direkt = _direkt_mot_eget_kapital(books, Period.year(y))
            else:
                direkt = _direkt_mot_eget_kapital(books, prognosperiod(books, y))
                end = start + (resultat[i] or ZERO) + direkt
            if direkt:
                notes.append(
                    f"{kolumn.rubrik}: eget kapital vid årets slut inräknar {kronor(direkt)} "
                    "bokfört direkt mot eget kapital."
                )
        borjan.append(start)
        slut.append(end)

    andelar = [books.direktiv.riktvarde(k.year) for k in kolumner]
    riktvarde: list[Value] = [
        None if not b else b * andel / HUNDRED for b, andel in zip(bidrag, andelar, strict=True)
    ]
    over: list[Value] = [
        None if e is None or r is None or e <= r else e - r
        for e, r in zip(slut, riktvarde, strict=True)
    ]
    ek_andel: list[Value] = [
        None if e is None or not b else e / b * HUNDRED for e, b in zip(slut, bidrag, strict=True)
    ]
    uniform = andelar[0] if len(set(andelar)) == 1 else None
    rows = (
        heading("Intäkter", width),
        *intakter,
        summa_intakter,
        heading("Kostnader", width),
        *kostnader,
        summa_kostnader,
        Row(RESULTAT, resultat, kind="sum"),
        Row(EK_BORJAN, tuple(borjan)),
        Row(EK_SLUT, tuple(slut), kind="sum"),
        Row(EK_ANDEL, tuple(ek_andel), unit="%", decimals=1),
        Row(riktvarde_rad(uniform), tuple(riktvarde)),
        Row(RIKTVARDE_PROCENT, tuple(andelar), unit="%", decimals=_decimals(andelar)),
        Row(OVER, tuple(over)),
    )
    notes = [
        *_prognos_notes(kolumner, kallor),
        _kalla_note(kolumner, kallor_text),
        *notes,
        f"{OVRIGA_INTAKTER}: alla intäkter utom medlemsbidrag, finansiella intäkter inräknade."
        + (
            f" {OVRIGA_KOSTNADER}: kostnader utanför Finsamklasserna (avskrivningar, "
            "finansiella kostnader)."
            if ovriga in kostnader
            else ""
        ),
        f"{OVER}: eget kapital vid årets slut minus riktvärdet där det är högre; "
        "tomt där eget kapital ligger inom riktvärdet.",
    ]
    title = f"Budgetplan {year}" + (f"–{plan[-1]}" if plan else "")
    return Table(
        KEY,
        title,
        tuple(k.rubrik for k in kolumner),
        rows,
        notes=tuple(notes),
        periods=tuple(k.period for k in kolumner),
    )


def _budget_kolumn(books: Books, year: int) -> _Kolumn:
    period = Period.year(year)
    return _Kolumn(
        f"Budget {year}", year, "budget", lambda accounts: budget_or_zero(books, accounts, period)
    )


def _utgaende(
    books: Books, year: int, first: int, kolumner: Sequence[_Kolumn], slut: Sequence[Value]
) -> _Utgaende:
    """Eget kapital on 31 December of ``year``, for the budget column of the year after.

    The figure of the column that shows the year's utfall or prognos; else the
    books' if the year is closed, the helårsprognos if it is in progress; else
    the projection of the year's budget column; a year before the plan's
    first year ``first`` without transactions (before the books) as booked,
    the ingående balans; ``None`` for a later year without books or budget.
    """
    shown = [i for i, k in enumerate(kolumner) if k.year == year]
    actual = next((i for i in shown if kolumner[i].slag != "budget"), None)
    if actual is not None:
        return _Utgaende(slut[actual], f"eget kapital vid årets slut i {kolumner[actual].rubrik}")
    period = Period.year(year)
    if books.has_transactions(period) and not books.is_closed(year):
        last = prognosperiod(books, year).last_day
        return _Utgaende(
            _prognos_slut(books, year), f"eget kapital {year}-12-31 enligt prognosen per {last}"
        )
    if books.has_transactions(period) or year < first:
        return _Utgaende(eget_kapital_vid(books, period.end), f"bokfört eget kapital {period.end}")
    if shown:
        return _Utgaende(
            slut[shown[0]], f"eget kapital vid årets slut i {kolumner[shown[0]].rubrik}"
        )
    return _Utgaende(None, f"okänt: varken budget eller bokföring för {year}")


def _kalla_note(kolumner: Sequence[_Kolumn], kallor: Sequence[str]) -> str:
    """Which figure each column's eget kapital at the start of the year is."""
    grouped: dict[str, list[str]] = {}
    for kolumn, kalla in zip(kolumner, kallor, strict=True):
        grouped.setdefault(kalla, []).append(kolumn.rubrik)
    parts = [f"i {_uppraknat(rubriker)} {kalla}" for kalla, rubriker in grouped.items()]
    utfall = [k for k in kolumner if k.slag == "utfall"]
    slut = f"{EK_SLUT} är eget kapital vid årets början plus {RESULTAT}" + (
        f"; i {utfall[0].rubrik} det bokförda {utfall[0].year}-12-31." if utfall else "."
    )
    return f"{EK_BORJAN} är {'; '.join(parts)}. {slut}"


def _uppraknat(items: Sequence[str]) -> str:
    """``a``, ``a och b``, ``a, b och c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} och {items[-1]}"


def _prognos_notes(kolumner: Sequence[_Kolumn], kallor: Kallor | None) -> list[str]:
    """What the prognos column is, and the accounts forecast at budget or at utfall."""
    if kallor is None:
        return []
    kolumn = next(k for k in kolumner if k.slag == "prognos")
    last = kallor.period.last_day
    return [
        f"{kolumn.rubrik}: utfall till och med {last} med helårsprognosen "
        f"(prognos daterad senast {last}); året är inte avslutat.",
        *kallor.notes(),
    ]

"""Översikt över verksamhetens utveckling: up to five years, in tkr (RKR R15).

Verksamhetens intäkter and kostnader, årets resultat, soliditet (eget
kapital / summa tillgångar), antal anställda (the ``anstallda`` directive);
then eget kapital in percent of the year's medlemsbidrag beside Nationella
rådet's guidance, and the costs split into individinriktade insatser,
strukturinriktade insatser, administration and ny verksamhet (budget set
aside for activities not yet decided; its row only when a year of the
overview has costs or a budget of that class), printed with one decimal as
the members compare förbund on it; then the same split of the budgeted
costs, for the years with a cost budget (its rows only if a year has one).
An account netted into a budget post counts with that post's class.

A year before the books takes its column from the ``nyckeltal``
directives (:class:`~finsam_ledger.model.directives.Nyckeltal`): its
intäkter, kostnader, årets resultat, soliditet and antal anställda as
recorded, eget kapital in percent of medlemsbidrag if both are recorded,
and no split of the costs; a figure not recorded is left blank.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from finsam_ledger.figures.saldo import eget_kapital_vid, summa_tillgangar
from finsam_ledger.figures.utfall import arets_resultat, post_utfall
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.money import HUNDRED, ZERO
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Unit, Value, is_blank
from finsam_ledger.rules.riktvarde import andel_av_medlemsbidrag

YEARS = 5
KLASS_LABELS = {
    c.INDIVIDINRIKTAD: "Individinriktade insatser (% av kostnaderna)",
    c.STRUKTURINRIKTAD: "Strukturinriktade insatser (% av kostnaderna)",
    c.ADMINISTRATION: "Administration (% av kostnaderna)",
    c.NY_VERKSAMHET: "Ny verksamhet (% av kostnaderna)",
}
BUDGET_LABELS = {
    klass: text.replace(" (% av kostnaderna)", ", budget (% av budgeterade kostnader)")
    for klass, text in KLASS_LABELS.items()
}
# Classes whose row is shown only when a year of the overview has costs or a budget of them.
OPTIONAL_KLASSER = frozenset({c.NY_VERKSAMHET})


def soliditet(books: Books, year: int) -> Value:
    """Eget kapital in percent of summa tillgångar at year end."""
    day = Period.year(year).end
    total = summa_tillgangar(books, day)
    return eget_kapital_vid(books, day) / total * HUNDRED if total else None


def _kostnader(books: Books, year: int) -> Decimal:
    period = Period.year(year)
    return -(
        (post_utfall(books, c.VERKSAMHETENS_KOSTNADER, period) or ZERO)
        + (post_utfall(books, c.AVSKRIVNINGAR, period) or ZERO)
    )


def effective_klass(books: Books) -> dict[str, str | None]:
    """Each cost account's Finsam class, a budget post's taking precedence.

    A salary booked under Kansli that belongs to the Verksamhetsutvecklare
    post (``budgetpost``) counts as the class of that post's own row.
    """
    placements = [p for p in books.chart.ordered() if p.post == c.VERKSAMHETENS_KOSTNADER]
    home: dict[str, str | None] = {}
    for placement in placements:
        home.setdefault(placement.notrad, placement.klass)
    return {
        p.account: home.get(p.budgetpost, p.klass) if p.budgetpost else p.klass for p in placements
    }


def kostnadsandel(books: Books, year: int, *, klass: str) -> Value:
    """The class's share of the year's costs, in percent; ``None`` without costs."""
    period = Period.year(year)
    classes = effective_klass(books)
    total = books.sum_change(list(classes), period)
    part = books.sum_change([a for a, k in classes.items() if k == klass], period)
    return part / total * HUNDRED if total else None


def budgetandel(books: Books, year: int, *, klass: str) -> Value:
    """The class's share of the year's budgeted costs; ``None`` without a cost budget."""
    period = Period.year(year)
    classes = effective_klass(books)
    total = books.budgets.total(list(classes), period)
    if not total:
        return None
    part = books.budgets.total([a for a, k in classes.items() if k == klass], period)
    return (part or ZERO) / total * HUNDRED


def _has_klass(books: Books, years: list[int], klass: str) -> bool:
    """Whether a year has costs or a budget on the class's accounts."""
    accounts = [a for a, k in effective_klass(books).items() if k == klass]
    return bool(accounts) and any(
        books.sum_change(accounts, Period.year(y))
        or books.budgets.total(accounts, Period.year(y)) is not None
        for y in years
    )


def _andel(figures: dict[str, Decimal]) -> Value:
    """Eget kapital in percent of medlemsbidrag, from a year's key figures."""
    ek, bidrag = figures.get("eget-kapital"), figures.get("medlemsbidrag")
    return ek / bidrag * HUNDRED if ek is not None and bidrag else None


def oversikt(books: Books, period: Period) -> Table:
    """The overview for the period's year and up to four years before it.

    The years in the books, then the years before them with key figures.
    """
    last = period.start.year
    booked = [y for y in books.years() if y <= last]
    first = booked[0] if booked else last + 1
    earlier = [y for y in books.direktiv.nyckeltal_years() if y < first]
    years = sorted([*booked, *earlier], reverse=True)[:YEARS]
    figures = {y: books.direktiv.nyckeltal_av(y) for y in earlier}
    booked_years = [y for y in years if y not in figures]

    def row(
        label: str, value: Callable[[int], Value], unit: Unit | None = None, key: str = ""
    ) -> Row:
        return Row(
            label,
            tuple(
                value(y) if y not in figures else figures[y].get(key) if key else None
                for y in years
            ),
            unit=unit,
        )

    share = books.direktiv.riktvarde(last)
    klasser = [
        klass
        for klass in KLASS_LABELS
        if klass not in OPTIONAL_KLASSER or _has_klass(books, booked_years, klass)
    ]
    rows = [
        row(
            "Verksamhetens intäkter",
            lambda y: post_utfall(books, c.VERKSAMHETENS_INTAKTER, Period.year(y)),
            key="intakter",
        ),
        row("Verksamhetens kostnader", lambda y: _kostnader(books, y), key="kostnader"),
        row(
            "Årets resultat",
            lambda y: arets_resultat(books, Period.year(y)),
            key="arets-resultat",
        ),
        row("Soliditet (%)", lambda y: soliditet(books, y), "%", key="soliditet"),
        Row(
            "Antal anställda",
            tuple(books.direktiv.antal_anstallda(y) for y in years),
            unit="st",
        ),
        Row(
            f"Eget kapital i % av medlemsbidrag (riktvärde högst {share.normalize():f} %)",
            tuple(
                _andel(figures[y]) if y in figures else andel_av_medlemsbidrag(books, y)
                for y in years
            ),
            unit="%",
        ),
        *(
            replace(
                row(text, functools.partial(kostnadsandel, books, klass=klass), "%"), decimals=1
            )
            for klass, text in KLASS_LABELS.items()
            if klass in klasser
        ),
    ]
    budget_rows = [
        replace(row(text, functools.partial(budgetandel, books, klass=klass), "%"), decimals=1)
        for klass, text in BUDGET_LABELS.items()
        if klass in klasser
    ]
    if any(not is_blank(r.values) for r in budget_rows):
        rows += budget_rows
    return Table(
        key="oversikt",
        title="Översikt över verksamhetens utveckling (tkr)",
        columns=tuple(str(y) for y in years),
        rows=tuple(rows),
        unit="tkr",
        periods=tuple(Period.year(y) for y in years),
    )

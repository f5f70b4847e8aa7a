"""Delårsrapport (LKBR 13 kap., RKR R17): the period from 1 January, with a helårsprognos.

Tables: the resultaträkning with the year's budget, the period's utfall, the
helårsprognos and the same period a year earlier; the balansräkning at the
period end and at the previous year end; the driftsredovisning per insats
and post with budget, utfall, prognos and grant; the forecast
balanskravsutredning. Where an account has no forecast of its own, the
tables say which figure stands in for it (budget, or utfall so far).
With ``periodisera`` the medlemsbidrag are periodised pro rata
(:mod:`finsam_ledger.rules.periodisering`).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from finsam_ledger.figures.budget import post_budget
from finsam_ledger.figures.utfall import post_utfall
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Table
from finsam_ledger.rules import prognos
from finsam_ledger.rules.balanskrav import prognos as balanskrav_prognos
from finsam_ledger.rules.periodisering import periodisera as periodisera_books
from finsam_ledger.statements import balansrakning as br
from finsam_ledger.statements import driftsredovisning as d
from finsam_ledger.statements import resultatrakning as rr
from finsam_ledger.statements.balanskravsutredning import rows as balanskrav_rows

KALLA_TEXT = {
    prognos.BUDGET: "Prognos enligt budget (ingen prognos angiven)",
    prognos.UTFALL: "Prognos enligt utfallet hittills (varken prognos eller budget)",
}


class _Kallor:
    """Collects which accounts are forecast at budget or utfall, for the footnotes."""

    def __init__(self, books: Books, period: Period) -> None:
        self.books = books
        self.period = period
        self.accounts: dict[str, set[str]] = {}

    def add(self, forecast: prognos.Summa) -> Decimal:
        for kalla, accounts in forecast.kallor.items():
            self.accounts.setdefault(kalla, set()).update(accounts)
        return forecast.amount

    def notes(self) -> tuple[str, ...]:
        out = []
        for kalla, text in KALLA_TEXT.items():
            # An account forecast at an utfall of nothing has nothing to state.
            accounts = [
                a
                for a in self.accounts.get(kalla, ())
                if kalla != prognos.UTFALL or self.books.change(a, self.period)
            ]
            if accounts:
                placements = [self.books.chart.placements[a] for a in accounts]
                labels = dict.fromkeys(p.notrad for p in sorted(placements, key=lambda p: p.order))
                out.append(f"{text}: {', '.join(labels)}")
        return tuple(out)


def delarsrapport(books: Books, period: Period, periodisera: bool = False) -> dict[str, Table]:
    """The tables of a delårsrapport for a period starting 1 January."""
    year = period.start.year
    helar, previous = Period.year(year), period.previous()
    notes: list[str] = []
    if periodisera:
        books, notes = periodisera_books(books, [period, previous])
    kallor = _Kallor(books, period)

    def forecast(accounts: Iterable[str]) -> Decimal:
        return kallor.add(prognos.summa(books, accounts, period))

    columns: list[rr.Column] = [
        (f"Budget {year}", lambda post: post_budget(books, post, helar)),
        (f"Utfall {period.label}", lambda post: post_utfall(books, post, period)),
        (f"Prognos {year}", lambda post: -forecast(books.chart.accounts(post))),
        (f"Utfall {previous.label}", lambda post: post_utfall(books, post, previous)),
    ]
    resultat = rr.table(
        books, columns, "resultatrakning", "Resultaträkning", (None, period, None, previous)
    )
    drift = d.tabell(
        books,
        (
            d.budget_kolumn(books, f"Budget {year}", helar),
            d.Kolumn(
                f"Utfall {period.label}",
                lambda accounts, sign, _insats: sign * books.sum_change(accounts, period),
                period,
            ),
            d.Kolumn(f"Prognos {year}", lambda accounts, sign, _insats: sign * forecast(accounts)),
            d.Avvikelse("Avvikelse budget – prognos", figur=2, budget=0),
            d.beviljat_kolumn(books, year),
        ),
        "Driftsredovisning med helårsprognos",
    )
    prognos_resultat = -forecast(books.chart.of_type(c.INCOME, c.EXPENSES))
    balanskrav = Table(
        key="balanskrav",
        title="Balanskravsutredning, prognos",
        columns=(f"Prognos {year}",),
        rows=balanskrav_rows([balanskrav_prognos(books, year, prognos_resultat)]),
    )
    footnotes = (*notes, *kallor.notes())
    return {
        "resultatrakning": _with_notes(resultat, footnotes),
        "balansrakning": _with_notes(
            br.table(books, (period, Period.year(year - 1))), tuple(notes)
        ),
        "driftsredovisning": _with_notes(drift, footnotes + drift.notes),
        "balanskrav": balanskrav,
    }


def _with_notes(table: Table, notes: tuple[str, ...]) -> Table:
    return Table(
        table.key, table.title, table.columns, table.rows, table.unit, notes, table.periods
    )

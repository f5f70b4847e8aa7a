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

from collections.abc import Callable, Iterable
from decimal import Decimal

from finsam_ledger.figures.budget import budget as figure_budget
from finsam_ledger.figures.budget import budget_or_zero, post_budget
from finsam_ledger.figures.utfall import post_utfall
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table
from finsam_ledger.rules import prognos
from finsam_ledger.rules.beviljat import beviljat_for
from finsam_ledger.rules.periodisering import periodisera as periodisera_books
from finsam_ledger.statements import balansrakning as br
from finsam_ledger.statements import resultatrakning as rr
from finsam_ledger.statements.balanskravsutredning import prognos as balanskrav_prognos
from finsam_ledger.statements.balanskravsutredning import rows as balanskrav_rows
from finsam_ledger.statements.driftsredovisning import NETTO_NOTE, minus
from finsam_ledger.statements.noter import NOT6, grupprader

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
    drift = _driftsredovisning(books, period, forecast)
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
        "driftsredovisning": _with_notes(
            drift, footnotes + (NETTO_NOTE if any(r.note == NOT6 for r in drift.rows) else ())
        ),
        "balanskrav": balanskrav,
    }


def _with_notes(table: Table, notes: tuple[str, ...]) -> Table:
    return Table(
        table.key, table.title, table.columns, table.rows, table.unit, notes, table.periods
    )


def _driftsredovisning(
    books: Books, period: Period, forecast: Callable[[Iterable[str]], Decimal]
) -> Table:
    year = period.start.year
    helar = Period.year(year)

    def line(
        label: str, accounts: list[str], sign: int, note: int | None = None, insats: bool = False
    ) -> Row:
        # An insats of a budgeted year without a budget of its own has a budget of zero.
        budget = (budget_or_zero if insats else figure_budget)(books, accounts, helar, sign)
        utfall = sign * books.sum_change(accounts, period)
        prog = sign * forecast(accounts)
        avvikelse = minus(budget, prog) if sign > 0 else minus(prog, budget)
        if note == NOT6:  # net budget, gross forecast: compare in Not 6
            avvikelse = None
        grant = beviljat_for(books, accounts, year) if insats else None
        return Row(
            label, (budget, utfall, prog, avvikelse, grant), note=note, accounts=tuple(accounts)
        )

    kostnad = line("Nettokostnad", books.chart.of_type(c.EXPENSES), 1)
    intakt = line("Bidrag/Intäkt", books.chart.of_type(c.INCOME), -1)
    resultat = tuple(
        minus(i, k) for i, k in zip(intakt.values[:3], kostnad.values[:3], strict=True)
    )
    rows = [
        kostnad,
        intakt,
        Row("Resultat", (*resultat, minus(resultat[2], resultat[0]), None), kind="sum"),
    ]
    rows += grupprader(
        books, lambda name, accounts, note: line(name, accounts, 1, note, insats=True)
    )
    return Table(
        key="driftsredovisning",
        title="Driftsredovisning med helårsprognos",
        columns=(
            f"Budget {year}",
            f"Utfall {period.label}",
            f"Prognos {year}",
            "Avvikelse budget – prognos",
            f"Beviljat {year}",
        ),
        rows=tuple(rows),
        periods=(None, period, None, None, None),
    )

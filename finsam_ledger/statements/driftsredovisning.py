"""Driftsredovisning (LKBR 10 kap., RKR R14): the budget follow-up.

The summary rows of the published report (Nettokostnad, financial costs
included; Bidrag/Intäkt; Resultat; Utgående eget kapital; Likvida medel),
then one row per insats and administration post (the rows of Not 3) with
budget, utfall, avvikelse and the board's grant (beviljat). Avvikelse is
budget − utfall for costs and utfall − budget for revenue and result; it is
left blank for a post netted in Not 6, whose budget is net while its rows
are gross. The
budget is a net budget: its revenue is the medlemsbidrag.
"""

from __future__ import annotations

from finsam_ledger.figures.budget import budget, budget_or_zero
from finsam_ledger.figures.saldo import eget_kapital_vid, post_saldo
from finsam_ledger.figures.utfall import utfall
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Value
from finsam_ledger.rules.beviljat import beviljat_for
from finsam_ledger.statements.noter import NOT6, grupprader

NETTO_NOTE = (
    "Poster med not 6 har nettobudget men redovisas brutto; avvikelsen för dem framgår "
    "netto i not 6.",
)


def nettokostnad(books: Books, period: Period) -> Value:
    """All costs of the period, financial costs included (positive)."""
    return utfall(books, books.chart.of_type(c.EXPENSES), period)


def intakt(books: Books, period: Period) -> Value:
    """All revenue of the period (positive)."""
    return utfall(books, books.chart.of_type(c.INCOME), period, -1)


def budget_nettokostnad(books: Books, period: Period) -> Value:
    """The budgeted costs."""
    return budget(books, books.chart.of_type(c.EXPENSES), period)


def budget_intakt(books: Books, period: Period) -> Value:
    """The budgeted revenue (positive)."""
    return budget(books, books.chart.of_type(c.INCOME), period, -1)


def minus(a: Value, b: Value) -> Value:
    """``a - b``, blank if either is."""
    return None if a is None or b is None else a - b


def label(period: Period) -> str:
    """``jan-dec 2021`` for a year, else the period's own label."""
    return f"jan-dec {period.start.year}" if period.is_year else period.label


def driftsredovisning(books: Books, period: Period) -> Table:
    """The driftsredovisning for a year, with the previous year and the grants."""
    previous = period.previous()
    year = period.start.year
    utfall_k, budget_k = nettokostnad(books, period), budget_nettokostnad(books, period)
    utfall_i, budget_i = intakt(books, period), budget_intakt(books, period)
    resultat, budget_r = minus(utfall_i, utfall_k), minus(budget_i, budget_k)
    rows = [
        Row(
            "Nettokostnad",
            (utfall_k, budget_k, minus(budget_k, utfall_k), nettokostnad(books, previous), None),
            accounts=tuple(books.chart.of_type(c.EXPENSES)),
        ),
        Row(
            "Bidrag/Intäkt",
            (utfall_i, budget_i, minus(utfall_i, budget_i), intakt(books, previous), None),
            accounts=tuple(books.chart.of_type(c.INCOME)),
        ),
        Row(
            "Resultat",
            (
                resultat,
                budget_r,
                minus(resultat, budget_r),
                minus(intakt(books, previous), nettokostnad(books, previous)),
                None,
            ),
            kind="sum",
        ),
        Row(
            "Utgående Eget kapital",
            (
                eget_kapital_vid(books, period.end),
                None,
                None,
                eget_kapital_vid(books, previous.end),
                None,
            ),
        ),
        Row(
            "Likvida Medel",
            (
                post_saldo(books, c.KASSA_OCH_BANK, period.end),
                None,
                None,
                post_saldo(books, c.KASSA_OCH_BANK, previous.end),
                None,
            ),
            accounts=tuple(books.chart.accounts(c.KASSA_OCH_BANK)),
        ),
    ]

    def insats(name: str, accounts: list[str], note: int | None) -> Row:
        now = utfall(books, accounts, period)
        budgeted = budget_or_zero(books, accounts, period)
        # A post netted in Not 6 has a net budget and gross books: compare it there.
        avvikelse = None if note == NOT6 else minus(budgeted, now)
        values = (
            now,
            budgeted,
            avvikelse,
            utfall(books, accounts, previous),
            beviljat_for(books, accounts, year),
        )
        return Row(name, values, note=note, accounts=tuple(accounts))

    rows += grupprader(books, insats)
    return Table(
        key="driftsredovisning",
        title="Driftsredovisning",
        columns=(
            f"Utfall {label(period)}",
            f"Aktuell budget {label(period)}",
            "Avvikelse utfall – budget",
            f"Bokslut helår {previous.start.year}"
            if period.is_year
            else f"Utfall {previous.label}",
            f"Beviljat {year}",
        ),
        rows=tuple(rows),
        notes=NETTO_NOTE if any(row.note == NOT6 for row in rows) else (),
        periods=(period, None, None, previous, None),
    )

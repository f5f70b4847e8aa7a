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

from decimal import Decimal

from finsam_ledger import chart as c
from finsam_ledger.balansrakning import eget_kapital, post_saldo
from finsam_ledger.books import Books
from finsam_ledger.insatser import beviljat_for
from finsam_ledger.noter import NOT6, kostnadsgrupper
from finsam_ledger.period import Period
from finsam_ledger.table import Row, Table, Value, heading, is_blank

ZERO = Decimal(0)
NETTO_NOTE = (
    "Poster med not 6 har nettobudget men redovisas brutto; avvikelsen för dem framgår "
    "netto i not 6.",
)


def _accounts(books: Books, kind: str) -> list[str]:
    return [p.account for p in books.chart.ordered() if p.type == kind]


def nettokostnad(books: Books, period: Period) -> Value:
    """All costs of the period, financial costs included (positive)."""
    if not books.has_transactions(period):
        return None
    return books.sum_change(_accounts(books, c.EXPENSES), period)


def intakt(books: Books, period: Period) -> Value:
    """All revenue of the period (positive)."""
    if not books.has_transactions(period):
        return None
    return -books.sum_change(_accounts(books, c.INCOME), period)


def budget_nettokostnad(books: Books, period: Period) -> Value:
    """The budgeted costs."""
    return books.budgets.total(_accounts(books, c.EXPENSES), period)


def budget_intakt(books: Books, period: Period) -> Value:
    """The budgeted revenue (positive)."""
    total = books.budgets.total(_accounts(books, c.INCOME), period)
    return None if total is None else -total


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
            accounts=tuple(_accounts(books, c.EXPENSES)),
        ),
        Row(
            "Bidrag/Intäkt",
            (utfall_i, budget_i, minus(utfall_i, budget_i), intakt(books, previous), None),
            accounts=tuple(_accounts(books, c.INCOME)),
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
            (eget_kapital(books, period.end), None, None, eget_kapital(books, previous.end), None),
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
    budgeted = books.budgets.any_in(period)
    for group, items in kostnadsgrupper(books):
        group_rows = []
        for name, (accounts, note) in items.items():
            utfall = books.sum_change(accounts, period) if books.has_transactions(period) else None
            budget = books.budgets.total(accounts, period)
            if budget is None and budgeted:
                budget = ZERO
            before = (
                books.sum_change(accounts, previous) if books.has_transactions(previous) else None
            )
            # A post netted in Not 6 has a net budget and gross books: compare it there.
            avvikelse = None if note == NOT6 else minus(budget, utfall)
            values = (
                utfall,
                budget,
                avvikelse,
                before,
                beviljat_for(books, accounts, year),
            )
            if not is_blank(values):
                group_rows.append(Row(name, values, note=note, accounts=tuple(accounts)))
        if group_rows:
            rows += [heading(group, 5), *group_rows]
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

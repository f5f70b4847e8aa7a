"""Driftsredovisning (LKBR 10 kap., RKR R14): the budget follow-up.

The summary rows of the published report (Nettokostnad, financial costs
included; Bidrag/Intäkt; Resultat; in the årsredovisning also Utgående eget
kapital and Likvida medel: Kassa och bank and the kortfristiga placeringar
classified as likvida medel), then one row per insats and administration post
(the rows of Not 3, each group closed by its sum). One builder, :func:`tabell`,
makes the table of either report from its columns (:class:`Kolumn`, :class:`Avvikelse`): the
årsredovisning's utfall, budget, avvikelse, the previous year and the
board's grant (beviljat), and the delårsrapport's budget, utfall for the
period, helårsprognos, avvikelse and grant
(:mod:`finsam_ledger.statements.delarsrapport`).

Avvikelse is budget − the figure compared for costs and that figure −
budget for revenue and result; it is left blank for a post netted in Not 6,
whose budget is net while its rows are gross. The budget is a net budget:
its revenue is the medlemsbidrag.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from finsam_ledger.figures.budget import budget, budget_or_zero
from finsam_ledger.figures.saldo import eget_kapital_vid
from finsam_ledger.figures.utfall import utfall
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Value
from finsam_ledger.rules.beviljat import beviljat_for
from finsam_ledger.statements.noter import NOT6, grupprader, gruppsumma

NETTO_NOTE = (
    "Poster med not 6 har nettobudget men redovisas brutto; avvikelsen för dem framgår "
    "netto i not 6.",
)

Figur = Callable[[list[str], int, bool], Value]
"""A column's figure for a row: its accounts, the sign (1 costs, -1 revenue), whether an insats."""


@dataclass(frozen=True)
class Kolumn:
    """A column of figures; ``period`` is the period of the books it shows (utfall), if any.

    In the årsredovisning, the rows of eget kapital and likvida medel show
    the balance at the end of a column's ``period``.
    """

    rubrik: str
    figur: Figur
    period: Period | None = None


@dataclass(frozen=True)
class Avvikelse:
    """The column ``figur`` compared with ``budget`` (both column indexes)."""

    rubrik: str
    figur: int
    budget: int


def minus(a: Value, b: Value) -> Value:
    """``a - b``, blank if either is."""
    return None if a is None or b is None else a - b


def label(period: Period) -> str:
    """``jan-dec 2021`` for a year, else the period's own label."""
    return f"jan-dec {period.start.year}" if period.is_year else period.label


def budget_kolumn(books: Books, rubrik: str, period: Period) -> Kolumn:
    """The budget for the period; an insats of a budgeted year without one of its own has zero."""
    return Kolumn(
        rubrik,
        lambda accounts, sign, insats: (budget_or_zero if insats else budget)(
            books, accounts, period, sign
        ),
    )


def beviljat_kolumn(books: Books, year: int) -> Kolumn:
    """The board's grants of the year, for the insats rows."""
    return Kolumn(
        f"Beviljat {year}",
        lambda accounts, _sign, insats: beviljat_for(books, accounts, year) if insats else None,
    )


def tabell(
    books: Books,
    period: Period,
    kolumner: Sequence[Kolumn | Avvikelse],
    title: str,
    saldorader: bool = False,
    notes: tuple[str, ...] = (),
) -> Table:
    """A driftsredovisning of the report's ``period`` with these columns.

    ``saldorader`` adds eget kapital and likvida medel. The rows per insats
    and post are printed as :func:`~finsam_ledger.statements.noter.rader`
    says; a sub-account's detail row (``delrader``) shows a budget only
    where it has one of its own, and no grant.
    """

    def values(accounts: list[str], sign: int, note: int | None, insats: bool) -> list[Value]:
        out = [k.figur(accounts, sign, insats) if isinstance(k, Kolumn) else None for k in kolumner]
        for i, k in enumerate(kolumner):
            # A post netted in Not 6 has a net budget and gross books: compare it there.
            if isinstance(k, Avvikelse) and note != NOT6:
                out[i] = avvikelse(k, out, sign)
        return out

    def avvikelse(k: Avvikelse, out: Sequence[Value], sign: int) -> Value:
        figur, planerat = out[k.figur], out[k.budget]
        return minus(planerat, figur) if sign > 0 else minus(figur, planerat)

    kostnader = books.chart.of_type(c.EXPENSES)
    intakter = books.chart.of_type(c.INCOME)
    kostnad = Row(
        "Nettokostnad", tuple(values(kostnader, 1, None, False)), accounts=tuple(kostnader)
    )
    intakt = Row(
        "Bidrag/Intäkt", tuple(values(intakter, -1, None, False)), accounts=tuple(intakter)
    )
    resultat = [minus(i, k) for i, k in zip(intakt.values, kostnad.values, strict=True)]
    for i, k in enumerate(kolumner):
        if isinstance(k, Avvikelse):
            resultat[i] = avvikelse(k, resultat, -1)
    rows = [kostnad, intakt, Row("Resultat", tuple(resultat), kind="sum")]
    if saldorader:

        def saldo(value: Callable[[Period], Value]) -> tuple[Value, ...]:
            return tuple(
                value(k.period) if isinstance(k, Kolumn) and k.period else None for k in kolumner
            )

        # Kassa och bank, and the placeringar classified as likvida medel (RKR R13).
        kassa = books.chart.in_kassaflode(c.KF_LIKVIDA)
        rows += [
            Row("Utgående eget kapital", saldo(lambda p: eget_kapital_vid(books, p.end))),
            Row(
                "Likvida medel",
                saldo(lambda p: books.sum_balance(kassa, p.end)),
                accounts=tuple(kassa),
            ),
        ]

    def summa(group: str, group_rows: list[Row]) -> Row:
        # The group's figures summed; its avvikelse blank if a row is netted in Not 6.
        total = gruppsumma(group, group_rows)
        out = [
            None if isinstance(k, Avvikelse) else v
            for k, v in zip(kolumner, total.values, strict=True)
        ]
        netted = any(row.note == NOT6 for row in group_rows)
        for i, k in enumerate(kolumner):
            if isinstance(k, Avvikelse) and not netted:
                out[i] = avvikelse(k, out, 1)
        return replace(total, values=tuple(out))

    rows += grupprader(
        books,
        period,
        lambda name, accounts, note: Row(
            name, tuple(values(accounts, 1, note, True)), note=note, accounts=tuple(accounts)
        ),
        summa,
        delrad=lambda name, accounts, note: Row(
            name, tuple(values(accounts, 1, note, False)), accounts=tuple(accounts)
        ),
    )
    netted = [row for row in rows if row.note == NOT6]
    # The footnote concerns the rows netted in Not 6 (a renderer may mark them).
    netto = tuple(a for row in netted for a in row.accounts)
    return Table(
        key="driftsredovisning",
        title=title,
        columns=tuple(k.rubrik for k in kolumner),
        rows=tuple(rows),
        notes=notes + (NETTO_NOTE if netted else ()),
        periods=tuple(k.period if isinstance(k, Kolumn) else None for k in kolumner),
        note_accounts=tuple((note, netto) for note in NETTO_NOTE) if netto else (),
    )


def driftsredovisning(books: Books, period: Period) -> Table:
    """The driftsredovisning for a year, with the previous year and the grants."""
    previous = period.previous()
    year = period.start.year
    return tabell(
        books,
        period,
        (
            Kolumn(
                f"Utfall {label(period)}",
                lambda accounts, sign, _insats: utfall(books, accounts, period, sign),
                period,
            ),
            budget_kolumn(books, f"Aktuell budget {label(period)}", period),
            Avvikelse("Avvikelse utfall – budget", figur=0, budget=1),
            Kolumn(
                f"Bokslut helår {previous.start.year}"
                if period.is_year
                else f"Utfall {previous.label}",
                lambda accounts, sign, _insats: utfall(books, accounts, previous, sign),
                previous,
            ),
            beviljat_kolumn(books, year),
        ),
        "Driftsredovisning",
        saldorader=True,
    )

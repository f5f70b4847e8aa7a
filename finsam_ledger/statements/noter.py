"""Not 2–5: the notes that break down the statements' lines.

Each note row is a ``notrad`` (an account's ancestor at depth three unless
its metadata says otherwise); accounts sharing a row are summed, rows come in
the order the accounts are declared, and rows that are zero in every column
are left out. Not 2 sums the members' bidrag (Medlemsbidrag) and the other
income (Övriga intäkter) and has a budget column. Not 3 is grouped by Finsam
class, budget not yet allocated (klass ny-verksamhet) with the insatser, each
group closed by its sum; its rows with an account
that names a ``budgetpost`` refer to Not 6, where they are netted.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import replace

from finsam_ledger.figures.budget import budget, budget_or_zero
from finsam_ledger.figures.utfall import utfall
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Value, column_sums, heading, is_blank

# Not 6 nets the rows whose accounts name a budgetpost.
NOT6 = 6

NOT3_GRUPPER: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "Individ- och strukturinriktade insatser",
        frozenset({c.INDIVIDINRIKTAD, c.STRUKTURINRIKTAD, c.NY_VERKSAMHET}),
    ),
    ("Administration", frozenset({c.ADMINISTRATION})),
)


def notrader(placements: Sequence[c.Placement]) -> dict[str, list[str]]:
    """Note rows and their accounts, in declaration order."""
    rows: dict[str, list[str]] = {}
    for placement in sorted(placements, key=lambda p: p.order):
        rows.setdefault(placement.notrad, []).append(placement.account)
    return rows


def kostnadsgrupper(
    books: Books,
) -> list[tuple[str, dict[str, tuple[list[str], int | None]]]]:
    """Not 3's groups: per Finsam class group, its rows with their accounts and note.

    A row whose accounts name a ``budgetpost`` refers to Not 6.
    """
    placements = _placements(books, c.VERKSAMHETENS_KOSTNADER)
    groups = []
    for label, klasser in NOT3_GRUPPER:
        group = [p for p in placements if p.klass in klasser]
        netted = {p.account for p in group if p.budgetpost is not None}
        rows = {
            name: (accounts, NOT6 if netted.intersection(accounts) else None)
            for name, accounts in notrader(group).items()
        }
        groups.append((label, rows))
    return groups


def grupprader(
    books: Books,
    row: Callable[[str, list[str], int | None], Row],
    summa: Callable[[str, list[Row]], Row] | None = None,
) -> list[Row]:
    """Not 3's groups as rows: per group a heading, its rows that are not blank, its sum.

    ``row`` makes the row of a note row's label, accounts and note reference;
    ``summa`` the sum row of a group's label and rows (by default
    "Summa <group>", every column summed).
    """
    rows: list[Row] = []
    for group, items in kostnadsgrupper(books):
        group_rows = [
            line
            for name, (accounts, note) in items.items()
            if not is_blank((line := row(name, accounts, note)).values)
        ]
        if group_rows:
            total = (summa or gruppsumma)(group, group_rows)
            rows += [heading(group, len(group_rows[0].values)), *group_rows, total]
    return rows


def gruppsumma(group: str, rows: Sequence[Row]) -> Row:
    """``Summa <group>``: every column of the group's rows summed."""
    return Row(
        f"Summa {group}",
        column_sums(rows, len(rows[0].values)),
        kind="sum",
        accounts=tuple(a for row in rows for a in row.accounts),
    )


def _note(
    key: str,
    title: str,
    columns: tuple[str, ...],
    placements: Sequence[c.Placement],
    value: Callable[[list[str]], tuple[Value, ...]],
    periods: tuple[Period | None, ...],
    total_label: str = "Summa",
) -> Table:
    rows = []
    for label, accounts in notrader(placements).items():
        values = value(accounts)
        if not is_blank(values):
            rows.append(Row(label, values, accounts=tuple(accounts)))
    sums = column_sums(rows, len(columns)) if rows else value([])
    total = Row(total_label, sums, kind="sum")
    return Table(key, title, columns, (*rows, total), periods=periods)


def _placements(books: Books, post: c.Post) -> list[c.Placement]:
    return [p for p in books.chart.ordered() if p.post == post]


def intaktsrader(
    books: Books,
    row: Callable[[str, list[str], int | None], Row],
    posts: Sequence[c.Post] = (c.VERKSAMHETENS_INTAKTER,),
) -> list[Row]:
    """Income rows: the members' rows and their sum, then the other rows and theirs.

    ``row`` makes the row of a note row's label, accounts and note reference;
    the groups' sums are "Medlemsbidrag" and "Övriga intäkter" (income on
    the other ``posts``, finansiella intäkter say, counts as other income).
    """
    placements = [p for post in posts for p in _placements(books, post)]
    placements.sort(key=lambda p: p.order)
    rows: list[Row] = []
    for group, members in (
        ("Medlemsbidrag", [p for p in placements if p.part is not None]),
        ("Övriga intäkter", [p for p in placements if p.part is None]),
    ):
        group_rows = [
            line
            for label, accounts in notrader(members).items()
            if not is_blank((line := row(label, accounts, None)).values)
        ]
        if group_rows:
            rows += [*group_rows, replace(gruppsumma(group, group_rows), label=group)]
    return rows


def not2(books: Books, period: Period) -> Table:
    """Not 2 Verksamhetens intäkter, with budget.

    One row per member's bidrag and their sum (Medlemsbidrag), then the
    other income rows and their sum (Övriga intäkter), then Summa. Income is
    shown positive; the budget is blank where the rows have none.
    """
    previous = period.previous()

    def values(accounts: list[str]) -> tuple[Value, ...]:
        return (
            budget(books, accounts, period, -1),
            utfall(books, accounts, period, -1),
            utfall(books, accounts, previous, -1),
        )

    rows = intaktsrader(
        books, lambda label, accounts, _note: Row(label, values(accounts), accounts=tuple(accounts))
    )
    lines = [row for row in rows if row.kind == "line"]
    total = column_sums(lines, 3) if lines else values([])
    rows.append(Row("Summa", total, kind="sum"))
    return Table(
        "not2",
        "Not 2 Verksamhetens intäkter",
        (f"Budget {period.label}", period.label, previous.label),
        tuple(rows),
        periods=(None, period, previous),
    )


def not3(books: Books, period: Period) -> Table:
    """Not 3 Verksamhetens kostnader per insats and administration post, with budget."""
    previous = period.previous()

    def values(accounts: list[str]) -> tuple[Value, ...]:
        return (
            budget_or_zero(books, accounts, period),
            utfall(books, accounts, period),
            utfall(books, accounts, previous),
        )

    rows = grupprader(
        books,
        lambda name, accounts, note: Row(
            name, values(accounts), note=note, accounts=tuple(accounts)
        ),
    )
    lines = [row for row in rows if row.kind == "line"]
    rows.append(Row("Totalt", column_sums(lines, 3), kind="sum"))
    return Table(
        "not3",
        "Not 3 Verksamhetens kostnader",
        (f"Budget {period.label}", period.label, previous.label),
        tuple(rows),
        periods=(None, period, previous),
    )


def _saldo_note(books: Books, period: Period, post: c.Post, key: str, title: str) -> Table:
    days: tuple[datetime.date, ...] = (period.end, period.previous().end)
    sign = 1 if c.ASSETS in post.types else -1
    return _note(
        key,
        title,
        tuple((day - datetime.timedelta(days=1)).isoformat() for day in days),
        _placements(books, post),
        lambda accounts: tuple(sign * books.sum_balance(accounts, day) for day in days),
        (period, period.previous()),
    )


def not4(books: Books, period: Period) -> Table:
    """Not 4 Fordringar at the end of the period and a year earlier."""
    return _saldo_note(books, period, c.FORDRINGAR, "not4", "Not 4 Fordringar")


def not5(books: Books, period: Period) -> Table:
    """Not 5 Kortfristiga skulder at the end of the period and a year earlier."""
    return _saldo_note(books, period, c.KORTFRISTIGA_SKULDER, "not5", "Not 5 Kortfristiga skulder")

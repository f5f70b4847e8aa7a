"""Not 2–5: the notes that break down the statements' lines.

Each note row is a ``notrad`` (an account's ancestor at depth three unless
its metadata says otherwise); accounts sharing a row are summed and rows
come in the order the accounts are declared. Not 2 sums the members' bidrag
(Medlemsbidrag) and the other income (Övriga intäkter) and has a budget
column. Not 3 is grouped by Finsam class, budget not yet allocated (klass
ny-verksamhet) with the insatser, each group closed by its sum; its rows
with an account that names a ``budgetpost`` refer to Not 6, where they are
netted.

Which rows are printed (:func:`visas`), in every builder here and so in
the driftsredovisning and the delårsrapport too: a row with a figure that
is not zero, always; a row that is zero (or blank) in every column when one
of its accounts is open during the report's period (opened on or before
its last day, not closed before its first), unless the ledger says
``custom "rapportinstallning" "nollrader" "dolj"``; never a row whose
accounts were all closed before the period (or opened after it) and that
is zero everywhere.

Detail rows (:func:`delrader`): under the row of an account whose open line
says ``delrader: TRUE``, one row per sub-account (kind ``detail``, printed
indented, never counted in a sum), printed by the same rule. What is booked
on the insats account itself is in its row and in no detail row.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from finsam_ledger.figures.budget import budget, budget_or_zero
from finsam_ledger.figures.utfall import utfall
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Value, column_sums, heading, is_blank

# Not 6 nets the rows whose accounts name a budgetpost.
NOT6 = 6
# The report setting that hides rows of open accounts that are zero in every column.
NOLLRADER = "nollrader"

RowMaker = Callable[[str, list[str], int | None], Row]
"""The row of a note row's label, accounts and note reference."""

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


def nollrader_visas(books: Books, period: Period) -> bool:
    """Whether rows of open accounts that are zero everywhere are printed (``nollrader``)."""
    return books.direktiv.installning(NOLLRADER, period.last_day) == "visa"


def visas(books: Books, period: Period, accounts: Iterable[str], values: Iterable[Value]) -> bool:
    """Whether a row of these accounts with these figures is printed in a report of the period.

    A figure that is not zero: always. Zero or blank in every column: when
    one of the accounts is open during the period, unless the ledger hides
    such rows (``custom "rapportinstallning" "nollrader" "dolj"``).
    """
    if not is_blank(values):
        return True
    return nollrader_visas(books, period) and books.chart.open_during(
        accounts, period.start, period.last_day
    )


def delrader(books: Books, accounts: Sequence[str]) -> dict[str, list[str]]:
    """The detail rows of a note row's accounts: label and accounts, in declaration order.

    One per sub-account (with everything below it) of an account of the row
    whose open line says ``delrader: TRUE``; sub-accounts with the same
    ``delrad`` are one row. The row's other accounts (the insats itself) are
    in none.
    """
    own = set(accounts)
    placements = sorted(
        (books.chart.placements[a] for a in accounts if a in books.chart.placements),
        key=lambda p: p.order,
    )
    rows: dict[str, list[str]] = {}
    for placement in placements:
        if placement.delrad is not None and placement.delrader in own:
            rows.setdefault(placement.delrad, []).append(placement.account)
    return rows


def rader(
    books: Books,
    period: Period,
    items: Iterable[tuple[str, list[str], int | None]],
    row: RowMaker,
    delrad: RowMaker | None = None,
) -> list[Row]:
    """The printed rows of note rows (label, accounts, note), each with its detail rows.

    ``row`` makes a row, ``delrad`` a detail row (by default ``row``); both
    get the note row's note reference, which a detail row does not print.
    A row is printed by :func:`visas`, a detail row likewise, under a
    printed row only.
    """
    out: list[Row] = []
    for label, accounts, note in items:
        line = row(label, accounts, note)
        if not visas(books, period, accounts, line.values):
            continue
        out.append(line)
        for sub, sub_accounts in delrader(books, accounts).items():
            detail = (delrad or row)(sub, sub_accounts, note)
            if visas(books, period, sub_accounts, detail.values):
                out.append(replace(detail, kind="detail", note=None))
    return out


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
    period: Period,
    row: RowMaker,
    summa: Callable[[str, list[Row]], Row] | None = None,
    *,
    delrad: RowMaker | None = None,
) -> list[Row]:
    """Not 3's groups as rows: per group a heading, its printed rows, its sum.

    ``row`` makes the row of a note row's label, accounts and note reference,
    ``delrad`` a detail row (by default ``row``); rows are printed as
    :func:`rader` says for a report of ``period``. ``summa`` makes the sum
    row of a group's label and rows, detail rows among them (by default
    "Summa <group>", every column summed, detail rows left out).
    """
    rows: list[Row] = []
    for group, items in kostnadsgrupper(books):
        group_rows = rader(
            books,
            period,
            ((name, accounts, note) for name, (accounts, note) in items.items()),
            row,
            delrad,
        )
        if group_rows:
            total = (summa or gruppsumma)(group, group_rows)
            rows += [heading(group, len(group_rows[0].values)), *group_rows, total]
    return rows


def gruppsumma(group: str, rows: Sequence[Row]) -> Row:
    """``Summa <group>``: every column of the group's rows summed, detail rows left out."""
    return Row(
        f"Summa {group}",
        column_sums(rows, len(rows[0].values)),
        kind="sum",
        accounts=tuple(a for row in rows if row.kind != "detail" for a in row.accounts),
    )


def _note(
    books: Books,
    period: Period,
    key: str,
    title: str,
    columns: tuple[str, ...],
    placements: Sequence[c.Placement],
    value: Callable[[list[str]], tuple[Value, ...]],
    periods: tuple[Period | None, ...],
    total_label: str = "Summa",
) -> Table:
    rows = rader(
        books,
        period,
        ((label, accounts, None) for label, accounts in notrader(placements).items()),
        lambda label, accounts, _note: Row(label, value(accounts), accounts=tuple(accounts)),
    )
    sums = column_sums(rows, len(columns)) if rows else value([])
    total = Row(total_label, sums, kind="sum")
    return Table(key, title, columns, (*rows, total), periods=periods)


def _placements(books: Books, post: c.Post) -> list[c.Placement]:
    return [p for p in books.chart.ordered() if p.post == post]


def intaktsrader(
    books: Books,
    period: Period,
    row: RowMaker,
    posts: Sequence[c.Post] = (c.VERKSAMHETENS_INTAKTER,),
    *,
    delrad: RowMaker | None = None,
) -> list[Row]:
    """Income rows: the members' rows and their sum, then the other rows and theirs.

    ``row`` makes the row of a note row's label, accounts and note reference,
    ``delrad`` a detail row (by default ``row``); rows are printed as
    :func:`rader` says for a report of ``period``. The groups' sums are
    "Medlemsbidrag" and "Övriga intäkter" (income on the other ``posts``,
    finansiella intäkter say, counts as other income), detail rows left out.
    """
    placements = [p for post in posts for p in _placements(books, post)]
    placements.sort(key=lambda p: p.order)
    rows: list[Row] = []
    for group, members in (
        ("Medlemsbidrag", [p for p in placements if p.part is not None]),
        ("Övriga intäkter", [p for p in placements if p.part is None]),
    ):
        group_rows = rader(
            books,
            period,
            ((label, accounts, None) for label, accounts in notrader(members).items()),
            row,
            delrad,
        )
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
        books,
        period,
        lambda label, accounts, _note: Row(label, values(accounts), accounts=tuple(accounts)),
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

    def values(accounts: list[str], insats: bool = True) -> tuple[Value, ...]:
        # A sub-account's detail row shows only a budget of its own.
        return (
            (budget_or_zero if insats else budget)(books, accounts, period),
            utfall(books, accounts, period),
            utfall(books, accounts, previous),
        )

    rows = grupprader(
        books,
        period,
        lambda name, accounts, note: Row(
            name, values(accounts), note=note, accounts=tuple(accounts)
        ),
        delrad=lambda name, accounts, _note: Row(
            name, values(accounts, insats=False), accounts=tuple(accounts)
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
        books,
        period,
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

"""Charts as data: what a table's figures look like as bars, a pie or a line.

Every chart is read from a report table, never from the books: a builder
takes the :class:`~finsam_ledger.model.table.Table` (or the
:class:`~finsam_ledger.exports.layout.PrintedTable` a renderer already
has), rounds it once as every renderer does (:func:`printed_table`) and
picks rows and columns, so a chart shows exactly the printed numbers. Each
value remembers the cell it was printed in (:class:`Cell`), so the XLSX
export's native charts refer to the sheet's own cells; a value no cell
prints (a riktvärde line read from a row's label) has none.

The charts (:data:`CHARTS`, by table key):

* ``oversikt``: :func:`kostnadsfordelning`, the cost split by Finsam class
  in the latest year (the "(% av kostnaderna)" rows, a pie), and
  :func:`eget_kapital`, eget kapital over the overview's years against the
  riktvärde (a line);
* ``driftsredovisning``: :func:`budget_utfall`, budget against utfall (and
  the helårsprognos, in a delårsrapport) for each insats and post (bars);
* ``budgetplan``: :func:`projektion`, the projected eget kapital at the end
  of each year against the riktvärde in kronor (a line).

A table without the rows a chart needs gets no chart (``None``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from finsam_ledger.exports.layout import PrintedRow, PrintedTable, printed_table
from finsam_ledger.model.table import Number, Table, Unit

Kind = Literal["bar", "pie", "line"]

KOSTNADSANDEL = " (% av kostnaderna)"
"""The suffix of the overview's cost split rows (the class's share of the year's costs)."""
EGET_KAPITAL_SLUT = "Eget kapital vid årets slut"
RIKTVARDE_KRONOR = "Riktvärde eget kapital"
KRONOR: frozenset[Unit] = frozenset({"kr", "tkr"})
# "riktvärde högst 15 %", "(högst 15 % av medlemsbidragen)", "Riktvärde 12,5 %"
_SHARE = re.compile(r"(?:riktvärde|högst)\D*?(\d+(?:[,.]\d+)?)\s*%", re.IGNORECASE)


@dataclass(frozen=True)
class Cell:
    """Where a value or a text is printed: a row and a column of the printed table.

    ``row`` ``None`` is the column headings' row; ``column`` ``None`` is the
    label column.
    """

    row: int | None
    column: int | None


@dataclass(frozen=True)
class Series:
    """One series: a value per category (``None`` where the table prints none).

    ``cells`` say where each value is printed, ``name_cell`` where the name
    is; both are empty for a series the table does not print (a riktvärde
    line computed from a row's label). ``guidance`` marks a riktvärde line.
    """

    name: str
    values: tuple[Decimal | None, ...]
    cells: tuple[Cell, ...] = ()
    name_cell: Cell | None = None
    guidance: bool = False


@dataclass(frozen=True)
class Chart:
    """A chart of one table: its kind, categories and series, in the table's printed unit."""

    key: str
    table: str
    kind: Kind
    title: str
    unit: Unit
    decimals: int
    categories: tuple[str, ...]
    category_cells: tuple[Cell, ...]
    series: tuple[Series, ...]

    @property
    def id(self) -> str:
        """The chart's id in a page: ``oversikt-kostnadsfordelning``."""
        return f"{self.table}-{self.key}"


def _printed(table: Table | PrintedTable, tkr: bool) -> PrintedTable:
    return table if isinstance(table, PrintedTable) else printed_table(table, tkr)


def _decimal(value: Number | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _rows(table: PrintedTable, test: Callable[[PrintedRow], bool]) -> list[tuple[int, PrintedRow]]:
    return [(i, row) for i, row in enumerate(table.rows) if test(row)]


def _first(
    table: PrintedTable, test: Callable[[PrintedRow], bool]
) -> tuple[int, PrintedRow] | None:
    found = _rows(table, test)
    return found[0] if found else None


def _starts(prefix: str, units: frozenset[Unit]) -> Callable[[PrintedRow], bool]:
    """A line or sum whose label starts with ``prefix`` (any case), printed in ``units``."""
    folded = prefix.casefold()
    return lambda row: (
        not row.is_heading and row.unit in units and row.label.casefold().startswith(folded)
    )


def _latest(table: PrintedTable) -> int:
    """The column of the latest period (the report year in the overview); else the first."""
    dated = [(p.end, i) for i, p in enumerate(table.periods) if p is not None]
    return max(dated)[1] if dated else 0


def _chronological(table: PrintedTable) -> list[int]:
    """The columns oldest first when every column shows a period; else in the table's order."""
    starts = [p.start for p in table.periods if p is not None]
    if len(starts) == len(table.columns):
        return sorted(range(len(starts)), key=lambda i: (starts[i], i))
    return list(range(len(table.columns)))


def riktvarde_andel(label: str) -> Decimal | None:
    """The riktvärde's share of medlemsbidrag a label states: 15 in "(riktvärde högst 15 %)"."""
    match = _SHARE.search(label)
    return Decimal(match.group(1).replace(",", ".")) if match else None


def kostnadsfordelning(table: Table | PrintedTable, tkr: bool = False) -> Chart | None:
    """The cost split by class in the overview's latest year: its "(% av kostnaderna)" rows.

    A pie (a bar chart if a share is negative); classes without a figure
    that year are left out; ``None`` if none has one.
    """
    printed = _printed(table, tkr)
    if not printed.columns:
        return None
    column = _latest(printed)
    rows = [
        (i, row)
        for i, row in _rows(printed, lambda r: r.unit == "%" and r.label.endswith(KOSTNADSANDEL))
        if not row.is_heading and row.values[column] is not None
    ]
    if not rows:
        return None
    values = tuple(_decimal(row.values[column]) for _, row in rows)
    kind: Kind = "pie" if all(v is not None and v >= 0 for v in values) else "bar"
    year = printed.columns[column]
    return Chart(
        key="kostnadsfordelning",
        table=printed.key,
        kind=kind,
        title=f"Kostnadsfördelning {year} (% av kostnaderna)",
        unit="%",
        decimals=max(row.decimals for _, row in rows),
        categories=tuple(row.label.removesuffix(KOSTNADSANDEL) for _, row in rows),
        category_cells=tuple(Cell(i, None) for i, _ in rows),
        series=(Series(year, values, tuple(Cell(i, column) for i, _ in rows), Cell(None, column)),),
    )


def _column(table: PrintedTable, test: Callable[[str], bool]) -> int | None:
    for i, heading in enumerate(table.columns):
        if test(heading.casefold()):
            return i
    return None


def budget_utfall(table: Table | PrintedTable, tkr: bool = False) -> Chart | None:
    """Budget against utfall for each insats and post of the driftsredovisning (bars).

    The rows under the table's headings (an insats or an administration
    post; the summary rows above the first heading, headings, sums and
    detail rows are left out), and of them those with a figure other than
    zero. The budget is the first column whose heading says "budget" (not
    an avvikelse), the utfall the first column that shows a period of the
    books; a delårsrapport's helårsprognos ("Prognos …") is a third series.
    ``None`` without such columns or rows.
    """
    printed = _printed(table, tkr)
    budget = _column(printed, lambda h: "budget" in h and "avvikelse" not in h)
    utfall = next((i for i, p in enumerate(printed.periods) if p is not None), None)
    if budget is None or utfall is None:
        return None
    prognos = _column(printed, lambda h: h.startswith("prognos"))
    columns = [budget, utfall, *([prognos] if prognos is not None else [])]
    first_heading = next((i for i, row in enumerate(printed.rows) if row.is_heading), None)
    if first_heading is None:
        return None
    rows = [
        (i, row)
        for i, row in enumerate(printed.rows)
        if i > first_heading
        and row.kind == "line"
        and any(row.values[c] not in (None, 0) for c in columns)
    ]
    if not rows:
        return None
    return Chart(
        key="budget-utfall",
        table=printed.key,
        kind="bar",
        title="Budget och utfall per insats och post",
        unit=printed.unit,
        decimals=0,
        categories=tuple(row.label for _, row in rows),
        category_cells=tuple(Cell(i, None) for i, _ in rows),
        series=tuple(
            Series(
                printed.columns[c],
                tuple(_decimal(row.values[c]) for _, row in rows),
                tuple(Cell(i, c) for i, _ in rows),
                Cell(None, c),
            )
            for c in columns
        ),
    )


def _row_series(found: tuple[int, PrintedRow], columns: Sequence[int]) -> Series:
    i, row = found
    return Series(
        row.label,
        tuple(_decimal(row.values[c]) for c in columns),
        tuple(Cell(i, c) for c in columns),
        Cell(i, None),
    )


def _constant(name: str, value: Decimal, width: int) -> Series:
    return Series(name, (value,) * width, guidance=True)


def _line(
    table: PrintedTable,
    key: str,
    title: str,
    columns: list[int],
    main: tuple[int, PrintedRow],
    guidance: Callable[[list[int]], Series | None],
) -> Chart | None:
    """A line of ``main`` over ``columns`` (those it has a figure in) and its guidance line."""
    columns = [c for c in columns if main[1].values[c] is not None]
    if not columns:
        return None
    line = guidance(columns)
    return Chart(
        key=key,
        table=table.key,
        kind="line",
        title=title,
        unit=main[1].unit,
        decimals=main[1].decimals,
        categories=tuple(table.columns[c] for c in columns),
        category_cells=tuple(Cell(None, c) for c in columns),
        series=(_row_series(main, columns), *([line] if line else [])),
    )


def eget_kapital(table: Table | PrintedTable, tkr: bool = False) -> Chart | None:
    """Eget kapital over the overview's years (oldest first) against the riktvärde (a line).

    As the table has them: eget kapital in kronor (a row "Eget kapital …"
    in kr or tkr) with a row "Riktvärde …" in kronor, or else the
    riktvärde computed from the table's own rows, the medlemsbidrag row
    times the share the table states; without eget kapital in kronor, the
    row "Eget kapital … %" (eget kapital in percent of medlemsbidrag)
    against the share its label states ("riktvärde högst 15 %"). Years
    without the figure are left out; ``None`` if the table has none.
    """
    printed = _printed(table, tkr)
    columns = _chronological(printed)
    labels = [row.label for row in printed.rows]
    share = next((s for s in map(riktvarde_andel, labels) if s is not None), None)
    kronor = _first(
        printed,
        lambda r: _starts("Eget kapital", KRONOR)(r) and "%" not in r.label,
    )
    if kronor is not None:
        riktvarde = _first(printed, _starts("Riktvärde", KRONOR))
        bidrag = _first(printed, _starts("Medlemsbidrag", KRONOR))

        def guidance(kept: list[int]) -> Series | None:
            if riktvarde is not None:
                return _guidance(_row_series(riktvarde, kept))
            if bidrag is None or share is None:
                return None
            values = tuple(_share_of(bidrag[1].values[c], share) for c in kept)
            return Series(f"Riktvärde ({_percent(share)} av medlemsbidrag)", values, guidance=True)

        return _line(
            printed, "eget-kapital", "Eget kapital och riktvärdet", columns, kronor, guidance
        )
    procent = _first(
        printed, lambda r: _starts("Eget kapital", frozenset({"%"}))(r) and "%" in r.label
    )
    if procent is None:
        return None
    return _line(
        printed,
        "eget-kapital",
        "Eget kapital i % av medlemsbidrag och riktvärdet",
        columns,
        procent,
        lambda kept: None if share is None else _constant(_riktvarde_namn(share), share, len(kept)),
    )


def _guidance(series: Series) -> Series:
    return Series(series.name, series.values, series.cells, series.name_cell, guidance=True)


def _percent(share: Decimal) -> str:
    return f"{share.normalize():f}".replace(".", ",") + " %"


def _riktvarde_namn(share: Decimal) -> str:
    return f"Riktvärde högst {_percent(share)}"


def _share_of(value: Number | None, share: Decimal) -> Decimal | None:
    """``share`` percent of a printed amount, rounded as the row it is read from."""
    if value is None:
        return None
    return (Decimal(value) * share / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def projektion(table: Table | PrintedTable, tkr: bool = False) -> Chart | None:
    """The budget plan's eget kapital at the end of each year against the riktvärde (a line).

    The rows "Eget kapital vid årets slut" and "Riktvärde eget kapital …"
    in kronor, matched by the start of their labels, over the table's
    columns in its order (those with a figure of eget kapital); ``None``
    if the table has no such row.
    """
    printed = _printed(table, tkr)
    slut = _first(printed, _starts(EGET_KAPITAL_SLUT, KRONOR))
    if slut is None:
        return None
    riktvarde = _first(printed, _starts(RIKTVARDE_KRONOR, KRONOR))
    return _line(
        printed,
        "projektion",
        "Eget kapital vid årets slut mot riktvärdet",
        list(range(len(printed.columns))),
        slut,
        lambda kept: None if riktvarde is None else _guidance(_row_series(riktvarde, kept)),
    )


Builder = Callable[[Table | PrintedTable, bool], Chart | None]

CHARTS: dict[str, tuple[Builder, ...]] = {
    "oversikt": (kostnadsfordelning, eget_kapital),
    "driftsredovisning": (budget_utfall,),
    "budgetplan": (projektion,),
}
"""The charts of each table key, in the order they follow the table."""


def charts_of(table: Table | PrintedTable, tkr: bool = False) -> list[Chart]:
    """The charts of a table (none for a table without charts or without their rows)."""
    builders = CHARTS.get(table.key, ())
    if not builders:
        return []
    printed = _printed(table, tkr)
    return [chart for build in builders if (chart := build(printed, tkr)) is not None]

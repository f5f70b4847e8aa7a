"""XLSX in the Kommunal redovisning layout (openpyxl): one sheet per statement and note.

Each sheet: the title, "Belopp i kr" (or tkr), column headings, a "Not"
column where rows refer to notes (only to notes the workbook holds), sum
rows in bold, detail rows (a sub-account under its insats) with their label
indented, footnotes below. Numbers are stored as numbers with a
thousands-separator format, so a Swedish Excel shows ``7 901 926``; header
rows are frozen. Text from the ledger that starts with ``=``, ``+``, ``-``
or ``@`` is stored as text, never as a formula.

Printed, a sheet is A4 fitted to the width, its header rows on every page,
each page headed by the förbund, the table and the report with its period,
and numbered "Sida 1 av 2" in the footer. Every cell is in one font
(:data:`FONT`, the workbook's default, bold cells too). A column is as wide
as its figures and the longest word of its heading, so the heading wraps at
a space and never inside a date (``Utfall`` over ``2021-01-01–2021-06-30``).
A footnote is merged across the table's columns and wraps there: it widens
no column and does not make the page shrink to fit it.

A table with charts (:mod:`~finsam_ledger.exports.charts`) gets them as
native Excel charts below it on its own sheet: their series refer to the
sheet's cells where the figures are printed (a union of ranges where the
rows are not next to each other), so the chart shows the printed numbers;
a riktvärde that no cell prints (read from a row's label) is a literal.
"""

from __future__ import annotations

import io
import itertools
import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, LineChart, PieChart
from openpyxl.chart.data_source import (
    AxDataSource,
    NumData,
    NumDataSource,
    NumFmt,
    NumRef,
    NumVal,
    StrData,
    StrRef,
    StrVal,
)
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint, Marker
from openpyxl.chart.series import Series, SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.drawing.line import LineProperties
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from finsam_ledger.exports import charts
from finsam_ledger.exports.layout import (
    PrintedTable,
    footnotes,
    heading_lines,
    notes_in,
    number_text,
    printed_table,
    starts_formula,
    without_absent_notes,
)
from finsam_ledger.model.tabeller import NAMN
from finsam_ledger.model.table import Table, Unit

NUMBER_FORMATS: dict[Unit, str] = {
    "kr": "#,##0",
    "tkr": "#,##0",
    "%": '0" %"',
    "st": "0",
}
HEADER_ROWS = 3
FONT = "Calibri"  # the workbook's default font: every cell, bold or not, in the same face
BOLD = Font(name=FONT, bold=True)
TITLE_FONT = Font(name=FONT, bold=True, size=14)
UNIT_FONT = Font(name=FONT, italic=True)
FOOTNOTE_FONT = Font(name=FONT, italic=True, size=9)
HEADER_FOOTER_FONT = f"{FONT},Regular"
PAGE_NUMBER = "Sida &P av &N"
BOLD_WIDTH = 1.1  # a bold character, in widths of the default font's digit
PORTRAIT_WIDTH = 95  # what an A4 page in portrait holds at 100 %, in column width units
ONE_LINE_WIDTH = 18  # a heading as wide as this at most is on one line
LINE_POINTS = 15.0  # the height of a line of the default font, in points
FOOTNOTE_LINE_POINTS = 12.0
FOOTNOTE_CHARS = 1.2  # characters of the footnotes' size per width unit (9 against 11 pt)


def number_format(unit: Unit, decimals: int = 0) -> str:
    """The unit's number format with ``decimals`` decimals: ``0.0" %"`` for the cost split."""
    text = NUMBER_FORMATS[unit]
    if not decimals:
        return text
    last = text.rindex("0") + 1
    return f"{text[:last]}.{'0' * decimals}{text[last:]}"


def set_text(cell: Cell, text: str) -> None:
    """Store text as text: a leading ``=``, ``+``, ``-`` or ``@`` never becomes a formula.

    Characters a workbook cannot hold (control characters) are left out.
    """
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.value = text
    if starts_formula(text):
        cell.data_type = "s"
        cell.quotePrefix = True


def sheet_name(table: PrintedTable) -> str:
    """The table's short name (:data:`~finsam_ledger.model.tabeller.NAMN`).

    A table not declared there is named by its title, as Excel accepts
    (at most 31 characters, no ``[]:*?/\\``).
    """
    if table.key in NAMN:
        return NAMN[table.key]
    name = "".join(ch for ch in table.title if ch not in "[]:*?/\\")
    return name[:31]


def column_width(column: str, figures: int) -> tuple[int, int]:
    """A figure column's width and how many lines its heading takes there.

    The column fits its figures and the longest word of its heading (a
    range of dates, ``2021-01-01–2021-06-30``, is one word), so that a
    spreadsheet wraps the heading at a space only, never inside a date; a
    short heading ("Budget 2021") is on one line, a long one widens it to at
    most three lines.
    """
    words = column.split() or [""]
    width = max(12, figures + 3, math.ceil(max(map(len, words)) * BOLD_WIDTH) + 2)
    width = max(width, min(math.ceil(len(column) * BOLD_WIDTH) + 2, ONE_LINE_WIDTH))

    def lines() -> int:
        return len(heading_lines(column, math.floor((width - 2) / BOLD_WIDTH), at_dash=False))

    while lines() > 3:
        width += 1
    return width, lines()


def footnote_lines(text: str, width: float) -> int:
    """How many lines a footnote takes, wrapped in a cell ``width`` units wide."""
    chars = max(20, math.floor(width * FOOTNOTE_CHARS) - 2)
    return len(textwrap.wrap(text, chars, break_on_hyphens=False)) or 1


def _header_text(text: str, limit: int = 80) -> str:
    """Text for a page header: ``&`` doubled (one starts a code), at most ``limit`` long."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return text.replace("&", "&&")


def _print_setup(ws: Worksheet, table: PrintedTable, forbund: str, rapport: str) -> None:
    """A4, fitted to the width, header rows repeated; each page names the förbund,
    the table, the report and its period, and its number: "Sida 1 av 2".

    A table wider than a portrait page's :data:`PORTRAIT_WIDTH` prints in
    landscape, so that it is not shrunk to fit.
    """
    ws.freeze_panes = ws.cell(HEADER_ROWS + 1, 1)
    ws.print_title_rows = f"1:{HEADER_ROWS}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    columns = (3 if table.has_notes else 2) + len(table.columns) - 1
    width = sum(
        ws.column_dimensions[get_column_letter(c)].width or 0 for c in range(1, columns + 1)
    )
    ws.page_setup.orientation = "landscape" if width > PORTRAIT_WIDTH else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    parts = (
        (ws.oddHeader.left, _header_text(forbund)),
        (ws.oddHeader.center, _header_text(table.title, 60)),
        (ws.oddHeader.right, _header_text(rapport, 60)),
        (ws.oddFooter.center, PAGE_NUMBER),
    )
    for part, text in parts:
        if text:
            part.text = text
            part.font = HEADER_FOOTER_FONT
            part.size = 9


def _sheet(ws: Worksheet, table: PrintedTable) -> int:
    """Write the table; returns the first free row below it and its footnotes."""
    note_column = 2 if table.has_notes else None
    first_value = 3 if table.has_notes else 2
    last_column = first_value + len(table.columns) - 1
    set_text(ws.cell(1, 1), table.title)
    ws.cell(1, 1).font = TITLE_FONT
    ws.cell(2, 1).value = table.unit_text
    ws.cell(2, 1).font = UNIT_FONT
    if note_column:
        ws.cell(HEADER_ROWS, note_column).value = "Not"
        ws.cell(HEADER_ROWS, note_column).font = BOLD
        ws.cell(HEADER_ROWS, note_column).alignment = Alignment(
            horizontal="center", vertical="bottom"
        )
    figures = [
        max([0, *(len(number_text(row.values[i])) for row in table.rows)])
        for i in range(len(table.columns))
    ]
    widths: list[float] = []
    heading_depth = 1
    for i, column in enumerate(table.columns):
        cell = ws.cell(HEADER_ROWS, first_value + i)
        set_text(cell, column)
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="right", wrap_text=True, vertical="bottom")
        width, lines = column_width(column, figures[i])
        ws.column_dimensions[get_column_letter(first_value + i)].width = width
        widths.append(width)
        heading_depth = max(heading_depth, lines)
    if heading_depth > 1:
        ws.row_dimensions[HEADER_ROWS].height = LINE_POINTS * heading_depth
    for r, row in enumerate(table.rows, start=HEADER_ROWS + 1):
        label = ws.cell(r, 1)
        set_text(label, row.label)
        bold = row.is_sum or row.is_heading
        if bold:
            label.font = BOLD
        if row.is_detail:
            label.alignment = Alignment(indent=1)
        if note_column and row.note is not None:
            ws.cell(r, note_column).value = row.note
            ws.cell(r, note_column).alignment = Alignment(horizontal="center")
        for i, value in enumerate(row.values):
            if value is None:
                continue
            cell = ws.cell(r, first_value + i)
            cell.value = value
            cell.number_format = number_format(row.unit, row.decimals)
            if bold:
                cell.font = BOLD
    label_width = max([len(table.title) * 0.8, *(len(row.label) for row in table.rows)])
    first_width = min(max(label_width + 2, 24), 70)
    ws.column_dimensions["A"].width = first_width
    if note_column:
        ws.column_dimensions[get_column_letter(note_column)].width = 5
    # Footnotes span the table's columns and wrap in them: they never widen a
    # column, nor run past the table so that the page shrinks to fit them.
    table_width = first_width + (5 if note_column else 0) + sum(widths)
    end = HEADER_ROWS + len(table.rows)
    at = end + 2
    notes = footnotes(table)
    for note in notes:
        text = f"* {note.text}"
        cell = ws.cell(at, 1)
        set_text(cell, text)
        cell.font = FOOTNOTE_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if last_column > 1:
            ws.merge_cells(start_row=at, start_column=1, end_row=at, end_column=last_column)
        lines = footnote_lines(text, table_width)
        ws.row_dimensions[at].height = FOOTNOTE_LINE_POINTS * lines + 2
        at += 1
    return at if notes else end + 1


# --- Charts: native Excel charts on the table's own cells ------------------------------

CM_PER_ROW = 0.53  # a row of the default height, in centimetres
COLOURS = ("1F4E79", "9DC3E6", "C55A11", "548235", "BF9000", "7030A0")
BAR_COLOURS = ("9DC3E6", "1F4E79", "C55A11", "548235")  # budget light, utfall dark
GUIDANCE_COLOUR = "C00000"
Address = tuple[int, int]


def cell_address(table: PrintedTable, cell: charts.Cell) -> Address:
    """The sheet's row and column (from 1) where :func:`_sheet` prints a table's cell."""
    row = HEADER_ROWS if cell.row is None else HEADER_ROWS + 1 + cell.row
    column = 1 if cell.column is None else (3 if table.has_notes else 2) + cell.column
    return row, column


def reference(sheet: str, addresses: Sequence[Address]) -> str:
    """A formula reference to the cells, in order: ``'Not 3'!$C$5:$C$9``.

    Runs of adjacent cells (down a column or along a row) are one range;
    several runs are a union, ``('Driftsredovisning'!$C$10:$C$15,'Driftsredovisning'!$C$18)``,
    as Excel writes a chart series of cells that are not next to each other.
    """
    runs: list[list[Address]] = []
    for address in addresses:
        if runs:
            run = runs[-1]
            (r, c), step = (
                run[-1],
                ((run[1][0] - run[0][0], run[1][1] - run[0][1]) if len(run) > 1 else None),
            )
            steps = [step] if step else [(1, 0), (0, 1)]
            if any(address == (r + dr, c + dc) for dr, dc in steps):
                run.append(address)
                continue
        runs.append([address])
    name = "'" + sheet.replace("'", "''") + "'"

    def absolute(address: Address) -> str:
        return f"${get_column_letter(address[1])}${address[0]}"

    parts = [
        f"{name}!{absolute(run[0])}" + (f":{absolute(run[-1])}" if len(run) > 1 else "")
        for run in runs
    ]
    return parts[0] if len(parts) == 1 else f"({','.join(parts)})"


def _numbers(values: Sequence[Decimal | None], format_code: str) -> NumData:
    points = [NumVal(idx=i, v=float(v)) for i, v in enumerate(values) if v is not None]
    return NumData(formatCode=format_code, ptCount=len(values), pt=points)


def _series(
    sheet: str, table: PrintedTable, chart: charts.Chart, series: charts.Series, order: int
) -> Series:
    """A chart series on the printed cells; a series no cell prints (a riktvärde) as literals."""
    format_code = number_format(chart.unit, chart.decimals)
    out = Series()
    if series.cells:
        addresses = [cell_address(table, cell) for cell in series.cells]
        out.val = NumDataSource(
            numRef=NumRef(
                f=reference(sheet, addresses), numCache=_numbers(series.values, format_code)
            )
        )
    else:
        out.val = NumDataSource(numLit=_numbers(series.values, format_code))
    if series.name_cell is not None:
        name_ref = reference(sheet, [cell_address(table, series.name_cell)])
        out.tx = SeriesLabel(
            strRef=StrRef(
                f=name_ref, strCache=StrData(ptCount=1, pt=[StrVal(idx=0, v=series.name)])
            )
        )
    else:
        out.tx = SeriesLabel(v=series.name)
    labels = [StrVal(idx=i, v=text) for i, text in enumerate(_category_texts(table, chart))]
    out.cat = AxDataSource(
        strRef=StrRef(
            f=reference(sheet, [cell_address(table, cell) for cell in chart.category_cells]),
            strCache=StrData(ptCount=len(labels), pt=labels),
        )
    )
    out.idx = out.order = order
    return out


def _category_texts(table: PrintedTable, chart: charts.Chart) -> list[str]:
    """The texts the category cells print (a row's label, or a column heading)."""
    return [
        table.columns[cell.column]
        if cell.row is None and cell.column is not None
        else table.rows[cell.row].label
        if cell.row is not None
        else ""
        for cell in chart.category_cells
    ]


def value_labels() -> DataLabelList:
    """Each point's value printed at it (no legend key, category or series name)."""
    return DataLabelList(
        showVal=True,
        showLegendKey=False,
        showCatName=False,
        showSerName=False,
        showPercent=False,
        showBubbleSize=False,
    )


def style_series(
    result: BarChart | LineChart, chart: charts.Chart, built: Sequence[Series]
) -> None:
    """Add a chart's series with their look, the same in the workbook and in Word.

    Bars in the palette (budget light, utfall dark), the guidance a dashed
    red line without markers, other lines in the palette with round
    markers; every series but the guidance with its values printed.
    """
    palette = BAR_COLOURS if chart.kind == "bar" and len(chart.series) > 1 else COLOURS
    colour = 0
    for i, (data, series) in enumerate(zip(chart.series, built, strict=True)):
        if isinstance(result, BarChart):
            series.spPr = GraphicalProperties(solidFill=palette[i % len(palette)])
            series.invertIfNegative = False
        elif data.guidance:
            series.spPr = GraphicalProperties(
                ln=LineProperties(solidFill=GUIDANCE_COLOUR, prstDash="dash", w=22225)
            )
            series.marker = Marker(symbol="none")
            series.smooth = False
        else:
            hue = palette[colour % len(palette)]
            colour += 1
            series.spPr = GraphicalProperties(ln=LineProperties(solidFill=hue, w=22225))
            series.marker = Marker(symbol="circle", size=6)
            series.marker.graphicalProperties = GraphicalProperties(solidFill=hue)
            series.smooth = False
        if not data.guidance:
            series.dLbls = value_labels()
        result.series.append(series)


def _reversed(chart: charts.Chart) -> charts.Chart | None:
    """A line chart whose categories run right to left along a row, in the row's own order.

    The overview prints its latest year first and its line chart reads
    oldest first: its references then run along the row, left to right,
    and the chart's axis is reversed. ``None`` for any other chart.
    """
    columns = [cell.column for cell in chart.category_cells]
    if chart.kind != "line" or len(columns) < 2 or None in columns:
        return None
    if not all(a is not None and b is not None and a > b for a, b in itertools.pairwise(columns)):
        return None
    return replace(
        chart,
        categories=chart.categories[::-1],
        category_cells=chart.category_cells[::-1],
        series=tuple(replace(s, values=s.values[::-1], cells=s.cells[::-1]) for s in chart.series),
    )


def _excel_chart(
    sheet: str, table: PrintedTable, chart: charts.Chart
) -> BarChart | LineChart | PieChart:
    turned = _reversed(chart)
    chart = turned or chart
    result: BarChart | LineChart | PieChart
    if chart.kind == "pie":
        result = PieChart()
        [series] = [_series(sheet, table, chart, s, i) for i, s in enumerate(chart.series)]
        series.dPt = [
            DataPoint(idx=i, spPr=GraphicalProperties(solidFill=COLOURS[i % len(COLOURS)]))
            for i in range(len(chart.categories))
        ]
        series.dLbls = value_labels()
        result.series.append(series)
    else:
        result = BarChart() if chart.kind == "bar" else LineChart()
        if isinstance(result, BarChart):
            result.type = "bar"  # horizontal, for the long labels
            result.grouping = "clustered"
            result.x_axis.scaling.orientation = "maxMin"  # the table's first row at the top
            result.y_axis.crosses = "max"  # the value axis at the bottom
        elif turned:
            result.x_axis.scaling.orientation = "maxMin"
            result.y_axis.crosses = "max"  # the value axis on the left
        style_series(
            result,
            chart,
            [_series(sheet, table, chart, s, i) for i, s in enumerate(chart.series)],
        )
        result.x_axis.delete = False
        result.y_axis.delete = False
        result.y_axis.numFmt = NumFmt(formatCode=number_format(chart.unit, 0), sourceLinked=False)
        result.legend.position = "b"
    result.title = chart.title
    return result


def _charts(ws: Worksheet, table: PrintedTable, row: int) -> None:
    """The table's charts, below it (and its footnotes, from ``row``), one under the other."""
    row += 1
    for chart in charts.charts_of(table):
        excel = _excel_chart(ws.title, table, chart)
        excel.width = 18
        if chart.kind == "bar":
            excel.height = max(7.5, 2.5 + 0.42 * len(chart.categories) * len(chart.series))
        else:
            excel.height = 7.5
        ws.add_chart(excel, f"A{row}")
        row += math.ceil(excel.height / CM_PER_ROW) + 2


def render(
    tables: Iterable[Table], title: str = "", tkr: bool = False, subtitle: str = ""
) -> bytes:
    """The workbook, as the bytes of an .xlsx file.

    ``title`` names the förbund and ``subtitle`` the report and its period
    (``Räkenskapsår 2021``, ``Delårsrapport 2021-01-01–2021-06-30``): every
    sheet prints them in its page header, with the table's title, and its
    page number in the footer. A row refers only to the notes among the
    tables.
    """
    tables = list(tables)
    present = notes_in(tables)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        printed = without_absent_notes(printed_table(table, tkr), present)
        sheet = workbook.create_sheet(sheet_name(printed))
        below = _sheet(sheet, printed)
        _print_setup(sheet, printed, title, subtitle)
        _charts(sheet, printed, below)
    workbook.properties.creator = "finsam-ledger"
    workbook.properties.title = f"{title}, {subtitle}" if title and subtitle else title or subtitle
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

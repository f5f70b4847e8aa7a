"""XLSX in the Kommunal redovisning layout (openpyxl): one sheet per statement and note.

Each sheet: the title, "Belopp i kr" (or tkr), column headings, a "Not"
column where rows refer to notes, sum rows in bold, detail rows (a
sub-account under its insats) with their label indented, footnotes below.
Numbers are stored as numbers with a thousands-separator format, so a
Swedish Excel shows ``7 901 926``; header rows are frozen and the sheet
prints on A4 fitted to the width. Text from the ledger that starts with
``=``, ``+``, ``-`` or ``@`` is stored as text, never as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from finsam_ledger.exports.layout import PrintedTable, printed_table, starts_formula
from finsam_ledger.model.tabeller import NAMN
from finsam_ledger.model.table import Table, Unit

NUMBER_FORMATS: dict[Unit, str] = {
    "kr": "#,##0",
    "tkr": "#,##0",
    "%": '0" %"',
    "st": "0",
}
HEADER_ROWS = 3
BOLD = Font(bold=True)


def number_format(unit: Unit, decimals: int = 0) -> str:
    """The unit's number format with ``decimals`` decimals: ``0.0" %"`` for the cost split."""
    text = NUMBER_FORMATS[unit]
    if not decimals:
        return text
    last = text.rindex("0") + 1
    return f"{text[:last]}.{'0' * decimals}{text[last:]}"


def set_text(cell: Cell, text: str) -> None:
    """Store text as text: a leading ``=``, ``+``, ``-`` or ``@`` never becomes a formula."""
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


def _sheet(ws: Worksheet, table: PrintedTable) -> None:
    note_column = 2 if table.has_notes else None
    first_value = 3 if table.has_notes else 2
    set_text(ws.cell(1, 1), table.title)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(2, 1).value = table.unit_text
    ws.cell(2, 1).font = Font(italic=True)
    if note_column:
        ws.cell(HEADER_ROWS, note_column).value = "Not"
        ws.cell(HEADER_ROWS, note_column).font = BOLD
    for i, column in enumerate(table.columns):
        cell = ws.cell(HEADER_ROWS, first_value + i)
        set_text(cell, column)
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="right", wrap_text=True, vertical="bottom")
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
    last = HEADER_ROWS + len(table.rows)
    for i, note in enumerate(table.notes, start=last + 2):
        set_text(ws.cell(i, 1), f"* {note}")
        ws.cell(i, 1).font = Font(italic=True, size=9)
    label_width = max([len(table.title) * 0.8, *(len(row.label) for row in table.rows)])
    ws.column_dimensions["A"].width = min(max(label_width + 2, 24), 70)
    if note_column:
        ws.column_dimensions[get_column_letter(note_column)].width = 5
    for i, column in enumerate(table.columns):
        width = max(12, min(len(column), 22) + 2)
        ws.column_dimensions[get_column_letter(first_value + i)].width = width
    ws.freeze_panes = ws.cell(HEADER_ROWS + 1, 1)
    ws.print_title_rows = f"1:{HEADER_ROWS}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if len(table.columns) > 4 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def render(tables: Iterable[Table], title: str = "", tkr: bool = False) -> bytes:
    """The workbook, as the bytes of an .xlsx file."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        printed = printed_table(table, tkr)
        _sheet(workbook.create_sheet(sheet_name(printed)), printed)
    workbook.properties.creator = "finsam-ledger"
    workbook.properties.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

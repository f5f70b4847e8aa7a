"""Plain-text rendering of the report tables, in the Swedish printed layout.

A detail row (a sub-account under its insats, ``delrader``) is indented by
:data:`INDENT`.
"""

from __future__ import annotations

from collections.abc import Iterable

from finsam_ledger.exports.layout import PrintedTable, number_text, printed_table
from finsam_ledger.model.table import Table

INDENT = "  "


def render_table(table: PrintedTable) -> str:
    """One table as aligned text (plain spaces between thousands)."""
    cells = [[number_text(value) for value in row.values] for row in table.rows]
    labels = [INDENT + row.label if row.is_detail else row.label for row in table.rows]
    widths = [
        max([len(column), *(len(row[i]) for row in cells)])
        for i, column in enumerate(table.columns)
    ]
    label_width = max([len(table.unit_text), *(len(label) for label in labels)])
    note_width = 4 if table.has_notes else 0

    def line(label: str, note: str, values: Iterable[str]) -> str:
        numbers = "  ".join(v.rjust(w) for v, w in zip(values, widths, strict=True))
        return f"{label.ljust(label_width)}{note.rjust(note_width)}  {numbers}".rstrip()

    out = [table.title, line(table.unit_text, "Not" if table.has_notes else "", table.columns)]
    for row, label, row_cells in zip(table.rows, labels, cells, strict=True):
        if row.is_heading and not any(row_cells):
            out.append(label)
            continue
        out.append(line(label, "" if row.note is None else str(row.note), row_cells))
    out += [f"* {note}" for note in table.notes]
    return "\n".join(out)


def render(tables: Iterable[Table], heading: str = "", tkr: bool = False) -> str:
    """All tables, separated by blank lines."""
    parts = [heading] if heading else []
    parts += [render_table(printed_table(table, tkr)) for table in tables]
    return "\n\n".join(parts) + "\n"

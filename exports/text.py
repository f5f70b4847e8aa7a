"""Plain-text rendering of the report tables, in the Swedish printed layout."""

from __future__ import annotations

from collections.abc import Iterable

from finsam_ledger.table import Table, format_int, printed

UNIT_TEXT = {"kr": "Belopp i kr", "tkr": "Belopp i tkr", "%": "Procent", "st": "Antal"}


def render_table(table: Table) -> str:
    """One table as aligned text."""
    has_notes = any(row.note is not None for row in table.rows)
    cells = [
        [format_int(printed(value, table.unit_of(row))) for value in row.values]
        for row in table.rows
    ]
    widths = [
        max([len(column), *(len(row[i]) for row in cells)])
        for i, column in enumerate(table.columns)
    ]
    label_width = max([len(UNIT_TEXT[table.unit]), *(len(row.label) for row in table.rows)])
    note_width = 4 if has_notes else 0

    def line(label: str, note: str, values: Iterable[str]) -> str:
        numbers = "  ".join(v.rjust(w) for v, w in zip(values, widths, strict=True))
        return f"{label.ljust(label_width)}{note.rjust(note_width)}  {numbers}".rstrip()

    out = [table.title, line(UNIT_TEXT[table.unit], "Not" if has_notes else "", table.columns)]
    for row, row_cells in zip(table.rows, cells, strict=True):
        note = "" if row.note is None else str(row.note)
        text = line(row.label, note, row_cells)
        if row.kind == "heading" and not any(row_cells):
            text = row.label
        out.append(text)
    out += [f"* {note}" for note in table.notes]
    return "\n".join(out)


def render(tables: Iterable[Table], heading: str = "") -> str:
    """All tables, separated by blank lines."""
    parts = [heading] if heading else []
    parts += [render_table(table) for table in tables]
    return "\n\n".join(parts) + "\n"

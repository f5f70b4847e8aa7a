"""Plain-text rendering of the report tables, in the Swedish printed layout.

Every line is at most :data:`WIDTH` (100) characters, so that the report
prints on A4 and reads in a terminal:

* a column heading too wide for its figures wraps onto several heading
  lines (at a space, or after the dash of a range of dates, never inside a
  date: :func:`~finsam_ledger.exports.layout.heading_lines`), the widest
  heading first, until the table fits; the figures are aligned under the
  last heading line, which also holds "Belopp i kr" and "Not";
* if the narrowest headings still leave too little room, a row's label
  wraps (its figures on the label's last line, a continuation indented);
* titles, headings without figures and footnotes wrap at the width.

A detail row (a sub-account under its insats, ``delrader``) is indented by
:data:`INDENT`. A footnote about some rows
(:func:`~finsam_ledger.exports.layout.footnotes`) is marked ``¹``, ``²`` …
after the label of each row it concerns and before its text; one about the
whole table with ``*``. A row refers only to notes the rendered tables hold
(:func:`~finsam_ledger.exports.layout.without_absent_notes`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from finsam_ledger.exports.layout import (
    PrintedTable,
    footnotes,
    heading_lines,
    heading_pieces,
    notes_in,
    number_text,
    printed_table,
    row_markers,
    without_absent_notes,
)
from finsam_ledger.model.table import Table

INDENT = "  "
WIDTH = 100
GAP = "  "
NOTE_WIDTH = 4  # "Not" and a space before it
MIN_LABEL = 20  # a label is not wrapped narrower than this


def wrap(text: str, width: int, indent: str = "", hanging: str = "  ") -> list[str]:
    """Text on lines of at most ``width`` (a word longer than that is broken)."""
    return textwrap.wrap(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent + hanging,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def column_widths(columns: Sequence[str], cells: Sequence[Sequence[str]], room: int) -> list[int]:
    """Each column's width: its heading on one line, or wrapped while the columns need ``room``.

    ``room`` is the width the columns may take (the line less the label and
    the Not column). The column whose heading is widest beyond its figures
    and its longest unbreakable piece is wrapped first, one step at a time.
    """
    figures = [max([0, *(len(row[i]) for row in cells)]) for i in range(len(columns))]
    least = [
        max([figures[i], *(len(piece) for piece, _glue in heading_pieces(column))])
        for i, column in enumerate(columns)
    ]
    widths = [max(figures[i], len(column)) for i, column in enumerate(columns)]

    def total() -> int:
        return sum(len(GAP) + w for w in widths)

    while total() > room:
        narrower = [i for i, w in enumerate(widths) if w > least[i]]
        if not narrower:
            break
        i = max(narrower, key=lambda i: (widths[i] - least[i], -i))
        lines = heading_lines(columns[i], widths[i] - 1)
        widths[i] = max(least[i], *(len(line) for line in lines))
    return widths


def render_table(table: PrintedTable, width: int = WIDTH) -> str:
    """One table as aligned text (plain spaces between thousands), lines at most ``width``."""
    notes = footnotes(table)
    marks = row_markers(table, notes)
    cells = [[number_text(value) for value in row.values] for row in table.rows]
    labels = [
        (INDENT if row.is_detail else "") + row.label + mark
        for row, mark in zip(table.rows, marks, strict=True)
    ]
    alone = [
        row.is_heading and not any(row_cells)
        for row, row_cells in zip(table.rows, cells, strict=True)
    ]
    note_width = NOTE_WIDTH if table.has_notes else 0
    label_need = max([len(table.unit_text), *(len(label) for label in labels)])
    # Headings wrap first, until the labels have their room or half the line.
    widths = column_widths(table.columns, cells, width - note_width - min(label_need, width // 2))
    room = width - note_width - sum(len(GAP) + w for w in widths)
    label_width = max(len(table.unit_text), min(label_need, max(room, MIN_LABEL)))

    def line(label: str, note: str, values: Iterable[str]) -> str:
        numbers = GAP.join(v.rjust(w) for v, w in zip(values, widths, strict=True))
        return f"{label.ljust(label_width)}{note.rjust(note_width)}{GAP}{numbers}".rstrip()

    out = wrap(table.title, width)
    headings = [heading_lines(column, w) for column, w in zip(table.columns, widths, strict=True)]
    depth = max([1, *(len(lines) for lines in headings)])
    for level in range(depth):
        texts = [
            lines[level - (depth - len(lines))] if level >= depth - len(lines) else ""
            for lines in headings
        ]
        last = level == depth - 1
        unit = table.unit_text if last else ""
        out.append(line(unit, "Not" if table.has_notes and last else "", texts))
    for row, label, row_cells, only in zip(table.rows, labels, cells, alone, strict=True):
        if only:
            out += wrap(label, width)
            continue
        indent = INDENT if row.is_detail else ""
        lines = wrap(label.removeprefix(indent), label_width, indent)
        out += [text.rstrip() for text in lines[:-1]]
        out.append(line(lines[-1], "" if row.note is None else str(row.note), row_cells))
    for note in notes:
        out += wrap(f"{note.marker} {note.text}", width, hanging=" " * (len(note.marker) + 1))
    return "\n".join(out)


def render(tables: Iterable[Table], heading: str = "", tkr: bool = False) -> str:
    """All tables, separated by blank lines; a row refers only to the notes among them."""
    printed = [printed_table(table, tkr) for table in tables]
    present = notes_in(printed)
    parts = ["\n".join(line for text in heading.split("\n") for line in wrap(text, WIDTH))]
    parts = parts if heading else []
    parts += [render_table(without_absent_notes(table, present)) for table in printed]
    return "\n\n".join(parts) + "\n"

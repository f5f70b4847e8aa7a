"""Markdown: one section and pipe table per report table, numbers right-aligned."""

from __future__ import annotations

from collections.abc import Iterable

from finsam_ledger.exports.layout import PrintedTable, printed_table, swedish
from finsam_ledger.table import Table


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table_markdown(table: PrintedTable) -> str:
    """One table."""
    head = [table.unit_text, *(["Not"] if table.has_notes else []), *table.columns]
    align = [":--", *([":-:"] if table.has_notes else []), *("--:" for _ in table.columns)]
    lines = [f"## {table.title}", "", "| " + " | ".join(_cell(h) for h in head) + " |"]
    lines.append("| " + " | ".join(align) + " |")
    for row in table.rows:
        label = f"**{_cell(row.label)}**" if row.is_sum or row.is_heading else _cell(row.label)
        cells = [label]
        if table.has_notes:
            cells.append("" if row.note is None else str(row.note))
        for value in row.values:
            text = swedish(value, " ") if value is not None else ""
            cells.append(f"**{text}**" if row.is_sum and text else text)
        lines.append("| " + " | ".join(cells) + " |")
    lines += [f"\n\\* {_cell(note)}" for note in table.notes]
    return "\n".join(lines)


def render(tables: Iterable[Table], title: str, subtitle: str = "", tkr: bool = False) -> str:
    """All tables in one document."""
    parts = [f"# {title}"] + ([subtitle] if subtitle else [])
    parts += [table_markdown(printed_table(table, tkr)) for table in tables]
    return "\n\n".join(parts) + "\n"

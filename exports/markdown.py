"""Markdown: one section and pipe table per report table, numbers right-aligned.

Text from the ledger (titles, row labels, footnotes) is escaped so that it
prints as itself in any Markdown renderer: no raw HTML (``<`` and ``>`` as
entities), no emphasis, code or links (``*``, ``_``, backtick, brackets and
backslash escaped) and no extra table cells (``\\|``). A detail row (a
sub-account under its insats) is indented with an em space (``&emsp;``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from finsam_ledger.exports.layout import PrintedTable, one_line, printed_table, swedish
from finsam_ledger.model.table import Table

# An ampersand that would start a character reference (``&lt;``, ``&#60;``).
_REFERENCE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_PUNCTUATION = re.compile(r"[\\`*_\[\]|]")
# Indents a detail row's label: table cells lose their leading spaces, an entity stays.
INDENT = "&emsp;"


def escape(value: str) -> str:
    """Text that a Markdown renderer shows as it is, on one line and inside a table cell."""
    value = _REFERENCE.sub("&amp;", one_line(value))
    value = value.replace("<", "&lt;").replace(">", "&gt;")
    return _PUNCTUATION.sub(r"\\\g<0>", value)


def table_markdown(table: PrintedTable) -> str:
    """One table."""
    head = [table.unit_text, *(["Not"] if table.has_notes else []), *table.columns]
    align = [":--", *([":-:"] if table.has_notes else []), *("--:" for _ in table.columns)]
    lines = [f"## {escape(table.title)}", "", "| " + " | ".join(escape(h) for h in head) + " |"]
    lines.append("| " + " | ".join(align) + " |")
    for row in table.rows:
        label = f"**{escape(row.label)}**" if row.is_sum or row.is_heading else escape(row.label)
        if row.is_detail:
            label = INDENT + label
        cells = [label]
        if table.has_notes:
            cells.append("" if row.note is None else str(row.note))
        for value in row.values:
            figure = swedish(value, " ") if value is not None else ""
            cells.append(f"**{figure}**" if row.is_sum and figure else figure)
        lines.append("| " + " | ".join(cells) + " |")
    lines += [f"\n\\* {escape(note)}" for note in table.notes]
    return "\n".join(lines)


def render(tables: Iterable[Table], title: str, subtitle: str = "", tkr: bool = False) -> str:
    """All tables in one document."""
    parts = [f"# {escape(title)}"] + ([escape(subtitle)] if subtitle else [])
    parts += [table_markdown(printed_table(table, tkr)) for table in tables]
    return "\n\n".join(parts) + "\n"

"""CSV: one file per table, for a Swedish Excel (semicolons, UTF-8 with BOM).

Columns: the row's text, its note, one column per report column, and the
row kind (line, sum, heading, detail for a sub-account's row under its
insats, which no sum counts, fotnot for the footnotes at the end). A
``rapport.txt`` beside the files names the report and its period and lists
the files, so that the next export may replace them (and nothing else).
Numbers are whole kronor (or tkr) without separators, a decimal comma
where a row prints decimals (the cost split). Text that would start
a formula is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from finsam_ledger import safe_files
from finsam_ledger.exports.layout import PrintedTable, number_text, printed_table, starts_formula
from finsam_ledger.model.table import Table

INDEX = "rapport.txt"


def _text(value: str) -> str:
    return f"'{value}" if starts_formula(value) else value


def table_csv(table: PrintedTable) -> str:
    """One table as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_text(table.unit_text), "Not", *map(_text, table.columns), "Typ"])
    for row in table.rows:
        values = [number_text(v, "") for v in row.values]
        note = "" if row.note is None else str(row.note)
        writer.writerow([_text(row.label), note, *values, row.kind])
    for footnote in table.notes:
        writer.writerow([_text(f"* {footnote}"), "", *([""] * len(table.columns)), "fotnot"])
    return out.getvalue()


def write_folder(
    tables: Iterable[Table],
    folder: str | Path,
    title: str = "",
    subtitle: str = "",
    tkr: bool = False,
) -> list[Path]:
    """Write ``<key>.csv`` per table and ``rapport.txt`` into ``folder``.

    ``rapport.txt`` names the report and lists the tables; it is also the
    folder's manifest (:func:`finsam_ledger.safe_files.write_folder`): only
    a new or empty folder, or one that holds nothing but an earlier export,
    is written into. Tables of the earlier export that this one does not
    write are removed; anything else in the folder makes it an error
    (:class:`~finsam_ledger.safe_files.Refused`), and nothing is written.
    """
    tables = list(tables)
    files = {f"{t.key}.csv": table_csv(printed_table(t, tkr)).encode("utf-8-sig") for t in tables}
    notes = {f"{t.key}.csv": _line(t.title) for t in tables}
    head = f"{_line(title)}\n{_line(subtitle)}\n\n"
    safe_files.write_folder(
        folder, files, manifest=INDEX, head=head, notes=notes, what="CSV export"
    )
    return [Path(folder) / name for name in files]


def _line(text: str) -> str:
    """Text on one line of ``rapport.txt``."""
    return " ".join(text.split())

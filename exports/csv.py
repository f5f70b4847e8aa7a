"""CSV: one file per table, for a Swedish Excel (semicolons, UTF-8 with BOM).

Columns: the row's text, its note, one column per report column, and the
row kind (line, sum, heading). Numbers are whole kronor (or tkr) without
separators. Text that would start a formula is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from finsam_ledger.exports.atomic import write_text
from finsam_ledger.exports.layout import PrintedTable, printed_table
from finsam_ledger.table import Table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_START) else value


def table_csv(table: PrintedTable) -> str:
    """One table as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_text(table.unit_text), "Not", *map(_text, table.columns), "Typ"])
    for row in table.rows:
        values = ["" if v is None else str(v) for v in row.values]
        note = "" if row.note is None else str(row.note)
        writer.writerow([_text(row.label), note, *values, row.kind])
    return out.getvalue()


def write_folder(tables: Iterable[Table], folder: str | Path, tkr: bool = False) -> list[Path]:
    """Write ``<key>.csv`` per table into ``folder`` (created if needed), each file atomically."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = target / f"{table.key}.csv"
        write_text(path, table_csv(printed_table(table, tkr)), encoding="utf-8-sig")
        written.append(path)
    return written

"""CSV: one file per table, for a Swedish Excel (semicolons, UTF-8 with BOM).

Columns: the row's text, its note, one column per report column, and the
row kind (line, sum, heading, fotnot for the footnotes at the end). A
``rapport.txt`` beside the files names the report and its period. Numbers
are whole kronor (or tkr) without separators. Text that would start a
formula is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from finsam_ledger.exports.layout import PrintedTable, printed_table
from finsam_ledger.table import Table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
INDEX = "rapport.txt"


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
    """Write ``<key>.csv`` per table and ``rapport.txt`` into ``folder``, as one swap.

    The files are written into a new folder beside it, which then replaces
    the old one: an interrupted export leaves the old folder as it was, and no
    table of an earlier report is left behind. A folder holding anything else
    than such an export is not touched (an error).
    """
    target = Path(folder)
    if target.exists():
        foreign = [p.name for p in target.iterdir() if p.suffix != ".csv" and p.name != INDEX]
        if foreign or not target.is_dir():
            raise OSError(f"{target} holds other files than a CSV export ({', '.join(foreign)})")
    tables = list(tables)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for table in tables:
            text = table_csv(printed_table(table, tkr))
            (staging / f"{table.key}.csv").write_text(text, encoding="utf-8-sig")
        index = [title, subtitle, "", *(f"{t.key}.csv: {t.title}" for t in tables)]
        (staging / INDEX).write_text("\n".join(index) + "\n", encoding="utf-8")
        staging.chmod(0o755)
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
            staging.rename(target)
            shutil.rmtree(old)
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / f"{table.key}.csv" for table in tables]

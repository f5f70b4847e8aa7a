"""CSV: one file per table, for a Swedish Excel (semicolons, UTF-8 with BOM).

Columns: the row's text, its note, one column per report column, and the
row's type, Typ, in Swedish (:data:`TYP`): ``rad``, ``summa``, ``rubrik``,
``delrad`` for a sub-account's row under its insats, which no sum counts,
and ``fotnot`` for the footnotes at the end. A row refers only to the notes
the export holds (a delårsrapport has no Not 6), and a footnote about
accounts is written only under a table that has them
(:func:`~finsam_ledger.exports.layout.footnotes`). A ``rapport.txt`` beside
the files names the report and its period and lists the files, so that the
next export may replace them (and nothing else). Numbers are whole kronor
(or tkr) without separators, a decimal comma where a row prints decimals
(the cost split). Text that would start a formula is prefixed with an
apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from finsam_ledger import safe_files
from finsam_ledger.exports.layout import (
    PrintedTable,
    footnotes,
    notes_in,
    number_text,
    printed_table,
    starts_formula,
    without_absent_notes,
)
from finsam_ledger.model.table import RowKind, Table

INDEX = "rapport.txt"
TYP: dict[RowKind, str] = {"line": "rad", "sum": "summa", "heading": "rubrik", "detail": "delrad"}
"""The column Typ: a row's kind in Swedish."""
FOTNOT = "fotnot"


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
        writer.writerow([_text(row.label), note, *values, TYP[row.kind]])
    for footnote in footnotes(table):
        writer.writerow([_text(f"* {footnote.text}"), "", *([""] * len(table.columns)), FOTNOT])
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
    present = notes_in(tables)
    files = {
        f"{t.key}.csv": table_csv(without_absent_notes(printed_table(t, tkr), present)).encode(
            "utf-8-sig"
        )
        for t in tables
    }
    notes = {f"{t.key}.csv": _line(t.title) for t in tables}
    head = f"{_line(title)}\n{_line(subtitle)}\n\n"
    safe_files.write_folder(
        folder, files, manifest=INDEX, head=head, notes=notes, what="CSV export"
    )
    return [Path(folder) / name for name in files]


def _line(text: str) -> str:
    """Text on one line of ``rapport.txt``."""
    return " ".join(text.split())

"""A table as printed: every value rounded once, in its unit, ready for any format.

All renderers start from :func:`printed_table`, so rounding (once per
printed line, half away from zero), the choice of kr or tkr, and making
every text one line (:func:`one_line`) happen in one place.

What a printed page refers to is decided here too, for the renderers that
use it (text, XLSX, CSV): which notes a document holds (:func:`notes_in`,
:func:`without_absent_notes`), which footnotes go under a table and which
rows they mark (:func:`footnotes`, :func:`row_markers`), and where a column
heading may break (:func:`heading_lines`: never inside a date).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from finsam_ledger.model.money import format_int
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Number, RowKind, Table, Unit, printed_number

UNIT_TEXT: dict[Unit, str] = {
    "kr": "Belopp i kr",
    "tkr": "Belopp i tkr",
    "%": "Procent",
    "st": "Antal",
}

# White space (but not the deliberate no-break spaces) and control characters.
_BREAKS = re.compile(r"(?:[^\S\u00a0\u2007\u202f]|[\x00-\x1f\x7f-\x9f])+")


# What makes a spreadsheet read a cell's text as a formula (CSV and XLSX guard against it).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet would take the text for a formula."""
    return text.startswith(FORMULA_START)


def one_line(text: str) -> str:
    """Text as one printed line: each run of white space or control characters is one space.

    Titles, labels and footnotes come from the ledger (an account's ``notrad``,
    the ``title`` option): a line break in them must not start a row of its own.
    """
    return _BREAKS.sub(" ", text).strip(" ")


@dataclass(frozen=True)
class PrintedRow:
    """One line with whole numbers, or ``Decimal`` rounded to ``decimals`` places."""

    label: str
    note: int | None
    values: tuple[Number | None, ...]
    kind: RowKind
    unit: Unit
    accounts: tuple[str, ...]
    decimals: int = 0

    @property
    def is_heading(self) -> bool:
        """A heading row (label only)."""
        return self.kind == "heading"

    @property
    def is_sum(self) -> bool:
        """A sum row (printed bold)."""
        return self.kind == "sum"

    @property
    def is_detail(self) -> bool:
        """A detail row: part of the line above it, printed indented, in no sum."""
        return self.kind == "detail"


@dataclass(frozen=True)
class PrintedTable:
    """A table with whole numbers in its printed unit."""

    key: str
    title: str
    unit: Unit
    columns: tuple[str, ...]
    rows: tuple[PrintedRow, ...]
    notes: tuple[str, ...]
    periods: tuple[Period | None, ...] = ()
    note_accounts: tuple[tuple[str, ...], ...] = ()
    """Per footnote (as ``notes``), the accounts it concerns; ``()`` the whole table."""

    @property
    def unit_text(self) -> str:
        """``Belopp i kr`` or ``Belopp i tkr``."""
        return UNIT_TEXT[self.unit]

    @property
    def has_notes(self) -> bool:
        """Whether any row refers to a note (a "Not" column is printed)."""
        return any(row.note is not None for row in self.rows)


def printed_table(table: Table, tkr: bool = False) -> PrintedTable:
    """Round a table once; with ``tkr`` amounts in kronor are shown in thousands."""
    unit: Unit = "tkr" if tkr and table.unit == "kr" else table.unit
    rows = []
    for row in table.rows:
        row_unit: Unit = row.unit or unit
        rows.append(
            PrintedRow(
                label=one_line(row.label),
                note=row.note,
                values=tuple(printed_number(v, row_unit, row.decimals) for v in row.values),
                kind=row.kind,
                unit=row_unit,
                accounts=row.accounts,
                decimals=row.decimals,
            )
        )
    return PrintedTable(
        table.key,
        one_line(table.title),
        unit,
        tuple(one_line(column) for column in table.columns),
        tuple(rows),
        tuple(one_line(note) for note in table.notes),
        table.periods,
        tuple(table.accounts_of_note(note) for note in table.notes),
    )


def number_text(value: Number | None, separator: str = " ") -> str:
    """A printed number with ``separator`` between thousands and a decimal comma."""
    if not isinstance(value, Decimal):
        return format_int(value, separator)
    sign, digits, exponent = value.as_tuple()
    whole_part = format_int(int(abs(value)), separator)
    fraction = f"{abs(value):f}".partition(".")[2] if isinstance(exponent, int) else ""
    text = f"{whole_part},{fraction}" if fraction else whole_part
    return f"-{text}" if sign and any(digits) else text


def swedish(value: Number | None, separator: str = "\u00a0") -> str:
    """A printed number the Swedish way: no-break space between thousands, leading minus."""
    text = number_text(value, separator)
    return text.replace("-", "\u2212") if separator == "\u00a0" else text


# --- What a printed page refers to: notes, footnotes, headings -------------------------

_NOTE_KEY = re.compile(r"not(\d+)")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def notes_in(tables: Iterable[Table | PrintedTable]) -> frozenset[int]:
    """The numbers of the notes among the tables (a table keyed ``not2`` is Not 2)."""
    found = (_NOTE_KEY.fullmatch(table.key) for table in tables)
    return frozenset(int(match.group(1)) for match in found if match)


def without_absent_notes(table: PrintedTable, present: Collection[int]) -> PrintedTable:
    """The table without references to notes that are not in ``present``.

    A document refers only to the notes it holds: a delårsrapport prints
    Not 2 and Not 3 but no Not 6, so its rows do not say "6".
    """
    if all(row.note is None or row.note in present for row in table.rows):
        return table
    rows = tuple(
        row if row.note is None or row.note in present else replace(row, note=None)
        for row in table.rows
    )
    return replace(table, rows=rows)


@dataclass(frozen=True)
class Footnote:
    """A footnote as printed under its table: its marker (``*``, ``¹``, ``²`` …) and text.

    ``rows`` are the indexes of the rows it marks with the same marker.
    """

    marker: str
    text: str
    rows: tuple[int, ...] = ()


def marker(number: int) -> str:
    """The marker of a table's ``number``-th footnote about rows: ``¹``, ``²``, … ``¹⁰``."""
    return str(number).translate(SUPERSCRIPT)


def footnotes(table: PrintedTable) -> tuple[Footnote, ...]:
    """The footnotes to print under a table, with their markers.

    A footnote about the whole table is marked ``*``. A footnote that names
    accounts (:attr:`~finsam_ledger.model.table.Table.note_accounts`) is left
    out under a table no row of which sums one of them (the forecast notes
    about income under Not 3); it marks, with ``¹``, ``²`` … in the order of
    the footnotes, every line whose accounts all are among them; where it
    marks no line (the accounts are part of a larger line) it is ``*``.
    """
    out: list[Footnote] = []
    for i, text in enumerate(table.notes):
        accounts = set(table.note_accounts[i]) if i < len(table.note_accounts) else set()
        if not accounts:
            out.append(Footnote("*", text))
            continue
        if not any(accounts.intersection(row.accounts) for row in table.rows):
            continue
        rows = tuple(
            r
            for r, row in enumerate(table.rows)
            if row.kind in ("line", "detail") and row.accounts and accounts.issuperset(row.accounts)
        )
        numbered = sum(1 for note in out if note.rows) + 1
        out.append(Footnote(marker(numbered), text, rows) if rows else Footnote("*", text))
    return tuple(out)


def row_markers(table: PrintedTable, notes: Iterable[Footnote]) -> tuple[str, ...]:
    """Per row, the markers of the footnotes about it (``¹``, ``¹,²``; ``""`` for none)."""
    marks: list[list[str]] = [[] for _ in table.rows]
    for note in notes:
        for r in note.rows:
            marks[r].append(note.marker)
    return tuple(",".join(m) for m in marks)


_AFTER_DASH = re.compile(r"(?<=[–—])(?=\S)")


def heading_pieces(text: str, at_dash: bool = True) -> list[tuple[str, str]]:
    """A column heading's unbreakable pieces, each with what joins it to the one before.

    A heading breaks at a space (joined by ``" "``) and, with ``at_dash``,
    after the dash of a range (``2021-01-01–`` and ``2021-06-30``, joined by
    ``""``), never inside a date or a word.
    """
    pieces: list[tuple[str, str]] = []
    for word in text.split():
        parts = _AFTER_DASH.split(word) if at_dash else [word]
        pieces += [(part, " " if i == 0 else "") for i, part in enumerate(parts)]
    return pieces


def heading_lines(text: str, width: int, at_dash: bool = True) -> list[str]:
    """A column heading on lines of at most ``width`` characters (a longer piece stays whole).

    >>> heading_lines("Utfall 2021-01-01–2021-06-30", 11)
    ['Utfall', '2021-01-01–', '2021-06-30']
    >>> heading_lines("Avvikelse utfall – budget", 16)
    ['Avvikelse utfall', '– budget']
    """
    lines: list[str] = []
    for piece, glue in heading_pieces(text, at_dash):
        if lines and len(lines[-1]) + len(glue) + len(piece) <= width:
            lines[-1] += glue + piece
        else:
            lines.append(piece)
    return lines or [""]

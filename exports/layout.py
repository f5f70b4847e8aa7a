"""A table as printed: every value rounded once, in its unit, ready for any format.

All renderers start from :func:`printed_table`, so rounding (once per
printed line, half away from zero), the choice of kr or tkr, and making
every text one line (:func:`one_line`) happen in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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

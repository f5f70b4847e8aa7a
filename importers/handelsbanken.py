"""Handelsbanken, private accounts: the XLSX transaction list (2025).

One sheet: A1 ``Handelsbanken``, A2 when the file was made, A4 the
account's name and number (``Allkonto 123 123 123``), A6 ``Kontoform: …``,
A7 ``Period: YYYY-MM-DD - YYYY-MM-DD``, then the header row
``Reskontradatum | Transaktionsdatum | Text | Belopp | Saldo`` (row 9) and
one row per transaction below it: dates as ISO text (date cells are
accepted too), amounts and balances as numbers (text like ``-1 432,50``
is accepted too), ``Saldo`` the balance after the row. Rows without a
``Reskontradatum`` are preliminary (not booked yet) and are skipped.

Newer files declare a wrong sheet dimension (``A1:A1``), so the sheet is
rescanned (``reset_dimensions``). Excel numbers are floats: they become
Decimal through their shortest decimal representation, never by float
arithmetic, and a number with fractions of an öre is an error.

Row order: newest first in the sample (its balances chain that way); a
file whose dates ascend is read as oldest first, one whose dates go both
ways is refused (the rule of every reader,
:func:`~finsam_ledger.importers.model.in_date_order`).

Before openpyxl opens a workbook, its zip directory is checked
(:func:`~finsam_ledger.importers.parse.check_zip`): a file that would
unpack to too much (a "zip bomb") is refused unopened. A cell holding an
error value (``#REF!``), or a formula saved without its value (which would
read as an empty cell: an empty text, or a row taken for a preliminary
one), is a fault naming the sheet, the cell and the row.

:class:`HandelsbankenReader` implements the reader protocol itself (it is
not a CSV format). ``sniff`` recognises the workbook by its content: a
whole file is opened with openpyxl; the 8 KiB head that
``BankImporter.identify`` passes is usually a cut-off zip, so then the zip
entries in it are inflated as far as they go and the sheet's strings must
include ``Handelsbanken`` and the five header names.
"""

from __future__ import annotations

import datetime
import html
import io
import re
import struct
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from finsam_ledger.importers import parse
from finsam_ledger.importers.model import BankRow, ImportFault, Statement, finish

NAME = "handelsbanken-xlsx"
BANK = "Handelsbanken"
HEADER = ("Reskontradatum", "Transaktionsdatum", "Text", "Belopp", "Saldo")
HEADER_ROWS = 40  # the header is looked for in this many rows at the top
# ``Allkonto 123 123 123`` or with the clearing number (Handelsbanken's are 6xxx).
ACCOUNT = re.compile(r"(?<!\d)((?:6\d{3}[ -]?)?\d{3} ?\d{3} ?\d{3})\s*$")

ZIP_MAGIC = b"PK\x03\x04"
_LOCAL = struct.Struct("<4sHHHHHIIIHH")  # a zip local file header, 30 bytes
_INFLATED_MAX = 1 << 20
_XML_TEXT = re.compile(r"<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)</(?:\w+:)?t>")
_CENT = Decimal("0.01")
_NOT_CENTS = Decimal("0.000001")


class HandelsbankenReader:
    """Reads Handelsbanken's XLSX transaction list (see the module docstring)."""

    name = NAME
    description = "Handelsbanken kontotransaktioner XLSX (2025): Reskontradatum | … | Saldo"

    def sniff(self, raw: bytes) -> bool:
        """Whether the bytes are a Handelsbanken workbook (or the head of one)."""
        if not raw.startswith(ZIP_MAGIC):
            return False
        try:
            parse.check_zip(io.BytesIO(raw))
        except ValueError:
            # Only the start of the file, or a workbook not to be opened: its first entries.
            return _head_looks_like(raw)
        try:
            rows = _sheet_rows(io.BytesIO(raw), max_row=HEADER_ROWS)
        except Exception:  # any workbook openpyxl cannot read is not ours
            return False
        return _first_cell(rows) == BANK and _header_index(rows) is not None

    def read(self, path: str) -> Statement:
        """All booked rows of the file, oldest first."""
        sheet = _open(path)
        rows = sheet.rows
        first = _first_cell(rows)
        if first != BANK:
            raise ImportFault(path, 1, f"A1 is {first!r}, not {BANK!r}")
        header = _header_index(rows)
        if header is None:
            raise ImportFault(
                path, None, f"no header row {' | '.join(HEADER)} in the first {HEADER_ROWS} rows"
            )
        account_number = _account_number(rows[1:header])
        booked: list[BankRow] = []
        data_rows = 0
        for number, values in enumerate(rows[header + 1 :], start=header + 2):
            if number in sheet.problems:
                raise ImportFault(path, number, f"sheet {sheet.name!r}, {sheet.problems[number]}")
            cells = [*values[: len(HEADER)], *[None] * (len(HEADER) - len(values))]
            if all(_blank(cell) for cell in cells):
                continue
            data_rows += 1
            if _blank(cells[0]):
                continue  # preliminary: not booked yet
            booked.append(_row(path, number, cells))
        if not data_rows:
            raise ImportFault(path, None, "no transactions in the file")
        return finish(path, NAME, booked, newest_first=True, account_number=account_number)


@dataclass(frozen=True)
class _Sheet:
    """The first sheet's name and values (row 1 first), and for a row with a cell that
    has no usable value (an error, a formula saved without its value) what is wrong."""

    name: str
    rows: list[tuple[Any, ...]]
    problems: dict[int, str]


def _open(path: str) -> _Sheet:
    """The workbook's first sheet, after its zip directory has been checked."""
    try:
        parse.check_zip(path)
    except OSError as exc:
        raise ImportFault(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    except ValueError as exc:  # not a zip, or one that would unpack to too much
        raise ImportFault(path, None, str(exc)) from None
    try:
        name, rows, errors = _values(path)
        return _Sheet(name, rows, {**_formulas_without_values(path, rows), **errors})
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ImportFault(path, None, f"not an XLSX workbook: {exc}") from None


def _workbook(source: Any, data_only: bool) -> Any:
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. "Workbook contains no default style"
        return load_workbook(source, read_only=True, data_only=data_only)


def _values(source: Any) -> tuple[str, list[tuple[Any, ...]], dict[int, str]]:
    """The first sheet's name, its values as saved, and the rows with an error value."""
    book = _workbook(source, data_only=True)
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # newer files declare A1:A1
        rows: list[tuple[Any, ...]] = []
        errors: dict[int, str] = {}
        for number, row in enumerate(sheet.iter_rows(), start=1):
            rows.append(tuple(cell.value for cell in row))
            for cell in row[: len(HEADER)]:
                if getattr(cell, "data_type", "n") == "e":
                    errors.setdefault(number, f"cell {cell.coordinate}: the error {cell.value}")
        return str(sheet.title), rows, errors
    finally:
        book.close()


def _formulas_without_values(source: Any, rows: list[tuple[Any, ...]]) -> dict[int, str]:
    """The rows with a formula saved without its value (which reads as an empty cell)."""
    book = _workbook(source, data_only=False)
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        found: dict[int, str] = {}
        for number, row in enumerate(sheet.iter_rows(max_col=len(HEADER)), start=1):
            saved = rows[number - 1] if number <= len(rows) else ()
            for column, cell in enumerate(row):
                value = saved[column] if column < len(saved) else None
                if getattr(cell, "data_type", "n") == "f" and value is None:
                    found.setdefault(
                        number,
                        f"cell {cell.coordinate}: a formula ({cell.value}) saved without its "
                        "value; open the file in a spreadsheet program and save it again",
                    )
        return found
    finally:
        book.close()


def _sheet_rows(source: Any, max_row: int | None = None) -> list[tuple[Any, ...]]:
    """The values of the first sheet, row 1 first (missing rows as empty tuples)."""
    workbook = _workbook(source, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # newer files declare A1:A1
        return [tuple(row) for row in sheet.iter_rows(max_row=max_row, values_only=True)]
    finally:
        workbook.close()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _first_cell(rows: list[tuple[Any, ...]]) -> str:
    return _text(rows[0][0]) if rows and rows[0] else ""


def _header_index(rows: list[tuple[Any, ...]]) -> int | None:
    for index, values in enumerate(rows[:HEADER_ROWS]):
        cells = [_text(v) for v in values]
        if tuple(cells[: len(HEADER)]) == HEADER and not any(cells[len(HEADER) :]):
            return index
    return None


def _account_number(preamble: list[tuple[Any, ...]]) -> str | None:
    for values in preamble:
        line = _text(values[0]) if values else ""
        if line.startswith(("Period", "Kontoform")):
            continue
        match = ACCOUNT.search(line)
        if match:
            return match[1]
    return None


def _row(path: str, number: int, cells: list[Any]) -> BankRow:
    booking, transaction, text_cell, amount_cell, balance_cell = cells
    try:
        day = _date(booking)
        value = _money(amount_cell)
        balance = None if _blank(balance_cell) else _money(balance_cell)
        transaction_day = "" if _blank(transaction) else _date(transaction).isoformat()
    except ValueError as exc:
        raise ImportFault(path, number, str(exc)) from None
    text = _text(text_cell)
    return BankRow(
        date=day,
        amount=value,
        text=text,
        line=number,
        identity="",
        balance=balance,
        meta={"transaktionsdag": transaction_day} if transaction_day else {},
    )


def _date(value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return parse.date(value)
    raise ValueError(f"not a date: {value!r}")


def _money(value: object) -> Decimal:
    """A cell's amount: numbers through their shortest decimal form, text as Swedish amounts."""
    if isinstance(value, bool):
        raise ValueError(f"not an amount: {value!r}")
    if isinstance(value, int):
        return parse.cents(Decimal(value), value)
    if isinstance(value, float):
        # 779.4 -> Decimal('779.4'), not the binary expansion; 0.1 + 0.2 is 0.30.
        return parse.cents(Decimal(repr(value)), value, tolerance=_NOT_CENTS)
    if isinstance(value, str):
        return parse.amount(value, ",")
    raise ValueError("empty amount" if value is None else f"not an amount: {value!r}")


def _head_looks_like(raw: bytes) -> bool:
    """From the start of a zip: do the sheet's strings include the bank and the header?"""
    texts: set[str] = set()
    for name, content in _zip_head_entries(raw):
        if name == "xl/sharedStrings.xml" or re.fullmatch(r"xl/worksheets/[^/]+\.xml", name):
            found = _XML_TEXT.findall(content.decode("utf-8", "replace"))
            texts.update(html.unescape(text).strip() for text in found)
    return BANK in texts and all(column in texts for column in HEADER)


def _zip_head_entries(raw: bytes) -> Iterator[tuple[str, bytes]]:
    """The entries of a zip's first bytes, each inflated as far as the bytes go."""
    position = 0
    while position + _LOCAL.size <= len(raw) and raw.startswith(ZIP_MAGIC, position):
        fields = _LOCAL.unpack_from(raw, position)
        flags, method, size, name_length, extra_length = (
            fields[2],
            fields[3],
            fields[7],
            fields[9],
            fields[10],
        )
        start = position + _LOCAL.size + name_length + extra_length
        if start > len(raw):
            return
        name = raw[position + _LOCAL.size : position + _LOCAL.size + name_length].decode(
            "utf-8", "replace"
        )
        size_known = not flags & 0x08 and size != 0xFFFFFFFF
        if method == 0 and size_known:
            yield name, raw[start : start + size]
            position = start + size
            continue
        if method != 8:
            return
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        chunk = raw[start : start + size] if size_known else raw[start:]
        try:
            content = inflater.decompress(chunk, _INFLATED_MAX)
        except zlib.error:
            return
        yield name, content
        if size_known:
            position = start + size
        elif inflater.eof:  # the data descriptor follows; find the next entry after it
            following = raw.find(ZIP_MAGIC, len(raw) - len(inflater.unused_data))
            if following < 0:
                return
            position = following
        else:
            return


READERS = (HandelsbankenReader(),)

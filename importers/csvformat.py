"""Declarative readers for bank CSV files, one :class:`CsvFormat` per bank layout.

A format names its exact header (or none), delimiter, decimal sign, date
formats, encodings, preamble and columns; :class:`CsvReader` identifies a
file by its content (the header or preamble, never the file name) and reads
it into a :class:`~finsam_ledger.importers.model.Statement` with rows oldest
first. A bank that changes its layout gets a new format beside the old one.

Every problem (wrong delimiter, a truncated line, an amount or date that
does not parse, a line in another encoding than the rest, a row out of date
order) is an :class:`~finsam_ledger.importers.model.ImportFault` naming the
file and line; nothing is guessed. The rules shared with the other readers
are :func:`~finsam_ledger.importers.parse.decode` (one encoding per file),
:func:`~finsam_ledger.importers.parse.split_lines` (lines as editors number
them) and :func:`~finsam_ledger.importers.model.finish` (date order, balance
chain, row identities).
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from finsam_ledger.importers import parse
from finsam_ledger.importers.model import BankRow, ImportFault, Statement, finish, read_bytes

Column = str | int
HEAD_BYTES = 8192


@dataclass(frozen=True)
class CsvFormat:
    """One bank's CSV layout.

    ``amount`` is a column, or a pair (insättningar, uttag) of columns of
    which one is filled. ``skip`` tells rows that are not booked yet
    (``Reserverat``) from the rest. ``preamble`` is a pattern the lines
    before the header must match, in order (blank lines do not count);
    ``skip_lines`` physical lines are skipped before anything else. ``quoted``
    is False for banks that never quote, so a ``"`` is text.
    ``identity_by_balance`` is False for a bank whose balance column is
    sometimes empty (the row identity then never depends on it).
    """

    name: str
    description: str
    header: tuple[str, ...] | None
    date: Column
    amount: Column | tuple[Column, Column]
    text: Sequence[Column]
    delimiter: str = ";"
    decimal: str = ","
    date_formats: tuple[str, ...] = ("%Y-%m-%d",)
    encodings: tuple[str, ...] = ("utf-8", "cp1252")
    preamble: tuple[str, ...] = ()
    balance: Column | None = None
    counterparty: Column | None = None
    reference: Column | None = None
    kind: Column | None = None
    account_number: Callable[[list[str]], str | None] | None = None
    created: Callable[[list[str]], datetime.date | None] | None = None
    skip: Callable[[dict[Column, str]], bool] | None = None
    newest_first: bool = True
    columns: int | None = None
    account_columns: tuple[Column, ...] = ()
    quoted: bool = True
    skip_lines: int = 0
    identity_by_balance: bool = True
    extra_meta: dict[str, Column] = field(default_factory=dict)


def complete_lines(raw: bytes) -> bytes:
    """The start of a file cut after its last complete line.

    ``identify`` passes the first ``HEAD_BYTES`` bytes; cut there, a UTF-8
    letter (``ö`` is two bytes) can be split in half and the head would not
    decode. Whole lines always do.
    """
    if len(raw) >= HEAD_BYTES and b"\n" in raw:
        return raw[: raw.rindex(b"\n") + 1]
    return raw


class CsvReader:
    """Reads files of one :class:`CsvFormat`."""

    def __init__(self, fmt: CsvFormat) -> None:
        self.format = fmt
        self._quoting: dict[str, Any] = (
            {} if fmt.quoted else {"quoting": csv.QUOTE_NONE, "quotechar": None}
        )

    @property
    def name(self) -> str:
        """The format's name, e.g. ``swedbank-2019``."""
        return self.format.name

    @property
    def description(self) -> str:
        """What the format is, for the list of known formats."""
        return self.format.description

    def _lines(self, path: str, raw: bytes) -> list[str]:
        try:
            text, _ = parse.decode(raw, self.format.encodings)
        except parse.ParseError as exc:
            raise ImportFault(path, exc.line, str(exc)) from None
        return parse.split_lines(text)

    def _cells(self, line: str) -> list[str]:
        """One line's cells (a line that is not CSV has none)."""
        try:
            return next(csv.reader([line], delimiter=self.format.delimiter, **self._quoting), [])
        except csv.Error:
            return []

    def sniff(self, raw: bytes) -> bool:
        """Whether the start of a file looks like this format (by its content only)."""
        fmt = self.format
        text, _ = parse.decode(complete_lines(raw[:HEAD_BYTES]), fmt.encodings, strict=False)
        lines = [line for line in parse.split_lines(text)[fmt.skip_lines :] if line.strip()]
        if len(lines) < len(fmt.preamble) + 1:
            return False
        for pattern, line in zip(fmt.preamble, lines, strict=False):
            if not re.match(pattern, line):
                return False
        cells = self._cells(lines[len(fmt.preamble)])
        if fmt.header is not None:
            return tuple(c.strip() for c in cells[: len(fmt.header)]) == fmt.header and all(
                not c.strip() for c in cells[len(fmt.header) :]
            )
        return fmt.columns is not None and len(cells) == fmt.columns and self._row_parses(cells)

    def _row_parses(self, cells: list[str]) -> bool:
        try:
            parse.date(cells[int(self.format.date)], self.format.date_formats)
            return True
        except (ValueError, IndexError):
            return bool(self.format.skip and self.format.skip(dict(enumerate(cells))))

    def read(self, path: str) -> Statement:
        """All booked rows of the file, oldest first."""
        fmt = self.format
        lines = self._lines(path, read_bytes(path))
        lines = [""] * fmt.skip_lines + lines[fmt.skip_lines :]
        # Blank lines before the header do not count, as in sniff().
        filled = [i for i, line in enumerate(lines) if line.strip()]
        account_number, created = self._preamble(path, lines, filled[: len(fmt.preamble)])
        head = filled[len(fmt.preamble) :]
        index = head[0] if head else len(lines)
        names: dict[str, int] = {}
        width = fmt.columns
        if fmt.header is not None:
            names, width = self._header(path, lines, index)
            index += 1
        row = _RowParser(path, fmt, names, width)
        rows: list[BankRow] = []
        data_lines = 0
        reader = csv.reader(lines[index:], delimiter=fmt.delimiter, strict=True, **self._quoting)
        consumed = 0  # lines the csv reader has read (a quoted field can span lines)
        try:
            for cells in reader:
                number, consumed = index + consumed + 1, reader.line_num
                if not cells or not any(cell.strip() for cell in cells):
                    continue
                data_lines += 1
                if width is not None and len(cells) != width:
                    raise ImportFault(
                        path,
                        number,
                        f"{len(cells)} fields where the header has {width} "
                        f"(truncated line, or not {fmt.delimiter!r}-separated?)",
                    )
                if account_number is None and fmt.account_columns:
                    account_number = (
                        "".join(row.cell(cells, c) for c in fmt.account_columns) or None
                    )
                if fmt.skip is not None and fmt.skip(row.record(cells)):
                    continue
                rows.append(row.parse(number, cells))
        except csv.Error as exc:
            raise ImportFault(path, index + reader.line_num, f"not CSV: {exc}") from None
        if not data_lines:
            raise ImportFault(path, None, f"no transactions in the file ({fmt.description})")
        return finish(
            path,
            fmt.name,
            rows,
            newest_first=fmt.newest_first,
            by_balance=fmt.identity_by_balance,
            account_number=account_number,
            created=created,
            created_line=filled[0] + 1 if created is not None else None,
        )

    def _preamble(
        self, path: str, lines: list[str], indexes: list[int]
    ) -> tuple[str | None, datetime.date | None]:
        """The account number and the export's date from the lines before the header."""
        fmt = self.format
        preamble = [lines[i] for i in indexes]
        try:
            account_number = fmt.account_number(preamble) if fmt.account_number else None
            created = fmt.created(preamble) if fmt.created else None
        except (ValueError, csv.Error) as exc:
            raise ImportFault(path, indexes[0] + 1 if indexes else None, str(exc)) from None
        return account_number, created

    def _header(self, path: str, lines: list[str], index: int) -> tuple[dict[str, int], int]:
        """The header line's column names with their indexes, and its number of fields."""
        fmt = self.format
        if index >= len(lines):
            raise ImportFault(path, index + 1, f"no header line; expected {fmt.header}")
        header = self._cells(lines[index])
        if tuple(cell.strip() for cell in header[: len(fmt.header or ())]) != fmt.header:
            raise ImportFault(
                path, index + 1, f"not the header of {fmt.name}: expected {fmt.header}"
            )
        return {name.strip(): i for i, name in enumerate(header)}, len(header)


class _RowParser:
    """Turns the cells of one line into a :class:`BankRow`; columns resolved once."""

    def __init__(self, path: str, fmt: CsvFormat, names: dict[str, int], width: int | None) -> None:
        self.path, self.format, self.names = path, fmt, names

        def resolve(column: Column | None) -> int | None:
            if column is None:
                return None
            if isinstance(column, int):
                if column < 0 or (width is not None and column >= width):
                    raise ImportFault(
                        path, None, f"column {column} is not among the file's {width} columns"
                    )
                return column
            if column not in names:
                raise ImportFault(path, None, f"column {column!r} missing from the header")
            return names[column]

        self.resolve = resolve
        self.date = resolve(fmt.date)
        self.amounts = (
            tuple(resolve(c) for c in fmt.amount)
            if isinstance(fmt.amount, tuple)
            else (resolve(fmt.amount),)
        )
        self.text = tuple(resolve(c) for c in fmt.text)
        self.balance = resolve(fmt.balance)
        self.counterparty = resolve(fmt.counterparty)
        self.reference = resolve(fmt.reference)
        self.kind = resolve(fmt.kind)
        self.extra = {key: resolve(column) for key, column in fmt.extra_meta.items()}

    def cell(self, cells: list[str], column: Column | int | None) -> str:
        """A cell's text, stripped; empty when the line is too short."""
        if column is None:
            return ""
        index = column if isinstance(column, int) else self.resolve(column)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def record(self, cells: list[str]) -> dict[Column, str]:
        """The cells by index and by header name (for a format's ``skip`` test)."""
        record: dict[Column, str] = dict(enumerate(cells))
        record.update({name: cells[i] for name, i in self.names.items() if i < len(cells)})
        return record

    def parse(self, number: int, cells: list[str]) -> BankRow:
        fmt = self.format
        try:
            day = parse.date(self.cell(cells, self.date), fmt.date_formats)
            if len(self.amounts) == 2:
                given = [self.cell(cells, c) for c in self.amounts]
                # Economy systems write 0,00 in the unused column: that is empty too.
                given = [v if v and parse.amount(v, fmt.decimal) else "" for v in given]
                filled = [v for v in given if v]
                if len(filled) != 1:
                    raise ValueError("exactly one of insättning and uttag must be filled")
                value = parse.amount(filled[0], fmt.decimal)
                if given[0] and value < 0:
                    raise ValueError(f"a negative insättning: {given[0]!r}")
                if given[1] and value > 0:
                    value = -value  # an uttag written without its minus
            else:
                value = parse.amount(self.cell(cells, self.amounts[0]), fmt.decimal)
            balance: Decimal | None = None
            balance_text = self.cell(cells, self.balance)
            if balance_text not in ("", "-"):
                balance = parse.amount(balance_text, fmt.decimal)
        except ValueError as exc:
            raise ImportFault(self.path, number, str(exc)) from None
        text = " ".join(t for t in (self.cell(cells, c) for c in self.text) if t)
        reference = self.cell(cells, self.reference)
        extra = {key: self.cell(cells, column) for key, column in self.extra.items()}
        return BankRow(
            date=day,
            amount=value,
            text=text,
            line=number,
            identity="",
            counterparty=self.cell(cells, self.counterparty),
            reference=reference,
            kind=self.cell(cells, self.kind),
            balance=balance,
            meta={key: value for key, value in extra.items() if value},
        )

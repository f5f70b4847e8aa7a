"""Declarative readers for bank CSV files, one :class:`CsvFormat` per bank layout.

A format names its exact header (or none), delimiter, decimal sign, date
formats, encodings, preamble and columns; :class:`CsvReader` identifies a
file by its content (the header or preamble, never the file name) and reads
it into a :class:`~finsam_ledger.importers.model.Statement` with rows oldest
first. A bank that changes its layout gets a new format beside the old one.

Every problem (wrong delimiter, a truncated line, an amount or date that
does not parse) is an :class:`~finsam_ledger.importers.model.ImportFault`
naming the file and line; nothing is guessed.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from finsam_ledger.importers import parse
from finsam_ledger.importers.model import BankRow, ImportFault, Statement

Column = str | int
HEAD_BYTES = 8192


@dataclass(frozen=True)
class CsvFormat:
    """One bank's CSV layout.

    ``amount`` is a column, or a pair (insättningar, uttag) of columns of
    which one is filled. ``skip`` tells rows that are not booked yet
    (``Reserverat``) from the rest. ``preamble`` is a pattern the lines
    before the header must match, in order.
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
    skip: Callable[[dict[Column, str]], bool] | None = None
    newest_first: bool = True
    columns: int | None = None
    account_columns: tuple[Column, ...] = ()
    extra_meta: dict[str, Column] = field(default_factory=dict)


class CsvReader:
    """Reads files of one :class:`CsvFormat`."""

    def __init__(self, fmt: CsvFormat) -> None:
        self.format = fmt

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
        except ValueError as exc:
            raise ImportFault(path, None, str(exc)) from None
        return text.splitlines()

    def sniff(self, raw: bytes) -> bool:
        """Whether the start of a file looks like this format."""
        try:
            text, _ = parse.decode(raw[:HEAD_BYTES], self.format.encodings)
        except (ValueError, UnicodeDecodeError):
            return False
        lines = [line for line in text.splitlines() if line.strip()]
        fmt = self.format
        if len(lines) < len(fmt.preamble) + (1 if fmt.header else 1):
            return False
        for pattern, line in zip(fmt.preamble, lines, strict=False):
            if not re.match(pattern, line):
                return False
        first = lines[len(fmt.preamble)]
        cells = next(csv.reader([first], delimiter=fmt.delimiter))
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
        lines = self._lines(path, Path(path).read_bytes())
        index = 0
        while index < len(lines) and not lines[index].strip():
            index += 1
        account_number = None
        preamble = [line for line in lines[index : index + len(fmt.preamble)]]
        if fmt.account_number is not None:
            account_number = fmt.account_number(preamble)
        index += len(fmt.preamble)
        while index < len(lines) and not lines[index].strip():
            index += 1
        names: dict[Column, int] = {}
        width = fmt.columns
        if fmt.header is not None:
            if index >= len(lines):
                raise ImportFault(path, index + 1, f"no header line; expected {fmt.header}")
            header = next(csv.reader([lines[index]], delimiter=fmt.delimiter))
            names = {name.strip(): i for i, name in enumerate(header)}
            width = len(header)
            index += 1
        rows: list[tuple[int, dict[Column, str]]] = []
        for number, line in enumerate(lines[index:], start=index + 1):
            if not line.strip():
                continue
            cells = next(csv.reader(io.StringIO(line), delimiter=fmt.delimiter), [])
            if width is not None and len(cells) != width:
                raise ImportFault(
                    path,
                    number,
                    f"{len(cells)} fields where the header has {width} "
                    f"(truncated line, or not {fmt.delimiter!r}-separated?)",
                )
            record: dict[Column, str] = dict(enumerate(cells))
            record.update({name: cells[i] for name, i in names.items() if i < len(cells)})
            rows.append((number, record))
        if not rows:
            raise ImportFault(path, None, f"no transactions in the file ({fmt.description})")
        booked = [
            (number, record) for number, record in rows if not (fmt.skip and fmt.skip(record))
        ]
        if fmt.account_columns and account_number is None:
            first = rows[0][1]
            account_number = "".join(first.get(c, "").strip() for c in fmt.account_columns) or None
        if fmt.newest_first:
            booked.reverse()
        parsed = [self._row(path, number, record) for number, record in booked]
        return Statement(fmt.name, tuple(_identify(parsed)), account_number=account_number)

    def _row(self, path: str, number: int, record: dict[Column, str]) -> BankRow:
        fmt = self.format
        try:
            day = parse.date(record[fmt.date], fmt.date_formats)
            if isinstance(fmt.amount, tuple):
                given = [record[c].strip() for c in fmt.amount]
                filled = [v for v in given if v]
                if len(filled) != 1:
                    raise ValueError("exactly one of insättning and uttag must be filled")
                number_ = parse.amount(filled[0], fmt.decimal)
                if given[1] and number_ > 0:
                    number_ = -number_  # an uttag written without its minus
            else:
                number_ = parse.amount(record[fmt.amount], fmt.decimal)
            balance: Decimal | None = None
            if fmt.balance is not None and record[fmt.balance].strip() not in ("", "-"):
                balance = parse.amount(record[fmt.balance], fmt.decimal)
        except KeyError as exc:
            raise ImportFault(path, number, f"column {exc} missing") from None
        except ValueError as exc:
            raise ImportFault(path, number, str(exc)) from None
        text = " ".join(record[c].strip() for c in fmt.text if record.get(c, "").strip())

        def cell(column: Column | None) -> str:
            return record.get(column, "").strip() if column is not None else ""

        return BankRow(
            date=day,
            amount=number_,
            text=text,
            line=number,
            identity="",
            counterparty=cell(fmt.counterparty),
            reference=cell(fmt.reference),
            kind=cell(fmt.kind),
            balance=balance,
            meta={key: cell(column) for key, column in fmt.extra_meta.items() if cell(column)},
        )


def _identify(rows: list[BankRow]) -> list[BankRow]:
    """Give each row its identity: date, amount and the balance after it, where the file has one;
    else date, amount, text and reference, numbered among identical rows."""
    seen: Counter[tuple[object, ...]] = Counter()
    out = []
    for row in rows:
        if row.balance is not None:
            identity = f"{row.date}|{row.amount}|saldo {row.balance}"
        else:
            key = (row.date, row.amount, row.text, row.reference)
            seen[key] += 1
            identity = f"{row.date}|{row.amount}|{row.text}|{row.reference}|{seen[key]}"
        out.append(
            BankRow(
                row.date,
                row.amount,
                row.text,
                row.line,
                identity,
                row.counterparty,
                row.reference,
                row.kind,
                row.balance,
                row.meta,
            )
        )
    return out

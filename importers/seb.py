"""SEB (Skandinaviska Enskilda Banken), the CSV exports of an account's transactions.

Every layout has the newest row first, dates ``YYYY-MM-DD``, a signed
amount (negative is money out) and the balance after each row, which gives
the closing balance assertion. ``Text`` is the text of the row (payee,
card purchase with its date appended as in ``KONTORSBOLAGET/25-03-27``, or
an OCR/Swish number); ``Valutadatum`` becomes the ``valutadatum`` metadata.

Readers:

* ``seb-2020``: ``Export.csv`` from the internet bank up to 2020: a few
  preamble lines (export title, export time, account name with its number
  in brackets, ``Kontohändelser``; four lines in the files seen), then the
  header ``Bokföringsdatum,Valutadatum,Verifikationsnummer,Text/mottagare,Belopp,Saldo``;
  comma-separated, decimal point (``-1250.00``), single-byte Latin-1/cp1252
  text (UTF-8 is read too). The header is looked for in the first
  ten lines whatever the preamble says, so a changed, shorter or longer
  preamble (or none) is still read. An account number written like
  ``1234 56 789 00`` in the preamble is the file's account number.
  ``Verifikationsnummer`` is the reference.
* ``seb-2024``: ``Bokföringsdatum;Valutadatum;Verifikationsnummer;Text;Belopp;Saldo``
  (2024–2025), UTF-8 with BOM, ``;``-separated, amounts with a decimal
  point and THREE decimals: ``-253.520`` is −253,52 kr (a third decimal
  other than 0 is an error: fractions of an öre). One report shows the same
  header with decimal commas (``7,84``); the reader takes the decimal sign
  the file's amounts use, and refuses a file that mixes both.
  ``Verifikationsnummer`` is the reference.
* ``seb-transaktioner-2024``: "Transaktioner" from the new internet bank,
  2024: ``Bokförd,Valutadatum,Text,Typ,Insättningar/uttag,Bokfört saldo``,
  comma-separated, UTF-8 with BOM, decimal point, one signed amount.
* ``seb-transaktioner-2026``: the same with split amounts, 2026:
  ``Bokförd;Valutadatum;Text;Typ;Insättningar;Uttag;Bokfört saldo``,
  ``;``-separated, UTF-8 with BOM, CRLF, decimal point. Exactly one of
  ``Insättningar`` and ``Uttag`` is filled on a row; ``Uttag`` carries its
  own minus (``-89.44``).

In both "Transaktioner" layouts ``Typ`` (``Betalning (bg/pg)``,
``Kortköp``, ``Annan``, …) is the row's kind and the ``typ`` metadata;
there is no verification number, so rows are identified by date, amount
and balance.

The XLSX export (``kontoutdrag.xlsx``) is not read here.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace

from finsam_ledger.importers import parse
from finsam_ledger.importers.csvformat import HEAD_BYTES, CsvFormat, CsvReader, complete_lines
from finsam_ledger.importers.model import ImportFault, Statement, read_bytes

MAX_PREAMBLE = 10
# SEB account numbers: clearing number (4 digits) and 7 digits, "5XXX XX XXX XX".
_ACCOUNT = re.compile(r"(?<![\d-])(\d{4}[ -]?\d{2}[ -]?\d{3}[ -]?\d{2})(?![\d-])")


def _decoded_lines(path: str, encodings: tuple[str, ...]) -> list[str]:
    """The file's lines, decoded as the reader decodes them (line 1 is index 0)."""
    try:
        text, _ = parse.decode(read_bytes(path), encodings)
    except parse.ParseError as exc:
        raise ImportFault(path, exc.line, str(exc)) from None
    return parse.split_lines(text)


def _cells(line: str, delimiter: str) -> tuple[str, ...]:
    try:
        return tuple(cell.strip() for cell in next(csv.reader([line], delimiter=delimiter), []))
    except csv.Error:  # e.g. a field beyond the csv module's size limit: no header
        return ()


class PreambleReader(CsvReader):
    """A layout whose header follows a preamble of unknown length (up to ``MAX_PREAMBLE``)."""

    def _header_index(self, lines: list[str]) -> int | None:
        fmt = self.format
        for index, line in enumerate(lines[: MAX_PREAMBLE + 1]):
            cells = _cells(line, fmt.delimiter)
            if cells[: len(fmt.header or ())] == fmt.header and not any(
                cells[len(fmt.header or ()) :]
            ):
                return index
        return None

    def sniff(self, raw: bytes) -> bool:
        """Whether the header is among the first lines of the file."""
        head = complete_lines(raw[:HEAD_BYTES])
        text, _ = parse.decode(head, self.format.encodings, strict=False)
        return self._header_index(parse.split_lines(text)) is not None

    def _lines(self, path: str, raw: bytes) -> list[str]:
        # CsvReader.read takes the first non-blank line for the header; blank the
        # preamble (not remove it), so that line numbers in faults stay the file's.
        lines = super()._lines(path, raw)
        index = self._header_index(lines)
        if index is None:
            raise ImportFault(
                path,
                None,
                f"no header {self.format.delimiter.join(self.format.header or ())} "
                f"in the first {MAX_PREAMBLE + 1} lines",
            )
        return [""] * index + lines[index:]

    def read(self, path: str) -> Statement:
        """All rows, oldest first; the account number from the preamble, if it has one."""
        statement = super().read(path)
        lines = _decoded_lines(path, self.format.encodings)  # with the preamble
        for line in lines[: self._header_index(lines)]:
            found = _ACCOUNT.search(line)
            if found:
                return replace(statement, account_number=found.group(1))
        return statement


class DecimalSignReader(CsvReader):
    """A layout whose amounts come with a decimal point or a decimal comma, one per file."""

    def decimal_sign(self, path: str) -> str:
        """The decimal sign the file's amount and balance columns use (the format's if none)."""
        fmt = self.format
        header = fmt.header or ()
        columns = [header.index(c) for c in (fmt.amount, fmt.balance) if c in header]
        first: dict[str, int] = {}
        started = False
        for number, line in enumerate(_decoded_lines(path, fmt.encodings), start=1):
            if not line.strip():
                continue
            if not started:  # the header
                started = True
                continue
            cells = _cells(line, fmt.delimiter)
            for column in columns:
                value = cells[column] if column < len(cells) else ""
                if "," in value or "." in value:
                    sign = "," if value.rfind(",") > value.rfind(".") else "."
                    first.setdefault(sign, number)
        if len(first) > 1:
            comma, point = first[","], first["."]
            raise ImportFault(
                path,
                max(comma, point),
                f"decimal comma (line {comma}) and decimal point (line {point}) in one file",
            )
        return next(iter(first), fmt.decimal)

    def read(self, path: str) -> Statement:
        """All rows, oldest first, with the file's decimal sign."""
        return CsvReader(replace(self.format, decimal=self.decimal_sign(path))).read(path)


SEB_2020 = CsvFormat(
    name="seb-2020",
    description="SEB Export.csv (-2020): preamble, Bokföringsdatum,…,Text/mottagare,Belopp,Saldo",
    header=(
        "Bokföringsdatum",
        "Valutadatum",
        "Verifikationsnummer",
        "Text/mottagare",
        "Belopp",
        "Saldo",
    ),
    delimiter=",",
    decimal=".",
    encodings=("utf-8", "cp1252"),
    date="Bokföringsdatum",
    amount="Belopp",
    balance="Saldo",
    text=("Text/mottagare",),
    reference="Verifikationsnummer",
    extra_meta={"valutadatum": "Valutadatum"},
)

SEB_2024 = CsvFormat(
    name="seb-2024",
    description="SEB (2024-2025): Bokföringsdatum;…;Text;Belopp;Saldo, three decimals",
    header=("Bokföringsdatum", "Valutadatum", "Verifikationsnummer", "Text", "Belopp", "Saldo"),
    delimiter=";",
    decimal=".",
    encodings=("utf-8", "cp1252"),
    date="Bokföringsdatum",
    amount="Belopp",
    balance="Saldo",
    text=("Text",),
    reference="Verifikationsnummer",
    extra_meta={"valutadatum": "Valutadatum"},
)

SEB_TRANSAKTIONER_2024 = CsvFormat(
    name="seb-transaktioner-2024",
    description="SEB Transaktioner (2024): Bokförd,…,Typ,Insättningar/uttag,Bokfört saldo",
    header=("Bokförd", "Valutadatum", "Text", "Typ", "Insättningar/uttag", "Bokfört saldo"),
    delimiter=",",
    decimal=".",
    encodings=("utf-8", "cp1252"),
    date="Bokförd",
    amount="Insättningar/uttag",
    balance="Bokfört saldo",
    text=("Text",),
    kind="Typ",
    extra_meta={"valutadatum": "Valutadatum", "typ": "Typ"},
)

SEB_TRANSAKTIONER_2026 = CsvFormat(
    name="seb-transaktioner-2026",
    description="SEB Transaktioner (2026): Bokförd;…;Typ;Insättningar;Uttag;Bokfört saldo",
    header=("Bokförd", "Valutadatum", "Text", "Typ", "Insättningar", "Uttag", "Bokfört saldo"),
    delimiter=";",
    decimal=".",
    encodings=("utf-8", "cp1252"),
    date="Bokförd",
    amount=("Insättningar", "Uttag"),
    balance="Bokfört saldo",
    text=("Text",),
    kind="Typ",
    extra_meta={"valutadatum": "Valutadatum", "typ": "Typ"},
)

READERS = (
    PreambleReader(SEB_2020),
    DecimalSignReader(SEB_2024),
    CsvReader(SEB_TRANSAKTIONER_2024),
    CsvReader(SEB_TRANSAKTIONER_2026),
)

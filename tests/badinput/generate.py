#!/usr/bin/env python3
"""(Re)generate the bad-input corpus in this folder from the good sample files.

Run from anywhere: ``python tests/badinput/generate.py``. It deletes the
generated files (everything in this folder but ``generate.py`` and
``README.md``) and writes them again, byte for byte the same on every run:
no clock, no randomness without a fixed seed, fixed zip timestamps.

Each reader's good sample (``tests/importers/<bank>/…``, or a file written
here for the readers without one) is copied as ``<reader>/good.<ext>`` and
mutated once per kind of bad input (``<reader>/<mutation>.<ext>``). The
expected outcome of every case is written to ``cases.json``, which
``tests/test_bad_inputs.py`` reads:

``id``, ``file``
    ``<reader>/<mutation>`` and the file's name in the reader's folder;
``exit``
    the exit code ``finsam import extract`` must give: 1 bad data, 0 done;
``lines``
    the line numbers (1-based, in the file) of which the message must name
    one as ``<file>:<line>`` (or ``line <line>``); absent when the fault is
    not at a line (an empty file, a wrong delimiter, a broken zip);
``match``
    instead of ``lines``: the pattern the message must match;
``config``
    the file is a ``[[csv]]`` config (``-c``), used to import
    ``csv-config/good.csv``;
``subprocess``
    run in a child process with a memory and time limit (the zip bomb);
``also_ok``
    for a fault that a reader may instead read correctly (an encoding mix,
    a BOM at the start of a line): what the appended entries must contain
    if the import goes through;
``must``, ``must_not``, ``stderr``
    for cases that must import: text the appended entries must (not)
    contain, and a pattern the diagnostics must match. (The test also
    checks that appended entries never hold mis-decoded text, a BOM or NUL.)

``readers`` gives each reader's bank account in the test ledger and its
balance before the good sample's first row, so that the good samples
import into the ledger with their balance assertions holding.

The module has no dependencies beyond the standard library and does not
import the project, so the corpus does not change with the code under test.
"""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "importers"
BOM = b"\xef\xbb\xbf"
ZIP_TIME = (2025, 2, 3, 9, 12, 0)
BOMB_BYTES = 1 << 30  # what the zip bomb's sheet inflates to
KEEP = {"generate.py", "README.md"}
MIXED_TEXT = "Jönköpings kommun"


@dataclass(frozen=True)
class Spec:
    """One CSV reader's good sample and where things are in it (lines 1-based, columns 0-based)."""

    reader: str
    account: str
    source: Callable[[], bytes]
    encoding: str  # the file's encoding ("utf-8" also when it has a BOM)
    delimiter: str
    decimal: str
    header: int  # the header's line, 0 for a headerless layout
    rows: tuple[int, ...]  # the booked rows' lines, in file order
    row: int  # the row that is mutated (never the first or last booked one)
    date: int
    amount: int | tuple[int, int]  # or (insättning, uttag)
    text: int
    balance: int | None
    newest_first: bool = True
    ext: str = "csv"
    extra: dict[str, Any] = field(default_factory=dict)


def sample(relative: str) -> Callable[[], bytes]:
    return lambda: (SAMPLES / relative).read_bytes()


def _ica_with_account_line() -> bytes:
    raw = (SAMPLES / "icabanken" / "ica-kontoutdrag-2024-03.csv").read_bytes()
    return BOM + b"9270-000 000 0\n" + raw.removeprefix(BOM)


REGION_CSV = (
    "Huvudbok, export från ekonomisystemet\r\n"
    "Utskriven 2023-04-03\r\n"
    "Datum;Verifikation;Text;Motpart;Belopp;Saldo\r\n"
    "2023-01-16;V23-0012;Medlemsbidrag kv 1;Försäkringskassan;250 000,00;1 250 000,00\r\n"
    "2023-02-01;V23-0031;Lokalhyra februari;Kontorsbolaget AB;-12 000,00;1 238 000,00\r\n"
    "2023-02-15;V23-0047;Faktura insats;Region Exempellän;-85 400,00;1 152 600,00\r\n"
    "2023-03-01;V23-0060;Lokalhyra mars;Kontorsbolaget AB;-12 000,00;1 140 600,00\r\n"
    "2023-03-20;V23-0075;Bankavgift;Bankgirot;-150,00;1 140 450,00\r\n"
)

REGION_TOML = """\
# The ledger's import config: the region's economy system, and one rule.
[[csv]]
namn = "region-ekonomi"
rubrik = ["Datum", "Verifikation", "Text", "Motpart", "Belopp", "Saldo"]
hoppa_over = 2
avgransare = ";"
decimaltecken = ","
datumformat = ["%Y-%m-%d"]
kodning = "cp1252"
datum = "Datum"
belopp = "Belopp"
saldo = "Saldo"
text = ["Text"]
motpart = "Motpart"
referens = "Verifikation"
nyast_forst = false

[[regel]]
text = "EXTRA MEDLEMSBIDRAG"
konto = "Intäkter:Medlemsbidrag:Försäkringskassan"
"""

BANK = "Tillgångar:Kassa-och-bank:"

SPECS = [
    Spec(
        "swedbank-2019",
        BANK + "Swedbank",
        sample("swedbank/transaktioner-2019.csv"),
        "cp1252",
        ",",
        ".",
        2,
        (3, 4, 5, 6),
        4,
        date=5,
        amount=10,
        text=9,
        balance=11,
    ),
    Spec(
        "swedbank-legacy",
        BANK + "Swedbank-Export",
        sample("swedbank/swedbank-legacy-2018-export.csv"),
        "utf-8",
        ";",
        ",",
        0,
        (1, 2, 3),
        2,
        date=2,
        amount=3,
        text=0,
        balance=4,
    ),
    Spec(
        "nordea-privat-2019",
        BANK + "Nordea-Privat",
        sample("nordea/privat-2020.csv"),
        "utf-8",
        ";",
        ",",
        1,
        (3, 4, 5, 6),
        5,
        date=0,
        amount=1,
        text=5,
        balance=6,
    ),
    Spec(
        "nordea-foretag-2021",
        BANK + "Nordea-Foretag-2021",
        sample("nordea/foretag-2022-05.csv"),
        "utf-8",
        ";",
        ",",
        1,
        (3, 4, 5),
        4,
        date=0,
        amount=1,
        text=5,
        balance=8,
    ),
    Spec(
        "nordea-foretag-2025",
        BANK + "Nordea-Foretag-2025",
        sample("nordea/foretag-2025.csv"),
        "utf-8",
        ";",
        ",",
        1,
        (3, 4, 5, 6),
        5,
        date=0,
        amount=1,
        text=5,
        balance=8,
    ),
    Spec(
        "seb-2020",
        BANK + "SEB-Export",
        sample("seb/export-2020.csv"),
        "cp1252",
        ",",
        ".",
        5,
        (6, 7, 8, 9),
        7,
        date=0,
        amount=4,
        text=3,
        balance=5,
    ),
    Spec(
        "seb-2024",
        BANK + "SEB",
        sample("seb/seb-2025.csv"),
        "utf-8",
        ";",
        ".",
        1,
        (2, 3, 4, 5),
        3,
        date=0,
        amount=4,
        text=3,
        balance=5,
    ),
    Spec(
        "seb-transaktioner-2024",
        BANK + "SEB-Transaktioner-2024",
        sample("seb/transaktioner-2024.csv"),
        "utf-8",
        ",",
        ".",
        1,
        (2, 3, 4, 5),
        3,
        date=0,
        amount=4,
        text=2,
        balance=5,
    ),
    Spec(
        "seb-transaktioner-2026",
        BANK + "SEB-Transaktioner-2026",
        sample("seb/transaktioner-2026.csv"),
        "utf-8",
        ";",
        ".",
        1,
        (2, 3, 4, 5, 6),
        3,
        date=0,
        amount=(4, 5),
        text=2,
        balance=6,
    ),
    Spec(
        "danske-bank",
        BANK + "Danske",
        sample("danske/Transaktioner-99999999999-20210331.csv"),
        "cp1252",
        ";",
        ",",
        1,
        (2, 3, 4, 5),
        3,
        date=0,
        amount=2,
        text=1,
        balance=3,
    ),
    Spec(
        "icabanken",
        BANK + "ICA",
        sample("icabanken/ica-kontoutdrag-2024-03.csv"),
        "utf-8",
        ";",
        ",",
        1,
        (2, 3, 4, 5, 6, 7, 8),
        4,
        date=0,
        amount=4,
        text=1,
        balance=5,
    ),
    Spec(
        "icabanken-kontonummer",
        BANK + "ICA-Kontonummer",
        _ica_with_account_line,
        "utf-8",
        ";",
        ",",
        2,
        (3, 4, 5, 6, 7, 8, 9),
        5,
        date=0,
        amount=4,
        text=1,
        balance=5,
    ),
    Spec(
        "lansforsakringar",
        BANK + "Lansforsakringar",
        sample("lansforsakringar/Föreningskonto 2024-05-01 - 2024-05-31.csv"),
        "utf-8",
        ";",
        ",",
        4,
        (5, 6, 7, 8, 9),
        6,
        date=0,
        amount=4,
        text=3,
        balance=None,
    ),
    Spec(
        "csv-config",
        BANK + "Region-Ekonomi",
        lambda: REGION_CSV.encode("cp1252"),
        "cp1252",
        ";",
        ",",
        3,
        (4, 5, 6, 7, 8),
        6,
        date=0,
        amount=4,
        text=2,
        balance=5,
        newest_first=False,
    ),
]


# --- line and cell surgery ------------------------------------------------------------------


def split_lines(raw: bytes) -> list[bytes]:
    return raw.splitlines(keepends=True)


def ending(line: bytes) -> tuple[bytes, bytes]:
    body = line.rstrip(b"\r\n")
    return body, line[len(body) :]


def other_encoding(encoding: str) -> str:
    return "cp1252" if encoding.startswith("utf") else "utf-8"


def cells_of(spec: Spec, raw: bytes, number: int) -> list[str]:
    body, _ = ending(split_lines(raw)[number - 1])
    return body.removeprefix(BOM).decode(spec.encoding).split(spec.delimiter)


def unquote(cell: str) -> tuple[str, bool]:
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        return cell[1:-1], True
    return cell, False


def edit_row(
    spec: Spec,
    raw: bytes,
    number: int,
    edit: Callable[[list[str]], list[str]],
    encoding: str | None = None,
) -> bytes:
    lines = split_lines(raw)
    body, end = ending(lines[number - 1])
    bom = BOM if body.startswith(BOM) else b""
    cells = body.removeprefix(BOM).decode(spec.encoding).split(spec.delimiter)
    text = spec.delimiter.join(edit(cells))
    lines[number - 1] = bom + text.encode(encoding or spec.encoding) + end
    return b"".join(lines)


def edit_cell(spec: Spec, raw: bytes, number: int, column: int, new: Callable[[str], str]) -> bytes:
    def edit(cells: list[str]) -> list[str]:
        value, quoted = unquote(cells[column])
        value = new(value)
        cells[column] = f'"{value}"' if quoted else value
        return cells

    return edit_row(spec, raw, number, edit)


def amount_column(spec: Spec, raw: bytes, number: int) -> int:
    if isinstance(spec.amount, int):
        return spec.amount
    cells = cells_of(spec, raw, number)
    return next(c for c in spec.amount if unquote(cells[c])[0].strip())


def money(text: str, decimal: str) -> Decimal:
    """A good sample's amount (the formats of the samples only)."""
    value = text.strip().removesuffix("kr").strip().replace("\u2212", "-")
    value = re.sub(r"[\s\u00a0]", "", value)
    thousands = "." if decimal == "," else ","
    value = value.replace(thousands, "").replace(decimal, ".")
    return Decimal(value).quantize(Decimal("0.01"))


def row_amount(spec: Spec, raw: bytes, number: int) -> Decimal:
    column = amount_column(spec, raw, number)
    return money(unquote(cells_of(spec, raw, number)[column])[0], spec.decimal)


def opening_balance(spec: Spec, raw: bytes) -> Decimal:
    """The balance before the oldest booked row."""
    if spec.balance is None:
        return Decimal("0.00")
    oldest = spec.rows[-1] if spec.newest_first else spec.rows[0]
    balance = money(unquote(cells_of(spec, raw, oldest)[spec.balance])[0], spec.decimal)
    return balance - row_amount(spec, raw, oldest)


def date_style(value: str, year: str, month: str, day: str) -> str:
    separator = "/" if "/" in value else "-"
    return separator.join((year, month, day))


def set_year(value: str, year: str) -> str:
    return year + value[4:]


def two_decimal_signs(value: str, decimal: str) -> str:
    position = value.rindex(decimal)
    return value[: position - 2] + decimal + value[position - 2 :]


def huge(value: str, decimal: str) -> str:
    match = re.fullmatch(
        r"([+\-\u2212]?)([\d .\u00a0]+?)(" + re.escape(decimal) + r"\d+)?(\s*kr)?", value
    )
    assert match, value
    sign, _, fraction, suffix = match.groups()
    return f"{sign}1234567890123456789012345678901{fraction or ''}{suffix or ''}"


def letters(value: str) -> str:
    index = next(i for i, c in enumerate(value) if c.isdigit())
    return value[: index + 1] + "a" + value[index + 1 :]


def break_balance(value: str, decimal: str) -> str:
    head = value.split(decimal)[0] if decimal in value else value
    index = max(i for i, c in enumerate(head) if c.isdigit())
    digit = str((int(value[index]) + 1) % 10)
    return value[:index] + digit + value[index + 1 :]


def junk(seed: str, size: int, forbidden: bytes = b'\r\n"') -> bytes:
    generator = random.Random(seed)
    allowed = [b for b in range(256) if b not in forbidden]
    return bytes(generator.choice(allowed) for _ in range(size))


def ascii_cut(line: bytes) -> int:
    """A cut point near the middle of a line that does not split a character."""
    position = len(line) // 2
    while position < len(line) and line[position] >= 0x80:
        position += 1
    return position


# --- the cases ------------------------------------------------------------------------------

Case = dict[str, Any]


def expect(
    reader: str,
    mutation: str,
    name: str,
    exit_code: int = 1,
    lines: list[int] | None = None,
    **more: Any,
) -> Case:
    case: Case = {"id": f"{reader}/{mutation}", "file": name.rsplit("/", 1)[1], "exit": exit_code}
    if lines:
        case["lines"] = lines
    return {**case, **more}


def csv_cases(spec: Spec) -> tuple[dict[str, bytes], list[Case]]:
    raw = spec.source()
    lines = split_lines(raw)
    k = spec.row
    amount = row_amount(spec, raw, k)
    amount_col = amount_column(spec, raw, k)
    files: dict[str, bytes] = {}
    cases: list[Case] = []
    year = unquote(cells_of(spec, raw, k)[spec.date])[0][:4]

    def add(mutation: str, content: bytes, **how: Any) -> None:
        name = f"{spec.reader}/{mutation}.{spec.ext}"
        files[name] = content
        cases.append(expect(spec.reader, mutation, name, **how))

    booked = f"{amount} SEK"
    add("good", raw, exit_code=0, must=[booked])

    cut = lines[k - 1]
    add("truncated", b"".join(lines[: k - 1]) + cut[: ascii_cut(cut)], lines=[k])
    add("empty", b"")
    if spec.header:
        add("header-only", b"".join(lines[: spec.header]))
    _, end = ending(lines[k - 1])
    junk_line = junk(spec.reader, 400) + end
    add("binary-junk", b"".join([*lines[: k - 1], junk_line, *lines[k:]]), lines=[k])
    tab = raw.decode(spec.encoding if not raw.startswith(BOM) else "utf-8-sig")
    tab = tab.replace(spec.delimiter, "\t")
    add("wrong-delimiter", (BOM if raw.startswith(BOM) else b"") + tab.encode(spec.encoding))

    def too_few(cells: list[str]) -> list[str]:
        return cells[: spec.text] + cells[spec.text + 1 :]

    def too_many(cells: list[str]) -> list[str]:
        return [*cells[: spec.text + 1], cells[spec.text], *cells[spec.text + 1 :]]

    add("too-few-columns", edit_row(spec, raw, k, too_few), lines=[k])
    add("too-many-columns", edit_row(spec, raw, k, too_many), lines=[k])

    add(
        "date-feb30",
        edit_cell(spec, raw, k, spec.date, lambda v: date_style(v, v[:4], "02", "30")),
        lines=[k],
    )
    add("date-21-13-01", edit_cell(spec, raw, k, spec.date, lambda _: "21-13-01"), lines=[k])
    add("date-text", edit_cell(spec, raw, k, spec.date, lambda _: "igår"), lines=[k])
    around = [k - 1, k, k + 1]
    previous = str(int(year) - 1)
    add(
        "date-other-year",
        edit_cell(spec, raw, k, spec.date, lambda v: set_year(v, previous)),
        lines=around,
    )
    add(
        "date-year-0001",
        edit_cell(spec, raw, k, spec.date, lambda v: set_year(v, "0001")),
        lines=around,
    )
    add(
        "date-year-9999",
        edit_cell(spec, raw, k, spec.date, lambda v: set_year(v, "9999")),
        lines=around,
    )

    add("amount-letters", edit_cell(spec, raw, k, amount_col, letters), lines=[k])
    add(
        "amount-31-digits",
        edit_cell(spec, raw, k, amount_col, lambda v: huge(v, spec.decimal)),
        lines=[k],
    )
    add(
        "amount-two-decimal-signs",
        edit_cell(spec, raw, k, amount_col, lambda v: two_decimal_signs(v, spec.decimal)),
        lines=[k],
    )

    def mixed(cells: list[str]) -> list[str]:
        _, quoted = unquote(cells[spec.text])
        cells[spec.text] = f'"{MIXED_TEXT}"' if quoted else MIXED_TEXT
        return cells

    add(
        "mixed-encoding",
        edit_row(spec, raw, k, mixed, encoding=other_encoding(spec.encoding)),
        lines=[k],
        also_ok={"must": [MIXED_TEXT, booked]},
    )
    add(
        "nul-in-row",
        edit_cell(spec, raw, k, spec.text, lambda v: v[:3] + "\x00" + v[3:]),
        lines=[k],
        # A NUL added between two characters: dropping it gives the bank's text back.
        also_ok={"must": [unquote(cells_of(spec, raw, k)[spec.text])[0].strip(), booked]},
    )
    add(
        "bom-in-row",
        b"".join([*lines[: k - 1], BOM + lines[k - 1], *lines[k:]]),
        lines=[k],
        also_ok={"must": [booked]},
    )
    if spec.balance is not None:
        add(
            "balance-break",
            edit_cell(spec, raw, k, spec.balance, lambda v: break_balance(v, spec.decimal)),
            lines=[k],
        )
    return files, cases


# --- Handelsbanken XLSX ---------------------------------------------------------------------


@dataclass(frozen=True)
class Formula:
    formula: str


@dataclass(frozen=True)
class RawXml:
    xml: bytes  # a whole <c> element, bytes as they go into the sheet


Cell = str | int | float | Formula | RawXml | None

HB_ROWS: list[list[Cell]] = [
    ["Handelsbanken"],
    ["2025-02-03, 09:12"],
    [],
    ["Föreningskonto 000 123 456"],
    [],
    ["Kontoform: Allkonto"],
    ["Period: 2025-01-01 - 2025-01-31"],
    [],
    ["Reskontradatum", "Transaktionsdatum", "Text", "Belopp", "Saldo"],
    [None, "2025-01-31", "Kontorsbolaget AB", -875],
    ["2025-01-30", "2025-01-29", "Region Exempellän", -12500, 246422.51],
    ["2025-01-28", "2025-01-28", "Kontorsbolaget AB", -199.99, 258922.51],
    ["2025-01-28", "2025-01-27", "Avgift", -45, 259122.5],
    ["2025-01-15", "2025-01-15", "Försäkringskassan", 250000, 259167.5],
    ["2025-01-10", "2025-01-09", "Kontorsbolaget AB", -1432.5, 9167.5],
    ["2025-01-02", "2024-12-30", "Region Exempellän", 9600, 10600],
]
HB_ROW = 12  # the mutated row (sheet row number = line in messages)
HB_OPENING = Decimal("1000.00")

OOXML = "http://schemas.openxmlformats.org"
RELS = f"{OOXML}/officeDocument/2006/relationships"
TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Types xmlns="{OOXML}/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{TYPES}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{TYPES}.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{OOXML}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<workbook xmlns="{OOXML}/spreadsheetml/2006/main" xmlns:r="{RELS}">'
    '<sheets><sheet name="Transaktioner" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{OOXML}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<dimension ref="A1:A1"/><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"


def cell_xml(ref: str, value: Cell) -> bytes:
    if value is None:
        return b""
    if isinstance(value, RawXml):
        return value.xml
    if isinstance(value, Formula):
        return f'<c r="{ref}"><f>{escape(value.formula)}</f></c>'.encode()
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'.encode()
    return f'<c r="{ref}" t="n"><v>{value!r}</v></c>'.encode()


def sheet_rows(rows: list[list[Cell]]) -> bytes:
    out = []
    for number, values in enumerate(rows, start=1):
        if not values:
            continue
        cells = b"".join(cell_xml(f"{'ABCDEFGH'[i]}{number}", v) for i, v in enumerate(values))
        out.append(f'<row r="{number}">'.encode() + cells + b"</row>")
    return b"".join(out)


def xlsx(rows: list[list[Cell]], bomb: int = 0) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in (
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ):
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), text, zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", ZIP_TIME)
        if not bomb:
            body = SHEET_HEAD + sheet_rows(rows) + SHEET_TAIL
            archive.writestr(info, body, zipfile.ZIP_DEFLATED)
        else:
            # Whitespace between the tags is well-formed XML: a parser must read all of it.
            info.compress_type = zipfile.ZIP_BZIP2
            with archive.open(info, "w", force_zip64=True) as handle:
                handle.write(SHEET_HEAD)
                chunk = b" " * (1 << 20)
                for _ in range(bomb // len(chunk)):
                    handle.write(chunk)
                handle.write(sheet_rows(rows) + SHEET_TAIL)
    return buffer.getvalue()


def corrupt(content: bytes) -> bytes:
    """The workbook with four bytes in the middle of the sheet's compressed data inverted."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    flipped = bytes(b ^ 0xFF for b in content[middle : middle + 4])
    return content[:middle] + flipped + content[middle + 4 :]


def with_row(cells: list[Cell], number: int = HB_ROW) -> list[list[Cell]]:
    rows = [list(r) for r in HB_ROWS]
    rows[number - 1] = cells
    return rows


def hb_cell(column: int, value: Cell) -> list[list[Cell]]:
    row = list(HB_ROWS[HB_ROW - 1])
    row[column] = value
    return with_row(row)


def handelsbanken_cases() -> tuple[dict[str, bytes], list[Case]]:
    reader = "handelsbanken-xlsx"
    files: dict[str, bytes] = {}
    cases: list[Case] = []
    k = HB_ROW
    around = [k - 1, k, k + 1]

    def add(mutation: str, content: bytes, **how: Any) -> None:
        name = f"{reader}/{mutation}.xlsx"
        files[name] = content
        cases.append(expect(reader, mutation, name, **how))

    good = xlsx(HB_ROWS)
    add("good", good, exit_code=0, must=["-199.99 SEK"])
    add("truncated", good[: len(good) // 2])
    add("empty", b"")
    add("header-only", xlsx(HB_ROWS[:9]))
    add("binary-junk", b"PK\x03\x04" + junk(reader, 2000, b""))
    csv_text = "\r\n".join(
        ";".join("" if v is None else str(v) for v in row) for row in HB_ROWS
    ).encode("utf-8")
    add("not-a-zip", csv_text)
    add("corrupt-zip", corrupt(good))
    add("zip-bomb", xlsx(HB_ROWS, bomb=BOMB_BYTES), subprocess=True)
    add("formula-without-value", xlsx(hb_cell(3, Formula("D13-154.99"))), lines=[k])
    row = HB_ROWS[k - 1]
    add("too-few-columns", xlsx(with_row(list(row[:3]))), lines=[k])
    add("too-many-columns", xlsx(with_row([*row[:2], "Kortköp", *row[2:]])), lines=[k])
    add("date-feb30", xlsx(hb_cell(0, "2025-02-30")), lines=[k])
    add("date-21-13-01", xlsx(hb_cell(0, "21-13-01")), lines=[k])
    add("date-text", xlsx(hb_cell(0, "igår")), lines=[k])
    add("date-other-year", xlsx(hb_cell(0, "2024-01-28")), lines=around)
    add("date-year-0001", xlsx(hb_cell(0, "0001-01-28")), lines=around)
    add("date-year-9999", xlsx(hb_cell(0, "9999-01-28")), lines=around)
    add("amount-letters", xlsx(hb_cell(3, "-19a9,99")), lines=[k])
    add(
        "amount-31-digits",
        xlsx(
            hb_cell(
                3, RawXml(f'<c r="D{k}" t="n"><v>1234567890123456789012345678901</v></c>'.encode())
            )
        ),
        lines=[k],
    )
    add("amount-31-digits-text", xlsx(hb_cell(3, "-1234567890123456789012345678901,00")), lines=[k])
    add("amount-two-decimal-signs", xlsx(hb_cell(3, "-1,99,99")), lines=[k])
    mixed = f'<c r="C{k}" t="inlineStr"><is><t>{MIXED_TEXT}</t></is></c>'.encode("cp1252")
    add("mixed-encoding", xlsx(hb_cell(2, RawXml(mixed))))
    nul = f'<c r="C{k}" t="inlineStr"><is><t>Kon\x00torsbolaget AB</t></is></c>'.encode()
    add("nul-in-row", xlsx(hb_cell(2, RawXml(nul))))
    add(
        "bom-in-row",
        xlsx(hb_cell(0, "\ufeff2025-01-28")),
        lines=[k],
        also_ok={"must": ["-199.99 SEK"]},
    )
    add("balance-break", xlsx(hb_cell(4, 258923.51)), lines=[k])
    return files, cases


# --- BgMax ----------------------------------------------------------------------------------

BGMAX_NAMES = {
    "Kalles Plåt AB": "Kontorsbolaget AB",
    "Olles färg AB": "Färgbolaget AB",
    "Berits Garn": "Garnbolaget AB",
}


def bgmax_source(relative: str, deposits: int = 3) -> list[bytes]:
    """Bankgirot's example with organisation-like payer names and trailing spaces trimmed
    (which BgMax allows), cut to its first ``deposits`` deposits and closed by a TK70 that
    counts them (lines with their ends)."""
    out = []
    counts = {"20": 0, "21": 0, "22": 0, "15": 0}
    for line in split_lines((SAMPLES / "bgmax" / relative).read_bytes()):
        body, end = ending(line)
        text = body.decode("latin-1").rstrip(" ")
        if not text:
            continue
        kind = text[:2]
        if kind == "70":
            text = "70" + "".join(f"{counts[k]:08d}" for k in ("20", "21", "22", "15"))
            out.append(text.encode("latin-1") + end)
            break
        if counts["15"] == deposits:
            continue
        if kind == "26":
            for old, new in BGMAX_NAMES.items():
                if text[2:].startswith(old):
                    text = "26" + new
        if kind in counts or kind == "23":
            counts["22" if kind == "23" else kind] += 1
        out.append(text.encode("latin-1") + end)
    return out


def bgmax_cases() -> tuple[dict[str, bytes], list[Case]]:
    reader = "bgmax"
    files: dict[str, bytes] = {}
    cases: list[Case] = []
    lines = bgmax_source("bgmax-exempelfil-sek.txt", deposits=2)
    good = b"".join(lines)

    def record(number: int, kind: str) -> bytes:
        line = lines[number - 1]
        assert line.startswith(kind.encode()), (number, line)
        return line

    def replace(number: int, kind: str, first: int, last: int, value: bytes) -> bytes:
        line = record(number, kind)
        new = line[: first - 1] + value + line[last:]
        return b"".join([*lines[: number - 1], new, *lines[number:]])

    def add(mutation: str, content: bytes, **how: Any) -> None:
        name = f"{reader}/{mutation}.txt"
        files[name] = content
        cases.append(expect(reader, mutation, name, **how))

    payment, deposit_end, name_line = 25, 49, 26
    add("good", good, exit_code=0, must=["Kontorsbolaget AB", "1000.00 SEK"])
    cut = record(30, "20")
    add("truncated", b"".join(lines[:29]) + cut[:50], lines=[30])
    add("truncated-before-tk70", b"".join(lines[:-1]), lines=[len(lines) - 1])
    add("empty", b"")
    add("header-only", lines[0])
    add("binary-junk", lines[0] + junk(reader, 400), lines=[2])
    bad_type = b"99" + record(27, "27")[2:]
    add("bad-record-type", b"".join([*lines[:26], bad_type, *lines[27:]]), lines=[27])
    body, end = ending(record(payment, "20"))
    long_line = body.ljust(80) + b"0000000001" + end
    add(
        "record-too-long",
        b"".join([*lines[: payment - 1], long_line, *lines[payment:]]),
        lines=[payment],
    )
    add(
        "record-too-short",
        b"".join([*lines[: payment - 1], body[:45] + end, *lines[payment:]]),
        lines=[payment],
    )
    total = int(record(23, "15")[50:68]) + 1
    add("deposit-sum-off", replace(23, "15", 51, 68, b"%018d" % total), lines=[23])
    add("tk70-count-off", replace(len(lines), "70", 3, 10, b"00000009"), lines=[len(lines)])
    add("deposit-count-off", replace(23, "15", 72, 79, b"00000004"), lines=[23])
    add("date-feb30", replace(deposit_end, "15", 38, 45, b"20040230"), lines=[deposit_end])
    add("date-21-13-01", replace(deposit_end, "15", 38, 45, b"21-13-01"), lines=[deposit_end])
    add(
        "date-text",
        replace(deposit_end, "15", 38, 45, "igår    ".encode("latin-1")),
        lines=[deposit_end],
    )
    for mutation, year in (
        ("date-other-year", b"2003"),
        ("date-year-0001", b"0001"),
        ("date-year-9999", b"9999"),
    ):
        add(mutation, replace(deposit_end, "15", 38, 41, year), lines=[24, deposit_end])
    add("amount-letters", replace(payment, "20", 38, 55, b"00000000000011000A"), lines=[payment])
    add(
        "amount-31-digits",
        replace(payment, "20", 38, 55, b"1234567890123456789012345678901"),
        lines=[payment],
    )
    add(
        "amount-two-decimal-signs",
        replace(payment, "20", 38, 55, b"00000000000011.0.0"),
        lines=[payment],
    )
    mixed = ("26" + MIXED_TEXT).ljust(80).encode("utf-8")
    add(
        "mixed-encoding",
        b"".join(
            [
                *lines[: name_line - 1],
                mixed + ending(record(name_line, "26"))[1],
                *lines[name_line:],
            ]
        ),
        lines=[name_line],
        also_ok={"must": [MIXED_TEXT]},
    )
    nul = record(name_line, "26")[:6] + b"\x00" + record(name_line, "26")[7:]
    add(
        "nul-in-row",
        b"".join([*lines[: name_line - 1], nul, *lines[name_line:]]),
        lines=[name_line],
    )
    add(
        "bom-in-row",
        b"".join([*lines[: name_line - 1], BOM + record(name_line, "26"), *lines[name_line:]]),
        lines=[name_line],
    )
    eur = b"".join(
        bgmax_source(
            "bankgiroinbetalningar_exempelfil_avtal-om-ocr-kontroll_checksiffra_langd_sv.txt.original"
        )
    )
    add(
        "eur-deposit",
        eur,
        exit_code=0,
        must=["insättning 74", "insättning 75"],
        must_not=["insättning 76"],
        stderr=(  # one line naming the file, EUR and one of the deposit's lines
            r"(?m)^(?=[^\n]*eur-deposit\.txt)(?=[^\n]*\bEUR\b)"
            r"(?=[^\n]*(?::|\blines? )(?:50|51|60|65)\b)"
        ),
    )
    return files, cases


# --- [[csv]] configurations -----------------------------------------------------------------


def config_cases() -> tuple[dict[str, bytes], list[Case]]:
    reader = "csv-config"
    files: dict[str, bytes] = {}
    cases: list[Case] = []
    base = REGION_TOML.splitlines(keepends=True)

    def line_of(key: str) -> int:
        return next(i for i, line in enumerate(base, start=1) if line.startswith(f"{key} ="))

    def add(mutation: str, key: str, new: str | None, **how: Any) -> None:
        name = f"{reader}/config-{mutation}.toml"
        lines = list(base)
        number = line_of(key)
        if new is None:
            lines.insert(number, "kolumn = 3\n")
            number += 1
        else:
            lines[number - 1] = new + "\n"
        files[name] = "".join(lines).encode("utf-8")
        how.setdefault("lines", [number])
        cases.append(expect(reader, f"config-{mutation}", name, config=True, **how))

    add("datumformat-not-text", "datumformat", "datumformat = [1]")
    add("kodning-rot13", "kodning", 'kodning = "rot13"')
    add("kodning-unknown", "kodning", 'kodning = "klingon"')
    add(
        "column-out-of-range",
        "datum",
        "datum = 9",
        match=rf"config-column-out-of-range\.toml(:{line_of('datum')}\b|\b[^\n]*line "
        rf"{line_of('datum')}\b)|good\.csv:\d+",
    )
    add("unknown-key", "kodning", None)
    add("not-toml", "datum", "datum = Datum")
    add("nyast-forst-text", "nyast_forst", 'nyast_forst = "nej"')
    add("hoppa-over-text", "hoppa_over", 'hoppa_over = "två"')
    add("belopp-float", "belopp", "belopp = 4.5")
    add("avgransare-number", "avgransare", "avgransare = 5")
    return files, cases


# --- imports that the ledger must refuse ----------------------------------------------------

MEDLEM_CSV = (
    '"Kontonummer";"Kontonamn";"";"Saldo";"Tillgängligt belopp"\r\n'
    '"9020.00.000.01";"Föreningskonto";"";"184 417,50";"184 417,50"\r\n'
    "\r\n"
    '"Bokföringsdatum";"Transaktionsdatum";"Transaktionstyp";"Meddelande";"Belopp"\r\n'
    '"2024-12-20";"2024-12-20";"BG-insättning";'
    '"EXTRA MEDLEMSBIDRAG FÖRSÄKRINGSKASSAN";"100 000,00"\r\n'
)


def main() -> None:
    for path in HERE.iterdir():
        if path.name in KEEP:
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    files: dict[str, bytes] = {}
    cases: list[Case] = []
    readers: dict[str, dict[str, str]] = {}
    for spec in SPECS:
        more_files, more_cases = csv_cases(spec)
        files.update(more_files)
        cases += more_cases
        readers[spec.reader] = {
            "account": spec.account,
            "opening": str(opening_balance(spec, spec.source())),
        }
    for build, reader, account, opening in (
        (handelsbanken_cases, "handelsbanken-xlsx", BANK + "Handelsbanken", HB_OPENING),
        (bgmax_cases, "bgmax", BANK + "Bankgiro", Decimal("0.00")),
        (config_cases, "csv-config", BANK + "Region-Ekonomi", None),
    ):
        more_files, more_cases = build()
        files.update(more_files)
        cases += more_cases
        if opening is not None:
            readers[reader] = {"account": account, "opening": str(opening)}
    files["csv-config/import.toml"] = REGION_TOML.encode("utf-8")
    files["import/medlemsbidrag-extra.csv"] = MEDLEM_CSV.encode("utf-8")
    for name, content in sorted(files.items()):
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    manifest = {"readers": readers, "cases": cases}
    text = json.dumps(manifest, ensure_ascii=False, indent=None, separators=(",", ":"))
    # One case a line, for readable diffs.
    text = text.replace(',{"id"', ',\n{"id"').replace('"cases":[{', '"cases":[\n{')
    (HERE / "cases.json").write_text(text + "\n", encoding="utf-8")
    print(f"{len(cases)} cases, {len(files)} files in {HERE}")


if __name__ == "__main__":
    main()

"""Issue 8: every bad input is one ImportFault naming the file and line, and nothing is booked
wrong. Each test here failed on the code before it (a traceback, or a file booked wrong),
except the few marked "guard", which show what the new rules still accept.

The rules are shared by all readers: date order and plausible dates
(``model.in_date_order``), amounts (``parse.amount``/``parse.cents``), one
text encoding per file (``parse.decode``), text without control characters
(``BankRow``), workbooks checked before they are opened (``parse.check_zip``).
"""

from __future__ import annotations

import datetime
import io
import tracemalloc
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from finsam_ledger.importers import bgmax, danske, handelsbanken, lansforsakringar, nordea
from finsam_ledger.importers.configurable import from_settings
from finsam_ledger.importers.csvformat import CsvReader
from finsam_ledger.importers.importer import BankImporter
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.importers.registry import format_name, identify, importers
from finsam_ledger.importers.settings import Settings, load
from finsam_ledger.importers.swedbank import SWEDBANK_2019

HB = handelsbanken.READERS[0]
SWEDBANK = CsvReader(SWEDBANK_2019)
NORDEA_2025 = next(r for r in nordea.READERS if r.name == "nordea-foretag-2025")
LF = lansforsakringar.READERS[0]
DANSKE = danske.READERS[0]
GOLDEN = Path(__file__).parent / "importers"
BGMAX_ORIGINAL = (
    GOLDEN
    / "bgmax"
    / "bankgiroinbetalningar_exempelfil_avtal-om-ocr-kontroll_checksiffra_langd_sv.txt.original"
)
BGMAX_SEK = GOLDEN / "bgmax" / "bgmax-exempelfil-sek.txt"

SWEDBANK_HEAD = (
    "* Transaktioner Period 2021-03-01–2021-03-31 Skapad 2021-04-01 09:15 CEST\r\n"
    "Radnummer,Clearingnummer,Kontonummer,Produkt,Valuta,Bokföringsdag,Transaktionsdag,"
    "Valutadag,Referens,Beskrivning,Belopp,Bokfört saldo\r\n"
)


def swedbank_row(number: int, day: str, text: str, amount: str, balance: str) -> str:
    return (
        f'{number},83279,0000000000,"Företagskonto",SEK,{day},{day},{day},'
        f'"{text}","Överföring",{amount},{balance}\r\n'
    )


def write(tmp_path: Path, name: str, text: str, encoding: str = "cp1252") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def fault(reader: object, path: Path) -> ImportFault:
    with pytest.raises(ImportFault) as caught:
        reader.read(str(path))  # type: ignore[attr-defined]
    assert caught.value.path == str(path)
    return caught.value


# -- 1. rows out of date order, dates outside 1990..today + 1 year --------------------------


def test_a_row_of_another_year_in_the_middle_of_a_month_is_refused(tmp_path: Path) -> None:
    """The balances chain (the row was not edited), yet 2019 would be booked into 2019."""
    path = write(
        tmp_path,
        "swedbank.csv",
        SWEDBANK_HEAD
        + swedbank_row(3, "2021-03-31", "BANKEN", "-125.00", "875.00")
        + swedbank_row(2, "2019-03-15", "KONTORSBOLAGET AB", "-2000.00", "1000.00")
        + swedbank_row(1, "2021-03-01", "FÖRSÄKRINGSKASSAN", "3000.00", "3000.00"),
    )
    caught = fault(SWEDBANK, path)
    assert caught.line == 4
    assert caught.reason == (
        "the rows are not in date order: 2019-03-15 among rows newest first "
        "(line 5 is 2021-03-01); a row of another period?"
    )
    assert str(caught).startswith(f"{path}:4: ")


def test_a_row_of_a_later_year_in_a_file_without_balances_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "lf.csv",
        '"Kontonummer";"Kontonamn";"";"Saldo";"Tillgängligt belopp"\r\n'
        '"9020.00.000.01";"Föreningskonto";"";"84 417,50";"84 417,50"\r\n\r\n'
        '"Bokföringsdatum";"Transaktionsdatum";"Transaktionstyp";"Meddelande";"Belopp"\r\n'
        '"2024-05-20";"2024-05-20";"Överföring";"Hyra";"-83,50"\r\n'
        '"2025-05-10";"2025-05-10";"Kortköp";"Kontorsbolaget";"-100,00"\r\n'
        '"2024-05-02";"2024-05-02";"BG-insättning";"Försäkringskassan";"918 500,00"\r\n',
        "utf-8",
    )
    caught = fault(LF, path)
    assert caught.line == 6
    assert "2025-05-10 among rows newest first (line 5 is 2024-05-20)" in caught.reason


@pytest.mark.parametrize(
    ("top", "bottom", "line", "day"),
    [
        ("9999-12-31", "2025-01-02", 2, "9999-12-31"),
        ("2025-01-31", "0001-01-01", 3, "0001-01-01"),
        ("2025-01-31", "1989-12-31", 3, "1989-12-31"),
    ],
)
def test_dates_outside_1990_to_a_year_ahead_are_refused(
    tmp_path: Path, top: str, bottom: str, line: int, day: str
) -> None:
    """Newest first and in order, so only the plausible span catches them."""
    path = write(
        tmp_path,
        "nordea.csv",
        "\ufeffBokföringsdag;Belopp;Avsändare;Mottagare;Namn;Ytterligare detaljer;"
        "Meddelande;Egna anteckningar;Saldo;Valuta;\n"
        f"{top};-95,00;;;AVGIFTER NORDEA;AVGIFTER NORDEA;;;905,00;SEK;\n"
        f"{bottom};1000,00;;;REGION EXEMPELLÄN;REGION EXEMPELLÄN;;;1000,00;SEK;\n",
        "utf-8",
    )
    caught = fault(NORDEA_2025, path)
    assert caught.line == line
    assert caught.reason.startswith(f"the date {day} is not a booking date of a bank file")


def test_a_year_ahead_is_still_a_date(tmp_path: Path) -> None:
    """Guard: a booking date up to a year ahead is accepted."""
    soon = datetime.date.today() + datetime.timedelta(days=300)
    path = write(
        tmp_path,
        "swedbank.csv",
        SWEDBANK_HEAD
        + swedbank_row(2, soon.isoformat(), "BANKEN", "-125.00", "875.00")
        + swedbank_row(1, "2021-03-01", "FÖRSÄKRINGSKASSAN", "1000.00", "1000.00"),
    )
    assert [row.date for row in SWEDBANK.read(str(path)).rows] == [
        datetime.date(2021, 3, 1),
        soon,
    ]


def test_an_export_date_outside_the_span_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "swedbank.csv",
        SWEDBANK_HEAD.replace("Skapad 2021-04-01", "Skapad 0201-04-01")
        + swedbank_row(1, "2021-03-01", "FÖRSÄKRINGSKASSAN", "1000.00", "1000.00"),
    )
    caught = fault(SWEDBANK, path)
    assert (caught.line, caught.reason[:27]) == (1, "the date 0201-04-01 is not ")


def test_a_skapad_that_is_no_date_is_a_fault_not_a_traceback(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "swedbank.csv",
        SWEDBANK_HEAD.replace("Skapad 2021-04-01", "Skapad 2021-13-45")
        + swedbank_row(1, "2021-03-01", "FÖRSÄKRINGSKASSAN", "1000.00", "1000.00"),
    )
    caught = fault(SWEDBANK, path)
    assert (caught.line, caught.reason) == (1, "Skapad 2021-13-45 is not a date")


def test_a_configured_layout_gets_the_same_rule(tmp_path: Path) -> None:
    config = write(
        tmp_path,
        "import.toml",
        '[[csv]]\nnamn = "huvudbok"\nrubrik = ["Datum", "Text", "Belopp"]\n'
        'datum = "Datum"\nbelopp = "Belopp"\ntext = "Text"\nnyast_forst = false\n',
        "utf-8",
    )
    path = write(
        tmp_path,
        "huvudbok.csv",
        "Datum;Text;Belopp\n2021-03-01;Medlemsbidrag;1 000,00\n"
        "2020-03-02;Lokalhyra;-500,00\n2021-03-03;Avgift;-1,00\n",
        "utf-8",
    )
    (reader,) = from_settings(load(str(config)))
    caught = fault(reader, path)
    assert caught.line == 3
    assert "2020-03-02 among rows oldest first (line 2 is 2021-03-01)" in caught.reason


def test_a_bgmax_deposit_dated_year_1_is_refused(tmp_path: Path) -> None:
    records = [
        f"01{'BGMAX':<20}01{'20240315060000123456'}P",
        f"05{'9912346':0>10}{'':10}SEK",
        f"20{'1234567':0>10}{'4711':>25}{100:018d}21{1:012d}0",
        f"15{'5841000001009823':0>35}00010101{17:05d}{100:018d}SEK{1:08d}",
        f"70{1:08d}{0:08d}{0:08d}{1:08d}",
    ]
    path = write(tmp_path, "bgmax.txt", "\n".join(records) + "\n", "iso-8859-1")
    caught = fault(bgmax.READERS[0], path)
    assert caught.line == 4  # the deposit record with the payment date
    assert caught.reason.startswith("the date 0001-01-01 is not a booking date")


def test_a_bgmax_deposit_of_an_earlier_year_after_another_is_refused(tmp_path: Path) -> None:
    """Two deposits only: no majority tells which is odd, but Bankgirot lists them oldest
    first, so a deposit dated before the one above it is refused at its deposit record."""
    lines = BGMAX_SEK.read_bytes().split(b"\n")
    assert lines[48].startswith(b"15") and lines[48][37:45] == b"20040525"  # line 49
    lines[48] = lines[48][:37] + b"20030525" + lines[48][45:]
    path = tmp_path / "bgmax.txt"
    path.write_bytes(b"\n".join(lines))
    caught = fault(bgmax.READERS[0], path)
    assert (caught.line, caught.reason) == (
        49,
        "the payment date 2003-05-25 is before 2004-05-25, the date of the deposit on "
        "line 23: the deposits are not in date order (another year?)",
    )


def test_a_handelsbanken_row_of_year_1_is_refused(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["2025-01-03", "2025-01-03", "Kontorsbolaget AB", -40, 60],
        ["0001-01-02", "2025-01-02", "Region Exempellän", 100, 100],
    ]
    path = _workbook(tmp_path / "year1.xlsx", rows)
    caught = fault(HB, path)
    assert caught.line == 11
    assert "0001-01-02" in caught.reason


def test_a_file_oldest_first_is_read_by_its_dates(tmp_path: Path) -> None:
    """Danske writes newest first; the same rows in the other order are the same statement."""
    lines = (GOLDEN / "danske" / "Transaktioner-99999999999-20210331.csv").read_bytes()
    head, *rows = lines.rstrip(b"\r\n").split(b"\r\n")
    path = tmp_path / "Transaktioner-99999999999-20210331.csv"
    path.write_bytes(b"\r\n".join([head, *rows[::-1]]) + b"\r\n")
    before = DANSKE.read(str(GOLDEN / "danske" / "Transaktioner-99999999999-20210331.csv"))
    after = DANSKE.read(str(path))
    assert [(r.date, r.amount, r.balance) for r in after.rows] == [
        (r.date, r.amount, r.balance) for r in before.rows
    ]
    assert after.rows[0].date == datetime.date(2021, 3, 1)


# -- 2. amounts of 28 digits and other odd amounts ------------------------------------------


@pytest.mark.parametrize(
    "amount",
    ["1" * 28, "9" * 40 + ".00", "-" + "1" * 17, "12345678901234567.00"],
)
def test_a_huge_csv_amount_is_a_fault_with_its_line(tmp_path: Path, amount: str) -> None:
    path = write(
        tmp_path,
        "swedbank.csv",
        SWEDBANK_HEAD + swedbank_row(1, "2021-03-01", "FÖRSÄKRINGSKASSAN", amount, "1000.00"),
    )
    caught = fault(SWEDBANK, path)
    assert caught.line == 3
    assert caught.reason == (
        f"amount {amount!r} has more than 16 digits before the decimal sign: not a bank amount"
    )


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        (10**28, "more than 16 digits"),
        (1e300, "more than 16 digits"),
        ("1" * 30, "more than 16 digits"),
    ],
)
def test_a_huge_xlsx_amount_is_a_fault_with_its_row(
    tmp_path: Path, cell: object, reason: str
) -> None:
    rows: list[list[object]] = [["2025-01-02", "2025-01-02", "Region Exempellän", cell, 100]]
    path = _workbook(tmp_path / "huge.xlsx", rows)
    caught = fault(HB, path)
    assert caught.line == 10
    assert reason in caught.reason


def test_a_sixteen_digit_amount_is_read_exactly(tmp_path: Path) -> None:
    """Guard: 16 digits before the decimal sign (BgMax's limit) are an amount."""
    path = write(
        tmp_path,
        "swedbank.csv",
        SWEDBANK_HEAD
        + swedbank_row(
            1, "2021-03-01", "FÖRSÄKRINGSKASSAN", "9999999999999999.99", "9999999999999999.99"
        ),
    )
    assert SWEDBANK.read(str(path)).rows[0].amount == Decimal("9999999999999999.99")


# -- 4. one encoding per file -------------------------------------------------------------


def test_a_utf8_row_in_a_cp1252_file_is_refused_at_its_line(tmp_path: Path) -> None:
    head = SWEDBANK_HEAD + swedbank_row(2, "2021-03-15", "MALMÖ STAD", "-25.00", "975.00")
    utf8 = swedbank_row(1, "2021-03-01", "JÖNKÖPING", "1000.00", "1000.00")
    path = tmp_path / "blandad.csv"
    path.write_bytes(head.encode("cp1252") + utf8.encode("utf-8"))
    caught = fault(SWEDBANK, path)
    assert caught.line == 4
    assert "'FÃ¶retagskonto' on this line is UTF-8" in caught.reason
    assert "mixes encodings" in caught.reason
    # Recognised all the same: the file is a Swedbank export, its content is refused.
    assert BankImporter(SWEDBANK, Settings()).identify(str(path))


def test_a_cp1252_row_in_a_utf8_file_is_refused_at_its_line(tmp_path: Path) -> None:
    rows = [
        swedbank_row(4, "2021-03-20", "VÄXJÖ KOMMUN", "-5.00", "965.00"),
        swedbank_row(3, "2021-03-18", "GÖTEBORGS STAD", "-10.00", "970.00"),
        swedbank_row(2, "2021-03-15", "MALMÖ STAD", "-20.00", "980.00"),
    ]
    path = tmp_path / "blandad.csv"
    cp1252 = swedbank_row(1, "2021-03-01", "JÖNKÖPING", "1000.00", "1000.00").encode("cp1252")
    path.write_bytes((SWEDBANK_HEAD + "".join(rows)).encode("utf-8") + cp1252)
    caught = fault(SWEDBANK, path)
    assert caught.line == 6
    assert "this line is cp1252, while the rest of the file is UTF-8" in caught.reason


def test_a_bgmax_file_with_a_utf8_name_among_latin1_is_refused(tmp_path: Path) -> None:
    raw = BGMAX_SEK.read_bytes()
    assert "Kalles Plåt AB".encode("iso-8859-1") in raw
    path = tmp_path / "bgmax.txt"
    mixed = raw.replace("Kalles Plåt AB ".encode("iso-8859-1"), "Kalles Plåt AB".encode(), 1)
    path.write_bytes(mixed)
    caught = fault(bgmax.READERS[0], path)
    assert caught.line == 4
    assert "'PlÃ¥t'" in caught.reason


def test_a_line_of_binary_junk_names_its_line_and_the_file_is_still_recognised(
    tmp_path: Path,
) -> None:
    """UTF-8 file, one row of bytes no encoding reads: recognised by its (UTF-8) header all
    the same, and refused at the row, not as "not a known bank format"."""
    good = (
        '"Kontonummer";"Kontonamn";"";"Saldo";"Tillgängligt belopp"\r\n'
        '"9020.00.000.01";"Föreningskonto";"";"84 417,50";"84 417,50"\r\n\r\n'
        '"Bokföringsdatum";"Transaktionsdatum";"Transaktionstyp";"Meddelande";"Belopp"\r\n'
        '"2024-05-20";"2024-05-20";"Överföring";"Hyra";"-83,50"\r\n'
    ).encode()
    path = tmp_path / "lf.csv"
    path.write_bytes(
        good
        + b"\x81\x8d\xff\xfe junk\r\n"
        + '"2024-05-02";"2024-05-02";"BG";"Å";"1,00"\r\n'.encode()
    )
    assert format_name(str(path)) == "lansforsakringar"
    caught = fault(LF, path)
    assert (caught.line, caught.reason) == (
        6,
        "cannot decode the file as utf-8 or cp1252: byte 0x81 on this line",
    )
    mixed = tmp_path / "blandad.csv"
    mixed.write_bytes(
        good + '"2024-05-02";"2024-05-02";"BG";"Jönköpings kommun";"1,00"\r\n'.encode("cp1252")
    )
    assert format_name(str(mixed)) == "lansforsakringar"
    caught = fault(LF, mixed)
    assert (caught.line, caught.reason) == (
        6,
        "the file mixes encodings: this line is cp1252, while the rest of the file is UTF-8; "
        "save it in one encoding",
    )


def test_an_undecodable_byte_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "swedbank.csv"
    text = SWEDBANK_HEAD + swedbank_row(1, "2021-03-01", "KONTOR@", "1000.00", "1000.00")
    path.write_bytes(text.encode("cp1252").replace(b"@", b"\x81"))  # undefined in cp1252
    caught = fault(SWEDBANK, path)
    assert (caught.line, caught.reason) == (
        3,
        "cannot decode the file as utf-8 or cp1252: byte 0x81 on this line",
    )


# -- 5. a formula without its value, an error value ---------------------------------------


def test_a_text_formula_without_a_saved_value_is_a_fault(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["2025-01-03", "2025-01-03", "Kontorsbolaget AB", -40, 60],
        ["2025-01-02", "2025-01-02", '=UPPER("region")', 100, 100],
    ]
    path = _workbook(tmp_path / "formula.xlsx", rows)
    caught = fault(HB, path)
    assert caught.line == 11
    assert caught.reason.startswith(
        "sheet 'Sheet', cell C11: a formula (=UPPER(\"region\")) saved without its value"
    )


def test_a_booking_date_formula_without_a_value_is_not_taken_for_preliminary(
    tmp_path: Path,
) -> None:
    rows: list[list[object]] = [
        ["=TODAY()", "2025-01-03", "Kontorsbolaget AB", -40, 60],
        ["2025-01-02", "2025-01-02", "Region Exempellän", 100, 100],
    ]
    caught = fault(HB, _workbook(tmp_path / "formula.xlsx", rows))
    assert caught.line == 10
    assert "cell A10: a formula" in caught.reason


def test_an_error_value_in_a_cell_is_a_fault(tmp_path: Path) -> None:
    rows: list[list[object]] = [["2025-01-02", "2025-01-02", "#REF!", 100, 100]]
    caught = fault(HB, _workbook(tmp_path / "error.xlsx", rows))
    assert (caught.line, caught.reason) == (10, "sheet 'Sheet', cell C10: the error #REF!")


def test_a_formula_with_its_saved_value_is_read(tmp_path: Path) -> None:
    """Guard: a formula saved with its value (as Excel saves it) is read as that value."""
    rows: list[list[object]] = [["2025-01-02", "2025-01-02", '=UPPER("region")', 100, 100]]
    path = _workbook(tmp_path / "saved.xlsx", rows)
    _rewrite_sheet(
        path,
        lambda xml: xml.replace(
            '<c r="C10"><f>UPPER("region")</f><v></v></c>',
            '<c r="C10" t="str"><f>UPPER("region")</f><v>REGION</v></c>',
        ),
    )
    assert HB.read(str(path)).rows[0].text == "REGION"


# -- 6. control characters ------------------------------------------------------------------


def test_nul_bom_and_control_characters_are_cleaned_from_csv_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "swedbank.csv",
        SWEDBANK_HEAD
        + swedbank_row(
            1, "2021-03-01", "\ufeffKONTORS\x00BOLAGET\u200b\tAB\x0cFAKTURA 7", "5.00", "5.00"
        ),
        "utf-8",
    )
    (row,) = SWEDBANK.read(str(path)).rows
    assert row.counterparty == "KONTORSBOLAGET AB FAKTURA 7"
    assert row.line == 3  # the form feed does not split the line


def test_control_characters_are_cleaned_from_xlsx_text(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["2025-01-02", "2025-01-02", "\ufeffRegion\u202e Exempellän\u00ad", 100, 100]
    ]
    (row,) = HB.read(str(_workbook(tmp_path / "bom.xlsx", rows))).rows
    assert row.text == "Region Exempellän"


def test_nul_in_a_bgmax_record_is_refused(tmp_path: Path) -> None:
    """A fixed-width record is text: a NUL (or a BOM) in one is corruption, not a name."""
    path = tmp_path / "bgmax.txt"
    path.write_bytes(
        BGMAX_SEK.read_bytes().replace(b"Kalles Pl\xe5t AB", b"Kalles\x00Pl\xe5t AB", 1)
    )
    caught = fault(bgmax.READERS[0], path)
    assert (caught.line, caught.reason) == (
        4,
        "a control character (U+0000) at position 9: a BgMax record is text",
    )


# -- 7. a zip bomb ---------------------------------------------------------------------------


def _rewrite_sheet(path: Path, change: object) -> None:
    """Rewrite the workbook with its sheet's XML changed (other members as they are)."""
    assert callable(change)
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, content, zipfile.ZIP_DEFLATED, 9)


@pytest.mark.parametrize(
    ("padding", "words"),
    [
        (60 * 1024 * 1024, "the workbook unpacks to 60 MB (more than 50 MB)"),
        (5 * 1024 * 1024, "xl/worksheets/sheet1.xml in the workbook unpacks to"),
    ],
    ids=["total", "ratio"],
)
def test_a_zip_bomb_is_refused_before_it_is_opened(
    tmp_path: Path, padding: int, words: str
) -> None:
    rows: list[list[object]] = [["2025-01-02", "2025-01-02", "Region Exempellän", 100, 100]]
    path = _workbook(tmp_path / "bomb.xlsx", rows)
    # Whitespace between elements: valid XML, a few kB packed.
    _rewrite_sheet(path, lambda xml: xml.replace("</sheetData>", "</sheetData>" + " " * padding))
    assert path.stat().st_size < 200_000
    tracemalloc.start()
    try:
        caught = fault(HB, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.line is None
    assert words in caught.reason
    assert "not a bank export, not opened" in caught.reason
    assert peak < 5 * 1024 * 1024  # nothing was inflated
    # Still recognised (from the start of its entries), so the message names the format.
    assert format_name(str(path)) == "handelsbanken-xlsx"


# -- 9. identify without extracting ---------------------------------------------------------


def test_format_name_of_a_file_whose_content_cannot_be_booked(tmp_path: Path) -> None:
    broken = tmp_path / "bgmax.txt"
    broken.write_bytes(BGMAX_ORIGINAL.read_bytes().replace(b"\n70", b"\n71"))  # no TK70
    with pytest.raises(ImportFault):
        bgmax.READERS[0].read(str(broken))
    assert format_name(str(broken)) == "bgmax"
    assert format_name(str(BGMAX_ORIGINAL)) == "bgmax"
    imp = identify(str(BGMAX_ORIGINAL), importers(Settings()))
    assert imp.name == "finsam.bgmax"


def test_identify_of_an_unknown_or_unreadable_file(tmp_path: Path) -> None:
    unknown = write(tmp_path, "x.csv", "Datum;Text\n2021-01-01;A\n", "utf-8")
    with pytest.raises(ImportFault) as caught:
        format_name(str(unknown))
    assert caught.value.reason.startswith("not a known bank format; the known formats are:\n")
    assert "  bgmax: Bankgirot BgMax" in caught.value.reason
    with pytest.raises(ImportFault, match="cannot read the file"):
        format_name(str(tmp_path))  # a folder
    assert not BankImporter(SWEDBANK, Settings()).identify(str(tmp_path))


# -- other ways bad input raised something else than an ImportFault --------------------------


def test_a_folder_given_as_a_bank_file_is_a_fault(tmp_path: Path) -> None:
    for reader in (SWEDBANK, bgmax.READERS[0], HB):
        caught = fault(reader, tmp_path)
        assert caught.reason.startswith("cannot read the file")


def test_a_quoted_field_over_two_lines_keeps_the_line_numbers(tmp_path: Path) -> None:
    text = (
        SWEDBANK_HEAD
        + swedbank_row(2, "2021-03-31", "BANKEN\r\nAVGIFT", "-125.00", "875.00")
        + swedbank_row(1, "2021-03-01", "FÖRSÄKRINGSKASSAN", "1x00.00", "1000.00")
    )
    # The quoted field spans lines 3-4; the bad amount is on line 5.
    caught = fault(SWEDBANK, write(tmp_path, "bad.csv", text))
    assert (caught.line, caught.reason[:25]) == (5, "not an amount: '1x00.00' ")
    rows = SWEDBANK.read(str(write(tmp_path, "ok.csv", text.replace("1x00", "1000")))).rows
    assert [(r.line, r.counterparty) for r in rows] == [
        (5, "FÖRSÄKRINGSKASSAN"),
        (3, "BANKENAVGIFT"),
    ]


# -- helpers --------------------------------------------------------------------------------

HB_HEADER = ["Reskontradatum", "Transaktionsdatum", "Text", "Belopp", "Saldo"]


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    """A workbook in Handelsbanken's layout with these rows under the header (row 10 on)."""
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "Handelsbanken"
    sheet["A4"] = "Föreningskonto 000 123 456"
    for column, name in enumerate(HB_HEADER, start=1):
        sheet.cell(row=9, column=column, value=name)
    for number, row in enumerate(rows, start=10):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=number, column=column, value=value)
    book.save(path)
    return path

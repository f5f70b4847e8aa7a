"""Danske Bank, ICA Banken, Länsförsäkringar and Handelsbanken readers: what the golden files
do not show (account numbers, recognition, skipped rows, faults with file and line)."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from finsam_ledger.importers import danske, handelsbanken, icabanken, lansforsakringar
from finsam_ledger.importers.csvformat import HEAD_BYTES
from finsam_ledger.importers.importer import BankImporter
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.importers.registry import readers
from finsam_ledger.importers.settings import Settings

ROOT = Path(__file__).parent / "importers"
DANSKE = ROOT / "danske" / "Transaktioner-99999999999-20210331.csv"
DANSKE_SAMPLE = ROOT / "danske" / "Transaktioner-12345678901-20190821.edited.csv.original"
ICA_WITH_ACCOUNT = ROOT / "icabanken" / "ica_account_export.csv"
ICA = ROOT / "icabanken" / "ica-kontoutdrag-2024-03.csv"
LF = ROOT / "lansforsakringar" / "Föreningskonto 2024-05-01 - 2024-05-31.csv"
HANDELSBANKEN = ROOT / "handelsbanken" / "transaktioner-2025-01.xlsx"
# The shared reference samples live beside the repository, not in it (the GPL-3 sample).
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_HANDELSBANKEN = SHARED / "reference" / "bank-csv" / "handelsbanken" / "transactions.xlsx"

HB = handelsbanken.READERS[0]
HB_HEADER = ["Reskontradatum", "Transaktionsdatum", "Text", "Belopp", "Saldo"]


def _claimed_by(path: Path) -> list[str]:
    """The names of the built-in readers that identify the file (as beangulp would ask)."""
    settings = Settings()
    return [r.name for r in readers() if BankImporter(r, settings).identify(str(path))]


def _workbook(path: Path, rows: list[list[object]], a1: str = "Handelsbanken") -> Path:
    """A workbook in Handelsbanken's layout with these rows under the header (row 10 on)."""
    book = Workbook()
    sheet = book.active
    sheet["A1"] = a1
    sheet["A2"] = "2025-02-03, 09:12"
    sheet["A4"] = "Föreningskonto 000 123 456"
    sheet["A6"] = "Kontoform: Allkonto"
    sheet["A7"] = "Period: 2025-01-01 - 2025-01-31"
    for column, name in enumerate(HB_HEADER, start=1):
        sheet.cell(row=9, column=column, value=name)
    for number, row in enumerate(rows, start=10):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=number, column=column, value=value)
    book.save(path)
    return path


# -- account numbers, where the file has one ----------------------------------------------


def test_ica_account_number_from_the_line_above_the_header() -> None:
    (reader,) = (r for r in icabanken.READERS if r.name == "icabanken-kontonummer")
    statement = reader.read(str(ICA_WITH_ACCOUNT))
    assert statement.account_number == "9274-261 123 8"
    assert statement.format == "icabanken-kontonummer"
    assert len(statement.rows) == 12


def test_ica_without_the_line_has_no_account_number() -> None:
    (reader,) = (r for r in icabanken.READERS if r.name == "icabanken")
    statement = reader.read(str(ICA))
    assert statement.account_number is None
    assert [row.amount for row in statement.rows][:2] == [
        Decimal("150000.00"),
        Decimal("-12500.00"),
    ]
    assert statement.closing_balance() == (datetime.date(2024, 3, 29), Decimal("1184266.40"))


def test_ica_files_with_and_without_the_line_are_each_claimed_by_one_reader() -> None:
    assert _claimed_by(ICA_WITH_ACCOUNT) == ["icabanken-kontonummer"]
    assert _claimed_by(ICA) == ["icabanken"]


def test_ica_account_line_saved_by_a_spreadsheet(tmp_path: Path) -> None:
    lines = ICA_WITH_ACCOUNT.read_bytes().split(b"\n")
    path = tmp_path / "ica.csv"
    path.write_bytes(b"\n".join([lines[0] + b";;;;;", *lines[1:]]))
    assert _claimed_by(path) == ["icabanken-kontonummer"]
    (reader,) = (r for r in icabanken.READERS if r.name == "icabanken-kontonummer")
    assert reader.read(str(path)).account_number == "9274-261 123 8"


def test_lansforsakringar_account_number_from_the_preamble() -> None:
    statement = lansforsakringar.READERS[0].read(str(LF))
    assert statement.account_number == "9020.00.000.01"
    assert statement.closing_balance() is None  # no per-row balance
    assert statement.rows[0].text == "BG-insättning Försäkringskassan"
    assert statement.rows[0].kind == "BG-insättning"
    assert statement.rows[0].meta == {"transaktionsdag": "2024-05-02"}


def test_lansforsakringar_account_number_chooses_the_ledger_account() -> None:
    settings = Settings(ledger_banks={"90200000001": ("Tillgångar:Kassa-och-bank:Lf",)})
    importer = BankImporter(lansforsakringar.READERS[0], settings)
    assert importer.account(str(LF)) == "Tillgångar:Kassa-och-bank:Lf"


def test_danske_account_number_from_the_bank_s_file_name(tmp_path: Path) -> None:
    reader = danske.READERS[0]
    assert reader.read(str(DANSKE)).account_number == "99999999999"
    archived = tmp_path / "2021-03-31.Transaktioner-99999999999-20210331.csv"
    archived.write_bytes(DANSKE.read_bytes())
    assert reader.read(str(archived)).account_number == "99999999999"
    renamed = tmp_path / "danske.csv"
    renamed.write_bytes(DANSKE.read_bytes())
    statement = reader.read(str(renamed))
    assert statement.account_number is None
    assert _claimed_by(renamed) == ["danske-bank"]  # recognised by content, not name


def test_danske_amounts_with_dot_thousands() -> None:
    statement = danske.READERS[0].read(str(DANSKE))
    by_text = {row.text: row for row in statement.rows}
    assert by_text["BG insättning Försäkringskassan"].amount == Decimal("918500.00")
    assert by_text["BG insättning Försäkringskassan"].balance == Decimal("1918500.00")
    assert statement.rows[-1].date == datetime.date(2021, 3, 31)  # oldest first
    # Two identical payments on one day are two rows.
    assert [r.amount for r in statement.rows].count(Decimal("-2500.00")) == 2


def test_danske_sample_with_edited_amounts_is_refused(tmp_path: Path) -> None:
    """The public sample's balances do not follow from its amounts: refused where they break."""
    copy = tmp_path / "Transaktioner-12345678901-20190821.csv"
    copy.write_bytes(DANSKE_SAMPLE.read_bytes())
    with pytest.raises(ImportFault) as raised:
        danske.READERS[0].read(str(copy))
    assert raised.value.path == str(copy)
    assert raised.value.line is not None and 2 <= raised.value.line <= 7
    assert "does not follow from the rows before" in raised.value.reason


def test_handelsbanken_account_number_from_a4() -> None:
    statement = HB.read(str(HANDELSBANKEN))
    assert statement.account_number == "000 123 456"


# -- Handelsbanken ------------------------------------------------------------------------


def test_handelsbanken_preliminary_rows_are_skipped() -> None:
    statement = HB.read(str(HANDELSBANKEN))
    assert Decimal("-875.00") not in [row.amount for row in statement.rows]  # row 10, no date
    assert [row.line for row in statement.rows] == [16, 15, 14, 13, 12, 11]
    assert statement.closing_balance() == (datetime.date(2025, 1, 30), Decimal("246422.51"))


def test_handelsbanken_file_of_preliminary_rows_only(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "prel.xlsx", [[None, "2025-01-31", "Kontorsbolaget AB", -875]])
    assert HB.read(str(path)).rows == ()


def test_handelsbanken_cells_as_dates_and_text(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        [datetime.datetime(2025, 1, 30), datetime.date(2025, 1, 29), 4711, "-1 432,50", "8 567,50"],
        ["2025-01-02", None, "Försäkringskassan", 10000, 10000.0],
    ]
    statement = HB.read(str(_workbook(tmp_path / "cells.xlsx", rows)))
    first, last = statement.rows
    assert (first.date, first.amount, first.balance, first.meta) == (
        datetime.date(2025, 1, 2),
        Decimal("10000.00"),
        Decimal("10000.00"),
        {},
    )
    assert (last.date, last.text, last.amount, last.balance) == (
        datetime.date(2025, 1, 30),
        "4711",
        Decimal("-1432.50"),
        Decimal("8567.50"),
    )
    assert last.meta == {"transaktionsdag": "2025-01-29"}


def test_handelsbanken_floats_become_exact_decimals(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["2025-01-03", "2025-01-03", "Kontorsbolaget AB", 0.1 + 0.2, 0.3],
        ["2025-01-02", "2025-01-02", "Region Exempellän", 1234567.89, 0.0],
    ]
    statement = HB.read(str(_workbook(tmp_path / "floats.xlsx", rows)))
    assert [(row.amount, row.balance) for row in statement.rows] == [
        (Decimal("1234567.89"), Decimal("0.00")),
        (Decimal("0.30"), Decimal("0.30")),
    ]


def test_handelsbanken_oldest_first_file(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["2025-01-02", "2025-01-02", "Region Exempellän", 100, 100],
        ["2025-01-03", "2025-01-03", "Kontorsbolaget AB", -40, 60],
    ]
    statement = HB.read(str(_workbook(tmp_path / "ascending.xlsx", rows)))
    assert [row.line for row in statement.rows] == [10, 11]
    assert statement.closing_balance() == (datetime.date(2025, 1, 3), Decimal("60.00"))


def test_handelsbanken_rows_out_of_order_are_refused(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["2025-01-03", "2025-01-03", "Kontorsbolaget AB", -40, 60],
        ["2025-01-02", "2025-01-02", "Region Exempellän", 100, 100],
        ["2025-01-05", "2025-01-05", "Region Exempellän", 100, 160],
    ]
    path = _workbook(tmp_path / "mixed.xlsx", rows)
    with pytest.raises(ImportFault) as fault:
        HB.read(str(path))
    assert (fault.value.path, fault.value.line) == (str(path), 12)


@pytest.mark.skipif(
    not SHARED_HANDELSBANKEN.exists(),
    reason=f"Handelsbanken's public sample (GPL-3) is not in {SHARED_HANDELSBANKEN.parent}",
)
def test_handelsbanken_shared_sample() -> None:
    raw = SHARED_HANDELSBANKEN.read_bytes()
    assert HB.sniff(raw)
    assert HB.sniff(raw[:HEAD_BYTES])
    assert _claimed_by(SHARED_HANDELSBANKEN) == ["handelsbanken-xlsx"]
    statement = HB.read(str(SHARED_HANDELSBANKEN))
    assert statement.account_number == "123 123 123"
    assert [(row.date, row.text, row.amount, row.balance, row.line) for row in statement.rows] == [
        (datetime.date(2025, 1, 2), "blupp", Decimal("-228.00"), Decimal("1017.40"), 11),
        (datetime.date(2025, 1, 2), "blipp", Decimal("-238.00"), Decimal("779.40"), 10),
    ]
    assert statement.closing_balance() == (datetime.date(2025, 1, 2), Decimal("779.40"))


def test_handelsbanken_large_file_recognised_from_its_head(tmp_path: Path) -> None:
    balance = Decimal("500000.00")
    rows: list[list[object]] = []
    for day in range(400):
        date = (datetime.date(2025, 12, 31) - datetime.timedelta(days=day // 2)).isoformat()
        rows.append([date, date, f"Kontorsbolaget AB faktura {day}", -12.5, float(balance)])
        balance += Decimal("12.50")
    path = _workbook(tmp_path / "large.xlsx", rows)
    raw = path.read_bytes()
    assert len(raw) > HEAD_BYTES
    assert HB.sniff(raw[:HEAD_BYTES])  # a cut-off zip: identified from its first entries
    assert _claimed_by(path) == ["handelsbanken-xlsx"]
    assert len(HB.read(str(path)).rows) == 400


def test_non_xlsx_is_not_claimed_by_handelsbanken(tmp_path: Path) -> None:
    for path in (DANSKE, ICA, ICA_WITH_ACCOUNT, LF):
        assert not HB.sniff(path.read_bytes())
    assert not HB.sniff(b"")
    assert not HB.sniff(b"PK\x03\x04 truncated")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Reskontradatum.txt", "Handelsbanken")
    assert not HB.sniff(archive.getvalue())
    other = _workbook(tmp_path / "skandia.xlsx", [], a1="Kontoutdrag")
    assert not HB.sniff(other.read_bytes())
    assert "handelsbanken-xlsx" not in _claimed_by(other)


def test_handelsbanken_workbook_is_claimed_by_no_csv_reader() -> None:
    assert _claimed_by(HANDELSBANKEN) == ["handelsbanken-xlsx"]


# -- UTF-8 files longer than the 8 KiB head -------------------------------------------------


def _cut_inside_a_letter(head: str, row: str) -> bytes:
    """The head line(s) and copies of the row, padded so that byte 8 KiB - 1 starts an 'Ö'."""
    for padding in range(len(row.encode("utf-8"))):
        raw = (head + " " * padding + row * (2 * HEAD_BYTES // len(row))).encode("utf-8")
        if raw[HEAD_BYTES - 1] == 0xC3:
            return raw
    raise AssertionError("no padding puts a two-byte letter across the cut")


@pytest.mark.parametrize("bank", ["icabanken", "lansforsakringar"])
def test_utf8_files_recognised_when_the_head_ends_inside_a_letter(
    tmp_path: Path, bank: str
) -> None:
    """``identify`` reads 8 KiB; a cut inside 'Ö' must not hide the header."""
    if bank == "icabanken":
        head = "\ufeffDatum;Text;Typ;Budgetgrupp;Belopp;Saldo\n"
        row = "2024-03-05;Kontorsbolaget AB;Övrigt;Övrigt;-1,00 kr;1,00 kr\n"
    else:
        head = "\r\n".join(LF.read_text(encoding="utf-8").split("\r\n")[:4]) + "\r\n"
        row = '"2024-05-06";"2024-05-03";"Överföring";"Region Exempellän";"-1,00"\r\n'
    path = tmp_path / f"{bank}.csv"
    path.write_bytes(_cut_inside_a_letter(head, row))
    assert _claimed_by(path) == [bank]


# -- faults name the file and the line --------------------------------------------------------


def test_malformed_danske_amount(tmp_path: Path) -> None:
    path = tmp_path / "Transaktioner-12345678901-20190821.csv"
    path.write_bytes(DANSKE.read_bytes().replace(b'"-115,00"', b'"-115,0x"'))
    with pytest.raises(ImportFault) as fault:
        danske.READERS[0].read(str(path))
    assert (fault.value.path, fault.value.line) == (str(path), 2)  # the bank fee
    assert "-115,0x" in str(fault.value)


def test_truncated_lansforsakringar_line(tmp_path: Path) -> None:
    path = tmp_path / "lf.csv"
    path.write_bytes(LF.read_bytes().replace(b';"-8 000,00"', b""))
    with pytest.raises(ImportFault) as fault:
        lansforsakringar.READERS[0].read(str(path))
    assert (fault.value.path, fault.value.line) == (str(path), 6)


def test_malformed_ica_date(tmp_path: Path) -> None:
    path = tmp_path / "ica.csv"
    path.write_bytes(ICA.read_bytes().replace(b"2024-03-12", b"2024-13-12"))
    (reader,) = (r for r in icabanken.READERS if r.name == "icabanken")
    with pytest.raises(ImportFault) as fault:
        reader.read(str(path))
    assert (fault.value.path, fault.value.line) == (str(path), 4)


@pytest.mark.parametrize(
    ("amount", "reason"),
    [("tusen", "not an amount"), (12.345, "fractions of an öre"), (None, "empty amount")],
)
def test_malformed_handelsbanken_row(tmp_path: Path, amount: object, reason: str) -> None:
    rows: list[list[object]] = [
        ["2025-01-03", "2025-01-03", "Kontorsbolaget AB", -40, 60],
        ["2025-01-02", "2025-01-02", "Region Exempellän", amount, 100],
    ]
    path = _workbook(tmp_path / "bad.xlsx", rows)
    with pytest.raises(ImportFault) as fault:
        HB.read(str(path))
    assert (fault.value.path, fault.value.line) == (str(path), 11)
    assert reason in fault.value.reason
    assert str(fault.value).startswith(f"{path}:11: ")


def test_handelsbanken_faults_for_files_that_are_not_its_layout(tmp_path: Path) -> None:
    not_a_workbook = tmp_path / "x.xlsx"
    not_a_workbook.write_bytes(b"Reskontradatum;Text\n")
    with pytest.raises(ImportFault, match="not an XLSX workbook"):
        HB.read(str(not_a_workbook))
    other = _workbook(tmp_path / "other.xlsx", [], a1="Kontoutdrag")
    with pytest.raises(ImportFault) as fault:
        HB.read(str(other))
    assert fault.value.line == 1
    empty = _workbook(tmp_path / "empty.xlsx", [])
    with pytest.raises(ImportFault, match="no transactions"):
        HB.read(str(empty))

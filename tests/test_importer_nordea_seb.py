"""Nordea and SEB readers beyond the golden files: pending rows, missing balances,
three-decimal amounts, preambles, identification, and faults naming file and line."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from beancount.core import data

from finsam_ledger.importers import nordea, seb, swedbank
from finsam_ledger.importers.csvformat import HEAD_BYTES, CsvReader
from finsam_ledger.importers.importer import BankImporter
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.importers.settings import Settings

D = Decimal
GOLDEN = Path(__file__).parent / "importers"
BOM = b"\xef\xbb\xbf"
READERS: dict[str, CsvReader] = {
    reader.name: reader for reader in (*nordea.READERS, *seb.READERS, *swedbank.READERS)
}
EXPECTED = {
    "nordea/privat-2020.csv": "nordea-privat-2019",
    "nordea/foretag-2022-05.csv": "nordea-foretag-2021",
    "nordea/foretag-2022-10.csv": "nordea-foretag-2021",
    "nordea/foretag-2025.csv": "nordea-foretag-2025",
    "seb/export-2020.csv": "seb-2020",
    "seb/seb-2025.csv": "seb-2024",
    "seb/transaktioner-2024.csv": "seb-transaktioner-2024",
    "seb/transaktioner-2026.csv": "seb-transaktioner-2026",
}

NORDEA_2021 = (
    "Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Rubrik;Meddelande;Egna anteckningar;Saldo;Valuta"
)
NORDEA_2025 = (
    "Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Ytterligare detaljer;Meddelande;"
    "Egna anteckningar;Saldo;Valuta;"
)
SEB_2020 = "Bokföringsdatum,Valutadatum,Verifikationsnummer,Text/mottagare,Belopp,Saldo"
SEB_2024 = "Bokföringsdatum;Valutadatum;Verifikationsnummer;Text;Belopp;Saldo"
SEB_2026 = "Bokförd;Valutadatum;Text;Typ;Insättningar;Uttag;Bokfört saldo"


def write(
    tmp_path: Path,
    lines: list[str],
    *,
    name: str = "fil.csv",
    bom: bool = True,
    eol: str = "\n",
    encoding: str = "utf-8",
) -> Path:
    path = tmp_path / name
    path.write_bytes(
        (BOM if bom else b"") + "".join(f"{line}{eol}" for line in lines).encode(encoding)
    )
    return path


def identified_by(path: Path) -> list[str]:
    raw = path.read_bytes()[:HEAD_BYTES]
    return [name for name, reader in READERS.items() if reader.sniff(raw)]


# -- identification ---------------------------------------------------------------


@pytest.mark.parametrize("document", sorted(EXPECTED))
def test_each_file_is_identified_by_its_own_reader_only(document: str) -> None:
    assert identified_by(GOLDEN / document) == [EXPECTED[document]]


def test_every_nordea_and_seb_reader_has_a_golden_file() -> None:
    names = {reader.name for reader in (*nordea.READERS, *seb.READERS)}
    assert names == set(EXPECTED.values())


def _split_letter_file(tmp_path: Path, header: str, eol: str) -> Path:
    """A file whose byte HEAD_BYTES falls in the middle of an "ö" (two bytes in UTF-8)."""
    raw = BOM + (header + eol).encode()
    raw += b"x" * (HEAD_BYTES - 1 - len(raw)) + "ö".encode() + eol.encode()
    with pytest.raises(UnicodeDecodeError):
        raw[3:HEAD_BYTES].decode("utf-8")
    path = tmp_path / "lang.csv"
    path.write_bytes(raw)
    return path


@pytest.mark.parametrize(
    ("reader", "header", "eol"),
    [("nordea-foretag-2025", NORDEA_2025, "\n"), ("seb-2024", SEB_2024, "\r\n")],
)
def test_a_letter_split_at_the_end_of_the_head_does_not_hide_the_header(
    tmp_path: Path, reader: str, header: str, eol: str
) -> None:
    path = _split_letter_file(tmp_path, header, eol)
    assert identified_by(path) == [reader]
    assert BankImporter(READERS[reader], Settings()).identify(str(path))


# -- Nordea -----------------------------------------------------------------------


def test_nordea_reserverat_rows_are_skipped() -> None:
    statement = READERS["nordea-privat-2019"].read(str(GOLDEN / "nordea/privat-2020.csv"))
    assert [row.amount for row in statement.rows] == [
        D("45000.00"),
        D("-12500.00"),
        D("-12500.00"),
        D("-95.00"),
    ]
    assert all(row.line != 2 for row in statement.rows)  # line 2 is the Reserverat row


def test_nordea_only_reserverat_rows_give_an_empty_statement(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            NORDEA_2021,
            "Reserverat;-89,00;;;KORT X;KORT X;;;;SEK",
            "Reserverad;-19,00;;;KORT Y;KORT Y;;;;SEK",
        ],
    )
    statement = READERS["nordea-foretag-2021"].read(str(path))
    assert statement.rows == ()
    assert statement.closing_balance() is None


def test_nordea_empty_saldo_identifies_the_row_by_text_and_reference() -> None:
    statement = READERS["nordea-foretag-2021"].read(str(GOLDEN / "nordea/foretag-2022-10.csv"))
    no_balance = [row for row in statement.rows if row.balance is None]
    assert len(no_balance) == 1
    row = no_balance[0]
    assert (row.date, row.amount, row.line) == (datetime.date(2022, 10, 3), D("62500.00"), 5)
    assert row.identity == "2022-10-03|62500.00|BG KONTOINS|5555-0004 SÖDERBY KOMMUN|1"
    assert statement.closing_balance() == (datetime.date(2022, 10, 31), D("844780.00"))


def test_closing_balance_when_the_newest_rows_have_no_saldo(tmp_path: Path) -> None:
    """The last balance the file gives, plus the rows booked after it."""
    path = write(
        tmp_path,
        [
            NORDEA_2025,
            "2025/02/03;-95,00;;;AVGIFTER NORDEA;AVGIFTER NORDEA;;;;SEK;",
            "2025/02/03;-95,00;;;AVGIFTER NORDEA;AVGIFTER NORDEA;;;;SEK;",
            "2025/01/31;1000,00;;;BG KONTOINS;BG KONTOINS;5555-0001 X;;5000,00;SEK;",
        ],
    )
    importer = BankImporter(READERS["nordea-foretag-2025"], Settings())
    entries = importer.extract(str(path), [])
    assert [type(e) for e in entries] == [data.Transaction] * 3 + [data.Balance]
    assert entries[-1].date == datetime.date(2025, 2, 4)
    assert entries[-1].amount.number == Decimal("4810.00")  # 5 000 - 95 - 95
    identities = [e.meta["bankrad"] for e in entries[:3]]
    assert identities == [
        # Nordea's Saldo is sometimes empty: its rows never take their identity from it.
        "2025-01-31|1000.00|BG KONTOINS|5555-0001 X|1",
        "2025-02-03|-95.00|AVGIFTER NORDEA||1",
        "2025-02-03|-95.00|AVGIFTER NORDEA||2",
    ]
    assert importer.statement(str(path)).closing_balance() == (
        datetime.date(2025, 2, 3),
        Decimal("4810.00"),
    )


def test_nordea_both_date_formats_in_every_layout(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            "Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Rubrik;Saldo;Valuta",
            "2022/07/01;-1,50;;;A;A;98,50;SEK",
            "2022-06-30;100,00;;;B;B;100,00;SEK",
        ],
    )
    rows = READERS["nordea-privat-2019"].read(str(path)).rows
    assert [(r.date, r.amount) for r in rows] == [
        (datetime.date(2022, 6, 30), D("100.00")),
        (datetime.date(2022, 7, 1), D("-1.50")),
    ]


def test_nordea_2025_fields_and_a_file_without_the_trailing_semicolon(tmp_path: Path) -> None:
    row = (
        "2025/03/28;-4200,00;;5555-1234;KONTORSBOLAGET AB;KONTORSBOLAGET AB;123456789012;Kontor;"
        "362345,67;SEK"
    )
    for name, lines in (
        ("med.csv", [NORDEA_2025, row + ";"]),
        ("utan.csv", [NORDEA_2025[:-1], row]),
    ):
        path = write(tmp_path, lines, name=name)
        assert identified_by(path) == ["nordea-foretag-2025"]
        (read,) = READERS["nordea-foretag-2025"].read(str(path)).rows
        assert (read.counterparty, read.text, read.reference) == (
            "KONTORSBOLAGET AB",
            "KONTORSBOLAGET AB",
            "123456789012",
        )
        assert read.meta == {"anteckning": "Kontor"}
        assert read.balance == D("362345.67")


def test_nordea_currency_comes_from_valuta(tmp_path: Path) -> None:
    path = write(tmp_path, [NORDEA_2021, "2022-05-02;10,00;;;X;X;;;110,00;EUR"])
    statement = READERS["nordea-foretag-2021"].read(str(path))
    assert statement.currency == "EUR"
    assert statement.rows[0].meta == {}
    mixed = write(
        tmp_path,
        [NORDEA_2021, "2022-05-03;10,00;;;X;X;;;120,00;EUR", "2022-05-02;10,00;;;X;X;;;110,00;SEK"],
        name="blandat.csv",
    )
    with pytest.raises(ImportFault) as fault:
        READERS["nordea-foretag-2021"].read(str(mixed))
    assert (fault.value.path, fault.value.line) == (str(mixed), 2)
    assert "one currency" in fault.value.reason


# -- SEB ----------------------------------------------------------------------------


def test_seb_three_decimal_amounts(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            SEB_2024,
            "2025-03-31;2025-03-31;1;PRIS;-253.520;2762.720",
            "2025-03-30;2025-03-30;2;X;-12.000;3016.240",
            "2025-03-29;2025-03-29;3;Y;-1000.000;3028.240",
        ],
        eol="\r\n",
    )
    rows = READERS["seb-2024"].read(str(path)).rows
    assert [(r.amount, r.balance, r.reference) for r in rows] == [
        (D("-1000.00"), D("3028.24"), "3"),
        (D("-12.00"), D("3016.24"), "2"),
        (D("-253.52"), D("2762.72"), "1"),
    ]


def test_seb_a_third_decimal_that_is_not_zero_is_a_fault(tmp_path: Path) -> None:
    path = write(tmp_path, [SEB_2024, "2025-03-31;2025-03-31;1;PRIS;-253.525;2762.720"])
    with pytest.raises(ImportFault) as fault:
        READERS["seb-2024"].read(str(path))
    assert (fault.value.path, fault.value.line) == (str(path), 2)
    assert "öre" in fault.value.reason


def test_seb_2024_with_decimal_commas(tmp_path: Path) -> None:
    path = write(tmp_path, [SEB_2024, "2025-03-31;2025-03-31;1;X;7,84;1241,16"])
    (row,) = READERS["seb-2024"].read(str(path)).rows
    assert (row.amount, row.balance) == (D("7.84"), D("1241.16"))
    mixed = write(
        tmp_path,
        [
            SEB_2024,
            "2025-03-31;2025-03-31;1;X;7,84;1241,16",
            "2025-03-30;2025-03-30;2;Y;-253.520;1233.320",
        ],
        name="blandat.csv",
    )
    with pytest.raises(ImportFault) as fault:
        READERS["seb-2024"].read(str(mixed))
    assert (fault.value.path, fault.value.line) == (str(mixed), 3)


def test_seb_2026_split_columns(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            SEB_2026,
            "2026-07-21;2026-07-21;SAN FRANCISC/26-07-20;Kortköp;;-89.44;433217.91",
            "2026-07-20;2026-07-20;REGION EXEMPEL;Bankgiroinbetalning;150000.00;;433307.35",
            "2026-07-19;2026-07-19;KONTORSBOLAGET AB;Betalning (bg/pg);;4200.00;283307.35",
        ],
        eol="\r\n",
    )
    rows = READERS["seb-transaktioner-2026"].read(str(path)).rows
    assert [(r.amount, r.kind) for r in rows] == [
        (D("-4200.00"), "Betalning (bg/pg)"),  # an Uttag without its minus is still out
        (D("150000.00"), "Bankgiroinbetalning"),
        (D("-89.44"), "Kortköp"),
    ]
    both = write(
        tmp_path, [SEB_2026, "2026-07-21;2026-07-21;X;Annan;5.00;-5.00;100.00"], name="b.csv"
    )
    with pytest.raises(ImportFault) as fault:
        READERS["seb-transaktioner-2026"].read(str(both))
    assert (fault.value.path, fault.value.line) == (str(both), 2)


@pytest.mark.parametrize(
    "preamble",
    [
        [],
        ["Export från internetbanken för privatpersoner", "", "Exporterad 2020-04-01 09:15", ""],
        ["Rad"] * 10,
    ],
    ids=["none", "with-blank-lines", "ten-lines"],
)
def test_seb_2020_preamble_of_any_length(tmp_path: Path, preamble: list[str]) -> None:
    path = write(
        tmp_path,
        [*preamble, SEB_2020, "2020-03-31,2020-03-31,5490990004,PRIS ENL SPEC,-60.00,1940.00"],
        bom=False,
        eol="\r\n",
        encoding="cp1252",
    )
    assert identified_by(path) == ["seb-2020"]
    (row,) = READERS["seb-2020"].read(str(path)).rows
    assert (row.amount, row.balance, row.reference, row.line) == (
        D("-60.00"),
        D("1940.00"),
        "5490990004",
        len(preamble) + 2,
    )


def test_seb_2020_header_too_far_down_is_not_identified(tmp_path: Path) -> None:
    path = write(tmp_path, [*["Rad"] * 11, SEB_2020], bom=False)
    assert identified_by(path) == []
    with pytest.raises(ImportFault) as fault:
        READERS["seb-2020"].read(str(path))
    assert fault.value.path == str(path)


def test_seb_2020_account_number_from_the_preamble() -> None:
    statement = READERS["seb-2020"].read(str(GOLDEN / "seb/export-2020.csv"))
    assert statement.account_number == "1234 56 789 00"
    assert (
        Settings(ledger_banks={"12345678900": ("Tillgångar:Kassa-och-bank:SEB",)}).bank_for(
            statement.account_number
        )
        == "Tillgångar:Kassa-och-bank:SEB"
    )


# -- faults name the file and the line -----------------------------------------------


MALFORMED = [
    # reader, lines, line of the fault, words in the reason
    ("nordea-privat-2019", ["Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Rubrik;Saldo;Valuta",
                            "2020-04-31;-95,00;;;A;A;100,00;SEK"], 2, "not a date"),
    ("nordea-foretag-2021", [NORDEA_2021, "2022-05-02;10,00;;;X;X;;;110,00;SEK",
                             "2022-05-01;10,00;;;X;X;;110,00;SEK"], 3, "fields"),
    ("nordea-foretag-2025", [NORDEA_2025, "31.01.2025;-95,00;;;A;A;;;100,00;SEK;"], 2,
     "not a date"),
    ("nordea-foretag-2025", [NORDEA_2025, "2025/01/31;-95.00.0;;;A;A;;;100,00;SEK;"], 2, "amount"),
    ("seb-2020", ["Export", "", SEB_2020, "2020-03-31,2020-03-31,1,PRIS, ENL SPEC,-60.00,1.00"], 4,
     "fields"),
    ("seb-2020", ["Export", SEB_2020, "2020-13-01,2020-03-31,1,PRIS,-60.00,1.00"], 3, "not a date"),
    ("seb-2024", [SEB_2024, "2025-03-31;2025-03-31;1;PRIS;-253.520"], 2, "fields"),
    ("seb-2024", [SEB_2024, "31/03/2025;2025-03-31;1;PRIS;-253.520;2762.720"], 2, "not a date"),
    ("seb-transaktioner-2024", ["Bokförd,Valutadatum,Text,Typ,Insättningar/uttag,Bokfört saldo",
                                "2024-06-28,2024-06-28,A,B,C,-75.00,1.00"], 2, "fields"),
    ("seb-transaktioner-2026", [SEB_2026, "2026-02-30;2026-02-27;A;Annan;;-75.00;1.00"], 2,
     "not a date"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("reader", "lines", "line", "words"),
    MALFORMED,
    ids=[f"{m[0]}-{m[3].replace(' ', '-')}-{i}" for i, m in enumerate(MALFORMED)],
)
def test_malformed_rows_are_faults_naming_file_and_line(
    tmp_path: Path, reader: str, lines: list[str], line: int, words: str
) -> None:
    path = write(tmp_path, lines)
    assert identified_by(path) == [reader]
    with pytest.raises(ImportFault) as fault:
        READERS[reader].read(str(path))
    assert (fault.value.path, fault.value.line) == (str(path), line)
    assert words in fault.value.reason
    assert str(fault.value).startswith(f"{path}:{line}: ")

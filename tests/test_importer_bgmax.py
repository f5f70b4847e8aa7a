"""BgMax: Bankgirot's example file, öre to kronor, deductions, extra references, the TAB
quirk, EUR deposits listed and not booked, truncated and corrupted files, identical payments."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from beancount.core import data

from finsam_ledger.importers.bgmax import BgMaxReader, bankgiro
from finsam_ledger.importers.importer import BankImporter
from finsam_ledger.importers.model import ImportFault, Statement
from finsam_ledger.importers.registry import importers
from finsam_ledger.importers.settings import Settings

DATA = Path(__file__).parent / "importers" / "bgmax"
SEK_EXAMPLE = DATA / "bgmax-exempelfil-sek.txt"
ORIGINAL = (
    DATA
    / "bankgiroinbetalningar_exempelfil_avtal-om-ocr-kontroll_checksiffra_langd_sv.txt.original"
)
READER = BgMaxReader()


# Records built field by field (positions as in the BgMax specification).


def tk01(mark: str = "P") -> str:
    return f"01{'BGMAX':<20}01{'20240315060000123456'}{mark}"


def tk05(receiving: str = "9912346", currency: str = "SEK") -> str:
    return f"05{receiving:0>10}{'':10}{currency}"


def tk20(
    ore: int, serial: int, reference: str = "4711", payer: str = "1234567", kind: str = "20"
) -> str:
    return f"{kind}{payer:0>10}{reference:>25}{ore:018d}21{serial:012d}0"


def tk22(reference: str, ore: int = 0, serial: int = 1, kind: str = "22") -> str:
    return f"{kind}{'1234567':0>10}{reference:>25}{ore:018d}21{serial:012d}0"


def tk25(text: str) -> str:
    return f"25{text:<50}"


def tk26(name: str) -> str:
    return f"26{name:<35}"


def tk15(ore: int, count: int, date: str = "20240314", serial: int = 17) -> str:
    return f"15{'5841000001009823':0>35}{date}{serial:05d}{ore:018d}SEK{count:08d}"


def tk70(payments: int, deductions: int = 0, extra: int = 0, deposits: int = 1) -> str:
    return f"70{payments:08d}{deductions:08d}{extra:08d}{deposits:08d}"


def write(tmp_path: Path, records: Sequence[str], eol: str = "\n", name: str = "bgmax.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(eol.join(records).encode("iso-8859-1") + eol.encode())
    return path


def read(path: Path) -> Statement:
    return READER.read(str(path))


def fault(path: Path) -> ImportFault:
    with pytest.raises(ImportFault) as caught:
        READER.read(str(path))
    assert caught.value.path == str(path)
    return caught.value


SMALL = [
    tk01(),
    tk05(),
    tk20(125000, 1, "4711", "5550001"),
    tk26("Norrby kommun"),
    tk20(2550, 2, "KREDIT 88", "5550001", kind="21"),
    tk20(1, 3, "", "0"),
    tk15(125000 - 2550 + 1, 3),
    tk70(2, 1, 0, 1),
]


# Bankgirot's example


def test_the_example_file_in_sek() -> None:
    statement = read(SEK_EXAMPLE)
    assert (statement.format, statement.currency, statement.account_number) == (
        "bgmax",
        "SEK",
        "991-2346",
    )
    assert statement.closing_balance() is None  # BgMax has no balance
    rows = statement.rows
    assert len(rows) == 9  # 8 payments and 1 deduction; the 9 extra references are no rows
    assert [row.line for row in rows] == [3, 8, 13, 25, 30, 35, 40, 51, 60]
    assert [row.amount for row in rows] == [
        Decimal(x)
        for x in (
            "1000.00",
            "-500.00",
            "1400.00",
            "1100.00",
            "1200.00",
            "700.00",
            "5000.00",
            "3000.00",
            "1000.00",
        )
    ]
    assert {row.date.isoformat() for row in rows} == {"2004-05-25"}
    by_deposit: dict[str, Decimal] = {}
    for row in rows:
        key = row.meta["insattning"]
        by_deposit[key] = by_deposit.get(key, Decimal(0)) + row.amount
    assert by_deposit == {
        "74": Decimal("1900.00"),
        "75": Decimal("8000.00"),
        "76": Decimal("4000.00"),
    }
    assert {row.meta["bankgiro"] for row in rows} == {"991-2346"}
    first, deduction = rows[0], rows[1]
    assert (first.counterparty, first.text, first.reference) == (
        "Kalles Plåt AB",
        "Bankgiro 378-3511",
        "655969",
    )
    assert first.identity == "2004-05-25|bgc 10|insättning 74"
    assert (deduction.kind, deduction.text, deduction.reference) == (
        "avdrag",
        "Bankgiro avdrag 378-3511",
        "89853",
    )
    assert rows[4].reference == ""  # reference code 1: no reference
    assert rows[6].meta["meddelande"] == "Faktura 658369; Faktura 658468"
    assert rows[6].reference == "658260 658369 658468"


def test_the_tab_quirk_is_read_as_the_reference_in_its_place() -> None:
    raw = SEK_EXAMPLE.read_bytes().split(b"\n")
    assert b"\t" in raw[16]  # line 17, a TK22
    row = read(SEK_EXAMPLE).rows[2]
    assert row.line == 13
    # The TK20's own references, then the TK22 references not already in it:
    # 657965 is the one on the TAB line.
    assert row.reference == "657866 658765 657767 657965"
    assert row.amount == Decimal("1400.00")
    assert row.meta["meddelande"] == "Betalning med extra refnr 657965"


def test_the_original_books_its_sek_deposits_and_lists_the_eur_one() -> None:
    """Bankgirot's own example: deposits 74 and 75 in SEK, 76 (lines 50-65) 4000.00 EUR."""
    statement = read(ORIGINAL)
    assert [row.line for row in statement.rows] == [3, 8, 13, 25, 30, 35, 40]
    assert {row.meta["insattning"] for row in statement.rows} == {"74", "75"}
    assert sum(row.amount for row in statement.rows) == Decimal("9900.00")  # 1900 + 8000
    (skipped,) = statement.skipped
    assert (skipped.path, skipped.line) == (str(ORIGINAL), 50)
    assert skipped.reason == (
        "a deposit of 4000.00 EUR on 2004-05-25 (2 payments, lines 50–65) is not booked: "
        "only SEK deposits are; book it by hand"
    )
    assert str(skipped).startswith(f"{ORIGINAL}:50: a deposit of 4000.00 EUR")
    importer = BankImporter(READER, Settings())
    entries = importer.extract(str(ORIGINAL), [])
    assert len(entries) == 7
    assert {e.postings[0].units.currency for e in entries} == {"SEK"}
    assert importer.skipped(str(ORIGINAL)) == (skipped,)
    assert importer.skipped(str(SEK_EXAMPLE)) == ()


def test_a_file_of_foreign_deposits_only_books_nothing(tmp_path: Path) -> None:
    records = [tk01(), tk05(currency="EUR"), tk20(100, 1), tk15(100, 1), tk70(1)]
    records[3] = records[3].replace("SEK", "EUR")
    statement = read(write(tmp_path, records))
    assert statement.rows == ()
    assert [(s.line, "1.00 EUR" in s.reason) for s in statement.skipped] == [(2, True)]


def test_a_foreign_deposit_is_still_checked(tmp_path: Path) -> None:
    records = [tk01(), tk05(currency="EUR"), tk20(100, 1), tk15(200, 1), tk70(1)]
    records[3] = records[3].replace("SEK", "EUR")
    caught = fault(write(tmp_path, records))
    assert caught.line == 4
    assert "1.00" in caught.reason and "2.00" in caught.reason


def test_the_example_is_identified_by_bgmax_only() -> None:
    for document in (SEK_EXAMPLE, ORIGINAL):
        claimed = [imp.name for imp in importers(Settings()) if imp.identify(str(document))]
        assert claimed == ["finsam.bgmax"]
    assert not READER.sniff(b"Radnummer,Clearingnummer,Kontonummer\n")
    assert not READER.sniff(b"01BGMAY")
    assert READER.sniff(b"\xef\xbb\xbf01BGMAX")


def test_crlf_gives_the_same_rows(tmp_path: Path) -> None:
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(SEK_EXAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    assert read(crlf).rows == read(SEK_EXAMPLE).rows


def test_a_utf8_copy_reads_the_same(tmp_path: Path) -> None:
    copy = tmp_path / "utf8.txt"
    copy.write_text(SEK_EXAMPLE.read_text(encoding="iso-8859-1"), encoding="utf-8")
    assert [r.counterparty for r in read(copy).rows] == [
        r.counterparty for r in read(SEK_EXAMPLE).rows
    ]


# Amounts, deductions, references, names


def test_ore_to_kronor_exactly(tmp_path: Path) -> None:
    records = [
        tk01(),
        tk05(),
        tk20(1, 1),
        tk20(99, 2),
        tk20(123456789012, 3),
        tk20(899999999999999999, 4),
        tk15(1 + 99 + 123456789012 + 899999999999999999, 4),
        tk70(4),
    ]
    amounts = [row.amount for row in read(write(tmp_path, records)).rows]
    assert amounts == [
        Decimal("0.01"),
        Decimal("0.99"),
        Decimal("1234567890.12"),
        Decimal("8999999999999999.99"),
    ]
    assert all(isinstance(a, Decimal) and a.as_tuple().exponent == -2 for a in amounts)


def test_deductions_are_negative_and_trimmed_lines_read(tmp_path: Path) -> None:
    statement = read(write(tmp_path, SMALL))  # every record shorter than 80: trimmed
    payment, deduction, anonymous = statement.rows
    assert payment.amount == Decimal("1250.00")
    assert deduction.amount == Decimal("-25.50")
    assert deduction.kind == "avdrag"
    assert deduction.reference == "KREDIT 88"
    assert payment.counterparty == "Norrby kommun"
    # No TK26: the payer's bankgiro; no bankgiro at all: none.
    assert deduction.counterparty == "555-0001"
    assert (anonymous.counterparty, anonymous.text) == ("", "Bankgiro")
    assert statement.account_number == "991-2346"
    assert {row.date.isoformat() for row in statement.rows} == {"2024-03-14"}


def test_extra_references_attach_to_their_payment(tmp_path: Path) -> None:
    records = [
        tk01(),
        tk05(),
        tk20(300000, 1, "1001 1002"),
        tk22("1001"),
        tk22("1003"),
        tk22("1003"),
        tk22("1004", ore=12550),
        tk22("9001", ore=2500, kind="23"),
        tk25("Fakturor 1001-1004"),
        tk26("Exempelregionen"),
        tk20(5000, 2, "2001"),
        tk15(305000, 2),
        tk70(2, 0, 5),
    ]
    first, second = read(write(tmp_path, records)).rows
    assert first.amount == Decimal("3000.00")  # extra references are no money of their own
    assert first.reference == "1001 1002 1003 1004 (125.50) 9001 (-25.00)"
    assert first.meta["meddelande"] == "Fakturor 1001-1004"
    assert first.counterparty == "Exempelregionen"
    assert (second.reference, second.counterparty) == ("2001", "123-4567")


def test_an_extra_reference_without_a_payment_is_a_fault(tmp_path: Path) -> None:
    records = [tk01(), tk05(), tk22("1001"), tk20(100, 1), tk15(100, 1), tk70(1, 0, 1)]
    caught = fault(write(tmp_path, records))
    assert caught.line == 3
    assert "TK22" in caught.reason


def test_a_tab_outside_the_reference_field_is_a_fault(tmp_path: Path) -> None:
    records = [tk01(), tk05(), tk20(100, 1), tk15(100, 1), tk70(1)]
    records[2] = records[2][:40] + "\t" + records[2][48:]  # inside the amount
    caught = fault(write(tmp_path, records))
    assert caught.line == 3
    assert "TAB" in caught.reason

    records = [tk01(), tk05(), tk20(100, 1), tk26("Exempel\tAB"), tk15(100, 1), tk70(1)]
    assert fault(write(tmp_path, records)).line == 4


def test_a_tab_in_a_payment_reference_field(tmp_path: Path) -> None:
    line = tk20(100, 1, "777")
    tabbed = line[:12] + "\t\t       " + line[31:]  # as in Bankgirot's example
    assert tabbed.expandtabs(8) == line
    statement = read(write(tmp_path, [tk01(), tk05(), tabbed, tk15(100, 1), tk70(1)]))
    assert statement.rows[0].reference == "777"
    assert statement.rows[0].amount == Decimal("1.00")


# Faults: file and line


def test_a_truncated_file_without_tk70(tmp_path: Path) -> None:
    lines = SEK_EXAMPLE.read_bytes().split(b"\n")
    truncated = tmp_path / "truncated.txt"
    truncated.write_bytes(b"\n".join(lines[:65]) + b"\n")
    caught = fault(truncated)
    assert caught.line == 65
    assert "TK70" in caught.reason
    assert str(caught).startswith(f"{truncated}:65: ")


def test_a_file_truncated_inside_a_deposit(tmp_path: Path) -> None:
    lines = SEK_EXAMPLE.read_bytes().split(b"\n")
    truncated = tmp_path / "truncated.txt"
    truncated.write_bytes(b"\n".join(lines[:40]))
    caught = fault(truncated)
    assert caught.line == 40
    assert "line 24" in caught.reason  # the deposit's TK05
    assert "TK15" in caught.reason


def test_a_corrupted_amount_is_a_fault(tmp_path: Path) -> None:
    lines = SEK_EXAMPLE.read_bytes().split(b"\n")
    line = bytearray(lines[24])  # line 25: a TK20 of 1 100,00
    line[50] = ord("X")
    lines[24] = bytes(line)
    corrupted = tmp_path / "corrupted.txt"
    corrupted.write_bytes(b"\n".join(lines))
    caught = fault(corrupted)
    assert caught.line == 25
    assert "amount" in caught.reason
    assert "positions 38–55" in caught.reason


def test_a_changed_digit_is_caught_by_the_deposit_total(tmp_path: Path) -> None:
    lines = SEK_EXAMPLE.read_bytes().split(b"\n")
    assert lines[24][37:55] == b"000000000000110000"
    lines[24] = lines[24][:37] + b"000000000000110100" + lines[24][55:]
    changed = tmp_path / "changed.txt"
    changed.write_bytes(b"\n".join(lines))
    caught = fault(changed)
    assert caught.line == 49  # the deposit's TK15
    assert "8000.00" in caught.reason
    assert "8001.00" in caught.reason


def test_tk70_counts_are_checked(tmp_path: Path) -> None:
    records = [tk01(), tk05(), tk20(100, 1), tk22("1"), tk15(100, 1), tk70(1, 0, 2)]
    caught = fault(write(tmp_path, records))
    assert caught.line == 6
    assert "2 extra reference records" in caught.reason

    records[-1] = tk70(1, 0, 1, 2)
    assert "deposit records" in fault(write(tmp_path, records)).reason


def test_tk15_payment_count_is_checked(tmp_path: Path) -> None:
    records = [tk01(), tk05(), tk20(100, 1), tk15(100, 2), tk70(1)]
    caught = fault(write(tmp_path, records))
    assert caught.line == 4
    assert "2 payments" in caught.reason


@pytest.mark.parametrize(
    ("records", "line", "words"),
    [
        ([tk01("T"), tk05(), tk20(100, 1), tk15(100, 1), tk70(1)], 1, "test file"),
        ([tk01(), tk20(100, 1), tk15(100, 1), tk70(1)], 2, "outside a deposit"),
        (
            [tk01(), tk05(), tk20(100, 1), tk15(100, 1), tk05("7654321"), tk15(0, 0), tk70(1)],
            5,
            "one file books to one account",
        ),
        ([tk01(), tk05(), tk20(100, 1), tk15(100, 1, "20240231"), tk70(1)], 4, "not a date"),
        ([tk01(), tk05(), tk20(100, 1), tk15(100, 1), tk70(1), tk20(1, 2)], 6, "after the"),
        ([tk01(), tk05(), "99" + "0" * 20, tk15(0, 0), tk70(0)], 3, "unknown BgMax record"),
        ([tk01(), tk05(), tk20(100, 1) + " " * 10 + "X", tk15(100, 1), tk70(1)], 3, "81"),
    ],
)
def test_structural_faults(tmp_path: Path, records: list[str], line: int, words: str) -> None:
    caught = fault(write(tmp_path, records))
    assert caught.line == line
    assert words in caught.reason


# Identity and booking


def test_two_identical_payments_are_both_kept(tmp_path: Path) -> None:
    payment = tk20(50000, 7, "31415")
    records = [tk01(), tk05(), payment, payment, tk15(100000, 2), tk70(2)]
    path = write(tmp_path, records)
    rows = read(path).rows
    assert [row.amount for row in rows] == [Decimal("500.00")] * 2
    assert rows[0].identity != rows[1].identity
    importer = BankImporter(READER, Settings())
    entries = importer.extract(str(path), [])
    assert len(entries) == 2
    importer.deduplicate(entries, [])
    assert not any(entry.meta.get("__duplicate__") for entry in entries)
    # Re-importing the same file: both are already in the ledger.
    again = BankImporter(READER, Settings())
    repeated = again.extract(str(path), entries)
    again.deduplicate(repeated, entries)
    assert all(entry.meta.get("__duplicate__") for entry in repeated)


def test_booked_to_the_account_of_the_receiving_bankgiro(tmp_path: Path) -> None:
    settings = Settings(
        ledger_banks={
            "832790000000000": ("Tillgångar:Kassa-och-bank:Bank",),
            "9912346": ("Tillgångar:Kassa-och-bank:Bankgiro-inbetalningar",),
        }
    )
    importer = BankImporter(READER, settings)
    path = write(tmp_path, SMALL)
    assert importer.account(str(path)) == "Tillgångar:Kassa-och-bank:Bankgiro-inbetalningar"
    entries = importer.extract(str(path), [])
    assert all(isinstance(entry, data.Transaction) for entry in entries)  # no balance
    first = entries[0]
    assert first.meta["bankgiro"] == "991-2346"
    assert first.meta["insattning"] == "17"
    assert first.narration == "Bankgiro 555-0001 4711"
    assert first.postings[0].account == "Tillgångar:Kassa-och-bank:Bankgiro-inbetalningar"


def test_bankgiro_numbers_as_written() -> None:
    assert bankgiro("0009912346") == "991-2346"
    assert bankgiro("0056781234") == "5678-1234"
    assert bankgiro("0000000000") == ""

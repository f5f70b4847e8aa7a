"""The SIE 4 core: reading, checks, #KSUMMA, writing (``finsam_ledger.sie``).

The shared samples in ``shared/reference/sie`` (beside the repository) are
read as they are: two carry ``#KSUMMA`` and are the checksum's test vectors,
one has a fiscal year July–June. Every bad case is a small file written
here, in the test.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from pathlib import Path
from typing import Literal

import pytest

from finsam_ledger.sie import (
    Account,
    Balance,
    Correction,
    Problem,
    SieError,
    SieFile,
    Transaction,
    Voucher,
    check,
    read,
    transliterate,
    verify,
    write,
)
from finsam_ledger.sie.ksumma import crc, find
from finsam_ledger.sie.lexer import records

from ledgers import REPO

SIE = REPO.parent / "shared" / "reference" / "sie"
VECTORS = {"Bokslut_Norstedts_SIE_4E.se": 854227682, "Norstedts_Bokslut_SIE_4I.si": 1573150874}
SAMPLES: dict[str, tuple[int, int, Literal["E", "I"]]] = {  # vouchers, #TRANS rows, kind
    "typ4.se": (81, 287, "E"),
    "Transaktioner_per_Z-rapport.se": (10, 83, "E"),
    "Bokslut_Norstedts_SIE_4E.se": (177, 678, "E"),
    "Norstedts_Bokslut_SIE_4I.si": (2, 4, "I"),
}
shared = pytest.mark.skipif(
    not SIE.is_dir(), reason="no shared/reference/sie beside the repository"
)

# A small file that is right; each bad case changes one thing in it.
SMALL = """\
#FLAGGA 0
#PROGRAM Test 1.0
#FORMAT PC8
#GEN 20240201
#SIETYP 4
#FNAMN "Testförbundet"
#RAR 0 20240101 20241231
#KONTO 1930 Bank
#KONTO 4010 "Köpta tjänster"
#IB 0 1930 1000.00
#UB 0 1930 900.00
#RES 0 4010 100.00
#VER A 1 20240115 "Inköp"
{
\t#TRANS 4010 {} 100.00
\t#TRANS 1930 {} -100.00 20240116 "Bank"
}
"""


def sie(text: str, encoding: str = "cp437") -> bytes:
    return text.encode(encoding)


def line_of(text: str, fragment: str) -> int:
    """The line (from 1) of the only line holding the fragment."""
    lines = [number for number, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(lines) == 1, (fragment, lines)
    return lines[0]


def changed(old: str, new: str, text: str = SMALL) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def sample(name: str) -> bytes:
    return (SIE / name).read_bytes()


# The checksum


@shared
@pytest.mark.parametrize(("name", "value"), VECTORS.items())
def test_the_ksumma_vectors_verify(name: str, value: int) -> None:
    data = sample(name)
    assert verify(data)
    assert read(data).ksumma == value
    found = find(list(records(data.decode("cp437"))))
    assert found is not None and found.computed == found.declared == value


@shared
@pytest.mark.parametrize("name", VECTORS)
@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"20090701", b"20090702"),
        (b"#KONTO\t1010", b"#KONTO\t1011"),
        (b"Datakonsulterna", b"Datakonsulterne"),
    ],
)
def test_a_changed_byte_fails_the_checksum(name: str, old: bytes, new: bytes) -> None:
    data = sample(name)
    assert old in data
    bad = data.replace(old, new, 1)
    assert not verify(bad)
    closing = len(data.rstrip().splitlines())
    with pytest.raises(SieError) as raised:
        read(bad)
    assert raised.value.line == closing
    assert "#KSUMMA" in raised.value.reason
    kept = read(bad, check_ksumma=False, strict=False)
    assert any("#KSUMMA" in warning.reason for warning in kept.warnings)


@shared
def test_spacing_and_quotes_are_outside_the_checksum() -> None:
    data = sample("Norstedts_Bokslut_SIE_4I.si")
    assert verify(data.replace(b"\t", b"  ").replace(b"\n", b"\r\n"))
    assert verify(data.replace(b"#FNR\t\t0123", b'#FNR "0123"'))
    # A space inside quotes is part of the field: it counts.
    assert not verify(data.replace(b'"Datakonsulterna AB"', b'"Datakonsulterna" AB'))


def test_an_opened_checksum_never_closed_is_a_file_cut_short() -> None:
    text = changed("#FLAGGA 0\n", "#FLAGGA 0\n#KSUMMA\n")
    with pytest.raises(SieError) as raised:
        read(sie(text))
    assert raised.value.line == 2
    with pytest.raises(SieError, match="no #KSUMMA"):
        verify(sie(SMALL))


# The shared samples


@shared
@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_reads_balances_and_its_ub_follows(name: str) -> None:
    vouchers, rows, _ = SAMPLES[name]
    books = read(sample(name))  # strict: every check holds, or it raises
    assert check(books) == ()
    assert books.encoding == "cp437"
    assert len(books.vouchers) == vouchers
    assert sum(len(voucher.transactions) for voucher in books.vouchers) == rows
    for voucher in books.vouchers:
        assert sum(row.amount for row in voucher.transactions) == 0
    for (year, account), closing in books.ub.items():
        if year != 0:
            continue
        opening = books.ib[year, account].amount if (year, account) in books.ib else 0
        moved = sum(
            row.amount
            for voucher in books.vouchers
            for row in voucher.transactions
            if row.account == account
        )
        assert closing.amount == opening + moved, account


@shared
def test_typ4_balances_objects_and_previous_year() -> None:
    books = read(sample("typ4.se"))
    assert books.company == "Övningsföretaget AB"
    assert books.years[-1] == (datetime.date(2011, 1, 1), datetime.date(2011, 12, 31))
    assert books.ib[0, "1220"].amount == Decimal("420050.00")
    assert books.ub[0, "1220"].amount == Decimal("436649.17")
    assert books.ub[-1, "1220"].amount == books.ib[0, "1220"].amount
    assert books.res[0, "3010"].amount == Decimal("-156767.50")
    assert books.accounts["1010"].type == "T"
    assert {dim: d.name for dim, d in books.dimensions.items()} == {
        1: "Kostnadsställe",
        6: "Projekt",
    }
    with_objects = [row for v in books.vouchers for row in v.transactions if row.objects]
    assert with_objects and {dim for row in with_objects for dim, _ in row.objects} == {1}
    assert all((dim, item) in books.objects for row in with_objects for dim, item in row.objects)
    assert books.warnings == ()


@shared
def test_the_fiscal_year_july_to_june() -> None:
    books = read(sample("Bokslut_Norstedts_SIE_4E.se"))
    assert books.years[0] == (datetime.date(2009, 7, 1), datetime.date(2010, 6, 30))
    assert books.year_of(datetime.date(2010, 1, 10)) == 0
    assert books.year_of(datetime.date(2009, 6, 30)) == -1
    assert books.ib[0, "1930"].amount == Decimal("1254288.77")
    # The sample's own oddity: three vouchers without rows (voided), a warning each.
    empty = [f"{v.series} {v.number}" for v in books.vouchers if not v.transactions]
    assert empty == ["B 17", "D 12", "D 13"]
    assert [w.line for w in books.warnings] == [
        v.line for v in books.vouchers if not v.transactions
    ]


@shared
def test_the_cash_register_sample_crlf_tabs_and_an_empty_series() -> None:
    data = sample("Transaktioner_per_Z-rapport.se")
    assert b"\r\n" in data
    books = read(data)
    first = books.vouchers[0]
    assert (first.series, first.number, first.text) == ("", "64", " nr. 64")
    assert first.regdate == datetime.date(2021, 5, 5)
    assert first.transactions[0].text == "Kort"
    assert books.years == {} and books.ib == {}
    assert [record.label for record in books.other] == ["#VALUTA"]


@shared
@pytest.mark.parametrize("name", SAMPLES)
def test_round_trip_of_every_sample(name: str) -> None:
    kind = SAMPLES[name][2]
    books = read(sample(name))
    written = write(books, kind=kind, ksumma=True)
    assert verify(written)
    again = read(written)
    assert again == books
    assert write(again, kind=kind, ksumma=True) == written


# Bad files: one SieError, the line and a one-line reason


def raises(text: str, encoding: str = "cp437") -> SieError:
    with pytest.raises(SieError) as raised:
        read(sie(text, encoding))
    assert "\n" not in str(raised.value)
    assert "Traceback" not in str(raised.value)
    return raised.value


def test_the_small_file_is_right() -> None:
    books = read(sie(SMALL))
    assert books.warnings == ()
    voucher = books.vouchers[0]
    assert voucher.transactions[0].date == datetime.date(2024, 1, 15)  # the voucher's
    assert voucher.transactions[1] == Transaction(
        "1930", (), Decimal("-100.00"), datetime.date(2024, 1, 16), "Bank"
    )


def test_an_unbalanced_voucher() -> None:
    text = changed("-100.00", "-99.99", changed("#UB 0 1930 900.00", "#UB 0 1930 900.01"))
    error = raises(text)
    assert error.line == line_of(text, "#VER")
    assert "does not balance" in error.reason and "0.01" in error.reason
    problems = check(read(sie(text), strict=False))
    assert [problem.line for problem in problems] == [line_of(text, "#VER")]


def test_an_ub_that_does_not_follow() -> None:
    text = changed("#UB 0 1930 900.00", "#UB 0 1930 950.00")
    error = raises(text)
    assert error.line == line_of(text, "#UB")
    assert error.reason.startswith("#UB 0 1930 is 950.00")


def test_a_res_that_does_not_follow_and_all_problems_listed() -> None:
    text = changed("#RES 0 4010 100.00", "#RES 0 4010 120.00", changed("900.00", "950.00"))
    error = raises(text)
    assert error.line == line_of(text, "#UB") and "(and 1 more problem)" in error.reason
    problems = check(read(sie(text), strict=False))
    assert [problem.line for problem in problems] == [line_of(text, "#UB"), line_of(text, "#RES")]


def test_a_voucher_outside_the_fiscal_year() -> None:
    text = changed("#VER A 1 20240115", "#VER A 1 20250115")
    raises(text)
    problems = check(read(sie(text), strict=False))
    assert (
        Problem(line_of(text, "#VER"), "voucher A 1 is dated 20250115, in no fiscal year of #RAR")
        in problems
    )


def test_an_unknown_account_in_trans() -> None:
    text = changed("#TRANS 4010", "#TRANS 4011")
    error = raises(text)
    assert error.line == line_of(text, "#TRANS 4011")
    assert "4011" in error.reason and "#KONTO" in error.reason
    # Without a chart of accounts any account goes.
    no_chart = "".join(line for line in text.splitlines(True) if not line.startswith("#KONTO"))
    assert read(sie(no_chart), strict=False).vouchers[0].transactions[0].account == "4011"


@pytest.mark.parametrize(
    ("old", "new", "where", "word"),
    [
        ("#VER A 1 20240115", "#VER A 1 20240230", "#VER", "date"),
        ("20240116", "2024-01-16", "#TRANS 1930", "date"),
        ("#RAR 0 20240101", "#RAR 0 2024010", "#RAR", "date"),
        ("#TRANS 4010 {} 100.00", "#TRANS 4010 {} 100,00", "#TRANS 4010", "not a number"),
        ("#IB 0 1930 1000.00", "#IB 0 1930 tusen", "#IB", "not a number"),
        ("#TRANS 4010 {} 100.00", "#TRANS 4010 {1} 100.00", "#TRANS 4010", "pairs"),
        ("#TRANS 4010 {} 100.00", "#TRANS 4010 {1 P1 100.00", "#TRANS 4010", "closing }"),
        ('"Bank"', '"Bank', "#TRANS 1930", "closing quote"),
        ("#KONTO 1930 Bank", "#KONTO 19X0 Bank", "#KONTO 19X0", "account number"),
        ("#RES 0 4010 100.00", "#RES 0 4010", "#RES", "missing"),
        ("#IB 0 1930 1000.00", "#IB 0 1930 1000.00\n#IB 0 1930 1.00", "#IB 0 1930 1.00", "second"),
        ("#FLAGGA 0", "#FLAGGA 0\nFLAGGA 1", "FLAGGA 1", "no #label"),
        ("#FNAMN", "#FN\x01AMN", "#FN", "control character"),
    ],
)
def test_a_bad_field(old: str, new: str, where: str, word: str) -> None:
    text = changed(old, new)
    error = raises(text)
    assert error.line == line_of(text, where)
    assert word in error.reason


def test_a_file_cut_in_the_middle() -> None:
    lines = SMALL.splitlines(True)
    ver = line_of(SMALL, "#VER")
    for end in range(ver, len(lines)):  # after #VER, after {, after each row
        cut = "".join(lines[:end])
        error = raises(cut)
        assert error.line == ver
        assert "cut short" in error.reason
    # Cut inside a row: the row's line.
    inside = SMALL[: SMALL.index('"Bank"') + 3]
    assert raises(inside).line == line_of(SMALL, "#TRANS 1930")
    assert raises("").line == 0


def test_a_voucher_without_its_closing_brace() -> None:
    text = changed("}\n", "#VER A 2 20240116 Nästa\n{\n}\n")
    error = raises(text)
    assert error.line == line_of(text, "#VER A 1")
    assert "no closing }" in error.reason
    no_open = changed("{\n", "")
    assert raises(no_open).line == line_of(no_open, "#VER")
    outside = SMALL + "#TRANS 1930 {} 1.00\n"
    assert raises(outside).line == len(outside.splitlines())


# Reading what the specification allows, and what circulates


def test_tabs_crlf_blank_lines_quotes_and_a_dos_end_mark() -> None:
    text = SMALL.replace(" ", "\t ").replace("\n", "\r\n\r\n") + "\x1a"
    text = text.replace('"Köpta\t tjänster"', '"Köpta tjänster"')
    books = read(sie(text))
    assert books.accounts["4010"].name == "Köpta tjänster"
    assert books == read(sie(SMALL))
    quoted = changed('"Inköp"', r'"Sa \"hej\" C:\temp\\"')
    assert read(sie(quoted)).vouchers[0].text == 'Sa "hej" C:\\temp\\'


def test_unknown_records_are_kept_with_a_warning() -> None:
    text = changed("#SIETYP 4\n", '#SIETYP 4\n#PROSA "En kommentar"\n#NYPOST 1 {2 x} "y z"\n')
    books = read(sie(text))
    assert [(r.label, r.fields) for r in books.other] == [
        ("#PROSA", ("En kommentar",)),
        ("#NYPOST", ("1", ("2", "x"), "y z")),
    ]
    assert [w.line for w in books.warnings] == [line_of(text, "#NYPOST")]
    assert read(write(books)).other == books.other


def test_corrections_are_kept_apart_and_not_booked_twice() -> None:
    text = changed(
        '\t#TRANS 1930 {} -100.00 20240116 "Bank"\n',
        "\t#BTRANS 1930 {} -90.00 20240116\n"
        "\t#RTRANS 1930 {} -100.00 20240116\n"
        "\t#TRANS 1930 {} -100.00 20240116\n",
    )
    books = read(sie(text))
    voucher = books.vouchers[0]
    assert [row.amount for row in voucher.transactions] == [Decimal(100), Decimal(-100)]
    assert [(c.kind, c.transaction.amount, c.position) for c in voucher.corrections] == [
        ("BTRANS", Decimal(-90), 1),
        ("RTRANS", Decimal(-100), 1),
    ]
    written = write(books).decode("cp437").splitlines()
    rows = [line.split()[0] for line in written if line.startswith("\t")]
    assert rows == ["#TRANS", "#BTRANS", "#RTRANS", "#TRANS"]
    assert read(write(books)) == books
    alone = changed("\t#TRANS 1930 {} -100.00 20240116\n", "", text)
    warned = read(sie(alone), strict=False)
    assert [w.line for w in warned.warnings] == [line_of(alone, "#RTRANS")]
    assert check(warned)  # the added row is not booked: the voucher does not balance


def test_a_trans_without_object_list_is_read_with_a_warning() -> None:
    text = changed("#TRANS 4010 {} 100.00", "#TRANS 4010 100.00")
    books = read(sie(text))
    assert books.vouchers[0].transactions[0].amount == Decimal(100)
    assert [w.line for w in books.warnings] == [line_of(text, "#TRANS 4010")]


# Encoding detection


@pytest.mark.parametrize(
    ("encoding", "name"), [("utf-8", "UTF-8"), ("iso8859-15", "ISO8859-15"), ("utf-8-sig", "UTF-8")]
)
def test_a_file_in_another_encoding_is_read_with_a_warning(encoding: str, name: str) -> None:
    text = changed('"Inköp"', '"Inköp å ä ö Å Ä Ö €"')
    books = read(sie(text, encoding))
    assert books.company == "Testförbundet"
    assert books.vouchers[0].text == "Inköp å ä ö Å Ä Ö €"
    assert books.encoding == ("utf-8" if encoding == "utf-8-sig" else encoding)
    assert [w.line for w in books.warnings] == [line_of(text, "#FORMAT")]
    assert name in books.warnings[0].reason
    assert books.accounts == read(sie(SMALL)).accounts


def test_cp437_and_ascii_files_are_read_as_declared() -> None:
    assert read(sie(SMALL)).encoding == "cp437"
    assert read(sie(SMALL)).warnings == ()
    ascii_only = SMALL.replace("ö", "o").replace("ä", "a")
    assert read(sie(ascii_only)).encoding == "cp437"
    # CP437's own letters in 0x80-0x9F never pass for ISO-8859-15 or UTF-8.
    assert read(sie(changed('"Inköp"', '"ÅÄÖåäöéÉüÜ"'))).vouchers[0].text == "ÅÄÖåäöéÉüÜ"


# Writing


def test_transliteration() -> None:
    assert transliterate("åäö ÅÄÖ é ü æ ß £ ½") == "åäö ÅÄÖ é ü æ ß £ ½"
    assert transliterate("Hyra – jan—feb ‘22 “A” …") == 'Hyra - jan-feb \'22 "A" ...'
    assert transliterate("5 €") == "5 EUR"
    assert (
        transliterate("Łódź, Ørsted, naïve, Škoda") == "Lódz, Orsted, naïve, Skoda"
    )  # ó is in CP437
    assert transliterate("a\u00a0b\tc\nd\u2009e") == "a b c d e"
    assert transliterate("soft\u00adhyphen zero\u200bwidth") == "softhyphen zerowidth"
    assert transliterate("snö ☃ 漢") == "snö ? ?"
    for text in ("–", "€", "…", "“", "☃", "\u00a0"):
        transliterate(text).encode("cp437")


def a_file(**texts: str) -> SieFile:
    day = datetime.date(2024, 3, 1)
    rows = (
        Transaction("4010", ((1, "K 1"),), Decimal("1234.5"), day, texts.get("row", "")),
        Transaction("1930", (), Decimal("-1234.50"), day),
    )
    return SieFile(
        company=texts.get("company", "Testförbundet"),
        orgnr="222222-2222",
        program=("finsam-ledger", "0.1.0"),
        gen=datetime.date(2024, 4, 1),
        years={0: (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))},
        accounts={"1930": Account("Bank"), "4010": Account("Köpta tjänster", "K")},
        ib={(0, "1930"): Balance(Decimal(1000))},
        ub={(0, "1930"): Balance(Decimal("-234.50"))},
        res={(0, "4010"): Balance(Decimal("1234.50"))},
        vouchers=(Voucher("", "1", day, texts.get("voucher", ""), transactions=rows),),
    )


def test_the_written_text() -> None:
    written = write(a_file(voucher="Faktura – “mars”", row="Konsult")).decode("cp437")
    lines = written.split("\r\n")
    assert lines[:6] == [
        "#FLAGGA 0",
        "#PROGRAM finsam-ledger 0.1.0",
        "#FORMAT PC8",
        "#GEN 20240401",
        "#SIETYP 4",
        "#ORGNR 222222-2222",
    ]
    assert '#FNAMN "Testförbundet"' not in written and "#FNAMN Testförbundet" in written
    assert "#RAR 0 20240101 20241231" in lines
    assert '#KONTO 4010 "Köpta tjänster"' in lines and "#KONTO 1930 Bank" in lines
    assert "#IB 0 1930 1000.00" in lines
    assert '#VER "" 1 20240301 "Faktura - \\"mars\\""' in lines
    assert '\t#TRANS 4010 {1 "K 1"} 1234.50 20240301 Konsult' in lines
    assert "\t#TRANS 1930 {} -1234.50 20240301" in lines
    assert written.endswith("}\r\n")


def test_a_4i_file_has_no_balances_and_a_checksum_when_asked() -> None:
    written = write(a_file(), kind="I", ksumma=True)
    text = written.decode("cp437").splitlines()
    assert text[:2] == ["#FLAGGA 0", "#KSUMMA"]
    assert text[-1].startswith("#KSUMMA ") and verify(written)
    assert int(text[-1].split()[1]) == crc(list(records(written.decode("cp437")))[2:-1])
    assert not any(line.startswith(("#IB", "#UB", "#RES")) for line in text)
    assert read(written).vouchers == a_file().vouchers


def test_texts_are_transliterated_and_cut() -> None:
    long = "Ö" + "x" * 120 + " – slut"
    books = read(write(a_file(voucher=long, row="5 € … ok", company="A – B")))
    assert books.vouchers[0].text == long[:100]
    assert books.vouchers[0].transactions[0].text == "5 EUR ... ok"
    assert books.company == "A - B"
    short = read(write(a_file(voucher="abc  def"), text_limit=4))
    assert short.vouchers[0].text == "abc"  # cut, and the space left at the end dropped


def test_quotes_and_backslashes_round_trip() -> None:
    for text in ('Sa "hej"', "C:\\temp", "slut\\", 'a\\"b', "\\\\", "{x}", " inledande"):
        assert read(write(a_file(voucher=text))).vouchers[0].text == text, text


def test_amounts_with_more_than_two_decimals_are_refused() -> None:
    books = a_file()
    voucher = books.vouchers[0]
    odd = (Transaction("4010", (), Decimal("0.005"), voucher.date),)
    broken = SieFile(vouchers=(Voucher("A", "1", voucher.date, transactions=odd),))
    with pytest.raises(ValueError, match="two decimals"):
        write(broken)
    negative_zero = (Transaction("4010", (), Decimal("-0.00"), voucher.date),)
    zero = SieFile(vouchers=(Voucher("A", "1", voucher.date, transactions=negative_zero),))
    assert "\t#TRANS 4010 {} 0.00 " in write(zero).decode("cp437")


def test_round_trip_of_what_the_writer_can_say() -> None:
    books = a_file()
    rows = books.vouchers[0].transactions
    day, registered = datetime.date(2024, 5, 2), datetime.date(2024, 5, 3)
    removed = Correction("BTRANS", rows[1], 2)
    voucher = Voucher("B", "7", day, "Rättelse", registered, "sign", rows, (removed,))
    books = dataclasses.replace(books, vouchers=(voucher,))
    assert read(write(books)) == books


def test_line_numbers_take_no_part_in_equality() -> None:
    assert read(sie(SMALL)) == read(sie("\n\n" + SMALL))


@shared
def test_written_files_are_cp437(tmp_path: Path) -> None:
    books = read(sample("typ4.se"))
    path = tmp_path / "typ4.se"
    path.write_bytes(write(books))
    assert path.read_bytes().decode("cp437").count("#VER") == 81

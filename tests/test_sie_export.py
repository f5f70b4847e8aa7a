"""``finsam sie export``: the books of a year as SIE 4E or 4I (``finsam_ledger.exports.sie``).

A small ledger written here (two years, an ingående balans, an insats, an
administration cost, numbered vouchers) is exported and its records are
asserted exactly; the file is read back with the project's reader, its
``#KSUMMA`` verified and its balances checked. The example ledger's 2021 is
exported too, and its ``#RES`` make the published årets resultat.
"""

from __future__ import annotations

import datetime
import json
import stat
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from beancount.core import data as bean

from finsam_ledger import __version__, sie
from finsam_ledger.cli import main
from finsam_ledger.exports.sie import ExportErrors, NothingToExport, export, render
from finsam_ledger.model.books import Books

from inline import ledger_doc, load, write_ledger
from ledgers import REFERENCE, SHARED_REFERENCE

GEN = datetime.date(2022, 2, 1)

SMALL = """
2020-01-01 custom "organisation" "orgnr" "222000-0000"
2020-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
  konto: "1930"
2020-01-01 open Skulder:Kortfristiga:Leverantörsskulder SEK
  konto: "2440"
2020-01-01 open Eget-kapital:Ingående-balanser SEK
  konto: "2010"
2020-01-01 open Intäkter:Medlemsbidrag:Staten SEK
  part: "staten"
  konto: "3511"
2020-01-01 open Kostnader:Insatser:Arbetsträning SEK
  klass: "individinriktad"
  konto: "4611"
2020-01-01 open Kostnader:Administration:Kansli SEK
  konto: "5010"

2020-01-01 * "Ingående balans"
  Tillgångar:Kassa-och-bank:Bank  100000.00 SEK
  Eget-kapital:Ingående-balanser

2020-03-02 * "Försäkringskassan" "Medlemsbidrag 2020"
  ver: "A 1"
  Tillgångar:Kassa-och-bank:Bank  40000.00 SEK
  Intäkter:Medlemsbidrag:Staten

2020-06-01 * "Kansli"
  ver: "A 2"
  Kostnader:Administration:Kansli  15000.00 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-03-01 * "Försäkringskassan" "Medlemsbidrag 2021"
  ver: "A 1"
  Tillgångar:Kassa-och-bank:Bank  60000.00 SEK
  Intäkter:Medlemsbidrag:Staten

2021-05-03 * "Arbetsmarknadsenheten" "Arbetsträning jan–jun"
  ver: "A 2"
  Kostnader:Insatser:Arbetsträning  45000.50 SEK
  Skulder:Kortfristiga:Leverantörsskulder

2021-06-01 * "Leverantörsbetalning"
  ver: "A 3"
  Skulder:Kortfristiga:Leverantörsskulder  45000.50 SEK
  Tillgångar:Kassa-och-bank:Bank
"""

# 2020: result 40 000 - 15 000 = 25 000, carried into eget kapital's #IB of 2021.
# 2021: result 60 000 - 45 000.50 = 14 999.50, left out of the #UB (beräknat resultat).
EXPECTED_2021 = f"""\
#FLAGGA 0
#KSUMMA
#PROGRAM finsam-ledger {__version__}
#FORMAT PC8
#GEN 20220201
#SIETYP 4
#ORGNR 222000-0000
#FNAMN Testförbundet
#RAR 0 20210101 20211231
#RAR -1 20200101 20201231
#DIM 6 Projekt
#DIM 20 Finsamklass
#DIM 21 Finsampart
#OBJEKT 6 4611 Arbetsträning
#OBJEKT 20 individinriktad "Individinriktad insats"
#OBJEKT 20 administration Administration
#OBJEKT 21 staten Staten
#KONTO 1930 Kassa-och-bank:Bank
#KTYP 1930 T
#KONTO 2010 Ingående-balanser
#KTYP 2010 S
#KONTO 2440 Kortfristiga:Leverantörsskulder
#KTYP 2440 S
#KONTO 3511 Medlemsbidrag:Staten
#KTYP 3511 I
#KONTO 4611 Insatser:Arbetsträning
#KTYP 4611 K
#KONTO 5010 Administration:Kansli
#KTYP 5010 K
#IB 0 1930 125000.00
#IB 0 2010 -125000.00
#IB -1 1930 100000.00
#IB -1 2010 -100000.00
#UB 0 1930 139999.50
#UB 0 2010 -125000.00
#UB -1 1930 125000.00
#UB -1 2010 -100000.00
#RES 0 3511 -60000.00
#RES 0 4611 45000.50
#RES -1 3511 -40000.00
#RES -1 5010 15000.00
#VER A 1 20210301 "Försäkringskassan: Medlemsbidrag 2021"
{{
\t#TRANS 1930 {{}} 60000.00 20210301
\t#TRANS 3511 {{21 staten}} -60000.00 20210301
}}
#VER A 2 20210503 "Arbetsmarknadsenheten: Arbetsträning jan-jun"
{{
\t#TRANS 4611 {{6 4611 20 individinriktad}} 45000.50 20210503
\t#TRANS 2440 {{}} -45000.50 20210503
}}
#VER A 3 20210601 Leverantörsbetalning
{{
\t#TRANS 2440 {{}} 45000.50 20210601
\t#TRANS 1930 {{}} -45000.50 20210601
}}
"""


NOT_CLOSED = (
    "the books reach only to 2021-06-01: the year 2021 is not closed, its #UB are the "
    "balances on that day"
)


def _text(data: bytes) -> str:
    return data.decode("cp437").replace("\r\n", "\n")


def _line_of(path: Path, fragment: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    [found] = [number for number, line in enumerate(lines, start=1) if fragment in line]
    return found


@ledger_doc(base=SMALL)
def test_the_records_of_a_year(books: Books) -> None:
    """
    ; the small ledger as it is
    """
    data, notes = render(books, 2021, gen=GEN)
    assert notes == (NOT_CLOSED,)
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    *records, last = _text(data).splitlines()
    assert "\n".join(records) + "\n" == EXPECTED_2021
    assert last.startswith("#KSUMMA ") and last.removeprefix("#KSUMMA ").isdigit()
    assert sie.verify(data)


@ledger_doc(base=SMALL)
def test_the_file_reads_back_and_adds_up(books: Books) -> None:
    """
    ; the small ledger as it is
    """
    data, _ = render(books, 2021, gen=GEN)
    read = sie.read(data)  # strict: the checks of finsam_ledger.sie.check hold
    assert read.warnings == ()
    assert sie.check(read) == ()
    assert read.ksumma is not None
    assert (read.company, read.orgnr, read.sietyp, read.gen) == (
        "Testförbundet",
        "222000-0000",
        4,
        GEN,
    )
    assert read == export(books, 2021, gen=GEN).sie
    # #UB = #IB + the year's transactions, for every balance account
    moved: dict[str, Decimal] = defaultdict(Decimal)
    for voucher in read.vouchers:
        for row in voucher.transactions:
            moved[row.account] += row.amount
    for number, account in read.accounts.items():
        if account.type in ("T", "S"):
            opening = read.ib.get((0, number), sie.Balance(Decimal(0))).amount
            closing = read.ub.get((0, number), sie.Balance(Decimal(0))).amount
            assert closing == opening + moved[number], number
        else:
            assert read.res.get((0, number), sie.Balance(Decimal(0))).amount == moved[number]
    # the #IB of a year balance; the #UB leave out the year's own result, in #RES
    for year in (0, -1):
        ib = sum((b.amount for (y, _), b in read.ib.items() if y == year), Decimal(0))
        ub = sum((b.amount for (y, _), b in read.ub.items() if y == year), Decimal(0))
        res = sum((b.amount for (y, _), b in read.res.items() if y == year), Decimal(0))
        assert ib == 0
        assert ub + res == 0
    assert [(v.series, v.number, v.date) for v in read.vouchers] == [
        ("A", "1", datetime.date(2021, 3, 1)),
        ("A", "2", datetime.date(2021, 5, 3)),
        ("A", "3", datetime.date(2021, 6, 1)),
    ]


@ledger_doc(base=SMALL)
def test_texts_are_cp437_with_typographic_signs_made_plain(books: Books) -> None:
    """
    2021-12-30 * "Café Ölstugan" "Styrelsemöte – fika “för alla” … 12 €"
      ver: "A 4"
      Kostnader:Administration:Kansli  250.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    data, _ = render(books, 2021, gen=GEN)
    assert "Arbetsträning jan-jun".encode("cp437") in data
    assert b"Arbetstr\x84ning jan-jun" in data  # ä is 0x84 in CP437
    voucher = sie.read(data).vouchers[-1]
    assert voucher.text == 'Café Ölstugan: Styrelsemöte - fika "för alla" ... 12 EUR'


@pytest.mark.parametrize("text", ["ord " * 60])
@ledger_doc(base=SMALL)
def test_a_long_text_is_cut_to_the_limit(books: Books, text: str) -> None:
    """
    2021-12-30 * "Leverantören" "$text"
      ver: "A 4"
      Kostnader:Administration:Kansli  250.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    voucher = sie.read(render(books, 2021, gen=GEN)[0]).vouchers[-1]
    assert len(voucher.text) == sie.TEXT_LIMIT
    assert voucher.text == ("Leverantören: " + text)[: sie.TEXT_LIMIT]


@ledger_doc(base=SMALL)
def test_4i_has_vouchers_only(books: Books) -> None:
    """
    ; the small ledger as it is
    """
    data, _ = render(books, 2021, kind="I", gen=GEN)
    text = _text(data)
    for label in ("#IB", "#UB", "#RES", "#RAR -1"):
        assert f"\n{label} " not in text
    assert "\n#RAR 0 20210101 20211231\n" in text
    read = sie.read(data)
    assert sie.verify(data)
    assert (read.ib, read.ub, read.res) == ({}, {}, {})
    assert [v.number for v in read.vouchers] == ["1", "2", "3"]
    assert read.vouchers == export(books, 2021, gen=GEN).sie.vouchers


@ledger_doc(base=SMALL)
def test_the_first_year_has_no_previous_year(books: Books) -> None:
    """
    ; the small ledger as it is
    """
    read = sie.read(render(books, 2020, gen=GEN)[0])
    assert list(read.years) == [0]
    assert {key: b.amount for key, b in read.ib.items()} == {
        (0, "1930"): Decimal("100000.00"),
        (0, "2010"): Decimal("-100000.00"),
    }
    assert [v.text for v in read.vouchers] == [
        "Försäkringskassan: Medlemsbidrag 2020",
        "Kansli",
    ]
    kansli = read.vouchers[1].transactions[0]
    assert (kansli.account, kansli.objects) == ("5010", ((20, "administration"),))


@ledger_doc(base=SMALL)
def test_a_year_without_transactions_is_refused(books: Books) -> None:
    """
    ; the small ledger as it is
    """
    with pytest.raises(NothingToExport, match="no transactions in 2019"):
        export(books, 2019)


@ledger_doc(base=SMALL)
def test_the_name_from_the_organisation_directive(books: Books) -> None:
    """
    2021-01-01 custom "organisation" "namn" "Samordningsförbundet Exempelbygden"
    """
    assert export(books, 2021).sie.company == "Samordningsförbundet Exempelbygden"
    assert export(books, 2020).sie.company == "Testförbundet"


@ledger_doc(expect_errors=True)
def test_a_wrong_organisation_number_is_an_error_at_its_line(errors: list[Any], path: Path) -> None:
    """
    2020-01-01 custom "organisation" "orgnr" "222000-0001"
    2020-01-01 custom "organisation" "telefon" "000"
    """
    messages = sorted((e.source["lineno"], e.message) for e in errors)
    assert messages == [
        (
            _line_of(path, "222000-0001"),
            "direktiv: custom \"organisation\": orgnr '222000-0001' is not an "
            "organisationsnummer: ten digits with a hyphen after the sixth and a right check "
            'digit; write e.g. 2020-01-01 custom "organisation" "orgnr" "222000-0000"',
        ),
        (
            _line_of(path, "telefon"),
            "direktiv: custom \"organisation\": key 'telefon' is not one of orgnr, namn; "
            'write e.g. 2020-01-01 custom "organisation" "orgnr" "222000-0000"',
        ),
    ]


def _errors(books: Books, year: int = 2021) -> list[tuple[int, str]]:
    with pytest.raises(ExportErrors) as raised:
        export(books, year)
    return [(int((e.source or {})["lineno"]), e.message) for e in raised.value.errors]


@ledger_doc()
def test_an_account_with_postings_but_no_konto_is_an_error_at_its_open_line(
    books: Books, path: Path
) -> None:
    """
    2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
      konto: "1930"
    2021-01-01 open Intäkter:Medlemsbidrag:Staten SEK
      part: "staten"
    2021-01-01 open Kostnader:Insatser:Oanvänd SEK
      klass: "individinriktad"
    2021-03-01 * "Försäkringskassan" "Medlemsbidrag"
      ver: "A 1"
      Tillgångar:Kassa-och-bank:Bank  60000.00 SEK
      Intäkter:Medlemsbidrag:Staten
    """
    # Kostnader:Insatser:Oanvänd has no konto either, but nothing on it: left out.
    assert _errors(books) == [
        (
            _line_of(path, "open Intäkter:Medlemsbidrag:Staten"),
            "sie: Intäkter:Medlemsbidrag:Staten has amounts in the SIE file but no konto; "
            'add konto: "NNNN" (its Kommun-Bas/BAS number) to its open line',
        )
    ]


@ledger_doc()
def test_two_accounts_with_one_number_are_an_error(books: Books, path: Path) -> None:
    """
    2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
      konto: "1930"
    2021-01-01 open Tillgångar:Kassa-och-bank:Plusgiro SEK
      konto: "1930"
    2021-01-01 open Intäkter:Medlemsbidrag:Staten SEK
      part: "staten"
      konto: "3511"
    2021-03-01 * "Försäkringskassan" "Medlemsbidrag"
      ver: "A 1"
      Tillgångar:Kassa-och-bank:Bank  60000.00 SEK
      Intäkter:Medlemsbidrag:Staten
    """
    assert _errors(books) == [
        (
            _line_of(path, "open Tillgångar:Kassa-och-bank:Plusgiro"),
            "sie: Tillgångar:Kassa-och-bank:Plusgiro: konto 1930 is also the number of "
            "Tillgångar:Kassa-och-bank:Bank; in SIE a number names one account, so give "
            "each its own",
        )
    ]


UNNUMBERED = """
2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
  konto: "1930"
2021-01-01 open Intäkter:Medlemsbidrag:Staten SEK
  part: "staten"
  konto: "3511"
2021-12-31 * "Försäkringskassan" "Andra"
  Tillgångar:Kassa-och-bank:Bank  2.00 SEK
  Intäkter:Medlemsbidrag:Staten
2021-03-01 * "Försäkringskassan" "Första"
  Tillgångar:Kassa-och-bank:Bank  1.00 SEK
  Intäkter:Medlemsbidrag:Staten
"""


@ledger_doc(base=UNNUMBERED)
def test_a_year_without_voucher_numbers_is_numbered_in_the_file(books: Books) -> None:
    """
    2021-12-31 * "Försäkringskassan" "Tredje"
      Tillgångar:Kassa-och-bank:Bank  3.00 SEK
      Intäkter:Medlemsbidrag:Staten
    """
    made = export(books, 2021)
    assert [(v.series, v.number, v.text) for v in made.sie.vouchers] == [
        ("A", "1", "Försäkringskassan: Första"),
        ("A", "2", "Försäkringskassan: Andra"),
        ("A", "3", "Försäkringskassan: Tredje"),
    ]
    assert made.notes == (
        "the transactions of 2021 have no voucher numbers (ver): numbered A 1-A 3 in date "
        "order in this file only; for numbers that stay, number the ledger: finsam "
        "verifikationer numrera LEDGER --year 2021",
    )


@ledger_doc(base=UNNUMBERED)
def test_a_year_partly_numbered_is_an_error_at_each_unnumbered_transaction(
    books: Books, path: Path
) -> None:
    """
    2021-07-01 * "Försäkringskassan" "Numrerad"
      ver: "A 1"
      Tillgångar:Kassa-och-bank:Bank  3.00 SEK
      Intäkter:Medlemsbidrag:Staten
    """
    message = (
        "sie: the transaction has no voucher number, while others of 2021 have; add "
        'ver: "A N", or give the unnumbered ones the next numbers: finsam verifikationer '
        "numrera LEDGER --year 2021"
    )
    assert _errors(books) == [
        (_line_of(path, '"Andra"'), message),
        (_line_of(path, '"Första"'), message),
    ]


@ledger_doc(
    base=UNNUMBERED.replace('"Andra"', '"Andra"\n  ver: "A 1"').replace(
        '"Första"', '"Första"\n  ver: "A 1"'
    )
)
def test_a_voucher_number_twice_is_an_error(books: Books, path: Path) -> None:
    """
    ; two transactions numbered A 1
    """
    # the later in date order is the second
    first = _line_of(path, '"Första"')
    assert _errors(books) == [
        (
            _line_of(path, '"Andra"'),
            f"sie: voucher number A 1 is also the number of the transaction at line {first} "
            f"of {path}; a number names one voucher, give this one the next free number",
        )
    ]


@ledger_doc(base=SMALL)
def test_a_pad_in_a_numbered_year_is_an_error_at_its_line(books: Books, path: Path) -> None:
    """
    2021-06-10 pad Tillgångar:Kassa-och-bank:Bank Skulder:Kortfristiga:Leverantörsskulder
    2021-06-20 balance Tillgångar:Kassa-och-bank:Bank  140000.00 SEK
    """
    assert _errors(books) == [
        (
            _line_of(path, "2021-06-10 pad"),
            "sie: Beancount made a transaction here (flag P), which has no voucher number, "
            "while the transactions of 2021 have; SIE needs one for every transaction, so "
            "book the amount in a transaction of your own, with its ver",
        )
    ]


@ledger_doc()
def test_earlier_results_need_an_eget_kapital_account(books: Books) -> None:
    """
    option "account_previous_earnings" "Balanserat-resultat"
    2020-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
      konto: "1930"
    2020-01-01 open Intäkter:Medlemsbidrag:Staten SEK
      part: "staten"
      konto: "3511"
    2020-03-01 * "Försäkringskassan" "Medlemsbidrag"
      ver: "A 1"
      Tillgångar:Kassa-och-bank:Bank  100.00 SEK
      Intäkter:Medlemsbidrag:Staten
    2021-03-01 * "Försäkringskassan" "Medlemsbidrag"
      ver: "A 1"
      Tillgångar:Kassa-och-bank:Bank  100.00 SEK
      Intäkter:Medlemsbidrag:Staten
    """
    assert export(books, 2020).sie.ib == {}  # nothing before 2020
    assert _errors(books) == [
        (
            1,
            "sie: the result of the years before 2021 (100.00 kr) belongs to eget kapital in "
            "the #IB of 2021, but the ledger opens neither Eget-kapital:Balanserat-resultat "
            "nor Eget-kapital:Ingående-balanser; open one of them with its konto",
        )
    ]
    # the 4I file has no balances, so it needs no such account
    assert len(export(books, 2021, kind="I").sie.vouchers) == 1


@ledger_doc(base=SMALL)
def test_earlier_results_go_to_balanserat_resultat_when_opened(books: Books) -> None:
    """
    option "account_previous_earnings" "Balanserat-resultat"
    2020-01-01 open Eget-kapital:Balanserat-resultat SEK
      konto: "2091"
    """
    read = sie.read(render(books, 2021, gen=GEN)[0])
    assert {key: b.amount for key, b in read.ib.items() if key[0] == 0} == {
        (0, "1930"): Decimal("125000.00"),
        (0, "2010"): Decimal("-100000.00"),
        (0, "2091"): Decimal("-25000.00"),
    }


@ledger_doc(base=SMALL)
def test_more_than_two_decimals_is_an_error_at_the_transaction(books: Books, path: Path) -> None:
    """
    2021-12-30 * "Banken" "Avgift"
      ver: "A 4"
      Kostnader:Administration:Kansli  1.005 SEK
      Tillgångar:Kassa-och-bank:Bank  -1.005 SEK
    """
    line = _line_of(path, '"Avgift"')
    assert _errors(books) == [
        (
            line,
            "sie: Kostnader:Administration:Kansli: the amount 1.005 has more than two "
            "decimals; SIE counts in öre, so round it to öre",
        ),
        (
            line,
            "sie: Tillgångar:Kassa-och-bank:Bank: the amount -1.005 has more than two "
            "decimals; SIE counts in öre, so round it to öre",
        ),
    ]


# --- the command ------------------------------------------------------------------


def _refused(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """Run a command that must be refused: exit 2 and one line of error."""
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("finsam: error: ")
    return captured.err.removeprefix("finsam: error: ").rstrip("\n")


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return write_ledger(tmp_path, SMALL)


def test_the_command_writes_the_file(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bokforing-2021.se"
    assert main(["sie", "export", str(small), "--year", "2021", "-o", str(out)]) == 0
    assert capsys.readouterr().err == f"finsam sie: note: {NOT_CLOSED}\n"
    data = out.read_bytes()
    assert sie.verify(data)
    books, errors = load(small)
    assert books is not None, errors
    expected = export(books, 2021).sie
    assert sie.read(data) == expected
    # again, as 4I over the same file
    assert main(["sie", "export", str(small), "--year", "2021", "-o", str(out), "--typ", "4I"]) == 0
    assert sie.read(out.read_bytes()).ub == {}


def test_the_command_refuses_a_ledger_file_and_a_read_only_file(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    included = tmp_path / "konton.se"
    included.write_text(
        'option "name_assets" "Tillgångar"\n2020-01-01 open Tillgångar:Kassa-och-bank:Kassa SEK\n'
        '  konto: "1910"\n',
        encoding="utf-8",
    )
    with small.open("a", encoding="utf-8") as handle:
        handle.write('include "konton.se"\n')
    before = {path: path.read_bytes() for path in (small, included)}
    for target in (small, included):
        reason = _refused(
            capsys, ["sie", "export", str(small), "--year", "2021", "-o", str(target)]
        )
        assert str(target) in reason and "nothing written" in reason
    read_only = tmp_path / "gammal.se"
    read_only.write_bytes(b"#FLAGGA 0\r\n")
    read_only.chmod(stat.S_IRUSR | stat.S_IRGRP)
    reason = _refused(capsys, ["sie", "export", str(small), "--year", "2021", "-o", str(read_only)])
    assert reason == f"-o {read_only}: the file is read-only; nothing written"
    assert read_only.read_bytes() == b"#FLAGGA 0\r\n"
    other = tmp_path / "anteckningar.txt"
    other.write_text("mina anteckningar\n", encoding="utf-8")
    reason = _refused(capsys, ["sie", "export", str(small), "--year", "2021", "-o", str(other)])
    assert "is not a sie file" in reason
    assert other.read_text(encoding="utf-8") == "mina anteckningar\n"
    assert {path: path.read_bytes() for path in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "anteckningar.txt",
        "gammal.se",
        "konton.se",
        "main.beancount",
    ]


def test_the_command_reports_export_errors_at_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_ledger(
        tmp_path,
        """
2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
2021-01-01 open Intäkter:Medlemsbidrag:Staten SEK
  part: "staten"
  konto: "3511"
2021-03-01 * "Försäkringskassan" "Medlemsbidrag"
  ver: "A 1"
  Tillgångar:Kassa-och-bank:Bank  60000.00 SEK
  Intäkter:Medlemsbidrag:Staten
""",
    )
    out = tmp_path / "ut.se"
    assert main(["sie", "export", str(path), "--year", "2021", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    line = _line_of(path, "open Tillgångar:Kassa-och-bank:Bank")
    assert f"{path}:{line}: sie: Tillgångar:Kassa-och-bank:Bank has amounts" in err
    assert err.rstrip("\n").endswith("nothing written")
    assert not out.exists()


def test_the_command_refuses_a_year_without_transactions(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ut.se"
    reason = _refused(capsys, ["sie", "export", str(small), "--year", "2019", "-o", str(out)])
    assert reason == f"{small}: the books have no transactions in 2019; nothing written"
    assert not out.exists()


def test_import_of_a_missing_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "saknas.se"
    reason = _refused(capsys, ["sie", "import", str(missing), "-o", str(tmp_path / "ny")])
    assert reason == f"{missing}: no such file"
    assert not (tmp_path / "ny").exists()


# --- the example ------------------------------------------------------------------


def test_the_example_2021(example: Books) -> None:
    """The example's 2021 as SIE: it checks, and its #RES make the published årets resultat."""
    data, _ = render(example, 2021, gen=GEN)
    assert sie.verify(data)
    read = sie.read(data)
    assert sie.check(read) == ()
    reference = SHARED_REFERENCE if SHARED_REFERENCE.is_file() else REFERENCE
    tables = json.loads(reference.read_text(encoding="utf-8"))["tables"]
    published = {row["label"]: row["values"] for row in tables["resultatrakning"]["rows"]}
    balance = {row["label"]: row["values"] for row in tables["balansrakning"]["rows"]}
    for year, column in ((0, 1), (-1, 2)):
        result = -sum((b.amount for (y, _), b in read.res.items() if y == year), Decimal(0))
        assert round(result) == published["Årets resultat"][column]
    assert read.ub[0, "1930"].amount == balance["Kassa och bank"][0]
    assert read.ub[-1, "1930"].amount == balance["Kassa och bank"][1]
    # eget kapital at the start of 2021: the balance brought forward, as published
    assert round(-read.ib[0, "2010"].amount) == balance["Balanserat från föregående år"][0]
    # every transaction of 2021 but none of the ingående balans is a voucher
    assert len(read.vouchers) == len(
        [e for e in example.entries if isinstance(e, bean.Transaction) and e.date.year == 2021]
    )

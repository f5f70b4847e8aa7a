"""``finsam sie import``: a SIE 4 file to a new ledger (``finsam_ledger.importers.sie``).

The shared samples in ``shared/reference/sie`` (beside the repository) are
read where they are: each imports, and every account's closing balance in
the written ledger is the file's ``#UB`` (``#RES`` for result accounts);
the two with a fiscal year July–June are refused. ``SMALL`` below is a
file written for these tests (a training förbund, no real data): its ledger
is asserted text for text, and each bad case is a small change to it.
"""

from __future__ import annotations

import errno
import os
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data

from finsam_ledger import safe_files
from finsam_ledger.importers import sie as sie_import
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.importers.sie import (
    default_parent,
    importera,
    leaf,
    ledger_texts,
    parse_mapping,
)
from finsam_ledger.safe_files import Refused
from finsam_ledger.sie import Account, SieError, SieFile, read

from ledgers import REPO

SIE = REPO.parent / "shared" / "reference" / "sie"
shared = pytest.mark.skipif(
    not SIE.is_dir(), reason="no shared/reference/sie beside the repository"
)
CALENDAR_YEAR = ("typ4.se", "Transaktioner_per_Z-rapport.se")
JULY_TO_JUNE = ("Bokslut_Norstedts_SIE_4E.se", "Norstedts_Bokslut_SIE_4I.si")

SMALL = """\
#FLAGGA 0
#PROGRAM "Testprogram" 1.0
#FORMAT PC8
#GEN 20250115
#SIETYP 4
#FNAMN "Samordningsförbundet Test"
#ORGNR 000000-0000
#RAR 0 20240101 20241231
#RAR -1 20230101 20231231
#DIM 1 Kostnadsställe
#DIM 6 Projekt
#OBJEKT 1 K1 "Kansliet"
#OBJEKT 6 P1 "Arbetsträning"
#KONTO 1510 "Kundfordringar"
#KONTO 1930 "Bank"
#KONTO 2010 "Eget kapital"
#KONTO 2440 "Leverantörsskulder"
#KONTO 3511 "Medlemsbidrag Försäkringskassan"
#KONTO 4610 "Köp av huvudverksamhet"
#KONTO 6570 "Bankkostnader"
#KONTO 8410 "Ränteintäkter"
#IB 0 1930 100000.00
#IB 0 2440 -20000.00
#IB 0 2010 -80000.00
#UB 0 1930 99925.00
#UB 0 2440 0.00
#UB 0 2010 -80000.00
#RES 0 3511 -50000.00
#RES 0 4610 30000.00
#RES 0 6570 100.00
#RES 0 8410 -25.00
#PBUDGET 0 202401 3511 {} -25000.00
#PBUDGET 0 202407 3511 {} -25000.00
#PBUDGET 0 202401 4610 {6 P1} 30000.00
#VER A 1 20240115 "Medlemsbidrag 2024" 20240116
{
#TRANS 1930 {} 50000.00
#TRANS 3511 {} -50000.00
}
#VER A 2 20240220 "Arbetsträning januari" 20240221
{
#TRANS 4610 {6 P1 1 K1} 30000.00 20240131 "Faktura 17"
#BTRANS 6570 {} 30000.00 20240220 "Fel konto"
#RTRANS 1930 {} -30000.00
#TRANS 1930 {} -30000.00
}
#VER A 3 20240331 "Bankavgifter"
{
#TRANS 6570 {1 K1} 100.00
#TRANS 1930 {} -100.00
}
#VER A 4 20241231 "Ränta"
{
#TRANS 1930 {} 25.00
#TRANS 8410 {} -25.00
}
#VER B 1 20240125 "Betalning leverantörsskuld"
{
#TRANS 2440 {} 20000.00
#TRANS 1930 {} -20000.00
}
"""

HEADER = """\
; Beancount läser varje inkluderad fil för sig: rotnamnen måste stå i varje fil.
option "name_assets" "Tillgångar"
option "name_liabilities" "Skulder"
option "name_equity" "Eget-kapital"
option "name_income" "Intäkter"
option "name_expenses" "Kostnader"
"""

MAIN = """\
; Bokföring inläst från SIE-filen small.se med finsam sie import.
; Företag: Samordningsförbundet Test (000000-0000).
; Program: Testprogram 1.0, filen skapad 2025-01-15.
;
; Det SIE-filen inte säger lägger bokföraren till på kontots open-rad i
; kontoplan.beancount: klass på verksamhetens kostnader, part på
; medlemsbidrag. Till dess visar bean-check var, och finsam report ger
; ingen rapport.

option "title" "Samordningsförbundet Test"
option "operating_currency" "SEK"

option "name_assets" "Tillgångar"
option "name_liabilities" "Skulder"
option "name_equity" "Eget-kapital"
option "name_income" "Intäkter"
option "name_expenses" "Kostnader"
option "account_previous_balances" "Ingående-balanser"
option "account_previous_earnings" "Balanserat-resultat"
option "account_previous_conversions" "Omräkningar:Tidigare"
option "account_current_earnings" "Årets-resultat"
option "account_current_conversions" "Omräkningar:Innevarande"
option "account_unrealized_gains" "Orealiserade-vinster"

plugin "finsam_ledger.plugins.kontoplan"
plugin "finsam_ledger.plugins.direktiv"
plugin "finsam_ledger.plugins.finansieringsandelar"
plugin "finsam_ledger.plugins.balanskrav"
plugin "finsam_ledger.plugins.beviljat"
plugin "finsam_ledger.plugins.eget_kapital"

; Fava på svenska, med sidan Kommunal redovisning
2024-01-01 custom "fava-option" "language" "sv"
2024-01-01 custom "fava-option" "locale" "sv_SE"
2024-01-01 custom "fava-extension" "finsam_ledger.fava"

include "kontoplan.beancount"
include "budget.beancount"
include "ingaende-balans.beancount"
include "2024.beancount"
"""

KONTOPLAN = (
    HEADER
    + """
; Kontoplan ur SIE-filen small.se (#KONTO). Varje konto har sitt nummer i
; konto; platsen i trädet följer av numret (BAS, Kommun-Bas) eller av
; mappningsfilen. Det filen inte säger (klass, part) läggs till här.

2024-01-01 commodity SEK

; Tillgångar
2024-01-01 open Tillgångar:Kassa-och-bank:1930-Bank SEK
  konto: "1930"

; Eget kapital
; Motkonto för den ingående balansen (ingaende-balans.beancount)
2024-01-01 open Eget-kapital:Ingående-balanser SEK
2024-01-01 open Eget-kapital:2010-Eget-kapital SEK
  konto: "2010"

; Skulder
2024-01-01 open Skulder:Kortfristiga:2440-Leverantörsskulder SEK
  notrad: "Leverantörsskulder"
  konto: "2440"

; Intäkter
2024-01-01 open Intäkter:Medlemsbidrag:3511-Medlemsbidrag-Försäkringskassan SEK
  notrad: "Medlemsbidrag Försäkringskassan"
  konto: "3511"
2024-01-01 open Intäkter:Finansiella:8410-Ränteintäkter SEK
  notrad: "Ränteintäkter"
  konto: "8410"

; Kostnader
2024-01-01 open Kostnader:6570-Bankkostnader SEK
  notrad: "Bankkostnader"
  konto: "6570"

; Insatser: objekten i dimension 6 (Projekt) på verksamhetens
; kostnader. Klassen på insatsens konto gäller alla dess underkonton.
2024-01-01 open Kostnader:Insatser:Arbetsträning SEK
  notrad: "Arbetsträning"
  objekt: "6 P1"
2024-01-01 open Kostnader:Insatser:Arbetsträning:4610-Köp-av-huvudverksamhet SEK
  konto: "4610"

; Konton i SIE-filens kontoplan utan saldo eller verifikation (inte öppnade):
;   1510 Kundfordringar
"""
)

BUDGET = (
    HEADER
    + """
; Budget ur SIE-filen small.se (#PBUDGET, summan av årets perioder per konto).
; Kostnader positiva, intäkter negativa, som i Favas budget.

2024-01-01 custom "budget" Intäkter:Medlemsbidrag:3511-Medlemsbidrag-Försäkringskassan \
"yearly" -50000.00 SEK
"""
)

INGAENDE = (
    HEADER
    + """
; Ingående balans 2024-01-01: #IB 0 i SIE-filen small.se (för ett konto utan #IB 0:
; #UB -1). Skillnaden, resultat som inte förts till eget kapital, står på
; Eget-kapital:Ingående-balanser. Ingen annan transaktion bokar mot det kontot.

2024-01-01 * "Ingående balans 2024"
  Tillgångar:Kassa-och-bank:1930-Bank                100000.00 SEK
  Eget-kapital:2010-Eget-kapital                     -80000.00 SEK
  Skulder:Kortfristiga:2440-Leverantörsskulder       -20000.00 SEK
  Eget-kapital:Ingående-balanser                          0.00 SEK
"""
)

YEAR_2024 = (
    HEADER
    + """
; Verifikationer 2024 ur SIE-filen small.se (#VER, serie och nummer i ver).

2024-01-15 * "Medlemsbidrag 2024"
  ver: "A 1"
  regdatum: 2024-01-16
  Tillgångar:Kassa-och-bank:1930-Bank                                50000.00 SEK
  Intäkter:Medlemsbidrag:3511-Medlemsbidrag-Försäkringskassan       -50000.00 SEK

2024-01-25 * "Betalning leverantörsskuld"
  ver: "B 1"
  Skulder:Kortfristiga:2440-Leverantörsskulder        20000.00 SEK
  Tillgångar:Kassa-och-bank:1930-Bank                -20000.00 SEK

2024-02-20 * "Arbetsträning januari"
  ver: "A 2"
  regdatum: 2024-02-21
  btrans-1: "6570 {} 30000.00 20240220 \\"Fel konto\\""
  rtrans-1: "1930 {} -30000.00 20240220"
  Kostnader:Insatser:Arbetsträning:4610-Köp-av-huvudverksamhet        30000.00 SEK
    datum: 2024-01-31
    text: "Faktura 17"
    objekt: "1 K1"
  Tillgångar:Kassa-och-bank:1930-Bank                                -30000.00 SEK

2024-03-31 * "Bankavgifter"
  ver: "A 3"
  Kostnader:6570-Bankkostnader                 100.00 SEK
    objekt: "1 K1"
  Tillgångar:Kassa-och-bank:1930-Bank         -100.00 SEK

2024-12-31 * "Ränta"
  ver: "A 4"
  Tillgångar:Kassa-och-bank:1930-Bank               25.00 SEK
  Intäkter:Finansiella:8410-Ränteintäkter          -25.00 SEK
"""
)

FILES = (
    "main.beancount",
    "kontoplan.beancount",
    "budget.beancount",
    "ingaende-balans.beancount",
    "2024.beancount",
)

KLASS = (
    'Finsam class missing; add klass: "individinriktad", "strukturinriktad", '
    '"administration" or "ny-verksamhet"'
)


def lines_for(target: Path) -> list[str]:
    return [
        "small.se: Samordningsförbundet Test (000000-0000), räkenskapsår "
        "2024-01-01–2024-12-31; 5 vouchers, 6 accounts",
        f"wrote {target}: main.beancount, kontoplan.beancount, budget.beancount, "
        "ingaende-balans.beancount, 2024.beancount",
        "1 account of the file's #KONTO without a balance or a voucher, not opened "
        "(listed at the end of kontoplan.beancount)",
        "1 #PBUDGET row not imported: the budget taken is each account's (rows with {}) "
        "in the years of the books",
        "what the SIE file cannot say, to add in kontoplan.beancount (until then bean-check "
        "reports each at its open line and finsam report gives no report):",
        '  medlemsbidrag without its party; add part: "staten", "region" or "kommun" (1 account):',
        "    kontoplan.beancount:30: Intäkter:Medlemsbidrag:3511-Medlemsbidrag-Försäkringskassan",
        f"  {KLASS} (2 accounts):",
        "    kontoplan.beancount:38: Kostnader:6570-Bankkostnader",
        "    kontoplan.beancount:44: Kostnader:Insatser:Arbetsträning (and its 1 sub-account)",
        "  or import again with a mapping file (--mapping) that places the accounts and gives "
        "klass and part, for a range at once (docs/sie-import.md)",
    ]


def sie_file(tmp_path: Path, text: str = SMALL, name: str = "small.se") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("cp437"))
    return path


def changed(old: str, new: str, text: str = SMALL) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def line_of(text: str, fragment: str) -> int:
    """The line (from 1) of the one line that holds ``fragment``."""
    found = [n for n, line in enumerate(text.splitlines(), start=1) if fragment in line]
    assert len(found) == 1, (fragment, found)
    return found[0]


def konto_balances(main: Path) -> tuple[dict[str, Decimal], list[str]]:
    """Each konto's closing balance in the ledger (all accounts with that konto), and its errors."""
    entries, errors, _ = loader.load_file(str(main))
    konto = {
        entry.account: str(entry.meta["konto"])
        for entry in entries
        if isinstance(entry, data.Open) and "konto" in entry.meta
    }
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for entry in entries:
        if isinstance(entry, data.Transaction):
            for posting in entry.postings:
                assert posting.units is not None and posting.units.number is not None
                if posting.account not in konto:  # the counter-account of the ingående balans
                    assert posting.account == "Eget-kapital:Ingående-balanser", posting.account
                    continue
                sums[konto[posting.account]] += posting.units.number
    return dict(sums), [error.message for error in errors]


def file_balances(books: SieFile) -> dict[str, Decimal]:
    """What each account ends the year with by the file: #UB 0, #RES 0, else its rows."""
    if any(year == 0 for year, _ in (*books.ub, *books.res)):
        closing = {account: b.amount for (year, account), b in books.ub.items() if year == 0}
        closing.update({account: b.amount for (year, account), b in books.res.items() if year == 0})
        return closing
    rows: dict[str, Decimal] = defaultdict(Decimal)
    for voucher in books.vouchers:
        for row in voucher.transactions:
            rows[row.account] += row.amount
    return dict(rows)


def assert_same_balances(ledger: dict[str, Decimal], expected: dict[str, Decimal]) -> None:
    for account in sorted(set(ledger) | set(expected)):
        assert ledger.get(account, Decimal(0)) == expected.get(account, Decimal(0)), account


def only_chart_errors(messages: list[str]) -> None:
    """The ledger's errors are the chart's: klass and part, at the open lines."""
    for message in messages:
        assert message.startswith("kontoplan: "), message
        assert "add klass:" in message or "add part:" in message, message


# -- the shared samples --------------------------------------------------------


@shared
@pytest.mark.parametrize("name", CALENDAR_YEAR)
def test_each_sample_imports_with_the_files_closing_balances(tmp_path: Path, name: str) -> None:
    source = SIE / name
    target = tmp_path / "bok"
    lines = importera(source, target)
    assert lines[1].startswith(f"wrote {target}: main.beancount, kontoplan.beancount")
    ledger, errors = konto_balances(target / "main.beancount")
    only_chart_errors(errors)
    books = read(source.read_bytes())
    expected = file_balances(books)
    assert expected, "the sample has balances or rows to compare"
    assert_same_balances(ledger, expected)


@shared
def test_typ4_keeps_its_numbers_series_and_opening_balance(tmp_path: Path) -> None:
    importera(SIE / "typ4.se", tmp_path / "bok")
    kontoplan = (tmp_path / "bok" / "kontoplan.beancount").read_text(encoding="utf-8")
    assert 'open Tillgångar:Kassa-och-bank:1920-PlusGiro SEK\n  konto: "1920"' in kontoplan
    assert "open Kostnader:Avskrivningar:7832-Avskrivn-inventarier-verktyg SEK" in kontoplan
    # #KTYP K: a BAS 84 account is a cost, whatever Kommun-Bas says of 84
    assert "open Kostnader:Finansiella:8410-Räntekostnader-långfristiga SEK" in kontoplan
    vouchers = (tmp_path / "bok" / "2012.beancount").read_text(encoding="utf-8")
    assert '2012-01-01 * "Kontoavslut 2099 mot 2098"\n  ver: "0 1"\n' in vouchers
    assert 'ver: "5101 22"' in vouchers
    opening = (tmp_path / "bok" / "ingaende-balans.beancount").read_text(encoding="utf-8")
    assert '2012-01-01 * "Ingående balans 2012"' in opening


@shared
def test_a_file_without_a_series_gets_series_a(tmp_path: Path) -> None:
    lines = importera(SIE / "Transaktioner_per_Z-rapport.se", tmp_path / "bok")
    assert 'vouchers without a series are given series A (ver: "A 1")' in lines
    vouchers = (tmp_path / "bok" / "2021.beancount").read_text(encoding="utf-8")
    assert '2021-05-05 * "nr. 64"\n  ver: "A 64"\n  regdatum: 2021-05-05\n' in vouchers
    assert not (tmp_path / "bok" / "ingaende-balans.beancount").exists()


@shared
@pytest.mark.parametrize("name", JULY_TO_JUNE)
def test_a_fiscal_year_july_to_june_is_refused(tmp_path: Path, name: str) -> None:
    target = tmp_path / "bok"
    with pytest.raises(SieError) as caught:
        importera(SIE / name, target)
    assert caught.value.line == 12  # #RAR 0 20090701 20100630
    assert "#RAR 0 20090701 20100630: the fiscal year is not the calendar year" in str(caught.value)
    assert "so this file cannot be imported" in str(caught.value)
    assert not target.exists()


# -- a small file, text for text ------------------------------------------------


def test_small_file_gives_this_ledger(tmp_path: Path) -> None:
    target = tmp_path / "bok"
    lines = importera(sie_file(tmp_path), target)
    assert lines == lines_for(target)
    written = {path.name: path.read_text(encoding="utf-8") for path in target.iterdir()}
    assert written == {
        "main.beancount": MAIN,
        "kontoplan.beancount": KONTOPLAN,
        "budget.beancount": BUDGET,
        "ingaende-balans.beancount": INGAENDE,
        "2024.beancount": YEAR_2024,
    }
    # the pure function gives the same texts, main.beancount first
    result = ledger_texts(read(SMALL.encode("cp437")), source="small.se")
    assert next(iter(result.files)) == "main.beancount"
    assert dict(result.files) == written


def test_small_ledger_loads_with_only_the_charts_errors_and_the_files_balances(
    tmp_path: Path,
) -> None:
    target = tmp_path / "bok"
    importera(sie_file(tmp_path), target)
    ledger, errors = konto_balances(target / "main.beancount")
    only_chart_errors(errors)
    assert len(errors) == 4  # 3511 part; 6570, the insats and its sub-account klass
    # the #BTRANS row is not booked, the #RTRANS row once (1930's UB follows)
    assert_same_balances(ledger, file_balances(read(SMALL.encode("cp437"))))


def test_ub_of_the_previous_year_is_the_opening_balance_without_ib(tmp_path: Path) -> None:
    text = SMALL.replace("#IB 0 ", "#UB -1 ")
    target = tmp_path / "bok"
    importera(sie_file(tmp_path, text), target)
    assert (target / "ingaende-balans.beancount").read_text(encoding="utf-8") == INGAENDE


def test_a_mapping_file_places_accounts_and_gives_what_the_file_cannot_say(
    tmp_path: Path,
) -> None:
    mapping = tmp_path / "mappning.toml"
    mapping.write_text(
        "[konton]\n"
        '"3511" = { namn = "Intäkter:Medlemsbidrag:Försäkringskassan", part = "staten" }\n'
        '"6000-6999" = { under = "Kostnader:Administration" }\n'
        '"6570" = { notrad = "Bankavgifter" }\n'
        "\n"
        "[insatser.objekt]\n"
        '"P1" = { klass = "individinriktad" }\n',
        encoding="utf-8",
    )
    target = tmp_path / "bok"
    lines = importera(sie_file(tmp_path), target, mapping)
    assert not any("what the SIE file cannot say" in line for line in lines)
    kontoplan = (target / "kontoplan.beancount").read_text(encoding="utf-8")
    assert (
        "2024-01-01 open Intäkter:Medlemsbidrag:Försäkringskassan SEK\n"
        '  part: "staten"\n'
        '  konto: "3511"\n'
    ) in kontoplan
    assert (
        "2024-01-01 open Kostnader:Administration:6570-Bankkostnader SEK\n"
        '  notrad: "Bankavgifter"\n'
        '  konto: "6570"\n'
    ) in kontoplan
    assert (
        "2024-01-01 open Kostnader:Insatser:Arbetsträning SEK\n"
        '  klass: "individinriktad"\n'
        '  notrad: "Arbetsträning"\n'
        '  objekt: "6 P1"\n'
    ) in kontoplan
    budget = (target / "budget.beancount").read_text(encoding="utf-8")
    assert 'custom "budget" Intäkter:Medlemsbidrag:Försäkringskassan "yearly"' in budget
    _, errors = konto_balances(target / "main.beancount")
    assert not [message for message in errors if message.startswith("kontoplan")]


def test_a_class_nine_account_needs_a_mapping(tmp_path: Path) -> None:
    text = changed("#TRANS 6570 {1 K1} 100.00", "#TRANS 9100 {1 K1} 100.00")
    text = changed("#RES 0 6570 100.00", "#RES 0 9100 100.00", text)
    text = changed("#KONTO 8410", '#KONTO 9100 "Internt"\n#KONTO 8410', text)
    source = sie_file(tmp_path, text)
    with pytest.raises(SieError) as caught:
        importera(source, tmp_path / "bok")
    assert caught.value.line == line_of(text, "#KONTO 9100")
    assert "class 9 has no place" in caught.value.reason
    assert not (tmp_path / "bok").exists()
    mapping = tmp_path / "mappning.toml"
    mapping.write_text('[konton]\n9100 = { under = "Kostnader:Administration" }\n', "utf-8")
    importera(source, tmp_path / "bok", mapping)
    kontoplan = (tmp_path / "bok" / "kontoplan.beancount").read_text(encoding="utf-8")
    assert "open Kostnader:Administration:9100-Internt SEK" in kontoplan


# -- the project's own dimensions: class (20) and party (21) ---------------------


def with_dimensions(text: str = SMALL, declared: str = "Finsamklass") -> str:
    """SMALL with a class on each cost row and a party on the medlemsbidrag."""
    text = changed(
        "#DIM 6 Projekt\n", f"#DIM 6 Projekt\n#DIM 20 {declared}\n#DIM 21 Finsampart\n", text
    )
    text = changed("#TRANS 3511 {} -50000.00", "#TRANS 3511 {21 staten} -50000.00", text)
    text = changed(
        "#TRANS 4610 {6 P1 1 K1} 30000.00",
        "#TRANS 4610 {6 P1 1 K1 20 individinriktad} 30000.00",
        text,
    )
    return changed("#TRANS 6570 {1 K1} 100.00", "#TRANS 6570 {1 K1 20 administration} 100.00", text)


def ledger_rules(messages: list[str]) -> list[str]:
    """The errors but the financing shares' (SMALL's only medlemsbidrag is the state's)."""
    return [message for message in messages if not message.startswith("finansieringsandelar:")]


def test_dimensions_20_and_21_give_klass_and_part(tmp_path: Path) -> None:
    target = tmp_path / "bok"
    lines = importera(sie_file(tmp_path, with_dimensions()), target)
    assert not any("what the SIE file cannot say" in line for line in lines)
    kontoplan = (target / "kontoplan.beancount").read_text(encoding="utf-8")
    assert (
        "2024-01-01 open Intäkter:Medlemsbidrag:3511-Medlemsbidrag-Försäkringskassan SEK\n"
        '  notrad: "Medlemsbidrag Försäkringskassan"\n'
        '  part: "staten"\n'
        '  konto: "3511"\n'
    ) in kontoplan
    assert (
        "2024-01-01 open Kostnader:6570-Bankkostnader SEK\n"
        '  notrad: "Bankkostnader"\n'
        '  klass: "administration"\n'
        '  konto: "6570"\n'
    ) in kontoplan
    # the class of the rows that moved to the insats is the insats's, once for its accounts
    assert (
        "2024-01-01 open Kostnader:Insatser:Arbetsträning SEK\n"
        '  klass: "individinriktad"\n'
        '  notrad: "Arbetsträning"\n'
        '  objekt: "6 P1"\n'
        "2024-01-01 open Kostnader:Insatser:Arbetsträning:4610-Köp-av-huvudverksamhet SEK\n"
        '  konto: "4610"\n'
    ) in kontoplan
    # the objects the accounts now say leave the rows; the others stay
    vouchers = (target / "2024.beancount").read_text(encoding="utf-8")
    assert vouchers.count("objekt:") == 2
    assert vouchers.count('objekt: "1 K1"') == 2
    ledger, errors = konto_balances(target / "main.beancount")
    assert ledger_rules(errors) == []
    assert_same_balances(ledger, file_balances(read(SMALL.encode("cp437"))))


def test_a_party_makes_an_income_account_a_medlemsbidrag(tmp_path: Path) -> None:
    text = with_dimensions().replace("3511", "3010")
    target = tmp_path / "bok"
    importera(sie_file(tmp_path, text), target)
    kontoplan = (target / "kontoplan.beancount").read_text(encoding="utf-8")
    assert (
        "open Intäkter:Medlemsbidrag:3010-Medlemsbidrag-Försäkringskassan SEK\n"
        '  notrad: "Medlemsbidrag Försäkringskassan"\n'
        '  part: "staten"\n'
    ) in kontoplan
    assert ledger_rules(konto_balances(target / "main.beancount")[1]) == []


def test_rows_of_two_classes_leave_the_klass_to_the_accountant(tmp_path: Path) -> None:
    text = changed(
        "#TRANS 6570 {1 K1 20 administration} 100.00",
        "#TRANS 6570 {1 K1 20 administration} 60.00\n#TRANS 6570 {20 strukturinriktad} 40.00",
        with_dimensions(),
    )
    target = tmp_path / "bok"
    lines = importera(sie_file(tmp_path, text), target)
    assert (
        "Kostnader:6570-Bankkostnader: its rows name administration and strukturinriktad "
        "(dimension 20); klass left for the accountant"
    ) in lines
    kontoplan = (target / "kontoplan.beancount").read_text(encoding="utf-8")
    line = line_of(kontoplan, "open Kostnader:6570-Bankkostnader")
    assert f"    kontoplan.beancount:{line}: Kostnader:6570-Bankkostnader" in lines
    vouchers = (target / "2024.beancount").read_text(encoding="utf-8")
    assert 'objekt: "1 K1 20 administration"' in vouchers
    assert 'objekt: "20 strukturinriktad"' in vouchers
    _, errors = konto_balances(target / "main.beancount")
    errors = ledger_rules(errors)
    only_chart_errors(errors)
    assert len(errors) == 1


def test_a_dimension_20_of_another_program_is_not_the_class(tmp_path: Path) -> None:
    target = tmp_path / "bok"
    lines = importera(sie_file(tmp_path, with_dimensions(declared="Kostnadsbärare")), target)
    assert f"  {KLASS} (2 accounts):" in lines
    vouchers = (target / "2024.beancount").read_text(encoding="utf-8")
    assert 'objekt: "1 K1 20 individinriktad"' in vouchers
    assert 'objekt: "1 K1 20 administration"' in vouchers


# -- refused: nothing written ---------------------------------------------------

BAD = {
    "unbalanced voucher": (
        changed(
            "#TRANS 3511 {} -50000.00",
            "#TRANS 3511 {} -49999.00",
            changed("#RES 0 3511 -50000.00", "#RES 0 3511 -49999.00"),
        ),
        '#VER A 1 20240115 "Medlemsbidrag 2024"',
        "voucher A 1 does not balance: its rows sum to 1.00",
    ),
    "UB that does not follow": (
        changed("#UB 0 1930 99925.00", "#UB 0 1930 99900.00"),
        "#UB 0 1930",
        "#UB 0 1930 is 99900.00, but #IB 100000.00 plus the year's transactions -75.00",
    ),
    "unknown account": (
        changed("#TRANS 6570 {1 K1} 100.00", "#TRANS 6571 {1 K1} 100.00"),
        "#TRANS 6571",
        "account 6571 is not in the file's chart of accounts (#KONTO)",
    ),
    "bad date": (
        changed('#VER A 3 20240331 "Bankavgifter"', '#VER A 3 20240231 "Bankavgifter"'),
        "#VER A 3",
        "date '20240231' is not a date (YYYYMMDD)",
    ),
    "cut file": (
        SMALL[: SMALL.index("#BTRANS")],
        "#VER A 2",
        "has no closing }: the file ends on line",
    ),
    "fiscal year of eighteen months": (
        changed("#RAR 0 20240101 20241231", "#RAR 0 20240101 20250630"),
        "#RAR 0",
        "the fiscal year is not the calendar year",
    ),
    "voucher number that is not a number": (
        changed('#VER A 4 20241231 "Ränta"', '#VER A X4 20241231 "Ränta"'),
        "#VER A X4",
        "voucher A X4: a voucher number is a series of one to ten letters or digits",
    ),
    "another currency": (
        changed("#FORMAT PC8\n", "#FORMAT PC8\n#VALUTA EUR\n"),
        "#VALUTA EUR",
        "#VALUTA EUR: the ledger is kept in SEK",
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_file_is_refused_at_its_line_and_nothing_is_written(
    tmp_path: Path, case: str
) -> None:
    text, at, reason = BAD[case]
    target = tmp_path / "bok"
    with pytest.raises(SieError) as caught:
        importera(sie_file(tmp_path, text), target)
    assert caught.value.line == line_of(text, at)
    assert reason in caught.value.reason
    assert not target.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["small.se"]


@pytest.mark.parametrize("held", ["anteckningar.txt", ".gitkeep"])
def test_a_folder_that_holds_anything_is_refused(tmp_path: Path, held: str) -> None:
    target = tmp_path / "bok"
    target.mkdir()
    (target / held).write_text("mitt\n", encoding="utf-8")
    with pytest.raises(Refused, match="not empty"):
        importera(sie_file(tmp_path), target)
    assert [path.name for path in target.iterdir()] == [held]
    assert (target / held).read_text(encoding="utf-8") == "mitt\n"


def test_a_file_as_target_and_a_missing_parent_are_refused(tmp_path: Path) -> None:
    source = sie_file(tmp_path)
    with pytest.raises(Refused, match="not a folder"):
        importera(source, source)
    with pytest.raises(Refused, match="no such folder"):
        importera(source, tmp_path / "saknas" / "bok")
    assert source.read_bytes() == SMALL.encode("cp437")


def test_an_empty_folder_is_taken(tmp_path: Path) -> None:
    target = tmp_path / "bok"
    target.mkdir()
    importera(sie_file(tmp_path), target)
    assert sorted(path.name for path in target.iterdir()) == sorted(FILES)


@pytest.mark.parametrize("exists", [False, True])
def test_a_failed_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exists: bool
) -> None:
    target = tmp_path / "bok"
    if exists:
        target.mkdir()
    calls = []
    real_link, real_rename = os.link, Path.rename

    def link(src: str | Path, dst: str | Path) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_link(src, dst)

    def rename(*_: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "link", link)
    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError, match="No space"):
        importera(sie_file(tmp_path), target)
    monkeypatch.setattr(Path, "rename", real_rename)
    if exists:
        assert list(target.iterdir()) == []
        assert len(calls) == 3
    else:
        assert not target.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        ["small.se", *(["bok"] if exists else [])]
    )


def test_write_new_folder_never_replaces_a_file_that_appears(tmp_path: Path) -> None:
    target = tmp_path / "ut"
    target.mkdir()
    safe_files.write_new_folder(target, {"a.txt": b"a\n"})
    with pytest.raises(Refused, match="not empty"):
        safe_files.write_new_folder(target, {"a.txt": b"b\n"})
    assert (target / "a.txt").read_bytes() == b"a\n"


# -- the mapping file ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("[konton]\nx = 1\n", 2, "'x' is not an account number or a range"),
        ('[konton]\n"3000-3999" = { namn = "Intäkter:Alla" }\n', 2, "namn names one account"),
        ('[konton]\n"3511" = { under = "Intäkterna:X" }\n', 2, "is not an account name"),
        ('[konton]\n"3511" = { konto = "3512" }\n', 2, "konto is always the account's number"),
        ("[konton]\n\n\"3999-3000\" = { part = 'kommun' }\n", 3, "ends before it starts"),
        ("[kontoplan]\n", 1, "unknown table 'kontoplan'"),
        ("[konton\n", 1, "not TOML"),
    ],
)
def test_a_bad_mapping_is_refused_at_its_line(text: str, line: int, reason: str) -> None:
    with pytest.raises(ImportFault) as caught:
        parse_mapping(text, "mappning.toml")
    assert caught.value.line == line
    assert reason in caught.value.reason


def test_a_bad_mapping_writes_nothing(tmp_path: Path) -> None:
    mapping = tmp_path / "mappning.toml"
    mapping.write_text(
        '[konton]\n"3511" = { namn = "Intäkter:X" }\n"2440" = { namn = "Intäkter:X" }\n', "utf-8"
    )
    with pytest.raises(ImportFault, match="both Intäkter:X"):
        importera(sie_file(tmp_path), tmp_path / "bok", mapping)
    assert not (tmp_path / "bok").exists()


def test_the_narrowest_rule_wins_and_wider_rules_add_their_keys() -> None:
    mapping = parse_mapping(
        "[konton]\n"
        '"4000-7999" = { under = "Kostnader:Administration", budgetpost = "Kansli" }\n'
        '"6000-6999" = { under = "Kostnader:Övrigt" }\n'
        '"6570" = { namn = "Kostnader:Administration:Bank" }\n'
    )
    names = {
        number: sie_import._place(number, Account("Namn"), mapping)
        for number in ("5010", "6110", "6570")
    }
    assert names["5010"].name == "Kostnader:Administration:5010-Namn"
    assert names["6110"].name == "Kostnader:Övrigt:6110-Namn"
    assert names["6570"].name == "Kostnader:Administration:Bank"
    assert ("budgetpost", "Kansli") in names["6570"].meta


# -- names and places ----------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "name", "expected"),
    [
        ("1219", "Ack avskr mask/andra tekn anl", "1219-Ack-avskr-mask-andra-tekn-anl"),
        ("2610", "Moms 25%", "2610-Moms-25"),
        ("1930", "", "1930"),
        ("1930", "   ", "1930"),
        ("3740", "Öres- och kronutjämning", "3740-Öres-och-kronutjämning"),
        (
            "6992",
            "Övriga externa kostnader, ej avdragsgilla enligt inkomstskattelagen",
            "6992-Övriga-externa-kostnader-ej-avdragsgilla",
        ),
    ],
)
def test_account_names_are_the_number_and_the_name_as_words(
    number: str, name: str, expected: str
) -> None:
    assert leaf(number, name) == expected


@pytest.mark.parametrize(
    ("number", "kind", "name", "parent"),
    [
        ("1010", "", "", "Tillgångar:Immateriella-anläggningstillgångar"),
        ("1220", "", "", "Tillgångar:Materiella-anläggningstillgångar"),
        ("1380", "", "", "Tillgångar:Finansiella-anläggningstillgångar"),
        ("1460", "", "", "Tillgångar:Förråd"),
        ("1510", "", "", "Tillgångar:Fordringar"),
        ("1790", "", "", "Tillgångar:Fordringar"),
        ("1810", "", "", "Tillgångar:Kortfristiga-placeringar"),
        ("1930", "", "", "Tillgångar:Kassa-och-bank"),
        ("2010", "", "", "Eget-kapital"),
        ("2230", "", "", "Skulder:Avsättningar"),
        ("2350", "", "", "Skulder:Långfristiga"),
        ("2440", "", "", "Skulder:Kortfristiga"),
        ("3010", "", "", "Intäkter"),
        ("3511", "", "", "Intäkter:Medlemsbidrag"),
        ("3740", "K", "", "Kostnader"),
        ("4610", "", "", "Kostnader:Insatser"),
        ("5010", "", "", "Kostnader"),
        ("6810", "", "Avskrivningar inventarier", "Kostnader:Avskrivningar"),
        ("8410", "", "", "Intäkter:Finansiella"),
        ("8410", "K", "", "Kostnader:Finansiella"),
        ("8510", "", "", "Kostnader:Finansiella"),
        ("8999", "", "", "Kostnader:Finansiella"),
        ("9100", "", "", None),
        ("0100", "", "", None),
    ],
)
def test_an_account_is_placed_by_its_number(
    number: str, kind: str, name: str, parent: str | None
) -> None:
    assert default_parent(number, Account(name, kind)) == parent

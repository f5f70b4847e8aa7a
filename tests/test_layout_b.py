"""Layout B: a förbund's half-year report, every printed figure computed by hand.

Samordningsförbundet Fjällbygd (invented) prints its delårsrapport per 30 June
in the older layout B (docs/ledger-format.md, section 7; /work/shared DOMAIN):
budget, utfall January–June and helårsprognos, no comparison column; income
and costs in one table (``detalj``) with the förbund's own rows "Ack resultat
fg år" and "Möjligt att disponera" after Summa intäkter and "Periodens
resultat" = eget kapital at the year end in the budget and prognos columns; a
balance sheet at 30 June with momsfordran and a fasträntekonto on their own
lines, and a forecast balance sheet at 31 December. The ledger (:data:`LEDGER`)
follows docs/ledger-format.md alone: section 1's options and all six plugins.

Members: Försäkringskassan 50 %, Region Fjällmark 25 %, the kommuner 25 %
(Norrvik 300 000 and Bergsjö 200 000 of the 500 000, both years).

**2023** (closed). Ingående balans 2023-01-01: bank 2 350 000, momsfordran
21 500, leverantörsskulder 185 000: eget kapital 2 186 500.
Intäkter 1 000 000 + 500 000 + 300 000 + 200 000 = 2 000 000. Kostnader:
Steget 620 000 + 620 000 = 1 240 000, Samverkansforum 235 000, Kansli
240 000 + 240 000 = 480 000, Revision 40 000: 1 995 000. Finansiella
intäkter: ränta on the fasträntekonto 1 000 000 x 3,6 % x 4/12 = 12 000 (added
to the deposit), ränta bank 4 400: 16 400; bankavgifter 1 800. Årets resultat
2 000 000 - 1 995 000 + 16 400 - 1 800 = 19 600.
Bank at 2023-12-31: 2 350 000 - 185 000 + 21 500 + 2 000 000 - 620 000
- 235 000 - 480 000 - 50 000 (revision 40 000 + moms 10 000) - 1 000 000
(to the fasträntekonto) + 4 400 - 1 800 = 1 804 100. Fasträntekonto
1 012 000, momsfordran 10 000, leverantörsskulder 620 000 (Steget Jul-Dec).
Eget kapital 1 804 100 + 1 012 000 + 10 000 - 620 000 = 2 206 100
= 2 186 500 + 19 600.

**2024 to 30 June.** Medlemsbidrag 2 000 000 (Bergsjö's 200 000 still a
kundfordran), ränta bank 2 150. Kostnader: Steget 640 000 (unpaid), Samverkans-
forum 96 000 (+ moms 24 000), Kansli 295 000,50, Revision 0, bankavgifter 900:
verksamhetens 1 031 000,50, all 1 031 900,50. Result 2 002 150 - 1 031 900,50
= 970 249,50 (printed 970 250, half away from zero; the printed lines give
970 249: a 1 kr rounding difference, as DOMAIN allows).
Bank at 30 June: 1 804 100 + 1 000 000 + 500 000 + 300 000 - 620 000
+ 10 000 (moms 2023 refunded) + 2 150 - 120 000 - 295 000,50 - 900
= 2 580 349,50. Kundfordringar 200 000, momsfordran 24 000, fasträntekonto
1 012 000: assets 3 816 349,50. Leverantörsskulder 640 000; eget kapital
2 206 100 + 970 249,50 = 3 176 349,50; 3 176 349,50 + 640 000 = 3 816 349,50.

**Budget 2024** (a deficit on purpose, decided by the board 2023-11-22):
intäkter 2 000 000; kostnader Steget 1 300 000 + Samverkansforum 300 000 +
Kansli 600 000 + Revision 50 000 = 2 250 000 verksamhetens, + bankavgifter
2 000 = 2 252 000; result -252 000; no budget on the interest accounts.

**Helårsprognos** dated 2024-06-30: medlemsbidrag and Revision at budget (no
line); ränta bank 0 (though 2 150 came in: the förbund leaves the cell blank,
and a blank forecast is a zero one); ränta fasträntekonto 1 012 000 x 3,6 % =
36 432 (added to the deposit on 31 December); Steget 1 320 000,
Samverkansforum 250 000, Kansli 590 000, bankavgifter 1 800. Intäkter
2 000 000 + 0 + 36 432 = 2 036 432; verksamhetens kostnader 1 320 000 +
250 000 + 590 000 + 50 000 = 2 210 000, all kostnader 2 211 800; result
2 036 432 - 2 211 800 = -175 368. Eget kapital 31 December: budget
2 206 100 - 252 000 = 1 954 100, prognos 2 206 100 - 175 368 = 2 030 732.
Balance sheet forecast: fasträntekonto 1 012 000 + 36 432 = 1 048 432,
kundfordringar 0, momsfordran 15 000, leverantörsskulder 330 000; kassa och
bank balances: 2 030 732 + 330 000 - 1 048 432 - 0 - 15 000 = 1 297 300.
"""

# The ledger's budget, prognos and summarad lines are as long as a user writes them.
# ruff: noqa: E501

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from finsam_ledger.cli import main
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Table, printed
from finsam_ledger.statements.rapport import Rapport, rapport

from inline import ledger_doc, load, replaced, write_ledger

H1 = Period.delar(date(2024, 1, 1), date(2024, 6, 30))

# docs/ledger-format.md, section 1: the options and every plugin, as written there.
HEADER_B = """\
option "title" "Samordningsförbundet Fjällbygd"
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

"""

DECISION = (
    '2023-11-22 custom "budgetunderskott" 2024 "Underskottet 252 000 kr täcks av eget kapital"\n'
)

LEDGER = (
    """
; Samordningsförbundet Fjällbygd (invented): members Försäkringskassan,
; Region Fjällmark and the kommuner Norrvik (60 % of the kommuner's quarter)
; and Bergsjö (40 %). The books start 2023-01-01; 2023 is closed, 2024 is
; booked to 30 June. The board budgets 2024 with a deficit on purpose.

2023-01-01 custom "eget-kapital-riktvarde" 15
2023-01-01 commodity SEK

; Balansräkning
2023-01-01 open Tillgångar:Fordringar:Kundfordringar SEK
  konto: "1510"
2023-01-01 open Tillgångar:Fordringar:Momsfordran SEK
  notrad: "Momsfordran"
  konto: "1650"
; Fixed rate for 18 months (2023-09-01 to 2025-03-01), the interest added to
; the deposit every 31 December: due in more than three months, so not
; likvida medel (RKR R13).
2023-01-01 open Tillgångar:Kortfristiga-placeringar:Fasträntekonto SEK
  likvida-medel: FALSE
  konto: "1820"
2023-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
  konto: "1930"
2023-01-01 open Eget-kapital:Ingående-balanser SEK
  konto: "2010"
2023-01-01 open Skulder:Kortfristiga:Leverantörsskulder SEK
  konto: "2440"

; Medlemsbidrag: staten 50 %, regionen 25 %, kommunerna 25 %
2023-01-01 open Intäkter:Medlemsbidrag:Försäkringskassan SEK
  notrad: "Försäkringskassan"
  part: "staten"
  konto: "3511"
2023-01-01 open Intäkter:Medlemsbidrag:Regionen SEK
  notrad: "Region Fjällmark"
  part: "region"
  konto: "3512"
2023-01-01 open Intäkter:Medlemsbidrag:Norrvik SEK
  notrad: "Norrviks kommun"
  part: "kommun"
  konto: "3513"
2023-01-01 open Intäkter:Medlemsbidrag:Bergsjö SEK
  notrad: "Bergsjö kommun"
  part: "kommun"
  konto: "3514"
2023-01-01 open Intäkter:Finansiella:Ränta-bank SEK
  notrad: "Ränta bank"
  konto: "8311"
2023-01-01 open Intäkter:Finansiella:Ränta-fasträntekonto SEK
  notrad: "Ränta fasträntekonto"
  konto: "8312"

; Insatser, administration, finansiella kostnader
2023-01-01 open Kostnader:Insatser:Steget SEK
  klass: "individinriktad"
  konto: "4611"
2023-01-01 open Kostnader:Insatser:Samverkansforum SEK
  klass: "strukturinriktad"
  konto: "4612"
2023-01-01 open Kostnader:Administration:Kansli SEK
  konto: "4613"
2023-01-01 open Kostnader:Administration:Revision SEK
  konto: "7410"
2023-01-01 open Kostnader:Finansiella:Bankavgifter SEK
  konto: "8590"

; ---- 2023 ----
2023-01-01 custom "budget" Intäkter:Medlemsbidrag:Försäkringskassan "yearly" -1000000.00 SEK
2023-01-01 custom "budget" Intäkter:Medlemsbidrag:Regionen "yearly" -500000.00 SEK
2023-01-01 custom "budget" Intäkter:Medlemsbidrag:Norrvik "yearly" -300000.00 SEK
2023-01-01 custom "budget" Intäkter:Medlemsbidrag:Bergsjö "yearly" -200000.00 SEK
2023-01-01 custom "budget" Kostnader:Insatser:Steget "yearly" 1250000.00 SEK
2023-01-01 custom "budget" Kostnader:Insatser:Samverkansforum "yearly" 250000.00 SEK
2023-01-01 custom "budget" Kostnader:Administration:Kansli "yearly" 460000.00 SEK
2023-01-01 custom "budget" Kostnader:Administration:Revision "yearly" 40000.00 SEK
2023-01-01 custom "beviljat" Kostnader:Insatser:Steget 1300000.00 SEK
2023-01-01 custom "beviljat" Kostnader:Insatser:Samverkansforum 260000.00 SEK
2023-12-31 custom "anstallda" 1

; Ingående balans (the closing balance sheet of 2022)
2023-01-01 * "Ingående balans 2023"
  Tillgångar:Kassa-och-bank:Bank            2350000.00 SEK
  Tillgångar:Fordringar:Momsfordran           21500.00 SEK
  Skulder:Kortfristiga:Leverantörsskulder   -185000.00 SEK
  Eget-kapital:Ingående-balanser

2023-01-20 * "Leverantörer" "Betalning fakturor december 2022"
  Skulder:Kortfristiga:Leverantörsskulder  185000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-01-25 * "Försäkringskassan" "Medlemsbidrag 2023"
  Tillgångar:Kassa-och-bank:Bank  1000000.00 SEK
  Intäkter:Medlemsbidrag:Försäkringskassan
2023-02-10 * "Region Fjällmark" "Medlemsbidrag 2023"
  Tillgångar:Kassa-och-bank:Bank  500000.00 SEK
  Intäkter:Medlemsbidrag:Regionen
2023-02-15 * "Skatteverket" "Momsfordran 2022"
  Tillgångar:Kassa-och-bank:Bank  21500.00 SEK
  Tillgångar:Fordringar:Momsfordran
2023-02-20 * "Norrviks kommun" "Medlemsbidrag 2023"
  Tillgångar:Kassa-och-bank:Bank  300000.00 SEK
  Intäkter:Medlemsbidrag:Norrvik
2023-02-20 * "Bergsjö kommun" "Medlemsbidrag 2023"
  Tillgångar:Kassa-och-bank:Bank  200000.00 SEK
  Intäkter:Medlemsbidrag:Bergsjö
2023-06-30 * "Region Fjällmark" "Kansli januari-juni"
  Kostnader:Administration:Kansli  240000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-06-30 * "Norrviks kommun" "Steget januari-juni"
  Kostnader:Insatser:Steget  620000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-09-01 * "Banken" "Insättning fasträntekonto 18 månader, 3,6 %"
  Tillgångar:Kortfristiga-placeringar:Fasträntekonto  1000000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-10-15 * "Konferensgården" "Samverkansforum"
  Kostnader:Insatser:Samverkansforum  235000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-11-30 * "Revisionsbyrån" "Granskning 2023"
  Kostnader:Administration:Revision  40000.00 SEK
  Tillgångar:Fordringar:Momsfordran  10000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-12-15 * "Region Fjällmark" "Kansli juli-december"
  Kostnader:Administration:Kansli  240000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-12-31 * "Norrviks kommun" "Steget juli-december"
  Kostnader:Insatser:Steget  620000.00 SEK
  Skulder:Kortfristiga:Leverantörsskulder
2023-12-31 * "Banken" "Ränta fasträntekonto 2023-09-01--2023-12-31, läggs till kapitalet"
  Tillgångar:Kortfristiga-placeringar:Fasträntekonto  12000.00 SEK
  Intäkter:Finansiella:Ränta-fasträntekonto
2023-12-31 * "Banken" "Ränta bankkonto 2023"
  Tillgångar:Kassa-och-bank:Bank  4400.00 SEK
  Intäkter:Finansiella:Ränta-bank
2023-12-31 * "Banken" "Bankavgifter 2023"
  Kostnader:Finansiella:Bankavgifter  1800.00 SEK
  Tillgångar:Kassa-och-bank:Bank

; ---- 2024 ----
2024-01-01 custom "rapportinstallning" "delarsrapport-jamforelse" "ingen"
2024-01-01 custom "rapportinstallning" "delarsrapport-detalj" "en-tabell"

2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Försäkringskassan "yearly" -1000000.00 SEK
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Regionen "yearly" -500000.00 SEK
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Norrvik "yearly" -300000.00 SEK
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Bergsjö "yearly" -200000.00 SEK
2024-01-01 custom "budget" Kostnader:Insatser:Steget "yearly" 1300000.00 SEK
2024-01-01 custom "budget" Kostnader:Insatser:Samverkansforum "yearly" 300000.00 SEK
2024-01-01 custom "budget" Kostnader:Administration:Kansli "yearly" 600000.00 SEK
2024-01-01 custom "budget" Kostnader:Administration:Revision "yearly" 50000.00 SEK
2024-01-01 custom "budget" Kostnader:Finansiella:Bankavgifter "yearly" 2000.00 SEK
; kostnader 2 252 000 above intäkter 2 000 000: the board uses eget kapital
"""
    + DECISION
    + """2024-01-01 custom "beviljat" Kostnader:Insatser:Steget 1400000.00 SEK
2024-01-01 custom "beviljat" Kostnader:Insatser:Samverkansforum 320000.00 SEK

2024-01-15 * "Försäkringskassan" "Medlemsbidrag 2024"
  Tillgångar:Kassa-och-bank:Bank  1000000.00 SEK
  Intäkter:Medlemsbidrag:Försäkringskassan
2024-01-22 * "Norrviks kommun" "Betalning Steget juli-december 2023"
  Skulder:Kortfristiga:Leverantörsskulder  620000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2024-01-31 * "Region Fjällmark" "Medlemsbidrag 2024"
  Tillgångar:Kassa-och-bank:Bank  500000.00 SEK
  Intäkter:Medlemsbidrag:Regionen
2024-02-15 * "Norrviks kommun" "Medlemsbidrag 2024"
  Tillgångar:Kassa-och-bank:Bank  300000.00 SEK
  Intäkter:Medlemsbidrag:Norrvik
2024-02-15 * "Bergsjö kommun" "Faktura medlemsbidrag 2024"
  Tillgångar:Fordringar:Kundfordringar  200000.00 SEK
  Intäkter:Medlemsbidrag:Bergsjö
2024-02-20 * "Skatteverket" "Momsfordran 2023"
  Tillgångar:Kassa-och-bank:Bank  10000.00 SEK
  Tillgångar:Fordringar:Momsfordran
2024-03-28 * "Banken" "Ränta bankkonto"
  Tillgångar:Kassa-och-bank:Bank  2150.00 SEK
  Intäkter:Finansiella:Ränta-bank
2024-04-18 * "Konferensgården" "Samverkansforum våren"
  Kostnader:Insatser:Samverkansforum  96000.00 SEK
  Tillgångar:Fordringar:Momsfordran  24000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2024-06-28 * "Region Fjällmark" "Kansli januari-juni"
  Kostnader:Administration:Kansli  295000.50 SEK
  Tillgångar:Kassa-och-bank:Bank
2024-06-28 * "Norrviks kommun" "Steget januari-juni"
  Kostnader:Insatser:Steget  640000.00 SEK
  Skulder:Kortfristiga:Leverantörsskulder
2024-06-28 * "Banken" "Bankavgifter januari-juni"
  Kostnader:Finansiella:Bankavgifter  900.00 SEK
  Tillgångar:Kassa-och-bank:Bank

; Helårsprognos per 2024-06-30; the medlemsbidrag and Revision at budget.
; Ränta bank: the förbund's report leaves it blank, and a blank forecast is 0.
2024-06-30 custom "prognos" Intäkter:Finansiella:Ränta-bank 0.00 SEK
2024-06-30 custom "prognos" Intäkter:Finansiella:Ränta-fasträntekonto -36432.00 SEK
2024-06-30 custom "prognos" Kostnader:Insatser:Steget 1320000.00 SEK
2024-06-30 custom "prognos" Kostnader:Insatser:Samverkansforum 250000.00 SEK
2024-06-30 custom "prognos" Kostnader:Administration:Kansli 590000.00 SEK
2024-06-30 custom "prognos" Kostnader:Finansiella:Bankavgifter 1800.00 SEK
; Balances at 31 December: the deposit with the year's interest, Bergsjö paid,
; Steget's last invoice unpaid; kassa och bank is what balances the sheet.
2024-06-30 custom "prognos" Tillgångar:Kortfristiga-placeringar:Fasträntekonto 1048432.00 SEK
2024-06-30 custom "prognos" Tillgångar:Fordringar:Kundfordringar 0.00 SEK
2024-06-30 custom "prognos" Tillgångar:Fordringar:Momsfordran 15000.00 SEK
2024-06-30 custom "prognos" Skulder:Kortfristiga:Leverantörsskulder -330000.00 SEK

; Layout B's wording in the one table (detalj): the result row and the columns.
2024-01-01 custom "rubrik" "Årets resultat" "Periodens resultat"
  tabell: "detalj"
2024-01-01 custom "rubrik" "Utfall 2024-01-01–2024-06-30" "Utfall jan–jun 2024"
  tabell: "detalj"
2024-01-01 custom "rubrik" "Prognos 2024" "Helårsprognos 2024-12-31"
  tabell: "detalj"
; Its own rows: eget kapital at 1 January, that plus the year's intäkter, and
; in the budget and prognos columns the result row becomes eget kapital at 31
; December (detalj prints kostnader positive: subtract them).
2024-01-01 custom "summarad" "detalj" "Ack resultat fg år" "Ingående eget kapital"
  efter: "Summa intäkter"
  kolumner: "Budget Helårsprognos"
2024-01-01 custom "summarad" "detalj" "Möjligt att disponera" "Ack resultat fg år" "Summa intäkter"
  efter: "Ack resultat fg år"
  kolumner: "Budget Helårsprognos"
2024-01-01 custom "summarad" "detalj" "Periodens resultat" "Möjligt att disponera" "-Summa kostnader"
  kolumner: "Budget Helårsprognos"
"""
)

Figures = list[tuple[str, list[int | None]]]

BUDGET, UTFALL, PROGNOS = "Budget 2024", "Utfall 2024-01-01–2024-06-30", "Prognos 2024"
AT_BUDGET = (
    "Prognos enligt budget (ingen prognos angiven): Försäkringskassan, Region Fjällmark,"
    " Norrviks kommun, Bergsjö kommun, Revision"
)
# Ränta bank: 2 150 received, forecast 0: the report says the forecast is below it.
BELOW = "Prognosen är lägre än utfallet hittills: Ränta bank"


def figures(table: Table) -> Figures:
    """Every row of the table: its label and its figures as printed (whole kronor)."""
    return [
        (row.label, [printed(value, table.unit_of(row)) for value in row.values])
        for row in table.rows
    ]


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_ledger(tmp_path_factory.mktemp("layout_b"), LEDGER, header=HEADER_B)


@pytest.fixture(scope="module")
def books(path: Path) -> Books:
    books, errors = load(path)
    assert not errors, [error.message for error in errors]
    assert books is not None
    return books


@pytest.fixture(scope="module")
def report(books: Books) -> Rapport:
    return rapport(books, H1)


def test_the_tables_and_their_columns(report: Rapport) -> None:
    """Layout B: budget, utfall January–June and helårsprognos, no comparison column."""
    assert report.rubrik == "Delårsrapport 2024-01-01–2024-06-30"
    assert report.title == "Samordningsförbundet Fjällbygd"
    assert report.keys == (
        "resultatrakning",
        "detalj",
        "balansrakning",
        "driftsredovisning",
        "eget_kapital",
        "balansrakning_prognos",
        "balanskrav",
    )
    columns = {table.key: table.columns for table in report.tables}
    assert columns == {
        "resultatrakning": (BUDGET, UTFALL, PROGNOS),
        # The ledger's rubrik lines rename the detail table's columns only.
        "detalj": (BUDGET, "Utfall jan–jun 2024", "Helårsprognos 2024-12-31"),
        "balansrakning": ("2024-06-30", "2023-12-31"),
        "driftsredovisning": (
            BUDGET,
            UTFALL,
            PROGNOS,
            "Avvikelse budget – prognos",
            "Beviljat 2024",
        ),
        "eget_kapital": (BUDGET, PROGNOS),
        "balansrakning_prognos": ("2024-06-30", "Prognos 2024-12-31"),
        "balanskrav": (PROGNOS,),
    }
    assert all(table.unit == "kr" for table in report.tables)


def test_resultatrakning(report: Rapport) -> None:
    """Costs negative; no budget on the interest accounts, so that cell is blank."""
    rr = report.table("resultatrakning")
    assert figures(rr) == [
        ("Verksamhetens intäkter", [2000000, 2000000, 2000000]),
        # budget 1 300 000 + 300 000 + 600 000 + 50 000; utfall 640 000 + 96 000
        # + 295 000,50 + 0 = 1 031 000,50 (half away from zero: 1 031 001); prognos
        # 1 320 000 + 250 000 + 590 000 + 50 000.
        ("Verksamhetens kostnader", [-2250000, -1031001, -2210000]),
        # 2 000 000 - 1 031 000,50 = 968 999,50, printed 969 000.
        ("Resultat", [-250000, 969000, -210000]),
        # utfall ränta bank 2 150; prognos 0 + 36 432.
        ("Finansiella intäkter", [None, 2150, 36432]),
        ("Finansiella kostnader", [-2000, -900, -1800]),
        # -250 000 - 2 000; 968 999,50 + 2 150 - 900 = 970 249,50; -210 000 + 36 432 - 1 800.
        ("Resultat efter finansiella poster", [-252000, 970250, -175368]),
        ("Årets resultat", [-252000, 970250, -175368]),
    ]
    assert rr.notes == (AT_BUDGET, BELOW)


DETALJ: Figures = [
    ("Intäkter", [None, None, None]),
    ("Försäkringskassan", [1000000, 1000000, 1000000]),
    ("Region Fjällmark", [500000, 500000, 500000]),
    ("Norrviks kommun", [300000, 300000, 300000]),
    ("Bergsjö kommun", [200000, 200000, 200000]),
    ("Medlemsbidrag", [2000000, 2000000, 2000000]),
    # No budget on interest: blank. The zero forecast prints 0, never a blank.
    ("Ränta bank", [None, 2150, 0]),
    ("Ränta fasträntekonto", [None, 0, 36432]),
    ("Övriga intäkter", [None, 2150, 36432]),
    ("Summa intäkter", [2000000, 2002150, 2036432]),
    # Eget kapital 2024-01-01: 2 206 100; blank under utfall (kolumner).
    ("Ack resultat fg år", [2206100, None, 2206100]),
    # 2 206 100 + 2 000 000 = 4 206 100; 2 206 100 + 2 036 432 = 4 242 532.
    ("Möjligt att disponera", [4206100, None, 4242532]),
    ("Kostnader", [None, None, None]),
    ("Individ- och strukturinriktade insatser", [None, None, None]),
    ("Steget", [1300000, 640000, 1320000]),
    ("Samverkansforum", [300000, 96000, 250000]),
    ("Summa Individ- och strukturinriktade insatser", [1600000, 736000, 1570000]),
    ("Administration", [None, None, None]),
    # 295 000,50 printed 295 001.
    ("Kansli", [600000, 295001, 590000]),
    ("Revision", [50000, 0, 50000]),
    ("Summa Administration", [650000, 295001, 640000]),
    # Finansiella kostnader after Not 3's groups.
    ("Bankavgifter", [2000, 900, 1800]),
    # 1 600 000 + 650 000 + 2 000; 736 000 + 295 000,50 + 900 = 1 031 900,50;
    # 1 570 000 + 640 000 + 1 800.
    ("Summa kostnader", [2252000, 1031901, 2211800]),
    # Budget 4 206 100 - 2 252 000 = 1 954 100 and prognos 4 242 532 - 2 211 800
    # = 2 030 732: eget kapital at 31 December. Utfall: the period's result,
    # 2 002 150 - 1 031 900,50 = 970 249,50.
    ("Periodens resultat", [1954100, 970250, 2030732]),
]


def test_detalj_with_the_forbunds_summary_rows(report: Rapport) -> None:
    detalj = report.table("detalj")
    assert detalj.title == "Intäkter och kostnader"
    assert figures(detalj) == DETALJ
    kinds = {row.label: row.kind for row in detalj.rows}
    assert kinds["Ack resultat fg år"] == kinds["Möjligt att disponera"] == "sum"
    assert kinds["Periodens resultat"] == "sum"
    # "Årets resultat" renamed (tabell: detalj), and only there.
    assert "Årets resultat" not in kinds
    assert report.table("resultatrakning").rows[-1].label == "Årets resultat"
    assert detalj.notes == (AT_BUDGET, BELOW)


def test_the_zero_interest_forecast_prints_zero(report: Rapport) -> None:
    """2 150 kr of interest came in, the forecast is 0: the cell reads 0, not blank."""
    detalj = report.table("detalj")
    row = detalj.row("Ränta bank")
    assert [printed(value) for value in row.values] == [None, 2150, 0]
    assert row.values[2] is not None
    # Not reported as forecast at budget or at utfall: the ledger states it.
    assert "Ränta bank" not in AT_BUDGET


BALANSRAKNING: Figures = [
    ("Tillgångar", [None, None]),
    ("Omsättningstillgångar", [None, None]),
    # Bergsjö's medlemsbidrag invoiced, unpaid.
    ("Kundfordringar", [200000, 0]),
    # 10 000 - 10 000 + 24 000; at 2023-12-31 the revision's moms.
    ("Momsfordran", [24000, 10000]),
    # The fasträntekonto, not in Kassa och bank.
    ("Kortfristiga placeringar", [1012000, 1012000]),
    # 2 580 349,50 printed 2 580 350.
    ("Kassa och bank", [2580350, 1804100]),
    # 3 816 349,50; 1 804 100 + 1 012 000 + 10 000 = 2 826 100.
    ("Summa omsättningstillgångar", [3816350, 2826100]),
    ("Summa tillgångar", [3816350, 2826100]),
    ("Eget kapital, avsättningar och skulder", [None, None]),
    ("Eget kapital", [None, None]),
    ("Balanserat från föregående år", [2206100, 2186500]),
    # The period's result (preliminary) and 2023's 19 600.
    ("Årets resultat", [970250, 19600]),
    # 2 206 100 + 970 249,50 = 3 176 349,50.
    ("Summa eget kapital", [3176350, 2206100]),
    ("Skulder", [None, None]),
    ("Kortfristiga skulder", [640000, 620000]),
    ("Summa eget kapital, avsättningar och skulder", [3816350, 2826100]),
]


def test_balansrakning_at_the_period_end(report: Rapport) -> None:
    """Momsfordran on its own row; the fasträntekonto on Kortfristiga placeringar."""
    br = report.table("balansrakning")
    assert figures(br) == BALANSRAKNING
    assert br.row("Kortfristiga placeringar").accounts == (
        "Tillgångar:Kortfristiga-placeringar:Fasträntekonto",
    )
    assert br.row("Kassa och bank").accounts == ("Tillgångar:Kassa-och-bank:Bank",)
    assert br.notes == ()


def test_the_balance_sheets_refer_to_no_missing_note(report: Rapport) -> None:
    """A note number in a table must name a note of the same report.

    The delårsrapport prints no Not 4 or Not 5 (and with en-tabell no Not 2 or
    3): its balance sheets refer to none (they referred to Not 5 before).
    """
    printed_notes = {
        int(table.key.removeprefix("not")) for table in report.tables if table.key[:3] == "not"
    }
    for key in ("balansrakning", "balansrakning_prognos"):
        referred = {row.note for row in report.table(key).rows if row.note is not None}
        assert referred <= printed_notes, (key, referred)


def test_driftsredovisning(report: Rapport) -> None:
    """Avvikelse budget – prognos: budget - prognos for costs, prognos - budget for income."""
    drift = report.table("driftsredovisning")
    assert figures(drift) == [
        # All costs, bankavgifter included: 2 252 000; 1 031 900,50; 2 211 800;
        # avvikelse 2 252 000 - 2 211 800 = 40 200.
        ("Nettokostnad", [2252000, 1031901, 2211800, 40200, None]),
        # Utfall 2 000 000 + 2 150; prognos 2 000 000 + 36 432; avvikelse 36 432.
        ("Bidrag/Intäkt", [2000000, 2002150, 2036432, 36432, None]),
        # -175 368 - (-252 000) = 76 632.
        ("Resultat", [-252000, 970250, -175368, 76632, None]),
        ("Individ- och strukturinriktade insatser", [None, None, None, None, None]),
        ("Steget", [1300000, 640000, 1320000, -20000, 1400000]),
        ("Samverkansforum", [300000, 96000, 250000, 50000, 320000]),
        (
            "Summa Individ- och strukturinriktade insatser",
            [1600000, 736000, 1570000, 30000, 1720000],
        ),
        ("Administration", [None, None, None, None, None]),
        ("Kansli", [600000, 295001, 590000, 10000, None]),
        ("Revision", [50000, 0, 50000, 0, None]),
        ("Summa Administration", [650000, 295001, 640000, 10000, None]),
    ]
    assert drift.notes == (AT_BUDGET, BELOW)


def test_eget_kapital(report: Rapport) -> None:
    ek = report.table("eget_kapital")
    assert figures(ek) == [
        ("Eget kapital vid årets början", [2206100, 2206100]),
        ("Årets resultat", [-252000, -175368]),
        ("Eget kapital 2024-12-31", [1954100, 2030732]),
        # 15 % of the medlemsbidrag, 2 000 000 by the budget and the forecast.
        ("Riktvärde eget kapital (högst 15 % av medlemsbidragen)", [300000, 300000]),
    ]


def test_balansrakning_prognos(report: Rapport) -> None:
    """Kassa och bank balances the forecast: 2 030 732 + 330 000 - 1 048 432 - 15 000."""
    bp = report.table("balansrakning_prognos")
    assert bp.title == "Balansräkning 2024-12-31, prognos"
    assert figures(bp) == [
        ("Tillgångar", [None, None]),
        ("Omsättningstillgångar", [None, None]),
        ("Kundfordringar", [200000, 0]),
        ("Momsfordran", [24000, 15000]),
        # 1 012 000 + the year's interest 36 432.
        ("Kortfristiga placeringar", [1012000, 1048432]),
        ("Kassa och bank", [2580350, 1297300]),
        # 1 297 300 + 1 048 432 + 15 000 + 0 = 2 360 732.
        ("Summa omsättningstillgångar", [3816350, 2360732]),
        ("Summa tillgångar", [3816350, 2360732]),
        ("Eget kapital, avsättningar och skulder", [None, None]),
        ("Eget kapital", [None, None]),
        ("Balanserat från föregående år", [2206100, 2206100]),
        ("Årets resultat", [970250, -175368]),
        ("Summa eget kapital", [3176350, 2030732]),
        ("Skulder", [None, None]),
        ("Kortfristiga skulder", [640000, 330000]),
        # 2 030 732 + 330 000.
        ("Summa eget kapital, avsättningar och skulder", [3816350, 2360732]),
    ]
    assert bp.notes[0].startswith("Prognos: kassa och bank är det som återstår")


def test_balanskrav_states_the_budgetunderskott_decision(report: Rapport) -> None:
    """The forecast deficit 175 368 is within the budgeted 252 000: nothing to restore."""
    bk = report.table("balanskrav")
    assert bk.title == "Balanskravsutredning, prognos"
    assert figures(bk) == [
        ("Årets resultat enligt resultaträkningen", [-175368]),
        ("Samtliga realisationsvinster", [0]),
        ("Realisationsvinster enligt undantagsmöjlighet", [0]),
        ("Realisationsförluster enligt undantagsmöjlighet", [0]),
        ("Orealiserade förluster i värdepapper", [0]),
        ("Återföring av orealiserade förluster i värdepapper", [0]),
        ("Årets resultat efter balanskravsjusteringar", [-175368]),
        ("Reservering till resultatutjämningsreserv/resultatreserv", [0]),
        ("Disponering från resultatutjämningsreserv/resultatreserv", [0]),
        ("Balanskravsresultat", [-175368]),
        # 2023 ended with +19 600: nothing from earlier years.
        ("Underskott från tidigare år att återställa", [0]),
        ("Återställt under året", [0]),
        ("Underskott som enligt beslut täcks av eget kapital", [175368]),
        # -175 368 + 175 368.
        ("Underskott kvar att återställa", [0]),
    ]
    assert bk.notes == (
        "Beslut om budgeterat underskott som täcks av eget kapital 2023-11-22: "
        "Underskottet 252 000 kr täcks av eget kapital",
    )


def test_the_2023_kassaflodesanalys_keeps_the_deposit_out_of_likvida_medel(books: Books) -> None:
    """Likvida medel are the bank alone; the deposit and its interest are rörelsekapital.

    Fordringar 21 500 -> 10 000: +11 500; placeringar 0 -> 1 012 000: -1 012 000;
    skulder 185 000 -> 620 000: +435 000. 19 600 + 11 500 - 1 012 000 + 435 000
    = -545 900 = 1 804 100 - 2 350 000.
    """
    annual = rapport(books, Period.year(2023))
    kf = annual.table("kassaflodesanalys")
    assert figures(kf) == [
        ("Den löpande verksamheten", [None, None]),
        ("Årets resultat", [19600, None]),
        ("Medel från verksamheten före förändring av rörelsekapital", [19600, None]),
        ("Ökning(-)/minskning(+) kortfristiga fordringar", [11500, None]),
        ("Ökning(-)/minskning(+) kortfristiga placeringar", [-1012000, None]),
        ("Ökning(+)/minskning(-) kortfristiga skulder", [435000, None]),
        ("Kassaflöde från den löpande verksamheten", [-545900, None]),
        ("Investeringsverksamheten", [None, None]),
        ("Kassaflöde från investeringsverksamheten", [0, None]),
        ("Finansieringsverksamheten", [None, None]),
        ("Kassaflöde från finansieringsverksamheten", [0, None]),
        ("Årets kassaflöde", [-545900, None]),
        ("Likvida medel vid årets början", [2350000, None]),
        ("Likvida medel vid årets slut", [1804100, None]),
    ]
    # The annual balansräkning: one Fordringar line (Not 4), the deposit apart.
    br = annual.table("balansrakning")
    assert figures(br)[2:5] == [
        ("Fordringar", [10000, 21500]),
        ("Kortfristiga placeringar", [1012000, 0]),
        ("Kassa och bank", [1804100, 2350000]),
    ]
    # The driftsredovisning's Likvida medel: the bank alone too.
    drift = annual.table("driftsredovisning")
    assert [printed(v) for v in drift.row("Likvida medel").values] == [
        1804100,
        None,
        None,
        2350000,
        None,
    ]


def test_the_cli_json_shows_the_summary_rows(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["report", str(path), "--period", "2024-01-01..2024-06-30", "--format", "json"]
    assert main(argv) == 0
    tables = json.loads(capsys.readouterr().out)["tables"]
    assert list(tables) == [
        "resultatrakning",
        "detalj",
        "balansrakning",
        "driftsredovisning",
        "eget_kapital",
        "balansrakning_prognos",
        "balanskrav",
    ]
    detalj = tables["detalj"]
    assert detalj["columns"] == [BUDGET, "Utfall jan–jun 2024", "Helårsprognos 2024-12-31"]
    assert [(row["label"], row["values"]) for row in detalj["rows"]] == DETALJ
    balans = tables["balansrakning"]
    assert [(row["label"], row["values"]) for row in balans["rows"]] == BALANSRAKNING


@ledger_doc(base=LEDGER, header=HEADER_B)
def test_beancount_and_every_plugin_accept_the_ledger(
    entries: list[Any], errors: list[Any]
) -> None:
    """
    ; The ledger as bean-check and Fava load it, all six plugins run: no errors
    ; (shares 50/25/25 % booked and budgeted, grants kept, the deficit decided).
    """
    assert errors == []
    assert sum(1 for entry in entries if getattr(entry, "type", None) == "prognos") == 10


@ledger_doc(base=replaced(LEDGER, DECISION, ""), header=HEADER_B, expect_errors=True)
def test_the_deficit_budget_needs_the_boards_decision(errors: list[Any]) -> None:
    """
    ; The same ledger without the board's budgetunderskott decision for 2024.
    """
    messages = [error.message for error in errors]
    assert len(messages) == 1, messages
    assert messages[0].startswith(
        "balanskrav: Budget 2024: kostnader 2 252 000 kr exceed intäkter 2 000 000 kr by 252 000 kr"
    )
    assert 'custom "budgetunderskott" 2024' in messages[0]

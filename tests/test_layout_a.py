"""Layout A: a förbund with six member kommuner publishes its delårsrapport.

``LEDGER`` is a fictional förbund, Samordningsförbundet Norrbygden, written
after ``docs/ledger-format.md``: the options and the six plugins of section
1, accounts placed by the tree and their metadata (sections 2 and 3), one
ingående balans (section 4), budgets, grants and forecasts (section 5) and
the setting ``delarsrapport-detalj`` ``en-tabell`` (section 7). It holds
2023 complete, with its year-end entries, and 2024 to 30 June. Members:
Försäkringskassan (staten, 50 %), Region Mellanland (25 %) and six kommuner
sharing their 25 % as 40/20/15/10/9/6 % in both years. One insats,
Arbetsbron, pays each kommun's part on a sub-account (``delrader: TRUE``,
layout A's footnotes); "Framtida projekt" (klass ny-verksamhet) is zero in
every column.

Every figure asserted below is computed by hand from the ledger; the
arithmetic is in the comments beside each expectation. In short:

* 2023: medlemsbidrag 4 400 000 (FK 2 200 000, region 1 100 000, kommuner
  440 000 + 220 000 + 165 000 + 110 000 + 99 000 + 66 000 = 1 100 000),
  konferensavgifter 24 000, öresutjämning -0,25, ränta 8 420; kostnader
  4 081 401,50; årets resultat 351 018,25; eget kapital 1 000 000 at the
  start, 1 351 018,25 at the end.
* 2024-01-01..2024-06-30: medlemsbidrag 4 200 000 (FK and the region the
  whole year, the kommuner the first half), kronutjämning 2, ränta 3 150;
  kostnader 2 180 420,90; periodens resultat 2 022 731,10.
* Budget 2024: medlemsbidrag 4 800 000 and kostnader 4 800 000.
  Helårsprognos: intäkter 4 836 302, kostnader 4 683 200, resultat 153 102.

Ledger amounts carry öre; every printed figure is the exact figure rounded
once, half away from zero (``printed``), so a printed sum can differ by 1 kr
from the sum of its printed rows (Summa Administration in the period).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from finsam_ledger.cli import main
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Table, printed
from finsam_ledger.statements.rapport import Rapport, rapport

from inline import load, write_ledger

LEDGER = """\
option "title" "Samordningsförbundet Norrbygden"
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

2023-01-01 custom "eget-kapital-riktvarde" 15
; Layout A: one table of income and costs; the comparison column is the
; previous full year (the default of delarsrapport-jamforelse)
2024-01-01 custom "rapportinstallning" "delarsrapport-detalj" "en-tabell"

2023-01-01 commodity SEK

; Balansräkning
2023-01-01 open Tillgångar:Fordringar:Övriga-fordringar SEK
2023-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
2023-01-01 open Eget-kapital:Ingående-balanser SEK
2023-01-01 open Skulder:Kortfristiga:Leverantörsskulder SEK
2023-01-01 open Skulder:Kortfristiga:Upplupna-kostnader SEK

; Medlemsbidrag, in layout A's order: the kommuner, the region, Försäkringskassan
2023-01-01 open Intäkter:Medlemsbidrag:Norrby SEK
  part: "kommun"
  notrad: "Norrby kommun"
2023-01-01 open Intäkter:Medlemsbidrag:Söderås SEK
  part: "kommun"
  notrad: "Söderås kommun"
2023-01-01 open Intäkter:Medlemsbidrag:Västerlund SEK
  part: "kommun"
  notrad: "Västerlunds kommun"
2023-01-01 open Intäkter:Medlemsbidrag:Österby SEK
  part: "kommun"
  notrad: "Österby kommun"
2023-01-01 open Intäkter:Medlemsbidrag:Bäckhamra SEK
  part: "kommun"
  notrad: "Bäckhamra kommun"
2023-01-01 open Intäkter:Medlemsbidrag:Granvik SEK
  part: "kommun"
  notrad: "Granviks kommun"
2023-01-01 open Intäkter:Medlemsbidrag:Regionen SEK
  part: "region"
  notrad: "Region Mellanland"
2023-01-01 open Intäkter:Medlemsbidrag:Försäkringskassan SEK
  part: "staten"
  notrad: "Försäkringskassan"
; Other income; the interest is a finansiell intäkt
2023-01-01 open Intäkter:Övriga:Konferensavgifter SEK
2023-01-01 open Intäkter:Öresutjämning SEK
  notrad: "Öres- och kronutjämning"
2023-01-01 open Intäkter:Finansiella:Ränta SEK

; Insatser. Arbetsbron pays each participating kommun's part on a sub-account
; (a detail row each); its joint costs are booked on the insats itself.
2023-01-01 open Kostnader:Insatser:Steg-framåt SEK
  klass: "individinriktad"
2023-01-01 open Kostnader:Insatser:Arbetsbron SEK
  klass: "individinriktad"
  delrader: TRUE
2023-01-01 open Kostnader:Insatser:Arbetsbron:Norrby-kommun SEK
2023-01-01 open Kostnader:Insatser:Arbetsbron:Söderås-kommun SEK
2023-01-01 open Kostnader:Insatser:Arbetsbron:Granviks-kommun SEK
2023-01-01 open Kostnader:Insatser:Samverkansforum SEK
  klass: "strukturinriktad"
; In the budget plan from 2024, nothing decided yet
2024-01-01 open Kostnader:Insatser:Framtida-projekt SEK
  klass: "ny-verksamhet"
; Administration (klass administration by default)
2023-01-01 open Kostnader:Administration:Styrelse SEK
2023-01-01 open Kostnader:Administration:Tjänsteperson SEK
2023-01-01 open Kostnader:Administration:Övrig-administration SEK
2023-01-01 open Kostnader:Administration:Revision SEK
2023-01-01 open Kostnader:Administration:Ekonomihantering SEK
2023-01-01 open Kostnader:Administration:Utbildning SEK
2023-01-01 open Kostnader:Administration:Marknadsföring SEK

; Budget 2023: medlemsbidrag 4 400 000, kostnader 4 185 000
2023-01-01 custom "budget" Intäkter:Medlemsbidrag:Norrby "yearly" -440000.00 SEK
2023-01-01 custom "budget" Intäkter:Medlemsbidrag:Söderås "yearly" -220000.00 SEK
2023-01-01 custom "budget" Intäkter:Medlemsbidrag:Västerlund "yearly" -165000.00 SEK
2023-01-01 custom "budget" Intäkter:Medlemsbidrag:Österby "yearly" -110000.00 SEK
2023-01-01 custom "budget" Intäkter:Medlemsbidrag:Bäckhamra "yearly" -99000.00 SEK
2023-01-01 custom "budget" Intäkter:Medlemsbidrag:Granvik "yearly" -66000.00 SEK
2023-01-01 custom "budget" Intäkter:Medlemsbidrag:Regionen "yearly" -1100000.00 SEK
2023-01-01 custom "budget" Intäkter:Medlemsbidrag:Försäkringskassan "yearly" -2200000.00 SEK
2023-01-01 custom "budget" Kostnader:Insatser:Steg-framåt "yearly" 1750000.00 SEK
2023-01-01 custom "budget" Kostnader:Insatser:Arbetsbron "yearly" 1100000.00 SEK
2023-01-01 custom "budget" Kostnader:Insatser:Samverkansforum "yearly" 200000.00 SEK
2023-01-01 custom "budget" Kostnader:Administration:Styrelse "yearly" 90000.00 SEK
2023-01-01 custom "budget" Kostnader:Administration:Tjänsteperson "yearly" 840000.00 SEK
2023-01-01 custom "budget" Kostnader:Administration:Övrig-administration "yearly" 60000.00 SEK
2023-01-01 custom "budget" Kostnader:Administration:Revision "yearly" 45000.00 SEK
2023-01-01 custom "budget" Kostnader:Administration:Ekonomihantering "yearly" 60000.00 SEK
2023-01-01 custom "budget" Kostnader:Administration:Utbildning "yearly" 25000.00 SEK
2023-01-01 custom "budget" Kostnader:Administration:Marknadsföring "yearly" 15000.00 SEK
2023-01-01 custom "beviljat" Kostnader:Insatser:Arbetsbron 1100000.00 SEK

; Budget 2024: medlemsbidrag 4 800 000, kostnader 4 800 000
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Norrby "yearly" -480000.00 SEK
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Söderås "yearly" -240000.00 SEK
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Västerlund "yearly" -180000.00 SEK
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Österby "yearly" -120000.00 SEK
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Bäckhamra "yearly" -108000.00 SEK
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Granvik "yearly" -72000.00 SEK
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Regionen "yearly" -1200000.00 SEK
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Försäkringskassan "yearly" -2400000.00 SEK
2024-01-01 custom "budget" Kostnader:Insatser:Steg-framåt "yearly" 2000000.00 SEK
2024-01-01 custom "budget" Kostnader:Insatser:Arbetsbron "yearly" 1250000.00 SEK
2024-01-01 custom "budget" Kostnader:Insatser:Samverkansforum "yearly" 280000.00 SEK
2024-01-01 custom "budget" Kostnader:Insatser:Framtida-projekt "yearly" 0.00 SEK
2024-01-01 custom "budget" Kostnader:Administration:Styrelse "yearly" 95000.00 SEK
2024-01-01 custom "budget" Kostnader:Administration:Tjänsteperson "yearly" 880000.00 SEK
2024-01-01 custom "budget" Kostnader:Administration:Övrig-administration "yearly" 70000.00 SEK
2024-01-01 custom "budget" Kostnader:Administration:Revision "yearly" 50000.00 SEK
2024-01-01 custom "budget" Kostnader:Administration:Ekonomihantering "yearly" 62000.00 SEK
2024-01-01 custom "budget" Kostnader:Administration:Utbildning "yearly" 63000.00 SEK
2024-01-01 custom "budget" Kostnader:Administration:Marknadsföring "yearly" 50000.00 SEK
2024-01-01 custom "beviljat" Kostnader:Insatser:Arbetsbron 1300000.00 SEK

; Helårsprognos per 2024-06-30; the medlemsbidrag, Samverkansforum, Styrelse,
; Tjänsteperson, Övrig administration and Ekonomihantering are forecast at
; their budget, the öresutjämning (no budget) at its utfall so far
2024-06-30 custom "prognos" Intäkter:Övriga:Konferensavgifter -30000.00 SEK
2024-06-30 custom "prognos" Intäkter:Finansiella:Ränta -6300.00 SEK
2024-06-30 custom "prognos" Kostnader:Insatser:Steg-framåt 1980000.00 SEK
2024-06-30 custom "prognos" Kostnader:Insatser:Arbetsbron 1200000.00 SEK
2024-06-30 custom "prognos" Kostnader:Insatser:Framtida-projekt 0.00 SEK
2024-06-30 custom "prognos" Kostnader:Administration:Revision 51200.00 SEK
2024-06-30 custom "prognos" Kostnader:Administration:Utbildning 40000.00 SEK
2024-06-30 custom "prognos" Kostnader:Administration:Marknadsföring 25000.00 SEK

; ---- 2023 ----
2023-01-01 * "Ingående balans 2023"
  Tillgångar:Fordringar:Övriga-fordringar    35000.00 SEK
  Tillgångar:Kassa-och-bank:Bank          1150000.00 SEK
  Skulder:Kortfristiga:Leverantörsskulder  -185000.00 SEK
  Eget-kapital:Ingående-balanser

2023-01-20 * "Försäkringskassan" "Medlemsbidrag 2023"
  Tillgångar:Kassa-och-bank:Bank  2200000.00 SEK
  Intäkter:Medlemsbidrag:Försäkringskassan
2023-01-25 * "Leverantörsbetalningar" "Skulder från 2022"
  Skulder:Kortfristiga:Leverantörsskulder  185000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-01-31 * "Övrig fordran från 2022 reglerad"
  Tillgångar:Kassa-och-bank:Bank  35000.00 SEK
  Tillgångar:Fordringar:Övriga-fordringar
2023-02-01 * "Fakturering" "Medlemsbidrag 2023, kommunerna"
  Tillgångar:Fordringar:Övriga-fordringar  1100000.00 SEK
  Intäkter:Medlemsbidrag:Norrby            -440000.00 SEK
  Intäkter:Medlemsbidrag:Söderås           -220000.00 SEK
  Intäkter:Medlemsbidrag:Västerlund        -165000.00 SEK
  Intäkter:Medlemsbidrag:Österby           -110000.00 SEK
  Intäkter:Medlemsbidrag:Bäckhamra          -99000.00 SEK
  Intäkter:Medlemsbidrag:Granvik            -66000.00 SEK
2023-02-10 * "Region Mellanland" "Medlemsbidrag 2023"
  Tillgångar:Kassa-och-bank:Bank  1100000.00 SEK
  Intäkter:Medlemsbidrag:Regionen
2023-03-15 * "Kommunerna" "Inbetalning medlemsbidrag 2023"
  Tillgångar:Kassa-och-bank:Bank  1100000.00 SEK
  Tillgångar:Fordringar:Övriga-fordringar
2023-03-31 * "Kontorsservice" "Övrig administration"
  Kostnader:Administration:Övrig-administration  56250.25 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-04-20 * "Tryckeriet" "Informationsfolder, fakturan avrundad uppåt"
  Kostnader:Administration:Marknadsföring  12350.75 SEK
  Intäkter:Öresutjämning                       0.25 SEK
  Tillgångar:Kassa-och-bank:Bank           -12351.00 SEK
2023-05-31 * "Styrelsearvoden" "Januari-maj"
  Kostnader:Administration:Styrelse  42000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-06-30 * "Steg framåt" "Januari-juni"
  Kostnader:Insatser:Steg-framåt  850000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-06-30 * "Arbetsbron" "Januari-juni, till kommunerna"
  Kostnader:Insatser:Arbetsbron:Norrby-kommun    300000.00 SEK
  Kostnader:Insatser:Arbetsbron:Söderås-kommun   150000.00 SEK
  Kostnader:Insatser:Arbetsbron:Granviks-kommun   60000.00 SEK
  Tillgångar:Kassa-och-bank:Bank                -510000.00 SEK
2023-06-30 * "Norrby kommun" "Tjänsteperson januari-juni"
  Kostnader:Administration:Tjänsteperson  410000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-09-15 * "Utbildning" "Kurs för kansliet"
  Kostnader:Administration:Utbildning  18900.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-09-30 * "Arbetsbron" "Gemensam handledning"
  Kostnader:Insatser:Arbetsbron  24000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-10-10 * "Samverkansforum" "Konferens"
  Kostnader:Insatser:Samverkansforum  186400.50 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-10-10 * "Annat förbund" "Konferensavgifter"
  Tillgångar:Fordringar:Övriga-fordringar  24000.00 SEK
  Intäkter:Övriga:Konferensavgifter
2023-11-30 * "Styrelsearvoden" "Juni-november"
  Kostnader:Administration:Styrelse  39500.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-12-15 * "Steg framåt" "Juli-december"
  Kostnader:Insatser:Steg-framåt  880000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-12-20 * "Arbetsbron" "Juli-december, till kommunerna"
  Kostnader:Insatser:Arbetsbron:Norrby-kommun    310000.00 SEK
  Kostnader:Insatser:Arbetsbron:Söderås-kommun   155000.00 SEK
  Kostnader:Insatser:Arbetsbron:Granviks-kommun   62000.00 SEK
  Tillgångar:Kassa-och-bank:Bank                -527000.00 SEK
2023-12-29 * "Regionens ekonomitjänst" "Ekonomihantering 2023"
  Kostnader:Administration:Ekonomihantering  60000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2023-12-31 * "Banken" "Ränta 2023"
  Tillgångar:Kassa-och-bank:Bank  8420.00 SEK
  Intäkter:Finansiella:Ränta
; Year-end entries 2023
2023-12-31 * "Norrby kommun" "Tjänsteperson juli-december, faktura i januari"
  Kostnader:Administration:Tjänsteperson  420000.00 SEK
  Skulder:Kortfristiga:Leverantörsskulder
2023-12-31 * "Revisionen" "Upplupen revision 2023"
  Kostnader:Administration:Revision  45000.00 SEK
  Skulder:Kortfristiga:Upplupna-kostnader

; The bank at 2023-12-31 (see test_annual_report_2023_balansrakning)
2024-01-01 balance Tillgångar:Kassa-och-bank:Bank  1792018.25 SEK

; ---- 2024, to 30 June ----
2024-01-15 * "Annat förbund" "Inbetalning konferensavgifter"
  Tillgångar:Kassa-och-bank:Bank  24000.00 SEK
  Tillgångar:Fordringar:Övriga-fordringar
2024-01-18 * "Försäkringskassan" "Medlemsbidrag 2024"
  Tillgångar:Kassa-och-bank:Bank  2400000.00 SEK
  Intäkter:Medlemsbidrag:Försäkringskassan
2024-01-20 * "Norrby kommun" "Betalning tjänsteperson juli-december 2023"
  Skulder:Kortfristiga:Leverantörsskulder  420000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2024-02-01 * "Fakturering" "Medlemsbidrag 2024, regionen"
  Tillgångar:Fordringar:Övriga-fordringar  1200000.00 SEK
  Intäkter:Medlemsbidrag:Regionen
2024-02-01 * "Fakturering" "Medlemsbidrag januari-juni 2024, kommunerna"
  Tillgångar:Fordringar:Övriga-fordringar  600000.00 SEK
  Intäkter:Medlemsbidrag:Norrby            -240000.00 SEK
  Intäkter:Medlemsbidrag:Söderås           -120000.00 SEK
  Intäkter:Medlemsbidrag:Västerlund         -90000.00 SEK
  Intäkter:Medlemsbidrag:Österby            -60000.00 SEK
  Intäkter:Medlemsbidrag:Bäckhamra          -54000.00 SEK
  Intäkter:Medlemsbidrag:Granvik            -36000.00 SEK
2024-02-05 * "Revisionen" "Revision 2023, faktura 46 200 mot upplupna 45 000"
  Skulder:Kortfristiga:Upplupna-kostnader  45000.00 SEK
  Kostnader:Administration:Revision         1200.00 SEK
  Tillgångar:Kassa-och-bank:Bank          -46200.00 SEK
2024-03-01 * "Region Mellanland" "Inbetalning medlemsbidrag 2024"
  Tillgångar:Kassa-och-bank:Bank  1200000.00 SEK
  Tillgångar:Fordringar:Övriga-fordringar
; Granviks kommun has not paid by 30 June; Bäckhamra paid 2 kr too much
2024-03-10 * "Kommunerna" "Inbetalning medlemsbidrag januari-juni 2024"
  Tillgångar:Kassa-och-bank:Bank           564002.00 SEK
  Tillgångar:Fordringar:Övriga-fordringar  -564000.00 SEK
  Intäkter:Öresutjämning                        -2.00 SEK
2024-03-31 * "Steg framåt" "Januari-mars"
  Kostnader:Insatser:Steg-framåt  495000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2024-03-31 * "Kontorsservice" "Övrig administration"
  Kostnader:Administration:Övrig-administration  31120.50 SEK
  Tillgångar:Kassa-och-bank:Bank
2024-04-10 * "Utbildning" "Kurs för kansliet"
  Kostnader:Administration:Utbildning  9800.50 SEK
  Tillgångar:Kassa-och-bank:Bank
2024-04-15 * "Arbetsbron" "Gemensam handledning"
  Kostnader:Insatser:Arbetsbron  12500.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2024-05-22 * "Samverkansforum" "Seminarium"
  Kostnader:Insatser:Samverkansforum  64999.50 SEK
  Tillgångar:Kassa-och-bank:Bank
2024-05-31 * "Styrelsearvoden" "Januari-maj"
  Kostnader:Administration:Styrelse  44800.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2024-06-28 * "Arbetsbron" "Januari-juni, till kommunerna"
  Kostnader:Insatser:Arbetsbron:Norrby-kommun    320000.00 SEK
  Kostnader:Insatser:Arbetsbron:Söderås-kommun   160000.00 SEK
  Kostnader:Insatser:Arbetsbron:Granviks-kommun   65000.00 SEK
  Tillgångar:Kassa-och-bank:Bank                -545000.00 SEK
2024-06-28 * "Regionens ekonomitjänst" "Ekonomihantering januari-juni"
  Kostnader:Administration:Ekonomihantering  31000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2024-06-30 * "Steg framåt" "April-juni, faktura obetald"
  Kostnader:Insatser:Steg-framåt  505000.40 SEK
  Skulder:Kortfristiga:Leverantörsskulder
2024-06-30 * "Norrby kommun" "Tjänsteperson januari-juni, faktura obetald"
  Kostnader:Administration:Tjänsteperson  440000.00 SEK
  Skulder:Kortfristiga:Leverantörsskulder
2024-06-30 * "Banken" "Ränta januari-juni"
  Tillgångar:Kassa-och-bank:Bank  3150.00 SEK
  Intäkter:Finansiella:Ränta

; The bank at 2024-06-30 (see test_balansrakning)
2024-07-01 balance Tillgångar:Kassa-och-bank:Bank  4282749.75 SEK
"""

H1 = Period(date(2024, 1, 1), date(2024, 7, 1))  # 2024-01-01..2024-06-30
Y2023 = Period.year(2023)

# The delårsrapport's columns, layout A: the previous full year first.
COLUMNS = ("Utfall 2023", "Budget 2024", "Utfall 2024-01-01–2024-06-30", "Prognos 2024")
NONE4 = [None, None, None, None]

Printed = list[tuple[str, str, list[int | None]]]


def printed_rows(table: Table) -> Printed:
    """Every row of the table as printed: label, kind and whole kronor per column."""
    return [
        (row.label, row.kind, [printed(value, table.unit_of(row)) for value in row.values])
        for row in table.rows
    ]


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The ledger carries its own options and plugin lines (section 1): no header.
    return write_ledger(tmp_path_factory.mktemp("layout_a"), LEDGER, header="")


@pytest.fixture(scope="module")
def books(path: Path) -> Books:
    books, errors = load(path)
    assert errors == []
    assert books is not None
    return books


@pytest.fixture(scope="module")
def report(books: Books) -> Rapport:
    return rapport(books, H1)


@pytest.fixture(scope="module")
def annual(books: Books) -> Rapport:
    return rapport(books, Y2023)


def test_the_ledger_loads_with_all_plugins(path: Path, books: Books) -> None:
    """The six plugins of section 1 run on the ledger and find nothing wrong.

    finansieringsandelar: booked 2023 FK 2 200 000 / region 1 100 000 /
    kommuner 1 100 000 of 4 400 000 = 50/25/25 %; budget 2024 2 400 000 /
    1 200 000 / 1 200 000 of 4 800 000 = 50/25/25 %; the kommuner's split
    (40/20/15/10/9/6 %) is the same in both budgets. balanskrav: 2023 ends
    +351 018,25, the budgets have no deficit (2023 +215 000, 2024 0).
    beviljat: Arbetsbron 1 061 000 of 1 100 000 in 2023, 557 500 of
    1 300 000 in 2024.
    """
    text = path.read_text(encoding="utf-8")
    for name in (
        "kontoplan",
        "direktiv",
        "finansieringsandelar",
        "balanskrav",
        "beviljat",
        "eget_kapital",
    ):
        assert f'plugin "finsam_ledger.plugins.{name}"\n' in text
    assert books.options["title"] == "Samordningsförbundet Norrbygden"


def test_the_tables_of_the_report(report: Rapport) -> None:
    assert report.slag == "delårsrapport"
    assert report.rubrik == "Delårsrapport 2024-01-01–2024-06-30"
    # en-tabell: detalj instead of Not 2 and Not 3; no balance-sheet forecast
    # in the ledger, so no balansrakning_prognos.
    assert report.keys == (
        "resultatrakning",
        "detalj",
        "balansrakning",
        "driftsredovisning",
        "eget_kapital",
        "balanskrav",
    )


# Forecast sources, the same footnote under the income and cost tables: the
# accounts without a prognos line are forecast at their budget, except the
# öresutjämning, which has no budget either (its utfall so far, 2 kr).
FOOTNOTES = (
    "Prognos enligt budget (ingen prognos angiven): Norrby kommun, Söderås kommun, "
    "Västerlunds kommun, Österby kommun, Bäckhamra kommun, Granviks kommun, "
    "Region Mellanland, Försäkringskassan, Samverkansforum, Styrelse, Tjänsteperson, "
    "Övrig administration, Ekonomihantering",
    "Prognos enligt utfallet hittills (varken prognos eller budget): Öres- och kronutjämning",
)


def test_resultatrakning(report: Rapport) -> None:
    """Verksamhetens intäkter and kostnader, the finansiella poster, the result.

    Verksamhetens intäkter (medlemsbidrag, konferensavgifter, öresutjämning):
      2023: 4 400 000 + 24 000 - 0,25 = 4 423 999,75 -> 4 424 000
      budget 2024: the medlemsbidrag only, 4 800 000
      period: 4 200 000 + 0 + 2 = 4 200 002
      prognos: 4 800 000 + 30 000 + 2 = 4 830 002
    Verksamhetens kostnader (printed negative): 4 081 401,50 -> 4 081 402;
      4 800 000; 2 180 420,90 -> 2 180 421; 4 683 200 (see test_detalj)
    Resultat: 4 423 999,75 - 4 081 401,50 = 342 598,25; 0;
      4 200 002 - 2 180 420,90 = 2 019 581,10; 4 830 002 - 4 683 200 = 146 802
    Finansiella intäkter (ränta): 8 420; no budget (blank); 3 150; 6 300
    Årets resultat: 342 598,25 + 8 420 = 351 018,25; 0;
      2 019 581,10 + 3 150 = 2 022 731,10; 146 802 + 6 300 = 153 102
    """
    rr = report.table("resultatrakning")
    assert rr.title == "Resultaträkning"
    assert rr.columns == COLUMNS
    assert printed_rows(rr) == [
        ("Verksamhetens intäkter", "line", [4424000, 4800000, 4200002, 4830002]),
        ("Verksamhetens kostnader", "line", [-4081402, -4800000, -2180421, -4683200]),
        ("Resultat", "sum", [342598, 0, 2019581, 146802]),
        ("Finansiella intäkter", "line", [8420, None, 3150, 6300]),
        # No account: zero, the budget blank (no budget line), as in the årsredovisning.
        ("Finansiella kostnader", "line", [0, None, 0, 0]),
        ("Resultat efter finansiella poster", "sum", [351018, 0, 2022731, 153102]),
        ("Årets resultat", "sum", [351018, 0, 2022731, 153102]),
    ]
    # en-tabell: no Not 2 or Not 3 to refer to.
    assert all(row.note is None for row in rr.rows)
    assert rr.notes == FOOTNOTES


# The one table of layout A, row by row: label, kind, then Utfall 2023,
# Budget 2024, Utfall 2024-01-01–2024-06-30, Prognos 2024.
DETALJ: Printed = [
    ("Intäkter", "heading", NONE4),
    # Medlemsbidrag 2023 = budget 2023; 2024 budget = prognos (at budget); the
    # kommuner invoiced half the year by 30 June (Granvik's 36 000 unpaid, still
    # income), the region and Försäkringskassan the whole year.
    ("Norrby kommun", "line", [440000, 480000, 240000, 480000]),
    ("Söderås kommun", "line", [220000, 240000, 120000, 240000]),
    ("Västerlunds kommun", "line", [165000, 180000, 90000, 180000]),
    ("Österby kommun", "line", [110000, 120000, 60000, 120000]),
    ("Bäckhamra kommun", "line", [99000, 108000, 54000, 108000]),
    ("Granviks kommun", "line", [66000, 72000, 36000, 72000]),
    ("Region Mellanland", "line", [1100000, 1200000, 1200000, 1200000]),
    ("Försäkringskassan", "line", [2200000, 2400000, 2400000, 2400000]),
    # 2023: 440+220+165+110+99+66 = 1 100 (tkr) + 1 100 000 + 2 200 000
    # budget: 480+240+180+120+108+72 = 1 200 (tkr) + 1 200 000 + 2 400 000
    # period: 240+120+90+60+54+36 = 600 (tkr) + 1 200 000 + 2 400 000
    ("Medlemsbidrag", "sum", [4400000, 4800000, 4200000, 4800000]),
    # Invoiced 2023-10-10, nothing yet in 2024, forecast 30 000; no budget.
    ("Konferensavgifter", "line", [24000, None, 0, 30000]),
    # 2023: -0,25 (the printer's invoice rounded up) prints 0; 2024: Bäckhamra's
    # 2 kr too much; no budget or prognos: forecast at the utfall, 2.
    ("Öres- och kronutjämning", "line", [0, None, 2, 2]),
    # Finansiella intäkter among the other income.
    ("Ränta", "line", [8420, None, 3150, 6300]),
    # 24 000 - 0,25 + 8 420 = 32 419,75 -> 32 420; blank budget;
    # 0 + 2 + 3 150 = 3 152; 30 000 + 2 + 6 300 = 36 302
    ("Övriga intäkter", "sum", [32420, None, 3152, 36302]),
    # 4 400 000 + 32 419,75 = 4 432 419,75 -> 4 432 420; 4 800 000;
    # 4 200 000 + 3 152 = 4 203 152; 4 800 000 + 36 302 = 4 836 302
    ("Summa intäkter", "sum", [4432420, 4800000, 4203152, 4836302]),
    ("Kostnader", "heading", NONE4),
    ("Individ- och strukturinriktade insatser", "heading", NONE4),
    # 2023: 850 000 + 880 000; period: 495 000 + 505 000,40 -> 1 000 000
    ("Steg framåt", "line", [1730000, 2000000, 1000000, 1980000]),
    # 2023: (300 000 + 150 000 + 60 000) + (310 000 + 155 000 + 62 000)
    #   + 24 000 handledning = 1 061 000
    # period: 320 000 + 160 000 + 65 000 + 12 500 handledning = 557 500
    # budget and prognos on the insats account, covering its sub-accounts
    ("Arbetsbron", "line", [1061000, 1250000, 557500, 1200000]),
    # The kommuner's parts (the handledning is in no detail row). Budget and
    # prognos are on the insats, so a part has none of its own: blank
    # (see test_detail_rows_show_no_budget_or_forecast_of_their_own).
    ("Norrby kommun", "detail", [300000 + 310000, None, 320000, None]),
    ("Söderås kommun", "detail", [150000 + 155000, None, 160000, None]),
    ("Granviks kommun", "detail", [60000 + 62000, None, 65000, None]),
    # 2023: 186 400,50 -> 186 401; period: 64 999,50 -> 65 000; prognos at budget
    ("Samverkansforum", "line", [186401, 280000, 65000, 280000]),
    # Opened 2024, budget 0, no utfall, prognos 0: still printed (open account).
    ("Framtida projekt", "line", [0, 0, 0, 0]),
    # 2023: 1 730 000 + 1 061 000 + 186 400,50 = 2 977 400,50 -> 2 977 401
    # budget: 2 000 000 + 1 250 000 + 280 000 + 0 = 3 530 000
    # period: 1 000 000,40 + 557 500 + 64 999,50 = 1 622 499,90 -> 1 622 500
    # prognos: 1 980 000 + 1 200 000 + 280 000 + 0 = 3 460 000
    ("Summa Individ- och strukturinriktade insatser", "sum", [2977401, 3530000, 1622500, 3460000]),
    ("Administration", "heading", NONE4),
    # 2023: 42 000 + 39 500
    ("Styrelse", "line", [81500, 95000, 44800, 95000]),
    # 2023: 410 000 + 420 000 accrued at year end; period: 440 000 unpaid
    ("Tjänsteperson", "line", [830000, 880000, 440000, 880000]),
    # 56 250,25 -> 56 250; 31 120,50 -> 31 121
    ("Övrig administration", "line", [56250, 70000, 31121, 70000]),
    # 2023: 45 000 accrued; 2024: the invoice 46 200 less the accrual 45 000
    ("Revision", "line", [45000, 50000, 1200, 51200]),
    ("Ekonomihantering", "line", [60000, 62000, 31000, 62000]),
    # 9 800,50 -> 9 801
    ("Utbildning", "line", [18900, 63000, 9801, 40000]),
    # 12 350,75 -> 12 351; nothing in the period
    ("Marknadsföring", "line", [12351, 50000, 0, 25000]),
    # 2023: 81 500 + 830 000 + 56 250,25 + 45 000 + 60 000 + 18 900 + 12 350,75
    #   = 1 104 001,00
    # budget: 95 000 + 880 000 + 70 000 + 50 000 + 62 000 + 63 000 + 50 000
    #   = 1 270 000
    # period: 44 800 + 440 000 + 31 120,50 + 1 200 + 31 000 + 9 800,50 + 0
    #   = 557 921,00 (the printed rows add up to 557 922)
    # prognos: 95 000 + 880 000 + 70 000 + 51 200 + 62 000 + 40 000 + 25 000
    #   = 1 223 200
    ("Summa Administration", "sum", [1104001, 1270000, 557921, 1223200]),
    # 2 977 400,50 + 1 104 001 = 4 081 401,50 -> 4 081 402;
    # 3 530 000 + 1 270 000 = 4 800 000; 1 622 499,90 + 557 921 = 2 180 420,90
    # -> 2 180 421; 3 460 000 + 1 223 200 = 4 683 200
    ("Summa kostnader", "sum", [4081402, 4800000, 2180421, 4683200]),
    # 4 432 419,75 - 4 081 401,50 = 351 018,25; 4 800 000 - 4 800 000 = 0;
    # 4 203 152 - 2 180 420,90 = 2 022 731,10; 4 836 302 - 4 683 200 = 153 102
    ("Årets resultat", "sum", [351018, 0, 2022731, 153102]),
]


def test_detalj(report: Rapport) -> None:
    """Layout A's one table: every row, its label, kind and printed figures, in order."""
    detalj = report.table("detalj")
    assert detalj.title == "Intäkter och kostnader"
    assert detalj.columns == COLUMNS
    assert detalj.unit == "kr"
    assert [row.label for row in detalj.rows] == [label for label, _, _ in DETALJ]
    assert printed_rows(detalj) == DETALJ
    assert detalj.notes == FOOTNOTES


def test_detail_rows_are_not_counted_in_the_sums(report: Rapport) -> None:
    """The kommuner's parts of Arbetsbron are printed indented and counted once, in Arbetsbron."""
    rows = printed_rows(report.table("detalj"))
    labels = [label for label, _, _ in rows]
    start = labels.index("Individ- och strukturinriktade insatser")
    end = labels.index("Summa Individ- och strukturinriktade insatser")
    group = rows[start + 1 : end]
    assert [(label, kind) for label, kind, _ in group] == [
        ("Steg framåt", "line"),
        ("Arbetsbron", "line"),
        ("Norrby kommun", "detail"),
        ("Söderås kommun", "detail"),
        ("Granviks kommun", "detail"),
        ("Samverkansforum", "line"),
        ("Framtida projekt", "line"),
    ]
    # Utfall 2023 and the period: the group sum is the lines' sum, the details left out.
    # 1 730 000 + 1 061 000 + 186 401 + 0 = 2 977 401 (the exact sum rounds the same)
    # 1 000 000 + 557 500 + 65 000 + 0 = 1 622 500
    for column, expected in ((0, 2977401), (2, 1622500)):
        lines = sum(values[column] for _, kind, values in group if kind == "line")
        details = sum(values[column] for _, kind, values in group if kind == "detail")
        assert lines == expected == rows[end][2][column]
        assert lines + details != expected
    # The parts are less than the insats: its joint handledning is in no part.
    # 2023: 610 000 + 305 000 + 122 000 = 1 037 000 = 1 061 000 - 24 000
    # period: 320 000 + 160 000 + 65 000 = 545 000 = 557 500 - 12 500
    arbetsbron = group[1][2]
    parts = [values for _, kind, values in group if kind == "detail"]
    assert arbetsbron[0] - sum(v[0] for v in parts) == 24000
    assert arbetsbron[2] - sum(v[2] for v in parts) == 12500
    # Summa kostnader is the two group sums, not the details nor the rows again.
    summa = {label: values for label, kind, values in rows if kind == "sum"}
    assert summa["Summa kostnader"][1] == (
        summa["Summa Individ- och strukturinriktade insatser"][1] + summa["Summa Administration"][1]
    )
    # Whole kronor from exact sums: in the period the administration rows print
    # 44 800 + 440 000 + 31 121 + 1 200 + 31 000 + 9 801 + 0 = 557 922, their
    # exact sum 557 921,00 prints 557 921.
    admin = labels.index("Administration")
    admin_rows = rows[admin + 1 : labels.index("Summa Administration")]
    assert sum(values[2] for _, _, values in admin_rows) == 557922
    assert summa["Summa Administration"][2] == 557921


def test_a_post_of_zeros_is_printed(report: Rapport) -> None:
    """Framtida projekt: budget 0, no utfall, prognos 0, and still a row of zeros."""
    detalj = report.table("detalj")
    row = detalj.row("Framtida projekt")
    assert row.kind == "line"
    assert [printed(value) for value in row.values] == [0, 0, 0, 0]
    drift = report.table("driftsredovisning")
    assert [printed(value) for value in drift.row("Framtida projekt").values] == [
        0,
        0,
        0,
        0,
        None,
    ]


def test_balansrakning(report: Rapport) -> None:
    """At the period end and at the previous year end.

    2023-12-31: övriga fordringar 24 000 (konferensavgifter); bank 1 792 018,25
    (asserted in the ledger: 1 150 000 + 35 000 - 185 000 + 2 200 000
    + 1 100 000 + 1 100 000 - 850 000 - 880 000 - 510 000 - 24 000 - 527 000
    - 186 400,50 - 42 000 - 39 500 - 410 000 - 56 250,25 - 60 000 - 18 900
    - 12 351 + 8 420); skulder 420 000 + 45 000 = 465 000; eget kapital
    1 000 000 + 351 018,25 = 1 351 018,25 = 24 000 + 1 792 018,25 - 465 000.

    2024-06-30: övriga fordringar 24 000 - 24 000 + 1 200 000 - 1 200 000
    + 600 000 - 564 000 = 36 000 (Granvik); bank 1 792 018,25 + 24 000
    - 420 000 - 46 200 + 2 400 000 + 1 200 000 + 564 002 - 495 000 - 545 000
    - 12 500 - 64 999,50 - 44 800 - 31 120,50 - 31 000 - 9 800,50 + 3 150
    = 4 282 749,75 (asserted in the ledger); skulder 505 000,40 + 440 000
    = 945 000,40; eget kapital 1 351 018,25 + 2 022 731,10 = 3 373 749,35;
    36 000 + 4 282 749,75 = 4 318 749,75 = 3 373 749,35 + 945 000,40.
    """
    br = report.table("balansrakning")
    assert br.columns == ("2024-06-30", "2023-12-31")
    assert printed_rows(br) == [
        ("Tillgångar", "heading", [None, None]),
        ("Omsättningstillgångar", "heading", [None, None]),
        ("Övriga fordringar", "line", [36000, 24000]),
        ("Kassa och bank", "line", [4282750, 1792018]),
        ("Summa omsättningstillgångar", "sum", [4318750, 1816018]),
        ("Summa tillgångar", "sum", [4318750, 1816018]),
        ("Eget kapital, avsättningar och skulder", "heading", [None, None]),
        ("Eget kapital", "heading", [None, None]),
        ("Balanserat från föregående år", "line", [1351018, 1000000]),
        ("Årets resultat", "line", [2022731, 351018]),
        ("Summa eget kapital", "sum", [3373749, 1351018]),
        ("Skulder", "heading", [None, None]),
        ("Kortfristiga skulder", "line", [945000, 465000]),
        ("Summa eget kapital, avsättningar och skulder", "sum", [4318750, 1816018]),
    ]


def test_driftsredovisning(report: Rapport) -> None:
    """Budget, utfall, prognos, avvikelse budget – prognos and the grant, per insats and post.

    Avvikelse: budget - prognos for costs, prognos - budget for income and the
    result. Nettokostnad: all costs, 4 800 000 - 4 683 200 = 116 800;
    Bidrag/Intäkt: all income (ränta included), 4 836 302 - 4 800 000 =
    36 302; Resultat 153 102 - 0.
    """
    drift = report.table("driftsredovisning")
    assert drift.title == "Driftsredovisning med helårsprognos"
    assert drift.columns == (
        "Budget 2024",
        "Utfall 2024-01-01–2024-06-30",
        "Prognos 2024",
        "Avvikelse budget – prognos",
        "Beviljat 2024",
    )
    assert printed_rows(drift) == [
        ("Nettokostnad", "line", [4800000, 2180421, 4683200, 116800, None]),
        ("Bidrag/Intäkt", "line", [4800000, 4203152, 4836302, 36302, None]),
        ("Resultat", "sum", [0, 2022731, 153102, 153102, None]),
        ("Individ- och strukturinriktade insatser", "heading", [None] * 5),
        ("Steg framåt", "line", [2000000, 1000000, 1980000, 20000, None]),
        ("Arbetsbron", "line", [1250000, 557500, 1200000, 50000, 1300000]),
        # A part shows a budget and a prognos only where it has its own (none here).
        ("Norrby kommun", "detail", [None, 320000, None, None, None]),
        ("Söderås kommun", "detail", [None, 160000, None, None, None]),
        ("Granviks kommun", "detail", [None, 65000, None, None, None]),
        ("Samverkansforum", "line", [280000, 65000, 280000, 0, None]),
        ("Framtida projekt", "line", [0, 0, 0, 0, None]),
        # 3 530 000 - 3 460 000 = 70 000; the grants of the group: Arbetsbron's
        (
            "Summa Individ- och strukturinriktade insatser",
            "sum",
            [3530000, 1622500, 3460000, 70000, 1300000],
        ),
        ("Administration", "heading", [None] * 5),
        ("Styrelse", "line", [95000, 44800, 95000, 0, None]),
        ("Tjänsteperson", "line", [880000, 440000, 880000, 0, None]),
        ("Övrig administration", "line", [70000, 31121, 70000, 0, None]),
        # 50 000 - 51 200
        ("Revision", "line", [50000, 1200, 51200, -1200, None]),
        ("Ekonomihantering", "line", [62000, 31000, 62000, 0, None]),
        ("Utbildning", "line", [63000, 9801, 40000, 23000, None]),
        ("Marknadsföring", "line", [50000, 0, 25000, 25000, None]),
        # 1 270 000 - 1 223 200 = 46 800
        ("Summa Administration", "sum", [1270000, 557921, 1223200, 46800, None]),
    ]


def test_eget_kapital(report: Rapport) -> None:
    """1 351 018,25 at the start; budget result 0, forecast 153 102.

    1 351 018,25 + 153 102 = 1 504 120,25. Riktvärde 15 % of the medlemsbidrag,
    4 800 000 by the budget and by the forecast (at budget): 720 000.
    """
    ek = report.table("eget_kapital")
    assert ek.title == "Eget kapital 2024-12-31, prognos"
    assert ek.columns == ("Budget 2024", "Prognos 2024")
    assert printed_rows(ek) == [
        ("Eget kapital vid årets början", "line", [1351018, 1351018]),
        ("Årets resultat", "line", [0, 153102]),
        ("Eget kapital 2024-12-31", "sum", [1351018, 1504120]),
        ("Riktvärde eget kapital (högst 15 % av medlemsbidragen)", "line", [720000, 720000]),
    ]


def test_balanskrav(report: Rapport) -> None:
    """The forecast result 153 102, no adjustments, no deficits: balanskravsresultat 153 102."""
    bk = report.table("balanskrav")
    assert bk.columns == ("Prognos 2024",)
    assert printed_rows(bk) == [
        ("Årets resultat enligt resultaträkningen", "line", [153102]),
        ("Samtliga realisationsvinster", "line", [0]),
        ("Realisationsvinster enligt undantagsmöjlighet", "line", [0]),
        ("Realisationsförluster enligt undantagsmöjlighet", "line", [0]),
        ("Orealiserade förluster i värdepapper", "line", [0]),
        ("Återföring av orealiserade förluster i värdepapper", "line", [0]),
        ("Årets resultat efter balanskravsjusteringar", "sum", [153102]),
        ("Reservering till resultatutjämningsreserv/resultatreserv", "line", [0]),
        ("Disponering från resultatutjämningsreserv/resultatreserv", "line", [0]),
        ("Balanskravsresultat", "sum", [153102]),
        ("Underskott från tidigare år att återställa", "line", [0]),
        ("Återställt under året", "line", [0]),
        ("Underskott kvar att återställa", "sum", [0]),
    ]
    assert bk.notes == ()


def test_detail_rows_show_no_budget_or_forecast_of_their_own(report: Rapport) -> None:
    """A part with no budget or prognos of its own is blank there, as in Not 3 of 2023."""
    rows = printed_rows(report.table("detalj"))
    parts = [values for _, kind, values in rows if kind == "detail"]
    assert [values[1] for values in parts] == [None, None, None]
    assert [values[3] for values in parts] == [None, None, None]


def test_the_balance_sheet_refers_to_no_missing_note(report: Rapport) -> None:
    notes = {row.note for row in report.table("balansrakning").rows} - {None}
    printed_notes = {int(key[3:]) for key in report.keys if key.startswith("not")}
    assert notes <= printed_notes


# ---- the annual report of the previous year ------------------------------------------


def test_annual_report_2023_resultatrakning(annual: Rapport) -> None:
    """Budget 2023, utfall 2023, and 2022 blank (the books start in 2023).

    Budget: intäkter 4 400 000 (medlemsbidrag), kostnader 1 750 000
    + 1 100 000 + 200 000 + 90 000 + 840 000 + 60 000 + 45 000 + 60 000
    + 25 000 + 15 000 = 4 185 000; resultat 215 000; no finansiella budget.
    Utfall as in the delårsrapport's comparison column.
    """
    assert annual.slag == "årsredovisning"
    rr = annual.table("resultatrakning")
    assert rr.columns == ("Budget 2023", "2023", "2022")
    assert printed_rows(rr) == [
        ("Verksamhetens intäkter", "line", [4400000, 4424000, None]),
        ("Verksamhetens kostnader", "line", [-4185000, -4081402, None]),
        ("Resultat", "sum", [215000, 342598, None]),
        ("Finansiella intäkter", "line", [None, 8420, None]),
        ("Finansiella kostnader", "line", [None, 0, None]),
        ("Resultat efter finansiella poster", "sum", [215000, 351018, None]),
        ("Årets resultat", "sum", [215000, 351018, None]),
    ]
    assert [row.note for row in rr.rows[:2]] == [2, 3]


def test_annual_report_2023_not2(annual: Rapport) -> None:
    """The members' bidrag at their budget; konferensavgifter 24 000; öresutjämning -0,25."""
    not2 = annual.table("not2")
    assert not2.columns == ("Budget 2023", "2023", "2022")
    assert printed_rows(not2) == [
        ("Norrby kommun", "line", [440000, 440000, None]),
        ("Söderås kommun", "line", [220000, 220000, None]),
        ("Västerlunds kommun", "line", [165000, 165000, None]),
        ("Österby kommun", "line", [110000, 110000, None]),
        ("Bäckhamra kommun", "line", [99000, 99000, None]),
        ("Granviks kommun", "line", [66000, 66000, None]),
        ("Region Mellanland", "line", [1100000, 1100000, None]),
        ("Försäkringskassan", "line", [2200000, 2200000, None]),
        ("Medlemsbidrag", "sum", [4400000, 4400000, None]),
        ("Konferensavgifter", "line", [None, 24000, None]),
        ("Öres- och kronutjämning", "line", [None, 0, None]),
        # 24 000 - 0,25 = 23 999,75 -> 24 000
        ("Övriga intäkter", "sum", [None, 24000, None]),
        # 4 400 000 + 23 999,75 = 4 423 999,75 -> 4 424 000
        ("Summa", "sum", [4400000, 4424000, None]),
    ]


def test_annual_report_2023_not3(annual: Rapport) -> None:
    """Each insats (Arbetsbron with its parts) and administration post against the budget 2023.

    Framtida projekt is opened in 2024: not in the report of 2023.
    """
    not3 = annual.table("not3")
    assert not3.columns == ("Budget 2023", "2023", "2022")
    assert printed_rows(not3) == [
        ("Individ- och strukturinriktade insatser", "heading", [None, None, None]),
        ("Steg framåt", "line", [1750000, 1730000, None]),
        ("Arbetsbron", "line", [1100000, 1061000, None]),
        ("Norrby kommun", "detail", [None, 610000, None]),
        ("Söderås kommun", "detail", [None, 305000, None]),
        ("Granviks kommun", "detail", [None, 122000, None]),
        ("Samverkansforum", "line", [200000, 186401, None]),
        # 1 750 000 + 1 100 000 + 200 000 = 3 050 000
        ("Summa Individ- och strukturinriktade insatser", "sum", [3050000, 2977401, None]),
        ("Administration", "heading", [None, None, None]),
        ("Styrelse", "line", [90000, 81500, None]),
        ("Tjänsteperson", "line", [840000, 830000, None]),
        ("Övrig administration", "line", [60000, 56250, None]),
        ("Revision", "line", [45000, 45000, None]),
        ("Ekonomihantering", "line", [60000, 60000, None]),
        ("Utbildning", "line", [25000, 18900, None]),
        ("Marknadsföring", "line", [15000, 12351, None]),
        # 90 000 + 840 000 + 60 000 + 45 000 + 60 000 + 25 000 + 15 000 = 1 135 000
        ("Summa Administration", "sum", [1135000, 1104001, None]),
        # 3 050 000 + 1 135 000 = 4 185 000; 4 081 401,50 -> 4 081 402
        ("Totalt", "sum", [4185000, 4081402, None]),
    ]


def test_annual_report_2023_balansrakning(annual: Rapport) -> None:
    """2023-12-31 as in the delårsrapport; 2022-12-31 is the ingående balans.

    2022-12-31: fordringar 35 000, bank 1 150 000, skulder 185 000, eget
    kapital 1 150 000 + 35 000 - 185 000 = 1 000 000. Not 4 and Not 5 give
    the accounts: övriga fordringar 24 000 / 35 000; leverantörsskulder
    420 000 / 185 000, upplupna kostnader 45 000 / 0.
    """
    br = annual.table("balansrakning")
    assert br.columns == ("2023-12-31", "2022-12-31")
    assert printed_rows(br) == [
        ("Tillgångar", "heading", [None, None]),
        ("Omsättningstillgångar", "heading", [None, None]),
        ("Fordringar", "line", [24000, 35000]),
        ("Kassa och bank", "line", [1792018, 1150000]),
        ("Summa omsättningstillgångar", "sum", [1816018, 1185000]),
        ("Summa tillgångar", "sum", [1816018, 1185000]),
        ("Eget kapital, avsättningar och skulder", "heading", [None, None]),
        ("Eget kapital", "heading", [None, None]),
        ("Balanserat från föregående år", "line", [1000000, 1000000]),
        ("Årets resultat", "line", [351018, None]),
        ("Summa eget kapital", "sum", [1351018, 1000000]),
        ("Skulder", "heading", [None, None]),
        ("Kortfristiga skulder", "line", [465000, 185000]),
        ("Summa eget kapital, avsättningar och skulder", "sum", [1816018, 1185000]),
    ]
    assert printed_rows(annual.table("not4")) == [
        ("Övriga fordringar", "line", [24000, 35000]),
        ("Summa", "sum", [24000, 35000]),
    ]
    assert printed_rows(annual.table("not5")) == [
        ("Leverantörsskulder", "line", [420000, 185000]),
        ("Upplupna kostnader", "line", [45000, 0]),
        ("Summa", "sum", [465000, 185000]),
    ]


def test_annual_report_2023_kassaflodesanalys(annual: Rapport) -> None:
    """351 018,25 + 11 000 (fordringar 35 000 -> 24 000) + 280 000 (skulder 185 000 -> 465 000).

    = 642 018,25, the change in the bank: 1 792 018,25 - 1 150 000.
    """
    kf = annual.table("kassaflodesanalys")
    assert kf.columns == ("2023", "2022")
    assert printed_rows(kf) == [
        ("Den löpande verksamheten", "heading", [None, None]),
        ("Årets resultat", "line", [351018, None]),
        ("Medel från verksamheten före förändring av rörelsekapital", "sum", [351018, None]),
        ("Ökning(-)/minskning(+) kortfristiga fordringar", "line", [11000, None]),
        ("Ökning(+)/minskning(-) kortfristiga skulder", "line", [280000, None]),
        ("Kassaflöde från den löpande verksamheten", "sum", [642018, None]),
        ("Investeringsverksamheten", "heading", [None, None]),
        ("Kassaflöde från investeringsverksamheten", "sum", [0, None]),
        ("Finansieringsverksamheten", "heading", [None, None]),
        ("Kassaflöde från finansieringsverksamheten", "sum", [0, None]),
        ("Årets kassaflöde", "sum", [642018, None]),
        ("Likvida medel vid årets början", "line", [1150000, None]),
        ("Likvida medel vid årets slut", "sum", [1792018, None]),
    ]


# ---- the command line ---------------------------------------------------------------


def test_cli_json_carries_the_detalj_figures(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["report", str(path), "--period", "2024-01-01..2024-06-30", "--format", "json"]
    assert main(argv) == 0
    tables = json.loads(capsys.readouterr().out)["tables"]
    assert tuple(tables) == (
        "resultatrakning",
        "detalj",
        "balansrakning",
        "driftsredovisning",
        "eget_kapital",
        "balanskrav",
    )
    detalj = tables["detalj"]
    assert detalj["title"] == "Intäkter och kostnader"
    assert tuple(detalj["columns"]) == COLUMNS
    # A line has no "kind" in the JSON.
    assert [
        (row["label"], row.get("kind", "line"), row["values"]) for row in detalj["rows"]
    ] == DETALJ
    rr = {row["label"]: row["values"] for row in tables["resultatrakning"]["rows"]}
    assert rr["Årets resultat"] == [351018, 0, 2022731, 153102]

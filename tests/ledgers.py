"""Ledgers shared by the tests: the example, a small ledger and a half year.

``CHART + TRANSACTIONS`` and ``HALVAR`` are shared because many tests read
the same hand-computed figures from them; a test that changes one goes
through ``inline.replaced`` (which asserts the text it replaces is there,
once) or appends to it (``@ledger_doc(base=...)``). A test of its own ledger
writes it in its docstring (``inline.ledger_doc``).
"""

from __future__ import annotations

from pathlib import Path

from finsam_ledger.model.tabeller import ARSREDOVISNING

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "ledger" / "main.beancount"
REFERENCE = REPO / "tests" / "data" / "annual-report-2021" / "tables.json"
SHARED_REFERENCE = REPO.parent / "shared" / "reference" / "annual-report-2021" / "tables.json"

# The tables of the annual report, in the published order: the library's declaration.
ANNUAL_TABLES = ARSREDOVISNING

HEADER = """\
option "title" "Testförbundet"
option "operating_currency" "SEK"
option "name_assets" "Tillgångar"
option "name_liabilities" "Skulder"
option "name_equity" "Eget-kapital"
option "name_income" "Intäkter"
option "name_expenses" "Kostnader"
option "account_previous_balances" "Ingående-balanser"
plugin "finsam_ledger.plugins.kontoplan"
plugin "finsam_ledger.plugins.direktiv"
"""


# An investment on a long-term loan, avskrivningar, and a loss in 2021.
# 2020: +40 000 bidrag, -35 000 Enter: result 5 000.
# 2021: bidrag 40 000 + 20 000; Enter 80 000.50, Kansli 5 000, avskrivning
# 4 800, ränta 1 250.25: result -31 050.75.
CHART = """
2020-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
2020-01-01 open Tillgångar:Fordringar:Kundfordringar SEK
2020-01-01 open Tillgångar:Materiella-anläggningstillgångar:Inventarier SEK
2020-01-01 open Skulder:Långfristiga:Lån SEK
2020-01-01 open Skulder:Kortfristiga:Leverantörsskulder SEK
2020-01-01 open Eget-kapital:Ingående-balanser SEK
2020-01-01 open Intäkter:Medlemsbidrag:Staten SEK
  part: "staten"
2020-01-01 open Intäkter:Medlemsbidrag:Kommunen SEK
  part: "kommun"
  notrad: "Driftbidrag från kommunen"
2020-01-01 open Intäkter:Finansiella:Ränteintäkter SEK
2020-01-01 open Kostnader:Insatser:Enter SEK
  klass: "individinriktad"
2020-01-01 open Kostnader:Insatser:Avslutad SEK
  klass: "strukturinriktad"
2020-12-31 close Kostnader:Insatser:Avslutad
2020-01-01 open Kostnader:Administration:Kansli SEK
2020-01-01 open Kostnader:Avskrivningar:Inventarier SEK
2020-01-01 open Kostnader:Finansiella:Räntor SEK
"""

TRANSACTIONS = """
2020-01-01 * "Ingående balans"
  Tillgångar:Kassa-och-bank:Bank           100000.00 SEK
  Tillgångar:Fordringar:Kundfordringar      20000.00 SEK
  Skulder:Kortfristiga:Leverantörsskulder  -30000.00 SEK
  Eget-kapital:Ingående-balanser

2020-03-02 * "Försäkringskassan" "Medlemsbidrag 2020"
  Tillgångar:Kassa-och-bank:Bank  40000.00 SEK
  Intäkter:Medlemsbidrag:Staten

2020-06-01 * "Enter" "Faktura"
  Kostnader:Insatser:Enter  35000.00 SEK
  Skulder:Kortfristiga:Leverantörsskulder

2020-07-01 * "Leverantörsbetalning"
  Skulder:Kortfristiga:Leverantörsskulder  30000.00 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-01-11 * "Kundinbetalning"
  Tillgångar:Kassa-och-bank:Bank  20000.00 SEK
  Tillgångar:Fordringar:Kundfordringar

2021-02-01 * "Banken" "Lån"
  Tillgångar:Kassa-och-bank:Bank  50000.00 SEK
  Skulder:Långfristiga:Lån

2021-02-15 * "Inventarier"
  Tillgångar:Materiella-anläggningstillgångar:Inventarier  24000.00 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-03-01 * "Försäkringskassan" "Medlemsbidrag 2021"
  Tillgångar:Kassa-och-bank:Bank  40000.00 SEK
  Intäkter:Medlemsbidrag:Staten

2021-04-01 * "Kommunen" "Faktura medlemsbidrag"
  Tillgångar:Fordringar:Kundfordringar  20000.00 SEK
  Intäkter:Medlemsbidrag:Kommunen

2021-05-03 * "Enter" "Faktura"
  Kostnader:Insatser:Enter  80000.50 SEK
  Skulder:Kortfristiga:Leverantörsskulder

2021-06-01 * "Leverantörsbetalning"
  Skulder:Kortfristiga:Leverantörsskulder  35000.00 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-09-30 * "Banken" "Ränta"
  Kostnader:Finansiella:Räntor  1250.25 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-10-01 * "Kansli"
  Kostnader:Administration:Kansli  5000.00 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-12-31 * "Banken" "Amortering"
  Skulder:Långfristiga:Lån  10000.00 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-12-31 * "Avskrivning inventarier 20 %"
  Kostnader:Avskrivningar:Inventarier  4800.00 SEK
  Tillgångar:Materiella-anläggningstillgångar:Inventarier

2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 70000.00 SEK
2021-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -40000.00 SEK
"""

# A half year with forecasts, 2021. Members pay the whole year early; Enter
# has two forecasts (the later one, dated the period end, applies; one dated
# after the period is ignored); Samverkan has only a budget; Kansli's budget
# on the parent covers its sub-account.
HALVAR = """
2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
2021-01-01 open Tillgångar:Fordringar:Kundfordringar SEK
2021-01-01 open Skulder:Kortfristiga:Leverantörsskulder SEK
2021-01-01 open Eget-kapital:Ingående-balanser SEK
2021-01-01 open Intäkter:Medlemsbidrag:Staten SEK
  part: "staten"
2021-01-01 open Intäkter:Medlemsbidrag:Regionen SEK
  part: "region"
2021-01-01 open Intäkter:Medlemsbidrag:Kommunen SEK
  part: "kommun"
2021-01-01 open Intäkter:Försäljning SEK
  budgetpost: "Kansli"
2021-01-01 open Kostnader:Insatser:Enter SEK
  klass: "individinriktad"
2021-01-01 open Kostnader:Insatser:Samverkan SEK
  klass: "strukturinriktad"
2021-01-01 open Kostnader:Administration:Kansli SEK
2021-01-01 open Kostnader:Administration:Kansli:Lön SEK

2021-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -400000.00 SEK
2021-01-01 custom "budget" Intäkter:Medlemsbidrag:Regionen "yearly" -200000.00 SEK
2021-01-01 custom "budget" Intäkter:Medlemsbidrag:Kommunen "yearly" -200000.00 SEK
2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 500000.00 SEK
2021-01-01 custom "budget" Kostnader:Insatser:Samverkan "yearly" 100000.00 SEK
2021-01-01 custom "budget" Kostnader:Administration:Kansli "yearly" 300000.00 SEK
2020-12-01 custom "budgetunderskott" 2021 "Underskottet 100 000 kr täcks av eget kapital"
2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 550000.00 SEK
2021-03-31 custom "prognos" Kostnader:Insatser:Enter 480000.00 SEK
2021-06-30 custom "prognos" Kostnader:Insatser:Enter 520000.00 SEK
2021-07-31 custom "prognos" Kostnader:Insatser:Enter 999999.00 SEK
2021-06-30 custom "prognos" Intäkter:Försäljning -60000.00 SEK

2021-01-01 * "Ingående balans 2021"
  Tillgångar:Kassa-och-bank:Bank            500000.00 SEK
  Skulder:Kortfristiga:Leverantörsskulder  -100000.00 SEK
  Eget-kapital:Ingående-balanser

2021-01-15 * "Försäkringskassan" "Medlemsbidrag 2021, hela året"
  Tillgångar:Kassa-och-bank:Bank  400000.00 SEK
  Intäkter:Medlemsbidrag:Staten
2021-01-20 * "Leverantörsbetalning"
  Skulder:Kortfristiga:Leverantörsskulder  100000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2021-02-01 * "Regionen" "Medlemsbidrag 2021, hela året"
  Tillgångar:Kassa-och-bank:Bank  200000.00 SEK
  Intäkter:Medlemsbidrag:Regionen
2021-03-01 * "Kommunen" "Faktura medlemsbidrag 2021"
  Tillgångar:Fordringar:Kundfordringar  200000.00 SEK
  Intäkter:Medlemsbidrag:Kommunen
2021-03-25 * "Löner januari-mars"
  Kostnader:Administration:Kansli:Lön  75000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2021-03-31 * "Enter" "Kvartal 1"
  Kostnader:Insatser:Enter  120000.00 SEK
  Skulder:Kortfristiga:Leverantörsskulder
2021-04-15 * "Samverkan" "Utbildningsdag"
  Kostnader:Insatser:Samverkan  20000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2021-05-10 * "Annat förbund" "Försäljning av förbundschefens tid"
  Tillgångar:Fordringar:Kundfordringar  30000.00 SEK
  Intäkter:Försäljning
2021-06-25 * "Löner april-juni"
  Kostnader:Administration:Kansli:Lön  75000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2021-06-30 * "Enter" "Kvartal 2"
  Kostnader:Insatser:Enter  130000.50 SEK
  Skulder:Kortfristiga:Leverantörsskulder
2021-07-15 * "Enter" "Kvartal 3"
  Kostnader:Insatser:Enter  125000.00 SEK
  Skulder:Kortfristiga:Leverantörsskulder
"""

"""Ledgers shared by the tests: the example and a small docstring ledger."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "ledger" / "main.beancount"
REFERENCE = REPO.parent / "shared" / "reference" / "annual-report-2021" / "tables.json"

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

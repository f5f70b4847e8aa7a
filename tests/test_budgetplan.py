"""The budget plan (``finsam budgetplan``): every figure, hand-computed, on small ledgers.

* A closed year (2024) with two plan years (2025, 2026) and a riktvärde
  raised to 30 % from 2026: the guidance mark where eget kapital is above.
* A year in progress (books to 2024-08-31) with a helårsprognos and one
  plan year; the plan of the next year built on that forecast.
* The members' meeting deck's example: 1 639 471 at the start of 2024, a
  budgeted result of −150 000 and an utfall closing at 1 483 897, a 2025
  budget of −1 388 300: 1 489 471 and 95 597.
* The command: text, JSON, XLSX, and its refusals.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from finsam_ledger.cli import main
from finsam_ledger.model.books import Books
from finsam_ledger.model.table import Table, printed_number
from finsam_ledger.statements.budgetplan import budgetplan

from inline import ledger_doc

RIKTVARDE_15 = "Riktvärde eget kapital (högst 15 % av medlemsbidraget)"


def values(table: Table, label: str) -> list[object]:
    """A row as printed: whole kronor, percentages with their decimals."""
    row = table.row(label)
    return [printed_number(v, table.unit_of(row), row.decimals) for v in row.values]


def labels(table: Table) -> list[str]:
    return [row.label for row in table.rows]


CHART = """
2024-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
2024-01-01 open Eget-kapital:Ingående-balanser SEK
2024-01-01 open Intäkter:Medlemsbidrag:Staten SEK
  part: "staten"
2024-01-01 open Intäkter:Medlemsbidrag:Regionen SEK
  part: "region"
2024-01-01 open Intäkter:Medlemsbidrag:Kommunen SEK
  part: "kommun"
2024-01-01 open Intäkter:Försäljning SEK
2024-01-01 open Intäkter:Finansiella:Ränta SEK
2024-01-01 open Kostnader:Insatser:Steg SEK
  klass: "individinriktad"
2024-01-01 open Kostnader:Insatser:Samverkan SEK
  klass: "strukturinriktad"
2024-01-01 open Kostnader:Insatser:Nya-projekt SEK
  klass: "ny-verksamhet"
2024-01-01 open Kostnader:Administration:Kansli SEK
2024-01-01 open Kostnader:Finansiella:Bankavgifter SEK
"""


# --- a closed year and two plan years ---------------------------------------------------------


@ledger_doc(base=CHART)
def test_closed_year_with_two_plan_years(books: Books) -> None:
    """
    ; Eget kapital 500 000 on 1 January 2024.
    2024-01-01 * "Ingående balans"
      Tillgångar:Kassa-och-bank:Bank  500000.00 SEK
      Eget-kapital:Ingående-balanser

    ; Budget 2024: intäkter 820 000, kostnader 920 000, resultat -100 000.
    2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -400000.00 SEK
    2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Regionen "yearly" -200000.00 SEK
    2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Kommunen "yearly" -200000.00 SEK
    2024-01-01 custom "budget" Intäkter:Försäljning "yearly" -20000.00 SEK
    2024-01-01 custom "budget" Kostnader:Insatser:Steg "yearly" 460000.00 SEK
    2024-01-01 custom "budget" Kostnader:Insatser:Samverkan "yearly" 160000.00 SEK
    2024-01-01 custom "budget" Kostnader:Insatser:Nya-projekt "yearly" 50000.00 SEK
    2024-01-01 custom "budget" Kostnader:Administration:Kansli "yearly" 250000.00 SEK
    ; Budget 2025: intäkter 800 000, kostnader 1 060 000, resultat -260 000.
    2025-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -400000.00 SEK
    2025-01-01 custom "budget" Intäkter:Medlemsbidrag:Regionen "yearly" -200000.00 SEK
    2025-01-01 custom "budget" Intäkter:Medlemsbidrag:Kommunen "yearly" -200000.00 SEK
    2025-01-01 custom "budget" Kostnader:Insatser:Steg "yearly" 500000.00 SEK
    2025-01-01 custom "budget" Kostnader:Insatser:Samverkan "yearly" 200000.00 SEK
    2025-01-01 custom "budget" Kostnader:Insatser:Nya-projekt "yearly" 100000.00 SEK
    2025-01-01 custom "budget" Kostnader:Administration:Kansli "yearly" 260000.00 SEK
    ; Budget 2026: intäkter 900 000, kostnader 870 000, resultat +30 000.
    2026-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -450000.00 SEK
    2026-01-01 custom "budget" Intäkter:Medlemsbidrag:Regionen "yearly" -225000.00 SEK
    2026-01-01 custom "budget" Intäkter:Medlemsbidrag:Kommunen "yearly" -225000.00 SEK
    2026-01-01 custom "budget" Kostnader:Insatser:Steg "yearly" 450000.00 SEK
    2026-01-01 custom "budget" Kostnader:Insatser:Samverkan "yearly" 150000.00 SEK
    2026-01-01 custom "budget" Kostnader:Administration:Kansli "yearly" 270000.00 SEK
    ; The riktvärde is 30 % from 2026.
    2026-01-01 custom "eget-kapital-riktvarde" 30

    ; Utfall 2024: intäkter 831 500, kostnader 850 500, resultat -19 000.
    2024-03-01 * "Medlemsbidrag 2024"
      Tillgångar:Kassa-och-bank:Bank  800000.00 SEK
      Intäkter:Medlemsbidrag:Staten  -400000.00 SEK
      Intäkter:Medlemsbidrag:Regionen  -200000.00 SEK
      Intäkter:Medlemsbidrag:Kommunen  -200000.00 SEK
    2024-06-01 * "Försäljning"
      Tillgångar:Kassa-och-bank:Bank  30000.00 SEK
      Intäkter:Försäljning
    2024-09-01 * "Insatserna"
      Kostnader:Insatser:Steg  450000.00 SEK
      Kostnader:Insatser:Samverkan  150000.00 SEK
      Kostnader:Administration:Kansli  250000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2024-12-31 * "Ränta och avgifter"
      Tillgångar:Kassa-och-bank:Bank  1000.00 SEK
      Intäkter:Finansiella:Ränta  -1500.00 SEK
      Kostnader:Finansiella:Bankavgifter  500.00 SEK
    """
    plan = budgetplan(books, 2024)
    assert plan.key == "budgetplan"
    assert plan.title == "Budgetplan 2024–2026"
    assert plan.columns == ("Budget 2024", "Utfall 2024", "Budget 2025", "Budget 2026")
    assert labels(plan) == [
        "Intäkter",
        "Medlemsbidrag",
        "Övriga intäkter",
        "Summa intäkter",
        "Kostnader",
        "Individinriktade insatser",
        "Strukturinriktade insatser",
        "Ny verksamhet",
        "Administration",
        "Övriga kostnader",
        "Summa kostnader",
        "Resultat",
        "Eget kapital vid årets början",
        "Eget kapital vid årets slut",
        "Eget kapital i % av medlemsbidrag",
        "Riktvärde eget kapital (högst andelen nedan av medlemsbidraget)",
        "Riktvärde i % av medlemsbidraget",
        "Över riktvärdet",
    ]
    assert values(plan, "Medlemsbidrag") == [800000, 800000, 800000, 900000]
    # Försäljning; the interest of 1 500 counts among Övriga intäkter.
    assert values(plan, "Övriga intäkter") == [20000, 31500, 0, 0]
    assert values(plan, "Summa intäkter") == [820000, 831500, 800000, 900000]
    assert values(plan, "Individinriktade insatser") == [460000, 450000, 500000, 450000]
    assert values(plan, "Strukturinriktade insatser") == [160000, 150000, 200000, 150000]
    # A class without a budget in a budgeted year is zero, not blank.
    assert values(plan, "Ny verksamhet") == [50000, 0, 100000, 0]
    assert values(plan, "Administration") == [250000, 250000, 260000, 270000]
    # The bank charges: a financial cost, in the result.
    assert values(plan, "Övriga kostnader") == [0, 500, 0, 0]
    assert values(plan, "Summa kostnader") == [920000, 850500, 1060000, 870000]
    assert values(plan, "Resultat") == [-100000, -19000, -260000, 30000]
    # Budget 2024 and Utfall 2024 start from the books; Budget 2025 from the utfall's
    # closing 481 000; Budget 2026 from Budget 2025's projection 221 000.
    assert values(plan, "Eget kapital vid årets början") == [500000, 500000, 481000, 221000]
    assert values(plan, "Eget kapital vid årets slut") == [400000, 481000, 221000, 251000]
    # 400/800, 481/800 = 60,125, 221/800 = 27,625, 251/900 = 27,888…
    assert [str(v) for v in values(plan, "Eget kapital i % av medlemsbidrag")] == [
        "50.0",
        "60.1",
        "27.6",
        "27.9",
    ]
    assert values(plan, "Riktvärde eget kapital (högst andelen nedan av medlemsbidraget)") == [
        120000,
        120000,
        120000,
        270000,
    ]
    assert values(plan, "Riktvärde i % av medlemsbidraget") == [15, 15, 15, 30]
    # Above in 2024 and 2025; 251 000 is within 30 % of 900 000 in 2026: blank.
    assert values(plan, "Över riktvärdet") == [280000, 361000, 101000, None]
    assert plan.notes[0] == (
        "Eget kapital vid årets början är i Budget 2024 och Utfall 2024 bokfört eget kapital "
        "2024-01-01; i Budget 2025 eget kapital vid årets slut i Utfall 2024; i Budget 2026 "
        "eget kapital vid årets slut i Budget 2025. Eget kapital vid årets slut är eget "
        "kapital vid årets början plus Resultat; i Utfall 2024 det bokförda 2024-12-31."
    )
    assert plan.notes[1:] == (
        "Övriga intäkter: alla intäkter utom medlemsbidrag, finansiella intäkter inräknade. "
        "Övriga kostnader: kostnader utanför Finsamklasserna (avskrivningar, finansiella "
        "kostnader).",
        "Över riktvärdet: eget kapital vid årets slut minus riktvärdet där det är högre; "
        "tomt där eget kapital ligger inom riktvärdet.",
    )


# --- a year in progress, with the helårsprognos ---------------------------------------------

OPEN_YEAR = """
2024-01-01 * "Ingående balans"
  Tillgångar:Kassa-och-bank:Bank  300000.00 SEK
  Eget-kapital:Ingående-balanser

; Budget 2024: intäkter 800 000, kostnader 850 000, resultat -50 000.
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -400000.00 SEK
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Regionen "yearly" -200000.00 SEK
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Kommunen "yearly" -200000.00 SEK
2024-01-01 custom "budget" Kostnader:Insatser:Steg "yearly" 500000.00 SEK
2024-01-01 custom "budget" Kostnader:Insatser:Samverkan "yearly" 100000.00 SEK
2024-01-01 custom "budget" Kostnader:Administration:Kansli "yearly" 250000.00 SEK
; Budget 2025: intäkter 800 000, kostnader 1 050 000, resultat -250 000.
2025-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -400000.00 SEK
2025-01-01 custom "budget" Intäkter:Medlemsbidrag:Regionen "yearly" -200000.00 SEK
2025-01-01 custom "budget" Intäkter:Medlemsbidrag:Kommunen "yearly" -200000.00 SEK
2025-01-01 custom "budget" Kostnader:Insatser:Steg "yearly" 600000.00 SEK
2025-01-01 custom "budget" Kostnader:Insatser:Samverkan "yearly" 150000.00 SEK
2025-01-01 custom "budget" Kostnader:Insatser:Nya-projekt "yearly" 40000.00 SEK
2025-01-01 custom "budget" Kostnader:Administration:Kansli "yearly" 260000.00 SEK

; The helårsprognos per 2024-08-31; the one dated after the last booked day is not used.
2024-08-31 custom "prognos" Kostnader:Insatser:Steg 450000.00 SEK
2024-08-31 custom "prognos" Kostnader:Administration:Kansli 240000.00 SEK
2024-09-30 custom "prognos" Kostnader:Insatser:Steg 999999.00 SEK

; Booked to 2024-08-31: half the medlemsbidrag, Steg, Samverkan, Kansli and interest.
2024-03-01 * "Medlemsbidrag, första halvåret"
  Tillgångar:Kassa-och-bank:Bank  400000.00 SEK
  Intäkter:Medlemsbidrag:Staten  -200000.00 SEK
  Intäkter:Medlemsbidrag:Regionen  -100000.00 SEK
  Intäkter:Medlemsbidrag:Kommunen  -100000.00 SEK
2024-06-30 * "Insatserna"
  Kostnader:Insatser:Steg  200000.00 SEK
  Kostnader:Insatser:Samverkan  40000.00 SEK
  Kostnader:Administration:Kansli  100000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2024-08-31 * "Ränta"
  Tillgångar:Kassa-och-bank:Bank  800.00 SEK
  Intäkter:Finansiella:Ränta
"""


@ledger_doc(base=CHART + OPEN_YEAR)
def test_open_year_with_prognos(books: Books) -> None:
    """
    ; The ledger is the shared one (OPEN_YEAR).
    """
    plan = budgetplan(books, 2024)
    assert plan.title == "Budgetplan 2024–2025"
    assert plan.columns == ("Budget 2024", "Prognos 2024", "Budget 2025")
    # Prognos: medlemsbidrag at their budget 800 000; interest at its utfall so far 800.
    assert values(plan, "Medlemsbidrag") == [800000, 800000, 800000]
    assert values(plan, "Övriga intäkter") == [0, 800, 0]
    assert values(plan, "Summa intäkter") == [800000, 800800, 800000]
    # Steg and Kansli by the prognos of 2024-08-31; Samverkan at its budget.
    assert values(plan, "Individinriktade insatser") == [500000, 450000, 600000]
    assert values(plan, "Strukturinriktade insatser") == [100000, 100000, 150000]
    assert values(plan, "Ny verksamhet") == [0, 0, 40000]
    assert values(plan, "Administration") == [250000, 240000, 260000]
    assert "Övriga kostnader" not in labels(plan)  # nothing in any column
    assert values(plan, "Summa kostnader") == [850000, 790000, 1050000]
    assert values(plan, "Resultat") == [-50000, 10800, -250000]
    assert values(plan, "Eget kapital vid årets början") == [300000, 300000, 310800]
    assert values(plan, "Eget kapital vid årets slut") == [250000, 310800, 60800]
    # 250/800 = 31,25; 310,8/800 = 38,85; 60,8/800 = 7,6 (half away from zero).
    assert [str(v) for v in values(plan, "Eget kapital i % av medlemsbidrag")] == [
        "31.3",
        "38.9",
        "7.6",
    ]
    assert values(plan, RIKTVARDE_15) == [120000, 120000, 120000]
    assert values(plan, "Över riktvärdet") == [130000, 190800, None]
    assert plan.notes[0] == (
        "Prognos 2024: utfall till och med 2024-08-31 med helårsprognosen "
        "(prognos daterad senast 2024-08-31); året är inte avslutat."
    )
    assert any(n.startswith("Prognos enligt budget (ingen prognos angiven): ") for n in plan.notes)
    assert "Prognos enligt utfallet hittills (varken prognos eller budget): Ränta" in plan.notes
    assert any("i Budget 2025 eget kapital vid årets slut i Prognos 2024" in n for n in plan.notes)


@ledger_doc(base=CHART + OPEN_YEAR)
def test_next_years_plan_builds_on_the_forecast(books: Books) -> None:
    """
    ; In the autumn: the plan of 2025, while 2024 is in progress.
    """
    plan = budgetplan(books, 2025)
    assert plan.columns == ("Budget 2025",)
    assert values(plan, "Eget kapital vid årets början") == [310800]
    assert values(plan, "Eget kapital vid årets slut") == [60800]
    assert plan.notes[0].startswith(
        "Eget kapital vid årets början är i Budget 2025 eget kapital 2024-12-31 enligt "
        "prognosen per 2024-08-31."
    )


# --- the deck's example -----------------------------------------------------------------------

DECK = """
2024-01-01 * "Ingående balans"
  Tillgångar:Kassa-och-bank:Bank  1639471.00 SEK
  Eget-kapital:Ingående-balanser

2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -4000000.00 SEK
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Regionen "yearly" -2000000.00 SEK
2024-01-01 custom "budget" Intäkter:Medlemsbidrag:Kommunen "yearly" -2000000.00 SEK
2024-01-01 custom "budget" Kostnader:Insatser:Steg "yearly" 6000000.00 SEK
2024-01-01 custom "budget" Kostnader:Administration:Kansli "yearly" 2150000.00 SEK
2025-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -4000000.00 SEK
2025-01-01 custom "budget" Intäkter:Medlemsbidrag:Regionen "yearly" -2000000.00 SEK
2025-01-01 custom "budget" Intäkter:Medlemsbidrag:Kommunen "yearly" -2000000.00 SEK
2025-01-01 custom "budget" Kostnader:Insatser:Steg "yearly" 7000000.00 SEK
2025-01-01 custom "budget" Kostnader:Administration:Kansli "yearly" 2388300.00 SEK

2024-03-01 * "Medlemsbidrag 2024"
  Tillgångar:Kassa-och-bank:Bank  8000000.00 SEK
  Intäkter:Medlemsbidrag:Staten  -4000000.00 SEK
  Intäkter:Medlemsbidrag:Regionen  -2000000.00 SEK
  Intäkter:Medlemsbidrag:Kommunen  -2000000.00 SEK
2024-12-31 * "Årets kostnader"
  Kostnader:Insatser:Steg  6000000.00 SEK
  Kostnader:Administration:Kansli  2155574.00 SEK
  Tillgångar:Kassa-och-bank:Bank
"""


@ledger_doc(base=CHART + DECK)
def test_the_decks_example(books: Books) -> None:
    """
    ; 1 639 471 at the start of 2024; budget 2024 -150 000; utfall 2024 -155 574;
    ; budget 2025 -1 388 300; medlemsbidrag 8 000 000 (the riktvärde 1 200 000).
    """
    plan = budgetplan(books, 2024)
    assert plan.columns == ("Budget 2024", "Utfall 2024", "Budget 2025")
    assert values(plan, "Resultat") == [-150000, -155574, -1388300]
    assert values(plan, "Eget kapital vid årets början") == [1639471, 1639471, 1483897]
    assert values(plan, "Eget kapital vid årets slut") == [1489471, 1483897, 95597]
    assert values(plan, RIKTVARDE_15) == [1200000, 1200000, 1200000]
    assert values(plan, "Riktvärde i % av medlemsbidraget") == [15, 15, 15]
    # The guidance mark: above the riktvärde by the budget and by the utfall of 2024,
    # within it by the plan for 2025.
    assert values(plan, "Över riktvärdet") == [289471, 283897, None]


# --- the command ------------------------------------------------------------------------------


@ledger_doc(base=CHART + DECK)
def test_command_text(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """
    ; The deck's example.
    """
    assert main(["budgetplan", str(path), "--year", "2024"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[:2] == ["Testförbundet", "Budgetplan 2024"]
    assert "Budgetplan 2024–2025" in lines
    header = next(line for line in lines if line.startswith("Belopp i kr"))
    assert header.split()[3:] == ["Budget", "2024", "Utfall", "2024", "Budget", "2025"]
    slut = next(line for line in lines if line.startswith("Eget kapital vid årets slut"))
    assert slut.split()[5:] == ["1", "489", "471", "1", "483", "897", "95", "597"]
    over = next(line for line in lines if line.startswith("Över riktvärdet"))
    assert over.split()[2:] == ["289", "471", "283", "897"]


@ledger_doc(base=CHART + DECK)
def test_command_json(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """
    ; The deck's example.
    """
    assert main(["budgetplan", str(path), "--year", "2024", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["ledger"] == "Testförbundet"
    table = document["tables"]["budgetplan"]
    assert table["columns"] == ["Budget 2024", "Utfall 2024", "Budget 2025"]
    rows = {row["label"]: row for row in table["rows"]}
    assert rows["Eget kapital vid årets slut"] == {
        "label": "Eget kapital vid årets slut",
        "values": [1489471, 1483897, 95597],
        "kind": "sum",
    }
    assert rows["Över riktvärdet"]["values"] == [289471, 283897, None]
    assert rows["Eget kapital i % av medlemsbidrag"]["unit"] == "%"


@ledger_doc(base=CHART + DECK)
def test_command_xlsx(path: Path, tmp_path: Path) -> None:
    """
    ; The deck's example.
    """
    target = tmp_path / "budgetplan.xlsx"
    argv = ["budgetplan", str(path), "--year", "2024", "--format", "xlsx", "-o", str(target)]
    assert main(argv) == 0
    sheet = load_workbook(target)["Budgetplan"]
    rows = list(sheet.iter_rows(min_col=1, max_col=4, values_only=True))
    assert rows[0][0] == "Budgetplan 2024–2025"
    assert rows[2][1:] == ("Budget 2024", "Utfall 2024", "Budget 2025")
    cells = {row[0]: row[1:] for row in rows if row[0]}
    assert cells["Eget kapital vid årets slut"] == (1489471, 1483897, 95597)
    assert cells["Över riktvärdet"] == (289471, 283897, None)
    percent = next(
        r for r in sheet.iter_rows() if r[0].value == "Eget kapital i % av medlemsbidrag"
    )
    assert percent[1].number_format == '0.0" %"'


@ledger_doc(base=CHART + DECK)
def test_command_refusals(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """
    ; The deck's example.
    """
    assert main(["budgetplan", str(path), "--year", "2024", "--format", "xlsx"]) == 2
    assert "--format xlsx needs -o FILE" in capsys.readouterr().err
    assert main(["budgetplan", str(path), "--year", "2030"]) == 2
    assert "Ingen budgetplan för 2030" in capsys.readouterr().err
    assert main(["budgetplan", str(path), "--year", "2024", "-o", str(path)]) == 2
    assert "is a file of the ledger" in capsys.readouterr().err
    assert main(["budgetplan", str(tmp_path / "saknas.beancount"), "--year", "2024"]) == 2
    assert "no such ledger file" in capsys.readouterr().err


@ledger_doc(base=CHART + DECK)
def test_command_html_and_the_ledgers_wording(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """
    ; A förbund's own wording of a column heading applies here as in every report.
    2024-01-01 custom "rubrik" "Budget 2025" "Budget helår 2025"
    """
    target = tmp_path / "budgetplan.html"
    argv = ["budgetplan", str(path), "--year", "2024", "--format", "html", "-o", str(target)]
    assert main(argv) == 0
    page = target.read_text(encoding="utf-8")
    assert '<section id="budgetplan">' in page
    assert "Budget helår 2025" in page
    assert main(["budgetplan", str(path), "--year", "2024", "--format", "json"]) == 0
    table = json.loads(capsys.readouterr().out)["tables"]["budgetplan"]
    assert table["columns"] == ["Budget 2024", "Utfall 2024", "Budget helår 2025"]


@ledger_doc(base=CHART + DECK)
def test_a_booking_directly_on_eget_kapital_is_stated(books: Books) -> None:
    """
    ; A correction of 1 000 booked on eget kapital, not in the result.
    2024-01-01 open Eget-kapital:Rättelser SEK
    2024-06-01 * "Rättelse av ingående balans"
      Tillgångar:Kassa-och-bank:Bank  1000.00 SEK
      Eget-kapital:Rättelser
    """
    plan = budgetplan(books, 2024)
    assert values(plan, "Resultat") == [-150000, -155574, -1388300]
    # 1 639 471 - 155 574 + 1 000; the plan year builds on the booked figure.
    assert values(plan, "Eget kapital vid årets slut") == [1489471, 1484897, 96597]
    assert (
        "Utfall 2024: eget kapital vid årets slut inräknar 1 000 kr bokfört direkt mot "
        "eget kapital." in plan.notes
    )


MARGINAL = (
    '2024-01-01 custom "summarad" "budgetplan" "Marginal mot riktvärdet" '
    '"Eget kapital vid årets slut" "-Riktvärde eget kapital (högst 15 % av medlemsbidraget)"\n'
)


@ledger_doc(base=CHART + DECK + MARGINAL)
def test_command_with_the_ledgers_summary_row(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """
    ; A row of the förbund's own (in the base above): eget kapital above the riktvärde.
    """
    assert main(["budgetplan", str(path), "--year", "2024", "--format", "json"]) == 0
    rows = {
        row["label"]: row
        for row in json.loads(capsys.readouterr().out)["tables"]["budgetplan"]["rows"]
    }
    # 1 489 471 - 1 200 000; 1 483 897 - 1 200 000; 95 597 - 1 200 000.
    assert rows["Marginal mot riktvärdet"]["values"] == [289471, 283897, -1104403]


@ledger_doc(base=CHART + DECK)
def test_command_refuses_a_summary_row_that_does_not_fit(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """
    2024-01-01 custom "summarad" "budgetplan" "X" "Finns inte"
    """
    assert main(["budgetplan", str(path), "--year", "2024"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert '"Finns inte"' in captured.err
    assert captured.err.rstrip().endswith("finsam: 1 error in main.beancount; no report")

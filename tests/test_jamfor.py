"""``finsam jamfor``: three förbund side by side, one of them without the year.

Norr: medlemsbidrag 400 000 (budget 400 000), costs Enter 300 000
(individinriktad) and Kansli 100 000 (administration), budget 420 000:
result 0, budget -20 000; eget kapital 50 000 + 0 = 50 000, 12,5 % of
400 000; riktvärde 15 % = 60 000, not above. Söder: medlemsbidrag 200 000,
costs Samverkan 100 000 (strukturinriktad) and Kansli 25 000: result
75 000; eget kapital 10 000 + 75 000 = 85 000, 42,5 %; riktvärde 30 000,
55 000 above. Väster: books of 2020 only. Norr records 9 participants in
Enter, 2 to work and 1 to studies: the effect counts work (the default),
2 × 16 200 × 12 = 388 800 kr.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from finsam_ledger.cli import main

from inline import write_ledger

CHART = """
2020-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
2020-01-01 open Eget-kapital:Ingående-balanser SEK
2020-01-01 open Intäkter:Medlemsbidrag:Staten SEK
  part: "staten"
2020-01-01 open Kostnader:Insatser:Enter SEK
  klass: "individinriktad"
2020-01-01 open Kostnader:Insatser:Samverkan SEK
  klass: "strukturinriktad"
2020-01-01 open Kostnader:Administration:Kansli SEK
"""

NORR = """
option "title" "Norr"
2021-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -400000.00 SEK
2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 320000.00 SEK
2021-01-01 custom "budget" Kostnader:Administration:Kansli "yearly" 100000.00 SEK
2021-01-01 * "Ingående balans"
  Tillgångar:Kassa-och-bank:Bank  50000.00 SEK
  Eget-kapital:Ingående-balanser
2021-02-01 * "Medlemsbidrag"
  Tillgångar:Kassa-och-bank:Bank  400000.00 SEK
  Intäkter:Medlemsbidrag:Staten
2021-06-01 * "Enter"
  Kostnader:Insatser:Enter  300000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2021-12-31 * "Kansli"
  Kostnader:Administration:Kansli  100000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2021-12-31 custom "deltagare" Kostnader:Insatser:Enter "kvinnor" 5 "man" 4 "nya" 3
2021-12-31 custom "deltagare" Kostnader:Insatser:Enter "avslutade" 4 "arbete" 2 "studier" 1
"""

SODER = """
option "title" "Söder"
2021-01-01 * "Ingående balans"
  Tillgångar:Kassa-och-bank:Bank  10000.00 SEK
  Eget-kapital:Ingående-balanser
2021-02-01 * "Medlemsbidrag"
  Tillgångar:Kassa-och-bank:Bank  200000.00 SEK
  Intäkter:Medlemsbidrag:Staten
2021-06-01 * "Samverkan"
  Kostnader:Insatser:Samverkan  100000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2021-12-31 * "Kansli"
  Kostnader:Administration:Kansli  25000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
"""

VASTER = """
option "title" "Väster"
2020-02-01 * "Medlemsbidrag"
  Tillgångar:Kassa-och-bank:Bank  100000.00 SEK
  Intäkter:Medlemsbidrag:Staten
2020-12-31 * "Kansli"
  Kostnader:Administration:Kansli  100000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
"""


@pytest.fixture
def ledgers(tmp_path: Path) -> list[str]:
    paths = []
    for name, body in (("norr", NORR), ("soder", SODER), ("vaster", VASTER)):
        folder = tmp_path / name
        folder.mkdir()
        paths.append(str(write_ledger(folder, body + CHART)))
    return paths


def test_three_forbund_side_by_side(ledgers: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jamfor", *ledgers, "--year", "2021", "--format", "json"]) == 0
    table = json.loads(capsys.readouterr().out)["tables"]["jamforelse"]
    assert table["columns"] == ["Norr", "Söder", "Väster"]
    rows = {row["label"]: row["values"] for row in table["rows"]}
    assert rows["Medlemsbidrag"] == [400000, 200000, None]
    assert rows["Intäkter, budget"] == [400000, None, None]
    assert rows["Kostnader, budget"] == [420000, None, None]
    assert rows["Resultat, budget"] == [-20000, None, None]
    assert rows["Kostnader, utfall"] == [400000, 125000, None]
    assert rows["Resultat, utfall"] == [0, 75000, None]
    assert rows["Eget kapital vid årets slut"] == [50000, 85000, None]
    assert rows["Eget kapital i % av medlemsbidrag"] == [12.5, 42.5, None]
    assert rows["Riktvärde eget kapital (kr)"] == [60000, 30000, None]
    assert rows["Över riktvärdet (kr)"] == [None, 55000, None]
    # 300 000 / 400 000 and 100 000 / 125 000, one decimal.
    assert rows["Individinriktade insatser (% av kostnaderna)"] == [75.0, 0.0, None]
    assert rows["Strukturinriktade insatser (% av kostnaderna)"] == [0.0, 80.0, None]
    assert rows["Administration (% av kostnaderna)"] == [25.0, 20.0, None]
    assert rows["Deltagare"] == [9, None, None]
    assert rows["Till arbete eller studier"] == [3, None, None]
    assert rows["Samhällsekonomisk effekt (kr)"] == [388800, None, None]
    assert table["notes"] == ["Väster: inga transaktioner 2021"]


def test_a_ledger_with_errors_keeps_its_column(
    ledgers: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    path = write_ledger(broken, "2021-01-01 open Kostnader:Okänt SEK\n")
    assert main(["jamfor", ledgers[0], str(path), "--year", "2021"]) == 0
    out = capsys.readouterr().out
    assert "Norr" in out
    assert "* main: " in out and "inga siffror" in out


def test_xlsx_needs_a_file_and_never_a_ledger_file(
    ledgers: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["jamfor", *ledgers, "--year", "2021", "--format", "xlsx"]) == 2
    assert "needs -o FILE" in capsys.readouterr().err
    before = Path(ledgers[1]).read_bytes()
    assert main(["jamfor", *ledgers, "--year", "2021", "-o", ledgers[1]]) == 2
    assert Path(ledgers[1]).read_bytes() == before

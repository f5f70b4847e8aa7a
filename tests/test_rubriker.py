"""A förbund's own wording: standard labels unless a ledger says otherwise."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from finsam_ledger.cli import main
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Table, printed
from finsam_ledger.statements import rubriker
from finsam_ledger.statements.arsredovisning import statements
from finsam_ledger.statements.rapport import Rapport, rapport

from inline import ledger_doc

# 2021: medlemsbidrag 100 000, Enter 70 000 (paid), Kansli 5 000 (unpaid at
# year end): result 25 000; bank 50 000 + 100 000 - 70 000 = 80 000; eget
# kapital 50 000 + 25 000 = 75 000. Budget: 100 000 - 80 000 = 20 000.
LEDGER = """
2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
2021-01-01 open Skulder:Kortfristiga:Leverantörsskulder SEK
2021-01-01 open Eget-kapital:Ingående-balanser SEK
2021-01-01 open Intäkter:Medlemsbidrag:Staten SEK
  part: "staten"
2021-01-01 open Kostnader:Insatser:Enter SEK
  klass: "individinriktad"
2021-01-01 open Kostnader:Administration:Kansli SEK

2021-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -100000.00 SEK
2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 80000.00 SEK

2021-01-01 * "Ingående balans 2021"
  Tillgångar:Kassa-och-bank:Bank  50000.00 SEK
  Eget-kapital:Ingående-balanser
2021-02-01 * "Försäkringskassan" "Medlemsbidrag 2021"
  Tillgångar:Kassa-och-bank:Bank  100000.00 SEK
  Intäkter:Medlemsbidrag:Staten
2021-05-03 * "Enter" "Faktura och betalning"
  Kostnader:Insatser:Enter  70000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2021-12-31 * "Kansli" "Faktura, obetald"
  Kostnader:Administration:Kansli  5000.00 SEK
  Skulder:Kortfristiga:Leverantörsskulder
"""
Y2021 = Period.year(2021)


def _report(books: Books) -> Rapport:
    return rapport(books, Y2021)


def _values(table: Table, label: str) -> list[int | None]:
    return [printed(v) for v in table.row(label).values]


def _labels(table: Table) -> list[str]:
    return [row.label for row in table.rows]


@ledger_doc(base=LEDGER)
def test_the_default_labels_are_the_standard_wording(books: Books) -> None:
    """
    ; No rubrik lines: LKBR's and RKR's wording.
    """
    report = _report(books)
    drift = report.table("driftsredovisning")
    assert _values(drift, "Utgående eget kapital")[0] == 75000
    assert _values(drift, "Likvida medel")[0] == 80000
    assert not {"Utgående Eget kapital", "Likvida Medel"} & set(_labels(drift))
    assert report.table("resultatrakning").title == "Resultaträkning"
    assert _values(report.table("resultatrakning"), "Årets resultat") == [20000, 25000, None]


@ledger_doc(base=LEDGER)
def test_a_row_label_is_replaced_where_it_is_printed_exactly(books: Books) -> None:
    """
    2021-01-01 custom "rubrik" "Likvida medel" "Kassa och bank vid årets slut"
    """
    report = _report(books)
    drift = report.table("driftsredovisning")
    assert _values(drift, "Kassa och bank vid årets slut")[0] == 80000
    assert "Likvida medel" not in _labels(drift)
    # Only the label that equals it: the kassaflödesanalys's rows keep theirs.
    kf = report.table("kassaflodesanalys")
    assert _values(kf, "Likvida medel vid årets slut") == [80000, None]


@ledger_doc(base=LEDGER)
def test_a_sum_row_a_title_and_a_column_heading_are_replaced(books: Books) -> None:
    """
    2021-01-01 custom "rubrik" "Summa tillgångar" "Tillgångar totalt"
    2021-01-01 custom "rubrik" "Resultaträkning" "Förbundets resultaträkning"
    2021-01-01 custom "rubrik" "Budget 2021" "Budget helår 2021"
    """
    report = _report(books)
    br = report.table("balansrakning")
    row = br.row("Tillgångar totalt")
    assert row.kind == "sum"
    assert [printed(v) for v in row.values] == [80000, 50000]
    rr = report.table("resultatrakning")
    assert rr.title == "Förbundets resultaträkning"
    assert rr.columns == ("Budget helår 2021", "2021", "2020")
    assert _values(rr, "Årets resultat") == [20000, 25000, None]
    # The same heading in another table: every table of the report.
    assert report.table("not3").columns[0] == "Budget helår 2021"


@ledger_doc(base=LEDGER)
def test_tabell_limits_a_line_to_one_table(books: Books) -> None:
    """
    2021-01-01 custom "rubrik" "Årets resultat" "Periodens resultat"
      tabell: "resultatrakning"
    """
    report = _report(books)
    rr = report.table("resultatrakning")
    assert _values(rr, "Periodens resultat") == [20000, 25000, None]
    assert "Årets resultat" not in _labels(rr)
    br = report.table("balansrakning")
    assert _values(br, "Årets resultat") == [25000, None]
    assert "Periodens resultat" not in _labels(br)


@ledger_doc(base=LEDGER)
def test_the_later_line_wins_and_a_table_line_wins_over_a_general_one(books: Books) -> None:
    """
    2021-01-01 custom "rubrik" "Likvida medel" "Likvida medel (kassa)"
    2021-06-01 custom "rubrik" "Likvida medel" "Likvida medel (bank)"
    2020-01-01 custom "rubrik" "Summa tillgångar" "Tillgångar totalt"
      tabell: "balansrakning"
    2021-06-01 custom "rubrik" "Summa tillgångar" "Summa"
    """
    report = _report(books)
    assert _values(report.table("driftsredovisning"), "Likvida medel (bank)")[0] == 80000
    assert _values(report.table("balansrakning"), "Tillgångar totalt") == [80000, 50000]


@ledger_doc(base=LEDGER)
def test_a_line_dated_after_the_report_does_not_apply(books: Books) -> None:
    """
    2021-12-31 custom "rubrik" "Utgående eget kapital" "Eget kapital vid årets slut"
    2022-01-01 custom "rubrik" "Likvida medel" "Kassa"
    """
    drift = _report(books).table("driftsredovisning")
    # Dated on the report's last day: it applies; dated after it: it does not.
    assert _values(drift, "Eget kapital vid årets slut")[0] == 75000
    assert _values(drift, "Likvida medel")[0] == 80000
    assert "Kassa" not in _labels(drift)


@ledger_doc(base=LEDGER)
def test_a_delarsrapport_takes_the_lines_dated_by_its_end(books: Books) -> None:
    """
    2021-07-01 custom "rubrik" "Driftsredovisning med helårsprognos" "Driftsredovisning, prognos"
    """
    juni = rapport(books, Period.delar(Y2021.start, Y2021.start.replace(month=6, day=30)))
    augusti = rapport(books, Period.delar(Y2021.start, Y2021.start.replace(month=8, day=31)))
    assert juni.table("driftsredovisning").title == "Driftsredovisning med helårsprognos"
    drift = augusti.table("driftsredovisning")
    assert drift.title == "Driftsredovisning, prognos"
    # Utfall to 31 August: Enter 70 000 (the columns: budget, utfall, prognos, ...).
    assert (
        printed(drift.row("Enter").values[drift.columns.index("Utfall 2021-01-01–2021-08-31")])
        == 70000
    )


@ledger_doc(base=LEDGER)
def test_every_front_end_gets_the_same_wording(books: Books) -> None:
    """
    2021-01-01 custom "rubrik" "Likvida medel" "Likvida Medel"
      tabell: "driftsredovisning"
    2021-01-01 custom "rubrik" "Årets resultat" "Periodens resultat"
    """
    # rapport() puts the standard wording of statements() into the ledger's, once for
    # every front end; replacing twice changes nothing (no line replaces a wording
    # another gives).
    report = _report(books)
    plain = tuple(statements(books, Y2021).values())
    assert report.tables == rubriker.anpassa(books, Y2021, plain)
    assert report.tables != plain
    assert rubriker.anpassa(books, Y2021, report.tables) == report.tables


@ledger_doc(base=LEDGER)
def test_the_json_shows_the_ledgers_wording(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """
    2021-01-01 custom "rubrik" "Likvida medel" "Likvida Medel"
      tabell: "driftsredovisning"
    """
    assert main(["report", str(path), "--year", "2021", "--format", "json"]) == 0
    tables = json.loads(capsys.readouterr().out)["tables"]
    rows = {row["label"]: row for row in tables["driftsredovisning"]["rows"]}
    assert "Likvida medel" not in rows
    assert rows["Likvida Medel"]["values"][0] == 80000
    kf = {row["label"]: row for row in tables["kassaflodesanalys"]["rows"]}
    assert kf["Likvida medel vid årets slut"]["values"][0] == 80000


def test_the_example_prints_its_published_wording(example: Books) -> None:
    """The example ledger's rubrik lines keep the driftsredovisning as published."""
    drift = rapport(example, Y2021).table("driftsredovisning")
    assert _values(drift, "Utgående Eget kapital")[0] == 2272710
    assert _values(drift, "Likvida Medel")[0] == 3401012
    assert not {"Utgående eget kapital", "Likvida medel"} & set(_labels(drift))


def _lineno(path: Path, line: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(line) + 1


def _errors_at(errors: list[Any], path: Path, line: str, message: str) -> None:
    matching = [e for e in errors if message in e.message]
    assert matching, [e.message for e in errors]
    assert [e.source["lineno"] for e in matching] == [_lineno(path, line)]


MISSPELT = '2021-01-01 custom "rubrik" "Likvida medle" "Likvida Medel"'


@ledger_doc(base=LEDGER)
def test_a_label_no_report_prints_is_an_error_before_a_report(
    books: Books, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """
    2021-01-01 custom "rubrik" "Likvida medle" "Likvida Medel"
    """
    message = (
        'direktiv: custom "rubrik" "Likvida medle": no report of these books prints '
        '"Likvida medle" (did you mean "Likvida medel"?)'
    )
    _errors_at(rubriker.otryckta(books), path, MISSPELT, message)
    # finsam report prints it as an error of the ledger, at its line, and makes no report.
    assert main(["report", str(path), "--year", "2021", "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"main.beancount:{_lineno(path, MISSPELT)}:" in captured.err
    assert message in captured.err


@ledger_doc(base=LEDGER)
def test_a_label_printed_only_in_another_table_is_an_error(books: Books, path: Path) -> None:
    """
    2021-01-01 custom "rubrik" "Likvida medel" "Likvida Medel"
      tabell: "balansrakning"
    """
    _errors_at(
        rubriker.otryckta(books),
        path,
        '2021-01-01 custom "rubrik" "Likvida medel" "Likvida Medel"',
        'no report of these books prints "Likvida medel" in balansrakning '
        "(it is printed in driftsredovisning)",
    )


@ledger_doc(base=LEDGER)
def test_labels_of_the_delarsrapport_are_printed_labels(books: Books) -> None:
    """
    2021-01-01 custom "rubrik" "Driftsredovisning med helårsprognos" "Driftsredovisning, prognos"
    2021-01-01 custom "rubrik" "Utfall 2021-01-01–2021-08-31" "Utfall januari–augusti 2021"
    """
    assert rubriker.otryckta(books) == []
    # Found in the delårsrapporter, which the check builds (to 30 June, and to 31 August
    # for the heading that names that day).
    printed = rubriker.tryckta(books)
    assert printed is not None
    assert "Driftsredovisning med helårsprognos" in printed["driftsredovisning"]
    assert "Utfall 2021-01-01–2021-08-31" not in printed["driftsredovisning"]


@ledger_doc(base=LEDGER, expect_errors=True)
def test_an_unknown_table_is_an_error_at_load(
    books: Books | None, errors: list[Any], path: Path
) -> None:
    """
    2021-01-01 custom "rubrik" "Likvida medel" "Likvida Medel"
      tabell: "driftsredovisningen"
    """
    assert books is None
    _errors_at(
        errors,
        path,
        '2021-01-01 custom "rubrik" "Likvida medel" "Likvida Medel"',
        "table 'driftsredovisningen' is not one of resultatrakning, ",
    )
    assert any("did you mean 'driftsredovisning'?" in e.message for e in errors)


@ledger_doc(base=LEDGER, expect_errors=True)
def test_a_label_that_is_another_lines_wording_is_an_error_at_load(
    books: Books | None, errors: list[Any], path: Path
) -> None:
    """
    2021-01-01 custom "rubrik" "Likvida medel" "Kassa och bank"
    2021-01-01 custom "rubrik" "Kassa och bank" "Bank"
    """
    assert books is None
    _errors_at(
        errors,
        path,
        '2021-01-01 custom "rubrik" "Kassa och bank" "Bank"',
        '"Kassa och bank" is the wording line',
    )


@ledger_doc(base=LEDGER)
def test_the_same_wording_in_different_tables_is_no_error(books: Books) -> None:
    """
    2021-01-01 custom "rubrik" "Likvida medel" "Kassa och bank"
      tabell: "driftsredovisning"
    2021-01-01 custom "rubrik" "Kassa och bank" "Bank"
      tabell: "balansrakning"
    """
    report = _report(books)
    assert _values(report.table("driftsredovisning"), "Kassa och bank")[0] == 80000
    assert _values(report.table("balansrakning"), "Bank") == [80000, 50000]


@ledger_doc(base=LEDGER)
def test_a_budgetplan_label_is_a_printed_label(path: Path) -> None:
    """
    2021-01-01 custom "rubrik" "Över riktvärdet" "Över vägledningen"
      tabell: "budgetplan"
    """
    from finsam_ledger.model.books import load
    from finsam_ledger.statements.rubriker import otryckta

    books, errors = load(path)
    assert books is not None, errors
    assert otryckta(books) == []

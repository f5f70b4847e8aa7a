"""A förbund's own summary rows (``custom "summarad"``): every figure hand-computed.

The ledger of :data:`BOOKS`: an ingående balans of 100 000 on 2020-01-01;
2020: medlemsbidrag 40 000, Enter 35 000 (result 5 000); 2021: medlemsbidrag
60 000, Enter 50 000.50 (May) + 30 000 (31 December), result -20 000.50.
Eget kapital at 1 January: 2020 100 000, 2021 105 000. Budget 2021:
intäkter 60 000, kostnader 90 000; prognos made 2021-06-30: Enter 85 000
(medlemsbidrag forecast at budget). The resultaträkning prints intäkter
positive and kostnader negative, and a term counts as printed.
"""

# The ledgers' summarad lines are as long as a user writes them.
# ruff: noqa: E501

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fava.application import create_app

from finsam_ledger.cli import main
from finsam_ledger.model.books import Books
from finsam_ledger.model.errors import Error
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Value
from finsam_ledger.statements import summarader
from finsam_ledger.statements.rapport import IngenRapport, rapport

from inline import ledger_doc

YEAR = Period.year(2021)
H1 = Period(date(2021, 1, 1), date(2021, 7, 1))
FIGURES = '"Ingående eget kapital", "Eget kapital vid årets början"'

BOOKS = """
2020-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
2020-01-01 open Eget-kapital:Ingående-balanser SEK
2020-01-01 open Intäkter:Medlemsbidrag:Staten SEK
  part: "staten"
2020-01-01 open Kostnader:Insatser:Enter SEK
  klass: "individinriktad"

2020-01-01 * "Ingående balans"
  Tillgångar:Kassa-och-bank:Bank  100000.00 SEK
  Eget-kapital:Ingående-balanser

2020-03-02 * "Försäkringskassan" "Medlemsbidrag 2020"
  Tillgångar:Kassa-och-bank:Bank  40000.00 SEK
  Intäkter:Medlemsbidrag:Staten

2020-06-01 * "Enter" "Faktura"
  Kostnader:Insatser:Enter  35000.00 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-03-01 * "Försäkringskassan" "Medlemsbidrag 2021"
  Tillgångar:Kassa-och-bank:Bank  60000.00 SEK
  Intäkter:Medlemsbidrag:Staten

2021-05-03 * "Enter" "Faktura"
  Kostnader:Insatser:Enter  50000.50 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-12-31 * "Enter" "Faktura"
  Kostnader:Insatser:Enter  30000.00 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -60000.00 SEK
2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 90000.00 SEK
2021-06-30 custom "prognos" Kostnader:Insatser:Enter 85000.00 SEK
"""

# Layout B's first two rows: eget kapital at the start of the year, and
# that plus the year's intäkter (every column: no kolumner).
ACK = """
2021-01-01 custom "summarad" "resultatrakning" "Ack resultat fg år" "Ingående eget kapital"
  efter: "Verksamhetens intäkter"
2021-01-01 custom "summarad" "resultatrakning" "Möjligt att disponera" "Ack resultat fg år" "Verksamhetens intäkter"
  efter: "Ack resultat fg år"
"""


def d(*values: str | None) -> tuple[Value, ...]:
    return tuple(None if v is None else Decimal(v) for v in values)


def in_columns(table: Table, label: str) -> tuple[Value, ...]:
    """A delårsrapport row's budget, utfall, prognos and comparison, whatever their order."""
    values = dict(zip(table.columns, table.row(label).values, strict=True))
    mine = ("Budget 2021", "Utfall 2021-01-01–2021-06-30", "Prognos 2021")
    (other,) = (heading for heading in table.columns if heading not in mine)
    return tuple(values[heading] for heading in (*mine, other))


def labels(table: Table) -> list[str]:
    return [row.label for row in table.rows]


def line_of(path: Path) -> int:
    """The line of the ledger's last summarad (the test's own)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return max(i for i, line in enumerate(lines, 1) if 'custom "summarad"' in line)


def refusal(books: Books, period: Period = YEAR) -> str:
    with pytest.raises(IngenRapport) as refused:
        rapport(books, period)
    assert refused.value.orsak == "summarad"
    assert "\n" not in refused.value.reason
    return refused.value.reason


@ledger_doc(base=BOOKS + ACK)
def test_rows_in_the_resultatrakning(books: Books) -> None:
    """
    2021-01-01 custom "summarad" "resultatrakning" "Eget kapital vid årets slut" "Möjligt att disponera" "Verksamhetens kostnader"
      efter: "Verksamhetens kostnader"
      kolumner: "Budget"
    """
    rr = rapport(books, YEAR).table("resultatrakning")
    assert rr.columns == ("Budget 2021", "2021", "2020")
    assert labels(rr)[:5] == [
        "Verksamhetens intäkter",
        "Ack resultat fg år",
        "Möjligt att disponera",
        "Verksamhetens kostnader",
        "Eget kapital vid årets slut",
    ]
    # The budget column and the year's take eget kapital at 2021-01-01, the
    # previous year's at 2020-01-01 (the ingående balans included).
    assert rr.row("Ack resultat fg år").values == d("105000", "105000", "100000")
    assert rr.row("Möjligt att disponera").values == d("165000", "165000", "140000")
    assert rr.row("Eget kapital vid årets slut").values == d("75000", None, None)
    assert {rr.row(label).kind for label in labels(rr)[1:3]} == {"sum"}
    # The statement's own rows are untouched.
    assert rr.row("Årets resultat").values == d("-30000", "-20000.50", "5000")


@ledger_doc(base=BOOKS)
def test_minus_and_the_kolumner_words(books: Books) -> None:
    """
    2021-01-01 custom "summarad" "resultatrakning" "Förbrukat eget kapital" "-Årets resultat"
      kolumner: "Budget 2021"
    2021-01-01 custom "summarad" "resultatrakning" "Kvar" "Eget kapital vid årets början" "- Förbrukat eget kapital"
    """
    rr = rapport(books, YEAR).table("resultatrakning")
    assert labels(rr)[-2:] == ["Förbrukat eget kapital", "Kvar"]  # no efter: the table's end
    # "Budget 2021" names the columns whose heading starts with "Budget" or "2021".
    assert rr.row("Förbrukat eget kapital").values == d("30000", "20000.50", None)
    assert rr.row("Kvar").values == d("75000", "84999.50", None)


@ledger_doc(base=BOOKS)
def test_a_row_of_the_statement_filled_in_some_columns(books: Books) -> None:
    """
    ; Layout B's "Periodens resultat": eget kapital at the year end under budget.
    2021-01-01 custom "summarad" "resultatrakning" "Årets resultat" "Ingående eget kapital" "Årets resultat"
      kolumner: "Budget"
    """
    rr = rapport(books, YEAR).table("resultatrakning")
    assert labels(rr).count("Årets resultat") == 1
    assert labels(rr)[-1] == "Årets resultat"
    assert rr.row("Årets resultat").values == d("75000", "-20000.50", "5000")
    assert rr.row("Årets resultat").kind == "sum"


@ledger_doc(base=BOOKS)
def test_a_row_label_wins_over_a_figure_and_a_blank_term_blanks_the_sum(books: Books) -> None:
    """
    2021-01-01 custom "summarad" "resultatrakning" "Ingående eget kapital" "Verksamhetens intäkter"
    2021-01-01 custom "summarad" "resultatrakning" "Kontroll" "Ingående eget kapital" "Finansiella intäkter"
    """
    rr = rapport(books, YEAR).table("resultatrakning")
    assert rr.row("Finansiella intäkter").values[0] is None  # no budget for it
    assert rr.row("Kontroll").values == d(None, "60000", "40000")


@ledger_doc(base=BOOKS + ACK)
def test_layout_b_in_the_delarsrapport(books: Books) -> None:
    """
    2021-01-01 custom "summarad" "resultatrakning" "Periodens resultat" "Möjligt att disponera" "Verksamhetens kostnader"
      efter: "Verksamhetens kostnader"
      kolumner: "Budget Prognos"
    """
    rr = rapport(books, H1).table("resultatrakning")
    # Without kolumner the rows fill every column, the budget and the
    # prognos with eget kapital at 1 January of the report's year, the
    # comparison column (2020, whole year or half) with that of 2020 and the
    # intäkter of 2020, 40 000 (all in March). Periodens resultat fills only
    # the budget and the prognos (kostnader 90 000 and 85 000, printed
    # negative, so added).
    assert in_columns(rr, "Ack resultat fg år") == d("105000", "105000", "105000", "100000")
    assert in_columns(rr, "Möjligt att disponera") == d("165000", "165000", "165000", "140000")
    assert in_columns(rr, "Periodens resultat") == d("75000", None, "80000", None)


@ledger_doc(base=BOOKS)
def test_the_documented_layout_b_example(books: Books) -> None:
    """
    ; docs/ledger-format.md, section 5: "Årets resultat" renamed and filled
    2021-01-01 custom "rubrik" "Årets resultat" "Periodens resultat"
      tabell: "resultatrakning"
    2021-01-01 custom "summarad" "resultatrakning" "Ack resultat fg år" "Ingående eget kapital"
      efter: "Verksamhetens intäkter"
      kolumner: "Budget Prognos"
    2021-01-01 custom "summarad" "resultatrakning" "Möjligt att disponera" "Ack resultat fg år" "Verksamhetens intäkter"
      efter: "Ack resultat fg år"
      kolumner: "Budget Prognos"
    ; Ack resultat fg år + Periodens resultat: eget kapital at the year end,
    ; financial items included
    2021-01-01 custom "summarad" "resultatrakning" "Periodens resultat" "Ack resultat fg år" "Periodens resultat"
      kolumner: "Budget Prognos"
    """
    rr = rapport(books, H1).table("resultatrakning")
    assert labels(rr)[:4] == [
        "Verksamhetens intäkter",
        "Ack resultat fg år",
        "Möjligt att disponera",
        "Verksamhetens kostnader",
    ]
    assert labels(rr)[-1] == "Periodens resultat"
    assert "Årets resultat" not in labels(rr)
    assert in_columns(rr, "Ack resultat fg år") == d("105000", None, "105000", None)
    assert in_columns(rr, "Möjligt att disponera") == d("165000", None, "165000", None)
    # Utfall: the period's result, 60 000 - 50 000.50, and the comparison
    # column's own; budget 105 000 - 30 000, prognos 105 000 - 25 000.
    own = in_columns(rr, "Resultat efter finansiella poster")
    assert in_columns(rr, "Periodens resultat") == (*d("75000", "9999.50", "80000"), own[3])


@ledger_doc(base=BOOKS)
def test_eget_kapital_of_a_year_before_the_books_is_blank(books: Books) -> None:
    """
    2019-12-31 custom "nyckeltal" "intakter" 50000.00 SEK
    2021-01-01 custom "summarad" "oversikt" "Eget kapital vid årets början" "Eget kapital vid årets början"
      efter: "Årets resultat"
    """
    oversikt = rapport(books, YEAR).table("oversikt")
    assert oversikt.columns[-3:] == ("2021", "2020", "2019")
    assert labels(oversikt)[:4] == [
        "Verksamhetens intäkter",
        "Verksamhetens kostnader",
        "Årets resultat",
        "Eget kapital vid årets början",
    ]
    assert oversikt.row("Eget kapital vid årets början").values[-3:] == d("105000", "100000", None)


@ledger_doc(base=BOOKS)
def test_a_table_the_report_lacks_is_left_out(books: Books) -> None:
    """
    ; the kassaflödesanalys is in the årsredovisning only: the delårsrapport ignores it
    2021-01-01 custom "summarad" "kassaflodesanalys" "Ingen sådan" "Ingen rad"
    """
    assert "kassaflodesanalys" not in rapport(books, H1).keys
    assert "Ingen rad" in refusal(books, YEAR)


# --- what does not fit: the report refuses, naming the line ----------------------------


@ledger_doc(base=BOOKS)
def test_an_unknown_term_refuses_the_report(books: Books, path: Path) -> None:
    """
    2021-01-01 custom "summarad" "resultatrakning" "Möjligt att disponera" "Ack resultat fg år" "Summa intäkter"
    """
    line = line_of(path)
    assert refusal(books) == (
        f'{path}:{line}: custom "summarad" "Möjligt att disponera": "Ack resultat fg år" är varken '
        f"en rad i tabellen resultatrakning eller ett av talen {FIGURES}; tabellens rader: "
        '"Verksamhetens intäkter", "Verksamhetens kostnader", "Resultat", '
        '"Finansiella intäkter", "Finansiella kostnader", "Resultat efter finansiella poster", '
        '"Årets resultat"'
    )


@ledger_doc(base=BOOKS)
def test_a_misspelt_term_gets_the_nearest_label(books: Books, path: Path) -> None:
    """
    2021-01-01 custom "summarad" "resultatrakning" "Summa" "Verksamhetens intakter"
    """
    line = line_of(path)
    assert refusal(books) == (
        f'{path}:{line}: custom "summarad" "Summa": "Verksamhetens intakter" är varken en rad '
        f"i tabellen resultatrakning eller ett av talen {FIGURES}; "
        'menade du "Verksamhetens intäkter"?'
    )


@ledger_doc(base=BOOKS)
def test_an_unknown_efter_refuses_the_report(books: Books, path: Path) -> None:
    """
    2021-01-01 custom "summarad" "resultatrakning" "Summa" "Verksamhetens intäkter"
      efter: "Summa intäkter"
    """
    line = line_of(path)
    assert refusal(books).startswith(
        f'{path}:{line}: custom "summarad" "Summa": efter: "Summa intäkter" är ingen rad i '
        "tabellen resultatrakning; "
    )


@ledger_doc(base=BOOKS)
def test_a_row_for_columns_the_table_lacks_is_left_out(books: Books) -> None:
    """
    ; layout B's row for the delårsrapport's budget and prognos columns: the
    ; årsredovisning's resultaträkning has no Prognos column, so not the row
    2021-01-01 custom "summarad" "resultatrakning" "Summa" "Verksamhetens intäkter"
      kolumner: "Budget Prognos"
    """
    rr = rapport(books, YEAR).table("resultatrakning")
    assert "Summa" not in [row.label for row in rr.rows]


@ledger_doc(base=BOOKS)
def test_efter_with_a_row_the_table_has_refuses_the_report(books: Books) -> None:
    """
    2021-01-01 custom "summarad" "resultatrakning" "Årets resultat" "Resultat"
      efter: "Resultat"
    """
    assert refusal(books).endswith(
        '"Årets resultat": tabellen resultatrakning har redan raden, som får summan där den '
        "står; efter: gäller en ny rad, så ta bort den eller välj ett nytt namn"
    )


@ledger_doc(base=BOOKS)
def test_a_heading_is_no_term(books: Books) -> None:
    """
    2021-01-01 custom "summarad" "kassaflodesanalys" "Summa" "Den löpande verksamheten"
    """
    assert refusal(books).endswith(
        '"Summa": "Den löpande verksamheten" är en rubrik utan belopp i tabellen kassaflodesanalys'
    )


@ledger_doc(base=BOOKS)
def test_a_percentage_is_no_term(books: Books) -> None:
    """
    2021-01-01 custom "summarad" "oversikt" "Summa" "Årets resultat" "Soliditet (%)"
    """
    assert refusal(books).endswith(
        '"Summa": raden "Soliditet (%)" i tabellen oversikt är i %, inte ett belopp'
    )


@ledger_doc(base=BOOKS)
def test_two_rows_of_one_label_are_no_term(books: Books) -> None:
    """
    2021-01-01 custom "summarad" "not3" "Totalt" "Summa"
    """
    twice = Table("not3", "Not 3", ("2021",), (Row("Summa", d("1")), Row("Summa", d("2"))))
    with pytest.raises(summarader.SummaradFel) as refused:
        summarader.lagg_till(books, YEAR, [twice])
    assert refused.value.reason.endswith(
        '"Totalt": tabellen not3 har 2 rader "Summa", så det framgår inte vilken som avses'
    )


@ledger_doc(base=BOOKS, expect_errors=True)
def test_an_unknown_table_is_an_error_at_the_line(errors: list[Error], path: Path) -> None:
    """
    2021-01-01 custom "summarad" "resultaträkning" "Summa" "Verksamhetens intäkter"
    """
    line = line_of(path)
    (error,) = errors
    assert (error.source or {}).get("lineno") == line
    assert error.message.startswith(
        "direktiv: custom \"summarad\": table 'resultaträkning' is not one of resultatrakning, "
    )
    assert "; did you mean 'resultatrakning'?; write e.g. " in error.message


# --- the front ends --------------------------------------------------------------------


@ledger_doc(base=BOOKS + ACK)
def test_the_rows_in_the_commands_json(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """
    2021-01-01 custom "summarad" "resultatrakning" "Eget kapital vid årets slut" "Möjligt att disponera" "Verksamhetens kostnader"
      efter: "Verksamhetens kostnader"
      kolumner: "Budget"
    """
    assert main(["report", str(path), "--year", "2021", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["tables"]["resultatrakning"]["rows"]
    assert [row["label"] for row in rows[:5]] == [
        "Verksamhetens intäkter",
        "Ack resultat fg år",
        "Möjligt att disponera",
        "Verksamhetens kostnader",
        "Eget kapital vid årets slut",
    ]
    assert [rows[i] for i in (1, 2, 4)] == [
        {"label": "Ack resultat fg år", "values": [105000, 105000, 100000], "kind": "sum"},
        {"label": "Möjligt att disponera", "values": [165000, 165000, 140000], "kind": "sum"},
        {"label": "Eget kapital vid årets slut", "values": [75000, None, None], "kind": "sum"},
    ]


@ledger_doc(base=BOOKS)
def test_the_command_refuses_in_one_line(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """
    2021-01-01 custom "summarad" "resultatrakning" "Summa" "Summa intäkter"
    """
    line = line_of(path)
    # Bad data at a line of the ledger: exit 1, the line and the count, as for any error.
    assert main(["report", str(path), "--year", "2021"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    first, summary = captured.err.splitlines()
    assert first.startswith(
        f'{path}:{line}: custom "summarad" "Summa": "Summa intäkter" är varken '
    )
    assert summary == "finsam: 1 error in main.beancount; no report"


@ledger_doc(base=BOOKS)
def test_fava_refuses_with_the_same_line(path: Path) -> None:
    """
    2020-01-01 custom "fava-extension" "finsam_ledger.fava"
    2021-01-01 custom "summarad" "resultatrakning" "Summa" "Summa intäkter"
    """
    app = create_app([path], load=True, read_only=True)
    app.testing = True
    client: Any = app.test_client()
    slug = client.get("/").headers["Location"].strip("/").split("/")[0]
    response = client.get(f"/{slug}/extension/KommunalRedovisning/xlsx?time=2021")
    assert response.status_code == 409
    text = response.data.decode("utf-8")
    assert text.startswith(
        f'{path}:{line_of(path)}: custom "summarad" "Summa": "Summa intäkter" är varken '
    )
    assert text.count("\n") == 1


@ledger_doc()
def test_a_row_after_an_insats_follows_its_detail_rows(books: Books) -> None:
    """
    ; Enter paid per kommun (detail rows); a summary row after Enter comes after them.
    2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
    2021-01-01 open Eget-kapital:Ingående-balanser SEK
    2021-01-01 open Intäkter:Medlemsbidrag:Staten SEK
      part: "staten"
    2021-01-01 open Kostnader:Insatser:Enter SEK
      klass: "individinriktad"
      delrader: TRUE
    2021-01-01 open Kostnader:Insatser:Enter:Norrby SEK
    2021-01-01 open Kostnader:Insatser:Enter:Söderby SEK
    2021-01-01 open Kostnader:Administration:Kansli SEK
    2021-01-01 custom "summarad" "not3" "Enter och Kansli" "Enter" "Kansli"
      efter: "Enter"
    2021-02-01 * "Staten" "Medlemsbidrag"
      Tillgångar:Kassa-och-bank:Bank  100000.00 SEK
      Intäkter:Medlemsbidrag:Staten
    2021-03-01 * "Enter" "Norrbys del"
      Kostnader:Insatser:Enter:Norrby  30000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-03-02 * "Enter" "Söderbys del"
      Kostnader:Insatser:Enter:Söderby  20000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-12-31 * "Kansli" "Hyra"
      Kostnader:Administration:Kansli  5000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    not3 = rapport(books, Period.year(2021)).table("not3")
    labels = [(row.label, row.kind) for row in not3.rows]
    at = labels.index(("Enter", "line"))
    assert labels[at : at + 4] == [
        ("Enter", "line"),
        ("Norrby", "detail"),
        ("Söderby", "detail"),
        ("Enter och Kansli", "sum"),
    ]
    # 30 000 + 20 000 + 5 000 in the utfall column.
    assert not3.row("Enter och Kansli").values[1] == Decimal("55000.00")

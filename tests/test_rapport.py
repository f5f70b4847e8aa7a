"""The one entry point of the reports: which report a period gets, or why none."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from finsam_ledger.exports.layout import printed_table
from finsam_ledger.exports.xlsx import sheet_name
from finsam_ledger.model.books import Books, load
from finsam_ledger.model.period import ONE_DAY, Period
from finsam_ledger.model.tabeller import ARSREDOVISNING, DELARSRAPPORT, NAMN
from finsam_ledger.statements import rubriker
from finsam_ledger.statements.arsredovisning import BUILDERS, statements
from finsam_ledger.statements.delarsrapport import delarsrapport
from finsam_ledger.statements.rapport import IngenRapport, Rapport, rapport, slag

from inline import ledger_doc
from ledgers import ANNUAL_TABLES, CHART, EXAMPLE

RULE = (
    ": en årsredovisning gäller ett kalenderår och en delårsrapport perioden från 1 januari "
    "till en dag från 30 juni till 31 augusti samma år."
)


@pytest.fixture(scope="module")
def books() -> Books:
    loaded, errors = load(EXAMPLE)
    assert loaded is not None, errors
    return loaded


def _period(first: str, last: str) -> Period:
    return Period(date.fromisoformat(first), date.fromisoformat(last) + ONE_DAY)


def test_a_year_gets_the_arsredovisning(books: Books) -> None:
    report = rapport(books, Period.year(2021))
    assert isinstance(report, Rapport)
    assert report.slag == "årsredovisning"
    assert report.rubrik == "Räkenskapsår 2021"
    assert report.keys == ARSREDOVISNING == ANNUAL_TABLES
    assert report.title.startswith("Exempel: Samordningsförbundet Södra Vätterbygden")
    # The tables of statements(), in the example's own wording (its rubrik lines).
    plain = tuple(statements(books, Period.year(2021)).values())
    assert report.tables == rubriker.anpassa(books, Period.year(2021), plain)
    assert report.table("not4").title == "Not 4 Fordringar"
    with pytest.raises(KeyError):
        report.table("not9")


@pytest.mark.parametrize("last", ["2021-06-30", "2021-07-31", "2021-08-31"])
@pytest.mark.parametrize("periodisera", [False, True])
def test_a_delarsperiod_gets_the_delarsrapport(books: Books, last: str, periodisera: bool) -> None:
    period = _period("2021-01-01", last)
    report = rapport(books, period, periodisera=periodisera)
    assert report.slag == "delårsrapport"
    assert report.periodiserad is periodisera
    assert report.rubrik == f"Delårsrapport 2021-01-01–{last}"
    assert report.keys == (
        "resultatrakning",
        "not2",
        "not3",
        "balansrakning",
        "driftsredovisning",
        "eget_kapital",
        "balanskrav",
    )
    assert set(report.keys) <= set(DELARSRAPPORT)
    plain = tuple(delarsrapport(books, period, periodisera).values())
    assert report.tables == rubriker.anpassa(books, period, plain)


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("2021-01-01", "2021-03-31"),  # Fava's 2021-Q1
        ("2021-01-01", "2021-06-29"),
        ("2021-01-01", "2021-09-01"),
        ("2021-01-01", "2021-12-30"),
        ("2021-02-01", "2021-06-30"),
        ("2021-03-01", "2021-03-31"),
        ("2020-01-01", "2021-06-30"),
        ("2020-07-01", "2021-06-30"),
    ],
)
def test_any_other_period_gets_none(books: Books, first: str, last: str) -> None:
    period = _period(first, last)
    with pytest.raises(IngenRapport) as refused:
        rapport(books, period)
    assert refused.value.orsak == "period"
    assert refused.value.period == period
    assert refused.value.reason == f"Ingen rapport för {period.label}{RULE}"
    assert str(refused.value) == refused.value.reason
    with pytest.raises(IngenRapport):
        slag(period)  # the same rule, before any books are loaded


@pytest.mark.parametrize("period", [Period.year(2019), Period.year(2022)])
def test_a_period_without_transactions_gets_none(books: Books, period: Period) -> None:
    with pytest.raises(IngenRapport) as refused:
        rapport(books, period)
    assert refused.value.orsak == "inga transaktioner"
    assert refused.value.reason == f"Huvudboken har inga transaktioner under {period.label}."


def test_periodisering_is_for_a_delarsrapport(books: Books) -> None:
    with pytest.raises(IngenRapport, match="Periodiseringen av medlemsbidragen gäller") as refused:
        rapport(books, Period.year(2021), periodisera=True)
    assert refused.value.orsak == "period"


def test_the_table_keys_are_declared_once() -> None:
    assert tuple(BUILDERS) == ARSREDOVISNING
    assert set(DELARSRAPPORT) <= set(NAMN)
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in NAMN.values())


def test_the_xlsx_sheets_are_named_from_the_declaration(books: Books) -> None:
    report = rapport(books, Period.year(2021))
    assert [sheet_name(printed_table(t)) for t in report.tables] == [
        NAMN[key] for key in ARSREDOVISNING
    ]


def test_the_command_loads_no_library_it_does_not_use() -> None:
    """``finsam --help`` and a refused call answer at once: nothing heavy is imported."""
    code = (
        "import sys\n"
        "from finsam_ledger import cli\n"
        "code = cli.main(['report', 'no-such.beancount', '--year', '2021'])\n"
        "heavy = ('beancount', 'beangulp', 'openpyxl', 'fava', 'flask', 'numpy',\n"
        "         'finsam_ledger.statements', 'finsam_ledger.exports', 'finsam_ledger.importers')\n"
        "print(code, sorted({m.split('.')[0] if not m.startswith('finsam') else m\n"
        "                    for m in sys.modules if m.startswith(heavy)}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "2 []\n"
    assert "no such ledger file: no-such.beancount" in result.stderr


NOT_CLOSED = "Böckerna når bara till {last}; räkenskapsåret 2021 är inte avslutat."
ADVICE = {
    "2021-03-31": " Bokför året till 2021-12-31 för en årsredovisning "
    "(eller till minst 2021-06-30 för en delårsrapport).",
    "2021-06-30": " Använd --period 2021-01-01..2021-06-30 för en delårsrapport.",
    "2021-08-31": " Använd --period 2021-01-01..2021-08-31 för en delårsrapport.",
    "2021-10-15": " Använd --period 2021-01-01..2021-08-31 för en delårsrapport (den slutar "
    "en dag från 2021-06-30 till 2021-08-31), eller bokför året till 2021-12-31 för en "
    "årsredovisning.",
    "2021-12-30": " Använd --period 2021-01-01..2021-08-31 för en delårsrapport (den slutar "
    "en dag från 2021-06-30 till 2021-08-31), eller bokför året till 2021-12-31 för en "
    "årsredovisning.",
}


@pytest.mark.parametrize("last", list(ADVICE))
@ledger_doc(base=CHART)
def test_a_year_the_books_do_not_reach_gets_no_arsredovisning(books: Books, last: str) -> None:
    """
    ; 2021 booked up to $last only: no "Räkenskapsår 2021", no "2021-12-31".
    2021-01-15 * "Försäkringskassan" "Medlemsbidrag 2021"
      Tillgångar:Kassa-och-bank:Bank  40000.00 SEK
      Intäkter:Medlemsbidrag:Staten

    $last * "Enter" "Faktura"
      Kostnader:Insatser:Enter  1000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    assert not books.is_closed(2021)
    assert books.last_day() == date.fromisoformat(last)
    with pytest.raises(IngenRapport) as refused:
        rapport(books, Period.year(2021))
    assert refused.value.orsak == "ej avslutat"
    assert refused.value.reason == NOT_CLOSED.format(last=last) + ADVICE[last]
    if "Använd --period" in ADVICE[last]:  # the period suggested gets its report
        suggested = ADVICE[last].split("--period ")[1].split(" ")[0].split("..")
        assert rapport(books, _period(*suggested)).slag == "delårsrapport"


@ledger_doc(base=CHART)
def test_a_year_booked_to_31_december_gets_the_arsredovisning(books: Books) -> None:
    """
    ; The year-end entries are dated 31 December: the books reach it.
    2021-01-15 * "Försäkringskassan" "Medlemsbidrag 2021"
      Tillgångar:Kassa-och-bank:Bank  40000.00 SEK
      Intäkter:Medlemsbidrag:Staten

    2021-12-31 * "Enter" "Faktura"
      Kostnader:Insatser:Enter  1000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    report = rapport(books, Period.year(2021))
    assert report.rubrik == "Räkenskapsår 2021"
    assert report.table("balansrakning").columns[0] == "2021-12-31"


@ledger_doc(base=CHART)
def test_finsam_report_refuses_a_year_not_reached(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """
    ; Booked up to 30 June: finsam report --year 2021 says so, exit 2, no report.
    2021-01-15 * "Försäkringskassan" "Medlemsbidrag 2021"
      Tillgångar:Kassa-och-bank:Bank  40000.00 SEK
      Intäkter:Medlemsbidrag:Staten

    2021-06-30 * "Enter" "Faktura"
      Kostnader:Insatser:Enter  1000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    from finsam_ledger import cli

    assert cli.main(["report", str(path), "--year", "2021"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert NOT_CLOSED.format(last="2021-06-30") in captured.err
    assert "Använd --period 2021-01-01..2021-06-30 för en delårsrapport." in captured.err
    assert "Räkenskapsår" not in captured.err
    assert cli.main(["report", str(path), "--period", "2021-01-01..2021-06-30"]) == 0
    assert "Delårsrapport 2021-01-01–2021-06-30" in capsys.readouterr().out


@ledger_doc(base=CHART)
def test_fava_page_refuses_a_year_not_reached(path: Path) -> None:
    """
    ; Booked up to 30 June: Fava's page for 2021 gives the same sentence, no tables.
    2020-01-01 custom "fava-extension" "finsam_ledger.fava"

    2021-01-15 * "Försäkringskassan" "Medlemsbidrag 2021"
      Tillgångar:Kassa-och-bank:Bank  40000.00 SEK
      Intäkter:Medlemsbidrag:Staten

    2021-06-30 * "Enter" "Faktura"
      Kostnader:Insatser:Enter  1000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    from fava.application import create_app

    app = create_app([str(path)], load=True, read_only=True)
    app.testing = True
    client: Any = app.test_client()
    slug = client.get("/").headers["Location"].strip("/").split("/")[0]
    response = client.get(f"/{slug}/extension/KommunalRedovisning/?time=2021")
    page = response.data.decode("utf-8")
    assert NOT_CLOSED.format(last="2021-06-30") in page
    assert "Använd --period 2021-01-01..2021-06-30 för en delårsrapport." in page
    assert "Räkenskapsår 2021" not in page and "Verksamhetens intäkter" not in page

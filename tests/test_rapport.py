"""The one entry point of the reports: which report a period gets, or why none."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from finsam_ledger.exports.layout import printed_table
from finsam_ledger.exports.xlsx import sheet_name
from finsam_ledger.model.books import Books, load
from finsam_ledger.model.period import ONE_DAY, Period
from finsam_ledger.statements.arsredovisning import BUILDERS, statements
from finsam_ledger.statements.delarsrapport import delarsrapport
from finsam_ledger.statements.rapport import IngenRapport, Rapport, rapport, slag
from finsam_ledger.statements.tabeller import ARSREDOVISNING, DELARSRAPPORT, NAMN

from ledgers import ANNUAL_TABLES, EXAMPLE

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
    assert report.tables == tuple(statements(books, Period.year(2021)).values())
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
    assert report.keys == DELARSRAPPORT
    assert report.tables == tuple(delarsrapport(books, period, periodisera).values())


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

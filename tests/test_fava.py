"""The example ledger in Fava: no errors, and no English account name anywhere."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from fava.application import create_app
from openpyxl import load_workbook

from ledgers import EXAMPLE

# The root and derived account names Beancount and Fava use by default.
ENGLISH = re.compile(
    r"\b(Assets|Liabilities|Equity|Income|Expenses|Opening-Balances|Earnings|Conversions)\b"
)


def _names(tree: dict[str, Any]) -> list[str]:
    return [tree["account"], *(n for child in tree["children"] for n in _names(child))]


@pytest.fixture(scope="module")
def client() -> Any:
    app = create_app([EXAMPLE], load=True, read_only=True)
    app.testing = True
    return app.test_client()


@pytest.fixture(scope="module")
def slug(client: Any) -> str:
    response = client.get("/", follow_redirects=False)
    location: str = response.headers["Location"]
    return location.strip("/").split("/")[0]


@pytest.mark.parametrize("report", ["balance_sheet", "income_statement", "trial_balance"])
@pytest.mark.parametrize("time", ["2020", "2021", "2021-07"])
def test_no_english_account_names(client: Any, slug: str, report: str, time: str) -> None:
    response = client.get(f"/{slug}/api/{report}?time={time}")
    assert response.status_code == 200
    trees = json.loads(response.data)["data"]["trees"]
    names = [name for tree in trees for name in _names(tree)]
    assert names, "no accounts in the report"
    english = [name for name in names if ENGLISH.search(name)]
    assert english == []


def test_balance_sheet_2021_closes_the_year_into_swedish_equity(client: Any, slug: str) -> None:
    response = client.get(f"/{slug}/api/balance_sheet?time=2021")
    trees = json.loads(response.data)["data"]["trees"]
    names = {name for tree in trees for name in _names(tree)}
    assert "Eget-kapital:Årets-resultat" in names
    assert "Eget-kapital:Balanserat-resultat" in names


def test_fava_reports_no_errors(client: Any, slug: str) -> None:
    response = client.get(f"/{slug}/api/errors")
    assert response.status_code == 200
    assert json.loads(response.data)["data"] == []


# --- the Kommunal redovisning extension ---------------------------------------------

EXTENSION = "KommunalRedovisning"


def _page(client: Any, slug: str, time: str) -> str:
    response = client.get(f"/{slug}/extension/{EXTENSION}/?time={time}")
    assert response.status_code == 200
    text: str = response.data.decode("utf-8")
    return text


def _figure(value: str) -> str:
    """A figure as the page prints it (no-break spaces, true minus)."""
    return value.replace(" ", "\u00a0").replace("-", "\u2212")


def test_extension_page_2021(client: Any, slug: str) -> None:
    page = _page(client, slug, "2021")
    assert "Räkenskapsår 2021" in page
    for figure in ("7 901 926", "-7 465 623", "436 242", "2 272 710", "3 401 012", "1 277 216"):
        assert _figure(figure) in page, figure
    # Figures link to the accounts' journals for their column's year; budgets do not link.
    assert 'href="/' + slug + "/account/Int%C3%A4kter/?time=2021" in page
    assert 'href="/' + slug + "/account/Int%C3%A4kter/?time=2020" in page
    assert 'data-value="7348000"><a' not in page
    # A row of one account links to that account.
    kansli_row = page[page.index(">Enter<") : page.index(">Enter<") + 400]
    assert "/account/Kostnader:Insatser:Enter/?time=2021" in kansli_row.replace("%3A", ":")
    assert f'href="/{slug}/extension/{EXTENSION}/xlsx?time=2021"' in page


def test_extension_page_2020(client: Any, slug: str) -> None:
    page = _page(client, slug, "2020")
    assert "Räkenskapsår 2020" in page
    for figure in ("7 451 423", "847 054", "1 836 467", "2 996 996", "2 773 278"):
        assert _figure(figure) in page, figure


def test_extension_page_half_year(client: Any, slug: str) -> None:
    page = _page(client, slug, "2021-01-01 - 2021-06-30")
    assert "Delårsrapport 2021-01-01–2021-06-30" in page
    assert "Prognos 2021" in page


def test_extension_page_other_period(client: Any, slug: str) -> None:
    page = _page(client, slug, "2021-03")
    assert "Choose a year" in page


def test_extension_xlsx_download(client: Any, slug: str) -> None:
    response = client.get(f"/{slug}/extension/{EXTENSION}/xlsx?time=2021")
    assert response.status_code == 200
    assert "kommunal-redovisning-2021.xlsx" in response.headers["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.data))
    sheet = workbook["Resultaträkning"]
    assert sheet["A4"].value == "Verksamhetens intäkter"
    assert [sheet.cell(4, c).value for c in range(2, 6)] == [2, 7348000, 7901926, 7451423]


def test_extension_html_download(client: Any, slug: str) -> None:
    response = client.get(f"/{slug}/extension/{EXTENSION}/html?time=2021")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert _figure("436 242") in response.data.decode("utf-8")


def test_extension_shows_ledger_errors(tmp_path: Path) -> None:
    path = tmp_path / "main.beancount"
    path.write_text(
        EXAMPLE.read_text(encoding="utf-8")
        .replace('include "kontoplan.beancount"', f'include "{EXAMPLE.parent}/kontoplan.beancount"')
        .replace('include "budget.beancount"', f'include "{EXAMPLE.parent}/budget.beancount"')
        .replace(
            'include "ingaende-balans.beancount"',
            f'include "{EXAMPLE.parent}/ingaende-balans.beancount"',
        )
        .replace('include "2020.beancount"', f'include "{EXAMPLE.parent}/2020.beancount"')
        .replace('include "2021.beancount"', f'include "{EXAMPLE.parent}/2021.beancount"')
        + "\n2021-01-01 open Tillgångar:Diverse:Kaffekassa SEK\n",
        encoding="utf-8",
    )
    lineno = len(path.read_text(encoding="utf-8").splitlines())
    app = create_app([path], load=True, read_only=True)
    app.testing = True
    test_client = app.test_client()
    slug = test_client.get("/").headers["Location"].strip("/").split("/")[0]
    page = _page(test_client, slug, "2021")
    assert f"{path}:{lineno}" in page
    assert "Tillgångar:Diverse:Kaffekassa: cannot place this account" in page
    assert "Verksamhetens intäkter" not in page


def test_extension_touches_no_file(client: Any, slug: str) -> None:
    before = {p: p.stat().st_mtime_ns for p in EXAMPLE.parent.iterdir()}
    _page(client, slug, "2021")
    client.get(f"/{slug}/extension/{EXTENSION}/xlsx?time=2021")
    assert {p: p.stat().st_mtime_ns for p in EXAMPLE.parent.iterdir()} == before


def test_fava_import_page(tmp_path: Path) -> None:
    """Fava's import page finds the bank file, names our importer and extracts the rows."""
    import shutil

    ledger = tmp_path / "ledger"
    shutil.copytree(EXAMPLE.parent, ledger, ignore=shutil.ignore_patterns("__pycache__"))
    incoming = tmp_path / "import"
    incoming.mkdir()
    bank_file = incoming / "Transaktioner_2021-04-01_09-15-00.csv"
    shutil.copy(
        Path(__file__).parent / "importers" / "swedbank" / "transaktioner-2019.csv", bank_file
    )
    app = create_app([ledger / "main.beancount"], load=True)
    app.testing = True
    test_client = app.test_client()
    slug = test_client.get("/").headers["Location"].strip("/").split("/")[0]
    assert json.loads(test_client.get(f"/{slug}/api/errors").data)["data"] == []
    files = json.loads(test_client.get(f"/{slug}/api/imports").data)["data"]
    [found] = [f for f in files if f["name"] == str(bank_file)]
    [importer] = found["importers"]
    assert importer["importer_name"] == "finsam.swedbank-2019"
    response = test_client.get(
        f"/{slug}/api/extract",
        query_string={"filename": str(bank_file), "importer": "finsam.swedbank-2019"},
    )
    entries = json.loads(response.data)["data"]
    transactions = [e for e in entries if e["t"] == "Transaction"]
    assert len(transactions) == 4
    first = next(e for e in transactions if e["date"] == "2021-03-01")
    assert [p["account"] for p in first["postings"]] == [
        "Tillgångar:Kassa-och-bank:Bank",
        "Intäkter:Medlemsbidrag:Försäkringskassan",
    ]

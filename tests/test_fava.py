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
    assert 'data-value="2878200"><a' not in page  # Enter's budget
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


def _own_text(page: str) -> str:
    """The extension's part of a page, tags removed."""
    part = page[page.index('<div class="finsam-page">') :]
    return re.sub(r"<[^>]*>", " ", part[: part.index("</div>")])


# Words of the extension's earlier English messages.
ENGLISH_TEXT = re.compile(r"\b(ledger|transactions?|choose|year|filter|errors?|the)\b", re.I)

# The library's refusal of a period that is neither a year nor a delårsrapport's
# (the same sentence as finsam report --period gives), then how to choose one.
RULE = (
    ": en årsredovisning gäller ett kalenderår och en delårsrapport perioden från 1 januari "
    "till en dag från 30 juni till 31 augusti samma år. Välj ett år eller en sådan period"
)
CHOOSE = "Ingen rapport för"
UNREADABLE = "Tidsfiltret går inte att tolka som datum. Välj ett år (till exempel 2021)"


@pytest.mark.parametrize(
    ("time", "message"),
    [
        ("2021-03", f"Ingen rapport för 2021-03-01–2021-03-31{RULE}"),
        ("2021-W10", CHOOSE),
        ("2021-02-01 - 2021-06-30", f"Ingen rapport för 2021-02-01–2021-06-30{RULE}"),
        ("2021-Q1", f"Ingen rapport för 2021-01-01–2021-03-31{RULE}"),
        ("2021-01-01 - 2021-09-30", f"Ingen rapport för 2021-01-01–2021-09-30{RULE}"),
        ("1900", "Huvudboken har inga transaktioner under 1900."),
        ("2022", "Huvudboken har inga transaktioner under 2022."),
        ("9999", "Välj ett år före 9999 i tidsfiltret."),
        ("2021-13", UNREADABLE),
        ("2021-02-30", UNREADABLE),
        ("inte ett datum", UNREADABLE),
    ],
)
def test_extension_page_without_tables_says_why_in_swedish(
    client: Any, slug: str, time: str, message: str
) -> None:
    page = _page(client, slug, time)
    text = _own_text(page)
    assert message in text
    assert ENGLISH_TEXT.findall(text) == []
    assert "/xlsx" not in page and "Verksamhetens intäkter" not in page


@pytest.mark.parametrize("endpoint", ["xlsx", "html"])
@pytest.mark.parametrize(
    ("time", "status", "message"),
    [
        ("1900", 404, "Huvudboken har inga transaktioner under 1900."),
        ("2022", 404, "Huvudboken har inga transaktioner under 2022."),
        ("2021-03", 400, CHOOSE),
        ("2021-W10", 400, CHOOSE),
        ("2021-Q1", 400, f"Ingen rapport för 2021-01-01–2021-03-31{RULE}"),
        ("9999", 400, "Välj ett år före 9999 i tidsfiltret."),
        ("2021-13", 400, UNREADABLE),
        ("2021-02-30", 400, UNREADABLE),
    ],
)
def test_extension_download_without_tables_says_why(
    client: Any, slug: str, endpoint: str, time: str, status: int, message: str
) -> None:
    response = client.get(f"/{slug}/extension/{EXTENSION}/{endpoint}", query_string={"time": time})
    assert response.status_code == status
    assert response.mimetype == "text/plain"
    assert message in response.data.decode("utf-8")
    assert "Content-Disposition" not in response.headers


def test_extension_ignores_account_and_text_filters(client: Any, slug: str) -> None:
    """A text filter Fava cannot parse does not hide the statements (they ignore it)."""
    response = client.get(
        f"/{slug}/extension/{EXTENSION}/", query_string={"time": "2021", "filter": "((("}
    )
    assert response.status_code == 200
    assert "Räkenskapsår 2021" in response.data.decode("utf-8")


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


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, str, str]:
    """Fava on the example with an account the chart cannot place: client, slug, location."""
    path = tmp_path_factory.mktemp("broken") / "main.beancount"
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
    return test_client, slug, f"{path}:{lineno}"


@pytest.mark.parametrize("time", ["2021", "2022", "2021-03", "2021-13"])
def test_extension_shows_ledger_errors(broken: tuple[Any, str, str], time: str) -> None:
    test_client, slug, location = broken
    page = _page(test_client, slug, time)
    assert location in page
    assert "Tillgångar:Diverse:Kaffekassa: cannot place this account" in page
    assert "Huvudboken har fel; rapporten visas när de är rättade." in page
    assert "Verksamhetens intäkter" not in page


@pytest.mark.parametrize("endpoint", ["xlsx", "html"])
def test_extension_download_with_ledger_errors(broken: tuple[Any, str, str], endpoint: str) -> None:
    test_client, slug, location = broken
    response = test_client.get(f"/{slug}/extension/{EXTENSION}/{endpoint}?time=2021")
    assert response.status_code == 409
    assert response.mimetype == "text/plain"
    text = response.data.decode("utf-8")
    assert text.startswith("Huvudboken har fel; rapporten visas när de är rättade.")
    assert location in text
    assert "Tillgångar:Diverse:Kaffekassa: cannot place this account" in text
    assert text.count("\n") == 1


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


def test_extension_refuses_a_quarter_as_the_command_does(
    client: Any, slug: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``2021-Q1`` gets no delårsrapport in Fava either: the same sentence as the CLI's."""
    from finsam_ledger.cli import main

    assert main(["report", str(EXAMPLE), "--period", "2021-01-01..2021-03-31"]) == 2
    refusal = capsys.readouterr().err.removeprefix("finsam: error: ").strip()
    assert refusal.startswith("Ingen rapport för 2021-01-01–2021-03-31: ")
    assert refusal in _own_text(_page(client, slug, "2021-Q1"))
    response = client.get(f"/{slug}/extension/{EXTENSION}/html", query_string={"time": "2021-Q1"})
    assert response.status_code == 400
    assert response.data.decode("utf-8").startswith(refusal)


@pytest.mark.parametrize(
    ("time", "argv"),
    [
        ("2021", ["--year", "2021"]),
        ("2021-01-01 - 2021-06-30", ["--period", "2021-01-01..2021-06-30"]),
        ("2021-01-01 - 2021-08-31", ["--period", "2021-01-01..2021-08-31"]),
    ],
)
def test_extension_html_download_is_the_commands_export(
    client: Any, slug: str, tmp_path: Path, time: str, argv: list[str]
) -> None:
    """The same report, from the same entry point: Fava's download is ``finsam export``'s file."""
    from finsam_ledger.cli import main

    target = tmp_path / "rapport.html"
    assert main(["export", str(EXAMPLE), *argv, "--format", "html", "-o", str(target)]) == 0
    response = client.get(f"/{slug}/extension/{EXTENSION}/html", query_string={"time": time})
    assert response.status_code == 200
    assert response.data.decode("utf-8") == target.read_text(encoding="utf-8")

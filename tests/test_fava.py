"""The example ledger in Fava: no errors, and no English account name anywhere."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fava.application import create_app

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

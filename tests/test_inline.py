"""The ``@ledger_doc`` decorator and ``replaced``: what they pass, and that they fail loudly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from finsam_ledger.model.books import Books

from inline import ledger_doc, replaced


@ledger_doc()
def test_books_from_the_docstring(books: Books, path: Path) -> None:
    """
    2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
    2021-01-01 open Eget-kapital:Ingående-balanser SEK

    2021-01-01 * "Ingående balans"
      Tillgångar:Kassa-och-bank:Bank  100.00 SEK
      Eget-kapital:Ingående-balanser
    """
    assert books.balance("Tillgångar:Kassa-och-bank:Bank", books.entries[-1].date) == 100
    text = path.read_text(encoding="utf-8")
    assert text.startswith('option "title" "Testförbundet"\n')
    assert "\n2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK\n" in text


@ledger_doc(plugins=("beviljat", ("eget_kapital", "{'fel': True}")), expect_errors=None)
def test_plugins_and_entries(entries: list[Any], errors: list[Any], path: Path) -> None:
    """
    2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
    """
    text = path.read_text(encoding="utf-8")
    assert 'plugin "finsam_ledger.plugins.beviljat"\n' in text
    assert 'plugin "finsam_ledger.plugins.eget_kapital" "{\'fel\': True}"\n' in text
    assert [e.account for e in entries if hasattr(e, "account")] == [
        "Tillgångar:Kassa-och-bank:Bank"
    ]
    assert errors == []


@pytest.mark.parametrize("account", ["Bank", "Plusgiro"])
@ledger_doc()
def test_parameters_fill_the_docstring(books: Books, account: str, tmp_path: Path) -> None:
    """
    2021-01-01 open Tillgångar:Kassa-och-bank:$account SEK
    """
    assert (tmp_path / "main.beancount").is_file()
    assert f"Tillgångar:Kassa-och-bank:{account}" in books.chart.placements


@ledger_doc(expect_errors=True)
def test_expected_errors_give_no_books(books: Books | None, errors: list[Any]) -> None:
    """
    2021-01-01 open Tillgångar:Diverse:Kaffekassa SEK
    """
    assert books is None
    assert any("cannot place this account" in e.message for e in errors)


def test_a_test_without_a_docstring_is_an_error() -> None:
    with pytest.raises(TypeError, match="has no docstring ledger"):

        @ledger_doc()
        def test_nothing(books: Books) -> None:
            pass


def test_unexpected_errors_fail_the_test(tmp_path: Path) -> None:
    @ledger_doc()
    def test_broken(books: Books) -> None:
        """
        2021-01-01 open Tillgångar:Diverse:Kaffekassa SEK
        """

    with pytest.raises(AssertionError, match="unexpected errors in the ledger"):
        test_broken(tmp_path=tmp_path)


def test_replaced_needs_exactly_one_occurrence() -> None:
    assert replaced("a b c", "b", "x") == "a x c"
    with pytest.raises(AssertionError, match="found it 0 times"):
        replaced("a b c", "d", "x")
    with pytest.raises(AssertionError, match="found it 2 times"):
        replaced("a b b", "b", "x")

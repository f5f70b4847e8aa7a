"""Shared fixtures: the example ledger, the published figures, docstring ledgers.

A test that shows its own ledger uses ``@ledger_doc`` from ``inline.py``;
``ledger`` and ``books_of`` are for ledgers built from text in the test.
"""

from __future__ import annotations

import json
import os

# Beancount reads this when its loader is imported: set it before any import.
os.environ["BEANCOUNT_DISABLE_LOAD_CACHE"] = "1"

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from beancount import loader

from finsam_ledger.model.books import Books

from inline import load, write_ledger
from ledgers import EXAMPLE, HEADER, REFERENCE

loader.initialize(use_cache=False)


@pytest.fixture(scope="session")
def example() -> Books:
    """The example ledger in ledger/, loaded once."""
    books, errors = load(EXAMPLE)
    assert books is not None, errors
    return books


@pytest.fixture(scope="session")
def published() -> dict[str, Any]:
    """The published tables of the 2021 annual report."""
    tables: dict[str, Any] = json.loads(REFERENCE.read_text(encoding="utf-8"))["tables"]
    return tables


@pytest.fixture
def ledger(tmp_path: Path) -> Callable[[str], Path]:
    """Write a docstring ledger (with the Swedish options and plugins) to a file."""

    def write(body: str, header: str = HEADER) -> Path:
        return write_ledger(tmp_path, body, header=header)

    return write


@pytest.fixture
def books_of(ledger: Callable[[str], Path]) -> Callable[[str], Books]:
    """Load a docstring ledger that must have no errors."""

    def build(body: str) -> Books:
        books, errors = load(ledger(body))
        assert books is not None, [e.message for e in errors]
        return books

    return build

"""The project's loads never use Beancount's pickle cache.

The cache is keyed on the ledger's files only, so after an upgrade of the
rules it would hand back the old rules' results; and it writes a file
beside the ledger. ``finsam_ledger.model.books.load`` turns it off.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from beancount import loader

from finsam_ledger.model.books import load

from inline import HEADER


def test_load_runs_the_plugins_anew_and_writes_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(
        HEADER + "2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK\n", encoding="utf-8"
    )
    monkeypatch.setattr(loader, "PICKLE_CACHE_THRESHOLD", 0)  # cache every load
    loader.initialize(use_cache=True)
    try:
        books, errors = load(ledger)
        assert books is not None, errors
        # A chart error the rules give must come from this load, not a cache of an older one.
        ledger.write_text(
            HEADER + "2021-01-01 open Tillgångar:Okänd-rad:Konto SEK\n", encoding="utf-8"
        )
        books, errors = load(ledger)
        assert books is None
        assert any("Tillgångar:Okänd-rad:Konto" in str(e.message) for e in errors)
    finally:
        loader.initialize(use_cache=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.beancount"]

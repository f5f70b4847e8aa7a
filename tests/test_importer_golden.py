"""Golden files: every bank file under tests/importers extracts to the .beancount beside it.

The extraction is the zero-configuration one (no ledger, no rules): bank
account ``Tillgångar:Kassa-och-bank:Bank``, counter-postings to
``Skulder:Kortfristiga:Oklara-poster``. Set ``FINSAM_REGENERATE=1`` to
rewrite a golden file after a deliberate change.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from beangulp import extract
from beangulp.testing import write_expected

from finsam_ledger.importers.registry import importers
from finsam_ledger.importers.settings import Settings

ROOT = Path(__file__).parent / "importers"
SUFFIXES = {".csv", ".xlsx", ".txt"}
DOCUMENTS = sorted(p for p in ROOT.rglob("*") if p.suffix.lower() in SUFFIXES)


def _extracted(document: Path) -> str:
    candidates = [imp for imp in importers(Settings()) if imp.identify(str(document))]
    assert candidates, f"{document}: no importer identifies it"
    assert len(candidates) == 1, (
        f"{document}: several formats claim it: {[c.name for c in candidates]}"
    )
    importer = candidates[0]
    entries = extract.extract_from_file(importer, str(document), [])
    buffer = io.StringIO()
    write_expected(
        buffer,
        importer.account(str(document)),
        importer.date(str(document)),
        importer.name,
        entries,
    )
    return buffer.getvalue()


@pytest.mark.parametrize("document", DOCUMENTS, ids=[str(p.relative_to(ROOT)) for p in DOCUMENTS])
def test_golden(document: Path) -> None:
    golden = document.with_name(document.name + ".beancount")
    got = _extracted(document)
    if os.environ.get("FINSAM_REGENERATE") or not golden.exists():
        if not os.environ.get("FINSAM_REGENERATE"):
            pytest.fail(f"no golden file {golden.name}; run with FINSAM_REGENERATE=1 and review it")
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_every_reader_has_a_golden_file() -> None:
    from finsam_ledger.importers.registry import readers

    claimed = {
        imp.reader.name
        for doc in DOCUMENTS
        for imp in importers(Settings())
        if imp.identify(str(doc))
    }
    assert {reader.name for reader in readers()} <= claimed

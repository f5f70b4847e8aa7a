"""Fava's import page with a file that cannot be booked: the other files still import.

The example's ``import-config`` (``ledger/importers.py``) wraps the importers
with :func:`finsam_ledger.fava.for_fava`; the files here are the repository's
own test files (invented or published examples), one of them spoilt.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from fava.application import create_app

from finsam_ledger.importers.config import importers_for

from ledgers import EXAMPLE

BANK_FILES = Path(__file__).parent / "importers"
SWEDBANK = BANK_FILES / "swedbank" / "transaktioner-2019.csv"
# Bankgirot's published example as published: the example ledger cannot book it (a
# deposit in EUR, a bankgiro number that is no bank account of the ledger).
BGMAX_EUR = (
    BANK_FILES
    / "bgmax"
    / "bankgiroinbetalningar_exempelfil_avtal-om-ocr-kontroll_checksiffra_langd_sv.txt.original"
)


def _bad_date(raw: bytes) -> bytes:
    """The Swedbank file with a booking day that does not exist, on its fourth line."""
    day = b"2021-03-15,2021-03-15,2021-03-15"
    spoilt = raw.replace(day, b"2021-02-30" + day[10:], 1)
    assert spoilt != raw
    return spoilt


def _fault(ledger: Path, name: str, path: Path) -> Exception:
    """Why the importer itself (unwrapped, as ``finsam import`` uses it) cannot book the file."""
    [importer] = [
        i
        for i in importers_for(ledger=ledger / "main.beancount", config=ledger / "import.toml")
        if i.name == name
    ]
    assert importer.identify(str(path))
    with pytest.raises(Exception) as caught:  # whatever the importer raises
        importer.extract(str(path), [])
    return caught.value


@pytest.fixture
def fava(tmp_path: Path) -> Any:
    """Fava on a copy of the example, with an empty import folder beside it."""
    ledger = tmp_path / "ledger"
    shutil.copytree(EXAMPLE.parent, ledger, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "import").mkdir()
    app = create_app([ledger / "main.beancount"], load=True)
    app.testing = True
    return app.test_client()


def _slug(client: Any) -> str:
    location: str = client.get("/").headers["Location"]
    return location.strip("/").split("/")[0]


@pytest.mark.parametrize(
    ("bad_name", "importer", "content"),
    [
        ("bankgiro.txt", "finsam.bgmax", BGMAX_EUR.read_bytes),
        (
            "Transaktioner_2021-04-02_10-00-00.csv",
            "finsam.swedbank-2019",
            lambda: _bad_date(SWEDBANK.read_bytes()),
        ),
    ],
    ids=["bgmax-eur", "csv-bad-row"],
)
def test_import_page_lists_a_bad_file_with_its_error(
    fava: Any, tmp_path: Path, bad_name: str, importer: str, content: Any
) -> None:
    """The page lists both files (it answered 500 for all); the error is beside the bad one."""
    incoming = tmp_path / "import"
    good = incoming / "Transaktioner_2021-04-01_09-15-00.csv"
    shutil.copy(SWEDBANK, good)
    bad = incoming / bad_name
    bad.write_bytes(content())
    fault = _fault(tmp_path / "ledger", importer, bad)
    reason = str(getattr(fault, "reason", fault))
    slug = _slug(fava)

    response = fava.get(f"/{slug}/api/imports")
    assert response.status_code == 200, response.data[:500]
    files = {f["name"]: f for f in json.loads(response.data)["data"]}
    assert set(files) == {str(good), str(bad)}

    [good_info] = files[str(good)]["importers"]
    assert good_info["importer_name"] == "finsam.swedbank-2019"
    assert good_info["account"] == "Tillgångar:Kassa-och-bank:Bank"
    assert good_info["name"] == good.name

    # Beside the bad file: its importer, no account (Fava moves nothing without one),
    # and the reason where the new file name goes.
    [bad_info] = files[str(bad)]["importers"]
    assert bad_info["importer_name"] == importer
    assert bad_info["account"] == ""
    assert bad_info["name"].startswith("FEL ")
    assert reason in bad_info["name"]
    assert bad_info["name"].endswith(f" – {bad_name}")
    assert "\n" not in bad_info["name"]

    # Extracting the bad file answers with its reason; the good file still extracts.
    refused = fava.get(
        f"/{slug}/api/extract", query_string={"filename": str(bad), "importer": importer}
    )
    assert refused.status_code >= 400
    assert reason in json.loads(refused.data)["error"]
    extracted = fava.get(
        f"/{slug}/api/extract",
        query_string={"filename": str(good), "importer": "finsam.swedbank-2019"},
    )
    assert extracted.status_code == 200
    entries = json.loads(extracted.data)["data"]
    assert len([e for e in entries if e["t"] == "Transaction"]) == 4

    # The file itself is untouched.
    assert bad.read_bytes() == content()

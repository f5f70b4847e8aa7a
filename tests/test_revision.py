"""``finsam revision``: the auditor's folder of the example's 2021, its figures agreeing.

The saldobalans, the SIE file and the årsredovisning come from the same
books: each account's utgående balans in the saldobalans is the SIE file's
``#UB`` (result accounts: ``#RES``), and Kassa och bank is the published
3 401 012 kr.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from finsam_ledger import sie
from finsam_ledger.cli import main
from finsam_ledger.model.books import Books
from finsam_ledger.revision.listor import saldobalans

from ledgers import EXAMPLE

FILES = [
    "arsredovisning-2021.html",
    "arsredovisning-2021.xlsx",
    "huvudbok-2021.html",
    "huvudbok-2021.xlsx",
    "innehall.txt",
    "main-2021.se",
    "saldobalans-2021.html",
    "saldobalans-2021.xlsx",
    "verifikationslista-2021.html",
    "verifikationslista-2021.xlsx",
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("revision") / "2021"
    assert main(["revision", str(EXAMPLE), "--year", "2021", "-o", str(target)]) == 0
    return target


def test_the_folder_holds_the_package(folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == FILES
    manifest = (folder / "innehall.txt").read_text(encoding="utf-8")
    assert manifest.startswith("Revisionsunderlag: Exempel: Samordningsförbundet")
    assert "main-2021.se: SIE 4E, räkenskapsåret och föregående år\n" in manifest


def test_the_saldobalans_agrees_with_the_sie_file(folder: Path, example: Books) -> None:
    content = (folder / "main-2021.se").read_bytes()
    assert sie.verify(content)
    parsed = sie.read(content)
    assert sie.check(parsed) == ()
    sie_closing = {
        number: balance.amount for (year, number), balance in parsed.ub.items() if year == 0
    }
    sie_closing |= {
        number: balance.amount for (year, number), balance in parsed.res.items() if year == 0
    }
    rows = saldobalans(example, 2021).rader
    ours = {str(r.celler[0]).split(" ")[0]: r.celler[4] for r in rows if r.slag == "rad"}
    # Accounts that close at zero: a row in the saldobalans, no amount in the file.
    assert {k: v for k, v in ours.items() if v} == {k: v for k, v in sie_closing.items() if v}
    # Kassa och bank, as the published balansräkning 2021-12-31.
    assert ours["1930"] == Decimal("3401012.00")
    assert rows[-1].celler == (
        "Summa",
        Decimal("0.00"),
        rows[-1].celler[2],
        rows[-1].celler[2],
        Decimal("0.00"),
    )


def test_the_xlsx_holds_the_same_figures(folder: Path) -> None:
    ws = load_workbook(BytesIO((folder / "saldobalans-2021.xlsx").read_bytes())).active
    assert ws is not None
    bank = next(
        row
        for row in ws.iter_rows(min_row=4, values_only=True)
        if row[0] and str(row[0]).startswith("1930 ")
    )
    assert bank[4] == 3401012


def test_a_second_run_replaces_its_own_files(folder: Path) -> None:
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main(["revision", str(EXAMPLE), "--year", "2021", "-o", str(folder)]) == 0
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert sorted(after) == sorted(before)
    # The same books give the same saldobalans and the same SIE vouchers.
    assert after["saldobalans-2021.html"] == before["saldobalans-2021.html"]


def test_refused_into_the_ledger_folder(capsys: pytest.CaptureFixture[str]) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in EXAMPLE.parent.iterdir()}
    assert main(["revision", str(EXAMPLE), "--year", "2021", "-o", str(EXAMPLE.parent)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("finsam: error: -o ")
    assert "nothing written" in err
    assert {p.name: p.stat().st_mtime_ns for p in EXAMPLE.parent.iterdir()} == before


def test_a_year_not_closed_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out"
    assert main(["revision", str(EXAMPLE), "--year", "2022", "-o", str(target)]) == 2
    assert "2022" in capsys.readouterr().err
    assert not target.exists() or not any(target.iterdir())


def test_a_read_only_file_in_the_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "ro"
    assert main(["revision", str(EXAMPLE), "--year", "2021", "-o", str(target)]) == 0
    (target / "huvudbok-2021.xlsx").chmod(0o444)
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    assert main(["revision", str(EXAMPLE), "--year", "2021", "-o", str(target)]) == 2
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before

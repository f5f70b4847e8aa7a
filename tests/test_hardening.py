"""Bad input found by review: each gets one line and an exit code, nothing is written.

A control character in the förbund's text or title, an amount too large for
any book, an existing file of another kind under an output's name.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from finsam_ledger.cli import main
from finsam_ledger.model.money import whole
from finsam_ledger.sie import SieError, read

from ledgers import EXAMPLE, REPO


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    """A copy of the example ledger, its text folder included."""
    copy = tmp_path / "ledger"
    shutil.copytree(EXAMPLE.parent, copy)
    return copy / "main.beancount"


def test_a_control_character_in_the_text_is_an_error_at_its_line(
    ledger: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = ledger.parent / "arsredovisning-2021" / "forvaltningsberattelse.md"
    lines = text.read_text(encoding="utf-8").splitlines()
    lines[2] = "Text \x1b."
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "ar.docx"
    assert (
        main(["export", str(ledger), "--year", "2021", "--format", "docx", "-o", str(target)]) == 1
    )
    err = capsys.readouterr().err
    assert f"{text}:3: a control character (U+001B)" in err
    assert "Traceback" not in err
    assert not target.exists()


def test_a_control_character_in_the_title_is_left_out_of_the_workbook(
    ledger: Path, tmp_path: Path
) -> None:
    main_text = ledger.read_text(encoding="utf-8")
    ledger.write_text(
        main_text.replace('option "title" "Exempel', 'option "title" "Ex\x01empel', 1),
        encoding="utf-8",
    )
    target = tmp_path / "ar.xlsx"
    assert (
        main(["export", str(ledger), "--year", "2021", "--format", "xlsx", "-o", str(target)]) == 0
    )
    assert target.read_bytes().startswith(b"PK")


def test_an_amount_beyond_any_book_still_prints() -> None:
    assert whole(Decimal("1200000000000000000000000000000000.50")) == (
        1200000000000000000000000000000001
    )


def test_a_sie_amount_beyond_any_book_is_refused_at_its_line() -> None:
    content = (
        b"#FLAGGA 0\r\n#SIETYP 4\r\n#RAR 0 20210101 20211231\r\n"
        b"#KONTO 1930 Bank\r\n#KONTO 3000 Intakt\r\n"
        b'#VER A 1 20210105 "X"\r\n{\r\n'
        b"#TRANS 1930 {} 99999999999999999999999999999999.00\r\n"
        b"#TRANS 3000 {} -99999999999999999999999999999999.00\r\n}\r\n"
    )
    with pytest.raises(SieError) as refused:
        read(content)
    assert refused.value.line == 8
    assert "too large for an amount" in refused.value.reason


@pytest.mark.parametrize(
    ("name", "argv"),
    [
        ("notes.se", ["sie", "export", str(EXAMPLE), "--year", "2021", "-o"]),
        ("brev.docx", ["export", str(EXAMPLE), "--year", "2021", "--format", "docx", "-o"]),
        ("brev.pdf", ["export", str(EXAMPLE), "--year", "2021", "--format", "pdf", "-o"]),
    ],
)
def test_a_text_file_under_an_outputs_name_is_never_replaced(
    name: str, argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / name
    target.write_text("Anteckningar som inte får försvinna.\n", encoding="utf-8")
    assert main([*argv, str(target)]) == 2
    assert "does not hold a" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "Anteckningar som inte får försvinna.\n"


def test_a_mapping_value_the_chart_does_not_take_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = tmp_path / "mappning.toml"
    mapping.write_text('[konton]\n"3000-3999" = { part = "stat" }\n', encoding="utf-8")
    source = REPO.parent / "shared" / "reference" / "sie" / "typ4.se"
    target = tmp_path / "bok"
    assert main(["sie", "import", str(source), "-o", str(target), "--mapping", str(mapping)]) == 1
    err = capsys.readouterr().err
    assert f"{mapping}:2:" in err and "part 'stat' is not one of" in err
    assert not target.exists()

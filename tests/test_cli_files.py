"""``finsam report -o`` and ``finsam export -o`` never lose or damage a user's file.

Every refusal is exit 2 with one line naming the path, and leaves every
file as it was, byte for byte.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from finsam_ledger.cli import main

from ledgers import ANNUAL_TABLES, EXAMPLE

YEAR = ["--year", "2021"]
HALF_YEAR = ["--period", "2021-01-01..2021-06-30"]


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes | str | None]]:
    """Every entry under ``folder``: its mode and content (a link's target; None for folders)."""
    result: dict[str, tuple[int, bytes | str | None]] = {}
    for path in sorted(folder.rglob("*")):
        mode = path.lstat().st_mode
        if path.is_symlink():
            content: bytes | str | None = str(path.readlink())
        elif path.is_dir():
            content = None
        else:
            content = path.read_bytes()
        result[str(path.relative_to(folder))] = (mode, content)
    return result


def _refused(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """Run a command that must be refused; its one line of error."""
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("finsam: error: ")
    return captured.err.removeprefix("finsam: error: ").rstrip("\n")


@pytest.fixture
def books(tmp_path: Path) -> Path:
    """A copy of the example ledger; its main file."""
    shutil.copytree(EXAMPLE.parent, tmp_path / "ledger")
    return tmp_path / "ledger" / "main.beancount"


def _csv(folder: Path | str, *when: str) -> list[str]:
    return ["export", str(EXAMPLE), *(when or YEAR), "--format", "csv", "-o", str(folder)]


def _annual_files() -> list[str]:
    return sorted(["rapport.txt", *(f"{key}.csv" for key in ANNUAL_TABLES)])


# 1. The CSV folder: only a folder that finsam export wrote is written into.


def test_csv_export_refuses_a_folder_of_bank_csvs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "swedbank-2021.csv").write_bytes(b"Radnummer;Belopp\r\n1;-1 250,00\r\n")
    (folder / "nordea-2021.csv").write_bytes(b"Bokf\xf6ringsdag;Belopp\n2021-01-04;100\n")
    before = _snapshot(tmp_path)
    assert _refused(capsys, _csv(folder)) == (
        f"-o {folder}: holds other files than a CSV export (nordea-2021.csv, swedbank-2021.csv); "
        "nothing written, choose a new or empty folder"
    )
    assert _snapshot(tmp_path) == before


def test_csv_export_refuses_a_folder_with_a_subfolder_named_like_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "export"
    (folder / "arkiv.csv").mkdir(parents=True)
    (folder / "arkiv.csv" / "kvitto.pdf").write_bytes(b"%PDF-1.4 kvitto")
    before = _snapshot(tmp_path)
    assert _refused(capsys, _csv(folder)) == (
        f"-o {folder}: holds other files than a CSV export (arkiv.csv); "
        "nothing written, choose a new or empty folder"
    )
    assert _snapshot(tmp_path) == before


def test_csv_export_into_a_symlinked_folder_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "delad" / "årsredovisning"
    real.mkdir(parents=True)
    link = tmp_path / "export"
    link.symlink_to(real)
    assert main(_csv(link)) == 0
    assert main(_csv(link)) == 0
    assert link.is_symlink()
    assert link.readlink() == real
    assert sorted(p.name for p in real.iterdir()) == _annual_files()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["delad", "export"]


def test_a_second_csv_export_replaces_the_first_and_rapport_txt_lists_the_files(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "export"
    assert main(_csv(folder)) == 0
    assert main(_csv(folder, *HALF_YEAR)) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "balanskrav.csv",
        "balansrakning.csv",
        "driftsredovisning.csv",
        "eget_kapital.csv",
        "not2.csv",
        "not3.csv",
        "rapport.txt",
        "resultatrakning.csv",
    ]
    assert (folder / "rapport.txt").read_text(encoding="utf-8") == (
        "Exempel: Samordningsförbundet Södra Vätterbygden (bygger på årsredovisning 2021)\n"
        "Delårsrapport 2021-01-01–2021-06-30\n"
        "\n"
        "# Files written by finsam export; the next export into this folder replaces them:\n"
        "resultatrakning.csv: Resultaträkning\n"
        "not2.csv: Not 2 Verksamhetens intäkter\n"
        "not3.csv: Not 3 Verksamhetens kostnader\n"
        "balansrakning.csv: Balansräkning\n"
        "driftsredovisning.csv: Driftsredovisning med helårsprognos\n"
        "eget_kapital.csv: Eget kapital 2021-12-31, prognos\n"
        "balanskrav.csv: Balanskravsutredning, prognos\n"
    )


def test_an_interrupted_csv_export_leaves_a_folder_that_the_next_run_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "export"
    assert main(_csv(folder, *HALF_YEAR)) == 0
    expected_dir = tmp_path / "facit"
    assert main(_csv(expected_dir)) == 0
    replace, calls = Path.replace, 0

    def fail_second(self: Path, other: Path) -> Path:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(28, "No space left on device")
        return replace(self, other)

    monkeypatch.setattr(Path, "replace", fail_second)
    monkeypatch.setattr(Path, "rename", fail_second)
    assert _refused(capsys, _csv(folder)) == f"-o {folder}: No space left on device"
    monkeypatch.undo()
    assert folder.is_dir()
    assert (folder / "rapport.txt").is_file()
    assert main(_csv(folder)) == 0
    assert _snapshot(folder) == _snapshot(expected_dir)


def test_csv_export_into_the_current_folder_holding_other_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kontoutdrag.csv").write_bytes(b"Datum;Belopp\n")
    (tmp_path / "rapport.txt").write_bytes(b"Mina anteckningar\n")
    monkeypatch.chdir(tmp_path)
    before = _snapshot(tmp_path)
    assert _refused(capsys, _csv(".")) == (
        "-o .: holds other files than a CSV export (kontoutdrag.csv, rapport.txt); "
        "nothing written, choose a new or empty folder"
    )
    assert _snapshot(tmp_path) == before


# 2. No output over a file of the ledger.


@pytest.mark.parametrize("command", ["report", "export"])
def test_output_over_the_main_ledger_file_is_refused(
    books: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _snapshot(books.parent)
    fmt = ["--format", "md"] if command == "export" else []
    argv = [command, str(books), *YEAR, *fmt, "-o", str(books)]
    assert _refused(capsys, argv) == (
        f"-o {books}: is a file of the ledger ({books}); nothing written, "
        "write the output elsewhere"
    )
    assert _snapshot(books.parent) == before


def test_output_over_an_alias_of_the_ledger_file_is_refused(
    books: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(books.parent.parent)
    (books.parent.parent / "senaste.txt").symlink_to(books)
    before = _snapshot(books.parent.parent)
    for alias in ["./ledger/../ledger/main.beancount", "senaste.txt"]:
        argv = ["report", "ledger/main.beancount", *YEAR, "-o", alias]
        assert _refused(capsys, argv).startswith(f"-o {alias}: is a file of the ledger")
    assert _snapshot(books.parent.parent) == before


def test_export_over_an_included_file_is_refused(
    books: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    included = books.parent / "2021.beancount"
    before = _snapshot(books.parent)
    argv = ["export", str(books), *YEAR, "--format", "xlsx", "-o", str(included)]
    assert _refused(capsys, argv) == (
        f"-o {included}: a name ending in .beancount or .bean is for ledger files; "
        "nothing written, choose another name"
    )
    assert _snapshot(books.parent) == before


def test_output_over_an_included_file_of_any_name_or_alias_is_refused(
    books: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Beancount includes a file of any name; a link or hard link to it is the same file."""
    folder = books.parent
    (folder / "2021.beancount").rename(folder / "2021.md")
    text = books.read_text(encoding="utf-8").replace('"2021.beancount"', '"2021.md"')
    books.write_text(text, encoding="utf-8")
    (folder.parent / "länk.md").symlink_to(folder / "2021.md")
    os.link(folder / "2021.md", folder.parent / "hård.md")
    before = _snapshot(folder.parent)
    for output in [folder / "2021.md", folder.parent / "länk.md", folder.parent / "hård.md"]:
        argv = ["export", str(books), *YEAR, "--format", "md", "-o", str(output)]
        assert _refused(capsys, argv).startswith(f"-o {output}: is a file of the ledger (")
    assert _snapshot(folder.parent) == before


@pytest.mark.parametrize("name", ["rapport.beancount", "rapport.bean", "RAPPORT.BEAN"])
def test_an_output_named_like_a_ledger_file_is_refused(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / name
    assert _refused(capsys, ["report", str(EXAMPLE), *YEAR, "-o", str(target)]) == (
        f"-o {target}: a name ending in .beancount or .bean is for ledger files; "
        "nothing written, choose another name"
    )
    assert list(tmp_path.iterdir()) == []


# 3. A read-only file is refused; a replaced one keeps its mode.


def test_a_read_only_output_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "fastställd.xlsx"
    target.write_bytes(b"the adopted annual report")
    target.chmod(0o444)
    before = _snapshot(tmp_path)
    argv = ["export", str(EXAMPLE), *YEAR, "--format", "xlsx", "-o", str(target)]
    assert _refused(capsys, argv) == f"-o {target}: the file is read-only; nothing written"
    assert _snapshot(tmp_path) == before
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_replaced_output_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "rapport.html"
    target.write_bytes(b"old")
    target.chmod(0o640)
    assert main(["export", str(EXAMPLE), *YEAR, "--format", "html", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


# 4. Every bad output is one line of error.


def test_report_to_a_full_disk_is_one_line(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with Path("/dev/full").open("w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "finsam_ledger", "report", str(EXAMPLE), *YEAR],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            cwd=tmp_path,
        )
    assert (done.returncode, done.stderr) == (
        2,
        "finsam: error: <stdout>: No space left on device\n",
    )


def test_output_to_a_pipe_is_written_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "rör"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert main(["report", str(EXAMPLE), *YEAR, "-o", str(fifo)]) == 0
        assert os.read(reader, 1 << 16).decode("utf-8").startswith("Exempel: ")
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["rör"]


def test_output_into_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "saknas" / "rapport.txt"
    assert _refused(capsys, ["report", str(EXAMPLE), *YEAR, "-o", str(target)]) == (
        f"-o {target}: not a file in an existing folder (no folder {target.parent})"
    )
    assert list(tmp_path.iterdir()) == []


def test_output_onto_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "rapport.md").mkdir()
    argv = ["export", str(EXAMPLE), *YEAR, "--format", "md", "-o", str(tmp_path / "rapport.md")]
    assert _refused(capsys, argv) == f"-o {tmp_path / 'rapport.md'}: is a folder, not a file"
    assert list((tmp_path / "rapport.md").iterdir()) == []


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_output_to_a_symlink_loop(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    before = _snapshot(tmp_path)
    argv = ["export", str(EXAMPLE), *YEAR, "--format", fmt, "-o", str(tmp_path / "a")]
    assert _refused(capsys, argv) == f"-o {tmp_path / 'a'}: symlink loop"
    assert _snapshot(tmp_path) == before


# 6. Temporary files of a killed write are removed by the next write.


def test_a_stale_temporary_file_is_removed_by_the_next_export(tmp_path: Path) -> None:
    (tmp_path / ".rapport.txt.finsam-tmp-abc").write_bytes(b"half a report")
    argv = ["report", str(EXAMPLE), *YEAR, "-o", str(tmp_path / "rapport.txt")]
    assert main(argv) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.txt"]


# 8. Concurrent writes.


def test_a_held_lock_makes_an_export_wait_then_refuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import fcntl

    monkeypatch.setattr("finsam_ledger.safe_files.LOCK_WAIT_SECONDS", 0.2)
    target = tmp_path / "rapport.xlsx"
    argv = ["export", str(EXAMPLE), *YEAR, "--format", "xlsx", "-o", str(target)]
    fd = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert _refused(capsys, argv) == (
            f"-o {tmp_path}: another finsam command is writing in this folder; try again"
        )
        assert list(tmp_path.iterdir()) == []
    finally:
        os.close(fd)
    assert main(argv) == 0


def test_two_exports_to_the_same_file_at_once_both_succeed(tmp_path: Path) -> None:
    target = tmp_path / "samma.xlsx"
    argv = [sys.executable, "-m", "finsam_ledger", "export", str(EXAMPLE), *YEAR]
    runs = [
        subprocess.Popen(
            [*argv, "--format", "xlsx", "-o", str(target), *tkr],
            stderr=subprocess.PIPE,
            text=True,
        )
        for tkr in ([], ["--tkr"])
    ]
    results = [(run.wait(timeout=120), run.stderr.read() if run.stderr else "") for run in runs]
    for run in runs:
        if run.stderr:
            run.stderr.close()
    assert results == [(0, ""), (0, "")]
    assert load_workbook(target).sheetnames[0] == "Resultaträkning"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["samma.xlsx"]


@pytest.mark.parametrize(
    ("name", "fmt"), [("importers.py", "md"), ("import.toml", "html"), ("kontoutdrag.csv", "xlsx")]
)
def test_output_never_replaces_a_file_of_another_kind(
    books: Path, capsys: pytest.CaptureFixture[str], name: str, fmt: str
) -> None:
    """The Fava import config, the import rules, a bank file: -o may not replace them."""
    other = books.parent / name
    other.write_text("# the förbund's own file\n", encoding="utf-8")
    before = _snapshot(books.parent)
    argv = ["export", str(books), *YEAR, "--format", fmt, "-o", str(other)]
    assert _refused(capsys, argv).startswith(f"-o {other}: the file exists and is not a {fmt} file")
    assert _snapshot(books.parent) == before

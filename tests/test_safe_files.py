"""safe_files: atomic, locked writes that never lose or damage a user's file."""

from __future__ import annotations

import fcntl
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from finsam_ledger import safe_files
from finsam_ledger.safe_files import MANIFEST, MANIFEST_MARK, TEMP_MARK, Refused


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry under ``folder``: file contents, None for folders and links."""
    return {
        str(p.relative_to(folder)): None if p.is_symlink() or p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


@contextmanager
def _held(folder: Path) -> Iterator[None]:
    """Hold the folder's lock as another finsam command would."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


# Files


def test_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "rapport.txt"
    target.write_text("gammal", encoding="utf-8")
    safe_files.write_text(target, "ny")
    assert target.read_text(encoding="utf-8") == "ny"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.txt"]


def test_failure_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "rapport.txt"
    target.write_text("gammal", encoding="utf-8")

    def fail(_self: Path, _other: Path) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        safe_files.write_text(target, "ny")
    assert target.read_text(encoding="utf-8") == "gammal"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.txt"]


def test_pipes_and_devices_are_written_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "rör"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        safe_files.write_text(fifo, "genom röret")
        assert os.read(reader, 100).decode("utf-8") == "genom röret"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["rör"]


def test_a_replaced_file_keeps_its_mode_a_new_one_gets_the_umask(tmp_path: Path) -> None:
    kept = tmp_path / "rapport.txt"
    kept.write_text("gammal", encoding="utf-8")
    kept.chmod(0o640)
    safe_files.write_text(kept, "ny")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    umask = os.umask(0o027)
    try:
        safe_files.write_text(tmp_path / "ny.txt", "ny")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "ny.txt").stat().st_mode) == 0o640


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o044])
def test_a_file_without_the_owners_write_bit_is_refused(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "låst.xlsx"
    target.write_bytes(b"bokslut")
    target.chmod(mode)
    with pytest.raises(Refused, match=r"låst\.xlsx: the file is read-only; nothing written$"):
        safe_files.write_bytes(target, b"ny")
    with pytest.raises(Refused):
        safe_files.update(target, lambda _old: b"ny")
    assert target.read_bytes() == b"bokslut"
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "rapporter").mkdir()
    real = tmp_path / "rapporter" / "2021.txt"
    real.write_text("gammal", encoding="utf-8")
    link = tmp_path / "senaste.txt"
    link.symlink_to(real)
    safe_files.write_text(link, "ny")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "ny"
    dangling = tmp_path / "kommande.txt"
    dangling.symlink_to(tmp_path / "rapporter" / "2022.txt")
    safe_files.write_text(dangling, "2022")
    assert dangling.is_symlink()
    assert (tmp_path / "rapporter" / "2022.txt").read_text(encoding="utf-8") == "2022"


def test_a_symlink_loop_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(Refused, match=r"/a: symlink loop$"):
        safe_files.write_text(tmp_path / "a", "x")
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


def test_a_folder_or_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Refused, match=r"is a folder$"):
        safe_files.write_text(tmp_path, "x")
    with pytest.raises(Refused, match="no such folder: "):
        safe_files.write_text(tmp_path / "saknas" / "r.txt", "x")
    with pytest.raises(Refused, match="an empty path"):
        safe_files.write_text("", "x")


def test_stale_temporary_files_of_the_target_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "rapport.txt"
    (tmp_path / f".rapport.txt{TEMP_MARK}abc").write_text("avbruten", encoding="utf-8")
    (tmp_path / f".annan.txt{TEMP_MARK}abc").write_text("en annans", encoding="utf-8")
    safe_files.write_text(target, "ny")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f".annan.txt{TEMP_MARK}abc",
        "rapport.txt",
    ]


def test_a_replaced_file_keeps_its_owner(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    target = tmp_path / "rapport.txt"
    target.write_text("gammal", encoding="utf-8")
    os.chown(target, 1234, 4321)
    safe_files.write_text(target, "ny")
    assert (target.stat().st_uid, target.stat().st_gid) == (1234, 4321)


# The ledger's files


def test_refuse_ledger_file_sees_aliases(tmp_path: Path) -> None:
    books = tmp_path / "bok"
    books.mkdir()
    main = books / "main.beancount"
    main.write_text("", encoding="utf-8")
    (tmp_path / "länk.txt").symlink_to(main)
    os.link(main, tmp_path / "hård.txt")
    files = [str(main)]
    for alias in [main, books / ".." / "bok" / "main.beancount", "länk.txt", "hård.txt"]:
        path = alias if isinstance(alias, Path) else tmp_path / alias
        with pytest.raises(Refused, match="is a file of the ledger"):
            safe_files.refuse_ledger_file(path, files)
    safe_files.refuse_ledger_file(tmp_path / "rapport.txt", files)
    safe_files.refuse_ledger_file(tmp_path / "rapport.txt", [tmp_path / "saknas.beancount"])


# The lock


def test_a_held_lock_makes_the_writer_wait_then_refuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safe_files, "LOCK_WAIT_SECONDS", 0.2)
    target = tmp_path / "rapport.txt"
    with (
        _held(tmp_path),
        pytest.raises(Refused, match="another finsam command is writing in this folder"),
    ):
        safe_files.write_text(target, "ny")
    assert not target.exists()
    safe_files.write_text(target, "ny")
    assert target.read_text(encoding="utf-8") == "ny"


def test_update_sees_the_old_content_and_skips_an_unchanged_file(tmp_path: Path) -> None:
    target = tmp_path / "bok.beancount"
    safe_files.update(target, lambda old: (old or b"") + b"rad 1\n")
    safe_files.update(target, lambda old: (old or b"") + b"rad 2\n")
    assert target.read_bytes() == b"rad 1\nrad 2\n"
    before = target.stat().st_ino
    safe_files.update(target, lambda old: old or b"")
    assert target.stat().st_ino == before


# Folders


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_folder_writes_a_manifest_and_replaces_only_its_own_files(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    safe_files.write_folder(folder, {"a.csv": b"1", "b.csv": b"2"})
    assert _names(folder) == [MANIFEST, "a.csv", "b.csv"]
    assert (folder / MANIFEST).read_text(encoding="utf-8") == f"{MANIFEST_MARK}\na.csv\nb.csv\n"
    safe_files.write_folder(folder, {"b.csv": b"3", "c.csv": b"4"})
    assert _names(folder) == [MANIFEST, "b.csv", "c.csv"]
    assert (folder / "b.csv").read_bytes() == b"3"
    assert (folder / MANIFEST).read_text(encoding="utf-8") == f"{MANIFEST_MARK}\nb.csv\nc.csv\n"


def test_write_folder_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "swedbank.csv").write_bytes(b"Radnummer;Belopp\n1;100\n")
    (folder / "arkiv.csv").mkdir()
    (folder / "arkiv.csv" / "kvitto.pdf").write_bytes(b"%PDF-1.4")
    before = _snapshot(folder)
    with pytest.raises(Refused, match=r"bank: holds other files than a finsam export "):
        safe_files.write_folder(folder, {"swedbank.csv": b"x", "a.csv": b"y"})
    assert _snapshot(folder) == before


def test_write_folder_refuses_a_manifest_without_the_mark(tmp_path: Path) -> None:
    """A user's own file that happens to have the manifest's name proves nothing."""
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "rapport.txt").write_text("a.csv\nb.csv\n", encoding="utf-8")
    (folder / "a.csv").write_bytes(b"egen")
    with pytest.raises(Refused, match=r"\(a\.csv, rapport\.txt\)"):
        safe_files.write_folder(folder, {"a.csv": b"x"}, manifest="rapport.txt")
    assert (folder / "a.csv").read_bytes() == b"egen"


def test_write_folder_counts_a_listed_name_that_became_a_folder_or_link_as_foreign(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "export"
    safe_files.write_folder(folder, {"a.csv": b"1", "b.csv": b"2"})
    (folder / "a.csv").unlink()
    (folder / "a.csv").mkdir()
    (folder / "b.csv").unlink()
    (folder / "b.csv").symlink_to(tmp_path / "viktig.txt")
    (tmp_path / "viktig.txt").write_bytes(b"viktig")
    with pytest.raises(Refused, match=r"\(a\.csv, b\.csv\)"):
        safe_files.write_folder(folder, {"a.csv": b"x", "b.csv": b"y"})
    assert (tmp_path / "viktig.txt").read_bytes() == b"viktig"


def test_write_folder_head_and_notes_make_a_readable_manifest(tmp_path: Path) -> None:
    """The manifest's mark is the last one: a head cannot list files of its own."""
    folder = tmp_path / "export"
    head = f"Rapport\n{MANIFEST_MARK}\nviktig.docx\n\n"
    safe_files.write_folder(
        folder, {"a.csv": b"1"}, manifest="index.txt", head=head, notes={"a.csv": "Tabell A"}
    )
    assert (folder / "index.txt").read_text(encoding="utf-8") == (
        f"{head}{MANIFEST_MARK}\na.csv: Tabell A\n"
    )
    (folder / "viktig.docx").write_bytes(b"eget")
    with pytest.raises(Refused, match=r"\(viktig\.docx\)"):
        safe_files.write_folder(folder, {"a.csv": b"2"}, manifest="index.txt")


def test_write_folder_into_a_symlinked_folder_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "delad"
    real.mkdir()
    link = tmp_path / "export"
    link.symlink_to(real)
    safe_files.write_folder(link, {"a.csv": b"1"})
    safe_files.write_folder(link, {"b.csv": b"2"})
    assert link.is_symlink()
    assert _names(real) == [MANIFEST, "b.csv"]


def test_write_folder_interrupted_is_completed_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "export"
    safe_files.write_folder(folder, {"a.csv": b"1", "b.csv": b"1"})
    original = Path.replace
    calls = 0

    def fail_third(self: Path, other: Path) -> Path:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError(28, "No space left on device")
        return original(self, other)

    monkeypatch.setattr(Path, "replace", fail_third)
    with pytest.raises(OSError, match="No space left"):
        safe_files.write_folder(folder, {"b.csv": b"2", "c.csv": b"2"})
    monkeypatch.undo()
    # The manifest lists both runs' files and says the folder is unfinished;
    # b.csv is new, c.csv not written yet.
    assert (folder / MANIFEST).read_text(encoding="utf-8") == (
        f"{safe_files.UNFINISHED}\n{MANIFEST_MARK}\nb.csv\nc.csv\na.csv\n"
    )
    assert _names(folder) == [MANIFEST, "a.csv", "b.csv"]
    safe_files.write_folder(folder, {"b.csv": b"2", "c.csv": b"2"})
    assert _names(folder) == [MANIFEST, "b.csv", "c.csv"]


def test_write_folder_refuses_a_read_only_file_or_folder_before_writing(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    safe_files.write_folder(folder, {"a.csv": b"1", "b.csv": b"1"})
    (folder / "b.csv").chmod(0o444)
    before = _snapshot(folder)
    with pytest.raises(Refused, match=r"b\.csv: the file is read-only"):
        safe_files.write_folder(folder, {"a.csv": b"2"})
    assert _snapshot(folder) == before
    (folder / "b.csv").chmod(0o644)
    folder.chmod(0o555)
    try:
        with pytest.raises(Refused, match="export: the folder is read-only"):
            safe_files.write_folder(folder, {"a.csv": b"2"})
    finally:
        folder.chmod(0o755)
    assert _snapshot(folder) == before


def test_write_folder_removes_stale_temporary_files_and_takes_an_empty_folder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / f".a.csv{TEMP_MARK}x1").write_bytes(b"avbruten")
    (folder / f".borta.csv{TEMP_MARK}x2").write_bytes(b"avbruten")
    safe_files.write_folder(folder, {"a.csv": b"1"})
    assert _names(folder) == [MANIFEST, "a.csv"]


@pytest.mark.parametrize("name", ["", ".", "..", "a/b", "a:b", "#a", "a\nb", MANIFEST])
def test_write_folder_takes_plain_names_only(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match=r"not a plain file name|is the manifest"):
        safe_files.write_folder(tmp_path / "export", {name: b"x"})
    assert not (tmp_path / "export").exists()


def test_an_interrupted_csv_export_never_claims_the_new_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rapport.txt of a folder whose second export failed does not name that report."""
    folder = tmp_path / "export"
    safe_files.write_folder(
        folder, {"a.csv": b"2020"}, manifest="rapport.txt", head="Räkenskapsår 2020"
    )
    original = Path.replace
    calls = 0

    def fail_second(self: Path, other: Path) -> Path:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(28, "No space left on device")
        return original(self, other)

    monkeypatch.setattr(Path, "replace", fail_second)
    with pytest.raises(OSError, match="No space left"):
        safe_files.write_folder(
            folder, {"a.csv": b"2021"}, manifest="rapport.txt", head="Räkenskapsår 2021"
        )
    monkeypatch.undo()
    index = (folder / "rapport.txt").read_text(encoding="utf-8")
    assert index.startswith(safe_files.UNFINISHED)
    assert "Räkenskapsår 2021" not in index
    assert (folder / "a.csv").read_bytes() == b"2020"


def test_dev_stdout_appended_to_a_file_keeps_the_file(tmp_path: Path) -> None:
    """``-o /dev/stdout >> log`` adds to the log; it never replaces or truncates it."""
    log = tmp_path / "logg.txt"
    log.write_text("tidigare rad\n", encoding="utf-8")
    script = (
        "from finsam_ledger import safe_files\n"
        "safe_files.write_text('/dev/stdout', 'rapport\\n')\n"
        "safe_files.write_text('/dev/fd/1', 'igen\\n')\n"
    )
    with log.open("a", encoding="utf-8") as out:
        subprocess.run([sys.executable, "-c", script], stdout=out, check=True)
    assert log.read_text(encoding="utf-8") == "tidigare rad\nrapport\nigen\n"
    assert [p.name for p in tmp_path.iterdir()] == ["logg.txt"]

"""Atomic writes: an interrupted write leaves the old file as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from finsam_ledger.exports import atomic


def test_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "rapport.txt"
    target.write_text("gammal", encoding="utf-8")
    atomic.write_text(target, "ny")
    assert target.read_text(encoding="utf-8") == "ny"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.txt"]


def test_failure_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "rapport.txt"
    target.write_text("gammal", encoding="utf-8")

    def fail(_self: Path, _other: Path) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        atomic.write_text(target, "ny")
    assert target.read_text(encoding="utf-8") == "gammal"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.txt"]


def test_devices_are_written_not_replaced() -> None:
    atomic.write_text("/dev/null", "ingenting")
    assert Path("/dev/null").is_char_device()

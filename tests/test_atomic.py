"""Atomic writes: an interrupted write leaves the old file as it was."""

from __future__ import annotations

import os
import stat
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


def test_pipes_and_devices_are_written_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "rör"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        atomic.write_text(fifo, "genom röret")
        assert os.read(reader, 100).decode("utf-8") == "genom röret"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["rör"]

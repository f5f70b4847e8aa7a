"""Fava's import configuration follows the ledger and the rules as they are edited."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from finsam_ledger.importers import config as config_module
from finsam_ledger.importers.config import importers_for

from inline import HEADER

LEDGER = HEADER + (
    "2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK\n"
    '  bankkonto: "8327-9, 000 000 000-0"\n'
    "2021-01-01 open Kostnader:Administration:Bankavgifter SEK\n"
)
RULE = '[[regel]]\ntext = "Avgift"\nkonto = "Kostnader:Administration:Bankavgifter"\n'


def _touch_later(path: Path) -> None:
    """A later modification time, as an edit a moment later would give."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_the_ledger_is_loaded_when_first_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(LEDGER, encoding="utf-8")
    loads: list[Path] = []
    original = config_module.load_file

    def counted(path: Path) -> object:
        loads.append(path)
        return original(path)

    monkeypatch.setattr(config_module, "load_file", counted)
    made = importers_for(ledger=ledger)
    assert loads == []  # Fava's start does not load the ledger a second time
    assert made[0].settings.ledger_cash == ("Tillgångar:Kassa-och-bank:Bank",)
    assert made[1].settings.ledger_cash == ("Tillgångar:Kassa-och-bank:Bank",)
    assert loads == [ledger]  # once, shared by every importer


def test_edited_rules_and_accounts_are_followed(tmp_path: Path) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(LEDGER, encoding="utf-8")
    rules = tmp_path / "import.toml"
    rules.write_text(RULE, encoding="utf-8")
    importer = importers_for(ledger=ledger, config=rules)[0]
    assert len(importer.settings.rules) == 1
    rules.write_text(RULE + RULE.replace("Avgift", "Ränta"), encoding="utf-8")
    _touch_later(rules)
    assert len(importer.settings.rules) == 2
    with ledger.open("a", encoding="utf-8") as out:
        out.write("2021-01-01 open Tillgångar:Kassa-och-bank:Placering SEK\n")
    _touch_later(ledger)
    assert importer.settings.ledger_cash == (
        "Tillgångar:Kassa-och-bank:Bank",
        "Tillgångar:Kassa-och-bank:Placering",
    )

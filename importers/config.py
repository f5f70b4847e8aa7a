"""Importers for Fava's import page and for scripts, set up from a ledger and a config.

Fava runs the module named by its ``import-config`` option and takes its
``CONFIG`` list; a three-line module beside the ledger is enough
(:func:`finsam_ledger.fava.for_fava` keeps one file that cannot be booked
from failing the whole import page)::

    from finsam_ledger.fava import for_fava
    from finsam_ledger.importers.config import importers_for
    CONFIG = for_fava(importers_for(ledger=__file__.replace("importers.py", "main.beancount")))
"""

from __future__ import annotations

from pathlib import Path

from finsam_ledger.importers.importer import BankImporter
from finsam_ledger.importers.registry import importers
from finsam_ledger.importers.settings import Settings, load
from finsam_ledger.model.books import load_file


def importers_for(
    ledger: str | Path | None = None, config: str | Path | None = None
) -> list[BankImporter]:
    """Every format's importer, with the ledger's bank accounts and the config's rules.

    The ledger is loaded when a row is first booked, not when this module
    runs, and again whenever one of its files or the config has changed,
    so Fava's import page follows an edited ``import.toml`` or a new bank
    account without a restart. The config's CSV layouts are read once.
    """
    path = str(config) if config is not None else None
    if ledger is None:
        return importers(load(path))
    return importers(load(path), rows=_FollowedSettings(Path(ledger), path))


class _FollowedSettings:
    """The settings of a ledger and a config, read again when a file of either changes."""

    def __init__(self, ledger: Path, config: str | None) -> None:
        self.ledger = ledger
        self.config = config
        self.files: list[str] = [str(ledger)]
        self.seen: tuple[tuple[str, float], ...] | None = None
        self.settings: Settings | None = None

    def _state(self) -> tuple[tuple[str, float], ...]:
        names = [*self.files, *([self.config] if self.config else [])]
        state = []
        for name in names:
            try:
                state.append((name, Path(name).stat().st_mtime))
            except OSError:
                state.append((name, -1.0))
        return tuple(state)

    def __call__(self) -> Settings:
        if self.settings is None or self._state() != self.seen:
            entries, _, options = load_file(self.ledger)
            self.files = [str(options["filename"]), *options.get("include", ())]
            self.settings = load(self.config, entries, options)
            self.seen = self._state()
        return self.settings

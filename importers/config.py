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
from finsam_ledger.importers.settings import load
from finsam_ledger.model.books import load_file


def importers_for(
    ledger: str | Path | None = None, config: str | Path | None = None
) -> list[BankImporter]:
    """Every format's importer, with the ledger's bank accounts and the config's rules."""
    path = str(config) if config is not None else None
    if ledger is None:
        return importers(load(path))
    entries, _, options = load_file(ledger)
    return importers(load(path, entries, options))

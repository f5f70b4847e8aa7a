"""Importers for Fava's import page and for scripts, set up from a ledger and a config.

Fava runs the module named by its ``import-config`` option and takes its
``CONFIG`` list; a two-line module beside the ledger is enough::

    from finsam_ledger.importers.config import importers_for
    CONFIG = importers_for(ledger=__file__.replace("importers.py", "main.beancount"))
"""

from __future__ import annotations

from pathlib import Path

from beancount import loader

from finsam_ledger.importers.importer import BankImporter
from finsam_ledger.importers.registry import importers
from finsam_ledger.importers.settings import load


def importers_for(
    ledger: str | Path | None = None, config: str | Path | None = None
) -> list[BankImporter]:
    """Every format's importer, with the ledger's bank accounts and the config's rules."""
    entries = loader.load_file(str(ledger))[0] if ledger is not None else []
    return importers(load(str(config) if config is not None else None, entries))

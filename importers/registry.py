"""All known formats: every module of this package that defines ``READERS``.

A new bank (or a new version of a bank's layout) is a module, or a reader
added to a module's ``READERS``; nothing else needs to change.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from typing import Any

from finsam_ledger import importers as package
from finsam_ledger.importers.importer import BankImporter, Reader
from finsam_ledger.importers.settings import Settings


def readers() -> list[Reader]:
    """Every built-in reader, in module order."""
    found: list[Reader] = []
    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        loaded = importlib.import_module(f"{package.__name__}.{module.name}")
        found += list(getattr(loaded, "READERS", ()))
    return found


def importers(settings: Settings, extra: Sequence[Reader] = ()) -> list[BankImporter]:
    """An importer per reader (the configured CSV layouts first), all sharing the settings."""
    from finsam_ledger.importers.configurable import from_settings

    configured: list[Any] = from_settings(settings)
    return [BankImporter(reader, settings) for reader in [*configured, *extra, *readers()]]

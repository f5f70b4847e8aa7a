"""All known formats: every module of this package that defines ``READERS``.

A new bank (or a new version of a bank's layout) is a module, or a reader
added to a module's ``READERS``; nothing else needs to change.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from finsam_ledger import importers as package
from finsam_ledger.importers.importer import BankImporter, Reader, describe
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.importers.settings import Settings


def readers() -> list[Reader]:
    """Every built-in reader, in module order."""
    found: list[Reader] = []
    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        loaded = importlib.import_module(f"{package.__name__}.{module.name}")
        found += list(getattr(loaded, "READERS", ()))
    return found


def importers(
    settings: Settings, extra: Sequence[Reader] = (), rows: Callable[[], Settings] | None = None
) -> list[BankImporter]:
    """An importer per reader (the configured CSV layouts first), all sharing the settings.

    ``rows``, when given, supplies the settings for booking rows (bank
    accounts, rules) on each use instead of ``settings``, which then only
    gives the CSV layouts.
    """
    from finsam_ledger.importers.configurable import from_settings

    configured: list[Any] = from_settings(settings)
    booking = rows if rows is not None else settings
    return [BankImporter(reader, booking) for reader in [*configured, *extra, *readers()]]


def identify(path: str, candidates: Sequence[BankImporter]) -> BankImporter:
    """The first importer whose format the file is, by its content only.

    Reads the head of the file, never its rows, so a file whose rows cannot
    be booked is still identified. A file that cannot be read, or that no
    format recognises (an :class:`ImportFault` listing the known formats).
    """
    try:
        with Path(path).open("rb"):
            pass
    except OSError as exc:
        raise ImportFault(path, None, f"cannot read the file: {exc.strerror}") from None
    for importer in candidates:
        if importer.identify(path):
            return importer
    raise ImportFault(
        path, None, "not a known bank format; the known formats are:\n" + describe(candidates)
    )


def format_name(path: str, settings: Settings | None = None) -> str:
    """The name of the file's format (``bgmax``, ``swedbank-2019``, a ``[[csv]]`` namn).

    Without extracting: see :func:`identify`; ``settings`` adds the config's CSV layouts.
    """
    return identify(path, importers(settings or Settings())).reader.name

"""What every rule plugin does first, and the lines its errors point at.

A plugin in ``plugins/`` is made by :func:`plugin`: it makes every
``custom`` line printable (:func:`~finsam_ledger.model.directives.normalise`),
reads the plugin line's settings (:mod:`~finsam_ledger.rules.plugin_config`),
hands the rule a :class:`Call` (the settings, the plugin line, and the
books, built only if the rule asks for them, even when the ledger has other
errors: those are reported once, by ``kontoplan`` and ``direktiv``), and
returns the entries with the settings' errors and the rule's. The books are
built once per load and shared by all the plugins and the report
(:func:`~finsam_ledger.model.books.built_of`).

:func:`last_transaction` and :func:`budget_lines` find the line an error
is best reported at.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from beancount.core import data

from finsam_ledger.model.books import Books, Built, built_of
from finsam_ledger.model.directives import normalise
from finsam_ledger.model.errors import LedgerError
from finsam_ledger.rules import plugin_config

if TYPE_CHECKING:
    from fava.beans.types import BeancountOptions

Result = tuple[list[data.Directive], list[LedgerError]]
NO_SETTINGS: Mapping[str, Any] = {}


@dataclass(frozen=True)
class Call:
    """One run of a plugin: the ledger's entries and options, the plugin line and its settings."""

    entries: list[data.Directive]
    options: BeancountOptions
    module: str
    config: str | None
    settings: Mapping[str, Any]

    @functools.cached_property
    def built(self) -> Built:
        """The books with the errors found building them.

        Built once per load: the plugins of one load share the build
        (:func:`~finsam_ledger.model.books.built_of`), and so does the
        report that loads the ledger.
        """
        return built_of(self.entries, self.options)

    @property
    def books(self) -> Books:
        """The books, built despite any other error of the ledger."""
        return self.built.books

    @property
    def line(self) -> dict[str, Any]:
        """The metadata of the plugin line (the one carrying this configuration)."""
        return plugin_config.plugin_source(self.options, self.module, self.config)


Rule = Callable[[Call], Iterable[LedgerError]]
# A setting that moved out of the plugin line: its message from the value and the entries.
Moved = Callable[[Any, Sequence[data.Directive]], str]
# What a plugin returns for the entries (``direktiv`` leaves out lines Fava cannot read).
Keep = Callable[[list[data.Directive], "BeancountOptions"], list[data.Directive]]


class Plugin(Protocol):
    """A Beancount plugin function."""

    def __call__(
        self,
        entries: list[data.Directive],
        options_map: BeancountOptions,
        config: str | None = None,
    ) -> Result:
        """The entries, and the errors of the rule and of the plugin line's settings."""


def plugin(
    module: str,
    rule: Rule,
    doc: str,
    defaults: Mapping[str, Any] = NO_SETTINGS,
    limits: Mapping[str, plugin_config.Limit] | None = None,
    moved: Mapping[str, Moved] | None = None,
    keep: Keep | None = None,
) -> Plugin:
    """The Beancount plugin ``module`` (its name after the last dot) that applies ``rule``.

    It makes every ``custom`` line printable (a line without values gets an
    empty list, which Beancount's own ``pad`` plugin and printer need), reads
    the settings, runs the rule and returns the entries (those ``keep``
    keeps, else all) with the settings' errors and the rule's.
    """

    def run(
        entries: list[data.Directive], options_map: BeancountOptions, config: str | None = None
    ) -> Result:
        entries = normalise(entries)
        messages = {
            key: functools.partial(_moved_message, message, entries)
            for key, message in (moved or {}).items()
        }
        settings, errors = plugin_config.parse(
            config, defaults, options_map, module, limits, messages
        )
        call = Call(entries, options_map, module, config, settings)
        errors += rule(call)
        return (keep(entries, options_map) if keep else entries), errors

    name = module.rsplit(".", 1)[-1]
    run.__name__ = run.__qualname__ = name
    run.__module__ = module
    run.__doc__ = doc
    return run


def _moved_message(message: Moved, entries: Sequence[data.Directive], value: Any) -> str:
    return message(value, entries)


def last_transaction(
    entries: Sequence[data.Directive], year: int, accounts: Iterable[str]
) -> data.Transaction | None:
    """The year's last transaction that posts to one of the accounts."""
    wanted = set(accounts)
    found = None
    for entry in entries:
        if (
            isinstance(entry, data.Transaction)
            and entry.date.year == year
            and any(posting.account in wanted for posting in entry.postings)
        ):
            found = entry
    return found


def budget_lines(entries: Sequence[data.Directive], year: int | None = None) -> list[data.Custom]:
    """The ``custom "budget"`` lines (of the year, if given), in the ledger's order."""
    return [
        entry
        for entry in entries
        if isinstance(entry, data.Custom)
        and entry.type == "budget"
        and (year is None or entry.date.year == year)
    ]

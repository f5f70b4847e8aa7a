"""Configuration strings of the project's plugins.

A plugin line may carry a Python literal dict::

    plugin "finsam_ledger.plugins.finansieringsandelar" "{'tolerans': 100}"

:func:`parse` reads it with :func:`ast.literal_eval` and checks every key:
its kind (number, bool or text) and, for a number, its range (a percentage from 0
to 100, kronor from 0 to a billion). A bad configuration is an error
pointing at the plugin line that carries it, never a crash. A plugin without
settings takes no configuration string. A key that has moved out of the
plugin line (into a directive of the ledger) is an error that says where it
went. Settings only steer a plugin's checks: no report reads a plugin line.

Every error message of the project's plugins has one form:
``<rule>: <what is wrong>; <what to do>``, the rule being the plugin's name.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from finsam_ledger.model.errors import LedgerError

if TYPE_CHECKING:
    from fava.beans.types import BeancountOptions

PREFIX = "finsam_ledger.plugins."


class Limit(NamedTuple):
    """The range of a numeric setting, both ends included, and what it counts."""

    low: Decimal
    high: Decimal
    unit: str


def percent(unit: str = "a percentage") -> Limit:
    """A setting in percent or percentage points: 0 to 100."""
    return Limit(Decimal(0), Decimal(100), unit)


KRONOR = Limit(Decimal(0), Decimal(10) ** 9, "kronor")
_DEFAULT_LIMIT = KRONOR


def number(value: Any) -> Decimal | None:
    """A setting's value as a finite ``Decimal`` (from an int, a float or a text), else ``None``."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        found = Decimal(str(value))
    except ArithmeticError:
        return None
    return found if found.is_finite() else None


def _shown(value: Any) -> str:
    """A default as written in a plugin line: a text quoted, a number or bool as it is."""
    return repr(value) if isinstance(value, str) else str(value)


def _plain(number: Decimal) -> str:
    """``1000000000`` as ``1 000 000 000``, for a message."""
    return f"{number:,f}".replace(",", " ")


_PLUGIN = re.compile(r'^\s*plugin\s+"([^"]*)"\s*(?:"((?:[^"\\]|\\.)*)")?')


def plugin_source(
    options: BeancountOptions, module: str, config: str | None = None
) -> dict[str, Any]:
    """Metadata pointing at the ``plugin "<module>"`` line in the ledger's files.

    With ``config``, the line that carries that configuration string, so that
    of two lines of one plugin the right one is named; else (or if none
    matches) the module's first line.
    """
    files = list(options.get("include") or []) or [options.get("filename")]
    first: dict[str, Any] | None = None
    for filename in files:
        if not filename:
            continue
        try:
            lines = Path(filename).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for lineno, line in enumerate(lines, start=1):
            match = _PLUGIN.match(line)
            if match is None or match.group(1) != module:
                continue
            here = {"filename": filename, "lineno": lineno}
            written = re.sub(r"\\(.)", r"\1", match.group(2) or "")
            if config is None or written == config:
                return here
            first = first or here
    return first or {"filename": str(options.get("filename") or "<plugin>"), "lineno": 0}


def parse(
    config: str | None,
    defaults: Mapping[str, Any],
    options: BeancountOptions,
    module: str,
    limits: Mapping[str, Limit] | None = None,
    moved: Mapping[str, Callable[[Any], str]] | None = None,
) -> tuple[dict[str, Any], list[LedgerError]]:
    """The settings: ``defaults`` updated from the config string.

    Numbers become ``Decimal`` and must lie in the key's :class:`Limit`
    (kronor from 0 to a billion if ``limits`` has none); a key must exist in
    ``defaults`` and keep its kind (number, bool or text). On any error the
    defaults are returned with it. A key in ``moved`` is an error with the
    message ``moved[key](value)`` gives, and the other keys still count.
    """
    settings = dict(defaults)
    if not config or not config.strip():
        return settings, []
    name = module.removeprefix(PREFIX)

    def at_line(message: str) -> LedgerError:
        return LedgerError(plugin_source(options, module, config), f"{name}: {message}", None)

    reported: list[LedgerError] = []

    def error(message: str) -> tuple[dict[str, Any], list[LedgerError]]:
        return dict(defaults), [*reported, at_line(message)]

    if not defaults:
        return error(f"takes no settings, got {config!r}; remove them from the plugin line")
    example = "{" + ", ".join(f"{key!r}: {_shown(value)}" for key, value in defaults.items()) + "}"
    try:
        value = ast.literal_eval(config)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return error(f"bad configuration {config!r}, not a Python literal; write e.g. {example}")
    if not isinstance(value, dict):
        return error(f"bad configuration {config!r}, not a dict; write e.g. {example}")
    for key, message in (moved or {}).items():
        if key in value:
            reported.append(at_line(message(value.pop(key))))
    for key, item in value.items():
        if key not in defaults:
            known = ", ".join(map(repr, defaults))
            return error(f"bad configuration: unknown key {key!r}; the keys are {known}")
        if isinstance(defaults[key], bool):
            if not isinstance(item, bool):
                return error(f"bad configuration: {key!r} is {item!r}; write True or False")
            settings[key] = item
            continue
        if isinstance(defaults[key], str):
            if not isinstance(item, str):
                return error(f"bad configuration: {key!r} is {item!r}; write a text in quotes")
            settings[key] = item  # the rule checks what the text says
            continue
        limit = (limits or {}).get(key, _DEFAULT_LIMIT)
        amount = number(item)
        if amount is None or not limit.low <= amount <= limit.high:
            return error(
                f"bad configuration: {key!r} is {item!r}; write {limit.unit} from "
                f"{_plain(limit.low)} to {_plain(limit.high)}"
            )
        settings[key] = amount
    return settings, reported

"""Configuration strings of the project's plugins.

A plugin line may carry a Python literal dict::

    plugin "finsam_ledger.plugins.eget_kapital" "{'andel': 15, 'fel': True}"

:func:`parse` reads it with :func:`ast.literal_eval` and checks every key's
type; a bad configuration is an error pointing at the plugin line, never a
crash. :func:`settings` gives the same settings to a report that needs them
(the overview reads the eget kapital threshold from the plugin's line).
"""

from __future__ import annotations

import ast
import collections
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

ConfigError = collections.namedtuple("ConfigError", "source message entry")

PREFIX = "finsam_ledger.plugins."


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return None
    return number if number.is_finite() else None


def plugin_source(options: Mapping[str, Any], module: str) -> dict[str, Any]:
    """Metadata pointing at the ``plugin "<module>"`` line in the ledger's files."""
    pattern = re.compile(r'^\s*plugin\s+"' + re.escape(module) + '"')
    files = list(options.get("include") or []) or [options.get("filename")]
    for filename in files:
        if not filename:
            continue
        try:
            lines = Path(filename).read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for lineno, line in enumerate(lines, start=1):
            if pattern.match(line):
                return {"filename": filename, "lineno": lineno}
    return {"filename": str(options.get("filename") or "<plugin>"), "lineno": 0}


def parse(
    config: str | None,
    defaults: Mapping[str, Any],
    options: Mapping[str, Any],
    module: str,
) -> tuple[dict[str, Any], list[ConfigError]]:
    """The settings: ``defaults`` updated from the config string.

    Numbers become ``Decimal``; a key must exist in ``defaults`` and keep its
    kind (number or bool). On any error the defaults are returned with it.
    """
    settings = dict(defaults)
    if not config or not config.strip():
        return settings, []

    def error(message: str) -> tuple[dict[str, Any], list[ConfigError]]:
        source = plugin_source(options, module)
        name = module.removeprefix(PREFIX)
        return dict(defaults), [ConfigError(source, f"{name}: bad configuration: {message}", None)]

    try:
        value = ast.literal_eval(config)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return error(f"{config!r} is not a Python literal such as {{'tolerans': 100}}")
    if not isinstance(value, dict):
        return error(f"expected a dict such as {{'tolerans': 100}}, not {config!r}")
    for key, item in value.items():
        if key not in defaults:
            return error(f"unknown key {key!r}; known: {', '.join(map(repr, defaults))}")
        if isinstance(defaults[key], bool):
            if not isinstance(item, bool):
                return error(f"{key!r} must be True or False, not {item!r}")
            settings[key] = item
            continue
        number = _number(item)
        if number is None or number < 0:
            return error(f"{key!r} must be a number of at least 0, not {item!r}")
        settings[key] = number
    return settings, []


def settings(
    options: Mapping[str, Any], module: str, defaults: Mapping[str, Any]
) -> dict[str, Any]:
    """The settings a plugin would use, whether or not it is enabled (defaults then)."""
    for name, config in options.get("plugin") or []:
        if name == module:
            return parse(config, defaults, options, module)[0]
    return dict(defaults)


def enabled(options: Mapping[str, Any], module: str) -> bool:
    """Whether the ledger enables a plugin."""
    return any(name == module for name, _ in options.get("plugin") or [])

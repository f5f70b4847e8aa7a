"""The one error record of the loader, the chart, the directives and the plugins.

Every error the project reports is a :class:`LedgerError`: ``source`` is
the metadata of the line it is at (``filename`` and ``lineno``), ``message``
the text in one form, ``<rule>: <what is wrong>; <what to do>``, and
``entry`` the directive printed under it, if any. Beancount prints it with
:func:`beancount.parser.printer.format_error` and Fava lists it, like their
own errors, which have the same three fields (:class:`Error`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from beancount.core import data


class LedgerError(NamedTuple):
    """An error at a line of the ledger."""

    source: Mapping[str, Any] | None
    message: str
    entry: data.Directive | None = None


class Error(Protocol):
    """Any Beancount-style error: Beancount's, Fava's or a :class:`LedgerError`."""

    @property
    def source(self) -> Mapping[str, Any] | None:
        """The metadata of the line (``filename``, ``lineno``)."""

    @property
    def message(self) -> str:
        """What is wrong."""

    @property
    def entry(self) -> object:
        """The directive the error is about, if any."""


_IMPORTING = re.compile(r'^Error (importing|applying plugin) "([^"]+)"', re.S)
_GLOB = re.compile(r'^File glob "([^"]+)" does not match any files')


def at_their_lines(errors: Iterable[Error], files: Sequence[str]) -> list[Error]:
    """Beancount's ``<load>:0`` errors moved to the ``plugin`` or ``include`` line they are about.

    A misspelt plugin gives a Python traceback and an include that matches
    no file a bare message, both at ``<load>:0``; here each names the line
    in the ledger's ``files`` and says in one line what is wrong.
    """
    out: list[Error] = []
    for error in errors:
        source = error.source or {}
        message = str(error.message)
        if source.get("filename") != "<load>":
            out.append(error)
            continue
        plugin, glob = _IMPORTING.match(message), _GLOB.match(message)
        if plugin:
            name = plugin.group(2)
            lines = [line.strip() for line in message.splitlines() if line.strip()]
            reason = lines[-1] if len(lines) > 1 else message
            verb = "cannot be imported" if plugin.group(1) == "importing" else "failed"
            found = _line(files, r'^\s*plugin\s+"' + re.escape(name) + '"')
            text = f'plugin "{name}" {verb}: {reason}; correct the plugin line'
        elif glob:
            name = glob.group(1)
            found = _line(files, r'^\s*include\s+"' + re.escape(name) + '"')
            text = f'include "{name}": no such file; correct the include line'
        else:
            out.append(error)
            continue
        out.append(LedgerError(found or source, text, None) if found else error)
    return out


def _line(files: Sequence[str], pattern: str) -> dict[str, Any] | None:
    """The first line in ``files`` matching ``pattern``, as error metadata."""
    regex = re.compile(pattern)
    for filename in files:
        try:
            text = Path(filename).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for lineno, line in enumerate(text.splitlines(), start=1):
            if regex.match(line):
                return {"filename": filename, "lineno": lineno}
    return None


def key(error: Error) -> tuple[str, int, str]:
    """Identity of an error (file, line, message), so that none is reported twice."""
    source = error.source or {}
    return (str(source.get("filename")), int(source.get("lineno") or 0), str(error.message))


def location(error: Error) -> str:
    """``file:line`` of an error, ``?`` for what it lacks."""
    source = error.source or {}
    return f"{source.get('filename', '?')}:{source.get('lineno', '?')}"


def errors_by_file(errors: Iterable[Error]) -> list[tuple[str, int]]:
    """The number of errors per file, files in the order of their first error.

    An error without a file (``source`` missing or without ``filename``)
    counts under ``"<unknown>"``; Beancount's own load errors count under
    the ``"<load>"`` it gives them.
    """
    counts: dict[str, int] = {}
    for error in errors:
        source = error.source or {}
        filename = str(source.get("filename") or "<unknown>")
        counts[filename] = counts.get(filename, 0) + 1
    return list(counts.items())


def summary(errors: Iterable[Error], ledger: Path) -> str:
    """``3 error(s) in kontoplan.beancount, 1 in 2021.beancount``, in the errors' order.

    Files are named relative to the ledger's folder where they lie in it.
    """
    base = ledger.resolve().parent
    parts: list[str] = []
    for name, count in errors_by_file(errors):
        if name == "<unknown>":
            where = "without a file"
        else:
            path = Path(name)
            where = f"in {path.relative_to(base) if path.is_relative_to(base) else path}"
        parts.append(f"{count} {'error(s) ' if not parts else ''}{where}")
    return ", ".join(parts)

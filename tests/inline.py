"""Ledgers written in the test itself: ``@ledger_doc`` and ``replaced``.

Like Beancount's ``@loader.load_doc``: the test's docstring is the ledger.
The decorator writes it, dedented, after the Swedish options of
:data:`ledgers.HEADER` (and the plugin lines asked for) to ``main.beancount``
in the test's ``tmp_path``, loads it and passes what the test names among
its parameters::

    @ledger_doc()
    def test_x(books: Books) -> None:
        '''
        ; A comment line says what the ledger is for.
        2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
        ...
        '''

* ``books`` (and ``errors``): the project's loader, :func:`load`; ``books``
  is ``None`` when there are errors.
* ``entries``, ``errors``, ``options``: Beancount's ``loader.load_file``
  with the plugins run, for the plugins' tests.
* ``path``: the file written, e.g. for ``line_of`` or ``bean-check``.

``expect_errors`` as in Beancount: ``False`` (the default) fails the test
on any error, ``True`` fails it without one, ``None`` checks nothing.
``plugins`` adds ``plugin "finsam_ledger.plugins.NAME"`` lines after the
header's ``kontoplan`` and ``direktiv``; an item ``(NAME, CONFIG)`` gives
the plugin its setting string. ``base`` is ledger text written before the
docstring (a shared ledger the test adds to; appending cannot miss, unlike
``str.replace``). ``$name`` in the docstring is replaced by the test's
parameter ``name`` (for ``@pytest.mark.parametrize``); a ``$`` that is no
such name is an error.

A test without a docstring is an error when the module is imported, not a
skip. Where a test must change a shared ledger, :func:`replaced` asserts
that the text it replaces is there, exactly once.
"""

from __future__ import annotations

import functools
import inspect
import io
import string
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from beancount import loader
from beancount.parser import printer

# The one place the tests take the project's loader from.
from finsam_ledger.model.books import load

from ledgers import HEADER

__all__ = ["PROVIDED", "ledger_doc", "load", "plugin_line", "replaced", "write_ledger"]

F = TypeVar("F", bound=Callable[..., Any])
Plugin = str | tuple[str, str]

# The parameters the decorator fills in; the others stay pytest's fixtures.
PROVIDED = ("books", "entries", "errors", "options", "path")


def replaced(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new``; ``old`` must occur exactly once."""
    count = text.count(old)
    assert count == 1, f"expected {old!r} exactly once in the ledger, found it {count} times"
    return text.replace(old, new)


def plugin_line(name: str, config: str | None = None) -> str:
    """The ``plugin`` line of one of the project's plugins, without a newline."""
    line = f'plugin "finsam_ledger.plugins.{name}"'
    return line if config is None else f'{line} "{config}"'


def _plugin_lines(plugins: Iterable[Plugin]) -> str:
    lines = []
    for plugin in plugins:
        name, config = (plugin, None) if isinstance(plugin, str) else plugin
        lines.append(plugin_line(name, config) + "\n")
    return "".join(lines)


def write_ledger(
    directory: Path, body: str, plugins: Iterable[Plugin] = (), header: str = HEADER
) -> Path:
    """Write ``header``, the plugin lines and the dedented ``body`` to ``main.beancount``."""
    path = directory / "main.beancount"
    path.write_text(header + _plugin_lines(plugins) + textwrap.dedent(body), encoding="utf-8")
    return path


def _printed(errors: list[Any]) -> str:
    out = io.StringIO()
    printer.print_errors(errors, file=out)
    return out.getvalue()


def ledger_doc(
    *,
    plugins: Iterable[Plugin] = (),
    expect_errors: bool | None = False,
    base: str = "",
    header: str = HEADER,
) -> Callable[[F], F]:
    """Load the test's docstring as a ledger; see the module docstring."""
    plugins = tuple(plugins)

    def decorator(test: F) -> F:
        doc = test.__doc__
        if doc is None or not doc.strip():
            raise TypeError(f"@ledger_doc: {test.__qualname__} has no docstring ledger")
        template = string.Template(textwrap.dedent(doc))
        used = template.get_identifiers()
        signature = inspect.signature(test)
        names = list(signature.parameters)
        wanted = [name for name in names if name in PROVIDED]
        if "books" in wanted and ({"entries", "options"} & set(wanted)):
            raise TypeError(
                f"@ledger_doc: {test.__qualname__} asks for books and for entries/options; "
                "books come from the project's loader, entries from Beancount's: take one"
            )
        if not wanted:
            raise TypeError(f"@ledger_doc: {test.__qualname__} takes none of {PROVIDED}")
        kept = [p for p in signature.parameters.values() if p.name not in PROVIDED]
        if "tmp_path" not in names:
            kept.append(inspect.Parameter("tmp_path", inspect.Parameter.KEYWORD_ONLY))

        @functools.wraps(test)
        def wrapper(**kwargs: Any) -> Any:
            tmp_path = kwargs["tmp_path"] if "tmp_path" in names else kwargs.pop("tmp_path")
            body = template.substitute({k: str(kwargs[k]) for k in used if k in kwargs})
            path = write_ledger(tmp_path, textwrap.dedent(base) + body, plugins, header)
            given: dict[str, Any] = {"path": path}
            if "books" in wanted:
                given["books"], given["errors"] = load(path)
            else:
                given["entries"], errors, given["options"] = loader.load_file(str(path))
                given["errors"] = list(errors)
            errors = given["errors"]
            if expect_errors is False and errors:
                raise AssertionError(f"unexpected errors in the ledger:\n{_printed(errors)}")
            if expect_errors is True and not errors:
                raise AssertionError("expected errors in the ledger, found none")
            return test(**kwargs, **{name: given[name] for name in wanted})

        wrapper.__signature__ = signature.replace(parameters=kept)  # type: ignore[attr-defined]
        wrapper.__doc__ = None  # the ledger is not the test's description
        wrapper.__input__ = doc  # type: ignore[attr-defined]  # as in Beancount
        return wrapper  # type: ignore[return-value]

    return decorator

"""Adding imported entries to a ledger file without losing, doubling or breaking anything.

The command line (``finsam import extract --append``) and, later, Fava's
import page use the same steps:

* :func:`entries_to_append`: the entries of the extracted files that the
  ledger (and the file appended to) does not have yet, each file
  deduplicated against the ledger and the files before it.
* :func:`load`: the ledger loaded as ``bean-check`` loads it (its plugins,
  booking, validation), with the text of one file replaced, or added as an
  include when the ledger does not include it yet: the ledger as it will
  be once the entries are appended.
* :func:`new_errors`: the errors the append adds (by message, file and line).
* :func:`check_utf8`, :func:`render`, :func:`parse_errors`: the file's old
  bytes are kept exactly, the entries are added in the file's own line ends,
  and a file Beancount could not read, or that is not UTF-8, is refused.
* :func:`append` ties them together under the folder's lock
  (:func:`finsam_ledger.safe_files.update`): the ledger is read, the
  duplicates found, the result validated and the file replaced while a
  second writer waits, so that two imports at once never lose or double a row.
"""

from __future__ import annotations

import bisect
import glob
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from beancount import loader
from beancount.core import data
from beancount.ops import validation
from beancount.parser import booking, parser, printer
from beancount.utils import encryption

from finsam_ledger import safe_files
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.model.errors import Error
from finsam_ledger.model.errors import key as error_key
from finsam_ledger.verifikationer.numrera import numrera_nya

DUPLICATE = "__duplicate__"  # beangulp's mark of a duplicate entry
ROOT_OPTIONS = {
    "name_assets": "Tillgångar",
    "name_liabilities": "Skulder",
    "name_equity": "Eget-kapital",
    "name_income": "Intäkter",
    "name_expenses": "Kostnader",
}

# A batch: an importer (anything with beangulp's ``deduplicate(entries, existing)``)
# and the entries it extracted from one file.
Batch = tuple[Any, Sequence[data.Directive]]


class NewErrors(ImportFault):
    """The append would give the ledger errors it did not have; nothing was written."""

    def __init__(self, path: str, errors: Sequence[Error]) -> None:
        self.errors = list(errors)
        super().__init__(
            path, None, f"the import would add {len(self.errors)} error(s); nothing written"
        )


@dataclass(frozen=True)
class Loaded:
    """A loaded ledger: Beancount's entries, errors and options."""

    entries: list[data.Directive]
    errors: list[Error]
    options: dict[str, Any]

    @property
    def files(self) -> list[str]:
        """Every file the ledger was read from (the main file and its includes)."""
        return list(self.options.get("include", []))


@dataclass
class Appended:
    """What :func:`append` did."""

    entries: list[data.Directive] = field(default_factory=list)
    written: bool = False
    before: Loaded | None = None


# --- which entries -------------------------------------------------------------------


def mark_duplicates(
    batches: Iterable[Batch], existing: Sequence[data.Directive]
) -> list[list[data.Directive]]:
    """Each batch's entries, those already known marked ``__duplicate__`` (beangulp's way).

    A batch is deduplicated against ``existing`` and the new entries of the
    batches before it, so the same file given twice adds its rows once.
    """
    seen = list(existing)
    marked = []
    for importer, entries in batches:
        copy = list(entries)
        importer.deduplicate(copy, seen)
        marked.append(copy)
        seen += [entry for entry in copy if not entry.meta.get(DUPLICATE)]
    return marked


def entries_to_append(
    batches: Iterable[Batch], existing: Sequence[data.Directive]
) -> list[data.Directive]:
    """The entries of the batches that ``existing`` (and the batches before) do not have."""
    return [
        entry
        for entries in mark_duplicates(batches, existing)
        for entry in entries
        if not entry.meta.get(DUPLICATE)
    ]


# --- loading the ledger as it will be ------------------------------------------------------


def _absolute(path: str | Path) -> str:
    """A path as Beancount's loader names it: absolute, normalised, symlinks kept."""
    name = os.path.expandvars(Path(path).expanduser())
    return os.path.normpath(Path.cwd() / name)


def _parse(filename: str, content: bytes | None) -> tuple[list[Any], list[Any], dict[str, Any]]:
    if content is not None:
        return parser.parse_string(content, filename)
    if encryption.is_encrypted_file(filename):
        return parser.parse_string(encryption.read_encrypted_file(filename), filename)
    return parser.parse_file(filename)


def load(
    main: str | Path, target: str | Path | None = None, content: bytes | None = None
) -> Loaded:
    """Load the ledger ``main`` as ``bean-check`` does, with ``target``'s text ``content``.

    The file ``target`` (compared with symlinks followed) is read as
    ``content`` instead of from disk; when the ledger does not include it,
    it is read last, as if ``main`` included it. With ``content`` None the
    ledger is loaded as it is on disk. Errors name the real files and lines.
    This follows ``beancount.loader`` step by step (parse with includes,
    booking, the ledger's plugins, validation).
    """
    target_real = os.path.realpath(target) if target is not None else None
    override = target_real if content is not None else None
    entries: list[Any] = []
    errors: list[Any] = []
    options: dict[str, Any] | None = None
    others: list[dict[str, Any]] = []
    stack = [_absolute(main)]
    seen: set[str] = set()
    parsed_real: set[str] = set()
    added = False
    while True:
        if not stack:
            if override is None or override in parsed_real or added or target is None:
                break
            stack.append(_absolute(target))
            added = True
        filename = stack.pop(0)
        if filename in seen:
            errors.append(
                loader.LoadError(
                    data.new_metadata("<load>", 0), f'Duplicate filename parsed: "{filename}"'
                )
            )
            continue
        real = os.path.realpath(filename)
        text = content if override is not None and real == override else None
        if text is None and not Path(filename).exists():
            errors.append(
                loader.LoadError(
                    data.new_metadata("<load>", 0), f'File "{filename}" does not exist'
                )
            )
            continue
        seen.add(filename)
        parsed_real.add(real)
        file_entries, file_errors, file_options = _parse(filename, text)
        entries.extend(file_entries)
        errors.extend(file_errors)
        if options is None:
            options = file_options
        else:
            others.append(file_options)
        folder = Path(filename).parent
        for pattern in file_options["include"]:
            search = pattern if Path(pattern).is_absolute() else str(folder / pattern)
            matched = glob.glob(search, recursive=True)  # noqa: PTH207 - Beancount's own way
            if not matched:
                errors.append(
                    loader.LoadError(
                        data.new_metadata("<load>", 0),
                        f'File glob "{pattern}" does not match any files',
                    )
                )
            stack += [os.path.normpath(folder / name) for name in matched]
    assert options is not None
    options["include"] = sorted(seen)
    options = loader.aggregate_options_map(options, others)
    entries.sort(key=data.entry_sortkey)
    entries, booking_errors = booking.book(entries, options)
    errors.extend(booking_errors)
    saved_path = list(sys.path)
    try:
        sys.path[0:0] = options.get("pythonpath", [])
        entries, errors = loader.run_transformations(entries, errors, options, None)
    finally:
        sys.path[:] = saved_path
    errors.extend(validation.validate(entries, options))
    return Loaded(list(entries), list(errors), dict(options))


def new_errors(before: Sequence[Error], after: Sequence[Error]) -> list[Error]:
    """The errors of ``after`` that ``before`` does not have (same message, file and line)."""
    known = {error_key(error) for error in before}
    return [error for error in after if error_key(error) not in known]


# --- the bytes of the file -----------------------------------------------------------------


def check_utf8(name: str | Path, content: bytes | None) -> None:
    """Refuse a file that is not UTF-8, naming the line of the first bad byte.

    Beancount files are UTF-8; appending UTF-8 text to a file in another
    encoding would leave it in two encodings.
    """
    if not content:
        return
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = content.count(b"\n", 0, exc.start) + 1
        column = exc.start - (content.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ImportFault(
            str(name),
            line,
            f"byte 0x{content[exc.start]:02x} (column {column}) is not UTF-8; Beancount files "
            "are UTF-8: convert the file (e.g. iconv -f latin1 -t utf-8) before appending; "
            "nothing written",
        ) from None


def line_end(content: bytes | None) -> bytes:
    """The file's line end: that of its first line (``\\n`` for a file without one)."""
    if not content:
        return b"\n"
    first = content.find(b"\n")
    return b"\r\n" if first > 0 and content[first - 1 : first] == b"\r" else b"\n"


def render(
    old: bytes | None,
    entries: Sequence[data.Directive],
    options: Mapping[str, Any] | None = None,
) -> bytes:
    """The file's new content: ``old`` byte for byte, then the entries in its line ends.

    A new or empty file starts with the ``option "name_*"`` lines (the
    ledger's, from ``options``, or the Swedish ones), so it can be loaded
    or included on its own.
    """
    return _render(old, entries, options)[0]


def _render(
    old: bytes | None,
    entries: Sequence[data.Directive],
    options: Mapping[str, Any] | None = None,
) -> tuple[bytes, list[int]]:
    """:func:`render`, and the line where each entry starts in the new content."""
    old = old or b""
    newline = line_end(old)
    separator = b"" if not old or old.endswith(b"\n") else newline
    head = ""
    if not old.strip():
        roots = options or {}
        head = "".join(
            f'option "{key}" "{roots.get(key, default)}"\n' for key, default in ROOT_OPTIONS.items()
        )
    line = (old + separator).count(b"\n") + head.count("\n") + 1
    starts = []
    chunks = [head]
    for entry in entries:
        chunk = "\n" + printer.format_entry(entry)
        starts.append(line + 1)  # after the blank line
        line += chunk.count("\n")
        chunks.append(chunk)
    text = "".join(chunks).encode("utf-8").replace(b"\n", newline)
    return old + separator + text, starts


def at_origin(
    errors: Sequence[Error],
    target: str | Path,
    entries: Sequence[data.Directive],
    starts: Sequence[int],
) -> list[Error]:
    """Errors at a line of an appended entry, moved to the entry's origin (bank file and row).

    The appended lines are not on disk when the append is refused; the
    bank file's row is what the user can look at. Other errors stay as
    they are.
    """
    real = os.path.realpath(target)
    moved: list[Error] = []
    for error in errors:
        source = error.source or {}
        filename, lineno = source.get("filename"), source.get("lineno")
        index = bisect.bisect_right(starts, int(lineno or 0)) - 1
        if (
            filename
            and index >= 0
            and os.path.realpath(filename) == real
            and hasattr(error, "_replace")
        ):
            meta = entries[index].meta or {}
            if meta.get("filename"):
                origin = {"filename": meta["filename"], "lineno": meta.get("lineno") or 0}
                error = cast("Any", error)._replace(source=origin)
        moved.append(error)
    return moved


def parse_errors(name: str | Path, old: bytes | None, new: bytes) -> list[Error]:
    """Syntax errors that ``new`` has and ``old`` has not, read as one Beancount file."""
    before = parser.parse_string(old, str(name))[1] if old else []
    return new_errors(before, parser.parse_string(new, str(name))[1])


# --- all of it, under the lock ---------------------------------------------------------------


class _Nothing(Exception):
    """No new entries: the file is left as it is (and not created)."""


def append(
    target: str | Path,
    ledger: str | Path | None,
    batches: Callable[[Loaded | None], Iterable[Batch]],
) -> Appended:
    """Append the new entries of ``batches(ledger)`` to ``target`` under the folder's lock.

    Under the lock on ``target``'s folder (:func:`finsam_ledger.safe_files.update`):
    ``target``'s bytes are read (refused unless UTF-8); the ledger is loaded
    with them (``ledger``, or ``target`` itself when no ledger is given and
    it has content; a ``target`` the ledger does not include is loaded as if
    it were); ``batches`` is called with it (None without a ledger) and its
    entries are deduplicated against it; when the ledger has the
    ``verifikationer`` plugin line, the new transactions get the next voucher
    numbers (:func:`finsam_ledger.verifikationer.numrera.numrera_nya`); the
    new content is rendered and the ledger loaded again with it. If that
    adds an error (:class:`NewErrors`, printed by the caller), or without a
    ledger the new file does not parse, nothing is written. Otherwise
    ``target`` is replaced atomically.

    Raises :class:`ImportFault` (bad data: not UTF-8, a file that cannot be
    imported, new errors) or :class:`finsam_ledger.safe_files.Refused`
    (read-only file, missing folder, symlink loop, not a regular file).
    """
    result = Appended()

    def change(old: bytes | None) -> bytes:
        check_utf8(target, old)
        main = ledger if ledger is not None else (target if old and old.strip() else None)
        before = load(main, target, old) if main is not None else None
        result.before = before
        existing = before.entries if before is not None else []
        new = entries_to_append(batches(before), existing)
        if before is not None:  # the next voucher numbers, when the ledger checks them
            new, late = numrera_nya(new, existing, before.options)
            if late:
                raise NewErrors(str(target), late)
        result.entries = new
        if not new:
            raise _Nothing
        candidate, starts = _render(old, new, before.options if before is not None else None)
        if main is not None and before is not None:
            problems = new_errors(before.errors, load(main, target, candidate).errors)
        else:
            problems = parse_errors(target, old, candidate)
        if problems:
            raise NewErrors(str(target), at_origin(problems, target, new, starts))
        return candidate

    try:
        safe_files.update(target, change, also_lock=[ledger] if ledger is not None else [])
    except _Nothing:
        return result
    result.written = True
    return result

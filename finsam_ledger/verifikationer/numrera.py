"""Giving unnumbered vouchers the next numbers, in their files or as they are imported.

``finsam verifikationer numrera LEDGER`` (:func:`numrera`) gives every
voucher without ``ver`` (the vouchers the ``verifikationer`` rule checks:
from its setting ``fran`` on, no ingående balans, nothing generated) the
next number of its series and year, in date order and, within a day, in the
ledger's file and line order, after the highest number already used in that
series and year. The series is ``--serie``, else the plugin's setting
``serie``, else ``A``; ``--year`` numbers that year only. Each number is a
new line ``ver: "A 13"`` right after the transaction's first line, indented
as the transaction's next line; nothing else in any file changes.

Nothing is written when the ledger cannot be read as written (a syntax
error, a missing include), when a year it numbers would have a malformed,
duplicate or out-of-order number (:class:`Konflikt`, with the errors at
their lines), or when a file to change is read-only
(:class:`~finsam_ledger.safe_files.Refused`). All files are changed under
one lock (:func:`finsam_ledger.safe_files.update_files`), the ledger loaded
under it, so that a concurrent import or numbering is never lost. A second
run finds nothing to number.

``finsam import extract --append`` numbers the rows it appends when the
ledger has the plugin line (:func:`numrera_nya`), under its own lock.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from beancount import loader
from beancount.core import data
from beancount.parser import grammar, lexer, parser

from finsam_ledger import safe_files
from finsam_ledger.model.chart import include_order, opening_account
from finsam_ledger.model.errors import Error, LedgerError, at_their_lines
from finsam_ledger.rules import verifikationer as rule
from finsam_ledger.verifikationer import nummer
from finsam_ledger.verifikationer.nummer import OgiltigtNummer, Verifikationsnummer

# Errors that mean the ledger's files are not read as written: numbering would miss lines.
UNREADABLE = (grammar.ParserError, grammar.ParserSyntaxError, lexer.LexerError, loader.LoadError)
_HEADER = re.compile(rb"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ \t]")
_INDENT = re.compile(rb"^[ \t]+")


@dataclass(frozen=True)
class Tilldelning:
    """A voucher and the number it gets."""

    entry: data.Transaction
    nummer: Verifikationsnummer


@dataclass
class Resultat:
    """What :func:`numrera` did: the numbers given, the files changed (as the loader names them)."""

    tilldelade: list[Tilldelning] = field(default_factory=list)
    filer: list[str] = field(default_factory=list)

    def per_fil(self) -> list[tuple[str, int]]:
        """The number of vouchers numbered per file, in the ledger's file order."""
        counts = Counter(str(t.entry.meta["filename"]) for t in self.tilldelade)
        return [(name, counts[name]) for name in self.filer if counts[name]]


class Konflikt(Exception):
    """Numbering would leave the ledger wrong, or cannot find its lines; nothing was written."""

    def __init__(self, errors: Sequence[Error]) -> None:
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} error(s); nothing written")


# --- which numbers --------------------------------------------------------------------------


def hogsta(entries: Iterable[data.Directive]) -> dict[tuple[str, int], int]:
    """The highest number used per series and year, by any transaction with a valid ``ver``."""
    highest: dict[tuple[str, int], int] = {}
    for entry in entries:
        if not isinstance(entry, data.Transaction):
            continue
        try:
            found = nummer.of(entry.meta)
        except OgiltigtNummer:
            continue
        if found is not None:
            key = (found.serie, entry.date.year)
            highest[key] = max(highest.get(key, 0), found.nummer)
    return highest


def onumrerade(
    entries: Iterable[data.Directive],
    options: Mapping[str, Any],
    fran: datetime.date | None = None,
    year: int | None = None,
) -> list[data.Transaction]:
    """The vouchers without ``ver`` from ``fran`` on (of ``year``), in date, file and line order."""
    return [
        entry
        for entry in rule.verifikationer(entries, options, fran)
        if nummer.KEY not in (entry.meta or {}) and (year is None or entry.date.year == year)
    ]


def tilldela(
    kandidater: Iterable[data.Transaction], befintliga: Iterable[data.Directive], serie: str
) -> list[Tilldelning]:
    """Numbers for ``kandidater`` in their order, each after the highest its year has in ``serie``.

    The highest is taken over ``befintliga``, every transaction with a valid
    ``ver`` (vouchers or not, checked or not), so no number is given twice.
    """
    highest = hogsta(befintliga)
    given: list[Tilldelning] = []
    for entry in kandidater:
        key = (serie, entry.date.year)
        highest[key] = highest.get(key, 0) + 1
        given.append(Tilldelning(entry, Verifikationsnummer(serie, highest[key])))
    return given


def med_nummer(entry: data.Transaction, number: Verifikationsnummer) -> data.Transaction:
    """The transaction with ``ver`` as its first metadata (after the file and line)."""
    meta = dict(entry.meta or {})
    head: dict[str, Any] = {key: meta.pop(key) for key in ("filename", "lineno") if key in meta}
    meta.pop(nummer.KEY, None)
    return entry._replace(meta={**head, nummer.KEY: str(number), **meta})


def konflikter(
    entries: Sequence[data.Directive],
    options: Mapping[str, Any],
    fran: datetime.date | None,
    tilldelade: Sequence[Tilldelning],
) -> list[LedgerError]:
    """The rule's errors, other than a missing number, in the years given numbers, once they are.

    A malformed, duplicate or out-of-order number in such a year is one that
    numbering cannot put right.
    """
    given = {id(t.entry): t.nummer for t in tilldelade}
    numbered = [
        med_nummer(entry, given[id(entry)]) if id(entry) in given else entry  # type: ignore[arg-type]
        for entry in entries
    ]
    years = {t.entry.date.year for t in tilldelade}
    return [
        found.error
        for found in rule.fel(numbered, options, fran)
        if found.kind != rule.SAKNAS and found.year in years
    ]


def fore_hogsta(
    tilldelade: Sequence[Tilldelning], befintliga: Iterable[data.Directive]
) -> list[LedgerError]:
    """A number given to a voucher dated before the highest number of its series and year.

    Numbers are given after the highest, so such a voucher would break the
    order; the error is at the voucher (or the bank row) and names that
    highest number's transaction.
    """
    top: dict[tuple[str, int], tuple[int, data.Transaction]] = {}
    for entry in befintliga:
        if not isinstance(entry, data.Transaction):
            continue
        try:
            found = nummer.of(entry.meta)
        except OgiltigtNummer:
            continue
        key = (found.serie, entry.date.year) if found is not None else None
        if key is not None and found is not None and found.nummer > top.get(key, (0, entry))[0]:
            top[key] = (found.nummer, entry)
    errors: list[LedgerError] = []
    for item in tilldelade:
        serie, year = item.nummer.serie, item.entry.date.year
        number, highest = top.get((serie, year), (0, item.entry))
        if number and item.entry.date < highest.date:
            meta = highest.meta or {}
            where = f"{Path(str(meta.get('filename', '?'))).name}:{meta.get('lineno', '?')}"
            message = (
                f"{rule.RULE}: the transaction would get {item.nummer} but is dated "
                f"{item.entry.date}, before {Verifikationsnummer(serie, number)} "
                f"({highest.date}, {where}), the highest number of series {serie} {year}; "
                "numbers ascend with the date: book and number transactions in date order, "
                "or number this one in a series of its own"
            )
            errors.append(LedgerError(item.entry.meta, message, item.entry))
    return errors


def numrera_nya(
    new: Sequence[data.Directive], existing: Sequence[data.Directive], options: Mapping[str, Any]
) -> tuple[list[data.Directive], list[LedgerError]]:
    """Entries about to be appended, with numbers when the ledger has the plugin line.

    Their vouchers (no ingående balans, from the setting ``fran`` on) get the
    next numbers of the setting's series in date order (a day's rows in
    their order), after the highest number of the ledger (``existing``).
    Without the plugin line the entries are returned as they are. The
    errors (:func:`fore_hogsta`, at the bank rows) are numbers that would
    not ascend with the date: then nothing may be appended.
    """
    settings, _ = rule.installning_av(options)
    if settings is None:
        return list(new), []
    opening = opening_account(options)
    kandidater = sorted(
        (
            entry
            for entry in new
            if isinstance(entry, data.Transaction)
            and rule.ar_verifikation(entry, opening, None)
            and nummer.KEY not in (entry.meta or {})
            and (settings.fran is None or entry.date >= settings.fran)
        ),
        key=lambda entry: entry.date,
    )
    tilldelade = tilldela(kandidater, existing, settings.serie)
    given = {id(t.entry): t.nummer for t in tilldelade}
    numbered = [
        med_nummer(entry, given[id(entry)]) if id(entry) in given else entry  # type: ignore[arg-type]
        for entry in new
    ]
    return numbered, fore_hogsta(tilldelade, existing)


# --- the lines -----------------------------------------------------------------------------


def infoga(content: bytes, tilldelade: Sequence[Tilldelning], filename: str) -> bytes:
    """``content`` with a ``ver`` line after each transaction's first line; nothing else changes.

    The line takes the indentation of the transaction's next line (two
    spaces if it has none) and the first line's line end. A first line that
    is not where the transaction says (a date at its start) is a
    :class:`Konflikt`, as is a file that is not UTF-8.
    """
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = content.count(b"\n", 0, exc.start) + 1
        meta = data.new_metadata(filename, line)
        raise Konflikt(
            [LedgerError(meta, f"{rule.RULE}: the file is not UTF-8 here; nothing written", None)]
        ) from None
    lines = content.split(b"\n")
    for item in sorted(tilldelade, key=lambda t: int(t.entry.meta["lineno"]), reverse=True):
        index = int(item.entry.meta["lineno"]) - 1
        header = lines[index] if 0 <= index < len(lines) else b""
        if not _is_header(header, item.entry.date):
            raise Konflikt(
                [
                    LedgerError(
                        item.entry.meta,
                        f"{rule.RULE}: the transaction's first line is not at this line of the "
                        "file as it is now; nothing written, run the command again",
                        item.entry,
                    )
                ]
            )
        end = b"\r" if header.endswith(b"\r") else b""
        text = f'{nummer.KEY}: "{item.nummer}"'.encode()
        lines.insert(index + 1, _indent(lines[index + 1 :]) + text + end)
    return b"\n".join(lines)


def _is_header(line: bytes, date: datetime.date) -> bool:
    found = _HEADER.match(line)
    if found is None:
        return False
    try:
        return datetime.date(*(int(part) for part in found.groups())) == date
    except ValueError:
        return False


def _indent(following: Sequence[bytes]) -> bytes:
    """The indentation of the transaction's next line: its metadata or first posting."""
    if following:
        found = _INDENT.match(following[0])
        if found is not None and following[0].strip():
            return found.group(0)
    return b"  "


def _read_back(
    filename: str, content: bytes, tilldelade: Sequence[Tilldelning], before: bytes
) -> None:
    """Parse the new content: every number read as its transaction's, no new syntax error."""
    entries, errors, _ = parser.parse_string(content.decode("utf-8"), filename)
    new_error = len(errors) > len(parser.parse_string(before.decode("utf-8"), filename)[1])
    at = {e.meta.get("lineno"): e for e in entries if isinstance(e, data.Transaction)}
    lines = sorted(int(t.entry.meta["lineno"]) for t in tilldelade)
    for item in tilldelade:
        old_line = int(item.entry.meta["lineno"])
        found = at.get(old_line + bisect.bisect_left(lines, old_line))
        if new_error or found is None or found.meta.get(nummer.KEY) != str(item.nummer):
            message = (
                f'{rule.RULE}: the line {nummer.KEY}: "{item.nummer}" would not be read as this '
                "transaction's number; nothing written, number it by hand"
            )
            raise Konflikt([LedgerError(item.entry.meta, message, item.entry)])


# --- all of it, under the lock ----------------------------------------------------------------


def unreadable(errors: Iterable[Error]) -> list[Error]:
    """The errors that mean the ledger's files are not read as written."""
    return [error for error in errors if isinstance(error, UNREADABLE)]


def numrera(ledger: str | Path, serie: str | None = None, year: int | None = None) -> Resultat:
    """Number the ledger's unnumbered vouchers in their files; see the module docstring.

    Raises :class:`Konflikt` (the ledger's errors: unreadable files, bad
    settings, numbers numbering cannot put right),
    :class:`~finsam_ledger.safe_files.Refused` (a read-only file; the
    ledger's files changed meanwhile) or :class:`OSError`; then nothing is
    written.
    """
    main = safe_files.real_path(ledger)
    # The files to lock, from the include lines; under the lock the load must agree.
    files = [name for name in include_order({"filename": str(main)}) if Path(name).is_file()]
    result = Resultat()

    def change(old: Mapping[Path, bytes]) -> dict[Path, bytes]:
        loader.initialize(use_cache=False)  # never a cached load (finsam_ledger.model.books)
        entries, errors, options = loader.load_file(str(ledger))
        named = [str(name) for name in options.get("include") or []]
        problems = unreadable(errors)
        if problems:
            raise Konflikt(at_their_lines(problems, [str(options["filename"]), *named]))
        real = {name: safe_files.real_path(name) for name in named}
        if not set(real.values()) <= set(old):
            raise safe_files.Refused(
                f"{ledger}: the ledger's files changed while numbering; nothing written, "
                "run the command again"
            )
        settings, setting_errors = rule.installning_av(options)
        if setting_errors:
            raise Konflikt(setting_errors)
        settings = settings or rule.Installning()
        kandidater = onumrerade(entries, options, settings.fran, year)
        given = tilldela(kandidater, entries, serie or settings.serie)
        late = fore_hogsta(given, entries) or konflikter(entries, options, settings.fran, given)
        if late:
            raise Konflikt(late)
        order = include_order(options)
        result.tilldelade = given
        result.filer = sorted(named, key=lambda name: order.get(str(real[name]), len(order)))
        new: dict[Path, bytes] = {}
        for name in result.filer:
            here = [t for t in given if str(t.entry.meta["filename"]) == name]
            if here:
                content = infoga(old[real[name]], here, name)
                _read_back(name, content, here, old[real[name]])
                new[real[name]] = content
        return new

    safe_files.update_files(files, change)
    return result

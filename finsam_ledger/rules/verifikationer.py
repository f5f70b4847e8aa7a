"""Verifikationsnummer: every voucher has its own number, ascending with the date.

A voucher (verifikation) is a transaction written in the ledger's files,
except an ingående balans (a transaction on the account of
``account_previous_balances``, section 4 of ``docs/ledger-format.md``).
What Beancount or a plugin generates (a pad's or a summary's flag, or no
line of the ledger's files) is not written there. Of the transactions
dated on or after the setting ``fran`` (all without it), :func:`fel` finds,
each at the transaction's line:

* a voucher without ``ver`` (:data:`SAKNAS`);
* a ``ver`` that is not a series and a number (:data:`OGILTIGT`);
* a number used twice in a series and year (:data:`DUBBLETT`), at every
  use after the first (in the ledger's file and line order);
* numbers that do not ascend with the date in a series and year
  (:data:`ORDNING`): the fewest transactions whose removal leaves the rest
  ascending, each with the neighbour it contradicts.

A number is required of vouchers only, but one that is there is checked on
any written transaction (an ingående balans that carries one), so that no
two transactions share a number. The year is the calendar year of the date
(räkenskapsår = kalenderår). Gaps are allowed (an annulled voucher leaves
its number unused). :func:`installning_av` reads the plugin line's settings
from a loaded ledger, for ``finsam verifikationer numrera`` and ``finsam
import``, which number what this rule asks for.
"""

from __future__ import annotations

import bisect
import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from beancount.core import data, flags

from finsam_ledger.model.chart import include_order, opening_account
from finsam_ledger.model.errors import LedgerError
from finsam_ledger.rules import plugin_config
from finsam_ledger.rules.plugin import Call
from finsam_ledger.verifikationer import nummer
from finsam_ledger.verifikationer.nummer import OgiltigtNummer, Verifikationsnummer

RULE = "verifikationer"
MODULE = f"{plugin_config.PREFIX}{RULE}"
DEFAULTS: Mapping[str, Any] = {"serie": nummer.DEFAULT_SERIE, "fran": ""}

SAKNAS = "saknas"
OGILTIGT = "ogiltigt"
DUBBLETT = "dubblett"
ORDNING = "ordning"

# Flags of the transactions Beancount makes itself (pad, summarize, transfer, conversions …).
GENERATED_FLAGS = frozenset(
    value
    for name, value in vars(flags).items()
    if name.startswith("FLAG_") and name not in ("FLAG_OKAY", "FLAG_WARNING")
)


@dataclass(frozen=True)
class Installning:
    """The plugin's settings: the series new numbers get, the first date numbering applies to."""

    serie: str = nummer.DEFAULT_SERIE
    fran: datetime.date | None = None


@dataclass(frozen=True)
class Fel:
    """One finding: its kind (:data:`SAKNAS` …), series (``None`` where there is none) and year."""

    kind: str
    serie: str | None
    year: int
    error: LedgerError


def installning(settings: Mapping[str, Any]) -> tuple[Installning, str | None]:
    """The parsed settings (the defaults where one is bad) and the message of a bad one."""
    serie = str(settings.get("serie", nummer.DEFAULT_SERIE))
    fran_text = str(settings.get("fran", "") or "")
    try:
        nummer.parse(f"{serie} 1")
    except OgiltigtNummer:
        return Installning(), (
            f"bad configuration: 'serie' is {serie!r}; write one to ten letters or digits, "
            f"e.g. {{'serie': '{nummer.DEFAULT_SERIE}'}}"
        )
    fran = None
    if fran_text:
        try:
            fran = datetime.date.fromisoformat(fran_text)
        except ValueError:
            return Installning(), (
                f"bad configuration: 'fran' is {fran_text!r}; write the first date "
                "numbering applies to as YYYY-MM-DD, e.g. {'fran': '2022-01-01'}"
            )
    return Installning(serie, fran), None


def installning_av(options: Mapping[str, Any]) -> tuple[Installning | None, list[LedgerError]]:
    """The settings of the ledger's ``verifikationer`` plugin line; ``None`` without one.

    A bad setting gives the defaults and the error at the plugin line.
    """
    for module, config in options.get("plugin") or []:
        if module != MODULE:
            continue
        settings, errors = plugin_config.parse(config, DEFAULTS, options, MODULE)  # type: ignore[arg-type]
        found, problem = installning(settings)
        if problem is not None:
            source = plugin_config.plugin_source(options, MODULE, config)  # type: ignore[arg-type]
            errors.append(LedgerError(source, f"{RULE}: {problem}", None))
        return found, errors
    return None, []


def ledger_files(options: Mapping[str, Any]) -> frozenset[str]:
    """The ledger's files as the loader names them (``options["include"]``)."""
    return frozenset(str(name) for name in options.get("include") or [])


def generated(entry: data.Directive, files: frozenset[str]) -> bool:
    """Made by Beancount or a plugin: no line of one of ``files`` (when they are known)."""
    meta = entry.meta or {}
    filename, lineno = meta.get("filename"), meta.get("lineno")
    if not filename or not isinstance(lineno, int) or lineno <= 0:
        return True
    return bool(files) and str(filename) not in files


def ar_verifikation(entry: data.Directive, opening: str, files: frozenset[str] | None) -> bool:
    """Whether the entry is a voucher: a written transaction that is no ingående balans.

    ``files`` None leaves out the test that the entry is on a line of the
    ledger's files (for bank rows about to be appended).
    """
    return (
        isinstance(entry, data.Transaction)
        and entry.flag not in GENERATED_FLAGS
        and (files is None or not generated(entry, files))
        and not any(posting.account == opening for posting in entry.postings)
    )


def skrivna(
    entries: Iterable[data.Directive],
    options: Mapping[str, Any],
    fran: datetime.date | None = None,
) -> list[data.Transaction]:
    """The transactions on lines of the ledger's files (nothing generated), dated on or after
    ``fran``, in the ledger's order (date, file, line)."""
    files = ledger_files(options)
    found = [
        entry
        for entry in entries
        if isinstance(entry, data.Transaction)
        and entry.flag not in GENERATED_FLAGS
        and not generated(entry, files)
        and (fran is None or entry.date >= fran)
    ]
    return sorted(found, key=place_key(options))


def verifikationer(
    entries: Iterable[data.Directive],
    options: Mapping[str, Any],
    fran: datetime.date | None = None,
) -> list[data.Transaction]:
    """The vouchers dated on or after ``fran``, in the ledger's order (date, file, line)."""
    opening = opening_account(options)
    return [
        entry for entry in skrivna(entries, options, fran) if ar_verifikation(entry, opening, None)
    ]


def place_key(options: Mapping[str, Any]) -> Any:
    """A sort key: date, then the file's place in the include order, then the line."""
    order = include_order(options)
    real: dict[str, int] = {}

    def file_rank(filename: str) -> int:
        if filename not in real:
            try:
                real[filename] = order.get(str(Path(filename).resolve()), len(order))
            except (OSError, RuntimeError):
                real[filename] = len(order)
        return real[filename]

    def key(entry: data.Directive) -> tuple[datetime.date, int, str, int]:
        meta = entry.meta or {}
        filename = str(meta.get("filename", ""))
        return (entry.date, file_rank(filename), filename, int(meta.get("lineno") or 0))

    return key


def _where(entry: data.Directive) -> str:
    meta = entry.meta or {}
    return f"{Path(str(meta.get('filename', '?'))).name}:{meta.get('lineno', '?')}"


def fel(
    entries: Iterable[data.Directive], options: Mapping[str, Any], fran: datetime.date | None
) -> list[Fel]:
    """Every finding of the rule among the transactions dated on or after ``fran``.

    A number is missing on a voucher only; a number that is there is
    checked on every transaction written in the ledger (an ingående balans
    that carries one too), so that no two transactions share one.
    """
    main = Path(str(options.get("filename") or "LEDGER")).name
    opening = opening_account(options)
    found: list[Fel] = []
    series: dict[tuple[str, int], list[tuple[Verifikationsnummer, data.Transaction]]]
    series = defaultdict(list)
    for entry in skrivna(entries, options, fran):
        year = entry.date.year
        if nummer.KEY not in (entry.meta or {}) and not ar_verifikation(entry, opening, None):
            continue
        try:
            number = nummer.of(entry.meta)
        except OgiltigtNummer as exc:
            found.append(
                Fel(OGILTIGT, None, year, LedgerError(entry.meta, f"{RULE}: {exc}", entry))
            )
            continue
        if number is None:
            message = (
                f"{RULE}: the transaction has no voucher number ({nummer.KEY}); give the "
                f"unnumbered transactions the next numbers with: finsam verifikationer "
                f"numrera {main}"
            )
            found.append(Fel(SAKNAS, None, year, LedgerError(entry.meta, message, entry)))
            continue
        series[(number.serie, year)].append((number, entry))
    for (serie, year), items in series.items():
        found += _dubbletter(serie, year, items, main)
        found += _ordning(serie, year, items)
    return found


def _dubbletter(
    serie: str,
    year: int,
    items: Sequence[tuple[Verifikationsnummer, data.Transaction]],
    main: str,
) -> list[Fel]:
    """Every use of a number after its first, naming the first.

    The message depends on these two transactions only, so that adding
    others (an import) leaves it as it was.
    """
    first: dict[int, data.Transaction] = {}
    found: list[Fel] = []
    for number, entry in items:
        earlier = first.setdefault(number.nummer, entry)
        if earlier is entry:
            continue
        message = (
            f"{RULE}: {number} is used twice in {year} (also at {_where(earlier)}, "
            f"{earlier.date}); give this transaction a number of its own: remove its "
            f"{nummer.KEY} line and run finsam verifikationer numrera {main}"
        )
        found.append(Fel(DUBBLETT, serie, year, LedgerError(entry.meta, message, entry)))
    return found


def _ordning(
    serie: str, year: int, items: Sequence[tuple[Verifikationsnummer, data.Transaction]]
) -> list[Fel]:
    """The fewest vouchers whose numbers do not ascend with the date, the earliest numbers kept.

    Of the series-year's numbers (the first use of each), a longest run that
    ascends with the date is kept, choosing lower numbers where there is a
    choice; each other voucher is reported with a kept neighbour it
    contradicts.
    """
    unique: dict[int, data.Transaction] = {}
    for used, entry in items:
        unique.setdefault(used.nummer, entry)
    ordered = sorted(unique.items())
    days = [entry.date.toordinal() for _, entry in ordered]
    kept = _longest_ascending(days)
    found: list[Fel] = []
    for index, (number, entry) in enumerate(ordered):
        if kept[index]:
            continue
        before = next((i for i in range(index - 1, -1, -1) if kept[i]), None)
        if before is not None and days[before] > days[index]:
            other, side = ordered[before], "before"
        else:
            after = next(i for i in range(index + 1, len(ordered)) if kept[i])
            other, side = ordered[after], "after"
        this, that = Verifikationsnummer(serie, number), Verifikationsnummer(serie, other[0])
        message = (
            f"{RULE}: {this} is dated {entry.date}, {side} {that} of {other[1].date}; "
            f"numbers ascend with the date in series {serie} {year}: correct the date, or "
            "give the transaction the number its date calls for"
        )
        found.append(Fel(ORDNING, serie, year, LedgerError(entry.meta, message, entry)))
    return found


def _longest_ascending(days: Sequence[int]) -> list[bool]:
    """Which items a longest non-decreasing subsequence keeps, the earliest items preferred."""
    # longest[i]: the longest non-decreasing run starting at item i (patience sorting from
    # the right, on the negated days).
    longest = [0] * len(days)
    tails: list[int] = []
    for index in range(len(days) - 1, -1, -1):
        value = -days[index]
        place = bisect.bisect_right(tails, value)
        if place == len(tails):
            tails.append(value)
        else:
            tails[place] = value
        longest[index] = place + 1
    kept = [False] * len(days)
    need, last = max(longest, default=0), None
    for index, day in enumerate(days):
        if need and longest[index] == need and (last is None or day >= last):
            kept[index], last, need = True, day, need - 1
    return kept


def check(call: Call) -> list[LedgerError]:
    """The findings of :func:`fel` as errors; a bad setting is an error at the plugin line."""
    found, problem = installning(call.settings)
    errors = [LedgerError(call.line, f"{RULE}: {problem}", None)] if problem else []
    return errors + [item.error for item in fel(call.entries, call.options, found.fran)]

"""SIE 4 to a new ledger: ``finsam sie import FILE.se -o DIR [--mapping FILE]``.

:func:`importera` reads a SIE 4 file (4E or 4I, see :mod:`finsam_ledger.sie`),
checks it, and writes a new ledger that follows ``docs/ledger-format.md``
into a new or empty folder, all files or none
(:func:`finsam_ledger.safe_files.write_new_folder`)::

    DIR/main.beancount              options, plugins, Fava settings, includes
    DIR/kontoplan.beancount         one open line per account, with konto
    DIR/budget.beancount            the yearly budget, from #PBUDGET (if any)
    DIR/ingaende-balans.beancount   #IB 0 (else #UB -1) against Ingående-balanser
    DIR/2012.beancount              the vouchers of each year, ver: "A 12"

It returns the lines to print: what was read, what was written, and what the
accountant must add. The work is done by pure functions, text in and text
out: :func:`ledger_texts` (a :class:`~finsam_ledger.sie.SieFile` and a
:class:`Mappning` to the files' texts) and :func:`parse_mapping`.

**Refused** (nothing written): a bad SIE file, an unbalanced voucher, a
``#UB`` that is not ``#IB`` plus the year's transactions or a ``#RES`` that
is not the year's transactions (:class:`~finsam_ledger.sie.SieError` with
the line); a fiscal year that is not the calendar year (the ledger
conventions count years from 1 January: reports by ``--year``, the
ingående balans on the first day, the balanskrav per year), at the
``#RAR`` line; vouchers of an earlier fiscal year than ``#RAR 0``; an
account of class 0 or 9 that no mapping places; a voucher number that is
not a number; balances in another currency than SEK. A target folder that
is not new or empty is :class:`~finsam_ledger.safe_files.Refused`; a bad
mapping file or an unreadable SIE file is an
:class:`~finsam_ledger.importers.model.ImportFault` (file, line, reason).

**Accounts.** Every account with a balance, a voucher row or a budget is
opened on the first day of the books, its number as ``konto``. Its place in
the tree follows its number (BAS and Kommun-Bas alike where they agree):

========  ==========================================================
1         Tillgångar: 10 Immateriella-, 11–12 Materiella-, 13
          Finansiella-anläggningstillgångar, 14 Förråd, 15–17
          Fordringar, 18 Kortfristiga-placeringar, 19 Kassa-och-bank
2         20 Eget-kapital; Skulder: 21–22 Avsättningar, 23
          Långfristiga, 24–29 Kortfristiga
3–7       Intäkter (class 3, or ``#KTYP I``), 35 under
          Intäkter:Medlemsbidrag; Kostnader (4–7, or ``#KTYP K``), 46
          under Kostnader:Insatser, a name starting "Avskrivn" or
          "Nedskrivn" under Kostnader:Avskrivningar
8         Intäkter:Finansiella or Kostnader:Finansiella, by ``#KTYP``,
          else 80–84 intäkter, 85–89 kostnader (Kommun-Bas: 84
          finansiella intäkter, 85 finansiella kostnader)
========  ==========================================================

The account's own name is its number and its ``#KONTO`` name as words:
``Kostnader:5010-Löner``, ``Tillgångar:Kassa-och-bank:1930-Företagskonto``
(letters and digits kept, anything else a hyphen, at most 40 characters
of name). An account on a statement line with note rows (verksamhetens
intäkter and kostnader, fordringar, kortfristiga skulder) gets the
``#KONTO`` name as ``notrad``, so the notes print "Löner", not "5010 Löner".

**Insatser.** Rows on a verksamhetens kostnad with an object of the
project dimension (``#DIM 6 Projekt``) are booked on an insats account:
``Kostnader:Insatser:<object name>:<the cost account's name>``, with the
cost account's ``konto``; the insats account carries ``objekt: "6 100"``
(its SIE object) and the object's name as ``notrad``, and its ``klass``,
once, holds for all of it. Every other object stays with its row as
metadata ``objekt`` (SIE's object list without braces: ``"1 AO 6 100"``).

**Vouchers.** A ``#VER`` becomes a transaction dated its voucher date, its
text the narration, its series and number ``ver`` (a voucher without a
series gets series A, or the first letter the file does not use); the
registration date is ``regdatum``, a signature ``signatur``. A row's own
date, text, quantity and signature are posting metadata ``datum``,
``text``, ``kvantitet``, ``signatur``. Rows removed or added after
registration (``#BTRANS``, ``#RTRANS``) are kept, never booked again, as
transaction metadata ``btrans-1``, ``rtrans-1``… holding the SIE row
(``"1930 {} -500.00 20120105 \\"Fel konto\\""``); the ``#TRANS`` that
repeats an ``#RTRANS`` is booked once, as the reader gives it.

**Class and party.** The project's own dimensions
(:mod:`finsam_ledger.exports.sie`) say what SIE cannot: an object of
dimension 20 (Finsamklass: ``individinriktad``, ``strukturinriktad``,
``administration``, ``ny-verksamhet``) on a row of a verksamhetens kostnad
is the ``klass`` of the row's account, or of its insats account if the row
moved there; an object of dimension 21 (Finsampart: ``staten``, ``region``,
``kommun``) on an income row is the account's ``part``, and the account
goes under Intäkter:Medlemsbidrag unless the mapping places it. A file
whose ``#DIM 20`` or ``#DIM 21`` has another name uses the number for
something else: its objects stay with the rows. An object the account
already says leaves the row; one that differs stays as ``objekt``. Rows of
one account that name two classes (or parties) give it none: the notes
list it, and its ``open`` line has the chart's error. A mapping's ``klass``
or ``part`` wins over the file's.

**A file of this project's** (``#PROGRAM finsam-ledger``, written by
``finsam sie export``) gives back the books' own accounts: its ``#KONTO``
name is the account's name after the root (:func:`tree_name`), so
``#KONTO 1930 Kassa-och-bank:Bank`` opens
``Tillgångar:Kassa-och-bank:Bank`` (with ``konto: "1930"``) and no
``notrad`` is taken from it; an account keeps its rows, and the name of its
dimension 6 object (its insats's note row) is its ``notrad`` where the
name would not give that row anyway. Where the name has no line in the tree
(the books said ``post:``) the number's line is its ``post``; where the
name's line and the number's differ, the name's holds and the notes say
so. If the name is the ledger's counter-account of the ingående balans
(``Eget-kapital:Ingående-balanser``), that account takes the difference. A
name that is not an account name, or one two accounts share, goes by the
number as in any file. What a SIE file cannot hold is listed for the
accountant: other accounts' ``notrad``, ``medlem``, ``budgetpost``,
``delrader``, ``likvida-medel`` (a kortfristig placering is named),
budgets without ``#PBUDGET``, and the ledger's ``custom`` directives.

**Mapping** (TOML, ``--mapping``): see :func:`parse_mapping`.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from beancount.parser import parser as beancount_parser

from finsam_ledger import safe_files
from finsam_ledger.exports.sie import DIMENSIONER, FINSAMKLASS, FINSAMPART, PROGRAM
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.model.chart import (
    ADMINISTRATION,
    EXPENSES,
    INCOME,
    KLASSER,
    KORTFRISTIGA_PLACERINGAR,
    LIKVIDA_MEDEL,
    PARTER,
    POSTER,
    TREE,
    VERKSAMHETENS_INTAKTER,
    VERKSAMHETENS_KOSTNADER,
    Post,
    build_chart,
)
from finsam_ledger.sie import Account, SieError, SieFile, Transaction, Voucher, check, read
from finsam_ledger.sie.checks import name as voucher_name
from finsam_ledger.sie.encoding import decode
from finsam_ledger.sie.fields import Fields
from finsam_ledger.sie.lexer import records
from finsam_ledger.verifikationer import nummer

MetaValue = str | bool | int | Decimal

CURRENCY = "SEK"
INSATS_DIMENSION = 6
INSATS_UNDER = "Kostnader:Insatser"
MEDLEMSBIDRAG_UNDER = "Intäkter:Medlemsbidrag"
OPENING_ACCOUNT = "Eget-kapital:Ingående-balanser"
MAIN = "main.beancount"
KONTOPLAN = "kontoplan.beancount"
BUDGET = "budget.beancount"
INGAENDE = "ingaende-balans.beancount"
NAME_LIMIT = 40
"""At most this many characters of an account's ``#KONTO`` name go into its ledger name."""

_ROOTS = {
    "Tillgångar": "Assets",
    "Skulder": "Liabilities",
    "Eget-kapital": "Equity",
    "Intäkter": INCOME,
    "Kostnader": EXPENSES,
}
_ROOT_OPTIONS = (
    ("name_assets", "Tillgångar"),
    ("name_liabilities", "Skulder"),
    ("name_equity", "Eget-kapital"),
    ("name_income", "Intäkter"),
    ("name_expenses", "Kostnader"),
)
_ACCOUNT_OPTIONS = (
    ("account_previous_balances", "Ingående-balanser"),
    ("account_previous_earnings", "Balanserat-resultat"),
    ("account_previous_conversions", "Omräkningar:Tidigare"),
    ("account_current_earnings", "Årets-resultat"),
    ("account_current_conversions", "Omräkningar:Innevarande"),
    ("account_unrealized_gains", "Orealiserade-vinster"),
)
_PLUGINS = (
    "kontoplan",
    "direktiv",
    "finansieringsandelar",
    "balanskrav",
    "beviljat",
    "eget_kapital",
)
_ASSETS = {
    "10": "Tillgångar:Immateriella-anläggningstillgångar",
    "11": "Tillgångar:Materiella-anläggningstillgångar",
    "12": "Tillgångar:Materiella-anläggningstillgångar",
    "13": "Tillgångar:Finansiella-anläggningstillgångar",
    "14": "Tillgångar:Förråd",
    "15": "Tillgångar:Fordringar",
    "16": "Tillgångar:Fordringar",
    "17": "Tillgångar:Fordringar",
    "18": "Tillgångar:Kortfristiga-placeringar",
    "19": "Tillgångar:Kassa-och-bank",
}
_LIABILITIES = {
    "20": "Eget-kapital",
    "21": "Skulder:Avsättningar",
    "22": "Skulder:Avsättningar",
    "23": "Skulder:Långfristiga",
}
_WRITE_DOWN = re.compile(r"(av|ned)skrivn", re.IGNORECASE)
_META_KEY = re.compile(r"[a-z][a-zA-Z0-9_-]+")
_RANGE = re.compile(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?")


# ---------------------------------------------------------------------------
# The mapping file


@dataclass(frozen=True)
class Regel:
    """What the mapping file says of an account (or a range) or of an insats object.

    ``name`` is the full ledger account (one account only), ``under`` the
    parent its generated name goes under, ``insats`` whether project rows
    move to insats accounts, ``meta`` the open line's metadata.
    """

    name: str | None = None
    under: str | None = None
    insats: bool | None = None
    meta: tuple[tuple[str, MetaValue], ...] = ()
    first: int = 0
    last: int = 0


@dataclass(frozen=True)
class Mappning:
    """A mapping file: rules for accounts, and the insats dimension and its objects."""

    path: str = "mapping"
    konton: tuple[Regel, ...] = ()
    dimension: int = INSATS_DIMENSION
    insats_under: str = INSATS_UNDER
    objekt: Mapping[str, Regel] = field(default_factory=dict)

    def rules_for(self, number: str) -> list[Regel]:
        """The rules that match an account, widest range first (the narrowest wins)."""
        value = int(number)
        found = [rule for rule in self.konton if rule.first <= value <= rule.last]
        return sorted(found, key=lambda rule: -(rule.last - rule.first))


def read_mapping(path: str | Path) -> Mappning:
    """The mapping file at ``path``; an :class:`ImportFault` if it cannot be read or is bad."""
    shown = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ImportFault(shown, None, f"cannot read the mapping: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        line = Path(path).read_bytes()[: exc.start].count(b"\n") + 1
        raise ImportFault(shown, line, "the mapping is not UTF-8 text") from None
    return parse_mapping(text, shown)


def parse_mapping(text: str, path: str = "mapping") -> Mappning:
    """A mapping file's text (TOML) as rules; an :class:`ImportFault` with the line if bad.

    ::

        [konton]
        "3500-3599" = { under = "Intäkter:Medlemsbidrag" }
        "3511" = { namn = "Intäkter:Medlemsbidrag:Försäkringskassan", part = "staten" }
        "5000-7999" = { under = "Kostnader:Administration" }
        "4010" = { klass = "individinriktad", insats = false }

        [insatser]
        dimension = 6                 # the object dimension of insatser; 0: none
        under = "Kostnader:Insatser"

        [insatser.objekt]
        "100" = { namn = "Kostnader:Insatser:Arbetsträning", klass = "individinriktad" }

    A key of ``[konton]`` is an account number or a range ``"first-last"``
    (inclusive, compared as numbers: write the file's number of digits). Its
    table: ``namn`` the whole account name (a single account only),
    ``under`` the parent its name goes under, ``insats`` (true or false)
    whether rows with a project object move to insats accounts (default:
    true on verksamhetens kostnader), and any other key metadata for the
    open line (``klass``, ``part``, ``medlem``, ``notrad``, ``budgetpost``,
    ``post``, ``likvida-medel``…; ``konto`` is always the number). Every
    rule that matches an account applies, the widest range first, so a
    narrower one (a single account) overrides a key of a wider one. An
    object of ``[insatser.objekt]`` takes ``namn`` and metadata likewise.
    """
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        raise ImportFault(path, int(found[1]) if found else None, f"not TOML: {exc}") from None

    def fault(key: str | None, reason: str) -> ImportFault:
        return ImportFault(path, _key_line(text, key) if key else None, reason)

    unknown = set(values) - {"konton", "insatser"}
    if unknown:
        first = min(unknown)
        raise fault(first, f"unknown table {first!r}; the mapping has [konton] and [insatser]")
    konton = values.get("konton", {})
    if not isinstance(konton, dict):
        raise fault("konton", "konton must be a table [konton]")
    rules = [_account_rule(fault, key, value) for key, value in konton.items()]
    insatser = values.get("insatser", {})
    if not isinstance(insatser, dict):
        raise fault("insatser", "insatser must be a table [insatser]")
    extra = set(insatser) - {"dimension", "under", "objekt"}
    if extra:
        first = min(extra)
        raise fault(first, f"[insatser] has no key {first!r}; it has dimension, under, objekt")
    dimension = insatser.get("dimension", INSATS_DIMENSION)
    if isinstance(dimension, bool) or not isinstance(dimension, int) or dimension < 0:
        raise fault(
            "dimension", f"dimension must be a dimension number (0: none), not {dimension!r}"
        )
    under = insatser.get("under", INSATS_UNDER)
    if not isinstance(under, str) or not _valid_account(under):
        raise fault("under", f"under {under!r} is not an account name (Kostnader:…)")
    objekt = insatser.get("objekt", {})
    if not isinstance(objekt, dict):
        raise fault("objekt", "objekt must be a table [insatser.objekt]")
    objects: dict[str, Regel] = {}
    for key, value in objekt.items():
        rule = _rule(fault, str(key), value, ("namn",))
        objects[str(key)] = rule
    return Mappning(path, tuple(rules), dimension, under, objects)


def _account_rule(fault: Any, key: str, value: Any) -> Regel:
    found = _RANGE.fullmatch(key)
    if found is None:
        raise fault(key, f'{key!r} is not an account number or a range like "3000-3999"')
    first = int(found[1])
    last = int(found[2]) if found[2] is not None else first
    if last < first:
        raise fault(key, f"the range {key!r} ends before it starts")
    single = found[2] is None or first == last
    allowed = ("namn", "under", "insats") if single else ("under", "insats")
    rule = _rule(fault, key, value, allowed)
    return Regel(rule.name, rule.under, rule.insats, rule.meta, first, last)


# Metadata the chart takes only certain values of: refused in the mapping at its line,
# not later at an open line of the ledger written.
_CHOICES: Mapping[str, tuple[str, ...]] = {"klass": KLASSER, "part": PARTER}


def _rule(fault: Any, key: str, value: Any, allowed: Sequence[str]) -> Regel:
    if not isinstance(value, dict):
        raise fault(key, f'{key!r} must be a table, e.g. {{ under = "Kostnader" }}')
    name = under = None
    insats: bool | None = None
    meta: list[tuple[str, MetaValue]] = []
    for item, given in value.items():
        if item in ("namn", "under") and item not in allowed:
            raise fault(key, f"{key!r}: {item} names one account; use it on a single account")
        if item in ("namn", "under"):
            if not isinstance(given, str) or not _valid_account(given):
                raise fault(
                    key,
                    f"{key!r}: {item} {given!r} is not an account name under Tillgångar, "
                    "Skulder, Eget-kapital, Intäkter or Kostnader",
                )
            if item == "namn":
                name = given
            else:
                under = given
        elif item == "insats":
            if "insats" not in allowed or not isinstance(given, bool):
                raise fault(key, f"{key!r}: insats must be true or false")
            insats = given
        elif item == "konto":
            raise fault(key, f"{key!r}: konto is always the account's number; remove it")
        elif not _META_KEY.fullmatch(item):
            raise fault(key, f"{key!r}: {item!r} is not a metadata key (a-z, then letters, -, _)")
        elif item in _CHOICES and given not in _CHOICES[item]:
            choices = ", ".join(f'"{choice}"' for choice in _CHOICES[item])
            raise fault(key, f"{key!r}: {item} {given!r} is not one of {choices}")
        elif isinstance(given, bool | int | str):
            meta.append((item, given))
        elif isinstance(given, float):
            meta.append((item, Decimal(str(given))))
        else:
            raise fault(key, f"{key!r}: {item} must be a text, a number or true/false")
    if name is not None and under is not None:
        raise fault(key, f"{key!r}: give namn or under, not both")
    return Regel(name, under, insats, tuple(meta))


def _key_line(text: str, key: str) -> int | None:
    """The line a key of the mapping is on (best effort: plain or quoted keys)."""
    quoted = re.escape(key)
    pattern = re.compile(
        rf'^\s*(?:"{quoted}"|\'{quoted}\'|{quoted})\s*=|\[[^\]]*(?:"{quoted}"|\b{quoted}\b)\s*\]'
    )
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line):
            return number
    return None


def _valid_account(name: str) -> bool:
    parts = name.split(":")
    return len(parts) >= 2 and parts[0] in _ROOTS and all(map(_valid_component, parts[1:]))


def _valid_component(part: str) -> bool:
    return (
        bool(part)
        and (_category(part[0]) in ("Lu", "Nd"))
        and all(char == "-" or _letter_or_digit(char) for char in part)
    )


def _category(char: str) -> str:
    return unicodedata.category(char)


def _letter_or_digit(char: str) -> bool:
    """What Beancount takes in an account name: a letter or a decimal digit."""
    category = unicodedata.category(char)
    return category[0] == "L" or category == "Nd"


# ---------------------------------------------------------------------------
# Where the accounts go


@dataclass(frozen=True)
class _Placed:
    """An account's place: ``generated`` its name made from number and ``#KONTO`` name,
    ``rebuilt`` its name the tree a file of this project gives (:func:`tree_name`),
    ``doubt`` what the accountant should check of its line (empty: nothing)."""

    number: str
    name: str
    meta: tuple[tuple[str, MetaValue], ...]
    insats: bool
    generated: bool
    post: Post | None = None
    rebuilt: bool = False
    doubt: str = ""


def words(text: str, limit: int = NAME_LIMIT) -> str:
    """A text as an account name component's words: letters and digits, hyphens between.

    ``"Ack avskr mask/andra tekn anl"`` → ``"Ack-avskr-mask-andra-tekn-anl"``;
    words after ``limit`` characters are left out.
    """
    composed = unicodedata.normalize("NFC", text)
    kept = "".join(char if _letter_or_digit(char) else " " for char in composed)
    result = ""
    for word in kept.split():
        longer = f"{result}-{word}" if result else word
        if len(longer) > limit:
            if not result:
                result = word[:limit]
            break
        result = longer
    return result


def leaf(number: str, name: str) -> str:
    """An account's own component: its number and its name, ``5010-Löner``."""
    text = words(name)
    return f"{number}-{text}" if text else number


def default_parent(number: str, account: Account) -> str | None:
    """Where an account goes by its number (and ``#KTYP``); None for class 0 and 9."""
    group, kind = number[:2], number[:1]
    if kind == "1":
        return _ASSETS.get(group)
    if kind == "2":
        return _LIABILITIES.get(group, "Skulder:Kortfristiga")
    if kind not in "345678" or not kind:
        return None
    if account.type in ("I", "K"):
        income = account.type == "I"
    else:
        income = kind == "3" or group in ("80", "81", "82", "83", "84")
    if kind == "8":
        return "Intäkter:Finansiella" if income else "Kostnader:Finansiella"
    if income:
        return "Intäkter:Medlemsbidrag" if group == "35" and kind == "3" else "Intäkter"
    if _WRITE_DOWN.match(account.name.strip()):
        return "Kostnader:Avskrivningar"
    return "Kostnader:Insatser" if group == "46" else "Kostnader"


def _post(name: str, meta: Mapping[str, MetaValue]) -> Post | None:
    """The statement line an account lands on (the chart's rule), if it has one."""
    parts = name.split(":")
    kind = _ROOTS.get(parts[0])
    if kind is None:
        return None
    given = meta.get("post")
    if isinstance(given, str):
        return POSTER.get(given)
    second = parts[1] if len(parts) > 1 else None
    return TREE.get((kind, second)) or TREE.get((kind, None))


_SKULDER = frozenset(("Avsättningar", "Långfristiga", "Kortfristiga"))
_KTYP_ROOTS = {"T": "Tillgångar", "I": "Intäkter", "K": "Kostnader"}


def tree_name(number: str, account: Account) -> str | None:
    """The ledger name of an account of a file ``finsam sie export`` wrote; None if it has none.

    The export writes the name after the root as the ``#KONTO`` name
    (``Kassa-och-bank:Bank``); the root is ``#KTYP``'s (T, I, K), and for S
    Skulder if the name is under Avsättningar, Långfristiga or Kortfristiga,
    else Eget-kapital for class 20 and Skulder for the rest. A name that is
    not an account name (cut, or made plain for CP437) gives None.
    """
    text = account.name.strip()
    if not text:
        return None
    root = _KTYP_ROOTS.get(account.type)
    if root is None and (account.type == "S" or number[:1] == "2"):
        first = text.split(":", 1)[0]
        root = "Eget-kapital" if number[:2] == "20" and first not in _SKULDER else "Skulder"
    if root is None:
        parent = default_parent(number, account)
        root = parent.split(":", 1)[0] if parent is not None else None
    name = f"{root}:{text}"
    return name if root is not None and _valid_account(name) else None


def _place(
    number: str,
    account: Account,
    mapping: Mappning,
    *,
    own: bool = False,
    party: str | None = None,
) -> _Placed:
    """Where an account goes: by the mapping, else (``own``: a file of this project) by
    the tree its ``#KONTO`` name gives, else by its number. ``party`` (the file's
    :data:`~finsam_ledger.exports.sie.FINSAMPART`) makes an income account a
    medlemsbidrag, under Intäkter:Medlemsbidrag, with its ``part``."""
    name = under = None
    insats: bool | None = None
    meta: dict[str, MetaValue] = {}
    for rule in mapping.rules_for(number):
        if rule.name is not None:
            name = rule.name
        if rule.under is not None:
            under = rule.under
        if rule.insats is not None:
            insats = rule.insats
        meta.update(rule.meta)
    by_number = default_parent(number, account)
    rebuilt = tree_name(number, account) if own and name is None and under is None else None
    generated = name is None and rebuilt is None
    if rebuilt is not None:
        name = rebuilt
    elif name is None:
        parent = under or by_number
        if parent is None:
            described = f"{number} {account.name}".strip()
            raise SieError(
                account.line,
                f"account {described}: class {number[:1]} has no place in the ledger's tree; "
                f'give it one in the mapping file, e.g. "{number}" = {{ under = "Kostnader" }}',
            )
        if party is not None and under is None and _ROOTS[parent.split(":", 1)[0]] == INCOME:
            parent = MEDLEMSBIDRAG_UNDER
        name = f"{parent}:{leaf(number, account.name)}"
    post = _post(name, meta)
    doubt = ""
    if rebuilt is not None and by_number is not None:
        expected = _post(f"{by_number}:{number}", {})
        kind = _ROOTS[name.split(":", 1)[0]]
        if post is None and expected is not None and kind in expected.types:
            # a name outside the tree (the books said post:): the line its number gives
            meta["post"] = expected.name
            post = expected
            doubt = f"its name has no line in the tree; {expected.name} by its number"
        elif post is not None and expected is not None and post != expected:
            doubt = f"on {post.name} by its name, {expected.name} by its number"
    labelled = (post is not None and post.note is not None) or _ROOTS.get(
        name.split(":", 1)[0]
    ) in (INCOME, EXPENSES)
    if generated and account.name.strip() and "notrad" not in meta and labelled:
        meta["notrad"] = account.name.strip()
    if party is not None and post == VERKSAMHETENS_INTAKTER and "part" not in meta:
        meta["part"] = party
    if insats is None:
        # a rebuilt account is the insats's own: its rows stay on it
        insats = post == VERKSAMHETENS_KOSTNADER and rebuilt is None
    return _Placed(
        number, name, tuple(meta.items()), insats, generated, post, rebuilt is not None, doubt
    )


def _default_row(name: str) -> str:
    """The note row the chart gives an account without ``notrad`` (its third component)."""
    parts = name.split(":")
    return (parts[2] if len(parts) > 2 else parts[-1]).replace("-", " ")


def _klass_of(target: _Placed) -> str | None:
    """The account's Finsam class: ``klass``, or administration under Kostnader:Administration."""
    given = dict(target.meta).get("klass")
    if isinstance(given, str):
        return given
    parts = target.name.split(":")
    implied = target.post == VERKSAMHETENS_KOSTNADER and parts[1:2] == ["Administration"]
    return ADMINISTRATION if implied else None


@dataclass
class _Insats:
    object_id: str
    name: str
    meta: tuple[tuple[str, MetaValue], ...]
    subs: dict[str, str] = field(default_factory=dict)  # konto → sub-account


def _insatser(
    sie: SieFile,
    placed: Mapping[str, _Placed],
    mapping: Mappning,
    used: Iterable[str],
    klasser: Mapping[str, str],
) -> dict[str, _Insats]:
    """An insats account for every project object that rows move to; ``klasser`` the class
    its rows give (:data:`~finsam_ledger.exports.sie.FINSAMKLASS`), by object."""
    dimension = mapping.dimension
    ids = sorted(set(used), key=lambda i: (len(i), i))
    taken = {p.name for p in placed.values()}
    generated: dict[str, str] = {}
    for object_id in ids:
        if object_id in mapping.objekt and mapping.objekt[object_id].name:
            continue
        text = words(sie.objects.get((dimension, object_id), ""))
        text = text[:1].upper() + text[1:]
        if text and not _valid_component(text):
            text = ""
        generated[object_id] = text or f"Projekt-{words(object_id) or 'utan-namn'}"
    counts = Counter(generated.values())
    result: dict[str, _Insats] = {}
    for object_id in ids:
        rule = mapping.objekt.get(object_id, Regel())
        meta = dict(rule.meta)
        if object_id in klasser:
            meta.setdefault("klass", klasser[object_id])
        if rule.name:
            name = rule.name
        else:
            own = generated[object_id]
            if counts[own] > 1 or f"{mapping.insats_under}:{own}" in taken:
                own = f"{own}-{words(object_id)}"
            name = f"{mapping.insats_under}:{own}"
            object_name = sie.objects.get((dimension, object_id), "").strip()
            if object_name and "notrad" not in meta:
                meta["notrad"] = object_name
        meta["objekt"] = _objects(((dimension, object_id),))
        result[object_id] = _Insats(object_id, name, tuple(meta.items()))
    return result


# ---------------------------------------------------------------------------
# The texts


@dataclass(frozen=True)
class ImportedLedger:
    """The new ledger's files (name → text, ``main.beancount`` first), the lines to print."""

    files: Mapping[str, str]
    notes: tuple[str, ...]


def ledger_texts(
    sie: SieFile,
    mapping: Mappning | None = None,
    *,
    source: str = "the SIE file",
    rar_lines: Mapping[int, int] | None = None,
) -> ImportedLedger:
    """The ledger's files for a SIE file: checked, placed, written as text.

    ``source`` names the file in comments and messages, ``rar_lines`` the
    line of each ``#RAR`` (by year number) for the refusal of a fiscal year
    that is not the calendar year. Raises :class:`SieError` (see the module).
    """
    sie = with_opening(sie)
    problems = check(sie)
    if problems:
        more = len(problems) - 1
        tail = f" (and {more} more problem{'s' * (more > 1)})" if more else ""
        raise SieError(problems[0].line, problems[0].reason + tail)
    mapping = mapping or Mappning()
    budget_rows = [row for row in _budget_rows(sie) if row[0] in sie.years and row[0] >= 0]
    first_day = _first_day(sie, rar_lines or {}, {year for year, _, _ in budget_rows})
    _currency(sie)
    series = _empty_series(sie)
    numbers = {id(voucher): _ver(voucher, series) for voucher in sie.vouchers}
    own = is_own(sie)
    klass_dim = _own_dimension(sie, FINSAMKLASS)
    part_dim = _own_dimension(sie, FINSAMPART)
    rows = [row for voucher in sie.vouchers for row in voucher.transactions]

    opening = _opening(sie)
    used = _used(sie, opening, budget_rows)
    parties = _by_account(rows, part_dim, PARTER)
    placed = _placed(sie, used, mapping, own, parties)

    def moved_to(row: Transaction) -> str | None:
        """The project object whose insats account the row moves to, if it moves."""
        project = _project(row, mapping)
        return project if project is not None and placed[row.account].insats else None

    insats_klasser: dict[str, set[str]] = defaultdict(set)
    konto_klasser: dict[str, set[str]] = defaultdict(set)
    projects: dict[str, set[str]] = defaultdict(set)  # a rebuilt account's insats objects
    for row in rows:
        klass = _object(row, klass_dim, KLASSER)
        project = moved_to(row)
        target = placed[row.account]
        if project is not None:
            if klass is not None:
                insats_klasser[project].add(klass)
        elif target.post == VERKSAMHETENS_KOSTNADER:
            if klass is not None:
                konto_klasser[row.account].add(klass)
            if target.rebuilt and (found := _project(row, mapping)) is not None:
                projects[row.account].add(found)
    insatser = _insatser(
        sie,
        placed,
        mapping,
        {project for row in rows if (project := moved_to(row)) is not None},
        {key: next(iter(found)) for key, found in insats_klasser.items() if len(found) == 1},
    )
    for number, klasser in konto_klasser.items():
        placed[number] = _with_klass(placed[number], klasser)
    for number, objects in projects.items():
        placed[number] = _with_insats_row(placed[number], objects, sie, mapping.dimension)
    _unique(placed, insatser, mapping)

    stays: set[str] = set()

    def account_of(row: Transaction) -> tuple[str, bool]:
        """The row's ledger account, and whether it is an insats account (moved there)."""
        target = placed[row.account]
        project = moved_to(row)
        if project is None:
            stays.add(row.account)
            return target.name, False
        insats = insatser[project]
        sub = insats.subs.get(row.account)
        if sub is None:
            sub = insats.subs[row.account] = f"{insats.name}:{target.name.rsplit(':', 1)[-1]}"
        return sub, True

    def objects_of(row: Transaction) -> list[tuple[int, str]]:
        """The row's objects that its account does not already say (posting metadata)."""
        target = placed[row.account]
        project = moved_to(row)
        klass = (
            dict(insatser[project].meta).get("klass") if project is not None else _klass_of(target)
        )
        kept = []
        for dimension, item in row.objects:
            if dimension == mapping.dimension and (
                project is not None or projects.get(row.account) == {item}
            ):
                continue  # the insats account, or the rebuilt account's note row
            if dimension == klass_dim and item == klass:
                continue
            if dimension == part_dim and item == dict(target.meta).get("part"):
                continue
            kept.append((dimension, item))
        return kept

    years: dict[int, list[str]] = defaultdict(list)
    for voucher in sorted(sie.vouchers, key=lambda v: v.date):
        years[voucher.date.year].append(
            _transaction(voucher, numbers[id(voucher)], account_of, objects_of)
        )
    # An account whose every row went to insats accounts is not opened itself.
    moved = {row.account for row in rows} - stays
    budgeted = {account for _, account, _ in budget_rows}
    opened = {
        number: target
        for number, target in placed.items()
        if number not in moved or opening.get(number) or number in budgeted
    }
    files: dict[str, str] = {}
    includes = [KONTOPLAN]
    budget = _budget_text(sie, budget_rows, placed, source)
    if budget:
        includes.append(BUDGET)
    opening_text = (
        _opening_text(opening, placed, first_day, source) if any(opening.values()) else ""
    )
    if opening_text:
        includes.append(INGAENDE)
    year_files = {f"{year}.beancount": years[year] for year in sorted(years)}
    includes += list(year_files)
    kontoplan = _kontoplan_text(
        sie, placed, opened, insatser, first_day, bool(opening_text), source
    )
    accountant = _accountant(kontoplan)
    files[MAIN] = _main_text(sie, source, first_day, includes, bool(accountant))
    files[KONTOPLAN] = kontoplan
    if budget:
        files[BUDGET] = budget
    if opening_text:
        files[INGAENDE] = opening_text
    for name, transactions in year_files.items():
        files[name] = _year_text(name.split(".")[0], transactions, source)
    _parse_all(files)
    read_back = _read_back_notes(
        own,
        bool(budget),
        placed,
        opened,
        insatser,
        (insats_klasser, konto_klasser),
        parties,
        projects,
    )
    notes = _notes(
        sie, source, placed, len(opened), series, numbers, budget_rows, read_back, accountant
    )
    return ImportedLedger(files, tuple(notes))


def is_own(sie: SieFile) -> bool:
    """Whether ``finsam sie export`` wrote the file (``#PROGRAM finsam-ledger``)."""
    return sie.program[:1] == (PROGRAM,)


def _own_dimension(sie: SieFile, number: int) -> int | None:
    """The dimension of this project's (class or party), unless the file gives the number
    to a dimension of another name (20 and above are free for any program's use)."""
    declared = sie.dimensions.get(number)
    if declared is None or declared.name.strip().casefold() == DIMENSIONER[number].casefold():
        return number
    return None


def _object(row: Transaction, dimension: int | None, values: Sequence[str]) -> str | None:
    """The row's object of the dimension, if it is one of ``values``."""
    for found, item in row.objects:
        if found == dimension and item in values:
            return item
    return None


def _by_account(
    rows: Iterable[Transaction], dimension: int | None, values: Sequence[str]
) -> dict[str, set[str]]:
    """The objects of a dimension (those of ``values``) on each account's rows."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        item = _object(row, dimension, values)
        if item is not None:
            found[row.account].add(item)
    return found


def _placed(
    sie: SieFile,
    used: Iterable[str],
    mapping: Mappning,
    own: bool,
    parties: Mapping[str, set[str]],
) -> dict[str, _Placed]:
    """Every account's place; a name the tree gives two accounts goes by number for both."""

    def place(number: str, tree: bool) -> _Placed:
        found = parties.get(number, set())
        party = next(iter(found)) if len(found) == 1 else None
        return _place(number, sie.accounts.get(number, Account("")), mapping, own=tree, party=party)

    placed = {number: place(number, own) for number in used}
    names = Counter(target.name for target in placed.values() if target.rebuilt)
    for number, target in placed.items():
        if target.rebuilt and names[target.name] > 1:
            placed[number] = place(number, False)
    return placed


def _with_klass(target: _Placed, found: set[str]) -> _Placed:
    """The account with the class of its rows (one class only; several: the accountant's)."""
    meta = dict(target.meta)
    if len(found) != 1 or "klass" in meta:
        return target
    klass = next(iter(found))
    if klass == _klass_of(target):
        return target  # administration, under Kostnader:Administration
    meta["klass"] = klass
    return dataclasses.replace(target, meta=tuple(meta.items()))


def _with_insats_row(target: _Placed, found: set[str], sie: SieFile, dimension: int) -> _Placed:
    """A rebuilt account with the note row of its insats (the object's name) as ``notrad``."""
    meta = dict(target.meta)
    if len(found) != 1 or "notrad" in meta:
        return target
    text = sie.objects.get((dimension, next(iter(found))), "").strip()
    if not text or text == _default_row(target.name):
        return target
    meta = {"notrad": text, **meta}
    return dataclasses.replace(target, meta=tuple(meta.items()))


def _first_day(sie: SieFile, rar_lines: Mapping[int, int], budget_years: set[int]) -> datetime.date:
    """The books' first day; a fiscal year that is not the calendar year is refused."""
    used_years = {sie.year_of(voucher.date) for voucher in sie.vouchers} | budget_years
    for year, (start, end) in sorted(sie.years.items()):
        if year != 0 and year not in used_years:
            continue
        if (start.month, start.day) != (1, 1) or end != datetime.date(start.year, 12, 31):
            raise SieError(
                rar_lines.get(year, 0),
                f"#RAR {year} {start:%Y%m%d} {end:%Y%m%d}: the fiscal year is not the calendar "
                "year; the ledger conventions count years from 1 January to 31 December "
                "(reports by --year, the ingående balans on the first day, the balanskrav per "
                "year), so this file cannot be imported",
            )
    if 0 in sie.years:
        current = sie.years[0][0]
        for voucher in sie.vouchers:
            if voucher.date < current:
                raise SieError(
                    voucher.line,
                    f"voucher {voucher_name(voucher)} is dated {voucher.date:%Y%m%d}, before the "
                    f"current fiscal year (#RAR 0 from {current:%Y%m%d}); only the vouchers of "
                    "the current year and later can be imported",
                )
        return current
    balances = sorted(
        (b.line, f"#{label} {key[0]} {key[1]}")
        for label, found in (("IB", sie.ib), ("UB", sie.ub), ("RES", sie.res))
        for key, b in found.items()
    )
    if balances:
        line, what = balances[0]
        raise SieError(line, f"{what}: balances without the fiscal year (#RAR 0) they belong to")
    if not sie.vouchers:
        raise SieError(0, "nothing to import: the file has no fiscal year (#RAR) and no vouchers")
    return datetime.date(min(voucher.date for voucher in sie.vouchers).year, 1, 1)


def _currency(sie: SieFile) -> None:
    for record in sie.other:
        if record.label.upper() == "#VALUTA":
            value = Fields(record).text(0, "currency").upper()
            if value != CURRENCY:
                raise SieError(
                    record.line,
                    f"#VALUTA {value}: the ledger is kept in {CURRENCY}; a file in another "
                    "currency cannot be imported",
                )


def _empty_series(sie: SieFile) -> str:
    """The series for vouchers without one: A, or the first letter the file does not use."""
    taken = {voucher.series for voucher in sie.vouchers}
    letters: list[str] = [str(nummer.DEFAULT_SERIE), *"BCDEFGHIJKLMNOPQRSTUVWXYZ"]
    return next((letter for letter in letters if letter not in taken), "X0")


def _ver(voucher: Voucher, empty: str) -> str | None:
    """The voucher's ``ver`` value; None for a voucher without a number."""
    number = voucher.number.strip()
    if not number:
        return None
    series = voucher.series.strip() or empty
    value = f"{series} {int(number)}" if number.isdigit() and number.isascii() else ""
    try:
        return str(nummer.parse(value or f"{series} {number}"))
    except nummer.OgiltigtNummer:
        raise SieError(
            voucher.line,
            f"voucher {voucher_name(voucher)}: a voucher number is a series of one to ten "
            "letters or digits and a whole number from 1",
        ) from None


def with_opening(sie: SieFile) -> SieFile:
    """The file with ``#UB -1`` as ``#IB 0`` for each account that has no ``#IB 0``.

    SIE asks for either (the previous year's closing balance is the year's
    opening balance), so the checks and the ingående balans take the one given.
    """
    missing = {
        (0, account): balance
        for (year, account), balance in sie.ub.items()
        if year == -1 and (0, account) not in sie.ib
    }
    return dataclasses.replace(sie, ib={**sie.ib, **missing}) if missing else sie


def _opening(sie: SieFile) -> dict[str, Decimal]:
    """The opening balances, ``#IB 0`` (:func:`with_opening` has filled it in)."""
    return {account: b.amount for (year, account), b in sie.ib.items() if year == 0}


def _used(
    sie: SieFile, opening: Mapping[str, Decimal], budget: Iterable[tuple[int, str, Decimal]]
) -> list[str]:
    """The accounts the ledger places: with a balance, a voucher row or a budget."""
    used = {account for account, amount in opening.items() if amount}
    used |= {account for (year, account) in (*sie.ib, *sie.ub, *sie.res) if year == 0}
    used |= {row.account for voucher in sie.vouchers for row in voucher.transactions}
    used |= {account for _, account, _ in budget}
    return sorted(used)


def _project(row: Transaction, mapping: Mappning) -> str | None:
    if not mapping.dimension:
        return None
    for dimension, item in row.objects:
        if dimension == mapping.dimension:
            return item
    return None


def _unique(
    placed: Mapping[str, _Placed], insatser: Mapping[str, _Insats], mapping: Mappning
) -> None:
    seen: dict[str, str] = {}
    for number, target in placed.items():
        if target.name in seen:
            raise ImportFault(
                mapping.path,
                None,
                f"accounts {seen[target.name]} and {number} are both {target.name}; each "
                "account of the file needs its own ledger account (konto is one number)",
            )
        seen[target.name] = number
    for insats in insatser.values():
        if insats.name in seen:
            raise ImportFault(
                mapping.path,
                None,
                f"the insats of object {insats.object_id} is {insats.name}, which is also "
                f"account {seen[insats.name]}; give one of them another namn",
            )
        seen[insats.name] = f"object {insats.object_id}"


def _budget_rows(sie: SieFile) -> list[tuple[int, str, Decimal]]:
    """``#PBUDGET`` rows of whole accounts (an empty object list): year, account, amount."""
    rows = []
    for record in sie.other:
        if record.label.upper() != "#PBUDGET":
            continue
        fields = Fields(record)
        year = fields.integer(0, "year number")
        fields.period(1, "period")
        account = fields.account(2)
        if fields.objects(3):
            continue
        rows.append((year, account, fields.amount(4, "amount")))
    return rows


# -- formatting --------------------------------------------------------------


def quote(text: str) -> str:
    """A Beancount string: quotes and backslashes escaped, tabs as spaces."""
    cleaned = text.replace("\t", " ").replace("\\", "\\\\").replace('"', '\\"')
    return f'"{cleaned}"'


def amount(value: Decimal) -> str:
    """An amount as written in the ledger: two decimals (more only when SIE gave more)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -2:
        return f"{value:.2f}"
    return f"{value:f}"


def _meta_value(value: MetaValue) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | Decimal):
        return f"{value}"
    return quote(value)


def _sie_field(text: str) -> str:
    if text and not any(char in text for char in ' \t"{}'):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _objects(objects: Sequence[tuple[int, str]]) -> str:
    """An object list as SIE writes it, without braces: ``1 AO 6 100``."""
    return " ".join(f"{dimension} {_sie_field(item)}" for dimension, item in objects)


def _sie_row(row: Transaction) -> str:
    """A row as its SIE fields: ``1930 {} -500.00 20120105 "Fel konto"``."""
    fields = [row.account, "{" + _objects(row.objects) + "}", amount(row.amount)]
    fields.append(f"{row.date:%Y%m%d}")
    if row.text or row.quantity is not None or row.sign:
        fields.append(_sie_field(row.text))
    if row.quantity is not None or row.sign:
        fields.append("" if row.quantity is None else f"{row.quantity}")
    if row.sign:
        fields.append(_sie_field(row.sign))
    return " ".join(fields)


_HEADER = (
    "; Beancount läser varje inkluderad fil för sig: rotnamnen måste stå i varje fil.\n"
    + "".join(f'option "{key}" "{value}"\n' for key, value in _ROOT_OPTIONS)
)


def _main_text(
    sie: SieFile, source: str, first_day: datetime.date, includes: list[str], missing: bool
) -> str:
    """``main.beancount``; ``missing``: the chart lacks what the file cannot say."""
    lines = [f"; Bokföring inläst från SIE-filen {source} med finsam sie import."]
    company = " ".join(part for part in (sie.company, sie.orgnr and f"({sie.orgnr})") if part)
    if company:
        lines.append(f"; Företag: {company}.")
    if sie.program:
        made = f", filen skapad {sie.gen:%Y-%m-%d}" if sie.gen else ""
        lines.append(f"; Program: {' '.join(sie.program)}{made}.")
    if missing:
        lines += [
            ";",
            "; Det SIE-filen inte säger lägger bokföraren till på kontots open-rad i",
            "; kontoplan.beancount: klass på verksamhetens kostnader, part på",
            "; medlemsbidrag. Till dess visar bean-check var, och finsam report ger",
            "; ingen rapport.",
        ]
    lines += [
        "",
        f"option {quote('title')} {quote(sie.company or 'Bokföring från SIE')}",
        f'option "operating_currency" "{CURRENCY}"',
        "",
        *(f'option "{key}" "{value}"' for key, value in (*_ROOT_OPTIONS, *_ACCOUNT_OPTIONS)),
        "",
        *(f'plugin "finsam_ledger.plugins.{name}"' for name in _PLUGINS),
        "",
        "; Fava på svenska, med sidan Kommunal redovisning",
        f'{first_day} custom "fava-option" "language" "sv"',
        f'{first_day} custom "fava-option" "locale" "sv_SE"',
        f'{first_day} custom "fava-extension" "finsam_ledger.fava"',
        "",
        *(f'include "{name}"' for name in includes),
    ]
    return "\n".join(lines) + "\n"


def _open(day: datetime.date, name: str, meta: Iterable[tuple[str, MetaValue]]) -> list[str]:
    return [f"{day} open {name} {CURRENCY}", *(f"  {k}: {_meta_value(v)}" for k, v in meta)]


_SECTIONS = (
    ("Tillgångar", "Tillgångar"),
    ("Eget-kapital", "Eget kapital"),
    ("Skulder", "Skulder"),
    ("Intäkter", "Intäkter"),
    ("Kostnader", "Kostnader"),
)


def _kontoplan_text(
    sie: SieFile,
    placed: Mapping[str, _Placed],
    opened: Mapping[str, _Placed],
    insatser: Mapping[str, _Insats],
    day: datetime.date,
    opening: bool,
    source: str,
) -> str:
    if is_own(sie):
        about = [
            f"; Kontoplan ur SIE-filen {source} (#KONTO), skriven av {PROGRAM}: kontona har",
            f"; bokföringens namn, klass ur dimension {FINSAMKLASS}, part ur dimension "
            f"{FINSAMPART} och",
            f"; insatsernas notrad ur dimension {INSATS_DIMENSION}. Varje konto har sitt "
            "nummer i konto.",
        ]
    else:
        about = [
            f"; Kontoplan ur SIE-filen {source} (#KONTO). Varje konto har sitt nummer i",
            "; konto; platsen i trädet följer av numret (BAS, Kommun-Bas) eller av",
            "; mappningsfilen. Det filen inte säger (klass, part) läggs till här.",
        ]
    lines = [_HEADER, *about, "", f"{day} commodity {CURRENCY}"]
    ordered = sorted(opened.values(), key=lambda p: p.number)
    for root, title in _SECTIONS:
        section = [p for p in ordered if p.name.split(":", 1)[0] == root]
        if not section and not (opening and root == "Eget-kapital"):
            continue
        lines += ["", f"; {title}"]
        if opening and root == "Eget-kapital":
            lines.append("; Motkonto för den ingående balansen (ingaende-balans.beancount)")
            if not any(target.name == OPENING_ACCOUNT for target in section):
                lines += _open(day, OPENING_ACCOUNT, ())
        for target in section:
            lines += _open(day, target.name, (*target.meta, ("konto", target.number)))
    if insatser:
        lines += [
            "",
            f"; Insatser: objekten i dimension {_dimension_name(sie, insatser)} på verksamhetens",
            "; kostnader. Klassen på insatsens konto gäller alla dess underkonton.",
        ]
        for insats in sorted(insatser.values(), key=lambda i: i.name):
            lines += _open(day, insats.name, insats.meta)
            for number in sorted(insats.subs):
                lines += _open(day, insats.subs[number], (("konto", number),))
    unused = sorted(number for number in sie.accounts if number not in placed)
    if unused:
        lines += [
            "",
            "; Konton i SIE-filens kontoplan utan saldo eller verifikation (inte öppnade):",
        ]
        lines += [f";   {number} {sie.accounts[number].name}".rstrip() for number in unused]
    return "\n".join(lines) + "\n"


def _dimension_name(sie: SieFile, insatser: Mapping[str, _Insats]) -> str:
    meta = dict(next(iter(insatser.values())).meta)
    number = int(str(meta["objekt"]).split(" ", 1)[0])
    found = sie.dimensions.get(number)
    return f"{number} ({found.name})" if found and found.name else f"{number}"


def _postings(rows: Sequence[tuple[str, Decimal, list[str]]]) -> list[str]:
    width = max((len(name) for name, _, _ in rows), default=0)
    lines = []
    for name, value, meta in rows:
        lines.append(f"  {name:<{width}}  {amount(value):>14} {CURRENCY}")
        lines += [f"    {line}" for line in meta]
    return lines


def _opening_text(
    opening: Mapping[str, Decimal],
    placed: Mapping[str, _Placed],
    day: datetime.date,
    source: str,
) -> str:
    rows: list[tuple[str, Decimal, list[str]]] = [
        (placed[number].name, value, [])
        for number, value in sorted(opening.items())
        if value and number in placed
    ]
    rest = -sum((value for _, value, _ in rows), Decimal(0))
    # The file's own account may be the counter-account (a file of this project's).
    own = [at for at, (name, _, _) in enumerate(rows) if name == OPENING_ACCOUNT]
    if own:
        name, value, meta = rows[own[0]]
        rows[own[0]] = (name, value + rest, meta)
    else:
        rows.append((OPENING_ACCOUNT, rest, []))
    lines = [
        _HEADER,
        f"; Ingående balans {day}: #IB 0 i SIE-filen {source} (för ett konto utan #IB 0:",
        "; #UB -1). Skillnaden, resultat som inte förts till eget kapital, står på",
        f"; {OPENING_ACCOUNT}. Ingen annan transaktion bokar mot det kontot.",
        "",
        f'{day} * "Ingående balans {day.year}"',
        *_postings(rows),
    ]
    return "\n".join(lines) + "\n"


def _transaction(
    voucher: Voucher,
    ver: str | None,
    account_of: Callable[[Transaction], tuple[str, bool]],
    objects_of: Callable[[Transaction], Sequence[tuple[int, str]]],
) -> str:
    narration = voucher.text.strip()
    lines = [f"{voucher.date} * {quote(narration)}"]
    if ver is not None:
        lines.append(f"  {nummer.KEY}: {quote(ver)}")
    if voucher.regdate is not None:
        lines.append(f"  regdatum: {voucher.regdate}")
    if voucher.sign:
        lines.append(f"  signatur: {quote(voucher.sign)}")
    counts: Counter[str] = Counter()
    for correction in voucher.corrections:
        key = correction.kind.lower()
        counts[key] += 1
        lines.append(f"  {key}-{counts[key]}: {quote(_sie_row(correction.transaction))}")
    if not voucher.transactions:
        lines.append("  ; verifikationen har inga rader i SIE-filen (makulerad?)")
    rows = []
    for row in voucher.transactions:
        meta: list[str] = []
        if row.date != voucher.date:
            meta.append(f"datum: {row.date}")
        text = row.text.strip()
        if text and text != narration:
            meta.append(f"text: {quote(text)}")
        name, _ = account_of(row)
        objects = objects_of(row)
        if objects:
            meta.append(f"objekt: {quote(_objects(objects))}")
        if row.quantity is not None:
            meta.append(f"kvantitet: {row.quantity}")
        if row.sign:
            meta.append(f"signatur: {quote(row.sign)}")
        rows.append((name, row.amount, meta))
    lines += _postings(rows)
    return "\n".join(lines)


def _year_text(year: str, transactions: Sequence[str], source: str) -> str:
    head = [
        _HEADER,
        f"; Verifikationer {year} ur SIE-filen {source} (#VER, serie och nummer i ver).",
    ]
    return "\n".join(head) + "\n\n" + "\n\n".join(transactions) + "\n"


def _budget_text(
    sie: SieFile,
    rows: Sequence[tuple[int, str, Decimal]],
    placed: Mapping[str, _Placed],
    source: str,
) -> str:
    totals: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for year, account, value in rows:
        totals[year, account] += value
    if not totals:
        return ""
    lines = [
        _HEADER,
        f"; Budget ur SIE-filen {source} (#PBUDGET, summan av årets perioder per konto).",
        "; Kostnader positiva, intäkter negativa, som i Favas budget.",
        "",
    ]
    for (year, account), value in sorted(totals.items(), key=lambda item: (item[0][0], item[0][1])):
        day = sie.years[year][0]
        name = placed[account].name
        lines.append(f'{day} custom "budget" {name} "yearly" {amount(value)} {CURRENCY}')
    return "\n".join(lines) + "\n"


def _parse_all(files: Mapping[str, str]) -> None:
    """Every file parses (a safeguard: the importer never writes text Beancount refuses)."""
    for name, text in files.items():
        _, errors, _ = beancount_parser.parse_string(text, report_filename=name)
        if errors:
            first = errors[0]
            raise AssertionError(
                f"finsam sie import wrote {name}:{first.source.get('lineno')} that Beancount "
                f"cannot parse: {first.message}"
            )


# -- what to tell the accountant ----------------------------------------------


def _notes(
    sie: SieFile,
    source: str,
    placed: Mapping[str, _Placed],
    accounts: int,
    series: str,
    numbers: Mapping[int, str | None],
    budget_rows: Sequence[tuple[int, str, Decimal]],
    read_back: Sequence[str],
    accountant: Sequence[str],
) -> list[str]:
    company = " ".join(part for part in (sie.company, sie.orgnr and f"({sie.orgnr})") if part)
    years = ", ".join(
        f"{start}–{end}" for year, (start, end) in sorted(sie.years.items()) if year == 0
    )
    summary = f"{source}: {company or 'no company name'}"
    if years:
        summary += f", räkenskapsår {years}"
    summary += f"; {len(sie.vouchers)} vouchers, {accounts} accounts"
    notes = [summary]
    notes += [
        f"{source}:{w.line}: {w.reason}" if w.line else f"{source}: {w.reason}"
        for w in sie.warnings
    ]
    if any(not voucher.series.strip() for voucher in sie.vouchers):
        notes.append(f'vouchers without a series are given series {series} (ver: "{series} 1")')
    unnumbered = sum(1 for value in numbers.values() if value is None)
    if unnumbered:
        notes.append(
            f"{_count(unnumbered, 'voucher')} without a number; "
            "`finsam verifikationer numrera` gives them one"
        )
    unused = len([number for number in sie.accounts if number not in placed])
    if unused:
        notes.append(
            f"{_count(unused, 'account')} of the file's #KONTO without a balance or a voucher, "
            f"not opened (listed at the end of {KONTOPLAN})"
        )
    skipped = [r for r in sie.other if r.label.upper() == "#PBUDGET"]
    if len(skipped) > len(budget_rows):
        notes.append(
            f"{_count(len(skipped) - len(budget_rows), '#PBUDGET row')} not imported: the "
            "budget taken is each account's (rows with {}) in the years of the books"
        )
    if sie.psaldo or sie.oib or sie.oub:
        notes.append("#PSALDO, #OIB and #OUB are not imported: the vouchers and balances give them")
    closing = sorted(
        p.number for p in placed.values() if p.number[:2] in ("88", "89") and not p.rebuilt
    )
    if closing:
        notes.append(
            f"accounts {', '.join(closing)} (bokslutsdispositioner, skatt, årets resultat) are "
            "booked as finansiella kostnader; a förbund's report computes årets resultat itself"
        )
    notes += read_back
    notes += accountant
    return notes


def _read_back_notes(
    own: bool,
    budget: bool,
    placed: Mapping[str, _Placed],
    opened: Mapping[str, _Placed],
    insatser: Mapping[str, _Insats],
    classes: tuple[Mapping[str, set[str]], Mapping[str, set[str]]],
    parties: Mapping[str, set[str]],
    projects: Mapping[str, set[str]],
) -> list[str]:
    """What was read from this project's dimensions, and what the accountant should check.

    ``budget``: the file has a budget (``#PBUDGET``) that was imported.
    ``classes`` are the classes of the rows of each insats object and of each
    account; ``parties`` the parties of each account's rows; ``projects`` the
    insats objects of each rebuilt account's rows.
    """
    notes: list[str] = []
    if own:
        notes += [
            f"written by {PROGRAM}: the accounts have the books' names (#KONTO), klass from "
            f"dimension {FINSAMKLASS}, part from dimension {FINSAMPART}, the insatser's note "
            f"rows from dimension {INSATS_DIMENSION}",
            "a SIE file does not hold, to add again where the books had them: notrad (but the "
            "insatser's), medlem, budgetpost, delrader, likvida-medel, "
            + ("" if budget else "the budget, ")
            + "and the ledger's custom directives (organisation, beviljat, prognos, rubrik, "
            "rapportinstallning…)",
        ]

    def several(what: str, found: set[str], dimension: int, key: str) -> str:
        return (
            f"{what}: its rows name {' and '.join(sorted(found))} (dimension {dimension}); "
            f"{key} left for the accountant"
        )

    insats_classes, account_classes = classes
    for object_id, found in sorted(insats_classes.items()):
        if len(found) > 1 and object_id in insatser:
            notes.append(several(insatser[object_id].name, found, FINSAMKLASS, "klass"))
    for number, found in sorted(account_classes.items()):
        if len(found) > 1:
            notes.append(several(placed[number].name, found, FINSAMKLASS, "klass"))
    for number, found in sorted(parties.items()):
        if len(found) > 1:
            notes.append(several(placed[number].name, found, FINSAMPART, "part"))
    for number, found in sorted(projects.items()):
        if len(found) > 1:
            notes.append(several(placed[number].name, found, INSATS_DIMENSION, "notrad"))
    for target in sorted(opened.values(), key=lambda p: p.number):
        if target.doubt:
            notes.append(
                f"{target.name} (konto {target.number}): {target.doubt}; check it (the books "
                "may have said post:)"
            )
    for target in sorted(opened.values(), key=lambda p: p.number):
        if target.post == KORTFRISTIGA_PLACERINGAR and LIKVIDA_MEDEL not in dict(target.meta):
            notes.append(
                f"{target.name} is a kortfristig placering, not likvida medel: if it is due "
                f"within three months (RKR R13), add {LIKVIDA_MEDEL}: TRUE on its open line "
                "(a SIE file cannot say it)"
            )
    return notes


def _count(number: int, what: str) -> str:
    return f"{number} {what}{'s' * (number != 1)}"


def _accountant(kontoplan: str) -> list[str]:
    """The chart's errors in the written kontoplan (bean-check's at each open line), by reason.

    A sub-account with its parent's error (an insats's cost accounts without
    the insats's klass) is counted with the parent, not listed.
    """
    entries, _, options = beancount_parser.parse_string(kontoplan, report_filename=f"<{KONTOPLAN}>")
    _, errors = build_chart(entries, options)
    reasons: dict[str, list[tuple[int, str]]] = defaultdict(list)
    of: dict[str, str] = {}
    for error in errors:
        line = int((error.source or {}).get("lineno", 0))
        account = getattr(error.entry, "account", None) or ""
        prefix = f"kontoplan: {account}: "
        reason = error.message.removeprefix(prefix) if account else error.message
        reasons[reason].append((line, account))
        of[account] = reason
    if not reasons:
        return []
    lines = [
        f"what the SIE file cannot say, to add in {KONTOPLAN} (until then bean-check reports "
        "each at its open line and finsam report gives no report):"
    ]
    for reason, found in reasons.items():
        listed: list[str] = []
        for line, account in sorted(found):
            parents = [account.rsplit(":", depth)[0] for depth in range(1, account.count(":"))]
            if account and any(of.get(parent) == reason for parent in parents):
                continue
            below = sum(1 for _, other in found if other.startswith(account + ":"))
            tail = f" (and its {_count(below, 'sub-account')})" if account and below else ""
            listed.append(f"    {KONTOPLAN}:{line}: {account}{tail}".rstrip())
        count = _count(len(listed), "account")
        lines += [f"  {reason} ({count}):", *listed]
    lines.append(
        "  or import again with a mapping file (--mapping) that places the accounts and gives "
        "klass and part, for a range at once (docs/sie-import.md)"
    )
    return lines


# ---------------------------------------------------------------------------
# The command


def rar_lines(data: bytes) -> dict[int, int]:
    """The line of each ``#RAR`` of a SIE file, by year number (for messages)."""
    text, _ = decode(data)
    found: dict[int, int] = {}
    for record in records(text):
        if record.label.upper() == "#RAR" and record.fields and isinstance(record.fields[0], str):
            try:
                found.setdefault(int(record.fields[0]), record.line)
            except ValueError:
                continue
    return found


def importera(source: Path, target: Path, mapping: Path | None = None) -> list[str]:
    """Read ``source`` (SIE 4), write a new ledger into ``target``; the lines to print.

    Raises :class:`SieError` for a file that cannot be imported (with its
    line), :class:`~finsam_ledger.safe_files.Refused` for a target that is not
    a new or empty folder, and :class:`ImportFault` for a file that cannot
    be read or a bad mapping file. Nothing is written unless all is well.
    """
    safe_files.refuse_new_folder(target)
    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        raise ImportFault(
            str(source), None, f"cannot read the file: {exc.strerror or exc}"
        ) from None
    sie = read(data, strict=False)  # checked by ledger_texts, #UB -1 as #IB 0 where needed
    rules = read_mapping(mapping) if mapping is not None else None
    result = ledger_texts(sie, rules, source=Path(source).name, rar_lines=rar_lines(data))
    safe_files.write_new_folder(
        target, {name: text.encode("utf-8") for name, text in result.files.items()}
    )
    written = f"wrote {target}: {', '.join(result.files)}"
    return [result.notes[0], written, *result.notes[1:]]

"""The books of a year as a SIE 4 file (4E with balances, or 4I with vouchers only).

:func:`export` turns loaded books (:func:`finsam_ledger.model.books.load`)
into a :class:`~finsam_ledger.sie.SieFile`; :func:`render` gives its bytes,
CP437 with a ``#KSUMMA`` checksum (:func:`finsam_ledger.sie.write`). What
goes where:

Identification
    ``#FNAMN`` is the ledger's ``custom "organisation" "namn"`` line, else its
    ``option "title"``; ``#ORGNR`` its ``custom "organisation" "orgnr"`` line
    (left out without one). The latest line on or before 31 December of the
    year holds. ``#RAR 0`` is the calendar year; ``#RAR -1`` the year before,
    when the books reach into it (4E only).

Chart
    ``#KONTO`` for every account with a ``konto`` number that is open in the
    years written or has an amount in them, in number order; its name is the
    account's name after the root (``Kassa-och-bank:Bank``: the number places
    it, the name gives back the rest of the tree). ``#KTYP`` from the root:
    tillgångar T, skulder and eget kapital S, intäkter I, kostnader K. An
    account with an amount in the file but no ``konto`` of its own is an error
    at its ``open`` line, and so is a number two accounts in the file share.

Dimensions
    ``#DIM 6 Projekt``: one ``#OBJEKT`` per insats, i.e. per note row
    (``notrad``) of the verksamhetens kostnader of class individinriktad,
    strukturinriktad or ny-verksamhet. The object's number is the ``konto`` of
    the row's first account in the chart (a number, so every program takes
    it, and stable as long as that account's number is), its name the note
    row. ``#DIM 20 Finsamklass`` (20 and above are free for a program's own
    use): one object per Finsam class, numbered by its key
    (``individinriktad``, ``strukturinriktad``, ``administration``,
    ``ny-verksamhet``). ``#DIM 21 Finsampart``: the party of a medlemsbidrag
    (``part``: ``staten``, ``region``, ``kommun``). Every ``#TRANS`` on an
    account with a class or a party carries its objects, ``{6 4611 20
    individinriktad}`` (administration carries only its class), ``{21
    staten}``. Objects are written only where an account of the file has them.

Balances (4E)
    Debit positive, credit negative, as in Beancount. ``#IB`` is the balance
    at the start of the year (an ingående balans of the year included: it is
    the moment before the year's first transaction), ``#UB`` that plus the
    year's transactions, for tillgångar, skulder and eget kapital; ``#RES`` is
    the year's transactions of intäkter and kostnader. Zero balances are not
    written. Beancount never closes the result into eget kapital, so, as SIE
    programs do before the bokslut, a year's ``#UB`` leaves out its own result
    (the "beräknat resultat": the ``#UB`` of the balance accounts sum to minus
    the ``#RES``), while its ``#IB`` holds the results of the years before on
    one eget kapital account: the ledger's ``account_previous_earnings``
    account (``Eget-kapital:Balanserat-resultat``) if it opens it, else the
    account of the ingående balans (``account_previous_balances``). The
    ``#IB`` of a year sum to zero.

Vouchers
    Every transaction of the year but the ingående balans is a ``#VER`` with
    its voucher number (``ver: "A 12"``, :mod:`finsam_ledger.verifikationer`),
    date and text (payee and narration, ``"Payee: narration"``), in series and
    number order; each posting a ``#TRANS`` with its amount. Two transactions
    with one number, or a malformed number, are errors at their lines. When
    no transaction of the year has a number (a ledger that does not number
    its vouchers), they are numbered A 1, A 2 … in date order in the file
    only, and :attr:`Export.notes` says so: the numbers are not the ledger's
    and change when an earlier transaction is added. When some have numbers,
    each one without is an error at its line (``finsam verifikationer
    numrera`` gives them the next numbers; a transaction Beancount makes,
    a ``pad``'s, has none, so it is an error at its line then). An amount with more than two
    decimals is an error at its transaction: SIE counts in öre.

Texts (names, voucher texts) are made CP437 (:func:`finsam_ledger.sie.transliterate`:
``–`` → ``-``, ``€`` → ``EUR``…) and cut to :data:`finsam_ledger.sie.TEXT_LIMIT`
characters in the :class:`~finsam_ledger.sie.SieFile` already, so that it
is what the file holds: read back, the file equals it.
"""

from __future__ import annotations

import collections
import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from beancount.core import data, flags

from finsam_ledger import __version__, sie
from finsam_ledger.figures.saldo import balanserat_resultat_konto
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.errors import LedgerError
from finsam_ledger.model.money import ZERO
from finsam_ledger.sie.model import ObjectList
from finsam_ledger.verifikationer import nummer

RULE = "sie"
PROGRAM = "finsam-ledger"
"""The program name of ``#PROGRAM``: :mod:`finsam_ledger.importers.sie` knows its files by it."""
PROJEKT = 6
"""SIE's dimension of projects: the insatser."""
FINSAMKLASS = 20
"""The project's own dimension (20 and above are free): the Finsam class of a cost."""
INSATSKLASSER = (c.INDIVIDINRIKTAD, c.STRUKTURINRIKTAD, c.NY_VERKSAMHET)
"""The classes whose note rows are insatser (objects of :data:`PROJEKT`)."""
FINSAMPART = 21
"""The project's own dimension of a medlemsbidrag's party (FinsamL 5 §)."""
PARTNAMN: Mapping[str, str] = {
    "staten": "Staten",
    "region": "Region",
    "kommun": "Kommun",
}
DIMENSIONER: Mapping[int, str] = {
    PROJEKT: "Projekt",
    FINSAMKLASS: "Finsamklass",
    FINSAMPART: "Finsampart",
}
"""The name of each dimension the file may have (``#DIM``)."""
KLASSNAMN: Mapping[str, str] = {
    c.INDIVIDINRIKTAD: "Individinriktad insats",
    c.STRUKTURINRIKTAD: "Strukturinriktad insats",
    c.ADMINISTRATION: "Administration",
    c.NY_VERKSAMHET: "Ny verksamhet",
}
KTYP: Mapping[str, str] = {
    c.ASSETS: "T",
    c.LIABILITIES: "S",
    c.EQUITY: "S",
    c.INCOME: "I",
    c.EXPENSES: "K",
}
_ORE = Decimal("0.01")

Kind = Literal["E", "I"]


class ExportErrors(Exception):
    """The books cannot be written as SIE: the errors, each at its line of the ledger."""

    def __init__(self, errors: Sequence[LedgerError]) -> None:
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} error(s)")


class NothingToExport(Exception):
    """A year without transactions: one line saying so."""


@dataclass(frozen=True)
class Export:
    """The file's content, and what the user should know about it (one line each)."""

    sie: sie.SieFile
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Entry:
    """A transaction as the export sees it: its legs and whether it is an ingående balans."""

    entry: data.Transaction
    opening: bool
    legs: tuple[tuple[str, Decimal], ...]


def render(
    books: Books, year: int, *, kind: Kind = "E", gen: datetime.date | None = None
) -> tuple[bytes, tuple[str, ...]]:
    """The SIE file's bytes (CP437, with ``#KSUMMA``) and the notes of :func:`export`."""
    made = export(books, year, kind=kind, gen=gen)
    return sie.write(made.sie, kind=kind, ksumma=True), made.notes


def export(
    books: Books, year: int, *, kind: Kind = "E", gen: datetime.date | None = None
) -> Export:
    """The year's books as SIE 4E (``kind="E"``) or 4I (see the module).

    Raises :class:`NothingToExport` for a year without transactions and
    :class:`ExportErrors` for books that cannot be written as SIE.
    """
    entries = _entries(books)
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if not any(first <= e.entry.date <= last for e in entries):
        raise NothingToExport(f"the books have no transactions in {year}")
    previous = kind == "E" and any(e.entry.date < first for e in entries)
    years = {0: year, -1: year - 1} if previous else {0: year}
    types = {account: p.type for account, p in books.chart.placements.items()}
    result_types = (c.INCOME, c.EXPENSES)
    carrier = _carrier(books)

    ib: dict[tuple[int, str], Decimal] = {}
    ub: dict[tuple[int, str], Decimal] = {}
    res: dict[tuple[int, str], Decimal] = {}
    errors: list[LedgerError] = []
    if kind == "E":
        for number, calendar in years.items():
            opening, flows, earlier = _year(entries, calendar, types)
            if earlier:
                if carrier is None:
                    errors.append(_no_carrier(books, calendar, earlier))
                else:
                    opening[carrier] += earlier
            for account in {*opening, *flows}:
                if types.get(account) in result_types:
                    res[number, account] = flows.get(account, ZERO)
                else:
                    ib[number, account] = opening.get(account, ZERO)
                    ub[number, account] = opening.get(account, ZERO) + flows.get(account, ZERO)

    vouchers = [e for e in entries if first <= e.entry.date <= last and not e.opening]
    numbers, notes, number_errors = _numbers(vouchers, year)
    errors += number_errors
    errors += _decimals(vouchers)

    used = {account for (_, account), amount in (*ib.items(), *ub.items(), *res.items()) if amount}
    used |= {account for e in vouchers for account, _ in e.legs}
    written_from = datetime.date(min(years.values()), 1, 1)
    konton, konto_errors = _konton(books, used, written_from, last)
    errors += konto_errors
    if errors:
        raise ExportErrors(sorted(errors, key=_line_key))

    if kind == "E" and not books.is_closed(year):
        reached = max(e.entry.date for e in entries)
        notes.append(
            f"the books reach only to {reached}: the year {year} is not closed, its #UB are "
            "the balances on that day"
        )
    objects_of, objects = _objects(books, konton)
    by_account = {account: konto for konto, account in konton.items()}
    direktiv = books.direktiv
    company = direktiv.organisation_av("namn", last) or str(books.options.get("title") or "")
    other: list[sie.Record] = []
    if books.currency != "SEK":
        other.append(sie.Record("#VALUTA", (books.currency,)))
    return Export(
        sie.SieFile(
            company=_text(company),
            program=(PROGRAM, __version__),
            orgnr=direktiv.organisation_av("orgnr", last) or "",
            gen=gen or datetime.date.today(),
            sietyp=4,
            years={
                number: (datetime.date(calendar, 1, 1), datetime.date(calendar, 12, 31))
                for number, calendar in years.items()
            },
            accounts={
                konto: sie.Account(_text(_name(account)), KTYP[types[account]])
                for konto, account in sorted(konton.items(), key=lambda item: int(item[0]))
            },
            dimensions={
                dim: sie.Dimension(name)
                for dim, name in DIMENSIONER.items()
                if any(key[0] == dim for key in objects)
            },
            objects={key: _text(name) for key, name in objects.items()},
            ib=_balances(ib, konton),
            ub=_balances(ub, konton),
            res=_balances(res, konton),
            vouchers=tuple(
                _voucher(e, numbers[id(e)], by_account, objects_of)
                for e in sorted(vouchers, key=lambda e: numbers[id(e)])
            ),
            other=tuple(other),
        ),
        tuple(notes),
    )


def _entries(books: Books) -> list[_Entry]:
    opening_account = books.chart.opening_account
    found: list[_Entry] = []
    for entry in books.entries:
        if not isinstance(entry, data.Transaction):
            continue
        legs = tuple(
            (posting.account, Decimal(posting.units.number))
            for posting in entry.postings
            if posting.units is not None and posting.units.number is not None
        )
        opening = any(account == opening_account for account, _ in legs)
        found.append(_Entry(entry, opening, legs))
    return found


def _year(
    entries: Iterable[_Entry], calendar: int, types: Mapping[str, str]
) -> tuple[dict[str, Decimal], dict[str, Decimal], Decimal]:
    """Balances at the year's start, the year's flows, and the result of the years before.

    An ingående balans dated in the year belongs to the year's start.
    """
    first, last = datetime.date(calendar, 1, 1), datetime.date(calendar, 12, 31)
    opening: dict[str, Decimal] = collections.defaultdict(Decimal)
    flows: dict[str, Decimal] = collections.defaultdict(Decimal)
    earlier = ZERO
    for item in entries:
        day = item.entry.date
        if day > last:
            continue
        before = day < first or item.opening
        for account, amount in item.legs:
            if types.get(account) in (c.INCOME, c.EXPENSES):
                if before:
                    earlier += amount
                else:
                    flows[account] += amount
            elif before:
                opening[account] += amount
            else:
                flows[account] += amount
    return opening, flows, earlier


def _carrier(books: Books) -> str | None:
    """The eget kapital account whose ``#IB`` holds the results of the years before."""
    return balanserat_resultat_konto(books)


def _no_carrier(books: Books, calendar: int, earlier: Decimal) -> LedgerError:
    options = books.options
    equity = options["name_equity"]
    return LedgerError(
        {"filename": options["filename"], "lineno": 1},
        f"{RULE}: the result of the years before {calendar} ({-earlier:.2f} kr) belongs to "
        f"eget kapital in the #IB of {calendar}, but the ledger opens neither "
        f"{equity}:{options['account_previous_earnings']} nor {books.chart.opening_account}; "
        "open one of them with its konto",
        None,
    )


def _numbers(
    vouchers: Sequence[_Entry], year: int
) -> tuple[dict[int, tuple[str, int]], list[str], list[LedgerError]]:
    """Each voucher's (series, number) by ``id``; the notes; the errors."""
    given: dict[int, nummer.Verifikationsnummer] = {}
    errors: list[LedgerError] = []
    malformed = False
    for item in vouchers:
        try:
            found = nummer.of(item.entry.meta)
        except nummer.OgiltigtNummer as exc:
            errors.append(LedgerError(item.entry.meta, f"{RULE}: {exc}", item.entry))
            malformed = True
            continue
        if found is not None:
            given[id(item)] = found
    if not given and not malformed:
        ordered = sorted(vouchers, key=lambda e: e.entry.date)  # stable: the ledger's order
        numbers = {id(e): (nummer.DEFAULT_SERIE, at) for at, e in enumerate(ordered, start=1)}
        notes = []
        if ordered:
            notes.append(
                f"the transactions of {year} have no voucher numbers (ver): numbered "
                f"{nummer.DEFAULT_SERIE} 1-{nummer.DEFAULT_SERIE} {len(ordered)} in date order "
                "in this file only; for numbers that stay, number the ledger: "
                f"finsam verifikationer numrera LEDGER --year {year}"
            )
        return numbers, notes, errors
    seen: dict[nummer.Verifikationsnummer, data.Transaction] = {}
    for item in vouchers:
        if id(item) in given:
            number = given[id(item)]
            other = seen.setdefault(number, item.entry)
            if other is not item.entry:
                errors.append(
                    LedgerError(
                        item.entry.meta,
                        f"{RULE}: voucher number {number} is also the number of the "
                        f"transaction at line {other.meta.get('lineno')} of "
                        f"{other.meta.get('filename')}; a number names one voucher, "
                        "give this one the next free number",
                        item.entry,
                    )
                )
        elif item.entry.flag in (flags.FLAG_OKAY, flags.FLAG_WARNING):
            errors.append(
                LedgerError(
                    item.entry.meta,
                    f"{RULE}: the transaction has no voucher number, while others of {year} "
                    f'have; add ver: "{nummer.DEFAULT_SERIE} N", or give the unnumbered ones '
                    f"the next numbers: finsam verifikationer numrera LEDGER --year {year}",
                    item.entry,
                )
            )
        else:
            errors.append(
                LedgerError(
                    item.entry.meta,
                    f"{RULE}: Beancount made a transaction here (flag {item.entry.flag}), which "
                    f"has no voucher number, while the transactions of {year} have; SIE needs "
                    "one for every transaction, so book the amount in a transaction of your "
                    "own, with its ver",
                    item.entry,
                )
            )
    numbers = {key: (number.serie, number.nummer) for key, number in given.items()}
    return numbers, [], errors


def _decimals(vouchers: Iterable[_Entry]) -> list[LedgerError]:
    errors: list[LedgerError] = []
    for item in vouchers:
        for account, amount in item.legs:
            if amount != amount.quantize(_ORE):
                errors.append(
                    LedgerError(
                        item.entry.meta,
                        f"{RULE}: {account}: the amount {amount} has more than two decimals; "
                        "SIE counts in öre, so round it to öre",
                        item.entry,
                    )
                )
    return errors


def _konton(
    books: Books, used: set[str], start: datetime.date, last: datetime.date
) -> tuple[dict[str, str], list[LedgerError]]:
    """The accounts written, by number; errors for those without a number or sharing one."""
    opens = {entry.account: entry for entry in books.entries if isinstance(entry, data.Open)}
    konton: dict[str, str] = {}
    errors: list[LedgerError] = []
    for placement in books.chart.ordered():
        account = placement.account
        if placement.konto is None:
            if account in used:
                open_entry = opens.get(account)
                errors.append(
                    LedgerError(
                        open_entry.meta if open_entry is not None else None,
                        f"{RULE}: {account} has amounts in the SIE file but no konto; add "
                        'konto: "NNNN" (its Kommun-Bas/BAS number) to its open line',
                        open_entry,
                    )
                )
            continue
        if account not in used and not placement.open_during(start, last):
            continue
        first = konton.setdefault(placement.konto, account)
        if first != account:
            open_entry = opens.get(account)
            errors.append(
                LedgerError(
                    open_entry.meta if open_entry is not None else None,
                    f"{RULE}: {account}: konto {placement.konto} is also the number of "
                    f"{first}; in SIE a number names one account, so give each its own",
                    open_entry,
                )
            )
    return konton, errors


def _name(account: str) -> str:
    """The name after the root: ``Tillgångar:Kassa-och-bank:Bank`` → ``Kassa-och-bank:Bank``."""
    parts = account.split(":")[1:] or account.split(":")
    return ":".join(parts)


def _objects(
    books: Books, konton: Mapping[str, str]
) -> tuple[dict[str, ObjectList], dict[tuple[int, str], str]]:
    """Each account's object list, and the objects (insatser, classes, parties) of the file."""
    numbers = {account: konto for konto, account in konton.items()}
    insats: dict[str, str] = {}  # note row -> object number
    objects_of: dict[str, ObjectList] = {}
    found: dict[tuple[int, str], str] = {}
    for placement in books.chart.ordered():
        klass, part, account = placement.klass, placement.part, placement.account
        if account not in numbers or (klass is None and part is None):
            continue
        items: list[tuple[int, str]] = []
        if klass in INSATSKLASSER:
            number = insats.setdefault(placement.notrad, numbers[account])
            found.setdefault((PROJEKT, number), placement.notrad)
            items.append((PROJEKT, number))
        if klass is not None:
            found[FINSAMKLASS, klass] = KLASSNAMN[klass]
            items.append((FINSAMKLASS, klass))
        if part is not None:
            found[FINSAMPART, part] = PARTNAMN[part]
            items.append((FINSAMPART, part))
        objects_of[account] = tuple(items)
    order = {FINSAMKLASS: c.KLASSER, FINSAMPART: c.PARTER}
    ordered = sorted(
        found,
        key=lambda key: (key[0], int(key[1]) if key[0] == PROJEKT else order[key[0]].index(key[1])),
    )
    return objects_of, {key: found[key] for key in ordered}


def _balances(
    amounts: Mapping[tuple[int, str], Decimal], konton: Mapping[str, str]
) -> dict[tuple[int, str], sie.Balance]:
    """The balances that are not zero, by year (0 first) and account number."""
    numbers = {account: konto for konto, account in konton.items()}
    found = [
        ((year, numbers[account]), amount)
        for (year, account), amount in amounts.items()
        if amount and account in numbers
    ]
    found.sort(key=lambda item: (-item[0][0], int(item[0][1])))
    return {key: sie.Balance(amount) for key, amount in found}


def _voucher(
    item: _Entry,
    number: tuple[str, int],
    numbers: Mapping[str, str],
    objects_of: Mapping[str, ObjectList],
) -> sie.Voucher:
    entry = item.entry
    text = ": ".join(part for part in (entry.payee, entry.narration) if part)
    return sie.Voucher(
        series=number[0],
        number=str(number[1]),
        date=entry.date,
        text=_text(text),
        transactions=tuple(
            sie.Transaction(numbers[account], objects_of.get(account, ()), amount, entry.date)
            for account, amount in item.legs
        ),
    )


def _text(value: str) -> str:
    """A free text as the file holds it: in CP437, cut to the limit (as :func:`sie.write`)."""
    value = sie.transliterate(value)
    return value[: sie.TEXT_LIMIT].rstrip() if len(value) > sie.TEXT_LIMIT else value


def _line_key(error: LedgerError) -> tuple[str, int]:
    source = error.source or {}
    return (str(source.get("filename", "")), int(source.get("lineno") or 0))

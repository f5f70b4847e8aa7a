"""The content of a SIE 4 file as data, and the one error a bad file raises.

Every record the project reads or writes has a frozen dataclass here;
:class:`SieFile` holds them all. Line numbers (``line``) say where a record
was read, for messages; they take no part in equality, so a file read back
after writing compares equal to the original. Signs follow SIE (and
Beancount): debit positive, credit negative.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Field = str | tuple[str, ...]
"""One field of a record: a string, or the strings of an object list ``{…}``."""

ObjectList = tuple[tuple[int, str], ...]
"""Object references ``{dim obj dim obj …}`` as (dimension number, object id) pairs."""


class SieError(Exception):
    """A SIE file that cannot be read: the line (0 for the whole file) and why, one line."""

    def __init__(self, line: int, reason: str) -> None:
        self.line, self.reason = line, reason
        super().__init__(f"line {line}: {reason}" if line else reason)


@dataclass(frozen=True)
class SieWarning:
    """Something read but not as the specification says: what was done about it."""

    line: int
    reason: str


@dataclass(frozen=True)
class Record:
    """A record as written: its label (``#PROSA``) and fields; kept for records not typed here."""

    label: str
    fields: tuple[Field, ...]
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Account:
    """``#KONTO`` with what ``#KTYP`` (T, S, K, I), ``#SRU`` and ``#ENHET`` add to it."""

    name: str
    type: str = ""
    sru: tuple[str, ...] = ()
    unit: str = ""
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Dimension:
    """``#DIM`` (or ``#UNDERDIM``, whose superdimension is ``parent``)."""

    name: str
    parent: int | None = None
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Balance:
    """An amount of ``#IB``, ``#UB``, ``#RES``, ``#OIB``, ``#OUB`` or ``#PSALDO``."""

    amount: Decimal
    quantity: Decimal | None = None
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Transaction:
    """A row of a voucher. ``date`` is the voucher's date where the row gives none."""

    account: str
    objects: ObjectList
    amount: Decimal
    date: datetime.date
    text: str = ""
    quantity: Decimal | None = None
    sign: str = ""
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Correction:
    """A row added (``RTRANS``) or removed (``BTRANS``) after the voucher was registered.

    It is history, not booking: an added row is also among the voucher's
    transactions (the ``#TRANS`` that follows every ``#RTRANS``), a removed
    one is not. ``position`` is the number of the voucher's ``#TRANS`` rows
    written before it, so the writer puts it back in its place.
    """

    kind: Literal["BTRANS", "RTRANS"]
    transaction: Transaction
    position: int


@dataclass(frozen=True)
class Voucher:
    """``#VER`` with its rows between ``{`` and ``}``."""

    series: str
    number: str
    date: datetime.date
    text: str = ""
    regdate: datetime.date | None = None
    sign: str = ""
    transactions: tuple[Transaction, ...] = ()
    corrections: tuple[Correction, ...] = ()
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class SieFile:
    """The records of a SIE 4 file.

    Years are SIE's year numbers: 0 the current fiscal year, -1 the one
    before. Balances are keyed by ``(year, account)``; object balances by
    ``(year, account, objects)``; period balances by ``(year, period,
    account, objects)`` with the period as ``YYYYMM``. Records without a
    field here (``#FNR``, ``#PROSA``, ``#ADRESS``, ``#TAXAR``, ``#KPTYP``,
    ``#VALUTA``, ``#PBUDGET``, unknown ones…) are in ``other``, as read.
    ``warnings``, ``encoding`` and ``ksumma`` say how the file was read and
    take no part in equality.
    """

    company: str = ""
    orgnr: str = ""
    orgnr_extra: tuple[str, ...] = ()
    flagga: int = 0
    program: tuple[str, ...] = ()
    format: str = "PC8"
    gen: datetime.date | None = None
    gen_sign: str = ""
    sietyp: int = 4  # a file read without #SIETYP is type 1, as the specification says
    years: Mapping[int, tuple[datetime.date, datetime.date]] = field(default_factory=dict)
    accounts: Mapping[str, Account] = field(default_factory=dict)
    dimensions: Mapping[int, Dimension] = field(default_factory=dict)
    objects: Mapping[tuple[int, str], str] = field(default_factory=dict)
    ib: Mapping[tuple[int, str], Balance] = field(default_factory=dict)
    ub: Mapping[tuple[int, str], Balance] = field(default_factory=dict)
    res: Mapping[tuple[int, str], Balance] = field(default_factory=dict)
    oib: Mapping[tuple[int, str, ObjectList], Balance] = field(default_factory=dict)
    oub: Mapping[tuple[int, str, ObjectList], Balance] = field(default_factory=dict)
    psaldo: Mapping[tuple[int, str, str, ObjectList], Balance] = field(default_factory=dict)
    vouchers: tuple[Voucher, ...] = ()
    other: tuple[Record, ...] = ()
    warnings: tuple[SieWarning, ...] = field(default=(), compare=False)
    encoding: str = field(default="cp437", compare=False)
    ksumma: int | None = field(default=None, compare=False)

    def year_of(self, day: datetime.date) -> int | None:
        """The year number (0, -1, …) whose ``#RAR`` holds the day; None if none does."""
        for year, (start, end) in self.years.items():
            if start <= day <= end:
                return year
        return None

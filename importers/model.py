"""What a bank file holds, independent of the bank: rows of booked transactions.

The rules every reader shares live here: a row's text holds no control
characters (:class:`BankRow`), its date is a plausible booking date and the
rows are in date order (:func:`in_date_order`), and the running balance
chains (:func:`check_chain`).
"""

from __future__ import annotations

import datetime
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from finsam_ledger.importers.parse import clean

EARLIEST = datetime.date(1990, 1, 1)
"""No bank file of a samordningsförbund (1990s on) has an older booking date."""
AHEAD = datetime.timedelta(days=366)
"""Nor one more than a year after today."""


class ImportFault(Exception):
    """A file that cannot be imported: the file, the line and why."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


def read_bytes(path: str) -> bytes:
    """The file's bytes; a file that cannot be read is an :class:`ImportFault`."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ImportFault(path, None, f"cannot read the file: {exc.strerror or exc}") from None


@dataclass(frozen=True, slots=True)
class BankRow:
    """One booked row of a statement.

    ``identity`` is the bank's own identity of the row (reference, serial or
    row number, date and balance after the row), used for deduplication;
    never the amount and date alone.
    """

    date: datetime.date
    amount: Decimal
    text: str
    line: int
    identity: str
    counterparty: str = ""
    reference: str = ""
    kind: str = ""
    balance: Decimal | None = None
    meta: dict[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        """Every reader's text the same way: control characters, NUL and BOMs cleaned."""
        for name in ("text", "counterparty", "reference", "kind"):
            value = getattr(self, name)
            cleaned = clean(value)
            if cleaned is not value:
                object.__setattr__(self, name, cleaned)
        if any(not value.isprintable() for value in self.meta.values()):
            object.__setattr__(self, "meta", {k: clean(v) for k, v in self.meta.items()})


@dataclass(frozen=True, slots=True)
class Skipped:
    """Money in a file that the import does not book, and why (e.g. a deposit in EUR)."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Statement:
    """A parsed bank file: the rows (oldest first) and what the file says about itself."""

    format: str
    rows: tuple[BankRow, ...]
    currency: str = "SEK"
    account_number: str | None = None
    created: datetime.date | None = None
    skipped: tuple[Skipped, ...] = ()

    @property
    def last_date(self) -> datetime.date | None:
        """The last booking date in the file."""
        return max((row.date for row in self.rows), default=None)

    def complete(self, today: datetime.date) -> bool:
        """Whether the file's last booked day is over (more rows may come for it otherwise)."""
        last = self.last_date
        if last is None:
            return False
        return last < (self.created or today)

    def closing_balance(self) -> tuple[datetime.date, Decimal] | None:
        """The balance after the file's newest booked row, if the file says it."""
        with_balance = [i for i, row in enumerate(self.rows) if row.balance is not None]
        if not with_balance:
            return None
        last = with_balance[-1]
        balance = self.rows[last].balance
        assert balance is not None
        # Rows after the last one with a balance (Nordea leaves some empty) add up.
        later = sum((row.amount for row in self.rows[last + 1 :]), Decimal(0))
        return self.rows[-1].date, balance + later


def check_date(
    path: str, line: int | None, day: datetime.date, today: datetime.date | None = None
) -> None:
    """A booking date must lie between :data:`EARLIEST` and a year after today."""
    latest = (today or datetime.date.today()) + AHEAD
    if not EARLIEST <= day <= latest:
        raise ImportFault(
            path,
            line,
            f"the date {day} is not a booking date of a bank file "
            f"(outside {EARLIEST}..{latest}): a wrong year?",
        )


def in_date_order(path: str, rows: Sequence[BankRow], *, newest_first: bool) -> list[BankRow]:
    """The rows of a file (in the file's order) oldest first, refusing any out of date order.

    Every reader's rule: each date is plausible (:func:`check_date`), and the
    dates run one way through the file, newest first or oldest first. The way
    is the one most rows take (the format's, ``newest_first``, on a tie); a
    row of another period in the middle of an export is refused at its line,
    so that it is never booked into another year. A file of one day has no
    way of its own: the format's order, or the other one if only that one
    makes the balances chain.
    """
    today = datetime.date.today()
    for row in rows:
        check_date(path, row.line, row.date, today)
    rising = sum(a.date < b.date for a, b in itertools.pairwise(rows))
    falling = sum(a.date > b.date for a, b in itertools.pairwise(rows))
    if not rising and not falling:
        declared = list(rows[::-1] if newest_first else rows)
        for candidate in (declared, declared[::-1]):
            try:
                check_chain(path, candidate)
                return candidate
            except ImportFault:
                continue
        return declared  # neither chains: finish() reports where
    descending = falling > rising or (falling == rising and newest_first)
    _refuse_disorder(path, rows, descending)
    return list(rows[::-1] if descending else rows)


def _refuse_disorder(path: str, rows: Sequence[BankRow], descending: bool) -> None:
    """The first row out of the file's date order, as an :class:`ImportFault`."""

    def fits(a: BankRow, b: BankRow) -> bool:
        return a.date >= b.date if descending else a.date <= b.date

    for index in range(1, len(rows)):
        if fits(rows[index - 1], rows[index]):
            continue
        # Which of the two is the odd one: the one whose neighbours agree without it.
        before, after = rows[index - 1], rows[index]
        if index + 1 < len(rows) and fits(before, rows[index + 1]):
            odd, other = after, before
        elif index >= 2 and fits(rows[index - 2], after):
            odd, other = before, after
        else:
            odd, other = after, before
        way = "newest first" if descending else "oldest first"
        raise ImportFault(
            path,
            odd.line,
            f"the rows are not in date order: {odd.date} among rows {way} "
            f"(line {other.line} is {other.date}); a row of another period?",
        )


def check_chain(path: str, rows: Sequence[BankRow]) -> None:
    """Each balance must follow from the one before and the rows between (oldest first).

    A break means rows are missing, out of order or edited: the file is
    refused at the row where the chain breaks.
    """
    running: Decimal | None = None
    for row in rows:
        if running is not None:
            running += row.amount
        if row.balance is None:
            continue
        if running is not None and running != row.balance:
            raise ImportFault(
                path,
                row.line,
                f"the balance {row.balance} does not follow from the rows before "
                f"({running - row.amount} + {row.amount}): rows missing, out of order or edited",
            )
        running = row.balance


def finish(
    path: str,
    name: str,
    rows: Sequence[BankRow],
    *,
    newest_first: bool,
    by_balance: bool = True,
    account_number: str | None = None,
    currency: str = "SEK",
    created: datetime.date | None = None,
    created_line: int | None = None,
) -> Statement:
    """A statement of the rows given in the file's order: put oldest first by
    :func:`in_date_order`, the chain checked, each row's identity set.

    ``newest_first`` is the format's order (see :func:`in_date_order`);
    ``created`` the export's own date, on ``created_line``. The identity is
    the date, the amount and the balance after the row where the bank gives
    balances reliably (``by_balance``); otherwise the date,
    amount, text and reference. Rows alike in all of that are numbered in
    date order (the same balance can come back in a day: +100, -100, +100),
    so an export of part of a day and a later one of the whole day agree.
    """
    if created is not None:
        check_date(path, created_line, created)
    rows = in_date_order(path, rows, newest_first=newest_first)
    check_chain(path, rows)
    seen: Counter[tuple[object, ...]] = Counter()
    for row in rows:
        if by_balance and row.balance is not None:
            key: tuple[object, ...] = (row.date, row.amount, row.balance)
            seen[key] += 1
            suffix = f"|{seen[key]}" if seen[key] > 1 else ""
            identity = f"{row.date}|{row.amount}|saldo {row.balance}{suffix}"
        else:
            key = (row.date, row.amount, row.text, row.reference)
            seen[key] += 1
            identity = f"{row.date}|{row.amount}|{row.text}|{row.reference}|{seen[key]}"
        # The rows are the reader's own, fresh and not yet shared: the identity is set
        # once, here, without copying 100 000 rows.
        object.__setattr__(row, "identity", identity)
    return Statement(
        name, tuple(rows), currency=currency, account_number=account_number, created=created
    )

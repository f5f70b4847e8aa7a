"""What a bank file holds, independent of the bank: rows of booked transactions."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal


class ImportFault(Exception):
    """A file that cannot be imported: the file, the line and why."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


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


@dataclass(frozen=True)
class Statement:
    """A parsed bank file: the rows (oldest first) and what the file says about itself."""

    format: str
    rows: tuple[BankRow, ...]
    currency: str = "SEK"
    account_number: str | None = None
    created: datetime.date | None = None

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
    by_balance: bool = True,
    account_number: str | None = None,
    currency: str = "SEK",
    created: datetime.date | None = None,
) -> Statement:
    """A statement of rows given oldest first: the chain checked, each row's identity set.

    The identity is the date, the amount and the balance after the row where
    the bank gives balances reliably (``by_balance``); otherwise the date,
    amount, text and reference. Rows alike in all of that are numbered in
    date order (the same balance can come back in a day: +100, -100, +100),
    so an export of part of a day and a later one of the whole day agree.
    """
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

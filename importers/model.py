"""What a bank file holds, independent of the bank: rows of booked transactions."""

from __future__ import annotations

import datetime
from collections import Counter
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

    @property
    def last_date(self) -> datetime.date | None:
        """The last booking date in the file."""
        return max((row.date for row in self.rows), default=None)

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


def row_identity(
    day: datetime.date,
    amount: Decimal,
    balance: Decimal | None,
    text: str,
    reference: str,
    seen: Counter[tuple[object, ...]],
) -> str:
    """The bank's identity of a row, for exact deduplication.

    Date, amount and the balance after the row where the file has one (two
    identical payments on one day leave different balances); otherwise date,
    amount, text and reference, numbered among identical rows of the file.
    Never the amount and date alone.
    """
    if balance is not None:
        return f"{day}|{amount}|saldo {balance}"
    key = (day, amount, text, reference)
    seen[key] += 1
    return f"{day}|{amount}|{text}|{reference}|{seen[key]}"

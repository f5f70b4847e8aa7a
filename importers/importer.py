"""The beangulp importer around a reader: transactions, balance assertions, exact deduplication.

Each booked row becomes a transaction with the bank's row identity in its
``bankrad`` metadata and the counter-posting from the rules (or the account
for unmatched rows). Where the file has a running balance, a ``balance``
directive for the day after the last booked row lets ``bean-check`` prove
that the ledger agrees with the bank; when that day may still get rows (the
export was made the same day, or today), the assertion is for the start of
the last day instead, so a later export of the whole day never contradicts
it. Deduplication is exact: a row is a duplicate only if the ledger already
has a transaction on the same bank account with the same ``bankrad``; two
identical payments on one day are both kept.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

import beangulp
from beancount.core import amount, data

from finsam_ledger.importers.csvformat import HEAD_BYTES
from finsam_ledger.importers.model import ImportFault, Skipped, Statement
from finsam_ledger.importers.settings import Settings

IDENTITY_KEY = "bankrad"
ONE_DAY = datetime.timedelta(days=1)
MAX_SNIFFED = 64 * 1024 * 1024
"""A zip (XLSX) is sniffed whole, its directory being at the end: up to this many bytes."""


class Reader(Protocol):
    """What every format reader provides."""

    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...

    def sniff(self, raw: bytes) -> bool: ...

    def read(self, path: str) -> Statement: ...


class BankImporter(beangulp.Importer):  # type: ignore[misc]
    """A beangulp importer for one bank format."""

    def __init__(self, reader: Reader, settings: Settings | Callable[[], Settings]) -> None:
        self.reader = reader
        self._settings = settings
        self._cache: dict[tuple[str, float], Statement] = {}

    @property
    def settings(self) -> Settings:
        """Where rows go; given as a function, read anew on each use (it may cache)."""
        return self._settings if isinstance(self._settings, Settings) else self._settings()

    @property
    def name(self) -> str:
        """The importer's name in beangulp's listings: ``finsam.<format>``."""
        return f"finsam.{self.reader.name}"

    def statement(self, filepath: str) -> Statement:
        """The parsed file (read once per file version)."""
        try:
            key = (filepath, Path(filepath).stat().st_mtime)
        except OSError as exc:
            raise ImportFault(filepath, None, f"cannot read the file: {exc.strerror}") from None
        if key not in self._cache:
            self._cache[key] = self.reader.read(filepath)
        return self._cache[key]

    def identify(self, filepath: str) -> bool:
        """By the file's content (header, preamble, first record), never its name.

        Only the head of the file is read, never its rows: a file of a known
        format is identified even when its content cannot be booked. A file
        that cannot be read is no format's.
        """
        try:
            head = head_of(filepath)
        except OSError:
            return False
        return bool(head) and self.reader.sniff(head)

    def skipped(self, filepath: str) -> tuple[Skipped, ...]:
        """What the file holds but the import does not book (file, line, reason), e.g. a
        BgMax deposit in EUR; empty for most files. Call after (or instead of) extract."""
        return self.statement(filepath).skipped

    def account(self, filepath: str) -> str:
        """The ledger's bank account for the file (an error when it cannot be told)."""
        try:
            return self.settings.bank_for(self.statement(filepath).account_number)
        except LookupError as exc:
            raise ImportFault(filepath, None, str(exc.args[0])) from None

    def date(self, filepath: str) -> datetime.date | None:
        """The last booking date (archive names)."""
        return self.statement(filepath).last_date

    def extract(
        self,
        filepath: str,
        existing: Sequence[data.Directive],  # noqa: ARG002 - beangulp's signature
    ) -> list[data.Directive]:
        """Transactions for every booked row, and the closing balance assertion."""
        statement = self.statement(filepath)
        bank = self.account(filepath)
        currency = statement.currency
        entries: list[data.Directive] = []
        for row in statement.rows:
            meta = data.new_metadata(filepath, row.line, {IDENTITY_KEY: row.identity, **row.meta})
            counter = self.settings.account_for(row) or self.settings.unmatched
            narration = row.text if not row.reference else f"{row.text} {row.reference}"
            units = amount.Amount(row.amount, currency)
            entries.append(
                data.Transaction(
                    meta,
                    row.date,
                    "*",
                    row.counterparty or None,
                    narration,
                    data.EMPTY_SET,
                    data.EMPTY_SET,
                    [
                        data.Posting(bank, units, None, None, None, None),
                        data.Posting(counter, -units, None, None, None, None),
                    ],
                )
            )
        closing = statement.closing_balance()
        if closing is not None:
            day, balance = closing
            if not statement.complete(datetime.date.today()):
                # The last day may get more rows: assert the balance at its start instead.
                balance -= sum((r.amount for r in statement.rows if r.date == day), Decimal(0))
                day -= ONE_DAY
            meta = data.new_metadata(filepath, statement.rows[-1].line)
            entries.append(
                data.Balance(
                    meta, day + ONE_DAY, bank, amount.Amount(balance, currency), None, None
                )
            )
        return entries

    def sort(self, entries: list[data.Directive], reverse: bool = False) -> None:
        """By date, keeping the bank's order within a day (extract yields it oldest first)."""
        entries.sort(key=lambda e: (e.date, data.SORT_ORDER.get(type(e), 0)), reverse=reverse)

    def deduplicate(
        self, entries: list[data.Directive], existing: Sequence[data.Directive]
    ) -> None:
        """Mark rows the ledger already has (same bank account, same ``bankrad``)."""
        known = {
            (posting.account, entry.meta.get(IDENTITY_KEY))
            for entry in existing
            if isinstance(entry, data.Transaction) and entry.meta.get(IDENTITY_KEY)
            for posting in entry.postings
        }
        # A balance is a duplicate only with the same amount: a different one must stay
        # visible (bean-check then shows which export disagrees).
        known_balances = {
            (entry.account, entry.date, entry.amount)
            for entry in existing
            if isinstance(entry, data.Balance)
        }
        for index, entry in enumerate(entries):
            if isinstance(entry, data.Transaction):
                bank = entry.postings[0].account
                if (bank, entry.meta.get(IDENTITY_KEY)) in known:
                    entries[index] = entry._replace(meta={**entry.meta, "__duplicate__": True})
            elif (
                isinstance(entry, data.Balance)
                and (entry.account, entry.date, entry.amount) in known_balances
            ):
                entries[index] = entry._replace(meta={**entry.meta, "__duplicate__": True})


def head_of(filepath: str) -> bytes:
    """What ``sniff`` is given: the first 8 KiB, or a whole zip (XLSX) up to a limit."""
    with Path(filepath).open("rb") as handle:
        head = handle.read(HEAD_BYTES)
        if head.startswith(b"PK\x03\x04"):  # XLSX: a zip, whose directory is at the end
            head += handle.read(MAX_SNIFFED)
    return head


def describe(importers: Sequence[Any]) -> str:
    """The known formats, one per line."""
    return "\n".join(f"  {imp.reader.name}: {imp.reader.description}" for imp in importers)

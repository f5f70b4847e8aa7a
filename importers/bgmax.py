"""Bankgirot BgMax ("Bankgiro Inbetalningar"): the payments behind each bankgiro deposit.

The file
    Fixed width, records of 80 characters (trailing spaces may be trimmed),
    ISO-8859-1 (a UTF-8 copy is read too), CRLF or LF. The first record is
    ``01BGMAX``; then, per deposit, an opening record TK05 (receiving
    bankgiro, currency), the payments TK20 and deductions TK21, each followed
    by its extra references TK22/TK23, information TK25, name TK26, address
    TK27/TK28 and organisation number TK29, and the deposit record TK15
    (payment date, deposit serial number, amount, number of payments); the
    file ends with TK70 (the number of records of each kind). Amounts are
    öre, always positive.

What becomes a row
    Every TK20 is a row with its amount in kronor, every TK21 a row with the
    amount negated. The date is the payment date of the deposit's TK15; the
    counterparty the payer's name (TK26), else the payer's bankgiro; the text
    ``Bankgiro <payer's bankgiro>`` (``Bankgiro avdrag …`` for a deduction);
    the reference the OCR number or free-text reference, followed by the
    references of the payment's TK22/TK23 records not already in it (with
    their amount, where one is given). TK22/TK23 are references, never money
    of their own. Information text (TK25) is kept as ``meddelande``
    metadata; addresses and organisation numbers are not carried over. Each
    row has ``bankgiro`` (the receiving bankgiro) and ``insattning`` (the
    deposit's serial number) metadata, and the identity ``<date>|bgc
    <Bankgirot's serial number>|insättning <deposit>``; when a file repeats
    that identity (Bankgirot's own example does), the later rows get ``|2``,
    ``|3``…, so two identical payments on one day are both kept.

What is checked (each a fault naming the file and line, nothing is guessed)
    The record order; that every number field is digits; each TK15's amount
    against the payments minus deductions of its deposit, and its number of
    payments; TK70's counts of payments, deductions, extra references and
    deposits; a file that ends before TK70 (truncated); a control character
    (NUL, a byte-order mark) in a record; each payment date is a plausible
    booking date (the rule of every reader,
    :func:`~finsam_ledger.importers.model.check_date`) and no earlier than
    the deposit before it (Bankgirot lists deposits oldest first). A
    deposit in another currency than SEK (TK05 ``EUR``) is checked like the
    others but not booked (one statement has one currency, and the ledger's
    bank accounts are in SEK): it is listed in the statement's ``skipped``,
    with its line, amount and payments, to be booked by hand; the file's SEK
    deposits are booked. A test file (``T`` in TK01) is refused, and so is a
    file with deposits to more than one bankgiro (one file books to one
    account). A TAB in a line is read as spaces to the next
    column of eight (Bankgirot's example has one in a TK22 reference field,
    where this puts the reference in its place); a TAB anywhere but in the
    reference field of TK20–TK23 is a fault. There is no balance: BgMax has
    none, so no balance assertion.

Booking: the bank statement shows each deposit once, BgMax the payments behind it
    BgMax payments are booked to the ledger account configured for the
    receiving bankgiro, ``settings.bank_for(<bankgiro>)``: the account whose
    ``bankkonto`` metadata is the bankgiro number. Use a transit account::

        2020-01-01 open Tillgångar:Kassa-och-bank:Bankgiro-inbetalningar SEK
          bankkonto: "991-2346"     ; the receiving bankgiro

    and then book the bank statement's deposit rows for Bankgiro (Nordea
    ``BG KONTOINS``, Länsförsäkringar ``BG-insättning``) to the same transit
    account with a rule, so that each deposit clears its payments and the
    transit account returns to zero::

        [[regel]]
        text = "BG KONTOINS|BG-insättning"
        belopp = "in"
        konto = "Tillgångar:Kassa-och-bank:Bankgiro-inbetalningar"

    Without such a rule the deposits are counted twice: once from BgMax and
    once from the bank statement. If the BgMax payments instead go to the
    bank account itself (no transit account, or a ``bankkonto`` in the
    import config, which applies to every file), the bank statement's
    Bankgiro deposit rows must not be imported at all. With zero
    configuration BgMax books to the default bank account, so one of the two
    must be set up before importing both files.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from finsam_ledger.importers import parse
from finsam_ledger.importers.model import (
    BankRow,
    ImportFault,
    Skipped,
    Statement,
    check_date,
    in_date_order,
    read_bytes,
)

WIDTH = 80
TAB_STOP = 8
MAGIC = b"01BGMAX"
PAYMENTS = ("20", "21")
EXTRA_REFERENCES = ("22", "23")
BOOKABLE = "SEK"
# Control and format characters (NUL, a byte-order mark, a zero-width space, a
# bidirectional override): corruption in a fixed-width record. Not a TAB, which
# Bankgirot's own example has (see record()).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def bankgiro(digits: str) -> str:
    """A bankgiro number as written: ``0009912346`` -> ``991-2346``; ``""`` when all zeros."""
    number = digits.lstrip("0")
    if not number:
        return ""
    if len(number) < 7:
        number = number.rjust(7, "0")
    return f"{number[:-4]}-{number[-4:]}"


def _kronor(ore: int) -> Decimal:
    return Decimal(ore).scaleb(-2)


@dataclass
class _Payment:
    line: int
    record: str
    payer: str
    reference: str
    ore: int
    serial: str
    extra: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)
    name: str = ""

    @property
    def amount(self) -> Decimal:
        value = _kronor(self.ore)
        return -value if self.record == "21" else value


@dataclass
class _Deposit:
    line: int
    bankgiro: str
    currency: str
    payments: list[_Payment] = field(default_factory=list)


class _Parser:
    """One pass over the records, checking order, fields and totals."""

    def __init__(self, path: str, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.rows: list[BankRow] = []
        self.skipped: list[Skipped] = []
        self.last: tuple[int, datetime.date] | None = None  # the previous deposit record
        self.receiving: str | None = None
        self.deposit: _Deposit | None = None
        self.payment: _Payment | None = None
        self.counts: Counter[str] = Counter()
        self.seen: Counter[str] = Counter()

    def fault(self, number: int, reason: str) -> ImportFault:
        return ImportFault(self.path, number, reason)

    def field(self, number: int, record: str, first: int, last: int, what: str) -> str:
        """Positions ``first``–``last`` (1-based, inclusive) as digits."""
        value = record[first - 1 : last]
        if not (value.isascii() and value.isdigit()):
            raise self.fault(number, f"{what} {value!r} (positions {first}–{last}) is not a number")
        return value

    def statement(self) -> Statement:
        end = None
        last = 0
        started = False
        for number, raw in enumerate(self.lines, start=1):
            if not raw.strip():
                continue
            last = number
            if end is not None:
                raise self.fault(number, f"a record after the closing TK70 on line {end}")
            record = self.record(number, raw)
            kind = record[:2]
            if not started:
                self.start(number, record)
                started = True
                continue
            handler = {
                "01": self.restart,
                "05": self.open_deposit,
                "20": self.pay,
                "21": self.pay,
                "22": self.extra_reference,
                "23": self.extra_reference,
                "25": self.information,
                "26": self.name,
                "27": self.payer_record,
                "28": self.payer_record,
                "29": self.payer_record,
                "15": self.close_deposit,
                "70": self.end,
            }.get(kind)
            if handler is None:
                raise self.fault(number, f"unknown BgMax record type {kind!r}")
            handler(number, record)
            if kind == "70":
                end = number
        if self.deposit is not None:
            raise self.fault(
                last,
                f"the file ends inside the deposit opened on line {self.deposit.line} "
                "(no TK15 deposit record): truncated?",
            )
        if end is None:
            raise self.fault(last, "the file ends without the closing TK70 record: truncated?")
        rows = in_date_order(self.path, self.rows, newest_first=False)
        return Statement(
            "bgmax",
            tuple(rows),
            currency=BOOKABLE,
            account_number=self.receiving,
            skipped=tuple(self.skipped),
        )

    def record(self, number: int, raw: str) -> str:
        """The line as an 80-character record; TABs only in a TK20–23 reference field."""
        control = _CONTROL.search(raw)
        if control:
            raise self.fault(
                number,
                f"a control character (U+{ord(control.group()):04X}) at position "
                f"{control.start() + 1}: a BgMax record is text",
            )
        line = raw
        if "\t" in line:
            line = raw.expandtabs(TAB_STOP)
            tail = line[37:]
            if raw[:2] not in (*PAYMENTS, *EXTRA_REFERENCES) or "\t" in raw[:12]:
                raise self.fault(number, f"a TAB character at position {raw.index(chr(9)) + 1}")
            if not raw.endswith(tail):
                raise self.fault(
                    number, "a TAB character outside the reference field (positions 13–37)"
                )
        if len(line) > WIDTH and line[WIDTH:].strip():
            raise self.fault(number, f"{len(line)} characters: a BgMax record has {WIDTH}")
        return line[:WIDTH].ljust(WIDTH)

    def start(self, number: int, record: str) -> None:
        if record[:2] != "01" or record[2:22].strip() != "BGMAX":
            raise self.fault(number, "not a BgMax file: the first record is not 01BGMAX")
        if record[22:24] != "01":
            raise self.fault(number, f"BgMax version {record[22:24]!r}; only version 01 is known")
        if record[44] != "P":
            raise self.fault(
                number,
                f"marked {record[44]!r} in position 45, not 'P' (production): "
                "a test file is not booked",
            )

    def restart(self, number: int, record: str) -> None:  # noqa: ARG002
        raise self.fault(number, "a second 01 start record")

    def open_deposit(self, number: int, record: str) -> None:
        if self.deposit is not None:
            raise self.fault(
                number,
                f"TK05 opens a deposit while the one opened on line {self.deposit.line} "
                "has no TK15 deposit record",
            )
        receiving = bankgiro(self.field(number, record, 3, 12, "receiving bankgiro"))
        currency = record[22:25]
        if self.receiving is not None and receiving != self.receiving:
            raise self.fault(
                number,
                f"a deposit to bankgiro {receiving}, but the file's earlier deposits are "
                f"to {self.receiving}: one file books to one account",
            )
        self.receiving = receiving
        self.deposit = _Deposit(number, receiving, currency)
        self.payment = None

    def in_deposit(self, number: int, kind: str) -> _Deposit:
        if self.deposit is None:
            raise self.fault(number, f"TK{kind} outside a deposit (no TK05 before it)")
        return self.deposit

    def current(self, number: int, kind: str) -> _Payment:
        self.in_deposit(number, kind)
        if self.payment is None:
            raise self.fault(number, f"TK{kind} without a payment (TK20/TK21) before it")
        return self.payment

    def pay(self, number: int, record: str) -> None:
        kind = record[:2]
        deposit = self.in_deposit(number, kind)
        self.payment = _Payment(
            line=number,
            record=kind,
            payer=self.field(number, record, 3, 12, "payer's bankgiro"),
            reference=" ".join(record[12:37].split()),
            ore=int(self.field(number, record, 38, 55, "amount")),
            serial=self.field(number, record, 58, 69, "BGC serial number"),
        )
        deposit.payments.append(self.payment)
        self.counts[kind] += 1

    def extra_reference(self, number: int, record: str) -> None:
        kind = record[:2]
        payment = self.current(number, kind)
        self.field(number, record, 3, 12, "payer's bankgiro")
        ore = int(self.field(number, record, 38, 55, "amount"))
        reference = " ".join(record[12:37].split())
        if reference:
            sign = "-" if kind == "23" else ""
            given = f" ({sign}{_kronor(ore)})" if ore else ""
            payment.extra.append(reference + given)
        self.counts["22"] += 1

    def information(self, number: int, record: str) -> None:
        payment = self.current(number, "25")
        text = " ".join(record[2:52].split())
        if text:
            payment.info.append(text)

    def name(self, number: int, record: str) -> None:
        """The payer's name (3–37) and extra name (38–72), as one."""
        payment = self.current(number, "26")
        parts = (" ".join(record[2:37].split()), " ".join(record[37:72].split()))
        payment.name = " ".join(part for part in parts if part)

    def payer_record(self, number: int, record: str) -> None:
        """Address and organisation number: checked to belong to a payment, not kept."""
        self.current(number, record[:2])

    def close_deposit(self, number: int, record: str) -> None:
        deposit = self.in_deposit(number, "15")
        try:
            day = datetime.datetime.strptime(
                self.field(number, record, 38, 45, "payment date"), "%Y%m%d"
            ).date()
        except ValueError:
            raise self.fault(number, f"not a date: {record[37:45]!r} (positions 38–45)") from None
        check_date(self.path, number, day)
        if self.last is not None and day < self.last[1]:
            raise self.fault(
                number,
                f"the payment date {day} is before {self.last[1]}, the date of the deposit "
                f"on line {self.last[0]}: the deposits are not in date order (another year?)",
            )
        self.last = (number, day)
        serial = str(int(self.field(number, record, 46, 50, "deposit serial number")))
        total = int(self.field(number, record, 51, 68, "deposit amount"))
        currency = record[68:71]
        count = int(self.field(number, record, 72, 79, "number of payments"))
        if currency != deposit.currency:
            raise self.fault(
                number,
                f"deposit currency {currency!r}, but its TK05 on line {deposit.line} "
                f"says {deposit.currency!r}",
            )
        if count != len(deposit.payments):
            raise self.fault(
                number,
                f"the deposit record says {count} payments, the deposit has "
                f"{len(deposit.payments)} (lines {deposit.line}–{number})",
            )
        paid = sum(p.amount for p in deposit.payments)
        if _kronor(total) != paid:
            raise self.fault(
                number,
                f"the deposit record says {_kronor(total)} {currency}, its payments less "
                f"deductions sum to {paid} (lines {deposit.line}–{number})",
            )
        if currency == BOOKABLE:
            self.rows += [self.row(payment, day, deposit, serial) for payment in deposit.payments]
        else:
            self.skipped.append(self.not_booked(deposit, number, day, total))
        self.counts["15"] += 1
        self.deposit = None
        self.payment = None

    def not_booked(self, deposit: _Deposit, number: int, day: datetime.date, ore: int) -> Skipped:
        """A deposit in another currency than SEK: listed, not booked."""
        what = deposit.currency.strip() or "(no currency)"
        count = len(deposit.payments)
        return Skipped(
            self.path,
            deposit.line,
            f"a deposit of {_kronor(ore)} {what} on {day} ({count} payment"
            f"{'s' if count != 1 else ''}, lines {deposit.line}–{number}) is not booked: "
            f"only {BOOKABLE} deposits are; book it by hand",
        )

    def row(self, payment: _Payment, day: datetime.date, deposit: _Deposit, serial: str) -> BankRow:
        payer = bankgiro(payment.payer)
        words = ["Bankgiro"] + (["avdrag"] if payment.record == "21" else []) + [payer]
        seen = set(re.split(r"[\s,;]+", payment.reference))
        parts = [payment.reference]
        for extra in payment.extra:
            if extra not in seen:
                seen.add(extra)
                parts.append(extra)
        reference = " ".join(part for part in parts if part)
        key = f"{day}|bgc {int(payment.serial)}|insättning {serial}"
        self.seen[key] += 1
        identity = key if self.seen[key] == 1 else f"{key}|{self.seen[key]}"
        meta = {"bankgiro": deposit.bankgiro, "insattning": serial}
        if payment.info:
            meta["meddelande"] = "; ".join(payment.info)
        return BankRow(
            date=day,
            amount=payment.amount,
            text=" ".join(w for w in words if w),
            line=payment.line,
            identity=identity,
            counterparty=payment.name or payer,
            reference=reference,
            kind="avdrag" if payment.record == "21" else "betalning",
            meta=meta,
        )

    def end(self, number: int, record: str) -> None:
        if self.deposit is not None:
            raise self.fault(
                number,
                f"TK70 closes the file inside the deposit opened on line {self.deposit.line}",
            )
        said = {
            "20": ("payment records", 3, 10),
            "21": ("deduction records", 11, 18),
            "22": ("extra reference records", 19, 26),
            "15": ("deposit records", 27, 34),
        }
        for kind, (what, first, last) in said.items():
            count = int(self.field(number, record, first, last, f"number of {what}"))
            if count != self.counts[kind]:
                raise self.fault(
                    number,
                    f"the closing record says {count} {what}, the file has {self.counts[kind]}",
                )


class BgMaxReader:
    """Reads BgMax files (Bankgiro Inbetalningar)."""

    name = "bgmax"
    description = "Bankgirot BgMax (Bankgiro Inbetalningar): fixed width, ISO-8859-1, SEK"

    def sniff(self, raw: bytes) -> bool:
        """The first record is ``01BGMAX``."""
        return raw.removeprefix(b"\xef\xbb\xbf").startswith(MAGIC)

    def read(self, path: str) -> Statement:
        """Every payment and deduction of every SEK deposit, oldest first; deposits in
        other currencies in ``skipped``."""
        try:
            text, _ = parse.decode(read_bytes(path), ("utf-8", "iso-8859-1"))
        except parse.ParseError as exc:
            raise ImportFault(path, exc.line, str(exc)) from None
        lines = [line.removesuffix("\r") for line in text.split("\n")]
        if not any(line.strip() for line in lines):
            raise ImportFault(path, None, "an empty file")
        return _Parser(path, lines).statement()


READERS = (BgMaxReader(),)

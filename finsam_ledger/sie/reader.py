"""Reading a SIE 4 file (4E or 4I; the records of types 1–3 too) into a :class:`SieFile`.

:func:`read` takes the file's bytes. The encoding is sniffed
(:mod:`finsam_ledger.sie.encoding`): a file that declares ``#FORMAT PC8``
but is UTF-8 or ISO-8859-15 is read as what it is, with a warning. Fields
may be separated by spaces or tabs, quoted or not; lines may end in CR LF.

Typed: ``#FLAGGA #PROGRAM #FORMAT #GEN #SIETYP #FNAMN #ORGNR #RAR #KONTO
#KTYP #SRU #ENHET #DIM #UNDERDIM #OBJEKT #IB #UB #OIB #OUB #RES #PSALDO``,
``#VER`` with its ``#TRANS``, ``#RTRANS`` and ``#BTRANS`` rows, and
``#KSUMMA``. Every other record (``#FNR``, ``#PROSA``, ``#ADRESS``,
``#TAXAR``, ``#KPTYP``, ``#VALUTA``, ``#PBUDGET``…) is kept as read in
``SieFile.other``; an unknown label is kept too, with a warning. A
``#TRANS`` without its object list (older files) is read as having none,
with a warning.

Corrections: an ``#RTRANS`` (a row added after registration) is followed
by the same row as ``#TRANS``, which is the one booked; a ``#BTRANS`` (a row
removed) is not booked. Both are kept in ``Voucher.corrections``, so
nothing is booked twice. An ``#RTRANS`` without its ``#TRANS`` is a warning,
and so is a voucher without rows (some programs export voided vouchers so).

Refused, as one :class:`SieError` with the line and the reason: an empty
file, a line that is not a record (see :mod:`~finsam_ledger.sie.lexer`), a
field that
is not what the record needs (a date that is not ``YYYYMMDD``, an amount
that is not a number, a missing field), an unclosed quote or object list,
a voucher without ``{`` or without ``}`` (a file cut short), a row outside
a voucher, a ``#TRANS`` on an account the file's ``#KONTO`` records do not
have (when it has any), two balances for the same year and account, an
opening ``#KSUMMA`` without a closing one, and a wrong checksum (unless
``check_ksumma=False``: then it is a warning). With ``strict=True`` (the
default) the file is also held to :func:`finsam_ledger.sie.checks.check`:
the first problem is raised, and the reason says how many more there are.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Literal, TypeVar

from finsam_ledger.sie import ksumma
from finsam_ledger.sie.checks import check
from finsam_ledger.sie.encoding import CP437, decode
from finsam_ledger.sie.fields import Fields
from finsam_ledger.sie.lexer import records
from finsam_ledger.sie.model import (
    Account,
    Balance,
    Correction,
    Dimension,
    ObjectList,
    Record,
    SieError,
    SieFile,
    SieWarning,
    Transaction,
    Voucher,
)

ROWS = ("#TRANS", "#RTRANS", "#BTRANS")
KEPT = frozenset(
    {
        *("#FNR", "#PROSA", "#FTYP", "#ADRESS", "#BKOD", "#TAXAR", "#OMFATTN", "#KPTYP"),
        *("#VALUTA", "#PBUDGET"),
    }
)
"""Records of the specification kept as read, without a warning."""

K = TypeVar("K")


def read(data: bytes, *, strict: bool = True, check_ksumma: bool = True) -> SieFile:
    """The SIE file in ``data``; a bad file is a :class:`SieError` (see the module)."""
    text, encoding = decode(data)
    found = list(records(text))
    if not found:
        raise SieError(0, "the file has no SIE records: empty?")
    reader = _Reader(encoding)
    reader.run(found)
    sum_ = ksumma.find(found, encoding)
    if sum_ is not None:
        if not sum_.ok:
            reason = (
                f"#KSUMMA {sum_.declared} does not match the file's {sum_.computed}: "
                "the file was changed after export"
            )
            if check_ksumma:
                raise SieError(sum_.line, reason)
            reader.warn(sum_.line, reason)
        if sum_.line != found[-1].line:
            reader.warn(sum_.line, "records after the closing #KSUMMA are not covered by it")
    sie = reader.build(None if sum_ is None else sum_.declared)
    if strict:
        problems = check(sie)
        if problems:
            more = len(problems) - 1
            tail = f" (and {more} more problem{'s' * (more > 1)})" if more else ""
            raise SieError(problems[0].line, problems[0].reason + tail)
    return sie


class _Reader:
    """The state while reading: what each record adds."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.company = self.orgnr = self.gen_sign = ""
        self.format_name, self.format_line = "PC8", 0
        self.orgnr_extra: tuple[str, ...] = ()
        self.program: tuple[str, ...] = ()
        self.flagga, self.sietyp = 0, 1
        self.gen: datetime.date | None = None
        self.years: dict[int, tuple[datetime.date, datetime.date]] = {}
        self.names: dict[str, tuple[str, int]] = {}
        self.types: dict[str, str] = {}
        self.sru: dict[str, list[str]] = {}
        self.units: dict[str, str] = {}
        self.dimensions: dict[int, Dimension] = {}
        self.objects: dict[tuple[int, str], str] = {}
        self.ib: dict[tuple[int, str], Balance] = {}
        self.ub: dict[tuple[int, str], Balance] = {}
        self.res: dict[tuple[int, str], Balance] = {}
        self.oib: dict[tuple[int, str, ObjectList], Balance] = {}
        self.oub: dict[tuple[int, str, ObjectList], Balance] = {}
        self.psaldo: dict[tuple[int, str, str, ObjectList], Balance] = {}
        self.vouchers: list[Voucher] = []
        self.other: list[Record] = []
        self.warnings: list[SieWarning] = []
        self.handlers: dict[str, Callable[[Fields], None]] = {
            "#FLAGGA": self.flag,
            "#PROGRAM": self.program_of,
            "#FORMAT": self.format,
            "#GEN": self.generated,
            "#SIETYP": self.type_of,
            "#FNAMN": self.name,
            "#ORGNR": self.organisation,
            "#RAR": self.rar,
            "#KONTO": self.konto,
            "#KTYP": lambda f: self.types.__setitem__(f.account(0), f.text(1, "type")),
            "#SRU": lambda f: self.sru.setdefault(f.account(0), []).append(f.text(1, "code")),
            "#ENHET": lambda f: self.units.__setitem__(f.account(0), f.text(1, "unit")),
            "#DIM": lambda f: self.dimension(f, None),
            "#UNDERDIM": lambda f: self.dimension(f, f.integer(2, "superdimension")),
            "#OBJEKT": self.objekt,
            "#IB": lambda f: self.balance(f, self.ib),
            "#UB": lambda f: self.balance(f, self.ub),
            "#RES": lambda f: self.balance(f, self.res),
            "#OIB": lambda f: self.object_balance(f, self.oib),
            "#OUB": lambda f: self.object_balance(f, self.oub),
            "#PSALDO": self.period_balance,
            "#KSUMMA": lambda _: None,
        }

    def warn(self, line: int, reason: str) -> None:
        self.warnings.append(SieWarning(line, reason))

    def flag(self, fields: Fields) -> None:
        self.flagga = fields.integer(0, "flag")

    def program_of(self, fields: Fields) -> None:
        self.program = fields.rest(0)

    def type_of(self, fields: Fields) -> None:
        self.sietyp = fields.integer(0, "type")

    def name(self, fields: Fields) -> None:
        self.company = fields.text(0, "name")

    def run(self, found: Sequence[Record]) -> None:
        index = 0
        while index < len(found):
            record = found[index]
            label = record.label.upper()
            if label == "#VER":
                index = self.voucher(found, index)
                continue
            if label in ("{", "}") or label in ROWS:
                raise SieError(record.line, f"{label} outside a voucher (no #VER and {{ before)")
            handler = self.handlers.get(label)
            if handler is not None:
                handler(Fields(record))
            else:
                if label not in KEPT:
                    self.warn(record.line, f"unknown record {record.label}: kept as read")
                self.other.append(record)
            index += 1

    def format(self, fields: Fields) -> None:
        value = fields.text(0, "format")
        self.format_name, self.format_line = value, fields.line
        if value.upper() != "PC8":
            self.warn(fields.line, f"#FORMAT {value}: SIE 4 knows only PC8 (CP437)")

    def generated(self, fields: Fields) -> None:
        self.gen = fields.date(0, "date")
        self.gen_sign = fields.text(1, "signature", required=False)

    def organisation(self, fields: Fields) -> None:
        self.orgnr = fields.text(0, "organisation number")
        self.orgnr_extra = fields.rest(1)

    def rar(self, fields: Fields) -> None:
        year = fields.integer(0, "year number")
        start, end = fields.date(1, "start"), fields.date(2, "end")
        if year in self.years:
            raise fields.fault(f"a second fiscal year {year}")
        if end < start:
            raise fields.fault(f"the year ends ({end:%Y%m%d}) before it starts ({start:%Y%m%d})")
        self.years[year] = (start, end)

    def konto(self, fields: Fields) -> None:
        number = fields.account(0)
        if number in self.names:
            self.warn(fields.line, f"a second #KONTO {number}: its name replaces the first")
        self.names[number] = (fields.text(1, "name", required=False), fields.line)

    def dimension(self, fields: Fields, parent: int | None) -> None:
        number = fields.integer(0, "dimension")
        self.dimensions[number] = Dimension(fields.text(1, "name"), parent, fields.line)

    def objekt(self, fields: Fields) -> None:
        key = (fields.integer(0, "dimension"), fields.text(1, "object"))
        self.objects[key] = fields.text(2, "name", required=False)

    def balance(self, fields: Fields, balances: dict[tuple[int, str], Balance]) -> None:
        key = (fields.integer(0, "year number"), fields.account(1))
        self.put(fields, balances, key, 2)

    def object_balance(
        self, fields: Fields, balances: dict[tuple[int, str, ObjectList], Balance]
    ) -> None:
        key = (fields.integer(0, "year number"), fields.account(1), fields.objects(2))
        self.put(fields, balances, key, 3)

    def period_balance(self, fields: Fields) -> None:
        key = (
            fields.integer(0, "year number"),
            fields.period(1, "period"),
            fields.account(2),
            fields.objects(3),
        )
        self.put(fields, self.psaldo, key, 4)

    def put(self, fields: Fields, balances: dict[K, Balance], key: K, at: int) -> None:
        if key in balances:
            first = balances[key].line
            raise fields.fault(f"a second balance for the same year and account (line {first})")
        amount = fields.amount(at, "amount")
        balances[key] = Balance(amount, fields.optional_amount(at + 1, "quantity"), fields.line)

    def voucher(self, found: Sequence[Record], index: int) -> int:
        head = Fields(found[index])
        series, number = head.text(0, "series"), head.text(1, "number")
        day = head.date(2, "date")
        what = f"voucher {series} {number}".replace("  ", " ")
        if index + 1 == len(found):
            raise head.fault(f"{what} ends the file without {{ and rows: file cut short?")
        if found[index + 1].label != "{":
            raise head.fault(f"{what} is not followed by {{ on a line of its own")
        rows: list[Transaction] = []
        corrections: list[Correction] = []
        added: Transaction | None = None
        at = index + 2
        while at < len(found):
            record = found[at]
            label = record.label.upper()
            if label == "}":
                if added is not None:
                    self.unrepeated(added)
                if not rows and not corrections:
                    self.warn(head.line, f"{what} has no rows (a voided voucher?)")
                self.vouchers.append(
                    Voucher(
                        series,
                        number,
                        day,
                        head.text(3, "text", required=False),
                        head.optional_date(4, "registration date"),
                        head.text(5, "signature", required=False),
                        tuple(rows),
                        tuple(corrections),
                        head.line,
                    )
                )
                return at + 1
            if label in ("#VER", "{"):
                raise head.fault(f"{what} has no closing }} before line {record.line}")
            at += 1
            if label not in ROWS:
                self.warn(record.line, f"{record.label} inside a voucher is not a row: skipped")
                continue
            row = self.row(Fields(record), day)
            if added is not None:
                repeated = label == "#TRANS" and row == added
                if not repeated:
                    self.unrepeated(added)
                added = None
                if repeated:
                    rows.append(row)
                    continue
            if label == "#TRANS":
                rows.append(row)
                continue
            kind: Literal["BTRANS", "RTRANS"] = "RTRANS" if label == "#RTRANS" else "BTRANS"
            corrections.append(Correction(kind, row, len(rows)))
            if kind == "RTRANS":
                added = row
        raise head.fault(
            f"{what} has no closing }}: the file ends on line {found[-1].line}, cut short?"
        )

    def unrepeated(self, row: Transaction) -> None:
        self.warn(
            row.line,
            "#RTRANS is not followed by the same row as #TRANS: kept as a correction, not booked",
        )

    def row(self, fields: Fields, day: datetime.date) -> Transaction:
        account = fields.account(0)
        objects: ObjectList = ()
        at = 1
        if len(fields.record.fields) > 1 and isinstance(fields.record.fields[1], str):
            self.warn(fields.line, f"{fields.label} without an object list {{}}: read as none")
        else:
            objects = fields.objects(1)
            at = 2
        return Transaction(
            account,
            objects,
            fields.amount(at, "amount"),
            fields.optional_date(at + 1, "date") or day,
            fields.text(at + 2, "text", required=False),
            fields.optional_amount(at + 3, "quantity"),
            fields.text(at + 4, "signature", required=False),
            fields.line,
        )

    def accounts(self) -> dict[str, Account]:
        accounts: dict[str, Account] = {}
        for number, (name, line) in self.names.items():
            accounts[number] = Account(
                name,
                self.types.get(number, ""),
                tuple(self.sru.get(number, ())),
                self.units.get(number, ""),
                line,
            )
        for number in (*self.types, *self.sru, *self.units):
            if number not in accounts:
                self.warn(0, f"#KTYP, #SRU or #ENHET for account {number}, which has no #KONTO")
                accounts[number] = Account(
                    "",
                    self.types.get(number, ""),
                    tuple(self.sru.get(number, ())),
                    self.units.get(number, ""),
                )
        return accounts

    def build(self, declared: int | None) -> SieFile:
        accounts = self.accounts()
        if self.names:
            self.known(accounts)
        if self.encoding != CP437:
            self.warn(
                self.format_line,
                f"the file is {self.encoding.upper()}, not CP437 as SIE's #FORMAT PC8 "
                f"says: read as {self.encoding.upper()}",
            )
        return SieFile(
            company=self.company,
            orgnr=self.orgnr,
            orgnr_extra=self.orgnr_extra,
            flagga=self.flagga,
            program=self.program,
            format=self.format_name,
            gen=self.gen,
            gen_sign=self.gen_sign,
            sietyp=self.sietyp,
            years=self.years,
            accounts=accounts,
            dimensions=self.dimensions,
            objects=self.objects,
            ib=self.ib,
            ub=self.ub,
            res=self.res,
            oib=self.oib,
            oub=self.oub,
            psaldo=self.psaldo,
            vouchers=tuple(self.vouchers),
            other=tuple(self.other),
            warnings=tuple(sorted(self.warnings, key=lambda warning: warning.line)),
            encoding=self.encoding,
            ksumma=declared,
        )

    def known(self, accounts: dict[str, Account]) -> None:
        """Every row's account is in the chart; a balance's not being there is a warning."""
        for voucher in self.vouchers:
            for row in (*voucher.transactions, *(c.transaction for c in voucher.corrections)):
                if row.account not in accounts:
                    raise SieError(
                        row.line,
                        f"account {row.account} is not in the file's chart of accounts (#KONTO)",
                    )
        balances: list[tuple[str, Balance]] = [
            *((key[1], b) for key, b in (*self.ib.items(), *self.ub.items(), *self.res.items())),
            *((key[1], b) for key, b in (*self.oib.items(), *self.oub.items())),
            *((key[2], b) for key, b in self.psaldo.items()),
        ]
        for account, balance in balances:
            if account not in accounts:
                self.warn(balance.line, f"a balance for account {account}, not in #KONTO")

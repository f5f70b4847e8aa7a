"""Writing a :class:`SieFile` as SIE 4E (export, with balances) or 4I (vouchers only).

The bytes are CP437, lines end in CR LF, fields are separated by one space
and ``#TRANS`` rows are indented by a tab. Records come in the
specification's order: ``#FLAGGA``, (``#KSUMMA``), ``#PROGRAM``, ``#FORMAT
PC8``, ``#GEN``, ``#SIETYP 4``, the identification (``#PROSA #FTYP #FNR
#ORGNR #BKOD #ADRESS #FNAMN #RAR #TAXAR #OMFATTN #KPTYP #VALUTA``, then
unknown records kept from a file read), the chart (``#DIM #UNDERDIM
#OBJEKT``, then per account ``#KONTO #KTYP #ENHET #SRU``), the balances
(``#IB #UB #OIB #OUB #RES #PSALDO #PBUDGET``; 4E only, as the
specification forbids them in 4I) and the vouchers. An ``#RTRANS`` or
``#BTRANS`` correction is written where it was read, an ``#RTRANS`` just
before the ``#TRANS`` that repeats it.

Fields
    Numbers, dates, codes and identifiers are never quoted; any field is
    quoted only where it must be: when it is empty, or holds a space, a
    quote or a brace. Inside quotes a quote is written ``\\"``, and a
    backslash ``\\\\`` where it would otherwise be read as an escape (before a
    quote or a backslash, or last). Amounts have a decimal point and two
    decimals (``-1234.50``); an amount with more decimals is refused
    (:class:`ValueError`): round it first. Quantities are written as they
    are. Dates are ``YYYYMMDD``.

Texts
    Every field is made encodable in CP437 by
    :func:`~finsam_ledger.sie.encoding.transliterate` (the rule is there:
    ``–`` → ``-``, ``’`` → ``'``, ``€`` → ``EUR``, ``…`` → ``...``, a
    diacritic CP437 lacks is dropped, otherwise ``?``). Free texts (names,
    voucher and row texts, the fields of kept records) are then cut to
    :data:`TEXT_LIMIT` characters. The specification sets no length; 100
    keeps every text of the shared samples (the longest is 56) and a
    sentence-long Beancount narration whole, and each line short. Pass
    ``text_limit`` to an importer's own limit.

``ksumma=True`` adds the checksum (:mod:`finsam_ledger.sie.ksumma`): an
empty ``#KSUMMA`` after ``#FLAGGA`` and ``#KSUMMA <crc>`` last. Without
``#PROGRAM`` the program is finsam-ledger; without ``#GEN`` the date is
today's.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Literal

from finsam_ledger import __version__
from finsam_ledger.sie import ksumma as checksum
from finsam_ledger.sie.encoding import CP437, transliterate
from finsam_ledger.sie.lexer import records
from finsam_ledger.sie.model import Balance, Field, ObjectList, SieFile, Transaction, Voucher

TEXT_LIMIT = 100
"""The longest free text written, in characters (CP437 has one byte a character)."""

NEWLINE = "\r\n"

_IDENTIFICATION = (
    *("#PROSA", "#FTYP", "#FNR", "#ORGNR", "#BKOD", "#ADRESS", "#FNAMN", "#RAR"),
    *("#TAXAR", "#OMFATTN", "#KPTYP", "#VALUTA"),
)
_BALANCES_ONLY = frozenset(("#PBUDGET",))
_QUOTE_IF = frozenset(' \t"{}')
_ORE = Decimal("0.01")


def write(
    sie: SieFile,
    *,
    kind: Literal["E", "I"] = "E",
    ksumma: bool = False,
    text_limit: int = TEXT_LIMIT,
) -> bytes:
    """The file as SIE 4E (``kind="E"``) or 4I bytes in CP437 (see the module)."""
    lines = _Writer(text_limit).lines(sie, kind)
    if ksumma:
        summed = checksum.crc(records("\n".join(lines[1:])))
        lines = [lines[0], checksum.LABEL, *lines[1:], f"{checksum.LABEL} {summed}"]
    return "".join(line + NEWLINE for line in lines).encode(CP437)


def quote(value: str) -> str:
    """A field as written: quoted (and escaped) only where it must be."""
    if value and not any(char in _QUOTE_IF for char in value):
        return value
    escaped: list[str] = []
    for at, char in enumerate(value):
        if char == '"':
            escaped.append('\\"')
        elif char == "\\" and (at + 1 == len(value) or value[at + 1] in '"\\'):
            escaped.append("\\\\")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def amount(value: Decimal) -> str:
    """An amount with a decimal point and two decimals; more decimals are a ValueError."""
    if value != value.quantize(_ORE):
        raise ValueError(f"the amount {value} has more than two decimals: round it first")
    return "0.00" if value == 0 else f"{value:.2f}"


class _Writer:
    def __init__(self, text_limit: int) -> None:
        self.limit = text_limit

    def code(self, value: str) -> str:
        """An identifier, number or code: never cut."""
        return quote(transliterate(value))

    def text(self, value: str) -> str:
        """A free text: cut to the limit."""
        value = transliterate(value)
        if len(value) > self.limit:
            value = value[: self.limit].rstrip()
        return quote(value)

    def lines(self, sie: SieFile, kind: Literal["E", "I"]) -> list[str]:
        program = sie.program or ("finsam-ledger", __version__)
        gen = sie.gen or datetime.date.today()
        lines = [
            f"#FLAGGA {sie.flagga}",
            _record("#PROGRAM", [self.text(program[0]), *map(self.code, program[1:])]),
            "#FORMAT PC8",
            _record("#GEN", [_date(gen), self.code(sie.gen_sign) if sie.gen_sign else None]),
            "#SIETYP 4",
        ]
        lines += self.identification(sie)
        lines += self.chart(sie)
        if kind == "E":
            lines += self.balances(sie)
        for voucher in sie.vouchers:
            lines += self.voucher(voucher)
        return lines

    def identification(self, sie: SieFile) -> list[str]:
        ranked: list[tuple[int, str]] = []
        if sie.orgnr:
            fields = [self.code(sie.orgnr), *map(self.code, sie.orgnr_extra)]
            ranked.append((_IDENTIFICATION.index("#ORGNR"), _record("#ORGNR", fields)))
        company = _record("#FNAMN", [self.text(sie.company)])
        ranked.append((_IDENTIFICATION.index("#FNAMN"), company))
        for year, (start, end) in sorted(sie.years.items(), reverse=True):
            line = _record("#RAR", [str(year), _date(start), _date(end)])
            ranked.append((_IDENTIFICATION.index("#RAR"), line))
        for record in sie.other:
            label = record.label.upper()
            if label in _BALANCES_ONLY:
                continue
            known = label in _IDENTIFICATION
            rank = _IDENTIFICATION.index(label) if known else len(_IDENTIFICATION)
            ranked.append((rank, _record(record.label, self.fields(record.fields))))
        return [line for _, line in sorted(ranked, key=lambda pair: pair[0])]

    def fields(self, fields: Iterable[Field]) -> list[str]:
        return [
            self.text(item) if isinstance(item, str) else _objects_of(item, self.code)
            for item in fields
        ]

    def chart(self, sie: SieFile) -> list[str]:
        lines: list[str] = []
        for dim, dimension in sie.dimensions.items():
            if dimension.parent is None:
                lines.append(_record("#DIM", [str(dim), self.text(dimension.name)]))
            else:
                fields = [str(dim), self.text(dimension.name), str(dimension.parent)]
                lines.append(_record("#UNDERDIM", fields))
        for (dim_of, item), name in sie.objects.items():
            lines.append(_record("#OBJEKT", [str(dim_of), self.code(item), self.text(name)]))
        for number, account in sie.accounts.items():
            lines.append(_record("#KONTO", [self.code(number), self.text(account.name)]))
            if account.type:
                lines.append(_record("#KTYP", [self.code(number), self.code(account.type)]))
            if account.unit:
                lines.append(_record("#ENHET", [self.code(number), self.text(account.unit)]))
            for code in account.sru:
                lines.append(_record("#SRU", [self.code(number), self.code(code)]))
        return lines

    def balances(self, sie: SieFile) -> list[str]:
        lines: list[str] = []
        for label, plain in (("#IB", sie.ib), ("#UB", sie.ub)):
            for (year, number), balance in plain.items():
                lines.append(self.balance(label, [str(year), self.code(number)], balance))
        for label, by_object in (("#OIB", sie.oib), ("#OUB", sie.oub)):
            for (year, number, objects), balance in by_object.items():
                fields = [str(year), self.code(number), self.objects(objects)]
                lines.append(self.balance(label, fields, balance))
        for (year, number), balance in sie.res.items():
            lines.append(self.balance("#RES", [str(year), self.code(number)], balance))
        for (year, period, number, objects), balance in sie.psaldo.items():
            fields = [str(year), period, self.code(number), self.objects(objects)]
            lines.append(self.balance("#PSALDO", fields, balance))
        for record in sie.other:
            if record.label.upper() in _BALANCES_ONLY:
                lines.append(_record(record.label, self.fields(record.fields)))
        return lines

    def balance(self, label: str, fields: list[str], balance: Balance) -> str:
        return _record(label, [*fields, amount(balance.amount), _quantity(balance.quantity)])

    def objects(self, objects: ObjectList) -> str:
        items = [part for dim, item in objects for part in (str(dim), item)]
        return _objects_of(items, self.code)

    def voucher(self, voucher: Voucher) -> list[str]:
        head = [
            self.code(voucher.series),
            self.code(voucher.number),
            _date(voucher.date),
            self.text(voucher.text) if voucher.text else None,
            _date(voucher.regdate) if voucher.regdate else None,
            self.code(voucher.sign) if voucher.sign else None,
        ]
        lines = [_record("#VER", head), "{"]
        for position in range(len(voucher.transactions) + 1):
            for correction in voucher.corrections:
                if correction.position == position:
                    lines.append(self.row(f"#{correction.kind}", correction.transaction))
            if position < len(voucher.transactions):
                lines.append(self.row("#TRANS", voucher.transactions[position]))
        lines.append("}")
        return lines

    def row(self, label: str, row: Transaction) -> str:
        fields = [
            self.code(row.account),
            self.objects(row.objects),
            amount(row.amount),
            _date(row.date),
            self.text(row.text) if row.text else None,
            _quantity(row.quantity),
            self.code(row.sign) if row.sign else None,
        ]
        return "\t" + _record(label, fields)


def _record(label: str, fields: Sequence[str | None]) -> str:
    """A record line: trailing missing fields left out, missing ones before a given one ``""``."""
    given = list(fields)
    while given and given[-1] is None:
        given.pop()
    return " ".join([label, *('""' if field is None else field for field in given)])


def _objects_of(items: Iterable[str], code: Callable[[str], str]) -> str:
    return "{" + " ".join(code(item) for item in items) + "}"


def _date(day: datetime.date) -> str:
    return f"{day:%Y%m%d}"


def _quantity(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return "0" if value == 0 else text

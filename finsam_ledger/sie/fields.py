"""The fields of one record as values: texts, integers, dates, amounts, accounts, objects.

Each field that is missing or is not what the record needs is a
:class:`~finsam_ledger.sie.model.SieError` on the record's line, naming the
record, the field and the value. Dates are ``YYYYMMDD``, periods ``YYYYMM``;
amounts have a decimal point (no comma, no thousands separator), an optional
leading sign and any number of decimals (money has at most two, quantities
may have more); account numbers are digits.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from finsam_ledger.sie.model import Field, ObjectList, Record, SieError

_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)")
# Amounts beyond this are no bookkeeping amounts (and overflow exact sums): refused.
LARGEST = Decimal(10) ** 15
_DIGITS = re.compile(r"\d+")


class Fields:
    """The fields of a record, read one by one (``index`` 0 is the first after the label)."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.label = record.label.upper()
        self.line = record.line

    def fault(self, reason: str) -> SieError:
        """A :class:`SieError` on this record's line."""
        return SieError(self.line, f"{self.label}: {reason}")

    def _get(self, index: int, name: str, required: bool) -> Field | None:
        fields = self.record.fields
        if index < len(fields):
            return fields[index]
        if required:
            raise self.fault(f"the field {name} is missing")
        return None

    def text(self, index: int, name: str, *, required: bool = True) -> str:
        """A field as a string ("" when an optional field is missing)."""
        value = self._get(index, name, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.fault(f"{name} is an object list {{…}}, not a value")
        return value

    def rest(self, index: int) -> tuple[str, ...]:
        """The fields from ``index`` on, as strings."""
        return tuple(self.text(at, "field") for at in range(index, len(self.record.fields)))

    def integer(self, index: int, name: str) -> int:
        """A whole number: a year number (0, -1), a dimension, a flag."""
        value = self.text(index, name)
        if not re.fullmatch(r"[-+]?\d+", value):
            raise self.fault(f"{name} {value!r} is not a whole number")
        return int(value)

    def date(self, index: int, name: str) -> datetime.date:
        """A date ``YYYYMMDD``."""
        value = self.text(index, name)
        day = parse_date(value)
        if day is None:
            raise self.fault(f"{name} {value!r} is not a date (YYYYMMDD)")
        return day

    def optional_date(self, index: int, name: str) -> datetime.date | None:
        """A date that may be missing or empty (``""``)."""
        if not self.text(index, name, required=False):
            return None
        return self.date(index, name)

    def period(self, index: int, name: str) -> str:
        """A period ``YYYYMM``."""
        value = self.text(index, name)
        day = parse_date(value + "01") if len(value) == 6 else None
        if day is None:
            raise self.fault(f"{name} {value!r} is not a period (YYYYMM)")
        return value

    def amount(self, index: int, name: str) -> Decimal:
        """An amount: ``-1234.50``, ``17240``."""
        value = self.text(index, name)
        if not _NUMBER.fullmatch(value):
            raise self.fault(f"{name} {value!r} is not a number")
        number = Decimal(value)
        if abs(number) >= LARGEST:
            raise self.fault(f"{name} {value} is too large for an amount (at most 15 digits)")
        return number

    def optional_amount(self, index: int, name: str) -> Decimal | None:
        """An amount (a quantity) that may be missing or empty."""
        if not self.text(index, name, required=False):
            return None
        return self.amount(index, name)

    def account(self, index: int) -> str:
        """An account number: digits."""
        value = self.text(index, "account")
        if not _DIGITS.fullmatch(value):
            raise self.fault(f"the account number {value!r} is not a number")
        return value

    def objects(self, index: int) -> ObjectList:
        """An object list ``{dim obj …}`` as (dimension, object) pairs."""
        value = self._get(index, "object list", True)
        if not isinstance(value, tuple):
            raise self.fault(f"{value!r} where the object list {{…}} should be")
        if len(value) % 2:
            listed = " ".join(value)
            raise self.fault(f"the object list {{{listed}}} is not pairs of dim and object")
        pairs: list[tuple[int, str]] = []
        for dim, item in zip(value[::2], value[1::2], strict=True):
            if not re.fullmatch(r"\d+", dim):
                raise self.fault(f"the dimension {dim!r} in the object list is not a number")
            pairs.append((int(dim), item))
        return tuple(pairs)


def parse_date(value: str) -> datetime.date | None:
    """``YYYYMMDD`` as a date; None if it is not one."""
    if not re.fullmatch(r"\d{8}", value):
        return None
    try:
        return datetime.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None

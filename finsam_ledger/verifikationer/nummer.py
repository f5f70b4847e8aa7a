"""The ``ver`` metadata of a transaction: its voucher series and number.

``ver: "A 12"``: the series (one to ten letters or digits, no space; the
project's own series is ``A``) and the number (a positive whole number, no
leading zero), separated by one space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

KEY = "ver"
"""The transaction metadata key of the voucher number."""
DEFAULT_SERIE = "A"

_PATTERN = re.compile(r"([0-9A-Za-zÅÄÖåäö]{1,10}) ([1-9][0-9]{0,8})")


@dataclass(frozen=True, order=True)
class Verifikationsnummer:
    """A voucher's series and number."""

    serie: str
    nummer: int

    def __str__(self) -> str:
        return f"{self.serie} {self.nummer}"


class OgiltigtNummer(ValueError):
    """A ``ver`` value that is not a series and a number; the message says what to write."""


def parse(value: Any) -> Verifikationsnummer:
    """The number a ``ver`` value states; :class:`OgiltigtNummer` if it is malformed."""
    if isinstance(value, str):
        found = _PATTERN.fullmatch(value.strip())
        if found:
            return Verifikationsnummer(found.group(1), int(found.group(2)))
    raise OgiltigtNummer(
        f'{KEY} {value!r} is not a series and a number; write e.g. {KEY}: "{DEFAULT_SERIE} 12"'
    )


def of(meta: Any) -> Verifikationsnummer | None:
    """The number in an entry's metadata, ``None`` without one (malformed: raises)."""
    if not meta or KEY not in meta:
        return None
    return parse(meta[KEY])

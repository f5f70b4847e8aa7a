"""``#KSUMMA``: the checksum that shows a SIE file was not changed after export.

An empty ``#KSUMMA`` (right after ``#FLAGGA``) opens the checksum; the last
record, ``#KSUMMA <number>``, closes it. The number is CRC-32 (polynomial
0xEDB88320, initial value and final XOR 0xFFFFFFFF: :func:`zlib.crc32`) of
every record between the two, each contributing its label and then its
fields, as CP437 bytes, with nothing between them: no separators, no
enclosing quotes (an escaped ``\\"`` counts as ``"``), no braces (an object
list's items count, ``{`` and ``}`` do not). Both ``#KSUMMA`` records are
left out. The number is written unsigned; a negative one (a 32-bit signed
integer) is read as the same 32 bits.

So a changed label, number, date or text changes the checksum; changed
spacing, quoting or line ends do not, by the specification's design. A file
in another encoding than CP437 is summed in its own encoding.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from finsam_ledger.sie.encoding import CP437, decode
from finsam_ledger.sie.lexer import records
from finsam_ledger.sie.model import Record, SieError

LABEL = "#KSUMMA"


@dataclass(frozen=True)
class Ksumma:
    """A file's checksum: the number it declares, the one its records give, the closing line."""

    declared: int
    computed: int
    line: int

    @property
    def ok(self) -> bool:
        """Whether the file is as it was when the checksum was written."""
        return self.declared == self.computed


def crc(summed: Iterable[Record], encoding: str = CP437) -> int:
    """The CRC-32 of the records, as ``#KSUMMA`` sums them."""
    value = 0
    for record in summed:
        if record.label in ("{", "}"):
            continue
        value = zlib.crc32(record.label.encode(encoding), value)
        for item in record.fields:
            for text in (item,) if isinstance(item, str) else item:
                value = zlib.crc32(text.encode(encoding), value)
    return value


def find(read: Sequence[Record], encoding: str = CP437) -> Ksumma | None:
    """The checksum of a file's records; None if it has no ``#KSUMMA``.

    An opening ``#KSUMMA`` without a closing one (a file cut short), or a
    closing one whose field is not a number, is a :class:`SieError`.
    """
    marks = [index for index, record in enumerate(read) if record.label.upper() == LABEL]
    if not marks:
        return None
    first, last = marks[0], marks[-1]
    if len(marks) == 1 or not read[last].fields:
        raise SieError(
            read[first].line, "#KSUMMA opens a checksum but no #KSUMMA closes it: file cut short?"
        )
    closing = read[last]
    value = closing.fields[0]
    if not isinstance(value, str) or not value.lstrip("-").isdigit():
        raise SieError(closing.line, f"#KSUMMA {value!r} is not a number")
    return Ksumma(int(value) % 2**32, crc(read[first + 1 : last], encoding), closing.line)


def verify(data: bytes) -> bool:
    """Whether the file's ``#KSUMMA`` is right; a file without one is a :class:`SieError`."""
    text, encoding = decode(data)
    found = find(list(records(text)), encoding)
    if found is None:
        raise SieError(0, "the file has no #KSUMMA")
    return found.ok

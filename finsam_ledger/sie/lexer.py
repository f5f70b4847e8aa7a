"""SIE text to records: lines, labels, fields, quotes and object lists.

A record is one line: a label (``#TRANS``, kept as written; readers compare
it in capitals) and fields separated by spaces or tabs. A field is quoted
(``"Hyra jan"``) or not (``1930``); inside quotes
``\\"`` is a quote and ``\\\\`` a backslash (any other backslash is itself).
``{…}`` is an object list, whose items are fields too. ``{`` and ``}`` alone
on a line open and close a voucher's rows: they are records with the label
``{`` or ``}`` and no fields. Lines end in LF or CR LF; blank lines are
skipped, and so is a DOS end-of-file mark (Ctrl-Z) on the last line. A
line that does not start with ``#`` (or is not a brace), an unclosed quote
or object list, and a control character other than a tab are a
:class:`~finsam_ledger.sie.model.SieError` on their line.
"""

from __future__ import annotations

from collections.abc import Iterator

from finsam_ledger.sie.model import Field, Record, SieError

_BLANK = " \t"
_EOF_MARK = "\x1a"


def records(text: str) -> Iterator[Record]:
    """The records of a decoded SIE file, in order, each with its line number."""
    end = text.rstrip("\r\n")
    if end.endswith(_EOF_MARK):
        text = end.rstrip(_EOF_MARK)
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        stripped = line.strip(_BLANK)
        if not stripped:
            continue
        for char in stripped:
            if char != "\t" and (ord(char) < 32 or ord(char) == 127):
                raise SieError(number, f"a control character (code {ord(char)}) in the line")
        if stripped in ("{", "}"):
            yield Record(stripped, (), number)
            continue
        if not stripped.startswith("#"):
            raise SieError(number, f"not a record: {_shorten(stripped)!r} has no #label")
        fields = split(stripped, number)
        label = fields[0]
        if not isinstance(label, str) or len(label) < 2:
            raise SieError(number, "a record without a label after #")
        yield Record(label, tuple(fields[1:]), number)


def split(line: str, number: int) -> list[Field]:
    """The fields of one line (the label is the first)."""
    fields: list[Field] = []
    position = 0
    while position < len(line):
        char = line[position]
        if char in _BLANK:
            position += 1
        elif char == "{":
            items, position = _object_list(line, position + 1, number)
            fields.append(items)
        elif char == '"':
            text, position = _quoted(line, position + 1, number)
            fields.append(text)
        else:
            end = position
            while end < len(line) and line[end] not in _BLANK:
                end += 1
            fields.append(line[position:end])
            position = end
    return fields


def _object_list(line: str, position: int, number: int) -> tuple[tuple[str, ...], int]:
    items: list[str] = []
    while position < len(line):
        char = line[position]
        if char in _BLANK:
            position += 1
        elif char == "}":
            return tuple(items), position + 1
        elif char == '"':
            text, position = _quoted(line, position + 1, number)
            items.append(text)
        else:
            end = position
            while end < len(line) and line[end] not in _BLANK + "}":
                end += 1
            items.append(line[position:end])
            position = end
    raise SieError(number, "an object list without its closing }")


def _quoted(line: str, position: int, number: int) -> tuple[str, int]:
    text: list[str] = []
    while position < len(line):
        char = line[position]
        if char == "\\" and position + 1 < len(line) and line[position + 1] in '"\\':
            text.append(line[position + 1])
            position += 2
        elif char == '"':
            return "".join(text), position + 1
        else:
            text.append(char)
            position += 1
    raise SieError(number, "a quoted field without its closing quote")


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

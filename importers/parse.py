"""Robust parsing of what Swedish bank files contain: text encodings, lines, amounts, dates.

Every parser raises :class:`ValueError` (a :class:`ParseError` where it knows
the line) with a reason a person can act on; readers turn it into an
:class:`~finsam_ledger.importers.model.ImportFault` naming the file and line.
The same rules hold for every reader: text is decoded by :func:`decode`
(which refuses a file that mixes encodings), split into lines by
:func:`split_lines`, cleaned of control characters by :func:`clean`, amounts
read by :func:`amount` and :func:`cents`, and a workbook is looked at by
:func:`check_zip` before it is opened.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import IO

# Spaces banks and spreadsheets put between thousands.
_SPACES = str.maketrans("", "", " \u00a0\u2009\u202f\u2007")
_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-"})
_NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")
# The common case, read without the general rules: at most MAX_DIGITS digits.
_PLAIN = {
    ".": re.compile(r"-?[0-9]{1,16}(\.[0-9][0-9])?"),
    ",": re.compile(r"-?[0-9]{1,16}(,[0-9][0-9])?"),
}
_CENT = Decimal("0.01")
MAX_DIGITS = 16
"""An amount has at most this many digits before the decimal sign (BgMax's 18 digits of öre)."""

# UTF-8 read as a single-byte encoding: a lead byte Â/Ã (U+0080-U+00FF: å, ä, ö, é,
# no-break space) or â€ (– — ’ €) followed by what a continuation byte reads as in
# cp1252 or ISO-8859-1. No Swedish text has these pairs; mojibake always does.
_CONTINUATION = "\u0080-\u00bf" + bytes(range(0x80, 0xA0)).decode("cp1252", "ignore")
_MOJIBAKE = re.compile(f"[ÂÃ][{_CONTINUATION}]|â[€\u0080][{_CONTINUATION}]")
_GARBLED = frozenset(bytes(range(0x80, 0x100)).decode("cp1252", "ignore")) | frozenset(
    chr(code) for code in range(0x80, 0x100)
)

# Characters that are no text: control characters (Cc) and line or paragraph
# separators (Zl, Zp) become a space; NUL, format characters (Cf: byte-order
# marks, zero-width spaces, bidirectional overrides, soft hyphens) and lone
# surrogates (Cs) are removed.
_AS_SPACE = ("Cc", "Zl", "Zp")
_REMOVED = ("Cf", "Cs")

# A workbook is a zip: bank exports unpack to a few megabytes at most.
MAX_UNPACKED = 50 * 1024 * 1024
MAX_RATIO = 100
LARGE_MEMBER = 1024 * 1024


class ParseError(ValueError):
    """A value or file that does not parse; ``line`` (1-based) where the parser knows it."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.line = line


def line_of(text: str, position: int) -> int:
    """The 1-based line of a position in a text (CRLF, LF or CR line ends)."""
    before = text[:position]
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def decode(
    raw: bytes, encodings: Sequence[str] = ("utf-8", "cp1252"), *, strict: bool = True
) -> tuple[str, str]:
    """Bytes to text: a UTF-8 BOM wins; else the first encoding that decodes cleanly.

    Returns the text (without BOM) and the encoding used. cp1252 decodes
    ISO-8859-1 text the same for Swedish letters; ISO-8859-15 differs only in
    a few symbols (€).

    A file that mixes encodings (a UTF-8 row in a cp1252 file would read as
    ``JÃ–NKÃ–PING``; a cp1252 row in a UTF-8 file makes the whole file read
    so) is refused at the line that differs from the rest, and a file that
    no encoding decodes at the line where the one that gets furthest stops:
    nothing is guessed. ``strict=False`` is for recognising a file by its
    header: nothing is refused; unless the first encoding decodes the whole
    file, each line is decoded by the first encoding that decodes it (bytes
    that none does are replaced), so that a broken row does not hide the
    header.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        candidates: Sequence[str] = ("utf-8",)
        raw = raw[3:]
        label = "utf-8-sig"
    else:
        candidates, label = encodings, ""
    if not strict:
        return _decode_lines(raw, candidates), label or candidates[0]
    failures: list[UnicodeDecodeError] = []
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            failures.append(exc)
            continue
        if _is_single_byte(encoding):
            _refuse_mixing(raw, text, encoding)
        return text, label or encoding
    furthest = max(failures, key=lambda failure: failure.start)
    before = raw[: furthest.start]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    byte = raw[furthest.start : furthest.start + 1].hex()
    names = " or ".join(candidates)
    raise ParseError(f"cannot decode the file as {names}: byte 0x{byte} on this line", line)


def _decode_lines(raw: bytes, encodings: Sequence[str]) -> str:
    """The whole file in the first encoding, else line by line in whichever decodes it."""
    try:
        return raw.decode(encodings[0])
    except UnicodeDecodeError:
        pass
    decoded = []
    for line in raw.splitlines(keepends=True):
        for encoding in encodings:
            try:
                decoded.append(line.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
        else:
            decoded.append(line.decode(encodings[-1], "replace"))
    return "".join(decoded)


def _is_single_byte(encoding: str) -> bool:
    try:
        return len("ö".encode(encoding)) == 1
    except (UnicodeError, LookupError):
        return False


def _refuse_mixing(raw: bytes, text: str, encoding: str) -> None:
    """A single-byte text with UTF-8 in it: refused at the line in the minority encoding."""
    found = _MOJIBAKE.search(text)
    if found is None:
        return
    utf8: list[int] = []
    other: list[int] = []
    lines = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    for number, line in enumerate(lines, start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8.append(number)
        except UnicodeDecodeError:
            other.append(number)
    if other and len(other) < len(utf8):
        line_number = other[0]
        what = f"this line is {encoding}, while the rest of the file is UTF-8"
    else:
        line_number = utf8[0] if utf8 else line_of(text, found.start())
        word = _garbled_word(split_lines(text)[line_number - 1]) or found.group()
        what = f"{word!r} on this line is UTF-8, while the rest of the file is {encoding}"
    raise ParseError(f"the file mixes encodings: {what}; save it in one encoding", line_number)


def _garbled_word(line: str) -> str:
    """The first word of a line that holds UTF-8 read as a single-byte encoding."""
    found = _MOJIBAKE.search(line)
    if found is None:
        return ""
    start, end = found.start(), found.end()
    while start > 0 and _in_word(line[start - 1]):
        start -= 1
    while end < len(line) and _in_word(line[end]):
        end += 1
    return line[start:end]


def _in_word(char: str) -> bool:
    return char.isalnum() or char in _GARBLED


def split_lines(text: str) -> list[str]:
    """The lines of a text, split at CRLF, LF and CR only (as editors number them).

    ``str.splitlines`` also splits at form feeds, ``\\x1c``–``\\x1e``, NEL and
    U+2028, which may stand inside a field.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and not lines[-1]:
        lines.pop()
    return lines


def clean(text: str) -> str:
    """Text without control characters: NUL, BOM and other format characters removed,
    control characters and line separators as a space."""
    if text.isprintable():  # the common case, fast
        return text
    kept = []
    for char in text:
        if char.isprintable():
            kept.append(char)
            continue
        if char == "\x00":
            continue
        category = unicodedata.category(char)
        if category in _AS_SPACE:
            kept.append(" ")
        elif category not in _REMOVED:
            kept.append(char)  # e.g. a no-break space
    return "".join(kept).strip()


def cents(value: Decimal, shown: object, tolerance: Decimal = Decimal(0)) -> Decimal:
    """An exact amount as kronor with two decimals.

    ``shown`` is what the file wrote, for the message. Refused: not a finite
    number, :data:`MAX_DIGITS` digits or more before the decimal sign, and
    fractions of an öre (beyond ``tolerance``, for the binary noise of a
    spreadsheet's floats).
    """
    if not value.is_finite():
        raise ValueError(f"not an amount: {shown!r}")
    if value and value.adjusted() >= MAX_DIGITS:
        raise ValueError(
            f"amount {shown!r} has more than {MAX_DIGITS} digits before the decimal sign: "
            "not a bank amount"
        )
    rounded = value.quantize(_CENT)
    if abs(value - rounded) > tolerance:
        raise ValueError(f"amount {shown!r} has fractions of an öre")
    return rounded


def amount(text: str, decimal: str = ",") -> Decimal:
    """A bank amount as Decimal.

    ``decimal`` is the file's decimal sign (``,`` or ``.``); the other one,
    if present, must be a thousands separator. Accepts spaces, no-break and
    thin spaces between thousands, a Unicode minus, a leading ``+``, a ``kr``
    or ``SEK`` suffix, and up to three decimals (SEB writes ``-253.520``).
    Digits are ASCII digits; at most :data:`MAX_DIGITS` before the decimal sign.
    """
    if _PLAIN[decimal].fullmatch(text):  # the common case, fast
        return Decimal(text.replace(",", ".")).quantize(_CENT)
    value = text.strip()
    for suffix in ("kr", "SEK"):
        if value.endswith(suffix):
            value = value[: -len(suffix)].rstrip()
    value = value.translate(_MINUS)
    spaced = re.split(r"[ \u00a0\u2009\u202f\u2007]+", value.lstrip("+-").split(decimal)[0])
    if len(spaced) > 1 and (
        not 1 <= len(spaced[0]) <= 3 or any(len(group) != 3 for group in spaced[1:])
    ):
        raise ValueError(f"not an amount: {text!r} (spaces must separate thousands)")
    value = value.translate(_SPACES)
    if not value:
        raise ValueError("empty amount")
    thousands = "." if decimal == "," else ","
    if decimal in value and thousands in value and value.index(thousands) > value.index(decimal):
        raise ValueError(f"not an amount: {text!r}")
    if thousands in value:
        groups = value.lstrip("+-").split(decimal)[0].split(thousands)
        if any(len(g) != 3 for g in groups[1:]) or not groups[0]:
            raise ValueError(f"not an amount: {text!r} (decimal sign {decimal!r})")
        value = value.replace(thousands, "")
    value = value.replace(decimal, ".")
    if not _NUMBER.match(value):
        raise ValueError(f"not an amount: {text!r} (decimal sign {decimal!r})")
    if "." in value and len(value.split(".")[1]) > 3:
        raise ValueError(f"not an amount: {text!r} (more than three decimals)")
    try:
        number = Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(f"not an amount: {text!r}") from None
    return cents(number, text)


def date(text: str, formats: Iterable[str] = ("%Y-%m-%d",)) -> datetime.date:
    """A date in one of the formats (``strptime`` codes), written in ASCII digits."""
    value = text.strip()
    if value.isascii():
        for fmt in formats:
            if fmt == "%Y-%m-%d" and len(value) == 10:
                try:
                    return datetime.date.fromisoformat(value)
                except ValueError:
                    continue
            try:
                return datetime.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
    raise ValueError(f"not a date: {text!r} (expected {' or '.join(formats)})")


def check_zip(source: str | IO[bytes]) -> None:
    """Refuse a zip (an XLSX workbook) that is not one, or would unpack to too much.

    Looks only at the zip's directory: more than :data:`MAX_UNPACKED` bytes in
    all, or a member over :data:`LARGE_MEMBER` bytes that unpacks to more than
    :data:`MAX_RATIO` times its packed size (a "zip bomb"; a bank's workbook
    unpacks to a few megabytes at ratios near 10). Python's zip reader never
    unpacks more than a member's declared size, so the check holds.
    """
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise ValueError(f"not an XLSX workbook (not a zip file: {exc})") from None
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED:
        raise ValueError(
            f"the workbook unpacks to {total // 1024 // 1024} MB (more than "
            f"{MAX_UNPACKED // 1024 // 1024} MB): not a bank export, not opened"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > LARGE_MEMBER and ratio > MAX_RATIO:
            raise ValueError(
                f"{member.filename} in the workbook unpacks to {ratio:.0f} times its size "
                f"(more than {MAX_RATIO}): not a bank export, not opened"
            )

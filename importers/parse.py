"""Robust parsing of what Swedish bank files contain: text encodings, amounts, dates.

Every parser raises :class:`ValueError` with a reason a person can act on;
readers turn it into an :class:`~finsam_ledger.importers.model.ImportFault`
naming the file and line.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

# Spaces banks and spreadsheets put between thousands.
_SPACES = str.maketrans("", "", " \u00a0\u2009\u202f\u2007")
_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-"})
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_PLAIN = {".": re.compile(r"-?\d+(\.\d\d)?"), ",": re.compile(r"-?\d+(,\d\d)?")}
_CENT = Decimal("0.01")


def decode(raw: bytes, encodings: Sequence[str] = ("utf-8", "cp1252")) -> tuple[str, str]:
    """Bytes to text: a UTF-8 BOM wins; else the first encoding that decodes cleanly.

    Returns the text (without BOM) and the encoding used. cp1252 decodes
    ISO-8859-1 text the same for Swedish letters; ISO-8859-15 differs only in
    a few symbols (€).
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    for encoding in encodings:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ValueError(f"cannot decode the file as {' or '.join(encodings)}")


def amount(text: str, decimal: str = ",") -> Decimal:
    """A bank amount as Decimal.

    ``decimal`` is the file's decimal sign (``,`` or ``.``); the other one,
    if present, must be a thousands separator. Accepts spaces, no-break and
    thin spaces between thousands, a Unicode minus, a leading ``+``, a ``kr``
    or ``SEK`` suffix, and up to three decimals (SEB writes ``-253.520``).
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
    if number != number.quantize(Decimal("0.01")):
        raise ValueError(f"amount {text!r} has fractions of an öre")
    return number.quantize(Decimal("0.01"))


def date(text: str, formats: Iterable[str] = ("%Y-%m-%d",)) -> datetime.date:
    """A date in one of the formats (``strptime`` codes)."""
    value = text.strip()
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

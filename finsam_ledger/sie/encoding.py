"""Bytes to text and text to CP437: which encoding a SIE file really has, and transliteration.

Reading
    SIE 4 declares ``#FORMAT PC8``: IBM code page 437. Files in UTF-8 or
    ISO-8859-15 circulate all the same, so :func:`decode` looks at the bytes:

    1. bytes that are valid UTF-8 and not all ASCII: UTF-8 (a UTF-8
       byte-order mark is dropped first) (CP437 text is almost never valid UTF-8: its Swedish
       letters are bytes 0x80–0x9F, which UTF-8 allows only after a lead byte);
    2. no byte in 0x80–0x9F, and read as ISO-8859-15 at least one of
       å ä ö Å Ä Ö é É ü Ü: ISO-8859-15 (CP437 has all ten in 0x80–0x9F, where
       ISO-8859-15 has only control codes);
    3. otherwise CP437, as declared.

    The reader reports anything but CP437 as a warning.

Writing
    :func:`transliterate` makes any text encodable in CP437, one character
    at a time: a character CP437 has is kept (å ä ö, é, ü, æ, ß, £, ½ …);
    typographic signs get their plain form (– — ‐ − → ``-``; ‘ ’ ‚ ′ →
    ``'``; “ ” „ ″ → ``"``; … → ``...``; € → ``EUR``; • → ``*``; × → ``x``;
    ø Ø ł Ł đ Đ ð Ð þ Þ œ Œ → o O l L d D d D th Th oe OE); any space
    (no-break, thin…) and any control character (tab, line break) becomes
    one space; invisible format characters (soft hyphen, zero-width space)
    are dropped; a letter with a diacritic CP437 lacks loses the diacritic
    (š → s, ą → a, ő → o, by Unicode decomposition); anything else becomes
    ``?``.
"""

from __future__ import annotations

import codecs
import unicodedata

CP437 = "cp437"
UTF8 = "utf-8"
LATIN9 = "iso8859-15"

_SWEDISH = frozenset("åäöÅÄÖéÉüÜ")

_PLAIN = {
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "−": "-",
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "′": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    "…": "...",
    "€": "EUR",
    "•": "*",
    "×": "x",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ð": "d",
    "Ð": "D",
    "þ": "th",
    "Þ": "Th",
    "œ": "oe",
    "Œ": "OE",
}


def decode(data: bytes) -> tuple[str, str]:
    """The text of a SIE file and the encoding it was read in (``cp437``, ``utf-8``…)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if not data.isascii():
        try:
            return data.decode(UTF8), UTF8
        except UnicodeDecodeError:
            pass
        if not any(0x80 <= byte <= 0x9F for byte in data):
            latin = data.decode(LATIN9)
            if any(char in _SWEDISH for char in latin):
                return latin, LATIN9
    return data.decode(CP437), CP437


def encodable(char: str) -> bool:
    """Whether CP437 has the character (a printable one: controls are not text)."""
    if unicodedata.category(char) == "Cc":
        return False
    try:
        char.encode(CP437)
    except UnicodeEncodeError:
        return False
    return True


def transliterate(text: str) -> str:
    """The text with every character CP437 lacks replaced (the rule is the module's)."""
    return "".join(_one(char) for char in text)


def _one(char: str) -> str:
    if char == " " or (char.isascii() and char.isprintable()):
        return char
    category = unicodedata.category(char)
    if category == "Cc" or category.startswith("Z"):
        return " "
    if category == "Cf":
        return ""
    if encodable(char):
        return char
    if char in _PLAIN:
        return _PLAIN[char]
    base = "".join(
        part
        for part in unicodedata.normalize("NFKD", char)
        if not unicodedata.combining(part) and encodable(part)
    )
    return base or "?"

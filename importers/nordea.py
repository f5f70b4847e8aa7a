"""Nordea netbank (private and Företag), the CSV export of an account's transactions.

All three layouts share these traits: UTF-8 with a byte-order mark, LF line
ends, ``;``-separated and unquoted, no preamble, newest row first. Amounts
have a decimal comma and no thousands separator (``-4200,00``); negative
is money out. ``Bokföringsdag`` is ``YYYY-MM-DD`` in files exported until
May 2022 and ``YYYY/MM/DD`` from July 2022 on; every layout accepts both.
Rows not booked yet carry the word ``Reserverat`` (one converter expects
``Reserverad``; both are accepted) instead of a date; they are skipped (they
come back with a date in a later export). ``Saldo``, the balance after the
row, can be empty on a booked row: the row is then identified by date,
amount, text and reference, and when the newest row has no balance the
import makes no balance assertion. ``Valuta`` must be the
same on every booked row and is the currency of the imported amounts.

What goes where: ``Namn`` is the counterparty (payee); ``Rubrik`` (from
2025 ``Ytterligare detaljer``) the text; ``Meddelande`` (OCR number,
invoice reference, or for an incoming Bankgiro deposit ``BG KONTOINS`` the
payer's bankgiro and name) the reference, so the narration reads
"text reference"; ``Egna anteckningar``, the user's own note, becomes the
``anteckning`` metadata. ``Avsändare`` and ``Mottagare`` (own account or
the payee's BG/PG number) are not used.

Readers:

* ``nordea-privat-2019``: private netbank 2019–2020,
  ``Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Rubrik;Saldo;Valuta``
  (no ``Meddelande``; the reference is empty).
* ``nordea-foretag-2021``: Nordea Företag 2021–2022,
  ``Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Rubrik;Meddelande;``
  ``Egna anteckningar;Saldo;Valuta`` (one line in the file).
* ``nordea-foretag-2025``: Nordea Företag 2025–,
  ``Bokföringsdag;Belopp;Avsändare;Mottagare;Namn;Ytterligare detaljer;``
  ``Meddelande;Egna anteckningar;Saldo;Valuta;`` (one line in the file),
  with a trailing ``;`` on every line, the header included (an empty last
  field); a file without the trailing ``;`` is read the same.

Column names follow the netbank's language; only the Swedish ones are
known here (an English or Finnish export is not identified).
"""

from __future__ import annotations

import re
from dataclasses import replace

from finsam_ledger.importers.csvformat import Column, CsvFormat, CsvReader
from finsam_ledger.importers.model import ImportFault, Statement

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d")
PENDING = ("Reserverat", "Reserverad")
_CURRENCY_KEY = "valuta"

HEADER_PRIVAT_2019 = (
    "Bokföringsdag",
    "Belopp",
    "Avsändare",
    "Mottagare",
    "Namn",
    "Rubrik",
    "Saldo",
    "Valuta",
)
HEADER_FORETAG_2021 = (
    "Bokföringsdag",
    "Belopp",
    "Avsändare",
    "Mottagare",
    "Namn",
    "Rubrik",
    "Meddelande",
    "Egna anteckningar",
    "Saldo",
    "Valuta",
)
# The trailing ";" makes an eleventh, empty field; sniff accepts empty cells
# after the named ones, so the header is given without it.
HEADER_FORETAG_2025 = (
    "Bokföringsdag",
    "Belopp",
    "Avsändare",
    "Mottagare",
    "Namn",
    "Ytterligare detaljer",
    "Meddelande",
    "Egna anteckningar",
    "Saldo",
    "Valuta",
)


def _pending(record: dict[Column, str]) -> bool:
    """A reserved (not yet booked) row: ``Reserverat`` in place of the booking day."""
    return record.get("Bokföringsdag", "").strip() in PENDING


class NordeaReader(CsvReader):
    """A :class:`CsvReader` that also takes the currency from the ``Valuta`` column."""

    def read(self, path: str) -> Statement:
        """All booked rows, oldest first, in the file's one currency."""
        statement = super().read(path)
        currencies: dict[str, int] = {}
        for row in statement.rows:
            currencies.setdefault(row.meta.get(_CURRENCY_KEY, ""), row.line)
        for code, line in currencies.items():
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise ImportFault(path, line, f"Valuta {code!r} is not a currency code like SEK")
        if len(currencies) > 1:
            first, *others = currencies
            raise ImportFault(
                path,
                currencies[others[0]],
                f"Valuta {others[0]} in a file of {first} rows; one account, one currency",
            )
        rows = tuple(
            replace(row, meta={k: v for k, v in row.meta.items() if k != _CURRENCY_KEY})
            for row in statement.rows
        )
        currency = next(iter(currencies), statement.currency)
        return replace(statement, rows=rows, currency=currency)


def _format(name: str, description: str, header: tuple[str, ...]) -> CsvFormat:
    text = "Ytterligare detaljer" if "Ytterligare detaljer" in header else "Rubrik"
    return CsvFormat(
        name=name,
        description=description,
        header=header,
        delimiter=";",
        decimal=",",
        date_formats=DATE_FORMATS,
        encodings=("utf-8", "cp1252"),
        date="Bokföringsdag",
        amount="Belopp",
        balance="Saldo",
        text=(text,),
        counterparty="Namn",
        reference="Meddelande" if "Meddelande" in header else None,
        skip=_pending,
        quoted=False,
        identity_by_balance=False,  # Saldo is sometimes empty on a booked row
        extra_meta={
            _CURRENCY_KEY: "Valuta",
            **({"anteckning": "Egna anteckningar"} if "Egna anteckningar" in header else {}),
        },
    )


NORDEA_PRIVAT_2019 = _format(
    "nordea-privat-2019",
    "Nordea netbank private (2019-2020): Bokföringsdag;Belopp;…;Namn;Rubrik;Saldo;Valuta",
    HEADER_PRIVAT_2019,
)
NORDEA_FORETAG_2021 = _format(
    "nordea-foretag-2021",
    "Nordea Företag (2021-2022): …;Namn;Rubrik;Meddelande;Egna anteckningar;Saldo;Valuta",
    HEADER_FORETAG_2021,
)
NORDEA_FORETAG_2025 = _format(
    "nordea-foretag-2025",
    "Nordea Företag (2025-): …;Namn;Ytterligare detaljer;Meddelande;…;Saldo;Valuta;",
    HEADER_FORETAG_2025,
)

READERS = (
    NordeaReader(NORDEA_PRIVAT_2019),
    NordeaReader(NORDEA_FORETAG_2021),
    NordeaReader(NORDEA_FORETAG_2025),
)

"""Swedbank (and the savings banks on its platform).

Two layouts, each its own reader:

* ``swedbank-2019``: ``Transaktioner_YYYY-MM-DD_HH-MM-SS.csv`` (from autumn
  2019): Windows-1252, a preamble line ``* Transaktioner Period …``, then the
  header ``Radnummer,Clearingnummer,…,Belopp,Bokfört saldo``; comma-separated,
  decimal point, newest row first. The account number is in the rows.
* ``swedbank-legacy``: the headerless ``export.csv`` before that: UTF-8,
  ``;``, columns text, transaction date, booking date, amount, balance, with
  space thousands and decimal comma; reserved amounts (``SKYDDAT BELOPP``,
  ``-`` as booking date) are not booked and are skipped.
"""

from __future__ import annotations

import datetime
import re

from finsam_ledger.importers.csvformat import Column, CsvFormat, CsvReader

_CREATED = re.compile(r"Skapad (\d{4}-\d{2}-\d{2})")


def _created(preamble: list[str]) -> datetime.date | None:
    """The export's creation date from ``* Transaktioner Period … Skapad 2021-04-01 09:15``."""
    match = _CREATED.search(preamble[0]) if preamble else None
    if match is None:
        return None
    try:
        return datetime.date.fromisoformat(match[1])
    except ValueError:
        raise ValueError(f"Skapad {match[1]} is not a date") from None


HEADER_2019 = (
    "Radnummer",
    "Clearingnummer",
    "Kontonummer",
    "Produkt",
    "Valuta",
    "Bokföringsdag",
    "Transaktionsdag",
    "Valutadag",
    "Referens",
    "Beskrivning",
    "Belopp",
    "Bokfört saldo",
)


def _legacy_reserved(record: dict[Column, str]) -> bool:
    return record.get(2, "").strip() == "-"


SWEDBANK_2019 = CsvFormat(
    name="swedbank-2019",
    description="Swedbank Transaktioner_*.csv (2019-): cp1252, preamble line, comma-separated",
    header=HEADER_2019,
    preamble=(r"^\* Transaktioner Period ",),
    delimiter=",",
    decimal=".",
    encodings=("utf-8", "cp1252"),
    date="Bokföringsdag",
    amount="Belopp",
    balance="Bokfört saldo",
    text=("Beskrivning",),
    counterparty="Referens",
    account_columns=("Clearingnummer", "Kontonummer"),
    created=_created,
    extra_meta={"transaktionsdag": "Transaktionsdag"},
)

SWEDBANK_LEGACY = CsvFormat(
    name="swedbank-legacy",
    description="Swedbank export.csv (before 2019): headerless, ';', decimal comma",
    header=None,
    columns=5,
    delimiter=";",
    decimal=",",
    date=2,
    amount=3,
    balance=4,
    text=(0,),
    skip=_legacy_reserved,
    extra_meta={"transaktionsdag": 1},
)


READERS = (CsvReader(SWEDBANK_2019), CsvReader(SWEDBANK_LEGACY))

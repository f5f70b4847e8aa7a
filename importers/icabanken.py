"""ICA Banken: the account export ``Datum;Text;Typ;Budgetgrupp;Belopp;Saldo``.

UTF-8 with BOM, ``;``-separated, no quoting, ISO dates, amounts with space
thousands, decimal comma and a `` kr`` suffix (``-1 000,00 kr``) in both
``Belopp`` and ``Saldo`` (the balance after the row); newest row first.

ICA's file does not say which account it is. Some people (and the
``owodunni/beancount-swe`` example) write the account number on a line of
its own above the header; two readers, so that either file is recognised:

* ``icabanken``: the file as the bank writes it;
* ``icabanken-kontonummer``: the same with an account-number line
  (``9274-261 123 8``: digits, spaces, dashes, dots) before the header,
  which becomes the statement's account number.
"""

from __future__ import annotations

import csv

from finsam_ledger.importers.csvformat import CsvFormat, CsvReader

HEADER = ("Datum", "Text", "Typ", "Budgetgrupp", "Belopp", "Saldo")

# An account number written by hand: digits with spaces, dashes or dots between
# them; trailing separators in case a spreadsheet saved it as ``9274-261 123 8;;;;;``.
ACCOUNT_LINE = r"^\s*\d[\d .\-]*\d\s*[;,]*\s*$"


def _account_line(lines: list[str]) -> str | None:
    if not lines:
        return None
    cells = next(csv.reader([lines[0]], delimiter=";"), [])
    return cells[0].strip() if cells and cells[0].strip() else None


def _format(name: str, description: str, preamble: tuple[str, ...]) -> CsvFormat:
    return CsvFormat(
        name=name,
        description=description,
        header=HEADER,
        preamble=preamble,
        delimiter=";",
        decimal=",",
        encodings=("utf-8", "cp1252"),
        date="Datum",
        amount="Belopp",
        balance="Saldo",
        text=("Text",),
        kind="Typ",
        account_number=_account_line if preamble else None,
    )


ICABANKEN = _format(
    "icabanken",
    "ICA Banken kontoutdrag (Datum;Text;Typ;Budgetgrupp;Belopp;Saldo), UTF-8, '-1 000,00 kr'",
    (),
)

ICABANKEN_KONTONUMMER = _format(
    "icabanken-kontonummer",
    "ICA Banken kontoutdrag with the account number written on a line above the header",
    (ACCOUNT_LINE,),
)


READERS = (CsvReader(ICABANKEN), CsvReader(ICABANKEN_KONTONUMMER))

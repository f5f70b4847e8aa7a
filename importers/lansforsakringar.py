"""Länsförsäkringar Bank: the account's transaction list (layout from December 2022).

Three lines about the account come first: a header
``"Kontonummer";"Kontonamn";"";"Saldo";"Tillgängligt belopp"``, its values
and a blank line; then the transactions under
``"Bokföringsdatum";"Transaktionsdatum";"Transaktionstyp";"Meddelande";"Belopp"``.
Every field is quoted, ``;``-separated; ISO dates; amounts with space
thousands and decimal comma (``"-44 134,00"``); newest row first.

The account number comes from the preamble. There is no balance per row,
so the import makes no balance assertion (the preamble's ``Saldo`` is the
balance when the file was made, on a day the file does not give). A row's
text is the transaction type and the message (``Kortköp ICA NÄRA``,
``Överföring 1234.56.789.13``).

The older layout (one header line, dates ``DD/MM/YY``) is not read.
"""

from __future__ import annotations

import csv

from finsam_ledger.importers.csvformat import CsvFormat, CsvReader

HEADER = ("Bokföringsdatum", "Transaktionsdatum", "Transaktionstyp", "Meddelande", "Belopp")

# The blank third line of the preamble is not a pattern: sniffing ignores blank lines.
PREAMBLE = (
    r'^"Kontonummer";"Kontonamn";"";"Saldo";"Tillgängligt belopp";?\s*$',
    r'^"[^"]*";',
)


def _account_number(preamble: list[str]) -> str | None:
    if len(preamble) < 2:
        return None
    cells = next(csv.reader([preamble[1]], delimiter=";"), [])
    return cells[0].strip() if cells and cells[0].strip() else None


LANSFORSAKRINGAR = CsvFormat(
    name="lansforsakringar",
    description="Länsförsäkringar transaktioner (2022-12-): account preamble, all quoted, ';'",
    header=HEADER,
    preamble=PREAMBLE,
    delimiter=";",
    decimal=",",
    encodings=("utf-8", "cp1252"),
    date="Bokföringsdatum",
    amount="Belopp",
    text=("Transaktionstyp", "Meddelande"),
    kind="Transaktionstyp",
    account_number=_account_number,
    extra_meta={"transaktionsdag": "Transaktionsdatum"},
)


READERS = (CsvReader(LANSFORSAKRINGAR),)

"""Danske Bank (Sweden), private accounts: ``Transaktioner-<kontonummer>-<YYYYMMDD>.csv``.

``"Bokföringsdag";"Specifikation";"Belopp";"Saldo";"Status";"Avstämt"``:
every field quoted, ``;``-separated, CRLF, a single-byte Latin encoding
(read as Windows-1252, which agrees with ISO-8859-1/-15 on Swedish letters;
ISO-8859-15 only if a byte is undefined in Windows-1252), ISO dates,
amounts with dot thousands and decimal comma (``"-2.500,00"``), ``Saldo``
the balance after the row; newest row first, no preamble.

The file does not hold the account number; the bank puts it in the file
name, and that is where the statement's account number comes from when
the name still has the bank's pattern. The file is recognised by its
header only.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from finsam_ledger.importers.csvformat import CsvFormat, CsvReader
from finsam_ledger.importers.model import Statement

HEADER = ("Bokföringsdag", "Specifikation", "Belopp", "Saldo", "Status", "Avstämt")

# Transaktioner-12345678901-20190821.csv, also with a prefix (an archive date)
# or an infix (``.edited``) added later.
FILE_NAME = re.compile(r"Transaktioner-(\d{6,})-\d{8}\b")

DANSKE = CsvFormat(
    name="danske-bank",
    description="Danske Bank Transaktioner-<konto>-<datum>.csv: all quoted, ';', '-2.500,00'",
    header=HEADER,
    delimiter=";",
    decimal=",",
    encodings=("utf-8", "cp1252", "iso-8859-15"),
    date="Bokföringsdag",
    amount="Belopp",
    balance="Saldo",
    text=("Specifikation",),
)


class DanskeReader(CsvReader):
    """The CSV format, plus the account number from the bank's file name."""

    def read(self, path: str) -> Statement:
        """All booked rows, oldest first; the account number from the file name if it has one."""
        statement = super().read(path)
        if statement.account_number is None:
            match = FILE_NAME.search(Path(path).name)
            if match:
                statement = dataclasses.replace(statement, account_number=match[1])
        return statement


READERS = (DanskeReader(DANSKE),)

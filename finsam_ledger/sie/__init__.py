"""SIE 4: the Swedish file format for moving bookkeeping between programs.

A SIE 4 file holds a company's chart of accounts, its opening and closing
balances (``#IB``, ``#UB``, ``#RES``) and its vouchers (``#VER`` with
``#TRANS`` rows). Type 4E is an export of a whole year with balances; 4I is
an import file of vouchers only (from a payroll or invoicing program, say).
The files are CP437 text, one record a line. This package reads, checks and
writes them; it knows nothing of Beancount, so it can be used on its own::

    from pathlib import Path
    from finsam_ledger import sie

    books = sie.read(Path("export.se").read_bytes())   # SieError if bad
    books.company, books.years[0], len(books.vouchers)
    Path("copy.se").write_bytes(sie.write(books, ksumma=True))

* :func:`read` (:mod:`~finsam_ledger.sie.reader`): bytes to a
  :class:`SieFile`; a bad file raises :class:`SieError` with the line and
  the reason; what was read but not as the specification says is in
  ``SieFile.warnings`` (a file in UTF-8 or ISO-8859-15 in spite of
  ``#FORMAT PC8``, an unknown record…).
* :func:`check` (:mod:`~finsam_ledger.sie.checks`): every voucher balances,
  ``#UB`` is ``#IB`` plus the year's transactions, ``#RES`` the year's
  transactions; :func:`read` raises the first problem unless
  ``strict=False``.
* :func:`verify` (:mod:`~finsam_ledger.sie.ksumma`): whether the file's
  ``#KSUMMA`` checksum is right.
* :func:`write` (:mod:`~finsam_ledger.sie.writer`): a :class:`SieFile` as
  SIE 4E or 4I in CP437, texts transliterated
  (:func:`transliterate`, :mod:`~finsam_ledger.sie.encoding`) and cut to
  :data:`TEXT_LIMIT` characters, with ``#KSUMMA`` if asked.

The records are frozen dataclasses (:mod:`~finsam_ledger.sie.model`), money
is :class:`~decimal.Decimal`, debit positive and credit negative as in SIE.
"""

from __future__ import annotations

from finsam_ledger.sie.checks import Problem, check
from finsam_ledger.sie.encoding import transliterate
from finsam_ledger.sie.ksumma import verify
from finsam_ledger.sie.model import (
    Account,
    Balance,
    Correction,
    Dimension,
    Record,
    SieError,
    SieFile,
    SieWarning,
    Transaction,
    Voucher,
)
from finsam_ledger.sie.reader import read
from finsam_ledger.sie.writer import TEXT_LIMIT, write

__all__ = [
    "TEXT_LIMIT",
    "Account",
    "Balance",
    "Correction",
    "Dimension",
    "Problem",
    "Record",
    "SieError",
    "SieFile",
    "SieWarning",
    "Transaction",
    "Voucher",
    "check",
    "read",
    "transliterate",
    "verify",
    "write",
]

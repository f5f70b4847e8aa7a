"""The auditor's listings of a year: huvudbok, verifikationslista, saldobalans.

Each is a :class:`Lista`: columns of a kind (text, date, amount) and rows,
amounts exact in kronor and öre (``Decimal``), so that they agree with the
reports and the SIE file to the öre. The renderers (XLSX, printable HTML:
:mod:`finsam_ledger.exports.listor`) only format them.

* **Huvudbok** (general ledger): per account in chart order, its opening
  balance, each posting of the year with date, voucher number, text and
  amount and the running balance, and its closing balance.
* **Verifikationslista** (journal): per voucher in date order, its number,
  date and text, then its postings with account and debit or credit.
* **Saldobalans** (trial balance): per account its opening balance, the
  year's debit and credit and its closing balance, with sums; the sums of
  the opening and the closing balances are zero and debit equals credit.

Balances follow Beancount's sign (debit positive), as SIE does. A result
account (intäkter, kostnader) opens every year at zero; the results of
earlier years open the year in eget kapital, on the account
:func:`~finsam_ledger.figures.saldo.balanserat_resultat_konto` names (as in
the SIE file's ``#IB``; on a row of their own, "Balanserat resultat från
tidigare år", if the ledger opens no such account), so that a year's
balances sum to zero before its result is closed. The ingående balans
(postings to the opening-balance account) is part of the opening balances,
not a voucher of the year.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from beancount.core import data

from finsam_ledger.figures.saldo import balanserat_resultat_konto
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.money import ZERO
from finsam_ledger.model.period import Period
from finsam_ledger.verifikationer import nummer

Slag = Literal["text", "datum", "belopp"]
Cell = str | datetime.date | Decimal | None
RadSlag = Literal["rubrik", "rad", "summa"]
TIDIGARE_RESULTAT = "Balanserat resultat från tidigare år"


@dataclass(frozen=True)
class Kolumn:
    """A column: its heading and the kind of its cells."""

    rubrik: str
    slag: Slag


@dataclass(frozen=True)
class Rad:
    """A row: one cell per column; a ``rubrik`` row heads a group, a ``summa`` row sums."""

    celler: tuple[Cell, ...]
    slag: RadSlag = "rad"


@dataclass(frozen=True)
class Lista:
    """A listing: ``key`` names its files, ``title`` heads it."""

    key: str
    title: str
    kolumner: tuple[Kolumn, ...]
    rader: tuple[Rad, ...]


def is_ingaende_balans(entry: data.Transaction, books: Books) -> bool:
    """Whether a transaction is an ingående balans (it posts to the opening-balance account)."""
    return any(p.account == books.chart.opening_account for p in entry.postings)


def verifikationer(books: Books, year: int) -> list[data.Transaction]:
    """The year's vouchers: its transactions but the ingående balans, in date and ledger order."""
    period = Period.year(year)
    found = [
        e
        for e in books.entries
        if isinstance(e, data.Transaction)
        and period.start <= e.date < period.end
        and not is_ingaende_balans(e, books)
    ]
    return sorted(found, key=data.entry_sortkey)


def text(entry: data.Transaction) -> str:
    """A voucher's text: payee and narration."""
    parts = [part.strip() for part in (entry.payee, entry.narration) if part and part.strip()]
    return ": ".join(parts)


def ver(entry: data.Transaction) -> str:
    """The voucher number as printed (blank without one)."""
    found = nummer.of(entry.meta)
    return str(found) if found is not None else ""


def konto(books: Books, account: str) -> str:
    """An account as the listings name it: its number and name."""
    placement = books.chart.placements.get(account)
    number = placement.konto if placement is not None else None
    return f"{number} {account}" if number else account


def _amount(posting: data.Posting) -> Decimal:
    assert posting.units is not None and posting.units.number is not None
    return Decimal(posting.units.number)


def _is_result(books: Books, account: str) -> bool:
    return books.chart.type_of(account) in (c.INCOME, c.EXPENSES)


def ingaende(books: Books, account: str, year: int) -> Decimal:
    """An account's opening balance of the year (a result account's: zero).

    The account of :func:`balanserat_resultat_konto` opens with the results
    of the years before as well.
    """
    if _is_result(books, account):
        return ZERO
    balance = books.balance(account, datetime.date(year, 1, 1))
    if account == balanserat_resultat_konto(books):
        balance += tidigare_resultat(books, year)
    return balance


def tidigare_resultat(books: Books, year: int) -> Decimal:
    """The results of the years before, as a balance (Beancount's sign: a surplus negative)."""
    day = datetime.date(year, 1, 1)
    return books.sum_balance(books.chart.of_type(c.INCOME, c.EXPENSES), day)


def _accounts(books: Books, year: int) -> list[str]:
    """The accounts with a balance or postings in the year, in account-number order.

    As the SIE file lists them and an auditor looks them up; accounts without
    a ``konto`` follow, in chart order.
    """
    period = Period.year(year)
    ordered = sorted(books.chart.ordered(), key=lambda p: (p.konto is None, p.konto or ""))
    return [
        p.account
        for p in ordered
        if ingaende(books, p.account, year)
        or books.change(p.account, period)
        or books.debits(p.account, period)
    ]


def huvudbok(books: Books, year: int) -> Lista:
    """The huvudbok of a year."""
    postings: dict[str, list[tuple[data.Transaction, Decimal]]] = {}
    for entry in verifikationer(books, year):
        for posting in entry.postings:
            postings.setdefault(posting.account, []).append((entry, _amount(posting)))
    rows: list[Rad] = []
    for account in _accounts(books, year):
        saldo = ingaende(books, account, year)
        rows.append(Rad((None, "", konto(books, account), None, None), "rubrik"))
        rows.append(Rad((datetime.date(year, 1, 1), "", "Ingående balans", None, saldo)))
        for entry, amount in postings.get(account, ()):
            saldo += amount
            rows.append(Rad((entry.date, ver(entry), text(entry), amount, saldo)))
        rows.append(Rad((datetime.date(year, 12, 31), "", "Utgående balans", None, saldo), "summa"))
    return Lista(
        "huvudbok",
        f"Huvudbok {year}",
        (
            Kolumn("Datum", "datum"),
            Kolumn("Ver.nr", "text"),
            Kolumn("Text", "text"),
            Kolumn("Belopp", "belopp"),
            Kolumn("Saldo", "belopp"),
        ),
        tuple(rows),
    )


def verifikationslista(books: Books, year: int) -> Lista:
    """The verifikationslista of a year: every voucher with its postings and their sums."""
    rows: list[Rad] = []
    debet_total = kredit_total = ZERO
    for entry in verifikationer(books, year):
        rows.append(Rad((ver(entry), entry.date, text(entry), None, None), "rubrik"))
        debet = kredit = ZERO
        for posting in entry.postings:
            amount = _amount(posting)
            if amount >= 0:
                debet += amount
            else:
                kredit -= amount
            rows.append(
                Rad(
                    (
                        "",
                        None,
                        konto(books, posting.account),
                        amount if amount >= 0 else None,
                        -amount if amount < 0 else None,
                    )
                )
            )
        debet_total += debet
        kredit_total += kredit
    rows.append(Rad(("", None, "Summa", debet_total, kredit_total), "summa"))
    return Lista(
        "verifikationslista",
        f"Verifikationslista {year}",
        (
            Kolumn("Ver.nr", "text"),
            Kolumn("Datum", "datum"),
            Kolumn("Text / konto", "text"),
            Kolumn("Debet", "belopp"),
            Kolumn("Kredit", "belopp"),
        ),
        tuple(rows),
    )


def saldobalans(books: Books, year: int) -> Lista:
    """The saldobalans of a year: opening balance, debit, credit, closing balance per account."""
    period = Period.year(year)
    rows: list[Rad] = []
    totals = [ZERO, ZERO, ZERO, ZERO]
    for account in _accounts(books, year):
        ib = ingaende(books, account, year)
        debet, kredit = books.debits(account, period), -books.credits(account, period)
        ub = ib + debet - kredit
        rows.append(Rad((konto(books, account), ib, debet, kredit, ub)))
        for i, value in enumerate((ib, debet, kredit, ub)):
            totals[i] += value
    earlier = tidigare_resultat(books, year)
    if earlier and balanserat_resultat_konto(books) is None:
        rows.append(Rad((TIDIGARE_RESULTAT, earlier, ZERO, ZERO, earlier)))
        totals[0] += earlier
        totals[3] += earlier
    rows.append(Rad(("Summa", *totals), "summa"))
    return Lista(
        "saldobalans",
        f"Saldobalans {year}",
        (
            Kolumn("Konto", "text"),
            Kolumn("Ingående balans", "belopp"),
            Kolumn("Debet", "belopp"),
            Kolumn("Kredit", "belopp"),
            Kolumn("Utgående balans", "belopp"),
        ),
        tuple(rows),
    )


def listor(books: Books, year: int) -> Sequence[Lista]:
    """The three listings of a year, in the order an auditor reads them."""
    return (saldobalans(books, year), huvudbok(books, year), verifikationslista(books, year))

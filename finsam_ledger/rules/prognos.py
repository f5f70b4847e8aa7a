"""Helårsprognos for a delårsrapport (RKR R17).

An account's forecast for the whole year is, in order: its latest
``prognos`` directive in the year dated on or before the report's end; else
its budget for the year; else nothing of its own if an ancestor account has
a forecast or budget (the ancestor's figure covers it); else its utfall so
far. The reports state which accounts are forecast at budget or at utfall.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from finsam_ledger.model.books import Books
from finsam_ledger.model.directives import Prognos
from finsam_ledger.model.money import ZERO
from finsam_ledger.model.period import Period

PROGNOS, BUDGET, INGAR, UTFALL = "prognos", "budget", "ingår", "utfall"


@dataclass(frozen=True)
class Helarsprognos:
    """A forecast (Beancount sign) and where it comes from."""

    amount: Decimal
    kalla: str


def _directive(books: Books, account: str, period: Period) -> Prognos | None:
    found = [
        p
        for p in books.direktiv.prognoser
        if p.account == account and p.date.year == period.start.year and p.date <= period.last_day
    ]
    return max(found, key=lambda p: p.date) if found else None


def _has_own(books: Books, account: str, period: Period) -> bool:
    year = Period.year(period.start.year)
    return (
        _directive(books, account, period) is not None
        or books.budgets.amount(account, year) is not None
    )


def konto(books: Books, account: str, period: Period) -> Helarsprognos:
    """The forecast of one account for the year of a period."""
    directive = _directive(books, account, period)
    if directive is not None:
        return Helarsprognos(directive.amount, PROGNOS)
    budget = books.budgets.amount(account, Period.year(period.start.year))
    if budget is not None:
        return Helarsprognos(budget, BUDGET)
    parts = account.split(":")
    for depth in range(len(parts) - 1, 1, -1):
        if _has_own(books, ":".join(parts[:depth]), period):
            return Helarsprognos(ZERO, INGAR)
    return Helarsprognos(books.change(account, period), UTFALL)


@dataclass(frozen=True)
class Summa:
    """A forecast for several accounts, with the accounts by source."""

    amount: Decimal
    kallor: dict[str, list[str]]


def summa(books: Books, accounts: Iterable[str], period: Period) -> Summa:
    """The forecast for a set of accounts."""
    total = ZERO
    kallor: dict[str, list[str]] = {}
    for account in accounts:
        forecast = konto(books, account, period)
        total += forecast.amount
        kallor.setdefault(forecast.kalla, []).append(account)
    return Summa(total, kallor)

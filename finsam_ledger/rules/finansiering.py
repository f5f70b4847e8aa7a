"""Financing shares of the medlemsbidrag (FinsamL 5 §): staten 50 %, region 25 %, kommunerna 25 %.

The same figures serve the ``finansieringsandelar`` plugin and the reports:
the booked and the budgeted medlemsbidrag per party and year, and each
kommun's part of the kommuner's quarter. The plugin's checks
(:func:`check`) are here too: a split off 50/25/25 beyond ``tolerans``
kronor, reported at the party furthest off, and a kommun whose share of the
kommuner's quarter moved by more than ``kommun_tolerans`` points without an
explanation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from beancount.core import data

from finsam_ledger.model.books import Books
from finsam_ledger.model.chart import PARTER, Placement
from finsam_ledger.model.errors import LedgerError
from finsam_ledger.model.money import HUNDRED, ZERO, kronor, procent
from finsam_ledger.model.period import Period
from finsam_ledger.rules import plugin_config
from finsam_ledger.rules.plugin import Call, budget_lines, last_transaction

RULE = "finansieringsandelar"
DEFAULTS: Mapping[str, Any] = {"tolerans": Decimal(100), "kommun_tolerans": Decimal(1)}
LIMITS: Mapping[str, plugin_config.Limit] = {
    "tolerans": plugin_config.KRONOR,
    "kommun_tolerans": plugin_config.percent("percentage points"),
}
PART_TEXT = {"staten": "staten", "region": "region", "kommun": "kommunerna"}
POSSESSIVE = {"staten": "its", "region": "its", "kommun": "their"}
ANDEL: Mapping[str, Decimal] = {"staten": Decimal(50), "region": Decimal(25), "kommun": Decimal(25)}


@dataclass(frozen=True)
class Andelar:
    """Medlemsbidrag per party in a year, booked or budgeted (positive amounts)."""

    year: int
    kind: str
    amounts: Mapping[str, Decimal]

    @property
    def total(self) -> Decimal:
        """All medlemsbidrag of the year."""
        return sum(self.amounts.values(), ZERO)

    def share(self, part: str) -> Decimal:
        """The party's share in percent."""
        return self.amounts[part] / self.total * HUNDRED if self.total else ZERO

    def deviation(self, part: str) -> Decimal:
        """Kronor above (+) or below (-) the party's share under FinsamL 5 §."""
        return self.amounts[part] - self.total * ANDEL[part] / HUNDRED


def medlemsbidrag_accounts(books: Books) -> list[Placement]:
    """The contribution accounts: those with a party, in chart order."""
    return [p for p in books.chart.ordered() if p.part is not None]


def bokforda(books: Books, year: int) -> Andelar:
    """Booked medlemsbidrag per party in the year."""
    period = Period.year(year)
    amounts = dict.fromkeys(PARTER, ZERO)
    for placement in medlemsbidrag_accounts(books):
        amounts[placement.part or ""] -= books.change(placement.account, period)
    return Andelar(year, "bokfört", amounts)


def budgeterade(books: Books, year: int) -> Andelar | None:
    """Budgeted medlemsbidrag per party in the year; ``None`` without a budget."""
    period = Period.year(year)
    amounts = dict.fromkeys(PARTER, ZERO)
    found = False
    for placement in medlemsbidrag_accounts(books):
        budget = books.budgets.amount(placement.account, period)
        if budget is not None:
            found = True
            amounts[placement.part or ""] -= budget
    return Andelar(year, "budget", amounts) if found else None


def kommunfordelning(books: Books, year: int) -> dict[str, Decimal]:
    """Each kommun's booked share (percent) of the kommuner's medlemsbidrag, by account."""
    period = Period.year(year)
    amounts = {
        p.account: -books.change(p.account, period)
        for p in medlemsbidrag_accounts(books)
        if p.part == "kommun"
    }
    total = sum(amounts.values(), ZERO)
    if not total:
        return {}
    return {account: amount / total * HUNDRED for account, amount in amounts.items()}


# --- the plugin's checks ------------------------------------------------------------------


def check(call: Call) -> list[LedgerError]:
    """The financing shares of every year."""
    books, settings = call.books, call.settings
    errors: list[LedgerError] = []
    for year in books.years():
        closed = books.is_closed(year)  # a year in progress is not yet split as decided
        booked = bokforda(books, year)
        if closed and booked.total and _off(booked, settings["tolerans"]):
            found = last_transaction(
                books.entries, year, _accounts_of(books, _worst(booked))
            ) or last_transaction(books.entries, year, _accounts_of(books))
            if found is not None:
                errors.append(LedgerError(found.meta, _message(booked, settings), found))
        budgeted = budgeterade(books, year)
        if budgeted is not None and budgeted.total and _off(budgeted, settings["tolerans"]):
            entry = _budget_entry(books, budgeted)
            if entry is not None:
                errors.append(LedgerError(entry.meta, _message(budgeted, settings), entry))
        if closed:
            errors += _kommuner(books, year, settings["kommun_tolerans"])
    return errors


def _accounts_of(books: Books, part: str | None = None) -> set[str]:
    """The contribution accounts of a party (of every party if ``None``)."""
    return {p.account for p in medlemsbidrag_accounts(books) if part in (None, p.part)}


def _off(andelar: Andelar, tolerans: Decimal) -> bool:
    return any(abs(andelar.deviation(part)) > tolerans for part in ANDEL)


def _worst(andelar: Andelar) -> str:
    """The party furthest from its share (the first of equals, in FinsamL's order)."""
    return max(ANDEL, key=lambda part: abs(andelar.deviation(part)))


def _message(andelar: Andelar, settings: Mapping[str, Any]) -> str:
    parts = ", ".join(
        f"{PART_TEXT[part]} {kronor(andelar.amounts[part])} ({procent(andelar.share(part))}, "
        f"deviation {kronor(andelar.deviation(part))})"
        for part in ANDEL
    )
    worst = _worst(andelar)
    deviation = andelar.deviation(worst)
    return (
        f"{RULE}: Medlemsbidrag {andelar.year} ({andelar.kind}) {kronor(andelar.total)}: "
        f"{parts}, not staten 50 %, region 25 %, kommunerna 25 % (FinsamL 5 §, tolerance "
        f"{kronor(settings['tolerans'])} per party); correct {PART_TEXT[worst]} first: "
        f"{kronor(abs(deviation))} {'above' if deviation > 0 else 'below'} "
        f"{POSSESSIVE[worst]} {ANDEL[worst]} %"
    )


def _budget_entry(books: Books, andelar: Andelar) -> data.Custom | None:
    """The budget directive of the party furthest off in the year (else the year's first)."""
    accounts = _accounts_of(books, _worst(andelar))
    lines = [entry for entry in budget_lines(books.entries, andelar.year) if entry.values]
    mine = [entry for entry in lines if entry.values[0].value in accounts]
    return mine[-1] if mine else (lines[0] if lines else None)


def _kommuner(books: Books, year: int, tolerans: Decimal) -> list[LedgerError]:
    now, before = kommunfordelning(books, year), kommunfordelning(books, year - 1)
    if not now or not before:
        return []
    explained = any(b.kind == "kommunfordelning" and b.year == year for b in books.direktiv.beslut)
    moved = {
        account: share - before.get(account, ZERO)
        for account, share in now.items()
        if abs(share - before.get(account, ZERO)) > tolerans
    }
    if not moved or explained:
        return []
    changes = ", ".join(
        f"{account} {procent(before.get(account, ZERO))} → {procent(now[account])}"
        for account in moved
    )
    most = max(moved, key=lambda account: abs(moved[account]))
    entry = last_transaction(books.entries, year, {most})
    if entry is None:
        return []
    return [
        LedgerError(
            entry.meta,
            f"{RULE}: Medlemsbidrag {year}: the kommuner's split of their quarter changed by "
            f"more than {procent(tolerans)} points ({changes}); record why: {year}-01-01 "
            f'custom "kommunfordelning" {year} "Ny fördelning: ..."',
            entry,
        )
    ]

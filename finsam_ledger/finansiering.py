"""Financing shares of the medlemsbidrag (FinsamL 5 §): staten 50 %, region 25 %, kommunerna 25 %.

The same figures serve the ``finansieringsandelar`` plugin and the reports:
the booked and the budgeted medlemsbidrag per party and year, and each
kommun's part of the kommuner's quarter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from finsam_ledger.books import Books
from finsam_ledger.chart import PARTER, Placement
from finsam_ledger.period import Period

ZERO = Decimal(0)
HUNDRED = Decimal(100)
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

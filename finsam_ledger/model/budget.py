"""Budgets, read from Fava's own ``custom "budget"`` directives.

``2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 2878200.00 SEK``

Parsing and the spreading of a budget over a period are Fava's
(:mod:`fava.core.budgets`). Amounts keep Beancount's signs (costs positive,
income negative). One difference, on purpose: a budget counts for the year
it is dated in. Fava carries the last budget forward into later years; a
report for a year without its own budget shows no budget rather than last
year's. For a whole year the aktuell budget is the year's latest ``yearly``
line (a revised budget replaces the year's budget); for part of a year
Fava's spreading by day applies, its division noise trimmed far below the
öre. Rounding happens once, per printed line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from beancount.core import data
from fava.core.budgets import calculate_budget, parse_budgets
from fava.util.date import Year

from finsam_ledger.model.directives import split_budgets
from finsam_ledger.model.period import Period

NOISE = Decimal("1e-9")


@dataclass(frozen=True)
class Budgets:
    """The ledger's budget directives, by account."""

    by_account: dict[str, Any]
    currency: str

    def _dated_in(self, account: str, period: Period) -> list[Any]:
        return [
            b
            for b in self.by_account.get(account, ())
            if period.start.year <= b.date_start.year and b.date_start < period.end
        ]

    def amount(self, account: str, period: Period) -> Decimal | None:
        """The budget of one account for a period; ``None`` if it has none."""
        budgets = self._dated_in(account, period)
        if not budgets:
            return None
        if period.is_year and all(b.period is Year for b in budgets):
            # The aktuell budget of a year is the latest yearly amount (a revision replaces
            # the budget for the whole year, not from its date on).
            latest = max(budgets, key=lambda b: b.date_start)
            return Decimal(latest.number) if latest.currency == self.currency else None
        value = calculate_budget({account: budgets}, account, period.start, period.end)
        if self.currency not in value:
            return None
        return Decimal(value[self.currency]).quantize(NOISE)

    def total(self, accounts: Iterable[str], period: Period) -> Decimal | None:
        """The sum of the accounts' budgets; ``None`` if none has a budget."""
        amounts = [self.amount(account, period) for account in accounts]
        present = [amount for amount in amounts if amount is not None]
        return sum(present, Decimal(0)) if present else None

    def any_in(self, period: Period) -> bool:
        """Whether the period has a budget of its own."""
        return any(self._dated_in(account, period) for account in self.by_account)


def parse(entries: Sequence[data.Directive], currency: str) -> Budgets:
    """The budgets of a ledger; a malformed budget line is left out.

    Errors: :func:`finsam_ledger.model.directives.check`.
    """
    customs: list[Any] = split_budgets(entries, currency)[0]
    by_account, _ = parse_budgets(customs)
    return Budgets(dict(by_account), currency)

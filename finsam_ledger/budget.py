"""Budgets, read from Fava's own ``custom "budget"`` directives.

``2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 2878200.00 SEK``

Parsing and the spreading of a budget over a period are Fava's
(:mod:`fava.core.budgets`), so the figures here and in Fava's budget views
are the same. Amounts keep Beancount's signs (costs positive, income
negative); the result for a period is rounded to öre.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from beancount.core import data
from fava.core.budgets import calculate_budget, parse_budgets

from finsam_ledger.period import Period

ORE = Decimal("0.01")


@dataclass(frozen=True)
class Budgets:
    """The ledger's budget directives, by account."""

    by_account: dict[str, Any]
    currency: str

    def amount(self, account: str, period: Period) -> Decimal | None:
        """The budget of one account for a period; ``None`` if it has none."""
        if account not in self.by_account:
            return None
        value = calculate_budget(self.by_account, account, period.start, period.end)
        if self.currency not in value:
            return None
        return Decimal(value[self.currency]).quantize(ORE)

    def total(self, accounts: Iterable[str], period: Period) -> Decimal | None:
        """The sum of the accounts' budgets; ``None`` if none has a budget."""
        amounts = [self.amount(account, period) for account in accounts]
        present = [amount for amount in amounts if amount is not None]
        return sum(present, Decimal(0)) if present else None

    def any_in(self, period: Period) -> bool:
        """Whether any budget applies to a day of the period."""
        return any(
            budget.date_start < period.end
            for budgets in self.by_account.values()
            for budget in budgets
        )


def parse(entries: Sequence[data.Directive], currency: str) -> tuple[Budgets, list[Any]]:
    """The budgets of a ledger and Fava's errors for malformed directives."""
    customs: list[Any] = [entry for entry in entries if isinstance(entry, data.Custom)]
    by_account, errors = parse_budgets(customs)
    return Budgets(dict(by_account), currency), list(errors)

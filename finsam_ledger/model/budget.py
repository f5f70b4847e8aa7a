"""Budgets, read from Fava's ``custom "budget"`` directives.

``2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 2878200.00 SEK``

The directive is Fava's (an account, an interval, an amount); this module
reads it itself, so that loading a ledger never imports Fava. The spreading
of a budget over a period is Fava's (:func:`fava.core.budgets.calculate_budget`),
redone here to the last digit (:func:`calculate`): for every day of the
period, each currency's budget in force that day (the latest dated on or
before it) adds its amount divided by the number of days of its interval
around that day (a year, a quarter, a month, 7 or 1), in Decimal arithmetic
in the same order. Amounts keep Beancount's signs (costs positive, income
negative).

One difference, on purpose: a budget counts for the year it is dated in.
Fava carries the last budget forward into later years; a report for a year
without its own budget shows no budget rather than last year's. For a whole
year the aktuell budget is the year's latest ``yearly`` line (a revised
budget replaces the year's budget); for part of a year Fava's spreading by
day applies, its division noise trimmed far below the öre. Rounding happens
once, per printed line.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from beancount.core import data
from beancount.core.amount import Amount

from finsam_ledger.model.period import Period

NOISE = Decimal("1e-9")

YEARLY, QUARTERLY, MONTHLY, WEEKLY, DAILY = "yearly", "quarterly", "monthly", "weekly", "daily"
# Fava's interval names (``fava.util.date.INTERVALS``), read case-insensitively.
INTERVALS: Mapping[str, str] = {
    "year": YEARLY,
    "yearly": YEARLY,
    "quarter": QUARTERLY,
    "quarterly": QUARTERLY,
    "month": MONTHLY,
    "monthly": MONTHLY,
    "week": WEEKLY,
    "weekly": WEEKLY,
    "day": DAILY,
    "daily": DAILY,
}


class Budget(NamedTuple):
    """One budget line (the fields of Fava's ``Budget``, the interval by name)."""

    account: str
    date_start: datetime.date
    interval: str
    number: Decimal
    currency: str


def interval_of(value: object) -> str | None:
    """The interval a budget line's second value names (Fava's names, any case), or ``None``."""
    return INTERVALS.get(str(value).lower()) if isinstance(value, str) else None


def _first_of(year: int, month: int) -> datetime.date:
    try:
        return datetime.date(year, month, 1)
    except ValueError:  # beyond year 9999, as Fava
        return datetime.date.max


def days_in_interval(interval: str, day: datetime.date) -> int:
    """The number of days of the interval around ``day`` (Fava's ``number_of_days``)."""
    if interval == DAILY:
        return 1
    if interval == WEEKLY:
        return 7
    if interval == YEARLY:
        start = datetime.date(day.year, 1, 1)
        end = _first_of(day.year + 1, 1)
    elif interval == QUARTERLY:
        start = datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        month = (start.month - 1) // 3 * 3 + 4
        end = _first_of(start.year + (month > 12), month % 12)
    else:
        start = datetime.date(day.year, day.month, 1)
        end = _first_of(start.year + (start.month + 1 > 12), start.month % 12 + 1)
    return (end - start).days


def calculate(
    budgets: Sequence[Budget], date_from: datetime.date, date_to: datetime.date
) -> dict[str, Decimal]:
    """One account's budget from ``date_from`` to ``date_to`` (exclusive), by currency.

    Exactly Fava's ``calculate_budget`` for a list of one account's budgets
    in the ledger's order: day by day, per currency the last budget of the
    list's leading run dated on or before the day.
    """
    totals: dict[str, Decimal] = {}
    in_force: dict[str, Budget] = {}
    position = 0
    day = date_from
    one = datetime.timedelta(days=1)
    while day < date_to:
        while position < len(budgets) and budgets[position].date_start <= day:
            in_force[budgets[position].currency] = budgets[position]
            position += 1
        for budget in in_force.values():
            totals[budget.currency] = totals.get(budget.currency, Decimal()) + (
                budget.number / days_in_interval(budget.interval, day)
            )
        if day == datetime.date.max:
            break
        day += one
    return totals


@dataclass(frozen=True)
class Budgets:
    """The ledger's budget directives, by account."""

    by_account: Mapping[str, Sequence[Budget]]
    currency: str
    _amounts: dict[tuple[str, Period], Decimal | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    def _dated_in(self, account: str, period: Period) -> list[Budget]:
        return [
            b
            for b in self.by_account.get(account, ())
            if period.start.year <= b.date_start.year and b.date_start < period.end
        ]

    def amount(self, account: str, period: Period) -> Decimal | None:
        """The budget of one account for a period; ``None`` if it has none."""
        key = (account, period)
        if key not in self._amounts:
            self._amounts[key] = self._amount(account, period)
        return self._amounts[key]

    def _amount(self, account: str, period: Period) -> Decimal | None:
        budgets = self._dated_in(account, period)
        if not budgets:
            return None
        if period.is_year and all(b.interval == YEARLY for b in budgets):
            # The aktuell budget of a year is the latest yearly amount (a revision replaces
            # the budget for the whole year, not from its date on).
            latest = max(budgets, key=lambda b: b.date_start)
            return Decimal(latest.number) if latest.currency == self.currency else None
        value = calculate(budgets, period.start, period.end)
        if self.currency not in value:
            return None
        return value[self.currency].quantize(NOISE)

    def total(self, accounts: Iterable[str], period: Period) -> Decimal | None:
        """The sum of the accounts' budgets; ``None`` if none has a budget."""
        amounts = [self.amount(account, period) for account in accounts]
        present = [amount for amount in amounts if amount is not None]
        return sum(present, Decimal(0)) if present else None

    def any_in(self, period: Period) -> bool:
        """Whether the period has a budget of its own."""
        return any(self._dated_in(account, period) for account in self.by_account)


def budget_of(entry: data.Custom) -> Budget:
    """The budget of a well-formed ``custom "budget"`` line.

    Well-formed as :func:`~finsam_ledger.model.directives.split_budgets`
    checks: three values, an account, an interval and an amount.
    """
    account, interval, amount = (value.value for value in entry.values)
    name = interval_of(interval)
    assert name is not None and isinstance(amount, Amount) and amount.number is not None
    return Budget(str(account), entry.date, name, Decimal(amount.number), str(amount.currency))


def from_lines(lines: Iterable[data.Custom], currency: str) -> Budgets:
    """The budgets of well-formed ``custom "budget"`` lines, in the ledger's order.

    Malformed lines are reported by :func:`finsam_ledger.model.directives.check`.
    """
    by_account: dict[str, list[Budget]] = {}
    for entry in lines:
        budget = budget_of(entry)
        by_account.setdefault(budget.account, []).append(budget)
    return Budgets(by_account, currency)

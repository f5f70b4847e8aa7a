"""The project's own budget parser and spreading give exactly Fava's results."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pytest
from beancount import loader
from beancount.core import data
from fava.core.budgets import Budget as FavaBudget
from fava.core.budgets import calculate_budget, parse_budgets
from fava.util.date import INTERVALS as FAVA_INTERVALS

from finsam_ledger.model import budget as b
from finsam_ledger.model.directives import split_budgets
from finsam_ledger.model.period import Period

NAMES = sorted(FAVA_INTERVALS)


def test_interval_names_are_favas() -> None:
    assert set(b.INTERVALS) == set(FAVA_INTERVALS)
    for name, interval in FAVA_INTERVALS.items():
        for day in (datetime.date(2020, 2, 29), datetime.date(2021, 12, 31)):
            assert b.days_in_interval(b.INTERVALS[name], day) == interval.number_of_days(day)


def test_days_in_interval_every_day_of_two_years() -> None:
    day = datetime.date(2019, 12, 25)
    while day < datetime.date(2022, 1, 8):
        for name in ("yearly", "quarterly", "monthly", "weekly", "daily"):
            assert b.days_in_interval(name, day) == FAVA_INTERVALS[name].number_of_days(day)
        day += datetime.timedelta(days=1)


def _fava(budget: b.Budget) -> FavaBudget:
    return FavaBudget(
        budget.account,
        budget.date_start,
        FAVA_INTERVALS[budget.interval],
        budget.number,
        budget.currency,
    )


def _random_budgets(rng: random.Random) -> list[b.Budget]:
    budgets = []
    for _ in range(rng.randint(1, 5)):
        start = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 800))
        number = Decimal(rng.randint(-(10**8), 10**8)) / 100
        budgets.append(
            b.Budget(
                "Kostnader:Insatser:Enter",
                start,
                b.INTERVALS[rng.choice(NAMES)],
                number,
                rng.choice(("SEK", "SEK", "SEK", "EUR")),
            )
        )
    budgets.sort(key=lambda x: x.date_start)  # the ledger's order
    return budgets


@pytest.mark.parametrize("seed", range(60))
def test_calculate_is_favas_calculate_budget(seed: int) -> None:
    rng = random.Random(seed)
    budgets = _random_budgets(rng)
    fava = {"Kostnader:Insatser:Enter": [_fava(x) for x in budgets]}
    for _ in range(5):
        start = datetime.date(2019, 12, 1) + datetime.timedelta(days=rng.randint(0, 900))
        end = start + datetime.timedelta(days=rng.randint(1, 400))
        ours = b.calculate(budgets, start, end)
        theirs = calculate_budget(fava, "Kostnader:Insatser:Enter", start, end)
        assert ours == theirs
        assert list(ours) == list(theirs)  # currencies in the same order
        for currency, number in ours.items():  # exact, digit for digit
            assert number.as_tuple() == theirs[currency].as_tuple()


def test_calculate_keeps_favas_order_for_an_unsorted_list() -> None:
    """Fava stops at the first budget dated after the day; so does :func:`b.calculate`."""
    budgets = [
        b.Budget("A", datetime.date(2021, 3, 1), "monthly", Decimal(310), "SEK"),
        b.Budget("A", datetime.date(2021, 1, 1), "yearly", Decimal(365), "SEK"),
    ]
    fava = {"A": [_fava(x) for x in budgets]}
    for start, end in ((datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)),):
        assert b.calculate(budgets, start, end) == calculate_budget(fava, "A", start, end)


BUDGET_LINES = """
option "operating_currency" "SEK"
2020-01-01 open Kostnader:A SEK
2020-01-01 open Kostnader:B SEK
2021-01-01 custom "budget" Kostnader:A "yearly" 1200.00 SEK
2021-02-01 custom "budget" Kostnader:A "Monthly" 100.00 SEK
2021-03-15 custom "budget" Kostnader:B "quarter" 900.00 SEK
2021-04-01 custom "budget" Kostnader:B "WEEKLY" 70.00 SEK
2021-05-01 custom "budget" Kostnader:B "day" 3.00 EUR
2021-06-01 custom "budget" Kostnader:A "daily" 1.00 SEK
2021-06-01 custom "budget" Kostnader:A "fortnightly" 1.00 SEK
2021-06-01 custom "budget" Kostnader:A "yearly"
"""


def _entries() -> list[data.Directive]:
    entries, _, _ = loader.load_string(BUDGET_LINES)
    return entries


def test_parsing_the_well_formed_lines_gives_favas_budgets() -> None:
    lines, errors = split_budgets(_entries())
    assert len(errors) == 2  # the interval Fava does not know, the missing amount
    ours = b.from_lines(lines, "SEK").by_account
    theirs, fava_errors = parse_budgets(lines)
    assert not fava_errors
    assert set(ours) == set(theirs)
    for account, budgets in ours.items():
        assert [_fava(x) for x in budgets] == list(theirs[account])


def _favas_amount(budgets: b.Budgets, account: str, period: Period) -> Decimal | None:
    """What :meth:`b.Budgets.amount` gave when it called Fava (the rule of the year aside)."""
    dated = [
        _fava(x)
        for x in budgets.by_account.get(account, ())
        if period.start.year <= x.date_start.year and x.date_start < period.end
    ]
    if not dated:
        return None
    if period.is_year and all(x.period is FAVA_INTERVALS["yearly"] for x in dated):
        latest = max(dated, key=lambda x: x.date_start)
        return Decimal(latest.number) if latest.currency == "SEK" else None
    value = calculate_budget({account: dated}, account, period.start, period.end)
    return Decimal(value["SEK"]).quantize(b.NOISE) if "SEK" in value else None


@pytest.mark.parametrize(
    "period",
    [
        Period.year(2021),
        Period.year(2022),
        Period.delar(datetime.date(2021, 1, 1), datetime.date(2021, 6, 30)),
        Period.delar(datetime.date(2021, 1, 1), datetime.date(2021, 8, 31)),
        Period(datetime.date(2021, 3, 1), datetime.date(2021, 4, 1)),
    ],
)
def test_amount_is_what_it_was_with_favas_parser(period: Period) -> None:
    budgets = b.from_lines(split_budgets(_entries())[0], "SEK")
    for account in ("Kostnader:A", "Kostnader:B", "Kostnader:C"):
        assert budgets.amount(account, period) == _favas_amount(budgets, account, period)
        assert budgets.amount(account, period) == _favas_amount(budgets, account, period)


def test_a_year_without_its_own_budget_has_none() -> None:
    budgets = b.from_lines(split_budgets(_entries())[0], "SEK")
    assert budgets.amount("Kostnader:A", Period.year(2022)) is None
    assert not budgets.any_in(Period.year(2022))
    assert budgets.any_in(Period.year(2021))

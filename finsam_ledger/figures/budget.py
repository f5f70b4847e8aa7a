"""Budget figures: a set of accounts' or a statement line's budget for a period.

``None`` where nothing is budgeted. A row of a budgeted year that has no
budget of its own (an insats started during the year) shows a budget of
zero (:func:`budget_or_zero`), so that its whole utfall is a deviation;
in a year without any budget the column stays blank.
"""

from __future__ import annotations

from collections.abc import Iterable

from finsam_ledger.model.books import Books
from finsam_ledger.model.chart import Post
from finsam_ledger.model.money import ZERO
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Value


def budget(books: Books, accounts: Iterable[str], period: Period, sign: int = 1) -> Value:
    """The accounts' budget for the period, times ``sign``; ``None`` if none has a budget."""
    total = books.budgets.total(accounts, period)
    if total is None:
        return None
    return -total if sign < 0 else total


def post_budget(books: Books, post: Post, period: Period) -> Value:
    """The budget of a resultaträkning line, signed as printed; ``None`` if it has none."""
    return budget(books, books.chart.accounts(post), period, -1)


def budget_or_zero(books: Books, accounts: Iterable[str], period: Period, sign: int = 1) -> Value:
    """The accounts' budget; zero if the period has a budget but not for them, else ``None``."""
    amount = budget(books, accounts, period, sign)
    if amount is None and books.budgets.any_in(period):
        return ZERO
    return amount

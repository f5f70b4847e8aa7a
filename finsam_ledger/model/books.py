"""A loaded ledger with everything the reports read from it.

:func:`load` runs Beancount's loader (with the ledger's plugins), then
places the accounts (:mod:`finsam_ledger.model.chart`), reads budgets and the
project's directives, and indexes every posting once so that a balance at a
date or the sum over a period is a binary search.

Opening balances (ingående balans: a transaction that posts to the equity
account named by ``account_previous_balances``) belong to the moment before
their date: they are in the balance at the start of that day and in no
period's flows. So an opening balance must come before every other
transaction and post no income or expense; anything else is an error.

For the kassaflödesanalys the index also classifies each transaction by its
legs (:data:`FLOWS`): a transaction that touches an anläggningstillgång
is an investment (or a sale, or a depreciation), one that touches a
långfristig skuld is financing, one that posts directly to eget kapital is
financing when it moves cash and an adjustment when it does not.
"""

from __future__ import annotations

import bisect
import collections
import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING

from beancount import loader
from beancount.core import data

from finsam_ledger.model import budget as budget_module
from finsam_ledger.model import chart as c
from finsam_ledger.model import errors as errors_module
from finsam_ledger.model.budget import Budgets
from finsam_ledger.model.chart import Chart, build_chart
from finsam_ledger.model.directives import Direktiv, check, parse_direktiv
from finsam_ledger.model.errors import Error, LedgerError
from finsam_ledger.model.money import ZERO
from finsam_ledger.model.period import Period

if TYPE_CHECKING:
    from fava.beans.types import BeancountOptions

# Pseudo-accounts of the index, the flows of the kassaflödesanalys (names no ledger can
# use; the chart's ``KF_*`` name the part of the kassaflödesanalys a statement line is in).
FLOW_INVESTERING = "\x00investering"  # -(fixed-asset legs + their I/E legs), per transaction
FLOW_AVSKRIVNING = "\x00avskrivning"  # avskrivning legs of fixed-asset transactions
FLOW_REALISATION = "\x00realisation"  # other income/expense legs of fixed-asset transactions
FLOW_LAN = "\x00lan"  # -(långfristig skuld legs), per transaction
FLOW_EK_KASSA = "\x00ek-kassa"  # -(eget kapital legs) of transactions that move cash
FLOW_EK_OVRIGT = "\x00ek-ovrigt"  # -(eget kapital legs) of transactions that do not
FLOWS = (
    FLOW_INVESTERING,
    FLOW_AVSKRIVNING,
    FLOW_REALISATION,
    FLOW_LAN,
    FLOW_EK_KASSA,
    FLOW_EK_OVRIGT,
)


class _Series:
    """One account's postings as prefix sums over day ordinals."""

    __slots__ = ("credit", "days", "debit", "total")

    def __init__(self, postings: list[tuple[int, Decimal]]) -> None:
        postings.sort(key=lambda item: item[0])
        self.days = [day for day, _ in postings]
        numbers = [number for _, number in postings]
        self.total = [ZERO, *accumulate(numbers)]
        self.debit = [ZERO, *accumulate(n if n > 0 else ZERO for n in numbers)]
        self.credit = [ZERO, *accumulate(n if n < 0 else ZERO for n in numbers)]

    def upto(self, day: datetime.date, sums: list[Decimal]) -> Decimal:
        """Sum of the postings dated before ``day``."""
        return sums[bisect.bisect_left(self.days, day.toordinal())]


@dataclass(frozen=True)
class Books:
    """A ledger, ready for the reports."""

    entries: Sequence[data.Directive]
    options: BeancountOptions
    chart: Chart
    budgets: Budgets
    direktiv: Direktiv
    currency: str
    _series: Mapping[str, _Series]
    _opening: Mapping[str, list[tuple[datetime.date, Decimal]]]
    _days: Sequence[int]

    def balance(self, account: str, day: datetime.date) -> Decimal:
        """Balance at the start of ``day`` (opening balances on ``day`` included)."""
        total = ZERO
        series = self._series.get(account)
        if series is not None:
            total += series.upto(day, series.total)
        for date, number in self._opening.get(account, ()):
            if date <= day:
                total += number
        return total

    def change(self, account: str, period: Period) -> Decimal:
        """Sum of the account's postings in the period (opening balances excluded)."""
        series = self._series.get(account)
        if series is None:
            return ZERO
        return series.upto(period.end, series.total) - series.upto(period.start, series.total)

    def debits(self, account: str, period: Period) -> Decimal:
        """Sum of the positive postings in the period."""
        series = self._series.get(account)
        if series is None:
            return ZERO
        return series.upto(period.end, series.debit) - series.upto(period.start, series.debit)

    def credits(self, account: str, period: Period) -> Decimal:
        """Sum of the negative postings in the period."""
        series = self._series.get(account)
        if series is None:
            return ZERO
        return series.upto(period.end, series.credit) - series.upto(period.start, series.credit)

    def sum_balance(self, accounts: Iterable[str], day: datetime.date) -> Decimal:
        """Sum of the accounts' balances at the start of ``day``."""
        return sum((self.balance(account, day) for account in accounts), ZERO)

    def sum_change(self, accounts: Iterable[str], period: Period) -> Decimal:
        """Sum of the accounts' postings in the period."""
        return sum((self.change(account, period) for account in accounts), ZERO)

    def files(self) -> list[str]:
        """The ledger's files: the main file and every file it includes."""
        return [self.options["filename"], *self.options.get("include", ())]

    def years(self) -> list[int]:
        """The calendar years that have transactions (opening balances aside)."""
        return sorted({datetime.date.fromordinal(day).year for day in self._days})

    def is_closed(self, year: int) -> bool:
        """Whether the books reach 31 December of the year (year-end entries are dated then)."""
        return bool(self._days) and self._days[-1] >= datetime.date(year, 12, 31).toordinal()

    def has_transactions(self, period: Period) -> bool:
        """Whether any transaction other than an opening balance falls in the period."""
        start = bisect.bisect_left(self._days, period.start.toordinal())
        return start < len(self._days) and self._days[start] < period.end.toordinal()


def load(path: str | Path) -> tuple[Books | None, list[Error]]:
    """Load a ledger file; the books, or ``None`` and the errors."""
    entries, errors, options = loader.load_file(str(path))
    return from_entries(entries, errors, options)


@dataclass(frozen=True)
class Built:
    """Books built despite errors, with the errors by kind.

    The rule plugins compute from these books even when the ledger has
    other errors (each reported once, by the plugin whose rule it is:
    ``kontoplan`` for the chart and the index, ``direktiv`` for directives).
    """

    books: Books
    chart_errors: list[LedgerError]
    directive_errors: list[LedgerError]
    index_errors: list[LedgerError]


def build(entries: Sequence[data.Directive], options: BeancountOptions) -> Built:
    """The books of loaded entries; postings that cannot be used are left out and reported."""
    currencies = options.get("operating_currency") or ["SEK"]
    currency = currencies[0]
    chart, chart_errors = build_chart(entries, options)
    budgets = budget_module.parse(entries, currency)
    direktiv, _ = parse_direktiv(entries, currency)
    series, opening, days, index_errors = _index(entries, chart, currency)
    books = Books(entries, options, chart, budgets, direktiv, currency, series, opening, days)
    return Built(books, chart_errors, check(entries, currency), index_errors)


def from_entries(
    entries: Sequence[data.Directive], errors: Iterable[Error], options: BeancountOptions
) -> tuple[Books | None, list[Error]]:
    """Build the books from loaded entries; ``None`` if there is any error.

    The chart and directive checks run here too, so a ledger that does not
    enable the project's plugins is held to the same rules.
    """
    built = build(entries, options)
    found: list[Error] = list(errors)
    known = {errors_module.key(error) for error in found}
    for error in [*built.chart_errors, *built.directive_errors, *built.index_errors]:
        if errors_module.key(error) not in known:
            found.append(error)
            known.add(errors_module.key(error))
    if found:
        return None, found
    return built.books, []


def is_opening_balance(entry: data.Transaction, opening_account: str) -> bool:
    """Whether a transaction is an ingående balans."""
    return any(posting.account == opening_account for posting in entry.postings)


def _index(
    entries: Sequence[data.Directive], chart: Chart, currency: str
) -> tuple[
    dict[str, _Series],
    dict[str, list[tuple[datetime.date, Decimal]]],
    list[int],
    list[LedgerError],
]:
    postings: dict[str, list[tuple[int, Decimal]]] = collections.defaultdict(list)
    opening: dict[str, list[tuple[datetime.date, Decimal]]] = collections.defaultdict(list)
    openings: list[data.Transaction] = []
    days: list[int] = []
    errors: list[LedgerError] = []
    kf = {account: p.post.kassaflode for account, p in chart.placements.items()}
    avskrivning = set(chart.accounts(c.AVSKRIVNINGAR))
    for entry in entries:
        if not isinstance(entry, data.Transaction):
            continue
        ib = is_opening_balance(entry, chart.opening_account)
        day = entry.date.toordinal()
        legs: list[tuple[str, Decimal]] = []
        for posting in entry.postings:
            units = posting.units
            if units is None or units.number is None or units.currency != currency:
                errors.append(
                    LedgerError(
                        entry.meta,
                        f"kontoplan: {posting.account}: amount in "
                        f"{getattr(units, 'currency', '?')}; the books are kept in {currency}, "
                        f"so book the amount in {currency}",
                        entry,
                    )
                )
                continue
            legs.append((posting.account, Decimal(units.number)))
        if ib:
            openings.append(entry)
            for account, number in legs:
                if chart.type_of(account) in (c.INCOME, c.EXPENSES):
                    errors.append(
                        LedgerError(
                            entry.meta,
                            f"kontoplan: {account}: an ingående balans (a transaction on "
                            f"{chart.opening_account}) holds balances only, no income or cost; "
                            "book it in a transaction of its own",
                            entry,
                        )
                    )
                opening[account].append((entry.date, number))
            continue
        days.append(day)
        for account, number in legs:
            postings[account].append((day, number))
        for account, number in _kassaflode_legs(legs, kf, avskrivning, chart):
            postings[account].append((day, number))
    if days and openings:
        first = min(days)
        for entry in openings:
            if entry.date.toordinal() > first:
                errors.append(
                    LedgerError(
                        entry.meta,
                        f"kontoplan: an ingående balans (a transaction on "
                        f"{chart.opening_account}) must "
                        f"come before the books' first transaction "
                        f"({datetime.date.fromordinal(first)}); book a correction of eget "
                        "kapital on another equity account",
                        entry,
                    )
                )
    days.sort()
    series = {account: _Series(items) for account, items in postings.items()}
    return series, dict(opening), days, errors


def _kassaflode_legs(
    legs: list[tuple[str, Decimal]],
    kf: Mapping[str, str | None],
    avskrivning: set[str],
    chart: Chart,
) -> list[tuple[str, Decimal]]:
    """The transaction's contributions to the pseudo-accounts in :data:`FLOWS`."""
    parts: dict[str | None, Decimal] = collections.defaultdict(Decimal)
    avskr = realisation = ZERO
    for account, number in legs:
        parts[kf.get(account)] += number
        if chart.type_of(account) in (c.INCOME, c.EXPENSES):
            if account in avskrivning:
                avskr += number
            else:
                realisation += number
    out: list[tuple[str, Decimal]] = []
    if c.KF_INVESTERING in parts:
        out += [
            (FLOW_INVESTERING, -(parts[c.KF_INVESTERING] + avskr + realisation)),
            (FLOW_AVSKRIVNING, avskr),
            (FLOW_REALISATION, realisation),
        ]
    if c.KF_FINANSIERING in parts:
        out.append((FLOW_LAN, -parts[c.KF_FINANSIERING]))
    if c.KF_EGET_KAPITAL in parts:
        moves_cash = c.KF_LIKVIDA in parts
        out.append((FLOW_EK_KASSA if moves_cash else FLOW_EK_OVRIGT, -parts[c.KF_EGET_KAPITAL]))
    return out

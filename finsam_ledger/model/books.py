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
legs (:data:`~finsam_ledger.model.kassaflode.FLOWS`): a transaction that
touches an anläggningstillgång is an investment (or a sale, or a depreciation), one that touches a
långfristig skuld is financing, one that posts directly to eget kapital is
financing when it moves cash and an adjustment when it does not.
"""

from __future__ import annotations

import bisect
import collections
import dataclasses
import datetime
import operator
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, cast

from beancount import loader
from beancount.core import data

from finsam_ledger.model import budget as budget_module
from finsam_ledger.model import chart as c
from finsam_ledger.model import errors as errors_module
from finsam_ledger.model.budget import Budgets
from finsam_ledger.model.chart import Chart, build_chart
from finsam_ledger.model.directives import (
    Direktiv,
    beyond_last_year,
    deltagare_pa_insatser,
    nyckeltal_in_booked_years,
    read,
)
from finsam_ledger.model.errors import Error, LedgerError
from finsam_ledger.model.kassaflode import (
    FLOW_AVSKRIVNING,
    FLOW_EK_KASSA,
    FLOW_EK_OVRIGT,
    FLOW_INVESTERING,
    FLOW_LAN,
    FLOW_REALISATION,
    kassaflode_errors,
)
from finsam_ledger.model.money import ZERO
from finsam_ledger.model.period import LAST_YEAR, Period

if TYPE_CHECKING:
    from fava.beans.types import BeancountOptions


class _Series:
    """One account's postings as prefix sums over day ordinals (debit and credit on demand)."""

    __slots__ = ("_credit", "_debit", "days", "numbers", "total")

    def __init__(self, postings: list[tuple[int, Decimal]]) -> None:
        postings.sort(key=_day)
        self.days = [day for day, _ in postings]
        self.numbers = [number for _, number in postings]
        self.total = [ZERO, *accumulate(self.numbers)]
        self._debit: list[Decimal] | None = None
        self._credit: list[Decimal] | None = None

    @property
    def debit(self) -> list[Decimal]:
        """Prefix sums of the positive postings."""
        if self._debit is None:
            self._debit = [ZERO, *accumulate(n if n > 0 else ZERO for n in self.numbers)]
        return self._debit

    @property
    def credit(self) -> list[Decimal]:
        """Prefix sums of the negative postings."""
        if self._credit is None:
            self._credit = [ZERO, *accumulate(n if n < 0 else ZERO for n in self.numbers)]
        return self._credit

    def upto(self, day: datetime.date, sums: list[Decimal]) -> Decimal:
        """Sum of the postings dated before ``day``."""
        return sums[bisect.bisect_left(self.days, day.toordinal())]


def _day(item: tuple[int, Decimal]) -> int:
    return item[0]


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
        if not self._days:
            return []
        first = datetime.date.fromordinal(self._days[0]).year
        last = datetime.date.fromordinal(self._days[-1]).year
        return [year for year in range(first, last + 1) if self.has_transactions(Period.year(year))]

    def is_closed(self, year: int) -> bool:
        """Whether the books reach 31 December of the year (year-end entries are dated then)."""
        return bool(self._days) and self._days[-1] >= datetime.date(year, 12, 31).toordinal()

    def last_day(self) -> datetime.date | None:
        """The date of the last transaction (opening balances aside); ``None`` without one."""
        return datetime.date.fromordinal(self._days[-1]) if self._days else None

    def has_transactions(self, period: Period) -> bool:
        """Whether any transaction other than an opening balance falls in the period."""
        start = bisect.bisect_left(self._days, period.start.toordinal())
        return start < len(self._days) and self._days[start] < period.end.toordinal()


def load(path: str | Path) -> tuple[Books | None, list[Error]]:
    """Load a ledger file; the books, or ``None`` and the errors.

    The books the rule plugins built during the load are reused
    (:func:`books_of`), not built again.
    """
    entries, errors, options = load_file(path)
    return from_entries(entries, errors, options)


def load_file(path: str | Path) -> tuple[list[data.Directive], list[Error], BeancountOptions]:
    """Beancount's load of a ledger, never from its pickle cache.

    Beancount's cache (on by default for ledgers that take over a second to
    load) is keyed on the ledger files only: after an upgrade of this
    project it would return the old rules' results, and it writes a file
    beside the ledger. Every load here runs the ledger's plugins anew.
    """
    loader.initialize(use_cache=False)
    entries, errors, options = loader.load_file(str(path))
    files = [str(options["filename"]), *options.get("include", ())]
    return entries, errors_module.at_their_lines(errors, files), cast("BeancountOptions", options)


@dataclass(frozen=True)
class Built:
    """Books built despite errors, with the errors by kind.

    The rule plugins compute from these books even when the ledger has
    other errors (each reported once, by the plugin whose rule it is:
    ``kontoplan`` for the chart, the index and the kassaflöde identity,
    ``direktiv`` for directives). ``budget_lines`` are the well-formed
    ``custom "budget"`` lines (Fava can read them).
    """

    books: Books
    chart_errors: list[LedgerError]
    directive_errors: list[LedgerError]
    index_errors: list[LedgerError]
    kassaflode_errors: list[LedgerError] = dataclasses.field(default_factory=list)
    budget_lines: list[data.Custom] = dataclasses.field(default_factory=list)

    def errors(self) -> list[LedgerError]:
        """All the errors found building the books, in the order of their kinds."""
        return [
            *self.chart_errors,
            *self.directive_errors,
            *self.index_errors,
            *self.kassaflode_errors,
        ]


def build(entries: Sequence[data.Directive], options: BeancountOptions) -> Built:
    """The books of loaded entries; postings that cannot be used are left out and reported.

    Always builds; :func:`built_of` reuses the build of the same entries.
    """
    currencies = options.get("operating_currency") or ["SEK"]
    currency = currencies[0]
    chart, chart_errors = build_chart(entries, options)
    found = read(entries, currency)
    budgets = budget_module.from_lines(found.budgets, currency)
    series, opening, days, index_errors = _index(entries, chart, currency)
    books = Books(entries, options, chart, budgets, found.direktiv, currency, series, opening, days)
    # The kassaflöde identity holds when every amount has its place: with errors of the chart
    # or the index, those are the cause, reported at their lines.
    kassaflode = [] if chart_errors or index_errors else kassaflode_errors(books)
    directive_errors = [
        *found.errors,
        *nyckeltal_in_booked_years(found.direktiv, books.years()),
        *deltagare_pa_insatser(found.direktiv, chart),
    ]
    return Built(books, chart_errors, directive_errors, index_errors, kassaflode, found.budgets)


# Where one load's build is kept: Beancount's loader hands the same options dict to every
# plugin and returns it with the entries (so does Fava's loader, as ``ledger.options``).
SHARED = "finsam_ledger.books"


class _Shared:
    """The build of one list of entries, kept in the options of the load.

    ``entries`` holds the entries themselves, so that no other object can
    take one's ``id()`` while the build is kept. Pickled (Beancount's cache
    of a load pickles the options) or copied, it is empty.
    """

    __slots__ = ("built", "entries")

    def __init__(self, entries: tuple[data.Directive, ...] = (), built: Built | None = None):
        self.entries = entries
        self.built = built

    def __reduce__(self) -> tuple[type[_Shared], tuple[()]]:
        return (_Shared, ())

    def __repr__(self) -> str:
        return "<finsam_ledger: the books of this load>"

    def of(self, entries: Sequence[data.Directive]) -> Built | None:
        """The build, if it is of exactly these entries (the same objects, in order)."""
        if self.built is None or len(self.entries) != len(entries):
            return None
        if not all(map(operator.is_, self.entries, entries)):
            return None
        if self.built.books.entries is entries:
            return self.built
        books = dataclasses.replace(self.built.books, entries=entries)
        return dataclasses.replace(self.built, books=books)


def built_of(
    entries: Sequence[data.Directive], options: BeancountOptions, *, keep: bool = True
) -> Built:
    """The build of the entries, shared by everything that reads this load.

    The build is kept in ``options`` (under :data:`SHARED`) with the entries
    it is of; it is reused when called again with the same entry objects in
    the same order (the next rule plugin, the report, Fava's extension), and
    built anew when anything changed them (a plugin that adds, removes or
    replaces an entry, Beancount's ``pad``), never stale. ``keep=False``
    builds without replacing the kept build.
    """
    store = cast("MutableMapping[str, object]", options)
    shared = store.get(SHARED)
    if isinstance(shared, _Shared):
        found = shared.of(entries)
        if found is not None:
            return found
    built = build(entries, options)
    if keep:
        store[SHARED] = _Shared(tuple(entries), built)
    return built


def books_of(
    entries: Sequence[data.Directive], options: BeancountOptions
) -> tuple[Books, list[LedgerError]]:
    """The books of loaded entries and the errors found building them, reused if built.

    For a caller that has the entries and options of a load (Fava's
    ``ledger.all_entries`` and ``ledger.options``): the books the rule
    plugins built are reused when the entries are the same objects.
    """
    built = built_of(entries, options, keep=False)
    return built.books, built.errors()


def from_entries(
    entries: Sequence[data.Directive], errors: Iterable[Error], options: BeancountOptions
) -> tuple[Books | None, list[Error]]:
    """Build the books from loaded entries; ``None`` if there is any error.

    The chart, directive and kassaflöde checks run here too, so a ledger
    that does not enable the project's plugins is held to the same rules.
    The books the rule plugins built during the load are reused
    (:func:`books_of`).
    """
    books, own = books_of(entries, options)
    found: list[Error] = list(errors)
    known = {errors_module.key(error) for error in found}
    for error in own:
        if errors_module.key(error) not in known:
            found.append(error)
            known.add(errors_module.key(error))
    if found:
        return None, found
    return books, []


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
    kf = {account: p.kassaflode for account, p in chart.placements.items()}
    avskrivning = set(chart.accounts(c.AVSKRIVNINGAR))
    # Only a transaction touching one of these accounts has legs in FLOWS.
    flowing = {
        account
        for account, part in kf.items()
        if part in (c.KF_INVESTERING, c.KF_FINANSIERING, c.KF_EGET_KAPITAL)
    }
    opening_account = chart.opening_account
    for entry in entries:
        if not isinstance(entry, data.Transaction):
            continue
        if entry.date.year > LAST_YEAR:
            errors.append(beyond_last_year(entry))
            continue
        day = entry.date.toordinal()
        legs: list[tuple[str, Decimal]] = []
        ib = False
        for posting in entry.postings:
            if posting.account == opening_account:
                ib = True
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
            number = units.number
            legs.append((posting.account, number if type(number) is Decimal else Decimal(number)))
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
        flows = False
        for account, number in legs:
            postings[account].append((day, number))
            if account in flowing:
                flows = True
        if flows:
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
    """The transaction's contributions to the pseudo-accounts of the kassaflöde (FLOWS)."""
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

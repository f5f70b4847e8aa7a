"""Finansieringsandelar: medlemsbidrag split 50/25/25 (FinsamL 5 §).

For every year, the booked and the budgeted medlemsbidrag must be split
staten 50 %, region 25 % and kommunerna 25 % together, within a tolerance
in kronor per party. The error states each party's amount, share and
deviation. It points at the year's last contribution transaction (booked)
or at the party's budget directive (budgeted)::

    plugin "finsam_ledger.plugins.finansieringsandelar" "{'tolerans': 100}"

Every contribution account needs its party (``part:`` on its ``open`` line;
the chart reports a missing one). The kommuner split their quarter among
themselves by agreement, in practice by population: a kommun whose share of
that quarter moves by more than ``kommun_tolerans`` percentage points from
one year to the next is an error unless the year has an explanation::

    2021-01-01 custom "kommunfordelning" 2021 "Ny fördelning efter befolkningen 2020-12-31"

Settings: ``tolerans`` (kronor per party, default 100), ``kommun_tolerans``
(percentage points, default 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from beancount.core import data

from finsam_ledger import plugin_config
from finsam_ledger.books import Books, build
from finsam_ledger.finansiering import (
    ANDEL,
    Andelar,
    bokforda,
    budgeterade,
    kommunfordelning,
    medlemsbidrag_accounts,
)
from finsam_ledger.table import kronor, procent

__plugins__ = ("finansieringsandelar",)

MODULE = "finsam_ledger.plugins.finansieringsandelar"
DEFAULTS = {"tolerans": Decimal(100), "kommun_tolerans": Decimal(1)}
PART_TEXT = {"staten": "staten", "region": "region", "kommun": "kommunerna"}

FinansieringError = plugin_config.ConfigError


def finansieringsandelar(
    entries: list[data.Directive], options_map: dict[str, Any], config: str | None = None
) -> tuple[list[data.Directive], Sequence[Any]]:
    """Check the financing shares of every year; entries pass unchanged."""
    settings, errors = plugin_config.parse(config, DEFAULTS, options_map, MODULE)
    books = build(entries, options_map).books  # other errors: kontoplan, direktiv
    last = _last_contribution(books)
    for year in books.years():
        closed = books.is_closed(year)  # a year in progress is not yet split as decided
        booked = bokforda(books, year)
        if closed and booked.total and _off(booked, settings["tolerans"]) and year in last:
            errors.append(
                FinansieringError(last[year].meta, _message(booked, settings), last[year])
            )
        budgeted = budgeterade(books, year)
        if budgeted is not None and budgeted.total and _off(budgeted, settings["tolerans"]):
            entry = _budget_entry(books, budgeted)
            if entry is not None:
                errors.append(FinansieringError(entry.meta, _message(budgeted, settings), entry))
        if closed:
            errors += _kommuner(books, year, settings["kommun_tolerans"], last.get(year))
    return entries, errors


def _off(andelar: Andelar, tolerans: Decimal) -> bool:
    return any(abs(andelar.deviation(part)) > tolerans for part in ANDEL)


def _message(andelar: Andelar, settings: dict[str, Any]) -> str:
    parts = ", ".join(
        f"{PART_TEXT[part]} {kronor(andelar.amounts[part])} ({procent(andelar.share(part))}, "
        f"deviation {kronor(andelar.deviation(part))})"
        for part in ANDEL
    )
    return (
        f"Medlemsbidrag {andelar.year} ({andelar.kind}) {kronor(andelar.total)}: {parts}; "
        f"FinsamL 5 § requires staten 50 %, region 25 %, kommunerna 25 % "
        f"(tolerance {kronor(settings['tolerans'])} per party)"
    )


def _last_contribution(books: Books) -> dict[int, data.Transaction]:
    accounts = {p.account for p in medlemsbidrag_accounts(books)}
    last: dict[int, data.Transaction] = {}
    for entry in books.entries:
        if isinstance(entry, data.Transaction) and any(
            posting.account in accounts for posting in entry.postings
        ):
            last[entry.date.year] = entry
    return last


def _budget_entry(books: Books, andelar: Andelar) -> data.Custom | None:
    """The budget directive of the party furthest off in the year."""
    worst = max(ANDEL, key=lambda part: abs(andelar.deviation(part)))
    accounts = {p.account for p in medlemsbidrag_accounts(books) if p.part == worst}
    found = first = None
    for entry in books.entries:
        if (
            isinstance(entry, data.Custom)
            and entry.type == "budget"
            and entry.date.year == andelar.year
            and entry.values
        ):
            if first is None:
                first = entry
            if entry.values[0].value in accounts:
                found = entry
    return found or first


def _kommuner(
    books: Books, year: int, tolerans: Decimal, entry: data.Transaction | None
) -> list[FinansieringError]:
    now, before = kommunfordelning(books, year), kommunfordelning(books, year - 1)
    if not now or not before or entry is None:
        return []
    explained = any(b.kind == "kommunfordelning" and b.year == year for b in books.direktiv.beslut)
    moved = {
        account: share - before.get(account, Decimal(0))
        for account, share in now.items()
        if abs(share - before.get(account, Decimal(0))) > tolerans
    }
    if not moved or explained:
        return []
    changes = ", ".join(
        f"{account} {procent(before.get(account, Decimal(0)))} → {procent(now[account])}"
        for account in moved
    )
    return [
        FinansieringError(
            entry.meta,
            f"Medlemsbidrag {year}: the kommuner's split of their quarter changed by more than "
            f"{procent(tolerans)} points ({changes}); explain it with "
            f'custom "kommunfordelning" {year} "..."',
            entry,
        )
    ]

"""Finansieringsandelar: medlemsbidrag split 50/25/25 (FinsamL 5 §).

For every year, the booked and the budgeted medlemsbidrag must be split
staten 50 %, region 25 % and kommunerna 25 % together, within a tolerance
in kronor per party. The error states each party's amount, share and
deviation, and which party is furthest off and by how much. It points at
that party's last contribution transaction in the year (booked) or at its
budget directive (budgeted)::

    plugin "finsam_ledger.plugins.finansieringsandelar" "{'tolerans': 100}"

Every contribution account needs its party (``part:`` on its ``open`` line;
the chart reports a missing one). The kommuner split their quarter among
themselves by agreement, in practice by population: a kommun whose share of
that quarter moves by more than ``kommun_tolerans`` percentage points from
one year to the next is an error, at the year's last contribution of the
kommun that moved most, unless the year has an explanation::

    2021-01-01 custom "kommunfordelning" 2021 "Ny fördelning efter befolkningen 2020-12-31"

Settings: ``tolerans`` (kronor per party from 0 to a billion, default 100),
``kommun_tolerans`` (percentage points from 0 to 100, default 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from beancount.core import data

from finsam_ledger import plugin_config
from finsam_ledger.books import Books, build
from finsam_ledger.directives import normalise
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
RULE = "finansieringsandelar"
DEFAULTS = {"tolerans": Decimal(100), "kommun_tolerans": Decimal(1)}
LIMITS = {
    "tolerans": plugin_config.KRONOR,
    "kommun_tolerans": plugin_config.percent("percentage points"),
}
PART_TEXT = {"staten": "staten", "region": "region", "kommun": "kommunerna"}
POSSESSIVE = {"staten": "its", "region": "its", "kommun": "their"}

FinansieringError = plugin_config.ConfigError


def finansieringsandelar(
    entries: list[data.Directive], options_map: dict[str, Any], config: str | None = None
) -> tuple[list[data.Directive], Sequence[Any]]:
    """Check the financing shares of every year; entries pass unchanged."""
    entries = normalise(entries)
    settings, errors = plugin_config.parse(config, DEFAULTS, options_map, MODULE, LIMITS)
    books = build(entries, options_map).books  # other errors: kontoplan, direktiv
    for year in books.years():
        closed = books.is_closed(year)  # a year in progress is not yet split as decided
        booked = bokforda(books, year)
        if closed and booked.total and _off(booked, settings["tolerans"]):
            worst = _worst(booked)
            parties = {p.account for p in medlemsbidrag_accounts(books) if p.part == worst}
            found = _last_contribution(books, year, parties) or _last_contribution(
                books, year, {p.account for p in medlemsbidrag_accounts(books)}
            )
            if found is not None:
                errors.append(FinansieringError(found.meta, _message(booked, settings), found))
        budgeted = budgeterade(books, year)
        if budgeted is not None and budgeted.total and _off(budgeted, settings["tolerans"]):
            entry = _budget_entry(books, budgeted)
            if entry is not None:
                errors.append(FinansieringError(entry.meta, _message(budgeted, settings), entry))
        if closed:
            errors += _kommuner(books, year, settings["kommun_tolerans"])
    return entries, errors


def _off(andelar: Andelar, tolerans: Decimal) -> bool:
    return any(abs(andelar.deviation(part)) > tolerans for part in ANDEL)


def _worst(andelar: Andelar) -> str:
    """The party furthest from its share (the first of equals, in FinsamL's order)."""
    return max(ANDEL, key=lambda part: abs(andelar.deviation(part)))


def _message(andelar: Andelar, settings: dict[str, Any]) -> str:
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


def _last_contribution(books: Books, year: int, accounts: set[str]) -> data.Transaction | None:
    """The year's last transaction that posts to one of the accounts."""
    found = None
    for entry in books.entries:
        if (
            isinstance(entry, data.Transaction)
            and entry.date.year == year
            and any(posting.account in accounts for posting in entry.postings)
        ):
            found = entry
    return found


def _budget_entry(books: Books, andelar: Andelar) -> data.Custom | None:
    """The budget directive of the party furthest off in the year."""
    worst = _worst(andelar)
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


def _kommuner(books: Books, year: int, tolerans: Decimal) -> list[FinansieringError]:
    now, before = kommunfordelning(books, year), kommunfordelning(books, year - 1)
    if not now or not before:
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
    most = max(moved, key=lambda account: abs(moved[account]))
    entry = _last_contribution(books, year, {most})
    if entry is None:
        return []
    return [
        FinansieringError(
            entry.meta,
            f"{RULE}: Medlemsbidrag {year}: the kommuner's split of their quarter changed by "
            f"more than {procent(tolerans)} points ({changes}); record why: {year}-01-01 "
            f'custom "kommunfordelning" {year} "Ny fördelning: ..."',
            entry,
        )
    ]

"""Balanskrav: the balanskravsresultat, deficits and deficit budgets (KL 11 kap.).

Computes each year's balanskravsresultat as in the balanskravsutredning
(årets resultat adjusted by the ``balanskrav`` directives) for every year
whose books reach 31 December, and reports:

* a negative balanskravsresultat without a decision, at the year's first
  budget line (else at the year's ``budgetunderskott`` decision, else at
  this plugin's line). Record an åtgärdsplan (the deficit restored within
  the three following years) or a decision not to restore it for synnerliga
  skäl, dated with the board's decision; the error gives both lines, ready
  to paste::

      2022-03-31 custom "atgardsplan" 2021 2024 "Underskottet 2021 återställs senast 2024"
      2022-03-31 custom "synnerliga-skal" 2021 "Synnerliga skäl: ..."

* a deficit still not restored when its last year (the åtgärdsplan's, at most
  three years on) is closed, at the decision;
* a budget whose kostnader exceed its intäkter, at the year's first budget
  directive, unless the board's decision to use eget kapital is recorded::

      2020-11-20 custom "budgetunderskott" 2021 "Underskottet täcks av eget kapital"

Enable it with ``plugin "finsam_ledger.plugins.balanskrav"``; no settings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from beancount.core import data

from finsam_ledger import plugin_config
from finsam_ledger.balanskrav import RESTORE_YEARS, beslut, forlopp
from finsam_ledger.books import Books, build
from finsam_ledger.chart import EXPENSES, INCOME
from finsam_ledger.directives import normalise
from finsam_ledger.period import Period
from finsam_ledger.table import kronor

__plugins__ = ("balanskrav",)

MODULE = "finsam_ledger.plugins.balanskrav"
RULE = "balanskrav"
BalanskravError = plugin_config.ConfigError


def balanskrav(
    entries: list[data.Directive], options_map: dict[str, Any], config: str | None = None
) -> tuple[list[data.Directive], Sequence[Any]]:
    """Check every closed year's balanskravsresultat and every budget."""
    entries = normalise(entries)
    _, errors = plugin_config.parse(config, {}, options_map, MODULE)
    books = build(entries, options_map).books  # other errors: kontoplan, direktiv
    errors += _results(books, plugin_config.plugin_source(options_map, MODULE, config))
    errors += _budgets(books)
    return entries, errors


def _decision_date(year: int) -> str:
    """A date for a suggested decision on a year's result: when the annual report is adopted."""
    return f"{year + 1}-03-31"


def _deficit_line(
    books: Books, year: int, plugin_line: Mapping[str, Any]
) -> tuple[Mapping[str, Any], data.Directive | None]:
    """Where a deficit without a decision is reported: the year's budget, its decision, or us."""
    for entry in books.entries:
        if isinstance(entry, data.Custom) and entry.type == "budget" and entry.date.year == year:
            return entry.meta, entry
    decision = beslut(books, "budgetunderskott", year)
    if decision is not None:
        return decision.entry.meta, decision.entry
    return plugin_line, None


def _results(books: Books, plugin_line: Mapping[str, Any]) -> list[BalanskravError]:
    errors: list[BalanskravError] = []
    years = forlopp(books)
    for year, ar in years.items():
        if not books.is_closed(year):
            continue
        result = ar.utredning.balanskravsresultat
        decided = beslut(books, "atgardsplan", year) or beslut(books, "synnerliga-skal", year)
        if result < 0 and decided is None:
            last = year + RESTORE_YEARS
            date = _decision_date(year)
            meta, entry = _deficit_line(books, year, plugin_line)
            errors.append(
                BalanskravError(
                    meta,
                    f"{RULE}: Balanskravsresultat {year} is {kronor(result)}, a deficit to "
                    f"restore within {year + 1}–{last} (KL 11:12); record the board's "
                    f'åtgärdsplan: {date} custom "atgardsplan" {year} {last} '
                    f'"Underskottet {year} återställs senast {last}" or its decision not to '
                    f"restore it for synnerliga skäl (KL 11:13): {date} "
                    f'custom "synnerliga-skal" {year} "Synnerliga skäl: ..."',
                    entry,
                )
            )
        for deficit in ar.underskott:
            if deficit.deadline == year and deficit.beslut is not None:
                errors.append(
                    BalanskravError(
                        deficit.beslut.entry.meta,
                        f"{RULE}: Deficit of {deficit.year} ({kronor(-deficit.amount)}) not "
                        f"restored by the end of {year}: {kronor(deficit.remaining)} remains "
                        "(KL 11:12); the rest stays unrestored only by the board's decision "
                        f"for synnerliga skäl (KL 11:13): {_decision_date(year)} "
                        f'custom "synnerliga-skal" {deficit.year} "Synnerliga skäl: ..."',
                        deficit.beslut.entry,
                    )
                )
    return errors


def _budgets(books: Books) -> list[BalanskravError]:
    first: dict[int, data.Custom] = {}
    for entry in books.entries:
        if isinstance(entry, data.Custom) and entry.type == "budget":
            first.setdefault(entry.date.year, entry)
    errors: list[BalanskravError] = []
    for year, entry in sorted(first.items()):
        period = Period.year(year)
        intakter = -_budget(books, INCOME, period)
        kostnader = _budget(books, EXPENSES, period)
        if kostnader > intakter and beslut(books, "budgetunderskott", year) is None:
            errors.append(
                BalanskravError(
                    entry.meta,
                    f"{RULE}: Budget {year}: kostnader {kronor(kostnader)} exceed intäkter "
                    f"{kronor(intakter)} by {kronor(kostnader - intakter)} (KL 11:5); record "
                    f"the board's decision to use eget kapital: {entry.date} "
                    f'custom "budgetunderskott" {year} "Underskottet täcks av eget kapital"',
                    entry,
                )
            )
    return errors


def _budget(books: Books, kind: str, period: Period) -> Decimal:
    accounts = [p.account for p in books.chart.placements.values() if p.type == kind]
    return books.budgets.total(accounts, period) or Decimal(0)

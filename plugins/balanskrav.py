"""Balanskrav: the balanskravsresultat, deficits and deficit budgets (KL 11 kap.).

Computes each year's balanskravsresultat as in the balanskravsutredning
(årets resultat adjusted by the ``balanskrav`` directives) for every year
whose books reach 31 December, and reports:

* a negative balanskravsresultat without a decision, at the year's last
  transaction. Record an åtgärdsplan (the deficit restored within the three
  following years) or a decision not to restore it for synnerliga skäl::

      2022-03-23 custom "atgardsplan" 2021 2024 "Åtgärdsplan antagen av styrelsen"
      2022-03-23 custom "synnerliga-skal" 2021 "Skälen ..."

* a deficit still not restored when its last year (the åtgärdsplan's, at most
  three years on) is closed, at the decision;
* a budget whose kostnader exceed its intäkter, at the year's first budget
  directive, unless the board's decision to use eget kapital is recorded::

      2020-11-20 custom "budgetunderskott" 2021 "Underskottet täcks av eget kapital"

Enable it with ``plugin "finsam_ledger.plugins.balanskrav"``; no settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from beancount.core import data

from finsam_ledger import plugin_config
from finsam_ledger.balanskrav import beslut, forlopp
from finsam_ledger.books import Books, build
from finsam_ledger.chart import EXPENSES, INCOME
from finsam_ledger.period import Period
from finsam_ledger.table import kronor

__plugins__ = ("balanskrav",)

MODULE = "finsam_ledger.plugins.balanskrav"
BalanskravError = plugin_config.ConfigError


def balanskrav(
    entries: list[data.Directive], options_map: dict[str, Any], config: str | None = None
) -> tuple[list[data.Directive], Sequence[Any]]:
    """Check every closed year's balanskravsresultat and every budget."""
    _, errors = plugin_config.parse(config, {}, options_map, MODULE)
    books = build(entries, options_map).books  # other errors: kontoplan, direktiv
    errors += _results(books)
    errors += _budgets(books)
    return entries, errors


def _last_transaction(books: Books, year: int) -> data.Transaction | None:
    found = None
    for entry in books.entries:
        if isinstance(entry, data.Transaction) and entry.date.year == year:
            found = entry
    return found


def _results(books: Books) -> list[BalanskravError]:
    errors: list[BalanskravError] = []
    years = forlopp(books)
    for year, ar in years.items():
        if not books.is_closed(year):
            continue
        result = ar.utredning.balanskravsresultat
        decided = beslut(books, "atgardsplan", year) or beslut(books, "synnerliga-skal", year)
        if result < 0 and decided is None:
            entry = _last_transaction(books, year)
            if entry is not None:
                errors.append(
                    BalanskravError(
                        entry.meta,
                        f"Balanskravsresultat {year} is {kronor(result)}: a deficit must be "
                        f"restored within {year + 1}–{year + 3} (KL 11:12); record "
                        f'custom "atgardsplan" {year} <last year> "..." or '
                        f'custom "synnerliga-skal" {year} "..." (KL 11:13)',
                        entry,
                    )
                )
        for deficit in ar.underskott:
            if deficit.deadline == year and deficit.beslut is not None:
                errors.append(
                    BalanskravError(
                        deficit.beslut.entry.meta,
                        f"Deficit of {deficit.year} ({kronor(-deficit.amount)}) not restored by "
                        f"the end of {year}: {kronor(deficit.remaining)} remains",
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
                    f"Budget {year}: kostnader {kronor(kostnader)} exceed intäkter "
                    f"{kronor(intakter)} by {kronor(kostnader - intakter)} (KL 11:5); record "
                    f'the decision to use eget kapital: custom "budgetunderskott" {year} "..."',
                    entry,
                )
            )
    return errors


def _budget(books: Books, kind: str, period: Period) -> Decimal:
    accounts = [p.account for p in books.chart.placements.values() if p.type == kind]
    return books.budgets.total(accounts, period) or Decimal(0)

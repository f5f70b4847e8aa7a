"""The tables of the årsredovisning, computed once for a year."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from finsam_ledger.balanskravsutredning import balanskravsutredning
from finsam_ledger.balansrakning import balansrakning
from finsam_ledger.books import Books
from finsam_ledger.driftsredovisning import driftsredovisning
from finsam_ledger.kassaflodesanalys import kassaflodesanalys
from finsam_ledger.not6 import not6
from finsam_ledger.noter import not2, not3, not4, not5
from finsam_ledger.oversikt import oversikt
from finsam_ledger.period import Period
from finsam_ledger.resultatrakning import resultatrakning
from finsam_ledger.table import Table

BUILDERS: Mapping[str, Callable[[Books, Period], Table]] = {
    "resultatrakning": resultatrakning,
    "balansrakning": balansrakning,
    "kassaflodesanalys": kassaflodesanalys,
    "driftsredovisning": driftsredovisning,
    "not2": not2,
    "not3": not3,
    "not4": not4,
    "not5": not5,
    "not6": not6,
    "balanskrav": balanskravsutredning,
    "oversikt": oversikt,
}


def statements(books: Books, period: Period) -> dict[str, Table]:
    """Every table for the period, by key, in the order of the published report."""
    return {key: build(books, period) for key, build in BUILDERS.items()}

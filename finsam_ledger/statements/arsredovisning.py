"""The tables of the årsredovisning, computed once for a year.

:func:`finsam_ledger.statements.rapport.rapport` is the entry point of the
front ends; this module builds the årsredovisning's tables, in the order of
:data:`~finsam_ledger.model.tabeller.ARSREDOVISNING`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.tabeller import ARSREDOVISNING
from finsam_ledger.model.table import Table
from finsam_ledger.statements.balanskravsutredning import balanskravsutredning
from finsam_ledger.statements.balansrakning import balansrakning
from finsam_ledger.statements.deltagare import deltagare, deltagare_utfall, samhallsekonomi
from finsam_ledger.statements.driftsredovisning import driftsredovisning
from finsam_ledger.statements.kassaflodesanalys import kassaflodesanalys
from finsam_ledger.statements.not6 import not6
from finsam_ledger.statements.noter import not2, not3, not4, not5
from finsam_ledger.statements.oversikt import oversikt
from finsam_ledger.statements.resultatrakning import resultatrakning

# A builder gives None for a table the year does not have (participants not recorded).
_BUILDERS: Mapping[str, Callable[[Books, Period], Table | None]] = {
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
    "deltagare": deltagare,
    "deltagare_utfall": deltagare_utfall,
    "samhallsekonomi": samhallsekonomi,
}
# In the order declared in tabeller; a table declared there without a builder fails here.
BUILDERS: Mapping[str, Callable[[Books, Period], Table | None]] = {
    key: _BUILDERS[key] for key in ARSREDOVISNING
}


def statements(books: Books, period: Period) -> dict[str, Table]:
    """Every table for the period, by key, in the order of the published report.

    A table the year does not have is left out: the participants' tables of
    a year without ``deltagare`` lines.

    In the standard wording: :func:`~finsam_ledger.statements.rapport.rapport`,
    which every front end prints, puts in the ledger's own (``custom "rubrik"``)
    and adds its summary rows.
    """
    built = {key: build(books, period) for key, build in BUILDERS.items()}
    return {key: table for key, table in built.items() if table is not None}

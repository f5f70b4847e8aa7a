"""The report tables' keys, declared once: which tables each report has, in order.

A key names a table in every rendering: the JSON's ``tables``, the CSV
export's file names, the HTML sections' ids. :data:`NAMN` gives each its
short Swedish name (an XLSX sheet's name); :data:`ARSREDOVISNING` and
:data:`DELARSRAPPORT` the tables of each report in the published order.
This module imports nothing, so a renderer may use it without loading the
statements.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

NAMN: Final[Mapping[str, str]] = {
    "resultatrakning": "Resultaträkning",
    "balansrakning": "Balansräkning",
    "kassaflodesanalys": "Kassaflödesanalys",
    "driftsredovisning": "Driftsredovisning",
    "not2": "Not 2",
    "not3": "Not 3",
    "not4": "Not 4",
    "not5": "Not 5",
    "not6": "Not 6",
    "balanskrav": "Balanskrav",
    "oversikt": "Översikt",
    "deltagare": "Deltagare",
    "deltagare_utfall": "Avslutade deltagare",
    "samhallsekonomi": "Samhällsekonomisk effekt",
    "detalj": "Intäkter och kostnader",
    "eget_kapital": "Eget kapital, prognos",
    "balansrakning_prognos": "Balansräkning, prognos",
    "budgetplan": "Budgetplan",
}
"""Every table's key and short name (at most 31 characters, as Excel's sheet names)."""

ARSREDOVISNING: Final[tuple[str, ...]] = (
    "resultatrakning",
    "balansrakning",
    "kassaflodesanalys",
    "driftsredovisning",
    "not2",
    "not3",
    "not4",
    "not5",
    "not6",
    "balanskrav",
    "oversikt",
    "deltagare",
    "deltagare_utfall",
    "samhallsekonomi",
)
"""The årsredovisning's tables, in the published order; the last three (participants,
their outcomes, the socio-economic effect) only for a year the ledger records
participants in."""

DELARSRAPPORT: Final[tuple[str, ...]] = (
    "resultatrakning",
    "detalj",
    "not2",
    "not3",
    "balansrakning",
    "driftsredovisning",
    "eget_kapital",
    "balansrakning_prognos",
    "balanskrav",
)
"""The delårsrapport's tables, in order: those a ledger's settings and forecasts
call for (``detalj`` or ``not2`` and ``not3``; ``balansrakning_prognos``
where the ledger forecasts the balance sheet)."""

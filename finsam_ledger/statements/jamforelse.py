"""Several förbund side by side for a year: the members' meeting comparison.

:func:`nyckeltal` takes one förbund's figures for the year from its books
(a small, picklable :class:`Forbund`, so that each ledger can be loaded in a
process of its own); :func:`jamforelse` sets them side by side in one
:class:`~finsam_ledger.model.table.Table`, a column per förbund:

* Medlemsbidrag; Intäkter, Kostnader and Resultat, each by the budget and by
  the utfall (all income and costs, financial items included);
* Eget kapital vid årets slut, in percent of the year's medlemsbidrag, and
  the riktvärde (the ledger's ``eget-kapital-riktvarde``) in percent and in
  kronor, with "Över riktvärdet" where eget kapital exceeds it;
* the cost split by Finsam class with one decimal (the overview's rows);
* participants, those who went to work or studies and the socio-economic
  effect (with the ledger's own settings,
  :func:`~finsam_ledger.statements.deltagare.deltagare_ar`), where the
  ledger records participants.

A förbund whose books have no transactions in the year, or errors, has a
blank column and says why under the table; a year its books do not reach
to 31 December shows the utfall so far and says to which day.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from finsam_ledger.figures.budget import budget
from finsam_ledger.figures.saldo import eget_kapital_vid
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.money import HUNDRED
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Unit, Value
from finsam_ledger.rules.finansiering import bokforda
from finsam_ledger.statements.deltagare import deltagare_ar
from finsam_ledger.statements.oversikt import KLASS_LABELS, kostnadsandel

RADER: tuple[tuple[str, Unit | None, int], ...] = (
    ("Medlemsbidrag", None, 0),
    ("Intäkter, budget", None, 0),
    ("Intäkter, utfall", None, 0),
    ("Kostnader, budget", None, 0),
    ("Kostnader, utfall", None, 0),
    ("Resultat, budget", None, 0),
    ("Resultat, utfall", None, 0),
    ("Eget kapital vid årets slut", None, 0),
    ("Eget kapital i % av medlemsbidrag", "%", 1),
    ("Riktvärde eget kapital (%)", "%", 0),
    ("Riktvärde eget kapital (kr)", None, 0),
    ("Över riktvärdet (kr)", None, 0),
    *((text, "%", 1) for text in KLASS_LABELS.values()),
    ("Deltagare", "st", 0),
    ("Till arbete eller studier", "st", 0),
    ("Samhällsekonomisk effekt (kr)", None, 0),
)
"""The rows: label, unit (the table's kr if none) and decimals."""


@dataclass(frozen=True)
class Forbund:
    """One förbund's figures for the year, by row label; ``status`` says why any are missing."""

    namn: str
    varden: dict[str, Decimal] = field(default_factory=dict)
    status: str = ""


def nyckeltal(books: Books, year: int, namn: str) -> Forbund:
    """The förbund's figures for the year (:data:`RADER`)."""
    period = Period.year(year)
    if not books.has_transactions(period):
        return Forbund(namn, status=f"inga transaktioner {year}")
    status = ""
    last = books.last_day()
    if not books.is_closed(year) and last is not None:
        status = f"utfall till och med {last}, året är inte avslutat"
        period = Period(period.start, min(period.end, last + datetime.timedelta(days=1)))
    intakter = books.chart.of_type(c.INCOME)
    kostnader = books.chart.of_type(c.EXPENSES)
    found: dict[str, Value] = {
        "Medlemsbidrag": bokforda(books, year).total,
        "Intäkter, budget": budget(books, intakter, Period.year(year), -1),
        "Intäkter, utfall": -books.sum_change(intakter, period),
        "Kostnader, budget": budget(books, kostnader, Period.year(year)),
        "Kostnader, utfall": books.sum_change(kostnader, period),
    }
    found["Resultat, utfall"] = _minus(found["Intäkter, utfall"], found["Kostnader, utfall"])
    found["Resultat, budget"] = _minus(found["Intäkter, budget"], found["Kostnader, budget"])
    ek = eget_kapital_vid(books, period.end)
    found["Eget kapital vid årets slut"] = ek
    bidrag = found["Medlemsbidrag"]
    andel = books.direktiv.riktvarde(year)
    found["Riktvärde eget kapital (%)"] = andel
    if bidrag:
        found["Eget kapital i % av medlemsbidrag"] = ek / bidrag * HUNDRED
        grans = bidrag * andel / HUNDRED
        found["Riktvärde eget kapital (kr)"] = grans
        found["Över riktvärdet (kr)"] = ek - grans if ek > grans else None
    for klass, text in KLASS_LABELS.items():
        found[text] = kostnadsandel(books, year, klass=klass)
    ar = deltagare_ar(books, year)
    if ar is not None:
        found["Deltagare"] = _antal(ar.deltagare)
        found["Till arbete eller studier"] = _antal(ar.personer_till(("arbete", "studier")))
        found["Samhällsekonomisk effekt (kr)"] = ar.effekt
    return Forbund(namn, {k: v for k, v in found.items() if v is not None}, status)


def _antal(count: int | None) -> Value:
    return None if count is None else Decimal(count)


def _minus(a: Value, b: Value) -> Value:
    return None if a is None or b is None else a - b


def jamforelse(forbund: Sequence[Forbund], year: int) -> Table:
    """The förbund side by side: a column each, in the order given."""
    rows = []
    for label, unit, decimals in RADER:
        values = tuple(f.varden.get(label) for f in forbund)
        if all(v is None for v in values) and label not in _ALWAYS:
            continue
        rows.append(Row(label, values, unit=unit, decimals=decimals))
    notes = tuple(f"{f.namn}: {f.status}" for f in forbund if f.status)
    return Table(
        key="jamforelse",
        title=f"Samordningsförbunden {year}",
        columns=tuple(f.namn for f in forbund),
        rows=tuple(rows),
        notes=notes,
    )


# Rows printed even when every förbund lacks them (the reader expects them).
_ALWAYS = frozenset({"Medlemsbidrag", "Intäkter, utfall", "Kostnader, utfall", "Resultat, utfall"})

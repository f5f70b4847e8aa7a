"""The one entry point of the reports: which report a period gets, and its tables.

:func:`rapport` decides, for every front end (``finsam report``,
``finsam export``, Fava's page and downloads):

* a calendar year gets the årsredovisning (the tables of
  :data:`~finsam_ledger.model.tabeller.ARSREDOVISNING`);
* a period from 1 January to a day from 30 June to 31 August gets a
  delårsrapport with helårsprognos (the tables of
  :data:`~finsam_ledger.model.tabeller.DELARSRAPPORT`), with the
  medlemsbidrag periodised pro rata if asked;
* a year the books do not reach to 31 December (:meth:`Books.is_closed`:
  year-end entries are dated then) gets no årsredovisning: the reason names
  the last booked date and the delårsrapport that period allows, so that no
  header claims a date the books do not reach;
* any other period, and a period without transactions, get no report:
  :class:`IngenRapport`, with the reason in Swedish, one line, the same in
  every front end;
* a ledger's summary row (``custom "summarad"``) that does not fit its
  table refuses the report too: the reason names the directive's file and
  line (:mod:`~finsam_ledger.statements.summarader`).

A kassaflödesanalys that does not add up is not a refusal here: the books
are checked for it where they are built (an error at a line of the ledger,
:func:`finsam_ledger.model.kassaflode.kassaflode_errors`), so books that
load have none.

:func:`slag` is the period rule alone, for a front end that checks a
period before it loads the books.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.tabeller import ARSREDOVISNING, DELARSRAPPORT
from finsam_ledger.model.table import Table
from finsam_ledger.statements import rubriker, summarader
from finsam_ledger.statements.arsredovisning import statements
from finsam_ledger.statements.delarsrapport import Jamforelse, delarsrapport

Slag = Literal["årsredovisning", "delårsrapport"]
Orsak = Literal["period", "inga transaktioner", "ej avslutat", "summarad"]

PERIODREGEL = (
    "en årsredovisning gäller ett kalenderår och en delårsrapport perioden från 1 januari "
    "till en dag från 30 juni till 31 augusti samma år"
)
RUBRIK: dict[Slag, str] = {"årsredovisning": "Räkenskapsår", "delårsrapport": "Delårsrapport"}


_CONTROL = dict.fromkeys((*range(32), 127), " ")


class IngenRapport(Exception):
    """No report for the period: ``reason`` says why, in Swedish, in one line.

    ``orsak`` says what kind of refusal it is: ``"period"`` a period that is
    neither a year nor a delårsrapport's (or periodisering asked of a year),
    ``"inga transaktioner"`` a period without transactions, ``"ej avslutat"``
    a year the books do not reach to 31 December, ``"summarad"`` a summary
    row of the ledger that does not fit its table (the reason starts with
    the directive's ``file:line``).
    """

    def __init__(self, reason: str, orsak: Orsak, period: Period) -> None:
        super().__init__(reason)
        self.reason = reason
        self.orsak: Orsak = orsak
        self.period = period


@dataclass(frozen=True)
class Rapport:
    """A report: its kind, period and tables, in order; ``title`` is the ledger's title option."""

    slag: Slag
    period: Period
    tables: tuple[Table, ...]
    title: str = ""
    periodiserad: bool = False

    @property
    def rubrik(self) -> str:
        """``Räkenskapsår 2021`` or ``Delårsrapport 2021-01-01–2021-06-30``."""
        return f"{RUBRIK[self.slag]} {self.period.label}"

    @property
    def keys(self) -> tuple[str, ...]:
        """The tables' keys, in order."""
        return tuple(table.key for table in self.tables)

    def table(self, key: str) -> Table:
        """The table with this key."""
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(f"{self.rubrik}: no table {key!r}")


def slag(period: Period, *, periodisera: bool = False) -> Slag:
    """Which report the period gets; :class:`IngenRapport` if none."""
    if period.is_year:
        if periodisera:
            raise IngenRapport(
                f"Periodiseringen av medlemsbidragen gäller en delårsrapport, "
                f"inte räkenskapsåret {period.label}.",
                "period",
                period,
            )
        return "årsredovisning"
    try:
        Period.delar(period.start, period.last_day)
    except ValueError:
        raise IngenRapport(
            f"Ingen rapport för {period.label}: {PERIODREGEL}.", "period", period
        ) from None
    return "delårsrapport"


def ej_avslutat(books: Books, year: int) -> str:
    """Why a year the books do not reach to 31 December gets no årsredovisning, and what can.

    Names the last booked date and the delårsrapport the books allow: to
    that date if it is from 30 June to 31 August, to 31 August (or a day
    from 30 June) if it is later; before 30 June, none until the books reach it.
    """
    last = books.last_day()
    assert last is not None  # the year has transactions
    first = datetime.date(year, 1, 1)
    head = f"Böckerna når bara till {last}; räkenskapsåret {year} är inte avslutat."
    lo, hi = datetime.date(year, 6, 30), datetime.date(year, 8, 31)
    if lo <= last <= hi:
        return f"{head} Använd --period {first}..{last} för en delårsrapport."
    if last > hi:
        return (
            f"{head} Använd --period {first}..{hi} för en delårsrapport (den slutar en dag "
            f"från {lo} till {hi}), eller bokför året till {year}-12-31 för en årsredovisning."
        )
    return (
        f"{head} Bokför året till {year}-12-31 för en årsredovisning "
        f"(eller till minst {lo} för en delårsrapport)."
    )


def rapport(
    books: Books,
    period: Period,
    *,
    periodisera: bool = False,
    jamforelse: Jamforelse | None = None,
) -> Rapport:
    """The report for the period: an årsredovisning or a delårsrapport.

    ``jamforelse`` chooses a delårsrapport's comparison column (the previous
    full year or the same period; the ledger's setting by default).

    Raises :class:`IngenRapport` for a period that gets none (see :func:`slag`),
    for a period without transactions, for a year the books do not reach
    to 31 December (:func:`ej_avslutat`) and for a summary row that does not
    fit its table (:class:`~finsam_ledger.statements.summarader.SummaradFel`).
    """
    kind = slag(period, periodisera=periodisera)
    if not books.has_transactions(period):
        raise IngenRapport(
            f"Huvudboken har inga transaktioner under {period.label}.",
            "inga transaktioner",
            period,
        )
    if kind == "årsredovisning" and not books.is_closed(period.start.year):
        raise IngenRapport(ej_avslutat(books, period.start.year), "ej avslutat", period)
    if kind == "årsredovisning":
        tables, keys = statements(books, period), ARSREDOVISNING
    else:
        tables = delarsrapport(books, period, periodisera=periodisera, jamforelse=jamforelse)
        keys = DELARSRAPPORT
    # The ledger's title as printed text: a control character in it is no text of a page.
    title = " ".join(str(books.options.get("title") or "").translate(_CONTROL).split())
    # The ledger's own wording first, then its summary rows, which name printed labels.
    ordered = rubriker.anpassa(books, period, [tables[key] for key in keys if key in tables])
    try:
        ordered = summarader.lagg_till(books, period, ordered)
    except summarader.SummaradFel as exc:
        raise IngenRapport(exc.reason, "summarad", period) from None
    return Rapport(kind, period, ordered, title, periodisera)

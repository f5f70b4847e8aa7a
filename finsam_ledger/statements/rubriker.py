"""A förbund's own wording: printed labels replaced per ledger (``custom "rubrik"``).

Every label a report prints, a row's (headings and sums included), a
table's title and a column heading, is by default the standard wording of
LKBR and RKR: "Likvida medel", "Utgående eget kapital", "Summa
omsättningstillgångar". A förbund that prints its own wording says so in its
ledger, one line per label: the label as the reports print it without such
lines, then the wording to print instead::

    2020-01-01 custom "rubrik" "Likvida medel" "Likvida Medel"
    2020-01-01 custom "rubrik" "Resultat" "Verksamhetens nettokostnad"
      tabell: "resultatrakning"

The rules, applied by :func:`anpassa` to every report
(:func:`finsam_ledger.statements.rapport.rapport`, so every front end:
``finsam report`` in each format, ``finsam export``, Fava's page):

* A line applies to the reports that end on or after its date.
* It replaces every printed label that equals its first text exactly (case,
  spaces and punctuation count): row labels, table titles and column
  headings, in every table of the report; ``tabell:`` (a table key of
  :data:`~finsam_ledger.model.tabeller.NAMN`) limits it to that table.
* Of lines for the same label, a line for the table (``tabell:``) wins over
  a line for every table; among lines of the same kind the later one wins
  (by date, then by its place in the ledger).
* Each label is its own: renaming the heading "Administration" leaves "Summa
  Administration" as it is (write a line for each). Footnotes under a table
  are text and are left as they are.
* A note row of an account prints the account's ``notrad`` (or its name):
  that is the ledger's own wording already, and the place to give it.
* The ledger's summary rows (``custom "summarad"``) are added after the
  labels are replaced, so they name labels as the report prints them.

:func:`~finsam_ledger.statements.arsredovisning.statements` gives the
årsredovisning's tables in the ledger's wording too; replacing twice
changes nothing, since no line may replace a wording another line gives.

Checked when the ledger is loaded (an error at the line, from the
``direktiv`` plugin like the other directives,
:mod:`finsam_ledger.model.directives`): a ``tabell`` that is no table key,
and a line whose label is the wording another line gives in a table both
apply to (the label would be replaced twice, so the result would depend on
the order).

A line whose label no report prints would be ignored for good, so
``finsam report`` and ``finsam export`` check that too before they make a
report (:func:`otryckta`): the label must be printed, without rubrik lines,
by the årsredovisning of a year with transactions or by that year's
delårsrapport (to 30 June or to a date the label names; with and without
periodisering, with either comparison column), in the line's table if it
names one. The error gives the nearest printed label as a hint. A row the
books print only when it is not zero counts once a report prints it. The
loader itself builds no report (loading stays quick, and needs no
statements), so ``bean-check`` and Fava do not make this check.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence

from finsam_ledger.model.books import Books
from finsam_ledger.model.directives import RUBRIK, RULE, Rubrik, printable
from finsam_ledger.model.errors import LedgerError
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Table

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def ordlista(rubriker: Sequence[Rubrik], key: str) -> dict[str, str]:
    """Label -> own wording in the table ``key``, of lines in date order.

    The lines for every table first, then the table's own, each later line
    replacing an earlier one for the same label.
    """
    found: dict[str, str] = {}
    for rubrik in (
        *(r for r in rubriker if r.tabell is None),
        *(r for r in rubriker if r.tabell == key),
    ):
        found[rubrik.label] = rubrik.text
    return found


def anpassa(books: Books, period: Period, tables: Sequence[Table]) -> tuple[Table, ...]:
    """The tables with the ledger's labels in place of the standard ones.

    The lines that apply to a report ending on the period's last day
    (:meth:`~finsam_ledger.model.directives.Direktiv.rubriker_for`).
    """
    rubriker = books.direktiv.rubriker_for(period.last_day)
    if not rubriker:
        return tuple(tables)
    return tuple(_anpassad(table, ordlista(rubriker, table.key)) for table in tables)


def _anpassad(table: Table, egna: Mapping[str, str]) -> Table:
    if not egna:
        return table
    return dataclasses.replace(
        table,
        title=egna.get(table.title, table.title),
        columns=tuple(egna.get(column, column) for column in table.columns),
        rows=tuple(
            dataclasses.replace(row, label=egna[row.label]) if row.label in egna else row
            for row in table.rows
        ),
    )


def _fel(rubrik: Rubrik, what: str) -> LedgerError:
    return LedgerError(
        rubrik.entry.meta,
        f'{RULE}: custom "{RUBRIK}" "{rubrik.label}": {what}',
        printable(rubrik.entry),
    )


def otryckta(books: Books) -> list[LedgerError]:
    """The ``rubrik`` lines whose label no report of the books prints, each an error at its line.

    In the line's table if it names one; the reports are those of :func:`tryckta`
    (the delårsrapporter only if the årsredovisningar leave a label unprinted).
    """
    rubriker = books.direktiv.rubriker
    if not rubriker:
        return []
    printed = tryckta(books, delarsrapporter=False)
    if printed is not None and all(r.label in _pool(r, printed) for r in rubriker):
        return []
    printed = tryckta(books, _dagar(rubriker))
    if printed is None:
        return []
    out: list[LedgerError] = []
    for rubrik in rubriker:
        pool = _pool(rubrik, printed)
        if rubrik.label in pool:
            continue
        where = f" in {rubrik.tabell}" if rubrik.tabell else ""
        elsewhere = sorted(key for key, labels in printed.items() if rubrik.label in labels)
        if elsewhere:
            hint = f" (it is printed in {', '.join(elsewhere)})"
        else:
            close = difflib.get_close_matches(rubrik.label, sorted(pool), n=1, cutoff=0.75)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
        out.append(
            _fel(
                rubrik,
                f'no report of these books prints "{rubrik.label}"{where}{hint}; name the label '
                "as the reports print it without rubrik lines, or remove the line",
            )
        )
    return out


def _pool(rubrik: Rubrik, printed: Mapping[str, set[str]]) -> set[str]:
    """The labels a line may name: those of its table, or of every table."""
    if rubrik.tabell:
        return printed.get(rubrik.tabell, set())
    return set().union(*printed.values())


def _dagar(rubriker: Iterable[Rubrik]) -> set[datetime.date]:
    """The delårsrapport ends the labels name (a column heading such as "Utfall 2021-01-01–…")."""
    days: set[datetime.date] = set()
    for rubrik in rubriker:
        for text in _ISO_DATE.findall(rubrik.label):
            try:
                day = datetime.date.fromisoformat(text)
            except ValueError:
                continue
            if (6, 30) <= (day.month, day.day) <= (8, 31):
                days.add(day)
    return days


def tryckta(
    books: Books, dagar: Iterable[datetime.date] = (), *, delarsrapporter: bool = True
) -> dict[str, set[str]] | None:
    """Every label the reports of the books print without rubrik lines, by table key.

    The årsredovisning and the budget plan of every year with transactions and, with
    ``delarsrapporter``, that year's delårsrapport to 30 June and to each of
    ``dagar`` in the year, with and without periodisering, with either
    comparison column. ``None`` if one of them cannot be built: the report
    asked for says what is wrong, or is made, without this check.
    """
    # Imported here: the statements are built only when a ledger has rubrik lines.
    from finsam_ledger.statements.arsredovisning import BUILDERS
    from finsam_ledger.statements.budgetplan import budgetplan
    from finsam_ledger.statements.delarsrapport import JAMFORELSE, delarsrapport

    found: dict[str, set[str]] = {}

    def add(tables: Iterable[Table | None]) -> None:
        for table in tables:
            if table is None:  # a table the year does not have
                continue
            labels = found.setdefault(table.key, set())
            labels.update((table.title, *table.columns, *(row.label for row in table.rows)))

    extra = set(dagar)
    try:
        for year in books.years():
            add(build(books, Period.year(year)) for build in BUILDERS.values())
            add([budgetplan(books, year)])
            if not delarsrapporter:
                continue
            ends = {datetime.date(year, 6, 30), *(day for day in extra if day.year == year)}
            for end in sorted(ends):
                period = Period.delar(datetime.date(year, 1, 1), end)
                for periodisera in (False, True):
                    for jamforelse in JAMFORELSE:
                        add(delarsrapport(books, period, periodisera, jamforelse).values())
    except Exception:  # a check of the wording never stands in the way of a report
        return None
    return found

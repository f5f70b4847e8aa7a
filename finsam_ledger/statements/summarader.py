"""A förbund's own summary rows (``custom "summarad"``).

Some förbund print rows the statements do not have: "Ack resultat fg år"
(eget kapital at the start of the year), "Möjligt att disponera" (that plus
the year's intäkter), "Periodens resultat" in the budget and forecast
columns (eget kapital at the year end). A ledger declares such a row as a
label and a signed sum of terms (:class:`~finsam_ledger.model.directives.Summarad`)::

    2021-01-01 custom "summarad" "resultatrakning" "Ack resultat fg år" "Ingående eget kapital"
      efter: "Verksamhetens intäkter"
      kolumner: "Budget Prognos"

:func:`lagg_till` adds them to a report's tables, after the ledger's own
wording (:mod:`~finsam_ledger.statements.rubriker`), so every name is a
label as the report prints it. The rules:

* A term is a row of the table, by its printed label, or else one of the
  :data:`FIGURER` (a row label wins over a figure's name). A row's values
  count as the table holds them: the resultaträkning's kostnader are
  negative, so adding them subtracts. ``-`` before a term subtracts it.
* Per column the row is the sum of its terms, blank where any term is
  blank; in a column ``kolumner`` does not name (by the first word of its
  heading) it is blank.
* A new label is a new row of kind ``"sum"``, after the row ``efter``
  names, or last. A label the table already has (a statement's row, or a
  row renamed by ``rubrik``) keeps its place and gets the sum in the columns
  the directive fills, its own values in the others: layout B's
  "Periodens resultat", the period's result under utfall and eget kapital
  at the year end under budget and prognos.
* The directives apply in ledger order, so a term or ``efter`` may name a
  summary row declared before.
* A directive for a table the report does not have (the kassaflödesanalys
  in a delårsrapport, ``detalj`` in an årsredovisning), or whose
  ``kolumner`` name a column the table lacks ("Prognos" in the
  årsredovisning's resultaträkning), is left out of that report.
  Everything else that does not fit (a label the table lacks, a
  label on two rows, a heading or a percentage as a term, ``efter`` on a
  row the table has) is :class:`SummaradFel`: the report refuses, in one
  Swedish line that names the directive's file and line. An unknown table
  key is already an error when the ledger loads
  (:func:`finsam_ledger.model.directives.read`).
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from finsam_ledger.figures.saldo import eget_kapital_vid
from finsam_ledger.model.books import Books
from finsam_ledger.model.directives import Summarad
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Value

# A figure of the books a term may name: its value for a year.
Figur = Callable[[Books, int], Value]


def _ingaende_eget_kapital(books: Books, year: int) -> Value:
    """Eget kapital at 1 January of the year; blank for a year before the books."""
    years = books.years()
    if not years or year < years[0]:
        return None
    return eget_kapital_vid(books, datetime.date(year, 1, 1))


FIGURER: Mapping[str, Figur] = {
    "Ingående eget kapital": _ingaende_eget_kapital,
    "Eget kapital vid årets början": _ingaende_eget_kapital,
}
"""The figures a term may name besides a table's rows, each for a column's year.

A column's year is that of the period it shows
(:meth:`~finsam_ledger.model.table.Table.period_of`), the report's year for
a column without one (budget, prognos, avvikelse, beviljat). Eget kapital
is positive, as the balansräkning prints it, and includes the ingående
balans; it is blank for a year before the books.
"""


class SummaradFel(ValueError):
    """A summary row that does not fit its table; ``reason`` in Swedish, one line."""

    def __init__(self, reason: str, summarad: Summarad) -> None:
        super().__init__(reason)
        self.reason = reason
        self.summarad = summarad


def lagg_till(books: Books, period: Period, tables: Sequence[Table]) -> tuple[Table, ...]:
    """The tables with the ledger's summary rows added where they belong.

    Raises :class:`SummaradFel` for a row that does not fit its table.
    """
    out = list(tables)
    index = {table.key: i for i, table in enumerate(out)}
    for summarad in books.direktiv.summarader_for(period.last_day):
        i = index.get(summarad.tabell)
        if i is not None:
            out[i] = _med_rad(books, period, out[i], summarad)
    return tuple(out)


def _fel(summarad: Summarad, what: str) -> SummaradFel:
    meta = summarad.entry.meta or {}
    where = f"{meta.get('filename', '')}:{meta.get('lineno', '')}"
    return SummaradFel(f'{where}: custom "summarad" "{summarad.label}": {what}', summarad)


def _quoted(labels: Sequence[str]) -> str:
    return ", ".join(f'"{label}"' for label in labels)


def _row_index(table: Table, label: str) -> list[int]:
    return [i for i, row in enumerate(table.rows) if row.label == label]


def _unknown(table: Table, label: str, *, figures: bool) -> str:
    """Why ``label`` names nothing in the table, with the nearest name."""
    labels = list(dict.fromkeys(row.label for row in table.rows))
    names = [*labels, *FIGURER] if figures else labels
    what = (
        f'"{label}" är varken en rad i tabellen {table.key} eller ett av talen '
        f"{_quoted(list(FIGURER))}"
        if figures
        else f'"{label}" är ingen rad i tabellen {table.key}'
    )
    close = difflib.get_close_matches(label, names, n=1, cutoff=0.8)  # a typo, not a guess
    if close:
        return f'{what}; menade du "{close[0]}"?'
    return f"{what}; tabellens rader: {_quoted(labels)}"


def _one_row(table: Table, label: str, summarad: Summarad, indexes: list[int]) -> int:
    if len(indexes) > 1:
        raise _fel(
            summarad,
            f'tabellen {table.key} har {len(indexes)} rader "{label}", så det framgår inte '
            "vilken som avses",
        )
    return indexes[0]


def _term_values(
    books: Books, period: Period, table: Table, summarad: Summarad, label: str
) -> tuple[Value, ...]:
    """A term's value in each column of the table."""
    indexes = _row_index(table, label)
    if indexes:
        row = table.rows[_one_row(table, label, summarad, indexes)]
        if row.kind == "heading":
            raise _fel(summarad, f'"{label}" är en rubrik utan belopp i tabellen {table.key}')
        unit = table.unit_of(row)
        if unit not in ("kr", "tkr"):
            raise _fel(
                summarad, f'raden "{label}" i tabellen {table.key} är i {unit}, inte ett belopp'
            )
        return row.values
    figur = FIGURER.get(label)
    if figur is None:
        raise _fel(summarad, _unknown(table, label, figures=True))
    years = [table.period_of(i) for i in range(len(table.columns))]
    return tuple(figur(books, (p or period).start.year) for p in years)


def _filled(table: Table, summarad: Summarad) -> tuple[bool, ...] | None:
    """Per column, whether the directive fills it (by the first word of its heading).

    ``None`` when a word of ``kolumner`` begins no column of the table: the
    row belongs to another report's table of that key (layout B's "Budget
    Prognos" rows in the delårsrapport, not in the årsredovisning).
    """
    if not summarad.kolumner:
        return (True,) * len(table.columns)
    firsts = tuple((heading.split() or [""])[0] for heading in table.columns)
    if any(word not in firsts for word in summarad.kolumner):
        return None
    return tuple(first in summarad.kolumner for first in firsts)


def _sum(terms: Sequence[tuple[int, tuple[Value, ...]]], column: int) -> Value:
    """The signed sum of the terms in a column; blank if any term is blank there."""
    total = Decimal(0)
    for sign, values in terms:
        value = values[column]
        if value is None:
            return None
        total += sign * value
    return total


def _med_rad(books: Books, period: Period, table: Table, summarad: Summarad) -> Table:
    """The table with one summary row added, or an existing row filled."""
    filled = _filled(table, summarad)
    if filled is None:
        return table
    terms = [
        (term.sign, _term_values(books, period, table, summarad, term.label))
        for term in summarad.termer
    ]
    sums = [_sum(terms, i) if filled[i] else None for i in range(len(table.columns))]
    rows = list(table.rows)
    existing = _row_index(table, summarad.label)
    if existing:
        at = _one_row(table, summarad.label, summarad, existing)
        if summarad.efter is not None:
            raise _fel(
                summarad,
                f"tabellen {table.key} har redan raden, som får summan där den står; "
                "efter: gäller en ny rad, så ta bort den eller välj ett nytt namn",
            )
        old = rows[at]
        if old.kind == "heading":
            raise _fel(summarad, f"raden är en rubrik utan belopp i tabellen {table.key}")
        values = tuple(sums[i] if filled[i] else old.values[i] for i in range(len(sums)))
        rows[at] = dataclasses.replace(old, values=values)
    else:
        at = len(rows)
        if summarad.efter is not None:
            after = _row_index(table, summarad.efter)
            if not after:
                raise _fel(summarad, "efter: " + _unknown(table, summarad.efter, figures=False))
            at = _one_row(table, summarad.efter, summarad, after) + 1
            while at < len(rows) and rows[at].kind == "detail":  # after the row's detail rows
                at += 1
        rows.insert(at, Row(summarad.label, tuple(sums), kind="sum"))
    return dataclasses.replace(table, rows=tuple(rows))

"""Report tables as data, independent of any output format.

Every statement and note is a :class:`Table`: a title, column headings and
rows holding exact ``Decimal`` values in kronor and öre. Renderers (text,
JSON, XLSX, HTML, Fava) round each printed value once, with :func:`printed`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Literal

from finsam_ledger.model.money import ZERO, whole

if TYPE_CHECKING:
    from finsam_ledger.model.period import Period

Value = Decimal | None
Number = int | Decimal
"""A printed number: whole, or a ``Decimal`` rounded to a row's decimals."""
RowKind = Literal["heading", "line", "sum", "detail"]
"""A heading (label only), a line, a sum, or a detail row: part of the line
above it (a sub-account of an insats, ``delrader``), printed indented and
never counted in a sum (:func:`column_sums` leaves it out)."""
Unit = Literal["kr", "tkr", "%", "st"]


@dataclass(frozen=True)
class Row:
    """One printed line.

    ``values`` hold one exact value per column (``None`` prints blank).
    ``accounts`` are the ledger accounts the line sums, for drill-down.
    ``unit`` overrides the table's unit for this row (a percentage in a
    table in tkr); ``decimals`` is how many decimals it prints (the cost
    split, one).
    """

    label: str
    values: tuple[Value, ...]
    kind: RowKind = "line"
    note: int | None = None
    accounts: tuple[str, ...] = ()
    unit: Unit | None = None
    decimals: int = 0


@dataclass(frozen=True)
class Table:
    """A statement or a note; ``notes`` are footnotes printed under it.

    ``periods`` say, per column, which period of the books it shows (for
    links to the journal); budget, forecast and derived columns have none.
    ``note_accounts`` pair a footnote (its text, as in ``notes``) with the
    accounts it concerns, for a footnote about some rows only (which
    accounts are forecast at their budget): a renderer may mark the rows
    whose accounts are all among them and leave the footnote out under a
    table no row of which sums one of them. A footnote without accounts
    concerns the whole table.
    """

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    unit: Unit = "kr"
    notes: tuple[str, ...] = ()
    periods: tuple[Period | None, ...] = ()
    note_accounts: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def accounts_of_note(self, note: str) -> tuple[str, ...]:
        """The accounts a footnote concerns; ``()`` for a footnote about the whole table."""
        return next((accounts for text, accounts in self.note_accounts if text == note), ())

    def period_of(self, column: int) -> Period | None:
        """The period whose books a column shows; ``None`` for budget, forecast and the like."""
        return self.periods[column] if column < len(self.periods) else None

    def unit_of(self, row: Row) -> Unit:
        """The unit a row is printed in."""
        return row.unit or self.unit

    def row(self, label: str) -> Row:
        """The first row with this label."""
        for row in self.rows:
            if row.label == label:
                return row
        raise KeyError(f"{self.key}: no row {label!r}")


def heading(label: str, width: int) -> Row:
    """A heading row without values."""
    return Row(label, (None,) * width, kind="heading")


def is_blank(values: Iterable[Value]) -> bool:
    """Whether every value is zero or missing (such optional lines are left out)."""
    return all(value is None or value == ZERO for value in values)


def add(*values: Value) -> Value:
    """Sum of the values that are present; ``None`` if none is."""
    present = [value for value in values if value is not None]
    if not present:
        return None
    return sum(present, ZERO)


def column_sums(rows: Sequence[Row], width: int) -> tuple[Value, ...]:
    """Per column, the sum of the rows' values (``None`` where all are missing).

    Detail rows are left out: their line above them already holds their figures.
    """
    counted = [row for row in rows if row.kind != "detail"]
    return tuple(add(*(row.values[i] for row in counted)) for i in range(width))


def printed(value: Value, unit: Unit = "kr") -> int | None:
    """The whole number printed for an exact value: kronor, tkr, percent or a count.

    Rounds half away from zero, once. ``%`` values are stored as percent.
    """
    if value is None:
        return None
    if unit == "tkr":
        value = value / 1000
    return whole(value)


def printed_number(value: Value, unit: Unit = "kr", decimals: int = 0) -> Number | None:
    """The number printed for an exact value with ``decimals`` decimals (whole: :func:`printed`).

    Rounds half away from zero, once; with decimals a ``Decimal`` of that many places.
    """
    if value is None or decimals == 0:
        return printed(value, unit)
    if unit == "tkr":
        value = value / 1000
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)  # no "-0,0"

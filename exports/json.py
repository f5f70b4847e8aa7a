"""JSON rendering: ``{"tables": {KEY: {"title", "columns", "rows"}}}`` in whole kronor.

A row printed with decimals (the cost split) has numbers with decimals. A
row other than a plain line names its ``kind``: ``heading``, ``sum`` or
``detail`` (a sub-account's row under its insats, counted in no sum).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from finsam_ledger.exports.layout import PrintedTable, printed_table
from finsam_ledger.model.table import Table


def table_data(table: PrintedTable) -> dict[str, Any]:
    """One printed table as JSON-ready data."""
    rows = []
    for row in table.rows:
        item: dict[str, Any] = {
            "label": row.label,
            # A row with decimals as JSON numbers with decimals (12.5), converted last.
            "values": [float(v) if isinstance(v, Decimal) else v for v in row.values],
        }
        if row.note is not None:
            item["not"] = row.note
        if row.kind != "line":
            item["kind"] = row.kind
        if row.unit != table.unit:
            item["unit"] = row.unit
        rows.append(item)
    data: dict[str, Any] = {
        "title": table.title,
        "unit": table.unit,
        "columns": list(table.columns),
        "rows": rows,
    }
    if table.notes:
        data["notes"] = list(table.notes)
    return data


def render(tables: Iterable[Table], tkr: bool = False, **extra: Any) -> str:
    """All tables as one JSON document."""
    document = {
        **extra,
        "tables": {table.key: table_data(printed_table(table, tkr)) for table in tables},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

"""The auditor's listings (:mod:`finsam_ledger.revision.listor`) as XLSX and printable HTML.

Amounts print in kronor and öre, as the books hold them: XLSX stores them
as numbers with the format ``#,##0.00`` (a Swedish Excel shows
``203 608,00``), HTML with a no-break space between thousands, a comma and
a true minus sign. Group rows (an account in the huvudbok, a voucher in
the verifikationslista) are bold, sums bold with a rule above. XLSX: one
sheet, header rows frozen, A4 landscape fitted to the width, an autofilter
on the headings; HTML: one self-contained page with print CSS.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from html import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from finsam_ledger.exports.html import STYLE
from finsam_ledger.exports.layout import one_line
from finsam_ledger.exports.xlsx import set_text
from finsam_ledger.revision.listor import Cell, Lista

AMOUNT_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
WIDTHS = {"text": 40, "datum": 11, "belopp": 16}
BOLD = Font(bold=True)


def kronor_ore(value: Decimal) -> str:
    """An amount as printed: ``−203 608,00``."""
    text = f"{value:,.2f}".replace(",", "\u00a0").replace(".", ",")
    return text.replace("-", "\u2212")


def xlsx(lista: Lista, title: str = "") -> bytes:
    """The listing as a workbook of one sheet."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = lista.title[:31]
    set_text(ws.cell(1, 1), f"{title}: {lista.title}" if title else lista.title)
    ws.cell(1, 1).font = Font(bold=True, size=13)
    for column, kolumn in enumerate(lista.kolumner, start=1):
        cell = ws.cell(3, column, kolumn.rubrik)
        cell.font = BOLD
        if kolumn.slag == "belopp":
            cell.alignment = Alignment(horizontal="right")
        ws.column_dimensions[get_column_letter(column)].width = WIDTHS[kolumn.slag]
    for number, rad in enumerate(lista.rader, start=4):
        for column, value in enumerate(rad.celler, start=1):
            cell = ws.cell(number, column)
            if isinstance(value, Decimal):
                cell.value = value
                cell.number_format = AMOUNT_FORMAT
            elif isinstance(value, datetime.date):
                cell.value = value
                cell.number_format = DATE_FORMAT
            elif value:
                set_text(cell, one_line(value))
            if rad.slag != "rad":
                cell.font = BOLD
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:{get_column_letter(len(lista.kolumner))}{3 + len(lista.rader)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:3"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell(value: Cell) -> str:
    if isinstance(value, Decimal):
        return f'<td class="num">{kronor_ore(value)}</td>'
    if isinstance(value, datetime.date):
        return f'<td class="date">{value.isoformat()}</td>'
    return f"<td>{escape(one_line(value or ''))}</td>"


def html(lista: Lista, title: str = "") -> str:
    """The listing as one printable page."""
    head = "".join(
        f'<th class="{"num" if k.slag == "belopp" else "label"}">{escape(k.rubrik)}</th>'
        for k in lista.kolumner
    )
    rows = "\n".join(
        f"<tr{_klass(rad.slag)}>" + "".join(_cell(value) for value in rad.celler) + "</tr>"
        for rad in lista.rader
    )
    heading = f"{title}: {lista.title}" if title else lista.title
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(heading)}</title>\n<style>{STYLE}{LIST_STYLE}</style>\n</head>\n"
        f"<body>\n<h1>{escape(heading)}</h1>\n"
        f'<table class="finsam lista">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n'
        "</tbody>\n</table>\n</body>\n</html>\n"
    )


def _klass(slag: str) -> str:
    """A row's class attribute: a group's heading or a sum; none for a line."""
    name = {"rubrik": "heading", "summa": "sum"}.get(slag)
    return f' class="{name}"' if name else ""


LIST_STYLE = """
body { max-width: none; }
table.lista thead { display: table-header-group; }
table.lista thead th.num { text-align: right; }
table.lista thead th.label { font-style: normal; font-weight: bold; text-align: left; }
table.lista td.date { white-space: nowrap; }
table.lista tr.heading td { font-weight: bold; padding-top: 0.6em; }
table.lista tr.sum td { font-weight: bold; border-top: 1px solid #999; }
@page { size: A4 landscape; }
@media print { table.lista tr { break-inside: avoid; } }
"""

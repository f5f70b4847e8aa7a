"""HTML: one self-contained page (inline CSS, no external requests) with all tables.

Swedish number formatting (no-break space between thousands, a true minus
sign) and print CSS (A4, each table kept on one page), ready to print to PDF
or paste into the annual report's Word template. A row's kind other than a
line is its class (``sum``, ``heading``, ``detail``: a sub-account's row,
indented under its insats). :func:`table_html` renders
one table and is what the Fava extension shows too, with figures linking to
the accounts' journals. A table with charts (the overview, the
driftsredovisning, the budget plan: :mod:`~finsam_ledger.exports.charts`)
has them after it, in its section, as inline SVG (:mod:`~finsam_ledger.exports.svg`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from html import escape

from finsam_ledger.exports import charts, svg
from finsam_ledger.exports.layout import PrintedRow, PrintedTable, printed_table, swedish
from finsam_ledger.model.table import Table

STYLE = """
body { font-family: "Calibri", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt;
       color: #111; margin: 2em auto; max-width: 60em; }
h1 { font-size: 16pt; margin-bottom: 0.2em; }
h2 { font-size: 12.5pt; margin: 1.6em 0 0.3em; }
p.period { margin-top: 0; color: #444; }
table.finsam { border-collapse: collapse; width: 100%; margin-bottom: 0.5em; }
table.finsam th, table.finsam td { padding: 0.15em 0.5em; vertical-align: bottom; }
table.finsam thead th { border-bottom: 1px solid #111; font-weight: bold; text-align: right; }
table.finsam thead th.label { text-align: left; font-style: italic; font-weight: normal; }
table.finsam td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.finsam td.not { text-align: center; width: 2.5em; }
table.finsam th.label { text-align: left; font-weight: normal; }
table.finsam tr.sum th, table.finsam tr.sum td { font-weight: bold; border-top: 1px solid #999; }
table.finsam tr.heading th { font-weight: bold; padding-top: 0.6em; }
table.finsam tr.detail th.label { padding-left: 1.6em; }
table.finsam tr.detail th, table.finsam tr.detail td { font-size: 0.92em; color: #333; }
table.finsam a { color: inherit; text-decoration: none; }
table.finsam a:hover { text-decoration: underline; }
p.fotnot { font-size: 9pt; color: #444; margin: 0.2em 0; }
@page { size: A4; margin: 18mm 15mm; }
@media print {
  body { margin: 0; max-width: none; }
  section { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

# The URL of a figure: the row and the column's index.
Link = Callable[[PrintedRow, int], str | None]


def _row(row: PrintedRow, has_notes: bool, link: Link | None) -> str:
    kind = f' class="{row.kind}"' if row.kind != "line" else ""
    cells = [f'<th scope="row" class="label">{escape(row.label)}</th>']
    if has_notes:
        cells.append(f'<td class="not">{"" if row.note is None else row.note}</td>')
    for column, value in enumerate(row.values):
        if value is None:
            cells.append('<td class="num"></td>')
            continue
        text = escape(swedish(value))
        url = link(row, column) if link is not None else None
        if url:
            text = f'<a href="{escape(url)}">{text}</a>'
        cells.append(f'<td class="num" data-value="{value}">{text}</td>')
    return f"<tr{kind}>{''.join(cells)}</tr>"


def table_html(
    table: PrintedTable,
    link: Link | None = None,
    figures: Sequence[str] = (),
    level: int | None = 2,
) -> str:
    """One table as an HTML ``<section>``; ``link`` gives a row's figures a URL.

    ``figures`` (its charts, :func:`charts_html`) follow the table and its
    footnotes in the same section. ``level`` is its title's heading level
    (``None``: no title, as under a chapter of the same name).
    """
    head = [f'<th class="label">{escape(table.unit_text)}</th>']
    if table.has_notes:
        head.append('<th class="not">Not</th>')
    head += [f"<th>{escape(column)}</th>" for column in table.columns]
    body = "".join(_row(row, table.has_notes, link) for row in table.rows)
    notes = "".join(f'<p class="fotnot">* {escape(note)}</p>' for note in table.notes)
    heading = f"<h{level}>{escape(table.title)}</h{level}>" if level else ""
    return (
        f'<section id="{escape(table.key)}">{heading}'
        f'<table class="finsam"><thead><tr>{"".join(head)}</tr></thead>'
        f"<tbody>{body}</tbody></table>{notes}{''.join(figures)}</section>"
    )


def charts_html(table: PrintedTable) -> list[str]:
    """The table's charts (:mod:`~finsam_ledger.exports.charts`) as inline SVG figures."""
    return [svg.figure(chart) for chart in charts.charts_of(table)]


def render(tables: Iterable[Table], title: str, subtitle: str = "", tkr: bool = False) -> str:
    """The whole page."""
    printed = [printed_table(table, tkr) for table in tables]
    sections = "\n".join(table_html(table, figures=charts_html(table)) for table in printed)
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n"
        + (f'<p class="period">{escape(subtitle)}</p>\n' if subtitle else "")
        + f"{sections}\n</body>\n</html>\n"
    )

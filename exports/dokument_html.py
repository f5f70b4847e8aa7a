"""The whole document (:mod:`finsam_ledger.dokument.modell`) as one HTML page, to print to PDF.

The tables are the HTML export's (:func:`~finsam_ledger.exports.html.table_html`,
its print CSS :data:`~finsam_ledger.exports.html.STYLE`, its charts as
inline SVG); this adds the title page, the contents (the chapters, linked),
a page break before each chapter, the förbund's text and the signature
page. :func:`finsam_ledger.exports.pdf.html_till_pdf` prints it: A4, the
header and page numbers in the page's margin boxes (none on the title
page), a table kept on one page where it fits.

The page is self-contained, like the HTML export: no fonts, images,
scripts or links outside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from finsam_ledger.dokument.modell import (
    Block,
    Dokument,
    Kapitel,
    Lista,
    Punkt,
    Rubrik,
    Span,
    Stycke,
    Tabell,
    TabellPlats,
    Underskrift,
    Underskrifter,
)
from finsam_ledger.exports import svg
from finsam_ledger.exports.html import STYLE, table_html

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DOKUMENT_STYLE = """
body.dokument { max-width: 46em; }
.titelsida { min-height: 230mm; display: flex; flex-direction: column; justify-content: center; }
.titelsida .forbund { font-size: 22pt; font-weight: bold; margin: 0 0 0.4em; }
.titelsida .rapport { font-size: 30pt; font-weight: normal; margin: 0 0 1.2em; }
.titelsida .uppgift { margin: 0.2em 0; }
.datum { white-space: nowrap; }
nav.innehall { break-before: page; page-break-before: always; }
nav.innehall ol { list-style: none; padding: 0; }
nav.innehall li { margin: 0.3em 0; font-size: 12pt; }
nav.innehall a { color: inherit; text-decoration: none; }
.kapitel { break-before: page; page-break-before: always; }
.kapitel > h1 { font-size: 18pt; margin: 0 0 0.6em; }
h3 { font-size: 11.5pt; margin: 1.2em 0 0.3em; }
h4 { font-size: 10.5pt; margin: 1em 0 0.2em; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p { orphans: 3; widows: 3; }
figure.chart { margin: 0.8em 0; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart figcaption { font-size: 9pt; color: #444; }
.underskrifter { display: grid; grid-template-columns: 1fr 1fr; column-gap: 3em; margin-top: 1em; }
.underskrift { padding-top: 3.2em; break-inside: avoid; page-break-inside: avoid; }
.underskrift .linje { border-top: 1px solid #111; min-height: 1.3em; padding-top: 0.2em; }
.underskrift .roll { font-style: italic; }
@media print { body.dokument { max-width: none; } }
"""
# No header or page number on the title page. Chromium lets the later rule win for a
# margin box, whatever its selector: this style comes last in the page, after the
# print style the PDF adds to the head.
TITELSIDA_STYLE = (
    "@page :first { @top-center { content: none; } @top-left { content: none; } "
    "@top-right { content: none; } @bottom-center { content: none; } "
    "@bottom-left { content: none; } @bottom-right { content: none; } }"
)


def render(dokument: Dokument) -> str:
    """The document as one self-contained HTML page."""
    parts = [_title_page(dokument), _contents(dokument)]
    parts += [_chapter(kapitel) for kapitel in dokument.kapitel]
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(dokument.sidhuvud)}</title>\n"
        f"<style>{STYLE}{DOKUMENT_STYLE}</style>\n</head>\n"
        '<body class="dokument">\n'
        + "\n".join(parts)
        + f"\n<style>{TITELSIDA_STYLE}</style>\n</body>\n</html>\n"
    )


def _title_page(dokument: Dokument) -> str:
    page = dokument.titelsida
    lines = [
        f'<p class="forbund">{escape(page.forbund)}</p>',
        f'<h1 class="rapport">{_dates_whole(page.rapport)}</h1>',
    ]
    if page.diarienummer:
        lines.append(f'<p class="uppgift">Diarienummer: {escape(page.diarienummer)}</p>')
    if page.antagen:
        lines.append(f'<p class="uppgift">Antagen av styrelsen {escape(page.antagen)}</p>')
    lines += [_block(block) for block in page.text]
    return f'<div class="titelsida">{"".join(lines)}</div>'


def _dates_whole(text: str) -> str:
    """Escaped text whose dates do not break at their hyphens (a large heading would)."""
    return _DATE.sub(lambda m: f'<span class="datum">{m.group(0)}</span>', escape(text))


def _contents(dokument: Dokument) -> str:
    items = "".join(
        f'<li><a href="#{kapitel.id}">{escape(kapitel.rubrik.titel)}</a></li>'
        for kapitel in dokument.kapitel
    )
    return f'<nav class="innehall"><h1>Innehåll</h1><ol>{items}</ol></nav>'


def _chapter(kapitel: Kapitel) -> str:
    blocks = "".join(_block(block) for block in kapitel.block)
    return (
        f'<div class="kapitel" id="{kapitel.id}"><h1>{escape(kapitel.rubrik.titel)}</h1>'
        f"{blocks}</div>"
    )


def _block(block: Block) -> str:
    if isinstance(block, Rubrik):
        level = min(max(block.niva, 2), 4)
        return f"<h{level}>{escape(block.titel)}</h{level}>"
    if isinstance(block, Stycke):
        return f"<p>{_spans(block.spans)}</p>"
    if isinstance(block, Lista):
        return _list(block.punkter, block.numrerad)
    if isinstance(block, Tabell):
        figures = [svg.figure(chart) for chart in block.diagram]
        return table_html(block.tabell, figures=figures, level=block.niva)
    if isinstance(block, Underskrifter):
        return _signatures(block.rader)
    if isinstance(block, TabellPlats):  # pragma: no cover - filled in by the model
        raise ValueError(f"a table place left in the document: {block.key}")
    raise TypeError(block)  # pragma: no cover


def _spans(spans: Sequence[Span]) -> str:
    out = []
    for span in spans:
        text = "<br>".join(escape(part) for part in span.text.split("\n"))
        if span.kursiv:
            text = f"<em>{text}</em>"
        if span.fet:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def _list(items: Sequence[Punkt], numbered: bool) -> str:
    """Items with their levels as nested lists."""
    tag = "ol" if numbered else "ul"
    html = [f"<{tag}>"]
    level = 0
    open_item = False
    for item in items:
        while level < item.niva:
            html.append(f"<{tag}>")
            level += 1
            open_item = False
        while level > item.niva:
            html.append(f"</li></{tag}>")
            level -= 1
            open_item = True
        if open_item:
            html.append("</li>")
        html.append(f"<li>{_spans(item.spans)}")
        open_item = True
    while level > 0:
        html.append(f"</li></{tag}>")
        level -= 1
    html.append(f"</li></{tag}>" if open_item else f"</{tag}>")
    return "".join(html)


def _signatures(rows: Sequence[Underskrift]) -> str:
    cells = "".join(
        '<div class="underskrift">'
        f'<div class="linje">{escape(row.namn)}</div>'
        f'<div class="roll">{escape(row.roll)}</div></div>'
        for row in rows
    )
    return f'<div class="underskrifter">{cells}</div>'

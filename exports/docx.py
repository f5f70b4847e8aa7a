"""DOCX: the whole document (:mod:`finsam_ledger.dokument.modell`) as a Word file.

Made with python-docx. What the board gets:

* a title page (no header or footer on it), then the contents: a Word TOC
  field whose text, until Word updates it (it asks on opening), is the list
  of chapters; then each chapter on a new page, its heading in the style
  *Heading 1* ("1 Förvaltningsberättelse"), sections and notes *Heading 2*,
  below them *Heading 3* and *Heading 4*;
* the förbund's text in *Normal* (bold and italic kept), lists in *List
  Bullet* (numbered items numbered in the text);
* real Word tables: the first header cell says "Belopp i kr" (or "Belopp i
  tkr", "Antal", "Procent"), the column headings are bold and right-aligned
  over a rule, numbers are right-aligned with a no-break space between
  thousands and a true minus sign (as printed everywhere,
  :func:`~finsam_ledger.exports.layout.swedish`), sum rows bold over a
  rule, heading rows bold, detail rows indented; footnotes follow in the
  style *Finsam fotnot*. A table's rows do not break across a page and its
  paragraphs keep with the next, so a table moves whole to the next page
  where it fits on one; its header row repeats if it does not;
* the charts as native Word charts (DrawingML, the same charts the XLSX
  export makes, :mod:`~finsam_ledger.exports.charts`) after their table,
  their figures held in the chart itself;
* every page but the title page has a header with the förbund and the
  report and a footer "Sida N av M" (PAGE and NUMPAGES fields);
* the signature page: two signature lines to a row, a line to sign on with
  the name (if the text gives it) and the role under it.

``mall``: a reference .docx (``finsam export --mall``) whose styles, page
size and margins are used: the document is built in it after its body is
removed. The styles it should define are the ones named above, *Title*,
*Subtitle*, *TOC Heading*, and for the tables the paragraph style *Finsam
tabell* (added, based on *Normal*, where the reference lacks it). Without a
reference the page is A4 with python-docx's default styles and the
document's language is Swedish.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import cast

from docx import Document as open_document
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from finsam_ledger.dokument.modell import (
    Block,
    Dokument,
    Kapitel,
    Lista,
    Rubrik,
    Span,
    Stycke,
    Tabell,
    TabellPlats,
    Underskrift,
    Underskrifter,
)
from finsam_ledger.exports import docx_diagram
from finsam_ledger.exports.layout import PrintedRow, PrintedTable, swedish

# The elements that follow w:updateFields in w:settings (ECMA-376 order).
_AFTER_UPDATE_FIELDS = """hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr
attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats
doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary
shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"""
SETTINGS_AFTER_UPDATE_FIELDS = tuple(f"w:{name}" for name in _AFTER_UPDATE_FIELDS.split())
# The elements that follow w:pBdr in w:pPr (ECMA-376 order).
_AFTER_PBDR = """shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct
autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing
mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId
cnfStyle rPr sectPr pPrChange"""
PPR_AFTER_PBDR = tuple(f"w:{name}" for name in _AFTER_PBDR.split())
# The elements that follow w:cantSplit and w:tblHeader in w:trPr.
TRPR_AFTER_CANT_SPLIT = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")
TRPR_AFTER_TBL_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden")
# The width of a figure's character at 9.5 pt, of a bold heading's, and a cell's left
# and right margins, in mm (Calibri is narrower; a font put in its place may be wider).
CHAR_MM = 2.0
HEADING_CHAR_MM = 2.1
CELL_MARGINS_MM = 4.5
LABEL_MIN = int(Mm(50))
LABEL_CHAR_MM = 1.9
LABEL_ROOM = int(Mm(90))  # at most the labels' width a table keeps before its figures' widen
NUMBER_MAX = int(Mm(28))
# A table of this many columns of figures or more is printed a size smaller.
WIDE = 5
SMALL = Pt(8.5)
_AFTER_DASH = re.compile(r"(?<=[–—])(?=\S)")
TABELL = "Finsam tabell"
FOTNOT = "Finsam fotnot"
INNEHALL = "Innehåll"


def render(dokument: Dokument, mall: bytes | None = None) -> bytes:
    """The document as a .docx file's bytes; ``mall`` a reference .docx for the styles."""
    doc = open_document(io.BytesIO(mall)) if mall is not None else open_document()
    _empty_body(doc)
    if mall is None:
        _a4(doc.sections[0])
        _swedish(doc)
        _default_look(doc)
    _styles(doc)
    doc.core_properties.title = dokument.sidhuvud
    doc.core_properties.author = dokument.forbund
    doc.core_properties.language = "sv-SE"
    section = doc.sections[0]
    _header_footer(doc, section, dokument.sidhuvud)
    _title_page(doc, dokument)
    _contents(doc, dokument)
    for kapitel in dokument.kapitel:
        _chapter(doc, kapitel)
    _update_fields_on_open(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- The document's frame -------------------------------------------------------------------


def _empty_body(doc: Document) -> None:
    """Remove a reference document's content, keeping its last section's settings."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _a4(section: Section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    section.header_distance = section.footer_distance = Mm(9)


def _swedish(doc: Document) -> None:
    """Swedish as the document's language (spelling, hyphenation)."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "sv-SE")


def _default_look(doc: Document) -> None:
    """Without a reference: the HTML export's face, and the report's name large on page 1."""
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    subtitle = doc.styles["Subtitle"]
    subtitle.font.size = Pt(22)
    subtitle.font.italic = False
    subtitle.font.color.rgb = RGBColor(0x11, 0x11, 0x11)


def _styles(doc: Document) -> None:
    """The paragraph styles of the tables and footnotes, where the document lacks them."""
    names = {style.name for style in doc.styles}
    if TABELL not in names:
        style = doc.styles.add_style(TABELL, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.size = Pt(9.5)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.0
    if FOTNOT not in names:
        style = doc.styles.add_style(FOTNOT, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.size = Pt(8.5)
        style.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
        style.paragraph_format.space_before = Pt(2)
        style.paragraph_format.space_after = Pt(2)


def _style(doc: Document, name: str, fallback: str = "Normal") -> str:
    """``name`` if the document has that style, else ``fallback``."""
    try:
        doc.styles[name]
    except KeyError:
        return fallback
    return name


def _field(paragraph: Paragraph, instruction: str, shown: str = "") -> None:
    """A complex field (PAGE, NUMPAGES, TOC …) with the text shown until Word updates it."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        else:
            run._r.append(_fld_char(kind))
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(_fld_char("end"))


def _fld_char(kind: str) -> BaseOxmlElement:
    element = cast(BaseOxmlElement, OxmlElement("w:fldChar"))
    element.set(qn("w:fldCharType"), kind)
    return element


def _header_footer(doc: Document, section: Section, text: str) -> None:
    """The förbund and the report in the header, "Sida N av M" in the footer; none on page 1."""
    section.different_first_page_header_footer = True
    for part in (
        section.header,
        section.footer,
        section.first_page_header,
        section.first_page_footer,
    ):
        part.is_linked_to_previous = False
        for paragraph in part.paragraphs[1:]:
            paragraph._p.getparent().remove(paragraph._p)
        first = part.paragraphs[0]
        for run in first.runs:
            run._r.getparent().remove(run._r)
    header = section.header.paragraphs[0]
    header.text = text
    header.style = _style(doc, "Header")
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in header.runs:
        run.font.size = Pt(8.5)
    footer = section.footer.paragraphs[0]
    footer.style = _style(doc, "Footer")
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Sida ")
    _field(footer, "PAGE", "1")
    footer.add_run(" av ")
    _field(footer, "NUMPAGES", "1")
    for run in footer.runs:
        run.font.size = Pt(8.5)


def _update_fields_on_open(doc: Document) -> None:
    """Ask Word to update the fields (the contents' page numbers) when the file is opened."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.insert_element_before(update, *SETTINGS_AFTER_UPDATE_FIELDS)


# --- Title page and contents ----------------------------------------------------------------


def _title_page(doc: Document, dokument: Dokument) -> None:
    page = dokument.titelsida
    title = doc.add_paragraph(page.forbund, style=_style(doc, "Title"))
    title.paragraph_format.space_before = Pt(160)
    doc.add_paragraph(page.rapport, style=_style(doc, "Subtitle"))
    if page.diarienummer:
        doc.add_paragraph(f"Diarienummer: {page.diarienummer}")
    if page.antagen:
        doc.add_paragraph(f"Antagen av styrelsen {page.antagen}")
    for block in page.text:
        _block(doc, block)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(doc: Document, dokument: Dokument) -> None:
    """A TOC field of the chapters; until Word updates it, the chapters as a list."""
    doc.add_paragraph(INNEHALL, style=_style(doc, "TOC Heading", "Heading 1"))
    entries = [heading.titel for heading in dokument.innehall]
    first = doc.add_paragraph()
    for kind, text in (("begin", None), ("instr", 'TOC \\o "1-1" \\h \\z \\u'), ("separate", None)):
        run = first.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        else:
            run._r.append(_fld_char(kind))
    paragraph = first
    for i, entry in enumerate(entries):
        if i:
            paragraph = doc.add_paragraph()
        paragraph.add_run(entry)
    paragraph.add_run()._r.append(_fld_char("end"))


# --- Chapters and blocks --------------------------------------------------------------------


def _chapter(doc: Document, kapitel: Kapitel) -> None:
    heading = doc.add_paragraph(kapitel.rubrik.titel, style=_style(doc, "Heading 1"))
    heading.paragraph_format.page_break_before = True
    heading.paragraph_format.keep_with_next = True
    for block in kapitel.block:
        _block(doc, block)


def _block(doc: Document, block: Block) -> None:
    if isinstance(block, Rubrik):
        paragraph = doc.add_paragraph(block.titel, style=_style(doc, f"Heading {block.niva}"))
        paragraph.paragraph_format.keep_with_next = True
    elif isinstance(block, Stycke):
        _spans(doc.add_paragraph(), block.spans)
    elif isinstance(block, Lista):
        for number, item in enumerate(block.punkter, 1):
            if block.numrerad:
                paragraph = doc.add_paragraph(style=_style(doc, "List Paragraph"))
                paragraph.add_run(f"{number}. ")
            else:
                level = min(item.niva, 2)
                name = "List Bullet" if level == 0 else f"List Bullet {level + 1}"
                paragraph = doc.add_paragraph(style=_style(doc, name, _style(doc, "List Bullet")))
            _spans(paragraph, item.spans)
    elif isinstance(block, Tabell):
        _table_block(doc, block)
    elif isinstance(block, Underskrifter):
        _signatures(doc, block.rader)
    elif isinstance(block, TabellPlats):  # pragma: no cover - filled in by the model
        raise ValueError(f"a table place left in the document: {block.key}")


def _spans(paragraph: Paragraph, spans: Sequence[Span]) -> None:
    for span in spans:
        parts = span.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                paragraph.add_run().add_break()
            if part:
                run = paragraph.add_run(part)
                run.bold = span.fet or None
                run.italic = span.kursiv or None


# --- Tables ----------------------------------------------------------------------------------


def _table_block(doc: Document, block: Tabell) -> None:
    table = block.tabell
    if block.niva is not None:
        heading = doc.add_paragraph(table.title, style=_style(doc, f"Heading {block.niva}"))
        heading.paragraph_format.keep_with_next = True
    word = table_docx(doc, table)
    notes = [doc.add_paragraph(f"* {note}", style=FOTNOT) for note in table.notes]
    if not notes:
        # The rows keep with the next paragraph: end the table with a small space.
        spacer = doc.add_paragraph(style=TABELL)
        spacer.paragraph_format.space_after = Pt(6)
    del word
    for chart in block.diagram:
        docx_diagram.add_chart(doc, chart, _text_width(doc))


def _text_width(doc: Document) -> int:
    section = doc.sections[-1]
    width = (
        (section.page_width or Mm(210)) - (section.left_margin or 0) - (section.right_margin or 0)
    )
    return int(width)


def table_docx(doc: Document, table: PrintedTable) -> DocxTable:
    """One report table as a Word table (see the module's docstring)."""
    numbers = len(table.columns)
    has_notes = table.has_notes
    width = _text_width(doc)
    note_width = int(Mm(11)) if has_notes else 0
    number_widths = [_number_width(table, i) for i in range(numbers)]
    longest = max([len(table.unit_text), *(len(row.label) for row in table.rows)])
    label_need = max(LABEL_MIN, min(int(Mm(LABEL_CHAR_MM * longest + CELL_MARGINS_MM)), LABEL_ROOM))
    spare = width - note_width - sum(number_widths) - label_need
    if spare > 0:  # room to spare: the figures' columns widen, up to NUMBER_MAX
        number_widths = [max(w, min(NUMBER_MAX, w + spare // numbers)) for w in number_widths]
    label_width = width - note_width - sum(number_widths)
    if label_width < LABEL_MIN:  # many columns: the figures' columns give way
        scale = (width - note_width - LABEL_MIN) / sum(number_widths)
        number_widths = [int(w * scale) for w in number_widths]
        label_width = width - note_width - sum(number_widths)
    widths = [label_width, *([note_width] if has_notes else []), *number_widths]
    word: DocxTable = doc.add_table(rows=1 + len(table.rows), cols=len(widths))
    word.alignment = WD_TABLE_ALIGNMENT.LEFT
    word.autofit = False
    for column, column_width in zip(word.columns, widths, strict=True):
        column.width = column_width
    first = 2 if has_notes else 1
    header = word.rows[0]
    _text(header.cells[0], table.unit_text, italic=True)
    if has_notes:
        _text(header.cells[1], "Not", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    for i, heading in enumerate(table.columns):
        _text(header.cells[first + i], heading, align=WD_ALIGN_PARAGRAPH.RIGHT, bold=True)
    for cell in header.cells:
        _border(cell, "bottom", 8)
    for r, row in enumerate(table.rows, 1):
        _row(word, r, row, has_notes, first)
    last = len(word.rows) - 1
    # The style by its id: setting it by name looks every style up, for each cell.
    style_id = doc.styles[TABELL].style_id
    small = numbers >= WIDE
    for r, word_row in enumerate(word.rows):
        _row_flags(word_row._tr, header=r == 0)
        for c, cell in enumerate(word_row.cells):
            cell.width = widths[c]
            for paragraph in cell.paragraphs:
                paragraph._p.style = style_id
                paragraph.paragraph_format.keep_with_next = r < last
                if small:  # a wide table: a smaller size keeps its figures on one line
                    for run in paragraph.runs:
                        run.font.size = SMALL
    return word


def _number_width(table: PrintedTable, column: int) -> int:
    """A column wide enough for its longest figure, and for each word of its heading, on a line.

    A heading breaks at its spaces and after the dash of a range
    (``2021-01-01–`` ``2021-06-30``), never inside a date.
    """
    figures = [swedish(row.values[column]) for row in table.rows if row.values[column] is not None]
    words = [w for word in table.columns[column].split() for w in _AFTER_DASH.split(word)]
    needed = max(
        [0.0, *(CHAR_MM * len(f) for f in figures), *(HEADING_CHAR_MM * len(w) for w in words)]
    )
    return max(int(Mm(17)), int(Mm(needed + CELL_MARGINS_MM)))


def _row(word: DocxTable, index: int, row: PrintedRow, has_notes: bool, first: int) -> None:
    cells = word.rows[index].cells
    bold = row.is_sum or row.is_heading
    label = _text(cells[0], row.label, bold=bold)
    if row.is_detail:
        label.paragraph_format.left_indent = Mm(5)
        for run in label.runs:
            run.font.size = Pt(8.5)
    if row.is_heading:
        label.paragraph_format.space_before = Pt(5)
    if has_notes and row.note is not None:
        _text(cells[1], str(row.note), align=WD_ALIGN_PARAGRAPH.CENTER)
    for i, value in enumerate(row.values):
        if value is not None:
            _text(cells[first + i], swedish(value), align=WD_ALIGN_PARAGRAPH.RIGHT, bold=bold)
    if row.is_sum:
        for cell in cells:
            _border(cell, "top", 4)


def _text(
    cell: _Cell,
    text: str,
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    bold: bool = False,
    italic: bool = False,
) -> Paragraph:
    paragraph: Paragraph = cell.paragraphs[0]
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    return paragraph


def _border(cell: _Cell, side: str, size: int) -> None:
    """A rule on one side of a cell (``size`` in eighths of a point)."""
    properties = cell._tc.get_or_add_tcPr()
    borders = properties.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        properties.append(borders)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size))
    edge.set(qn("w:space"), "0")
    edge.set(qn("w:color"), "000000" if size > 4 else "808080")
    borders.append(edge)


def _row_flags(tr: CT_Row, *, header: bool = False) -> None:
    """The row does not break across pages; a header row repeats on each page it runs over."""
    properties = tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    properties.insert_element_before(cant_split, *TRPR_AFTER_CANT_SPLIT)
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.insert_element_before(repeat, *TRPR_AFTER_TBL_HEADER)


# --- Signatures -----------------------------------------------------------------------------


def _signatures(doc: Document, rows: Sequence[Underskrift]) -> None:
    """Two signature lines to a row: a line to sign on, the name, the role in italics."""
    pairs = [rows[i : i + 2] for i in range(0, len(rows), 2)]
    word = doc.add_table(rows=len(pairs), cols=2)
    word.autofit = False
    half = _text_width(doc) // 2
    for r, pair in enumerate(pairs):
        _row_flags(word.rows[r]._tr)
        for c, signature in enumerate(pair):
            cell = word.rows[r].cells[c]
            cell.width = half
            line = cell.paragraphs[0]
            line.paragraph_format.space_before = Pt(42)
            line.paragraph_format.space_after = Pt(0)
            if c == 0:
                line.paragraph_format.right_indent = Mm(8)
            else:
                line.paragraph_format.left_indent = Mm(8)
            _paragraph_border(line)
            line.add_run(signature.namn)
            role = cell.add_paragraph()
            role.paragraph_format.left_indent = line.paragraph_format.left_indent
            role.paragraph_format.space_before = Pt(0)
            role.add_run(signature.roll).italic = True


def _paragraph_border(paragraph: Paragraph) -> None:
    """A line above the paragraph's text: the line to sign on."""
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    top.set(qn("w:val"), "single")
    top.set(qn("w:sz"), "6")
    top.set(qn("w:space"), "1")
    top.set(qn("w:color"), "000000")
    borders.append(top)
    properties.insert_element_before(borders, *PPR_AFTER_PBDR)

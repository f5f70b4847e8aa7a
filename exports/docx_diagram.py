"""Native Word charts for the DOCX export: the same charts as the HTML and XLSX exports.

python-docx writes no charts and needs raster images for pictures, which
would take a drawing library; a Word chart needs none. :func:`add_chart`
adds a chart (:mod:`~finsam_ledger.exports.charts`: from the printed
table, so every bar, slice and point is a figure of the table) as a
DrawingML chart part, made with openpyxl's chart classes like the XLSX
export's, with:

* the figures in the chart itself (the series' caches), so Word and
  LibreOffice draw it as it is;
* a small embedded workbook with the same figures (categories down column
  A, a series per column), so Word's "Redigera data" opens them;
* the values written beside the bars, slices and points, the Swedish
  number format of the table, the riktvärde as a dashed line;
* as its alternative text, the title and every value read out
  (:func:`~finsam_ledger.exports.svg.summary`, as the HTML's aria-label).
"""

from __future__ import annotations

import io

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, PieChart
from openpyxl.chart.data_source import (
    AxDataSource,
    NumData,
    NumDataSource,
    NumFmt,
    NumRef,
    NumVal,
    StrData,
    StrRef,
    StrVal,
)
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.series import Series, SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.title import title_maker
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import tostring

from finsam_ledger.exports import charts, svg
from finsam_ledger.exports.xlsx import COLOURS, number_format, style_series, value_labels

SHEET = "Blad1"
TITLE_SIZE = 1200  # the chart's title, in hundredths of a point
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class _Blob(Part):
    """A part whose content is set after its relationships (the chart names its workbook's)."""

    def __init__(self, partname: PackURI, content_type: str, document: Document) -> None:
        super().__init__(partname, content_type, b"", document.part.package)
        self.content = b""

    @property
    def blob(self) -> bytes:
        return self.content


def workbook(chart: charts.Chart) -> bytes:
    """The chart's figures as a workbook: categories down column A, a series per column."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    for r, category in enumerate(chart.categories, 2):
        sheet.cell(r, 1).value = category
    for c, series in enumerate(chart.series, 2):
        sheet.cell(1, c).value = series.name
        for r, value in enumerate(series.values, 2):
            cell = sheet.cell(r, c)
            cell.value = None if value is None else float(value)
            cell.number_format = number_format(chart.unit, chart.decimals)
    sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _series(chart: charts.Chart, index: int) -> Series:
    data = chart.series[index]
    column = get_column_letter(index + 2)
    last = len(chart.categories) + 1
    points = [NumVal(idx=i, v=float(v)) for i, v in enumerate(data.values) if v is not None]
    out = Series()
    out.val = NumDataSource(
        numRef=NumRef(
            f=f"{SHEET}!${column}$2:${column}${last}",
            numCache=NumData(
                formatCode=number_format(chart.unit, chart.decimals),
                ptCount=len(data.values),
                pt=points,
            ),
        )
    )
    out.tx = SeriesLabel(
        strRef=StrRef(
            f=f"{SHEET}!${column}$1", strCache=StrData(ptCount=1, pt=[StrVal(idx=0, v=data.name)])
        )
    )
    out.cat = AxDataSource(
        strRef=StrRef(
            f=f"{SHEET}!$A$2:$A${last}",
            strCache=StrData(
                ptCount=len(chart.categories),
                pt=[StrVal(idx=i, v=text) for i, text in enumerate(chart.categories)],
            ),
        )
    )
    out.idx = out.order = index
    return out


def chart_object(chart: charts.Chart) -> BarChart | LineChart | PieChart:
    """The chart as openpyxl's chart (the XLSX export's look)."""
    result: BarChart | LineChart | PieChart
    if chart.kind == "pie":
        result = PieChart()
        series = _series(chart, 0)
        series.dPt = [
            DataPoint(idx=i, spPr=GraphicalProperties(solidFill=COLOURS[i % len(COLOURS)]))
            for i in range(len(chart.categories))
        ]
        series.dLbls = value_labels()
        result.series.append(series)
    else:
        result = BarChart() if chart.kind == "bar" else LineChart()
        if isinstance(result, BarChart):
            result.type = "bar"  # horizontal, for the long labels
            result.grouping = "clustered"
            result.x_axis.scaling.orientation = "maxMin"  # the table's first row at the top
            result.y_axis.crosses = "max"
        style_series(result, chart, [_series(chart, i) for i in range(len(chart.series))])
        result.x_axis.delete = False
        result.y_axis.delete = False
        result.y_axis.numFmt = NumFmt(formatCode=number_format(chart.unit, 0), sourceLinked=False)
        result.legend.position = "b"
    result.title = title_maker(chart.title)
    for paragraph in result.title.tx.rich.paragraphs:
        paragraph.pPr.defRPr.sz = TITLE_SIZE
        paragraph.pPr.defRPr.b = True
    result.roundedCorners = False  # Word draws rounded corners when the element is absent
    return result


def chart_xml(chart: charts.Chart, workbook_id: str) -> bytes:
    """The chart part's XML, naming its embedded workbook (relationship ``workbook_id``)."""
    xml: bytes = tostring(chart_object(chart)._write())
    start = xml.index(b">", xml.index(b"<chartSpace")) + 1
    end = xml.rindex(b"</chartSpace>")
    external = (
        f'<externalData xmlns:r="{R}" r:id="{workbook_id}"><autoUpdate val="0"/></externalData>'
    ).encode()
    return (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        + xml[:start]
        + b'<lang val="sv-SE"/>'
        + xml[start:end]
        + external
        + xml[end:]
    )


def height(chart: charts.Chart) -> int:
    """The chart's height in EMU: a bar chart grows with its bars."""
    if chart.kind == "bar":
        return int(Cm(max(7.5, 2.5 + 0.42 * len(chart.categories) * len(chart.series))))
    return int(Cm(7.5))


def _next_id(document: Document) -> int:
    ids = [int(i) for i in document.element.body.xpath(".//wp:docPr/@id") if str(i).isdigit()]
    return max([0, *ids]) + 1


def add_chart(document: Document, chart: charts.Chart, width: int) -> None:
    """The chart in a paragraph of its own, ``width`` EMU wide, after what the document has."""
    package = document.part.package
    book = Part(
        package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
        CONTENT_TYPE.SML_SHEET,
        workbook(chart),
        package,
    )
    part = _Blob(
        package.next_partname("/word/charts/chart%d.xml"), CONTENT_TYPE.DML_CHART, document
    )
    chart_id = document.part.relate_to(part, RELATIONSHIP_TYPE.CHART)
    book_id = part.relate_to(book, RELATIONSHIP_TYPE.PACKAGE)
    part.content = chart_xml(chart, book_id)
    number = _next_id(document)
    described = _attribute(svg.summary(chart))
    title = _attribute(chart.title)
    inline = (
        '<wp:inline distT="0" distB="0" distL="0" distR="0" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:c="{C}" xmlns:r="{R}">'
        f'<wp:extent cx="{width}" cy="{height(chart)}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{number}" name="Diagram {number}" title="{title}" descr="{described}"/>'
        "<wp:cNvGraphicFramePr/>"
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart r:id="{chart_id}"/>'
        "</a:graphicData></a:graphic></wp:inline>"
    )
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_together = True
    drawing = parse_xml(
        '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"{inline}</w:drawing>"
    )
    paragraph.add_run()._r.append(drawing)


def _attribute(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )

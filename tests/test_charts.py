"""Charts drawn from the report's own tables: the same numbers, in SVG and in Excel.

On the example ledger the chart data are the printed figures of the
overview and the driftsredovisning (``rapport(...)``, as every front end
makes them); the SVG is parsed as XML (its bars, slices, points and
labels), and the XLSX is read back with openpyxl: each chart series refers
to the sheet's cells, and those cells hold the chart's values.
"""

from __future__ import annotations

import datetime
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from typing import Any

import pytest
from fava.application import create_app
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from finsam_ledger.exports import charts, svg, xlsx
from finsam_ledger.exports import html as html_export
from finsam_ledger.exports.layout import PrintedTable, printed_table, swedish
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, heading
from finsam_ledger.statements.rapport import Rapport, rapport

from ledgers import EXAMPLE

SVG = "{http://www.w3.org/2000/svg}"
D = Decimal


@pytest.fixture(scope="module")
def arsredovisning(example: Books) -> Rapport:
    return rapport(example, Period.year(2021))


@pytest.fixture(scope="module")
def delarsrapport(example: Books) -> Rapport:
    return rapport(example, Period(datetime.date(2021, 1, 1), datetime.date(2021, 7, 1)))


def _printed_at(table: PrintedTable, cell: charts.Cell) -> object:
    """What the printed table shows in a chart's cell: a figure, a label or a heading."""
    if cell.row is None:
        assert cell.column is not None
        return table.columns[cell.column]
    row = table.rows[cell.row]
    return row.label if cell.column is None else row.values[cell.column]


def _assert_from_table(chart: charts.Chart, table: Table) -> None:
    """Every value of the chart is the figure its cell prints; every name and category too."""
    printed = printed_table(table)
    for series in chart.series:
        if series.cells:
            assert len(series.cells) == len(series.values)
            for cell, value in zip(series.cells, series.values, strict=True):
                assert _printed_at(printed, cell) == value
        if series.name_cell is not None:
            assert _printed_at(printed, series.name_cell) == series.name
    assert len(chart.category_cells) == len(chart.categories)


# --- the chart data -------------------------------------------------------------------


def test_cost_split_is_the_overviews_2021_percentages(arsredovisning: Rapport) -> None:
    oversikt = arsredovisning.table("oversikt")
    chart = charts.kostnadsfordelning(oversikt)
    assert chart is not None
    assert chart.kind == "pie" and chart.unit == "%" and chart.decimals == 1
    assert chart.title == "Kostnadsfördelning 2021 (% av kostnaderna)"
    assert chart.categories == (
        "Individinriktade insatser",
        "Strukturinriktade insatser",
        "Administration",
    )
    [series] = chart.series
    assert series.name == "2021"
    assert series.values == (D("68.2"), D("15.3"), D("16.5"))
    # the rows "(% av kostnaderna)", the 2021 column, as printed with one decimal
    for label, value in zip(chart.categories, series.values, strict=True):
        row = oversikt.row(f"{label} (% av kostnaderna)")
        assert row.values[0] is not None
        assert row.values[0].quantize(D("0.1")) == value
    _assert_from_table(chart, oversikt)


def test_budget_utfall_per_insats_from_the_driftsredovisning(arsredovisning: Rapport) -> None:
    drift = arsredovisning.table("driftsredovisning")
    chart = charts.budget_utfall(drift)
    assert chart is not None
    assert chart.kind == "bar" and chart.unit == "kr"
    assert [s.name for s in chart.series] == ["Aktuell budget jan-dec 2021", "Utfall jan-dec 2021"]
    budget, utfall = (dict(zip(chart.categories, s.values, strict=True)) for s in chart.series)
    assert (budget["Enter"], utfall["Enter"]) == (2_878_200, 2_849_693)
    assert (budget["Kansli"], utfall["Kansli"]) == (750_000, 1_834_757)  # 1 834 756,60 printed
    assert (budget["Tillgängligt nya projekt"], utfall["Tillgängligt nya projekt"]) == (
        1_500_000,
        0,
    )
    # the summary rows, headings and sums are not insatser; all-zero rows are left out
    for left_out in (
        "Nettokostnad",
        "Resultat",
        "Likvida Medel",
        "Individ- och strukturinriktade insatser",
        "Summa Individ- och strukturinriktade insatser",
        "Administration",
        "Summa Administration",
        "Basverksamhet",
        "Projekt SAMS",
    ):
        assert left_out not in chart.categories
    lines = [
        row.label
        for row in drift.rows[
            drift.rows.index(drift.row("Individ- och strukturinriktade insatser")) :
        ]
        if row.kind == "line" and any(row.values[i] for i in (0, 1))
    ]
    assert list(chart.categories) == lines
    _assert_from_table(chart, drift)


def test_budget_utfall_of_the_delarsrapport_has_the_prognos(delarsrapport: Rapport) -> None:
    drift = delarsrapport.table("driftsredovisning")
    chart = charts.budget_utfall(drift)
    assert chart is not None
    assert [s.name for s in chart.series] == [
        "Budget 2021",
        "Utfall 2021-01-01–2021-06-30",
        "Prognos 2021",
    ]
    _assert_from_table(chart, drift)


def test_budget_utfall_skips_headings_sums_and_detail_rows() -> None:
    table = Table(
        "driftsredovisning",
        "Driftsredovisning",
        ("Utfall jan-dec 2022", "Aktuell budget jan-dec 2022", "Avvikelse utfall – budget"),
        (
            Row("Nettokostnad", (D(300), D(350), D(50))),
            heading("Insatser", 3),
            Row("Enter", (D(100), D(150), D(50))),
            Row("Enter: lön", (D(60), None, None), kind="detail"),
            Row("Vilande", (D(0), D(0), D(0))),
            Row("Fia", (D("200.4"), D(200), D("-0.4"))),
            Row("Summa Insatser", (D(300), D(350), D(50)), kind="sum"),
        ),
        periods=(Period.year(2022), None, None),
    )
    chart = charts.budget_utfall(table)
    assert chart is not None
    assert chart.categories == ("Enter", "Fia")
    assert [(s.name, s.values) for s in chart.series] == [
        ("Aktuell budget jan-dec 2022", (D(150), D(200))),
        ("Utfall jan-dec 2022", (D(100), D(200))),  # printed whole, as the table
    ]
    assert [c.row for c in chart.category_cells] == [2, 5]


def test_eget_kapital_over_the_overviews_years_against_the_riktvarde(
    arsredovisning: Rapport,
) -> None:
    oversikt = arsredovisning.table("oversikt")
    chart = charts.eget_kapital(oversikt)
    assert chart is not None
    assert chart.kind == "line" and chart.unit == "%"
    # oldest first; the years before the books have no ratio in the overview
    assert chart.categories == ("2020", "2021")
    ratio, riktvarde = chart.series
    assert ratio.name == "Eget kapital i % av medlemsbidrag (riktvärde högst 15 %)"
    assert ratio.values == (27, 31)  # 27,49 and 30,93 printed whole
    assert [c.column for c in ratio.cells] == [1, 0]
    # the overview prints the riktvärde in its label only: a line at 15 % with no cells
    assert riktvarde.guidance and riktvarde.cells == ()
    assert riktvarde.values == (15, 15)
    _assert_from_table(chart, oversikt)


def test_eget_kapital_in_kronor_computes_the_riktvarde_from_the_tables_rows() -> None:
    years = (Period.year(2023), Period.year(2022))
    rows = (
        Row("Medlemsbidrag", (D(8_000_000), D(7_000_000))),
        Row("Eget kapital", (D(1_500_000), D(1_200_000))),
        Row("Eget kapital i % av medlemsbidrag (riktvärde högst 15 %)", (None, None), unit="%"),
    )
    table = Table("oversikt", "Översikt", ("2023", "2022"), rows, periods=years)
    chart = charts.eget_kapital(table)
    assert chart is not None and chart.unit == "kr"
    assert chart.categories == ("2022", "2023")
    ek, riktvarde = chart.series
    assert ek.values == (1_200_000, 1_500_000)
    assert riktvarde.values == (1_050_000, 1_200_000) and riktvarde.cells == ()
    # with a riktvärde row in kronor, that row is the line
    with_row = Table(
        "oversikt",
        "Översikt",
        ("2023", "2022"),
        (*rows, Row("Riktvärde eget kapital", (D(1_100_000), D(1_000_000)))),
        periods=years,
    )
    chart = charts.eget_kapital(with_row)
    assert chart is not None
    assert chart.series[1].values == (1_000_000, 1_100_000)
    assert chart.series[1].cells == (charts.Cell(3, 1), charts.Cell(3, 0))


BUDGETPLAN = Table(
    "budgetplan",
    "Budgetplan 2024–2026",
    ("Budget 2024", "Utfall 2024", "Budget 2025", "Budget 2026"),
    (
        heading("Intäkter", 4),
        Row("Medlemsbidrag", (D(10_000_000), D(10_000_000), D(10_200_000), D(10_400_000))),
        Row("Resultat", (D(-150_000), D(-155_574), D(-1_388_300), D(0)), kind="sum"),
        Row("Eget kapital vid årets början", (D(1_639_471), D(1_639_471), D(1_483_897), None)),
        Row("Eget kapital vid årets slut", (D(1_489_471), D(1_483_897), D(95_597), D(95_597))),
        Row(
            "Eget kapital i % av medlemsbidrag",
            (D("14.9"), D("14.8"), D("0.9"), D("0.9")),
            unit="%",
            decimals=1,
        ),
        Row(
            "Riktvärde eget kapital (högst 15 % av medlemsbidraget)",
            (D(1_500_000), D(1_500_000), D(1_530_000), D(1_560_000)),
        ),
        Row("Riktvärde i % av medlemsbidraget", (D(15), D(15), D(15), D(15)), unit="%"),
    ),
)


def test_projektion_of_the_budget_plan() -> None:
    chart = charts.projektion(BUDGETPLAN)
    assert chart is not None
    assert [c.id for c in charts.charts_of(BUDGETPLAN)] == ["budgetplan-projektion"]
    assert chart.kind == "line" and chart.unit == "kr"
    assert chart.categories == BUDGETPLAN.columns
    slut, riktvarde = chart.series
    assert slut.name == "Eget kapital vid årets slut"
    assert slut.values == (1_489_471, 1_483_897, 95_597, 95_597)  # the deck's example
    assert riktvarde.guidance and riktvarde.name.startswith("Riktvärde eget kapital")
    assert riktvarde.values == (1_500_000, 1_500_000, 1_530_000, 1_560_000)
    _assert_from_table(chart, BUDGETPLAN)


def test_no_chart_without_its_rows() -> None:
    bare = Table("budgetplan", "Budgetplan", ("Budget 2024",), (Row("Resultat", (D(1),)),))
    assert charts.projektion(bare) is None
    assert charts.charts_of(bare) == []
    oversikt = Table("oversikt", "Översikt", ("2021",), (Row("Årets resultat", (D(1),)),))
    assert charts.charts_of(oversikt) == []
    assert charts.charts_of(Table("not2", "Not 2", ("2021",), ())) == []


# --- SVG ---------------------------------------------------------------------------------


def _svg(chart: charts.Chart) -> ET.Element:
    return ET.fromstring(svg.svg(chart))


def _texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_svg_bars(arsredovisning: Rapport) -> None:
    chart = charts.budget_utfall(arsredovisning.table("driftsredovisning"))
    assert chart is not None
    root = _svg(chart)
    assert root.get("role") == "img"
    label = root.get("aria-label") or ""
    assert label.startswith("Budget och utfall per insats och post.")
    assert "Enter 2\u00a0849\u00a0693\u00a0kr" in label
    assert root.findtext(f"{SVG}title") == chart.title
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert len(bars) == 2 * len(chart.categories)
    assert [D(b.get("data-value") or "") for b in bars[:2]] == [2_878_200, 2_849_693]
    texts = _texts(root)
    assert "Enter" in texts and "Kansli" in texts
    assert "2\u00a0849\u00a0693" in texts and "1\u00a0834\u00a0757" in texts
    assert "Aktuell budget jan-dec 2021" in texts  # the legend


def test_svg_pie_and_line(arsredovisning: Rapport) -> None:
    oversikt = arsredovisning.table("oversikt")
    pie = charts.kostnadsfordelning(oversikt)
    line = charts.eget_kapital(oversikt)
    assert pie is not None and line is not None
    root = _svg(pie)
    slices = [e for e in root.iter() if e.get("class") == "slice"]
    assert [D(e.get("data-value") or "") for e in slices] == list(pie.series[0].values)
    texts = _texts(root)
    for name, value in (("Individinriktade insatser", "68,2"), ("Administration", "16,5")):
        assert name in texts and f"{value}\u00a0%" in texts
    root = _svg(line)
    points = [e for e in root.iter(f"{SVG}circle") if e.get("class") == "point"]
    assert [D(e.get("data-value") or "") for e in points] == [27, 31]
    lines = list(root.iter(f"{SVG}polyline"))
    assert len(lines) == 2 and lines[1].get("stroke-dasharray")  # the riktvärde, dashed
    texts = _texts(root)
    assert {"2020", "2021", "27\u00a0%", "31\u00a0%", "15\u00a0%"} <= set(texts)


def test_svg_negative_values_and_ledger_text_are_safe() -> None:
    chart = charts.projektion(
        Table(
            "budgetplan",
            "Budgetplan",
            ("Budget <2025>", "Budget 2026"),
            (Row("Eget kapital vid årets slut", (D(-1_234_567), D(5))),),
        )
    )
    assert chart is not None
    root = _svg(chart)  # well-formed: the column heading is escaped
    texts = _texts(root)
    assert "Budget <2025>" in texts
    assert swedish(D(-1_234_567)) in texts  # a true minus, no-break spaces


# --- HTML and Fava -------------------------------------------------------------------------


def test_html_page_has_each_chart_after_its_table(arsredovisning: Rapport) -> None:
    page = html_export.render(arsredovisning.tables, "Samordningsförbundet", "2021")
    sections = dict(re.findall(r'<section id="([^"]+)">(.*?)</section>', page, re.S))
    figures = {
        key: re.findall(r'<figure class="chart" id="([^"]+)">', s) for key, s in sections.items()
    }
    assert {key: ids for key, ids in figures.items() if ids} == {
        "driftsredovisning": ["driftsredovisning-budget-utfall"],
        "oversikt": ["oversikt-kostnadsfordelning", "oversikt-eget-kapital"],
    }
    oversikt = sections["oversikt"]
    assert oversikt.index("</table>") < oversikt.index("<figure")
    for element in re.findall(r"<svg.*?</svg>", page, re.S):
        root = ET.fromstring(element)
        assert root.get("role") == "img" and root.get("aria-label")
        refs = [v for e in root.iter() for k, v in e.attrib.items() if k.endswith("href")]
        assert refs == []
    assert "src=" not in page and "href=" not in page and "url(" not in page


@pytest.fixture(scope="module")
def fava_client() -> Any:
    app = create_app([EXAMPLE], load=True, read_only=True)
    app.testing = True
    return app.test_client()


def test_fava_page_shows_the_charts(fava_client: Any) -> None:
    slug = fava_client.get("/").headers["Location"].strip("/").split("/")[0]
    response = fava_client.get(f"/{slug}/extension/KommunalRedovisning/?time=2021")
    assert response.status_code == 200
    page = response.data.decode("utf-8")
    section = re.search(r'<section id="oversikt">(.*?)</section>', page, re.S)
    assert section is not None
    assert 'id="oversikt-kostnadsfordelning"' in section.group(1)
    assert 'id="oversikt-eget-kapital"' in section.group(1)
    assert 'id="driftsredovisning-budget-utfall"' in page


# --- XLSX ----------------------------------------------------------------------------------


def _cells(ws: Any, reference: str) -> list[Any]:
    """The values of the cells a chart reference names, in order (a union too)."""
    values = []
    for part in reference.strip("()").split(","):
        sheet, _, area = part.rpartition("!")
        assert sheet.strip("'") == ws.title
        corners = re.findall(r"([A-Z]+)(\d+)", area.replace("$", ""))
        (c1, r1), (c2, r2) = corners[0], corners[-1]
        for row in range(int(r1), int(r2) + 1):
            for column in range(column_index_from_string(c1), column_index_from_string(c2) + 1):
                values.append(ws.cell(row, column).value)
    return values


def test_xlsx_charts_refer_to_the_printed_cells(arsredovisning: Rapport) -> None:
    workbook = load_workbook(io.BytesIO(xlsx.render(arsredovisning.tables, "2021")))
    expected = {
        "Översikt": arsredovisning.table("oversikt"),
        "Driftsredovisning": arsredovisning.table("driftsredovisning"),
    }
    assert {ws.title for ws in workbook if ws._charts} == set(expected)
    kinds = {"pie": "PieChart", "bar": "BarChart", "line": "LineChart"}
    for title, table in expected.items():
        ws, printed = workbook[title], printed_table(table)
        wanted = charts.charts_of(table)
        assert [type(c).__name__ for c in ws._charts] == [kinds[c.kind] for c in wanted]
        for excel, chart in zip(ws._charts, wanted, strict=True):
            # a line read oldest first from a row printed latest first: the row's order,
            # and the axis reversed
            turned = chart.kind == "line" and excel.x_axis.scaling.orientation == "maxMin"
            order = slice(None, None, -1 if turned else 1)
            labels = [_printed_at(printed, cell) for cell in chart.category_cells[order]]
            for got, series in zip(excel.series, chart.series, strict=True):
                values = list(series.values[order])
                assert _cells(ws, got.cat.strRef.f) == labels
                if series.cells:
                    cells = _cells(ws, got.val.numRef.f)
                    assert [D(str(v)) for v in cells] == values
                    assert [D(str(p.v)) for p in got.val.numRef.numCache.pt] == values
                    assert _cells(ws, got.tx.strRef.f) == [series.name]
                else:  # the riktvärde the overview states in a label: literal values
                    assert got.val.numRef is None and got.tx.v == series.name
                    assert [D(str(p.v)) for p in got.val.numLit.pt] == values

    [_, line] = workbook["Översikt"]._charts
    assert line.x_axis.scaling.orientation == "maxMin"  # 2021 is printed first: read from the right
    assert re.fullmatch(r"'Översikt'!\$B\$(\d+):\$C\$\1", line.series[0].val.numRef.f)


def test_xlsx_driftsredovisning_chart_is_a_union_of_the_insats_rows(
    arsredovisning: Rapport,
) -> None:
    workbook = load_workbook(io.BytesIO(xlsx.render(arsredovisning.tables, "2021")))
    ws = workbook["Driftsredovisning"]
    [bar] = ws._charts
    budget, utfall = bar.series
    assert budget.val.numRef.f.startswith("('Driftsredovisning'!$D$")  # Not in column B
    assert _cells(ws, budget.tx.strRef.f) == ["Aktuell budget jan-dec 2021"]
    labels = _cells(ws, utfall.cat.strRef.f)
    values = dict(zip(labels, _cells(ws, utfall.val.numRef.f), strict=True))
    assert values["Enter"] == 2_849_693 and values["Kansli"] == 1_834_757
    assert "Summa Administration" not in labels and "Basverksamhet" not in labels


def test_xlsx_budget_plan_chart() -> None:
    workbook = load_workbook(io.BytesIO(xlsx.render([BUDGETPLAN], "Budgetplan")))
    [ws] = workbook.worksheets
    [line] = ws._charts
    slut, riktvarde = line.series
    assert _cells(ws, slut.val.numRef.f) == [1_489_471, 1_483_897, 95_597, 95_597]
    assert _cells(ws, riktvarde.val.numRef.f) == [1_500_000, 1_500_000, 1_530_000, 1_560_000]
    assert _cells(ws, slut.cat.strRef.f) == list(BUDGETPLAN.columns)
    assert line.x_axis.scaling.orientation == "minMax"  # the plan's columns in their order


def test_projektion_of_the_examples_budget_plan(example: Books) -> None:
    """The budget plan table as ``finsam budgetplan`` makes it (when that module is there)."""
    module = pytest.importorskip("finsam_ledger.statements.budgetplan")
    table = module.budgetplan(example, 2021)
    [chart] = charts.charts_of(table)
    assert chart.id == "budgetplan-projektion"
    slut, riktvarde = chart.series
    assert slut.name == "Eget kapital vid årets slut" and riktvarde.guidance
    assert riktvarde.name.startswith("Riktvärde eget kapital")
    assert chart.categories == tuple(
        printed_table(table).columns[c.column or 0] for c in slut.cells
    )
    _assert_from_table(chart, table)

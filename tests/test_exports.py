"""Exports of the example's tables: XLSX read back, HTML parsed, Markdown, CSV, atomic writes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from finsam_ledger.cli import main
from finsam_ledger.exports import csv as csv_export
from finsam_ledger.exports import html as html_export
from finsam_ledger.exports import json as json_export
from finsam_ledger.exports import markdown as markdown_export
from finsam_ledger.exports import text as text_export
from finsam_ledger.exports import xlsx
from finsam_ledger.exports.layout import printed_table
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, printed_number
from finsam_ledger.safe_files import write_bytes
from finsam_ledger.statements.arsredovisning import statements
from finsam_ledger.statements.oversikt import oversikt

from ledgers import ANNUAL_TABLES, CHART, EXAMPLE, TRANSACTIONS


def _export(tmp_path: Path, fmt: str, *extra: str) -> Path:
    target = tmp_path / f"rapport.{fmt}"
    argv = ["export", str(EXAMPLE), "--year", "2021", "--format", fmt, "-o", str(target), *extra]
    assert main(argv) == 0
    return target


def _rows(sheet: Any) -> dict[str, tuple[Any, ...]]:
    return {row[0].value: row for row in sheet.iter_rows(min_row=4) if row[0].value}


def test_xlsx_layout_and_figures(tmp_path: Path) -> None:
    workbook = load_workbook(_export(tmp_path, "xlsx"))
    assert workbook.sheetnames == [
        "Resultaträkning",
        "Balansräkning",
        "Kassaflödesanalys",
        "Driftsredovisning",
        "Not 2",
        "Not 3",
        "Not 4",
        "Not 5",
        "Not 6",
        "Balanskrav",
        "Översikt",
        "Deltagare",
        "Avslutade deltagare",
        "Samhällsekonomisk effekt",
    ]
    rr = workbook["Resultaträkning"]
    assert rr["A1"].value == "Resultaträkning"
    assert rr["A1"].font.bold
    assert rr["A2"].value == "Belopp i kr"
    assert [c.value for c in rr[3]] == [None, "Not", "Budget 2021", "2021", "2020"]
    rows = _rows(rr)
    intakter = rows["Verksamhetens intäkter"]
    assert [c.value for c in intakter] == ["Verksamhetens intäkter", 2, 7348000, 7901926, 7451423]
    assert intakter[3].number_format == "#,##0"
    assert isinstance(intakter[3].value, int)
    assert not intakter[0].font.bold and not intakter[3].font.bold
    arets = rows["Årets resultat"]
    assert [c.value for c in arets[2:]] == [-1394900, 436242, 847054]
    assert arets[0].font.bold and arets[3].font.bold
    assert rr.freeze_panes == "A4"
    assert int(rr.page_setup.paperSize) == int(rr.PAPERSIZE_A4)
    assert rr.page_setup.fitToWidth == 1
    assert rr.sheet_properties.pageSetUpPr.fitToPage
    assert rr.column_dimensions["A"].width >= 24
    not3 = _rows(workbook["Not 3"])
    assert [c.value for c in not3["Totalt"][2:]] == [8742900, 7465623, 6604369]
    assert not3["Individ- och strukturinriktade insatser"][0].font.bold
    oversikt = _rows(workbook["Översikt"])
    assert workbook["Översikt"]["A2"].value == "Belopp i tkr"
    assert [c.value for c in oversikt["Soliditet (%)"][1:]] == [61, 56, 32, 56, 64]
    assert oversikt["Soliditet (%)"][1].number_format == '0" %"'
    assert oversikt["Verksamhetens intäkter"][1].value == 7902


def test_xlsx_in_tkr(tmp_path: Path) -> None:
    workbook = load_workbook(_export(tmp_path, "xlsx", "--tkr"))
    rr = workbook["Resultaträkning"]
    assert rr["A2"].value == "Belopp i tkr"
    assert [c.value for c in _rows(rr)["Årets resultat"][2:]] == [-1395, 436, 847]


def test_xlsx_never_writes_formulas() -> None:
    table = Table(
        "not2",
        '=HYPERLINK("http://example.invalid")',
        ("+2021",),
        (
            Row("=1+1", (None,)),
            Row("-rad", (None,)),
            Row("@SUM(A1)", (None,)),
            Row("Vanlig", (None,)),
        ),
    )
    workbook = load_workbook(io.BytesIO(xlsx.render([table])))
    sheet = workbook["Not 2"]
    cells = [sheet["A1"], sheet["B3"], sheet["A4"], sheet["A5"], sheet["A6"]]
    assert [c.data_type for c in cells] == ["s"] * 5
    assert [c.value for c in cells] == [
        '=HYPERLINK("http://example.invalid")',
        "+2021",
        "=1+1",
        "-rad",
        "@SUM(A1)",
    ]
    assert all(c.quotePrefix for c in cells)
    assert not sheet["A7"].quotePrefix


class _Cells(HTMLParser):
    """Collects each table row's cells by section."""

    def __init__(self) -> None:
        super().__init__()
        self.section = ""
        self.rows: dict[str, dict[str, list[str]]] = {}
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "section":
            self.section = attributes.get("id") or ""
            self.rows[self.section] = {}
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        for name in ("src", "href"):
            if attributes.get(name):
                self.external.append(attributes[name] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row:
            self.rows[self.section][self.row[0]] = self.row[1:]
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def test_html_page(tmp_path: Path) -> None:
    text = _export(tmp_path, "html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "@media print" in text and "@page" in text
    parser = _Cells()
    parser.feed(text)
    assert parser.external == []  # self-contained: no links, scripts or images
    assert tuple(parser.rows) == ANNUAL_TABLES
    nbsp, minus = "\u00a0", "\u2212"
    rr = parser.rows["resultatrakning"]
    assert rr["Verksamhetens intäkter"] == [
        "2",
        f"7{nbsp}348{nbsp}000",
        f"7{nbsp}901{nbsp}926",
        f"7{nbsp}451{nbsp}423",
    ]
    assert rr["Årets resultat"] == [
        "",
        f"{minus}1{nbsp}394{nbsp}900",
        f"436{nbsp}242",
        f"847{nbsp}054",
    ]
    drift = parser.rows["driftsredovisning"]
    # Not, utfall, budget, avvikelse: the corrected avvikelse.
    assert drift["Nettokostnad"][3] == f"1{nbsp}277{nbsp}216"
    assert parser.rows["not6"]["Kansli netto"] == [
        f"750{nbsp}000",
        f"680{nbsp}986",
        f"628{nbsp}272",
    ]


def test_markdown(tmp_path: Path) -> None:
    text = _export(tmp_path, "md").read_text(encoding="utf-8")
    assert "## Resultaträkning" in text
    assert "| Verksamhetens intäkter | 2 | 7 348 000 | 7 901 926 | 7 451 423 |" in text
    assert "| **Årets resultat** |  | **-1 394 900** | **436 242** | **847 054** |" in text


def test_csv_folder(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    argv = ["export", str(EXAMPLE), "--year", "2021", "--format", "csv", "-o", str(folder)]
    assert main(argv) == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["rapport.txt", *(f"{key}.csv" for key in ANNUAL_TABLES)]
    )
    assert (folder / "rapport.txt").read_text(encoding="utf-8").splitlines()[1] == (
        "Räkenskapsår 2021"
    )
    raw = (folder / "not4.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads å, ä, ö
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Belopp i kr", "Not", "2021-12-31", "2020-12-31", "Typ"]
    assert rows[1] == ["Kundfordringar", "", "105696", "203608", "rad"]
    assert rows[-1] == ["Summa", "", "327206", "265517", "summa"]


def test_delarsrapport_export(tmp_path: Path) -> None:
    target = tmp_path / "delar.xlsx"
    argv = [
        "export",
        str(EXAMPLE),
        "--period",
        "2021-01-01..2021-06-30",
        "--periodisera",
        "--format",
        "xlsx",
        "-o",
        str(target),
    ]
    assert main(argv) == 0
    workbook = load_workbook(target)
    assert workbook.sheetnames == [
        "Resultaträkning",
        "Not 2",
        "Not 3",
        "Balansräkning",
        "Driftsredovisning",
        "Eget kapital, prognos",
        "Balanskrav",
    ]
    footnotes = [c.value for c in workbook["Resultaträkning"]["A"] if str(c.value).startswith("*")]
    assert footnotes[0].startswith("* 2021-01-01–2021-06-30: medlemsbidragen periodiserade")


def test_interrupted_export_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "rapport.xlsx"
    target.write_bytes(b"old workbook")
    target.chmod(0o640)

    def fail(self: Path, other: Path) -> Path:  # noqa: ARG001
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    argv = ["export", str(EXAMPLE), "--year", "2021", "--format", "xlsx", "-o", str(target)]
    assert main(argv) == 2
    assert target.read_bytes() == b"old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.xlsx"]
    monkeypatch.undo()
    write_bytes(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its mode


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "odt"], "invalid choice: 'odt'"),
        (["--format", "xlsx", "-o", "/no/such/folder/r.xlsx"], "not a file in an existing folder"),
        (["--format", "csv", "-o", str(EXAMPLE)], "not a folder"),
        (["--format", "xlsx"], "the following arguments are required: -o/--output"),
    ],
)
def test_export_misuse(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(EXAMPLE), "--year", "2021", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_every_export_renders_the_same_tables(example: Books) -> None:
    """The figures of XLSX and JSON come from the same table objects: equal, cell for cell."""
    tables = list(statements(example, Period.year(2021)).values())
    workbook = load_workbook(io.BytesIO(xlsx.render(tables)))
    for table, sheet in zip(tables, workbook.worksheets, strict=True):
        first = 3 if any(r.note is not None for r in table.rows) else 2
        for i, row in enumerate(table.rows, start=4):
            got = [sheet.cell(i, first + c).value for c in range(len(table.columns))]
            unit = table.unit_of(row)
            want = [printed_number(v, unit, row.decimals) for v in row.values]
            # A row with decimals (the cost split) reads back as float: 68.2.
            want_read = [float(v) if isinstance(v, Decimal) else v for v in want]
            assert got == want_read, (table.key, row.label)


def test_csv_folder_is_replaced_whole(tmp_path: Path) -> None:
    """A half-year export into the annual export's folder leaves no annual table behind."""
    folder = tmp_path / "csv"
    base = ["export", str(EXAMPLE), "--format", "csv", "-o", str(folder)]
    assert main([*base, "--year", "2021"]) == 0
    assert (folder / "not6.csv").exists()
    assert main([*base, "--period", "2021-01-01..2021-06-30"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "balanskrav.csv",
        "balansrakning.csv",
        "driftsredovisning.csv",
        "eget_kapital.csv",
        "not2.csv",
        "not3.csv",
        "rapport.txt",
        "resultatrakning.csv",
    ]
    rows = (folder / "resultatrakning.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[-1].startswith("* Prognos enligt utfallet hittills")
    assert rows[-1].endswith(";fotnot")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]


def test_csv_folder_with_other_files_is_not_touched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "dokument"
    folder.mkdir()
    (folder / "protokoll.docx").write_bytes(b"viktigt")
    argv = ["export", str(EXAMPLE), "--year", "2021", "--format", "csv", "-o", str(folder)]
    assert main(argv) == 2
    assert "holds other files than a CSV export (protokoll.docx)" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["protokoll.docx"]


# --- text from the ledger: one line, and printed as itself ---------------------------

NOT2_LABEL = 'notrad: "Driftbidrag från kommunen"'


def _with_notrad(books_of: Callable[[str], Books], notrad: str) -> list[Table]:
    """The small ledger's 2021 tables, the kommun's note row named ``notrad``."""
    quoted = notrad.replace("\\", "\\\\").replace('"', '\\"')
    chart = CHART.replace(NOT2_LABEL, f'notrad: "{quoted}"')
    assert chart != CHART
    return list(statements(books_of(chart + TRANSACTIONS), Period.year(2021)).values())


# A line break, a carriage return, a tab, a bell and runs of spaces in one notrad.
MULTILINE = "Driftbidrag från\nkommunen\r\nFalsk rad   999 999\t\x07slut  "
ONE_LINE = "Driftbidrag från kommunen Falsk rad 999 999 slut"


def test_a_label_is_one_line_in_every_export(books_of: Callable[[str], Books]) -> None:
    tables = _with_notrad(books_of, MULTILINE)
    [not2] = [t for t in tables if t.key == "not2"]
    assert any("\n" in row.label for row in not2.rows)  # the ledger's text, as written

    printed_not2 = printed_table(not2)
    assert ONE_LINE in [row.label for row in printed_not2.rows]

    lines = text_export.render(tables).splitlines()
    [line] = [x for x in lines if "kommunen" in x]
    assert line.startswith(ONE_LINE) and line.endswith("20 000       0")
    assert not any(x.startswith(("Falsk", "kommunen", "slut")) for x in lines)

    markdown_lines = markdown_export.render(tables, "Testförbundet").splitlines()
    [row] = [x for x in markdown_lines if "kommunen" in x]
    assert row == f"| {ONE_LINE} |  | 20 000 | 0 |"  # no budget
    assert all(x.startswith("| ") for x in markdown_lines if "Falsk" in x or "slut" in x)

    parser = _Cells()
    parser.feed(html_export.render(tables, "Testförbundet"))
    assert parser.rows["not2"][ONE_LINE] == ["", f"20{chr(0xA0)}000", "0"]

    rows = list(csv.reader(io.StringIO(csv_export.table_csv(printed_not2)), delimiter=";"))
    assert [ONE_LINE, "", "", "20000", "0", "rad"] in rows

    workbook = load_workbook(io.BytesIO(xlsx.render(tables)))
    assert ONE_LINE in [c.value for c in workbook["Not 2"]["A"]]


HOSTILE = "<script>alert(1)</script> | <b>fet</b> *kursiv* [länk](https://example.invalid) &lt; \\"


def test_markdown_prints_ledger_text_as_itself(books_of: Callable[[str], Books]) -> None:
    """No raw HTML, emphasis, link or extra cell from a notrad or the title."""
    tables = _with_notrad(books_of, HOSTILE)
    text = markdown_export.render(tables, "<b>Testförbundet</b> | *AB*")
    assert "<script>" not in text and "<b>" not in text
    assert "# &lt;b&gt;Testförbundet&lt;/b&gt; \\| \\*AB\\*" in text
    [row] = [x for x in text.splitlines() if "alert" in x]
    assert row.startswith("| &lt;script&gt;alert(1)&lt;/script&gt; \\| &lt;b&gt;fet&lt;/b&gt; \\*")

    # Rendered by a CommonMark renderer that passes raw HTML through: the row
    # still has three cells and its label reads exactly as in the ledger.
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script" not in rendered and "<b>" not in rendered and "<em>" not in rendered
    assert "<a " not in rendered
    cells = _markdown_row(rendered, "alert")
    assert cells == [HOSTILE.strip(), "", "20 000", "0"]


def _markdown_row(rendered: str, needle: str) -> list[str]:
    """The text of each cell of the rendered Markdown table row holding ``needle``."""

    class Row(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.cell: list[str] | None = None

        def handle_starttag(self, tag: str, attrs: Any) -> None:  # noqa: ARG002
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th"):
                self.cell = []

        def handle_endtag(self, tag: str) -> None:
            if tag in ("td", "th") and self.cell is not None:
                self.rows[-1].append("".join(self.cell))
                self.cell = None

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell.append(data)

    parser = Row()
    parser.feed(rendered)
    [row] = [r for r in parser.rows if any(needle in c for c in r)]
    return row


def test_html_export_escapes_ledger_text(books_of: Callable[[str], Books]) -> None:
    tables = _with_notrad(books_of, HOSTILE)
    page = html_export.render(tables, "<b>Testförbundet</b>")
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | &lt;b&gt;fet&lt;/b&gt;" in page
    parser = _Cells()
    parser.feed(page)
    assert parser.external == []
    assert HOSTILE.strip() in parser.rows["not2"]


INDIVID = "Individinriktade insatser (% av kostnaderna)"


def test_cost_split_prints_one_decimal_in_every_export(example: Books) -> None:
    """2021: (2 849 693 + 570 000 + 400 000 + 320 188 + 302 772 + 649 859) / 7 465 622.80
    = 68.21 %, printed 68,2; 2020 from the books 64,5; before the books blank."""
    table = oversikt(example, Period.year(2021))
    assert table.row(INDIVID).decimals == 1
    printed_row = next(r for r in printed_table(table).rows if r.label == INDIVID)
    assert [str(v) for v in printed_row.values[:2]] == ["68.2", "64.5"]
    assert printed_row.values[2:] == (None, None, None)
    # Whole numbers elsewhere in the table, the exact values kept as Decimal.
    assert next(r for r in printed_table(table).rows if r.label == "Soliditet (%)").values[0] == 61

    [line] = [x for x in text_export.render([table]).splitlines() if x.startswith(INDIVID)]
    assert line.split()[-2:] == ["68,2", "64,5"]
    data = json.loads(json_export.render([table]))
    [item] = [r for r in data["tables"]["oversikt"]["rows"] if r["label"] == INDIVID]
    assert item["values"] == [68.2, 64.5, None, None, None]
    [row] = [x for x in markdown_export.render([table], "T").splitlines() if INDIVID in x]
    assert row.endswith("| 68,2 | 64,5 |  |  |  |")
    parser = _Cells()
    parser.feed(html_export.render([table], "T"))
    assert parser.rows["oversikt"][INDIVID][:2] == ["68,2", "64,5"]
    rows = list(csv.reader(io.StringIO(csv_export.table_csv(printed_table(table))), delimiter=";"))
    assert [INDIVID, "", "68,2", "64,5", "", "", "", "rad"] in rows
    cells = _rows(load_workbook(io.BytesIO(xlsx.render([table])))["Översikt"])[INDIVID]
    assert [float(c.value) for c in cells[1:3]] == [68.2, 64.5]
    assert cells[1].number_format == '0.0" %"'

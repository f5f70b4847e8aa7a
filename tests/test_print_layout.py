"""Printed pages readers can use (issue 13 §2): XLSX, text and CSV of the example's reports.

XLSX: every sheet's page header names the förbund, the table and the report
with its period, its footer the page number; every cell is in one font; a
footnote is merged across the table's columns and widens none; a heading
with a range of dates is never broken inside a date. Text: no line wider
than 100 characters, footnote markers on the rows they concern, no
reference to a note the report does not hold. CSV: the column Typ in Swedish.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from finsam_ledger.cli import main
from finsam_ledger.exports import text as text_export
from finsam_ledger.exports import xlsx
from finsam_ledger.exports.layout import (
    footnotes,
    heading_lines,
    printed_table,
    row_markers,
    without_absent_notes,
)
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table
from finsam_ledger.statements.rapport import Rapport, rapport

from ledgers import EXAMPLE

HALF_YEAR = Period.delar(datetime.date(2021, 1, 1), datetime.date(2021, 6, 30))
DATES = "2021-01-01–2021-06-30"
REPORTS = {"year": ["--year", "2021"], "period": ["--period", "2021-01-01..2021-06-30"]}
SWEDISH_KINDS = {"rad", "summa", "rubrik", "delrad", "fotnot"}


@pytest.fixture(scope="module")
def arsredovisning(example: Books) -> Rapport:
    return rapport(example, Period.year(2021))


@pytest.fixture(scope="module")
def delarsrapport(example: Books) -> Rapport:
    return rapport(example, HALF_YEAR)


@pytest.fixture(params=["arsredovisning", "delarsrapport"])
def report(request: pytest.FixtureRequest) -> Rapport:
    found: Rapport = request.getfixturevalue(request.param)
    return found


def _workbook(report: Rapport) -> list[Worksheet]:
    content = xlsx.render(report.tables, title=report.title, subtitle=report.rubrik)
    return list(load_workbook(io.BytesIO(content)).worksheets)


def _text(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["report", str(EXAMPLE), *argv]) == 0
    return capsys.readouterr().out.splitlines()


# --- XLSX ---------------------------------------------------------------------------------


def test_xlsx_pages_name_the_forbund_the_table_the_report_and_the_page(report: Rapport) -> None:
    sheets = _workbook(report)
    assert len(sheets) == len(report.tables)
    for ws, table in zip(sheets, report.tables, strict=True):
        assert ws.oddHeader.left.text == report.title.replace("&", "&&")
        assert ws.oddHeader.center.text == table.title
        assert ws.oddHeader.right.text == report.rubrik  # Räkenskapsår 2021, Delårsrapport …
        assert ws.oddFooter.center.text == "Sida &P av &N"
        assert ws.oddHeader.left.font == ws.oddFooter.center.font == "Calibri,Regular"
        assert ws.print_title_rows == "$1:$3"  # the headings on every page
    assert report.rubrik in ("Räkenskapsår 2021", f"Delårsrapport {DATES}")


def test_xlsx_every_cell_in_one_font(report: Rapport) -> None:
    fonts = set()
    bold = 0
    for ws in _workbook(report):
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    fonts.add(cell.font.name)
                    bold += bool(cell.font.b)
    assert fonts == {"Calibri"}
    assert bold > 10  # the sums and headings are bold, in the same face


def test_xlsx_footnotes_are_merged_and_widen_no_column(report: Rapport) -> None:
    for ws, table in zip(_workbook(report), report.tables, strict=True):
        printed = printed_table(table)
        last = (3 if ws["B3"].value == "Not" else 2) + len(table.columns) - 1
        merged = {str(r) for r in ws.merged_cells.ranges}
        for cell in [c for c in ws["A"] if str(c.value).startswith("* ")]:
            assert cell.alignment.wrap_text and cell.font.sz == 9
            end = ws.cell(cell.row, last).coordinate
            assert f"{cell.coordinate}:{end}" in merged, (table.key, cell.value)
        # The label column fits the labels and title, never a footnote.
        needed = max([len(printed.title) * 0.8, *(len(row.label) for row in printed.rows)])
        assert ws.column_dimensions["A"].width == min(max(needed + 2, 24), 70)


def test_xlsx_a_long_footnote_widens_nothing() -> None:
    base = Table(
        "not4",
        "Not 4 Fordringar",
        ("2021-12-31", "2020-12-31"),
        (Row("Kundfordringar", (D(105696), D(203608))), Row("Summa", (D(1), D(2)), kind="sum")),
    )
    long = Table(base.key, base.title, base.columns, base.rows, notes=("Lång fotnot " * 60,))
    [plain] = load_workbook(io.BytesIO(xlsx.render([base]))).worksheets
    [noted] = load_workbook(io.BytesIO(xlsx.render([long]))).worksheets
    widths = {k: v.width for k, v in plain.column_dimensions.items()}
    assert {k: v.width for k, v in noted.column_dimensions.items()} == widths
    assert noted.page_setup.orientation == plain.page_setup.orientation == "portrait"
    [note] = [c for c in noted["A"] if str(c.value).startswith("* ")]
    assert {str(r) for r in noted.merged_cells.ranges} == {f"A{note.row}:C{note.row}"}
    assert noted.row_dimensions[note.row].height > 3 * 12  # room for the lines it wraps to


def test_xlsx_date_headings_are_whole(delarsrapport: Rapport) -> None:
    sheets = {ws.title: ws for ws in _workbook(delarsrapport)}
    for name in ("Resultaträkning", "Not 2", "Not 3", "Driftsredovisning"):
        ws = sheets[name]
        [cell] = [c for c in ws[3] if c.value == f"Utfall {DATES}"]  # the text as it is
        assert cell.alignment.wrap_text
        # Wide enough for the range of dates, its longest word: it wraps at the space only.
        width = ws.column_dimensions[cell.column_letter].width
        assert width is not None and width >= len(DATES) * 1.1
        assert ws.row_dimensions[3].height is not None and ws.row_dimensions[3].height >= 30


def test_xlsx_delarsrapport_refers_to_its_own_notes_only(delarsrapport: Rapport) -> None:
    """The delårsrapport holds Not 2 and Not 3; its rows netted in Not 6 name no note."""
    # The tables themselves name no Not 6 (a delårsrapport has none), and no sheet does.
    assert not any(row.note == 6 for table in delarsrapport.tables for row in table.rows)
    for ws in _workbook(delarsrapport):
        if ws["B3"].value != "Not":
            continue
        notes = {c.value for c in ws["B"][3:] if c.value is not None}
        assert notes <= {2, 3}, ws.title


# --- Text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("which", REPORTS)
def test_text_fits_100_columns(which: str, capsys: pytest.CaptureFixture[str]) -> None:
    lines = _text(REPORTS[which], capsys)
    assert max(len(line) for line in lines) <= 100
    assert "Driftsredovisning" in "\n".join(lines)


def test_text_date_heading_breaks_between_the_dates(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _text(REPORTS["period"], capsys)
    dates = re.compile(r"\d{4}-\d\d-\d\d")
    for line in lines:
        # No piece of a date at the end or start of a heading line.
        assert not re.search(r"\d{4}-(\d\d-?)?$", line.rstrip("–")), line
    assert any("2021-01-01–" in line and "2021-06-30" not in line for line in lines)
    assert sum(len(dates.findall(line)) for line in lines) > 10


def test_heading_lines() -> None:
    assert heading_lines(f"Utfall {DATES}", 11) == ["Utfall", "2021-01-01–", "2021-06-30"]
    assert heading_lines(f"Utfall {DATES}", 18) == ["Utfall 2021-01-01–", "2021-06-30"]
    assert heading_lines(f"Utfall {DATES}", 11, at_dash=False) == ["Utfall", DATES]
    assert heading_lines("Avvikelse budget – prognos", 9) == ["Avvikelse", "budget –", "prognos"]
    assert heading_lines("Budget 2021", 40) == ["Budget 2021"]


def test_text_a_very_long_label_wraps() -> None:
    label = "Insats med ett mycket långt namn som ingen rapport får bli bredare av " * 3
    table = Table(
        "not3",
        "Not 3 Verksamhetens kostnader med en titel som också är längre än en rad i rapporten "
        "och lite till för säkerhets skull",
        ("Utfall jan-dec 2021", "Aktuell budget jan-dec 2021", "Avvikelse utfall – budget"),
        (
            Row(label.strip(), (D(-1234567890), D(2345678), D(3456789)), note=6),
            Row("Kort", (D(1), D(2), D(3))),
            Row("Summa", (D(1), D(2), D(3)), kind="sum"),
        ),
        notes=("En fotnot som är mycket lång " * 10,),
    )
    lines = text_export.render([table], heading="Förbundet\nRäkenskapsår 2021").splitlines()
    assert max(map(len, lines)) <= 100
    first = next(i for i, line in enumerate(lines) if line.startswith("Insats med ett"))
    [row] = [i for i, line in enumerate(lines) if "-1 234 567 890" in line]
    assert row > first + 1  # the label's lines, the last with the figures, indented
    assert all(line.startswith("  ") for line in lines[first + 1 : row + 1])
    assert " ".join(line.strip() for line in lines[first : row + 1]).startswith(label.strip())
    assert " Not" not in "\n".join(lines)  # no Not 6 among the tables: no Not column


def test_text_markers_on_the_rows_a_footnote_concerns(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = _text(REPORTS["period"], capsys)
    text = "\n".join(lines)
    not2 = text[text.index("Not 2 Verksamhetens") : text.index("Not 3 Verksamhetens")]
    assert "Driftbidrag från Habo kommun¹ " in not2
    assert "Öres och kronutjämning² " in not2
    assert "\n¹ Prognos enligt budget (ingen prognos angiven): " in not2
    assert "\n² Prognos enligt utfallet hittills" in not2
    assert "Medlemsbidrag¹" not in not2  # a sum row is not marked
    # Not 3 has no income row: the footnotes about income are not under it.
    not3 = text[text.index("Not 3 Verksamhetens") : text.index("Balansräkning")]
    assert "Prognos enligt" not in not3
    # The resultaträkning sums them in a larger line: the footnote concerns the table (*).
    resultat = text[text.index("Resultaträkning") : text.index("Not 2 Verksamhetens")]
    assert "\n* Prognos enligt budget" in resultat and "¹" not in resultat


def test_footnote_rule() -> None:
    rows = (
        Row("A", (D(1),), accounts=("K:A",)),
        Row("B", (D(1),), accounts=("K:B",)),
        Row("Summa", (D(2),), kind="sum", accounts=("K:A", "K:B")),
        Row("C och D", (D(1),), accounts=("K:C", "K:D")),
    )
    notes = ("Om hela tabellen", "Om A och B", "Om D", "Om X")
    table = Table(
        "t",
        "T",
        ("2021",),
        rows,
        notes=notes,
        note_accounts=(("Om A och B", ("K:A", "K:B")), ("Om D", ("K:D",)), ("Om X", ("K:X",))),
    )
    printed = printed_table(table)
    found = footnotes(printed)
    assert [(f.marker, f.text, f.rows) for f in found] == [
        ("*", "Om hela tabellen", ()),
        ("¹", "Om A och B", (0, 1)),
        ("*", "Om D", ()),  # part of a larger line: about the table
    ]  # "Om X" concerns no row here: left out
    assert row_markers(printed, found) == ("¹", "¹", "", "")
    assert table.accounts_of_note("Om D") == ("K:D",) and table.accounts_of_note("Om") == ()


def test_text_delarsrapport_refers_to_its_own_notes_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = _text(REPORTS["period"], capsys)
    notes = set()
    column: int | None = None
    for line in lines:
        if line.startswith("Belopp i ") and " Not " in line:
            column = line.index(" Not ") + 4
            continue
        if not line:
            column = None
        elif column is not None and not line.startswith(("*", "¹", "²", " ")):
            cell = line[column - 4 : column].strip()
            if cell:
                notes.add(cell)
    assert notes == {"2", "3"}
    assert "Not 6" not in "\n".join(lines)


def test_a_table_keeps_notes_the_document_holds(arsredovisning: Rapport) -> None:
    drift = printed_table(arsredovisning.table("driftsredovisning"))
    assert without_absent_notes(drift, {6}) is drift
    assert not without_absent_notes(drift, {2, 3}).has_notes


# --- CSV ----------------------------------------------------------------------------------


@pytest.mark.parametrize("which", REPORTS)
def test_csv_type_column_is_swedish(which: str, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    argv = ["export", str(EXAMPLE), *REPORTS[which], "--format", "csv", "-o", str(folder)]
    assert main(argv) == 0
    kinds: set[str] = set()
    notes: set[str] = set()
    for path in folder.glob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
        assert rows[0][-1] == "Typ" and rows[0][1] == "Not"
        kinds |= {row[-1] for row in rows[1:]}
        notes |= {row[1] for row in rows[1:] if row[1]}
    assert {"rad", "summa", "rubrik", "fotnot"} <= kinds <= SWEDISH_KINDS
    assert notes == ({"2", "3"} if which == "period" else {"2", "3", "4", "5", "6"})

"""The whole document: ``finsam export --format docx`` read back with python-docx.

The example's årsredovisning 2021 with its text (``ledger/arsredovisning-2021/``):
the headings in order, every printed figure of the statements and notes in a
Word table, the text with its placeholders' values, the header and the page
field, the charts, a reference document's styles (``--mall``); the text's
errors at their file and line with nothing written; the delårsrapport.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable

from finsam_ledger.cli import main
from finsam_ledger.dokument import modell, platshallare, texter
from finsam_ledger.dokument.modell import Lista, Rubrik, Span, Stycke, TabellPlats
from finsam_ledger.exports import charts, dokument_html
from finsam_ledger.exports.layout import PrintedTable, printed_table, swedish
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.statements.rapport import Rapport, rapport

from ledgers import EXAMPLE

NBSP = "\u00a0"


def _delar() -> Period:
    return Period.delar(datetime.date(2021, 1, 1), datetime.date(2021, 6, 30))


STATEMENTS = (
    "resultatrakning",
    "balansrakning",
    "kassaflodesanalys",
    "driftsredovisning",
    "not2",
    "not3",
    "not4",
    "not5",
    "not6",
)


def _export(tmp: Path, *extra: str, name: str = "rapport.docx") -> tuple[int, Path]:
    target = tmp / name
    code = main(["export", str(EXAMPLE), "--format", "docx", "-o", str(target), *extra])
    return code, target


@pytest.fixture(scope="module")
def arsredovisning_fil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's årsredovisning 2021 with the text beside the ledger, as a .docx."""
    code, target = _export(tmp_path_factory.mktemp("docx"), "--year", "2021")
    assert code == 0
    return target


@pytest.fixture(scope="module")
def arsredovisning(arsredovisning_fil: Path) -> Document:
    return docx.Document(str(arsredovisning_fil))


@pytest.fixture(scope="module")
def report(example: Books) -> Rapport:
    return rapport(example, Period.year(2021))


def _cells(table: DocxTable) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _expected(table: PrintedTable) -> list[list[str]]:
    """A table as the document prints it: unit, Not column, figures the Swedish way."""
    head = [table.unit_text, *(["Not"] if table.has_notes else []), *table.columns]
    rows = [head]
    for row in table.rows:
        note = [] if not table.has_notes else ["" if row.note is None else str(row.note)]
        values = ["" if value is None else swedish(value) for value in row.values]
        rows.append([row.label, *note, *values])
    return rows


def _headings(document: Document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def _text(document: Document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_the_headings_in_order(arsredovisning: Document, report: Rapport) -> None:
    assert _headings(arsredovisning, 1) == [
        "1 Förvaltningsberättelse",
        "2 Resultaträkning",
        "3 Balansräkning",
        "4 Kassaflödesanalys",
        "5 Driftsredovisning",
        "6 Noter",
        "7 Styrelsens underskrift",
    ]
    sections = _headings(arsredovisning, 2)
    assert sections[:4] == [
        "Uppdrag och organisation",
        "Verksamheten under året",
        "Deltagare och resultat",
        "Ekonomi",
    ]
    notes = [s for s in sections if s.startswith("Not ")]
    assert notes == [
        "Not 1 Redovisningsprinciper",
        "Not 2 Verksamhetens intäkter",
        "Not 3 Verksamhetens kostnader",
        "Not 4 Fordringar",
        "Not 5 Kortfristiga skulder",
        "Not 6 Kompletterande nettouppgifter jämförda med budget",
    ]
    titles = [p.text for p in arsredovisning.paragraphs if p.style.name in ("Title", "Subtitle")]
    assert titles == [report.title, "Årsredovisning 2021"]
    text = _text(arsredovisning)
    assert "Diarienummer: 2022/1 (exempel)" in text
    assert "Antagen av styrelsen 2022-03-23" in text
    # The contents list the chapters (the TOC field's text until Word updates it).
    contents = text.split("Innehåll", 1)[1]
    assert contents.index("1 Förvaltningsberättelse") < contents.index("7 Styrelsens underskrift")


@pytest.mark.parametrize("key", STATEMENTS)
def test_every_figure_of_the_statements_and_notes(
    arsredovisning: Document, report: Rapport, key: str
) -> None:
    expected = _expected(printed_table(report.table(key)))
    found = [_cells(t) for t in arsredovisning.tables]
    assert expected in found


def test_the_published_figures_are_in_the_document(arsredovisning: Document) -> None:
    cells = {c for t in arsredovisning.tables for row in _cells(t) for c in row}
    for figure in ("436 242", "7 901 926", "−7 465 623", "2 272 710", "3 728 218", "404 016"):
        assert figure.replace(" ", NBSP) in cells


def test_the_förvaltningsberättelse_tables(arsredovisning: Document, report: Rapport) -> None:
    found = [_cells(t) for t in arsredovisning.tables]
    for key in ("oversikt", "balanskrav", "deltagare", "deltagare_utfall", "samhallsekonomi"):
        assert _expected(printed_table(report.table(key))) in found
    # The text places them: the participants come before the overview, as written.
    order = [t[0] for t in found]
    assert order.index(["Antal", "Kvinnor", "Män", "Varav nya"]) < order.index(
        ["Belopp i tkr", "2021", "2020", "2019", "2018", "2017"]
    )


def test_sum_rows_are_bold_and_numbers_right_aligned(arsredovisning: Document) -> None:
    header = ["Belopp i kr", "Not", "Budget 2021", "2021", "2020"]
    table = next(
        t
        for t in arsredovisning.tables
        if [c.text for c in t.rows[0].cells] == header
        and t.rows[1].cells[0].text == "Verksamhetens intäkter"
    )
    rows = {row.cells[0].text: row for row in table.rows}
    result = rows["Årets resultat"]
    assert all(run.bold for run in result.cells[-1].paragraphs[0].runs)
    line = rows["Finansiella intäkter"]
    assert not any(run.bold for run in line.cells[-1].paragraphs[0].runs)
    assert result.cells[-1].paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[0].cells[0].text == "Belopp i kr"


def test_the_text_and_its_placeholders(arsredovisning: Document) -> None:
    text = _text(arsredovisning)
    assert f"Årets resultat är 436{NBSP}242{NBSP}kr (föregående år 847{NBSP}054{NBSP}kr)" in text
    assert f"budgeten var −1{NBSP}394{NBSP}900{NBSP}kr" in text
    assert f"Soliditeten är 61{NBSP}%." in text
    assert f"effekt på 5{NBSP}054{NBSP}400{NBSP}kr." in text
    assert "Insatserna hade 150 deltagare under året, varav 83 nya." in text
    assert "{{" not in text
    # A bold placeholder in a list item stays bold; the items are list paragraphs.
    item = next(p for p in arsredovisning.paragraphs if p.text.startswith("individinriktade"))
    assert item.style.name == "List Bullet"
    assert [run.text for run in item.runs if run.bold] == [f"68,2{NBSP}%"]


def test_the_signature_page_has_roles_and_no_names(arsredovisning: Document) -> None:
    table = arsredovisning.tables[-1]
    roles = [cell.paragraphs[1].text for row in table.rows for cell in row.cells]
    assert roles[:3] == ["Ort och datum", "Ordförande", "Vice ordförande"]
    assert {cell.paragraphs[0].text for row in table.rows for cell in row.cells} == {""}


def test_header_footer_and_page_field(arsredovisning: Document, report: Rapport) -> None:
    section = arsredovisning.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == f"{report.title} – Årsredovisning 2021"
    footer = section.footer.paragraphs[0]._p.xml
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer)
    assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", footer)
    assert section.footer.paragraphs[0].text.startswith("Sida ")
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    body = arsredovisning.element.body.xml
    assert 'TOC \\o "1-1"' in body


def test_the_charts_are_word_charts_of_the_printed_figures(
    arsredovisning_fil: Path, report: Rapport
) -> None:
    with zipfile.ZipFile(arsredovisning_fil) as package:
        names = sorted(n for n in package.namelist() if n.startswith("word/charts/chart"))
        books = [n for n in package.namelist() if n.startswith("word/embeddings/")]
        xml = [package.read(n).decode() for n in names]
    expected = [
        chart
        for key in ("oversikt", "driftsredovisning")
        for chart in charts.charts_of(report.table(key))
    ]
    assert len(names) == len(books) == len(expected) == 3
    pie = next(x for x in xml if "<pieChart>" in x)
    assert re.findall(r"<v>([\d.]+)</v>", pie.split("<val>")[1]) == ["68.2", "15.3", "16.5"]
    bars = next(x for x in xml if "<barChart>" in x)
    assert "<v>2849693</v>" in bars  # Enter's utfall, as Not 3 prints it


def test_a_reference_document_gives_the_styles(tmp_path: Path) -> None:
    reference = docx.Document()
    heading = reference.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.size = Pt(21)
    section = reference.sections[0]
    section.left_margin = Mm(31)
    reference.add_paragraph("Mallens egen text")
    mall = tmp_path / "mall.docx"
    reference.save(str(mall))
    code, target = _export(tmp_path, "--year", "2021", "--mall", str(mall))
    assert code == 0
    document = docx.Document(str(target))
    style = document.styles["Heading 1"]
    assert style.font.name == "Georgia"
    assert style.font.size == Pt(21)
    assert round(document.sections[0].left_margin.mm) == 31
    assert "Mallens egen text" not in _text(document)
    assert _headings(document, 1)[0] == "1 Förvaltningsberättelse"


def _text_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "text"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def test_an_unknown_placeholder_is_an_error_at_its_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _text_folder(
        tmp_path,
        {
            "forvaltningsberattelse.md": "# Ekonomi\n\nResultatet är {{ arets_resultat }}.\n"
            "Soliditet {{ soliditetsgrad }}.\n",
            "underskrift.md": "- Ordförande\n\n{{ prognos_resultat }}\n",
        },
    )
    code, target = _export(tmp_path, "--year", "2021", "--text", str(folder))
    assert code == 1
    assert not target.exists()
    err = capsys.readouterr().err
    path = folder / "forvaltningsberattelse.md"
    hint = "did you mean {{ soliditet }}?"
    assert f"{path}:4: {{{{ soliditetsgrad }}}}: unknown placeholder; {hint}" in err
    assert f"{folder / 'underskrift.md'}:3: {{{{ prognos_resultat }}}}: no value" in err
    assert err.rstrip().endswith("nothing written")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{{ tabell: resultat }}\n", "has no table 'resultat'"),
        ("Text {{ tabell: oversikt }} mitt i.\n", "goes on a line of its own"),
        ("Ett {{ arets_resultat\n", "'{{' without '}}'"),
    ],
)
def test_other_errors_in_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    folder = _text_folder(tmp_path, {"forvaltningsberattelse.md": "\n" + content})
    code, target = _export(tmp_path, "--year", "2021", "--text", str(folder))
    assert code == 1
    assert not target.exists()
    err = capsys.readouterr().err
    assert f"{folder / 'forvaltningsberattelse.md'}:2: " in err
    assert message in err


def test_an_unknown_section_file_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _text_folder(tmp_path, {"forvaltningsberattelsen.md": "Text\n"})
    code, target = _export(tmp_path, "--year", "2021", "--text", str(folder))
    assert code == 1
    assert not target.exists()
    assert "forvaltningsberattelsen.md: not a section of the document" in capsys.readouterr().err


def test_without_text_the_document_has_the_default_tables_and_roles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "tom"
    folder.mkdir()
    code, target = _export(tmp_path, "--year", "2021", "--text", str(folder))
    assert code == 0
    assert "has no forvaltningsberattelse.md, not1.md, underskrift.md" in capsys.readouterr().err
    document = docx.Document(str(target))
    sections = _headings(document, 2)
    assert sections[:5] == [
        "Översikt över verksamhetens utveckling (tkr)",
        "Balanskravsutredning",
        "Deltagare 2021",
        "Avslutade deltagare 2021",
        "Samhällsekonomisk effekt 2021",
    ]
    assert modell.NOT1_STANDARD in _text(document)
    cells = [c for row in document.tables[-1].rows for c in row.cells]
    roles = [c.paragraphs[1].text for c in cells if len(c.paragraphs) > 1]
    # One line per member of the example (Försäkringskassan, the region, four kommuner).
    assert roles == ["Ort och datum", "Ordförande", "Vice ordförande", *["Ledamot"] * 4]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "pdf", "--mall", "m.docx"], "--mall goes with --format docx"),
        (["--format", "xlsx", "--text", "."], "--text goes with --format docx or pdf"),
        (["--format", "docx", "--text", "no-such-folder"], "--text no-such-folder: no such folder"),
        (["--format", "docx", "--mall", "no-such.docx"], "--mall no-such.docx: no such file"),
    ],
)
def test_misuse_of_the_document_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    target = tmp_path / "ut"
    code = main(["export", str(EXAMPLE), "--year", "2021", "-o", str(target), *argv])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not target.exists()


def test_a_reference_that_is_no_word_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mall = tmp_path / "mall.docx"
    mall.write_text("inte en docx", encoding="utf-8")
    code, target = _export(tmp_path, "--year", "2021", "--mall", str(mall))
    assert code == 2
    assert "not a Word document (.docx)" in capsys.readouterr().err
    assert not target.exists()


def test_pdf_without_chromium_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FINSAM_CHROMIUM", str(tmp_path / "ingen-chromium"))
    target = tmp_path / "rapport.pdf"
    argv = ["export", str(EXAMPLE), "--year", "2021", "--format", "pdf", "-o", str(target)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("finsam: error: no PDF: ")
    assert "ingen-chromium" in err and err.rstrip().endswith("(or use --format docx)")
    assert not target.exists()


# --- The delårsrapport ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def delarsrapport(tmp_path_factory: pytest.TempPathFactory) -> Document:
    code, target = _export(tmp_path_factory.mktemp("delar"), "--period", "2021-01-01..2021-06-30")
    assert code == 0
    return docx.Document(str(target))


def test_the_delårsrapport_document(delarsrapport: Document, example: Books) -> None:
    report = rapport(example, _delar())
    assert _headings(delarsrapport, 1) == [
        "1 Förvaltningsberättelse",
        "2 Resultaträkning",
        "3 Balansräkning",
        "4 Driftsredovisning",
        "5 Noter",
    ]
    subtitle = [p.text for p in delarsrapport.paragraphs if p.style.name == "Subtitle"]
    assert subtitle == ["Delårsrapport 2021-01-01–2021-06-30"]
    header = delarsrapport.sections[0].header.paragraphs[0].text
    assert header.endswith("– Delårsrapport 2021-01-01–2021-06-30")
    found = [_cells(t) for t in delarsrapport.tables]
    for key in ("resultatrakning", "balansrakning", "eget_kapital", "balanskrav", "not2"):
        assert _expected(printed_table(report.table(key))) in found
    text = _text(delarsrapport)
    assert f"Helårsprognosen är ett resultat på −14{NBSP}108{NBSP}kr" in text
    assert f"Periodens resultat är 961{NBSP}227{NBSP}kr." in text
    # A delårsrapport has no Not 6: its rows do not refer to it.
    not3 = next(t for t in found if t[1][:1] == ["Individ- och strukturinriktade insatser"])
    assert "Not" not in not3[0]


# --- The parts ------------------------------------------------------------------------------


def test_every_placeholder_has_a_value_in_the_example(example: Books, report: Rapport) -> None:
    underlag = platshallare.Underlag(report, example)
    values = {}
    for name, placeholder in platshallare.PLATSHALLARE.items():
        if name == "prognos_resultat":
            with pytest.raises(platshallare.SaknarVarde):
                placeholder.las(underlag)
            continue
        values[name] = placeholder.las(underlag)
    assert values == {
        "forbund": report.title,
        "ar": "2021",
        "rapport": "Årsredovisning 2021",
        "period": "2021-01-01–2021-12-31",
        "balansdag": "2021-12-31",
        "verksamhetens_intakter": f"7{NBSP}901{NBSP}926{NBSP}kr",
        "verksamhetens_kostnader": f"7{NBSP}465{NBSP}623{NBSP}kr",
        "arets_resultat": f"436{NBSP}242{NBSP}kr",
        "arets_resultat_foregaende_ar": f"847{NBSP}054{NBSP}kr",
        "budgeterat_resultat": f"−1{NBSP}394{NBSP}900{NBSP}kr",
        "balanskravsresultat": f"436{NBSP}242{NBSP}kr",
        "medlemsbidrag": f"7{NBSP}348{NBSP}000{NBSP}kr",
        "eget_kapital": f"2{NBSP}272{NBSP}710{NBSP}kr",
        "summa_tillgangar": f"3{NBSP}728{NBSP}218{NBSP}kr",
        "kassa_och_bank": f"3{NBSP}401{NBSP}012{NBSP}kr",
        "soliditet": f"61{NBSP}%",
        "eget_kapital_andel": f"31{NBSP}%",
        "riktvarde": f"15{NBSP}%",
        "andel_individinriktade": f"68,2{NBSP}%",
        "andel_strukturinriktade": f"15,3{NBSP}%",
        "andel_administration": f"16,5{NBSP}%",
        "antal_anstallda": "2",
        "deltagare": "150",
        "nya_deltagare": "83",
        "avslutade_deltagare": "60",
        "till_arbete": "26",
        "samhallsekonomisk_effekt": f"5{NBSP}054{NBSP}400{NBSP}kr",
    }


def test_the_delårsrapport_placeholders(example: Books) -> None:
    underlag = platshallare.Underlag(rapport(example, _delar()), example)
    read: Callable[[str], str] = lambda name: platshallare.PLATSHALLARE[name].las(underlag)  # noqa: E731
    assert read("prognos_resultat") == f"−14{NBSP}108{NBSP}kr"
    assert read("balanskravsresultat") == f"−14{NBSP}108{NBSP}kr"
    assert read("eget_kapital") == f"2{NBSP}797{NBSP}695{NBSP}kr"
    assert read("soliditet") == f"84{NBSP}%"  # 2 797 695 / 3 347 374
    with pytest.raises(platshallare.SaknarVarde, match="no table oversikt"):
        read("andel_administration")
    with pytest.raises(platshallare.SaknarVarde, match="prints no participants"):
        read("deltagare")


def test_markdown_keeps_what_a_word_document_needs() -> None:
    blocks = texter.markdown(
        "# Rubrik\n\nEtt **fett** och *kursivt* ord,\nsamma stycke.  \nNy rad.\n\n"
        "- ett\n- två\n  - inne\n\n1. första\n\n[länk](http://example.org) `kod`\n\n"
        "\ue000oversikt\ue000\n"
    )
    assert blocks == (
        Rubrik(2, "Rubrik"),
        Stycke(
            (
                Span("Ett "),
                Span("fett", fet=True),
                Span(" och "),
                Span("kursivt", kursiv=True),
                Span(" ord, samma stycke.\nNy rad."),
            )
        ),
        Lista(
            (
                modell.Punkt((Span("ett"),)),
                modell.Punkt((Span("två"),)),
                modell.Punkt((Span("inne"),), 1),
            )
        ),
        Lista((modell.Punkt((Span("första"),)),), numrerad=True),
        Stycke((Span("länk kod"),)),
        TabellPlats("oversikt"),
    )


def test_the_html_for_the_pdf(example: Books, report: Rapport) -> None:
    folder = EXAMPLE.parent / "arsredovisning-2021"
    text = texter.las(folder, platshallare.Underlag(report, example))
    page = dokument_html.render(modell.dokument(report, example, text))
    assert page.count('<div class="kapitel"') == 7
    assert '<a href="#kapitel-7">7 Styrelsens underskrift</a>' in page
    assert '<section id="resultatrakning"><table' in page  # no second "Resultaträkning"
    assert '<section id="not2"><h2>Not 2 Verksamhetens intäkter</h2>' in page
    assert page.count("<svg") == 3
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    # The title page has no header: the last style of the page says so.
    assert page.rindex("@page :first") > page.rindex("</head>")


def test_word_updates_the_contents_on_opening(arsredovisning_fil: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(arsredovisning_fil.read_bytes())) as package:
        settings = package.read("word/settings.xml").decode()
    assert '<w:updateFields w:val="true"/>' in settings
    assert settings.index("w:updateFields") < settings.index("w:compat")

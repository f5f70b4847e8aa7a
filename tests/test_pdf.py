"""The PDF export: the example's årsredovisning printed by headless Chromium, read back with pypdf.

The page is :func:`finsam_ledger.exports.html.render`'s; the PDF is checked
for A4 pages, every printed figure of every table, the page numbers and the
header on every page, tables not split over a page break, and the same bytes
twice with ``SOURCE_DATE_EPOCH``. These skip, saying why, without a Chromium
(Debian's ``chromium``; ``.ci/run`` installs it). The failures
(:class:`IngenChromium`) are checked without one.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from finsam_ledger.exports import html as html_export
from finsam_ledger.exports import pdf as pdf_export
from finsam_ledger.exports.layout import PrintedTable, printed_table, swedish
from finsam_ledger.exports.pdf import IngenChromium, html_till_pdf
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.statements.rapport import Rapport, rapport

# Quotes, an ampersand and angle brackets: the header is escaped for CSS inside HTML.
SIDHUVUD = 'Södra Vätterbygden "Exempel" & <b>Co</b> – Årsredovisning 2021'
A4 = (595.28, 841.89)  # points
EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC


def _normal(text: str) -> str:
    """Extracted text with Swedish number spacing and minus as plain ASCII, spaces collapsed."""
    text = text.replace("\u2212", "-").replace("\u2013", "-")
    return re.sub(r"[\u00a0\u202f\u2009 ]+", " ", text)


def _have_chromium() -> None:
    try:
        pdf_export.chromium()
    except IngenChromium as exc:
        pytest.skip(f"{exc} (install Debian's chromium package: apt-get install chromium)")


@pytest.fixture(scope="module")
def report(example: Books) -> Rapport:
    return rapport(example, Period.year(2021))


@pytest.fixture(scope="module")
def page(report: Rapport) -> str:
    return html_export.render(report.tables, report.title, "Årsredovisning 2021")


@pytest.fixture(scope="module")
def pdf(page: str) -> bytes:
    _have_chromium()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return html_till_pdf(page, sidhuvud=SIDHUVUD)


@pytest.fixture(scope="module")
def texts(pdf: bytes, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Each page's text, normalised; the PDF is also kept as a file for a look."""
    (tmp_path_factory.mktemp("pdf") / "arsredovisning.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    return [_normal(p.extract_text()) for p in reader.pages]


def _figures(table: PrintedTable) -> list[str]:
    return [_normal(swedish(v)) for row in table.rows for v in row.values if v is not None]


def test_a4_pages(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 1
    for number, one in enumerate(reader.pages, 1):
        box = one.mediabox
        size = (float(box.width), float(box.height))
        assert size == pytest.approx(A4, abs=1.0), (number, size)


def test_every_figure_of_every_table(report: Rapport, texts: list[str]) -> None:
    whole = "\n".join(texts)
    assert "436 242" in whole  # årets resultat
    assert "3 401 012" in whole  # kassa och bank
    assert "-1 394 900" in whole  # the budgeted result, with a true minus sign in the page
    for table in report.tables:
        printed = printed_table(table)
        assert printed.title in whole
        missing = [f for f in _figures(printed) if f not in whole]
        assert not missing, (printed.title, missing)


def test_page_numbers_and_header_on_every_page(texts: list[str]) -> None:
    count = len(texts)
    header = _normal(SIDHUVUD)
    for number, text in enumerate(texts, 1):
        lines = [line.strip() for line in text.splitlines()]
        assert f"{number} ({count})" in lines, (number, lines[:3], lines[-3:])
        assert header in lines, (number, lines[:3])


def test_a_table_that_fits_is_not_split(report: Rapport, texts: list[str]) -> None:
    """Each statement, with its title, on one page (each fits one page in the example)."""
    for table in report.tables[:3]:  # resultaträkning, balansräkning, kassaflödesanalys
        printed = printed_table(table)
        [where] = [i for i, text in enumerate(texts) if printed.title in text.splitlines()]
        missing = [f for f in _figures(printed) if f not in texts[where]]
        assert not missing, (printed.title, where + 1, missing)


def test_same_bytes_with_source_date_epoch(
    page: str, pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert html_till_pdf(page, sidhuvud=SIDHUVUD) == pdf
    assert b"/CreationDate (D:20231114221320" in pdf


def test_print_css_escapes_the_header() -> None:
    css = pdf_export.print_css('a "b" </style> c\\d\ne')
    body = css.removeprefix("<style>").removesuffix("</style>")
    assert "<" not in body and ">" not in body
    assert 'content: "a \\22 b\\22  \\3c /style\\3e  c\\5c d e";' in body
    assert "@top-center" not in pdf_export.print_css("  ")
    assert 'counter(page) " (" counter(pages) ")"' in body


def test_no_chromium_at_the_configured_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FINSAM_CHROMIUM", str(tmp_path / "finns-inte" / "chromium"))
    with pytest.raises(IngenChromium, match=r"FINSAM_CHROMIUM=.*finns-inte.*does not exist"):
        html_till_pdf("<html><head></head><body>x</body></html>")


def test_no_chromium_on_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FINSAM_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(IngenChromium, match="no Chromium found"):
        html_till_pdf("<p>x</p>")


def _fake(tmp_path: Path, script: str) -> str:
    fake = tmp_path / "fake-chromium"
    fake.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    fake.chmod(0o755)
    return str(fake)


@pytest.mark.parametrize(
    ("script", "reason"),
    [
        ("echo 'kraschade' >&2; exit 3", r"exit status 3\): kraschade"),
        ("exit 0", r"produced no PDF \(exit status 0\)"),
    ],
)
def test_a_failing_chromium(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str, reason: str
) -> None:
    monkeypatch.setenv("FINSAM_CHROMIUM", _fake(tmp_path, script))
    with pytest.raises(IngenChromium, match=reason) as caught:
        html_till_pdf("<p>x</p>")
    assert "\n" not in str(caught.value)


def test_a_chromium_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FINSAM_CHROMIUM", _fake(tmp_path, "sleep 60 & sleep 60"))
    with pytest.raises(IngenChromium, match=r"did not finish in 0\.5 s"):
        html_till_pdf("<p>x</p>", timeout=0.5)

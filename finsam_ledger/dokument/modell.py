"""The document as data: title page, contents, chapters of text and tables, signatures.

:func:`dokument` puts together what the board adopts: the report's tables
(:func:`~finsam_ledger.statements.rapport.rapport`, printed once with
:func:`~finsam_ledger.exports.layout.printed_table`) and the förbund's own
text (:mod:`~finsam_ledger.dokument.texter`), in the structure of the
published årsredovisning (Nationella rådet's template):

* a title page: the förbund (the ledger's ``title``), "Årsredovisning 2021"
  or "Delårsrapport 2021-01-01–2021-06-30", the diarienummer and the day the
  board adopted it when the text gives them;
* the contents (the chapters);
* **1 Förvaltningsberättelse**: the text, with the tables it places
  (``{{ tabell: oversikt }}``); a text that places none gets the default
  tables after it (:data:`FORVALTNING`: the overview, whose rows hold eget
  kapital against the riktvärde and the cost split, with their charts; the
  balanskravsutredning; participants and the socio-economic effect when the
  year records them);
* **2 Resultaträkning**, **3 Balansräkning**, **4 Kassaflödesanalys**,
  **5 Driftsredovisning** (with its chart), **6 Noter** (Not 1's text, Not
  2–6), **7 Styrelsens underskrift** (the text, then a line per role to sign
  on; names only where the text gives them);
* a delårsrapport: 1 Förvaltningsberättelse (eget kapital by the prognos,
  the balanskravsutredning of the prognos), 2 Resultaträkning (and the table
  Intäkter och kostnader), 3 Balansräkning (and the forecast one), 4
  Driftsredovisning, 5 Noter (Not 1's text if given, Not 2, Not 3) and a
  signature page only when the text has one.

A table of the report that no chapter names is added to the
förvaltningsberättelse, so the document never leaves out a table of the
report. Renderers (:mod:`~finsam_ledger.exports.docx`,
:mod:`~finsam_ledger.exports.dokument_html`) only lay this out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from finsam_ledger.exports import charts
from finsam_ledger.exports.layout import (
    PrintedTable,
    notes_in,
    printed_table,
    without_absent_notes,
)
from finsam_ledger.model.books import Books
from finsam_ledger.statements.rapport import Rapport, Slag

if TYPE_CHECKING:
    from finsam_ledger.dokument.texter import Texter


@dataclass(frozen=True)
class Span:
    """A run of text, bold and/or italic; ``"\\n"`` is a line break."""

    text: str
    fet: bool = False
    kursiv: bool = False


Spans = tuple[Span, ...]


def ren_text(spans: Sequence[Span]) -> str:
    """The spans' text without formatting."""
    return "".join(span.text for span in spans)


@dataclass(frozen=True)
class Rubrik:
    """A heading: level 1 a chapter, 2 a section (a text's ``#``, a note), 3–4 below."""

    niva: int
    text: str
    nummer: str = ""

    @property
    def titel(self) -> str:
        """The heading as printed: ``1 Förvaltningsberättelse``."""
        return f"{self.nummer} {self.text}" if self.nummer else self.text


@dataclass(frozen=True)
class Stycke:
    """A paragraph."""

    spans: Spans


@dataclass(frozen=True)
class Punkt:
    """A list item; ``niva`` 0 at the top, 1 nested once …"""

    spans: Spans
    niva: int = 0


@dataclass(frozen=True)
class Lista:
    """A bullet list, or a numbered one."""

    punkter: tuple[Punkt, ...]
    numrerad: bool = False


@dataclass(frozen=True)
class Tabell:
    """A report table as printed, its charts, and the level of its heading (``None``: none)."""

    tabell: PrintedTable
    diagram: tuple[charts.Chart, ...] = ()
    niva: int | None = 2


@dataclass(frozen=True)
class TabellPlats:
    """Where a text places a table (``{{ tabell: oversikt }}``): filled in by :func:`dokument`."""

    key: str


@dataclass(frozen=True)
class Underskrift:
    """A line to sign on: the role under it, the name when the text gives it."""

    roll: str
    namn: str = ""


@dataclass(frozen=True)
class Underskrifter:
    """The signature lines, two to a row in print."""

    rader: tuple[Underskrift, ...]


Block = Rubrik | Stycke | Lista | Tabell | TabellPlats | Underskrifter


@dataclass(frozen=True)
class Kapitel:
    """A chapter: its number and name (the level-1 heading), then its blocks."""

    nummer: int
    namn: str
    block: tuple[Block, ...]

    @property
    def rubrik(self) -> Rubrik:
        """The chapter's heading."""
        return Rubrik(1, self.namn, str(self.nummer))

    @property
    def id(self) -> str:
        """An anchor for the chapter: ``kapitel-1``."""
        return f"kapitel-{self.nummer}"


@dataclass(frozen=True)
class Titelsida:
    """The title page."""

    forbund: str
    rapport: str
    diarienummer: str = ""
    antagen: str = ""
    text: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Dokument:
    """The whole document."""

    slag: Slag
    ar: int
    titelsida: Titelsida
    kapitel: tuple[Kapitel, ...]

    @property
    def forbund(self) -> str:
        """The förbund: the ledger's title."""
        return self.titelsida.forbund

    @property
    def rapport(self) -> str:
        """``Årsredovisning 2021`` or ``Delårsrapport 2021-01-01–2021-06-30``."""
        return self.titelsida.rapport

    @property
    def sidhuvud(self) -> str:
        """Every page's header (not the title page's): the förbund and the report."""
        return f"{self.forbund} – {self.rapport}"

    @property
    def innehall(self) -> tuple[Rubrik, ...]:
        """The contents: the chapters' headings."""
        return tuple(kapitel.rubrik for kapitel in self.kapitel)

    def tabeller(self) -> list[Tabell]:
        """Every table in the document, in order."""
        return [b for k in self.kapitel for b in k.block if isinstance(b, Tabell)]


FORVALTNING: dict[Slag, tuple[str, ...]] = {
    "årsredovisning": (
        "oversikt",
        "balanskrav",
        "deltagare",
        "deltagare_utfall",
        "samhallsekonomi",
    ),
    "delårsrapport": ("eget_kapital", "balanskrav"),
}
"""The tables of the förvaltningsberättelse when the text places none, in order."""

KAPITEL: dict[Slag, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "årsredovisning": (
        ("Resultaträkning", ("resultatrakning",)),
        ("Balansräkning", ("balansrakning",)),
        ("Kassaflödesanalys", ("kassaflodesanalys",)),
        ("Driftsredovisning", ("driftsredovisning",)),
        ("Noter", ("not2", "not3", "not4", "not5", "not6")),
    ),
    "delårsrapport": (
        ("Resultaträkning", ("resultatrakning", "detalj")),
        ("Balansräkning", ("balansrakning", "balansrakning_prognos")),
        ("Driftsredovisning", ("driftsredovisning",)),
        ("Noter", ("not2", "not3")),
    ),
}
"""The chapters after the förvaltningsberättelse and the tables each holds, in order."""

FORVALTNINGSBERATTELSE = "Förvaltningsberättelse"
NOTER = "Noter"
UNDERSKRIFT = "Styrelsens underskrift"
NOT1 = "Not 1 Redovisningsprinciper"
NOT1_STANDARD = (
    "Förbundet följer lagen (2018:597) om kommunal bokföring och redovisning i "
    "tillämpliga delar och rekommendationer från Rådet för kommunal redovisning (RKR). "
    "Tillgångar och skulder har tagits upp till anskaffningsvärde om inget annat anges."
)
"""Not 1 of an årsredovisning whose text has no ``not1.md``: the rules a förbund follows."""
ORT_OCH_DATUM = "Ort och datum"


def standardroller(books: Books, rapport: Rapport) -> tuple[Underskrift, ...]:
    """The signature lines without a text: place and date, then one line per member.

    A förbund's board has a ledamot per member (Försäkringskassan, the region,
    each kommun): the members are the medlemsbidrag accounts (``part``) open
    in the period. The first signs as Ordförande, the second as Vice
    ordförande, the rest as Ledamot; no names.
    """
    first, last = rapport.period.start, rapport.period.last_day
    members = {
        placement.medlem or placement.account
        for placement in books.chart.placements.values()
        if placement.part is not None and placement.open_during(first, last)
    }
    roles = ["Ordförande", "Vice ordförande"]
    roles += ["Ledamot"] * max(len(members) - len(roles), 0)
    return (Underskrift(ORT_OCH_DATUM), *(Underskrift(role) for role in roles))


def _tabell(table: PrintedTable, niva: int | None) -> Tabell:
    return Tabell(table, tuple(charts.charts_of(table)), niva)


def _placed(blocks: Sequence[Block]) -> set[str]:
    return {b.key for b in blocks if isinstance(b, TabellPlats)}


def _forvaltning(
    text: Sequence[Block], printed: dict[str, PrintedTable], standard: Sequence[str]
) -> list[Block]:
    """The text with its tables in place; the default tables after it when it places none."""
    blocks: list[Block] = []
    level = 1
    for block in text:
        if isinstance(block, Rubrik):
            level = block.niva
        if isinstance(block, TabellPlats):
            if block.key in printed:
                blocks.append(_tabell(printed[block.key], min(level + 1, 4)))
            continue
        blocks.append(block)
    if not _placed(text):
        blocks += [_tabell(printed[key], 2) for key in standard if key in printed]
    return blocks


def dokument(
    rapport: Rapport,
    books: Books,
    texter: Texter | None = None,
    *,
    tkr: bool = False,
    forbund: str | None = None,
) -> Dokument:
    """The report and the förbund's text as one document (see the module's docstring).

    ``forbund`` names the förbund where the ledger has no ``title`` option
    (the command line gives the ledger's file name); ``tkr`` prints amounts
    in thousands.
    """
    from finsam_ledger.dokument.platshallare import rapportnamn

    slag = rapport.slag
    # The document refers only to the notes it holds (a delårsrapport has no Not 6).
    present = notes_in(rapport.tables)
    printed = {
        table.key: without_absent_notes(printed_table(table, tkr), present)
        for table in rapport.tables
    }
    text = texter.forvaltningsberattelse if texter is not None else ()
    chapters: list[Kapitel] = []
    first = _forvaltning(text, printed, FORVALTNING[slag])
    used = {b.tabell.key for b in first if isinstance(b, Tabell)}
    named = {key for _, keys in KAPITEL[slag] for key in keys}
    # A table no chapter names (and the text does not place) still gets printed.
    first += [_tabell(printed[key], 2) for key in rapport.keys if key not in named | used]
    chapters.append(Kapitel(1, FORVALTNINGSBERATTELSE, tuple(first)))
    for name, keys in KAPITEL[slag]:
        blocks: list[Block] = []
        if name == NOTER:
            not1 = texter.not1 if texter is not None else None
            if not1 is None and slag == "årsredovisning":
                not1 = (Stycke((Span(NOT1_STANDARD),)),)
            if not1 is not None:
                blocks += [Rubrik(2, NOT1), *not1]
        for key in keys:
            if key in printed:
                table = printed[key]
                level = None if table.title.casefold() == name.casefold() else 2
                blocks.append(_tabell(table, level))
        if blocks:
            chapters.append(Kapitel(len(chapters) + 1, name, tuple(blocks)))
    signatures = texter.underskrift if texter is not None else None
    if signatures is not None or slag == "årsredovisning":
        page = list(signatures or ())
        if not any(isinstance(b, Underskrifter) for b in page):
            page.append(Underskrifter(standardroller(books, rapport)))
        chapters.append(Kapitel(len(chapters) + 1, UNDERSKRIFT, tuple(page)))
    title = Titelsida(
        rapport.title or forbund or "",
        rapportnamn(rapport),
        texter.diarienummer if texter is not None else "",
        texter.antagen if texter is not None else "",
        texter.titelsida if texter is not None else (),
    )
    return Dokument(slag, rapport.period.start.year, title, tuple(chapters))

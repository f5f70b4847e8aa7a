"""The förbund's own text of the document: Markdown files in a folder beside the ledger.

The convention
--------------

The text of a report lives in a folder next to the ledger's main file, named
for the report:

* ``arsredovisning-2021/`` for the årsredovisning 2021;
* ``delarsrapport-2021/`` for the delårsrapport of 2021 (whatever day from
  30 June to 31 August it runs to).

``finsam export --text DIR`` names another folder. The folder holds one
Markdown file per section, each optional (:data:`SEKTIONER`):

``titelsida.md``
    The title page. A line ``Diarienummer: SFSV 2022/12`` and a line
    ``Antagen: 2022-03-23`` (the day the board adopted the report) are
    printed under the title; any other text follows them.
``forvaltningsberattelse.md``
    Chapter 1 Förvaltningsberättelse. Its ``#`` headings are the chapter's
    sections (``##`` below them). A line that is only
    ``{{ tabell: oversikt }}`` puts the report's table there (any table key
    of the report: ``oversikt``, ``balanskrav``, ``deltagare``,
    ``deltagare_utfall``, ``samhallsekonomi``, ``eget_kapital`` …). A text that
    places no table gets the default tables after it
    (:data:`~finsam_ledger.dokument.modell.FORVALTNING`).
``not1.md``
    Not 1 Redovisningsprinciper (the heading is printed; write the text).
``underskrift.md``
    Styrelsens underskrift: its text (place and date, a sentence), then a
    bullet list with one item per signature line: the role, and after a
    colon the name if the förbund wants it printed (``- Ordförande`` or
    ``- Ordförande: Förnamn Efternamn``). Without a list the default lines
    follow the text (:func:`~finsam_ledger.dokument.modell.standardroller`).

Any other ``.md`` file in the folder is an error (a misspelt name would
otherwise be left out of the document unnoticed).

The Markdown is CommonMark, of which the document keeps what a Word
document needs: headings, paragraphs, line breaks, bullet and numbered
lists, **bold** and *italic*; a link prints its text, code prints as
text, HTML prints as written.

Placeholders: ``{{ arets_resultat }}`` anywhere in a line prints that figure
from the books (:mod:`~finsam_ledger.dokument.platshallare`). An unknown
placeholder, one without a value in this report, a table the report does not
have, and a ``{{`` without its ``}}`` are errors at the file and line
(:class:`TextFel`); the files are UTF-8.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from finsam_ledger.dokument.modell import (
    Block,
    Lista,
    Punkt,
    Rubrik,
    Span,
    Stycke,
    TabellPlats,
    Underskrift,
    Underskrifter,
    ren_text,
)
from finsam_ledger.dokument.platshallare import PLATSHALLARE, SaknarVarde, Underlag
from finsam_ledger.statements.rapport import Rapport

SEKTIONER: dict[str, str] = {
    "titelsida": "the title page: Diarienummer: and Antagen: lines, then any text",
    "forvaltningsberattelse": "1 Förvaltningsberättelse, with {{ tabell: KEY }} lines",
    "not1": "Not 1 Redovisningsprinciper",
    "underskrift": "Styrelsens underskrift: text, then a list of roles (- Roll: Namn)",
}
"""The section files (``NAME.md``) and what each holds."""

_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
_TABLE_LINE = re.compile(r"^ {0,3}\{\{\s*tabell\s*:\s*(.*?)\s*\}\}\s*$")
_NAME = re.compile(r"[a-z_][a-z0-9_]*")
_TITLE_KEY = re.compile(r"^\s*(diarienummer|antagen)\s*:\s*(.*?)\s*$", re.IGNORECASE)
# Marks a table's place in the Markdown (private-use characters no text has).
_MARK = "\ue000"
# ASCII punctuation CommonMark lets a backslash escape: a value prints as written.
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


class TextFel(Exception):
    """The text has errors: each ``file:line: message``."""

    def __init__(self, fel: Sequence[str]) -> None:
        super().__init__("\n".join(fel))
        self.fel = tuple(fel)


@dataclass(frozen=True)
class Texter:
    """The förbund's text for one report; a section the folder lacks is ``None``."""

    mapp: Path
    forvaltningsberattelse: tuple[Block, ...] = ()
    not1: tuple[Block, ...] | None = None
    underskrift: tuple[Block, ...] | None = None
    diarienummer: str = ""
    antagen: str = ""
    titelsida: tuple[Block, ...] = ()
    saknas: tuple[str, ...] = ()
    """The section files the folder does not have (or every file, without the folder)."""


def standardmapp(ledger: Path, rapport: Rapport) -> Path:
    """The text's folder beside the ledger's main file: ``arsredovisning-2021``."""
    year = rapport.period.start.year
    name = f"arsredovisning-{year}" if rapport.slag == "årsredovisning" else f"delarsrapport-{year}"
    return ledger.parent / name


def las(mapp: Path, underlag: Underlag) -> Texter:
    """Read the folder's sections; :class:`TextFel` with every error found.

    A folder that does not exist gives no text (every section missing).
    """
    if not mapp.is_dir():
        return Texter(mapp, saknas=tuple(f"{name}.md" for name in SEKTIONER))
    errors: list[str] = []
    for path in sorted(mapp.glob("*.md")):
        if path.stem not in SEKTIONER:
            known = ", ".join(f"{name}.md" for name in SEKTIONER)
            errors.append(f"{path}: not a section of the document; the sections are {known}")
    tables = underlag.rapport.keys
    parsed: dict[str, tuple[Block, ...]] = {}
    extra: dict[str, str] = {}
    saknas: list[str] = []
    for name in SEKTIONER:
        path = mapp / f"{name}.md"
        if not path.is_file():
            saknas.append(path.name)
            continue
        try:
            source = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[: exc.start].count(b"\n") + 1
            errors.append(f"{path}:{line}: not UTF-8 text; save the file as UTF-8")
            continue
        except OSError as exc:
            errors.append(f"{path}: {exc.strerror or exc}")
            continue
        control = _KONTROLLTECKEN.search(source)
        if control is not None:
            line = source.count("\n", 0, control.start()) + 1
            errors.append(
                f"{path}:{line}: a control character (U+{ord(control.group()):04X}) is no text "
                "of a document; remove it"
            )
            continue
        lines, found = _ersatt(
            path, source, underlag, tables if name == "forvaltningsberattelse" else ()
        )
        errors += found
        if name == "titelsida":
            lines = _titelrader(lines, extra)
        parsed[name] = markdown("\n".join(lines))
    if errors:
        raise TextFel(errors)
    underskrift = parsed.get("underskrift")
    return Texter(
        mapp,
        forvaltningsberattelse=parsed.get("forvaltningsberattelse", ()),
        not1=parsed.get("not1"),
        underskrift=None if underskrift is None else _underskrifter(underskrift),
        diarienummer=extra.get("diarienummer", ""),
        antagen=extra.get("antagen", ""),
        titelsida=parsed.get("titelsida", ()),
        saknas=tuple(saknas),
    )


# Control characters Word and XML do not take (tab, line feed, carriage return are text).
_KONTROLLTECKEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _escaped(value: str) -> str:
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", value)


def _ersatt(
    path: Path, source: str, underlag: Underlag, tables: Collection[str]
) -> tuple[list[str], list[str]]:
    """The lines with every placeholder replaced by its value; the errors, ``file:line: …``."""
    lines: list[str] = []
    errors: list[str] = []
    for number, line in enumerate(source.splitlines(), 1):
        where = f"{path}:{number}"
        table = _TABLE_LINE.match(line)
        if table is not None:
            key = table.group(1)
            if not tables:
                errors.append(f"{where}: a table goes in forvaltningsberattelse.md only")
            elif key not in tables:
                errors.append(
                    f"{where}: {{{{ tabell: {key} }}}}: the {underlag.rapport.slag} has no "
                    f"table {key!r}; its tables are {', '.join(tables)}"
                )
            lines += ["", f"{_MARK}{key}{_MARK}", ""]
            continue
        replaced: list[str] = []
        last = 0
        for match in _PLACEHOLDER.finditer(line):
            replaced.append(line[last : match.start()])
            last = match.end()
            name = match.group(1).strip()
            value, error = _value(name, underlag)
            if error:
                errors.append(f"{where}: {{{{ {name} }}}}: {error}")
            replaced.append(_escaped(value))
        rest = line[last:]
        if "{{" in rest or "}}" in rest:
            errors.append(f"{where}: '{{{{' without '}}}}' (a placeholder is {{{{ name }}}})")
        replaced.append(rest)
        lines.append("".join(replaced))
    return lines, errors


def _value(name: str, underlag: Underlag) -> tuple[str, str]:
    """The placeholder's value, or an error message."""
    if name.startswith("tabell"):
        return "", "a table ({{ tabell: KEY }}) goes on a line of its own"
    placeholder = PLATSHALLARE.get(name) if _NAME.fullmatch(name) else None
    if placeholder is None:
        close = difflib.get_close_matches(name, PLATSHALLARE, n=1)
        hint = f"; did you mean {{{{ {close[0]} }}}}?" if close else ""
        return (
            "",
            f"unknown placeholder{hint} (the list: finsam_ledger.dokument.platshallare)",
        )
    try:
        return placeholder.las(underlag), ""
    except SaknarVarde as exc:
        return "", f"no value in this report: {exc}"


def _titelrader(lines: Iterable[str], found: dict[str, str]) -> list[str]:
    """The title page's lines without its Diarienummer and Antagen lines (kept in ``found``)."""
    rest = []
    for line in lines:
        match = _TITLE_KEY.match(line)
        if match is not None and match.group(1).lower() not in found:
            found[match.group(1).lower()] = _unescaped(match.group(2))
        else:
            rest.append(line)
    return rest


def _unescaped(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


# --- Markdown ----------------------------------------------------------------------------

_PARSER = MarkdownIt("commonmark", {"html": False})


def markdown(source: str) -> tuple[Block, ...]:
    """Markdown as the document's blocks (see the module's docstring for what is kept)."""
    tokens = _PARSER.parse(source)
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            level = min(int(token.tag[1:]) + 1, 4)
            blocks.append(Rubrik(level, ren_text(_spans(tokens[i + 1]))))
            i += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            end = _closing(tokens, i)
            blocks.append(
                Lista(tuple(_items(tokens[i + 1 : end])), token.type == "ordered_list_open")
            )
            i = end + 1
        elif token.type == "inline":
            spans = _spans(token)
            text = ren_text(spans)
            if text.startswith(_MARK) and text.endswith(_MARK) and len(text) > 2:
                blocks.append(TabellPlats(text.strip(_MARK)))
            elif text.strip():
                blocks.append(Stycke(spans))
            i += 1
        elif token.type in ("fence", "code_block"):
            blocks.append(Stycke((Span(token.content.rstrip("\n")),)))
            i += 1
        else:
            i += 1  # paragraph and blockquote tags, rules: their text is in the inline tokens
    return tuple(blocks)


def _closing(tokens: Sequence[Token], start: int) -> int:
    """The index of the token that closes the one at ``start``."""
    depth = 0
    for i in range(start, len(tokens)):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return len(tokens) - 1


def _items(tokens: Sequence[Token]) -> list[Punkt]:
    """A list's items, nested lists' items after their parent's with a deeper level."""
    items: list[Punkt] = []
    level = -1
    current: list[Span] = []
    for token in tokens:
        if token.type == "list_item_open":
            if current:
                items.append(Punkt(tuple(current), max(level, 0)))
                current = []
            level += 1
        elif token.type == "list_item_close":
            if current:
                items.append(Punkt(tuple(current), max(level, 0)))
                current = []
            level -= 1
        elif token.type == "inline":
            if current:
                current.append(Span("\n"))
            current += _spans(token)
        elif token.type in ("fence", "code_block"):
            current.append(Span(token.content.rstrip("\n")))
    return items


def _spans(token: Token) -> tuple[Span, ...]:
    """An inline token's text as runs of bold and italic."""
    spans: list[Span] = []
    bold = italic = 0
    for child in token.children or ():
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
            continue
        if kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
            continue
        if kind == "softbreak":
            text = " "
        elif kind == "hardbreak":
            text = "\n"
        elif kind in ("text", "code_inline", "html_inline", "image"):
            text = child.content
        else:
            continue  # link_open, link_close: a link prints its text
        if text:
            spans.append(_merge(spans, Span(text, bold > 0, italic > 0)))
    return tuple(spans)


def _merge(spans: list[Span], span: Span) -> Span:
    """``span``, joined with the last of ``spans`` (removed) when they look alike."""
    if spans and (spans[-1].fet, spans[-1].kursiv) == (span.fet, span.kursiv):
        last = spans.pop()
        return Span(last.text + span.text, span.fet, span.kursiv)
    return span


def _underskrifter(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """The signature page: its lists are the signature lines (``Roll: Namn``)."""
    result: list[Block] = []
    for block in blocks:
        if isinstance(block, Lista):
            rows = []
            for item in block.punkter:
                role, _, name = ren_text(item.spans).partition(":")
                rows.append(Underskrift(role.strip(), name.strip()))
            result.append(Underskrifter(tuple(rows)))
        else:
            result.append(block)
    return tuple(result)

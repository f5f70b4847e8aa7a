"""``finsam export LEDGER --year YYYY --format docx|pdf -o FILE [--mall REF.docx] [--text DIR]``.

The report (``--year``, or ``--period`` for a delårsrapport) and the
förbund's text (:mod:`~finsam_ledger.dokument.texter`: the folder beside
the ledger, or ``--text DIR``) as one document
(:func:`~finsam_ledger.dokument.modell.dokument`), written as Word
(:mod:`finsam_ledger.exports.docx`; ``--mall`` a reference .docx for its
styles) or as PDF (:mod:`finsam_ledger.exports.dokument_html` printed by
headless Chromium, :func:`finsam_ledger.exports.pdf.html_till_pdf`).

Nothing is written when:

* the text has errors (an unknown placeholder, one without a value in the
  report, a table the report does not have, an unknown section file, a file
  that is not UTF-8): each printed as ``file:line: message``, exit 1;
* ``--text`` names no folder, ``--mall`` no readable .docx, or either is given
  with another format: exit 2;
* a PDF is asked for and no Chromium runs: exit 2,
  ``finsam: error: PDF needs Chromium (chromium) installed; …``.

A section file the folder lacks is a note on stderr (the document is made
without it), and so is a missing folder.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from finsam_ledger.model.books import Books
from finsam_ledger.statements.rapport import Rapport

FORMAT = ("docx", "pdf")
"""The formats of ``finsam export`` that write the whole document."""


def _misuse(message: str) -> Exception:
    from finsam_ledger.cli import Misuse

    return Misuse(message)


def kontrollera(args: argparse.Namespace) -> None:
    """Refuse ``--mall`` and ``--text`` that cannot be used, before the ledger is loaded."""
    mall = getattr(args, "mall", None)
    text = getattr(args, "text", None)
    if args.format not in FORMAT:
        if mall is not None:
            raise _misuse("--mall goes with --format docx")
        if text is not None:
            raise _misuse("--text goes with --format docx or pdf")
        return
    if mall is not None:
        if args.format != "docx":
            raise _misuse("--mall goes with --format docx")
        path = Path(mall)
        if not path.is_file():
            raise _misuse(f"--mall {mall}: no such file")
        from docx import Document
        from docx.opc.exceptions import PackageNotFoundError

        try:
            Document(str(path))
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
            raise _misuse(f"--mall {mall}: not a Word document (.docx)") from None
    if text is not None and not Path(text).is_dir():
        raise _misuse(f"--text {text}: no such folder")


def skriv(args: argparse.Namespace, title: str, rapport: Rapport, books: Books) -> bytes:
    """The document's bytes in ``args.format``; raises the CLI's errors (nothing written)."""
    from finsam_ledger.cli import LedgerErrors
    from finsam_ledger.dokument import modell, platshallare, texter

    folder = Path(args.text) if args.text is not None else None
    if folder is None:
        folder = texter.standardmapp(Path(args.ledger), rapport)
    try:
        text = texter.las(folder, platshallare.Underlag(rapport, books))
    except texter.TextFel as exc:
        for line in exc.fel:
            print(line, file=sys.stderr)
        count = len(exc.fel)
        print(
            f"finsam: {count} error{'s' if count > 1 else ''} in the text ({folder}); "
            "nothing written",
            file=sys.stderr,
        )
        raise LedgerErrors from None
    if not folder.is_dir():
        print(
            f"finsam: note: no text folder {folder}: the document has the tables only "
            "(write forvaltningsberattelse.md, not1.md, underskrift.md there)",
            file=sys.stderr,
        )
    else:
        # The sections whose absence changes the document (the others are optional).
        wanted = ["forvaltningsberattelse.md"]
        if rapport.slag == "årsredovisning":
            wanted += ["not1.md", "underskrift.md"]
        missing = [name for name in wanted if name in text.saknas]
        if missing:
            print(
                f"finsam: note: {folder} has no {', '.join(missing)}: "
                "the document has the default in its place",
                file=sys.stderr,
            )
    document = modell.dokument(rapport, books, text, tkr=bool(args.tkr), forbund=title)
    if args.format == "docx":
        from finsam_ledger.exports import docx as docx_export

        mall = Path(args.mall).read_bytes() if args.mall is not None else None
        return docx_export.render(document, mall)
    from finsam_ledger.exports import dokument_html
    from finsam_ledger.exports.pdf import IngenChromium, html_till_pdf

    try:
        return html_till_pdf(dokument_html.render(document), sidhuvud=document.sidhuvud)
    except IngenChromium as exc:
        # The reason says what failed: no Chromium, or Chromium that failed or timed out.
        raise _misuse(f"no PDF: {exc}; nothing written (or use --format docx)") from None

"""``finsam revision LEDGER --year YYYY -o DIR``: the auditor's package of a year, in one folder.

The folder gets, for the year (which the books must reach to 31 December):

* ``<ledger>-YYYY.se``: the SIE 4E file of the year (``finsam sie export``);
* ``saldobalans-YYYY``, ``huvudbok-YYYY`` and ``verifikationslista-YYYY``
  (:mod:`finsam_ledger.revision.listor`), each as ``.xlsx`` and as printable
  ``.html``;
* ``arsredovisning-YYYY``: the årsredovisning's tables as ``finsam export``
  writes them, ``.xlsx`` and ``.html``;
* ``innehall.txt``: what the folder holds (the manifest: a later run into
  the same folder replaces exactly these files).

Everything is made before anything is written; the folder is written as
:func:`finsam_ledger.safe_files.write_folder` does (a new or empty folder,
or one an earlier ``finsam revision`` wrote; each file atomic, under the
folder's lock). The figures are the same to the öre in every file: all
come from the same books.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from finsam_ledger.model.books import Books
    from finsam_ledger.statements.rapport import Rapport

MANIFEST = "innehall.txt"


def add_parser(commands: Any) -> None:
    """Register ``finsam revision``."""
    from finsam_ledger.cli import EXIT_CODES

    command = commands.add_parser(
        "revision",
        help="the auditor's package of a year, in one folder",
        description="The auditor's package of a year: the SIE 4E file, saldobalans, "
        "huvudbok, verifikationslista and the årsredovisning's tables (XLSX and HTML).",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument("ledger", help="the ledger's main .beancount file")
    command.add_argument("--year", type=int, required=True, help="räkenskapsår, e.g. 2021")
    command.add_argument(
        "-o",
        "--output",
        required=True,
        help="the folder to write: new or empty, or one an earlier finsam revision wrote",
    )


def run(args: argparse.Namespace) -> int:
    """Make the package and write the folder."""
    import sys

    from finsam_ledger import safe_files
    from finsam_ledger.cli import EXIT_OK, LedgerErrors, Misuse, load_books, print_ledger_errors
    from finsam_ledger.exports import sie as sie_export
    from finsam_ledger.model.period import Period
    from finsam_ledger.statements.rapport import IngenRapport, rapport

    path = Path(args.ledger)
    if not 1900 < args.year < 2200:
        raise Misuse(f"not a year: {args.year}")
    books = load_books(path, "nothing written")
    try:
        safe_files.refuse_ledger_file(args.output, [str(path), *books.files()])
        report = rapport(books, Period.year(args.year))
    except IngenRapport as exc:
        if exc.orsak == "summarad":  # bad data at a line of the ledger: exit 1
            print(f"{exc.reason}\nfinsam: 1 error in {path.name}; nothing written", file=sys.stderr)
            raise LedgerErrors from None
        raise Misuse(f"{path}: {exc.reason}") from None
    except safe_files.Refused as exc:
        raise Misuse(f"-o {exc}") from None
    try:
        files = paket(books, report, path.stem)
    except sie_export.ExportErrors as exc:
        print_ledger_errors(exc.errors, path, "nothing written")
    try:
        safe_files.write_folder(
            args.output,
            files,
            manifest=MANIFEST,
            head=f"Revisionsunderlag: {report.title or path.name}, {report.rubrik}",
            notes=_beskrivning(args.year, path.stem),
            what="finsam revision",
        )
    except safe_files.Refused as exc:
        raise Misuse(f"-o {exc}") from None
    except OSError as exc:
        raise Misuse(f"-o {args.output}: {exc.strerror or exc}") from None
    print(f"{args.output}: {len(files)} filer ({MANIFEST} listar dem)")
    return EXIT_OK


def _beskrivning(year: int, stem: str) -> dict[str, str]:
    """The manifest's note for each file."""
    texts = {
        f"{stem}-{year}.se": "SIE 4E, räkenskapsåret och föregående år",
        f"saldobalans-{year}": "saldobalans: ingående balans, debet, kredit, utgående balans",
        f"huvudbok-{year}": "huvudbok: varje kontos transaktioner med löpande saldo",
        f"verifikationslista-{year}": "verifikationslista: varje verifikation med konteringar",
        f"arsredovisning-{year}": "årsredovisningens tabeller",
    }
    out: dict[str, str] = {}
    for name, text in texts.items():
        if name.endswith(".se"):
            out[name] = text
        else:
            out[f"{name}.xlsx"] = f"{text} (Excel)"
            out[f"{name}.html"] = f"{text} (utskrivbar)"
    return out


def paket(books: Books, report: Rapport, stem: str) -> dict[str, bytes]:
    """Every file of the package, by name; nothing is written here."""
    from finsam_ledger.exports import html as html_export
    from finsam_ledger.exports import listor as listor_export
    from finsam_ledger.exports import xlsx as xlsx_export
    from finsam_ledger.revision.listor import listor

    year = report.period.start.year
    title = report.title or stem
    files: dict[str, bytes] = {f"{stem}-{year}.se": _sie(books, year)}
    for lista in listor(books, year):
        files[f"{lista.key}-{year}.xlsx"] = listor_export.xlsx(lista, title)
        files[f"{lista.key}-{year}.html"] = listor_export.html(lista, title).encode("utf-8")
    files[f"arsredovisning-{year}.xlsx"] = xlsx_export.render(
        report.tables, title=title, subtitle=report.rubrik
    )
    files[f"arsredovisning-{year}.html"] = html_export.render(
        report.tables, title, report.rubrik
    ).encode("utf-8")
    return files


def _sie(books: Books, year: int) -> bytes:
    """The SIE 4E file of the year, as ``finsam sie export`` writes it."""
    from finsam_ledger.exports import sie as sie_export

    content, _notes = sie_export.render(books, year)
    return content

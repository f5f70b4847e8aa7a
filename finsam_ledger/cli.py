"""The ``finsam`` command.

``finsam report LEDGER --year YYYY [--format text|json] [-o FILE]``
prints the årsredovisning's tables for the year: resultaträkning,
balansräkning, kassaflödesanalys, driftsredovisning, Not 2–6,
balanskravsutredning and the multi-year overview.

``finsam report LEDGER --period 2021-01-01..2021-06-30 [--periodisera]``
prints a delårsrapport with helårsprognos (the period runs from 1 January
to a day from 30 June to 31 August); ``--periodisera`` shows the
medlemsbidrag periodised pro rata.

``finsam report LEDGER --period ... --jamforelse helar|period|ingen`` chooses
the delårsrapport's comparison column (default: the ledger's setting).

``finsam export LEDGER --year YYYY --format xlsx|html|md|csv -o PATH [--tkr]``
writes the same tables in the Kommunal redovisning layout (csv: a folder
with one file per table and ``rapport.txt``, which lists them).
``--format docx|pdf [--mall REF.docx] [--text DIR]`` writes the whole
document, tables and the förbund's text (:mod:`finsam_ledger.dokument`).

The other commands live in their own modules (:data:`SUBCOMMANDS`), loaded
only when named: ``finsam import`` (bank files), ``finsam sie export|import``
(SIE 4), ``finsam verifikationer numrera`` (voucher numbers) and
``finsam revision`` (the auditor's package).

Every file is written through :mod:`finsam_ledger.safe_files`: atomically,
under the folder's lock, never over a file of the ledger, a read-only file
or a folder that holds anything but an earlier export.

Exit codes (:data:`EXIT_CODES`): 0 done; 1 the ledger has errors (printed
with file and line, no report); 2 misuse or refused (no such file, bad
arguments, a period without transactions, a year the books do not reach to
31 December, an output that would replace a file it may not, or that cannot
be written), with a one-line message
``finsam: error: ...``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from finsam_ledger import __version__, safe_files
from finsam_ledger.model.period import ONE_DAY, Period
from finsam_ledger.safe_files import Refused

if TYPE_CHECKING:
    from finsam_ledger.model.books import Books
    from finsam_ledger.model.table import Table
    from finsam_ledger.statements.rapport import Rapport

# Beancount, the statements, the exporters (openpyxl) and the importers (beangulp) are
# imported where they are used, so that ``finsam --help`` and a refused call answer at once.

EXIT_OK = 0
EXIT_LEDGER_ERRORS = 1
EXIT_USAGE = 2
EXIT_CODES = f"""\
exit codes:
  {EXIT_OK}  done
  {EXIT_LEDGER_ERRORS}  the ledger (for import: a bank file) has errors, printed with file and
     line; nothing written
  {EXIT_USAGE}  misuse or refused, with one line "finsam: error: ...": no such file, bad
     arguments, a period without transactions, a year not booked to 31 December,
     an output that is a file of the ledger, a read-only file or a folder finsam
     did not write, an output that cannot be written (a missing folder, a full
     disk)
"""
EPILOG = (
    EXIT_CODES
    + """
The ledger's conventions: docs/ledger-format.md; bank files: docs/importers.md.
"""
)
LEDGER_SUFFIXES = (".beancount", ".bean")


class Misuse(Exception):
    """Wrong use of the command: a one-line message and exit code 2."""


class LedgerErrors(Exception):
    """The ledger cannot be reported on; the errors are printed already."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise Misuse(message)


def _common(command: argparse.ArgumentParser) -> None:
    command.add_argument("ledger", help="the ledger's main .beancount file")
    when = command.add_mutually_exclusive_group(required=True)
    when.add_argument("--year", type=int, help="räkenskapsår, e.g. 2021")
    when.add_argument("--period", help="delårsrapport: START..END, e.g. 2021-01-01..2021-06-30")
    command.add_argument(
        "--periodisera", action="store_true", help="with --period: medlemsbidrag pro rata"
    )
    command.add_argument(
        "--jamforelse",
        choices=("helar", "period", "ingen"),
        help="with --period: compare with the previous full year (helar), the same "
        "period of the previous year (period) or nothing (ingen); default the ledger's "
        "setting, else helar",
    )
    command.add_argument("--tkr", action="store_true", help="amounts in thousands of kronor")


IMPORT_HELP = "bank files into the ledger"

# Commands of their own modules, imported only when named: name -> (module, help).
# Each module has ``add_parser(commands)`` and ``run(args) -> int``; its misuse is
# ``finsam_ledger.cli.Misuse``, its ledger errors ``finsam_ledger.cli.LedgerErrors``.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "import": ("finsam_ledger.importers.cli", IMPORT_HELP),
    "sie": ("finsam_ledger.sie.cli", "SIE 4 files: export the books, import a file as a ledger"),
    "verifikationer": (
        "finsam_ledger.verifikationer.cli",
        "voucher numbers: give unnumbered transactions the next numbers",
    ),
    "revision": ("finsam_ledger.revision.cli", "the auditor's package of a year, in one folder"),
    "budgetplan": (
        "finsam_ledger.medlemmar.budgetplan",
        "the budget plan: the year and the plan years, with eget kapital projected",
    ),
    "jamfor": ("finsam_ledger.medlemmar.jamfor", "several förbund side by side for a year"),
}


def _parser(importers: bool | str = True) -> argparse.ArgumentParser:
    """The command's parser; only the module of the command named (``importers``) is loaded.

    ``True`` loads every command's module, ``False`` none; a command's name loads
    that one: the others are listed with their help only.
    """
    parser = _Parser(
        prog="finsam",
        description="Reports for a samordningsförbund's books.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"finsam {__version__}", help="print the version"
    )
    commands = parser.add_subparsers(
        dest="command",
        required=True,
        parser_class=_Parser,
        metavar="{" + ",".join(("report", "export", *SUBCOMMANDS)) + "}",
        help="what to do; finsam COMMAND --help tells more",
    )
    raw = argparse.RawDescriptionHelpFormatter
    report = commands.add_parser(
        "report", help="the report's tables as text or JSON", epilog=EXIT_CODES, formatter_class=raw
    )
    _common(report)
    report.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or JSON"
    )
    report.add_argument(
        "-o", "--output", help="write to this file instead of stdout (not a .beancount file)"
    )
    export = commands.add_parser(
        "export",
        help="the report's tables as XLSX, HTML, Markdown, CSV",
        epilog=EXIT_CODES,
        formatter_class=raw,
    )
    _common(export)
    export.add_argument(
        "--format",
        choices=("xlsx", "html", "md", "csv", "docx", "pdf"),
        required=True,
        help="the file format; docx and pdf: the whole document with the förbund's text",
    )
    export.add_argument(
        "--mall", help="docx: a reference .docx whose styles, page size and margins are used"
    )
    export.add_argument(
        "--text",
        help="docx, pdf: the folder of the förbund's text (default: arsredovisning-YYYY "
        "or delarsrapport-YYYY beside the ledger)",
    )
    export.add_argument(
        "-o",
        "--output",
        required=True,
        help="the file to write; csv: a new or empty folder, or one an earlier csv export wrote",
    )
    for name, (module, help_text) in SUBCOMMANDS.items():
        if importers is True or importers == name:
            importlib.import_module(module).add_parser(commands)
        else:
            commands.add_parser(name, help=help_text)
    return parser


def _command(arguments: Sequence[str]) -> str | None:
    """The command named: the first argument that is not an option."""
    return next((a for a in arguments if not a.startswith("-")), None)


def _period(text: str) -> Period:
    """The period of ``--period START..END`` (which report it gets is the library's choice)."""
    try:
        start_text, end_text = text.split("..")
        start, last = date.fromisoformat(start_text), date.fromisoformat(end_text)
    except ValueError:
        example = "2021-01-01..2021-06-30"
        raise Misuse(f"--period {text!r}: expected START..END, e.g. {example}") from None
    if not 1900 < start.year < 2200:
        raise Misuse(f"--period {text}: not a year: {start.year}")
    if last < start:
        raise Misuse(f"--period {text}: ends before it starts")
    return Period(start, last + ONE_DAY)


def _shown(path: str) -> str:
    """A path for a one-line message."""
    return path if path and path.isprintable() and path.strip() == path else repr(path)


# An existing file is replaced only by a report of its own kind: -o never
# replaces a bank file, a config, a script or a document of another kind.
OUTPUT_SUFFIXES: dict[str, tuple[str, ...]] = {
    "text": (".txt",),
    "json": (".json",),
    "md": (".md", ".markdown"),
    "html": (".html", ".htm"),
    "xlsx": (".xlsx",),
    "sie": (".se", ".si", ".sie"),
    "docx": (".docx",),
    "pdf": (".pdf",),
}


def check_output(args: argparse.Namespace) -> None:
    """Refuse an output that cannot or may not be written, before loading the ledger."""
    if args.output is None:
        return
    out = _shown(args.output)
    folder = args.format == "csv"
    kind = "a folder" if folder else "a file"
    if not args.output.strip():
        raise Misuse(f"-o {out}: not {kind} in an existing folder")
    given = Path(args.output)
    if not folder and given.exists() and not (given.is_file() or given.is_dir()):
        return  # a device or pipe such as /dev/stdout: written to, never replaced
    try:
        target = safe_files.real_path(args.output)
    except Refused as exc:
        raise Misuse(f"-o {exc}") from None
    if folder and target.exists() and not target.is_dir():
        raise Misuse(f"-o {out}: not a folder")
    if not folder and target.is_dir():
        raise Misuse(f"-o {out}: is a folder, not a file")
    if not target.parent.is_dir():
        raise Misuse(f"-o {out}: not {kind} in an existing folder (no folder {target.parent})")
    try:
        safe_files.refuse_ledger_file(args.output, [args.ledger])
    except Refused as exc:
        raise Misuse(f"-o {exc}") from None
    for name in (args.output, str(target)):
        if name.lower().endswith(LEDGER_SUFFIXES):
            raise Misuse(
                f"-o {out}: a name ending in .beancount or .bean is for ledger files; "
                "nothing written, choose another name"
            )
    suffixes = OUTPUT_SUFFIXES.get(args.format, ())
    if (
        not folder
        and target.is_file()
        and target.stat().st_size
        and target.suffix.lower() not in suffixes
    ):
        raise Misuse(
            f"-o {out}: the file exists and is not a {args.format} file "
            f"({' or '.join(suffixes)}); nothing written, choose another name"
        )
    try:
        if folder:
            from finsam_ledger.exports.csv import INDEX

            safe_files.refuse_foreign_folder(args.output, INDEX, "CSV export")
        else:
            safe_files.refuse_read_only(given)  # follows a link, names the path given
    except Refused as exc:
        raise Misuse(f"-o {exc}") from None
    if not folder and target.is_file() and not _looks_like(target, args.format):
        raise Misuse(
            f"-o {out}: the file exists but does not hold a {args.format} file that finsam "
            "writes (its content is of another kind); nothing written, choose another name"
        )


# How a file of each binary or structured kind begins: an existing file is replaced only by
# a file of its own kind, not just of its own name (a text file named notes.se stays).
MAGIC: dict[str, tuple[bytes, ...]] = {
    "xlsx": (b"PK",),
    "docx": (b"PK",),
    "pdf": (b"%PDF",),
    "sie": (b"#",),
}


def _looks_like(path: Path, kind: str) -> bool:
    """Whether an existing file holds what a file of the kind begins with (empty: yes)."""
    starts = MAGIC.get(kind)
    if starts is None:
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return True  # cannot be read: the write will say why
    return not head or head.startswith(starts)


def print_ledger_errors(errors: Sequence[Any], path: Path, consequence: str) -> NoReturn:
    """Print the errors at their lines and a summary ("…; ``consequence``"); exit 1."""
    from beancount.parser import printer

    from finsam_ledger.model import errors as errors_module

    printer.print_errors(errors, file=sys.stderr)
    print(f"finsam: {errors_module.summary(errors, path)}; {consequence}", file=sys.stderr)
    raise LedgerErrors


def load_books(path: Path, consequence: str = "no report") -> Books:
    """The books of a ledger file, or its errors printed and exit 1 (:func:`print_ledger_errors`).

    Misuse (exit 2) if the file does not exist.
    """
    from finsam_ledger.model.books import load

    if not path.is_file():
        raise Misuse(f"no such ledger file: {path}")
    books, errors = load(path)
    if books is None:
        print_ledger_errors(errors, path, consequence)
    return books


def _rapport(args: argparse.Namespace) -> tuple[str, Rapport]:
    """Load the ledger and make the report: the title to print, the report."""
    title, report, _ = _rapport_och_bocker(args)
    return title, report


def _rapport_och_bocker(args: argparse.Namespace) -> tuple[str, Rapport, Books]:
    """Load the ledger and make the report: the title to print, the report, the books."""
    path = Path(args.ledger)
    if not path.is_file():
        raise Misuse(f"no such ledger file: {path}")
    if args.year is not None and not 1900 < args.year < 2200:
        raise Misuse(f"not a year: {args.year}")
    if args.periodisera and args.period is None:
        raise Misuse("--periodisera goes with --period")
    if args.jamforelse is not None and args.period is None:
        raise Misuse("--jamforelse goes with --period")
    check_output(args)
    period = Period.year(args.year) if args.year is not None else _period(args.period)

    from finsam_ledger.statements.rapport import IngenRapport, rapport, slag
    from finsam_ledger.statements.rubriker import otryckta

    try:
        slag(period, periodisera=args.periodisera)  # refused before the ledger is loaded
    except IngenRapport as exc:
        raise Misuse(exc.reason) from None
    books = load_books(path)
    if unprinted := otryckta(books):  # a rubrik line no report prints
        print_ledger_errors(unprinted, path, "no report")
    if args.output is not None:
        try:
            safe_files.refuse_ledger_file(args.output, [str(path), *books.files()])
        except Refused as exc:
            raise Misuse(f"-o {exc}") from None
    try:
        report = rapport(books, period, periodisera=args.periodisera, jamforelse=args.jamforelse)
    except IngenRapport as exc:
        if exc.orsak == "summarad":  # bad data at a line of the ledger: exit 1, as for errors
            print(f"{exc.reason}\nfinsam: 1 error in {path.name}; no report", file=sys.stderr)
            raise LedgerErrors from None
        raise Misuse(f"{path}: {exc.reason}") from None
    return report.title or path.name, report, books


def write_output(args: argparse.Namespace, write: Callable[[], object]) -> None:
    try:
        write()
    except BrokenPipeError:
        raise  # the reader of a pipe went away: as for stdout
    except Refused as exc:
        raise Misuse(f"-o {exc}") from None
    except OSError as exc:
        raise Misuse(f"-o {_shown(args.output)}: {exc.strerror or exc}") from None


def _stdout(text: str) -> None:
    """Print the report; a failing stdout (a full disk) is one line of error and exit 2.

    A reader that went away (``finsam report ... | head``) ends the command
    quietly with exit 0. Either way stdout is pointed at /dev/null, so that
    Python's flush at exit prints no "Exception ignored".
    """
    if sys.stdout is None:
        raise Misuse("<stdout>: closed; use -o FILE")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        raise
    except UnicodeEncodeError as exc:
        raise Misuse(
            f"<stdout>: cannot print {exc.object[exc.start]!r} in {exc.encoding}; use -o FILE"
        ) from None
    except OSError as exc:
        _discard_stdout()
        raise Misuse(f"<stdout>: {exc.strerror or exc}") from None


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that Python's flush at exit finds nothing to complain of."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _report(args: argparse.Namespace) -> int:
    title, report = _rapport(args)
    return write_tables(args, report.tables, title, report.rubrik)


def _export(args: argparse.Namespace) -> int:
    from finsam_ledger.dokument import export as dokument_export

    dokument_export.kontrollera(args)
    if args.format in dokument_export.FORMAT:
        title, report, books = _rapport_och_bocker(args)
        content = dokument_export.skriv(args, title, report, books)
        write_output(args, lambda: safe_files.write_bytes(args.output, content))
        return EXIT_OK
    title, report = _rapport(args)
    return write_tables(args, report.tables, title, report.rubrik)


def write_tables(
    args: argparse.Namespace, tables: Sequence[Table], title: str, subtitle: str
) -> int:
    """Render tables in ``args.format`` to ``args.output`` (stdout for text and JSON without).

    Every command that prints tables (``report``, ``export``, ``budgetplan``,
    ``jamfor``) writes them here: text, JSON, XLSX, HTML, Markdown or a CSV
    folder, through :mod:`finsam_ledger.safe_files`; ``args.tkr`` if the
    command has it. The output was checked by :func:`check_output`.
    """
    tkr = bool(getattr(args, "tkr", False))
    output: str | bytes
    if args.format == "json":
        from finsam_ledger.exports import json as json_export

        output = json_export.render(tables, tkr=tkr, ledger=title, period=subtitle)
    elif args.format == "text":
        from finsam_ledger.exports import text as text_export

        output = text_export.render(tables, heading=f"{title}\n{subtitle}", tkr=tkr)
    elif args.format == "xlsx":
        from finsam_ledger.exports import xlsx as xlsx_export

        output = xlsx_export.render(tables, title=title, subtitle=subtitle, tkr=tkr)
    elif args.format == "html":
        from finsam_ledger.exports import html as html_export

        output = html_export.render(tables, title, subtitle, tkr=tkr)
    elif args.format == "md":
        from finsam_ledger.exports import markdown as markdown_export

        output = markdown_export.render(tables, title, subtitle, tkr=tkr)
    else:
        from finsam_ledger.exports import csv as csv_export

        write_output(
            args,
            lambda: csv_export.write_folder(tables, args.output, title, subtitle, tkr=tkr),
        )
        return EXIT_OK
    if args.output is None:
        if isinstance(output, bytes):
            raise Misuse(f"--format {args.format} needs -o FILE")
        _stdout(output)
    elif isinstance(output, bytes):
        content = output
        write_output(args, lambda: safe_files.write_bytes(args.output, content))
    else:
        text = output
        write_output(args, lambda: safe_files.write_text(args.output, text))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    named = _command(arguments)
    parser = _parser(importers=named if named in SUBCOMMANDS else False)
    if not arguments:
        sys.stderr.write(parser.format_help())
        return EXIT_USAGE
    try:
        args = parser.parse_args(arguments)
        if args.command in SUBCOMMANDS:
            run: Callable[[argparse.Namespace], int]
            run = importlib.import_module(SUBCOMMANDS[args.command][0]).run
            return run(args)
        return _report(args) if args.command == "report" else _export(args)
    except Misuse as exc:
        message = " ".join(str(exc).splitlines())
        print(f"finsam: error: {message}", file=sys.stderr)
        return EXIT_USAGE
    except LedgerErrors:
        return EXIT_LEDGER_ERRORS
    except BrokenPipeError:
        return EXIT_OK
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

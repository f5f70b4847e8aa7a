"""The ``finsam`` command.

``finsam report LEDGER --year YYYY [--format text|json] [-o FILE]``
prints the årsredovisning's tables for the year: resultaträkning,
balansräkning, kassaflödesanalys, driftsredovisning, Not 2–6,
balanskravsutredning and the multi-year overview.

``finsam report LEDGER --period 2021-01-01..2021-06-30 [--periodisera]``
prints a delårsrapport with helårsprognos (the period runs from 1 January
to a day from 30 June to 31 August); ``--periodisera`` shows the
medlemsbidrag periodised pro rata.

``finsam export LEDGER --year YYYY --format xlsx|html|md|csv -o PATH [--tkr]``
writes the same tables in the Kommunal redovisning layout (csv: a folder
with one file per table), atomically.

Exit codes: 0 done; 1 the ledger has errors (printed with file and line, no
report); 2 misuse (no such file, a period without transactions, bad
arguments), with a one-line message.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from beancount.parser import printer

from finsam_ledger import __version__
from finsam_ledger.books import load
from finsam_ledger.delarsrapport import delarsrapport
from finsam_ledger.exports import csv as csv_export
from finsam_ledger.exports import html as html_export
from finsam_ledger.exports import json as json_export
from finsam_ledger.exports import markdown as markdown_export
from finsam_ledger.exports import text as text_export
from finsam_ledger.exports import xlsx as xlsx_export
from finsam_ledger.exports.atomic import write_bytes, write_text
from finsam_ledger.importers import cli as import_cli
from finsam_ledger.kassaflodesanalys import KassaflodeError
from finsam_ledger.period import ONE_DAY, Period
from finsam_ledger.report import statements
from finsam_ledger.table import Table

_ROOT_NAMES_HINT = (
    'finsam: hint: Beancount reads each included file on its own; repeat the option "name_*" '
    "lines at the top of every included file (docs/ledger-format.md)"
)
EXIT_LEDGER_ERRORS = 1
EXIT_USAGE = 2


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
    command.add_argument("--tkr", action="store_true", help="amounts in thousands of kronor")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="finsam", description="Reports for a samordningsförbund's books.")
    parser.add_argument("--version", action="version", version=f"finsam {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    report = commands.add_parser("report", help="the report's tables as text or JSON")
    _common(report)
    report.add_argument("--format", choices=("text", "json"), default="text")
    report.add_argument("-o", "--output", help="write to this file instead of stdout")
    export = commands.add_parser("export", help="the report's tables as XLSX, HTML, Markdown, CSV")
    _common(export)
    export.add_argument("--format", choices=("xlsx", "html", "md", "csv"), required=True)
    export.add_argument("-o", "--output", required=True, help="the file to write (csv: a folder)")
    import_cli.add_parser(commands)
    return parser


def _delar(text: str) -> Period:
    """A delårsrapport period: 1 January to a day from 30 June to 31 August."""
    try:
        start_text, end_text = text.split("..")
        start, last = date.fromisoformat(start_text), date.fromisoformat(end_text)
    except ValueError:
        example = "2021-01-01..2021-06-30"
        raise Misuse(f"--period {text!r}: expected START..END, e.g. {example}") from None
    if (start.month, start.day) != (1, 1) or not (
        start.year == last.year and (6, 30) <= (last.month, last.day) <= (8, 31)
    ):
        raise Misuse(
            f"--period {text}: a delårsrapport runs from 1 January to a day "
            "from 30 June to 31 August of the same year"
        )
    return Period(start, last + ONE_DAY)


def _check_output(args: argparse.Namespace) -> None:
    if args.output is None:
        return
    target = Path(args.output)
    folder = getattr(args, "format", None) == "csv"
    if not args.output or (target.is_dir() and not folder) or not target.parent.is_dir():
        kind = "a folder" if folder else "a file"
        raise Misuse(f"-o {args.output!r}: not {kind} in an existing folder")
    if folder and target.exists() and not target.is_dir():
        raise Misuse(f"-o {args.output!r}: not a folder")


def _tables(args: argparse.Namespace) -> tuple[str, str, list[Table]]:
    """Load the ledger and compute the tables: title, subtitle, tables."""
    path = Path(args.ledger)
    if not path.is_file():
        raise Misuse(f"no such ledger file: {path}")
    if args.year is not None and not 1900 < args.year < 2200:
        raise Misuse(f"not a year: {args.year}")
    if args.periodisera and args.period is None:
        raise Misuse("--periodisera goes with --period")
    _check_output(args)
    period = Period.year(args.year) if args.year is not None else _delar(args.period)
    books, errors = load(path)
    if books is None:
        printer.print_errors(errors, file=sys.stderr)
        if any(str(e.message).startswith("Invalid account name") for e in errors):
            print(_ROOT_NAMES_HINT, file=sys.stderr)
        print(f"finsam: {len(errors)} error(s) in {path}; no report", file=sys.stderr)
        raise LedgerErrors
    if not books.has_transactions(period):
        raise Misuse(f"no transactions in {period.label} in {path}")
    try:
        if args.year is not None:
            tables = list(statements(books, period).values())
        else:
            tables = list(delarsrapport(books, period, periodisera=args.periodisera).values())
    except KassaflodeError as exc:
        print(f"finsam: {path}: {exc}", file=sys.stderr)
        raise LedgerErrors from None
    title = str(books.options.get("title") or path.name)
    kind = "Räkenskapsår" if args.year is not None else "Delårsrapport"
    return title, f"{kind} {period.label}", tables


def _write(args: argparse.Namespace, write: Callable[[], object]) -> None:
    try:
        write()
    except OSError as exc:
        raise Misuse(f"-o {args.output}: {exc.strerror or exc}".replace("\n", " ")) from None


def _report(args: argparse.Namespace) -> int:
    title, subtitle, tables = _tables(args)
    if args.format == "json":
        output = json_export.render(tables, tkr=args.tkr, ledger=title, period=subtitle)
    else:
        output = text_export.render(tables, heading=f"{title}\n{subtitle}", tkr=args.tkr)
    if args.output is None:
        sys.stdout.write(output)
    else:
        _write(args, lambda: write_text(args.output, output))
    return 0


def _export(args: argparse.Namespace) -> int:
    title, subtitle, tables = _tables(args)
    if args.format == "xlsx":
        content = xlsx_export.render(tables, title=f"{title}, {subtitle}", tkr=args.tkr)
        _write(args, lambda: write_bytes(args.output, content))
    elif args.format == "html":
        page = html_export.render(tables, title, subtitle, tkr=args.tkr)
        _write(args, lambda: write_text(args.output, page))
    elif args.format == "md":
        text = markdown_export.render(tables, title, subtitle, tkr=args.tkr)
        _write(args, lambda: write_text(args.output, text))
    else:
        _write(
            args,
            lambda: csv_export.write_folder(tables, args.output, title, subtitle, tkr=args.tkr),
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
        if args.command == "import":
            return import_cli.run(args)
        return _report(args) if args.command == "report" else _export(args)
    except Misuse as exc:
        print(f"finsam: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except LedgerErrors:
        return EXIT_LEDGER_ERRORS
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

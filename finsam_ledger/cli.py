"""The ``finsam`` command.

``finsam report LEDGER --year YYYY [--format text|json] [-o FILE]``
prints the resultaträkning, balansräkning, kassaflödesanalys and Not 2–5 for
the year. Exit codes: 0 done; 1 the ledger has errors (printed with file and
line, no report); 2 misuse (no such file, a year without transactions, bad
arguments), with a one-line message.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from beancount.parser import printer

from finsam_ledger import __version__
from finsam_ledger.books import load
from finsam_ledger.exports import json as json_export
from finsam_ledger.exports import text as text_export
from finsam_ledger.exports.atomic import write_text
from finsam_ledger.kassaflodesanalys import KassaflodeError
from finsam_ledger.period import Period
from finsam_ledger.report import statements

_ROOT_NAMES_HINT = (
    'finsam: hint: Beancount reads each included file on its own; repeat the option "name_*" '
    "lines at the top of every included file (docs/ledger-format.md)"
)
EXIT_LEDGER_ERRORS = 1
EXIT_USAGE = 2


class Misuse(Exception):
    """Wrong use of the command: a one-line message and exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise Misuse(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="finsam", description="Reports for a samordningsförbund's books.")
    parser.add_argument("--version", action="version", version=f"finsam {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    report = commands.add_parser(
        "report", help="the annual report's statements and notes for a year"
    )
    report.add_argument("ledger", help="the ledger's main .beancount file")
    report.add_argument("--year", type=int, required=True, help="räkenskapsår, e.g. 2021")
    report.add_argument("--format", choices=("text", "json"), default="text")
    report.add_argument("-o", "--output", help="write to this file instead of stdout")
    return parser


def _report(args: argparse.Namespace) -> int:
    path = Path(args.ledger)
    if not path.is_file():
        raise Misuse(f"no such ledger file: {path}")
    if not 1900 < args.year < 2200:
        raise Misuse(f"not a year: {args.year}")
    books, errors = load(path)
    if books is None:
        printer.print_errors(errors, file=sys.stderr)
        if any(str(e.message).startswith("Invalid account name") for e in errors):
            print(_ROOT_NAMES_HINT, file=sys.stderr)
        print(f"finsam: {len(errors)} error(s) in {path}; no report", file=sys.stderr)
        return EXIT_LEDGER_ERRORS
    period = Period.year(args.year)
    if not books.has_transactions(period):
        raise Misuse(f"no transactions in {args.year} in {path}")
    try:
        tables = statements(books, period).values()
    except KassaflodeError as exc:
        print(f"finsam: {path}: {exc}", file=sys.stderr)
        return EXIT_LEDGER_ERRORS
    title = str(books.options.get("title") or path.name)
    if args.format == "json":
        output = json_export.render(tables, ledger=title, period=period.label)
    else:
        output = text_export.render(tables, heading=f"{title}\nRäkenskapsår {period.label}")
    if args.output:
        write_text(args.output, output)
    else:
        sys.stdout.write(output)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
        return _report(args)
    except Misuse as exc:
        print(f"finsam: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

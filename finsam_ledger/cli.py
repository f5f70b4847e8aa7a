"""The ``finsam`` command.

``finsam report LEDGER --year YYYY [--format text|json] [-o FILE]``
prints the årsredovisning's tables for the year: resultaträkning,
balansräkning, kassaflödesanalys, driftsredovisning, Not 2–6,
balanskravsutredning and the multi-year overview.

``finsam report LEDGER --period 2021-01-01..2021-06-30 [--periodisera]``
prints a delårsrapport with helårsprognos (the period runs from 1 January
to a day from 30 June to 31 August); ``--periodisera`` shows the
medlemsbidrag periodised pro rata.

Exit codes: 0 done; 1 the ledger has errors (printed with file and line, no
report); 2 misuse (no such file, a period without transactions, bad
arguments), with a one-line message.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from beancount.parser import printer

from finsam_ledger import __version__
from finsam_ledger.books import load
from finsam_ledger.delarsrapport import delarsrapport
from finsam_ledger.exports import json as json_export
from finsam_ledger.exports import text as text_export
from finsam_ledger.exports.atomic import write_text
from finsam_ledger.kassaflodesanalys import KassaflodeError
from finsam_ledger.period import ONE_DAY, Period
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
    when = report.add_mutually_exclusive_group(required=True)
    when.add_argument("--year", type=int, help="räkenskapsår, e.g. 2021")
    when.add_argument("--period", help="delårsrapport: START..END, e.g. 2021-01-01..2021-06-30")
    report.add_argument(
        "--periodisera",
        action="store_true",
        help="with --period: medlemsbidrag periodised pro rata",
    )
    report.add_argument("--format", choices=("text", "json"), default="text")
    report.add_argument("-o", "--output", help="write to this file instead of stdout")
    return parser


def _delar(text: str) -> Period:
    """A delårsrapport period: 1 January to a day from 30 June to 31 August."""
    try:
        start_text, end_text = text.split("..")
        start, last = date.fromisoformat(start_text), date.fromisoformat(end_text)
    except ValueError:
        raise Misuse(
            f"--period {text!r}: expected START..END, e.g. 2021-01-01..2021-06-30"
        ) from None
    if (start.month, start.day) != (1, 1) or not (
        start.year == last.year and (6, 30) <= (last.month, last.day) <= (8, 31)
    ):
        raise Misuse(
            f"--period {text}: a delårsrapport runs from 1 January to a day "
            "from 30 June to 31 August of the same year"
        )
    return Period(start, last + ONE_DAY)


def _report(args: argparse.Namespace) -> int:
    path = Path(args.ledger)
    if not path.is_file():
        raise Misuse(f"no such ledger file: {path}")
    if args.year is not None and not 1900 < args.year < 2200:
        raise Misuse(f"not a year: {args.year}")
    if args.periodisera and args.period is None:
        raise Misuse("--periodisera goes with --period")
    if args.output is not None:
        target = Path(args.output)
        if not args.output or target.is_dir() or not target.parent.is_dir():
            raise Misuse(f"-o {args.output!r}: not a file in an existing folder")
    period = Period.year(args.year) if args.year is not None else _delar(args.period)
    books, errors = load(path)
    if books is None:
        printer.print_errors(errors, file=sys.stderr)
        if any(str(e.message).startswith("Invalid account name") for e in errors):
            print(_ROOT_NAMES_HINT, file=sys.stderr)
        print(f"finsam: {len(errors)} error(s) in {path}; no report", file=sys.stderr)
        return EXIT_LEDGER_ERRORS
    if not books.has_transactions(period):
        raise Misuse(f"no transactions in {period.label} in {path}")
    try:
        if args.year is not None:
            tables = statements(books, period).values()
        else:
            tables = delarsrapport(books, period, periodisera=args.periodisera).values()
    except KassaflodeError as exc:
        print(f"finsam: {path}: {exc}", file=sys.stderr)
        return EXIT_LEDGER_ERRORS
    title = str(books.options.get("title") or path.name)
    if args.format == "json":
        output = json_export.render(tables, ledger=title, period=period.label)
    else:
        kind = "Räkenskapsår" if args.year is not None else "Delårsrapport"
        output = text_export.render(tables, heading=f"{title}\n{kind} {period.label}")
    if args.output is not None:
        try:
            write_text(args.output, output)
        except OSError as exc:
            raise Misuse(f"-o {args.output}: {exc.strerror or exc}") from None
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

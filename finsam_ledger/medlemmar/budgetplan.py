"""``finsam budgetplan LEDGER --year YYYY [--format text|json|xlsx|html] [-o FILE] [--tkr]``.

The budget plan of a year: its budget, its utfall (or, for a year in
progress, its helårsprognos) and the budget of every later year the ledger
budgets, with eget kapital projected to each year end against the riktvärde
(:func:`finsam_ledger.statements.budgetplan.budgetplan`). Text or JSON go
to stdout, or with ``-o`` to a file; XLSX and HTML need ``-o``. The output
is checked and written as every report's
(:func:`finsam_ledger.cli.check_output`, :func:`~finsam_ledger.cli.write_tables`):
never over a file of the ledger, a read-only file or a file of another
kind. The ledger's ``rubrik`` lines apply as in every report.

Exit codes as ``finsam report``: 1 the ledger has errors (printed with file
and line), 2 misuse or refused (one line ``finsam: error: ...``).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

FORMATS = ("text", "json", "xlsx", "html")
NEEDS_FILE = ("xlsx", "html")


def add_parser(commands: Any) -> None:
    """Register ``finsam budgetplan``."""
    from finsam_ledger.cli import EXIT_CODES

    command = commands.add_parser(
        "budgetplan",
        help="the budget plan: the year and the plan years, with eget kapital projected",
        description="The budget plan of a year: budget, utfall or helårsprognos, and the "
        "budget of every later year the ledger budgets, with eget kapital at each year end "
        "against the riktvärde.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument("ledger", help="the ledger's main .beancount file")
    command.add_argument("--year", type=int, required=True, help="the budget year, e.g. 2024")
    command.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), json, xlsx or html (xlsx and html need -o)",
    )
    command.add_argument(
        "-o", "--output", help="write to this file instead of stdout (not a .beancount file)"
    )
    command.add_argument("--tkr", action="store_true", help="amounts in thousands of kronor")


def run(args: argparse.Namespace) -> int:
    """Make the budget plan and print or write it."""
    from pathlib import Path

    from finsam_ledger import cli, safe_files
    from finsam_ledger.model.period import Period

    path = Path(args.ledger)
    if not path.is_file():
        raise cli.Misuse(f"no such ledger file: {path}")
    if not 1900 < args.year < 2200:
        raise cli.Misuse(f"not a year: {args.year}")
    if args.format in NEEDS_FILE and args.output is None:
        raise cli.Misuse(f"--format {args.format} needs -o FILE")
    cli.check_output(args)
    books = cli.load_books(path)
    if args.output is not None:
        try:
            safe_files.refuse_ledger_file(args.output, [str(path), *books.files()])
        except safe_files.Refused as exc:
            raise cli.Misuse(f"-o {exc}") from None
    year = Period.year(args.year)
    if not books.has_transactions(year) and not books.budgets.any_in(year):
        raise cli.Misuse(
            f"{path}: Ingen budgetplan för {args.year}: huvudboken har varken budget "
            "eller transaktioner det året."
        )

    from finsam_ledger.statements.budgetplan import budgetplan
    from finsam_ledger.statements.rubriker import anpassa, otryckta
    from finsam_ledger.statements.summarader import SummaradFel, lagg_till

    if unprinted := otryckta(books):  # a rubrik line no report prints: as finsam report
        cli.print_ledger_errors(unprinted, path, "no report")
    # The ledger's own wording and summary rows, as every report gets them.
    tables = anpassa(books, year, [budgetplan(books, args.year)])
    try:
        tables = lagg_till(books, year, tables)
    except SummaradFel as exc:
        print(f"{exc}\nfinsam: 1 error in {path.name}; no report", file=sys.stderr)
        raise cli.LedgerErrors from None
    title = str(books.options.get("title") or "") or path.name
    return cli.write_tables(args, tables, title, f"Budgetplan {args.year}")

"""``finsam jamfor LEDGER... --year YYYY [--format text|json|xlsx|html] [-o FILE]``.

Several förbund side by side for a year, a column each
(:mod:`finsam_ledger.statements.jamforelse`): a region's finance
department keeps the books of several förbund and the members' meeting
compares them. Each ledger is loaded in a process of its own, as many at a
time as the machine has processors, and only its figures come back; a
ledger with errors or without the year keeps its column, blank, and the
reason is printed under the table, while the others still show. The
columns follow the order of the ledgers given.
"""

from __future__ import annotations

import argparse
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from finsam_ledger.statements.jamforelse import Forbund

FORMATS = ("text", "json", "xlsx", "html")


def add_parser(commands: Any) -> None:
    """Register ``finsam jamfor``."""
    from finsam_ledger.cli import EXIT_CODES

    command = commands.add_parser(
        "jamfor",
        help="several förbund side by side for a year",
        description="Several förbund side by side: medlemsbidrag, budget and utfall, eget "
        "kapital against the riktvärde, the cost split, participants and the "
        "socio-economic effect, one column per ledger.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument("ledgers", nargs="+", metavar="LEDGER", help="the ledgers' main files")
    command.add_argument("--year", type=int, required=True, help="the year, e.g. 2021")
    command.add_argument(
        "--format", choices=FORMATS, default="text", help="text (default), json, xlsx, html"
    )
    command.add_argument(
        "-o", "--output", help="write to this file instead of stdout (xlsx, html: required)"
    )


def forbund(path: str, year: int) -> tuple[Forbund, list[str]]:
    """One ledger's figures for the year, and its files (run in a process of its own)."""
    from finsam_ledger.model import errors as errors_module
    from finsam_ledger.model.books import load
    from finsam_ledger.statements.jamforelse import nyckeltal

    books, errors = load(path)
    if books is None:
        summary = errors_module.summary(errors, Path(path))
        return Forbund(Path(path).stem, status=f"{summary}; inga siffror"), [path]
    namn = str(books.options.get("title") or Path(path).stem)
    return nyckeltal(books, year, namn), books.files()


def run(args: argparse.Namespace) -> int:
    """Load the ledgers in parallel and print the comparison."""
    from finsam_ledger import cli, safe_files
    from finsam_ledger.statements.jamforelse import jamforelse

    if not 1900 < args.year < 2200:
        raise cli.Misuse(f"not a year: {args.year}")
    for ledger in args.ledgers:
        if not Path(ledger).is_file():
            raise cli.Misuse(f"no such ledger file: {ledger}")
        cli.check_output(argparse.Namespace(output=args.output, format=args.format, ledger=ledger))
    if args.format in ("xlsx", "html") and args.output is None:
        raise cli.Misuse(f"--format {args.format} needs -o FILE")
    found = _load_all(args.ledgers, args.year)
    if args.output is not None:
        files = [name for _, names in found for name in names]
        try:
            safe_files.refuse_ledger_file(args.output, files)
        except safe_files.Refused as exc:
            raise cli.Misuse(f"-o {exc}") from None
    table = jamforelse([f for f, _ in found], args.year)
    subtitle = f"{len(found)} förbund, {args.year}"
    return cli.write_tables(args, [table], "Jämförelse av samordningsförbund", subtitle)


def _load_all(paths: list[str], year: int) -> list[tuple[Forbund, list[str]]]:
    """Every ledger's figures, in the order given: one process per ledger at a time."""
    if len(paths) == 1:
        return [forbund(paths[0], year)]
    workers = min(len(paths), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(forbund, paths, [year] * len(paths)))

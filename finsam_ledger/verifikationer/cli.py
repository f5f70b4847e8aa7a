"""``finsam verifikationer``: voucher numbers.

::

    finsam verifikationer numrera LEDGER [--serie A] [--year YYYY]

``numrera`` gives every unnumbered voucher of the ledger (its main file and
every included file) the next number of its series and year, in date order,
as a line ``ver: "A 13"`` after the transaction's first line
(:mod:`finsam_ledger.verifikationer.numrera`), and prints one line: how
many, per file, or that there was nothing to number.

Exit codes: 0 done (or nothing to do); 1 the ledger has errors that
numbering cannot put right (a syntax error, a duplicate or out-of-order
number, a malformed ``ver``), printed with file and line, nothing written;
2 misuse or refused (no such file, bad arguments, a read-only file),
nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

NUMRERA_HELP = "give unnumbered transactions the next voucher numbers, in date order"


def add_parser(commands: Any) -> None:
    """Add ``verifikationer`` and its sub-command ``numrera`` to the ``finsam`` parser."""
    from finsam_ledger.cli import EXIT_CODES

    command = commands.add_parser(
        "verifikationer", help="voucher numbers: give unnumbered transactions the next numbers"
    )
    sub = command.add_subparsers(dest="verifikationer_command", required=True, metavar="{numrera}")
    numrera = sub.add_parser(
        "numrera",
        help=NUMRERA_HELP,
        description=NUMRERA_HELP + "; the convention: docs/ledger-format.md",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    numrera.add_argument("ledger", help="the ledger's main .beancount file")
    numrera.add_argument(
        "--serie", help="the series to number in (default: the plugin's setting, else A)"
    )
    numrera.add_argument("--year", type=int, help="number only the transactions of this year")


def run(args: argparse.Namespace) -> int:
    """Run ``finsam verifikationer numrera``; misuse raises, ledger errors are printed."""
    from beancount.parser import printer

    from finsam_ledger import safe_files
    from finsam_ledger.cli import EXIT_OK, LedgerErrors, Misuse
    from finsam_ledger.model.errors import summary
    from finsam_ledger.verifikationer import nummer
    from finsam_ledger.verifikationer.numrera import Konflikt, numrera

    path = Path(args.ledger)
    if not path.is_file():
        what = "is a folder" if path.is_dir() else "no such ledger file"
        raise Misuse(f"{args.ledger}: {what}")
    if args.serie is not None:
        try:
            nummer.parse(f"{args.serie} 1")
        except nummer.OgiltigtNummer:
            raise Misuse(
                f"--serie {args.serie!r}: a series is one to ten letters or digits, e.g. A"
            ) from None
    if args.year is not None and not 1900 < args.year < 2200:
        raise Misuse(f"--year {args.year}: not a year")
    try:
        result = numrera(path, args.serie, args.year)
    except Konflikt as fault:
        printer.print_errors(fault.errors, file=sys.stderr)
        print(
            f"finsam verifikationer: {summary(fault.errors, path)}; nothing numbered",
            file=sys.stderr,
        )
        raise LedgerErrors from None
    except safe_files.Refused as exc:
        raise Misuse(str(exc)) from None
    except OSError as exc:
        raise Misuse(
            f"{exc.filename or args.ledger}: {exc.strerror or exc}; nothing written"
        ) from None
    base = path.resolve().parent
    if not result.tilldelade:
        print(f"finsam verifikationer: nothing to number in {args.ledger}")
        return EXIT_OK
    parts = []
    for name, count in result.per_fil():
        shown = Path(name)
        parts.append(
            f"{count} in {shown.relative_to(base) if shown.is_relative_to(base) else shown}"
        )
    print(f"finsam verifikationer: {len(result.tilldelade)} numbered: {', '.join(parts)}")
    return EXIT_OK

"""``finsam sie``: the books as a SIE 4 file, and a SIE 4 file as a new ledger.

::

    finsam sie export LEDGER --year YYYY -o FILE.se [--typ 4e|4i]
    finsam sie import FILE.se -o DIR [--mapping FILE]

``export`` writes the year's books as SIE 4E (balances and vouchers; the
default) or 4I (vouchers only), in CP437 with a ``#KSUMMA`` checksum
(:mod:`finsam_ledger.exports.sie` says what goes where). The file is written
as ``finsam report -o`` writes (:mod:`finsam_ledger.safe_files`): atomically,
never over a file of the ledger, a read-only file or an existing file that is
not a SIE file (``.se``, ``.si``, ``.sie``). Notes (vouchers numbered in the
file only, a year not closed) go to stderr.

``import`` writes a new ledger in DIR from a SIE file
(:func:`finsam_ledger.importers.sie.importera`) and prints what the
accountant must add.

Exit codes: 0 done; 1 the ledger (for import: the SIE file) has errors,
printed with file and line, nothing written; 2 misuse or refused, with one
line ``finsam: error: ...``.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, cast

EXPORT_KINDS: dict[str, Literal["E", "I"]] = {"4e": "E", "4i": "I"}
IMPORTER = "finsam_ledger.importers.sie"


def add_parser(commands: Any) -> None:
    """Register ``finsam sie`` and its sub-commands."""
    from finsam_ledger.cli import EXIT_CODES

    raw = argparse.RawDescriptionHelpFormatter
    command = commands.add_parser(
        "sie",
        help="SIE 4 files: export the books, import a file as a ledger",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        epilog=EXIT_CODES,
        formatter_class=raw,
    )
    sub = command.add_subparsers(dest="sie_command", required=True)
    export = sub.add_parser(
        "export",
        help="the books of a year as a SIE 4E (or 4I) file",
        epilog=EXIT_CODES,
        formatter_class=raw,
    )
    export.add_argument("ledger", help="the ledger's main .beancount file")
    export.add_argument("--year", type=int, required=True, help="räkenskapsår, e.g. 2021")
    export.add_argument(
        "-o", "--output", required=True, help="the SIE file to write, e.g. bokforing-2021.se"
    )
    export.add_argument(
        "--typ",
        type=str.lower,
        choices=tuple(EXPORT_KINDS),
        default="4e",
        help="4e: balances and vouchers (default); 4i: vouchers only",
    )
    imported = sub.add_parser(
        "import",
        help="a SIE 4 file as a new ledger in a folder",
        epilog=EXIT_CODES,
        formatter_class=raw,
    )
    imported.add_argument("file", help="the SIE file (.se, .si)")
    imported.add_argument("-o", "--output", required=True, help="the folder of the new ledger")
    imported.add_argument("--mapping", help="where accounts go in the tree, by number range")


def run(args: argparse.Namespace) -> int:
    """Run ``finsam sie``: 0 done, 1 errors in the ledger or file, 2 misuse."""
    if args.sie_command == "export":
        return _export(args)
    return _import(args)


def _export(args: argparse.Namespace) -> int:
    from finsam_ledger import cli, safe_files
    from finsam_ledger.cli import Misuse

    path = Path(args.ledger)
    if not path.is_file():
        raise Misuse(f"no such ledger file: {path}")
    if not 1900 < args.year < 2200:
        raise Misuse(f"not a year: {args.year}")
    cli.check_output(argparse.Namespace(output=args.output, format="sie", ledger=args.ledger))

    from finsam_ledger.exports import sie as sie_export

    books = cli.load_books(path, "nothing written")
    try:
        safe_files.refuse_ledger_file(args.output, [str(path), *books.files()])
    except safe_files.Refused as exc:
        raise Misuse(f"-o {exc}") from None
    try:
        content, notes = sie_export.render(books, args.year, kind=EXPORT_KINDS[args.typ])
    except sie_export.NothingToExport as exc:
        raise Misuse(f"{path}: {exc}; nothing written") from None
    except sie_export.ExportErrors as exc:
        cli.print_ledger_errors(exc.errors, path, "nothing written")
    cli.write_output(args, lambda: safe_files.write_bytes(args.output, content))
    for note in notes:
        print(f"finsam sie: note: {note}", file=sys.stderr)
    return cli.EXIT_OK


Importera = Callable[[Path, Path, Path | None], list[str]]


def _importer() -> Importera:
    """The SIE import, loaded when used."""
    from finsam_ledger.cli import Misuse

    found = importlib.util.find_spec(IMPORTER)
    function = getattr(importlib.import_module(IMPORTER), "importera", None) if found else None
    if function is None:
        raise Misuse("finsam sie import is not yet available")
    return cast("Importera", function)


def _import(args: argparse.Namespace) -> int:
    from finsam_ledger import cli
    from finsam_ledger.cli import Misuse
    from finsam_ledger.safe_files import Refused
    from finsam_ledger.sie import SieError

    source = Path(args.file)
    if not source.is_file():
        raise Misuse(f"{source}: " + ("is a folder" if source.is_dir() else "no such file"))
    mapping = Path(args.mapping) if args.mapping is not None else None
    if mapping is not None and not mapping.is_file():
        raise Misuse(
            f"--mapping {mapping}: " + ("is a folder" if mapping.is_dir() else "no such file")
        )
    from finsam_ledger.importers.model import ImportFault

    importera = _importer()
    try:
        lines = importera(source, Path(args.output), mapping)
    except SieError as exc:
        where = f"{source}:{exc.line}" if exc.line else str(source)
        print(f"finsam: {where}: {exc.reason}; nothing written", file=sys.stderr)
        return cli.EXIT_LEDGER_ERRORS
    except ImportFault as exc:  # a bad mapping file, a source that cannot be read
        print(f"finsam: {exc}; nothing written", file=sys.stderr)
        return cli.EXIT_LEDGER_ERRORS
    except Refused as exc:
        raise Misuse(f"-o {exc}") from None
    except OSError as exc:
        raise Misuse(f"{exc.filename or args.output}: {exc.strerror or exc}") from None
    for line in lines:
        print(line)
    return cli.EXIT_OK

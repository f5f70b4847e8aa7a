"""``finsam import``: identify, extract and archive bank files, like beangulp's commands.

::

    finsam import identify FILE...
    finsam import extract FILE... [-e LEDGER] [-c CONFIG] [-o OUT | --append LEDGERFILE]
    finsam import archive FILE... -o DIR [-n]

``extract`` prints Beancount entries (beangulp's layout, duplicates
commented out) or, with ``--append``, adds the new ones to a ledger file,
atomically: if any file fails, nothing is written. Rows that no rule places
are listed at the end. A file no format recognises is an error that lists
the known formats.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import beangulp
from beancount import loader
from beancount.core import data
from beancount.parser import printer
from beangulp import extract as beangulp_extract

from finsam_ledger.exports.atomic import write_text
from finsam_ledger.importers.importer import BankImporter, describe
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.importers.registry import importers as build_importers
from finsam_ledger.importers.settings import load as load_settings


def add_parser(commands: Any) -> None:
    """Add ``import`` and its sub-commands to the ``finsam`` parser."""
    command = commands.add_parser("import", help="bank files into the ledger")
    sub = command.add_subparsers(dest="import_command", required=True)
    for name, help_text in (
        ("identify", "which format each file is"),
        ("extract", "Beancount entries from the files"),
        ("archive", "move the files into a documents tree"),
    ):
        parser = sub.add_parser(name, help=help_text)
        parser.add_argument("files", nargs="+", help="bank files")
        parser.add_argument("-c", "--config", help="import config (TOML)")
        parser.add_argument("-e", "--existing", help="the ledger: bank accounts and deduplication")
        if name == "extract":
            out = parser.add_mutually_exclusive_group()
            out.add_argument("-o", "--output", help="write to this file instead of stdout")
            out.add_argument("--append", help="append the new entries to this ledger file")
        if name == "archive":
            parser.add_argument("-o", "--destination", required=True, help="documents root")
            parser.add_argument("-n", "--dry-run", action="store_true")


def _setup(args: argparse.Namespace) -> tuple[list[BankImporter], list[data.Directive]]:
    for name in args.files:
        if not Path(name).is_file():
            raise ImportFault(name, None, "no such file")
    existing: list[data.Directive] = []
    if args.existing:
        if not Path(args.existing).is_file():
            raise ImportFault(args.existing, None, "no such ledger file")
        entries, errors, _ = loader.load_file(args.existing)
        existing = list(entries)
        if errors:
            print(
                f"finsam import: note: {args.existing} has {len(errors)} error(s); "
                "its entries are used for deduplication as loaded",
                file=sys.stderr,
            )
    return build_importers(load_settings(args.config, existing)), existing


def _identify(importers: Sequence[BankImporter], path: str) -> BankImporter:
    for importer in importers:
        if importer.identify(path):
            return importer
    raise ImportFault(
        path, None, "not a known bank format; the known formats are:\n" + describe(importers)
    )


def _extract(args: argparse.Namespace, importers: list[BankImporter], existing: list[Any]) -> int:
    extracted = []
    seen = list(existing)
    for path in args.files:
        importer = _identify(importers, path)
        entries = importer.extract(path, seen)
        importer.deduplicate(entries, seen)
        extracted.append((path, entries, importer.account(path), importer))
        seen += [e for e in entries if not e.meta.get("__duplicate__")]
    if args.append:
        new = [
            e for _, entries, _, _ in extracted for e in entries if not e.meta.get("__duplicate__")
        ]
        target = Path(args.append)
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        text = "".join("\n" + printer.format_entry(entry) for entry in new)
        separator = "" if not old or old.endswith("\n") else "\n"
        write_text(target, old + separator + text)
        print(f"finsam import: {len(new)} new entries appended to {target}", file=sys.stderr)
    else:
        buffer = io.StringIO()
        beangulp_extract.print_extracted_entries(extracted, buffer)
        if args.output:
            write_text(args.output, buffer.getvalue())
        else:
            sys.stdout.write(buffer.getvalue())
    unmatched = [(path, row) for importer in importers for path, row in importer.unmatched]
    if unmatched:
        account = importers[0].settings.unmatched
        print(
            f"finsam import: {len(unmatched)} row(s) matched no rule, booked to {account}:",
            file=sys.stderr,
        )
        for path, row in unmatched:
            print(f"  {path}:{row.line}: {row.date} {row.amount} {row.text}", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    """Run ``finsam import``; 1 with the file, line and reason when a file cannot be imported."""
    try:
        importers, existing = _setup(args)
        if args.import_command == "identify":
            for path in args.files:
                importer = _identify(importers, path)
                print(f"{path}: {importer.name} -> {importer.account(path)}")
            return 0
        if args.import_command == "extract":
            return _extract(args, importers, existing)
        for path in args.files:
            _identify(importers, path)
        argv = ["archive", *args.files, "-o", args.destination] + (["-n"] if args.dry_run else [])
        beangulp.Ingest(importers).cli.main(
            args=argv, prog_name="finsam import", standalone_mode=False
        )
        return 0
    except ImportFault as fault:
        print(f"finsam import: {fault}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"finsam import: {exc}", file=sys.stderr)
        return 1

"""``finsam import``: identify, extract and archive bank files, like beangulp's commands.

::

    finsam import identify FILE...
    finsam import extract FILE... [-e LEDGER] [-c CONFIG] [-o OUT | --append LEDGERFILE]
    finsam import archive FILE... -o DIR [-n]

``extract`` prints Beancount entries (beangulp's layout, duplicates
commented out) or, with ``--append``, adds the new ones to a ledger file,
atomically, in the file's own line ends: if any file fails, or the new
entries would give the ledger (``-e``) an error such as a failing balance
assertion, nothing is written. Without ``-e``, the file appended to is the
ledger deduplicated against. ``--konto`` names the bank account. Rows that
no rule places are listed at the end. A file no format recognises is an
error that lists the known formats.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import beangulp
from beancount import loader
from beancount.core import data
from beancount.ops import balance, validation
from beancount.parser import printer
from beangulp import extract as beangulp_extract

from finsam_ledger.exports.atomic import write_text
from finsam_ledger.importers.importer import BankImporter, describe
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.importers.registry import importers as build_importers
from finsam_ledger.importers.settings import load as load_settings

ROOT_OPTIONS = {
    "name_assets": "Tillgångar",
    "name_liabilities": "Skulder",
    "name_equity": "Eget-kapital",
    "name_income": "Intäkter",
    "name_expenses": "Kostnader",
}


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
        parser.add_argument("--konto", help="the bank account to book the files to")
        if name == "extract":
            out = parser.add_mutually_exclusive_group()
            out.add_argument("-o", "--output", help="write to this file instead of stdout")
            out.add_argument("--append", help="append the new entries to this ledger file")
        if name == "archive":
            parser.add_argument("-o", "--destination", required=True, help="documents root")
            parser.add_argument("-n", "--dry-run", action="store_true")


def _setup(args: argparse.Namespace) -> tuple[list[BankImporter], list[data.Directive], Any]:
    for name in args.files:
        if not Path(name).is_file():
            raise ImportFault(name, None, "no such file")
    existing: list[data.Directive] = []
    options: Any = None
    ledger = args.existing or (getattr(args, "append", None) if _has_content(args) else None)
    if ledger:
        if not Path(ledger).is_file():
            raise ImportFault(ledger, None, "no such ledger file")
        entries, errors, options = loader.load_file(ledger)
        existing = list(entries)
        if errors:
            print(
                f"finsam import: note: {ledger} has {len(errors)} error(s) before the import",
                file=sys.stderr,
            )
    settings = load_settings(args.config, existing)
    if args.konto:
        settings = replace(settings, bank_account=args.konto)
    return build_importers(settings), existing, options


def _has_content(args: argparse.Namespace) -> bool:
    target: str | None = getattr(args, "append", None)
    if not target:
        return False
    path = Path(target)
    return path.is_file() and path.stat().st_size > 0


def _identify(importers: Sequence[BankImporter], path: str) -> BankImporter:
    for importer in importers:
        if importer.identify(path):
            return importer
    raise ImportFault(
        path, None, "not a known bank format; the known formats are:\n" + describe(importers)
    )


def _new_errors(existing: list[Any], new: list[Any], options: Any) -> list[Any]:
    """Errors the new entries would add to the ledger (balance assertions, unopened accounts)."""

    def check(entries: list[Any]) -> list[Any]:
        entries = sorted(entries, key=data.entry_sortkey)
        _, balance_errors = balance.check(entries, options)
        return [*balance_errors, *validation.validate(entries, options)]

    def key(error: Any) -> tuple[str, str, int]:
        source = error.source or {}
        return (str(error.message), str(source.get("filename")), int(source.get("lineno") or 0))

    before = {key(error) for error in check(existing)}
    return [error for error in check([*existing, *new]) if key(error) not in before]


def _append(target: Path, new: list[data.Directive], options: Any) -> None:
    """Add the entries to the ledger file atomically, in its own line ends."""
    target = target.resolve()  # a symlinked ledger: write the real file
    old = target.read_bytes().decode("utf-8") if target.exists() else ""
    newline = "\r\n" if "\r\n" in old else "\n"
    head = ""
    if not old.strip():
        roots = options or {}
        head = "".join(
            f'option "{key}" "{roots.get(key, default)}"\n' for key, default in ROOT_OPTIONS.items()
        )
    text = head + "".join("\n" + printer.format_entry(entry) for entry in new)
    separator = "" if not old or old.endswith("\n") else newline
    write_text(target, old + separator + text.replace("\n", newline))


def _extract(
    args: argparse.Namespace, importers: list[BankImporter], existing: list[Any], options: Any
) -> int:
    extracted = []
    seen = list(existing)
    for path in args.files:
        importer = _identify(importers, path)
        entries = importer.extract(path, seen)
        importer.deduplicate(entries, seen)
        extracted.append((path, entries, importer.account(path), importer))
        seen += [e for e in entries if not e.meta.get("__duplicate__")]
    new = [e for _, entries, _, _ in extracted for e in entries if not e.meta.get("__duplicate__")]
    unmatched_account = importers[0].settings.unmatched
    unmatched = [
        e
        for e in new
        if isinstance(e, data.Transaction) and e.postings[-1].account == unmatched_account
    ]
    if args.append:
        if options is not None:
            problems = _new_errors(existing, new, options)
            if problems:
                printer.print_errors(problems, file=sys.stderr)
                raise ImportFault(
                    args.append,
                    None,
                    f"the import would add {len(problems)} error(s); nothing written",
                )
        _append(Path(args.append), new, options)
        print(f"finsam import: {len(new)} new entries appended to {args.append}", file=sys.stderr)
    else:
        buffer = io.StringIO()
        beangulp_extract.print_extracted_entries(extracted, buffer)
        if args.output:
            write_text(args.output, buffer.getvalue())
        else:
            sys.stdout.write(buffer.getvalue())
    if unmatched:
        count = len(unmatched)
        print(
            f"finsam import: {count} row(s) matched no rule, booked to {unmatched_account}:",
            file=sys.stderr,
        )
        for entry in unmatched:
            where = f"{entry.meta.get('filename')}:{entry.meta.get('lineno')}"
            units = entry.postings[0].units
            amount = units.number if units is not None else ""
            print(f"  {where}: {entry.date} {amount} {entry.narration}", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    """Run ``finsam import``; 1 with the file, line and reason when a file cannot be imported."""
    try:
        importers, existing, options = _setup(args)
        if args.import_command == "identify":
            for path in args.files:
                importer = _identify(importers, path)
                print(f"{path}: {importer.name} -> {importer.account(path)}")
            return 0
        if args.import_command == "extract":
            return _extract(args, importers, existing, options)
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

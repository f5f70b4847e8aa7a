"""``finsam import``: identify, extract and archive bank files, like beangulp's commands.

::

    finsam import identify FILE...
    finsam import extract FILE... [-e LEDGER] [-c CONFIG] [-o OUT | --append LEDGERFILE]
    finsam import archive FILE... -o DIR [-n]

``identify`` reports every file: its format and account, or why not.
``extract`` prints Beancount entries (beangulp's layout, duplicates
commented out), writes them to a file (``-o``: never a file of the ledger,
nor a file that an earlier ``extract -o`` did not write) or, with
``--append``, adds the new ones to a ledger file
(:func:`finsam_ledger.importers.append.append`): under the folder's lock,
deduplicated against the ledger and the file itself, in the file's own
line ends, and only if the ledger, loaded with its plugins, gets no new
error. ``--konto`` names the bank account. Rows that no rule places are
listed at the end. A file no format recognises is an error that lists the
known formats.

Exit codes: 0 done; 1 bad data (a file that cannot be imported, the
import would add ledger errors); 2 misuse (no such file or folder, a
refused output file, bad arguments), with a one-line message.
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from beancount.core import data
from beancount.parser import printer
from beangulp import archive as beangulp_archive
from beangulp import extract as beangulp_extract

from finsam_ledger import safe_files
from finsam_ledger.importers import append as safe_append
from finsam_ledger.importers.importer import BankImporter, describe
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.importers.registry import importers as build_importers
from finsam_ledger.importers.settings import load as load_settings

EXIT_BAD_DATA = 1
EXIT_MISUSE = 2
# The second line of every file ``extract -o`` writes (after beangulp's mode line): only a
# file that has it may be replaced by a later ``extract -o``.
EXTRACT_MARK = "; Written by finsam import extract -o; the next extract -o may replace this file."


class Misuse(Exception):
    """Wrong use of the command (no such file, a refused output): exit code 2."""


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


def _check_arguments(args: argparse.Namespace) -> None:
    """Every input a file, the ledger and config files: misuse otherwise."""
    for name in args.files:
        if not Path(name).is_file():
            raise Misuse(f"{name}: " + ("is a folder" if Path(name).is_dir() else "no such file"))
    for option, name in (("-e", args.existing), ("-c", args.config)):
        if name is not None and not Path(name).is_file():
            what = "is a folder" if Path(name).is_dir() else "no such file"
            raise Misuse(f"{option} {name}: {what}")
    target = getattr(args, "append", None)
    if target is not None:
        real = safe_files.real_path(target)
        inputs = [*args.files, *([args.config] if args.config else [])]
        if any(safe_files.real_path(name) == real for name in inputs):
            raise Misuse(f"--append {target}: is an input file, not the ledger; nothing written")


def _importers(args: argparse.Namespace, ledger: safe_append.Loaded | None) -> list[BankImporter]:
    if ledger is None:
        settings = load_settings(args.config)
    else:
        settings = load_settings(args.config, ledger.entries, ledger.options)
    if args.konto:
        settings = replace(settings, bank_account=args.konto)
    return build_importers(settings)


def _note_errors(ledger: str, loaded: safe_append.Loaded | None) -> None:
    if loaded is not None and loaded.errors:
        print(
            f"finsam import: note: {ledger} has {len(loaded.errors)} error(s) before the import",
            file=sys.stderr,
        )


def _identify(importers: Sequence[BankImporter], path: str) -> BankImporter:
    """The file's importer by its content alone (nothing is extracted)."""
    for importer in importers:
        if importer.identify(path):
            return importer
    raise ImportFault(
        path, None, "not a known bank format; the known formats are:\n" + describe(importers)
    )


def _batches(importers: list[BankImporter], files: Sequence[str]) -> list[safe_append.Batch]:
    batches: list[safe_append.Batch] = []
    for path in files:
        importer = _identify(importers, path)
        batches.append((importer, importer.extract(path, [])))
    return batches


def _report_unmatched(new: Sequence[data.Directive], unmatched_account: str) -> None:
    unmatched = [
        e
        for e in new
        if isinstance(e, data.Transaction) and e.postings[-1].account == unmatched_account
    ]
    if not unmatched:
        return
    print(
        f"finsam import: {len(unmatched)} row(s) matched no rule, booked to {unmatched_account}:",
        file=sys.stderr,
    )
    for entry in unmatched:
        where = f"{entry.meta.get('filename')}:{entry.meta.get('lineno')}"
        units = entry.postings[0].units
        amount = units.number if units is not None else ""
        print(f"  {where}: {entry.date} {amount} {entry.narration}", file=sys.stderr)


def _report_skipped(batches: Sequence[safe_append.Batch], files: Sequence[str]) -> None:
    """What the files hold but the import does not book (a BgMax deposit in EUR)."""
    for path, (importer, _) in zip(files, batches, strict=True):
        for skipped in importer.skipped(path):
            print(f"finsam import: not booked: {skipped}", file=sys.stderr)


def _append(args: argparse.Namespace) -> int:
    """``extract --append``: the whole read-deduplicate-validate-write under the lock."""
    used: list[BankImporter] = []
    made: list[safe_append.Batch] = []

    def batches(ledger: safe_append.Loaded | None) -> list[safe_append.Batch]:
        _note_errors(args.existing or args.append, ledger)
        importers = _importers(args, ledger)
        used[:] = importers
        made[:] = _batches(importers, args.files)
        return made

    try:
        result = safe_append.append(args.append, args.existing, batches)
    except safe_append.NewErrors as fault:
        printer.print_errors(fault.errors, file=sys.stderr)
        raise
    except OSError as exc:
        raise Misuse(_os_error(args.append, exc)) from None
    count = len(result.entries)
    print(f"finsam import: {count} new entries appended to {args.append}", file=sys.stderr)
    if used:
        _report_unmatched(result.entries, used[0].settings.unmatched)
    _report_skipped(made, args.files)
    return 0


def _os_error(path: str, exc: OSError) -> str:
    """One line: the file the system names (else ``path``), the reason, nothing written."""
    return f"{exc.filename or path}: {exc.strerror or exc}; nothing written"


def _output(path: str, text: str, ledger_files: Sequence[str]) -> None:
    """Write ``extract -o``: never a ledger file, nor a file another program wrote."""
    safe_files.refuse_ledger_file(path, ledger_files)
    head, newline, rest = text.partition("\n")
    if head.startswith(";"):  # beangulp's mode line stays first
        text = f"{head}{newline}{EXTRACT_MARK}\n{rest}"
    else:
        text = f"{EXTRACT_MARK}\n{text}"
    content = text.encode("utf-8")
    target = safe_files.real_path(path)
    if target.exists() and not target.is_file() and not target.is_dir():
        safe_files.write_bytes(path, content)  # /dev/stdout, a pipe
        return

    def change(old: bytes | None) -> bytes:
        if old and old.strip() and not _written_by_extract(old):
            raise safe_files.Refused(
                f"{path}: the file exists and was not written by finsam import extract -o; "
                "nothing written (choose another name, or remove it first)"
            )
        return content

    safe_files.update(path, change)


def _written_by_extract(content: bytes) -> bool:
    lines = content.split(b"\n", 2)[:2]
    return any(line.rstrip(b"\r").decode("utf-8", "replace") == EXTRACT_MARK for line in lines)


def _extract(args: argparse.Namespace) -> int:
    if args.append:
        return _append(args)
    ledger = safe_append.load(args.existing) if args.existing else None
    _note_errors(args.existing, ledger)
    existing = ledger.entries if ledger is not None else []
    importers = _importers(args, ledger)
    batches = _batches(importers, args.files)
    marked = safe_append.mark_duplicates(batches, existing)
    extracted = [
        (path, entries, importer.account(path), importer)
        for path, (importer, _), entries in zip(args.files, batches, marked, strict=True)
    ]
    new = [e for entries in marked for e in entries if not e.meta.get(safe_append.DUPLICATE)]
    buffer = io.StringIO()
    beangulp_extract.print_extracted_entries(extracted, buffer)
    if args.output:
        try:
            _output(args.output, buffer.getvalue(), ledger.files if ledger is not None else [])
        except OSError as exc:
            raise Misuse(_os_error(args.output, exc)) from None
    else:
        sys.stdout.write(buffer.getvalue())
    _report_unmatched(new, importers[0].settings.unmatched)
    _report_skipped(batches, args.files)
    return 0


def _identify_all(args: argparse.Namespace) -> int:
    """Each file's format and account, or its error; 1 if any file failed."""
    ledger = safe_append.load(args.existing) if args.existing else None
    importers = _importers(args, ledger)
    failed = False
    for path in args.files:
        try:
            importer = _identify(importers, path)
        except ImportFault as fault:
            print(f"finsam import: {fault}", file=sys.stderr)
            failed = True
            continue
        try:
            account = importer.account(path)
        except (ImportFault, OSError, ValueError) as exc:
            # The format is known; the content cannot be booked (say which format it is).
            print(f"{path}: {importer.name}")
            print(f"finsam import: {exc}", file=sys.stderr)
            failed = True
            continue
        print(f"{path}: {importer.name} -> {account}")
    return EXIT_BAD_DATA if failed else 0


def _archive(args: argparse.Namespace) -> int:
    """Move each file to DESTINATION/<account>/<date>.<name>, never over another file.

    Every file's place is worked out first (beangulp's naming); then, under
    the lock on the destination, each is linked into place (a link never
    replaces an existing file, so two runs at once cannot lose one) and
    only then removed from where it was.
    """
    root = Path(args.destination)
    if not root.is_dir():
        raise Misuse(f"-o {args.destination}: no such folder")
    ledger = safe_append.load(args.existing) if args.existing else None
    importers = _importers(args, ledger)
    moves: list[tuple[Path, Path]] = []
    for path in args.files:
        target = root / beangulp_archive.filepath(_identify(importers, path), path)
        if target.exists() or any(target == planned for _, planned in moves):
            raise safe_files.Refused(f"{target}: a file of that name is archived already")
        moves.append((Path(path), target))
    for source, target in moves:
        print(f"{source} -> {target}")
    if args.dry_run:
        return 0
    with safe_files.locked(safe_files.real_path(root)):
        for source, target in moves:
            target.parent.mkdir(parents=True, exist_ok=True)
            _link(source, target)
            source.unlink()
    return 0


def _link(source: Path, target: Path) -> None:
    """``target`` as a new name of ``source``'s content; refused if ``target`` exists."""
    try:
        os.link(source, target)
        return
    except FileExistsError:
        raise safe_files.Refused(f"{target}: a file of that name is archived already") from None
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    # Another file system: copy beside the target, then link the copy into place.
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}{safe_files.TEMP_MARK}", dir=target.parent)
    os.close(fd)
    try:
        shutil.copy2(source, temp)
        try:
            os.link(temp, target)
        except FileExistsError:
            raise safe_files.Refused(f"{target}: a file of that name is archived already") from None
    finally:
        Path(temp).unlink(missing_ok=True)


def run(args: argparse.Namespace) -> int:
    """Run ``finsam import``: 0 done, 1 bad data, 2 misuse; errors as one line each."""
    try:
        _check_arguments(args)
        if args.import_command == "identify":
            return _identify_all(args)
        if args.import_command == "extract":
            return _extract(args)
        return _archive(args)
    except ImportFault as fault:
        print(f"finsam import: {fault}", file=sys.stderr)
        return EXIT_BAD_DATA
    except (Misuse, safe_files.Refused) as exc:
        print(f"finsam import: {exc}", file=sys.stderr)
        return EXIT_MISUSE
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"finsam import: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_MISUSE

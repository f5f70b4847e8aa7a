"""Time ``finsam report`` against ``bean-check`` on a synthetic ledger.

Usage::

    python bench/run.py                       # 50 000 transactions, best of 3
    python bench/run.py --transactions 200000 --repeat 5
    python bench/run.py --dir /tmp/finsam-bench   # keep the ledger between runs

Run it with the Python of the virtual environment that has finsam-ledger
installed (``.venv/bin/python bench/run.py``): both commands are taken from
the directory of that interpreter, ``bean-check`` and ``finsam``.

The script first writes a ledger with ``bench/generate.py`` (see its
docstring for what the ledger contains). Without ``--dir`` the ledger goes to
a temporary directory that is removed afterwards. With ``--dir`` an existing
ledger there is reused when the stamp in its ``main.beancount`` says it has
the requested number of transactions; otherwise it is generated anew.

It then times, alternating and ``--repeat`` times each,

* ``bean-check DIR/main.beancount``
* ``finsam report DIR/main.beancount --year LAST --format json -o /dev/null``

where LAST is the ledger's last year, both with
``BEANCOUNT_DISABLE_LOAD_CACHE=1`` so that neither reads Beancount's pickle
cache. Wall-clock time includes interpreter start-up and imports. The best
(minimum) time of each is reported, with the ratio report/bean-check; the
target is a ratio of at most 1.2, since a report loads the same ledger and
should cost little on top of checking it.

This is a measurement, not a test: the exit status is 0 whatever the ratio.
It is non-zero only when generating the ledger or one of the two commands
fails; then the command and its error output are printed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATE = HERE / "generate.py"
TARGET = 1.2
STAMP = re.compile(
    r"^; generated-by: bench/generate\.py --transactions (\d+)"
    r" --years (\d{4})-(\d{4}) --seed (\d+)$",
    re.MULTILINE,
)


class CommandFailed(Exception):
    """A subprocess exited with an error."""

    def __init__(self, command: Sequence[str], code: int, stdout: str, stderr: str) -> None:
        super().__init__(f"{' '.join(command)} exited with status {code}")
        self.stdout = stdout
        self.stderr = stderr


@dataclass(frozen=True)
class Ledger:
    """A generated ledger, as its stamp describes it."""

    main: Path
    transactions: int
    first_year: int
    last_year: int
    seed: int


def read_stamp(main: Path) -> Ledger | None:
    """The stamp of a generated main.beancount, or None."""
    try:
        with main.open(encoding="utf-8") as handle:
            head = handle.read(1000)
    except OSError:
        return None
    match = STAMP.search(head)
    if match is None:
        return None
    n, first, last, seed = (int(group) for group in match.groups())
    return Ledger(main, n, first, last, seed)


def run(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Run a command to completion; its wall time in seconds."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise CommandFailed(command, 127, "", f"{exc}\n") from exc
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise CommandFailed(command, proc.returncode, proc.stdout, proc.stderr)
    return elapsed


def ensure_ledger(directory: Path, transactions: int) -> tuple[Ledger, bool]:
    """A ledger with ``transactions`` transactions in ``directory``.

    Returns the ledger and whether an existing one was reused.
    """
    main = directory / "main.beancount"
    found = read_stamp(main)
    if found is not None and found.transactions == transactions:
        return found, True
    command = [sys.executable, str(GENERATE), "--transactions", str(transactions)]
    run([*command, "-o", str(directory)])
    made = read_stamp(main)
    if made is None:
        raise CommandFailed(command, 1, "", f"{main} has no generate.py stamp\n")
    return made, False


def measure(ledger: Ledger, repeat: int) -> tuple[float, float]:
    """Best wall times (bean-check, finsam report), runs alternating."""
    bindir = Path(sys.executable).parent
    env = dict(os.environ, BEANCOUNT_DISABLE_LOAD_CACHE="1")
    check = [str(bindir / "bean-check"), str(ledger.main)]
    report = [
        str(bindir / "finsam"),
        "report",
        str(ledger.main),
        "--year",
        str(ledger.last_year),
        "--format",
        "json",
        "-o",
        os.devnull,
    ]
    checks: list[float] = []
    reports: list[float] = []
    for i in range(repeat):
        checks.append(run(check, env))
        reports.append(run(report, env))
        print(
            f"run {i + 1}/{repeat}: bean-check {checks[-1]:.3f} s, "
            f"finsam report {reports[-1]:.3f} s",
            flush=True,
        )
    return min(checks), min(reports)


def table(transactions: int, check: float, report: float) -> str:
    """The result table."""
    ratio = report / check if check > 0 else float("inf")
    head = ("transactions", "bean-check (s)", "finsam report (s)", "report/bean-check", "target")
    row = (
        str(transactions),
        f"{check:.3f}",
        f"{report:.3f}",
        f"{ratio:.2f}",
        f"≤ {TARGET}",
    )
    widths = [max(len(h), len(c)) for h, c in zip(head, row, strict=True)]
    lines = [
        "  ".join(h.rjust(w) for h, w in zip(head, widths, strict=True)),
        "  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)),
    ]
    return "\n".join(lines)


def positive(text: str) -> int:
    """An argparse type: a positive integer."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def benchmark(directory: Path, transactions: int, repeat: int) -> None:
    """Generate or reuse the ledger, measure and print the table."""
    ledger, reused = ensure_ledger(directory, transactions)
    how = "reused" if reused else "generated"
    print(
        f"ledger ({how}): {ledger.main}\n"
        f"  {ledger.transactions} transactions, {ledger.first_year}-{ledger.last_year},"
        f" seed {ledger.seed}; report year {ledger.last_year}\n"
        f"  best of {repeat} run(s) each, BEANCOUNT_DISABLE_LOAD_CACHE=1",
        flush=True,
    )
    check, report = measure(ledger, repeat)
    print()
    print(table(ledger.transactions, check, report))


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description="Time finsam report against bean-check on a synthetic ledger.",
        epilog="See the module docstring (python -m pydoc bench/run.py).",
    )
    parser.add_argument(
        "--transactions",
        "-n",
        type=positive,
        default=50_000,
        metavar="N",
        help="transactions in the generated ledger (default 50000)",
    )
    parser.add_argument(
        "--repeat",
        type=positive,
        default=3,
        help="runs of each command; the best counts (default 3)",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="keep the ledger here and reuse it if it has N transactions "
        "(default: a temporary directory)",
    )
    args = parser.parse_args(argv)
    try:
        if args.dir is not None:
            benchmark(args.dir, args.transactions, args.repeat)
        else:
            with tempfile.TemporaryDirectory(prefix="finsam-bench-") as tmp:
                benchmark(Path(tmp), args.transactions, args.repeat)
    except CommandFailed as exc:
        print(f"run.py: {exc}", file=sys.stderr)
        if exc.stdout.strip():
            print(exc.stdout.rstrip(), file=sys.stderr)
        print(exc.stderr.rstrip(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time bean-check, ``finsam report`` and Fava's page against plain Beancount.

Usage::

    python bench/run.py                            # 3 000 and 50 000 transactions, 5 rounds
    python bench/run.py --sizes 3000 --repeat 3    # one size, 3 rounds
    python bench/run.py --transactions 200000      # one size (-n N, the old option)
    python bench/run.py --dir /tmp/finsam-bench    # keep the ledgers, DIR/N/, and reuse them
    python bench/run.py --no-fava --json out.json  # skip Fava; also write every time as JSON

Run it with the Python of the virtual environment that has finsam-ledger
installed (``.venv/bin/python bench/run.py``, or after activating it): the
commands are taken from that interpreter's directory (``bean-check``,
``finsam``) and Fava is imported by it.

For each size N the script writes a ledger with ``bench/generate.py`` (see
its docstring): ``main.beancount`` enables the six plugins with exactly the
plugin lines of ``ledger/main.beancount``, and ``plain.beancount`` is the
same ledger with the project's plugin lines removed. Without ``--dir`` the
ledgers go to a temporary directory removed afterwards; with ``--dir`` a
ledger in ``DIR/N/`` is reused when its stamp has the same N, years and seed,
``plain.beancount`` is there and its plugin lines are still the example's.
Y below is the ledger's last year, a full year with a deficit two years
before it.

Each command runs once first, unmeasured: this checks that it succeeds (the
generated ledger has no errors with the plugins) and warms the file cache.
Then ``--repeat`` rounds time, interleaved (one of each per round, in an
order that rotates from round to round):

(a) ``bean-check plain.beancount``: Beancount's own load and checks;
(b) ``bean-check main.beancount``: the same with the six plugins;
(c) ``finsam report main.beancount --year Y -o /dev/null``: all tables.

All with ``BEANCOUNT_DISABLE_LOAD_CACHE=1``, so nothing reads Beancount's
pickle cache; wall time includes interpreter start-up and imports. Python's
bytecode is cached as in an installation, in ``pycache/`` beside the ledgers
(``PYTHONPYCACHEPREFIX``; ``PYTHONDONTWRITEBYTECODE`` is dropped), so that
compiling is left to the unmeasured first runs. Each
ratio is the ratio of the medians. Targets (from the issue), at 3 000 and at
50 000 transactions:

* b/a ≤ 1.2 (3 000) and ≤ 1.1 (50 000);
* c/a ≤ 1.3 (3 000) and ≤ 1.15 (50 000);
* Fava: the extension's page ``/<slug>/extension/KommunalRedovisning/?time=Y``,
  its first GET after a load, ≤ 1.0 × the first GET of Fava's own
  ``/<slug>/api/income_statement?time=Y``, each on a fresh app
  (``bench/fava_page.py``, run in a subprocess; a warm-up round is not
  counted). Fava's own report page and a second GET of the extension's page
  are shown for context.

The targets are on wall time. The CPU time of each command (user and
system, from ``getrusage``; for Fava the process's CPU time during the
request) and the ratios by CPU time are shown too, for information: other
work on the machine disturbs them less.

A size other than 3 000 or 50 000 gets the targets of the nearer of the two
(on a log scale). Once per run, also interleaved, at least five times:
``finsam --help`` and ``finsam report missing.beancount --year 2021`` (a
missing file, exit status 2), each ≤ 0.2 s; ``python -c pass`` is shown as
the interpreter's own start-up.

This is a measurement, not a test: the exit status is 0 whatever the
figures, and non-zero only when generating a ledger or a command fails
(bean-check finding errors in the generated ledger, say); then the command
and its error output are printed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from generate import read_example

HERE = Path(__file__).resolve().parent
GENERATE = HERE / "generate.py"
FAVA_PAGE = HERE / "fava_page.py"
DEFAULT_SIZES = (3_000, 50_000)
DEFAULT_YEARS = "2019-2023"
# Targets by size: (b/a, c/a, page/api).
TARGETS: Mapping[int, tuple[float, float, float]] = {
    3_000: (1.2, 1.3, 1.0),
    50_000: (1.1, 1.15, 1.0),
}
STARTUP_TARGET = 0.2
STARTUP_MIN_RUNS = 5
STAMP = re.compile(
    r"^; generated-by: bench/generate\.py --transactions (\d+)"
    r" --years (\d{4})-(\d{4}) --seed (\d+)$",
    re.MULTILINE,
)
PLUGIN_LINE = re.compile(r"^plugin\s", re.MULTILINE)


class CommandFailed(Exception):
    """A subprocess exited with an unexpected status."""

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

    @property
    def plain(self) -> Path:
        """The same ledger without the project's plugins."""
        return self.main.with_name("plain.beancount")


@dataclass
class Size:
    """The measurements of one ledger size."""

    ledger: Ledger
    times: dict[str, list[float]] = field(default_factory=dict)
    fava: dict[str, Any] | None = None

    def median(self, key: str) -> float | None:
        """The median of a measurement, or None if it was not taken."""
        values = self.times.get(key)
        if not values and self.fava is not None:
            values = self.fava["runs"].get(key)
        return statistics.median(values) if values else None


# ---------------------------------------------------------------------------
# Running commands


class Timing(NamedTuple):
    """The wall time and the CPU time (user and system) of a command, in seconds."""

    wall: float
    cpu: float


def run(
    command: Sequence[str], env: Mapping[str, str] | None = None, ok: Sequence[int] = (0,)
) -> Timing:
    """Run a command to completion; its times."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            command, env=dict(env) if env else None, capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise CommandFailed(command, 127, "", f"{exc}\n") from exc
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in ok:
        raise CommandFailed(command, proc.returncode, proc.stdout, proc.stderr)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Timing(elapsed, cpu)


def bench_env() -> dict[str, str]:
    """The environment of every measured command."""
    return dict(os.environ, BEANCOUNT_DISABLE_LOAD_CACHE="1")


def tool(name: str) -> str:
    """A command of the virtual environment this script runs in."""
    return str(Path(sys.executable).parent / name)


def rounds(
    commands: Mapping[str, tuple[list[str], Sequence[int]]],
    repeat: int,
    label: str,
) -> dict[str, list[float]]:
    """``repeat`` interleaved rounds of the commands.

    The wall times of each under its name, its CPU times under ``cpu-NAME``.
    """
    env = bench_env()
    names = list(commands)
    times: dict[str, list[float]] = {}
    for i in range(repeat):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            command, ok = commands[name]
            timing = run(command, env, ok)
            times.setdefault(name, []).append(timing.wall)
            times.setdefault(f"cpu-{name}", []).append(timing.cpu)
        shown = ", ".join(f"{name} {times[name][-1]:.3f} s" for name in names)
        print(f"  {label} round {i + 1}/{repeat}: {shown}", flush=True)
    return times


# ---------------------------------------------------------------------------
# Ledgers


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


def plugin_lines(path: Path) -> list[str]:
    """The plugin lines of a ledger file, as written."""
    text = path.read_text(encoding="utf-8")
    return [line.rstrip() for line in text.splitlines() if PLUGIN_LINE.match(line)]


def reusable(found: Ledger | None, transactions: int, years: str, seed: int) -> bool:
    """Whether a ledger found in --dir is the one asked for, with today's plugin lines."""
    if found is None or not found.plain.is_file():
        return False
    if (found.transactions, f"{found.first_year}-{found.last_year}", found.seed) != (
        transactions,
        years if "-" in years else f"{years}-{years}",
        seed,
    ):
        return False
    return plugin_lines(found.main) == list(read_example().plugins)


def ensure_ledger(directory: Path, transactions: int, years: str, seed: int) -> Ledger:
    """A ledger with ``transactions`` transactions in ``directory``, generated if need be."""
    main = directory / "main.beancount"
    found = read_stamp(main)
    if reusable(found, transactions, years, seed) and found is not None:
        print(f"ledger (reused): {main}", flush=True)
        return found
    command = [
        sys.executable,
        str(GENERATE),
        "--transactions",
        str(transactions),
        "--years",
        years,
        "--seed",
        str(seed),
        "-o",
        str(directory),
    ]
    elapsed = run(command).wall
    made = read_stamp(main)
    if made is None:
        raise CommandFailed(command, 1, "", f"{main} has no generate.py stamp\n")
    print(f"ledger (generated in {elapsed:.1f} s): {main}", flush=True)
    return made


# ---------------------------------------------------------------------------
# Measuring


def measure_size(ledger: Ledger, repeat: int, fava: bool) -> Size:
    """Warm up, then time (a), (b), (c) interleaved, then Fava."""
    year = str(ledger.last_year)
    commands: dict[str, tuple[list[str], Sequence[int]]] = {
        "plain": ([tool("bean-check"), str(ledger.plain)], (0,)),
        "rules": ([tool("bean-check"), str(ledger.main)], (0,)),
        "report": (
            [tool("finsam"), "report", str(ledger.main), "--year", year, "-o", os.devnull],
            (0,),
        ),
    }
    env = bench_env()
    warm = {name: run(command, env, ok).wall for name, (command, ok) in commands.items()}
    print(
        "  checked (unmeasured): "
        + ", ".join(f"{name} {seconds:.3f} s" for name, seconds in warm.items()),
        flush=True,
    )
    size = Size(ledger, rounds(commands, repeat, f"{ledger.transactions} tx"))
    if fava:
        size.fava = measure_fava(ledger, repeat)
    return size


def measure_fava(ledger: Ledger, repeat: int) -> dict[str, Any]:
    """bench/fava_page.py in a subprocess; its JSON result."""
    command = [
        sys.executable,
        str(FAVA_PAGE),
        str(ledger.main),
        "--year",
        str(ledger.last_year),
        "--repeat",
        str(repeat),
    ]
    print(f"  Fava: {repeat + 1} rounds of 3 fresh loads (one warm-up) ...", flush=True)
    try:
        proc = subprocess.run(
            command, env=bench_env(), stdout=subprocess.PIPE, text=True, check=False
        )
    except OSError as exc:
        raise CommandFailed(command, 127, "", f"{exc}\n") from exc
    if proc.returncode != 0:
        raise CommandFailed(command, proc.returncode, proc.stdout, "(its error is printed above)")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def measure_startup(directory: Path, repeat: int) -> dict[str, list[float]]:
    """``finsam --help``, ``finsam report`` on a missing file, and ``python -c pass``."""
    missing = directory / "missing.beancount"
    commands: dict[str, tuple[list[str], Sequence[int]]] = {
        "help": ([tool("finsam"), "--help"], (0,)),
        "missing": ([tool("finsam"), "report", str(missing), "--year", "2021"], (2,)),
        "python": ([sys.executable, "-c", "pass"], (0,)),
    }
    env = bench_env()
    for command, ok in commands.values():
        run(command, env, ok)  # warm the file cache; fail early
    return rounds(commands, repeat, "start-up")


# ---------------------------------------------------------------------------
# Printing


def targets_for(transactions: int) -> tuple[float, float, float]:
    """The targets of the nearer of 3 000 and 50 000 (log scale)."""
    middle = math.sqrt(DEFAULT_SIZES[0] * DEFAULT_SIZES[1])
    return TARGETS[DEFAULT_SIZES[0] if transactions <= middle else DEFAULT_SIZES[1]]


def mark(value: float | None, target: float) -> str:
    """✓ or ✗."""
    if value is None:
        return "-"
    return "✓" if value <= target else "✗"


def seconds(value: float | None) -> str:
    """A time for the table."""
    return "-" if value is None else f"{value:.3f} s"


def spread(values: Sequence[float] | None) -> str:
    """Median and range of a measurement."""
    if not values:
        return "-"
    return f"{statistics.median(values):.3f} s ({min(values):.3f}–{max(values):.3f})"


def ratio(top: float | None, bottom: float | None) -> float | None:
    """top/bottom, or None."""
    if top is None or bottom is None or bottom <= 0:
        return None
    return top / bottom


def render(rows: Sequence[Sequence[str]]) -> str:
    """A table: the first column left-aligned, the others right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def fava_runs(size: Size, key: str) -> list[float] | None:
    """The times of a Fava measurement, if taken."""
    if size.fava is None:
        return None
    values: list[float] | None = size.fava["runs"].get(key)
    return values


def size_table(size: Size) -> str:
    """The times of one size: median (min–max) wall time and median CPU time of each."""
    year = size.ledger.last_year

    def row(label: str, key: str) -> tuple[str, str, str]:
        values = size.times.get(key) or fava_runs(size, key)
        return label, spread(values), seconds(size.median(f"cpu-{key}"))

    rows = [
        ("measure", "wall: median (min–max)", "CPU: median"),
        row("(a) bean-check plain.beancount (no project plugins)", "plain"),
        row("(b) bean-check main.beancount (six plugins)", "rules"),
        row(f"(c) finsam report main.beancount --year {year}", "report"),
    ]
    if size.fava is not None:
        warm = size.fava["warmup"]
        rows += [
            row("Fava: extension page, first GET after load", "page"),
            row("Fava: api/income_statement, first GET after load", "api"),
            row("Fava: own page income_statement/, first GET (info)", "fava"),
            row("Fava: extension page, second GET (info)", "page-again"),
            ("Fava: load, create_app (info)", spread(fava_runs(size, "load-page")), ""),
            (
                "Fava warm-up round, not counted: page / api",
                f"{warm['page']:.3f} s / {warm['api']:.3f} s",
                "",
            ),
        ]
    return render(rows)


def summary(sizes: Sequence[Size], startup: Mapping[str, list[float]], repeat: int) -> str:
    """The final table: every measure and target, one column per size."""
    fava = any(s.fava is not None for s in sizes)
    years = sorted({s.ledger.last_year for s in sizes})
    year = str(years[0]) if len(years) == 1 else "Y"
    rows: list[list[str]] = [
        ["wall time, median", *(f"{s.ledger.transactions:,} tx".replace(",", " ") for s in sizes)]
    ]
    measures = [
        ("(a) bean-check plain.beancount", "plain"),
        ("(b) bean-check main.beancount", "rules"),
        (f"(c) finsam report --year {year}", "report"),
    ]
    if fava:
        measures += [
            ("Fava extension page, first GET", "page"),
            ("Fava api/income_statement, first GET", "api"),
        ]
    for label, key in measures:
        rows.append([label, *(seconds(s.median(key)) for s in sizes)])
    rows.append(["", *("" for _ in sizes)])
    rows.append(["target (ratio of medians)", *("ratio  target" for _ in sizes)])

    def line(label: str, index: int, top: str, bottom: str) -> list[str]:
        cells = [label]
        for s in sizes:
            target = targets_for(s.ledger.transactions)[index]
            value = ratio(s.median(top), s.median(bottom))
            shown = "-" if value is None else f"{value:.2f}"
            cells.append(f"{shown} ≤ {target:.2f} {mark(value, target)}")
        return cells

    def cpu_line(label: str, top: str, bottom: str) -> list[str]:
        cells = [label]
        for s in sizes:
            value = ratio(s.median(f"cpu-{top}"), s.median(f"cpu-{bottom}"))
            cells.append("-" if value is None else f"{value:.2f}      ")
        return cells

    rows.append(line("b/a  bean-check with plugins / plain", 0, "rules", "plain"))
    rows.append(line("c/a  finsam report / plain bean-check", 1, "report", "plain"))
    if fava:
        rows.append(line("Fava page / Fava income statement API", 2, "page", "api"))
    rows.append(cpu_line("  b/a by CPU time (info)", "rules", "plain"))
    rows.append(cpu_line("  c/a by CPU time (info)", "report", "plain"))
    if fava:
        rows.append(cpu_line("  page/API by CPU time (info)", "page", "api"))
    for key, label in (
        ("help", "finsam --help"),
        ("missing", "finsam report missing.beancount --year 2021"),
    ):
        value = statistics.median(startup[key])
        cell = f"{value:.3f} s ≤ {STARTUP_TARGET} s {mark(value, STARTUP_TARGET)}"
        rows.append([label, cell, *("" for _ in sizes[1:])])
    python = statistics.median(startup["python"])
    rows.append(["(python -c pass, for reference)", f"{python:.3f} s", *("" for _ in sizes[1:])])
    title = (
        f"Summary: medians of {repeat} interleaved rounds per size "
        f"(start-up: {len(startup['help'])}); BEANCOUNT_DISABLE_LOAD_CACHE=1"
    )
    return title + "\n\n" + render(rows)


# ---------------------------------------------------------------------------
# Command line


def positive(text: str) -> int:
    """An argparse type: a positive integer."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def sizes_list(text: str) -> list[int]:
    """An argparse type: sizes such as ``3000,50000``."""
    try:
        sizes = [positive(part.strip().replace("_", "")) for part in text.split(",") if part]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected sizes such as 3000,50000: {text!r}") from exc
    if not sizes:
        raise argparse.ArgumentTypeError(f"expected sizes such as 3000,50000: {text!r}")
    return sizes


def load_average() -> str:
    """The system's load average, as a phrase."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def benchmark(directory: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Every size, then start-up; prints as it goes and returns the raw times."""
    # Bytecode as an installation has it: compiled once (by the unmeasured
    # first runs) and cached, here outside the source tree.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(directory / "pycache")
    sizes: list[Size] = []
    print(f"{os.cpu_count()} CPU(s); {load_average()}", flush=True)
    for n in args.sizes:
        print(f"\n== {n} transactions", flush=True)
        ledger = ensure_ledger(directory / str(n), n, args.years, args.seed)
        print(
            f"  {ledger.transactions} transactions, {ledger.first_year}-{ledger.last_year},"
            f" seed {ledger.seed}; report year {ledger.last_year}",
            flush=True,
        )
        size = measure_size(ledger, args.repeat, fava=not args.no_fava)
        print()
        print(size_table(size), flush=True)
        sizes.append(size)
    print("\n== start-up", flush=True)
    startup = measure_startup(directory, max(args.repeat, STARTUP_MIN_RUNS))
    print()
    print(summary(sizes, startup, args.repeat), flush=True)
    print(f"\n{load_average()} (other work on the machine makes the times noisier)")
    return {
        "repeat": args.repeat,
        "sizes": [
            {
                "transactions": s.ledger.transactions,
                "years": [s.ledger.first_year, s.ledger.last_year],
                "seed": s.ledger.seed,
                "times": s.times,
                "fava": s.fava,
            }
            for s in sizes
        ],
        "startup": startup,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description="Time bean-check with the plugins, finsam report and Fava's page "
        "against plain Beancount on synthetic ledgers.",
        epilog="See the module docstring (python -m pydoc bench/run.py).",
    )
    parser.add_argument(
        "--sizes",
        type=sizes_list,
        default=list(DEFAULT_SIZES),
        metavar="N,N",
        help="transactions of each ledger (default 3000,50000)",
    )
    parser.add_argument(
        "--transactions",
        "-n",
        type=positive,
        default=None,
        metavar="N",
        help="one size only: the same as --sizes N",
    )
    parser.add_argument(
        "--repeat",
        type=positive,
        default=5,
        help="interleaved rounds per size; the medians count (default 5)",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="keep the ledgers in DIR/N/ and reuse them (default: a temporary directory)",
    )
    parser.add_argument("--years", default=DEFAULT_YEARS, help=f"default {DEFAULT_YEARS}")
    parser.add_argument("--seed", type=int, default=1, help="default 1")
    parser.add_argument("--no-fava", action="store_true", help="skip the Fava measure")
    parser.add_argument("--json", type=Path, default=None, help="also write every time here")
    args = parser.parse_args(argv)
    if args.transactions is not None:
        args.sizes = [args.transactions]
    try:
        if args.dir is not None:
            result = benchmark(args.dir, args)
        else:
            with tempfile.TemporaryDirectory(prefix="finsam-bench-") as tmp:
                result = benchmark(Path(tmp), args)
    except CommandFailed as exc:
        print(f"run.py: {exc}", file=sys.stderr)
        if exc.stdout.strip():
            print(exc.stdout.rstrip()[-5000:], file=sys.stderr)
        print(exc.stderr.rstrip()[-5000:], file=sys.stderr)
        return 1
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

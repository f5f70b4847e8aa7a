"""Benchmark: extracting a large bank file, beside beangulp's plain csvbase importer.

Usage::

    python bench/import_bench.py                 # 100 000 rows
    python bench/import_bench.py --rows 20000 --repeat 3

Writes a Swedbank ``Transaktioner`` file (cp1252, preamble, newest first,
running balance) with ``--rows`` rows into a temporary folder, then extracts
it, in separate processes so that memory is measured cleanly:

* ``finsam``: the project's importer (content identification, exact
  row identities, categorisation rules, balance assertion);
* ``csvbase``: a minimal ``beangulp.importers.csvbase.Importer`` for the
  same columns (date, amount, text, balance), as a reference.

Prints wall time (best of ``--repeat``) and peak memory (max RSS) of each and
the ratios finsam/csvbase; the target is at most 1.5. A measurement, not a
test: it exits non-zero only if a run fails.
"""

from __future__ import annotations

import argparse
import datetime
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

TARGET = 1.5
HEADER = (
    "Radnummer,Clearingnummer,Kontonummer,Produkt,Valuta,Bokföringsdag,Transaktionsdag,"
    "Valutadag,Referens,Beskrivning,Belopp,Bokfört saldo"
)
PAYEES = ["FÖRSÄKRINGSKASSAN", "REGION EXEMPELLÄN", "EXEMPELSTADS KOMMUN", "KONTORSBOLAGET AB"]


def generate(path: Path, rows: int, seed: int = 1) -> None:
    """A Swedbank 2019 file with ``rows`` rows."""
    rng = random.Random(seed)
    # One day per ~30 rows keeps 100 000 rows within the readers' plausible dates.
    day = datetime.date(2016, 1, 1)
    balance = Decimal("1000000.00")
    lines = []
    for number in range(rows):
        if rng.random() < 1 / 30:
            day += datetime.timedelta(days=1)
        amount = Decimal(rng.randint(-5_000_000, 5_000_000)) / 100
        balance += amount
        payee = rng.choice(PAYEES)
        lines.append(
            f'{rows - number},83279,0000000000,"Företagskonto",SEK,{day},{day},{day},'
            f'"{payee}","Överföring",{amount:.2f},{balance:.2f}'
        )
    lines.reverse()
    preamble = f"* Transaktioner Period 2016-01-01–{day} Skapad {day} 09:00 CET"
    path.write_bytes(("\r\n".join([preamble, HEADER, *lines]) + "\r\n").encode("cp1252"))


def run_finsam(path: str) -> int:
    """Extract with the project's importer; the number of entries."""
    from finsam_ledger.importers.registry import importers
    from finsam_ledger.importers.settings import Settings

    [importer] = [imp for imp in importers(Settings()) if imp.identify(path)]
    entries = importer.extract(path, [])
    importer.deduplicate(entries, [])
    return len(entries)


def run_csvbase(path: str) -> int:
    """Extract with a plain csvbase importer for the same columns."""
    from beangulp.importers import csvbase

    class Swedbank(csvbase.Importer):  # type: ignore[misc]
        encoding = "cp1252"
        skiplines = 1
        date = csvbase.Date("Bokföringsdag", "%Y-%m-%d")
        narration = csvbase.Columns("Referens", "Beskrivning")
        amount = csvbase.Amount("Belopp")
        balance = csvbase.Amount("Bokfört saldo")

        def identify(self, filepath: str) -> bool:
            return filepath.endswith(".csv")

    importer = Swedbank("Tillgångar:Kassa-och-bank:Bank", "SEK")
    entries = importer.extract(path, [])
    return len(entries)


def _child(which: str, path: str) -> None:
    start = time.perf_counter()
    count = run_finsam(path) if which == "finsam" else run_csvbase(path)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{seconds:.6f} {peak_kb} {count}")


def _measure(which: str, path: Path) -> tuple[float, int, int]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", which, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        print(f"{which} failed:\n{result.stderr}", file=sys.stderr)
        raise SystemExit(1)
    seconds, peak, count = result.stdout.split()
    return float(seconds), int(peak), int(count)


def main() -> None:
    """Generate, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Transaktioner_bench.csv"
        generate(path, args.rows)
        results: dict[str, list[tuple[float, int, int]]] = {"finsam": [], "csvbase": []}
        for _ in range(args.repeat):
            for which in results:
                results[which].append(_measure(which, path))
    best = {which: min(runs) for which, runs in results.items()}
    peak = {which: max(r[1] for r in runs) for which, runs in results.items()}
    print(f"{args.rows} rows, best of {args.repeat}")
    print(f"{'importer':10} {'seconds':>8} {'peak MB':>8} {'entries':>8}")
    for which in results:
        print(f"{which:10} {best[which][0]:8.2f} {peak[which] / 1024:8.1f} {best[which][2]:8}")
    time_ratio = best["finsam"][0] / best["csvbase"][0]
    memory_ratio = peak["finsam"] / peak["csvbase"]
    ratios = f"time {time_ratio:.2f}, memory {memory_ratio:.2f}"
    print(f"ratio finsam/csvbase: {ratios} (target ≤ {TARGET})")


if __name__ == "__main__":
    main()

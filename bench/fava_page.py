"""Time the first render of Fava's "Kommunal redovisning" page after a load.

Usage::

    python bench/fava_page.py LEDGER --year 2023 --repeat 5

``bench/run.py`` runs this in a subprocess of its own; it can also be run by
hand. For every measurement a fresh Fava application is created with
``fava.application.create_app([LEDGER], load=True)``, which loads the ledger
(plugins included; not timed), and then one request is timed through Flask's
test client:

``page``
    ``/<slug>/extension/KommunalRedovisning/?time=YEAR``: the extension's
    page, whose first render after a load computes the report's tables;
``api``
    ``/<slug>/api/income_statement?time=YEAR``: Fava's own income statement
    for the same ledger and year, the reference (target: page/api ≤ 1.0);
``fava``
    ``/<slug>/income_statement/?time=YEAR``: Fava's own report page, which
    renders Fava's page layout (the extension's page has the same layout
    around it) and fetches the figures through the API; shown for context.

Each round creates one application per kind, in an order that rotates from
round to round (interleaved, not all of one kind first). A first round warms
the process (imports, caches of the interpreter) and is reported apart, not
in the medians. Also recorded: the load itself (``create_app``), a second
request of the extension's page on the same application (``page-again``),
and for each request the CPU time of the process (``cpu-KIND``), which other
work on the machine disturbs less than the wall time.

The applications use Fava's polling file watcher (no watcher threads pile
up) and are read-only. Set ``BEANCOUNT_DISABLE_LOAD_CACHE=1`` to keep
Beancount's pickle cache out (``bench/run.py`` does).

Prints one JSON object on stdout: ``{"slug": ..., "warmup": {kind: seconds},
"runs": {kind: [seconds, ...]}}``; progress goes to stderr. Exits non-zero,
with the reason, if a request does not answer 200 or the extension's page
shows no report for the year (the ledger has errors, say).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXTENSION = "KommunalRedovisning"
KINDS = ("page", "api", "fava")


class Failed(Exception):
    """A request did not give what it should."""


def url(kind: str, slug: str, year: int) -> str:
    """The URL a kind of measurement requests."""
    if kind == "page":
        return f"/{slug}/extension/{EXTENSION}/?time={year}"
    if kind == "api":
        return f"/{slug}/api/income_statement?time={year}"
    return f"/{slug}/income_statement/?time={year}"


def fresh_client(ledger: Path) -> tuple[Any, float]:
    """A test client of a new Fava app with the ledger loaded, and the load time."""
    from fava.application import create_app

    start = time.perf_counter()
    app = create_app([str(ledger)], load=True, read_only=True, poll_watcher=True)
    elapsed = time.perf_counter() - start
    app.testing = True
    return app.test_client(), elapsed


def find_slug(ledger: Path) -> str:
    """The ledger's slug in Fava's URLs (from the redirect of ``/``)."""
    client, _ = fresh_client(ledger)
    response = client.get("/", follow_redirects=False)
    location = str(response.headers.get("Location", ""))
    slug = location.strip("/").split("/")[0]
    if not slug:
        raise Failed(f"GET / answered {response.status_code} without a ledger to redirect to")
    return slug


def timed_get(client: Any, path: str) -> tuple[float, float, Any]:
    """One request: its wall time, the CPU time of the process meanwhile, the response."""
    gc.collect()
    cpu = time.process_time()
    start = time.perf_counter()
    response = client.get(path)
    return time.perf_counter() - start, time.process_time() - cpu, response


def fava_errors(client: Any, slug: str) -> str:
    """The first of the errors Fava reports for the ledger, as text for a message."""
    try:
        found = json.loads(client.get(f"/{slug}/api/errors").get_data(as_text=True))["data"]
    except (ValueError, KeyError, TypeError):
        return ""
    if not found:
        return ""
    first = " ".join(str(found[0].get("message", found[0])).split())
    return f"; Fava reports {len(found)} error(s), the first: {first}"


def check(client: Any, slug: str, kind: str, path: str, response: Any, year: int) -> None:
    """Raise Failed unless the response is a real answer."""
    if response.status_code != 200:
        raise Failed(f"GET {path} answered {response.status_code}{fava_errors(client, slug)}")
    if kind.startswith("page"):
        text = response.get_data(as_text=True)
        if f"Räkenskapsår {year}" not in text:
            raise Failed(f"GET {path} shows no report for {year}{fava_errors(client, slug)}")


def measure(ledger: Path, slug: str, year: int, kind: str) -> dict[str, float]:
    """One measurement of a kind on a fresh app: its first GET, and more for ``page``."""
    client, loaded = fresh_client(ledger)
    path = url(kind, slug, year)
    first, cpu, response = timed_get(client, path)
    check(client, slug, kind, path, response, year)
    out = {kind: first, f"cpu-{kind}": cpu, f"load-{kind}": loaded}
    if kind == "page":
        again, cpu, response = timed_get(client, path)
        check(client, slug, "page-again", path, response, year)
        out["page-again"] = again
        out["cpu-page-again"] = cpu
    del client, response
    gc.collect()
    return out


def run(ledger: Path, year: int, repeat: int) -> dict[str, Any]:
    """All rounds; the result as printed."""
    slug = find_slug(ledger)
    warmup: dict[str, float] = {}
    runs: dict[str, list[float]] = {}
    for round_ in range(repeat + 1):
        shift = round_ % len(KINDS)
        order = KINDS[shift:] + KINDS[:shift]
        got: dict[str, float] = {}
        for kind in order:
            got.update(measure(ledger, slug, year, kind))
        if round_ == 0:
            warmup = got
        else:
            for key, value in got.items():
                runs.setdefault(key, []).append(value)
        label = "warm-up" if round_ == 0 else f"{round_}/{repeat}"
        shown = ", ".join(f"{kind} {got[kind]:.3f} s" for kind in KINDS)
        print(f"  fava {label}: {shown}", file=sys.stderr, flush=True)
    return {"slug": slug, "warmup": warmup, "runs": runs}


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description="Time the first render of Fava's Kommunal redovisning page after a load.",
        epilog="See the module docstring (python -m pydoc bench/fava_page.py).",
    )
    parser.add_argument("ledger", type=Path, help="the ledger's main .beancount file")
    parser.add_argument("--year", type=int, required=True, help="the year to show")
    parser.add_argument("--repeat", type=int, default=5, help="rounds, after a warm-up (5)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    try:
        result = run(args.ledger, args.year, args.repeat)
    except Failed as exc:
        print(f"fava_page.py: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

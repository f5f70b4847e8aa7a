"""Snapshots of the example's reports: a change of layout is a reviewed diff.

The text, JSON, Markdown and HTML renderings of the 2021 årsredovisning
(``--year 2021``) and of the delårsrapport ``--period 2021-01-01..2021-06-30``,
written by the ``finsam`` command (``main([...])``, so the whole path is
covered), are compared with the files in ``tests/snapshots/``. A difference
fails with a unified diff.

After an intended change, regenerate the files and review the diff::

    FINSAM_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py

The outputs hold no timestamps; the repository's path and the test's
temporary folder, should they appear, are replaced by ``<repo>`` and
``<tmp>``.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from finsam_ledger.cli import main

from ledgers import EXAMPLE, REPO

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("FINSAM_UPDATE_SNAPSHOTS", "") not in ("", "0")

REPORTS = {
    "arsredovisning-2021": ["--year", "2021"],
    "delarsrapport-2021-06-30": ["--period", "2021-01-01..2021-06-30"],
}
# file suffix -> the command and its --format
FORMATS = {
    "txt": ("report", "text"),
    "json": ("report", "json"),
    "md": ("export", "md"),
    "html": ("export", "html"),
}


def _normalised(text: str, tmp_path: Path) -> str:
    return text.replace(str(tmp_path), "<tmp>").replace(str(REPO), "<repo>")


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("report", REPORTS)
def test_snapshot(report: str, suffix: str, tmp_path: Path) -> None:
    command, form = FORMATS[suffix]
    output = tmp_path / f"{report}.{suffix}"
    args = [command, str(EXAMPLE), *REPORTS[report], "--format", form, "-o", str(output)]
    assert main(args) == 0
    got = _normalised(output.read_text(encoding="utf-8"), tmp_path)
    expected_file = SNAPSHOTS / output.name
    if UPDATE:
        expected_file.write_text(got, encoding="utf-8", newline="")
        return
    if not expected_file.is_file():
        pytest.fail(
            f"no snapshot {expected_file.relative_to(REPO)}; write it with "
            "FINSAM_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py"
        )
    expected = expected_file.read_text(encoding="utf-8")
    if got != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                got.splitlines(keepends=True),
                fromfile=f"tests/snapshots/{output.name} (expected)",
                tofile=f"finsam {' '.join(args[:1] + args[2:-2])} (got)",
            )
        )
        pytest.fail(
            f"{output.name} differs from its snapshot; if the change is intended, regenerate "
            f"with FINSAM_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py\n{diff}",
            pytrace=False,
        )


def test_every_snapshot_is_tested() -> None:
    """No stale file in tests/snapshots/: each is one report in one format."""
    expected = {f"{report}.{suffix}" for report in REPORTS for suffix in FORMATS}
    assert {path.name for path in SNAPSHOTS.iterdir()} == expected

"""The ``finsam sie`` command (not yet available)."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(commands: Any) -> None:
    """Register the command."""
    commands.add_parser("sie", help="not yet available")


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    from finsam_ledger.cli import Misuse

    raise Misuse(f"finsam {args.command} is not yet available")

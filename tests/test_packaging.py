"""The installed package is complete: every source package is declared in setup.cfg.

A sub-package missing from ``packages`` still imports in an editable install
and breaks in a real one (``pip install .``); CI runs the tests against a
real install, and this test names the missing package directly.
"""

from __future__ import annotations

import configparser
from pathlib import Path

import finsam_ledger

from ledgers import REPO

# Source folder -> import name, as setup.cfg's package_dir maps them.
ROOTS = {
    "finsam_ledger": "finsam_ledger",
    "plugins": "finsam_ledger.plugins",
    "importers": "finsam_ledger.importers",
    "exports": "finsam_ledger.exports",
}


def _setup_cfg() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(REPO / "setup.cfg", encoding="utf-8")
    return config


def test_every_source_package_is_declared() -> None:
    options = _setup_cfg()["options"]
    declared = set(options["packages"].split())
    found = set()
    for folder, name in ROOTS.items():
        for init in (REPO / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(REPO / folder).parts
            found.add(".".join((name, *relative)))
    assert found == declared


def test_package_dir_maps_the_top_level_folders() -> None:
    mapping = dict(
        line.split(" = ") for line in _setup_cfg()["options"]["package_dir"].strip().splitlines()
    )
    assert mapping == {name: folder for folder, name in ROOTS.items()}


def test_plugins_import_under_the_namespaced_name() -> None:
    from finsam_ledger.exports import text
    from finsam_ledger.plugins import direktiv, kontoplan

    assert kontoplan.__plugins__ == ("kontoplan",)
    assert direktiv.__plugins__ == ("direktiv",)
    assert callable(text.render)
    # No top-level package named "plugins" is installed beside ours.
    assert Path(finsam_ledger.__file__).parent.name == "finsam_ledger"

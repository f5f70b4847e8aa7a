"""One package, found the same way by every tool: the folder is the import path.

``finsam_ledger/plugins``, ``finsam_ledger/importers`` and
``finsam_ledger/exports`` are symbolic links to the top-level folders the
users see, so that Python from the repository root, an editable install, a
real install (the wheel holds the files), mypy and an IDE all agree.
"""

from __future__ import annotations

import configparser
import importlib.metadata
import sysconfig
from pathlib import Path

import finsam_ledger

from ledgers import REPO

LINKED = ("plugins", "importers", "exports")


def _options() -> configparser.SectionProxy:
    config = configparser.ConfigParser()
    config.read(REPO / "setup.cfg", encoding="utf-8")
    return config["options"]


def test_every_source_package_is_declared() -> None:
    declared = set(_options()["packages"].split())
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "finsam_ledger").rglob("__init__.py")
    }
    # rglob does not descend into the linked folders: add them.
    for folder in LINKED:
        found |= {
            ".".join(("finsam_ledger", *init.parent.relative_to(REPO).parts))
            for init in (REPO / folder).rglob("__init__.py")
        }
    assert found == declared


def test_the_sub_packages_are_links_to_the_top_level_folders() -> None:
    assert "package_dir" not in _options()
    for folder in LINKED:
        link = REPO / "finsam_ledger" / folder
        assert link.is_symlink()
        assert link.resolve() == (REPO / folder).resolve()


def test_plugins_import_under_the_namespaced_name() -> None:
    from finsam_ledger.exports import text
    from finsam_ledger.plugins import direktiv, kontoplan

    assert kontoplan.__plugins__ == ("kontoplan",)
    assert direktiv.__plugins__ == ("direktiv",)
    assert callable(text.render)
    assert Path(kontoplan.__file__).parent.name == "plugins"
    assert Path(kontoplan.__file__).parent.parent.name == "finsam_ledger"


def test_no_top_level_package_named_plugins_is_installed() -> None:
    site = Path(sysconfig.get_paths()["purelib"])
    for folder in LINKED:
        assert not (site / folder).exists(), f"{site / folder} is installed"
    # The installed distribution's own record (not a build's egg-info in the source tree).
    (dist,) = [
        d
        for d in importlib.metadata.distributions(path=[str(site)])
        if d.metadata["Name"] == "finsam-ledger"
    ]
    tops = {Path(str(f)).parts[0] for f in dist.files or []}
    assert tops.isdisjoint(LINKED), tops
    assert Path(finsam_ledger.__file__).parent.name == "finsam_ledger"

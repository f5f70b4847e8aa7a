"""End to end in a real browser: Fava on the example ledger, the extension page in Chromium.

Starts ``fava --read-only`` on 127.0.0.1, opens the Kommunal redovisning page
for 2021 in Debian's headless Chromium (driven by Playwright with
``executable_path``; no browser is downloaded), checks that årets resultat
436 242 is visible, downloads the XLSX and saves a screenshot (into
``FINSAM_SCREENSHOT_DIR`` when set, else the test's temporary folder). Then
Fava's import page, on a copy of the example with a good and a spoilt bank
file: both are listed, the spoilt one with its error. Skips, saying why, only
when no Chromium or no Playwright can be found.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledgers import EXAMPLE

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def _chromium() -> str:
    for candidate in (
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.skip("no Chromium found (install Debian's chromium package: apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def _fava(*args: str) -> Iterator[str]:
    """``fava ARGS`` on 127.0.0.1: the ledger's base URL."""
    port = _free_port()
    fava = Path(sys.executable).parent / "fava"
    process = subprocess.Popen(
        [fava, "--host", "127.0.0.1", "--port", str(port), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(base + "/", timeout=2) as response:
                    slug = response.geturl().rstrip("/").split("/")[-2]
                    break
            except OSError:
                if process.poll() is not None:
                    stderr = process.stderr.read().decode() if process.stderr else ""
                    pytest.fail(f"fava exited: {stderr}")
                time.sleep(0.2)
        else:
            pytest.fail("fava did not start within 30 s")
        yield f"{base}/{slug}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def fava_url() -> Iterator[str]:
    with _fava("--read-only", str(EXAMPLE)) as url:
        yield url


def test_extension_in_chromium(fava_url: str, tmp_path: Path) -> None:
    executable = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    shots = Path(os.environ.get("FINSAM_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 900})
            page.goto(f"{fava_url}/extension/KommunalRedovisning/?time=2021")
            result = page.locator("section#resultatrakning tr", has_text="Årets resultat")
            result.first.wait_for(state="visible", timeout=20000)
            assert "436\u00a0242" in result.first.inner_text()
            assert page.get_by_text("Räkenskapsår 2021").is_visible()
            page.screenshot(path=str(shots / "kommunal-redovisning-2021.png"), full_page=True)
            with page.expect_download(timeout=20000) as download_info:
                page.get_by_role("link", name="XLSX").click()
            download = download_info.value
            saved = tmp_path / download.suggested_filename
            download.save_as(saved)
        finally:
            browser.close()
    assert saved.name == "kommunal-redovisning-2021.xlsx"
    workbook = load_workbook(io.BytesIO(saved.read_bytes()))
    rows = {row[0].value: row for row in workbook["Resultaträkning"].iter_rows(min_row=4)}
    assert rows["Årets resultat"][3].value == 436242
    assert (shots / "kommunal-redovisning-2021.png").stat().st_size > 10000


def test_import_page_in_chromium(tmp_path: Path) -> None:
    """Fava's import page with a good and a bad bank file: both listed, the error beside one."""
    executable = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    ledger = tmp_path / "ledger"
    shutil.copytree(EXAMPLE.parent, ledger, ignore=shutil.ignore_patterns("__pycache__"))
    incoming = tmp_path / "import"
    incoming.mkdir()
    bank_files = Path(__file__).parent / "importers" / "swedbank"
    shutil.copy(bank_files / "transaktioner-2019.csv", incoming / "bra.csv")
    raw = (bank_files / "transaktioner-2019.csv").read_bytes()
    (incoming / "trasig.csv").write_bytes(raw.replace(b"2021-03-15", b"2021-02-30", 1))
    shots = Path(os.environ.get("FINSAM_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    with _fava(str(ledger / "main.beancount")) as url, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{url}/import/")
            page.get_by_role("button", name="trasig.csv").wait_for(timeout=20000)
            # Each file's header, then its importers' forms (account, new name).
            files = page.evaluate(
                """() => Object.fromEntries([...document.querySelectorAll("div.header")].map(
                    (header) => [header.querySelector("button").textContent.trim(),
                                 [...header.nextElementSibling.querySelectorAll("input")]
                                     .map((input) => input.value)]))"""
            )
            assert set(files) == {"bra.csv", "trasig.csv"}
            assert files["bra.csv"][0] == "Tillgångar:Kassa-och-bank:Bank"
            account, name = files["trasig.csv"]
            assert account == ""
            assert "FEL rad 4: " in name and "2021-02-30" in name
            page.screenshot(path=str(shots / "import-med-trasig-fil.png"), full_page=True)
        finally:
            browser.close()

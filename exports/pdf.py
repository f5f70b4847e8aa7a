"""PDF: a self-contained HTML page printed to an A4 PDF by headless Chromium.

:func:`html_till_pdf` takes a page as :func:`finsam_ledger.exports.html.render`
writes it (inline CSS with print rules, inline SVG charts, nothing loaded from
outside) and returns the PDF's bytes. It adds a ``<style>`` for print: the
header text at the top centre and "1 (8)" at the bottom right of every page
(CSS ``@page`` margin boxes, which Chromium prints from version 131), a
table's header row repeated on each page it runs over, no row, chart or
heading split from what follows, and a section kept on one page when it fits.

Why Chromium and not WeasyPrint: WeasyPrint needs Pango and its system
libraries, so ``pip install`` alone does not give a working PDF export;
Chromium is what the browser test already runs (Debian's ``chromium``
package, which ``.ci/run`` installs), and the HTML export's print CSS was
written for and checked in it.

Which Chromium: the ``FINSAM_CHROMIUM`` environment variable (a path, or a
command name on ``PATH``) when it is set; otherwise the first of
``chromium``, ``chromium-browser`` and ``google-chrome`` on ``PATH``. Chromium
runs in a temporary folder this module makes and removes (the page, the PDF,
a fresh profile), with ``--no-sandbox`` only when running as root (where
Chromium refuses to start without it), a time limit, and a
Content-Security-Policy in the page that forbids any request: the page is
self-contained. No Chromium, a Chromium that fails, times out or writes no
PDF: :class:`IngenChromium`, with a one-line reason; the caller writes
nothing (the CLI exits 2).

The bytes are the same for the same page and the same Chromium and fonts
except for the creation and modification dates Chromium writes; with
``SOURCE_DATE_EPOCH`` set (the reproducible-builds convention) both are that
time, and the bytes repeat exactly.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

__all__ = ["CHROMIUM_ENV", "KANDIDATER", "IngenChromium", "chromium", "html_till_pdf"]

# The environment variable naming the Chromium to use, and the names looked for on PATH.
CHROMIUM_ENV = "FINSAM_CHROMIUM"
KANDIDATER = ("chromium", "chromium-browser", "google-chrome")

# The seconds Chromium may take before it is stopped.
TIMEOUT = 120.0

_FLAGS = (
    "--headless",
    "--disable-gpu",
    "--no-pdf-header-footer",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--disable-crash-reporter",
    "--mute-audio",
    # Lets the page settle before printing; the page has no scripts or requests.
    "--virtual-time-budget=5000",
)

# No request of any kind leaves the page: styles inline, images only as data: URLs.
_CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src 'unsafe-inline'; img-src data:; font-src data:\">"
)

_MARGIN_BOX = (
    'font-family: "Calibri", "Helvetica Neue", Arial, sans-serif; font-size: 8pt; color: #444;'
)

_PRINT = """
@page {
  size: A4;
%(header)s  @bottom-right { content: counter(page) " (" counter(pages) ")"; %(box)s }
}
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
thead { display: table-header-group; }
tr, figure, p.fotnot { break-inside: avoid; page-break-inside: avoid; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
section { break-inside: avoid; page-break-inside: avoid; }
"""


class IngenChromium(Exception):
    """No PDF: no Chromium found, or it failed. ``str()`` is a one-line reason."""


def chromium() -> str:
    """The Chromium to run: ``FINSAM_CHROMIUM`` when set, else the first on ``PATH``.

    Raises :class:`IngenChromium` when ``FINSAM_CHROMIUM`` names nothing
    runnable (no fallback then: the setting is a choice) or none is on ``PATH``.
    """
    chosen = os.environ.get(CHROMIUM_ENV, "").strip()
    if chosen:
        found = shutil.which(chosen)
        if found is None:
            raise IngenChromium(
                f"{CHROMIUM_ENV}={chosen}: finns inte eller går inte att köra "
                "/ does not exist or is not executable"
            )
        return found
    for name in KANDIDATER:
        found = shutil.which(name)
        if found is not None:
            return found
    raise IngenChromium(
        "ingen Chromium hittades (installera chromium eller sätt "
        f"{CHROMIUM_ENV}) / no Chromium found (install chromium or set {CHROMIUM_ENV})"
    )


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal that is also safe inside an HTML ``<style>``."""
    out = []
    for char in " ".join(text.split()):
        if char in '\\"<>&' or not char.isprintable():
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def print_css(sidhuvud: str = "") -> str:
    """The ``<style>`` :func:`html_till_pdf` adds: margin boxes and page breaks."""
    header = f"  @top-center {{ content: {_css_string(sidhuvud)}; {_MARGIN_BOX} }}\n"
    css = _PRINT % {"header": header if sidhuvud.strip() else "", "box": _MARGIN_BOX}
    return f"<style>{css}</style>"


def _with_print_css(html: str, sidhuvud: str) -> str:
    """The page with the CSP first in its head and the print style last."""
    head = re.search(r"<head\b[^>]*>", html, re.IGNORECASE)
    at = head.end() if head is not None else 0
    html = html[:at] + _CSP + html[at:]
    style = print_css(sidhuvud)
    end = re.search(r"</head\s*>", html, re.IGNORECASE)
    if end is None:
        return style + html
    return html[: end.start()] + style + html[end.start() :]


_DATE = re.compile(rb"/(CreationDate|ModDate) \((D:[0-9]{14}[^)]*)\)")


def _fixed_dates(pdf: bytes) -> bytes:
    """The dates set to ``SOURCE_DATE_EPOCH`` when it is set, in the same length."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return pdf
    stamp = time.strftime("D:%Y%m%d%H%M%S", time.gmtime(int(epoch)))

    def fixed(match: re.Match[bytes]) -> bytes:
        old = match.group(2)
        for new in (f"{stamp}+00'00'", f"{stamp}Z", stamp):
            if len(new) == len(old):  # the same length keeps the cross-reference offsets
                return b"/" + match.group(1) + b" (" + new.encode("ascii") + b")"
        return match.group(0)

    return _DATE.sub(fixed, pdf)


def _last_line(stderr: bytes) -> str:
    """Chromium's last message worth showing (it logs harmless D-Bus noise)."""
    lines = [
        line.strip()
        for line in stderr.decode("utf-8", "replace").splitlines()
        if line.strip() and "dbus" not in line and "bytes written to file" not in line
    ]
    return f": {lines[-1][:200]}" if lines else ""


def html_till_pdf(html: str, *, sidhuvud: str = "", timeout: float = TIMEOUT) -> bytes:
    """The page printed to an A4 PDF, with ``sidhuvud`` at the top of every page.

    Every page gets its number and the count at the bottom right ("2 (8)").
    Raises :class:`IngenChromium` when no Chromium is found, or it exits
    with an error, takes longer than ``timeout`` seconds or writes no PDF.
    """
    browser = chromium()
    with tempfile.TemporaryDirectory(prefix="finsam-pdf-", ignore_cleanup_errors=True) as tmp:
        folder = Path(tmp)
        page = folder / "sida.html"
        page.write_text(_with_print_css(html, sidhuvud), encoding="utf-8")
        target = folder / "sida.pdf"
        args = [
            browser,
            *_FLAGS,
            *(["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
            f"--user-data-dir={folder / 'profil'}",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ]
        env = {
            **os.environ,
            "XDG_CONFIG_HOME": str(folder / "config"),
            "XDG_CACHE_HOME": str(folder / "cache"),
        }
        try:
            process = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=env,
                cwd=folder,
                start_new_session=True,
            )
        except OSError as exc:
            raise IngenChromium(
                f"{browser} gick inte att starta / could not be started: {exc.strerror or exc}"
            ) from None
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            # Chromium's helpers share its new session: stop them all, by its id.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise IngenChromium(
                f"{browser} blev inte klar på {timeout:g} s / did not finish in {timeout:g} s"
            ) from None
        pdf = target.read_bytes() if target.is_file() else b""
        if process.returncode != 0 or not pdf.startswith(b"%PDF-"):
            raise IngenChromium(
                f"{browser} gav ingen PDF (slutstatus {process.returncode}) "
                f"/ produced no PDF (exit status {process.returncode}){_last_line(stderr)}"
            )
    return _fixed_dates(pdf)

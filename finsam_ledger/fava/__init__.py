"""Fava extension: the Kommunal redovisning inside Fava.

Declare it in the ledger::

    2020-01-01 custom "fava-extension" "finsam_ledger.fava"

A page "Kommunal redovisning" then shows the årsredovisning's statements and
notes for the year chosen with Fava's time filter (``2021``), or the
delårsrapport when the filter runs from 1 January to a day from 30 June
to 31 August (``2021-01-01 - 2021-06-30``). Every figure links to its accounts' journal
for the period, and the charts of the overview and the driftsredovisning
follow their tables (inline SVG, as in the HTML export); the tables download
as XLSX and HTML. Fava's account and
text filters do not narrow the statements: a statement always covers the
whole chart. A ledger with errors shows them, with file and line, instead
of the tables; a time filter that gives no report (a month, a quarter, a
year without transactions, a date that does not exist) shows why, in
Swedish, and the downloads then answer 400, 404 or 409 with the same
message. The extension reads the loaded ledger only and writes no file, so
it works under ``fava --read-only``.

The class is a thin shell over the library: which report a period gets,
and its tables, are :func:`finsam_ledger.statements.rapport.rapport`'s, as
for ``finsam report`` and ``finsam export`` (a refusal is the same
sentence); the page and the downloads render that
:class:`~finsam_ledger.statements.rapport.Rapport` with
:mod:`finsam_ledger.exports.html` and :mod:`finsam_ledger.exports.xlsx`.

:func:`for_fava` wraps the importers of Fava's import page (its
``import-config``) so that a bank file that cannot be booked is listed with
the reason instead of failing the whole page.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import beangulp
from fava.application import url_for
from fava.core.filters import FilterError
from fava.ext import FavaExtensionBase, extension_endpoint
from flask import Response, request, send_file
from markupsafe import Markup

from finsam_ledger.exports import html as html_export
from finsam_ledger.exports.layout import PrintedRow, one_line, printed_table
from finsam_ledger.importers.model import ImportFault
from finsam_ledger.model.books import Books, from_entries
from finsam_ledger.model.errors import Error, location
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Table
from finsam_ledger.statements.rapport import IngenRapport, Rapport, rapport

if TYPE_CHECKING:
    from fava.core import FavaLedger

_F = TypeVar("_F", bound=Callable[..., Any])

INGA_TRANSAKTIONER = "Huvudboken har inga transaktioner."
VALJ_PERIOD = (
    "Välj ett år (till exempel 2021) eller en del av ett år från 1 januari till en dag "
    "från 30 juni till 31 augusti (till exempel 2021-01-01 - 2021-06-30) i tidsfiltret."
)
VALJ_SADAN_PERIOD = (
    "Välj ett år eller en sådan period i tidsfiltret, till exempel 2021 eller "
    "2021-01-01 - 2021-06-30."
)
OTOLKBART_FILTER = "Tidsfiltret går inte att tolka som datum. " + VALJ_PERIOD
HUVUDBOKEN_HAR_FEL = "Huvudboken har fel; rapporten visas när de är rättade."


def _endpoint(name: str) -> Callable[[_F], _F]:
    """Fava's ``extension_endpoint``, typed for this module's methods."""
    return cast("Callable[[_F], _F]", extension_endpoint(name))


@dataclass(frozen=True)
class Fel:
    """A ledger error as shown on the page."""

    location: str
    message: str


@dataclass(frozen=True)
class Sida:
    """What the page shows: the report, or the ledger's errors, or a message.

    ``status`` is the HTTP status of a download: 200 with a report, else why
    there is none (400 a time filter that gives no report, 404 a period
    without transactions, 409 a ledger with errors).
    """

    title: str
    rapport: Rapport | None = None
    errors: tuple[Fel, ...] = ()
    message: str = ""
    period: Period | None = field(default=None, compare=False)
    status: HTTPStatus = HTTPStatus.OK

    @property
    def subtitle(self) -> str:
        """``Räkenskapsår 2021`` or ``Delårsrapport …``; empty without a report."""
        return self.rapport.rubrik if self.rapport else ""

    @property
    def tables(self) -> tuple[Table, ...]:
        """The report's tables; none without a report."""
        return self.rapport.tables if self.rapport else ()

    @property
    def reason(self) -> str:
        """Why there is no report, in one line (for a download)."""
        if self.errors:
            errors = (f"{error.location} {error.message}" for error in self.errors)
            return one_line(" ".join([HUVUDBOKEN_HAR_FEL, *errors]))
        return self.message


def _fel(error: Error) -> Fel:
    return Fel(location(error), str(error.message))


def common_account(accounts: tuple[str, ...]) -> str | None:
    """The deepest account that all the accounts are in (for a journal link)."""
    if not accounts:
        return None
    parts = [account.split(":") for account in accounts]
    common: list[str] = []
    for components in zip(*parts, strict=False):
        if len(set(components)) != 1:
            break
        common.append(components[0])
    return ":".join(common) or None


def fava_time(period: Period) -> str:
    """A period in Fava's time-filter syntax: ``2021`` or ``2021-01-01 - 2021-06-30``."""
    if period.is_year:
        return str(period.start.year)
    return f"{period.start.isoformat()} - {period.last_day.isoformat()}"


def choose_period(
    date_range: tuple[datetime.date, datetime.date] | None, books: Books
) -> tuple[Period | None, str]:
    """The period of Fava's time filter, or why there is none.

    Without a time filter, the last year the books close (else their last
    year). Which report a period gets is :func:`rapport`'s decision.
    """
    if date_range is None:
        years = books.years()
        if not years:
            return None, INGA_TRANSAKTIONER
        closed = [year for year in years if books.is_closed(year)]
        return Period.year(closed[-1] if closed else years[-1]), ""
    begin, end = date_range
    if begin.year >= datetime.MAXYEAR:  # the year after it has no dates
        return None, f"Välj ett år före {datetime.MAXYEAR} i tidsfiltret."
    return Period(begin, end), ""


class KommunalRedovisning(FavaExtensionBase):
    """The annual and half-year report tables of a samordningsförbund."""

    report_title = "Kommunal redovisning"

    def __init__(self, ledger: FavaLedger, config: str | None = None) -> None:
        super().__init__(ledger, config)
        self._books: tuple[Books | None, tuple[Fel, ...]] | None = None
        self._pages: dict[tuple[Period | None, str], Sida] = {}

    def after_load_file(self) -> None:
        """Forget what was computed for the previous load."""
        self._books = None
        self._pages = {}

    def _load(self) -> tuple[Books | None, tuple[Fel, ...]]:
        if self._books is None:
            entries: Any = self.ledger.all_entries  # Fava's own Directive protocol
            books, errors = from_entries(
                entries, list(self.ledger.load_errors), self.ledger.options
            )
            self._books = (books, tuple(_fel(e) for e in errors))
        return self._books

    def sida(self) -> Sida:
        """The page for the current time filter (its report made once per load and period)."""
        books, errors = self._load()
        title = str(self.ledger.options.get("title") or "")
        if books is None:
            return Sida(title, errors=errors, status=HTTPStatus.CONFLICT)
        try:  # the time filter alone: the account and text filters narrow no statement
            date_range = self.ledger.get_filtered(time=request.args.get("time", "")).date_range
        except (FilterError, ValueError):  # Fava's own parse error, or a date that does not exist
            return Sida(title, message=OTOLKBART_FILTER, status=HTTPStatus.BAD_REQUEST)
        period, message = choose_period(
            (date_range.begin, date_range.end) if date_range else None, books
        )
        key = (period, message)
        if key not in self._pages:
            self._pages[key] = _sida(books, title, period, message)
        return self._pages[key]

    def table_html(self, table: Table) -> Markup:
        """One table, each figure linking to its accounts' journal for its column's period.

        Its charts follow it, as in the HTML export.
        """

        def link(row: PrintedRow, column: int) -> str | None:
            period = table.period_of(column)
            account = row.accounts[0] if len(row.accounts) == 1 else common_account(row.accounts)
            if period is None or account is None:
                return None
            return url_for("account", name=account, time=fava_time(period))

        printed = printed_table(table)
        figures = html_export.charts_html(printed)
        return Markup(html_export.table_html(printed, link, figures))

    def download_url(self, endpoint: str) -> str:
        """The URL of a download endpoint, with the current time filter."""
        # Fava's route names its argument "endpoint", which url_for cannot take:
        # build it from the report page's URL, which carries the filters.
        page = url_for("extension_report", extension_name=self.name)
        path, _, query = page.partition("?")
        return f"{path}{endpoint}" + (f"?{query}" if query else "")

    def _filename(self, report: Rapport, suffix: str) -> str:
        return f"kommunal-redovisning-{report.period.label}.{suffix}"

    @_endpoint("xlsx")
    def xlsx(self) -> Response:
        """The tables as an XLSX workbook."""
        sida = self.sida()
        if sida.rapport is None:
            return _refusal(sida)
        from finsam_ledger.exports import xlsx as xlsx_export  # openpyxl, for a download only

        content = xlsx_export.render(sida.tables, title=sida.title, subtitle=sida.subtitle)
        return send_file(
            io.BytesIO(content),
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            as_attachment=True,
            download_name=self._filename(sida.rapport, "xlsx"),
        )

    @_endpoint("html")
    def html(self) -> Response:
        """The tables as a self-contained HTML page."""
        sida = self.sida()
        if sida.rapport is None:
            return _refusal(sida)
        page = html_export.render(sida.tables, sida.title, sida.subtitle)
        return send_file(
            io.BytesIO(page.encode("utf-8")),
            mimetype="text/html",
            as_attachment=True,
            download_name=self._filename(sida.rapport, "html"),
        )


def _refusal(sida: Sida) -> Response:
    """A download without tables: why, as plain text, with the status saying what kind."""
    status = sida.status if sida.status != HTTPStatus.OK else HTTPStatus.NOT_FOUND
    response = Response(sida.reason + "\n", status=status, mimetype="text/plain")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _sida(books: Books, title: str, period: Period | None, message: str) -> Sida:
    if period is None:
        status = HTTPStatus.NOT_FOUND if message == INGA_TRANSAKTIONER else HTTPStatus.BAD_REQUEST
        return Sida(title, message=message, status=status)
    try:
        report = rapport(books, period)
    except IngenRapport as exc:
        if exc.orsak == "inga transaktioner":
            return Sida(title, message=exc.reason, period=period, status=HTTPStatus.NOT_FOUND)
        if exc.orsak == "summarad":  # the ledger's line is wrong, not the period
            return Sida(title, message=exc.reason, period=period, status=HTTPStatus.CONFLICT)
        return Sida(
            title,
            message=f"{exc.reason} {VALJ_SADAN_PERIOD}",
            period=period,
            status=HTTPStatus.BAD_REQUEST,
        )
    return Sida(title, report, period=period)


# --- Fava's import page ---------------------------------------------------------------


def fault_text(error: Exception) -> str:
    """Why a file cannot be booked, in one line: ``rad 50: …`` for a reader's fault."""
    if isinstance(error, ImportFault):
        where = f"rad {error.line}: " if error.line else ""
        return one_line(f"{where}{error.reason}")
    return one_line(f"{type(error).__name__}: {error}")


class FavaImporter(beangulp.Importer):  # type: ignore[misc]
    """An importer as Fava's import page calls it: one bad file spoils only its own line.

    Fava 1.30 lists every file of its import folders with what each matching
    importer says of it (account, date, file name) and fails as a whole when
    one of those calls raises. Wrapped, a file the importer recognises but
    cannot book is listed with the reason where its new file name goes
    (``FEL rad 50: …``), with no account (Fava then moves nothing before one
    is chosen); its Extract answers with the same fault. Every other call is
    the importer's own.
    """

    def __init__(self, importer: Any) -> None:
        self.importer = importer
        self._faults: dict[tuple[str, int, int], str | None] = {}

    @property
    def name(self) -> str:
        """The wrapped importer's name."""
        return str(self.importer.name)

    def fault(self, filepath: str) -> str | None:
        """Why the file cannot be booked, or ``None`` (asked once per file version)."""
        try:
            stat = Path(filepath).stat()
        except OSError as error:  # gone, or not readable, since Fava listed it
            return fault_text(error)
        key = (filepath, stat.st_mtime_ns, stat.st_size)
        if key not in self._faults:
            try:
                self.importer.account(filepath)
                self.importer.date(filepath)
            except Exception as error:  # any importer's failure stays on its file
                self._faults[key] = fault_text(error)
            else:
                self._faults[key] = None
        return self._faults[key]

    def identify(self, filepath: str) -> bool:
        """The importer's answer; a file it cannot even look at is not its."""
        try:
            return bool(self.importer.identify(filepath))
        except Exception:  # an unreadable file is listed without an importer
            return False

    def account(self, filepath: str) -> str:
        """The importer's account; none for a file that cannot be booked."""
        return "" if self.fault(filepath) else str(self.importer.account(filepath))

    def date(self, filepath: str) -> datetime.date | None:
        """The importer's date; none for a file that cannot be booked."""
        if self.fault(filepath):
            return None
        day: datetime.date | None = self.importer.date(filepath)
        return day

    def filename(self, filepath: str) -> str | None:
        """The importer's file name; for a file that cannot be booked, the reason first."""
        fault = self.fault(filepath)
        if fault:
            return f"FEL {fault} – {Path(filepath).name}"
        name: str | None = self.importer.filename(filepath)
        return name

    def extract(self, filepath: str, existing: Sequence[Any]) -> list[Any]:
        """The importer's entries (its fault, if any, is Fava's extract error)."""
        return list(self.importer.extract(filepath, existing))

    def sort(self, entries: list[Any], reverse: bool = False) -> None:
        """The importer's order."""
        self.importer.sort(entries, reverse=reverse)

    def deduplicate(self, entries: list[Any], existing: Sequence[Any]) -> None:
        """The importer's deduplication."""
        self.importer.deduplicate(entries, existing)


def for_fava(importers: Iterable[Any]) -> list[FavaImporter]:
    """Importers for Fava's ``import-config`` (``CONFIG = for_fava(importers_for(...))``)."""
    return [FavaImporter(importer) for importer in importers]

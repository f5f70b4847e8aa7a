"""Fava extension: the Kommunal redovisning inside Fava.

Declare it in the ledger::

    2020-01-01 custom "fava-extension" "finsam_ledger.fava"

A page "Kommunal redovisning" then shows the årsredovisning's statements and
notes for the year chosen with Fava's time filter (``2021``), or the
delårsrapport when the filter is a part of a year from 1 January
(``2021-01-01 - 2021-06-30``). Every figure links to its accounts' journal
for the period; the tables download as XLSX and HTML. Fava's account and
text filters do not narrow the statements: a statement always covers the
whole chart. A ledger with errors shows them, with file and line, instead
of the tables. The extension reads the loaded ledger only and writes no
file, so it works under ``fava --read-only``.

The class is a thin shell over the library: the same table objects as
``finsam report`` and ``finsam export``, rendered by
:mod:`finsam_ledger.exports.html` and :mod:`finsam_ledger.exports.xlsx`.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from fava.application import url_for
from fava.ext import FavaExtensionBase, extension_endpoint
from flask import Response, g, send_file
from markupsafe import Markup

from finsam_ledger.books import Books, from_entries
from finsam_ledger.delarsrapport import delarsrapport
from finsam_ledger.exports import html as html_export
from finsam_ledger.exports import xlsx as xlsx_export
from finsam_ledger.exports.layout import PrintedRow, printed_table
from finsam_ledger.kassaflodesanalys import KassaflodeError
from finsam_ledger.period import Period
from finsam_ledger.report import statements
from finsam_ledger.table import Table

_F = TypeVar("_F", bound=Callable[..., Any])


def _endpoint(name: str) -> Callable[[_F], _F]:
    """Fava's ``extension_endpoint``, typed for this module's methods."""
    return cast("Callable[[_F], _F]", extension_endpoint(name))


@dataclass(frozen=True)
class Fel:
    """A ledger error as shown on the page."""

    location: str
    message: str


@dataclass(frozen=True)
class Rapport:
    """What the page shows: tables, or errors, or a message."""

    title: str
    subtitle: str = ""
    tables: tuple[Table, ...] = ()
    errors: tuple[Fel, ...] = ()
    message: str = ""
    period: Period | None = field(default=None, compare=False)


def _fel(error: Any) -> Fel:
    source = getattr(error, "source", None) or {}
    location = f"{source.get('filename', '?')}:{source.get('lineno', '?')}"
    return Fel(location, str(getattr(error, "message", error)))


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
    """The report period for Fava's time filter, or why there is none."""
    if date_range is None:
        years = books.years()
        if not years:
            return None, "The ledger has no transactions."
        closed = [year for year in years if books.is_closed(year)]
        return Period.year(closed[-1] if closed else years[-1]), ""
    begin, end = date_range
    period = Period(begin, end)
    if period.is_year:
        return period, ""
    if (begin.month, begin.day) == (1, 1) and end <= datetime.date(begin.year + 1, 1, 1):
        return period, ""
    return None, (
        "Choose a year (for example 2021) or a part of a year from 1 January "
        "(for example 2021-01-01 - 2021-06-30) in the time filter."
    )


class KommunalRedovisning(FavaExtensionBase):
    """The annual and half-year report tables of a samordningsförbund."""

    report_title = "Kommunal redovisning"

    def __init__(self, ledger: Any, config: str | None = None) -> None:
        super().__init__(ledger, config)
        self._books: tuple[Books | None, tuple[Fel, ...]] | None = None
        self._reports: dict[tuple[Period | None, str], Rapport] = {}

    def after_load_file(self) -> None:
        """Forget what was computed for the previous load."""
        self._books = None
        self._reports = {}

    def _load(self) -> tuple[Books | None, tuple[Fel, ...]]:
        if self._books is None:
            entries: Any = self.ledger.all_entries  # Fava's own Directive protocol
            books, errors = from_entries(
                entries, list(self.ledger.load_errors), self.ledger.options
            )
            self._books = (books, tuple(_fel(e) for e in errors))
        return self._books

    def rapport(self) -> Rapport:
        """The report for the current time filter (computed once per load and period)."""
        books, errors = self._load()
        title = str(self.ledger.options.get("title") or "")
        if books is None:
            return Rapport(title, errors=errors)
        date_range = g.filtered.date_range
        period, message = choose_period(
            (date_range.begin, date_range.end) if date_range else None, books
        )
        key = (period, message)
        if key not in self._reports:
            self._reports[key] = _compute(books, title, period, message)
        return self._reports[key]

    def table_html(self, table: Table) -> Markup:
        """One table, each figure linking to its accounts' journal for its column's period."""

        def link(row: PrintedRow, column: int) -> str | None:
            period = table.period_of(column)
            account = row.accounts[0] if len(row.accounts) == 1 else common_account(row.accounts)
            if period is None or account is None:
                return None
            return url_for("account", name=account, time=fava_time(period))

        return Markup(html_export.table_html(printed_table(table), link))

    def download_url(self, endpoint: str) -> str:
        """The URL of a download endpoint, with the current time filter."""
        # Fava's route names its argument "endpoint", which url_for cannot take:
        # build it from the report page's URL, which carries the filters.
        page = url_for("extension_report", extension_name=self.name)
        path, _, query = page.partition("?")
        return f"{path}{endpoint}" + (f"?{query}" if query else "")

    def _filename(self, rapport: Rapport, suffix: str) -> str:
        label = rapport.period.label if rapport.period else "rapport"
        return f"kommunal-redovisning-{label}.{suffix}"

    @_endpoint("xlsx")
    def xlsx(self) -> Response:
        """The tables as an XLSX workbook."""
        rapport = self.rapport()
        content = xlsx_export.render(rapport.tables, title=f"{rapport.title}, {rapport.subtitle}")
        return send_file(
            io.BytesIO(content),
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            as_attachment=True,
            download_name=self._filename(rapport, "xlsx"),
        )

    @_endpoint("html")
    def html(self) -> Response:
        """The tables as a self-contained HTML page."""
        rapport = self.rapport()
        page = html_export.render(rapport.tables, rapport.title, rapport.subtitle)
        return send_file(
            io.BytesIO(page.encode("utf-8")),
            mimetype="text/html",
            as_attachment=True,
            download_name=self._filename(rapport, "html"),
        )


def _compute(books: Books, title: str, period: Period | None, message: str) -> Rapport:
    if period is None:
        return Rapport(title, message=message)
    if not books.has_transactions(period):
        return Rapport(title, message=f"No transactions in {period.label}.", period=period)
    try:
        if period.is_year:
            tables = tuple(statements(books, period).values())
            subtitle = f"Räkenskapsår {period.label}"
        else:
            tables = tuple(delarsrapport(books, period).values())
            subtitle = f"Delårsrapport {period.label}"
    except KassaflodeError as exc:
        return Rapport(title, errors=(Fel("kassaflödesanalys", str(exc)),), period=period)
    return Rapport(title, subtitle, tables, period=period)

"""Eget kapital against Nationella rådet's guidance: the riktvärde.

Nationella rådet för finansiell samordning recommends a reasonable eget
kapital; members quote "below 15 % of the year's medelstilldelning" (the
exact steps are unconfirmed, so the share is the ledger's
``eget-kapital-riktvarde`` directive, default 15). The overview always
shows the ratio beside the riktvärde; the ``eget_kapital`` plugin
(:func:`check`) makes exceeding it an error only when its setting ``fel``
asks for that. Both read the same directive, never a plugin line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from beancount.core import data

from finsam_ledger.figures.saldo import eget_kapital_vid
from finsam_ledger.model.books import Books
from finsam_ledger.model.directives import DEFAULT_RIKTVARDE, RIKTVARDE
from finsam_ledger.model.errors import LedgerError
from finsam_ledger.model.money import HUNDRED, ZERO, kronor, procent
from finsam_ledger.model.period import Period
from finsam_ledger.rules import plugin_config
from finsam_ledger.rules.finansiering import bokforda
from finsam_ledger.rules.plugin import Call

RULE = "eget_kapital"
DEFAULTS: Mapping[str, Any] = {"fel": False}


def andel_av_medlemsbidrag(books: Books, year: int) -> Decimal | None:
    """Eget kapital at year end in percent of the year's booked medlemsbidrag."""
    bidrag = bokforda(books, year).total
    if not bidrag:
        return None
    return eget_kapital_vid(books, Period.year(year).end) / bidrag * HUNDRED


def check(call: Call) -> list[LedgerError]:
    """Each closed year's eget kapital above the year's riktvärde, if ``fel`` asks for it.

    The errors are at the plugin line that sets ``fel``.
    """
    if not call.settings["fel"]:
        return []
    books = call.books
    errors: list[LedgerError] = []
    for year in books.years():
        ratio = andel_av_medlemsbidrag(books, year)
        riktvarde = books.direktiv.riktvarde(year)
        if not books.is_closed(year) or ratio is None or ratio <= riktvarde:
            continue
        ek = eget_kapital_vid(books, Period.year(year).end)
        errors.append(
            LedgerError(
                call.line,
                f"{RULE}: Eget kapital {year}-12-31 is {kronor(ek)}, {procent(ratio)} of "
                f"the year's medlemsbidrag, above the guidance of at most "
                f"{procent(riktvarde, 0)}; plan its use in the coming budgets",
                None,
            )
        )
    return errors


def andel_moved(value: Any, entries: Sequence[data.Directive]) -> str:
    """The message for the plugin setting ``andel``, now the directive, with the line to add.

    The line is dated 1 January of the ledger's first year, so that it holds
    for every year, and carries the setting's value if it was a percentage
    from 0 to 100 (else the default).
    """
    year = min((entry.date.year for entry in entries), default=2000)
    share = _percentage(value)
    advice = "add the line" if share is not None else "add the line with a percentage from 0 to 100"
    line = f'{year}-01-01 custom "{RIKTVARDE}" {(share or DEFAULT_RIKTVARDE).normalize():f}'
    return (
        "the setting 'andel' is no longer read from the plugin line: the riktvärde is a "
        "directive of the ledger, which the reports read too; remove 'andel' from the "
        f"plugin line and {advice}: {line}"
    )


def _percentage(value: Any) -> Decimal | None:
    """The value as a percentage from 0 to 100, or ``None``."""
    share = plugin_config.number(value)
    return share if share is not None and ZERO <= share <= HUNDRED else None

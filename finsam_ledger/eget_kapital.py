"""Eget kapital against Nationella rådet's guidance.

Nationella rådet för finansiell samordning recommends a reasonable eget
kapital; members quote "below 15 % of the year's medelstilldelning" (the
exact steps are unconfirmed, so the share is a setting of the
``eget_kapital`` plugin, default 15). The overview always shows the ratio;
the plugin makes exceeding it an error only when its settings ask for that.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from finsam_ledger import plugin_config
from finsam_ledger.balansrakning import eget_kapital
from finsam_ledger.books import Books
from finsam_ledger.finansiering import bokforda
from finsam_ledger.period import Period

MODULE = "finsam_ledger.plugins.eget_kapital"
DEFAULTS: Mapping[str, Any] = {"andel": Decimal(15), "fel": False}
LIMITS: Mapping[str, plugin_config.Limit] = {"andel": plugin_config.percent()}
HUNDRED = Decimal(100)


def andel_av_medlemsbidrag(books: Books, year: int) -> Decimal | None:
    """Eget kapital at year end in percent of the year's booked medlemsbidrag."""
    bidrag = bokforda(books, year).total
    if not bidrag:
        return None
    return eget_kapital(books, Period.year(year).end) / bidrag * HUNDRED


def riktvarde(books: Books) -> Decimal:
    """The guidance share in percent, from the plugin's settings (or the default)."""
    share: Decimal = plugin_config.settings(books.options, MODULE, DEFAULTS, LIMITS)["andel"]
    return share

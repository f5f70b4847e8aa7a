"""Eget kapital: eget kapital at year end against a share of the year's medlemsbidrag.

Nationella rådet's guidance, as quoted to members, is an eget kapital below
15 % of the year's medelstilldelning. The overview (``finsam report``) always
shows eget kapital as a percentage of medlemsbidrag beside this share; the
plugin reports a year whose ratio exceeds it as an error only when ``fel``
is set, at the plugin line that sets it::

    plugin "finsam_ledger.plugins.eget_kapital" "{'andel': 15, 'fel': True}"

Settings: ``andel`` (percent from 0 to 100, default 15), ``fel`` (default
False: report in the overview only).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from beancount.core import data

from finsam_ledger import plugin_config
from finsam_ledger.balansrakning import eget_kapital as eget_kapital_vid
from finsam_ledger.books import build
from finsam_ledger.directives import normalise
from finsam_ledger.eget_kapital import DEFAULTS, LIMITS, MODULE, andel_av_medlemsbidrag
from finsam_ledger.period import Period
from finsam_ledger.table import kronor, procent

__plugins__ = ("eget_kapital",)

EgetKapitalError = plugin_config.ConfigError


def eget_kapital(
    entries: list[data.Directive], options_map: dict[str, Any], config: str | None = None
) -> tuple[list[data.Directive], Sequence[Any]]:
    """Compare each closed year's eget kapital with the guidance, if asked to."""
    entries = normalise(entries)
    settings, errors = plugin_config.parse(config, DEFAULTS, options_map, MODULE, LIMITS)
    if not settings["fel"]:
        return entries, errors
    books = build(entries, options_map).books  # other errors: kontoplan, direktiv
    source = plugin_config.plugin_source(options_map, MODULE, config)
    for year in books.years():
        ratio = andel_av_medlemsbidrag(books, year)
        if not books.is_closed(year) or ratio is None or ratio <= settings["andel"]:
            continue
        ek = eget_kapital_vid(books, Period.year(year).end)
        errors.append(
            EgetKapitalError(
                source,
                f"eget_kapital: Eget kapital {year}-12-31 is {kronor(ek)}, {procent(ratio)} of "
                f"the year's medlemsbidrag, above the guidance of at most "
                f"{procent(settings['andel'], 0)}; plan its use in the coming budgets",
                None,
            )
        )
    return entries, errors

"""Eget kapital: eget kapital at year end against a share of the year's medlemsbidrag.

Nationella rådet's guidance, as quoted to members, is an eget kapital below
15 % of the year's medelstilldelning. The share, the riktvärde, is a
directive of the ledger (default 15 without one; dated, the latest on or
before a year's end applies to the year)::

    2020-01-01 custom "eget-kapital-riktvarde" 15

The overview (``finsam report``) always shows eget kapital as a percentage
of medlemsbidrag beside the riktvärde, whether or not this plugin is
enabled; the plugin reports a year whose ratio exceeds it as an error only
when ``fel`` is set, at the plugin line that sets it::

    plugin "finsam_ledger.plugins.eget_kapital" "{'fel': True}"

Settings: ``fel`` (default False: report in the overview only). The former
setting ``andel`` is an error at the plugin line that gives the directive's
line to add instead.
"""

from __future__ import annotations

from finsam_ledger.rules import riktvarde as rule
from finsam_ledger.rules.plugin import plugin

__plugins__ = ("eget_kapital",)

eget_kapital = plugin(
    __name__,
    rule.check,
    "Compare each closed year's eget kapital with the riktvärde, if asked to.",
    rule.DEFAULTS,
    moved={"andel": rule.andel_moved},
)

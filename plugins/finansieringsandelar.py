"""Finansieringsandelar: medlemsbidrag split 50/25/25 (FinsamL 5 §).

For every year, the booked and the budgeted medlemsbidrag must be split
staten 50 %, region 25 % and kommunerna 25 % together, within a tolerance
in kronor per party. The error states each party's amount, share and
deviation, and which party is furthest off and by how much. It points at
that party's last contribution transaction in the year (booked) or at its
budget directive (budgeted)::

    plugin "finsam_ledger.plugins.finansieringsandelar" "{'tolerans': 100}"

Every contribution account needs its party (``part:`` on its ``open`` line;
the chart reports a missing one). The kommuner split their quarter among
themselves by agreement, in practice by population: a kommun whose share of
that quarter moves by more than ``kommun_tolerans`` percentage points from
one year to the next is an error, at the year's last contribution of the
kommun that moved most, unless the year has an explanation::

    2021-01-01 custom "kommunfordelning" 2021 "Ny fördelning efter befolkningen 2020-12-31"

Settings: ``tolerans`` (kronor per party from 0 to a billion, default 100),
``kommun_tolerans`` (percentage points from 0 to 100, default 1).
"""

from __future__ import annotations

from finsam_ledger.rules import finansiering as rule
from finsam_ledger.rules.plugin import plugin

__plugins__ = ("finansieringsandelar",)

finansieringsandelar = plugin(
    __name__,
    rule.check,
    "Check the financing shares of every year; entries pass unchanged.",
    rule.DEFAULTS,
    rule.LIMITS,
)

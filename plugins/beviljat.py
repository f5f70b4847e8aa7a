"""Beviljat: an insats may not cost more in a year than the board granted.

For every insats with ``beviljat`` directives, its utfall in the year (the
account and its sub-accounts) must not exceed the year's grants together; an
excess is an error at the year's last grant, stating grant, utfall and
excess, with the line of a further grant that would cover it. Utfall above
the *budget* is not an error: that shows in the driftsredovisning::

    plugin "finsam_ledger.plugins.beviljat"

    2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 3198000.00 SEK

No settings.
"""

from __future__ import annotations

from finsam_ledger.rules import beviljat as rule
from finsam_ledger.rules.plugin import plugin

__plugins__ = ("beviljat",)

beviljat = plugin(
    __name__, rule.check, "Check every grant against the year's utfall; entries pass unchanged."
)

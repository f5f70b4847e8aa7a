"""Balanskrav: the balanskravsresultat, deficits and deficit budgets (KL 11 kap.).

Computes each year's balanskravsresultat as in the balanskravsutredning
(årets resultat adjusted by the ``balanskrav`` directives) for every year
whose books reach 31 December, and reports:

* a negative balanskravsresultat without a decision, at the year's first
  budget line (else at the year's ``budgetunderskott`` decision, else at
  this plugin's line). Record an åtgärdsplan (the deficit restored within
  the three following years) or a decision not to restore it for synnerliga
  skäl, dated with the board's decision; the error gives both lines, ready
  to paste::

      2022-03-31 custom "atgardsplan" 2021 2024 "Underskottet 2021 återställs senast 2024"
      2022-03-31 custom "synnerliga-skal" 2021 "Synnerliga skäl: ..."

* a deficit still not restored when its last year (the åtgärdsplan's, at most
  three years on) is closed, at the decision;
* a budget whose kostnader exceed its intäkter, at the year's first budget
  directive, unless the board's decision to use eget kapital is recorded::

      2020-11-20 custom "budgetunderskott" 2021 "Underskottet täcks av eget kapital"

Enable it with ``plugin "finsam_ledger.plugins.balanskrav"``; no settings.
"""

from __future__ import annotations

from finsam_ledger.rules import balanskrav as rule
from finsam_ledger.rules.plugin import plugin

__plugins__ = ("balanskrav",)

balanskrav = plugin(
    __name__, rule.check, "Check every closed year's balanskravsresultat and every budget."
)

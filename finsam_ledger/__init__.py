"""finsam-ledger: bookkeeping and annual-report tables for Swedish samordningsförbund.

The books are a Beancount ledger that follows the conventions in
``docs/ledger-format.md``; :func:`finsam_ledger.model.books.load` reads it and
:mod:`finsam_ledger.statements.arsredovisning` computes the tables of the årsredovisning.

The folders are the layers, each importing only those before it:

* :mod:`finsam_ledger.model`: the ledger as data (periods, chart, directives,
  budgets, the books and their posting index, tables, the error record);
* :mod:`finsam_ledger.figures`: the figures the rules and the statements
  share (utfall, budget, årets resultat, balances at a date);
* :mod:`finsam_ledger.rules`: the rules the books are held to, and the
  checks of the plugins in :mod:`finsam_ledger.plugins`;
* :mod:`finsam_ledger.statements`: the tables of the reports;
* the front ends: :mod:`finsam_ledger.cli` (the ``finsam`` command),
  :mod:`finsam_ledger.fava` (the Fava extension), with the renderers in
  :mod:`finsam_ledger.exports` and the bank importers in
  :mod:`finsam_ledger.importers`.
"""

from __future__ import annotations

__version__ = "0.1.0"

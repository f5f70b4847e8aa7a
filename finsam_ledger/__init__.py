"""finsam-ledger: bookkeeping and annual-report tables for Swedish samordningsförbund.

The books are a Beancount ledger that follows the conventions in
``docs/ledger-format.md``; :func:`finsam_ledger.books.load` reads it and
:mod:`finsam_ledger.report` computes the tables of the årsredovisning.
"""

from __future__ import annotations

__version__ = "0.1.0"

"""The tables of the årsredovisning and the delårsrapport.

One module per statement or note, each building
:class:`~finsam_ledger.model.table.Table` objects from the books, the
figures and the rules. :func:`finsam_ledger.statements.rapport.rapport` is
the one entry point of the front ends: it decides which report a period
gets (an årsredovisning, a delårsrapport, or none, and why) and builds it;
:mod:`finsam_ledger.model.tabeller` declares the tables' keys, in order.
"""

"""The tables of the årsredovisning and the delårsrapport.

One module per statement or note, each building
:class:`~finsam_ledger.model.table.Table` objects from the books, the
figures and the rules; :func:`finsam_ledger.statements.report.statements`
gives every table of the årsredovisning in the published order.
"""

"""The model: what a ledger is, before any figure is computed.

:mod:`~finsam_ledger.model.period` the reporting periods,
:mod:`~finsam_ledger.model.chart` where every account lands,
:mod:`~finsam_ledger.model.directives` the project's ``custom`` directives,
:mod:`~finsam_ledger.model.budget` Fava's budget directives, read and spread without Fava,
:mod:`~finsam_ledger.model.books` the loaded ledger with its posting index, built once per load,
:mod:`~finsam_ledger.model.kassaflode` the kassaflödesanalys's figures and its identity,
:mod:`~finsam_ledger.model.table` a report table as data,
:mod:`~finsam_ledger.model.errors` the one error record of the loader and the plugins,
:mod:`~finsam_ledger.model.money` the numbers every layer shares.

Nothing here imports a figure, a rule or a statement.
"""

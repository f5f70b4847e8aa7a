"""The rules a samordningsförbund's books are held to.

Balanskrav (Kommunallagen 11 kap.), the financing shares (FinsamL 5 §), the
eget kapital riktvärde, the grants (beviljat), the helårsprognos and the
periodisering of medlemsbidrag: the computations the reports and the
plugins share, and the plugins' checks with their messages.
:mod:`~finsam_ledger.rules.plugin` is what every plugin does first (read its
settings, build the books) and where its errors point.

The user-facing plugins are the thin modules in ``plugins/``
(``finsam_ledger.plugins.*``); their docstrings are the documentation.
"""

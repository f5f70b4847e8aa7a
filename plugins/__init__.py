"""Beancount plugins that hold a samordningsförbund's ledger to its rules.

Enable them in the ledger: ``plugin "finsam_ledger.plugins.kontoplan"``.
"""

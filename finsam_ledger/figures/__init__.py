"""The figures the rules and the statements share.

Utfall and budget over a set of accounts or a statement line, årets
resultat, balances at a date (a statement line, eget kapital, summa
tillgångar). A figure is computed here once; the rules and the statements
import it from here and never from each other's tables.
"""

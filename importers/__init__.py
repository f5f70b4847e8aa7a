"""Bank statement importers (beangulp) for the ledger conventions."""

"""Fava's import configuration for the example ledger (option "import-config").

Every bank format finsam-ledger knows, booking to the ledger's bank account
(matched by the ``bankkonto`` metadata on its open directive) with the rules
in ``import.toml``. From the command line the same is::

    finsam import extract FILE -e ledger/main.beancount -c ledger/import.toml
"""

from pathlib import Path

from finsam_ledger.importers.config import importers_for

HERE = Path(__file__).resolve().parent
CONFIG = importers_for(ledger=HERE / "main.beancount", config=HERE / "import.toml")

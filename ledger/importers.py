"""Fava's import configuration for the example ledger (option "import-config").

Every bank format finsam-ledger knows, booking to the ledger's bank account
(matched by the ``bankkonto`` metadata on its open directive) with the rules
in ``import.toml``. Wrapped for Fava (:func:`finsam_ledger.fava.for_fava`), a
file that cannot be booked is listed with the reason beside it while the
other files import as usual. From the command line the same is::

    finsam import extract FILE -e ledger/main.beancount -c ledger/import.toml
"""

from pathlib import Path

from finsam_ledger.fava import for_fava
from finsam_ledger.importers.config import importers_for

HERE = Path(__file__).resolve().parent
CONFIG = for_fava(importers_for(ledger=HERE / "main.beancount", config=HERE / "import.toml"))

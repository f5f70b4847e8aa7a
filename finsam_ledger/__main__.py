"""``python -m finsam_ledger`` runs the ``finsam`` command."""

import sys

from finsam_ledger.cli import main

sys.exit(main())

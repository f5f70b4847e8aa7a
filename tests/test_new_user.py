"""A new förbund's first steps, from the complete small ledger in docs/ledger-format.md.

The test starts from that exact text: it imports a month of bank rows into
it with zero configuration, reports on it, and opens its Fava page in
Swedish. Figures: the ledger's bank balance at 1 January 2025 is
1 835 840.00 (docs/ledger-format.md); the export below adds
+250 000.00 − 4 500.00 − 105.00, closing at 2 081 235.00.
"""

from __future__ import annotations

import re
from pathlib import Path

from beancount import loader
from fava.application import create_app

from finsam_ledger.cli import main

from ledgers import REPO

EXTENSION = "KommunalRedovisning"

# A Swedbank export (cp1252, newest row first) that continues from the ledger's balance.
BANKFIL = """\
* Transaktioner Period 2025-01-01–2025-01-31 Skapad 2025-02-01 09:15 CET
Radnummer,Clearingnummer,Kontonummer,Produkt,Valuta,Bokföringsdag,Transaktionsdag,\
Valutadag,Referens,Beskrivning,Belopp,Bokfört saldo
1,83279,0000000000,"Företagskonto",SEK,2025-01-31,2025-01-31,2025-01-31,\
"BANKEN","Avgift",-105.00,2081235.00
2,83279,0000000000,"Företagskonto",SEK,2025-01-20,2025-01-20,2025-01-20,\
"KONTORSBOLAGET AB","Bg-bet. via internet",-4500.00,2081340.00
3,83279,0000000000,"Företagskonto",SEK,2025-01-10,2025-01-10,2025-01-10,\
"FÖRSÄKRINGSKASSAN","Bankgiro inbetalning",250000.00,2085840.00
"""


def documented_ledger() -> str:
    """The last ```beancount block of docs/ledger-format.md, as it stands."""
    text = (REPO / "docs" / "ledger-format.md").read_text(encoding="utf-8")
    blocks: list[str] = re.findall(r"```beancount\n(.*?)```", text, re.S)
    return blocks[-1]


def test_import_report_and_fava_from_the_documented_ledger(tmp_path: Path) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(documented_ledger(), encoding="utf-8")
    bank = tmp_path / "swedbank-2025-01.csv"
    bank.write_bytes(BANKFIL.encode("cp1252"))

    argv = ["import", "extract", str(bank), "-e", str(ledger), "--append", str(ledger)]
    assert main(argv) == 0

    entries, errors, _ = loader.load_file(str(ledger))
    assert errors == []
    balances = [e for e in entries if type(e).__name__ == "Balance"]
    assert [(str(b.date), str(b.amount.number)) for b in balances] == [
        ("2025-01-01", "1835840.00"),  # the documented ledger's own assertion
        ("2025-02-01", "2081235.00"),  # the import's, proving it matches the bank
    ]
    text = ledger.read_text(encoding="utf-8")
    assert text.startswith(documented_ledger())
    assert text.count("Skulder:Kortfristiga:Oklara-poster") == 4  # the open line and 3 rows

    # A second import of the same file adds nothing.
    assert main(argv) == 0
    assert ledger.read_text(encoding="utf-8") == text

    # The year's report still stands, and Fava shows the page in Swedish.
    assert main(["report", str(ledger), "--year", "2024", "-o", str(tmp_path / "r.txt")]) == 0
    app = create_app([ledger], load=True, read_only=True)
    app.testing = True
    client = app.test_client()
    slug = client.get("/").headers["Location"].strip("/").split("/")[0]
    page = client.get(f"/{slug}/extension/{EXTENSION}/?time=2024")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-value="711902">711\u00a0902<' in html  # Årets resultat 2024
    home = client.get(f"/{slug}/income_statement/").get_data(as_text=True)
    assert '"language":"sv","locale":"sv_SE"' in home
    assert client.get(f"/{slug}/api/errors").get_json()["data"] == []

"""Which ledger account a bank file is booked to: the chart's Kassa och bank, never a guess."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from finsam_ledger.cli import main

from ledgers import HEADER

SWEDBANK = (
    "* Transaktioner Period 2025-01-01–2025-01-31 Skapad 2025-02-01 09:15 CET\n"
    "Radnummer,Clearingnummer,Kontonummer,Produkt,Valuta,Bokföringsdag,Transaktionsdag,"
    "Valutadag,Referens,Beskrivning,Belopp,Bokfört saldo\n"
    '1,83279,0000000000,"Företagskonto",SEK,2025-01-31,2025-01-31,2025-01-31,'
    '"BANKEN","Avgift",-105.00,-105.00\n'
)


def _files(tmp_path: Path, accounts: str) -> tuple[Path, Path]:
    ledger = tmp_path / "main.beancount"
    body = """
        2025-01-01 open Skulder:Kortfristiga:Oklara-poster SEK
        2025-01-01 open Eget-kapital:Ingående-balanser SEK
    """
    ledger.write_text(HEADER + textwrap.dedent(body) + textwrap.dedent(accounts), encoding="utf-8")
    bank = tmp_path / "swedbank.csv"
    bank.write_bytes(SWEDBANK.encode("cp1252"))
    return ledger, bank


def test_an_account_placed_on_kassa_och_bank_with_post_is_the_bank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger, bank = _files(
        tmp_path,
        """
        2025-01-01 open Tillgångar:Bankkonton:Företagskonto SEK
          post: "Kassa och bank"
        """,
    )
    assert main(["import", "extract", str(bank), "-e", str(ledger)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"\n  Tillgångar:Bankkonton:Företagskonto +-105\.00 SEK\n", out)


def test_two_bank_accounts_without_bankkonto_are_not_guessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger, bank = _files(
        tmp_path,
        """
        2025-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
        2025-01-01 open Tillgångar:Bankkonton:Placeringskonto SEK
          post: "Kassa och bank"
        """,
    )
    assert main(["import", "extract", str(bank), "-e", str(ledger)]) == 1
    err = capsys.readouterr().err
    assert "several bank accounts" in err
    assert "Tillgångar:Kassa-och-bank:Bank, Tillgångar:Bankkonton:Placeringskonto" in err


def test_one_bankkonto_on_two_accounts_is_not_guessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger, bank = _files(
        tmp_path,
        """
        2025-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
          bankkonto: "83279-0000000000"
        2025-01-01 open Tillgångar:Kassa-och-bank:Gamla-banken SEK
          bankkonto: "8327-9 000 000 000-0"
        """,
    )
    assert main(["import", "extract", str(bank), "-e", str(ledger)]) == 1
    err = capsys.readouterr().err
    assert "is the bankkonto of several accounts" in err
    assert "Tillgångar:Kassa-och-bank:Bank, Tillgångar:Kassa-och-bank:Gamla-banken" in err


def test_a_closed_bank_account_is_no_candidate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger, bank = _files(
        tmp_path,
        """
        2020-01-01 open Tillgångar:Kassa-och-bank:Gamla-banken SEK
        2024-12-31 close Tillgångar:Kassa-och-bank:Gamla-banken
        2025-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
        """,
    )
    assert main(["import", "extract", str(bank), "-e", str(ledger)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"\n  Tillgångar:Kassa-och-bank:Bank +-105\.00 SEK\n", out)
    assert "Gamla-banken" not in out

"""``finsam import``: zero configuration, the ledger's bank account, exact deduplication,
re-import, appending atomically, unknown files, bad input with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from beancount import loader

from finsam_ledger.cli import main

DATA = Path(__file__).parent / "importers" / "swedbank"
SWEDBANK = DATA / "transaktioner-2019.csv"

LEDGER = """\
option "name_assets" "Tillgångar"
option "name_liabilities" "Skulder"
option "name_equity" "Eget-kapital"
option "name_income" "Intäkter"
option "name_expenses" "Kostnader"
option "operating_currency" "SEK"

2021-01-01 open Tillgångar:Kassa-och-bank:Plusgiro SEK
2021-01-01 open Tillgångar:Kassa-och-bank:Företagskonto SEK
  bankkonto: "8327-9, 000 000 000-0"
2021-01-01 open Skulder:Kortfristiga:Oklara-poster SEK
2021-01-01 open Skulder:Kortfristiga:Leverantörsskulder SEK
2021-01-01 open Intäkter:Medlemsbidrag:Försäkringskassan SEK
2021-01-01 open Eget-kapital:Ingående-balanser SEK
2021-01-01 * "Ingående balans"
  Tillgångar:Kassa-och-bank:Företagskonto  1844380.50 SEK
  Eget-kapital:Ingående-balanser
"""

CONFIG = """\
[[regel]]
motpart = "försäkringskassan"
konto = "Intäkter:Medlemsbidrag:Försäkringskassan"

[[regel]]
motpart = "jönköpings kommun"
belopp = "ut"
konto = "Skulder:Kortfristiga:Leverantörsskulder"
"""


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "main.beancount").write_text(LEDGER, encoding="utf-8")
    (tmp_path / "import.toml").write_text(CONFIG, encoding="utf-8")
    shutil.copy(SWEDBANK, tmp_path / "Transaktioner_2021-04-01_09-15-00.csv")
    return tmp_path


def _extract(work: Path, *extra: str) -> list[str]:
    return [
        "import",
        "extract",
        str(work / "Transaktioner_2021-04-01_09-15-00.csv"),
        "-e",
        str(work / "main.beancount"),
        "-c",
        str(work / "import.toml"),
        *extra,
    ]


def test_zero_configuration(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "extract", str(SWEDBANK)]) == 0
    captured = capsys.readouterr()
    assert "Tillgångar:Kassa-och-bank:Bank       918500.00 SEK" in captured.out
    assert "Skulder:Kortfristiga:Oklara-poster  -918500.00 SEK" in captured.out
    assert "2021-04-01 balance Tillgångar:Kassa-och-bank:Bank" in captured.out
    assert "4 row(s) matched no rule" in captured.err


def test_ledger_account_rules_and_unmatched(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_extract(work)) == 0
    captured = capsys.readouterr()
    lines = [" ".join(line.split()) for line in captured.out.splitlines()]
    # The account whose bankkonto metadata matches the file's clearing and account number.
    assert "Tillgångar:Kassa-och-bank:Företagskonto 918500.00 SEK" in lines
    assert "Intäkter:Medlemsbidrag:Försäkringskassan -918500.00 SEK" in lines
    assert captured.out.count("Skulder:Kortfristiga:Leverantörsskulder") == 2
    # Only the bank fee matched no rule.
    assert "1 row(s) matched no rule" in captured.err
    assert "2021-03-31 -125.00 Avgift" in captured.err


def test_append_then_reimport_adds_nothing(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = work / "main.beancount"
    assert main(_extract(work, "--append", str(ledger))) == 0
    entries, errors, _ = loader.load_file(str(ledger))
    assert errors == []  # the balance assertion proves the ledger agrees with the bank
    transactions = [e for e in entries if type(e).__name__ == "Transaction"]
    assert len(transactions) == 1 + 4  # the opening balance and four rows, both 25 000 kept
    before = ledger.read_text(encoding="utf-8")
    assert main(_extract(work, "--append", str(ledger))) == 0
    assert ledger.read_text(encoding="utf-8") == before
    assert "0 new entries appended" in capsys.readouterr().err


def test_overlapping_period_adds_only_new_rows(work: Path) -> None:
    ledger = work / "main.beancount"
    lines = SWEDBANK.read_bytes().split(b"\r\n")
    first = work / "first.csv"  # an export of March 1 only: the oldest row
    first.write_bytes(b"\r\n".join([lines[0], lines[1], lines[5], b""]))
    argv = ["import", "extract", str(first), "-e", str(ledger), "--append", str(ledger)]
    assert main(argv) == 0
    assert main(_extract(work, "--append", str(ledger))) == 0
    entries, errors, _ = loader.load_file(str(ledger))
    assert errors == []
    amounts = sorted(
        str(e.postings[0].units.number) for e in entries if type(e).__name__ == "Transaction"
    )
    assert amounts == ["-125.00", "-25000.00", "-25000.00", "1844380.50", "918500.00"]


def test_failed_append_writes_nothing(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = work / "main.beancount"
    before = ledger.read_bytes()
    bad = work / "bad.csv"
    bad.write_bytes(
        SWEDBANK.read_bytes().replace(
            b"2021-03-15,2021-03-15,2021-03-15", b"2021-13-15,2021-03-15,2021-03-15", 1
        )
    )
    argv = _extract(work, "--append", str(ledger))
    argv.insert(3, str(bad))
    assert main(argv) == 1
    assert ledger.read_bytes() == before

    def interrupted(self: Path, target: Path) -> Path:  # noqa: ARG001
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", interrupted)
    assert main(_extract(work, "--append", str(ledger))) == 1
    assert ledger.read_bytes() == before
    assert sorted(p.name for p in work.iterdir()) == [
        "Transaktioner_2021-04-01_09-15-00.csv",
        "bad.csv",
        "import.toml",
        "main.beancount",
    ]


def test_unknown_file_lists_the_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unknown = tmp_path / "kontoutdrag.csv"
    unknown.write_text("Datum,Vad,Hur mycket\n2021-01-01,Kaffe,-10\n", encoding="utf-8")
    assert main(["import", "extract", str(unknown)]) == 1
    err = capsys.readouterr().err
    assert f"{unknown}: not a known bank format; the known formats are:" in err
    assert "swedbank-2019: Swedbank Transaktioner_*.csv" in err


def test_identify(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "identify", str(SWEDBANK)]) == 0
    assert capsys.readouterr().out == (
        f"{SWEDBANK}: finsam.swedbank-2019 -> Tillgångar:Kassa-och-bank:Bank\n"
    )


def test_archive(work: Path) -> None:
    documents = work / "dokument"
    documents.mkdir()
    source = work / "Transaktioner_2021-04-01_09-15-00.csv"
    argv = ["import", "archive", str(source), "-o", str(documents)]
    assert main(argv) == 0
    moved = list(documents.rglob("*.csv"))
    assert [p.relative_to(documents).parts[:-1] for p in moved] == [
        ("Tillgångar", "Kassa-och-bank", "Bank")
    ]
    assert moved[0].name == "2021-03-31.Transaktioner_2021-04-01_09-15-00.csv"
    assert not source.exists()


def _swedbank(path: Path, rows: list[tuple[str, str, str]], created: str) -> None:
    """A Swedbank export: rows (date, amount, balance after) oldest first."""
    lines = [
        f"* Transaktioner Period 2021-03-01–2021-03-31 Skapad {created} 09:15 CET",
        "Radnummer,Clearingnummer,Kontonummer,Produkt,Valuta,Bokföringsdag,Transaktionsdag,"
        "Valutadag,Referens,Beskrivning,Belopp,Bokfört saldo",
    ]
    for number, (day, amount, saldo) in enumerate(reversed(rows), start=1):
        lines.append(
            f'{number},83279,0000000000,"Företagskonto",SEK,{day},{day},{day},'
            f'"EXEMPEL AB","Överföring",{amount},{saldo}'
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def test_balance_that_comes_back_and_a_mid_day_export(work: Path) -> None:
    """+100, -100, +100 on one day: a morning export, then the whole day; nothing lost."""
    ledger = work / "main.beancount"
    morning, evening = work / "morning.csv", work / "evening.csv"
    _swedbank(morning, [("2021-03-02", "100.00", "1844480.50")], created="2021-03-02")
    _swedbank(
        evening,
        [
            ("2021-03-02", "100.00", "1844480.50"),
            ("2021-03-02", "-100.00", "1844380.50"),
            ("2021-03-02", "100.00", "1844480.50"),
        ],
        created="2021-03-03",
    )
    for path in (morning, evening):
        argv = ["import", "extract", str(path), "-e", str(ledger), "--append", str(ledger)]
        assert main(argv) == 0
    entries, errors, _ = loader.load_file(str(ledger))
    assert errors == []
    amounts = [
        str(e.postings[0].units.number)
        for e in entries
        if type(e).__name__ == "Transaction" and e.narration.startswith("Överföring")
    ]
    assert sorted(amounts) == ["-100.00", "100.00", "100.00"]
    balances = [
        (str(e.date), str(e.amount.number)) for e in entries if type(e).__name__ == "Balance"
    ]
    # The morning export asserts the start of its day; the evening one the day after.
    assert balances == [("2021-03-02", "1844380.50"), ("2021-03-03", "1844480.50")]


def test_append_without_a_ledger_deduplicates_against_the_file(work: Path) -> None:
    target = work / "import.beancount"
    argv = ["import", "extract", str(SWEDBANK), "--append", str(target)]
    assert main(argv) == 0
    first = target.read_text(encoding="utf-8")
    assert first.startswith('option "name_assets" "Tillgångar"\n')  # a new file can be loaded
    assert main(argv) == 0
    assert target.read_text(encoding="utf-8") == first


def test_append_that_would_break_the_ledger_writes_nothing(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = work / "main.beancount"
    ledger.write_text(
        LEDGER.replace("2021-01-01 open Skulder:Kortfristiga:Oklara-poster SEK\n", ""),
        encoding="utf-8",
    )
    before = ledger.read_bytes()
    argv = ["import", "extract", str(SWEDBANK), "-e", str(ledger), "--append", str(ledger)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "Skulder:Kortfristiga:Oklara-poster" in err
    assert "error(s); nothing written" in err
    assert ledger.read_bytes() == before


def test_append_keeps_line_ends_and_follows_a_symlink(work: Path) -> None:
    real = work / "2021.beancount"
    real.write_bytes(LEDGER.replace("\n", "\r\n").encode("utf-8"))
    link = work / "current.beancount"
    link.symlink_to(real)
    argv = ["import", "extract", str(SWEDBANK), "-e", str(real), "--append", str(link)]
    assert main(argv) == 0
    assert link.is_symlink()
    content = real.read_bytes()
    assert b"918500.00 SEK" in content
    assert content.count(b"\n") == content.count(b"\r\n")


def test_bank_account_is_never_guessed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(
        LEDGER.replace(
            '  bankkonto: "8327-9, 000 000 000-0"\n', '  bankkonto: "5555-1 234 567 890-1"\n'
        ),
        encoding="utf-8",
    )
    argv = ["import", "identify", str(SWEDBANK), "-e", str(ledger)]
    assert main(argv) == 1
    assert "is on no account's bankkonto in the ledger" in capsys.readouterr().err
    legacy = DATA / "swedbank-legacy-2018-export.csv"  # no account number in the file
    assert main(["import", "identify", str(legacy), "-e", str(ledger)]) == 1
    assert "several bank accounts" in capsys.readouterr().err
    konto = "Tillgångar:Kassa-och-bank:Plusgiro"
    assert main(["import", "identify", str(legacy), "-e", str(ledger), "--konto", konto]) == 0
    assert capsys.readouterr().out.endswith(f"-> {konto}\n")


def test_truncated_quoted_line_is_a_fault(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.csv"
    data = SWEDBANK.read_bytes()
    path.write_bytes(data[: data.rindex(b'"Bankgiro') + 5])  # ends inside a quoted field
    assert main(["import", "extract", str(path)]) == 1
    assert f"{path}:" in capsys.readouterr().err

"""``finsam import``: zero configuration, the ledger's bank account, exact deduplication,
re-import, appending atomically, unknown files, bad input with file and line."""

from __future__ import annotations

import re
import shutil
import stat
from pathlib import Path

import pytest
from beancount import loader

from finsam_ledger.cli import main

from inline import replaced

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


def test_failed_append_writes_nothing(
    work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
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
    capsys.readouterr()
    assert main(_extract(work, "--append", str(ledger))) == 2  # the disk, not the data
    assert capsys.readouterr().err.endswith(
        f"finsam import: {ledger}: No space left on device; nothing written\n"
    )
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


def test_archive_never_replaces_a_file(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file of the same name already archived (by another run, even at the same time)."""
    documents = work / "dokument"
    source = work / "Transaktioner_2021-04-01_09-15-00.csv"
    place = documents / "Tillgångar" / "Kassa-och-bank" / "Bank"
    place.mkdir(parents=True)
    earlier = place / "2021-03-31.Transaktioner_2021-04-01_09-15-00.csv"
    earlier.write_bytes(b"arkiverad tidigare")
    before = source.read_bytes()
    assert main(["import", "archive", str(source), "-o", str(documents)]) == 2
    assert _one_line(capsys) == (
        f"finsam import: {earlier}: a file of that name is archived already\n"
    )
    assert earlier.read_bytes() == b"arkiverad tidigare"
    assert source.read_bytes() == before


def test_archive_into_a_missing_folder_is_one_line(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = work / "Transaktioner_2021-04-01_09-15-00.csv"
    missing = work / "dokument"
    assert main(["import", "archive", str(source), "-o", str(missing)]) == 2
    assert _one_line(capsys) == f"finsam import: -o {missing}: no such folder\n"
    assert source.exists()
    assert not missing.exists()


def test_archive_dry_run_moves_nothing(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    documents = work / "dokument"
    documents.mkdir()
    source = work / "Transaktioner_2021-04-01_09-15-00.csv"
    assert main(["import", "archive", str(source), "-o", str(documents), "-n"]) == 0
    target = (
        documents
        / "Tillgångar"
        / "Kassa-och-bank"
        / "Bank"
        / "2021-03-31.Transaktioner_2021-04-01_09-15-00.csv"
    )
    assert capsys.readouterr().out == f"{source} -> {target}\n"
    assert source.exists()
    assert list(documents.iterdir()) == []


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
        replaced(LEDGER, "2021-01-01 open Skulder:Kortfristiga:Oklara-poster SEK\n", ""),
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
        replaced(
            LEDGER,
            '  bankkonto: "8327-9, 000 000 000-0"\n',
            '  bankkonto: "5555-1 234 567 890-1"\n',
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


# --- issue 8: refusals, one-line errors, exit codes -------------------------------------


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The command's stderr, which must be exactly one line."""
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    return err


def test_append_to_a_read_only_file_is_refused(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = work / "main.beancount"
    ledger.chmod(0o444)
    before = ledger.read_bytes()
    assert main(_extract(work, "--append", str(ledger))) == 2
    assert _one_line(capsys) == (
        f"finsam import: {ledger.resolve()}: the file is read-only; nothing written\n"
    )
    assert ledger.read_bytes() == before
    assert stat.S_IMODE(ledger.stat().st_mode) == 0o444


@pytest.mark.parametrize("where", ["--konto", "config"])
def test_append_never_writes_text_beancount_cannot_parse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    """A new file without -e: an account name with a space would make the file unreadable."""
    target = tmp_path / "bank.beancount"
    argv = ["import", "extract", str(SWEDBANK), "--append", str(target)]
    if where == "--konto":
        argv += ["--konto", "Tillgångar:Kassa och bank"]
    else:
        config = tmp_path / "import.toml"
        config.write_text('bankkonto = "Tillgångar:Kassa och bank"\n', encoding="utf-8")
        argv += ["-c", str(config)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    # At the bank file's row (the oldest, at its end) whose posting could not be read.
    assert err.startswith(f"{SWEDBANK}:6: Invalid token: 'och'\n")
    assert err.endswith(
        f"finsam import: {target}: the import would add 10 error(s); nothing written\n"
    )
    assert not target.exists()


def _included(work: Path) -> Path:
    """The ledger with an included file; returns the included one."""
    included = work / "2021.beancount"
    included.write_text(
        "".join(line + "\n" for line in LEDGER.splitlines() if line.startswith("option")),
        encoding="utf-8",
    )
    with (work / "main.beancount").open("a", encoding="utf-8") as handle:
        handle.write('include "2021.beancount"\n')
    return included


@pytest.mark.parametrize("which", ["main.beancount", "2021.beancount"])
def test_output_never_replaces_a_file_of_the_ledger(
    work: Path, capsys: pytest.CaptureFixture[str], which: str
) -> None:
    _included(work)
    output = work / which
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    assert main(_extract(work, "-o", str(output))) == 2
    assert _one_line(capsys).startswith(f"finsam import: {output}: is a file of the ledger")
    assert {p.name: p.read_bytes() for p in work.iterdir()} == before


def test_output_replaces_only_its_own_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without -e, -o takes a new or empty file, or one an earlier extract -o wrote."""
    output = tmp_path / "bank.beancount"
    argv = ["import", "extract", str(SWEDBANK), "-o", str(output)]
    output.write_bytes(b"")
    assert main(argv) == 0
    written = output.read_bytes()
    assert written.startswith(
        b";; -*- mode: beancount -*-\n"
        b"; Written by finsam import extract -o; the next extract -o may replace this file.\n"
    )
    assert b"918500.00 SEK" in written
    assert main(argv) == 0  # its own file: replaced by the same entries
    assert output.read_bytes() == written
    capsys.readouterr()
    books = tmp_path / "books.beancount"  # someone's ledger, not written by extract
    books.write_text(LEDGER, encoding="utf-8")
    assert main(["import", "extract", str(SWEDBANK), "-o", str(books)]) == 2
    assert _one_line(capsys) == (
        f"finsam import: {books}: the file exists and was not written by finsam import "
        "extract -o; nothing written (choose another name, or remove it first)\n"
    )
    assert books.read_text(encoding="utf-8") == LEDGER


def test_append_to_a_symlink_loop_is_refused(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = work / "loop.beancount"
    loop.symlink_to(loop)
    before = {p.name: p.read_bytes() for p in work.iterdir() if p != loop}
    assert main(_extract(work, "--append", str(loop))) == 2
    assert _one_line(capsys) == f"finsam import: {loop}: symlink loop\n"
    assert {p.name: p.read_bytes() for p in work.iterdir() if p != loop} == before
    assert loop.is_symlink()


def test_append_to_a_file_with_latin1_bytes_is_refused(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Beancount reads the comment; appending UTF-8 after it would mix two encodings."""
    ledger = work / "main.beancount"
    assert LEDGER.count("2021-01-01 * ") == 1
    content = LEDGER.encode("utf-8").replace(
        b"2021-01-01 * ", "; Inbetalning från Försäkringskassan\n2021-01-01 * ".encode("latin-1")
    )
    ledger.write_bytes(content)
    line = content.split(b"\n").index("; Inbetalning från Försäkringskassan".encode("latin-1"))
    assert main(_extract(work, "--append", str(ledger))) == 1
    assert _one_line(capsys) == (
        f"finsam import: {ledger}:{line + 1}: byte 0xe5 (column 17) is not UTF-8; Beancount "
        "files are UTF-8: convert the file (e.g. iconv -f latin1 -t utf-8) before appending; "
        "nothing written\n"
    )
    assert ledger.read_bytes() == content


def test_append_to_a_missing_folder_and_a_folder_as_ledger(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    target = work / "saknas" / "2021.beancount"
    assert main(_extract(work, "--append", str(target))) == 2
    assert _one_line(capsys) == (
        f"finsam import: {target}: no such folder: {target.parent.resolve()}\n"
    )
    argv = ["import", "extract", str(SWEDBANK), "-e", str(work)]
    assert main([*argv, "--append", str(work / "main.beancount")]) == 2
    assert _one_line(capsys) == f"finsam import: -e {work}: is a folder\n"
    assert main(argv) == 2
    assert _one_line(capsys) == f"finsam import: -e {work}: is a folder\n"
    assert {p.name: p.read_bytes() for p in work.iterdir()} == before


def test_exit_codes(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """0 done; 1 bad data; 2 misuse (no such file, bad arguments), as for report and export."""
    missing = work / "saknas.csv"
    for command in ("identify", "extract", "archive"):
        argv = ["import", command, str(missing)]
        if command == "archive":
            argv += ["-o", str(work)]
        assert main(argv) == 2
        assert _one_line(capsys) == f"finsam import: {missing}: no such file\n"
    assert main([*_extract(work)[:-2], "-c", str(work / "saknas.toml")]) == 2
    assert _one_line(capsys) == f"finsam import: -c {work / 'saknas.toml'}: no such file\n"
    assert main(["import", "extract", str(SWEDBANK), "--append", "a", "-o", "b"]) == 2
    assert "not allowed with argument" in _one_line(capsys)
    broken = work / "broken.csv"  # the balance chain breaks at line 4
    broken.write_bytes(SWEDBANK.read_bytes().replace(b",-25000.00,", b",-24000.00,", 1))
    assert main(["import", "extract", str(broken)]) == 1  # bad data
    assert _one_line(capsys).startswith(f"finsam import: {broken}:")


def test_identify_reports_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each file's format (also of one that cannot be booked), or why not; 1 if any failed."""
    unknown = tmp_path / "kontoutdrag.csv"
    unknown.write_text("Datum,Vad,Hur mycket\n2021-01-01,Kaffe,-10\n", encoding="utf-8")
    broken = tmp_path / "Transaktioner_2021-04-01.csv"  # a Swedbank file whose rows are edited
    broken.write_bytes(SWEDBANK.read_bytes().replace(b",-25000.00,", b",-24000.00,", 1))
    argv = ["import", "identify", str(unknown), str(broken), str(SWEDBANK)]
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        f"{broken}: finsam.swedbank-2019\n"
        f"{SWEDBANK}: finsam.swedbank-2019 -> Tillgångar:Kassa-och-bank:Bank\n"
    )
    errors = [line for line in captured.err.splitlines() if line.startswith("finsam import: ")]
    assert errors[0] == f"finsam import: {unknown}: not a known bank format; the known formats are:"
    assert re.match(rf"finsam import: {re.escape(str(broken))}:\d+: ", errors[1])
    assert len(errors) == 2


def test_append_to_an_input_file_is_refused(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    for target in (work / "Transaktioner_2021-04-01_09-15-00.csv", work / "import.toml"):
        assert main(_extract(work, "--append", str(target))) == 2
        assert _one_line(capsys) == (
            f"finsam import: --append {target}: is an input file, not the ledger; nothing written\n"
        )
    assert {p.name: p.read_bytes() for p in work.iterdir()} == before

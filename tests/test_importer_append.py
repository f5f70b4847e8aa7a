"""``finsam import extract --append``: two imports at once, a file the ledger does not include
yet, the ledger's plugins, stale temporary files; and the library behind it
(:mod:`finsam_ledger.importers.append`)."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data
from beancount.parser import parser
from test_importer_cli import CONFIG, LEDGER, SWEDBANK, _swedbank

from finsam_ledger.cli import main
from finsam_ledger.importers import append
from finsam_ledger.importers.model import ImportFault

from ledgers import EXAMPLE, HALVAR, HEADER

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "main.beancount").write_text(LEDGER, encoding="utf-8")
    (tmp_path / "import.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def _rows(ledger: Path) -> list[str]:
    """The bankrad of every transaction of the loaded ledger, which must have no errors."""
    entries, errors, _ = loader.load_file(str(ledger))
    assert errors == []
    return sorted(
        str(e.meta["bankrad"])
        for e in entries
        if isinstance(e, data.Transaction) and "bankrad" in e.meta
    )


def _finsam(*argv: str) -> subprocess.Popen[str]:
    """``finsam`` in a process of its own (the package as the tests import it)."""
    env = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1", "FINSAM_TEST_BARRIER": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "finsam_ledger", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


# --- 1. two imports at once ----------------------------------------------------------------


def _export(path: Path, opening: Decimal, count: int) -> list[str]:
    """A Swedbank export of ``count`` rows in March 2021; the rows' bankrad, as imported."""
    rows, balance = [], opening
    for number in range(count):
        amount = Decimal(number % 7 * 10 + 5) * (-1 if number % 3 == 0 else 1)
        balance += amount
        rows.append((f"2021-03-{number * 28 // count + 1:02d}", f"{amount:.2f}", f"{balance:.2f}"))
    _swedbank(path, rows, created="2021-04-01")
    return [f"{day}|{amount}|saldo {saldo}" for day, amount, saldo in rows]


# A plugin that holds the first load of each process until the other process loads too, so
# that both read the ledger before either writes, unless the command holds the folder's lock
# while it loads (then the other process cannot be loading: it waits for the lock).
BARRIER = """\
import fcntl, os, time
from pathlib import Path

__plugins__ = ("barrier",)
_waited = False


def barrier(entries, options_map):
    global _waited
    folder = Path(options_map["filename"]).parent
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)  # fails while a writer holds the lock
        locked = False
    except BlockingIOError:
        locked = True
    finally:
        os.close(fd)
    if not locked and not _waited and "FINSAM_TEST_BARRIER" in os.environ:
        _waited = True
        arrived = folder / "arrived"
        arrived.mkdir(exist_ok=True)
        (arrived / str(os.getpid())).touch()
        deadline = time.monotonic() + 20
        while len(list(arrived.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
    return entries, []
"""


@pytest.mark.parametrize("same", [False, True], ids=["different-files", "same-file"])
def test_two_appends_at_once_lose_and_double_nothing(tmp_path: Path, same: bool) -> None:
    """The second run waits for the first, then deduplicates against its rows."""
    ledger = tmp_path / "main.beancount"
    plugin = 'option "insert_pythonpath" "TRUE"\nplugin "barrier"\n'
    # Years of comments: reading and writing the file takes a while, as a real ledger's does.
    history = ("; " + "x" * 97 + "\n") * 100_000
    ledger.write_text(LEDGER + plugin + history, encoding="utf-8")
    (tmp_path / "barrier.py").write_text(BARRIER, encoding="utf-8")
    first, second = tmp_path / "foretagskonto.csv", tmp_path / "plusgiro.csv"
    expected = _export(first, Decimal("1844380.50"), 20)
    runs = [[str(first)], [str(first)]]
    if not same:  # another account: the two imports do not depend on each other
        expected += _export(second, Decimal(0), 20)
        runs[1] = [str(second), "--konto", "Tillgångar:Kassa-och-bank:Plusgiro"]
    started = [
        _finsam("import", "extract", *run, "-e", str(ledger), "--append", str(ledger))
        for run in runs
    ]
    outcomes = [(process.communicate(timeout=600)[1], process.returncode) for process in started]
    assert [code for _, code in outcomes] == [0, 0], [err[-2000:] for err, _ in outcomes]
    appended = sorted(int(err.split(" new entries")[0].split()[-1]) for err, _ in outcomes)
    assert appended == ([0, 21] if same else [21, 21])  # 20 rows, a balance assertion
    assert _rows(ledger) == sorted(expected)


# --- 2. a file the ledger does not include yet -------------------------------------------------


def test_reimport_into_a_file_the_ledger_does_not_include(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The month's rows go to a new file, included later: a second import adds nothing."""
    ledger, month = work / "main.beancount", work / "bank-2021-03.beancount"
    argv = ["import", "extract", str(SWEDBANK), "-e", str(ledger), "-c", str(work / "import.toml")]
    assert main([*argv, "--append", str(month)]) == 0
    written = month.read_bytes()
    assert written.count(b"bankrad:") == 4
    capsys.readouterr()
    assert main([*argv, "--append", str(month)]) == 0
    assert month.read_bytes() == written
    assert "finsam import: 0 new entries appended" in capsys.readouterr().err
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write(f'include "{month.name}"\n')
    assert len(_rows(ledger)) == 4  # the documented workflow: included, it loads cleanly


# --- 4. the ledger's plugins -----------------------------------------------------------------

CLOSED = (
    '2021-12-31 * "Löner oktober-december"\n'
    "  Kostnader:Administration:Kansli:Lön  75000.00 SEK\n"
    "  Tillgångar:Kassa-och-bank:Bank\n"
)

BANK_CONFIG = """\
[[csv]]
namn = "testbank"
rubrik = ["Datum", "Text", "Motpart", "Belopp"]
datum = "Datum"
belopp = "Belopp"
text = ["Text"]
motpart = "Motpart"
nyast_forst = false

[[regel]]
motpart = "försäkringskassan"
konto = "Intäkter:Medlemsbidrag:Staten"
"""


@pytest.mark.parametrize("into", ["main.beancount", "bank-2021-11.beancount"])
def test_append_that_breaks_a_plugin_rule_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], into: str
) -> None:
    """A medlemsbidrag row that breaks 50/25/25: the ledger's plugin refuses the import."""
    ledger = tmp_path / "main.beancount"
    plugins = 'plugin "finsam_ledger.plugins.finansieringsandelar"\n'
    ledger.write_text(HEADER + plugins + CLOSED + textwrap.dedent(HALVAR), encoding="utf-8")
    assert loader.load_file(str(ledger))[1] == []  # 400 000 / 200 000 / 200 000
    config = tmp_path / "import.toml"
    config.write_text(BANK_CONFIG, encoding="utf-8")
    bank = tmp_path / "bank.csv"
    bank.write_text(
        "Datum;Text;Motpart;Belopp\n2021-11-01;Medlemsbidrag;Försäkringskassan;10000,00\n",
        encoding="utf-8",
    )
    target = tmp_path / into
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    argv = ["import", "extract", str(bank), "-e", str(ledger), "-c", str(config)]
    assert main([*argv, "--append", str(target)]) == 1
    err = capsys.readouterr().err
    # The plugin's error, at the bank file's row that would break the rule.
    assert err.startswith(f"{bank}:2: ")
    assert "Medlemsbidrag 2021 (bokfört) 810 000 kr: staten 410 000 kr" in err
    assert err.endswith(
        f"finsam import: {target}: the import would add 1 error(s); nothing written\n"
    )
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


# --- 10. temporary files of a killed write ------------------------------------------------------


def test_temporary_file_of_a_killed_write_is_removed(work: Path) -> None:
    ledger = work / "main.beancount"
    stale = work / ".main.beancount.finsam-tmp-k1ll3d"  # what a killed write leaves
    stale.write_bytes(LEDGER.encode("utf-8")[:100])
    argv = ["import", "extract", str(SWEDBANK), "-e", str(ledger), "--append", str(ledger)]
    assert main(argv) == 0
    assert not stale.exists()
    assert sorted(p.name for p in work.iterdir()) == ["import.toml", "main.beancount"]
    assert len(_rows(ledger)) == 4


# --- the library -------------------------------------------------------------------------------


def test_load_is_beancounts_loader() -> None:
    """Without a replaced file, exactly what bean-check loads (the example, with its plugins)."""
    entries, errors, options = loader.load_file(str(EXAMPLE))
    loaded = append.load(EXAMPLE)
    assert loaded.entries == entries
    assert loaded.errors == errors == []
    assert loaded.files == options["include"]
    assert len(loaded.files) == 7


def test_load_with_a_replaced_and_an_added_file(tmp_path: Path) -> None:
    main_file = tmp_path / "main.beancount"
    main_file.write_text(LEDGER + 'include "included.beancount"\n', encoding="utf-8")
    included = tmp_path / "included.beancount"
    included.write_text("2021-01-01 open Tillgångar:Kassa-och-bank:Kassa SEK\n", encoding="utf-8")
    link = tmp_path / "link.beancount"
    link.symlink_to(included)
    replaced = (
        b'option "name_assets" "Tillg\xc3\xa5ngar"\n2021-02-01 open Tillg\xc3\xa5ngar:X SEK\n'
    )
    loaded = append.load(main_file, link, replaced)  # the file by another name: replaced
    opens = [e for e in loaded.entries if isinstance(e, data.Open)]
    assert "Tillgångar:X" in {e.account for e in opens}
    assert "Tillgångar:Kassa-och-bank:Kassa" not in {e.account for e in opens}
    assert loaded.errors == []
    new = tmp_path / "new.beancount"  # not on disk, not included: read as if included
    loaded = append.load(main_file, new, replaced)
    assert str(new) in loaded.files
    assert {"Tillgångar:X", "Tillgångar:Kassa-och-bank:Kassa"} <= {
        e.account for e in loaded.entries if isinstance(e, data.Open)
    }
    assert [e.source["lineno"] for e in append.load(main_file, new, b"2021-01-01 open X\n").errors]
    assert not new.exists()


def test_render_keeps_the_old_bytes_and_line_ends() -> None:
    old = b"; caf\xc3\xa9\r\n2021-01-01 open Tillg\xc3\xa5ngar:Bank SEK"  # no last line end
    entry = data.Open(
        data.new_metadata("bank.csv", 1), datetime.date(2021, 2, 1), "Skulder:X", [], None
    )
    new = append.render(old, [entry])
    assert new == old + b"\r\n\r\n2021-02-01 open Skulder:X\r\n"
    head = append.render(None, [entry], {"name_assets": "Assets"})
    assert head.startswith(b'option "name_assets" "Assets"\noption "name_liabilities" "Skulder"\n')
    assert append.parse_errors("x.beancount", None, head) == []


def test_errors_at_appended_entries_move_to_the_bank_rows() -> None:
    old = b"2021-01-01 open Assets:Bank SEK\r\n"
    entries = [
        data.Open(data.new_metadata("bank.csv", row), datetime.date(2021, 2, row), name, [], None)
        for row, name in ((3, "Liabilities:X"), (4, "Liabilities:Y"))
    ]
    candidate, starts = append._render(old, entries)
    parsed, errors, _ = parser.parse_string(candidate, "ledger.beancount")
    assert errors == []
    assert [e.meta["lineno"] for e in parsed[1:]] == starts == [3, 5]
    error = loader.LoadError(data.new_metadata("ledger.beancount", 5), "fel", None)
    kept = loader.LoadError(data.new_metadata("ledger.beancount", 1), "fel", None)
    moved = append.at_origin([error, kept], "ledger.beancount", entries, starts)
    assert [(e.source["filename"], e.source["lineno"]) for e in moved] == [
        ("bank.csv", 4),
        ("ledger.beancount", 1),
    ]


def test_check_utf8_names_the_line_of_the_first_bad_byte() -> None:
    append.check_utf8("x.beancount", "; café\n".encode())
    with pytest.raises(ImportFault) as fault:
        append.check_utf8("x.beancount", b"; ok\n; caf\xe9 \xe9\n")
    assert (fault.value.path, fault.value.line) == ("x.beancount", 2)
    assert str(fault.value).startswith("x.beancount:2: byte 0xe9 (column 6) is not UTF-8")


def test_entries_to_append_against_the_ledger_and_earlier_files(work: Path) -> None:
    """Each file against the ledger and the files before it: the same file twice adds once."""
    ledger = append.load(work / "main.beancount")
    appended = append.append(work / "main.beancount", None, lambda _: [])
    assert appended.entries == [] and not appended.written
    from finsam_ledger.importers.registry import importers
    from finsam_ledger.importers.settings import load as settings

    swedbank = next(
        i for i in importers(settings(None, ledger.entries)) if i.identify(str(SWEDBANK))
    )
    batch = (swedbank, swedbank.extract(str(SWEDBANK), []))
    new = append.entries_to_append([batch, batch], ledger.entries)
    assert len(new) == 5  # four rows and the balance assertion, once
    assert append.entries_to_append([batch], [*ledger.entries, *new]) == []

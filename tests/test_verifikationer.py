"""Voucher numbers: the ``verifikationer`` plugin, ``finsam verifikationer numrera`` and imports.

The plugin on docstring ledgers (each error at its line, what is exempt, the
settings); ``numrera`` on small ledgers written to ``tmp_path`` (numbers in
date order after the highest, an included file, formatting kept, a second
run that changes nothing, refusals that write nothing); the numbers an
import gives the rows it appends.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from beancount import loader
from beancount.core import data
from test_importer_cli import CONFIG, _swedbank

from finsam_ledger import safe_files
from finsam_ledger.cli import main
from finsam_ledger.rules import verifikationer as rule
from finsam_ledger.verifikationer import nummer
from finsam_ledger.verifikationer.numrera import Konflikt, numrera

from inline import ledger_doc, plugin_line, write_ledger
from ledgers import EXAMPLE, HEADER

CHART = """\
2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
2021-01-01 open Eget-kapital:Ingående-balanser SEK
2021-01-01 open Kostnader:Administration:Kansli SEK
"""
PLUGIN = plugin_line("verifikationer") + "\n"


def line_of(path: Path, text: str) -> int:
    """The line number of the line that is exactly ``text``."""
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def at(errors: list[Any]) -> list[tuple[int, str]]:
    """Each error's line and message, in the order reported."""
    return [(e.source["lineno"], e.message) for e in errors]


# --- the plugin ---------------------------------------------------------------------------


@ledger_doc(plugins=("verifikationer",), base=CHART)
def test_numbered_ledger_passes(errors: list[Any]) -> None:
    """
    ; The ingående balans, a pad's transaction and a day's vouchers in any order need no more.
    2021-01-01 * "Ingående balans"
      Tillgångar:Kassa-och-bank:Bank  1000.00 SEK
      Eget-kapital:Ingående-balanser
    2021-02-01 * "Hyra"
      ver: "A 1"
      Kostnader:Administration:Kansli  100.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-02-03 * "Porto"
      ver: "A 3"
      Kostnader:Administration:Kansli  10.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-02-03 * "Kaffe"
      ver: "A 2"
      Kostnader:Administration:Kansli  10.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    ; a gap (A 4 annulled), another series, and the count from 1 again in 2022
    2021-03-01 * "Avgift"
      ver: "A 5"
      Kostnader:Administration:Kansli  20.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-03-01 * "Lön"
      ver: "L 1"
      Kostnader:Administration:Kansli  200.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-12-30 pad Tillgångar:Kassa-och-bank:Bank Kostnader:Administration:Kansli
    2021-12-31 balance Tillgångar:Kassa-och-bank:Bank 600.00 SEK
    2022-01-03 * "Hyra"
      ver: "A 1"
      Kostnader:Administration:Kansli  100.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    assert errors == []


@ledger_doc(base=CHART)
def test_off_without_the_plugin_line(errors: list[Any]) -> None:
    """
    ; Without the plugin line nothing is checked: no number, a malformed one.
    2021-02-01 * "Hyra"
      Kostnader:Administration:Kansli  100.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-02-02 * "Porto"
      ver: "2021-0001"
      Kostnader:Administration:Kansli  10.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    assert errors == []


@ledger_doc(plugins=("verifikationer",), base=CHART, expect_errors=True)
def test_missing_and_malformed_at_their_lines(errors: list[Any], path: Path) -> None:
    """
    2021-02-01 * "Hyra"
      Kostnader:Administration:Kansli  100.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-02-02 * "Porto"
      ver: "2021-0001"
      Kostnader:Administration:Kansli  10.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-02-03 * "Kaffe"
      ver: 7
      Kostnader:Administration:Kansli  10.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    assert at(errors) == [
        (
            line_of(path, '2021-02-01 * "Hyra"'),
            "verifikationer: the transaction has no voucher number (ver); give the unnumbered "
            "transactions the next numbers with: finsam verifikationer numrera main.beancount",
        ),
        (
            line_of(path, '2021-02-02 * "Porto"'),
            "verifikationer: ver '2021-0001' is not a series and a number; write e.g. "
            'ver: "A 12"',
        ),
        (
            line_of(path, '2021-02-03 * "Kaffe"'),
            "verifikationer: ver Decimal('7') is not a series and a number; write e.g. "
            'ver: "A 12"',
        ),
    ]


@ledger_doc(plugins=("verifikationer",), base=CHART, expect_errors=True)
def test_duplicate_at_the_second_use(errors: list[Any], path: Path) -> None:
    """
    2021-02-01 * "Hyra"
      ver: "A 1"
      Kostnader:Administration:Kansli  100.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-02-01 * "Hyra igen"
      ver: "A 1"
      Kostnader:Administration:Kansli  100.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    ; the same number in another year or series is no duplicate
    2022-02-01 * "Hyra"
      ver: "A 1"
      Kostnader:Administration:Kansli  100.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-02-01 * "Lön"
      ver: "B 1"
      Kostnader:Administration:Kansli  100.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    first = line_of(path, '2021-02-01 * "Hyra"')
    assert at(errors) == [
        (
            line_of(path, '2021-02-01 * "Hyra igen"'),
            f"verifikationer: A 1 is used twice in 2021 (also at main.beancount:{first}, "
            "2021-02-01); give this transaction a number of its own: remove its ver line "
            "and run finsam verifikationer numrera main.beancount",
        )
    ]


@ledger_doc(plugins=("verifikationer",), base=CHART, expect_errors=True)
def test_a_misdated_voucher_is_the_one_reported(errors: list[Any], path: Path) -> None:
    """
    2021-02-01 * "Hyra"
      ver: "A 1"
      Kostnader:Administration:Kansli  100.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-12-01 * "Felaktigt datum"
      ver: "A 2"
      Kostnader:Administration:Kansli  10.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-03-01 * "Porto"
      ver: "A 3"
      Kostnader:Administration:Kansli  10.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-04-01 * "Kaffe"
      ver: "A 4"
      Kostnader:Administration:Kansli  10.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    # One voucher breaks the order: it alone is reported, not the three after it.
    assert at(errors) == [
        (
            line_of(path, '2021-12-01 * "Felaktigt datum"'),
            "verifikationer: A 2 is dated 2021-12-01, after A 3 of 2021-03-01; numbers "
            "ascend with the date in series A 2021: correct the date, or give the "
            "transaction the number its date calls for",
        )
    ]


@ledger_doc(plugins=("verifikationer",), base=CHART, expect_errors=True)
def test_two_swapped_numbers(errors: list[Any], path: Path) -> None:
    """
    2021-03-01 * "Hyra"
      ver: "A 1"
      Kostnader:Administration:Kansli  100.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-02-01 * "Porto"
      ver: "A 2"
      Kostnader:Administration:Kansli  10.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    # The lower number is kept, the later one reported.
    assert at(errors) == [
        (
            line_of(path, '2021-02-01 * "Porto"'),
            "verifikationer: A 2 is dated 2021-02-01, before A 1 of 2021-03-01; numbers "
            "ascend with the date in series A 2021: correct the date, or give the "
            "transaction the number its date calls for",
        )
    ]


@ledger_doc(plugins=("verifikationer",), base=CHART, expect_errors=True)
def test_a_number_on_the_ingaende_balans_is_checked_too(errors: list[Any], path: Path) -> None:
    """
    2021-01-01 * "Ingående balans"
      ver: "A 1"
      Tillgångar:Kassa-och-bank:Bank  1000.00 SEK
      Eget-kapital:Ingående-balanser
    2021-02-01 * "Hyra"
      ver: "A 1"
      Kostnader:Administration:Kansli  100.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    [(line, message)] = at(errors)
    assert line == line_of(path, '2021-02-01 * "Hyra"')
    assert message.startswith("verifikationer: A 1 is used twice in 2021")


@ledger_doc(plugins=(("verifikationer", "{'fran': '2021-07-01'}"),), base=CHART)
def test_fran_exempts_older_transactions(errors: list[Any]) -> None:
    """
    ; Numbering starts 1 July 2021: the half year before is neither checked nor numbered.
    2021-02-01 * "Hyra"
      Kostnader:Administration:Kansli  100.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-03-01 * "Porto"
      ver: "2021-0017"
      Kostnader:Administration:Kansli  10.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-07-01 * "Hyra"
      ver: "A 1"
      Kostnader:Administration:Kansli  100.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    assert errors == []


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            "{'fran': '2021-13-01'}",
            "verifikationer: bad configuration: 'fran' is '2021-13-01'; write the first date "
            "numbering applies to as YYYY-MM-DD, e.g. {'fran': '2022-01-01'}",
        ),
        (
            "{'serie': 'A B'}",
            "verifikationer: bad configuration: 'serie' is 'A B'; write one to ten letters or "
            "digits, e.g. {'serie': 'A'}",
        ),
        (
            "{'serie': 1}",
            "verifikationer: bad configuration: 'serie' is 1; write a text in quotes",
        ),
        (
            "{'start': '2021-01-01'}",
            "verifikationer: bad configuration: unknown key 'start'; the keys are 'serie', 'fran'",
        ),
        (
            "fran",
            "verifikationer: bad configuration 'fran', not a Python literal; write e.g. "
            "{'serie': 'A', 'fran': ''}",
        ),
    ],
)
def test_bad_setting_at_the_plugin_line(tmp_path: Path, config: str, message: str) -> None:
    path = write_ledger(tmp_path, CHART, plugins=[("verifikationer", config)])
    _, errors, _ = loader.load_file(str(path))
    assert at(errors) == [(line_of(path, plugin_line("verifikationer", config)), message)]


GENERATOR = """\
from beancount.core import amount, data
from decimal import Decimal

__plugins__ = ("tillverkare",)


def tillverkare(entries, options_map):
    meta = data.new_metadata("<generator>", 0)
    units = amount.Amount(Decimal("1.00"), "SEK")
    made = data.Transaction(meta, entries[-1].date, "*", None, "Avrundning", set(), set(), [
        data.Posting("Kostnader:Administration:Kansli", units, None, None, None, None),
        data.Posting("Tillgångar:Kassa-och-bank:Bank", -units, None, None, None, None),
    ])
    return entries + [made], []
"""


def test_transactions_a_plugin_generates_are_exempt(tmp_path: Path) -> None:
    (tmp_path / "verifikationer_tillverkare.py").write_text(GENERATOR, encoding="utf-8")
    header = HEADER + 'option "insert_pythonpath" "TRUE"\nplugin "verifikationer_tillverkare"\n'
    body = CHART + '2021-02-01 * "Hyra"\n  ver: "A 1"\n  Kostnader:Administration:Kansli  1 SEK\n'
    path = write_ledger(
        tmp_path, body + "  Tillgångar:Kassa-och-bank:Bank\n", ["verifikationer"], header
    )
    entries, errors, _ = loader.load_file(str(path))
    assert sorted(e.narration for e in entries if isinstance(e, data.Transaction)) == [
        "Avrundning",
        "Hyra",
    ]
    assert errors == []


# --- numrera ------------------------------------------------------------------------------

MAIN = (
    HEADER
    + PLUGIN
    + CHART
    + """\
include "2021.beancount"

2021-01-01 * "Ingående balans"
  Tillgångar:Kassa-och-bank:Bank  1000.00 SEK
  Eget-kapital:Ingående-balanser

2021-02-01 * "Hyra februari"
  ver: "A 1"
  Kostnader:Administration:Kansli  100.00 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-03-05 * "Porto" ; two on one day: in the ledger's file and line order
  Kostnader:Administration:Kansli  10.00 SEK
  Tillgångar:Kassa-och-bank:Bank
"""
)
INCLUDED = """\
option "name_assets" "Tillgångar"
option "name_liabilities" "Skulder"
option "name_equity" "Eget-kapital"
option "name_income" "Intäkter"
option "name_expenses" "Kostnader"

; Mars, as the accountant writes it: tabs, a tag line, metadata.
2021-03-05 * "Kaffe"\t; a comment on the first line
\t#mars
\tfaktura: "123"
\tKostnader:Administration:Kansli  20.00 SEK
\tTillgångar:Kassa-och-bank:Bank

2021-03-02 * "Hyra mars"
    Kostnader:Administration:Kansli  100.00 SEK   ; four spaces
    Tillgångar:Kassa-och-bank:Bank
"""


def _ledger(tmp_path: Path, main: str = MAIN, included: str = INCLUDED) -> Path:
    (tmp_path / "main.beancount").write_text(main, encoding="utf-8")
    (tmp_path / "2021.beancount").write_text(included, encoding="utf-8")
    return tmp_path / "main.beancount"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _without(text: str, *lines: str) -> str:
    """``text`` with each of ``lines`` (whole lines) taken out once."""
    kept = text.splitlines(keepends=True)
    for line in lines:
        kept.remove(line)
    return "".join(kept)


def test_numrera_in_date_order_after_the_highest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _ledger(tmp_path)
    assert main(["verifikationer", "numrera", str(path)]) == 0
    assert capsys.readouterr().out == (
        "finsam verifikationer: 3 numbered: 1 in main.beancount, 2 in 2021.beancount\n"
    )
    text = path.read_text(encoding="utf-8")
    included = (tmp_path / "2021.beancount").read_text(encoding="utf-8")
    # Hyra mars (2 March) A 2; on 5 March main.beancount's Porto before 2021.beancount's Kaffe
    # (main is read first), whatever their lines.
    assert '"Porto" ; two on one day: in the ledger\'s file and line order\n  ver: "A 3"\n' in text
    assert '2021-03-02 * "Hyra mars"\n    ver: "A 2"\n' in included
    assert '; a comment on the first line\n\tver: "A 4"\n\t#mars\n' in included
    # Nothing but the new lines: the ingående balans and the numbered voucher keep theirs.
    assert _without(text, '  ver: "A 3"\n') == MAIN
    assert _without(included, '    ver: "A 2"\n', '\tver: "A 4"\n') == INCLUDED
    _, errors, _ = loader.load_file(str(path))
    assert errors == []


def test_a_second_run_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _ledger(tmp_path)
    assert main(["verifikationer", "numrera", str(path)]) == 0
    before = _snapshot(tmp_path)
    capsys.readouterr()
    assert main(["verifikationer", "numrera", str(path)]) == 0
    assert capsys.readouterr().out == f"finsam verifikationer: nothing to number in {path}\n"
    assert _snapshot(tmp_path) == before


def test_crlf_and_a_last_line_without_its_end_are_kept(tmp_path: Path) -> None:
    body = CHART + '2021-02-01 * "Hyra"\n  Kostnader:Administration:Kansli  1 SEK\n'
    body += "  Tillgångar:Kassa-och-bank:Bank"  # no line end at the end of the file
    old = (HEADER + PLUGIN + body).replace("\n", "\r\n").encode("utf-8")
    path = tmp_path / "main.beancount"
    path.write_bytes(old)
    numrera(path)
    new = path.read_bytes()
    assert new == old.replace(b'"Hyra"\r\n', b'"Hyra"\r\n  ver: "A 1"\r\n')


HYRA = (
    '{day} * "Hyra"\n  Kostnader:Administration:Kansli  1 SEK\n  Tillgångar:Kassa-och-bank:Bank\n'
)


def test_serie_and_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = CHART + "".join(
        HYRA.format(day=day) for day in ("2021-02-01", "2022-02-01", "2022-03-01")
    )
    path = write_ledger(tmp_path, body, [("verifikationer", "{'serie': 'K'}")])
    assert main(["verifikationer", "numrera", str(path), "--year", "2022"]) == 0
    text = path.read_text(encoding="utf-8")
    assert text.count('ver: "K 1"') == 1 and text.count('ver: "K 2"') == 1
    assert '2021-02-01 * "Hyra"\n  Kostnader' in text  # 2021 left as it was
    assert main(["verifikationer", "numrera", str(path), "--serie", "B"]) == 0
    assert '2021-02-01 * "Hyra"\n  ver: "B 1"\n' in path.read_text(encoding="utf-8")
    assert "1 numbered: 1 in main.beancount" in capsys.readouterr().out


def test_numrera_leaves_out_what_fran_exempts(tmp_path: Path) -> None:
    body = CHART + "".join(HYRA.format(day=day) for day in ("2021-02-01", "2021-08-01"))
    path = write_ledger(tmp_path, body, [("verifikationer", "{'fran': '2021-07-01'}")])
    assert [t.nummer for t in numrera(path).tilldelade] == [nummer.parse("A 1")]
    assert '2021-08-01 * "Hyra"\n  ver: "A 1"\n' in path.read_text(encoding="utf-8")
    assert '2021-02-01 * "Hyra"\n  Kostnader' in path.read_text(encoding="utf-8")


def test_read_only_file_is_refused_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _ledger(tmp_path)
    included = tmp_path / "2021.beancount"
    included.chmod(0o444)
    before = _snapshot(tmp_path)
    try:
        assert main(["verifikationer", "numrera", str(path)]) == 2
    finally:
        included.chmod(0o644)
    assert capsys.readouterr().err == (
        f"finsam: error: {included}: the file is read-only; nothing written\n"
    )
    assert _snapshot(tmp_path) == before  # main.beancount too


def test_a_read_only_file_with_nothing_to_number_is_left_alone(tmp_path: Path) -> None:
    """A closed year's file may be read-only: numbering elsewhere goes ahead."""
    numbered = INCLUDED.replace('"Kaffe"', '"Kaffe"\n\tver: "A 3"').replace(
        '"Hyra mars"\n', '"Hyra mars"\n  ver: "A 2"\n'
    )
    path = _ledger(tmp_path, included=numbered)
    included = tmp_path / "2021.beancount"
    included.chmod(0o444)
    try:
        result = numrera(path)
    finally:
        included.chmod(0o644)
    assert [str(t.nummer) for t in result.tilldelade] == ["A 4"]
    assert included.read_text(encoding="utf-8") == numbered


def test_an_existing_duplicate_is_an_error_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    duplicate = INCLUDED.replace('"Hyra mars"\n', '"Hyra mars"\n  ver: "A 1"\n')
    path = _ledger(tmp_path, included=duplicate)
    before = _snapshot(tmp_path)
    assert main(["verifikationer", "numrera", str(path)]) == 1
    err = capsys.readouterr().err
    line = duplicate.splitlines().index('2021-03-02 * "Hyra mars"') + 1
    assert f"{tmp_path / '2021.beancount'}:{line}: verifikationer: A 1 is used twice in 2021" in err
    assert err.endswith("finsam verifikationer: 1 error(s) in 2021.beancount; nothing numbered\n")
    assert _snapshot(tmp_path) == before


def test_numbers_that_could_not_ascend_are_refused(tmp_path: Path) -> None:
    """An unnumbered voucher dated before a numbered one cannot get a later number."""
    late = MAIN.replace(
        '2021-02-01 * "Hyra februari"\n  ver: "A 1"', '2021-12-01 * "Hyra"\n  ver: "A 1"'
    )
    path = _ledger(tmp_path, main=late)
    before = _snapshot(tmp_path)
    with pytest.raises(Konflikt) as caught:
        numrera(path)
    line = late.splitlines().index('2021-12-01 * "Hyra"') + 1
    assert [(Path(e.source["filename"]).name, e.message) for e in caught.value.errors] == [
        (
            name,
            f"verifikationer: the transaction would get A {number} but is dated {day}, before "
            f"A 1 (2021-12-01, main.beancount:{line}), the highest number of series A 2021; "
            "numbers ascend with the date: book and number transactions in date order, or "
            "number this one in a series of its own",
        )
        for name, number, day in [
            ("2021.beancount", 2, "2021-03-02"),
            ("main.beancount", 3, "2021-03-05"),
            ("2021.beancount", 4, "2021-03-05"),
        ]
    ]
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("added", "error"),
    [
        ('2021-04-01 * "Trasig\n  Kostnader 1 SEK\n', "main.beancount:"),
        ('include "saknas.beancount"\n', 'include "saknas.beancount": no such file'),
    ],
    ids=["syntax-error", "missing-include"],
)
def test_a_ledger_not_read_as_written_is_an_error_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], added: str, error: str
) -> None:
    path = _ledger(tmp_path, main=MAIN + added)
    before = _snapshot(tmp_path)
    assert main(["verifikationer", "numrera", str(path)]) == 1
    err = capsys.readouterr().err
    assert error in err
    assert err.endswith("; nothing numbered\n")
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nosuch.beancount"], "finsam: error: nosuch.beancount: no such ledger file\n"),
        (
            ["{ledger}", "--serie", "A B"],
            "finsam: error: --serie 'A B': a series is one to ten letters or digits, e.g. A\n",
        ),
        (["{ledger}", "--year", "21"], "finsam: error: --year 21: not a year\n"),
        (["{ledger}", "--year", "tjugo"], None),
        ([], None),
    ],
)
def test_misuse_exits_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str | None,
) -> None:
    path = _ledger(tmp_path)
    before = _snapshot(tmp_path)
    argv = [a.replace("{ledger}", str(path)) for a in arguments]
    assert main(["verifikationer", "numrera", *argv]) == 2
    err = capsys.readouterr().err
    assert err == message if message is not None else err.startswith("finsam: error: ")
    assert _snapshot(tmp_path) == before


def test_numrera_waits_for_the_lock_on_every_folder_of_the_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another command writing beside an included file holds numrera off; nothing is written."""
    folder = tmp_path / "2021"
    folder.mkdir()
    path = _ledger(
        tmp_path, main=MAIN.replace('include "2021.beancount"', 'include "2021/*.beancount"')
    )
    (tmp_path / "2021.beancount").rename(folder / "2021.beancount")
    before = _snapshot(tmp_path), _snapshot(folder)
    monkeypatch.setattr(safe_files, "LOCK_WAIT_SECONDS", 0.2)
    with safe_files.locked(folder), pytest.raises(safe_files.Refused, match="another finsam"):
        numrera(path)
    assert (_snapshot(tmp_path), _snapshot(folder)) == before
    assert len(numrera(path).tilldelade) == 3  # once the lock is free


def test_a_failed_replacement_puts_the_files_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All files or none: the second file's write fails, the first gets its old bytes again."""
    path = _ledger(tmp_path)
    before = _snapshot(tmp_path)
    replace = safe_files._replace
    calls: list[Path] = []

    def failing(target: Path, content: bytes) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        replace(target, content)

    monkeypatch.setattr(safe_files, "_replace", failing)
    with pytest.raises(OSError, match="No space left"):
        numrera(path)
    assert len(calls) == 3  # the first file, the failing second, the first put back
    assert _snapshot(tmp_path) == before


def test_the_example_is_numbered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The example ledger has the plugin line and every number: numrera has nothing to do."""
    folder = tmp_path / "ledger"
    shutil.copytree(EXAMPLE.parent, folder)
    assert PLUGIN in EXAMPLE.read_text(encoding="utf-8")
    before = _snapshot(folder)
    assert main(["verifikationer", "numrera", str(folder / "main.beancount")]) == 0
    assert "nothing to number" in capsys.readouterr().out
    assert _snapshot(folder) == before


# --- imports --------------------------------------------------------------------------------

IMPORT_LEDGER = """\
option "name_assets" "Tillgångar"
option "name_liabilities" "Skulder"
option "name_equity" "Eget-kapital"
option "name_income" "Intäkter"
option "name_expenses" "Kostnader"
option "operating_currency" "SEK"
option "account_previous_balances" "Ingående-balanser"

2021-01-01 open Tillgångar:Kassa-och-bank:Företagskonto SEK
  bankkonto: "8327-9, 000 000 000-0"
2021-01-01 open Skulder:Kortfristiga:Oklara-poster SEK
2021-01-01 open Skulder:Kortfristiga:Leverantörsskulder SEK
2021-01-01 open Intäkter:Medlemsbidrag:Försäkringskassan SEK
2021-01-01 open Eget-kapital:Ingående-balanser SEK
2021-01-01 * "Ingående balans"
  Tillgångar:Kassa-och-bank:Företagskonto  1844380.50 SEK
  Eget-kapital:Ingående-balanser
2021-02-01 * "Försäkringskassan" "Medlemsbidrag"
  ver: "B 4"
  Tillgångar:Kassa-och-bank:Företagskonto  100.00 SEK
  Intäkter:Medlemsbidrag:Försäkringskassan
2021-02-01 * "Försäkringskassan" "Medlemsbidrag"
  ver: "B 4"
  Tillgångar:Kassa-och-bank:Företagskonto  100.00 SEK
  Intäkter:Medlemsbidrag:Försäkringskassan
"""
ROWS = [("2021-03-02", "100.00", "1844680.50"), ("2021-03-03", "-100.00", "1844580.50")]


def _import(tmp_path: Path, plugin: str) -> tuple[int, str]:
    ledger = tmp_path / "main.beancount"
    ledger.write_text(IMPORT_LEDGER + plugin, encoding="utf-8")
    (tmp_path / "import.toml").write_text(CONFIG, encoding="utf-8")
    _swedbank(tmp_path / "bank.csv", ROWS, created="2021-03-04")
    code = main(
        [
            "import",
            "extract",
            str(tmp_path / "bank.csv"),
            "-e",
            str(ledger),
            "-c",
            str(tmp_path / "import.toml"),
            "--append",
            str(ledger),
        ]
    )
    return code, ledger.read_text(encoding="utf-8")


def test_imported_rows_get_the_next_numbers(tmp_path: Path) -> None:
    """Of the plugin's series, after the ledger's highest; an existing error is no obstacle."""
    code, text = _import(tmp_path, plugin_line("verifikationer", "{'serie': 'B'}") + "\n")
    assert code == 0
    appended = text.split(IMPORT_LEDGER)[1]
    assert appended.count("ver:") == 2
    assert '2021-03-02 * "EXEMPEL AB" "Överföring"\n  ver: "B 5"\n' in appended
    assert '2021-03-03 * "EXEMPEL AB" "Överföring"\n  ver: "B 6"\n' in appended


def test_rows_before_the_highest_number_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A voucher of April numbered already: March's bank rows cannot get later numbers."""
    april = '2021-04-01 * "Hyra"\n  ver: "B 5"\n  Skulder:Kortfristiga:Leverantörsskulder  -1 SEK\n'
    april += "  Tillgångar:Kassa-och-bank:Företagskonto\n"
    plugin = plugin_line("verifikationer", "{'serie': 'B'}") + "\n" + april
    code, text = _import(tmp_path, plugin)
    assert code == 1
    assert text == IMPORT_LEDGER + plugin  # nothing written
    err = capsys.readouterr().err
    bank = tmp_path / "bank.csv"
    assert f"{bank}:4: verifikationer: the transaction would get B 6 but is dated 2021-03-02" in err
    assert f"{bank}:3: verifikationer: the transaction would get B 7 but is dated 2021-03-03" in err
    assert "the import would add 2 error(s); nothing written" in err


def test_imported_rows_get_no_numbers_without_the_plugin(tmp_path: Path) -> None:
    code, text = _import(tmp_path, "")
    assert code == 0
    assert text.count("ver:") == 2  # the ledger's own two


def test_rule_and_numbering_agree_on_what_is_a_voucher(tmp_path: Path) -> None:
    """The vouchers numrera numbers are those the rule reports as unnumbered."""
    path = _ledger(tmp_path)
    _, errors, options = loader.load_file(str(path))
    missing = [e.source["lineno"] for e in errors]
    assert len(missing) == 3
    numbered = numrera(path).tilldelade
    assert sorted(t.entry.meta["lineno"] for t in numbered) == sorted(missing)
    assert rule.fel(loader.load_file(str(path))[0], options, None) == []

"""The ``finsam`` command: output formats, exit codes, error messages."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from finsam_ledger.cli import _parser, main

from ledgers import ANNUAL_TABLES, CHART, EXAMPLE, HEADER, TRANSACTIONS


def test_json_on_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(EXAMPLE), "--year", "2021", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    tables = document["tables"]
    assert tuple(tables) == ANNUAL_TABLES
    rr = {row["label"]: row for row in tables["resultatrakning"]["rows"]}
    assert rr["Verksamhetens intäkter"] == {
        "label": "Verksamhetens intäkter",
        "values": [7348000, 7901926, 7451423],
        "not": 2,
    }
    assert rr["Årets resultat"]["values"][1:] == [436242, 847054]
    assert tables["balansrakning"]["columns"] == ["2021-12-31", "2020-12-31"]


def test_text_on_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(EXAMPLE), "--year", "2021"]) == 0
    out = capsys.readouterr().out
    assert "Belopp i kr" in out
    line = next(x for x in out.splitlines() if x.startswith("Verksamhetens intäkter"))
    assert line.split() == [
        "Verksamhetens",
        "intäkter",
        "2",
        "7",
        "348",
        "000",
        "7",
        "901",
        "926",
        "7",
        "451",
        "423",
    ]
    assert "Not 5 Kortfristiga skulder" in out


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "rapport.json"
    assert (
        main(["report", str(EXAMPLE), "--year", "2021", "--format", "json", "-o", str(target)]) == 0
    )
    assert capsys.readouterr().out == ""
    tables = json.loads(target.read_text(encoding="utf-8"))["tables"]
    assert tables["not4"]["rows"][-1] == {
        "label": "Summa",
        "values": [327206, 265517],
        "kind": "sum",
    }


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["report", "no-such.beancount", "--year", "2021"],
            "no such ledger file: no-such.beancount",
        ),
        (
            ["report", str(EXAMPLE), "--year", "2019"],
            "Huvudboken har inga transaktioner under 2019.",
        ),
        (["report", str(EXAMPLE), "--year", "2021", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["report", str(EXAMPLE)], "one of the arguments --year --period is required"),
        (
            ["report", str(EXAMPLE), "--year", "2021", "--period", "2021-01-01..2021-06-30"],
            "argument --period: not allowed with argument --year",
        ),
        (["report", str(EXAMPLE), "--period", "2021-01-01"], "expected START..END"),
        (
            ["report", str(EXAMPLE), "--period", "2021-01-01..2021-05-31"],
            "Ingen rapport för 2021-01-01–2021-05-31: en årsredovisning gäller ett kalenderår "
            "och en delårsrapport perioden från 1 januari till en dag från 30 juni till "
            "31 augusti samma år.",
        ),
        (
            ["report", str(EXAMPLE), "--period", "2021-02-01..2021-06-30"],
            "från 1 januari till en dag från 30 juni till 31 augusti",
        ),
        (
            ["report", str(EXAMPLE), "--period", "2021-01-01..2021-03-31"],
            "Ingen rapport för 2021-01-01–2021-03-31",
        ),
        (["report", str(EXAMPLE), "--period", "2021-06-30..2021-01-01"], "ends before it starts"),
        (
            ["report", str(EXAMPLE), "--period", "2021-01-01..2021-12-31", "--periodisera"],
            "Periodiseringen av medlemsbidragen gäller en delårsrapport",
        ),
        (["report", str(EXAMPLE), "--year", "2021", "--periodisera"], "goes with --period"),
        (
            ["report", str(EXAMPLE), "--period", "2019-01-01..2019-06-30"],
            "Huvudboken har inga transaktioner under 2019-01-01–2019-06-30.",
        ),
        (
            ["report", str(EXAMPLE), "--period", "9999-01-01..9999-06-30"],
            "--period 9999-01-01..9999-06-30: not a year: 9999",
        ),
        (
            ["report", str(EXAMPLE), "--year", "2021", "-o", "/no/such/folder/r.txt"],
            "-o /no/such/folder/r.txt: not a file in an existing folder "
            "(no folder /no/such/folder)",
        ),
        (
            ["report", str(EXAMPLE), "--year", "2021", "-o", "/tmp"],
            "-o /tmp: is a folder, not a file",
        ),
        (
            ["report", str(EXAMPLE), "--year", "2021", "-o", ""],
            "-o '': not a file in an existing folder",
        ),
        (
            ["export", "no-such.beancount", "--year", "2021", "--format", "md", "-o", "r.md"],
            "no such ledger file: no-such.beancount",
        ),
        (["rapport"], "invalid choice: 'rapport'"),
    ],
)
def test_misuse_is_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("finsam: error: ")
    assert message in captured.err


def test_ledger_errors_exit_1_with_file_and_line(
    ledger: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = ledger(CHART + "2020-01-01 open Kostnader:Insatser:Ny SEK\n" + TRANSACTIONS)
    lineno = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index("2020-01-01 open Kostnader:Insatser:Ny SEK")
        + 1
    )
    assert main(["report", str(path), "--year", "2021"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{path}:{lineno}:" in captured.err
    assert "Finsam class missing" in captured.err
    assert captured.err.endswith("\nfinsam: 1 error(s) in main.beancount; no report\n")


def test_ledger_errors_are_counted_per_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root_names = "".join(f"{line}\n" for line in HEADER.splitlines() if "name_" in line)
    unclassed = "".join(f"2020-01-01 open Kostnader:Insatser:Ny{i} SEK\n" for i in range(3))
    (tmp_path / "konton.beancount").write_text(root_names + CHART + unclassed, encoding="utf-8")
    unbalanced = '2021-03-01 * "Obalanserad"\n  Tillgångar:Kassa-och-bank:Bank  100 SEK\n'
    unbalanced += "  Kostnader:Insatser:Enter  -90 SEK\n"
    (tmp_path / "2021.beancount").write_text(
        root_names + TRANSACTIONS + unbalanced, encoding="utf-8"
    )
    main_file = tmp_path / "main.beancount"
    main_file.write_text(
        HEADER + 'include "konton.beancount"\ninclude "2021.beancount"\n', encoding="utf-8"
    )
    assert main(["report", str(main_file), "--year", "2021"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("Finsam class missing") == 3
    assert captured.err.count("Transaction does not balance") == 1
    assert captured.err.endswith(
        "\nfinsam: 3 error(s) in konton.beancount, 1 in 2021.beancount; no report\n"
    )


def test_hint_when_an_included_file_lacks_the_root_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "konton.beancount").write_text(
        "2020-01-01 open Tillgångar:Kassa-och-bank:Bank SEK\n", encoding="utf-8"
    )
    main_file = tmp_path / "main.beancount"
    main_file.write_text(
        'option "name_assets" "Tillgångar"\ninclude "konton.beancount"\n', encoding="utf-8"
    )
    assert main(["report", str(main_file), "--year", "2021"]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'konton.beancount'}:1: Invalid account name" in err
    assert (
        f"{tmp_path / 'konton.beancount'}:1: kontoplan: this included file does not set "
        'option "name_assets" "Tillgångar"'
    ) in err


def test_delarsrapport_json(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["report", str(EXAMPLE), "--period", "2021-01-01..2021-06-30", "--format", "json"]
    assert main(argv) == 0
    tables = json.loads(capsys.readouterr().out)["tables"]
    assert list(tables) == [
        "resultatrakning",
        "not2",
        "not3",
        "balansrakning",
        "driftsredovisning",
        "eget_kapital",
        "balanskrav",
    ]
    assert tables["resultatrakning"]["columns"] == [
        "Utfall 2020",
        "Budget 2021",
        "Utfall 2021-01-01–2021-06-30",
        "Prognos 2021",
    ]
    assert tables["balansrakning"]["columns"] == ["2021-06-30", "2020-12-31"]


def test_no_arguments_print_the_usage_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(
        "usage: finsam [-h] [--version]\n"
        "              {report,export,import,sie,verifikationer,revision,budgetplan,jamfor}\n"
        "              ...\n"
    )
    assert "exit codes:" in captured.err


def test_help_names_the_exit_codes_and_the_docs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "exit codes:\n  0  done\n  1  the ledger (for import: a bank file) has errors" in out
    assert '\n  2  misuse or refused, with one line "finsam: error: ...": no such file' in out
    assert "docs/ledger-format.md" in out and "docs/importers.md" in out
    for command in ("report", "export"):
        assert main([command, "--help"]) == 0
        assert "exit codes:\n  0  done\n" in capsys.readouterr().out


def test_every_option_of_report_and_export_has_help_text() -> None:
    parser = _parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for command in (parser, commands.choices["report"], commands.choices["export"]):
        for action in command._actions:
            assert action.help, (command.prog, action.dest)


def test_a_date_in_year_9999_is_an_error_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Beancount takes dates up to 9999-12-31; a report's period cannot end after 9998."""
    ledger = tmp_path / "main.beancount"
    ledger.write_text(
        HEADER
        + "2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK\n"
        + "2021-01-01 open Kostnader:Administration:Kansli SEK\n"
        + '9999-06-01 * "Fel år"\n'
        + "  Kostnader:Administration:Kansli  10.00 SEK\n"
        + "  Tillgångar:Kassa-och-bank:Bank\n"
        + '9999-12-31 custom "budget" Kostnader:Administration:Kansli "yearly" 10.00 SEK\n',
        encoding="utf-8",
    )
    lines = len(HEADER.splitlines())
    assert main(["report", str(ledger), "--year", "2021"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert (
        f"{ledger}:{lines + 3}: kontoplan: dated 9999-06-01, after 9998-12-31, "
        "the last day a report can cover; correct the date"
    ) in err
    assert f"{ledger}:{lines + 6}: direktiv: dated 9999-12-31" in err


def test_a_misspelt_plugin_or_include_is_named_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Beancount reports both at ``<load>:0``, the plugin with a Python traceback."""
    ledger = tmp_path / "main.beancount"
    body = 'plugin "finsam_ledger.plugins.kontoplann"\ninclude "2022x.beancount"\n'
    ledger.write_text(HEADER + body, encoding="utf-8")
    lines = len(HEADER.splitlines())
    assert main(["report", str(ledger), "--year", "2021"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "<load>" not in err
    assert (
        f'{ledger}:{lines + 1}: plugin "finsam_ledger.plugins.kontoplann" cannot be imported: '
        "ModuleNotFoundError: No module named 'finsam_ledger.plugins.kontoplann'; "
        "correct the plugin line"
    ) in err
    assert (
        f'{ledger}:{lines + 2}: include "2022x.beancount": no such file; correct the include line'
    ) in err
    assert err.endswith("finsam: 2 error(s) in main.beancount; no report\n")

"""The rule plugins on docstring ledgers: one that passes, one that fails, message and line."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from beancount import loader

from finsam_ledger.model.books import Books
from finsam_ledger.rules.balanskrav import forlopp

from inline import ledger_doc, load, replaced
from ledgers import CHART, HALVAR, HEADER, TRANSACTIONS

Ledger = Callable[..., Path]


def check(ledger: Ledger, body: str, *plugins: str) -> tuple[Path, list[Any]]:
    lines = "".join(f'plugin "finsam_ledger.plugins.{p}"\n' for p in plugins)
    path = ledger(body, header=HEADER + lines)
    _, errors, _ = loader.load_file(str(path))
    return path, list(errors)


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


# --- finansieringsandelar ------------------------------------------------------


@ledger_doc(base=HALVAR, plugins=("finansieringsandelar",))
def test_finansieringsandelar_pass(errors: list[Any]) -> None:
    """
    ; HALVAR as it stands: staten 400 000, regionen 200 000, kommunen 200 000.
    """
    assert errors == []


CLOSED = (
    '2021-12-31 * "Löner oktober-december"\n'
    "  Kostnader:Administration:Kansli:Lön  75000.00 SEK\n"
    "  Tillgångar:Kassa-och-bank:Bank\n"
)


def test_finansieringsandelar_year_in_progress_is_not_checked(ledger: Ledger) -> None:
    """Members pay at different times: the booked split counts once the year is closed."""
    body = replaced(
        HALVAR,
        "  Tillgångar:Fordringar:Kundfordringar  200000.00 SEK",
        "  Tillgångar:Fordringar:Kundfordringar  180000.00 SEK",
    )
    assert check(ledger, body, "finansieringsandelar")[1] == []


def test_finansieringsandelar_booked_off(ledger: Ledger) -> None:
    body = CLOSED + replaced(
        HALVAR,
        "  Tillgångar:Fordringar:Kundfordringar  200000.00 SEK",
        "  Tillgångar:Fordringar:Kundfordringar  180000.00 SEK",
    )
    path, errors = check(ledger, body, "finansieringsandelar")
    [error] = errors
    assert error.message == (
        "finansieringsandelar: Medlemsbidrag 2021 (bokfört) 780 000 kr: staten 400 000 kr "
        "(51,3 %, deviation 10 000 kr), region 200 000 kr (25,6 %, deviation 5 000 kr), "
        "kommunerna 180 000 kr (23,1 %, deviation -15 000 kr), not staten 50 %, region 25 %, "
        "kommunerna 25 % (FinsamL 5 §, tolerance 100 kr per party); correct kommunerna first: "
        "15 000 kr below their 25 %"
    )
    # The last contribution of the party furthest off (the kommun).
    assert error.source["lineno"] == line_of(
        path, '2021-03-01 * "Kommunen" "Faktura medlemsbidrag 2021"'
    )


def test_finansieringsandelar_budget_off(ledger: Ledger) -> None:
    directive = '2021-01-01 custom "budget" Intäkter:Medlemsbidrag:Regionen "yearly" -250000.00 SEK'
    body = replaced(
        HALVAR,
        '2021-01-01 custom "budget" Intäkter:Medlemsbidrag:Regionen "yearly" -200000.00 SEK',
        directive,
    )
    path, errors = check(ledger, body, "finansieringsandelar")
    [error] = errors
    assert error.message.startswith(
        "finansieringsandelar: Medlemsbidrag 2021 (budget) 850 000 kr: staten 400 000 kr"
    )
    assert "region 250 000 kr (29,4 %, deviation 37 500 kr)" in error.message
    assert error.message.endswith("; correct region first: 37 500 kr above its 25 %")
    assert error.source["lineno"] == line_of(path, directive)


def test_finansieringsandelar_tolerance(ledger: Ledger) -> None:
    body = CLOSED + replaced(
        HALVAR,
        "  Tillgångar:Fordringar:Kundfordringar  200000.00 SEK",
        "  Tillgångar:Fordringar:Kundfordringar  199900.00 SEK",
    )
    # Off by 50 + 25 - 75 kr: within 100 kr, outside 60 kr.
    assert check(ledger, body, "finansieringsandelar")[1] == []
    path = ledger(
        body,
        header=HEADER
        + 'plugin "finsam_ledger.plugins.finansieringsandelar" "{\'tolerans\': 60}"\n',
    )
    _, errors, _ = loader.load_file(str(path))
    assert [e.message.split(":")[1] for e in errors] == [" Medlemsbidrag 2021 (bokfört) 799 900 kr"]


# The kommuner's split of their 200 000 goes from 50/50 (2020) to 60/40 (2021).
KOMMUNER = """\
    2020-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
    2020-01-01 open Intäkter:Medlemsbidrag:Staten SEK
      part: "staten"
    2020-01-01 open Intäkter:Medlemsbidrag:Regionen SEK
      part: "region"
    2020-01-01 open Intäkter:Medlemsbidrag:Aby SEK
      part: "kommun"
    2020-01-01 open Intäkter:Medlemsbidrag:Bby SEK
      part: "kommun"
    2020-03-02 * "Medlemsbidrag 2020"
      Intäkter:Medlemsbidrag:Staten  -400000.00 SEK
      Intäkter:Medlemsbidrag:Regionen  -200000.00 SEK
      Intäkter:Medlemsbidrag:Aby  -100000.00 SEK
      Intäkter:Medlemsbidrag:Bby  -100000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-12-31 * "Medlemsbidrag 2021"
      Intäkter:Medlemsbidrag:Staten  -400000.00 SEK
      Intäkter:Medlemsbidrag:Regionen  -200000.00 SEK
      Intäkter:Medlemsbidrag:Aby  -120000.00 SEK
      Intäkter:Medlemsbidrag:Bby  -80000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
"""


@ledger_doc(plugins=("finansieringsandelar",), expect_errors=True, base=KOMMUNER)
def test_kommunernas_fordelning(errors: list[Any], path: Path) -> None:
    """
    ; KOMMUNER above, without a decision about the new split.
    """
    [error] = errors
    assert error.message == (
        "finansieringsandelar: Medlemsbidrag 2021: the kommuner's split of their quarter "
        "changed by more than 1,0 % points (Intäkter:Medlemsbidrag:Aby 50,0 % → 60,0 %, "
        "Intäkter:Medlemsbidrag:Bby 50,0 % → 40,0 %); record why: "
        '2021-01-01 custom "kommunfordelning" 2021 "Ny fördelning: ..."'
    )
    assert error.source["lineno"] == line_of(path, '2021-12-31 * "Medlemsbidrag 2021"')


@ledger_doc(plugins=("finansieringsandelar",), base=KOMMUNER)
def test_kommunernas_fordelning_explained(errors: list[Any], path: Path) -> None:
    """
    ; KOMMUNER above, with the board's reason for the new split: no error.
    2021-01-10 custom "kommunfordelning" 2021 "Ny befolkning"
    """
    assert "Intäkter:Medlemsbidrag:Aby  -120000.00 SEK" in path.read_text(encoding="utf-8")
    assert errors == []


@ledger_doc(plugins=("finansieringsandelar",), expect_errors=True)
def test_contribution_account_needs_its_party(errors: list[Any]) -> None:
    """
    ; Bby's contributions are booked on an account with medlem but no part.
    2020-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
    2020-01-01 open Intäkter:Medlemsbidrag:Staten SEK
      part: "staten"
    2020-01-01 open Intäkter:Medlemsbidrag:Regionen SEK
      part: "region"
    2020-01-01 open Intäkter:Medlemsbidrag:Aby SEK
      part: "kommun"
    2020-01-01 open Intäkter:Bidrag:Bby SEK
      medlem: "Bby kommun"
    2020-03-02 * "Medlemsbidrag 2020"
      Intäkter:Medlemsbidrag:Staten  -400000.00 SEK
      Intäkter:Medlemsbidrag:Regionen  -200000.00 SEK
      Intäkter:Medlemsbidrag:Aby  -100000.00 SEK
      Intäkter:Bidrag:Bby  -100000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-12-31 * "Medlemsbidrag 2021"
      Intäkter:Medlemsbidrag:Staten  -400000.00 SEK
      Intäkter:Medlemsbidrag:Regionen  -200000.00 SEK
      Intäkter:Medlemsbidrag:Aby  -120000.00 SEK
      Intäkter:Bidrag:Bby  -80000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    messages = [e.message for e in errors if "without its party" in e.message]
    assert messages == [
        "kontoplan: Intäkter:Bidrag:Bby: medlem 'Bby kommun' without its party; add part: "
        '"staten", "region" or "kommun"'
    ]


# --- balanskrav ------------------------------------------------------------------

# The small ledger's 2021 is closed (entries on 2021-12-31) with a loss of
# 31 050.75, and its budget 2021 (70 000 in costs, 40 000 in revenue) a deficit.
DECISIONS = """
2022-03-20 custom "atgardsplan" 2021 2024 "Återställs 2022-2024"
2020-11-20 custom "budgetunderskott" 2021 "Täcks av eget kapital"
"""


def _year(year: int, amount: str) -> str:
    return (
        f'{year}-12-31 * "Försäkringskassan" "Medlemsbidrag {year}"\n'
        f"  Tillgångar:Kassa-och-bank:Bank  {amount} SEK\n"
        "  Intäkter:Medlemsbidrag:Staten\n"
    )


@ledger_doc(base=CHART + TRANSACTIONS, plugins=("balanskrav",), expect_errors=True)
def test_balanskrav_loss_without_decision_fails(errors: list[Any], path: Path) -> None:
    """
    ; The small ledger as it stands: a loss of 31 050.75 in 2021 and a budget deficit.
    """
    messages = {e.message: e.source["lineno"] for e in errors}
    budget = line_of(
        path, '2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 70000.00 SEK'
    )
    assert messages == {
        "balanskrav: Balanskravsresultat 2021 is -31 051 kr, a deficit to restore within "
        "2022–2024 (KL 11:12); record the board's åtgärdsplan: 2022-03-31 custom "
        '"atgardsplan" 2021 2024 "Underskottet 2021 återställs senast 2024" or its decision '
        "not to restore it for synnerliga skäl (KL 11:13): 2022-03-31 custom "
        '"synnerliga-skal" 2021 "Synnerliga skäl: ..."': budget,
        "balanskrav: Budget 2021: kostnader 70 000 kr exceed intäkter 40 000 kr by 30 000 kr "
        "(KL 11:5); record the board's decision to use eget kapital: 2021-01-01 custom "
        '"budgetunderskott" 2021 "Underskottet täcks av eget kapital"': budget,
    }


def test_balanskrav_with_decisions_passes_and_tracks_the_deficit(ledger: Ledger) -> None:
    body = CHART + TRANSACTIONS + DECISIONS + _year(2022, "10000.00") + _year(2023, "10000.00")
    path, errors = check(ledger, body, "balanskrav")
    assert errors == []
    books, _ = load(path)
    assert books is not None
    years = forlopp(books)
    assert years[2021].att_aterstalla_ub == Decimal("31050.75")
    assert years[2022].aterstallt == Decimal("10000.00")
    assert years[2023].att_aterstalla_ub == Decimal("11050.75")
    # Restored in 2024, the last year of the plan.
    body += _year(2024, "20000.00")
    assert check(ledger, body, "balanskrav")[1] == []


def test_balanskrav_deficit_not_restored_in_time(ledger: Ledger) -> None:
    body = (
        CHART
        + TRANSACTIONS
        + DECISIONS
        + _year(2022, "10000.00")
        + _year(2023, "10000.00")
        + _year(2024, "5000.00")
    )
    path, errors = check(ledger, body, "balanskrav")
    [error] = errors
    assert error.message == (
        "balanskrav: Deficit of 2021 (-31 051 kr) not restored by the end of 2024: 6 051 kr "
        "remains (KL 11:12); the rest stays unrestored only by the board's decision for "
        'synnerliga skäl (KL 11:13): 2025-03-31 custom "synnerliga-skal" 2021 '
        '"Synnerliga skäl: ..."'
    )
    assert error.source["lineno"] == line_of(
        path, '2022-03-20 custom "atgardsplan" 2021 2024 "Återställs 2022-2024"'
    )


@ledger_doc(base=CHART + TRANSACTIONS, plugins=("balanskrav",))
def test_balanskrav_synnerliga_skal(books: Books) -> None:
    """
    2022-03-20 custom "synnerliga-skal" 2021 "Medvetet förbrukat eget kapital"
    2020-11-20 custom "budgetunderskott" 2021 "Täcks av eget kapital"
    """
    assert forlopp(books)[2021].att_aterstalla_ub == 0


@ledger_doc(base=CHART + TRANSACTIONS, plugins=("balanskrav",))
def test_balanskrav_adjustments_count(books: Books) -> None:
    """
    ; A disposition from RUR covering the loss makes the balanskravsresultat positive.
    2021-12-31 custom "balanskrav" "rur-disponering" 40000.00 SEK
    2020-11-20 custom "budgetunderskott" 2021 "Täcks av eget kapital"
    """
    assert forlopp(books)[2021].utredning.balanskravsresultat == Decimal("8949.25")


# --- beviljat ------------------------------------------------------------------------


@ledger_doc(base=HALVAR, plugins=("beviljat",))
def test_beviljat_pass(errors: list[Any]) -> None:
    """
    ; HALVAR as it stands: Enter's utfall 375 000.50 within its beviljat 550 000.
    """
    assert errors == []


def test_beviljat_exceeded(ledger: Ledger) -> None:
    directive = '2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 300000.00 SEK'
    body = replaced(
        HALVAR, '2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 550000.00 SEK', directive
    )
    path, errors = check(ledger, body, "beviljat")
    [error] = errors
    assert error.message == (
        "beviljat: Kostnader:Insatser:Enter 2021: utfall 375 001 kr exceeds beviljat 300 000 kr "
        "by 75 001 kr; the excess needs the board's decision: "
        '2021-12-31 custom "beviljat" Kostnader:Insatser:Enter 75000.50 SEK'
    )
    assert error.source["lineno"] == line_of(path, directive)


# --- eget kapital ------------------------------------------------------------------


def test_eget_kapital_reports_only_when_asked(ledger: Ledger) -> None:
    body = CHART + TRANSACTIONS
    assert check(ledger, body, "eget_kapital")[1] == []
    plugin_line = 'plugin "finsam_ledger.plugins.eget_kapital" "{\'fel\': True}"'
    path = ledger(body, header=HEADER + plugin_line + "\n")
    _, errors, _ = loader.load_file(str(path))
    # 95 000 of 40 000 in medlemsbidrag in 2020, 63 949.25 of 60 000 in 2021; at the
    # plugin line that makes them errors.
    assert {e.message: e.source["lineno"] for e in errors} == {
        "eget_kapital: Eget kapital 2020-12-31 is 95 000 kr, 237,5 % of the year's "
        "medlemsbidrag, above the guidance of at most 15 %; plan its use in the coming "
        "budgets": line_of(path, plugin_line),
        "eget_kapital: Eget kapital 2021-12-31 is 63 949 kr, 106,6 % of the year's "
        "medlemsbidrag, above the guidance of at most 15 %; plan its use in the coming "
        "budgets": line_of(path, plugin_line),
    }
    # The riktvärde is a percentage up to 100: 2021's 106,6 % still exceeds it, 2020 too.
    path = ledger(
        body + '2020-01-01 custom "eget-kapital-riktvarde" 100\n',
        header=HEADER + plugin_line + "\n",
    )
    assert [e.message.split(",")[0] for e in loader.load_file(str(path))[1]] == [
        "eget_kapital: Eget kapital 2020-12-31 is 95 000 kr",
        "eget_kapital: Eget kapital 2021-12-31 is 63 949 kr",
    ]


def test_eget_kapital_takes_each_year_s_riktvarde(ledger: Ledger) -> None:
    """The latest directive on or before the year end: 2020 at 15, 2021 at 100."""
    plugin_line = 'plugin "finsam_ledger.plugins.eget_kapital" "{\'fel\': True}"'
    body = CHART + TRANSACTIONS + '2021-12-31 custom "eget-kapital-riktvarde" 100\n'
    path = ledger(body, header=HEADER + plugin_line + "\n")
    assert [e.message for e in loader.load_file(str(path))[1]] == [
        "eget_kapital: Eget kapital 2020-12-31 is 95 000 kr, 237,5 % of the year's "
        "medlemsbidrag, above the guidance of at most 15 %; plan its use in the coming budgets",
        "eget_kapital: Eget kapital 2021-12-31 is 63 949 kr, 106,6 % of the year's "
        "medlemsbidrag, above the guidance of at most 100 %; plan its use in the coming "
        "budgets",
    ]


@pytest.mark.parametrize(
    ("config", "line"),
    [
        (
            "{'andel': 12.5}",
            'add the line: 2020-01-01 custom "eget-kapital-riktvarde" 12.5',
        ),
        (
            "{'andel': 15, 'fel': True}",
            'add the line: 2020-01-01 custom "eget-kapital-riktvarde" 15',
        ),
        (
            "{'andel': '1e999999'}",
            "add the line with a percentage from 0 to 100: "
            '2020-01-01 custom "eget-kapital-riktvarde" 15',
        ),
    ],
)
def test_the_andel_setting_is_an_error_that_gives_the_directive(
    ledger: Ledger, config: str, line: str
) -> None:
    """At the plugin line, with the line to paste; ``fel`` still counts beside it."""
    plugin_line = f'plugin "finsam_ledger.plugins.eget_kapital" "{config}"'
    path = ledger(CHART + TRANSACTIONS, header=HEADER + plugin_line + "\n")
    _, errors, _ = loader.load_file(str(path))
    moved = (
        "eget_kapital: the setting 'andel' is no longer read from the plugin line: the "
        "riktvärde is a directive of the ledger, which the reports read too; remove 'andel' "
        f"from the plugin line and {line}"
    )
    above = [
        "eget_kapital: Eget kapital 2020-12-31 is 95 000 kr",
        "eget_kapital: Eget kapital 2021-12-31 is 63 949 kr",
    ]
    assert [(e.source["lineno"], e.message.split(",")[0]) for e in errors] == [
        (line_of(path, plugin_line), head)
        for head in [moved.split(",")[0], *(above if "'fel': True" in config else [])]
    ]
    assert errors[0].message == moved
    # Pasted as given, with 'andel' removed from the plugin line, the ledger is clean.
    directive = line.split(": ", 1)[1]
    fixed = ledger(
        CHART + TRANSACTIONS + directive + "\n",
        header=HEADER + 'plugin "finsam_ledger.plugins.eget_kapital"\n',
    )
    assert loader.load_file(str(fixed))[1] == []


def test_bean_check_fails_on_a_loss_without_decision(ledger: Ledger) -> None:
    """The command users run: exit 1 and the message at its line; 0 once decided."""
    bean_check = Path(sys.executable).parent / "bean-check"
    path, _ = check(ledger, CHART + TRANSACTIONS, "balanskrav")
    result = subprocess.run([bean_check, path], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    lineno = line_of(
        path, '2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 70000.00 SEK'
    )
    assert f"{path}:{lineno}: balanskrav: Balanskravsresultat 2021 is -31 051 kr" in result.stderr
    path, _ = check(ledger, CHART + TRANSACTIONS + DECISIONS, "balanskrav")
    result = subprocess.run([bean_check, path], capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (0, "")


@ledger_doc(base=CHART + TRANSACTIONS, plugins=("balanskrav",), expect_errors=True)
def test_rules_still_run_when_the_ledger_has_other_errors(errors: list[Any]) -> None:
    """
    ; A misplaced opening balance is reported (kontoplan) and the deficit still is (balanskrav).
    2021-06-01 * "Rättelse IB"
      Tillgångar:Kassa-och-bank:Bank  500.00 SEK
      Eget-kapital:Ingående-balanser
    """
    messages = [e.message for e in errors]
    assert any("must come before the books' first transaction" in m for m in messages)
    assert any(m.startswith("balanskrav: Balanskravsresultat 2021 is -31 051 kr") for m in messages)


def test_several_grants_in_a_year_add_up(ledger: Ledger) -> None:
    body = replaced(
        HALVAR,
        '2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 550000.00 SEK',
        '2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 300000.00 SEK\n'
        '2021-06-01 custom "beviljat" Kostnader:Insatser:Enter 50000.00 SEK',
    )
    path, errors = check(ledger, body, "beviljat")
    [error] = errors
    assert "utfall 375 001 kr exceeds beviljat 350 000 kr by 25 001 kr" in error.message
    assert error.source["lineno"] == line_of(
        path, '2021-06-01 custom "beviljat" Kostnader:Insatser:Enter 50000.00 SEK'
    )


@ledger_doc(base=HALVAR, expect_errors=True)
def test_custom_without_values_is_an_error_not_a_crash(errors: list[Any], path: Path) -> None:
    """
    2021-12-31 custom "anstallda"
    """
    [error] = [e for e in errors if "anstallda" in e.message]
    assert error.message == (
        'direktiv: custom "anstallda": takes 1 value, got 0; write e.g. 2021-12-31 custom '
        '"anstallda" 2'
    )
    assert error.source["lineno"] == line_of(path, '2021-12-31 custom "anstallda"')

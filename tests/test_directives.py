"""The project's custom directives and the direktiv plugin."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from beancount import loader

from finsam_ledger.model.books import Books
from finsam_ledger.model.directives import parse_direktiv

from inline import ledger_doc
from ledgers import CHART, TRANSACTIONS


@ledger_doc(base=CHART + TRANSACTIONS)
def test_directives_are_parsed(books: Books) -> None:
    """
    2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 90000.00 SEK
    2021-06-30 custom "prognos" Kostnader:Insatser:Enter 95000.00 SEK
    2021-12-31 custom "anstallda" 2
    2021-12-31 custom "balanskrav" "rur-reservering" 1000.00 SEK
    2022-03-20 custom "atgardsplan" 2021 2024 "Underskottet återställs 2022–2024"
    2022-03-20 custom "synnerliga-skal" 2021 "Medvetet förbrukat eget kapital"
    2020-11-20 custom "budgetunderskott" 2021 "Eget kapital används"
    """
    d = books.direktiv
    assert [(g.account, g.year, g.amount) for g in d.beviljat] == [
        ("Kostnader:Insatser:Enter", 2021, Decimal("90000.00"))
    ]
    assert d.prognoser[0].amount == Decimal("95000.00")
    assert d.antal_anstallda(2021) == Decimal(2)
    assert d.antal_anstallda(2020) is None
    assert [(b.kind, b.year, b.amount) for b in d.balanskrav] == [
        ("rur-reservering", 2021, Decimal("1000.00"))
    ]
    kinds = {(b.kind, b.year, b.last_year) for b in d.beslut}
    assert kinds == {
        ("atgardsplan", 2021, 2024),
        ("synnerliga-skal", 2021, None),
        ("budgetunderskott", 2021, None),
    }


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        ('2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 100.00 EUR', "must be in SEK"),
        ('2021-01-01 custom "beviljat" Kostnader:Insatser:Enter', "takes 2 values, got 1"),
        ('2021-12-31 custom "anstallda" "två"', "expected a number of employees"),
        ('2021-12-31 custom "balanskrav" "vinst" 10.00 SEK', "kind 'vinst' is not one of"),
        ('2021-12-31 custom "balanskrav" "rur-disponering" -10.00 SEK', "must be positive"),
        (
            '2022-03-20 custom "atgardsplan" 2021 2025 "För sent"',
            "within the three following years (2022–2024), not by 2025",
        ),
        ('2022-03-20 custom "synnerliga-skal" 21 "Skäl"', "expected a year"),
        (
            '2020-01-01 custom "eget-kapital-riktvarde" 100.5',
            'custom "eget-kapital-riktvarde": expected a percentage from 0 to 100, not 100.5; '
            'write e.g. 2020-01-01 custom "eget-kapital-riktvarde" 15',
        ),
        (
            '2020-01-01 custom "eget-kapital-riktvarde" -1',
            "expected a percentage from 0 to 100, not -1;",
        ),
        (
            '2020-01-01 custom "eget-kapital-riktvarde" "femton"',
            "expected a percentage from 0 to 100, not 'femton';",
        ),
        (
            '2020-01-01 custom "eget-kapital-riktvarde" 15.00 SEK',
            "expected a percentage from 0 to 100, not 15.00 SEK;",
        ),
        ('2020-01-01 custom "eget-kapital-riktvarde" 15 20', "takes 1 value, got 2"),
        (
            '2021-01-01 custom "beviljat" Kostnader:Insatser:Finns-inte 10.00 SEK',
            "Kostnader:Insatser:Finns-inte is not opened in the chart",
        ),
        (
            '2021-01-01 custom "budget" Kostnader:Insatser:Finns-inte "yearly" 10.00 SEK',
            "Kostnader:Insatser:Finns-inte is not opened in the chart",
        ),
        (
            '2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 10.00 EUR',
            "must be in SEK, not EUR",
        ),
        (
            '2021-01-01 custom "budget" Kostnader:Insatser:Enter "sometimes" 10.00 SEK',
            "interval 'sometimes' is not one of yearly, quarterly, monthly, weekly, daily",
        ),
        (
            '2019-12-31 custom "nyckeltal" "intäkter" 7018000.00 SEK',
            "key 'intäkter' is not one of intakter, kostnader, arets-resultat, soliditet, "
            "anstallda, eget-kapital, medlemsbidrag; did you mean 'intakter'?",
        ),
        ('2019-12-31 custom "nyckeltal" "intakter" 7018000', "expected an amount such as"),
        ('2019-12-31 custom "nyckeltal" "intakter" 7018000.00 EUR', "must be in SEK, not EUR"),
        (
            '2019-12-31 custom "nyckeltal" "kostnader" -8152000.00 SEK',
            "kostnader is written positive, as the overview prints it",
        ),
        ('2019-12-31 custom "nyckeltal" "soliditet" 32.00 SEK', "soliditet is a percentage"),
        ('2019-12-31 custom "nyckeltal" "soliditet" 132', "soliditet is at most 100 %"),
        ('2019-12-31 custom "nyckeltal" "anstallda" "två"', "anstallda is a number such as 2"),
        ('2019-12-31 custom "nyckeltal" "intakter"', "takes 2 values, got 1"),
        (
            '2020-12-31 custom "nyckeltal" "intakter" 40000.00 SEK',
            "the books have transactions in 2020, so the overview computes its figures",
        ),
        (
            '2019-12-31 custom "nyckeltall" "intakter" 7018000.00 SEK',
            'did you mean custom "nyckeltal"?',
        ),
    ],
)
@ledger_doc(base=CHART + TRANSACTIONS, expect_errors=True)
def test_malformed_directive_is_an_error_at_its_line(
    errors: list[Any], path: Path, directive: str, message: str
) -> None:
    """
    $directive
    """
    lineno = path.read_text(encoding="utf-8").splitlines().index(directive) + 1
    matching = [e for e in errors if message in e.message]
    assert matching, [e.message for e in errors]
    assert [e.source["lineno"] for e in matching] == [lineno]


@ledger_doc(base=CHART + TRANSACTIONS)
def test_the_riktvarde_is_the_latest_on_or_before_the_year_end(books: Books) -> None:
    """
    2021-06-30 custom "eget-kapital-riktvarde" 20
    2021-12-31 custom "eget-kapital-riktvarde" 12.5
    2022-01-01 custom "eget-kapital-riktvarde" 40
    """
    d = books.direktiv
    assert [(r.date.isoformat(), r.andel) for r in d.riktvarden] == [
        ("2021-06-30", Decimal(20)),
        ("2021-12-31", Decimal("12.5")),
        ("2022-01-01", Decimal(40)),
    ]
    assert d.riktvarde(2020) == Decimal(15)  # none yet: the default
    assert d.riktvarde(2021) == Decimal("12.5")
    assert d.riktvarde(2022) == Decimal(40)
    assert d.riktvarde(2030) == Decimal(40)


def test_parse_without_plugin_gives_the_same_errors() -> None:
    entries, _, _ = loader.load_string('2021-12-31 custom "anstallda" -1\n')
    _, errors = parse_direktiv(entries)
    assert [e.message for e in errors] == [
        "direktiv: custom \"anstallda\": expected a number of employees, not Decimal('-1'); "
        'write e.g. 2021-12-31 custom "anstallda" 2'
    ]


@ledger_doc(
    base=CHART + TRANSACTIONS,
    header='plugin "finsam_ledger.plugins.kontoplan" "{\'x\': 1}"\n',
    expect_errors=True,
)
def test_plugins_reject_configuration(errors: list[Any]) -> None:
    """
    ; Only the kontoplan plugin, with a setting it does not take (and no options).
    """
    assert any(
        e.message
        == "kontoplan: takes no settings, got \"{'x': 1}\"; remove them from the plugin line"
        for e in errors
    )


@ledger_doc(base=CHART + TRANSACTIONS)
def test_nyckeltal_are_parsed(books: Books) -> None:
    """
    2018-12-31 custom "nyckeltal" "intakter" 6916000.00 SEK
    2019-12-31 custom "nyckeltal" "intakter" 7018000.00 SEK
    2019-12-31 custom "nyckeltal" "kostnader" 8152000.00 SEK
    2019-12-31 custom "nyckeltal" "arets-resultat" -1134000.00 SEK
    2019-12-31 custom "nyckeltal" "soliditet" 32
    2019-12-31 custom "nyckeltal" "anstallda" 2
    2019-12-31 custom "nyckeltal" "eget-kapital" 989413.00 SEK
    2019-12-31 custom "nyckeltal" "medlemsbidrag" 7000000.00 SEK
    """
    d = books.direktiv
    assert d.nyckeltal_years() == [2018, 2019]
    assert d.nyckeltal_av(2018) == {"intakter": Decimal("6916000.00")}
    assert d.nyckeltal_av(2019) == {
        "intakter": Decimal("7018000.00"),
        "kostnader": Decimal("8152000.00"),
        "arets-resultat": Decimal("-1134000.00"),
        "soliditet": Decimal(32),
        "anstallda": Decimal(2),
        "eget-kapital": Decimal("989413.00"),
        "medlemsbidrag": Decimal("7000000.00"),
    }
    assert d.antal_anstallda(2019) == Decimal(2)
    assert d.antal_anstallda(2018) is None


@ledger_doc(base=CHART + TRANSACTIONS, expect_errors=True)
def test_a_nyckeltal_given_twice_is_an_error_at_the_second_line(
    errors: list[Any], path: Path
) -> None:
    """
    2019-12-31 custom "nyckeltal" "soliditet" 32
    2019-12-31 custom "anstallda" 2
    2019-12-31 custom "nyckeltal" "soliditet" 33
    2019-12-31 custom "nyckeltal" "anstallda" 2
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    twice = [e for e in errors if "is already given at line" in e.message]
    assert [e.source["lineno"] for e in twice] == [
        lines.index('2019-12-31 custom "nyckeltal" "soliditet" 33') + 1,
        lines.index('2019-12-31 custom "nyckeltal" "anstallda" 2') + 1,
    ]
    assert "soliditet of 2019 is already given at line" in twice[0].message
    assert len(errors) == 2, [e.message for e in errors]

"""Participants and the socio-economic effect: counts only, the tables, the published 5 054 400."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from beancount.parser import printer

from finsam_ledger.model.books import Books
from finsam_ledger.model.directives import REDACTED
from finsam_ledger.model.period import Period
from finsam_ledger.model.tabeller import ARSREDOVISNING
from finsam_ledger.model.table import Table, printed
from finsam_ledger.statements.deltagare import GEMENSAMT, deltagare_ar
from finsam_ledger.statements.rapport import rapport

from inline import ledger_doc
from ledgers import CHART, REPO, TRANSACTIONS

DELTAGARE_JSON = REPO / "tests" / "data" / "annual-report-2021" / "deltagare.json"
SHARED_DELTAGARE = REPO.parent / "shared" / "reference" / "annual-report-2021" / "deltagare.json"
TABLES = ("deltagare", "deltagare_utfall", "samhallsekonomi")

ENTER = "Kostnader:Insatser:Enter"


def _printed(table: Table, label: str) -> list[int | None]:
    row = table.row(label)
    return [printed(v, table.unit_of(row)) for v in row.values]


def _lineno(path: Path, line: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(line) + 1


# --- 1. the directive takes counts only -----------------------------------------------

# (the line, what the error says, a text of the line that must never be printed)
REFUSED = [
    (f'2021-12-31 custom "deltagare" {ENTER} "kvinnor" "Anna"', "kvinnor is a text", "Anna"),
    (
        f'2021-12-31 custom "deltagare" {ENTER} "kvinnor" "19850101-1234"',
        "kvinnor is a text",
        "1234",
    ),
    (
        f'2021-12-31 custom "deltagare" {ENTER} "man" 850101-1234',
        "count of man is above 99999",
        "848867",
    ),
    (
        f'2021-12-31 custom "deltagare" {ENTER} "man" 198501011234',
        "count of man is above 99999",
        "198501011234",
    ),
    (
        f'2021-12-31 custom "deltagare" {ENTER} "Anna Andersson" 1',
        "value 2 is not one of the keys kvinnor, man, nya",
        "Anna",
    ),
    (
        f'2021-12-31 custom "deltagare" {ENTER} "850101-1234" 1',
        "value 2 is not one of the keys",
        "1234",
    ),
    (f'2021-12-31 custom "deltagare" {ENTER} "kvinnor" 12.5', "not a whole number", "12.5"),
    (f'2021-12-31 custom "deltagare" {ENTER} "kvinnor" 12.0', "not a whole number", "12.0"),
    (f'2021-12-31 custom "deltagare" {ENTER} "nya" -3', "count of nya is negative", '"nya" -3'),
    (f'2021-12-31 custom "deltagare" {ENTER} "kvinnor" 12 SEK', "kvinnor is an amount", "SEK"),
    (
        f'2021-12-31 custom "deltagare" {ENTER} "kvinnor" 1985-01-01',
        "kvinnor is a date",
        "1985",
    ),
    (f'2021-12-31 custom "deltagare" {ENTER} "kvinnor" TRUE', "kvinnor is not a number", "TRUE"),
    (f'2021-12-31 custom "deltagare" {ENTER} "kvinnor"', "the last key has no count", "\0"),
    (f'2021-12-31 custom "deltagare" {ENTER}', "got no pair", "\0"),
    ('2021-12-31 custom "deltagare"', "got no pair", "\0"),
    (
        f'2021-12-31 custom "deltagare" {ENTER} "kvinnor" 1 {ENTER} 2',
        "value 4 is an account",
        "\0",
    ),
    (
        f'2021-12-31 custom "deltagare" {ENTER} "kvinnor" 1 "Kvinnor" 2',
        "kvinnor is given twice on the line",
        "\0",
    ),
    (
        f'2021-12-31 custom "deltagare" {ENTER} "kvinnor" 1\n  namn: "Anna Andersson"',
        "takes no metadata",
        "Anna",
    ),
    (
        '2021-12-31 custom "deltagare" Kostnader:Administration:Kansli "kvinnor" 1',
        "Kostnader:Administration:Kansli is not an insats",
        "\0",
    ),
    (
        '2021-12-31 custom "deltagare" Tillgångar:Kassa-och-bank:Bank "kvinnor" 1',
        "is not an insats",
        "\0",
    ),
    (
        '2021-12-31 custom "deltagare" Kostnader:Insatser:Finns-inte "kvinnor" 1',
        "Kostnader:Insatser:Finns-inte is not opened in the chart",
        "\0",
    ),
    (
        '2021-12-31 custom "deltagare" Kostnader:Insatser:Avslutad "kvinnor" 1',
        "Kostnader:Insatser:Avslutad is not open in 2021",
        "\0",
    ),
    (
        f'2021-12-31 custom "deltagare" {ENTER} "kvinnor" 3 "man" 2 "nya" 6',
        "varav nya is more than kvinnor and män together (6 > 5) in 2021 for "
        "Kostnader:Insatser:Enter",
        "\0",
    ),
    (
        f'2021-12-31 custom "deltagare" {ENTER} "kvinnor" 3 "man" 2 "avslutade" 6',
        "avslutade is more than kvinnor and män together (6 > 5)",
        "\0",
    ),
    (
        '2021-12-31 custom "deltagare" "avslutade" 4 "arbete" 3 "studier" 2',
        "the outcomes together are more than avslutade (5 > 4) in 2021 for the insatser together",
        "\0",
    ),
    ('2021-12-31 custom "deltagar" "Anna Andersson"', 'did you mean custom "deltagare"?', "Anna"),
    (
        '2021-01-01 custom "samhallsekonomi" "kronor-per-manad" 16200',
        "expected an amount such as 1000.00 SEK",
        "\0",
    ),
    (
        '2021-01-01 custom "samhallsekonomi" "kronor-per-manad" -16200.00 SEK',
        "kronor-per-manad is not negative",
        "\0",
    ),
    (
        '2021-01-01 custom "samhallsekonomi" "utfall" "arbete semester"',
        "utfall names one or more of arbete, studier, rehabilitering, sjukdom, annat, "
        "not 'semester'",
        "\0",
    ),
    (
        '2021-01-01 custom "samhallsekonomi" "kronor" 16200.00 SEK',
        "key 'kronor' is not one of kronor-per-manad, utfall",
        "\0",
    ),
]


@pytest.mark.parametrize(("directive", "message", "secret"), REFUSED)
@ledger_doc(base=CHART + TRANSACTIONS, expect_errors=True)
def test_anything_but_a_count_is_an_error_at_its_line(
    errors: list[Any], path: Path, directive: str, message: str, secret: str
) -> None:
    """
    $directive
    """
    lineno = _lineno(path, directive.splitlines()[0])
    assert [(e.source["lineno"], message in e.message) for e in errors] == [(lineno, True)], [
        e.message for e in errors
    ]
    [error] = errors
    assert error.message.startswith("direktiv: custom ")
    # Nothing that may be about a person is repeated: not in the message, not in the
    # line printed under it (bean-check, Fava).
    shown = printer.format_error(error)
    assert secret not in shown
    if secret in directive.splitlines()[0] and "deltagar" in directive:
        assert REDACTED in shown  # the line as printed, the value replaced


@ledger_doc(base=CHART + TRANSACTIONS, expect_errors=True)
def test_a_count_given_twice_is_an_error_at_the_second_line(errors: list[Any], path: Path) -> None:
    """
    2021-12-31 custom "deltagare" Kostnader:Insatser:Enter "kvinnor" 3 "man" 2
    2021-12-31 custom "deltagare" Kostnader:Insatser:Enter "man" 4
    """
    [error] = errors
    second = '2021-12-31 custom "deltagare" Kostnader:Insatser:Enter "man" 4'
    assert error.source["lineno"] == _lineno(path, second)
    assert error.message.startswith(
        'direktiv: custom "deltagare": man of 2021 for Kostnader:Insatser:Enter is already '
        f"given at line {_lineno(path, second) - 1} of "
    )


@ledger_doc(base=CHART + TRANSACTIONS, expect_errors=True)
def test_the_year_totals_are_checked_when_parts_and_wholes_are_apart(
    errors: list[Any], path: Path
) -> None:
    """
    2021-12-31 custom "deltagare" Kostnader:Insatser:Enter "kvinnor" 3 "man" 2 "avslutade" 4
    2021-12-31 custom "deltagare" "arbete" 3 "studier" 2
    """
    [error] = errors
    assert error.source["lineno"] == _lineno(
        path, '2021-12-31 custom "deltagare" "arbete" 3 "studier" 2'
    )
    assert "the outcomes together are more than avslutade (5 > 4) in 2021 for the year's " in (
        error.message
    )


# --- 2. the tables, on a small ledger -------------------------------------------------

SMALL = """
2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
2021-01-01 open Intäkter:Medlemsbidrag:Staten SEK
  part: "staten"
2021-01-01 open Kostnader:Insatser:Arbetsträning SEK
  klass: "individinriktad"
2021-01-01 open Kostnader:Insatser:Arbetsträning:Småby SEK
2021-01-01 open Kostnader:Insatser:Stödet SEK
  klass: "individinriktad"
  notrad: "Projekt Stödet"
2021-01-01 open Kostnader:Insatser:Utbildning SEK
  klass: "strukturinriktad"
2021-01-01 open Kostnader:Administration:Kansli SEK

2021-02-01 * "Staten" "Medlemsbidrag"
  Tillgångar:Kassa-och-bank:Bank  500000.00 SEK
  Intäkter:Medlemsbidrag:Staten
2021-12-31 * "Insatserna"
  Kostnader:Insatser:Arbetsträning  100000.00 SEK
  Kostnader:Insatser:Arbetsträning:Småby  20000.00 SEK
  Kostnader:Insatser:Stödet  60000.50 SEK
  Kostnader:Insatser:Utbildning  10000.00 SEK
  Kostnader:Administration:Kansli  5000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
"""


@ledger_doc(base=SMALL)
def test_the_tables_by_hand(books: Books) -> None:
    """
    ; Arbetsträning and its sub-account are one insats: 7 kvinnor, 7 män, 6 nya.
    2021-12-31 custom "deltagare" Kostnader:Insatser:Arbetsträning "kvinnor" 5 "man" 7 "nya" 4
    2021-12-31 custom "deltagare" Kostnader:Insatser:Arbetsträning:Småby "kvinnor" 2 "nya" 2
    2021-12-31 custom "deltagare" Kostnader:Insatser:Arbetsträning "avslutade" 6 "arbete" 2
    2021-12-31 custom "deltagare" Kostnader:Insatser:Arbetsträning "studier" 1 "sjukdom" 1
    ; Stödet: varav nya not recorded, so blank.
    2021-12-31 custom "deltagare" Kostnader:Insatser:Stödet "Kvinnor" 3 "män" 1
    2021-12-31 custom "deltagare" Kostnader:Insatser:Stödet "avslutade" 2 "arbete" 1 "annat" 1
    ; Counted for the insatser together.
    2021-12-31 custom "deltagare" "avslutade" 3 "studier" 2 "rehabilitering" 1
    ; The latest setting on or before the year end applies.
    2020-01-01 custom "samhallsekonomi" "kronor-per-manad" 12000.00 SEK
    2021-01-01 custom "samhallsekonomi" "kronor-per-manad" 10000.00 SEK
    2022-01-01 custom "samhallsekonomi" "kronor-per-manad" 20000.00 SEK
    2021-01-01 custom "samhallsekonomi" "utfall" "studier arbete"
    """
    report = rapport(books, Period.year(2021))
    # Every table of the årsredovisning but Not 6: the ledger nets nothing (no budgetpost).
    assert report.keys == tuple(key for key in ARSREDOVISNING if key != "not6")
    deltagare = report.table("deltagare")
    assert deltagare.title == "Deltagare 2021"
    assert deltagare.columns == ("Kvinnor", "Män", "Varav nya")
    assert [(r.label, r.kind, r.unit) for r in deltagare.rows] == [
        ("Arbetsträning", "line", "st"),
        ("Projekt Stödet", "line", "st"),
        ("Totalt", "sum", "st"),
    ]
    assert _printed(deltagare, "Arbetsträning") == [7, 7, 6]
    assert _printed(deltagare, "Projekt Stödet") == [3, 1, None]
    assert _printed(deltagare, "Totalt") == [10, 8, 6]
    assert deltagare.notes == ("Totalt 18 deltagare, varav 6 nya.",)

    utfall = report.table("deltagare_utfall")
    assert utfall.title == "Avslutade deltagare 2021"
    assert utfall.columns == (
        "Avslutade",
        "Arbete",
        "Studier",
        "Arbetslivsinriktad rehabilitering",
        "Sjukdom",
        "Annat",
    )
    assert [r.label for r in utfall.rows] == [
        "Arbetsträning",
        "Projekt Stödet",
        GEMENSAMT,
        "Totalt",
    ]
    assert _printed(utfall, "Arbetsträning") == [6, 2, 1, None, 1, None]
    assert _printed(utfall, "Projekt Stödet") == [2, 1, None, None, None, 1]
    assert _printed(utfall, GEMENSAMT) == [3, None, 2, 1, None, None]
    assert _printed(utfall, "Totalt") == [11, 3, 3, 1, 1, 1]

    effekt = report.table("samhallsekonomi")
    assert effekt.title == "Samhällsekonomisk effekt 2021"
    assert effekt.columns == ("Arbetsträning", "Projekt Stödet", GEMENSAMT, "Totalt")
    # Arbete or studier: 2 + 1, 1 + 0, 0 + 2; 10 000 kr (the 2021 setting) × 12.
    assert _printed(effekt, "Avslutade till arbete eller studier") == [3, 1, 2, 6]
    assert _printed(effekt, "Kronor per person och månad") == [10000] * 4
    assert _printed(effekt, "Månader") == [12] * 4
    assert _printed(effekt, "Samhällsekonomisk effekt") == [360000, 120000, 240000, 720000]
    # Arbetsträning with its sub-account; Totalt: the insatser with participants (not
    # Utbildning, not Kansli).
    assert effekt.row("Kostnad 2021").values == (
        Decimal("120000.00"),
        Decimal("60000.50"),
        None,
        Decimal("180000.50"),
    )
    # 360 000 / 120 000; 120 000 / 60 000,50 = 199,998 %; 720 000 / 180 000,50 = 399,999 %.
    assert _printed(effekt, "Effekt i % av kostnaden") == [300, 200, None, 400]
    assert effekt.notes[0] == "6 × 10 000 kr × 12 mån = 720 000 kr."

    ar = deltagare_ar(books, 2021)
    assert ar is not None
    assert (ar.deltagare, ar.antal("nya"), ar.antal("avslutade")) == (18, 6, 11)
    assert ar.raknade == ("arbete", "studier")
    assert (ar.personer, ar.personer_till(["arbete"]), ar.effekt) == (6, 3, Decimal(720000))
    assert deltagare_ar(books, 2020) is None


@ledger_doc(base=SMALL)
def test_participants_without_outcomes_have_no_effect(books: Books) -> None:
    """
    2021-12-31 custom "deltagare" Kostnader:Insatser:Stödet "kvinnor" 3 "man" 1 "nya" 2
    """
    report = rapport(books, Period.year(2021))
    assert [k for k in report.keys if k in TABLES] == ["deltagare"]
    ar = deltagare_ar(books, 2021)
    assert ar is not None
    assert (ar.personer, ar.effekt, ar.kronor_per_manad) == (None, None, Decimal(16200))


@ledger_doc(base=CHART + TRANSACTIONS)
def test_a_year_without_participants_has_none_of_the_tables(books: Books) -> None:
    """
    ; No deltagare line.
    """
    report = rapport(books, Period.year(2021))
    assert report.keys == tuple(k for k in ARSREDOVISNING if k not in {*TABLES, "not6"})
    assert deltagare_ar(books, 2021) is None


# --- 3. the example reproduces the published figures -------------------------------------


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DELTAGARE_JSON.read_text(encoding="utf-8"))
    return data


def test_reference_copy_equals_the_shared_one() -> None:
    if not SHARED_DELTAGARE.is_file():
        pytest.skip("no shared/ beside the repository")
    assert DELTAGARE_JSON.read_bytes() == SHARED_DELTAGARE.read_bytes()


def test_the_example_reproduces_the_published_effect(
    example: Books, reference: dict[str, Any]
) -> None:
    published = reference["socioekonomisk_effekt_2021"]
    ar = deltagare_ar(example, 2021)
    assert ar is not None
    assert ar.personer == published["personer"] == 26
    assert ar.kronor_per_manad == published["kr_per_person_och_manad"] == 16200
    assert ar.effekt == published["effekt_kr"] == 5054400
    table = rapport(example, Period.year(2021)).table("samhallsekonomi")
    assert table.columns == ("Totalt",)
    assert _printed(table, "Samhällsekonomisk effekt") == [5054400]
    assert table.notes[0] == "26 × 16 200 kr × 12 mån = 5 054 400 kr."
    # Work or studies, as other years and förbund count: 28.
    avslutade = reference["avslutade_2021"]
    assert ar.personer_till(["arbete", "studier"]) == avslutade["till_arbete_eller_studier"]
    assert ar.antal("arbete") == avslutade["till_anstallning"]["totalt"]
    assert ar.antal("avslutade") == avslutade["avslutade"]["totalt"]


# The published names of the insatser and the example's rows (Not 3's).
INSATSER = {
    "ARCH - Arbetsmarknads RehabCoach i Habo": "Projekt ARCH",
    "Enter": "Enter",
    "Etableringsskola i Mullsjö": "Etableringsstödjare",
    "FIA mé knuff": "Funktionsnedsatta i arbete (FIA)",
    "IT-spåret SV": "IT-spåret",
    "Projekt SE-N": "Projekt SE-N",
}


def test_the_example_reproduces_the_published_participants(
    example: Books, reference: dict[str, Any]
) -> None:
    published = reference["deltagare_2021"]
    table = rapport(example, Period.year(2021)).table("deltagare")
    assert list(table.columns) == published["columns"]
    for row in published["rows"]:
        assert _printed(table, INSATSER[row["insats"]]) == row["values"], row["insats"]
    assert _printed(table, "Totalt") == published["total"] == [61, 89, 83]
    assert len(table.rows) == len(published["rows"]) + 1
    assert table.notes == ("Totalt 150 deltagare, varav 83 nya.",)
    ar = deltagare_ar(example, 2021)
    assert ar is not None and ar.deltagare == 150


def test_the_example_has_no_participants_in_2020(example: Books) -> None:
    report = rapport(example, Period.year(2020))
    assert not set(TABLES) & set(report.keys)

"""The delårsrapport on a half-year ledger with forecasts: every figure, hand-computed.

Period 2021-01-01..2021-06-30. Utfall: intäkter 400 000 + 200 000 + 200 000
+ 30 000 = 830 000; kostnader Enter 120 000 + 130 000.50, Samverkan 20 000,
Kansli 150 000 = 420 000.50. Prognos: medlemsbidrag at budget 800 000,
Försäljning 60 000; Enter 520 000 (dated the period end), Samverkan at its
budget 100 000, Kansli 300 000 (the parent's budget covers Kansli:Lön).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Table, printed
from finsam_ledger.statements.delarsrapport import delarsrapport

from inline import replaced
from ledgers import HALVAR

H1 = Period(date(2021, 1, 1), date(2021, 7, 1))


def values(table: Table, label: str) -> list[int | None]:
    row = table.row(label)
    return [printed(value, table.unit_of(row)) for value in row.values]


@pytest.fixture
def books(books_of: Callable[[str], Books]) -> Books:
    return books_of(HALVAR)


def test_resultatrakning(books: Books) -> None:
    rr = delarsrapport(books, H1)["resultatrakning"]
    # Layout A: the previous full year first (no books for 2020: blank).
    assert rr.columns == (
        "Utfall 2020",
        "Budget 2021",
        "Utfall 2021-01-01–2021-06-30",
        "Prognos 2021",
    )
    assert values(rr, "Verksamhetens intäkter") == [None, 800000, 830000, 860000]
    assert values(rr, "Verksamhetens kostnader") == [None, -900000, -420001, -920000]
    assert values(rr, "Resultat") == [None, -100000, 410000, -60000]
    assert values(rr, "Finansiella intäkter") == [None, None, 0, 0]
    assert values(rr, "Finansiella kostnader") == [None, None, 0, 0]
    assert values(rr, "Resultat efter finansiella poster") == [None, -100000, 410000, -60000]
    assert values(rr, "Årets resultat") == [None, -100000, 410000, -60000]
    assert rr.notes == (
        "Prognos enligt budget (ingen prognos angiven): Staten, Regionen, Kommunen, Samverkan,"
        " Kansli",
    )


def test_balansrakning_at_the_period_end(books: Books) -> None:
    br = delarsrapport(books, H1)["balansrakning"]
    assert br.columns == ("2021-06-30", "2020-12-31")
    # The fordringar as the rows of Not 4.
    assert values(br, "Kundfordringar") == [230000, 0]
    assert values(br, "Kassa och bank") == [830000, 500000]
    assert values(br, "Summa tillgångar") == [1060000, 500000]
    assert values(br, "Balanserat från föregående år") == [400000, 400000]
    assert values(br, "Årets resultat") == [410000, None]
    assert values(br, "Summa eget kapital") == [810000, 400000]
    assert values(br, "Kortfristiga skulder") == [250001, 100000]
    assert values(br, "Summa eget kapital, avsättningar och skulder") == [1060000, 500000]


def test_driftsredovisning_per_insats(books: Books) -> None:
    drift = delarsrapport(books, H1)["driftsredovisning"]
    assert drift.columns == (
        "Budget 2021",
        "Utfall 2021-01-01–2021-06-30",
        "Prognos 2021",
        "Avvikelse budget – prognos",
        "Beviljat 2021",
    )
    assert values(drift, "Nettokostnad") == [900000, 420001, 920000, -20000, None]
    assert values(drift, "Bidrag/Intäkt") == [800000, 830000, 860000, 60000, None]
    assert values(drift, "Resultat") == [-100000, 410000, -60000, 40000, None]
    assert values(drift, "Enter") == [500000, 250001, 520000, -20000, 550000]
    assert values(drift, "Samverkan") == [100000, 20000, 100000, 0, None]
    assert values(drift, "Kansli") == [300000, 150000, 300000, 0, None]


def test_forecast_balanskrav(books: Books) -> None:
    bk = delarsrapport(books, H1)["balanskrav"]
    assert bk.columns == ("Prognos 2021",)
    assert values(bk, "Årets resultat enligt resultaträkningen") == [-60000]
    assert values(bk, "Årets resultat efter balanskravsjusteringar") == [-60000]
    assert values(bk, "Balanskravsresultat") == [-60000]
    assert values(bk, "Underskott från tidigare år att återställa") == [0]
    # The board budgeted a deficit of 100 000 covered by eget kapital: the forecast
    # deficit of 60 000 is within it, so nothing is left to restore.
    assert values(bk, "Underskott som enligt beslut täcks av eget kapital") == [60000]
    assert values(bk, "Underskott kvar att återställa") == [0]
    assert bk.notes == (
        "Beslut om budgeterat underskott som täcks av eget kapital 2020-12-01: "
        "Underskottet 100 000 kr täcks av eget kapital",
    )


def test_forecast_balanskrav_beyond_the_budgeted_deficit(
    books_of: Callable[[str], Books],
) -> None:
    """A forecast deficit of 160 000 against a budgeted 100 000: 60 000 is left to restore."""
    worse = HALVAR + '2021-06-30 custom "prognos" Kostnader:Administration:Kansli 400000.00 SEK\n'
    bk = delarsrapport(books_of(worse), H1)["balanskrav"]
    assert values(bk, "Balanskravsresultat") == [-160000]
    assert values(bk, "Underskott som enligt beslut täcks av eget kapital") == [100000]
    assert values(bk, "Underskott kvar att återställa") == [-60000]


def test_forecast_balanskrav_without_a_decision(books_of: Callable[[str], Books]) -> None:
    decision = '"budgetunderskott" 2021 "Underskottet 100 000 kr täcks av eget kapital"\n'
    undecided = replaced(HALVAR, f"2020-12-01 custom {decision}", "")
    bk = delarsrapport(books_of(undecided), H1)["balanskrav"]
    assert [row.label for row in bk.rows][-3:] == [
        "Underskott från tidigare år att återställa",
        "Återställt under året",
        "Underskott kvar att återställa",
    ]
    assert values(bk, "Underskott kvar att återställa") == [-60000]
    assert bk.notes == ()


def test_forecast_balanskrav_follows_a_decision_of_synnerliga_skal(
    books_of: Callable[[str], Books],
) -> None:
    """The board decided the forecast deficit is not restored: nothing is left to restore."""
    decided = HALVAR + '2021-05-20 custom "synnerliga-skal" 2021 "Synnerliga skäl"\n'
    bk = delarsrapport(books_of(decided), H1)["balanskrav"]
    assert values(bk, "Balanskravsresultat") == [-60000]
    assert values(bk, "Underskott kvar att återställa") == [0]
    assert "Underskott som enligt beslut täcks av eget kapital" not in {r.label for r in bk.rows}
    assert bk.notes[-1] == (
        "Beslut om synnerliga skäl att inte återställa underskottet 2021-05-20: Synnerliga skäl"
    )


def test_periodised_medlemsbidrag(books: Books) -> None:
    """6/12 of the year's 800 000 instead of the 800 000 booked; the rest is förutbetalt."""
    tables = delarsrapport(books, H1, periodisera=True)
    rr, br = tables["resultatrakning"], tables["balansrakning"]
    assert values(rr, "Verksamhetens intäkter") == [None, 800000, 430000, 860000]
    assert values(rr, "Årets resultat") == [None, -100000, 10000, -60000]
    assert values(br, "Årets resultat") == [10000, None]
    assert values(br, "Kortfristiga skulder") == [650001, 100000]
    assert values(br, "Summa eget kapital, avsättningar och skulder") == [1060000, 500000]
    assert rr.notes[0] == (
        "2021-01-01–2021-06-30: medlemsbidragen periodiserade, 6/12 av årets belopp: "
        "400 000 kr i stället för bokförda 800 000 kr"
    )
    # The forecast does not change with the periodisation.
    assert values(tables["driftsredovisning"], "Enter")[2] == 520000


def test_periodised_members_behind_are_a_receivable(books_of: Callable[[str], Books]) -> None:
    """Kommunen invoiced only 50 000 of 200 000: 50 000 upplupet; the others paid ahead."""
    books = books_of(
        replaced(
            HALVAR,
            "Kundfordringar  200000.00 SEK\n  Intäkter:Medlemsbidrag:Kommunen",
            "Kundfordringar  50000.00 SEK\n  Intäkter:Medlemsbidrag:Kommunen",
        )
    )
    br = delarsrapport(books, H1, periodisera=True)["balansrakning"]
    # Fordringar: 50 000 + 30 000 invoiced, + 50 000 upplupet.
    assert values(br, "Kundfordringar") == [80000, 0]
    assert values(br, "Upplupna medlemsbidrag (periodisering)") == [50000, 0]
    # Kortfristiga skulder: 250 000.50 to suppliers + 300 000 förutbetalt (staten 200 000,
    # regionen 100 000).
    assert values(br, "Kortfristiga skulder") == [550001, 100000]
    assert values(br, "Summa tillgångar") == [960000, 500000]
    assert values(br, "Årets resultat") == [10000, None]


def test_income_and_costs_in_detail(books: Books) -> None:
    """Not 2 and Not 3 in the four columns of layout A, with their sums."""
    tables = delarsrapport(books, H1)
    not2, not3 = tables["not2"], tables["not3"]
    assert not2.columns == not3.columns == tables["resultatrakning"].columns
    assert values(not2, "Staten") == [None, 400000, 400000, 400000]
    assert values(not2, "Medlemsbidrag") == [None, 800000, 800000, 800000]
    assert values(not2, "Försäljning") == [None, None, 30000, 60000]
    assert values(not2, "Övriga intäkter") == [None, None, 30000, 60000]
    assert values(not2, "Summa") == [None, 800000, 830000, 860000]
    assert values(not3, "Enter") == [None, 500000, 250001, 520000]
    assert values(not3, "Samverkan") == [None, 100000, 20000, 100000]
    assert values(not3, "Summa Individ- och strukturinriktade insatser") == [
        None,
        600000,
        270001,
        620000,
    ]
    assert values(not3, "Kansli") == [None, 300000, 150000, 300000]
    assert values(not3, "Totalt") == [None, 900000, 420001, 920000]
    assert "detalj" not in tables


def test_one_table_of_income_and_costs(books_of: Callable[[str], Books]) -> None:
    """The setting en-tabell: layout A's one table, the result under the sums."""
    books = books_of(
        HALVAR + '2021-01-01 custom "rapportinstallning" "delarsrapport-detalj" "en-tabell"\n'
    )
    tables = delarsrapport(books, H1)
    assert "not2" not in tables and "not3" not in tables
    detalj = tables["detalj"]
    assert [row.label for row in detalj.rows] == [
        "Intäkter",
        "Staten",
        "Regionen",
        "Kommunen",
        "Medlemsbidrag",
        "Försäljning",
        "Övriga intäkter",
        "Summa intäkter",
        "Kostnader",
        "Individ- och strukturinriktade insatser",
        "Enter",
        "Samverkan",
        "Summa Individ- och strukturinriktade insatser",
        "Administration",
        "Kansli",
        "Summa Administration",
        "Summa kostnader",
        "Årets resultat",
    ]
    assert values(detalj, "Summa intäkter") == [None, 800000, 830000, 860000]
    assert values(detalj, "Summa kostnader") == [None, 900000, 420001, 920000]
    # 830 000 - 420 000,50 = 409 999,50 prints 410 000, as the resultaträkning.
    assert values(detalj, "Årets resultat") == [None, -100000, 410000, -60000]
    # No Not 2 or Not 3 to refer to.
    assert all(row.note is None for row in tables["resultatrakning"].rows)


@pytest.mark.parametrize("how", ["setting", "argument"])
def test_the_same_period_last_year_instead(books_of: Callable[[str], Books], how: str) -> None:
    setting = '2021-01-01 custom "rapportinstallning" "delarsrapport-jamforelse" "period"\n'
    books = books_of(HALVAR + (setting if how == "setting" else ""))
    tables = delarsrapport(books, H1, jamforelse="period" if how == "argument" else None)
    for key in ("resultatrakning", "not2", "not3"):
        assert tables[key].columns == (
            "Budget 2021",
            "Utfall 2021-01-01–2021-06-30",
            "Prognos 2021",
            "Utfall 2020-01-01–2020-06-30",
        )
    assert values(tables["resultatrakning"], "Årets resultat") == [-100000, 410000, -60000, None]


def test_eget_kapital_at_the_year_end(books: Books) -> None:
    """400 000 at the start; budget -100 000 gives 300 000, the forecast -60 000 gives 340 000."""
    ek = delarsrapport(books, H1)["eget_kapital"]
    assert ek.columns == ("Budget 2021", "Prognos 2021")
    assert values(ek, "Eget kapital vid årets början") == [400000, 400000]
    assert values(ek, "Årets resultat") == [-100000, -60000]
    assert values(ek, "Eget kapital 2021-12-31") == [300000, 340000]
    # 15 % of the medlemsbidrag, 800 000 by the budget and by the forecast.
    assert values(ek, "Riktvärde eget kapital (högst 15 % av medlemsbidragen)") == [
        120000,
        120000,
    ]


def test_no_forecast_balance_sheet_without_balance_forecasts(books: Books) -> None:
    assert "balansrakning_prognos" not in delarsrapport(books, H1)


def test_forecast_balance_sheet(books_of: Callable[[str], Books]) -> None:
    """Kundfordringar forecast 0, leverantörsskulder 125 000: kassa och bank balances.

    Eget kapital 400 000 - 60 000 = 340 000; skulder 125 000; other assets 0:
    kassa och bank 465 000.
    """
    books = books_of(
        HALVAR
        + '2021-06-30 custom "prognos" Tillgångar:Fordringar:Kundfordringar 0.00 SEK\n'
        + '2021-06-30 custom "prognos" Skulder:Kortfristiga:Leverantörsskulder -125000.00 SEK\n'
    )
    br = delarsrapport(books, H1)["balansrakning_prognos"]
    assert br.title == "Balansräkning 2021-12-31, prognos"
    assert br.columns == ("2021-06-30", "Prognos 2021-12-31")
    assert values(br, "Kundfordringar") == [230000, 0]
    assert values(br, "Kassa och bank") == [830000, 465000]
    assert values(br, "Summa tillgångar") == [1060000, 465000]
    assert values(br, "Balanserat från föregående år") == [400000, 400000]
    assert values(br, "Årets resultat") == [410000, -60000]
    assert values(br, "Summa eget kapital") == [810000, 340000]
    assert values(br, "Kortfristiga skulder") == [250001, 125000]
    assert values(br, "Summa eget kapital, avsättningar och skulder") == [1060000, 465000]
    assert br.notes[0].startswith("Prognos: kassa och bank är det som återstår")


def test_a_zero_forecast_prints_zero(books_of: Callable[[str], Books]) -> None:
    """Försäljning forecast 0 (nothing more expected than stated): 0, never a blank."""
    books = books_of(
        replaced(
            HALVAR,
            '2021-06-30 custom "prognos" Intäkter:Försäljning -60000.00 SEK',
            '2021-06-30 custom "prognos" Intäkter:Försäljning 0.00 SEK',
        )
    )
    not2 = delarsrapport(books, H1)["not2"]
    assert values(not2, "Försäljning") == [None, None, 30000, 0]
    assert values(not2, "Summa") == [None, 800000, 830000, 800000]


def test_no_comparison_column(books_of: Callable[[str], Books]) -> None:
    """Layout B: budget, utfall and helårsprognos only."""
    setting = '2021-01-01 custom "rapportinstallning" "delarsrapport-jamforelse" "ingen"\n'
    tables = delarsrapport(books_of(HALVAR + setting), H1)
    for key in ("resultatrakning", "not2", "not3"):
        assert tables[key].columns == (
            "Budget 2021",
            "Utfall 2021-01-01–2021-06-30",
            "Prognos 2021",
        )
    assert values(tables["not3"], "Totalt") == [900000, 420001, 920000]


def test_a_period_beyond_the_books_says_so(books: Books) -> None:
    """The books end 2021-07-15: a delårsrapport to 31 August is marked preliminary."""
    to_august = Period(date(2021, 1, 1), date(2021, 9, 1))
    tables = delarsrapport(books, to_august)
    note = (
        "Preliminärt: senast bokförda dag är 2021-07-15, perioden slutar 2021-08-31; "
        "det som hör till tiden efter 2021-07-15 är inte bokfört."
    )
    assert tables["resultatrakning"].notes[0] == note
    assert tables["balansrakning"].notes[0] == note
    # To 31 July the books reach into the period's last month: no such note.
    to_july = delarsrapport(books, Period(date(2021, 1, 1), date(2021, 8, 1)))
    assert not any(n.startswith("Preliminärt") for n in to_july["resultatrakning"].notes)

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
    assert rr.columns == (
        "Budget 2021",
        "Utfall 2021-01-01–2021-06-30",
        "Prognos 2021",
        "Utfall 2020-01-01–2020-06-30",
    )
    assert values(rr, "Verksamhetens intäkter") == [800000, 830000, 860000, None]
    assert values(rr, "Verksamhetens kostnader") == [-900000, -420001, -920000, None]
    assert values(rr, "Resultat") == [-100000, 410000, -60000, None]
    assert values(rr, "Finansiella intäkter") == [None, 0, 0, None]
    assert values(rr, "Finansiella kostnader") == [None, 0, 0, None]
    assert values(rr, "Resultat efter finansiella poster") == [-100000, 410000, -60000, None]
    assert values(rr, "Årets resultat") == [-100000, 410000, -60000, None]
    assert rr.notes == (
        "Prognos enligt budget (ingen prognos angiven): Staten, Regionen, Kommunen, Samverkan,"
        " Kansli",
    )


def test_balansrakning_at_the_period_end(books: Books) -> None:
    br = delarsrapport(books, H1)["balansrakning"]
    assert br.columns == ("2021-06-30", "2020-12-31")
    assert values(br, "Fordringar") == [230000, 0]
    assert values(br, "Kassa och bank") == [830000, 500000]
    assert values(br, "Summa tillgångar") == [1060000, 500000]
    assert values(br, "Balanserat från föregående år") == [400000, 400000]
    assert values(br, "Årets resultat") == [410000, None]
    assert values(br, "Årets balanserade resultat") == [810000, 400000]
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
    assert values(bk, "Underskott kvar att återställa") == [-60000]


def test_forecast_balanskrav_follows_a_decision_of_synnerliga_skal(
    books_of: Callable[[str], Books],
) -> None:
    """The board decided the forecast deficit is not restored: nothing is left to restore."""
    decided = HALVAR + '2021-05-20 custom "synnerliga-skal" 2021 "Synnerliga skäl"\n'
    bk = delarsrapport(books_of(decided), H1)["balanskrav"]
    assert values(bk, "Balanskravsresultat") == [-60000]
    assert values(bk, "Underskott kvar att återställa") == [0]


def test_periodised_medlemsbidrag(books: Books) -> None:
    """6/12 of the year's 800 000 instead of the 800 000 booked; the rest is förutbetalt."""
    tables = delarsrapport(books, H1, periodisera=True)
    rr, br = tables["resultatrakning"], tables["balansrakning"]
    assert values(rr, "Verksamhetens intäkter") == [800000, 430000, 860000, None]
    assert values(rr, "Årets resultat") == [-100000, 10000, -60000, None]
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
    assert values(br, "Fordringar") == [130000, 0]
    # Kortfristiga skulder: 250 000.50 to suppliers + 300 000 förutbetalt (staten 200 000,
    # regionen 100 000).
    assert values(br, "Kortfristiga skulder") == [550001, 100000]
    assert values(br, "Summa tillgångar") == [960000, 500000]
    assert values(br, "Årets resultat") == [10000, None]

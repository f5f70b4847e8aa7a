"""Statement logic on small docstring ledgers, against hand-computed figures."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from finsam_ledger.exports.layout import number_text, printed_table
from finsam_ledger.model.books import Books
from finsam_ledger.model.kassaflode import kassaflode_fel
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Table, printed
from finsam_ledger.statements.balansrakning import balansrakning
from finsam_ledger.statements.driftsredovisning import driftsredovisning
from finsam_ledger.statements.kassaflodesanalys import kassaflodesanalys
from finsam_ledger.statements.noter import not2, not3, not4, not5
from finsam_ledger.statements.oversikt import oversikt
from finsam_ledger.statements.resultatrakning import resultatrakning

from inline import ledger_doc, load
from ledgers import CHART, HEADER, TRANSACTIONS

D = Decimal
Y2021 = Period.year(2021)


def values(table: Table, label: str) -> list[int | None]:
    return [printed(value) for value in table.row(label).values]


@pytest.fixture
def books(books_of: Callable[[str], Books]) -> Books:
    return books_of(CHART + TRANSACTIONS)


def test_resultatrakning_loss_with_avskrivningar(books: Books) -> None:
    rr = resultatrakning(books, Y2021)
    assert rr.columns == ("Budget 2021", "2021", "2020")
    assert values(rr, "Verksamhetens intäkter") == [40000, 60000, 40000]
    assert values(rr, "Verksamhetens kostnader") == [-70000, -85001, -35000]
    assert values(rr, "Avskrivningar") == [None, -4800, 0]
    assert values(rr, "Resultat") == [-30000, -29801, 5000]
    assert values(rr, "Finansiella intäkter") == [None, 0, 0]
    assert values(rr, "Finansiella kostnader") == [None, -1250, 0]
    assert rr.row("Årets resultat").values[1:] == (D("-31050.75"), D("5000.00"))
    assert "Extraordinära poster" not in [row.label for row in rr.rows]


def test_balansrakning_with_anlaggningstillgangar_and_loan(books: Books) -> None:
    br = balansrakning(books, Y2021)
    assert br.columns == ("2021-12-31", "2020-12-31")
    assert values(br, "Materiella anläggningstillgångar") == [19200, 0]
    assert values(br, "Summa anläggningstillgångar") == [19200, 0]
    assert values(br, "Fordringar") == [20000, 20000]
    assert br.row("Kassa och bank").values == (D("144749.75"), D("110000.00"))
    assert values(br, "Summa tillgångar") == [183950, 130000]
    assert values(br, "Balanserat från föregående år") == [95000, 90000]
    assert values(br, "Årets resultat") == [-31051, 5000]
    assert br.row("Summa eget kapital").values == (D("63949.25"), D("95000.00"))
    assert values(br, "Långfristiga skulder") == [40000, 0]
    assert values(br, "Kortfristiga skulder") == [80001, 35000]
    assert values(br, "Summa eget kapital, avsättningar och skulder") == [183950, 130000]


def test_kassaflodesanalys_investering_and_finansiering(books: Books) -> None:
    kf = kassaflodesanalys(books, Y2021)
    assert values(kf, "Årets resultat") == [-31051, 5000]
    assert values(kf, "Justering för av- och nedskrivningar") == [4800, 0]
    assert values(kf, "Medel från verksamheten före förändring av rörelsekapital") == [
        -26251,
        5000,
    ]
    assert values(kf, "Ökning(-)/minskning(+) kortfristiga fordringar") == [0, 0]
    assert values(kf, "Ökning(+)/minskning(-) kortfristiga skulder") == [45001, 5000]
    assert values(kf, "Kassaflöde från den löpande verksamheten") == [18750, 10000]
    assert values(kf, "Investering i anläggningstillgångar") == [-24000, 0]
    assert values(kf, "Kassaflöde från investeringsverksamheten") == [-24000, 0]
    assert values(kf, "Nyupptagna lån") == [50000, 0]
    assert values(kf, "Amortering av skuld") == [-10000, 0]
    assert values(kf, "Kassaflöde från finansieringsverksamheten") == [40000, 0]
    assert kf.row("Årets kassaflöde").values == (D("34749.75"), D("10000.00"))
    assert values(kf, "Likvida medel vid årets början") == [110000, 100000]
    assert values(kf, "Likvida medel vid årets slut") == [144750, 110000]
    # Avskrivningar are not a sale: the line is left out.
    assert "Försäljning av anläggningstillgångar" not in [row.label for row in kf.rows]


def test_notes_accounts_without_postings(books: Books) -> None:
    n2 = not2(books, Y2021)
    assert [row.label for row in n2.rows] == [
        "Staten",
        "Driftbidrag från kommunen",
        "Medlemsbidrag",
        "Summa",
    ]
    # Staten is budgeted 40 000 (shown as income), the kommun not at all: blank.
    assert values(n2, "Staten") == [40000, 40000, 40000]
    assert values(n2, "Driftbidrag från kommunen") == [None, 20000, 0]
    assert values(n2, "Medlemsbidrag") == [40000, 60000, 40000]
    assert values(n2, "Summa") == [40000, 60000, 40000]
    n3 = not3(books, Y2021)
    labels = [row.label for row in n3.rows]
    # "Avslutad" has no postings and was closed before 2021: left out.
    assert labels == [
        "Individ- och strukturinriktade insatser",
        "Enter",
        "Summa Individ- och strukturinriktade insatser",
        "Administration",
        "Kansli",
        "Summa Administration",
        "Totalt",
    ]
    assert values(n3, "Kansli") == [0, 5000, 0]
    assert values(n3, "Totalt") == [70000, 85001, 35000]
    assert values(not4(books, Y2021), "Summa") == [20000, 20000]
    assert values(not5(books, Y2021), "Leverantörsskulder") == [80001, 35000]


def test_period_within_a_year_prorates_the_budget(books: Books) -> None:
    half = Period(Y2021.start, Y2021.start.replace(month=7))
    rr = resultatrakning(books, half)
    assert rr.columns == (
        "Budget 2021-01-01–2021-06-30",
        "2021-01-01–2021-06-30",
        "2020-01-01–2020-06-30",
    )
    # Fava spreads a yearly budget by day: 181 of 365 days.
    exact = D(-70000) * 181 / 365
    assert abs(rr.row("Verksamhetens kostnader").values[0] - exact) < D("1e-8")
    assert values(rr, "Verksamhetens kostnader") == [-34712, -80001, -35000]
    assert values(rr, "Verksamhetens intäkter")[1:] == [60000, 40000]
    br = balansrakning(books, half)
    assert br.columns == ("2021-06-30", "2020-06-30")
    assert values(br, "Långfristiga skulder") == [50000, 0]


def test_year_without_transactions(books: Books) -> None:
    assert books.has_transactions(Period.year(2020))
    assert not books.has_transactions(Period.year(2019))
    assert not books.has_transactions(Period.year(2022))
    # The 2020 report's comparison year has no books: blank, not zero.
    rr = resultatrakning(books, Period.year(2020))
    assert values(rr, "Verksamhetens intäkter") == [None, 40000, None]
    # The balance sheet at 2019-12-31 is the opening balance.
    br = balansrakning(books, Period.year(2020))
    assert values(br, "Kassa och bank") == [110000, 100000]
    assert values(br, "Summa eget kapital") == [95000, 90000]


def test_unplaceable_account_is_an_error_at_its_line(ledger: Callable[[str], Path]) -> None:
    body = CHART + "2020-01-01 open Tillgångar:Diverse:Kaffekassa SEK\n" + TRANSACTIONS
    path = ledger(body)
    books, errors = load(path)
    assert books is None
    lineno = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index("2020-01-01 open Tillgångar:Diverse:Kaffekassa SEK")
        + 1
    )
    [error] = [e for e in errors if "Kaffekassa" in e.message]
    assert error.source["filename"] == str(path)
    assert error.source["lineno"] == lineno
    assert "cannot place this account" in error.message
    assert "Kassa och bank" in error.message  # says which lines it could go on


@pytest.mark.parametrize(
    ("open_line", "message"),
    [
        ("2020-01-01 open Kostnader:Insatser:Ny SEK", "Finsam class missing"),
        ("2020-01-01 open Intäkter:Medlemsbidrag:Ny SEK", "medlemsbidrag without its party"),
        (
            '2020-01-01 open Kostnader:Insatser:Ny SEK\n  klass: "individ"',
            "klass 'individ' is not one of",
        ),
        (
            '2020-01-01 open Tillgångar:Övrigt:Ny SEK\n  post: "Kassa"',
            "post 'Kassa' is not a statement line",
        ),
        (
            '2020-01-01 open Intäkter:Övrigt:Ny SEK\n  post: "Fordringar"',
            "post 'Fordringar' does not take Income accounts",
        ),
        (
            "2020-01-01 open Tillgångar:Fordringar:Ny SEK\n  likvida-medel: TRUE",
            "likvida-medel applies only to kortfristiga placeringar",
        ),
        (
            '2020-01-01 open Tillgångar:Kortfristiga-placeringar:Ny SEK\n  likvida-medel: "ja"',
            "metadata 'likvida-medel' is 'ja', not TRUE or FALSE",
        ),
    ],
)
def test_placement_errors(ledger: Callable[[str], Path], open_line: str, message: str) -> None:
    path = ledger(CHART + open_line + "\n" + TRANSACTIONS)
    books, errors = load(path)
    assert books is None
    lines = path.read_text(encoding="utf-8").splitlines()
    lineno = lines.index(open_line.splitlines()[0]) + 1
    matching = [e for e in errors if message in e.message]
    assert matching, [e.message for e in errors]
    assert {e.source["lineno"] for e in matching} == {lineno}


@ledger_doc(base=CHART + TRANSACTIONS)
def test_post_metadata_places_an_account_outside_the_tree(books: Books) -> None:
    """
    2020-01-01 open Tillgångar:Övrigt:Plusgiro SEK
      post: "Kassa och bank"
    2021-11-01 * "Överföring"
      Tillgångar:Övrigt:Plusgiro  1000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    assert values(balansrakning(books, Y2021), "Kassa och bank") == [144750, 110000]


@ledger_doc(base=CHART + TRANSACTIONS, expect_errors=True)
def test_opening_balance_after_the_first_transaction_is_an_error(
    books: Books | None, errors: list[Any], path: Path
) -> None:
    """
    2021-06-01 * "Ingående balans, felaktigt mitt i året"
      Tillgångar:Kassa-och-bank:Bank  500.00 SEK
      Eget-kapital:Ingående-balanser
    """
    assert books is None
    lineno = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index('2021-06-01 * "Ingående balans, felaktigt mitt i året"')
        + 1
    )
    [error] = [e for e in errors if "must come before the books' first transaction" in e.message]
    assert error.source["lineno"] == lineno


@ledger_doc(expect_errors=True)
def test_opening_balance_with_income_is_an_error(books: Books | None, errors: list[Any]) -> None:
    """
    2020-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
    2020-01-01 open Eget-kapital:Ingående-balanser SEK
    2020-01-01 open Intäkter:Medlemsbidrag:Staten SEK
      part: "staten"
    2020-01-01 open Intäkter:Finansiella:Ränteintäkter SEK

    2020-01-01 * "Ingående balans"
      Tillgångar:Kassa-och-bank:Bank           100000.00 SEK
      Intäkter:Finansiella:Ränteintäkter          -10.00 SEK
      Eget-kapital:Ingående-balanser

    2020-03-02 * "Försäkringskassan" "Medlemsbidrag 2020"
      Tillgångar:Kassa-och-bank:Bank  40000.00 SEK
      Intäkter:Medlemsbidrag:Staten
    """
    assert books is None
    assert any("holds balances only, no income or cost" in e.message for e in errors)


@ledger_doc(base=CHART + TRANSACTIONS, expect_errors=True)
def test_opening_balance_in_two_steps_is_a_cash_flow_error_at_its_line(
    books: Books | None, errors: list[Any], path: Path
) -> None:
    """
    ; Both steps precede the first transaction, but the second falls inside 2020:
    ; no kassaflöde of 2020 explains its 500 kr in likvida medel.
    2020-02-01 * "Ingående balans, rättelse"
      Tillgångar:Kassa-och-bank:Bank  500.00 SEK
      Eget-kapital:Ingående-balanser
    """
    assert books is None
    [error] = [e for e in errors if "kassaflödesanalys" in e.message]
    # Named by the year it breaks (the 2021 report compares with 2020, so it fails too).
    assert "kassaflödesanalys 2020:" in error.message
    assert "differs from the change in likvida medel" in error.message
    lineno = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index('2020-02-01 * "Ingående balans, rättelse"')
    )
    assert error.source["lineno"] == lineno + 1


@ledger_doc(expect_errors=True)
def test_amount_in_another_currency_is_an_error(books: Books | None, errors: list[Any]) -> None:
    """
    ; Kansli is opened without a currency, so Beancount takes the EUR postings.
    2020-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
    2020-01-01 open Eget-kapital:Ingående-balanser SEK
    2020-01-01 open Kostnader:Administration:Kansli

    2020-01-01 * "Ingående balans"
      Tillgångar:Kassa-och-bank:Bank  100000.00 SEK
      Eget-kapital:Ingående-balanser

    2021-10-01 * "Kansli"
      Kostnader:Administration:Kansli  5000.00 SEK
      Tillgångar:Kassa-och-bank:Bank

    2021-11-02 * "Konferens"
      Kostnader:Administration:Kansli  100.00 EUR
      Kostnader:Administration:Kansli  -100.00 EUR
    """
    assert books is None
    assert any("amount in EUR; the books are kept in SEK" in e.message for e in errors)


@ledger_doc()
def test_sale_purchase_on_credit_and_direct_equity(books: Books) -> None:
    """
    ; A sale with a realisation gain, a purchase on credit, depreciation to an
    ; accumulated-depreciation account and a correction booked directly to eget
    ; kapital, 2021. Result 50 000 + 3 200 - 15 000 - 6 000 = 32 200.
    2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
    2021-01-01 open Tillgångar:Materiella-anläggningstillgångar:Inventarier SEK
    2021-01-01 open Tillgångar:Materiella-anläggningstillgångar:Ackumulerade-avskrivningar SEK
    2021-01-01 open Skulder:Kortfristiga:Leverantörsskulder SEK
    2021-01-01 open Eget-kapital:Ingående-balanser SEK
    2021-01-01 open Eget-kapital:Rättelser SEK
    2021-01-01 open Intäkter:Medlemsbidrag:Staten SEK
      part: "staten"
    2021-01-01 open Intäkter:Övriga:Realisationsvinster SEK
    2021-01-01 open Kostnader:Insatser:Enter SEK
      klass: "individinriktad"
    2021-01-01 open Kostnader:Avskrivningar:Inventarier SEK

    2021-01-01 * "Ingående balans"
      Tillgångar:Kassa-och-bank:Bank                                       100000.00 SEK
      Tillgångar:Materiella-anläggningstillgångar:Inventarier               24000.00 SEK
      Tillgångar:Materiella-anläggningstillgångar:Ackumulerade-avskrivningar -7200.00 SEK
      Skulder:Kortfristiga:Leverantörsskulder                              -10000.00 SEK
      Eget-kapital:Ingående-balanser

    2021-02-01 * "Försäkringskassan" "Medlemsbidrag"
      Tillgångar:Kassa-och-bank:Bank  50000.00 SEK
      Intäkter:Medlemsbidrag:Staten

    2021-03-01 * "Köparen AB" "Försäljning av inventarier, bokfört värde 16 800"
      Tillgångar:Kassa-och-bank:Bank                                          20000.00 SEK
      Tillgångar:Materiella-anläggningstillgångar:Inventarier                -24000.00 SEK
      Tillgångar:Materiella-anläggningstillgångar:Ackumulerade-avskrivningar   7200.00 SEK
      Intäkter:Övriga:Realisationsvinster                                     -3200.00 SEK

    2021-04-01 * "Leverantören AB" "Nya inventarier på faktura"
      Tillgångar:Materiella-anläggningstillgångar:Inventarier  30000.00 SEK
      Skulder:Kortfristiga:Leverantörsskulder

    2021-05-03 * "Leverantörsbetalning"
      Skulder:Kortfristiga:Leverantörsskulder  10000.00 SEK
      Tillgångar:Kassa-och-bank:Bank

    2021-06-01 * "Rättelse av fel i tidigare år: skuld som inte fanns"
      Skulder:Kortfristiga:Leverantörsskulder  2000.00 SEK
      Eget-kapital:Rättelser

    2021-09-01 * "Enter"
      Kostnader:Insatser:Enter  15000.00 SEK
      Tillgångar:Kassa-och-bank:Bank

    2021-12-31 * "Avskrivning inventarier"
      Kostnader:Avskrivningar:Inventarier  6000.00 SEK
      Tillgångar:Materiella-anläggningstillgångar:Ackumulerade-avskrivningar
    """
    kf = kassaflodesanalys(books, Y2021)
    assert values(kf, "Årets resultat") == [32200, None]
    assert values(kf, "Justering för av- och nedskrivningar") == [6000, None]
    assert values(kf, "Justering för realisationsvinster och -förluster") == [-3200, None]
    assert values(kf, "Justering för poster bokförda direkt mot eget kapital") == [2000, None]
    assert values(kf, "Medel från verksamheten före förändring av rörelsekapital") == [37000, None]
    # Leverantörsskulder 10 000 -> 28 000 (the purchase on credit shows gross).
    assert values(kf, "Ökning(+)/minskning(-) kortfristiga skulder") == [18000, None]
    assert values(kf, "Kassaflöde från den löpande verksamheten") == [55000, None]
    assert values(kf, "Investering i anläggningstillgångar") == [-30000, None]
    assert values(kf, "Försäljning av anläggningstillgångar") == [20000, None]
    assert values(kf, "Kassaflöde från investeringsverksamheten") == [-10000, None]
    assert values(kf, "Kassaflöde från finansieringsverksamheten") == [0, None]
    assert values(kf, "Årets kassaflöde") == [45000, None]
    assert values(kf, "Likvida medel vid årets slut") == [145000, None]
    br = balansrakning(books, Y2021)
    # Inventarier 30 000 less 6 000 accumulated depreciation.
    assert values(br, "Materiella anläggningstillgångar") == [24000, 16800]
    assert values(br, "Balanserat från föregående år") == [106800, 106800]
    assert values(br, "Årets resultat") == [32200, None]
    assert values(br, "Övriga förändringar av eget kapital") == [2000, None]
    assert values(br, "Summa eget kapital") == [141000, 106800]
    assert values(br, "Summa eget kapital, avsättningar och skulder") == [169000, 116800]


@ledger_doc(base=CHART + TRANSACTIONS)
def test_budget_counts_only_in_the_year_it_is_dated(books: Books) -> None:
    """
    ; Fava carries the 2021 budget into 2022; the reports do not.
    2022-02-01 * "Försäkringskassan"
      Tillgångar:Kassa-och-bank:Bank  40000.00 SEK
      Intäkter:Medlemsbidrag:Staten
    2022-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -45000.00 SEK
    """
    rr = resultatrakning(books, Period.year(2022))
    assert values(rr, "Verksamhetens intäkter") == [45000, 40000, 60000]
    assert values(rr, "Verksamhetens kostnader") == [None, 0, -85001]
    assert values(not3(books, Period.year(2022)), "Enter") == [0, 0, 80001]


def test_note_rows_follow_the_include_order(tmp_path: Path) -> None:
    """Accounts opened in a later-included file come after the chart's, whatever the names."""
    (tmp_path / "zz-kontoplan.beancount").write_text(
        HEADER.split("plugin")[0] + CHART, encoding="utf-8"
    )
    (tmp_path / "aa-2021.beancount").write_text(
        HEADER.split("plugin")[0]
        + '2020-01-01 open Kostnader:Insatser:Ny-insats SEK\n  klass: "strukturinriktad"\n'
        + TRANSACTIONS
        + '2021-11-01 * "Ny insats"\n  Kostnader:Insatser:Ny-insats  100.00 SEK\n'
        + "  Tillgångar:Kassa-och-bank:Bank\n",
        encoding="utf-8",
    )
    main_file = tmp_path / "main.beancount"
    main_file.write_text(
        HEADER + 'include "zz-kontoplan.beancount"\ninclude "aa-2021.beancount"\n', encoding="utf-8"
    )
    books, errors = load(main_file)
    assert books is not None, [e.message for e in errors]
    labels = [row.label for row in not3(books, Y2021).rows if row.kind == "line"]
    assert labels == ["Enter", "Ny insats", "Kansli"]


@ledger_doc(base=CHART + TRANSACTIONS)
def test_revised_budget_is_the_aktuell_budget(books: Books) -> None:
    """
    2021-09-01 custom "budget" Kostnader:Insatser:Enter "yearly" 90000.00 SEK
    """
    assert values(not3(books, Y2021), "Enter") == [90000, 80001, 35000]


@pytest.mark.parametrize(
    ("plugin", "directives", "label"),
    [
        ("", "", "(riktvärde högst 15 %)"),
        (
            'plugin "finsam_ledger.plugins.eget_kapital"\n',
            '2020-01-01 custom "eget-kapital-riktvarde" 20\n'
            '2022-01-01 custom "eget-kapital-riktvarde" 30\n',
            "(riktvärde högst 20 %)",
        ),
        (
            "",
            '2021-12-31 custom "eget-kapital-riktvarde" 12.5\n',
            "(riktvärde högst 12.5 %)",
        ),
    ],
)
def test_oversikt_reads_the_riktvarde_from_the_directive(
    ledger: Callable[..., Path], plugin: str, directives: str, label: str
) -> None:
    """With or without the plugin: the year's latest directive, else 15."""
    books, errors = load(ledger(CHART + TRANSACTIONS + directives, header=HEADER + plugin))
    assert books is not None, [e.message for e in errors]
    [row] = [r for r in oversikt(books, Y2021).rows if r.label.startswith("Eget kapital i %")]
    assert row.label == f"Eget kapital i % av medlemsbidrag {label}"
    assert printed(row.values[0], "%") == 107  # 63 949.25 of 60 000 in medlemsbidrag


@ledger_doc(base=CHART + TRANSACTIONS)
def test_oversikt_takes_years_before_the_books_from_nyckeltal(books: Books) -> None:
    """
    ; The books hold 2020 and 2021; the overview's other three years are nyckeltal.
    2015-12-31 custom "nyckeltal" "intakter" 1000000.00 SEK
    2017-12-31 custom "nyckeltal" "intakter" 6137000.00 SEK
    2018-12-31 custom "nyckeltal" "kostnader" 6774400.00 SEK
    2019-12-31 custom "nyckeltal" "intakter" 7018000.00 SEK
    2019-12-31 custom "nyckeltal" "kostnader" 8152000.00 SEK
    2019-12-31 custom "nyckeltal" "arets-resultat" -1134000.00 SEK
    2019-12-31 custom "nyckeltal" "soliditet" 32
    2019-12-31 custom "nyckeltal" "anstallda" 2
    2019-12-31 custom "nyckeltal" "eget-kapital" 989413.00 SEK
    2019-12-31 custom "nyckeltal" "medlemsbidrag" 7000000.00 SEK
    """
    table = oversikt(books, Period.year(2021))
    assert table.columns == ("2021", "2020", "2019", "2018", "2017")  # five; 2015 left out

    def shown(label: str) -> list[int | None]:
        row = next(r for r in table.rows if r.label.startswith(label))
        return [printed(v, table.unit_of(row)) for v in row.values]

    assert shown("Verksamhetens intäkter")[2:] == [7018, None, 6137]
    assert shown("Verksamhetens kostnader")[2:] == [8152, 6774, None]
    assert shown("Årets resultat")[2:] == [-1134, None, None]
    assert shown("Soliditet (%)")[2:] == [32, None, None]
    assert shown("Antal anställda")[2:] == [2, None, None]
    assert shown("Eget kapital i % av medlemsbidrag")[2:] == [14, None, None]
    assert shown("Individinriktade insatser")[2:] == [None, None, None]
    # The 2020 overview: 2020 from the books, then 2019, 2018, 2017 and 2015.
    assert oversikt(books, Period.year(2020)).columns == ("2020", "2019", "2018", "2017", "2015")


NY_VERKSAMHET = "Ny verksamhet (% av kostnaderna)"


def split(table: Table) -> dict[str, list[int | None]]:
    """The overview's cost split rows, as printed, in their order."""
    return {
        row.label: [printed(v, "%") for v in row.values]
        for row in table.rows
        if row.label.endswith("(% av kostnaderna)")
    }


@ledger_doc()
def test_ny_verksamhet_is_a_fourth_class(books: Books) -> None:
    """
    ; 2021: costs 100 000 = Enter 60 000 (individ), Samverkan 20 000 (struktur),
    ; Kansli 15 000 (administration), Tillgängligt nya projekt 5 000 (ny verksamhet).
    2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
    2021-01-01 open Eget-kapital:Ingående-balanser SEK
    2021-01-01 open Intäkter:Medlemsbidrag:Staten SEK
      part: "staten"
    2021-01-01 open Kostnader:Insatser:Enter SEK
      klass: "individinriktad"
    2021-01-01 open Kostnader:Insatser:Samverkan SEK
      klass: "strukturinriktad"
    2021-01-01 open Kostnader:Insatser:Tillgängligt-nya-projekt SEK
      klass: "ny-verksamhet"
    2021-01-01 open Kostnader:Administration:Kansli SEK

    2021-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -140000.00 SEK
    2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 70000.00 SEK
    2021-01-01 custom "budget" Kostnader:Insatser:Samverkan "yearly" 20000.00 SEK
    2021-01-01 custom "budget" Kostnader:Insatser:Tillgängligt-nya-projekt "yearly" 30000.00 SEK
    2021-01-01 custom "budget" Kostnader:Administration:Kansli "yearly" 20000.00 SEK

    2021-01-01 * "Ingående balans"
      Tillgångar:Kassa-och-bank:Bank  50000.00 SEK
      Eget-kapital:Ingående-balanser

    2021-02-01 * "Försäkringskassan" "Medlemsbidrag"
      Tillgångar:Kassa-och-bank:Bank  140000.00 SEK
      Intäkter:Medlemsbidrag:Staten

    2021-06-01 * "Enter"
      Kostnader:Insatser:Enter  60000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-06-01 * "Samverkansdag"
      Kostnader:Insatser:Samverkan  20000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-09-01 * "Förstudie, ur budget för nya projekt"
      Kostnader:Insatser:Tillgängligt-nya-projekt  5000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    2021-12-01 * "Kansli"
      Kostnader:Administration:Kansli  15000.00 SEK
      Tillgångar:Kassa-och-bank:Bank
    """
    n3 = not3(books, Y2021)
    assert [row.label for row in n3.rows] == [
        "Individ- och strukturinriktade insatser",
        "Enter",
        "Samverkan",
        "Tillgängligt nya projekt",
        "Summa Individ- och strukturinriktade insatser",
        "Administration",
        "Kansli",
        "Summa Administration",
        "Totalt",
    ]
    assert values(n3, "Tillgängligt nya projekt")[:2] == [30000, 5000]
    assert values(n3, "Totalt")[:2] == [140000, 100000]
    # 60 + 20 + 15 + 5 = 100 % of the costs.
    assert split(oversikt(books, Y2021)) == {
        "Individinriktade insatser (% av kostnaderna)": [60],
        "Strukturinriktade insatser (% av kostnaderna)": [20],
        "Administration (% av kostnaderna)": [15],
        NY_VERKSAMHET: [5],
    }
    # The driftsredovisning's insats rows: budget 30 000, utfall 5 000, avvikelse 25 000.
    dr = driftsredovisning(books, Y2021)
    assert values(dr, "Tillgängligt nya projekt")[:3] == [5000, 30000, 25000]


@ledger_doc(base=CHART + TRANSACTIONS)
def test_ny_verksamhet_budget_alone_shows_its_row(books: Books) -> None:
    """
    2021-01-01 open Kostnader:Insatser:Framtida-projekt SEK
      klass: "ny-verksamhet"
    2021-01-01 custom "budget" Kostnader:Insatser:Framtida-projekt "yearly" 10000.00 SEK
    """
    # Budgeted, nothing spent: 0 % of the costs of 2021 (85 001) and of 2020 (35 000).
    assert split(oversikt(books, Y2021))[NY_VERKSAMHET] == [0, 0]
    assert values(not3(books, Y2021), "Framtida projekt") == [10000, 0, 0]


def test_no_ny_verksamhet_no_row(books: Books) -> None:
    assert list(split(oversikt(books, Y2021))) == [
        "Individinriktade insatser (% av kostnaderna)",
        "Strukturinriktade insatser (% av kostnaderna)",
        "Administration (% av kostnaderna)",
    ]


# A fasträntekonto: 50 000 at the start of 2021, 120 000 moved in from the bank,
# 1 000 interest. Result 200 000 + 1 000 - 150 000 = 51 000; at year end the bank
# holds 100 000 + 200 000 - 120 000 - 150 000 = 30 000 and the deposit 171 000.
PLACERING = """
2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
2021-01-01 open Eget-kapital:Ingående-balanser SEK
2021-01-01 open Intäkter:Medlemsbidrag:Staten SEK
  part: "staten"
2021-01-01 open Intäkter:Finansiella:Ränteintäkter SEK
2021-01-01 open Kostnader:Insatser:Enter SEK
  klass: "individinriktad"

2021-01-01 * "Ingående balans"
  Tillgångar:Kassa-och-bank:Bank                         100000.00 SEK
  Tillgångar:Kortfristiga-placeringar:Fasträntekonto      50000.00 SEK
  Eget-kapital:Ingående-balanser

2021-02-01 * "Försäkringskassan" "Medlemsbidrag"
  Tillgångar:Kassa-och-bank:Bank  200000.00 SEK
  Intäkter:Medlemsbidrag:Staten

2021-03-01 * "Banken" "Insättning på fasträntekonto"
  Tillgångar:Kortfristiga-placeringar:Fasträntekonto  120000.00 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-06-01 * "Enter"
  Kostnader:Insatser:Enter  150000.00 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-12-31 * "Banken" "Ränta fasträntekonto"
  Tillgångar:Kortfristiga-placeringar:Fasträntekonto  1000.00 SEK
  Intäkter:Finansiella:Ränteintäkter
"""


def rows_of(table: Table) -> list[str]:
    return [row.label for row in table.rows]


@ledger_doc(base=PLACERING)
def test_placering_is_not_likvida_medel_by_default(books: Books) -> None:
    """
    2021-01-01 open Tillgångar:Kortfristiga-placeringar:Fasträntekonto SEK
    """
    kf = kassaflodesanalys(books, Y2021)
    assert values(kf, "Årets resultat") == [51000, None]
    # The deposit grew 50 000 -> 171 000: a flow of the löpande verksamhet.
    assert values(kf, "Ökning(-)/minskning(+) kortfristiga placeringar") == [-121000, None]
    assert values(kf, "Kassaflöde från den löpande verksamheten") == [-70000, None]
    assert values(kf, "Kassaflöde från investeringsverksamheten") == [0, None]
    assert values(kf, "Årets kassaflöde") == [-70000, None]
    assert values(kf, "Likvida medel vid årets början") == [100000, None]
    assert values(kf, "Likvida medel vid årets slut") == [30000, None]
    assert kassaflode_fel(books, Y2021) is None
    br = balansrakning(books, Y2021)
    assert values(br, "Kortfristiga placeringar") == [171000, 50000]
    assert values(br, "Kassa och bank") == [30000, 100000]
    assert values(driftsredovisning(books, Y2021), "Likvida medel")[0] == 30000


@ledger_doc(base=PLACERING)
def test_placering_classified_as_likvida_medel(books: Books) -> None:
    """
    ; Due within three months (RKR R13): likvida medel.
    2021-01-01 open Tillgångar:Kortfristiga-placeringar:Fasträntekonto SEK
      likvida-medel: TRUE
    """
    kf = kassaflodesanalys(books, Y2021)
    assert values(kf, "Årets resultat") == [51000, None]
    # Moving money between the bank and the deposit is no flow.
    assert "Ökning(-)/minskning(+) kortfristiga placeringar" not in rows_of(kf)
    assert values(kf, "Kassaflöde från den löpande verksamheten") == [51000, None]
    assert values(kf, "Kassaflöde från investeringsverksamheten") == [0, None]
    assert values(kf, "Årets kassaflöde") == [51000, None]
    # Bank 100 000 + deposit 50 000; bank 30 000 + deposit 171 000.
    assert values(kf, "Likvida medel vid årets början") == [150000, None]
    assert values(kf, "Likvida medel vid årets slut") == [201000, None]
    assert kassaflode_fel(books, Y2021) is None
    # The balansräkning still shows it as a placement.
    br = balansrakning(books, Y2021)
    assert values(br, "Kortfristiga placeringar") == [171000, 50000]
    assert values(br, "Kassa och bank") == [30000, 100000]
    assert values(driftsredovisning(books, Y2021), "Likvida medel")[0] == 201000


# 2021: medlemsbidrag 100 000 + 100 000; other income: Försäljning 25 000 (not
# budgeted), Övrigt 4 000.50 (budget 10 000). Costs: Enter 110 000 (budget
# 120 000, beviljat 150 000), Samverkan 35 000 (budget 30 000); Kansli 30 000
# and a salary 20 000 booked under it for the Samverkan post (so Kansli refers
# to Not 6), budget 40 000; Revision 9 000 (budget 10 000). Nothing in 2020.
GRUPPER = """
2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
2021-01-01 open Intäkter:Medlemsbidrag:Staten SEK
  part: "staten"
2021-01-01 open Intäkter:Medlemsbidrag:Kommunen SEK
  part: "kommun"
2021-01-01 open Intäkter:Försäljning SEK
2021-01-01 open Intäkter:Övrigt SEK
2021-01-01 open Kostnader:Insatser:Enter SEK
  klass: "individinriktad"
2021-01-01 open Kostnader:Insatser:Samverkan SEK
  klass: "strukturinriktad"
2021-01-01 open Kostnader:Administration:Kansli SEK
2021-01-01 open Kostnader:Administration:Kansli:Lön SEK
  budgetpost: "Samverkan"
2021-01-01 open Kostnader:Administration:Revision SEK

2021-01-01 custom "budget" Intäkter:Medlemsbidrag:Staten "yearly" -100000.00 SEK
2021-01-01 custom "budget" Intäkter:Medlemsbidrag:Kommunen "yearly" -100000.00 SEK
2021-01-01 custom "budget" Intäkter:Övrigt "yearly" -10000.00 SEK
2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 120000.00 SEK
2021-01-01 custom "budget" Kostnader:Insatser:Samverkan "yearly" 30000.00 SEK
2021-01-01 custom "budget" Kostnader:Administration:Kansli "yearly" 40000.00 SEK
2021-01-01 custom "budget" Kostnader:Administration:Revision "yearly" 10000.00 SEK
2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 150000.00 SEK

2021-02-01 * "Medlemsbidrag"
  Tillgångar:Kassa-och-bank:Bank  229000.50 SEK
  Intäkter:Medlemsbidrag:Staten  -100000.00 SEK
  Intäkter:Medlemsbidrag:Kommunen  -100000.00 SEK
  Intäkter:Försäljning  -25000.00 SEK
  Intäkter:Övrigt  -4000.50 SEK
2021-06-01 * "Kostnader"
  Kostnader:Insatser:Enter  110000.00 SEK
  Kostnader:Insatser:Samverkan  35000.00 SEK
  Kostnader:Administration:Kansli  30000.00 SEK
  Kostnader:Administration:Kansli:Lön  20000.00 SEK
  Kostnader:Administration:Revision  9000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
"""


@pytest.fixture
def grupper(books_of: Callable[[str], Books]) -> Books:
    return books_of(GRUPPER)


def test_not2_groups_and_budget(grupper: Books) -> None:
    books = grupper
    n2 = not2(books, Y2021)
    assert n2.columns == ("Budget 2021", "2021", "2020")
    assert [(row.label, row.kind) for row in n2.rows] == [
        ("Staten", "line"),
        ("Kommunen", "line"),
        ("Medlemsbidrag", "sum"),
        ("Försäljning", "line"),
        ("Övrigt", "line"),
        ("Övriga intäkter", "sum"),
        ("Summa", "sum"),
    ]
    assert values(n2, "Staten") == [100000, 100000, None]
    assert values(n2, "Medlemsbidrag") == [200000, 200000, None]
    # Försäljning has no budget: blank, and left out of the group's budget.
    assert values(n2, "Försäljning") == [None, 25000, None]
    assert values(n2, "Övrigt") == [10000, 4001, None]
    # 25 000 + 4 000.50 = 29 000.50, rounded once.
    assert values(n2, "Övriga intäkter") == [10000, 29001, None]
    assert values(n2, "Summa") == [210000, 229001, None]
    assert n2.row("Medlemsbidrag").accounts == (
        "Intäkter:Medlemsbidrag:Staten",
        "Intäkter:Medlemsbidrag:Kommunen",
    )


def test_not3_group_sums(grupper: Books) -> None:
    books = grupper
    n3 = not3(books, Y2021)
    assert [(row.label, row.kind) for row in n3.rows] == [
        ("Individ- och strukturinriktade insatser", "heading"),
        ("Enter", "line"),
        ("Samverkan", "line"),
        ("Summa Individ- och strukturinriktade insatser", "sum"),
        ("Administration", "heading"),
        ("Kansli", "line"),
        ("Revision", "line"),
        ("Summa Administration", "sum"),
        ("Totalt", "sum"),
    ]
    assert values(n3, "Summa Individ- och strukturinriktade insatser") == [150000, 145000, None]
    assert values(n3, "Kansli") == [40000, 50000, None]
    assert values(n3, "Summa Administration") == [50000, 59000, None]
    # Totalt sums the lines, not the group sums as well.
    assert values(n3, "Totalt") == [200000, 204000, None]


def test_driftsredovisning_group_sums(grupper: Books) -> None:
    books = grupper
    dr = driftsredovisning(books, Y2021)
    labels = [row.label for row in dr.rows]
    assert labels[labels.index("Enter") :] == [
        "Enter",
        "Samverkan",
        "Summa Individ- och strukturinriktade insatser",
        "Administration",
        "Kansli",
        "Revision",
        "Summa Administration",
    ]
    # Utfall, budget, avvikelse (budget - utfall), 2020, beviljat (Enter's only).
    assert values(dr, "Summa Individ- och strukturinriktade insatser") == [
        145000,
        150000,
        5000,
        None,
        150000,
    ]
    # Kansli is netted in Not 6: the group's avvikelse is left blank as Kansli's is.
    assert values(dr, "Kansli")[2] is None
    assert values(dr, "Summa Administration") == [59000, 50000, None, None, None]
    assert dr.row("Summa Administration").kind == "sum"


def test_cost_split_one_decimal_and_budget(grupper: Books) -> None:
    """Utfall 204 000: individ Enter 110 000 = 53.92 %; struktur Samverkan 35 000 and
    the salary 20 000 under Kansli for the Samverkan post = 26.96 %; administration
    Kansli 30 000 and Revision 9 000 = 19.12 %. Budget 200 000: 60 / 15 / 25 %."""
    table = oversikt(grupper, Y2021)
    assert table.columns == ("2021",)

    def shown(label: str) -> list[str]:
        row = table.row(label)
        assert row.decimals == 1 and row.unit == "%"
        return [number_text(v) for v in printed_table(table).rows[table.rows.index(row)].values]

    assert shown("Individinriktade insatser (% av kostnaderna)") == ["53,9"]
    assert shown("Strukturinriktade insatser (% av kostnaderna)") == ["27,0"]
    assert shown("Administration (% av kostnaderna)") == ["19,1"]
    assert table.row("Administration (% av kostnaderna)").values[0] == D(39000) / 204000 * 100
    budget = "budget (% av budgeterade kostnader)"
    assert shown(f"Individinriktade insatser, {budget}") == ["60,0"]
    assert shown(f"Strukturinriktade insatser, {budget}") == ["15,0"]
    assert shown(f"Administration, {budget}") == ["25,0"]
    # No ny verksamhet in the books: neither of its rows.
    assert not any(row.label.startswith("Ny verksamhet") for row in table.rows)


def test_no_cost_budget_no_budget_split(books_of: Callable[[str], Books]) -> None:
    """The books of 2020 and 2021 budget Enter for 2021 only: the 2020 column is blank."""
    table = oversikt(books_of(CHART + TRANSACTIONS), Y2021)
    assert table.columns == ("2021", "2020")
    budget = "budget (% av budgeterade kostnader)"
    assert [printed(v, "%") for v in table.row(f"Individinriktade insatser, {budget}").values] == [
        100,
        None,
    ]
    table_2020 = oversikt(books_of(CHART + TRANSACTIONS), Period.year(2020))
    assert not any(budget in row.label for row in table_2020.rows)

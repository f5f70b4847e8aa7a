"""The auditor's listings on a two-year ledger: every figure computed by hand.

2020: ingående balans bank 100 000 = eget kapital; medlemsbidrag 60 000 in,
Enter 45 000 paid: result 15 000. 2021: bank 115 000 and the result of 2020
carried; Kommunen invoices 20 000,50 (a fordran), Enter 12 500 paid, the
fordran paid: bank 122 500,50, result 7 500,50.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from finsam_ledger.exports import listor as listor_export
from finsam_ledger.model.books import Books
from finsam_ledger.revision.listor import (
    TIDIGARE_RESULTAT,
    Rad,
    huvudbok,
    saldobalans,
    verifikationslista,
)

from inline import ledger_doc

LEDGER = """
2020-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
  konto: "1930"
2020-01-01 open Tillgångar:Fordringar:Kundfordringar SEK
  konto: "1510"
2020-01-01 open Eget-kapital:Ingående-balanser SEK
  konto: "2010"
2020-01-01 open Intäkter:Medlemsbidrag:Kommunen SEK
  part: "kommun"
  konto: "3510"
2020-01-01 open Kostnader:Insatser:Enter SEK
  klass: "individinriktad"
  konto: "4540"

2020-01-01 * "Ingående balans 2020"
  Tillgångar:Kassa-och-bank:Bank  100000.00 SEK
  Eget-kapital:Ingående-balanser
2020-02-01 * "Kommunen" "Medlemsbidrag 2020"
  ver: "A 1"
  Tillgångar:Kassa-och-bank:Bank  60000.00 SEK
  Intäkter:Medlemsbidrag:Kommunen
2020-05-01 * "Enter" "Faktura"
  ver: "A 2"
  Kostnader:Insatser:Enter  45000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2021-01-10 * "Kommunen" "Faktura medlemsbidrag 2021"
  ver: "A 1"
  Tillgångar:Fordringar:Kundfordringar  20000.50 SEK
  Intäkter:Medlemsbidrag:Kommunen
2021-03-01 * "Enter" "Faktura – kvartal 1"
  ver: "A 2"
  Kostnader:Insatser:Enter  12500.00 SEK
  Tillgångar:Kassa-och-bank:Bank
2021-03-15 * "Kommunen" "Inbetalning"
  ver: "A 3"
  Tillgångar:Kassa-och-bank:Bank  20000.50 SEK
  Tillgångar:Fordringar:Kundfordringar
"""

D = Decimal


def cells(rad: Rad) -> tuple[object, ...]:
    return rad.celler


@ledger_doc(base=LEDGER)
def test_saldobalans(books: Books) -> None:
    """
    ; the ledger above
    """
    sb = saldobalans(books, 2021)
    assert [k.rubrik for k in sb.kolumner] == [
        "Konto",
        "Ingående balans",
        "Debet",
        "Kredit",
        "Utgående balans",
    ]
    # In account-number order, as the SIE file lists them.
    assert [cells(r) for r in sb.rader] == [
        ("1510 Tillgångar:Fordringar:Kundfordringar", D(0), D("20000.50"), D("20000.50"), D(0)),
        # 100 000 + 60 000 - 45 000 = 115 000; - 12 500 + 20 000,50
        (
            "1930 Tillgångar:Kassa-och-bank:Bank",
            D("115000.00"),
            D("20000.50"),
            D("12500.00"),
            D("122500.50"),
        ),
        # 100 000 and the 2020 result, 15 000 (a surplus: credit), as the SIE file's #IB
        ("2010 Eget-kapital:Ingående-balanser", D("-115000.00"), D(0), D(0), D("-115000.00")),
        # a result account opens the year at zero
        ("3510 Intäkter:Medlemsbidrag:Kommunen", D(0), D(0), D("20000.50"), D("-20000.50")),
        ("4540 Kostnader:Insatser:Enter", D(0), D("12500.00"), D(0), D("12500.00")),
        ("Summa", D(0), D("52501.00"), D("52501.00"), D(0)),
    ]
    assert sb.rader[-1].slag == "summa"


@ledger_doc(base=LEDGER)
def test_huvudbok(books: Books) -> None:
    """
    ; the ledger above
    """
    hb = huvudbok(books, 2021)
    start = next(i for i, r in enumerate(hb.rader) if str(r.celler[2]).startswith("1930 "))
    bank = [cells(r) for r in hb.rader[start : start + 5]]
    assert bank == [
        (None, "", "1930 Tillgångar:Kassa-och-bank:Bank", None, None),
        (datetime.date(2021, 1, 1), "", "Ingående balans", None, D("115000.00")),
        (
            datetime.date(2021, 3, 1),
            "A 2",
            "Enter: Faktura – kvartal 1",
            D("-12500.00"),
            D("102500.00"),
        ),
        (datetime.date(2021, 3, 15), "A 3", "Kommunen: Inbetalning", D("20000.50"), D("122500.50")),
        (datetime.date(2021, 12, 31), "", "Utgående balans", None, D("122500.50")),
    ]
    # Every account of the saldobalans, each closing at its utgående balans there.
    closing: dict[object, object] = {}
    account: object = None
    for rad in hb.rader:
        if rad.slag == "rubrik":
            account = rad.celler[2]
        elif rad.slag == "summa":
            closing[account] = rad.celler[4]
    saldo = {r.celler[0]: r.celler[4] for r in saldobalans(books, 2021).rader}
    assert closing == {k: v for k, v in saldo.items() if k not in (TIDIGARE_RESULTAT, "Summa")}
    enter = [cells(r) for r in hb.rader if r.celler[1] == "A 2"]
    assert enter == [
        (
            datetime.date(2021, 3, 1),
            "A 2",
            "Enter: Faktura – kvartal 1",
            D("-12500.00"),
            D("102500.00"),
        ),
        (
            datetime.date(2021, 3, 1),
            "A 2",
            "Enter: Faktura – kvartal 1",
            D("12500.00"),
            D("12500.00"),
        ),
    ]


@ledger_doc(base=LEDGER)
def test_verifikationslista(books: Books) -> None:
    """
    ; the ledger above
    """
    vl = verifikationslista(books, 2021)
    assert [cells(r) for r in vl.rader] == [
        ("A 1", datetime.date(2021, 1, 10), "Kommunen: Faktura medlemsbidrag 2021", None, None),
        ("", None, "1510 Tillgångar:Fordringar:Kundfordringar", D("20000.50"), None),
        ("", None, "3510 Intäkter:Medlemsbidrag:Kommunen", None, D("20000.50")),
        ("A 2", datetime.date(2021, 3, 1), "Enter: Faktura – kvartal 1", None, None),
        ("", None, "4540 Kostnader:Insatser:Enter", D("12500.00"), None),
        ("", None, "1930 Tillgångar:Kassa-och-bank:Bank", None, D("12500.00")),
        ("A 3", datetime.date(2021, 3, 15), "Kommunen: Inbetalning", None, None),
        ("", None, "1930 Tillgångar:Kassa-och-bank:Bank", D("20000.50"), None),
        ("", None, "1510 Tillgångar:Fordringar:Kundfordringar", None, D("20000.50")),
        ("", None, "Summa", D("52501.00"), D("52501.00")),
    ]
    # The ingående balans of 2020 is no voucher of 2020.
    assert [r.celler[0] for r in verifikationslista(books, 2020).rader if r.slag == "rubrik"] == [
        "A 1",
        "A 2",
    ]


@ledger_doc(base=LEDGER)
def test_printed_as_kronor_and_ore(books: Books) -> None:
    """
    ; the ledger above
    """
    page = listor_export.html(saldobalans(books, 2021), "Testförbundet")
    assert "<h1>Testförbundet: Saldobalans 2021</h1>" in page
    assert '<td class="num">122\u00a0500,50</td>' in page
    assert '<td class="num">\u2212115\u00a0000,00</td>' in page
    workbook = listor_export.xlsx(saldobalans(books, 2021), "Testförbundet")
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(workbook)).active
    assert ws is not None
    assert ws["A1"].value == "Testförbundet: Saldobalans 2021"
    assert [c.value for c in ws[3]] == [
        "Konto",
        "Ingående balans",
        "Debet",
        "Kredit",
        "Utgående balans",
    ]
    assert ws["E5"].value == 122500.5
    assert ws["E4"].number_format == "#,##0.00"
    assert ws["A9"].value == "Summa"
    assert ws["C9"].value == ws["D9"].value == 52501

"""Which note rows are printed, and detail rows under an insats (issue 10 §4).

Rows of an account open during the report's period are printed even when
zero in every column (layout A's "Framtida projekt 0 0 0 0"), unless the
ledger says ``custom "rapportinstallning" "nollrader" "dolj"``; an account
closed before the period (or opened after it) that is zero everywhere is
not. ``delrader: TRUE`` on an insats's open line puts a detail row per
sub-account under its row, never counted in a sum. Figures hand-computed
from the docstring ledgers.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from finsam_ledger.exports import csv as csv_export
from finsam_ledger.exports import html as html_export
from finsam_ledger.exports import json as json_export
from finsam_ledger.exports import markdown as markdown_export
from finsam_ledger.exports import text as text_export
from finsam_ledger.exports import xlsx as xlsx_export
from finsam_ledger.exports.layout import printed_table
from finsam_ledger.model.books import Books
from finsam_ledger.model.errors import LedgerError
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Table, column_sums, printed
from finsam_ledger.statements.driftsredovisning import driftsredovisning
from finsam_ledger.statements.noter import not2, not3, not5

from inline import ledger_doc

D = Decimal
Y2020 = Period.year(2020)
Y2021 = Period.year(2021)

# Insatser open in 2021 with nothing booked or budgeted, one closed before 2021, one
# closed on its first day (Beancount allows postings on the close date: open in 2021),
# one opened after it; a suspense account and an income account that are empty.
NOLL = """
2020-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
2020-01-01 open Eget-kapital:Ingående-balanser SEK
2020-01-01 open Skulder:Kortfristiga:Leverantörsskulder SEK
2020-01-01 open Skulder:Kortfristiga:Oklara-poster SEK
2020-01-01 open Intäkter:Medlemsbidrag:Staten SEK
  part: "staten"
2020-01-01 open Intäkter:Försäljning SEK
2020-01-01 open Kostnader:Insatser:Enter SEK
  klass: "individinriktad"
2020-01-01 open Kostnader:Insatser:Framtida-projekt SEK
  klass: "ny-verksamhet"
2020-01-01 open Kostnader:Insatser:Avslutad SEK
  klass: "strukturinriktad"
2020-12-31 close Kostnader:Insatser:Avslutad
2020-01-01 open Kostnader:Insatser:Stängd-nyårsdagen SEK
  klass: "strukturinriktad"
2021-01-01 close Kostnader:Insatser:Stängd-nyårsdagen
2022-01-01 open Kostnader:Insatser:Nästa-år SEK
  klass: "individinriktad"
2020-01-01 open Kostnader:Administration:Styrelse SEK

2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 15000.00 SEK

2020-03-02 * "Försäkringskassan" "Medlemsbidrag 2020"
  Tillgångar:Kassa-och-bank:Bank  30000.00 SEK
  Intäkter:Medlemsbidrag:Staten

2020-06-01 * "Styrelsen" "Arvode"
  Kostnader:Administration:Styrelse  800.00 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-03-01 * "Försäkringskassan" "Medlemsbidrag 2021"
  Tillgångar:Kassa-och-bank:Bank  40000.00 SEK
  Intäkter:Medlemsbidrag:Staten

2021-12-31 * "Enter" "Faktura"
  Kostnader:Insatser:Enter  12000.00 SEK
  Skulder:Kortfristiga:Leverantörsskulder
"""


def values(table: Table, label: str) -> list[int | None]:
    return [printed(value) for value in table.row(label).values]


def labels(table: Table) -> list[str]:
    return [row.label for row in table.rows]


@ledger_doc(base=NOLL)
def test_open_accounts_print_zero_rows(books: Books) -> None:
    """
    ; The ledger above as it stands: zero rows are printed (the default, "visa").
    """
    assert books.direktiv.installning("nollrader", Y2021.last_day) == "visa"
    n3 = not3(books, Y2021)
    assert labels(n3) == [
        "Individ- och strukturinriktade insatser",
        "Enter",
        "Framtida projekt",
        "Stängd nyårsdagen",
        "Summa Individ- och strukturinriktade insatser",
        "Administration",
        "Styrelse",
        "Summa Administration",
        "Totalt",
    ]
    # 2021 has a budget, so an insats without one of its own is budgeted 0.
    assert values(n3, "Framtida projekt") == [0, 0, 0]
    assert values(n3, "Stängd nyårsdagen") == [0, 0, 0]
    assert values(n3, "Enter") == [15000, 12000, 0]
    assert values(n3, "Styrelse") == [0, 0, 800]  # zero in 2021, not in 2020
    assert values(n3, "Totalt") == [15000, 12000, 800]

    drift = driftsredovisning(books, Y2021)
    # Utfall, budget, avvikelse, 2020, beviljat: layout A's "Framtida projekt 0 0 0 0".
    assert values(drift, "Framtida projekt") == [0, 0, 0, 0, None]
    assert "Avslutad" not in labels(drift)
    assert "Nästa år" not in labels(drift)
    assert values(drift, "Summa Individ- och strukturinriktade insatser") == [
        12000,
        15000,
        3000,
        0,
        None,
    ]

    n2 = not2(books, Y2021)
    assert labels(n2) == ["Staten", "Medlemsbidrag", "Försäljning", "Övriga intäkter", "Summa"]
    assert values(n2, "Försäljning") == [None, 0, 0]
    assert values(n2, "Övriga intäkter") == [None, 0, 0]
    assert values(n2, "Summa") == [None, 40000, 30000]

    n5 = not5(books, Y2021)
    assert labels(n5) == ["Leverantörsskulder", "Oklara poster", "Summa"]
    assert values(n5, "Oklara poster") == [0, 0]
    assert values(n5, "Summa") == [12000, 0]


@ledger_doc(base=NOLL)
def test_an_account_closed_on_the_last_day_of_a_year_is_open_in_that_year(books: Books) -> None:
    """
    ; The ledger above: Avslutad is closed on 2020-12-31, Nästa år opened in 2022.
    """
    n3 = not3(books, Y2020)
    assert "Avslutad" in labels(n3)
    assert values(n3, "Avslutad") == [None, 0, None]  # no budget in 2020, no books in 2019
    assert "Nästa år" not in labels(n3)
    assert "Nästa år" in labels(not3(books, Period.year(2022)))


@ledger_doc(base=NOLL)
def test_the_ledger_may_hide_zero_rows(books: Books) -> None:
    """
    2021-01-01 custom "rapportinstallning" "nollrader" "dolj"
    """
    n3 = not3(books, Y2021)
    assert labels(n3) == [
        "Individ- och strukturinriktade insatser",
        "Enter",
        "Summa Individ- och strukturinriktade insatser",
        "Administration",
        "Styrelse",  # not zero: 800 in 2020
        "Summa Administration",
        "Totalt",
    ]
    drift = driftsredovisning(books, Y2021)
    assert "Framtida projekt" not in labels(drift)
    assert labels(not2(books, Y2021)) == ["Staten", "Medlemsbidrag", "Summa"]
    assert labels(not5(books, Y2021)) == ["Leverantörsskulder", "Summa"]
    # The setting holds from its date: a report of 2020 still prints the zero rows.
    assert "Avslutad" in labels(not3(books, Y2020))


# Arbetsträning is paid per kommun, on sub-accounts; the board's budget is on the
# insats (60 000) and Storstad's part has one of its own (30 000). Storstad has a
# sub-account of its own, Mellanby a label and nothing booked. Försäljning is split
# by buyer the same way.
DELRADER = """
2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
2021-01-01 open Eget-kapital:Ingående-balanser SEK
2021-01-01 open Intäkter:Medlemsbidrag:Staten SEK
  part: "staten"
2021-01-01 open Intäkter:Försäljning SEK
  delrader: TRUE
2021-01-01 open Intäkter:Försäljning:Grannförbundet SEK
2021-01-01 open Intäkter:Försäljning:Regionen SEK
2021-01-01 open Kostnader:Insatser:Arbetsträning SEK
  klass: "individinriktad"
  delrader: TRUE
2021-01-01 open Kostnader:Insatser:Arbetsträning:Storstad SEK
2021-01-01 open Kostnader:Insatser:Arbetsträning:Storstad:Handledning SEK
2021-01-01 open Kostnader:Insatser:Arbetsträning:Småby-kommun SEK
2021-01-01 open Kostnader:Insatser:Arbetsträning:Mellanby SEK
  delrad: "Mellanby kommun"
2021-01-01 open Kostnader:Insatser:Samverkan SEK
  klass: "strukturinriktad"
2021-01-01 open Kostnader:Administration:Kansli SEK

2021-01-01 custom "budget" Kostnader:Insatser:Arbetsträning "yearly" 60000.00 SEK
2021-01-01 custom "budget" Kostnader:Insatser:Arbetsträning:Storstad "yearly" 30000.00 SEK
2021-01-01 custom "beviljat" Kostnader:Insatser:Arbetsträning 100000.00 SEK

2021-02-01 * "Försäkringskassan" "Medlemsbidrag 2021"
  Tillgångar:Kassa-och-bank:Bank  100000.00 SEK
  Intäkter:Medlemsbidrag:Staten

2021-03-15 * "Storstad" "Arbetsträning"
  Kostnader:Insatser:Arbetsträning:Storstad  25000.40 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-04-15 * "Storstad" "Handledning"
  Kostnader:Insatser:Arbetsträning:Storstad:Handledning  4999.85 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-05-15 * "Småby kommun" "Arbetsträning"
  Kostnader:Insatser:Arbetsträning:Småby-kommun  12500.30 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-06-15 * "Samverkan"
  Kostnader:Insatser:Samverkan  8000.00 SEK
  Tillgångar:Kassa-och-bank:Bank

2021-09-01 * "Grannförbundet" "Förbundschefens tid"
  Tillgångar:Kassa-och-bank:Bank  3000.00 SEK
  Intäkter:Försäljning:Grannförbundet

2021-12-31 * "Kansli"
  Kostnader:Administration:Kansli  2000.00 SEK
  Tillgångar:Kassa-och-bank:Bank
"""


@ledger_doc(base=DELRADER)
def test_detail_rows_under_an_insats(books: Books) -> None:
    """
    ; The ledger above as it stands.
    """
    n3 = not3(books, Y2021)
    kinds = [(row.label, row.kind) for row in n3.rows]
    assert kinds[:7] == [
        ("Individ- och strukturinriktade insatser", "heading"),
        ("Arbetsträning", "line"),
        ("Storstad", "detail"),  # the sub-account's name; its own sub-account is in it
        ("Småby kommun", "detail"),  # hyphens as spaces
        ("Mellanby kommun", "detail"),  # its delrad; open, nothing booked: a zero row
        ("Samverkan", "line"),
        ("Summa Individ- och strukturinriktade insatser", "sum"),
    ]
    # 25 000,40 + 4 999,85 + 12 500,30 = 42 500,55; budget 60 000 + 30 000.
    assert n3.row("Arbetsträning").values == (D("90000.00"), D("42500.55"), None)
    # A detail row shows a budget only where the sub-account has its own.
    assert n3.row("Storstad").values == (D("30000.00"), D("30000.25"), None)
    assert n3.row("Småby kommun").values == (None, D("12500.30"), None)
    assert n3.row("Mellanby kommun").values == (None, D("0"), None)
    assert n3.row("Storstad").accounts == (
        "Kostnader:Insatser:Arbetsträning:Storstad",
        "Kostnader:Insatser:Arbetsträning:Storstad:Handledning",
    )
    assert n3.row("Storstad").note is None
    # Sums count the insats once: 42 500,55 + 8 000 (+ Kansli 2 000).
    summa = n3.row("Summa Individ- och strukturinriktade insatser")
    assert summa.values == (D("90000.00"), D("50500.55"), None)
    assert n3.row("Totalt").values == (D("90000.00"), D("52500.55"), None)
    assert [printed(v) for v in n3.row("Totalt").values] == [90000, 52501, None]

    drift = driftsredovisning(books, Y2021)
    # Utfall, budget, avvikelse, 2020, beviljat.
    assert drift.row("Arbetsträning").values == (
        D("42500.55"),
        D("90000.00"),
        D("47499.45"),
        None,
        D("100000.00"),
    )
    assert drift.row("Storstad").kind == "detail"
    assert drift.row("Storstad").values == (D("30000.25"), D("30000.00"), D("-0.25"), None, None)
    assert drift.row("Småby kommun").values == (D("12500.30"), None, None, None, None)
    assert drift.row("Summa Individ- och strukturinriktade insatser").values == (
        D("50500.55"),
        D("90000.00"),
        D("39499.45"),
        None,
        D("100000.00"),
    )

    n2 = not2(books, Y2021)
    assert [(row.label, row.kind) for row in n2.rows] == [
        ("Staten", "line"),
        ("Medlemsbidrag", "sum"),
        ("Försäljning", "line"),
        ("Grannförbundet", "detail"),
        ("Regionen", "detail"),  # open, nothing booked
        ("Övriga intäkter", "sum"),
        ("Summa", "sum"),
    ]
    assert n2.row("Grannförbundet").values == (None, D("3000.00"), None)
    assert n2.row("Övriga intäkter").values == (None, D("3000.00"), None)
    assert n2.row("Summa").values == (None, D("103000.00"), None)


@ledger_doc(base=DELRADER)
def test_zero_detail_rows_follow_the_setting(books: Books) -> None:
    """
    2021-01-01 custom "rapportinstallning" "nollrader" "dolj"
    """
    n3 = not3(books, Y2021)
    assert [row.label for row in n3.rows if row.kind == "detail"] == ["Storstad", "Småby kommun"]
    n2 = not2(books, Y2021)
    assert [row.label for row in n2.rows if row.kind == "detail"] == ["Grannförbundet"]


def test_column_sums_leave_detail_rows_out() -> None:
    from finsam_ledger.model.table import Row

    rows = [
        Row("Insats", (D(10), D(4))),
        Row("Kommun", (D(6), None), kind="detail"),
        Row("Annan", (D(1), D(1))),
    ]
    assert column_sums(rows, 2) == (D(11), D(5))


@ledger_doc(base=DELRADER)
def test_detail_rows_in_every_format(books: Books) -> None:
    """
    ; The ledger above as it stands.
    """
    table = printed_table(not3(books, Y2021))
    text = text_export.render_table(table).splitlines()
    assert text[3:7] == [
        "Arbetsträning                                       90 000  42 501",
        "  Storstad                                          30 000  30 000",
        "  Småby kommun                                              12 500",
        "  Mellanby kommun                                                0",
    ]

    rows: list[dict[str, Any]] = json.loads(json.dumps(json_export.table_data(table)))["rows"]
    assert rows[2] == {"label": "Storstad", "values": [30000, 30000, None], "kind": "detail"}
    assert "kind" not in rows[1]

    csv_lines = csv_export.table_csv(table).splitlines()
    assert csv_lines[3] == "Storstad;;30000;30000;;delrad"
    assert csv_lines[4] == "Småby kommun;;;12500;;delrad"

    html = html_export.table_html(table)
    assert '<tr class="detail"><th scope="row" class="label">Storstad</th>' in html
    markdown = markdown_export.table_markdown(table)
    assert "| &emsp;Storstad | 30 000 | 30 000 |  |" in markdown.splitlines()

    workbook = load_workbook(io.BytesIO(xlsx_export.render([not3(books, Y2021)])))
    sheet = workbook.worksheets[0]
    cells = {sheet.cell(r, 1).value: sheet.cell(r, 1) for r in range(1, sheet.max_row + 1)}
    assert cells["Storstad"].alignment.indent == 1
    assert cells["Arbetsträning"].alignment.indent == 0


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            '2021-01-01 open Kostnader:Insatser:Ny SEK\n  klass: "individinriktad"\n'
            '  delrader: "ja"',
            "metadata 'delrader' is 'ja', not TRUE or FALSE",
        ),
        (
            "2021-01-01 open Tillgångar:Kassa-och-bank:Kassa SEK\n  delrader: TRUE",
            "delrader applies only to accounts with note rows",
        ),
        (
            '2021-01-01 open Kostnader:Insatser:Ny SEK\n  klass: "individinriktad"\n  delrad: "Ny"',
            "delrad labels a detail row: it belongs on a sub-account",
        ),
    ],
)
@ledger_doc(expect_errors=True)
def test_wrong_delrader_is_an_error_at_the_open_line(
    errors: list[LedgerError], path: Path, lines: str, message: str
) -> None:
    """
    2021-01-01 open Tillgångar:Kassa-och-bank:Bank SEK
    $lines
    """
    [error] = errors
    assert error.message.startswith("kontoplan: ")
    assert message in error.message
    open_line = lines.splitlines()[0]
    lineno = path.read_text(encoding="utf-8").splitlines().index(open_line) + 1
    assert error.source is not None and error.source["lineno"] == lineno

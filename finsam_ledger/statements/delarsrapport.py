"""Delårsrapport (LKBR 13 kap., RKR R17): the period from 1 January, with a helårsprognos.

Tables: the resultaträkning with the year's budget, the period's utfall, the
helårsprognos and the same period a year earlier; the balansräkning at the
period end and at the previous year end; the driftsredovisning per insats
and post with budget, utfall, prognos and grant; the forecast
balanskravsutredning. Where an account has no forecast of its own, the
tables say which figure stands in for it (budget, or utfall so far).
With ``periodisera`` the medlemsbidrag are periodised pro rata
(:mod:`finsam_ledger.rules.periodisering`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Literal

from finsam_ledger.figures.budget import budget, budget_or_zero
from finsam_ledger.figures.saldo import eget_kapital_vid
from finsam_ledger.figures.utfall import arets_resultat, utfall
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.money import HUNDRED, ZERO
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Value, add, column_sums, heading
from finsam_ledger.rules import prognos
from finsam_ledger.rules.periodisering import periodisera as periodisera_books
from finsam_ledger.statements import balansrakning as br
from finsam_ledger.statements import driftsredovisning as d
from finsam_ledger.statements import resultatrakning as rr
from finsam_ledger.statements.balanskravsutredning import prognos_tabell
from finsam_ledger.statements.driftsredovisning import NETTO_NOTE
from finsam_ledger.statements.noter import NOT6, grupprader, intaktsrader, notrader, rader

KALLA_TEXT = {
    prognos.BUDGET: "Prognos enligt budget (ingen prognos angiven)",
    prognos.UTFALL: "Prognos enligt utfallet hittills (varken prognos eller budget)",
}


class Kallor:
    """Collects which accounts are forecast at budget or utfall, for the footnotes."""

    def __init__(self, books: Books, period: Period) -> None:
        self.books = books
        self.period = period
        self.accounts: dict[str, set[str]] = {}

    def add(self, forecast: prognos.Summa) -> Decimal:
        for kalla, accounts in forecast.kallor.items():
            self.accounts.setdefault(kalla, set()).update(accounts)
        return forecast.amount

    def notes(self) -> tuple[str, ...]:
        return tuple(text for text, _accounts in self.fotnoter())

    def fotnoter(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The footnotes, each with the accounts it names (a table's ``note_accounts``)."""
        out = []
        for kalla, text in KALLA_TEXT.items():
            # An account forecast at an utfall of nothing has nothing to state.
            accounts = [
                a
                for a in self.accounts.get(kalla, ())
                if kalla != prognos.UTFALL or self.books.change(a, self.period)
            ]
            if accounts:
                out.append((f"{text}: {self._labels(accounts)}", tuple(sorted(accounts))))
        # A forecast below what is booked already says the rest of the year reverses it.
        below = [
            a
            for a in self.accounts.get(prognos.PROGNOS, ())
            if abs(prognos.konto(self.books, a, self.period).amount)
            < abs(self.books.change(a, self.period))
        ]
        if below:
            text = f"Prognosen är lägre än utfallet hittills: {self._labels(below)}"
            out.append((text, tuple(sorted(below))))
        return tuple(out)

    def _labels(self, accounts: Iterable[str]) -> str:
        placements = [self.books.chart.placements[a] for a in accounts]
        labels = dict.fromkeys(p.notrad for p in sorted(placements, key=lambda p: p.order))
        return ", ".join(labels)


Jamforelse = Literal["helar", "period", "ingen"]
JAMFORELSE: tuple[Jamforelse, ...] = ("helar", "period", "ingen")


@dataclass(frozen=True)
class Kolumn:
    """A column of the income and cost tables: heading, figure for accounts and sign, period.

    ``delrad`` is the figure of a sub-account's detail row and ``post`` that
    of a resultaträkning line, where they differ from ``figur`` (a budget:
    zero for an insats row without one, blank for the others).
    """

    rubrik: str
    figur: Figur
    period: Period | None = None
    delrad: Figur | None = None
    post: Figur | None = None


Figur = Callable[[list[str], int], Value]
"""A figure of accounts, signed (1 costs, -1 income) as printed."""


def delarsrapport(
    books: Books,
    period: Period,
    periodisera: bool = False,
    jamforelse: Jamforelse | None = None,
) -> dict[str, Table]:
    """The tables of a delårsrapport for a period starting 1 January.

    ``jamforelse`` chooses the comparison column: the previous full year
    (``"helar"``, layout A, first), the same period of the previous year
    (``"period"``, last) or none (``"ingen"``, layout B); by default the
    ledger's setting ``delarsrapport-jamforelse``, else the full year.
    """
    year = period.start.year
    helar = Period.year(year)
    if jamforelse is None:
        setting = books.direktiv.installning("delarsrapport-jamforelse", period.last_day)
        jamforelse = next((j for j in JAMFORELSE if j == setting), "helar")
    jamfor = Period.year(year - 1) if jamforelse == "helar" else period.previous()
    notes: list[str] = []
    if periodisera:
        # The periods shown: this one, and the same period a year earlier if compared.
        shown = [period, period.previous()] if jamforelse == "period" else [period]
        books, notes = periodisera_books(books, shown)
    last = books.last_day()
    if last is not None and (last.year, last.month) < (
        period.last_day.year,
        period.last_day.month,
    ):
        # The books stop in an earlier month than the period: the header says more than
        # they hold, so the tables say so (a last booking on 28 June is the usual case).
        notes.insert(
            0,
            f"Preliminärt: senast bokförda dag är {last}, perioden slutar {period.last_day}; "
            f"det som hör till tiden efter {last} är inte bokfört.",
        )
    kallor = Kallor(books, period)

    def forecast(accounts: Iterable[str]) -> Decimal:
        return kallor.add(prognos.summa(books, accounts, period))

    def own_forecast(accounts: Iterable[str]) -> Decimal | None:
        # Blank for accounts whose forecast is all in an ancestor's (a detail row's).
        found = prognos.summa(books, accounts, period)
        return None if set(found.kallor) == {prognos.INGAR} else kallor.add(found)

    def budget_for(accounts: list[str], sign: int) -> Value:
        return budget(books, accounts, helar, sign)

    kolumner = [
        Kolumn(
            f"Budget {year}",
            lambda accounts, sign: _budget(books, accounts, helar, sign),
            delrad=budget_for,
            post=budget_for,
        ),
        Kolumn(
            f"Utfall {period.label}",
            lambda accounts, sign: utfall(books, accounts, period, sign),
            period,
        ),
        Kolumn(
            f"Prognos {year}",
            lambda accounts, sign: sign * forecast(accounts),
            delrad=lambda accounts, sign: _times(sign, own_forecast(accounts)),
        ),
    ]
    tidigare = Kolumn(
        f"Utfall {jamfor.label}",
        lambda accounts, sign: utfall(books, accounts, jamfor, sign),
        jamfor,
    )
    if jamforelse == "helar":
        kolumner = [tidigare, *kolumner]
    elif jamforelse == "period":
        kolumner = [*kolumner, tidigare]
    columns: list[rr.Column] = [(k.rubrik, _post_figur(books, k)) for k in kolumner]
    en_tabell = books.direktiv.installning("delarsrapport-detalj", period.last_day) == "en-tabell"
    resultat = rr.table(
        books,
        columns,
        "resultatrakning",
        "Resultaträkning",
        tuple(k.period for k in kolumner),
    )
    if en_tabell:  # no Not 2 or Not 3 to refer to
        resultat = _utan_notreferenser(resultat)
    drift = d.tabell(
        books,
        period,
        (
            d.budget_kolumn(books, f"Budget {year}", helar),
            d.Kolumn(
                f"Utfall {period.label}",
                lambda accounts, sign, _insats: sign * books.sum_change(accounts, period),
                period,
            ),
            d.Kolumn(
                f"Prognos {year}",
                lambda accounts, sign, insats: (
                    sign * forecast(accounts) if insats else _times(sign, own_forecast(accounts))
                ),
            ),
            d.Avvikelse("Avvikelse budget – prognos", figur=2, budget=0),
            d.beviljat_kolumn(books, year),
        ),
        "Driftsredovisning med helårsprognos",
    )
    prognos_resultat = -forecast(books.chart.of_type(c.INCOME, c.EXPENSES))
    fotnoter = kallor.fotnoter()
    footnotes = (*notes, *(text for text, _accounts in fotnoter))
    # In the order of tabeller.DELARSRAPPORT.
    tables: dict[str, Table] = {"resultatrakning": _with_notes(resultat, footnotes, fotnoter)}
    if en_tabell:
        tables["detalj"] = _with_notes(detalj(books, period, kolumner), footnotes, fotnoter)
    else:
        tables["not2"] = _with_notes(not2(books, period, kolumner), footnotes, fotnoter)
        tables["not3"] = _with_notes(_utan_not6(not3(books, period, kolumner)), footnotes, fotnoter)
    balans = br.table(books, (period, Period.year(year - 1)), fordringsrader=True)
    tables["balansrakning"] = _with_notes(_utan_notreferenser(balans), tuple(notes))
    drift = _utan_not6(drift)
    tables["driftsredovisning"] = _with_notes(drift, footnotes + drift.notes, fotnoter)
    tables["eget_kapital"] = eget_kapital(books, period, prognos_resultat)
    prognos_br = balansrakning_prognos(books, period, prognos_resultat)
    if prognos_br is not None:
        tables["balansrakning_prognos"] = prognos_br
    tables["balanskrav"] = prognos_tabell(books, year, prognos_resultat)
    return tables


def _budget(books: Books, accounts: list[str], period: Period, sign: int) -> Value:
    """The year's budget: blank for income without one, zero for a cost row without one."""
    return (budget_or_zero if sign > 0 else budget)(books, accounts, period, sign)


def _times(sign: int, value: Value) -> Value:
    return None if value is None else sign * value


def _post_figur(books: Books, kolumn: Kolumn) -> Callable[[c.Post], Value]:
    """A column's figure for a resultaträkning line (intäkter positive, kostnader negative)."""
    figur_of = kolumn.post or kolumn.figur

    def figur(post: c.Post) -> Value:
        accounts = books.chart.accounts(post)
        if c.INCOME in post.types:  # extraordinära poster too: net, as income
            return figur_of(accounts, -1)
        return _times(-1, figur_of(accounts, 1))

    return figur


def _rows(
    kolumner: Sequence[Kolumn], sign: int, delrad: bool = False
) -> Callable[[str, list[str], int | None], Row]:
    def row(label: str, accounts: list[str], note: int | None) -> Row:
        figurer = [(k.delrad or k.figur) if delrad else k.figur for k in kolumner]
        values = tuple(figur(accounts, sign) for figur in figurer)
        return Row(label, values, note=note, accounts=tuple(accounts))

    return row


def _summa(label: str, rows: Sequence[Row], width: int) -> Row:
    lines = [row for row in rows if row.kind == "line"]
    return Row(label, column_sums(lines, width), kind="sum")


def _intakter(
    books: Books, period: Period, kolumner: Sequence[Kolumn], posts: Sequence[c.Post]
) -> list[Row]:
    return intaktsrader(
        books, period, _rows(kolumner, -1), posts, delrad=_rows(kolumner, -1, delrad=True)
    )


def _kostnader(books: Books, period: Period, kolumner: Sequence[Kolumn], alla: bool) -> list[Row]:
    """Not 3's groups; with ``alla`` also avskrivningar and finansiella kostnader, row by row."""
    row = _rows(kolumner, 1)
    rows = grupprader(books, period, row, delrad=_rows(kolumner, 1, delrad=True))
    if alla:
        for post in (c.AVSKRIVNINGAR, c.FINANSIELLA_KOSTNADER):
            placements = [p for p in books.chart.ordered() if p.post == post]
            items = [(label, accounts, None) for label, accounts in notrader(placements).items()]
            rows += rader(books, period, items, row)
    return rows


def _columns(kolumner: Sequence[Kolumn]) -> dict[str, Any]:
    return {
        "columns": tuple(k.rubrik for k in kolumner),
        "periods": tuple(k.period for k in kolumner),
    }


def not2(books: Books, period: Period, kolumner: Sequence[Kolumn]) -> Table:
    """Not 2 of a delårsrapport: verksamhetens intäkter per member and other income."""
    rows = _intakter(books, period, kolumner, (c.VERKSAMHETENS_INTAKTER,))
    rows.append(_summa("Summa", rows, len(kolumner)))
    return Table("not2", "Not 2 Verksamhetens intäkter", rows=tuple(rows), **_columns(kolumner))


def not3(books: Books, period: Period, kolumner: Sequence[Kolumn]) -> Table:
    """Not 3 of a delårsrapport: verksamhetens kostnader per insats and administration post."""
    rows = _kostnader(books, period, kolumner, alla=False)
    rows.append(_summa("Totalt", rows, len(kolumner)))
    return Table("not3", "Not 3 Verksamhetens kostnader", rows=tuple(rows), **_columns(kolumner))


def detalj(books: Books, period: Period, kolumner: Sequence[Kolumn]) -> Table:
    """Income and costs in one table (layout A): every row, the sums and the result.

    Income: the members one by one (Medlemsbidrag), then the other income,
    finansiella intäkter included (Övriga intäkter), Summa intäkter; costs:
    Not 3's groups, then avskrivningar and finansiella kostnader, Summa
    kostnader; Årets resultat.
    """
    width = len(kolumner)
    intakter = _intakter(
        books, period, kolumner, (c.VERKSAMHETENS_INTAKTER, c.FINANSIELLA_INTAKTER)
    )
    summa_intakter = _summa("Summa intäkter", intakter, width)
    kostnader = _kostnader(books, period, kolumner, alla=True)
    summa_kostnader = _summa("Summa kostnader", kostnader, width)
    resultat = tuple(
        None if i is None or k is None else i - k
        for i, k in zip(summa_intakter.values, summa_kostnader.values, strict=True)
    )
    rows = (
        heading("Intäkter", width),
        *intakter,
        summa_intakter,
        heading("Kostnader", width),
        *kostnader,
        summa_kostnader,
        Row("Årets resultat", resultat, kind="sum"),
    )
    return Table("detalj", "Intäkter och kostnader", rows=rows, **_columns(kolumner))


def eget_kapital(books: Books, period: Period, prognos_resultat: Decimal) -> Table:
    """Eget kapital at the year end, by the budget and by the forecast.

    Eget kapital at the start of the year, the year's result (budgeted:
    budgeted income less costs; forecast: the helårsprognos) and their sum,
    then the riktvärde in kronor (its share of the year's medlemsbidrag).
    """
    year = period.start.year
    start = eget_kapital_vid(books, datetime.date(year, 1, 1))
    helar = Period.year(year)
    budgeterat = budget(books, books.chart.of_type(c.INCOME, c.EXPENSES), helar)
    budget_resultat = None if budgeterat is None else -budgeterat
    medlemmar = [p.account for p in books.chart.ordered() if p.part is not None]
    andel = books.direktiv.riktvarde(year)
    bidrag_budget = budget(books, medlemmar, helar, -1)
    bidrag_prognos = -prognos.summa(books, medlemmar, period).amount
    rows = (
        Row("Eget kapital vid årets början", (start, start)),
        Row("Årets resultat", (budget_resultat, prognos_resultat)),
        Row(
            f"Eget kapital {year}-12-31",
            (add(start, budget_resultat), start + prognos_resultat),
            kind="sum",
        ),
        Row(
            f"Riktvärde eget kapital (högst {andel.normalize():f} % av medlemsbidragen)",
            (
                None if bidrag_budget is None else bidrag_budget * andel / HUNDRED,
                bidrag_prognos * andel / HUNDRED,
            ),
        ),
    )
    return Table(
        "eget_kapital",
        f"Eget kapital {year}-12-31, prognos",
        (f"Budget {year}", f"Prognos {year}"),
        rows,
    )


def balansrakning_prognos(books: Books, period: Period, prognos_resultat: Decimal) -> Table | None:
    """The balansräkning at 31 December as forecast, where the ledger gives the forecasts.

    Printed when the ledger has a ``prognos`` for a balance-sheet account in
    the year (dated on or before the period's end): each such account at its
    forecast balance (Beancount's sign: a skuld negative), every other
    account at its balance at the period end, eget kapital at the start of
    the year plus the forecast result, and Kassa och bank what balances the
    sheet.
    """
    year = period.start.year
    balans = books.chart.of_type(c.ASSETS, c.LIABILITIES)
    forecasts = {
        p.account: p.amount
        for p in sorted(books.direktiv.prognoser, key=lambda p: p.date)
        if p.account in balans and p.date.year == year and p.date <= period.last_day
    }
    if not forecasts:
        return None
    kassa = books.chart.accounts(c.KASSA_OCH_BANK)

    def konto(account: str) -> Decimal:
        return forecasts.get(account, books.balance(account, period.end))

    ek_start = eget_kapital_vid(books, datetime.date(year, 1, 1))
    ek_period = eget_kapital_vid(books, period.end)
    ovrigt = ek_period - ek_start - arets_resultat(books, period)
    ek_slut = ek_start + prognos_resultat + ovrigt
    skulder = -sum((konto(a) for a in books.chart.of_type(c.LIABILITIES)), ZERO)
    andra = sum((konto(a) for a in books.chart.of_type(c.ASSETS) if a not in kassa), ZERO)
    kassa_prognos = ek_slut + skulder - andra

    def saldo(accounts: Sequence[str]) -> Decimal:
        if list(accounts) == kassa:
            return kassa_prognos
        return sum((konto(a) for a in accounts), ZERO)

    kolumn = br.Kolumn(
        f"Prognos {year}-12-31",
        saldo,
        (ek_start, prognos_resultat, ovrigt, ek_slut),
    )
    table = _utan_notreferenser(
        br.table(
            books,
            (),
            kolumner=(br.vid(books, period), kolumn),
            fordringsrader=True,
            key="balansrakning_prognos",
            title=f"Balansräkning {year}-12-31, prognos",
        )
    )
    note = (
        "Prognos: kassa och bank är det som återstår när eget kapital (ingående plus "
        "prognostiserat resultat) och skulderna minskas med de andra tillgångarnas prognos; "
        "konton utan prognos står kvar med saldot vid periodens slut."
    )
    return _with_notes(table, (note,))


NETTO_DELAR = (
    "Poster med budgetpost har nettobudget men redovisas brutto; avvikelsen mot budget "
    "anges därför inte för dem (årsredovisningens not 6 visar den netto)."
)


def _utan_not6(table: Table) -> Table:
    """The table without references to Not 6, which a delårsrapport does not have.

    The rows netted there keep their blank avvikelse; the footnote says why
    in words of the delårsrapport.
    """
    rows = tuple(replace(row, note=None) if row.note == NOT6 else row for row in table.rows)
    notes = tuple(NETTO_DELAR if note in NETTO_NOTE else note for note in table.notes)
    note_accounts = tuple(
        (NETTO_DELAR if note in NETTO_NOTE else note, accounts)
        for note, accounts in table.note_accounts
    )
    return replace(table, rows=rows, notes=notes, note_accounts=note_accounts)


def _utan_notreferenser(table: Table) -> Table:
    """The table without references to notes: a delårsrapport has no Not 4 or Not 5."""
    return replace(table, rows=tuple(replace(row, note=None) for row in table.rows))


def _with_notes(
    table: Table,
    notes: tuple[str, ...],
    note_accounts: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> Table:
    """The table with these footnotes; ``note_accounts`` name the accounts of some of them."""
    return replace(table, notes=notes, note_accounts=table.note_accounts + note_accounts)

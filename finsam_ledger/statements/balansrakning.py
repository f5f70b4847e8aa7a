"""Balansräkning (LKBR 6 kap.) at the end of the period and a year earlier.

Eget kapital is shown as a förbund prints it: Balanserat från föregående
år (last year's closing eget kapital), Årets resultat, and their sum Årets
balanserade resultat (closing eget kapital); postings made directly to eget
kapital during the year (a rättelse, say) show on their own line between.
Lines a förbund rarely has (anläggningstillgångar, förråd, placeringar,
avsättningar, långfristiga skulder) appear when not zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from finsam_ledger.figures.saldo import eget_kapital_vid
from finsam_ledger.figures.utfall import arets_resultat
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Value, column_sums, heading, is_blank
from finsam_ledger.statements.noter import notrader, rader


def balansrakning(books: Books, period: Period) -> Table:
    """The balansräkning at the end of the period and of the previous one."""
    return table(books, (period, period.previous()))


@dataclass(frozen=True)
class Kolumn:
    """A column of a balansräkning: its heading, balances and eget kapital.

    ``saldo`` gives the balance of accounts in Beancount's sign;
    ``eget_kapital`` the rows Balanserat från föregående år, Årets resultat,
    other changes and the closing eget kapital (blank where unknown);
    ``period`` the period of the books it shows, if any.
    """

    rubrik: str
    saldo: Callable[[Sequence[str]], Decimal]
    eget_kapital: tuple[Value, Value, Value, Value]
    period: Period | None = None


def vid(books: Books, period: Period) -> Kolumn:
    """The balances at the end of a period (årets resultat is the period's)."""
    end = eget_kapital_vid(books, period.end)
    ek: tuple[Value, Value, Value, Value]
    if books.has_transactions(period):
        start, r = eget_kapital_vid(books, period.start), arets_resultat(books, period)
        ek = (start, r, end - start - r, end)
    else:  # no books for the period: only its closing balance is known
        ek = (end, None, None, end)
    return Kolumn(
        period.last_day.isoformat(),
        lambda accounts: books.sum_balance(accounts, period.end),
        ek,
        period,
    )


def table(
    books: Books,
    periods: Sequence[Period],
    *,
    kolumner: Sequence[Kolumn] | None = None,
    fordringsrader: bool = False,
    key: str = "balansrakning",
    title: str = "Balansräkning",
) -> Table:
    """The balansräkning at the end of each period, or over ``kolumner``.

    ``fordringsrader`` shows the fordringar as the rows of Not 4
    (momsfordran on its own row) in place of one line.
    """
    columns = list(kolumner) if kolumner is not None else [vid(books, p) for p in periods]
    width = len(columns)

    def values(accounts: Sequence[str], sign: int) -> tuple[Value, ...]:
        return tuple(sign * k.saldo(accounts) for k in columns)

    def line(post: c.Post, optional: bool = False) -> Row | None:
        accounts = books.chart.accounts(post)
        found = values(accounts, 1 if c.ASSETS in post.types else -1)
        if optional and is_blank(found):
            return None
        return Row(post.name, found, note=post.note, accounts=tuple(accounts))

    def total(label: str, parts: Sequence[Row | None]) -> Row:
        present = [row for row in parts if row is not None and row.kind == "line"]
        present += [row for row in parts if row is not None and row.kind == "sum"]
        return Row(label, column_sums(present, width), kind="sum")

    def fordringar() -> list[Row | None]:
        if not fordringsrader:
            return [line(c.FORDRINGAR)]
        placements = [p for p in books.chart.ordered() if p.post == c.FORDRINGAR]
        items = [(label, accounts, None) for label, accounts in notrader(placements).items()]
        period = columns[0].period if columns else None
        rows: list[Row | None] = [
            *(
                rader(
                    books,
                    period,
                    items,
                    lambda label, accounts, _n: Row(
                        label, values(accounts, 1), accounts=tuple(accounts)
                    ),
                )
                if period is not None
                else []
            )
        ]
        return rows or [line(c.FORDRINGAR, optional=True)]

    anlaggning = [
        line(c.IMMATERIELLA, optional=True),
        line(c.MATERIELLA, optional=True),
        line(c.FINANSIELLA_AT, optional=True),
    ]
    omsattning = [
        line(c.FORRAD, optional=True),
        *fordringar(),
        line(c.KORTFRISTIGA_PLACERINGAR, optional=True),
        line(c.KASSA_OCH_BANK),
    ]
    summa_anlaggning = total("Summa anläggningstillgångar", anlaggning)
    summa_omsattning = total("Summa omsättningstillgångar", omsattning)
    has_anlaggning = any(row is not None for row in anlaggning)

    opening, result, other, closing = (tuple(k.eget_kapital[i] for k in columns) for i in range(4))
    ek_rows: list[Row | None] = [
        heading("Eget kapital", width),
        Row("Balanserat från föregående år", opening),
        Row("Årets resultat", result),
        None if is_blank(other) else Row("Övriga förändringar av eget kapital", other),
        Row(
            "Summa eget kapital",
            closing,
            kind="sum",
            accounts=tuple(books.chart.accounts(c.EGET_KAPITAL)),
        ),
    ]
    avsattningar = line(c.AVSATTNINGAR, optional=True)
    skulder = [line(c.LANGFRISTIGA_SKULDER, optional=True), line(c.KORTFRISTIGA_SKULDER)]
    summa_ek_skulder = total(
        "Summa eget kapital, avsättningar och skulder",
        [ek_rows[-1], avsattningar, *skulder],
    )

    rows: list[Row | None] = [heading("Tillgångar", width)]
    if has_anlaggning:
        rows += [heading("Anläggningstillgångar", width), *anlaggning, summa_anlaggning]
    rows += [heading("Omsättningstillgångar", width), *omsattning, summa_omsattning]
    rows.append(
        Row(
            "Summa tillgångar",
            column_sums([summa_anlaggning, summa_omsattning], width),
            kind="sum",
        )
    )
    rows += [heading("Eget kapital, avsättningar och skulder", width), *ek_rows]
    if avsattningar is not None:
        rows.append(avsattningar)
    rows += [heading("Skulder", width), *skulder, summa_ek_skulder]
    return Table(
        key=key,
        title=title,
        columns=tuple(k.rubrik for k in columns),
        rows=tuple(row for row in rows if row is not None),
        periods=tuple(k.period for k in columns),
    )

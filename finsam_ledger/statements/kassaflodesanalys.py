"""Kassaflödesanalys (LKBR 8 kap., RKR R13), indirect method.

Starts from årets resultat and adds back what did not move cash: the
avskrivningar and the realisation results of transactions on
anläggningstillgångar, the change in avsättningar, and postings directly to
eget kapital that moved no cash. Then the change in rörelsekapital (förråd,
kortfristiga fordringar, placeringar and skulder). Investeringsverksamheten
is, per transaction on an anläggningstillgång, what its asset and result
legs do not explain (a purchase for cash or on credit shows gross, with the
leverantörsskuld in rörelsekapitalet); finansieringsverksamheten is the
change in långfristiga skulder and the cash paid into or out of eget
kapital. Årets kassaflöde must equal the change in likvida medel (Kassa och
bank); if it does not, the report fails rather than print a wrong table.
"""

from __future__ import annotations

from decimal import Decimal

from finsam_ledger.figures.utfall import arets_resultat
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import (
    FLOW_AVSKRIVNING,
    FLOW_EK_KASSA,
    FLOW_EK_OVRIGT,
    FLOW_INVESTERING,
    FLOW_LAN,
    FLOW_REALISATION,
    Books,
)
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, heading, is_blank


class KassaflodeError(Exception):
    """Årets kassaflöde differs from the change in likvida medel."""


def _kolumn(books: Books, period: Period) -> dict[str, Decimal] | None:
    """All figures of one column, exact; ``None`` for a period without books."""
    if not books.has_transactions(period):
        return None

    def change(kf: str) -> Decimal:
        return -books.sum_change(books.chart.in_kassaflode(kf), period)

    likvida = books.chart.in_kassaflode(c.KF_LIKVIDA)
    f: dict[str, Decimal] = {
        "resultat": arets_resultat(books, period),
        "avskrivningar": books.change(FLOW_AVSKRIVNING, period),
        "realisation": books.change(FLOW_REALISATION, period),
        "avsattningar": change(c.KF_AVSATTNINGAR),
        "eget_kapital_justering": books.change(FLOW_EK_OVRIGT, period),
        "forrad": change(c.KF_FORRAD),
        "fordringar": change(c.KF_FORDRINGAR),
        "placeringar": change(c.KF_PLACERINGAR),
        "skulder": change(c.KF_SKULDER),
        "investering": books.credits(FLOW_INVESTERING, period),
        "forsaljning": books.debits(FLOW_INVESTERING, period),
        "nya_lan": books.debits(FLOW_LAN, period),
        "amortering": books.credits(FLOW_LAN, period),
        "eget_kapital": books.change(FLOW_EK_KASSA, period),
        "borjan": books.sum_balance(likvida, period.start),
        "slut": books.sum_balance(likvida, period.end),
    }
    f["fore_rorelsekapital"] = (
        f["resultat"]
        + f["avskrivningar"]
        + f["realisation"]
        + f["avsattningar"]
        + f["eget_kapital_justering"]
    )
    f["lopande"] = (
        f["fore_rorelsekapital"] + f["forrad"] + f["fordringar"] + f["placeringar"] + f["skulder"]
    )
    f["investeringsverksamhet"] = f["investering"] + f["forsaljning"]
    f["finansieringsverksamhet"] = f["nya_lan"] + f["amortering"] + f["eget_kapital"]
    f["kassaflode"] = f["lopande"] + f["investeringsverksamhet"] + f["finansieringsverksamhet"]
    if f["kassaflode"] != f["slut"] - f["borjan"]:
        raise KassaflodeError(
            f"kassaflödesanalys {period.label}: årets kassaflöde {f['kassaflode']} "
            f"differs from the change in likvida medel {f['slut'] - f['borjan']} "
            f"({f['borjan']} to {f['slut']}); an opening balance or a transaction "
            "inside the period is booked where the statements cannot follow it"
        )
    return f


# (key, label, kind, optional)
_LAYOUT: tuple[tuple[str | None, str, str, bool], ...] = (
    (None, "Den löpande verksamheten", "heading", False),
    ("resultat", "Årets resultat", "line", False),
    ("avskrivningar", "Justering för av- och nedskrivningar", "line", True),
    ("realisation", "Justering för realisationsvinster och -förluster", "line", True),
    ("avsattningar", "Justering för gjorda avsättningar", "line", True),
    (
        "eget_kapital_justering",
        "Justering för poster bokförda direkt mot eget kapital",
        "line",
        True,
    ),
    (
        "fore_rorelsekapital",
        "Medel från verksamheten före förändring av rörelsekapital",
        "sum",
        False,
    ),
    ("forrad", "Ökning(-)/minskning(+) förråd", "line", True),
    ("fordringar", "Ökning(-)/minskning(+) kortfristiga fordringar", "line", False),
    ("placeringar", "Ökning(-)/minskning(+) kortfristiga placeringar", "line", True),
    ("skulder", "Ökning(+)/minskning(-) kortfristiga skulder", "line", False),
    ("lopande", "Kassaflöde från den löpande verksamheten", "sum", False),
    (None, "Investeringsverksamheten", "heading", False),
    ("investering", "Investering i anläggningstillgångar", "line", True),
    ("forsaljning", "Försäljning av anläggningstillgångar", "line", True),
    ("investeringsverksamhet", "Kassaflöde från investeringsverksamheten", "sum", False),
    (None, "Finansieringsverksamheten", "heading", False),
    ("nya_lan", "Nyupptagna lån", "line", True),
    ("amortering", "Amortering av skuld", "line", True),
    ("eget_kapital", "Insättningar i och uttag ur eget kapital", "line", True),
    ("finansieringsverksamhet", "Kassaflöde från finansieringsverksamheten", "sum", False),
    ("kassaflode", "Årets kassaflöde", "sum", False),
    ("borjan", "Likvida medel vid årets början", "line", False),
    ("slut", "Likvida medel vid årets slut", "sum", False),
)


def kassaflodesanalys(books: Books, period: Period) -> Table:
    """The kassaflödesanalys for the period and the previous one."""
    periods = (period, period.previous())
    columns = [_kolumn(books, p) for p in periods]
    rows: list[Row] = []
    for key, label, kind, optional in _LAYOUT:
        if key is None:
            rows.append(heading(label, len(periods)))
            continue
        values = tuple(None if col is None else col[key] for col in columns)
        if optional and is_blank(values):
            continue
        rows.append(Row(label, values, kind="sum" if kind == "sum" else "line"))
    return Table(
        key="kassaflodesanalys",
        title="Kassaflödesanalys",
        columns=tuple(p.label for p in periods),
        rows=tuple(rows),
        periods=periods,
    )

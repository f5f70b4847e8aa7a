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
kapital. The figures are :func:`finsam_ledger.model.kassaflode.kolumn`'s.
Likvida medel are Kassa och bank and the kortfristiga placeringar the
förbund classifies as likvida medel (``likvida-medel: TRUE``, RKR R13:
due within three months); money moved between them is no flow. Another
placering is not likvida medel: its change is in rörelsekapitalet
(Ökning/minskning kortfristiga placeringar, den löpande verksamheten).
Årets kassaflöde equals the change in likvida medel: the
books are checked for it where they are built, and a ledger where it fails
has an error at a line (:func:`finsam_ledger.model.kassaflode.kassaflode_errors`),
so no report is made of it.
"""

from __future__ import annotations

from finsam_ledger.model.books import Books
from finsam_ledger.model.kassaflode import kolumn
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, heading, is_blank

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
    columns = [kolumn(books, p) for p in periods]
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

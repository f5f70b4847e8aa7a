"""The placeholders of the förbund's text: ``{{ arets_resultat }}`` and the rest, in one registry.

A text file of the document (:mod:`~finsam_ledger.dokument.texter`) may write
``{{ namn }}`` anywhere in a line; the document prints the value in its
place. Every value is read from the report's printed tables (rounded once,
as the table prints it, so the text always says what the table beside it
says) or, where the report has no table for it, from the books; amounts are
printed the Swedish way, ``436 242 kr`` (no-break spaces, a true minus
sign), percentages ``61 %``, counts ``150``.

Rows are found by their standard label through the ledger's own wording
(``custom "rubrik"``), so a renamed row is still found. A placeholder whose
table the report does not have (``{{ soliditet }}`` in a delårsrapport,
``{{ deltagare }}`` in a year without participants) has no value: an error at
its file and line, as an unknown placeholder is.

:data:`PLATSHALLARE` is the registry: name, what it prints, and the function
that reads it. ``docs`` print it; the tests check every entry on the example.

Name                               What it prints
---------------------------------  ----------------------------------------------------------
``forbund``                        the förbund: the ledger's ``title`` option
``ar``                             the year, ``2021``
``rapport``                        ``Årsredovisning 2021`` / ``Delårsrapport 2021-01-01–2021-06-30``
``period``                         the period, ``2021-01-01–2021-12-31``
``balansdag``                      the last day of the period, ``2021-12-31``
``verksamhetens_intakter``         Resultaträkning: Verksamhetens intäkter (utfall)
``verksamhetens_kostnader``        Resultaträkning: Verksamhetens kostnader (utfall, positive)
``arets_resultat``                 Resultaträkning: Årets resultat (utfall; delår: the period's)
``arets_resultat_foregaende_ar``   Årets resultat of the year before
``budgeterat_resultat``            Resultaträkning: Årets resultat in the budget column
``prognos_resultat``               delårsrapport: Årets resultat in the helårsprognos
``balanskravsresultat``            Balanskravsutredning: Balanskravsresultat (delår: prognos)
``medlemsbidrag``                  Not 2 (or the detail table): Medlemsbidrag (utfall)
``eget_kapital``                   Balansräkning: Summa eget kapital at the balance date
``summa_tillgangar``               Balansräkning: Summa tillgångar at the balance date
``kassa_och_bank``                 Balansräkning: Kassa och bank at the balance date
``soliditet``                      Översikt: Soliditet (%); delår: from the balansräkning
``eget_kapital_andel``             Översikt: Eget kapital i % av medlemsbidrag
``riktvarde``                      the ledger's riktvärde for eget kapital, ``15 %``
``andel_individinriktade``         Översikt: Individinriktade insatser (% av kostnaderna)
``andel_strukturinriktade``        Översikt: Strukturinriktade insatser (% av kostnaderna)
``andel_administration``           Översikt: Administration (% av kostnaderna)
``antal_anstallda``                Översikt: Antal anställda
``deltagare``                      participants in the year (kvinnor and män), ``150``
``nya_deltagare``                  of them new
``avslutade_deltagare``            participants who ended in the year
``till_arbete``                    those who ended to the outcomes the effect counts
``samhallsekonomisk_effekt``       Samhällsekonomisk effekt (Totalt), ``5 054 400 kr``
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from finsam_ledger.exports.layout import PrintedRow, PrintedTable, printed_table, swedish
from finsam_ledger.model.books import Books
from finsam_ledger.model.money import whole
from finsam_ledger.model.table import Number
from finsam_ledger.statements.deltagare import DeltagareAr, deltagare_ar
from finsam_ledger.statements.rapport import Rapport
from finsam_ledger.statements.rubriker import ordlista

NBSP = "\u00a0"


class SaknarVarde(Exception):
    """A placeholder without a value in this report; the message says why (English, one line)."""


def kronor(value: Number) -> str:
    """``436 242 kr``: no-break spaces, a true minus sign."""
    return f"{swedish(value)}{NBSP}kr"


def procent(value: Number) -> str:
    """``61 %`` or ``68,2 %``."""
    return f"{swedish(value)}{NBSP}%"


def antal(value: Number) -> str:
    """``150``."""
    return swedish(value)


@dataclass
class Underlag:
    """What the placeholders read: the report, its printed tables and the books."""

    rapport: Rapport
    books: Books
    _printed: dict[str, PrintedTable] = field(default_factory=dict)

    @property
    def ar(self) -> int:
        """The report's year."""
        return self.rapport.period.start.year

    @property
    def arsredovisning(self) -> bool:
        """Whether the report is an årsredovisning."""
        return self.rapport.slag == "årsredovisning"

    def tabell(self, key: str) -> PrintedTable:
        """The report's table, as printed in kronor; :class:`SaknarVarde` if it has none."""
        if key not in self._printed:
            if key not in self.rapport.keys:
                raise SaknarVarde(f"the {self.rapport.slag} has no table {key}")
            self._printed[key] = printed_table(self.rapport.table(key))
        return self._printed[key]

    def etikett(self, key: str, label: str) -> str:
        """A standard label as the report prints it in the table (the ledger's wording)."""
        egna = ordlista(self.books.direktiv.rubriker_for(self.rapport.period.last_day), key)
        return egna.get(label, label)

    def rad(self, key: str, label: str, *, prefix: bool = False) -> PrintedRow:
        """The row with the standard label (or starting with it) in the table ``key``."""
        table = self.tabell(key)
        printed = self.etikett(key, label)
        for row in table.rows:
            if row.label == printed or (prefix and row.label.startswith(printed)):
                return row
        raise SaknarVarde(f"the table {key} has no row {printed!r}")

    def utfall(self, key: str) -> int:
        """The column that shows the report's own period (the utfall, the balance date)."""
        table = self.tabell(key)
        for i, period in enumerate(table.periods):
            if period == self.rapport.period:
                return i
        raise SaknarVarde(f"the table {key} has no column for {self.rapport.period.label}")

    def foregaende(self, key: str) -> int:
        """The column that shows the previous calendar year."""
        table = self.tabell(key)
        for i, period in enumerate(table.periods):
            if period is not None and period.is_year and period.start.year == self.ar - 1:
                return i
        raise SaknarVarde(f"the table {key} has no column for {self.ar - 1}")

    def budget(self, key: str) -> int:
        """The budget column: the first column without a period of the books."""
        table = self.tabell(key)
        for i in range(len(table.columns)):
            if table.periods[i] is None:
                return i
        raise SaknarVarde(f"the table {key} has no budget column")

    def prognos(self, key: str) -> int:
        """A delårsrapport's helårsprognos: the first column without a period after the utfall."""
        if self.arsredovisning:
            raise SaknarVarde("an årsredovisning has no helårsprognos; only a delårsrapport")
        table = self.tabell(key)
        for i in range(self.utfall(key) + 1, len(table.columns)):
            if table.periods[i] is None:
                return i
        raise SaknarVarde(f"the table {key} has no prognos column")

    def senaste(self, key: str) -> int:
        """The column of the latest period (the overview's report year)."""
        table = self.tabell(key)
        dated = [(p.end, i) for i, p in enumerate(table.periods) if p is not None]
        if not dated:
            raise SaknarVarde(f"the table {key} has no dated column")
        return max(dated)[1]

    def deltagare(self) -> DeltagareAr:
        """The year's participants, when the report prints them."""
        if not {"deltagare", "deltagare_utfall"} & set(self.rapport.keys):
            raise SaknarVarde(f"the {self.rapport.slag} prints no participants")
        ar = deltagare_ar(self.books, self.ar)
        if ar is None:
            raise SaknarVarde(f"the ledger records no participants in {self.ar}")
        return ar


def varde(row: PrintedRow, column: int) -> Number:
    """A row's printed value in a column; :class:`SaknarVarde` if it prints none."""
    value = row.values[column] if column < len(row.values) else None
    if value is None:
        raise SaknarVarde(f"the row {row.label!r} prints no figure in that column")
    return value


def _forbund(u: Underlag) -> str:
    return u.rapport.title


def _rapport(u: Underlag) -> str:
    return rapportnamn(u.rapport)


def rapportnamn(rapport: Rapport) -> str:
    """``Årsredovisning 2021`` or ``Delårsrapport 2021-01-01–2021-06-30``."""
    if rapport.slag == "årsredovisning":
        return f"Årsredovisning {rapport.period.start.year}"
    return f"Delårsrapport {rapport.period.label}"


def _period(u: Underlag) -> str:
    period = u.rapport.period
    return f"{period.start.isoformat()}–{period.last_day.isoformat()}"


def _rr(
    label: str, column: Callable[[Underlag, str], int], sign: int = 1
) -> Callable[[Underlag], str]:
    def read(u: Underlag) -> str:
        value = varde(u.rad("resultatrakning", label), column(u, "resultatrakning"))
        return kronor(sign * value)

    return read


def _utfall(u: Underlag, key: str) -> int:
    return u.utfall(key)


def _foregaende(u: Underlag, key: str) -> int:
    return u.foregaende(key)


def _budget(u: Underlag, key: str) -> int:
    return u.budget(key)


def _prognos(u: Underlag, key: str) -> int:
    return u.prognos(key)


def _balanskravsresultat(u: Underlag) -> str:
    return kronor(varde(u.rad("balanskrav", "Balanskravsresultat"), 0))


def _medlemsbidrag(u: Underlag) -> str:
    key = "not2" if "not2" in u.rapport.keys else "detalj"
    return kronor(varde(u.rad(key, "Medlemsbidrag"), u.utfall(key)))


def _br(label: str) -> Callable[[Underlag], str]:
    def read(u: Underlag) -> str:
        return kronor(varde(u.rad("balansrakning", label), u.utfall("balansrakning")))

    return read


def _oversikt(label: str, format: Callable[[Number], str]) -> Callable[[Underlag], str]:
    def read(u: Underlag) -> str:
        return format(varde(u.rad("oversikt", label, prefix=True), u.senaste("oversikt")))

    return read


def _soliditet(u: Underlag) -> str:
    if u.arsredovisning:
        return _oversikt("Soliditet", procent)(u)
    column = u.utfall("balansrakning")
    eget = varde(u.rad("balansrakning", "Summa eget kapital"), column)
    tillgangar = varde(u.rad("balansrakning", "Summa tillgångar"), column)
    if not tillgangar:
        raise SaknarVarde("summa tillgångar is 0")
    share = Decimal(eget) * 100 / Decimal(tillgangar)
    return procent(whole(share))


def _riktvarde(u: Underlag) -> str:
    share = u.books.direktiv.riktvarde(u.ar)
    return procent(share.normalize())


def _deltagare(read: Callable[[DeltagareAr], int | None], what: str) -> Callable[[Underlag], str]:
    def value(u: Underlag) -> str:
        found = read(u.deltagare())
        if found is None:
            raise SaknarVarde(f"the ledger records no {what} in {u.ar}")
        return antal(found)

    return value


def _effekt(u: Underlag) -> str:
    table = u.tabell("samhallsekonomi")
    return kronor(
        varde(u.rad("samhallsekonomi", "Samhällsekonomisk effekt"), len(table.columns) - 1)
    )


@dataclass(frozen=True)
class Platshallare:
    """One placeholder: its name, what it prints (for the docs), how it is read."""

    namn: str
    beskrivning: str
    las: Callable[[Underlag], str]


_ALL: tuple[Platshallare, ...] = (
    Platshallare("forbund", "the förbund: the ledger's title option", _forbund),
    Platshallare("ar", "the report's year, 2021", lambda u: str(u.ar)),
    Platshallare(
        "rapport", "Årsredovisning 2021, or Delårsrapport 2021-01-01–2021-06-30", _rapport
    ),
    Platshallare("period", "the period, 2021-01-01–2021-12-31", _period),
    Platshallare(
        "balansdag",
        "the period's last day (the balance sheet's date), 2021-12-31",
        lambda u: u.rapport.period.last_day.isoformat(),
    ),
    Platshallare(
        "verksamhetens_intakter",
        "Resultaträkning: Verksamhetens intäkter, utfall",
        _rr("Verksamhetens intäkter", _utfall),
    ),
    Platshallare(
        "verksamhetens_kostnader",
        "Resultaträkning: Verksamhetens kostnader, utfall, as a positive amount",
        _rr("Verksamhetens kostnader", _utfall, -1),
    ),
    Platshallare(
        "arets_resultat",
        "Resultaträkning: Årets resultat, utfall (a delårsrapport: the period's)",
        _rr("Årets resultat", _utfall),
    ),
    Platshallare(
        "arets_resultat_foregaende_ar",
        "Resultaträkning: Årets resultat of the year before (when the table has that column)",
        _rr("Årets resultat", _foregaende),
    ),
    Platshallare(
        "budgeterat_resultat",
        "Resultaträkning: Årets resultat in the budget column",
        _rr("Årets resultat", _budget),
    ),
    Platshallare(
        "prognos_resultat",
        "Resultaträkning: Årets resultat in the helårsprognos (delårsrapport only)",
        _rr("Årets resultat", _prognos),
    ),
    Platshallare(
        "balanskravsresultat",
        "Balanskravsutredning: Balanskravsresultat (a delårsrapport: of the prognos)",
        _balanskravsresultat,
    ),
    Platshallare(
        "medlemsbidrag",
        "Not 2 (or the table Intäkter och kostnader): Medlemsbidrag, utfall",
        _medlemsbidrag,
    ),
    Platshallare(
        "eget_kapital",
        "Balansräkning: Summa eget kapital at the balance date",
        _br("Summa eget kapital"),
    ),
    Platshallare(
        "summa_tillgangar",
        "Balansräkning: Summa tillgångar at the balance date",
        _br("Summa tillgångar"),
    ),
    Platshallare(
        "kassa_och_bank", "Balansräkning: Kassa och bank at the balance date", _br("Kassa och bank")
    ),
    Platshallare(
        "soliditet",
        "Översikt: Soliditet (%) of the year; a delårsrapport: the balansräkning's "
        "eget kapital / summa tillgångar, whole percent",
        _soliditet,
    ),
    Platshallare(
        "eget_kapital_andel",
        "Översikt: Eget kapital i % av medlemsbidrag, the year (årsredovisning)",
        _oversikt("Eget kapital i % av medlemsbidrag", procent),
    ),
    Platshallare(
        "riktvarde",
        "the ledger's riktvärde for eget kapital (eget-kapital-riktvarde), 15 %",
        _riktvarde,
    ),
    Platshallare(
        "andel_individinriktade",
        "Översikt: Individinriktade insatser (% av kostnaderna), the year",
        _oversikt("Individinriktade insatser (% av kostnaderna)", procent),
    ),
    Platshallare(
        "andel_strukturinriktade",
        "Översikt: Strukturinriktade insatser (% av kostnaderna), the year",
        _oversikt("Strukturinriktade insatser (% av kostnaderna)", procent),
    ),
    Platshallare(
        "andel_administration",
        "Översikt: Administration (% av kostnaderna), the year",
        _oversikt("Administration (% av kostnaderna)", procent),
    ),
    Platshallare(
        "antal_anstallda",
        "Översikt: Antal anställda, the year",
        _oversikt("Antal anställda", antal),
    ),
    Platshallare(
        "deltagare",
        "participants in the year, kvinnor and män (årsredovisning with participants)",
        _deltagare(lambda d: d.deltagare, "participants"),
    ),
    Platshallare(
        "nya_deltagare",
        "of the year's participants, the new ones",
        _deltagare(lambda d: d.antal("nya"), "new participants"),
    ),
    Platshallare(
        "avslutade_deltagare",
        "participants who ended in the year",
        _deltagare(lambda d: d.antal("avslutade"), "participants who ended"),
    ),
    Platshallare(
        "till_arbete",
        "participants who ended to the outcomes the socio-economic effect counts",
        _deltagare(lambda d: d.personer, "outcomes"),
    ),
    Platshallare(
        "samhallsekonomisk_effekt",
        "the socio-economic effect (Totalt), 5 054 400 kr",
        _effekt,
    ),
)

PLATSHALLARE: Mapping[str, Platshallare] = {p.namn: p for p in _ALL}
"""Every placeholder, by name, in the order the docs list them."""

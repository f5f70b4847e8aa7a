"""Participants and the socio-economic effect: the årsredovisning's counts, never a person.

The ``deltagare`` directive records aggregate counts per insats and year
(:class:`~finsam_ledger.model.directives.Deltagare`); :func:`deltagare_ar`
gathers a year's counts per insats (a note row of Not 3's insatser: klass
individinriktad, strukturinriktad or ny-verksamhet), the counts recorded for
the insatser together, the insatser's costs and the settings of the
socio-economic effect (``samhallsekonomi``). It is what a comparison of
förbund reads; the three tables are built from it:

* ``deltagare`` ("Deltagare 2021"): per insats kvinnor, män and varav nya,
  then Totalt; only when the year records one of them;
* ``deltagare_utfall`` ("Avslutade deltagare 2021"): per insats avslutade
  and the outcomes (arbete, studier, arbetslivsinriktad rehabilitering,
  sjukdom, annat), then Totalt; only when the year records one of them;
* ``samhallsekonomi`` ("Samhällsekonomisk effekt 2021"): those who ended
  to the counted outcomes × kronor per person and month × 12, per insats
  that records outcomes and in total, against the insats's cost for the
  year; only when the year records an outcome.

A count not recorded is blank, not zero. Rows come in the order of Not 3;
counts recorded for the insatser together (no account) are the row
"Ej fördelat på insats", and a table with only that row shows its Totalt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from finsam_ledger.figures.utfall import utfall
from finsam_ledger.model import chart as c
from finsam_ledger.model.books import Books
from finsam_ledger.model.directives import DELTAGARE_KEYS, UTFALL
from finsam_ledger.model.money import HUNDRED, format_int, kronor, whole
from finsam_ledger.model.period import Period
from finsam_ledger.model.table import Row, Table, Value, column_sums
from finsam_ledger.statements.noter import notrader

INSATS_KLASSER = frozenset({c.INDIVIDINRIKTAD, c.STRUKTURINRIKTAD, c.NY_VERKSAMHET})
GEMENSAMT = "Ej fördelat på insats"
"""The row (or column) of the counts recorded for the insatser together."""
MANADER = 12
DELTAGARE_NYCKLAR = ("kvinnor", "man", "nya")
UTFALL_NYCKLAR = ("avslutade", *UTFALL)


@dataclass(frozen=True)
class Insatsdeltagare:
    """An insats's counts in a year, by key (only those recorded), and its cost.

    ``insats`` is the note row's label (:data:`GEMENSAMT` for the insatser
    together); ``kostnad`` the year's utfall of its accounts, costs positive
    (``None`` for the insatser together).
    """

    insats: str
    accounts: tuple[str, ...]
    antal: dict[str, int] = field(default_factory=dict)
    kostnad: Decimal | None = None

    def har(self, keys: Iterable[str]) -> bool:
        """Whether any of the keys is recorded."""
        return any(key in self.antal for key in keys)

    def summa(self, keys: Iterable[str]) -> int | None:
        """The recorded counts of the keys summed; ``None`` if none is recorded."""
        found = [self.antal[key] for key in keys if key in self.antal]
        return sum(found) if found else None


@dataclass(frozen=True)
class DeltagareAr:
    """A year's participants, outcomes and socio-economic effect for one ledger.

    ``rader``: per insats that records a count, in the order of Not 3, then
    the insatser together if the year has counts without an account.
    ``raknade`` are the outcomes the effect counts, ``kronor_per_manad``
    its kronor (the ledger's ``samhallsekonomi`` settings for the year).
    Picklable: a comparison loads each ledger in a process of its own.
    """

    year: int
    rader: tuple[Insatsdeltagare, ...]
    kronor_per_manad: Decimal
    raknade: tuple[str, ...]

    def antal(self, key: str) -> int | None:
        """The year's total of a key (:data:`~finsam_ledger.model.directives.DELTAGARE_KEYS`).

        ``None`` if no insats records it.
        """
        found = [rad.antal[key] for rad in self.rader if key in rad.antal]
        return sum(found) if found else None

    @property
    def deltagare(self) -> int | None:
        """Participants in the year: kvinnor and män together; ``None`` if neither is recorded."""
        found = [n for n in (self.antal("kvinnor"), self.antal("man")) if n is not None]
        return sum(found) if found else None

    @property
    def har_utfall(self) -> bool:
        """Whether the year records an outcome."""
        return any(rad.har(UTFALL) for rad in self.rader)

    def personer_till(self, utfall: Iterable[str] | None = None) -> int | None:
        """Those who ended to the outcomes (the counted ones by default).

        ``None`` if the year records no outcome; an outcome not recorded counts 0.
        """
        if not self.har_utfall:
            return None
        keys = tuple(self.raknade if utfall is None else utfall)
        return sum(rad.summa(keys) or 0 for rad in self.rader)

    @property
    def personer(self) -> int | None:
        """Those who ended to the counted outcomes."""
        return self.personer_till()

    def effekt_av(self, personer: int | None) -> Decimal | None:
        """Persons × kronor per person and month × 12."""
        return None if personer is None else personer * self.kronor_per_manad * MANADER

    @property
    def effekt(self) -> Decimal | None:
        """The socio-economic effect of the year; ``None`` if it records no outcome."""
        return self.effekt_av(self.personer)

    @property
    def kostnad(self) -> Decimal | None:
        """The year's cost of the insatser with participants recorded."""
        found = [rad.kostnad for rad in self.rader if rad.kostnad is not None]
        return sum(found, Decimal(0)) if found else None


def insatser(books: Books) -> dict[str, list[str]]:
    """The insatser: Not 3's note rows of klass individinriktad, strukturinriktad, ny-verksamhet."""
    placements = [
        p
        for p in books.chart.ordered()
        if p.post == c.VERKSAMHETENS_KOSTNADER and p.klass in INSATS_KLASSER
    ]
    return notrader(placements)


def deltagare_ar(books: Books, year: int) -> DeltagareAr | None:
    """A year's participants, outcomes and effect; ``None`` if the ledger records none for it.

    The function a comparison of förbund calls, once per ledger and year.
    """
    recorded = books.direktiv.deltagare_av(year)
    if not recorded:
        return None
    period = Period.year(year)
    rader: list[Insatsdeltagare] = []
    for label, accounts in insatser(books).items():
        own = set(accounts)
        antal = _counts((d.key, d.antal) for d in recorded if d.account in own)
        if antal:
            kostnad = utfall(books, accounts, period)
            rader.append(Insatsdeltagare(label, tuple(accounts), antal, kostnad))
    together = _counts((d.key, d.antal) for d in recorded if d.account is None)
    if together:
        rader.append(Insatsdeltagare(GEMENSAMT, (), together))
    return DeltagareAr(
        year,
        tuple(rader),
        books.direktiv.kronor_per_manad(year),
        books.direktiv.raknade_utfall(year),
    )


def _counts(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Counts by key, those of sub-accounts of one insats added up."""
    found: dict[str, int] = {}
    for key, antal in pairs:
        found[key] = found.get(key, 0) + antal
    return found


def _value(antal: int | None) -> Value:
    return None if antal is None else Decimal(antal)


def _count_table(
    ar: DeltagareAr, key: str, title: str, keys: tuple[str, ...], notes: tuple[str, ...] = ()
) -> Table | None:
    """Per insats recording one of the keys, a column per key; then Totalt."""
    rader = [rad for rad in ar.rader if rad.har(keys)]
    if not rader:
        return None
    rows = [
        Row(
            rad.insats,
            tuple(_value(rad.antal.get(k)) for k in keys),
            unit="st",
            accounts=rad.accounts,
        )
        for rad in rader
    ]
    total = Row(
        "Totalt",
        column_sums(rows, len(keys)),
        kind="sum",
        unit="st",
        accounts=tuple(a for row in rows for a in row.accounts),
    )
    if len(rows) == 1 and rader[0].insats == GEMENSAMT:
        rows = []
    return Table(
        key=key,
        title=title,
        columns=tuple(DELTAGARE_KEYS[k] for k in keys),
        rows=(*rows, total),
        unit="st",
        notes=notes,
    )


def deltagare(books: Books, period: Period) -> Table | None:
    """ "Deltagare YYYY": per insats kvinnor, män and varav nya, then Totalt; ``None`` without."""
    ar = deltagare_ar(books, period.start.year)
    if ar is None:
        return None
    notes: tuple[str, ...] = ()
    if ar.deltagare is not None:
        nya = ar.antal("nya")
        varav = f", varav {format_int(nya)} nya" if nya is not None else ""
        notes = (f"Totalt {format_int(ar.deltagare)} deltagare{varav}.",)
    return _count_table(ar, "deltagare", f"Deltagare {ar.year}", DELTAGARE_NYCKLAR, notes)


def deltagare_utfall(books: Books, period: Period) -> Table | None:
    """Per insats avslutade and the outcomes, then Totalt; ``None`` without."""
    ar = deltagare_ar(books, period.start.year)
    if ar is None:
        return None
    return _count_table(
        ar,
        "deltagare_utfall",
        f"Avslutade deltagare {ar.year}",
        UTFALL_NYCKLAR,
        ("Varje avslutad deltagare räknas under högst ett utfall.",),
    )


def utfall_text(keys: Iterable[str]) -> str:
    """``arbete``, ``arbete eller studier``, ``arbete, studier eller sjukdom``."""
    words = [DELTAGARE_KEYS[key].lower() for key in keys]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} eller {words[-1]}"


def samhallsekonomi(books: Books, period: Period) -> Table | None:
    """The socio-economic effect, per insats that records outcomes and in total; ``None`` without.

    Columns: each insats that records an outcome, the insatser together if
    counts are recorded without an account (only when an insats has a
    column too), Totalt. Rows: those who ended to the counted outcomes, kronor per
    person and month, months, the effect, the year's cost (Not 3; in Totalt
    the cost of every insats with participants recorded) and the effect in
    percent of the cost.
    """
    ar = deltagare_ar(books, period.start.year)
    if ar is None or not ar.har_utfall:
        return None
    kolumner = [rad for rad in ar.rader if rad.har(UTFALL)]
    if all(rad.insats == GEMENSAMT for rad in kolumner):
        kolumner = []
    personer: list[int | None] = [rad.summa(ar.raknade) or 0 for rad in kolumner]
    personer.append(ar.personer)
    kostnad: list[Value] = [rad.kostnad for rad in kolumner]
    kostnad.append(ar.kostnad)
    effekt = [ar.effekt_av(p) for p in personer]
    andel = [
        e / k * HUNDRED if e is not None and k else None
        for e, k in zip(effekt, kostnad, strict=True)
    ]
    width = len(personer)
    rows = (
        Row(f"Avslutade till {utfall_text(ar.raknade)}", tuple(map(_value, personer)), unit="st"),
        Row("Kronor per person och månad", (ar.kronor_per_manad,) * width),
        Row("Månader", (Decimal(MANADER),) * width, unit="st"),
        Row("Samhällsekonomisk effekt", tuple(effekt), kind="sum"),
        Row(
            f"Kostnad {ar.year}",
            tuple(kostnad),
            accounts=tuple(a for rad in ar.rader for a in rad.accounts),
        ),
        Row("Effekt i % av kostnaden", tuple(andel), unit="%"),
    )
    total = ar.personer or 0
    kostnadstext = (
        f"Kostnad: årets utfall för insatsen (Not 3); under Totalt för alla insatser med "
        f"deltagare {ar.year}."
        if kolumner
        else f"Kostnad: årets utfall (Not 3) för insatserna med deltagare {ar.year}."
    )
    notes = (
        f"{format_int(total)} × {kronor(ar.kronor_per_manad)} × {MANADER} mån = "
        f"{format_int(whole(ar.effekt_av(total) or Decimal(0)))} kr.",
        kostnadstext,
    )
    return Table(
        key="samhallsekonomi",
        title=f"Samhällsekonomisk effekt {ar.year}",
        columns=(*(rad.insats for rad in kolumner), "Totalt"),
        rows=rows,
        notes=notes,
    )

"""The project's ``custom`` directives, parsed into typed records.

Amounts use Beancount's signs, like Fava's ``budget`` directive: costs
positive, income negative. The year a directive concerns is the year of its
date unless it names a year.

=========================  =====================================================
Directive                  Meaning
=========================  =====================================================
``beviljat``               ``2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 3198000 SEK``
                           the board's grant (maximum) for an insats in the year
``prognos``                ``2021-06-30 custom "prognos" Kostnader:Insatser:Enter 2900000 SEK``
                           helårsprognos for the year, as made on that date
                           (the latest one on or before a report's end applies)
``anstallda``              ``2021-12-31 custom "anstallda" 2`` number of employees
``balanskrav``             ``2021-12-31 custom "balanskrav" "rur-reservering" 100000 SEK``
                           a balanskrav adjustment for the year; kinds in
                           :data:`BALANSKRAV_KINDS`, amounts positive
``atgardsplan``            ``2022-03-23 custom "atgardsplan" 2021 2024 "text"``
                           deficit of 2021 to be restored by the end of 2024
``synnerliga-skal``        ``2022-03-23 custom "synnerliga-skal" 2021 "reason"``
                           decision not to restore the 2021 deficit (KL 11:13)
``budgetunderskott``       ``2020-11-20 custom "budgetunderskott" 2021 "text"``
                           decision to budget a deficit covered by eget kapital
``kommunfordelning``       ``2021-01-01 custom "kommunfordelning" 2021 "text"``
                           why the kommuner's split of their quarter changed
``eget-kapital-riktvarde``  ``2020-01-01 custom "eget-kapital-riktvarde" 15``
                           the riktvärde for eget kapital, in percent of the year's
                           medlemsbidrag (0 to 100), from the year of its date on:
                           the latest on or before a year's end applies, 15
                           without one
``nyckeltal``              ``2019-12-31 custom "nyckeltal" "intakter" 7018000 SEK``
                           a key figure of a year before the books, for the
                           overview; keys in :data:`NYCKELTAL_KEYS`, amounts in
                           kronor as the overview prints them (intäkter,
                           kostnader and medlemsbidrag positive, a deficit
                           negative), ``soliditet`` in percent and
                           ``anstallda`` a count as plain numbers
``rubrik``                 ``2020-01-01 custom "rubrik" "Likvida medel" "Likvida Medel"``
                           a printed label (row, table title or column heading)
                           replaced by the förbund's own wording in reports
                           ending on or after the date; metadata ``tabell:``
                           (a table key, checked here) limits it to one table;
                           a label that is another line's wording in the same
                           table is an error (:mod:`~finsam_ledger.statements.rubriker`)
``summarad``               ``2021-01-01 custom "summarad" "detalj" "Möjligt att disponera"
                           "Ack resultat fg år" "Summa intäkter"``
                           a förbund's own summary row in a table (a key of
                           :data:`~finsam_ledger.model.tabeller.NAMN`,
                           checked here): its label,
                           then the rows (or figures) it sums, ``-`` before a
                           term to subtract; metadata ``efter:`` (the row it
                           follows) and ``kolumner:`` (the columns it fills)
``rapportinstallning``     ``2021-01-01 custom "rapportinstallning" "nollrader" "dolj"``
                           a report setting from the date on; keys and values in
                           :data:`INSTALLNINGAR`
``organisation``           ``2020-01-01 custom "organisation" "orgnr" "222000-0000"``
                           the förbund's identity from the date on, for SIE
                           (``#ORGNR``, ``#FNAMN``): ``orgnr`` the
                           organisationsnummer (``NNNNNN-NNNN``, its check
                           digit right), ``namn`` the name (else the option
                           ``title``); keys in :data:`ORGANISATION_KEYS`
``deltagare``              ``2021-12-31 custom "deltagare" Kostnader:Insatser:Enter "kvinnor" 30
                           "man" 48 "nya" 35``
                           aggregate counts of an insats's participants in the
                           year: an insats account (verksamhetens kostnader of
                           klass individinriktad, strukturinriktad or
                           ny-verksamhet, checked by :mod:`~finsam_ledger.model.books`;
                           without it, the insatser together), then pairs of a
                           key of :data:`DELTAGARE_KEYS` and a whole number from
                           0 to :data:`MAX_ANTAL`; counts only, never names or
                           identity numbers
``samhallsekonomi``        ``2021-01-01 custom "samhallsekonomi" "kronor-per-manad" 16200.00 SEK``
                           a setting of the socio-economic effect from the date
                           on (the latest on or before a year's end applies):
                           kronor per person and month (16 200), or ``"utfall"``
                           and the counted outcomes (``"arbete studier"``;
                           ``arbete`` without one); keys in
                           :data:`SAMHALLSEKONOMI_KEYS`
=========================  =====================================================

Fava's ``budget`` directive (``2021-01-01 custom "budget" Kostnader:Insatser:Enter
"yearly" 2878200 SEK``) is checked here too, with the rules of Fava's parser, before
:mod:`finsam_ledger.model.budget` or Fava reads it. :func:`read` parses everything in
one pass over the ledger's entries.

A malformed directive is an error at its line, stating the form to write.
So is a ``custom`` name close to one of these (``"anställda"``,
``"beviljad"``, ``"budgett"``): it would be ignored otherwise, so the error
suggests the name meant. Other names (Fava's ``fava-option``, another
plugin's) are left alone.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from beancount.core import data
from beancount.core.amount import Amount
from beancount.parser.grammar import ValueType

from finsam_ledger.model.budget import interval_of
from finsam_ledger.model.chart import VERKSAMHETENS_KOSTNADER, Chart
from finsam_ledger.model.errors import LedgerError
from finsam_ledger.model.money import HUNDRED, ZERO
from finsam_ledger.model.period import LAST_YEAR
from finsam_ledger.model.tabeller import NAMN

BALANSKRAV_KINDS: Mapping[str, str] = {
    "realisationsvinster": "Samtliga realisationsvinster",
    "realisationsvinster-undantag": "Realisationsvinster enligt undantagsmöjlighet",
    "realisationsforluster-undantag": "Realisationsförluster enligt undantagsmöjlighet",
    "orealiserade-forluster": "Orealiserade förluster i värdepapper",
    "orealiserade-forluster-aterforing": "Återföring av orealiserade förluster i värdepapper",
    "rur-reservering": "Reservering till resultatutjämningsreserv/resultatreserv",
    "rur-disponering": "Disponering från resultatutjämningsreserv/resultatreserv",
}

ACCOUNT = "<AccountDummy>"
RULE = "direktiv"
RIKTVARDE = "eget-kapital-riktvarde"
NYCKELTAL = "nyckeltal"
# The key figures of a year before the books: key -> (the overview's row, kind of value).
# "kr": an amount in the books' currency, "kr+": one that is not negative,
# "%": a plain number in percent, "st": a plain count.
NYCKELTAL_KEYS: Mapping[str, tuple[str, str]] = {
    "intakter": ("Verksamhetens intäkter", "kr+"),
    "kostnader": ("Verksamhetens kostnader", "kr+"),
    "arets-resultat": ("Årets resultat", "kr"),
    "soliditet": ("Soliditet (%)", "%"),
    "anstallda": ("Antal anställda", "st"),
    "eget-kapital": ("Eget kapital vid årets slut", "kr"),
    "medlemsbidrag": ("Årets medlemsbidrag", "kr+"),
}
RUBRIK = "rubrik"
SUMMARAD = "summarad"
INSTALLNING = "rapportinstallning"
# Report settings: key -> its values, the first the default.
INSTALLNINGAR: Mapping[str, tuple[str, ...]] = {
    # Rows of open accounts that are zero in every column: printed, or hidden.
    "nollrader": ("visa", "dolj"),
    # The delårsrapport's comparison column: the previous full year, the same period, none.
    "delarsrapport-jamforelse": ("helar", "period", "ingen"),
    # The delårsrapport's income and cost detail: Not 2 and Not 3, or one table.
    "delarsrapport-detalj": ("noter", "en-tabell"),
}
ORGANISATION = "organisation"
# The förbund's identity: key -> what it is (SIE's #ORGNR and #FNAMN).
ORGANISATION_KEYS: Mapping[str, str] = {
    "orgnr": "organisationsnummer, NNNNNN-NNNN",
    "namn": "the förbund's name",
}
# Eget kapital below 15 % of the year's medelstilldelning, as members quote Nationella rådet.
DEFAULT_RIKTVARDE = Decimal(15)
DELTAGARE = "deltagare"
# Aggregate counts of participants per insats and year: key -> its printed label. The
# outcomes (UTFALL) are of those who ended (avslutade), each person counted under one.
DELTAGARE_KEYS: Mapping[str, str] = {
    "kvinnor": "Kvinnor",
    "man": "Män",
    "nya": "Varav nya",
    "avslutade": "Avslutade",
    "arbete": "Arbete",
    "studier": "Studier",
    "rehabilitering": "Arbetslivsinriktad rehabilitering",
    "sjukdom": "Sjukdom",
    "annat": "Annat",
}
UTFALL: tuple[str, ...] = ("arbete", "studier", "rehabilitering", "sjukdom", "annat")
# More than any förbund's participants in a year: a larger "count" is an identity number
# or a date written as a number (850101-1234 reads as 850101 - 1234), refused.
MAX_ANTAL = 99999
SAMHALLSEKONOMI = "samhallsekonomi"
# Settings of the socio-economic effect: key -> what it is.
SAMHALLSEKONOMI_KEYS: Mapping[str, str] = {
    "kronor-per-manad": "kronor per person and month, an amount such as 16200.00 SEK",
    "utfall": 'the counted outcomes, keys of UTFALL in one text, e.g. "arbete studier"',
}
# The model the förbund of a county agreed on: 10 500 kr a month of public support and
# administration saved and 5 700 kr of tax per person who goes to work.
DEFAULT_KRONOR_PER_MANAD = Decimal(16200)
DEFAULT_UTFALL: tuple[str, ...] = ("arbete",)


def examples(currency: str = "SEK") -> dict[str, str]:
    """A well-formed line of each directive, as the documentation gives it."""
    return {
        "budget": (
            f'2021-01-01 custom "budget" Kostnader:Insatser:Enter "yearly" 2878200.00 {currency}'
        ),
        "beviljat": f'2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 3198000.00 {currency}',
        "prognos": f'2021-06-30 custom "prognos" Kostnader:Insatser:Enter 2900000.00 {currency}',
        "anstallda": '2021-12-31 custom "anstallda" 2',
        "balanskrav": f'2021-12-31 custom "balanskrav" "rur-reservering" 100000.00 {currency}',
        "atgardsplan": '2022-03-23 custom "atgardsplan" 2021 2024 "Åtgärdsplan antagen"',
        "synnerliga-skal": '2022-03-23 custom "synnerliga-skal" 2021 "Skälen"',
        "budgetunderskott": '2020-11-20 custom "budgetunderskott" 2021 "Täcks av eget kapital"',
        "kommunfordelning": '2021-01-01 custom "kommunfordelning" 2021 "Ny fördelning"',
        RIKTVARDE: f'2020-01-01 custom "{RIKTVARDE}" 15',
        NYCKELTAL: f'2019-12-31 custom "{NYCKELTAL}" "intakter" 7018000.00 {currency}',
        RUBRIK: f'2020-01-01 custom "{RUBRIK}" "Likvida medel" "Likvida Medel"',
        SUMMARAD: (
            f'2021-01-01 custom "{SUMMARAD}" "detalj" "Möjligt att disponera" '
            '"Ack resultat fg år" "Summa intäkter"'
        ),
        INSTALLNING: f'2021-01-01 custom "{INSTALLNING}" "nollrader" "dolj"',
        ORGANISATION: f'2020-01-01 custom "{ORGANISATION}" "orgnr" "222000-0000"',
        DELTAGARE: (
            f'2021-12-31 custom "{DELTAGARE}" Kostnader:Insatser:Enter "kvinnor" 30 "man" 48 '
            '"nya" 35'
        ),
        SAMHALLSEKONOMI: (
            f'2021-01-01 custom "{SAMHALLSEKONOMI}" "kronor-per-manad" 16200.00 {currency}'
        ),
    }


NAMES = tuple(examples())


@dataclass(frozen=True)
class Beviljat:
    """The board's grant for an insats in a year."""

    account: str
    year: int
    amount: Decimal
    entry: data.Custom = field(compare=False, repr=False)


@dataclass(frozen=True)
class Prognos:
    """A helårsprognos for an account, made on ``date``."""

    account: str
    date: datetime.date
    amount: Decimal
    entry: data.Custom = field(compare=False, repr=False)


@dataclass(frozen=True)
class Anstallda:
    """Number of employees in a year."""

    year: int
    antal: Decimal
    entry: data.Custom = field(compare=False, repr=False)


@dataclass(frozen=True)
class Balanskravsjustering:
    """An adjustment in the balanskravsutredning."""

    year: int
    kind: str
    amount: Decimal
    entry: data.Custom = field(compare=False, repr=False)


@dataclass(frozen=True)
class Beslut:
    """A board decision about a year's result or budget.

    ``kind`` is ``atgardsplan`` (with ``last_year`` of restoration),
    ``synnerliga-skal``, ``budgetunderskott`` or ``kommunfordelning``.
    """

    kind: str
    year: int
    text: str
    last_year: int | None
    entry: data.Custom = field(compare=False, repr=False)


@dataclass(frozen=True)
class Riktvarde:
    """The riktvärde for eget kapital in percent of medlemsbidrag, from ``date`` on."""

    date: datetime.date
    andel: Decimal
    entry: data.Custom = field(compare=False, repr=False)


@dataclass(frozen=True)
class Nyckeltal:
    """A key figure of a year before the books (:data:`NYCKELTAL_KEYS`), for the overview."""

    year: int
    key: str
    value: Decimal
    entry: data.Custom = field(compare=False, repr=False)


@dataclass(frozen=True)
class Rubrik:
    """A printed label replaced by ``text`` in reports ending on or after ``date``.

    ``tabell`` limits it to the table with that key.
    """

    label: str
    text: str
    date: datetime.date
    tabell: str | None
    entry: data.Custom = field(compare=False, repr=False)


@dataclass(frozen=True)
class Term:
    """A term of a summary row: a row label (or figure) and its sign."""

    label: str
    sign: int


@dataclass(frozen=True)
class Summarad:
    """A förbund's own summary row in a table, from ``date`` on.

    ``efter`` is the label of the row it follows (the table's end if none);
    ``kolumner`` the first words of the column headings it fills (every
    column if empty).
    """

    tabell: str
    label: str
    termer: tuple[Term, ...]
    date: datetime.date
    efter: str | None
    kolumner: tuple[str, ...]
    entry: data.Custom = field(compare=False, repr=False)


@dataclass(frozen=True)
class Installning:
    """A report setting (:data:`INSTALLNINGAR`) from ``date`` on."""

    key: str
    value: str
    date: datetime.date
    entry: data.Custom = field(compare=False, repr=False)


@dataclass(frozen=True)
class Organisation:
    """A fact of the förbund's identity (:data:`ORGANISATION_KEYS`) from ``date`` on."""

    key: str
    value: str
    date: datetime.date
    entry: data.Custom = field(compare=False, repr=False)


@dataclass(frozen=True)
class Deltagare:
    """An aggregate count of participants (:data:`DELTAGARE_KEYS`) in a year.

    ``account`` is the insats's account, ``None`` for the insatser together
    (a count the förbund does not split per insats).
    """

    year: int
    account: str | None
    key: str
    antal: int
    entry: data.Custom = field(compare=False, repr=False)


@dataclass(frozen=True)
class Samhallsekonomi:
    """A setting of the socio-economic effect (:data:`SAMHALLSEKONOMI_KEYS`) from ``date`` on.

    ``kronor`` for ``kronor-per-manad``, ``utfall`` (the counted outcomes)
    for ``utfall``.
    """

    key: str
    date: datetime.date
    kronor: Decimal | None
    utfall: tuple[str, ...]
    entry: data.Custom = field(compare=False, repr=False)


@dataclass(frozen=True)
class Direktiv:
    """All the project's directives in a ledger."""

    beviljat: tuple[Beviljat, ...] = ()
    prognoser: tuple[Prognos, ...] = ()
    anstallda: tuple[Anstallda, ...] = ()
    balanskrav: tuple[Balanskravsjustering, ...] = ()
    beslut: tuple[Beslut, ...] = ()
    riktvarden: tuple[Riktvarde, ...] = ()
    nyckeltal: tuple[Nyckeltal, ...] = ()
    rubriker: tuple[Rubrik, ...] = ()
    summarader: tuple[Summarad, ...] = ()
    installningar: tuple[Installning, ...] = ()
    organisation: tuple[Organisation, ...] = ()
    deltagare: tuple[Deltagare, ...] = ()
    samhallsekonomi: tuple[Samhallsekonomi, ...] = ()

    def deltagare_av(self, year: int) -> tuple[Deltagare, ...]:
        """The participant counts recorded for a year, in ledger order."""
        return tuple(d for d in self.deltagare if d.year == year)

    def _samhallsekonomi(self, key: str, year: int) -> Samhallsekonomi | None:
        end = datetime.date(year, 12, 31)
        found = [s for s in self.samhallsekonomi if s.key == key and s.date <= end]
        if not found:
            return None
        return max(found, key=lambda s: (s.date, _lineno(s.entry)))

    def kronor_per_manad(self, year: int) -> Decimal:
        """Kronor per person and month of the socio-economic effect for a year.

        The latest ``samhallsekonomi "kronor-per-manad"`` on or before 31
        December (of two on one day, the later line); 16 200 without one.
        """
        found = self._samhallsekonomi("kronor-per-manad", year)
        return DEFAULT_KRONOR_PER_MANAD if found is None or found.kronor is None else found.kronor

    def raknade_utfall(self, year: int) -> tuple[str, ...]:
        """The outcomes the socio-economic effect of a year counts (``arbete`` without a line)."""
        found = self._samhallsekonomi("utfall", year)
        return DEFAULT_UTFALL if found is None else found.utfall

    def organisation_av(self, key: str, day: datetime.date) -> str | None:
        """The förbund's ``orgnr`` or ``namn`` on ``day``: the latest line on or before it."""
        found = [o for o in self.organisation if o.key == key and o.date <= day]
        if not found:
            return None
        return max(found, key=written_order).value

    def installning(self, key: str, day: datetime.date) -> str:
        """A report setting for a report ending on ``day``: the latest on or before it.

        Of two on one day, the later line; the default (the first value in
        :data:`INSTALLNINGAR`) without one.
        """
        found = [i for i in self.installningar if i.key == key and i.date <= day]
        if not found:
            return INSTALLNINGAR[key][0]
        return max(found, key=written_order).value

    def rubriker_for(self, day: datetime.date) -> tuple[Rubrik, ...]:
        """The label replacements that apply to a report ending on ``day``, in date order."""
        found = [r for r in self.rubriker if r.date <= day]
        return tuple(sorted(found, key=written_order))

    def summarader_for(self, day: datetime.date) -> tuple[Summarad, ...]:
        """The summary rows that apply to a report ending on ``day``, in ledger order.

        A later line with the same table and label replaces an earlier one.
        """
        found: dict[tuple[str, str], Summarad] = {}
        ordered = sorted(
            (s for s in self.summarader if s.date <= day),
            key=written_order,
        )
        for item in ordered:
            found[(item.tabell, item.label)] = item
        return tuple(found.values())

    def antal_anstallda(self, year: int) -> Decimal | None:
        """The last recorded number of employees for a year (``anstallda`` or ``nyckeltal``)."""
        found = [a.antal for a in self.anstallda if a.year == year]
        if found:
            return found[-1]
        return self.nyckeltal_av(year).get("anstallda")

    def nyckeltal_av(self, year: int) -> dict[str, Decimal]:
        """The key figures recorded for a year before the books, by key."""
        return {n.key: n.value for n in self.nyckeltal if n.year == year}

    def nyckeltal_years(self) -> list[int]:
        """The years with key figures, in order."""
        return sorted({n.year for n in self.nyckeltal})

    def riktvarde(self, year: int) -> Decimal:
        """The riktvärde for eget kapital at the end of a year, in percent of medlemsbidrag.

        The latest ``eget-kapital-riktvarde`` dated on or before 31 December
        of the year (of two on one day, the later line); 15 without one.
        """
        end = datetime.date(year, 12, 31)
        found = [r for r in self.riktvarden if r.date <= end]
        if not found:
            return DEFAULT_RIKTVARDE
        latest = max(found, key=written_order)
        return latest.andel


def _lineno(entry: data.Custom) -> int:
    return int(entry.meta.get("lineno") or 0)


class _Dated(Protocol):
    @property
    def date(self) -> datetime.date: ...

    @property
    def entry(self) -> data.Custom: ...


def written_order(item: _Dated) -> tuple[datetime.date, int]:
    """The order of dated directives: by date, and of one day by line (the later wins)."""
    return (item.date, _lineno(item.entry))


class _Invalid(Exception):
    pass


def _year(value: Any) -> int:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        year = int(value)
        if 1900 < year < 2200:
            return year
    raise _Invalid(f"expected a year such as 2021, not {value!r}")


def _amount(value: Any, currency: str) -> Decimal:
    if isinstance(value, Amount) and value.number is not None:
        if value.currency != currency:
            raise _Invalid(f"amount must be in {currency}, not {value.currency}")
        return Decimal(value.number)
    raise _Invalid(f"expected an amount such as 1000.00 {currency}, not {value!r}")


def _text(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise _Invalid(f"expected a text, not {value!r}")


def _account(value: Any, dtype: Any) -> str:
    if dtype == ACCOUNT:
        return str(value)
    raise _Invalid(f"expected an account, not {value!r}")


def _arity(entry: data.Custom, count: int) -> list[Any]:
    values = list(entry.values or [])
    if len(values) != count:
        raise _Invalid(f"takes {count} value{'s' if count > 1 else ''}, got {len(values)}")
    return values


def _account_amount(entry: data.Custom, currency: str) -> tuple[str, Decimal]:
    account, amount = _arity(entry, 2)
    return _account(account.value, account.dtype), _amount(amount.value, currency)


def _beviljat(entry: data.Custom, currency: str) -> Beviljat:
    account, amount = _account_amount(entry, currency)
    return Beviljat(account, entry.date.year, amount, entry)


def _prognos(entry: data.Custom, currency: str) -> Prognos:
    account, amount = _account_amount(entry, currency)
    return Prognos(account, entry.date, amount, entry)


def _anstallda(entry: data.Custom, _currency: str) -> Anstallda:
    (antal,) = _arity(entry, 1)
    if not isinstance(antal.value, Decimal) or antal.value < 0:
        raise _Invalid(f"expected a number of employees, not {antal.value!r}")
    return Anstallda(entry.date.year, antal.value, entry)


def _balanskrav(entry: data.Custom, currency: str) -> Balanskravsjustering:
    kind, amount = _arity(entry, 2)
    name = _text(kind.value)
    if name not in BALANSKRAV_KINDS:
        raise _Invalid(f"kind {name!r} is not one of {', '.join(BALANSKRAV_KINDS)}")
    number = _amount(amount.value, currency)
    if number < 0:
        raise _Invalid("amount must be positive (the kind says which way it counts)")
    return Balanskravsjustering(entry.date.year, name, number, entry)


def _riktvarde(entry: data.Custom, _currency: str) -> Riktvarde:
    (andel,) = _arity(entry, 1)
    value = andel.value
    if isinstance(value, bool) or not isinstance(value, Decimal) or not ZERO <= value <= HUNDRED:
        shown = repr(value) if isinstance(value, str) else str(value)
        raise _Invalid(f"expected a percentage from 0 to 100, not {shown}")
    return Riktvarde(entry.date, value, entry)


def _nyckeltal(entry: data.Custom, currency: str) -> Nyckeltal:
    key, value = _arity(entry, 2)
    name = _text(key.value)
    if name not in NYCKELTAL_KEYS:
        close = difflib.get_close_matches(name.casefold().translate(_FOLD), NYCKELTAL_KEYS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise _Invalid(f"key {name!r} is not one of {', '.join(NYCKELTAL_KEYS)}{hint}")
    kind = NYCKELTAL_KEYS[name][1]
    number = value.value
    if kind.startswith("kr"):
        amount = _amount(number, currency)
        if kind == "kr+" and amount < 0:
            raise _Invalid(f"{name} is written positive, as the overview prints it")
        return Nyckeltal(entry.date.year, name, amount, entry)
    if isinstance(number, bool) or not isinstance(number, Decimal):
        shown = repr(number) if isinstance(number, str) else str(number)
        what = "a percentage such as 61" if kind == "%" else "a number such as 2"
        raise _Invalid(f"{name} is {what} without currency, not {shown}")
    if kind == "%" and number > HUNDRED:
        raise _Invalid(f"soliditet is at most 100 %, not {number}")
    if kind == "st" and number < 0:
        raise _Invalid(f"expected a number of employees, not {number}")
    return Nyckeltal(entry.date.year, name, number, entry)


def _meta_text(entry: data.Custom, key: str) -> str | None:
    value = (entry.meta or {}).get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f'metadata {key!r} is {value!r}, not a text; write {key}: "..."')
    return value.strip()


def _rubrik(entry: data.Custom, _currency: str) -> Rubrik:
    label, text = _arity(entry, 2)
    tabell = _meta_text(entry, "tabell")
    if tabell is not None and tabell not in NAMN:
        close = difflib.get_close_matches(tabell.casefold().translate(_FOLD), NAMN, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise _Invalid(f"table {tabell!r} is not one of {', '.join(NAMN)}{hint}")
    return Rubrik(_text(label.value), _text(text.value), entry.date, tabell, entry)


def _summarad(entry: data.Custom, _currency: str) -> Summarad:
    values = list(entry.values or [])
    if len(values) < 3:
        raise _Invalid(
            f"takes a table, a label and at least one row to sum, got {len(values)} values"
        )
    tabell, label, *terms = (_text(v.value) for v in values)
    if tabell not in NAMN:
        close = difflib.get_close_matches(tabell.casefold().translate(_FOLD), NAMN, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise _Invalid(f"table {tabell!r} is not one of {', '.join(NAMN)}{hint}")
    termer = tuple(
        Term(t[1:].strip(), -1) if t.startswith("-") else Term(t.lstrip("+").strip(), 1)
        for t in terms
    )
    if any(not t.label for t in termer):
        raise _Invalid("a term is a row label, with - before it to subtract")
    kolumner = tuple((_meta_text(entry, "kolumner") or "").split())
    return Summarad(tabell, label, termer, entry.date, _meta_text(entry, "efter"), kolumner, entry)


def _installning(entry: data.Custom, _currency: str) -> Installning:
    key, value = (_text(v.value) for v in _arity(entry, 2))
    if key not in INSTALLNINGAR:
        raise _Invalid(f"setting {key!r} is not one of {', '.join(INSTALLNINGAR)}")
    folded = value.casefold().translate(_FOLD)
    if folded not in INSTALLNINGAR[key]:
        raise _Invalid(
            f"{key} is one of {', '.join(repr(v) for v in INSTALLNINGAR[key])}, not {value!r}"
        )
    return Installning(key, folded, entry.date, entry)


def _organisation(entry: data.Custom, _currency: str) -> Organisation:
    key, value = (_text(v.value) for v in _arity(entry, 2))
    if key not in ORGANISATION_KEYS:
        raise _Invalid(f"key {key!r} is not one of {', '.join(ORGANISATION_KEYS)}")
    if key == "orgnr" and not _orgnr(value):
        raise _Invalid(
            f"orgnr {value!r} is not an organisationsnummer: ten digits with a hyphen after "
            "the sixth and a right check digit"
        )
    return Organisation(key, value, entry.date, entry)


def _orgnr(value: str) -> bool:
    """Whether ``value`` is ``NNNNNN-NNNN`` with a right check digit (Luhn, as Skatteverket)."""
    if len(value) != 11 or value[6] != "-" or not (value[:6] + value[7:]).isdigit():
        return False
    total = 0
    for at, digit in enumerate(int(char) for char in value[:6] + value[7:]):
        doubled = digit * (2 - at % 2)
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


_DELTAGARE_FORM = (
    "takes an insats account (or none, for the insatser together), then pairs of a key and a count"
)
_COUNTS_ONLY = "the directive takes counts only, never names, identity numbers or dates"


def _deltagare_key(value: Any, at: int) -> str:
    """A key of :data:`DELTAGARE_KEYS` (folded: ``"Män"`` is ``man``); never echoes the value."""
    if not isinstance(value.value, str) or value.dtype == ACCOUNT:
        what = "an account" if value.dtype == ACCOUNT else "not a key"
        raise _Invalid(
            f"value {at} is {what}; write a key before each count ({', '.join(DELTAGARE_KEYS)})"
        )
    folded = value.value.strip().casefold().translate(_FOLD)
    if folded in DELTAGARE_KEYS:
        return folded
    close = difflib.get_close_matches(folded, DELTAGARE_KEYS, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise _Invalid(
        f"value {at} is not one of the keys {', '.join(DELTAGARE_KEYS)}{hint} ({_COUNTS_ONLY})"
    )


def _count(value: Any, key: str) -> int:
    """A count of participants: a whole number, 0 to :data:`MAX_ANTAL`, without decimals.

    The message never repeats the value: a text here may be a name.
    """
    number = value.value
    if value.dtype == ACCOUNT or isinstance(number, bool) or not isinstance(number, Decimal):
        kind = (
            "an account"
            if value.dtype == ACCOUNT
            else "a text"
            if isinstance(number, str)
            else "an amount"
            if isinstance(number, Amount)
            else "a date"
            if isinstance(number, datetime.date)
            else "not a number"
        )
        raise _Invalid(
            f"the count of {key} is {kind}; a count is a whole number such as 12 ({_COUNTS_ONLY})"
        )
    if not number.is_finite() or number != number.to_integral_value() or _decimals(number):
        raise _Invalid(f"the count of {key} is not a whole number; write it without decimals")
    if number < 0:
        raise _Invalid(f"the count of {key} is negative; a count is 0 or more")
    if number > MAX_ANTAL:
        raise _Invalid(
            f"the count of {key} is above {MAX_ANTAL}, more than any förbund's participants: "
            "a personnummer or a date written as a number (850101-1234 reads as "
            f"850101 − 1234) does not belong in the ledger ({_COUNTS_ONLY})"
        )
    return int(number)


def _decimals(number: Decimal) -> bool:
    exponent = number.as_tuple().exponent
    return isinstance(exponent, int) and exponent < 0


def _deltagare(entry: data.Custom, _currency: str) -> list[Deltagare]:
    extra = sorted(k for k in (entry.meta or {}) if k not in ("filename", "lineno"))
    extra = [k for k in extra if not str(k).startswith("__")]
    if extra:
        raise _Invalid(
            f"takes no metadata ({_COUNTS_ONLY}); remove the line{'s' if len(extra) > 1 else ''} "
            + ", ".join(f"{k}:" for k in extra)
        )
    values = list(entry.values or [])
    account: str | None = None
    if values and values[0].dtype == ACCOUNT:
        account = str(values[0].value)
        values = values[1:]
    first = 2 if account is not None else 1
    if not values:
        raise _Invalid(f"{_DELTAGARE_FORM}, got no pair")
    if len(values) % 2:
        raise _Invalid(f"{_DELTAGARE_FORM}; the last key has no count")
    found: list[Deltagare] = []
    for at in range(0, len(values), 2):
        key = _deltagare_key(values[at], first + at)
        if any(d.key == key for d in found):
            raise _Invalid(f"{key} is given twice on the line; keep one")
        found.append(Deltagare(entry.date.year, account, key, _count(values[at + 1], key), entry))
    return found


def _samhallsekonomi_setting(entry: data.Custom, currency: str) -> Samhallsekonomi:
    key, value = _arity(entry, 2)
    name = _text(key.value)
    if name not in SAMHALLSEKONOMI_KEYS:
        close = difflib.get_close_matches(
            name.casefold().translate(_FOLD), SAMHALLSEKONOMI_KEYS, n=1
        )
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise _Invalid(f"key {name!r} is not one of {', '.join(SAMHALLSEKONOMI_KEYS)}{hint}")
    if name == "kronor-per-manad":
        kronor = _amount(value.value, currency)
        if kronor < 0:
            raise _Invalid("kronor-per-manad is not negative")
        return Samhallsekonomi(name, entry.date, kronor, (), entry)
    if not isinstance(value.value, str) or value.dtype == ACCOUNT:
        raise _Invalid(
            f'utfall is a text of outcomes such as "arbete studier" ({", ".join(UTFALL)})'
        )
    words = [w.casefold().translate(_FOLD) for w in value.value.replace(",", " ").split()]
    unknown = [w for w in words if w not in UTFALL]
    if not words or unknown:
        raise _Invalid(
            f"utfall names one or more of {', '.join(UTFALL)}"
            + (f", not {', '.join(repr(w) for w in unknown)}" if unknown else "")
        )
    if len(set(words)) != len(words):
        raise _Invalid("utfall names an outcome twice")
    ordered = tuple(u for u in UTFALL if u in words)
    return Samhallsekonomi(name, entry.date, None, ordered, entry)


def _atgardsplan(entry: data.Custom, _currency: str) -> Beslut:
    year, last, text = _arity(entry, 3)
    deficit_year, last_year = _year(year.value), _year(last.value)
    if not deficit_year < last_year <= deficit_year + 3:
        raise _Invalid(
            f"the deficit of {deficit_year} must be restored within the three "
            f"following years ({deficit_year + 1}–{deficit_year + 3}), not by {last_year}"
        )
    return Beslut("atgardsplan", deficit_year, _text(text.value), last_year, entry)


def _beslut(kind: str) -> Callable[[data.Custom, str], Beslut]:
    def parse(entry: data.Custom, _currency: str) -> Beslut:
        year, text = _arity(entry, 2)
        return Beslut(kind, _year(year.value), _text(text.value), None, entry)

    return parse


_PARSERS: Mapping[str, Callable[[data.Custom, str], Any]] = {
    "beviljat": _beviljat,
    "prognos": _prognos,
    "anstallda": _anstallda,
    "balanskrav": _balanskrav,
    "atgardsplan": _atgardsplan,
    "synnerliga-skal": _beslut("synnerliga-skal"),
    "budgetunderskott": _beslut("budgetunderskott"),
    "kommunfordelning": _beslut("kommunfordelning"),
    RIKTVARDE: _riktvarde,
    NYCKELTAL: _nyckeltal,
    RUBRIK: _rubrik,
    SUMMARAD: _summarad,
    INSTALLNING: _installning,
    ORGANISATION: _organisation,
    DELTAGARE: _deltagare,
    SAMHALLSEKONOMI: _samhallsekonomi_setting,
}


def printable(entry: data.Custom) -> data.Custom:
    """The entry, its values an empty list if Beancount's parser gave ``None``.

    A ``custom`` line without values has ``values=None``; Beancount's printer
    and its ``pad`` plugin expect a list and raise ``TypeError`` on it.
    """
    return entry._replace(values=[]) if entry.values is None else entry


def normalise(entries: Sequence[data.Directive]) -> list[data.Directive]:
    """The entries, every ``custom`` line without values made :func:`printable`."""
    return [
        printable(entry) if isinstance(entry, data.Custom) and entry.values is None else entry
        for entry in entries
    ]


def _error(entry: data.Custom, what: str, currency: str) -> LedgerError:
    example = examples(currency)[entry.type]
    shown = redacted(entry) if entry.type == DELTAGARE else printable(entry)
    return LedgerError(
        entry.meta, f'{RULE}: custom "{entry.type}": {what}; write e.g. {example}', shown
    )


REDACTED = "<borttaget>"


def redacted(entry: data.Custom) -> data.Custom:
    """A participants line as an error may print it: nothing that could be about a person.

    An account, a known key and a count that passes stay; every other value
    becomes ``"<borttaget>"`` and the metadata is only the file and line.
    """
    values = []
    for value in entry.values or []:
        ok = (
            value.dtype == ACCOUNT
            or (
                isinstance(value.value, str)
                and value.value.strip().casefold().translate(_FOLD) in DELTAGARE_KEYS
            )
            or (
                isinstance(value.value, Decimal)
                and not isinstance(value.value, bool)
                and value.value.is_finite()
                and not _decimals(value.value)
                and 0 <= value.value <= MAX_ANTAL
            )
        )
        values.append(value if ok else ValueType(REDACTED, str))
    meta = {k: v for k, v in (entry.meta or {}).items() if k in ("filename", "lineno")}
    return entry._replace(meta=meta, values=values)


def parse_direktiv(
    entries: Sequence[data.Directive], currency: str = "SEK"
) -> tuple[Direktiv, list[LedgerError]]:
    """Parse the project's custom directives; errors for malformed ones."""
    found: dict[str, list[Any]] = {name: [] for name in _PARSERS}
    errors: list[LedgerError] = []
    for entry in entries:
        if not isinstance(entry, data.Custom) or entry.type not in _PARSERS:
            continue
        try:
            parsed = _PARSERS[entry.type](entry, currency)
            if isinstance(parsed, list):
                found[entry.type] += parsed
            else:
                found[entry.type].append(parsed)
        except _Invalid as exc:
            errors.append(_error(entry, str(exc), currency))
    direktiv = Direktiv(
        beviljat=tuple(found["beviljat"]),
        prognoser=tuple(found["prognos"]),
        anstallda=tuple(found["anstallda"]),
        balanskrav=tuple(found["balanskrav"]),
        beslut=tuple(
            item
            for kind in ("atgardsplan", "synnerliga-skal", "budgetunderskott", "kommunfordelning")
            for item in found[kind]
        ),
        riktvarden=tuple(found[RIKTVARDE]),
        nyckeltal=tuple(found[NYCKELTAL]),
        rubriker=tuple(found[RUBRIK]),
        summarader=tuple(found[SUMMARAD]),
        installningar=tuple(found[INSTALLNING]),
        organisation=tuple(found[ORGANISATION]),
        deltagare=tuple(found[DELTAGARE]),
        samhallsekonomi=tuple(found[SAMHALLSEKONOMI]),
    )
    return direktiv, [
        *errors,
        *_nyckeltal_twice(direktiv),
        *_rubrik_twice(direktiv),
        *_deltagare_twice(direktiv),
        *_deltagare_parts(direktiv),
    ]


def _deltagare_error(entry: data.Custom, what: str) -> LedgerError:
    return LedgerError(entry.meta, f'{RULE}: custom "{DELTAGARE}": {what}', redacted(entry))


def _scope(account: str | None) -> str:
    return account if account is not None else "the insatser together"


def _deltagare_twice(direktiv: Direktiv) -> list[LedgerError]:
    """A count given twice for the same insats (or the insatser together), year and key."""
    errors: list[LedgerError] = []
    seen: dict[tuple[int, str | None, str], data.Custom] = {}
    for item in direktiv.deltagare:
        first = seen.setdefault((item.year, item.account, item.key), item.entry)
        if first is not item.entry:
            errors.append(
                _deltagare_error(
                    item.entry,
                    f"{item.key} of {item.year} for {_scope(item.account)} is already given "
                    f"at line {first.meta.get('lineno')} of {first.meta.get('filename')}; keep "
                    "one of them",
                )
            )
    return errors


# The parts of a whole that cannot exceed it: the new participants are among the
# participants (kvinnor and män), those who ended too, and every outcome is of one who ended.
_DELAR: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...] = (
    (("nya",), ("kvinnor", "man"), "varav nya is more than kvinnor and män together"),
    (("avslutade",), ("kvinnor", "man"), "avslutade is more than kvinnor and män together"),
    (UTFALL, ("avslutade",), "the outcomes together are more than avslutade"),
)


def _deltagare_parts(direktiv: Direktiv) -> list[LedgerError]:
    """Counts that contradict each other: a part above its whole.

    Per insats (or the insatser together) and year where both are recorded;
    where that finds nothing, the year's totals (a förbund may record the
    whole per insats and the part for the insatser together). Each error is
    at the last line with the part.
    """
    errors: list[LedgerError] = []
    scopes: dict[tuple[int, str | None], list[Deltagare]] = {}
    for item in direktiv.deltagare:
        scopes.setdefault((item.year, item.account), []).append(item)
    for parts, whole_keys, what in _DELAR:
        for year in sorted({year for year, _ in scopes}):
            groups = [(_scope(a), items) for (y, a), items in scopes.items() if y == year]
            if len(groups) > 1:
                every = [item for _, items in groups for item in items]
                groups.append(("the year's totals", every))
            for scope, items in groups:
                part = [i for i in items if i.key in parts]
                whole = [i for i in items if i.key in whole_keys]
                total_part = sum(i.antal for i in part)
                total_whole = sum(i.antal for i in whole)
                if part and whole and total_part > total_whole:
                    errors.append(
                        _deltagare_error(
                            part[-1].entry,
                            f"{what} ({total_part} > {total_whole}) in {year} for {scope}; "
                            "correct the counts",
                        )
                    )
                    break
    return errors


_INSATS_KLASSER = ("individinriktad", "strukturinriktad", "ny-verksamhet")


def deltagare_pa_insatser(direktiv: Direktiv, chart: Chart) -> list[LedgerError]:
    """A participants line whose account is not an insats open during the year.

    An insats is an account of verksamhetens kostnader with klass
    individinriktad, strukturinriktad or ny-verksamhet (section 3 of the
    ledger format). One error per line.
    """
    errors: list[LedgerError] = []
    seen: set[int] = set()
    for item in direktiv.deltagare:
        if item.account is None or id(item.entry) in seen:
            continue
        seen.add(id(item.entry))
        placement = chart.placements.get(item.account)
        if placement is None:
            what = (
                f"{item.account} is not opened in the chart; count participants on an "
                "insats's account"
            )
        elif placement.post != VERKSAMHETENS_KOSTNADER or placement.klass not in _INSATS_KLASSER:
            what = (
                f"{item.account} is not an insats: participants are counted on an account "
                "of verksamhetens kostnader with klass individinriktad, strukturinriktad or "
                "ny-verksamhet"
            )
        elif not placement.open_during(
            datetime.date(item.year, 1, 1), datetime.date(item.year, 12, 31)
        ):
            what = f"{item.account} is not open in {item.year}; date the line in a year it is open"
        else:
            continue
        errors.append(_deltagare_error(item.entry, what))
    return errors


def _rubrik_twice(direktiv: Direktiv) -> list[LedgerError]:
    """A rubrik whose label is the wording another one gives in a table both apply to.

    The label would be replaced twice, or once, depending on the order; a
    rubrik names a label as the reports print it without rubrik lines.
    """
    errors: list[LedgerError] = []
    for item in direktiv.rubriker:
        other = next(
            (
                o
                for o in direktiv.rubriker
                if o is not item
                and o.text == item.label != item.text
                and o.text != o.label
                and (o.tabell is None or item.tabell is None or o.tabell == item.tabell)
            ),
            None,
        )
        if other is not None:
            errors.append(
                LedgerError(
                    item.entry.meta,
                    f'{RULE}: custom "{RUBRIK}": "{item.label}" is the wording line '
                    f"{other.entry.meta.get('lineno')} of {other.entry.meta.get('filename')} "
                    f'gives "{other.label}"; name the label as the reports print it without '
                    f'rubrik lines (e.g. "{other.label}" "{item.text}"), or limit the two '
                    "lines to different tables with tabell:",
                    printable(item.entry),
                )
            )
    return errors


def _nyckeltal_twice(direktiv: Direktiv) -> list[LedgerError]:
    """A key figure given twice for a year (``anstallda`` also by its own directive)."""
    errors: list[LedgerError] = []
    seen: dict[tuple[int, str], data.Custom] = {
        (a.year, "anstallda"): a.entry for a in direktiv.anstallda
    }
    for item in direktiv.nyckeltal:
        first = seen.setdefault((item.year, item.key), item.entry)
        if first is not item.entry:
            errors.append(
                LedgerError(
                    item.entry.meta,
                    f'{RULE}: custom "{NYCKELTAL}": {item.key} of {item.year} is already '
                    f"given at line {first.meta.get('lineno')} of "
                    f"{first.meta.get('filename')}; keep one of them",
                    printable(item.entry),
                )
            )
    return errors


def nyckeltal_in_booked_years(direktiv: Direktiv, years: Sequence[int]) -> list[LedgerError]:
    """A key figure for a year the books have: the overview computes that year's figures."""
    booked = set(years)
    return [
        LedgerError(
            item.entry.meta,
            f'{RULE}: custom "{NYCKELTAL}": the books have transactions in {item.year}, so '
            f"the overview computes its figures from them; the key figures are for years "
            f"before the books, so remove the line",
            printable(item.entry),
        )
        for item in direktiv.nyckeltal
        if item.year in booked
    ]


def _budget(entry: data.Custom, currency: str) -> None:
    """Check that the entry is a budget Fava can read (its currency aside)."""
    account, interval, amount = _arity(entry, 3)
    _account(account.value, account.dtype)
    if interval_of(interval.value) is None:
        raise _Invalid(
            f"interval {interval.value!r} is not one of yearly, quarterly, monthly, weekly, daily"
        )
    if not isinstance(amount.value, Amount) or amount.value.number is None:
        raise _Invalid(f"expected an amount such as 1000.00 {currency}, not {amount.value!r}")


def split_budgets(
    entries: Sequence[data.Directive], currency: str = "SEK"
) -> tuple[list[data.Custom], list[LedgerError]]:
    """The ``custom "budget"`` entries Fava's parser can read, and errors for the others."""
    budgets: list[data.Custom] = []
    errors: list[LedgerError] = []
    for entry in entries:
        if isinstance(entry, data.Custom) and entry.type == "budget":
            try:
                _budget(entry, currency)
            except _Invalid as exc:
                errors.append(_error(entry, str(exc), currency))
            else:
                budgets.append(entry)
    return budgets, errors


_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "_": "-", " ": "-"})


def meant(name: str) -> str | None:
    """The project's directive a ``custom`` name was probably meant as, if any.

    Close by :func:`difflib.get_close_matches` after folding case, å, ä and ö;
    Fava's own ``fava-*`` names are never taken for the project's.
    """
    if name in NAMES:
        return None
    folded = name.casefold().translate(_FOLD)
    if folded.startswith("fava-"):
        return None
    if folded in NAMES:
        return folded
    close = difflib.get_close_matches(folded, NAMES, n=1)
    return close[0] if close else None


def _misspelt(entries: Sequence[data.Directive]) -> list[LedgerError]:
    errors: list[LedgerError] = []
    for entry in entries:
        if isinstance(entry, data.Custom) and entry.type not in NAMES:
            name = meant(entry.type)
            if name is not None:
                errors.append(
                    LedgerError(
                        entry.meta,
                        f'{RULE}: custom "{entry.type}" is not a known directive, so it is '
                        f'ignored; did you mean custom "{name}"?',
                        redacted(entry) if name == DELTAGARE else printable(entry),
                    )
                )
    return errors


def check(entries: Sequence[data.Directive], currency: str = "SEK") -> list[LedgerError]:
    """Every problem with the budget and project directives, at their lines.

    A malformed directive (Fava's ``budget`` included); a budget, grant or
    forecast on an account that is not opened (no report would show it); a
    budget in another currency than the books'; a ``custom`` name that looks
    like a misspelt directive of the project.
    """
    return read(entries, currency).errors


@dataclass(frozen=True)
class Read:
    """What :func:`read` finds: the directives, the well-formed budget lines, the errors."""

    direktiv: Direktiv
    budgets: list[data.Custom]
    errors: list[LedgerError]


def beyond_last_year(entry: data.Directive) -> LedgerError:
    """The error of an entry dated after the last year a report can cover."""
    rule = RULE if isinstance(entry, data.Custom) else "kontoplan"
    return LedgerError(
        entry.meta,
        f"{rule}: dated {entry.date}, after {LAST_YEAR}-12-31, the last day a report can "
        "cover; correct the date",
        entry,
    )


def read(entries: Sequence[data.Directive], currency: str = "SEK") -> Read:
    """Parse the project's directives and Fava's budget lines once; :func:`check`'s errors."""
    customs: list[data.Custom] = []
    opened: set[str] = set()
    late: list[LedgerError] = []
    for entry in entries:
        if isinstance(entry, data.Custom) and entry.date.year > LAST_YEAR:
            late.append(beyond_last_year(entry))
        elif isinstance(entry, data.Custom):
            customs.append(entry)
        elif isinstance(entry, data.Open):
            opened.add(entry.account)
    parsed, errors = parse_direktiv(customs, currency)
    budgets, budget_errors = split_budgets(customs, currency)
    out: list[LedgerError] = [*late, *errors, *budget_errors]
    checked: list[tuple[str, data.Custom]] = [
        *((g.account, g.entry) for g in parsed.beviljat),
        *((p.account, p.entry) for p in parsed.prognoser),
    ]
    for entry in budgets:
        account, _, amount = (value.value for value in entry.values)
        checked.append((str(account), entry))
        if amount.currency != currency:
            out.append(
                _error(entry, f"amount must be in {currency}, not {amount.currency}", currency)
            )
    for account, entry in checked:
        if account not in opened:
            out.append(
                LedgerError(
                    entry.meta,
                    f'{RULE}: custom "{entry.type}": {account} is not opened in the chart, '
                    "so no report would show it; open the account or correct the name",
                    entry,
                )
            )
    out += _misspelt(customs)
    return Read(parsed, budgets, out)

"""The project's ``custom`` directives, parsed into typed records.

Amounts use Beancount's signs, like Fava's ``budget`` directive: costs
positive, income negative. The year a directive concerns is the year of its
date unless it names a year.

=====================  =========================================================
Directive              Meaning
=====================  =========================================================
``beviljat``           ``2021-01-01 custom "beviljat" Kostnader:Insatser:Enter 3198000 SEK``
                       the board's grant (maximum) for an insats in the year
``prognos``            ``2021-06-30 custom "prognos" Kostnader:Insatser:Enter 2900000 SEK``
                       helårsprognos for the year, as made on that date
                       (the latest one on or before a report's end applies)
``anstallda``          ``2021-12-31 custom "anstallda" 2`` number of employees
``balanskrav``         ``2021-12-31 custom "balanskrav" "rur-reservering" 100000 SEK``
                       a balanskrav adjustment for the year; kinds in
                       :data:`BALANSKRAV_KINDS`, amounts positive
``atgardsplan``        ``2022-03-23 custom "atgardsplan" 2021 2024 "text"``
                       deficit of 2021 to be restored by the end of 2024
``synnerliga-skal``    ``2022-03-23 custom "synnerliga-skal" 2021 "reason"``
                       decision not to restore the 2021 deficit (KL 11:13)
``budgetunderskott``   ``2020-11-20 custom "budgetunderskott" 2021 "text"``
                       decision to budget a deficit covered by eget kapital
``kommunfordelning``   ``2021-01-01 custom "kommunfordelning" 2021 "text"``
                       why the kommuner's split of their quarter changed
=====================  =========================================================
"""

from __future__ import annotations

import collections
import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount

DirektivError = collections.namedtuple("DirektivError", "source message entry")

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
class Direktiv:
    """All the project's directives in a ledger."""

    beviljat: tuple[Beviljat, ...] = ()
    prognoser: tuple[Prognos, ...] = ()
    anstallda: tuple[Anstallda, ...] = ()
    balanskrav: tuple[Balanskravsjustering, ...] = ()
    beslut: tuple[Beslut, ...] = ()

    def antal_anstallda(self, year: int) -> Decimal | None:
        """The last recorded number of employees for a year."""
        found = [a.antal for a in self.anstallda if a.year == year]
        return found[-1] if found else None


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


def _arity(entry: data.Custom, low: int, high: int | None = None) -> list[Any]:
    values = list(entry.values or [])
    high = low if high is None else high
    if not low <= len(values) <= high:
        want = str(low) if low == high else f"{low} to {high}"
        raise _Invalid(f"takes {want} values, got {len(values)}")
    return values


def _beviljat(entry: data.Custom, currency: str) -> Beviljat:
    account, amount = _arity(entry, 2)
    return Beviljat(
        _account(account.value, account.dtype),
        entry.date.year,
        _amount(amount.value, currency),
        entry,
    )


def _prognos(entry: data.Custom, currency: str) -> Prognos:
    account, amount = _arity(entry, 2)
    return Prognos(
        _account(account.value, account.dtype),
        entry.date,
        _amount(amount.value, currency),
        entry,
    )


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
        raise _Invalid("amount must be positive; the kind says which way it counts")
    return Balanskravsjustering(entry.date.year, name, number, entry)


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
}


def parse_direktiv(
    entries: Sequence[data.Directive], currency: str = "SEK"
) -> tuple[Direktiv, list[DirektivError]]:
    """Parse the project's custom directives; errors for malformed ones."""
    found: dict[str, list[Any]] = {name: [] for name in _PARSERS}
    errors: list[DirektivError] = []
    for entry in entries:
        if not isinstance(entry, data.Custom) or entry.type not in _PARSERS:
            continue
        try:
            found[entry.type].append(_PARSERS[entry.type](entry, currency))
        except _Invalid as exc:
            errors.append(DirektivError(entry.meta, f'custom "{entry.type}": {exc}', entry))
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
    )
    return direktiv, errors


def check(entries: Sequence[data.Directive], currency: str = "SEK") -> list[Any]:
    """Every problem with the budget and project directives, at their lines.

    Fava's own budget parser's errors; the project's directives' errors; a
    budget, grant or forecast on an account that is not opened (no report
    would show it); a budget in another currency than the books'.
    """
    from fava.core.budgets import parse_budgets

    parsed, errors = parse_direktiv(entries, currency)
    customs: list[Any] = [e for e in entries if isinstance(e, data.Custom)]
    _, budget_errors = parse_budgets(customs)
    out: list[Any] = list(errors)
    out += [
        DirektivError(e.source, f'custom "budget": {e.message}', e.entry) for e in budget_errors
    ]
    opened = {entry.account for entry in entries if isinstance(entry, data.Open)}
    checked: list[tuple[str, data.Custom]] = [
        *((g.account, g.entry) for g in parsed.beviljat),
        *((p.account, p.entry) for p in parsed.prognoser),
    ]
    for entry in customs:
        if entry.type != "budget":
            continue
        values = [value.value for value in entry.values or []]
        if values and isinstance(values[0], str):
            checked.append((values[0], entry))
        amount = values[2] if len(values) > 2 else None
        if isinstance(amount, Amount) and amount.currency != currency:
            out.append(
                DirektivError(
                    entry.meta,
                    f'custom "budget": amount in {amount.currency}; the books are kept in '
                    f"{currency}",
                    entry,
                )
            )
    for account, entry in checked:
        if account not in opened:
            out.append(
                DirektivError(
                    entry.meta,
                    f'custom "{entry.type}": {account} is not opened in the chart, '
                    "so no report would show it",
                    entry,
                )
            )
    return out

"""The kassaflödesanalys's figures, and its identity checked where the books are built.

:func:`kolumn` gives one column of the kassaflödesanalys (indirect method),
exact, from the books' index (the flows of :data:`FLOWS`, classified per
transaction by :mod:`finsam_ledger.model.books`). Årets kassaflöde must
equal the change in likvida medel (Kassa och bank, and the kortfristiga
placeringar the förbund classifies as likvida medel with ``likvida-medel:
TRUE``, RKR R13; :attr:`~finsam_ledger.model.chart.Placement.kassaflode`).
Per transaction it does
by construction: every posting on a placed account is in exactly one part
of the analysis, and a transaction's postings sum to zero. It fails only
for a transaction whose postings on the statements' accounts do not sum to
zero (an account without a place, a residual Beancount tolerates), and for
an ingående balans dated inside the period (its cash is in the closing
balance but in no flow). :func:`kassaflode_fel` checks a period and reports
a failure as a :class:`~finsam_ledger.model.errors.LedgerError` at the
first such transaction; :func:`kassaflode_errors` checks every year of the
books, as the build does, so that ``bean-check`` (through the
``kontoplan`` plugin), ``finsam report`` and Fava report it at a line.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from beancount.core import data

from finsam_ledger.model import chart as c
from finsam_ledger.model.errors import LedgerError
from finsam_ledger.model.money import ZERO
from finsam_ledger.model.period import Period

if TYPE_CHECKING:
    from finsam_ledger.model.books import Books

RULE = "kontoplan"

# Pseudo-accounts of the index, the flows of the kassaflödesanalys (names no ledger can
# use; the chart's ``KF_*`` name the part of the kassaflödesanalys a statement line is in).
FLOW_INVESTERING = "\x00investering"  # -(fixed-asset legs + their I/E legs), per transaction
FLOW_AVSKRIVNING = "\x00avskrivning"  # avskrivning legs of fixed-asset transactions
FLOW_REALISATION = "\x00realisation"  # other income/expense legs of fixed-asset transactions
FLOW_LAN = "\x00lan"  # -(långfristig skuld legs), per transaction
FLOW_EK_KASSA = "\x00ek-kassa"  # -(eget kapital legs) of transactions that move cash
FLOW_EK_OVRIGT = "\x00ek-ovrigt"  # -(eget kapital legs) of transactions that do not
FLOWS = (
    FLOW_INVESTERING,
    FLOW_AVSKRIVNING,
    FLOW_REALISATION,
    FLOW_LAN,
    FLOW_EK_KASSA,
    FLOW_EK_OVRIGT,
)


def kolumn(books: Books, period: Period) -> dict[str, Decimal] | None:
    """All figures of one column, exact; ``None`` for a period without books.

    Keys: the lines of the kassaflödesanalys (``resultat``, ``avskrivningar``
    … ``lopande``, ``investeringsverksamhet``, ``finansieringsverksamhet``,
    ``kassaflode``, ``borjan``, ``slut``). Nothing is checked here.
    """
    if not books.has_transactions(period):
        return None
    chart = books.chart

    def change(kf: str) -> Decimal:
        return -books.sum_change(chart.in_kassaflode(kf), period)

    likvida = chart.in_kassaflode(c.KF_LIKVIDA)
    f: dict[str, Decimal] = {
        "resultat": -books.sum_change(chart.of_type(c.INCOME, c.EXPENSES), period),
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
    return f


def kassaflode_fel(books: Books, period: Period) -> LedgerError | None:
    """An error if årets kassaflöde of the period differs from the change in likvida medel.

    At the period's first transaction that makes the difference (see the
    module's docstring), else at its first transaction.
    """
    f = kolumn(books, period)
    if f is None or f["kassaflode"] == f["slut"] - f["borjan"]:
        return None
    headline = (
        f"{RULE}: kassaflödesanalys {period.label}: årets kassaflöde {f['kassaflode']} "
        f"differs from the change in likvida medel {f['slut'] - f['borjan']} "
        f"({f['borjan']} to {f['slut']})"
    )
    entry, why = _cause(books, period)
    if entry is None:
        return LedgerError(
            _first_meta(books, period),
            f"{headline}; a transaction inside the period is booked where the "
            "statements cannot follow it: check its accounts and amounts",
            None,
        )
    return LedgerError(entry.meta, f"{headline}: {why}", entry)


def kassaflode_errors(books: Books) -> list[LedgerError]:
    """:func:`kassaflode_fel` for every calendar year with transactions."""
    found = (kassaflode_fel(books, Period.year(year)) for year in books.years())
    return [error for error in found if error is not None]


def _legs(books: Books, entry: data.Transaction) -> list[tuple[str, Decimal]]:
    """The postings the index keeps (those in the books' currency)."""
    return [
        (posting.account, Decimal(posting.units.number))
        for posting in entry.postings
        if posting.units is not None
        and posting.units.number is not None
        and posting.units.currency == books.currency
    ]


def _cause(books: Books, period: Period) -> tuple[data.Transaction | None, str]:
    """The period's first transaction that makes årets kassaflöde differ, and why."""
    placements = books.chart.placements
    opening = books.chart.opening_account
    for entry in books.entries:
        if not isinstance(entry, data.Transaction):
            continue
        legs = _legs(books, entry)
        if any(posting.account == opening for posting in entry.postings):
            if not period.start < entry.date <= period.end:
                continue
            cash = sum(
                (
                    number
                    for account, number in legs
                    if account in placements and placements[account].kassaflode == c.KF_LIKVIDA
                ),
                ZERO,
            )
            if cash:
                return entry, (
                    f"this ingående balans (a transaction on {opening}) is dated inside "
                    f"the period and brings {cash} into likvida medel that no kassaflöde "
                    f"explains; date it on or before {period.start}, or book the correction "
                    "as a transaction on another equity account"
                )
            continue
        if not period.start <= entry.date < period.end:
            continue
        residual = sum((number for account, number in legs if account in placements), ZERO)
        if residual:
            unplaced = sorted({account for account, _ in legs if account not in placements})
            where = f" (postings on accounts without a place: {', '.join(unplaced)})"
            return entry, (
                f"this transaction's postings on the statements' accounts sum to "
                f"{residual}, not zero{where if unplaced else ''}; correct its amounts"
                + (" or place the accounts" if unplaced else "")
            )
    return None, ""


def _first_meta(books: Books, period: Period) -> Mapping[str, Any] | None:
    for entry in books.entries:
        if isinstance(entry, data.Transaction) and period.start <= entry.date < period.end:
            return entry.meta
    return None

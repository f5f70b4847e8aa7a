"""Medlemsbidrag periodised pro rata, for a delårsrapport.

Members often pay their whole year's bidrag early, so a half-year result
without accruals looks far too good. :func:`periodisera` returns books in
which each contribution account carries its share of the year's amount for
the period (months elapsed / 12, or days when the period does not end at a
month end), the difference booked at the period's last day, per member, to
förutbetalda medlemsbidrag among the kortfristiga skulder (paid ahead) or to
upplupna medlemsbidrag among the fordringar (behind), so that the
resultaträkning and the balansräkning stay consistent, and reversed the day
after, so that no other period is touched.

The year's amount is the account's ``prognos`` or budget for the current
year, and what was booked in the whole year for an earlier, closed year.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from beancount.core import amount, data

from finsam_ledger.model.books import Books, from_entries
from finsam_ledger.model.money import ORE, ZERO, kronor
from finsam_ledger.model.period import Period
from finsam_ledger.rules import prognos
from finsam_ledger.rules.finansiering import medlemsbidrag_accounts

ACCOUNT = "Kortfristiga:Förutbetalda-medlemsbidrag"
NOTRAD = "Förutbetalda medlemsbidrag (periodisering)"
RECEIVABLE = "Fordringar:Upplupna-medlemsbidrag"
RECEIVABLE_NOTRAD = "Upplupna medlemsbidrag (periodisering)"


def andel(period: Period) -> tuple[Decimal, str]:
    """The share of a year a period covers, and how it is stated."""
    if period.end.day == 1:
        months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month
        return Decimal(months) / 12, f"{months}/12"
    year = Period.year(period.start.year)
    days, total = (period.end - period.start).days, (year.end - year.start).days
    return Decimal(days) / total, f"{days}/{total} dagar"


def _annual(books: Books, account: str, period: Period) -> Decimal | None:
    year = Period.year(period.start.year)
    if books.is_closed(period.start.year):
        return books.change(account, year)
    forecast = prognos.konto(books, account, period)
    return forecast.amount if forecast.kalla in (prognos.PROGNOS, prognos.BUDGET) else None


def periodisera(books: Books, periods: list[Period]) -> tuple[Books, list[str]]:
    """Books with the medlemsbidrag of each period periodised, and what was done, in words."""
    liability = f"{books.options['name_liabilities']}:{ACCOUNT}"
    receivable = f"{books.options['name_assets']}:{RECEIVABLE}"
    meta = data.new_metadata("<periodisering>", 0)
    first = min(
        (e.date for e in books.entries if isinstance(e, data.Open)),
        default=datetime.date(1900, 1, 1),
    )
    added: list[data.Directive] = [
        data.Open({**meta, "notrad": NOTRAD}, first, liability, [books.currency], None),
        data.Open({**meta, "notrad": RECEIVABLE_NOTRAD}, first, receivable, [books.currency], None),
    ]
    notes: list[str] = []
    for period in periods:
        if not books.has_transactions(period):
            continue
        share, text = andel(period)
        postings = []
        booked_total = target_total = prepaid = arrears = ZERO
        missing = []
        for placement in medlemsbidrag_accounts(books):
            annual = _annual(books, placement.account, period)
            if annual is None:
                missing.append(placement.notrad)
                continue
            booked = books.change(placement.account, period)
            target = (annual * share).quantize(ORE)
            booked_total += booked
            target_total += target
            difference = target - booked
            if difference:
                postings.append(_posting(placement.account, difference, books.currency))
            # Paid ahead: förutbetald (a liability); behind: upplupen (a receivable).
            if difference > 0:
                prepaid += difference
            else:
                arrears -= difference
        if postings:
            if prepaid:
                postings.append(_posting(liability, -prepaid, books.currency))
            if arrears:
                postings.append(_posting(receivable, arrears, books.currency))
            reversal = [_posting(p.account, -_number(p), books.currency) for p in postings]
            # Booked at the period's last day and reversed the next: it touches the period only.
            added += [
                _transaction(meta, period.last_day, "Periodisering av medlemsbidrag", postings),
                _transaction(
                    meta, period.end, "Återföring av periodisering av medlemsbidrag", reversal
                ),
            ]
        note = (
            f"{period.label}: medlemsbidragen periodiserade, {text} av årets belopp: "
            f"{kronor(-target_total)} i stället för bokförda {kronor(-booked_total)}"
        )
        if missing:
            note += f" (ej periodiserade, varken prognos eller budget: {', '.join(missing)})"
        notes.append(note)
    # Open only the accounts the periodisering posts to: an unused one would print a zero row.
    used = {p.account for e in added if isinstance(e, data.Transaction) for p in e.postings}
    added = [e for e in added if not isinstance(e, data.Open) or e.account in used]
    entries = sorted([*books.entries, *added], key=data.entry_sortkey)
    adjusted, errors = from_entries(entries, [], books.options)
    if adjusted is None:  # pragma: no cover - the books were valid before
        raise RuntimeError(f"periodisering failed: {[e.message for e in errors]}")
    return adjusted, notes


def _transaction(
    meta: dict[str, object], day: datetime.date, narration: str, postings: list[data.Posting]
) -> data.Transaction:
    return data.Transaction(meta, day, "*", None, narration, frozenset(), frozenset(), postings)


def _number(posting: data.Posting) -> Decimal:
    assert posting.units is not None and posting.units.number is not None
    return Decimal(posting.units.number)


def _posting(account: str, number: Decimal, currency: str) -> data.Posting:
    return data.Posting(account, amount.Amount(number, currency), None, None, None, None)

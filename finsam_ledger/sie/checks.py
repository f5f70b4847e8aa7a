"""What a SIE file must add up to: balanced vouchers, and balances that follow the vouchers.

:func:`check` lists every problem, each with the line of the voucher or
record it concerns:

* every voucher's ``#TRANS`` rows sum to zero, to the öre (rows removed by
  ``#BTRANS`` are history and do not count; rows added by ``#RTRANS`` count
  once, as the ``#TRANS`` that repeats them); a voucher with no rows
  balances (programs export voided vouchers so; the reader warns);
* where the file has ``#RAR``: every voucher's date lies in one of its years;
* for each year that has vouchers (and year 0 of a type 4 file), when the
  file gives balances for that year: every balance account's ``#UB`` is its
  ``#IB`` plus the year's transactions, and every result account's ``#RES``
  is the year's transactions (a missing ``#IB``, ``#UB`` or ``#RES`` is
  zero, as SIE allows). An account is a balance account when it has ``#IB``
  or ``#UB``, a result account when it has ``#RES``; otherwise ``#KTYP``
  decides (T, S balance; K, I result), and without that the BAS class (1–2
  balance, 3–8 result).

A 4I file (vouchers only) has no balances, so only its vouchers are checked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from finsam_ledger.sie.model import SieFile, Voucher

ORE = Decimal("0.01")


@dataclass(frozen=True)
class Problem:
    """A check that failed: the line of the voucher or record, and why (one line)."""

    line: int
    reason: str


def check(sie: SieFile) -> tuple[Problem, ...]:
    """Every problem of the file, in line order."""
    problems = [*_balanced(sie), *_years(sie), *_closing(sie)]
    return tuple(sorted(problems, key=lambda problem: problem.line))


def name(voucher: Voucher) -> str:
    """A voucher as people say it: ``A 12`` (or ``12`` without a series)."""
    return f"{voucher.series} {voucher.number}".strip() or "(no number)"


def _balanced(sie: SieFile) -> list[Problem]:
    problems: list[Problem] = []
    for voucher in sie.vouchers:
        total = sum((row.amount for row in voucher.transactions), Decimal(0))
        if total.quantize(ORE) != 0:
            problems.append(
                Problem(
                    voucher.line,
                    f"voucher {name(voucher)} does not balance: its rows sum to {total:.2f}",
                )
            )
    return problems


def _years(sie: SieFile) -> list[Problem]:
    if not sie.years:
        return []
    return [
        Problem(
            voucher.line,
            f"voucher {name(voucher)} is dated {voucher.date:%Y%m%d}, in no fiscal year of #RAR",
        )
        for voucher in sie.vouchers
        if sie.year_of(voucher.date) is None
    ]


def _closing(sie: SieFile) -> list[Problem]:
    sums: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    first_line: dict[tuple[int, str], int] = {}
    for voucher in sie.vouchers:
        year = sie.year_of(voucher.date)
        if year is None:
            continue
        for row in voucher.transactions:
            sums[year, row.account] += row.amount
            first_line.setdefault((year, row.account), voucher.line)
    given = {year for year, _ in (*sie.ib, *sie.ub, *sie.res)}
    booked = {year for year, _ in sums} | ({0} if sie.sietyp == 4 else set())
    problems: list[Problem] = []
    for year in sorted(given & booked, reverse=True):
        accounts = {account for (at, account) in (*sie.ib, *sie.ub, *sie.res, *sums) if at == year}
        for account in sorted(accounts):
            key = (year, account)
            moved = sums.get(key, Decimal(0))
            if _is_balance(sie, key):
                opening = sie.ib[key].amount if key in sie.ib else Decimal(0)
                closing = sie.ub[key].amount if key in sie.ub else Decimal(0)
                if (opening + moved - closing).quantize(ORE) != 0:
                    line = _line_of(sie, key, first_line)
                    problems.append(
                        Problem(
                            line,
                            f"#UB {year} {account} is {closing:.2f}, but #IB {opening:.2f} plus "
                            f"the year's transactions {moved:.2f} make {opening + moved:.2f}",
                        )
                    )
            else:
                result = sie.res[key].amount if key in sie.res else Decimal(0)
                if (moved - result).quantize(ORE) != 0:
                    line = sie.res[key].line if key in sie.res else first_line.get(key, 0)
                    problems.append(
                        Problem(
                            line,
                            f"#RES {year} {account} is {result:.2f}, but the year's "
                            f"transactions make {moved:.2f}",
                        )
                    )
    return problems


def _is_balance(sie: SieFile, key: tuple[int, str]) -> bool:
    if key in sie.ib or key in sie.ub:
        return True
    if key in sie.res:
        return False
    account = sie.accounts.get(key[1])
    if account is not None and account.type in ("T", "S", "K", "I"):
        return account.type in ("T", "S")
    return key[1][:1] in ("1", "2")


def _line_of(sie: SieFile, key: tuple[int, str], first_line: dict[tuple[int, str], int]) -> int:
    for balances in (sie.ub, sie.ib):
        if key in balances:
            return balances[key].line
    return first_line.get(key, 0)

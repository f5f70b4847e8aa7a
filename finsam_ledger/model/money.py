"""Exact amounts: the numbers every layer shares, and amounts in messages.

Amounts are ``Decimal`` kronor and öre, never floats, with Beancount's
signs until a table prints them. A value is rounded once, half away from
zero, where it is printed (:func:`whole`); :func:`kronor` and
:func:`procent` put a figure into a message.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

ZERO = Decimal(0)
HUNDRED = Decimal(100)
ORE = Decimal("0.01")


def whole(value: Decimal) -> int:
    """The value rounded to a whole number, half away from zero.

    In a context wide enough for any amount a ledger can hold: the default
    28 digits would make an absurdly large amount an exception here.
    """
    with localcontext(prec=max(28, len(value.as_tuple().digits) + 2)):
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_int(value: int | None, separator: str = " ") -> str:
    """``7901926`` as ``7 901 926``; ``None`` as an empty string."""
    if value is None:
        return ""
    return f"{value:,}".replace(",", separator)


def kronor(value: Decimal) -> str:
    """An amount for a message: ``1 394 900 kr``, rounded once."""
    return f"{format_int(whole(value))} kr"


def procent(value: Decimal, decimals: int = 1) -> str:
    """A percentage for a message: ``30,9 %``."""
    quantum = Decimal(1).scaleb(-decimals)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP)} %".replace(".", ",")

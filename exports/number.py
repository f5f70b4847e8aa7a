"""Swedish number formatting: space as thousands separator, leading minus."""

from __future__ import annotations


def format_int(value: int | None, separator: str = " ") -> str:
    """``7901926`` as ``7 901 926``; ``None`` as an empty string."""
    if value is None:
        return ""
    return f"{value:,}".replace(",", separator)

"""Reporting periods: a calendar year, or a part of one (a delårsrapport's)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

ONE_DAY = datetime.timedelta(days=1)
# The last year a report can cover: a period ends on the day after it, and
# 10000-01-01 is no date. Entries of a later year are an error at their line.
LAST_YEAR = datetime.MAXYEAR - 1


@dataclass(frozen=True)
class Period:
    """A period of days, ``start`` inclusive and ``end`` exclusive."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"period ends before it starts: {self.start}..{self.end}")

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year (räkenskapsår = kalenderår, LKBR)."""
        return cls(datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))

    @classmethod
    def delar(cls, start: datetime.date, last_day: datetime.date) -> Period:
        """A delårsrapport's period: 1 January to a day from 30 June to 31 August.

        Raises ``ValueError`` for any other period.
        """
        if (start.month, start.day) != (1, 1) or not (
            start.year == last_day.year and (6, 30) <= (last_day.month, last_day.day) <= (8, 31)
        ):
            raise ValueError(
                "a delårsrapport runs from 1 January to a day "
                "from 30 June to 31 August of the same year"
            )
        return cls(start, last_day + ONE_DAY)

    @property
    def last_day(self) -> datetime.date:
        """The last day in the period (the balance sheet date)."""
        return self.end - ONE_DAY

    @property
    def is_year(self) -> bool:
        """Whether this is exactly one calendar year."""
        return self == Period.year(self.start.year)

    def previous(self) -> Period:
        """The same period one year earlier."""
        return Period(_year_earlier(self.start), _year_earlier(self.end))

    @property
    def label(self) -> str:
        """Column heading: ``2021`` for a year, else ``2021-01-01–2021-06-30``."""
        if self.is_year:
            return str(self.start.year)
        return f"{self.start.isoformat()}–{self.last_day.isoformat()}"


def _year_earlier(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)

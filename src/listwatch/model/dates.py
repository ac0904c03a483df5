"""Partial dates: lists say "1961", "2023-12" or "2001-01-25", and the precision is part of the fact.

A year alone is a value, not an error (as in FollowTheMoney's date type); comparisons use the earliest
and latest day the partial date can mean.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

# A trailing zone offset is dropped: UN files write LISTED_ON as "2015-04-14-04:00".
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:Z|[+-]\d{2}:\d{2})?$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day needs a month")
            date(self.year, self.month, self.day)  # raises ValueError on 2001-02-30

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        if self.day:
            return date(self.year, self.month or 1, self.day)
        if self.month:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)


def parse_partial_date(text: str) -> PartialDate:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD (a time part after 'T' is ignored); ValueError otherwise."""
    value = text.strip().split("T", 1)[0]
    match = _ISO.match(value)
    if match is None:
        raise ValueError(f'"{text}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)')
    year, month, day = match.groups()
    try:
        return PartialDate(int(year), int(month) if month else None, int(day) if day else None)
    except ValueError as exc:
        raise ValueError(f'"{text}" is not a date: {exc}') from None

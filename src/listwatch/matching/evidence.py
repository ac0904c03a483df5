"""The evidence beside the name: a birth date and a country, each a value added to the name's score
and the reason for it."""

from __future__ import annotations

from listwatch.matching.lexicon.countries import COUNTRY_ALIASES, COUNTRY_CODES
from listwatch.model import PartialDate

# Birth dates: a year within this many years of a listed birth year supports the match (lists often
# give an approximate year, "circa 1968", or several years); further apart it counts against.
BIRTH_YEAR_TOLERANCE = 1


def birth_date_value(query: PartialDate | None, listed: tuple[PartialDate, ...]) -> float:
    """``birth_date_evidence``'s number alone, without its text (built only for reported hits)."""
    if query is None or not listed:
        return 0.0
    year = query.year
    best = min(listed, key=lambda d: abs(d.year - year))
    gap = abs(best.year - year)
    if gap > BIRTH_YEAR_TOLERANCE:
        return -0.2
    if gap == 0 and query.day and best.day:
        return 0.1 if (query.month, query.day) == (best.month, best.day) else -0.05
    return 0.06 if gap == 0 else 0.02


def birth_date_evidence(query: PartialDate | None, listed: tuple[PartialDate, ...]) -> tuple[float, str]:
    if query is None or not listed:
        return 0.0, ""
    best = min(listed, key=lambda d: abs(d.year - query.year))
    gap = abs(best.year - query.year)
    if gap > BIRTH_YEAR_TOLERANCE:
        return -0.2, f"birth date {query} conflicts with {best} (-0.20)"
    if gap == 0 and query.day and best.day:
        if (query.month, query.day) == (best.month, best.day):
            return 0.1, f"birth date {query} = {best} (+0.10)"
        return -0.05, f"birth date {query} same year, other day than {best} (-0.05)"
    if gap == 0:
        return 0.06, f"birth year {query.year} = {best} (+0.06)"
    return 0.02, f"birth year {query.year} within {BIRTH_YEAR_TOLERANCE} year of {best} (+0.02)"


def country_key(text: str) -> str:
    value = text.strip().casefold()
    value = COUNTRY_CODES.get(value, value)
    return COUNTRY_ALIASES.get(value, value)


def country_evidence(query: str | None, listed: frozenset[str]) -> tuple[float, str]:
    if not query or not listed:
        return 0.0, ""
    key = country_key(query)
    if key in listed or any(key in c or c in key for c in listed if len(c) > 3 and len(key) > 3):
        return 0.03, f"country {query} listed (+0.03)"
    return -0.05, f"country {query} not among {', '.join(sorted(listed))} (-0.05)"

"""The evidence beside the name: a birth date and a country. Each is a function returning a result
(``BirthDateEvidence``, ``CountryEvidence``) that holds what was compared; its ``score`` (added to
the name's) and its ``detail`` (the explanation's words) are both read from it, so the rule is written
once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from listwatch.matching.lexicon.countries import COUNTRY_ALIASES, COUNTRY_CODES
from listwatch.model import PartialDate

# Birth dates: a year within this many years of a listed birth year supports the match (lists often
# give an approximate year, "circa 1968", or several years); further apart it counts against.
BIRTH_YEAR_TOLERANCE = 1

BirthOutcome = Literal["same_day", "other_day", "same_year", "near_year", "conflict"]
# What each outcome adds to the score, and why that much:
BIRTH_DATE_SCORES: dict[BirthOutcome, float] = {
    # the same day: few people share a name and a birthday; the strongest support there is
    "same_day": 0.10,
    # the same year, another day: lists rarely get a day wrong when they give one, so it counts against,
    # though less than another year (a day and month swapped, a calendar conversion)
    "other_day": -0.05,
    # the same year, no day on one side: a year is shared by many people of one name
    "same_year": 0.06,
    # within BIRTH_YEAR_TOLERANCE: lists give approximate and several years; weak support
    "near_year": 0.02,
    # years apart: another person of the same name, most likely; it takes a strong name to stay a hit
    "conflict": -0.20,
}
# Country: listed supports weakly (many people share a country); not listed counts against a little
# more, since a list gives every nationality and country of residence it knows.
COUNTRY_LISTED = 0.03
COUNTRY_NOT_LISTED = -0.05


@dataclass(frozen=True, slots=True)
class BirthDateEvidence:
    """The query's birth date against the closest listed one."""

    query: PartialDate
    listed: PartialDate
    outcome: BirthOutcome

    @property
    def score(self) -> float:
        return BIRTH_DATE_SCORES[self.outcome]

    @property
    def detail(self) -> str:
        q, best, value = self.query, self.listed, f"({self.score:+.2f})"
        if self.outcome == "conflict":
            return f"birth date {q} conflicts with {best} {value}"
        if self.outcome == "same_day":
            return f"birth date {q} = {best} {value}"
        if self.outcome == "other_day":
            return f"birth date {q} same year, other day than {best} {value}"
        if self.outcome == "same_year":
            return f"birth year {q.year} = {best} {value}"
        return f"birth year {q.year} within {BIRTH_YEAR_TOLERANCE} year of {best} {value}"


def birth_date_evidence(
    query: PartialDate | None, listed: tuple[PartialDate, ...]
) -> BirthDateEvidence | None:
    """None when either side gives no birth date (no evidence either way)."""
    if query is None or not listed:
        return None
    year = query.year
    best = min(listed, key=lambda d: abs(d.year - year))
    gap = abs(best.year - year)
    outcome: BirthOutcome
    if gap > BIRTH_YEAR_TOLERANCE:
        outcome = "conflict"
    elif gap == 0 and query.day and best.day:
        outcome = "same_day" if (query.month, query.day) == (best.month, best.day) else "other_day"
    else:
        outcome = "same_year" if gap == 0 else "near_year"
    return BirthDateEvidence(query, best, outcome)


def country_key(text: str) -> str:
    value = text.strip().casefold()
    value = COUNTRY_CODES.get(value, value)
    return COUNTRY_ALIASES.get(value, value)


@dataclass(frozen=True, slots=True)
class CountryEvidence:
    """The query's country against the entity's listed countries and nationalities."""

    query: str
    listed: frozenset[str]
    found: bool

    @property
    def score(self) -> float:
        return COUNTRY_LISTED if self.found else COUNTRY_NOT_LISTED

    @property
    def detail(self) -> str:
        if self.found:
            return f"country {self.query} listed ({self.score:+.2f})"
        return f"country {self.query} not among {', '.join(sorted(self.listed))} ({self.score:+.2f})"


def country_evidence(query: str | None, listed: frozenset[str]) -> CountryEvidence | None:
    """None when either side gives no country. A longer name contains a shorter ("korea, democratic
    people's republic of" and "korea"), which lists and customers write either way."""
    if not query or not listed:
        return None
    key = country_key(query)
    found = key in listed or any(key in c or c in key for c in listed if len(c) > 3 and len(key) > 3)
    return CountryEvidence(query, listed, found)

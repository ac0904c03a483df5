"""Dates in news text, absolute and relative, resolved against the publication date.

Expressions are found with patterns (English and Russian) and their values computed with dateutil:
``parser.parse`` reads the absolute part, ``relativedelta`` does the calendar arithmetic ("last month",
"on Monday" = the latest Monday on or before publication). A date keeps the precision the text gives
("in December 2023" is 2023-12, not 2023-12-01), as a ``PartialDate``. A relative expression without a
publication date resolves to nothing rather than to a guess. ``dateparser`` was not added: it would
resolve "Monday" against today's clock and cannot say which parts the text left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday

from listwatch.model.dates import PartialDate

_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_RU_MONTHS = {
    # genitive ("3 декабря"), prepositional ("в декабре") and nominative forms, by month number
    1: ("января", "январе", "январь"),
    2: ("февраля", "феврале", "февраль"),
    3: ("марта", "марте", "март"),
    4: ("апреля", "апреле", "апрель"),
    5: ("мая", "мае", "май"),
    6: ("июня", "июне", "июнь"),
    7: ("июля", "июле", "июль"),
    8: ("августа", "августе", "август"),
    9: ("сентября", "сентябре", "сентябрь"),
    10: ("октября", "октябре", "октябрь"),
    11: ("ноября", "ноябре", "ноябрь"),
    12: ("декабря", "декабре", "декабрь"),
}
_RU_MONTH_NUMBER = {form: n for n, forms in _RU_MONTHS.items() for form in forms}
_WEEKDAYS: dict[str, weekday] = {
    "monday": MO, "tuesday": TU, "wednesday": WE, "thursday": TH, "friday": FR, "saturday": SA, "sunday": SU,
    "понедельник": MO, "вторник": TU, "среду": WE, "среда": WE, "четверг": TH, "пятницу": FR,
    "пятница": FR, "субботу": SA, "суббота": SA, "воскресенье": SU,
}  # fmt: skip

_MONTH_EN = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"  # noqa: E501
_MONTH_RU = "(?:" + "|".join(sorted(_RU_MONTH_NUMBER, key=len, reverse=True)) + ")"
_WD_EN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WD_RU = r"(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_ORD = r"(?:st|nd|rd|th)?"
_RU_YEAR_WORD = r"(?:\s*(?:года|году|год|г\.))?"

# Ordered: the first pattern to claim a stretch of text wins, so longer forms come first.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx))
    for name, rx in (
        ("iso", rf"\b(?P<year>{_YEAR})-(?P<month>\d\d)-(?P<day>\d\d)\b"),
        ("numeric", rf"\b(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.(?P<year>{_YEAR})\b"),
        (
            "en_mdy",
            rf"\b(?:{_WD_EN},?\s+)?(?P<month>{_MONTH_EN})\.?\s+(?P<day>\d{{1,2}}){_ORD}\b(?:,?\s+(?P<year>{_YEAR})\b)?",
        ),
        (
            "en_dmy",
            rf"\b(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<month>{_MONTH_EN})\b(?:,?\s+(?P<year>{_YEAR})\b)?",
        ),
        ("en_my", rf"\b(?P<month>{_MONTH_EN})\s+(?:of\s+)?(?P<year>{_YEAR})\b"),
        (
            "en_month",
            rf"(?i:\b(?:in|since|until|by|during|from|of|early|mid|late|back\s+in|last)[-\s]+)(?P<month>{_MONTH_EN})\b",
        ),
        (
            "ru_dmy",
            rf"(?i:\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_RU})(?![а-яё])(?:\s+(?P<year>{_YEAR}){_RU_YEAR_WORD})?)",
        ),
        # a month is a whole word: "майданы" is not May
        ("ru_my", rf"(?i:\b(?P<month>{_MONTH_RU})(?![а-яё])(?:\s+(?P<year>{_YEAR}){_RU_YEAR_WORD})?)"),
        (
            "weekday",
            rf"(?i:(?:\b(?:(?P<last>last|this\s+past|в\s+минувший|в\s+прошлый)\s+|on\s+|во?\s+)|(?<=ed\s))(?P<weekday>{_WD_EN}|{_WD_RU})\b)",
        ),
        (
            "relative",
            r"(?i:\b(?:(?P<which>last|this|earlier\s+this|в\s+прошлом|в\s+этом|в\s+текущем|в\s+минувшем)\s+(?P<unit>month|year|summer|winter|spring|autumn|fall|месяце|году))\b|\b(?P<season_ru>этим|прошлым)\s+(?P<ru_unit>летом|зимой|весной|осенью)\b)",
        ),
        ("ago", r"(?i:\b(?P<n>\d{1,2}|a|one|two|three)\s+(?P<unit>year|month)s?\s+ago\b)"),
        # "на сегодня", "as of today": a state of affairs, not a day anything happened
        ("day", r"(?i:(?<!на\s)(?<!of\s)\b(?P<word>yesterday|today|вчера|сегодня)\b)"),
        (
            "year",
            rf"(?<![\d$€£.,/-])(?<!\d\s\()\b(?P<year>{_YEAR})\b(?![\d%]|[.,]\d|\s*(?:million|billion|people|km))",
        ),
    )
)
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3}


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: PartialDate | None  # None: relative, and no publication date to resolve it against


_DATELINE = re.compile(r"^\s*date\s+$", re.I)
_LAW_NAME = re.compile(r"\b(?:Act|Order|Regulations?|Resolution|Convention|Strategy)(?:\s+of)?\s+$")


def find_dates(text: str, published: date | None = None) -> list[DateMention]:
    """Every date expression in ``text``, left to right, each resolved where it can be."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            try:
                value = _resolve(name, match, published)
            except ValueError:
                continue  # "February 30": not a date, so not evidence of one
            if name == "year" and _LAW_NAME.search(text[:start]):
                continue  # "the Terrorism Act 2000": part of a name, not when anything happened
            if _DATELINE.match(text[:start]):
                continue  # " date 2025-11-14 The United States ...": the page's date line, not the act's
            taken.append((start, end))
            found.append(DateMention(start, end, match.group(), value))
    return sorted(found, key=lambda m: m.start)


def _resolve(name: str, match: re.Match[str], published: date | None) -> PartialDate | None:
    groups = {k: v for k, v in match.groupdict().items() if v}
    if name == "weekday":
        return _weekday(groups, published)
    if name == "relative":
        return _relative(groups, published)
    if name == "ago":
        return _ago(groups, published)
    if name == "day":
        return _day(groups["word"].casefold(), published)
    month = groups.get("month")
    if month is not None:
        # Spelled out in English, so that dateutil never reads a bare month number as a day.
        month = _EN_MONTHS[(int(month) if month.isdigit() else _month_number(month)) - 1]
    year, month_n, day = _parse_parts(" ".join(filter(None, (groups.get("day"), month, groups.get("year")))))
    if year is None:
        if published is None:
            return None
        year = _infer_year(published, month_n or 1, day or 1)
    return PartialDate(year, month_n, day)


def _parse_parts(text: str) -> tuple[int | None, int | None, int | None]:
    """Which of year, month and day the text states: parse with two different defaults and compare."""
    a = dateutil_parser.parse(text, default=datetime(2000, 1, 1))
    b = dateutil_parser.parse(text, default=datetime(2001, 2, 2))
    year = a.year if a.year == b.year else None
    month = a.month if a.month == b.month else None
    day = a.day if a.day == b.day else None
    return year, month, day


def _month_number(name: str) -> int:
    folded = name.casefold()
    if folded in _RU_MONTH_NUMBER:
        return _RU_MONTH_NUMBER[folded]
    return dateutil_parser.parse(f"1 {name.rstrip('.')} 2000").month


def _infer_year(published: date, month: int, day: int) -> int:
    """A date without a year is the latest one not after publication (a week of slack for schedules)."""
    candidate = date(published.year, month, min(day, 28))
    return published.year if candidate <= published + relativedelta(days=7) else published.year - 1


def _weekday(groups: dict[str, str], published: date | None) -> PartialDate | None:
    if published is None:
        return None
    day = _WEEKDAYS[groups["weekday"].casefold()]
    # "on Monday": the latest Monday on or before publication; "last Monday": strictly before.
    anchor = published - relativedelta(days=1) if "last" in groups else published
    return PartialDate.from_date(anchor + relativedelta(weekday=day(-1)))


def _relative(groups: dict[str, str], published: date | None) -> PartialDate | None:
    if published is None:
        return None
    if "ru_unit" in groups:  # "этим летом": this year's summer, a year at the precision dates keep
        return PartialDate(published.year - (groups["season_ru"].casefold() == "прошлым"))
    last = groups["which"].casefold() in ("last", "в прошлом", "в минувшем")
    unit = groups["unit"].casefold()
    if unit in ("month", "месяце"):
        when = published - relativedelta(months=1) if last else published
        return PartialDate(when.year, when.month)
    return PartialDate(published.year - 1 if last else published.year)


def _ago(groups: dict[str, str], published: date | None) -> PartialDate | None:
    if published is None:
        return None
    raw = groups["n"].casefold()
    n = _NUMBER_WORDS.get(raw) or int(raw)
    if groups["unit"].casefold() == "year":
        return PartialDate(published.year - n)
    when = published - relativedelta(months=n)
    return PartialDate(when.year, when.month)


def _day(word: str, published: date | None) -> PartialDate | None:
    if published is None:
        return None
    offset = 1 if word in ("yesterday", "вчера") else 0
    return PartialDate.from_date(published - relativedelta(days=offset))

"""Date expressions resolved against the publication date, keeping the precision the text gives."""

from __future__ import annotations

from datetime import date

import pytest

from listwatch.news.dates import find_dates

PUBLISHED = date(2024, 6, 5)  # a Wednesday

CASES = [
    ("on Monday, June 3, the president said", "2024-06-03"),
    ("on Monday the court ruled", "2024-06-03"),
    ("last Wednesday", "2024-05-29"),
    ("Last month, the ministries recommended", "2024-05"),
    ("in December 2023", "2023-12"),
    ("In late December 2023, when", "2023-12"),
    ("back in December", "2023-12"),
    ("designated in 2005", "2005"),
    ("by a 2001 executive order", "2001"),
    ("On May 28 a briefing", "2024-05-28"),
    ("on 29 December 2023", "2023-12-29"),
    ("2023-12-29", "2023-12-29"),
    ("last year", "2023"),
    ("two years ago", "2022"),
    ("yesterday", "2024-06-04"),
    ("в декабре 2023 года", "2023-12"),
    ("в конце декабря 2023 года", "2023-12"),
    ("3 июня 2024 года", "2024-06-03"),
    ("17 апреля", "2024-04-17"),
    ("в 2005 году", "2005"),
    ("в понедельник", "2024-06-03"),
    ("во вторник", "2024-06-04"),
    ("в прошлом месяце", "2024-05"),
    ("29.12.2023", "2023-12-29"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_resolves(text: str, expected: str) -> None:
    found = find_dates(text, PUBLISHED)
    assert [str(m.value) for m in found] == [expected]


@pytest.mark.parametrize(
    "text", ["a $100 million deal", "resolution 1267 (1999)", "it may happen", "more than 100 individuals"]
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []


def test_relative_without_publication_date_is_unresolved() -> None:
    (mention,) = find_dates("Last month, the ministries recommended", None)
    assert mention.value is None
    assert [str(m.value) for m in find_dates("in December 2023", None)] == ["2023-12"]


def test_text_span_is_exact() -> None:
    text = "The decision of 3 June 2024 stands."
    (mention,) = find_dates(text, PUBLISHED)
    assert text[mention.start : mention.end] == mention.text == "3 June 2024"

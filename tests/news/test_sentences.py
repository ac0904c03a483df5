"""Sentence splitting keeps exact offsets, in English and Russian, past abbreviations and quotes."""

from __future__ import annotations

import pytest

from listwatch.news.sentences import split_sentences

CASES = [
    # (text, expected sentences)
    ("Mr. Putin said so. The U.S. did not.", ["Mr. Putin said so.", "The U.S. did not."]),
    (
        "Headline without a stop\nFirst sentence. Second one!",
        ["Headline without a stop", "First sentence.", "Second one!"],
    ),
    (
        "He said, “It is done.” The Taliban welcomed it.",
        ["He said, “It is done.”", "The Taliban welcomed it."],
    ),
    (
        "Решение принято в 2005 г. Верховным судом. Это важно.",
        ["Решение принято в 2005 г. Верховным судом.", "Это важно."],
    ),
    ("Что случилось? МИД ответил.", ["Что случилось?", "МИД ответил."]),
    ("Kassym-Jomart K. Tokayev spoke. Then he left.", ["Kassym-Jomart K. Tokayev spoke.", "Then he left."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text

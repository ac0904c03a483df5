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


def test_a_hard_wrapped_sentence_runs_over_its_line_breaks() -> None:
    text = (
        "A draft order was laid on 23rd\nJune which will\nproscribe the Storm Division, as well as two "
        "groups:\n"
        "the Iron Circle.\nNext line."
    )
    sentences = [s.text for s in split_sentences(text)]
    assert sentences == [
        "A draft order was laid on 23rd\nJune which will\nproscribe the Storm Division, as well as two "
        "groups:\n"
        "the Iron Circle.",
        "Next line.",
    ]


def test_a_headline_or_a_list_item_still_ends_at_its_line_break() -> None:
    text = "Norway bans two groups\nThe government acted.\n- three groups: A and B\n- Iron Circle"
    assert [s.text for s in split_sentences(text)] == [
        "Norway bans two groups",
        "The government acted.",
        "- three groups: A and B",
        "- Iron Circle",
    ]


def test_a_numbered_item_is_not_a_sentence_of_its_own() -> None:
    assert [s.text for s in split_sentences("79. Общественная организация «Буря».")] == [
        "79. Общественная организация «Буря»."
    ]

"""Sentence splitting for English and Russian news text, keeping exact character offsets.

Evidence must be the article's own words, so a sentence is a span of the original text (``text[start:end]``
is the sentence), never a normalised copy. Rule-based on purpose: the two languages share the punctuation
conventions that matter here, and an offline default cannot load a trained splitter. A line break ends a
sentence (headlines, photo credits and list items carry no final full stop), unless the text is hard-wrapped:
a line with no final punctuation followed by a lowercase word runs on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Words after which a full stop does not end a sentence (compared case-folded, without the dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st jr sr gen col lt sgt capt maj cmdr adm gov sen rep rev
    hon inc ltd co corp vs etc al e.g i.e approx dept est no nos fig art sec para ch
    vol p pp jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k u.s.a e.u
    г гг т ул им стр см тыс млн млрд руб др пр рис ст п пп н.э т.е т.д
    т.п тел ред англ англ.
    """.split()  # noqa: SIM905
)

# A candidate end: terminal punctuation, closing quotes or brackets, then whitespace.
# Also a full stop glued to the next sentence's opening quote: `страны."Члены ячейки` (copied pages).
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|[.!?…]+(?=[\"«“„][A-ZА-ЯЁ])")
# What may start the next sentence: a capital, a digit, an opening quote or bracket, a dash.
_NEXT_START = re.compile(r"\s*[\"'“‘«(\[—–-]?[A-ZА-ЯЁ0-9]")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    index: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order, each with ``text[start:end] == sentence.text``."""
    spans: list[tuple[int, int]] = []
    for line_start, line_end in _lines(text):
        spans.extend(_split_line(text, line_start, line_end))
    return [Sentence(text[s:e], s, e, i) for i, (s, e) in enumerate(spans)]


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Lines, except that a hard-wrapped sentence runs on: a line break inside a sentence (no final
    punctuation before it, a lowercase word, a bracket or a digit after it) does not end the line."""
    pos = 0
    for match in re.finditer(r"\n", text):
        line = text[pos : match.start()]
        wrapped = _WRAPPED.match(text, match.end()) or (
            re.search(r"\d(?:st|nd|rd|th)?$", line) and _MONTH_NEXT.match(text, match.end())
        )
        if wrapped and not _LINE_END.search(line):
            continue
        yield pos, match.start()
        pos = match.end()
    yield pos, len(text)


_MONTH_NEXT = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_WRAPPED = re.compile(r"[a-zа-яё(]|\d+\s+[a-zа-яё]")
_LINE_END = re.compile(r"[.!?…\"”»)]\s*$|^\s*$|^\s*(?:[-–—•*▪·]|\d{1,2}[.)])\s")


def _split_line(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    line = text[start:end]
    cut = 0
    for match in _END.finditer(line):
        stop = match.end()
        if not _NEXT_START.match(line, stop) or _is_abbreviation(line, match.start(), match.group()):
            continue
        yield from _trimmed(start + cut, start + stop, text)
        cut = stop
    yield from _trimmed(start + cut, end, text)


def _is_abbreviation(line: str, dot: int, punct: str) -> bool:
    """A full stop after "Mr", "U.S", "г" or an initial ("J. Smith") does not end the sentence."""
    if not punct.startswith(".") or len(punct.rstrip("\"'”’»)]")) > 1:
        return False
    word = _WORD_BEFORE.search(line[:dot])
    if word is None:
        return False
    token = word.group(1).casefold().strip(".")
    if token in ABBREVIATIONS:
        return True
    if token.isdigit() and len(token) <= 3 and not line[: word.start()].strip():
        return True  # "79. Башкирская организация": a numbered item, not a sentence
    # A single capital letter is an initial: "Kassym-Jomart K. Tokayev".
    return len(token) == 1 and word.group(1)[-1].isupper()


def _trimmed(start: int, end: int, text: str) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end

"""A listed entity as the matcher sees it (``Candidate``), and the names it is found by: the names a list
gives, and the names inside them (aliases joined with ";", the sides of "/", "dit" and "son of", the
Latin reading in parentheses after a name in another script), and its stored form in an index file."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from listwatch.matching.classes import class_weight
from listwatch.matching.normalize import tokenize
from listwatch.model import Entry, Name, PartialDate, parse_partial_date


@dataclass(frozen=True, slots=True)
class Candidate:
    """One listed entity as the matcher sees it. ``countries`` holds nationalities and countries."""

    entity_id: str
    list_id: str
    ref: str
    schema: str
    names: tuple[Name, ...]
    birth_dates: tuple[PartialDate, ...] = ()
    countries: tuple[str, ...] = ()


def candidates_from_entries(pairs: Iterable[tuple[str, Entry]]) -> Iterator[Candidate]:
    for list_id, entry in pairs:
        yield Candidate(
            entity_id=entry.entity_id(list_id),
            list_id=list_id,
            ref=entry.ref,
            schema=entry.schema,
            names=tuple(_split_names(entry.names)),
            birth_dates=entry.birth_dates,
            countries=tuple(dict.fromkeys((*entry.nationalities, *entry.countries))),
        )


# A note after the name in an alias: "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman ...)".
_BIRTH_NOTE = re.compile(r",?\s+born\b.*$", re.IGNORECASE | re.DOTALL)


def _split_names(names: tuple[Name, ...]) -> Iterator[Name]:
    # The UN joins some aliases with ";" in one element ("Sayed Akbar Tahmaesebi; Syed Akber ...").
    for name in names:
        for value in name.value.split(";"):
            value = _BIRTH_NOTE.sub("", value).strip()
            if value:
                yield Name(value, name.kind, name.lang) if value != name.value else name
                yield from _alternatives(value, name)
                yield from _romanised(value, name)
                yield from _own_names(value, name)


def _alternatives(value: str, name: Name) -> Iterator[Name]:
    """Each side of one "/" that is a name by itself (two words of four letters or more, not legal
    forms), as an alias too: "Al Qa'ida/Islamic Army" is also "Islamic Army"; the sides "EXPORT
    CORPORATION" (of IMPORT/EXPORT), "OFF-SHORE" and "V Corporation" (of J/V) are not names."""
    if value.count("/") != 1:
        return
    for side in value.split("/"):
        if _name_by_itself(side):
            yield Name(side.strip(), name.kind, name.lang)


def _name_by_itself(text: str) -> bool:
    """Two words of four letters or more that are not legal forms: a piece of a list name that can
    stand as an alias of its own."""
    return sum(1 for t in tokenize(text) if len(t) >= 4 and class_weight(t) >= 0.35) >= 2


# French "dit" ("called") strings a person's names together in UN entries ("Abdellillah dit Abdellah Ahmed
# dit Said"), as "alias" would; "X son of Y" follows the person's name with the father's (UN:
# "Abdul Haq son of M. Anwar Khan"). Lower-case "dit" only: a capitalised DIT is a word of the name.
_DIT = re.compile(r"\s+dit\s+")
_SON_OF = re.compile(r"\s+son\s+of\s", re.IGNORECASE)


def _own_names(value: str, name: Name) -> Iterator[Name]:
    """The person's own name before "son of" (two parts or more), and each name strung with "dit"
    that is a name by itself, as aliases."""
    son = _SON_OF.search(value)
    if son and len(tokenize(value[: son.start()])) >= 2:
        yield Name(value[: son.start()].strip(), name.kind, name.lang)
    if _DIT.search(value):
        for side in _DIT.split(value):
            if _name_by_itself(side):
                yield Name(side.strip(), name.kind, name.lang)


# A name in another script followed by its Latin spelling or translation in parentheses, as the UN and
# the EU write them ("جبهة النصرة (the Victory Front)", "عبدالله السندي (Abdullah Sindhi)"): the Latin
# is the publisher's own reading, a name too. The ";" split above may have cut the parentheses open
# ("... (Abu Bakr al-Baghdadi al-Husayni al-Quraishi"); the EU lists several readings with commas.
_LATIN = re.compile(r"[A-Za-z]")
_CAPITAL = re.compile(r"[A-Z]")
_SCRIPT_LETTER = re.compile(r"[^\W\d_]")
# A lower-case note after a spaced dash: "(Ansar al-Mujahideen Network - sub-unit name)".
_DASH_NOTE = re.compile(r"\s+[-–]\s+[^A-Z]*$")


def _romanised(value: str, name: Name) -> Iterator[Name]:
    script, bracket, inner = value.partition("(")
    if not bracket or _LATIN.search(script) or not _SCRIPT_LETTER.search(script):
        return
    inner = inner.lstrip("( ").rstrip(" ,")
    while inner.endswith(")") and inner.count(")") > inner.count("("):
        inner = inner[:-1].rstrip(" ,")
    for reading in inner.split(","):
        reading = _DASH_NOTE.sub("", reading).strip()
        if _CAPITAL.search(reading):  # a name is capitalised; "(original script)" is a note
            yield Name(reading, name.kind, name.lang)


def candidate_to_json(c: Candidate) -> list[Any]:
    return [
        c.entity_id, c.list_id, c.ref, c.schema, [[n.value, n.kind, n.lang] for n in c.names],
        [str(d) for d in c.birth_dates], list(c.countries),
    ]  # fmt: skip


def candidate_from_json(item: list[Any], parsed: dict[str, PartialDate]) -> Candidate:
    entity_id, list_id, ref, schema, names, dates, countries = item
    return Candidate(
        entity_id, list_id, ref, schema, tuple(Name(v, k, lang) for v, k, lang in names),
        births_of(dates, parsed), tuple(countries),
    )  # fmt: skip


def births_of(texts: list[str], parsed: dict[str, PartialDate]) -> tuple[PartialDate, ...]:
    births = []
    for text in texts:
        birth = parsed.get(text)
        if birth is None:
            birth = parsed[text] = parse_partial_date(text)
        births.append(birth)
    return tuple(births)

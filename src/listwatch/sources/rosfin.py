"""Rosfinmonitoring list of terrorists and extremists, Russian individuals (a derived extract).

Each line is ``FULL NAME,DD.MM.YYYY`` in cp1251 with no header. The site writes other names of a
person in brackets; the extract split them out as extra lines with the same birth date, placed right
after the person's line, so they break the alphabetical order (or are in another script, or are one
word such as a region, ``ЯКУТИЯ``). Such a line joins the person before it. Two neighbours with the
same birth date in order and with unrelated names (twins, namesakes) stay apart.

There is no list number, so the reference is ``rfm-`` and 16 hex digits of the sha256 of the
normalised primary name and the birth date: stable while OFAC-style renumbering cannot happen, and it
changes only if the site changes that person's main name or birth date (docs/decisions.md).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from datetime import date
from pathlib import Path

from listwatch.errors import InputError, Problem
from listwatch.model import Entry, ListVersion, Name, PartialDate
from listwatch.model.entry import NameKind
from listwatch.model.lists import LISTS
from listwatch.sources.files import decode, publication_time, source_for
from listwatch.sources.registry import Format, ParseOptions, register

LIST_ID = "ru_rosfinmonitoring"
_ROW = re.compile(r"^(?P<name>[^,]+),(?P<dob>\d{2}\.\d{2}\.\d{4})$")
_LATIN = re.compile(r"[A-Za-z]")


def _sniff(path: Path, head: bytes) -> bool:
    first = head.split(b"\n", 1)[0].rstrip(b"\r")
    return re.fullmatch(rb"[^,\n\"]+,\d{2}\.\d{2}\.\d{4}", first) is not None


def normalise(name: str) -> str:
    """The name as the reference hashes it: upper case, Ё as Е, single spaces."""
    return " ".join(name.upper().replace("Ё", "Е").split())


def ref_for(name: str, dob: str) -> str:
    digest = hashlib.sha256(f"{normalise(name)}|{dob}".encode()).hexdigest()
    return f"rfm-{digest[:16]}"


class _Person:
    def __init__(self, name: str, dob: str, line: int) -> None:
        self.names: list[tuple[str, NameKind]] = [(name, "primary")]
        self.dob, self.line = dob, line

    def similar(self, name: str) -> bool:
        return any(difflib.SequenceMatcher(None, n, name).ratio() >= 0.75 for n, _k in self.names)


def _alias_kind(name: str) -> NameKind:
    # A single word is a fragment of the bracket (a region, a town), not a name one could screen on.
    return "weak_alias" if len(name.split()) == 1 else "alias"


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    published = publication_time(path, options.published, "Rosfinmonitoring extract")
    text = decode(path, data, "cp1251")
    problems: list[Problem] = []
    rows: list[tuple[int, str, str]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r").strip()
        if not line:
            continue
        match = _ROW.match(line)
        if match is None:
            problems.append(Problem(f'"{line}" is not NAME,DD.MM.YYYY', number, None))
            continue
        day, month, year = (int(x) for x in match["dob"].split("."))
        try:
            date(year, month, day)
        except ValueError:
            problems.append(Problem(f'"{match["dob"]}" is not a date (DD.MM.YYYY)', number, "birth date"))
            continue
        rows.append((number, " ".join(match["name"].split()), match["dob"]))
    if problems:
        first = problems[0]
        raise InputError(path, first.message, line=first.line, field=first.field, problems=problems)
    people: list[_Person] = []
    for i, (number, name, dob) in enumerate(rows):
        current = people[-1] if people else None
        if current is not None and current.dob == dob:
            previous = rows[i - 1][1]
            following = rows[i + 1][1] if i + 1 < len(rows) else None
            inserted = name < previous or (
                following is not None and name > following and not _LATIN.search(name)
            )
            if (
                name == previous
                or inserted
                or _LATIN.search(name)
                or len(name.split()) == 1
                or current.similar(name)
            ):
                if all(n != name for n, _k in current.names):
                    current.names.append((name, _alias_kind(name)))
                continue
        people.append(_Person(name, dob, number))
    entries: dict[str, Entry] = {}
    for person in people:
        ref = ref_for(person.names[0][0], person.dob)
        day, month, year = (int(x) for x in person.dob.split("."))
        names = [Name(n, k, "ru" if not _LATIN.search(n) else None) for n, k in person.names]
        prior = entries.get(ref)
        if prior is not None:
            # The same person twice in the extract (61 repeated lines): one entry with every name.
            names = list(dict.fromkeys((*prior.names, *names)))
        entries[ref] = Entry(
            ref=ref,
            schema="Person",
            names=tuple(names),
            birth_dates=(PartialDate(year, month, day),),
            # The extract is the site's "Russian individuals" section: where listed, not a nationality.
            properties=(("section", ("russian_individuals",)),),
        )
    return ListVersion(
        list_id=options.list_id or LIST_ID,
        published=published,
        source=source_for(path, "rosfin_csv", "Rosfinmonitoring", LISTS[LIST_ID].url),
        entries=tuple(entries.values()),
    )


register(Format("rosfin_csv", "Rosfinmonitoring extract (NAME,DD.MM.YYYY, cp1251)", _sniff, parse))

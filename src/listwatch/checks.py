"""Plausibility checks on a parsed version, before anything is written.

A file can parse cleanly and still be wrong: a UN generator that renames ``INDIVIDUALS`` gives a
version with no entries, and ingesting it would record a delisting of every entity on the list; a
renamed ``LISTED_ON`` would record an amendment wiping that field from every entry; an OFAC file put
in the UN list by ``--list`` would delist the whole UN list and list OFAC's. Each of these is refused
here with an ``Implausible`` error that says what was seen and which option confirms it, because a
false delisting in the record is worse than a version held back for a person to look at.

The thresholds are deliberately loose (most of the entries, most of a field's values, and at least
``MIN_LOST`` of them), so that real lists, whose versions differ by a few percent, always pass: the
real UN, OFAC, UK, EU and Rosfinmonitoring histories in ../shared/data ingest with no refusal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from listwatch.errors import Implausible, InputError, Problem
from listwatch.history.diff import missing_facets
from listwatch.model import ListVersion
from listwatch.model.entry import canonical_json
from listwatch.model.lists import LISTS
from listwatch.store import Reader, VersionRow

# A version that keeps less than this share of the previous version's entries (or of one field's
# values) is refused unless confirmed.
KEPT_SHARE = 0.5
# ... and only when at least this many were lost: a five-entry curated list that drops three is news,
# not a broken file.
MIN_LOST = 10
# Publication dates may run ahead of our clock by a time zone and a little drift, not more.
CLOCK_SLACK = timedelta(days=2)
# Fields compared between versions; ``ref`` and ``schema`` identify the entry and are always there.
_SKIP_FIELDS = frozenset({"ref", "schema", "citations"})


@dataclass(frozen=True, slots=True)
class Accept:
    """What the user confirmed is intended (``ingest --accept-shrink`` and friends)."""

    shrink: bool = False  # most entries, or most of one field's values, gone
    list_mismatch: bool = False  # a file of one authority's list put in another's
    future: bool = False  # a publication or listing date after today / after the version's date


def check_list_fits(version: ListVersion, native_list: str, held: Iterable[VersionRow]) -> None:
    """``--list`` may rename a file's list, but not into a list of another authority, nor into a list
    whose held versions were all read from other formats."""
    target = version.list_id
    if target == native_list:
        return
    path = version.source.path or target
    fmt = version.source.format
    ours, theirs = LISTS.get(target), LISTS.get(native_list)
    if ours is not None and theirs is not None and ours.authority != theirs.authority:
        raise Implausible(
            path,
            f"this is a {fmt} file of the list {native_list} ({theirs.title}); it does not fit the list "
            f"{target} ({ours.title}), whose entries it would all delist. Check --list, or confirm with "
            "--accept-list-mismatch",
            field="--list",
            option="--accept-list-mismatch",
        )
    formats = {v.format for v in held}
    if formats and fmt not in formats:
        raise Implausible(
            path,
            f"the list {target} holds versions read as {', '.join(sorted(formats))}, and this file is "
            f"{fmt}. Check --list, or confirm with --accept-list-mismatch",
            field="--list",
            option="--accept-list-mismatch",
        )


def check_dates(version: ListVersion, today: date | None = None) -> None:
    """A version published after today, or entries listed after the version that lists them was
    published (``LISTED_ON`` 2199-01-01), cannot be facts of the record."""
    path = version.source.path or version.list_id
    now = datetime.now(UTC) if today is None else datetime(today.year, today.month, today.day, tzinfo=UTC)
    if version.published > now + CLOCK_SLACK:
        raise Implausible(
            path,
            f"the publication date {version.published_on} is in the future (today is {now.date()}); "
            "confirm with --accept-future-dates",
            field="published",
            option="--accept-future-dates",
        )
    problems = [
        Problem(
            f"{entry.ref}: listed on {entry.listed_on}, after the version's own date {version.published_on}",
            None,
            "listed_on",
        )
        for entry in version.entries
        if entry.listed_on is not None and entry.listed_on.earliest() > version.published_on + CLOCK_SLACK
    ]
    if problems:
        raise Implausible(
            path,
            f"{problems[0].message}; a listing date cannot be later than the list that states it "
            "(confirm with --accept-future-dates)",
            field="listed_on",
            problems=problems,
            option="--accept-future-dates",
        )


def check_shrink(
    version: ListVersion,
    new_members: dict[str, tuple[str, str | None]],
    new_contents: Mapping[str, dict[str, Any]],
    prev: VersionRow | None,
    prev_members: dict[str, tuple[str, str | None]],
    reader: Reader,
) -> None:
    """Refuse a version that lost most of the previous version's entries, or most of one field's
    values among the entries both hold. Members map entity id -> (revision hash, program)."""
    if prev is None or not prev_members:
        return
    path = version.source.path or version.list_id
    kept = sum(1 for e in prev_members if e in new_members)
    lost = len(prev_members) - kept
    if lost >= MIN_LOST and kept < KEPT_SHARE * len(prev_members):
        raise Implausible(
            path,
            f"this version holds {len(new_members):,} entries, and only {kept:,} of the "
            f"{len(prev_members):,} entries of the version before it ({prev.published_on}); ingesting "
            f"it would record {lost:,} delistings. If the list really shrank, confirm with --accept-shrink",
            field="entries",
            option="--accept-shrink",
        )
    skip = _SKIP_FIELDS | missing_facets(version.source.format)
    both = [(e, h, new_members[e][0]) for e, (h, _p) in prev_members.items() if e in new_members]
    changed = [(old, now) for _e, old, now in both if old != now]
    if len(changed) < MIN_LOST:
        return
    before = reader.revisions(old for old, _now in changed)
    wiped: dict[str, int] = {}
    garbled = 0
    for old, now in changed:
        after = new_contents[now]
        for name, value in _fields(before.get(old, after)):
            if name not in skip and value and not _field(after, name):
                wiped[name] = wiped.get(name, 0) + 1
        garbled += _garbled(before.get(old, after), after)
    if garbled >= MIN_LOST and garbled > (1 - KEPT_SHARE) * len(both):
        raise Implausible(
            path,
            f"in {garbled:,} of the {len(both):,} entries held by the version of {prev.published_on} too, "
            "letters became '?' or U+FFFD: the file was written in the wrong encoding? If the list "
            "really changed so, confirm with --accept-shrink",
            field="names",
            option="--accept-shrink",
        )
    suspects = {name for name, count in wiped.items() if count >= MIN_LOST}
    if not suspects:
        return
    # The share is of every entry that had a value, changed or not (an unchanged one kept its value).
    had = dict.fromkeys(suspects, 0)
    for _e, old, now in both:
        content = before.get(old) if old != now else new_contents[now]
        for name in suspects:
            if content is not None and _field(content, name):
                had[name] += 1
    problems = [
        Problem(
            f"{name}: {wiped[name]:,} of the {had[name]:,} entries that had a value in the version of "
            f"{prev.published_on} have none in this one",
            None,
            name,
        )
        for name in sorted(suspects)
        if wiped[name] > (1 - KEPT_SHARE) * had[name]
    ]
    if problems:
        raise Implausible(
            path,
            f"{problems[0].message}: a renamed element or column? Ingesting it would record that many "
            "amendments. If the list really dropped these values, confirm with --accept-shrink",
            field=problems[0].field,
            problems=problems,
            option="--accept-shrink",
        )


def _garbled(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Letters lost to an encoding: more '?' or U+FFFD than before, and fewer non-ASCII letters."""
    before, after = canonical_json(old), canonical_json(new)
    marks = sum(after.count(c) - before.count(c) for c in ("?", "\ufffd"))
    return marks > 0 and _non_ascii(after) < _non_ascii(before)


def _non_ascii(text: str) -> int:
    return sum(1 for c in text if ord(c) > 127 and c != "\ufffd")


def _fields(content: dict[str, Any]) -> Iterable[tuple[str, Any]]:
    for name, value in content.items():
        if name == "properties" and isinstance(value, dict):
            yield from ((f"properties.{k}", v) for k, v in value.items())
        else:
            yield name, value


def _field(content: dict[str, Any], name: str) -> Any:
    if name.startswith("properties."):
        return (content.get("properties") or {}).get(name.removeprefix("properties."))
    return content.get(name)


# A control character as canonical JSON writes it (``\u0000``), not preceded by an escaping backslash.
# Tab, newline and carriage return are written as ``\t``, ``\n``, ``\r`` and are allowed.
_CONTROL = re.compile(r"(?<!\\)(?:\\\\)*\\u00([01][0-9a-fA-F]|7[fF])")


def check_text(
    version: ListVersion, texts: Mapping[str, str], members: Mapping[str, tuple[str, Any]]
) -> None:
    """No entry may carry a control character (NUL, ESC...): no list writes one in a name, and a
    damaged file that does would write names no one can search for (PostgreSQL refuses NUL outright).
    ``texts`` are the entries' canonical JSON by revision hash; ``members`` entity id -> (hash, ...)."""
    problems = []
    for entity_id, (digest, _program) in members.items():
        found = _CONTROL.search(texts[digest])
        if found:
            code = found.group(0)[-4:].upper()
            problems.append(Problem(f"entry {entity_id}: control character U+{code} in its text"))
    if problems:
        path = version.source.path or version.list_id
        raise InputError(path, problems[0].message + ": a damaged file?", problems=problems)

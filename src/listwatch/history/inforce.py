"""The entries in force on a day, as known on another: what screening runs against.

Per list: the newest full version published by ``on`` (and by ``known_at``), overlaid by the scoped
extracts published after it; before the first version held, entries whose own listing date is on or
before ``on``. Curated lists answer from their newest known version, by each entry's stated dates.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from listwatch.history.asof import record_status
from listwatch.model import Entry, get_list
from listwatch.store import Reader, VersionRow


def versions_in_force(
    reader: Reader, on: date, known_at: date | None = None, lists: Sequence[str] | None = None
) -> list[VersionRow]:
    """The versions that decide what is in force on ``on``: recorded with screening output, so that a
    result can be reproduced and audited."""
    chosen: list[VersionRow] = []
    by_list: dict[str, list[VersionRow]] = {}
    for version in reader.versions(known_at=known_at):
        by_list.setdefault(version.list_id, []).append(version)
    for list_id, versions in sorted(by_list.items()):
        if lists is not None and list_id not in lists:
            continue
        if lists is None and get_list(list_id).describes:
            # Sourced claims about another list (when OFAC designated the Taliban), not designations of
            # their own: screening them would report each designation twice.
            continue
        if versions[-1].kind == "record":
            chosen.append(versions[-1])
            continue
        published = [v for v in versions if v.published_on <= on]
        if not published:
            # Before the first publication held, its files (one per scope, as the EU's two regulations
            # of one day) give the entries whose own listing date is on or before ``on``.
            chosen.extend(v for v in versions if v.published_on == versions[0].published_on)
            continue
        full = max((i for i, v in enumerate(published) if v.scope is None), default=0)
        chosen.extend(published[full:])
    return chosen


def version_records(versions: Sequence[VersionRow], on: date) -> list[dict[str, Any]]:
    """``versions_in_force`` as screening output records them. A version published after ``on`` was
    read only for entries whose own listing date is on or before it (no earlier version is held), and
    says so: ``"read_for": "listing dates"``."""
    return [
        {**v.as_json(), "read_for": "listing dates"}
        if v.published_on > on and v.kind == "snapshot"
        else v.as_json()
        for v in versions
    ]


def entries_in_force(
    reader: Reader, on: date, known_at: date | None = None, lists: Sequence[str] | None = None
) -> Iterator[tuple[str, Entry]]:
    """(list id, entry) for every designation in force on ``on`` as known at ``known_at``."""
    versions = versions_in_force(reader, on, known_at, lists)
    by_list: dict[str, list[VersionRow]] = {}
    for version in versions:
        by_list.setdefault(version.list_id, []).append(version)
    for list_id, chosen in by_list.items():
        members: dict[str, str] = {}
        for version in chosen:  # oldest first: a later scoped extract replaces its scope
            current = reader.version_members(version.id)
            if version.scope is not None:
                members = {
                    e: h for e, h in members.items() if e in current or not _in_scope(reader, e, version)
                }
            members.update({e: h for e, (h, _p) in current.items()})
        revisions = reader.revisions(members.values())
        before_first = chosen[0].published_on > on and chosen[0].kind == "snapshot"
        for entity_id in sorted(members):
            entry = Entry.from_content(revisions[members[entity_id]])
            if chosen[0].kind == "record":
                if record_status(entry, on)[0] != "listed":
                    continue
            elif before_first and (entry.listed_on is None or entry.listed_on.earliest() > on):
                continue
            yield list_id, entry


def _in_scope(reader: Reader, entity_id: str, version: VersionRow) -> bool:
    program = next((p for _h, p in reader.entity_memberships(entity_id).values() if p), None)
    return version.covers(program)

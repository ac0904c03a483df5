"""The entries in force on a day, as known on another: what screening runs against.

Per list: the newest full version published by ``on`` (and by ``known_at``), overlaid by the scoped
extracts published after it. Curated lists answer from their newest known version, by each entry's
stated dates. A version published after ``on`` is never used unless ``--known-at`` reaches its
publication: as-of screening is what could be screened that day. With it, a list whose first version
is later than ``on`` gives the entries whose own listing date is on or before ``on`` (and its record
says ``later_than_as_of``). Each version record says whether the version is stale for ``on`` (older
than the list's publication horizon).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from listwatch.history.asof import record_status
from listwatch.model import CURATED_CADENCE_DAYS, Entry, get_list
from listwatch.store import Reader, VersionRow


def versions_in_force(
    reader: Reader, on: date, known_at: date | None = None, lists: Sequence[str] | None = None
) -> list[VersionRow]:
    """The versions that decide what is in force on ``on``: recorded with screening output, so that a
    result can be reproduced and audited."""
    chosen: list[VersionRow] = []
    by_list: dict[str, list[VersionRow]] = {}
    # Without --known-at, only what was published by the as-of day: never a later version.
    for version in reader.versions(known_at=known_at or on):
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
    """``versions_in_force`` as screening output records them, each with ``stale`` (``on`` is past its
    list's newest version used plus the list's horizon) and ``later_than_as_of`` (published after
    ``on``: used because ``--known-at`` allows it). A later snapshot was read only for entries whose
    own listing date is on or before ``on`` (no earlier version is held), and says so: ``"read_for":
    "listing dates"``."""
    newest: dict[str, date] = {}
    for v in versions:
        newest[v.list_id] = max(newest.get(v.list_id, v.published_on), v.published_on)
    out = []
    for v in versions:
        horizon = get_list(v.list_id).horizon_days if v.kind == "snapshot" else _record_horizon(v)
        record = {
            **v.as_json(),
            "later_than_as_of": v.published_on > on,
            "stale": (on - newest[v.list_id]).days > horizon,
            "horizon_days": horizon,
        }
        if v.published_on > on and v.kind == "snapshot":
            record["read_for"] = "listing dates"
        out.append(record)
    return out


def _record_horizon(version: VersionRow) -> int:
    info = get_list(version.list_id)
    return info.cadence_days if info.cadence_days is not None else CURATED_CADENCE_DAYS


def lists_not_used(
    reader: Reader, on: date, known_at: date | None = None, lists: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """Lists held whose every version was published after ``on`` (or after ``known_at``): as-of
    screening did not use them, and the output says so rather than screening silently without them."""
    used = {v.list_id for v in versions_in_force(reader, on, known_at, lists)}
    out = []
    by_list: dict[str, list[VersionRow]] = {}
    for version in reader.versions():
        by_list.setdefault(version.list_id, []).append(version)
    for list_id, versions in sorted(by_list.items()):
        if list_id in used or (lists is not None and list_id not in lists):
            continue
        if lists is None and get_list(list_id).describes:
            continue
        first = versions[0].published_on
        out.append(
            {
                "list": list_id,
                "first_published": first.isoformat(),
                "reason": f"its first version held was published {first}, after "
                + (
                    f"--known-at {known_at}"
                    if known_at
                    else f"the as-of day {on} (--known-at {first} or later uses it)"
                ),
            }
        )
    return out


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

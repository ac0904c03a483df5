"""Two states of a list -> the events between them. Pure: no store, no I/O.

A ``Snapshot`` is what a list said at one publication, over the part of the list it speaks for (a
committee's extract speaks for its regime only). Content is compared by the hash of an entry's
normalised content, so layout (attribute quotes, element order, line wrapping) never makes an event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from listwatch.model import Event, FieldChange, PartialDate, parse_partial_date
from listwatch.model.entry import canonical_json

# Fields that are bookkeeping of the publisher, not content; a change in them alone is still shown
# as an amendment, because the publisher did change the record (UN LAST_DAY_UPDATED).
_SKIP_FIELDS = ("ref",)
# A source format may note what one file of it left out (``Source.format`` "ofac_csv;without=..."):
# an OFAC CSV read without its alt.csv holds no aliases, without add.csv no addresses or countries.
# Such content is unknown, not removed: two versions are compared on what both hold.
_WITHOUT = ";without="


def format_name(fmt: str | None) -> str:
    """The format itself, without what one file of it left out: ``ofac_csv;without=...`` is ``ofac_csv``."""
    return (fmt or "").split(";", 1)[0]


def missing_facets(fmt: str | None) -> frozenset[str]:
    """What a version of format ``fmt`` does not hold: content fields ("addresses") or the names of
    one kind ("names:alias")."""
    if not fmt or _WITHOUT not in fmt:
        return frozenset()
    return frozenset(f for f in fmt.split(_WITHOUT, 1)[1].split(",") if f)


def _known(content: dict[str, Any], missing: frozenset[str]) -> dict[str, Any]:
    """``content`` without the facets a version on either side does not hold."""
    if not missing:
        return content
    kinds = {f.split(":", 1)[1] for f in missing if f.startswith("names:")}
    known = {k: v for k, v in content.items() if k not in missing}
    if kinds and "names" in known:
        known["names"] = [n for n in known["names"] if n[0] not in kinds]
    return known


@dataclass(slots=True)
class Snapshot:
    list_id: str
    published_on: date
    published_at: datetime | str
    kind: str = "snapshot"
    covers_all: bool = True
    scopes: set[str] = field(default_factory=set)
    missing: frozenset[str] = frozenset()  # ``missing_facets`` of the version's format
    # ``format_name`` of the version's format. When it differs between two versions (OFSI's ConList
    # CSV, then the FCDO's UK Sanctions List XML), the same entry is written differently (name case,
    # regime titles, address lines): that is not an amendment, so only listings and delistings are
    # derived across the change.
    format: str = ""
    # entity_id -> (revision hash, program)
    members: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    # revision hash -> entry content (Entry.content())
    contents: dict[str, dict[str, Any]] = field(default_factory=dict)

    def covers(self, program: str | None) -> bool:
        return self.covers_all or (program is not None and program in self.scopes)

    def overlay(self, other: Snapshot) -> Snapshot:
        """This state updated by a later, possibly scoped, version: the later one wins on its scope."""
        if other.covers_all:
            return other
        members = {e: v for e, v in self.members.items() if not other.covers(v[1])}
        members.update(other.members)
        return Snapshot(
            self.list_id,
            other.published_on,
            other.published_at,
            other.kind,
            self.covers_all,
            self.scopes | other.scopes,
            self.missing | other.missing,
            other.format,
            members,
            # One shared cache (ingest's Contents, which decodes on demand and is filled by its
            # prefetch) must stay that object: a merged copy would miss what is fetched later.
            self.contents if self.contents is other.contents else {**self.contents, **other.contents},
        )


def _partial(value: str | None) -> PartialDate | None:
    if not value:
        return None
    try:
        return parse_partial_date(value)
    except ValueError:
        return None


def _caption(content: dict[str, Any]) -> str:
    for kind in ("primary", "alias", "original_script", "weak_alias"):
        for name_kind, value, _lang in content["names"]:
            if name_kind == kind and value:
                return str(value)
    return str(content["ref"])


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[FieldChange, ...]:
    keys = sorted((set(before) | set(after)) - set(_SKIP_FIELDS))
    return tuple(FieldChange(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k))


def event_key(event: Event) -> str:
    """What makes two derived events the same event (used to re-derive without churn)."""
    fields = canonical_json([[f.field, f.before, f.after] for f in event.fields])
    raw = "|".join(
        [
            event.type,
            event.entity_id,
            event.date.isoformat(),
            event.window_start.isoformat() if event.window_start else "",
            event.window_end.isoformat(),
            event.basis,
            fields,
        ]
    )
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def diff_versions(prev: Snapshot | None, new: Snapshot, recorded_at: datetime) -> list[Event]:
    """Events that take ``prev`` to ``new``. With no ``prev`` (the first version we hold), every entry
    is a ``first_seen`` listing."""
    if new.kind == "record":
        return _diff_record(prev, new, recorded_at)
    start = prev.published_on if prev is not None else None
    end = new.published_on
    reformatted = prev is not None and bool(prev.format and new.format) and prev.format != new.format
    events: list[Event] = []

    def make(kind: str, entity_id: str, content: dict[str, Any], when: date, basis: str, **kw: Any) -> Event:
        return Event(
            type=kind,  # type: ignore[arg-type]
            list_id=new.list_id,
            entity_id=entity_id,
            ref=str(content["ref"]),
            name=_caption(content),
            date=when,
            window_start=start if basis == "observed" else None,
            window_end=end,
            recorded_at=recorded_at,
            basis=basis,  # type: ignore[arg-type]
            **kw,
        )

    for entity_id, (digest, program) in sorted(new.members.items()):
        content = new.contents[digest]
        before = prev.members.get(entity_id) if prev is not None else None
        if before is None:
            listed_on = _partial(content.get("listed_on"))
            observed = prev is not None and prev.covers(program)
            when = end
            # The list's own date, if it can be true: not before the last version without it.
            if (
                listed_on is not None
                and listed_on.earliest() <= end
                and (not observed or start is None or listed_on.earliest() > start)
            ):
                when = listed_on.earliest()
            events.append(make("listed", entity_id, content, when, "observed" if observed else "first_seen"))
        elif before[0] != digest and not reformatted:
            old = prev.contents[before[0]] if prev is not None else {}
            missing = new.missing | (prev.missing if prev is not None else frozenset())
            changes = field_changes(_known(old, missing), _known(content, missing))
            if changes:
                events.append(make("amended", entity_id, content, end, "observed", fields=changes))
    if prev is not None:
        for entity_id, (digest, program) in sorted(prev.members.items()):
            if entity_id not in new.members and new.covers(program):
                events.append(make("delisted", entity_id, prev.contents[digest], end, "observed"))
    return events


def _diff_record(prev: Snapshot | None, new: Snapshot, recorded_at: datetime) -> list[Event]:
    """Lists that state their own history (curated): events are the facts they state, dated as stated."""
    events: list[Event] = []
    end = new.published_on
    start = prev.published_on if prev is not None else None

    def make(kind: str, entity_id: str, content: dict[str, Any], when: date, **kw: Any) -> Event:
        basis = kw.pop("basis", "stated")
        return Event(
            type=kind,  # type: ignore[arg-type]
            list_id=new.list_id,
            entity_id=entity_id,
            ref=str(content["ref"]),
            name=_caption(content),
            date=when,
            window_start=start if basis == "stated" else None,
            window_end=end,
            recorded_at=recorded_at,
            basis=basis,
            **kw,
        )

    for entity_id, (digest, _program) in sorted(new.members.items()):
        content = new.contents[digest]
        before = prev.members.get(entity_id) if prev is not None else None
        old = prev.contents[before[0]] if prev is not None and before is not None else None
        listed_on = _partial(content.get("listed_on"))
        delisted_on = _partial(content.get("delisted_on"))
        designated = ((content.get("properties") or {}).get("status") or ["designated"])[0] == "designated"
        if old is None:
            if listed_on is not None:
                events.append(make("listed", entity_id, content, listed_on.earliest()))
            elif designated:  # no stated date: the sources show it listed by this version's date
                events.append(make("listed", entity_id, content, end, basis="first_seen"))
            if delisted_on is not None:
                events.append(make("delisted", entity_id, content, delisted_on.earliest()))
            continue
        if before is not None and before[0] == digest:
            continue
        changes = field_changes(old, content)
        old_delisted = _partial(old.get("delisted_on"))
        if delisted_on is not None and old_delisted is None:
            events.append(make("delisted", entity_id, content, delisted_on.earliest()))
        elif delisted_on is None and old_delisted is not None:
            events.append(make("listed", entity_id, content, (listed_on.earliest() if listed_on else end)))
        elif designated and listed_on is not None and _partial(old.get("listed_on")) is None:
            # A later source dates a listing first seen undated: the stated date is its start.
            events.append(make("listed", entity_id, content, listed_on.earliest()))
        rest = tuple(c for c in changes if c.field != "delisted_on")
        if rest:
            events.append(make("amended", entity_id, content, end, fields=rest))
    if prev is not None:
        for entity_id, (digest, _program) in sorted(prev.members.items()):
            if entity_id not in new.members:
                events.append(make("delisted", entity_id, prev.contents[digest], end))
    return events


def members_of(entries: Iterable[tuple[str, str, str | None]]) -> dict[str, tuple[str, str | None]]:
    return {entity_id: (digest, program) for entity_id, digest, program in entries}

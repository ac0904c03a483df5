"""The ingestion pipeline, top to bottom: parse -> (apply delta) -> write version -> derive events.

One transaction per file: the version, its entries and every event it implies commit together or
not at all. Events are derived against the neighbouring versions by publication date, so an older
file ingested after a newer one lands in its place: the events of the versions after it are derived
again, and those no longer true are retracted (never deleted).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from listwatch.checks import Accept, check_dates, check_list_fits, check_shrink, check_text
from listwatch.errors import InputError, ListwatchError, Refused, UnknownFormat
from listwatch.history.diff import Snapshot, diff_versions, event_key, format_name, missing_facets
from listwatch.model import Entry, Event, ListVersion, entity_id_for
from listwatch.model.entry import canonical_json, content_hash
from listwatch.sources.files import date_from_name
from listwatch.sources.registry import ParseOptions, is_companion, parse_file
from listwatch.store import Reader, Store, VersionRow, Writer


@dataclass(slots=True)
class IngestResult:
    path: Path | None
    list_id: str
    published: date
    status: str  # "ingested" | "already_ingested"
    version_id: int | None
    entries: int
    events: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    event_rows: list[Event] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path) if self.path else None,
            "list": self.list_id,
            "published": self.published.isoformat(),
            "status": self.status,
            "version_id": self.version_id,
            "entries": self.entries,
            "events": dict(self.events),
            "seconds": round(self.seconds, 3),
        }


def ingest_file(
    store: Store,
    path: Path,
    fmt: str | None = None,
    options: ParseOptions | None = None,
    accept: Accept | None = None,
) -> IngestResult:
    started = time.perf_counter()
    options = options or ParseOptions()
    # Parsed into the file's own list first, so that a --list into another authority's list is seen.
    version = parse_file(path, fmt, replace(options, list_id=None))
    native = version.list_id
    if options.list_id and options.list_id != native:
        version = replace(version, list_id=options.list_id)
        if not (accept and accept.list_mismatch):
            check_list_fits(version, native, store.reader().versions(version.list_id))
    result = ingest_version(store, version, accept)
    result.path = path
    result.seconds = time.perf_counter() - started
    return result


def ingest_version(store: Store, version: ListVersion, accept: Accept | None = None) -> IngestResult:
    accept = accept or Accept()
    if not accept.future:
        check_dates(version)
    with store.writer() as writer:
        existing = writer.reader.version_by_sha(version.list_id, version.source.sha256)
        if existing is not None and existing.id in writer.reader.withdrawn_ids():
            raise Refused(
                f"{version.source.path or version.list_id} is version {existing.id} of {version.list_id}, "
                f"withdrawn from the record; to count it again: listwatch withdraw {existing.id} --undo "
                "--reason TEXT"
            )
        if existing is not None:
            return IngestResult(
                None,
                version.list_id,
                existing.published_on,
                "already_ingested",
                existing.id,
                existing.entry_count,
            )
        if version.delta is not None:
            version = _apply_delta(writer.reader, version)
        members, contents = _members(version)
        check_text(version, contents.texts, members)
        if not accept.shrink:
            _check_shrink(writer.reader, version, members, contents)
        digest = content_hash({"members": sorted((e, h) for e, (h, _p) in members.items())})
        version_id = writer.add_version(version, digest)
        writer.add_members(
            version_id,
            version.list_id,
            [
                (eid, h, p, entry, contents.texts[h])
                for (eid, (h, p)), entry in zip(members.items(), _entries_in_order(version), strict=True)
            ],
        )
        derived = _derive_from(writer, version.list_id, version_id, contents)
    counts: Counter[str] = Counter(e.type for e in derived.get(version_id, []))
    return IngestResult(
        None,
        version.list_id,
        version.published_on,
        "ingested",
        version_id,
        len(members),
        counts,
        event_rows=derived.get(version_id, []),
    )


def _check_shrink(
    reader: Reader, version: ListVersion, members: dict[str, tuple[str, str | None]], contents: Contents
) -> None:
    """Against the newest earlier version of the same scope: the one whose entries this one restates.
    A version of the same instant counts as earlier: a second file of the same day restates it too."""
    at = version.published.astimezone(UTC).isoformat()
    earlier = [
        v for v in reader.versions(version.list_id) if v.published_at <= at and v.scope == version.scope
    ]
    if earlier:
        prev = earlier[-1]
        check_shrink(version, members, contents, prev, reader.version_members(prev.id), reader)


def _entries_in_order(version: ListVersion) -> list[Entry]:
    seen: dict[str, Entry] = {}
    for entry in version.entries:
        seen[entry.entity_id(version.list_id)] = entry
    return list(seen.values())


class Contents(dict[str, dict[str, Any]]):
    """Entry contents by revision hash, decoded from their canonical JSON only when a diff needs one:
    most entries of a new version are unchanged and never need decoding."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}

    def __missing__(self, digest: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.texts[digest])
        self[digest] = data
        return data

    def __contains__(self, digest: object) -> bool:
        return dict.__contains__(self, digest) or digest in self.texts


def _members(version: ListVersion) -> tuple[dict[str, tuple[str, str | None]], Contents]:
    members: dict[str, tuple[str, str | None]] = {}
    contents = Contents()
    duplicates: list[str] = []
    for entry in version.entries:
        entity_id = entry.entity_id(version.list_id)
        if entity_id in members:
            duplicates.append(entry.ref)
        # Encoded once: the canonical JSON is what is hashed, stored and (when needed) compared.
        text = canonical_json(entry.content())
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        contents.texts[digest] = text
        members[entity_id] = (digest, entry.programs[0] if entry.programs else None)
    if duplicates:
        raise InputError(
            version.source.path or version.list_id,
            f"reference {duplicates[0]!r} appears more than once ({len(duplicates)} duplicate(s))",
            field="ref",
        )
    return members, contents


def _apply_delta(reader: Reader, version: ListVersion) -> ListVersion:
    """A delta file changes the newest earlier version; the result is stored as a full version."""
    assert version.delta is not None
    earlier = [
        v
        for v in reader.versions(version.list_id)
        if v.published_at < version.published.astimezone(UTC).isoformat()
    ]
    entries: dict[str, Entry] = {}
    if earlier:
        members = reader.version_members(earlier[-1].id)
        revisions = reader.revisions(h for h, _p in members.values())
        entries = {eid: Entry.from_content(revisions[h]) for eid, (h, _p) in members.items()}
    for op in version.delta:
        entity_id = entity_id_for(version.list_id, op.ref)
        if op.op == "DEL":
            entries.pop(entity_id, None)
        elif op.entry is not None:
            entries[entity_id] = op.entry
    return ListVersion(
        version.list_id,
        version.published,
        version.source,
        tuple(entries.values()),
        version.scope,
        None,
        version.kind,
    )


def _snapshot(reader: Reader, row: VersionRow, contents: dict[str, dict[str, Any]]) -> Snapshot:
    return Snapshot(
        list_id=row.list_id,
        published_on=row.published_on,
        published_at=row.published_at,
        kind=row.kind,
        covers_all=row.scope is None,
        scopes={row.scope} if row.scope else set(),
        missing=missing_facets(row.format),
        format=format_name(row.format),
        members=reader.version_members(row.id),
        contents=contents,
    )


def _effective_before(
    reader: Reader, versions: list[VersionRow], index: int, contents: dict[str, Any]
) -> Snapshot | None:
    """What the list said just before ``versions[index]``: the newest full version, overlaid by the
    scoped extracts published after it."""
    earlier = versions[:index]
    if not earlier:
        return None
    if versions[index].kind == "record":
        return _snapshot(reader, earlier[-1], contents)
    full = max((i for i, v in enumerate(earlier) if v.scope is None), default=None)
    start = full if full is not None else 0
    state: Snapshot | None = None
    for row in earlier[start:]:
        snap = _snapshot(reader, row, contents)
        state = snap if state is None else state.overlay(snap)
    return state


def _derive_from(
    writer: Writer, list_id: str, version_id: int, contents: dict[str, dict[str, Any]]
) -> dict[int, list[Event]]:
    """Derive the new version's events, then again those of later versions whose past it changed."""
    versions = writer.reader.versions(list_id)
    index = next(i for i, v in enumerate(versions) if v.id == version_id)
    return derive_versions(writer, versions, index, contents)


def derive_versions(
    writer: Writer, versions: list[VersionRow], index: int, contents: dict[str, dict[str, Any]]
) -> dict[int, list[Event]]:
    """Derive ``versions[index]``'s events, and again those of the later versions whose past it changed
    (up to the next full version). Also used when a version is withdrawn or restored."""
    if index >= len(versions):
        return {}
    affected = [index]
    for later in range(index + 1, len(versions)):
        affected.append(later)
        if versions[later].scope is None:
            break
    derived: dict[int, list[Event]] = {}
    for i in affected:
        row = versions[i]
        prev = _effective_before(writer.reader, versions, i, contents)
        new = _snapshot(writer.reader, row, contents)
        _prefetch(writer.reader, prev, new, contents)
        recorded = datetime.combine(row.published_on, datetime.min.time(), tzinfo=UTC)
        events = diff_versions(prev, new, recorded)
        derived[row.id] = events
        _write_events(writer, row, prev, events)
    return derived


def _prefetch(
    reader: Reader, prev: Snapshot | None, new: Snapshot, contents: dict[str, dict[str, Any]]
) -> None:
    """Load, in one batch, the stored contents the diff will need: only entries that differ."""
    old = prev.members if prev is not None else {}
    needed = {h for e, (h, _p) in new.members.items() if old.get(e, ("",))[0] != h}
    needed |= {h for e, (h, _p) in old.items() if new.members.get(e, ("",))[0] != h}
    missing = {h for h in needed if h not in contents}
    if missing:
        contents.update(reader.revisions(missing))


def _write_events(writer: Writer, row: VersionRow, prev: Snapshot | None, events: list[Event]) -> None:
    active = writer.active_event_keys(row.id)
    keys = {event_key(e): e for e in events}
    stale = [eid for key, eid in active.items() if key not in keys]
    writer.retract_events(stale, row.id)
    prev_id = None
    rows = []
    for key, e in keys.items():
        if key in active:
            continue
        rows.append(
            (
                e.list_id,
                e.entity_id,
                e.ref,
                e.type,
                e.name,
                e.date.isoformat(),
                e.window_start.isoformat() if e.window_start else None,
                e.window_end.isoformat(),
                e.recorded_at.date().isoformat(),
                e.basis,
                canonical_json([{"field": f.field, "before": f.before, "after": f.after} for f in e.fields]),
                key,
                row.id,
                prev_id,
                writer.ingested_at,
            )
        )
    writer.add_events(rows)


# -- many files --------------------------------------------------------------------------------------

_SKIP_SUFFIXES = (".md", ".txt", ".sha256", ".json.sig")
_SKIP_NAMES = {"SHA256SUMS", "README", "LICENSE"}


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named, and files inside folders named, in publication order (leading date in the name)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not p.name.startswith(".")
                and p.name not in _SKIP_NAMES
                and not p.name.endswith(_SKIP_SUFFIXES)
                and not is_companion(p)
            )
        else:
            found.append(path)
    return sorted(found, key=lambda p: (date_from_name(p) or date.max, str(p)))


@dataclass(slots=True)
class BatchOutcome:
    results: list[IngestResult] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    failed: list[tuple[Path, ListwatchError]] = field(default_factory=list)


def ingest_many(
    store: Store,
    paths: Iterable[Path],
    fmt: str | None = None,
    options: ParseOptions | None = None,
    *,
    skip_unknown: bool = False,
    on_file: Callable[[Path, IngestResult | None], None] | None = None,
    accept: Accept | None = None,
) -> Iterator[tuple[Path, IngestResult | ListwatchError | str]]:
    """Each file in its own transaction; a bad file fails alone and the rest go on."""
    for path in paths:
        try:
            result = ingest_file(store, path, fmt, options, accept)
        except UnknownFormat as exc:
            yield path, (exc.message if skip_unknown else exc)
            continue
        except ListwatchError as exc:
            yield path, exc
            continue
        yield path, result

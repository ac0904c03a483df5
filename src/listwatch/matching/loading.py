"""Indexes from the store, for one (as-of, known-at) and a choice of lists: the matching core's one door
to the store.

An index is persisted under ``cache_dir``, named by a fingerprint of the list versions in force (their
content hashes, not the store's row ids, so two stores holding the same files share an index). When the
versions change, the cached index of the same lists that shares the most versions is updated in place
of a rebuild: the candidates of the changed lists are dropped and those lists alone are read again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from listwatch.errors import InputError
from listwatch.files import write_atomic
from listwatch.history.inforce import entries_in_force, version_records, versions_in_force
from listwatch.matching.index import INDEX_FORMAT, Candidate, NameIndex, build_index, candidates_from_entries
from listwatch.matching.screen import Screener
from listwatch.model import Entry
from listwatch.store import Reader, Store, VersionRow

# Cached indexes kept per cache folder; older ones are removed when a new one is written.
KEEP_INDEXES = 6


def list_keys(versions: Sequence[VersionRow], on: date) -> dict[str, str]:
    """Per list, what its entries in force depend on: the versions' content, and the day itself where
    entries are chosen by their own dates (record lists, or a day before the first version held)."""
    by_list: dict[str, list[VersionRow]] = {}
    for version in versions:
        by_list.setdefault(version.list_id, []).append(version)
    keys: dict[str, str] = {}
    for list_id, rows in by_list.items():
        dated = any(v.kind == "record" or v.published_on > on for v in rows)
        parts = [[v.published_at, v.scope, v.sha256, v.content_hash] for v in rows]
        keys[list_id] = json.dumps([parts, on.isoformat() if dated else None])
    return keys


def _fingerprint(keys: dict[str, str]) -> str:
    text = json.dumps([INDEX_FORMAT, sorted(keys.items())])
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def designated(pairs: Iterable[tuple[str, Entry]]) -> Iterator[tuple[str, Entry]]:
    """Curated lists keep denials ("never an FTO") with their sources; those are not screened against."""
    return ((list_id, entry) for list_id, entry in pairs if entry.standing == "designated")


def _candidates(reader: Reader, on: date, known_at: date | None, lists: Sequence[str]) -> list[Candidate]:
    return list(candidates_from_entries(designated(entries_in_force(reader, on, known_at, lists))))


def load_index(
    store: Store,
    as_of: date,
    known_at: date | None = None,
    lists: Sequence[str] | None = None,
    cache_dir: Path | None = None,
    recorded_at: datetime | None = None,
) -> NameIndex:
    """The index of the entries in force on ``as_of`` as known at ``known_at``; ``index.versions`` holds
    the versions used (``VersionRow.as_json``), for the output's record of what was screened against.
    ``recorded_at``: from the record as listwatch held it at that instant (an audit replay)."""
    reader = store.reader(recorded_at)
    versions = versions_in_force(reader, as_of, known_at, lists)
    if lists:
        held = {v.list_id for v in versions}
        unknown = [list_id for list_id in lists if list_id not in held]
        if unknown:
            known = sorted({v.list_id for v in versions_in_force(reader, as_of, known_at)})
            raise InputError(
                "--lists",
                f"no version of list(s) {', '.join(unknown)} known by "
                f"{known_at or 'now'} (lists held: {', '.join(known) or 'none'})",
                field="--lists",
            )
    info = version_records(versions, as_of)
    keys = list_keys(versions, as_of)
    wanted = sorted(keys)
    if cache_dir is None:
        return build_index(_candidates(reader, as_of, known_at, wanted), info)
    fingerprint = _fingerprint(keys)
    path = cache_dir / f"names-{fingerprint}.lwi"
    if path.exists():
        try:
            index = NameIndex.load(path)
        except InputError:
            pass  # another format or a damaged file: rebuilt below
        else:
            index.versions = info  # the same content; ingestion times and row ids as this store has them
            return index
    updated = _updated_from_cache(cache_dir, keys, reader, as_of, known_at, info)
    index = updated or build_index(_candidates(reader, as_of, known_at, wanted), info)
    with contextlib.suppress(OSError):  # a cache we may not write (read-only home, full disk): skipped
        _save(cache_dir, path, index, keys)
    return index


def _updated_from_cache(
    cache_dir: Path,
    keys: dict[str, str],
    reader: Reader,
    as_of: date,
    known_at: date | None,
    info: list[dict[str, Any]],
) -> NameIndex | None:
    """The cached index of the same lists with the most lists unchanged, brought up to date; ``None``
    when no cached index shares a list's versions (then a rebuild costs the same)."""
    best: tuple[int, Path] | None = None
    for manifest in cache_dir.glob("names-*.json"):
        try:
            cached: dict[str, str] = json.loads(manifest.read_text(encoding="utf-8"))["lists"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if sorted(cached) != sorted(keys):
            continue
        same = sum(cached[k] == keys[k] for k in keys)
        lwi = manifest.with_suffix(".lwi")
        if same and lwi.exists() and (best is None or same > best[0]):
            best = (same, lwi)
    if best is None:
        return None
    try:
        index = NameIndex.load(best[1])
    except InputError:
        return None
    cached = json.loads(best[1].with_suffix(".json").read_text(encoding="utf-8"))["lists"]
    changed = sorted(k for k in keys if cached[k] != keys[k])
    dropped = [c.entity_id for c in index.candidates if c.list_id in changed]
    index.updated(_candidates(reader, as_of, known_at, changed), dropped)
    index.versions = info
    return index


def _save(cache_dir: Path, path: Path, index: NameIndex, keys: dict[str, str]) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    index.save(path)
    manifest = path.with_suffix(".json")
    write_atomic(manifest, json.dumps({"format": INDEX_FORMAT, "lists": keys}).encode("utf-8"))
    old = sorted(cache_dir.glob("names-*.lwi"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in old[KEEP_INDEXES:]:
        stale.unlink(missing_ok=True)
        stale.with_suffix(".json").unlink(missing_ok=True)


def screener_from_store(
    store: Store,
    as_of: date,
    known_at: date | None = None,
    lists: Sequence[str] | None = None,
    cache_dir: Path | None = None,
) -> Screener:
    """A ``Screener`` for the lists in force on ``as_of`` as known at ``known_at`` (issue item 2)."""
    return Screener(load_index(store, as_of, known_at, lists, cache_dir))

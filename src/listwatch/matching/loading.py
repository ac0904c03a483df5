"""Candidates and indexes from the store, for one (as-of, known-at) and a choice of lists.

The matching core stays pure; this module is its one door to the store. An index is built once per
set of list versions in force and persisted under ``cache_dir``, named by a fingerprint of those
versions and the index format, so the next screen on the same lists loads it instead of rebuilding.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from listwatch.errors import InputError
from listwatch.matching.index import INDEX_FORMAT, Candidate, NameIndex, build_index, candidates_from_entries


def _version_info(version: Any) -> dict[str, str]:
    """A list version as plain data for the output's record of what was screened against."""
    info: dict[str, str] = {}
    for attr in ("id", "version_id", "list_id", "published", "sha256", "recorded_at"):
        value = getattr(version, attr, None)
        if value is not None:
            info[attr] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    source = getattr(version, "source", None)
    if source is not None and getattr(source, "sha256", None):
        info["sha256"] = source.sha256
    return info or {"version": str(version)}


def load_candidates(
    db_url: str | None, as_of: date, known_at: date | None, lists: list[str] | None
) -> tuple[list[Candidate], list[dict[str, str]]]:
    """The entities in force on ``as_of`` as known at ``known_at``, and the list versions they come from."""
    from listwatch.store import open_store

    reader = open_store(db_url).reader()
    pairs = list(reader.entries_in_force(on=as_of, known_at=known_at, lists=lists))
    versions = [_version_info(v) for v in reader.versions_in_force(on=as_of, known_at=known_at, lists=lists)]
    if lists:
        seen = {list_id for list_id, _entry in pairs}
        unknown = [list_id for list_id in lists if list_id not in seen]
        if unknown:
            raise InputError(
                "--lists",
                f"no entries in force on {as_of} for list(s): {', '.join(unknown)}",
                field="--lists",
            )
    return list(candidates_from_entries(pairs)), versions


def load_index(
    db_url: str | None,
    as_of: date,
    known_at: date | None,
    lists: list[str] | None,
    cache_dir: Path | None = None,
) -> NameIndex:
    candidates, versions = load_candidates(db_url, as_of, known_at, lists)
    if cache_dir is None:
        return build_index(candidates, versions)
    fingerprint = hashlib.sha256(
        json.dumps([INDEX_FORMAT, sorted(versions, key=lambda v: sorted(v.items()))], sort_keys=True).encode()
    ).hexdigest()[:20]
    path = cache_dir / f"names-{fingerprint}.lwi"
    if path.exists():
        return NameIndex.load(path)
    index = build_index(candidates, versions)
    cache_dir.mkdir(parents=True, exist_ok=True)
    index.save(path)
    return index

"""Search the whole record, not only what is in force: a delisted designation (UN IQi.074, removed
in February 2026) is part of the record, and a journalist searching for it must find it, with its
status on the day and the last event that changed it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from listwatch.history.asof import status_on
from listwatch.history.lookup import latest_entry
from listwatch.history.record_dates import dated_events
from listwatch.model import ref_key
from listwatch.store import EntityRow, Reader

# Designations the word search reads per query text.
POOL = 500


def find_in_record(reader: Reader, texts: Sequence[str], pool: int = POOL) -> tuple[list[EntityRow], bool]:
    """Every designation, in force or not, one of whose names contains each word of one of ``texts``;
    and whether the pool was full (more may match)."""
    found: dict[str, EntityRow] = {}
    capped = False
    for text in dict.fromkeys(texts):
        rows = reader.search_names(text, limit=pool)
        capped = capped or len(rows) >= pool
        for row in rows:
            found.setdefault(row.entity_id, row)
    return list(found.values()), capped


def record_summary(reader: Reader, row: EntityRow, on: date) -> dict[str, Any]:
    """A designation as a search result shows it: its newest held description, its status on ``on``
    (three-valued, with staleness) and its last event."""
    entry = latest_entry(reader, row.entity_id)
    status = status_on(reader, row.entity_id, row.list_id, on).as_json()
    events = reader.events(entity_ids=[row.entity_id])
    last = dated_events(reader, events[-1:])[0] if events else None
    return {
        "entity_id": row.entity_id,
        "list": row.list_id,
        "ref": entry.ref if entry else row.ref_key,
        "caption": entry.caption if entry else row.entity_id,
        "schema": row.schema,
        "names": [n.value for n in entry.names] if entry else [],
        "status": status["status"],
        "stale": status["stale"],
        "last_known": status["last_known"],
        "since": status["since"],
        "last_event": {k: last[k] for k in ("type", "date", "when", "version_id")} if last else None,
    }


def search_record(
    reader: Reader, texts: Sequence[str], on: date, *, limit: int = 25, list_id: str | None = None
) -> list[dict[str, Any]]:
    """Designations matching ``texts`` (in force or not), exact names first, with their summaries;
    a reference (``IQi.074``) finds its designation too."""
    rows, _capped = find_in_record(reader, texts)
    seen = {r.entity_id for r in rows}
    rows += [r for text in texts for r in reader.entities_by_ref(ref_key(text)) if r.entity_id not in seen]
    if list_id is not None:
        rows = [r for r in rows if r.list_id == list_id]
    exact = {r.entity_id for text in texts for r in reader.entities_by_name(text)}
    rows.sort(key=lambda r: (r.entity_id not in exact, r.entity_id))
    return [record_summary(reader, row, on) for row in rows[:limit]]

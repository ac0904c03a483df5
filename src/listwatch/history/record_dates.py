"""Event dates as precise as their source, and said the way they are known.

An event's stored ``date`` is a day (the first day a partial date can mean, so that it sorts and
compares), but the fact behind it may be a year ("2005"), a month ("2023-12"), the list's own listing
date (UN ``LISTED_ON``, an EU or UK listing date), or only the window between two versions. This module
recovers the precision from the entry the event was derived from and says, per event:

- ``date``: ``"2005"``, ``"2023-12"`` or ``"2001-10-06"``, at the source's precision;
- ``date_precision``: ``year``, ``month`` or ``day``;
- ``dated_by``: ``source`` (the list or curated record dates it), ``window`` (seen between two versions:
  only known to lie in the window), ``first_seen`` (on the first version held, undated: on or before),
  ``record`` (a curated record's change its sources do not date: dated by the record's version);
- ``when``: the sentence a table or a tooltip prints ("listed since 2001-10-06 (per version of
  2026-08-14)", "first seen on 2021-07-07 (listed on or before)", "between 2023-11-01 and 2023-12-29").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from listwatch.history.amendments import changes_text
from listwatch.model import Entry, PartialDate
from listwatch.store import EventRow, Reader


@dataclass(frozen=True, slots=True)
class EventDate:
    text: str
    precision: str
    dated_by: str
    when: str


def stated_date(event: EventRow, entry: Entry | None) -> PartialDate | None:
    """The entry's own date behind ``event`` (its listing or delisting date), if that is the event's."""
    if entry is None:
        return None
    value = (
        entry.listed_on if event.type == "listed" else entry.delisted_on if event.type == "delisted" else None
    )
    if value is not None and value.earliest() == event.date:
        return value
    return None


def event_date(event: EventRow, entry: Entry | None) -> EventDate:
    """How ``event`` is dated, from the entry of the version it was derived from."""
    stated = stated_date(event, entry)
    end, start = event.window_end, event.window_start
    if stated is not None:
        text = str(stated)
        if event.basis == "first_seen":
            when = f"{event.type} since {text} (per version of {end})"
        elif event.basis == "stated":
            when = f"{event.type} {_partial_words(stated)}, stated by the curated record"
        else:
            when = f"{event.type} {text} (per the list, seen between versions {start} and {end})"
        return EventDate(text, stated.precision, "source", when)
    day = event.date.isoformat()
    if event.basis == "first_seen":
        return EventDate(day, "day", "first_seen", f"first seen on {end} ({event.type} on or before)")
    if event.basis == "stated":
        # Undated by its sources: known from the curated record's version that first has it.
        return EventDate(day, "day", "record", f"{event.type} in the curated record of {event.window_end}")
    return EventDate(day, "day", "window", f"between {start or '…'} and {end}")


def _partial_words(value: PartialDate) -> str:
    """A partial date with its window: "2023-12 (between 2023-12-01 and 2023-12-31)"."""
    if value.precision == "day":
        return str(value)
    return f"{value} (between {value.earliest()} and {value.latest()})"


def entries_for(reader: Reader, events: Sequence[EventRow]) -> dict[tuple[int, str], Entry]:
    """The entry each event was derived from, read a version at a time (one query per version, one
    for the revisions), not an entry at a time: a first version can carry thousands of listings."""
    wanted: dict[int, set[str]] = {}
    for e in events:
        if e.type in ("listed", "delisted") and e.date != e.window_end:
            wanted.setdefault(e.version_id, set()).add(e.entity_id)
    hashes: dict[tuple[int, str], str] = {}
    for version_id, ids in wanted.items():
        members = reader.version_members(version_id)
        hashes.update({(version_id, i): members[i][0] for i in ids if i in members})
    contents = reader.revisions(set(hashes.values()))
    return {key: Entry.from_content(contents[h]) for key, h in hashes.items() if h in contents}


def dated_events(reader: Reader, events: Sequence[EventRow]) -> list[dict[str, Any]]:
    """Events as JSON, each with its date at the source's precision (see the module docstring)."""
    entries = entries_for(reader, events)
    return [dated_json(e, entries.get((e.version_id, e.entity_id))) for e in events]


def dated_json(event: EventRow, entry: Entry | None) -> dict[str, Any]:
    dated = event_date(event, entry)
    return {
        **event.as_json(),
        "date": dated.text,
        "day": event.date.isoformat(),
        "date_precision": dated.precision,
        "dated_by": dated.dated_by,
        "when": dated.when,
        # Each changed field said as ``field: before → after`` (``fields`` keeps the values whole).
        "changes": changes_text(event.fields),
    }

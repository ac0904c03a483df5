"""The record's answers as plain JSON data: what the CLI prints, the API returns and the web pages draw.

One function per question, so ``listwatch changes``, ``GET /changes`` and the changes page cannot drift
apart. Each takes a ``Reader`` and returns dicts and lists only (the shapes are a public interface,
documented in docs/cli.md and docs/api.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from listwatch.errors import InputError, NotFound
from listwatch.history.asof import status_on
from listwatch.history.coverage import coverage_of
from listwatch.history.lookup import find_entities, linked_cluster, with_links
from listwatch.history.matrix import matrix
from listwatch.history.record_dates import dated_events
from listwatch.model import get_list
from listwatch.store import EntityRow, EventRow, Reader, VersionRow


def lists_for(reader: Reader, list_id: str | None, jurisdiction: str | None) -> list[str]:
    """The list ids a question is about: one list, the lists of one jurisdiction, or every list held."""
    ids = reader.list_ids()
    if list_id:
        if list_id not in ids:
            raise NotFound(f'no versions of list "{list_id}" are held (see `listwatch lists`)')
        return [list_id]
    if jurisdiction:
        chosen = [i for i in ids if get_list(i).jurisdiction.upper() == jurisdiction.upper()]
        if not chosen:
            raise NotFound(f'no list of jurisdiction "{jurisdiction}" is held (see `listwatch lists`)')
        return chosen
    return ids


def list_summaries(reader: Reader) -> list[dict[str, Any]]:
    by_list: dict[str, list[Any]] = {}
    for v in reader.versions():
        by_list.setdefault(v.list_id, []).append(v)
    stated = reader.completeness(versions[-1].id for versions in by_list.values())
    data = []
    for list_id, versions in sorted(by_list.items()):
        info = get_list(list_id)
        last = stated.get(versions[-1].id)
        data.append(
            {
                "list": list_id,
                "title": info.title,
                "jurisdiction": info.jurisdiction,
                "authority": info.authority,
                "versions": len(versions),
                "first": versions[0].published_on.isoformat(),
                "last": versions[-1].published_on.isoformat(),
                "entries": versions[-1].entry_count,
                "url": info.url,
                # Curated lists: does a source enumerate the whole list as of the last version (with its
                # count)? None for official files, which are the list itself.
                "curated": info.curated,
                "complete": (last.complete if last else False) if info.curated else None,
                "stated_count": last.count if last else None,
                "licence": info.licence,
            }
        )
    return data


def registered_lists(held: set[str]) -> list[dict[str, Any]]:
    """Lists listwatch knows an address for but holds no version of: what `update` would fetch."""
    from listwatch.model import LISTS

    return [
        {
            "list": info.id,
            "title": info.title,
            "jurisdiction": info.jurisdiction,
            "authority": info.authority,
            "url": info.url,
            "licence": info.licence,
            "default": info.default,
        }
        for info in sorted(LISTS.values(), key=lambda i: i.id)
        if info.url and info.id not in held
    ]


_CHANGE_KEYS = ("type", "ref", "entity_id", "name", "date", "fields", "window", "basis")
_DATED_KEYS = ("day", "date_precision", "dated_by", "when", "changes")


def change_json(e: dict[str, Any]) -> dict[str, Any]:
    """An event as ``changes`` shows it (from ``record_dates.dated_json``)."""
    return {k: e[k] for k in (*_CHANGE_KEYS, *_DATED_KEYS)}


def changes_between(
    reader: Reader, list_id: str, start: date, end: date, known_at: date | None = None
) -> tuple[list[EventRow], dict[str, Any]]:
    """Events of a list after ``start`` up to and including ``end``: the rows, and their JSON, with the
    held versions that bound the period. A period no held version falls in is said to be one, not
    counted as "0 listed, 0 delisted": the record cannot see changes there."""
    if end < start:
        raise InputError(
            "--to", f"{end} is before --from ({start}): give the earlier day first", field="--to"
        )
    if list_id not in reader.list_ids():
        raise NotFound(f'no versions of list "{list_id}" are held (see `listwatch lists`)')
    events = reader.events(list_id=list_id, after=start, until=end, known_at=known_at)
    data = {
        "list": list_id,
        "from": start.isoformat(),
        "to": end.isoformat(),
        **period_bounds(reader.versions(list_id, known_at=known_at), start, end),
        "events": [change_json(e) for e in dated_events(reader, events)],
    }
    return events, data


def period_bounds(versions: Sequence[VersionRow], start: date, end: date) -> dict[str, Any]:
    """Which held versions bound (``start``, ``end``]: the one in force at ``start``, those published in
    the period, and the next one after it; ``note`` when none was published in the period."""
    earlier = [v for v in versions if v.published_on <= start]
    inside = [v for v in versions if start < v.published_on <= end]
    later = [v for v in versions if v.published_on > end]
    data: dict[str, Any] = {
        "bounds": {
            "before": _version_ref(earlier[-1]) if earlier else None,
            "in_period": [_version_ref(v) for v in inside],
            "after": _version_ref(later[0]) if later else None,
        },
        "note": None,
    }
    if not inside:
        near = [f"the last before, of {earlier[-1].published_on}"] if earlier else []
        near += [f"the next, of {later[0].published_on}"] if later else []
        data["note"] = (
            f"no held version in the period: nothing was published after {start} up to {end} that "
            "listwatch holds, so changes in it cannot be seen"
            + (f" ({'; '.join(near)})" if near else "")
            + "; only dates a later version states fall in it"
        )
    return data


def _version_ref(v: VersionRow) -> dict[str, Any]:
    return {"version_id": v.id, "published": v.published_on.isoformat(), "scope": v.scope}


def statuses(
    reader: Reader,
    entity: str,
    on: date,
    *,
    list_id: str | None = None,
    jurisdiction: str | None = None,
    known_at: date | None = None,
) -> list[dict[str, Any]]:
    """``status_on`` for every designation of the resolved entity ENTITY names, on the chosen lists
    (the UN's QDi.290 asked about in the US: OFAC's entry, linked by resolution, with how)."""
    lists = lists_for(reader, list_id, jurisdiction)
    cluster, how = linked_cluster(reader, find_entities(reader, entity))
    rows = [r for r in cluster if r.list_id in lists]
    if not rows:
        raise NotFound(f'"{entity}" is on none of: {", ".join(lists)}')
    out = []
    for r in rows:
        result = status_on(reader, r.entity_id, r.list_id, on, known_at).as_json()
        link = how.get(r.entity_id)
        if link is not None:
            result["linked_by"] = link.basis
            result["linked_via"] = link.via
            result["link_statement"] = link.statement
        out.append(result)
    return out


def presence(reader: Reader, entity_ids: Sequence[str]) -> dict[str, list[str]]:
    """Publication dates of the held versions each entity is on."""
    versions = {v.id: v for v in reader.versions()}
    out: dict[str, list[str]] = {}
    for entity_id in entity_ids:
        days = sorted(
            versions[v].published_on.isoformat()
            for v in reader.entity_memberships(entity_id)
            if v in versions
        )
        if days:
            out[entity_id] = days
    return out


def timeline_of(reader: Reader, entity: str, *, linked: bool = True) -> tuple[list[EventRow], dict[str, Any]]:
    rows = find_entities(reader, entity)
    if linked:
        rows = with_links(reader, rows)
    events = reader.events(entity_ids=[r.entity_id for r in rows])
    data: dict[str, Any] = {
        "entity": entity,
        "entities": [r.entity_id for r in rows],
        "events": dated_events(reader, events),
        "versions": presence(reader, [r.entity_id for r in rows]),
        "coverage": coverage_today(reader, sorted({r.list_id for r in rows})),
    }
    return events, data


def coverage_today(reader: Reader, list_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per list, the span its held versions answer for, and whether today is past it (stale): a
    timeline ends where the record's knowledge does, not where the chart's axis does."""
    today = date.today()
    out: dict[str, dict[str, Any]] = {}
    for list_id in list_ids:
        coverage = coverage_of(list_id, reader.versions(list_id))
        if coverage is not None:
            out[list_id] = {**coverage.as_json(), "stale_today": coverage.stale(today)}
    return out


def describe(reader: Reader, rows: Sequence[EntityRow]) -> list[dict[str, Any]]:
    """Each entity as its newest held version describes it: names in every script, dates, identifiers."""
    out = []
    for row in rows:
        memberships = reader.entity_memberships(row.entity_id)
        versions = sorted(
            (v for v in reader.versions(row.list_id) if v.id in memberships), key=lambda v: v.published_at
        )
        if not versions:
            continue
        entry = reader.entry(versions[-1].id, row.entity_id)
        assert entry is not None
        content = entry.content()
        out.append(
            {
                "entity_id": row.entity_id,
                "list": row.list_id,
                "ref": entry.ref,
                "caption": entry.caption,
                "last_seen": versions[-1].published_on.isoformat(),
                "first_seen": versions[0].published_on.isoformat(),
                **{k: v for k, v in content.items() if k not in ("ref",)},
            }
        )
    return out


def chart_statuses(matrix: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The matrix's status per list and per designation, keyed ``list:LIST`` and ``entity:ID``: what
    the timeline chart shows for each row, so the chart and the matrix never disagree."""
    out: dict[str, dict[str, Any]] = {}
    for row in matrix["rows"]:
        value = {"status": row["status"], "stale": row.get("stale", False), "basis": row.get("basis")}
        out[f"list:{row['list']}"] = value
        if row.get("entity_id"):
            out[f"entity:{row['entity_id']}"] = value
    return out


def matrix_of(reader: Reader, entity: str, on: date, known_at: date | None = None) -> dict[str, Any]:
    """The jurisdiction matrix (``history.matrix``): one row per list, status on ``on``, with claims."""
    return matrix(reader, entity, on, known_at)

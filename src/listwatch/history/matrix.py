"""The jurisdiction-by-jurisdiction matrix: for an entity, one row per list held, status on a day, and
who says so.

An entity here is a cluster: what the user named plus every designation linked to it by a reference
the lists carry (UK ``UN Ref``, curated ``links``). A curated list that ``describes`` an official list
(sourced facts about OFAC's SDN list, say) adds its claims to that list's row instead of a row of its
own. Official lists with no entry for the cluster say ``never_listed`` only on a day their held
versions cover (from the first to the last plus the list's horizon), and say which span; outside it,
``unknown``. A curated list with no entry says ``never_listed`` only where its version in force on the day is
complete (a source enumerates the whole list); otherwise ``unknown``: not known to be listed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from listwatch.history.asof import Basis, Status, status_on
from listwatch.history.coverage import Coverage, absent_statement, coverage_of, stale_statement
from listwatch.history.lookup import Link, find_entities, linked_cluster, name_links
from listwatch.model import PartialDate, get_list
from listwatch.store import EntityRow, Reader, VersionRow

_RANK = {"listed": 0, "not_listed": 1, "never_listed": 2, "unknown": 3}


def _claims(status: Status) -> list[dict[str, Any]]:
    claims = []
    for item in status.evidence:
        if "quote" in item:  # a curated citation
            source = ", ".join(
                str(p) for p in (item.get("publisher"), item.get("source"), item.get("published")) if p
            )
            claims.append(
                {
                    "statement": item["statement"],
                    "source": source,
                    "quote": item["quote"],
                    "url": item.get("url"),
                }
            )
        else:  # a published list version
            claims.append(
                {
                    "statement": item["statement"],
                    "source": f"{item['publisher']}, {item['list']} as published {item['published']} "
                    f"(sha256 {item['sha256'][:12]}…)",
                    "quote": None,
                    "url": item.get("source"),
                }
            )
    return claims


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _stated(value: PartialDate | None) -> str | None:
    """Curated dates keep their precision: "2005" stays "2005"."""
    return str(value) if value else None


def _row_from_status(status: Status, curated: bool) -> dict[str, Any]:
    info = get_list(status.list_id)
    entry = status.entry
    since, until = status.since_text, _day(status.until)
    if curated and entry is not None:
        if status.status == "listed":
            since, until = _stated(entry.listed_on), _stated(entry.delisted_on)
        elif status.status == "not_listed" and entry.delisted_on is not None:
            since, until = _stated(entry.delisted_on), None
    return {
        "jurisdiction": info.jurisdiction,
        "list": info.describes or status.list_id,
        "list_title": get_list(info.describes).title if info.describes else info.title,
        "authority": info.authority,
        "status": status.status,
        "since": since,
        "until": until,
        "entity_id": status.entity_id,
        "ref": entry.ref if entry else None,
        "name": entry.caption if entry else None,
        "claims": _claims(status),
        **_truth(status.status, status.basis, status),
    }


def _truth(value: str, basis: Basis | None, status: Status | None = None) -> dict[str, Any]:
    """The fields every row carries beside ``status``: the basis, the coverage and staleness."""
    return {
        "never_listed": value == "never_listed",
        "basis": basis.as_json() if basis else None,
        "coverage": status.coverage.as_json() if status and status.coverage else None,
        "stale": bool(status and status.stale),
        "last_known": status.as_json()["last_known"] if status else None,
        "since_dated_by": status.since_dated_by if status else None,
    }


def _absent_claim(reader: Reader, list_id: str, known_at: date | None) -> dict[str, Any]:
    """What the held versions of an official list say when none of them has the entity."""
    info = get_list(list_id)
    coverage = coverage_of(list_id, reader.versions(list_id, known_at=known_at))
    return {
        "statement": absent_statement(coverage) if coverage else f"no version of {list_id} is held",
        "source": f"{info.title}, versions held by listwatch",
        "quote": None,
        "url": info.url,
    }


def _curated_absent_row(reader: Reader, list_id: str, on: date, known_at: date | None) -> dict[str, Any]:
    """A curated list holds no entry for the entity: only a complete version in force says "never".

    A curated list is assembled from sources, so an entity it lacks may simply be one no source cited.
    The version in force on ``on`` is the newest dated by then (and known at ``known_at``); where a
    source says it enumerates the whole list, absence is ``never_listed``, with that source's sentence.
    """
    info = get_list(list_id)
    known = reader.versions(list_id, known_at=known_at)
    dated = [v for v in known if v.published_on <= on]
    version = dated[-1] if dated else None
    stated = reader.completeness([version.id]).get(version.id) if version else None
    if version is not None and stated is not None and stated.complete:
        cite = stated.citation
        status = "never_listed"
        claim = {
            "statement": f"no entry of {list_id} is this entity or linked to it by reference, in its version "
            f"of {version.published_on}, which a source states is the whole list ({stated.count} entries)",
            "source": ", ".join(str(p) for p in (cite.publisher, cite.title, cite.published) if p),
            "quote": cite.quote,
            "url": cite.url,
        }
    else:
        status = "unknown"
        why = (
            f"its version in force, of {version.published_on}, is partial: no source cited enumerates the "
            "whole list"
            if version is not None
            else f"no version of it is dated on or before {on}"
        )
        claim = {
            "statement": f"not known to be listed: {list_id} holds no entry for this entity, and {why}",
            "source": f"{info.title}, curated by listwatch",
            "quote": None,
            "url": info.url,
        }
    return {
        **_empty_row(list_id),
        "claims": [claim],
        **_absent_truth(status, str(claim["statement"]), version, coverage_of(list_id, known), on),
    }


def _absent_truth(
    status: str, why: str, version: VersionRow | None, coverage: Coverage | None, on: date
) -> dict[str, Any]:
    stale = bool(coverage and coverage.stale(on))
    # Past the horizon the last answer is "not listed" only if one was given: a partial curated list
    # never said so (it said "not known to be listed").
    last_known = "not_listed" if stale and status != "unknown" else None
    if stale and status != "unknown":
        assert coverage is not None
        status, why = "unknown", stale_statement(coverage, on)
    return {
        "status": status,
        "never_listed": status == "never_listed",
        "basis": Basis("version" if status != "unknown" else "none", why, version).as_json(),
        "coverage": coverage.as_json() if coverage else None,
        "stale": stale,
        "last_known": last_known,
    }


def _empty_row(list_id: str) -> dict[str, Any]:
    """A row for a list that holds no entry of the entity."""
    info = get_list(list_id)
    return {
        "jurisdiction": info.jurisdiction,
        "list": list_id,
        "list_title": info.title,
        "authority": info.authority,
        "since": None,
        "until": None,
        "entity_id": None,
        "ref": None,
        "name": None,
    }


def _official_absent_row(reader: Reader, list_id: str, on: date, known_at: date | None) -> dict[str, Any]:
    """No held version of an official list has the entity: ``never_listed`` on a day the versions
    cover; before the first or past the horizon, ``unknown``."""
    versions = reader.versions(list_id, known_at=known_at)
    coverage = coverage_of(list_id, versions)
    claim = _absent_claim(reader, list_id, known_at)
    in_force = [v for v in versions if v.published_on <= on]
    if coverage is None:
        status, why = "unknown", f"no version of {list_id} was published by {known_at}"
    elif coverage.before(on):
        status, why = "unknown", f"{on} is before the first held version; {claim['statement']}"
    else:
        status, why = "never_listed", claim["statement"]
    return {
        **_empty_row(list_id),
        "claims": [claim],
        **_absent_truth(status, why, in_force[-1] if in_force else None, coverage, on),
    }


def _linked_by(
    entity_id: str | None, reasons: dict[str, str], cluster: list[EntityRow], how: dict[str, Link]
) -> str | None:
    """How a row's designation joins the entity asked about: it is the entity, a list's own reference
    links it, entity resolution does (``identifier``, ``score``, a reviewer: ``person``), or only an
    identical name does (a weaker link, said in the row's first claim)."""
    if entity_id is None:
        return None
    if entity_id in reasons:
        return "name"
    if entity_id in how:
        return how[entity_id].basis
    return "reference" if entity_id in {r.entity_id for r in cluster} else None


def _resolution_claim(link: Link) -> dict[str, Any]:
    return {
        "statement": f"linked to {link.via} by entity resolution ({link.basis}): {link.statement}",
        "source": "listwatch resolve" if link.basis != "person" else "listwatch review",
        "quote": None,
        "url": None,
    }


def matrix(reader: Reader, entity: str, on: date, known_at: date | None = None) -> dict[str, Any]:
    cluster, how = linked_cluster(reader, find_entities(reader, entity))
    by_name = name_links(reader, cluster)
    reasons = {row.entity_id: reason for row, reason in by_name}
    held = reader.list_ids()
    describes = {lid: get_list(lid).describes for lid in held}
    merged_into = {lid: target for lid, target in describes.items() if target and target in held}
    by_list: dict[str, list[EntityRow]] = {}
    for member in [*cluster, *(row for row, _reason in by_name)]:
        by_list.setdefault(member.list_id, []).append(member)
    rows: list[dict[str, Any]] = []
    for list_id in held:
        if list_id in merged_into:
            continue
        info = get_list(list_id)
        describers = [lid for lid, target in merged_into.items() if target == list_id and lid in by_list]
        own = [status_on(reader, r.entity_id, list_id, on, known_at) for r in by_list.get(list_id, [])]
        notes = [
            status_on(reader, r.entity_id, lid, on, known_at) for lid in describers for r in by_list[lid]
        ]
        listed_notes = [n for n in notes if n.status == "listed"]
        if own and all(s.inferred and s.status != "listed" for s in own) and listed_notes:
            # Before the first version we hold, the file cannot say; a sourced claim can.
            row = _row_from_status(listed_notes[0], curated=True)
            official = own[0].entry
            row.update(list=list_id, entity_id=own[0].entity_id)
            if official is not None:
                row.update(ref=official.ref, name=official.caption)
            for status in [*own, *notes[1:]]:
                row["claims"].extend(_claims(status))
        elif own:
            best = min(own, key=lambda s: _RANK[s.status])
            row = _row_from_status(best, curated=info.curated)
            for note in notes:
                row["claims"].extend(_claims(note))
                stated = note.entry.listed_on if note.entry else None
                # The file shows the listing from the first version we hold; a source may date it earlier.
                # Past the horizon too: the listing the last version showed still began then.
                if (
                    "listed" in (best.status, best.last_known)
                    and "listed" in (note.status, note.last_known)
                    and stated is not None
                    and (best.since is None or stated.earliest() < best.since)
                ):
                    row["since"], row["since_dated_by"] = str(stated), "source"
        elif notes:
            row = _row_from_status(min(notes, key=lambda s: _RANK[s.status]), curated=True)
            row["list"] = list_id
            for note in notes[1:]:
                row["claims"].extend(_claims(note))
            row["claims"].append(_absent_claim(reader, list_id, known_at))
        elif info.curated:
            row = _curated_absent_row(reader, list_id, on, known_at)
        else:
            row = _official_absent_row(reader, list_id, on, known_at)
        row["linked_by"] = _linked_by(row.get("entity_id"), reasons, cluster, how)
        if row["entity_id"] in how and how[row["entity_id"]].basis != "reference":
            row["claims"].insert(0, _resolution_claim(how[row["entity_id"]]))
        if row["entity_id"] in reasons:
            row["claims"].insert(
                0,
                {
                    "statement": f"linked by {reasons[row['entity_id']]}: no reference joins the two lists",
                    "source": "listwatch",
                    "quote": None,
                    "url": None,
                },
            )
        rows.append(row)
    order = {"UN": "0", "EU": "1"}
    rows.sort(key=lambda r: (order.get(r["jurisdiction"], "2" + r["jurisdiction"]), r["list"]))
    return {
        "entity": entity,
        "on": on.isoformat(),
        "known_at": known_at.isoformat() if known_at else None,
        "entities": sorted(r.entity_id for r in cluster),
        "rows": rows,
    }

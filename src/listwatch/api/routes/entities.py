"""``/search/{dataset}`` (yente's search shape) and ``/entities/{id}``: the designations of one entity,
each as its newest version describes it, with the timeline across every list and the listing spans a
chart draws."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query
from rapidfuzz import fuzz

from listwatch.api.deps import get_reader, require_read_key
from listwatch.api.models import SearchEntityResponse, SearchResponse, TotalSpec
from listwatch.api.screening import plain_entity
from listwatch.api.services import Services, datasets_held, get_services
from listwatch.errors import NotFound
from listwatch.history.intervals import listing_intervals
from listwatch.history.lookup import find_entities, with_links
from listwatch.history.search import find_in_record, record_summary
from listwatch.history.views import describe, matrix_of, timeline_of
from listwatch.matching import Candidate
from listwatch.matching.normalize import tokenize
from listwatch.matching.scripts import to_latin
from listwatch.model import get_list
from listwatch.store import EntityRow, Reader

router = APIRouter(tags=["Entities"], dependencies=[Depends(require_read_key)])

# Cross-script search: names the word search misses (Барадар for BARADAR) come from the screener.
SEARCH_THRESHOLD = 0.7
# Entities the word search ranks per query (beyond, the total says "gte").
SEARCH_POOL = 500


def search_entities(
    reader: Reader, services: Services, dataset: str, q: str, limit: int
) -> tuple[list[SearchEntityResponse], TotalSpec]:
    """The designations found, in force or not (a delisted one is part of the record), closest name
    first, each with its status today and its last event; and how many there are."""
    today = date.today()
    screening = services.screening(reader, today, None, dataset)
    # The words as typed, then transliterated (Барадар finds BARADAR), then close matches.
    rows, capped = find_in_record(reader, (q, to_latin(q)), SEARCH_POOL)
    if dataset != "default":
        rows = [r for r in rows if r.list_id == dataset]
    else:  # sourced claims about another list (its row in the matrix), not designations of their own
        rows = [r for r in rows if not get_list(r.list_id).describes]
    found: dict[str, EntityRow] = {r.entity_id: r for r in rows}
    if len(found) < limit:
        for hit in screening.screener.match(q, SEARCH_THRESHOLD, limit):
            row = reader.entity(hit.entity_id)
            if row is not None:
                found.setdefault(hit.entity_id, row)
    query = " ".join(sorted(tokenize(q)))
    summaries = {i: record_summary(reader, row, today) for i, row in found.items()}
    ranked = sorted(summaries.values(), key=lambda s: (-_closeness(query, s["names"]), s["entity_id"]))
    total = TotalSpec(value=len(found), relation="gte" if capped else "eq")
    return [_result(screening.candidates.get(s["entity_id"]), s) for s in ranked[:limit]], total


def _result(candidate: Candidate | None, summary: dict[str, Any]) -> SearchEntityResponse:
    """In force: as screening holds it; delisted: as its newest held version describes it."""
    if candidate is not None:
        data = plain_entity(candidate).model_dump(by_alias=True)
    else:
        data = {
            "id": summary["entity_id"],
            "caption": summary["caption"],
            "schema": summary["schema"],
            "properties": {"name": summary["names"]},
            "datasets": [summary["list"]],
            "list": summary["list"],
            "ref": summary["ref"],
        }
    data.update(status=summary["status"], stale=summary["stale"], last_event=summary["last_event"])
    return SearchEntityResponse.model_validate(data)


def _closeness(query: str, names: list[str]) -> float:
    """How alike the query and the closest name are spelt, parts in any order: "Taliban" ranks
    TALIBAN before TEHRIK-E TALIBAN PAKISTAN, which the word search finds too."""
    keys = (" ".join(sorted(tokenize(n))) for n in names)
    return max((fuzz.ratio(query, key) for key in keys), default=0.0)


@router.get("/search/{dataset}", response_model=SearchResponse)
def search(
    dataset: str,
    q: str = Query(..., min_length=1, max_length=500, description="Words of a name, in any script."),
    limit: int = Query(10, ge=1, le=100),
    reader: Reader = Depends(get_reader),
    services: Services = Depends(get_services),
) -> SearchResponse:
    """Designations whose names contain the words of ``q`` — in force or delisted, each with its
    ``status`` today and ``last_event`` — then close matches across scripts. yente's response shape
    (listwatch adds ``status``, ``stale``, ``last_event``); ``facets`` is empty."""
    if dataset not in datasets_held(reader):
        raise NotFound(f'no dataset or list "{dataset}" (use "default", or a list id from GET /lists)')
    results, total = search_entities(reader, services, dataset, q, limit)
    return SearchResponse(limit=limit, total=total, results=results)


def entity_page_data(reader: Reader, entity: str) -> dict[str, Any]:
    rows = with_links(reader, find_entities(reader, entity))
    designations = describe(reader, rows)
    if not designations:
        raise NotFound(f'no held version describes "{entity}"')
    _events, timeline = timeline_of(reader, entity, linked=True)
    intervals = listing_intervals(reader, timeline["events"])
    _add_unstated_listings(intervals, matrix_of(reader, entity, date.today()))
    first = designations[0]
    return {
        "id": first["entity_id"],
        "caption": first["caption"],
        "schema": first["schema"],
        "designations": designations,
        "timeline": timeline,
        "intervals": intervals,
    }


def _add_unstated_listings(intervals: list[dict[str, Any]], matrix: dict[str, Any]) -> None:
    """A list in force today whose listing has no dated event (a curated "in force as of 2023-12")
    still gets a bar, open at the start, so the chart never says "not listed" where the matrix says
    "listed"."""
    by_list = {r["list"]: r for r in intervals}
    for row in matrix["rows"]:
        if row["status"] != "listed" and row.get("last_known") != "listed":
            continue
        if any(r["listed_today"] and r["jurisdiction"] == row["jurisdiction"] for r in intervals):
            continue
        span = {
            "from": row.get("since"),
            "to": row.get("until"),
            "basis": "stated",
            "dated_by": "source" if row.get("since") else "undated",
            "held_from": None,
            "when": f"since {row['since']}" if row.get("since") else "in force as stated, start not dated",
        }
        existing = by_list.get(row["list"])
        if existing is not None:  # a row with amendments only: the listing goes on the same row
            existing["spans"].append(span)
            existing["listed_today"] = True
            continue
        intervals.append(
            {
                "entity_id": row.get("entity_id"),
                "list": row["list"],
                "matrix_list": row["list"],
                "title": row.get("list_title") or row["list"],
                "jurisdiction": row["jurisdiction"],
                "ref": row.get("ref"),
                "name": row.get("name"),
                "spans": [span],
                "amendments": [],
                "listed_today": True,
                "known_until": (row.get("coverage") or {}).get("stale_after"),
            }
        )
    intervals.sort(key=lambda r: (r["jurisdiction"], r["list"], r["entity_id"] or ""))


@router.get("/entities/{entity_id}")
def entity(entity_id: str, reader: Reader = Depends(get_reader)) -> dict[str, Any]:
    """One entity (an id, a reference such as TAi.024, or a name) and every designation linked to it."""
    return entity_page_data(reader, entity_id)

"""``/search/{dataset}`` (yente's search shape) and ``/entities/{id}``: the designations of one entity,
each as its newest version describes it, with the timeline across every list and the listing spans a
chart draws."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query
from rapidfuzz import fuzz

from listwatch.api.deps import get_reader, require_read_key
from listwatch.api.models import EntityResponse, SearchResponse, TotalSpec
from listwatch.api.screening import plain_entity
from listwatch.api.services import Services, datasets_held, get_services
from listwatch.errors import NotFound
from listwatch.history.intervals import listing_intervals
from listwatch.history.lookup import find_entities, with_links
from listwatch.history.views import describe, matrix_of, timeline_of
from listwatch.matching import Candidate
from listwatch.matching.normalize import tokenize
from listwatch.matching.scripts import to_latin
from listwatch.store import Reader

router = APIRouter(tags=["Entities"], dependencies=[Depends(require_read_key)])

# Cross-script search: names the word search misses (Барадар for BARADAR) come from the screener.
SEARCH_THRESHOLD = 0.7
# Entities the word search ranks per query (beyond, the total says "gte").
SEARCH_POOL = 500


def search_entities(
    reader: Reader, services: Services, dataset: str, q: str, limit: int
) -> tuple[list[EntityResponse], TotalSpec]:
    """The entities found, closest name first, and how many there are."""
    screening = services.screening(reader, date.today(), None, dataset)
    found: dict[str, Candidate] = {}
    capped = False
    # The words as typed, then transliterated (Барадар finds BARADAR), then close matches.
    for text in dict.fromkeys((q, to_latin(q))):
        # the store returns them by id: enough of them to rank, the closest first, below
        rows = reader.search_names(text, limit=SEARCH_POOL)
        capped = capped or len(rows) >= SEARCH_POOL
        for row in rows:
            candidate = screening.candidates.get(row.entity_id)
            if candidate is not None:
                found.setdefault(row.entity_id, candidate)
    if len(found) < limit:
        for hit in screening.screener.match(q, SEARCH_THRESHOLD, limit):
            found.setdefault(hit.entity_id, screening.candidates[hit.entity_id])
    query = " ".join(sorted(tokenize(q)))
    ranked = sorted(found.values(), key=lambda c: (-_closeness(query, c), c.entity_id))
    total = TotalSpec(value=len(found), relation="gte" if capped else "eq")
    return [plain_entity(c) for c in ranked[:limit]], total


def _closeness(query: str, candidate: Candidate) -> float:
    """How alike the query and the candidate's closest name are spelt, parts in any order: "Taliban"
    ranks TALIBAN before TEHRIK-E TALIBAN PAKISTAN, which the word search finds too."""
    names = (" ".join(sorted(tokenize(n.value))) for n in candidate.names)
    return max((fuzz.ratio(query, name) for name in names), default=0.0)


@router.get("/search/{dataset}", response_model=SearchResponse)
def search(
    dataset: str,
    q: str = Query(..., min_length=1, max_length=500, description="Words of a name, in any script."),
    limit: int = Query(10, ge=1, le=100),
    reader: Reader = Depends(get_reader),
    services: Services = Depends(get_services),
) -> SearchResponse:
    """Entities in force today whose names contain the words of ``q``, then close matches across
    scripts. yente's response shape; ``facets`` is empty."""
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

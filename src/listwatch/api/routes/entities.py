"""``/search/{dataset}`` (yente's search shape) and ``/entities/{id}``: the designations of one entity,
each as its newest version describes it, with the timeline across every list and the listing spans a
chart draws."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse
from rapidfuzz import fuzz

from listwatch.api.deps import get_reader, require_read_key
from listwatch.api.models import SearchEntityResponse, SearchResponse, TotalSpec
from listwatch.api.records import Record
from listwatch.api.routes.match import TS_PATTERN
from listwatch.api.search import DEFAULT_FACETS, FACETS, check_schema, parse_property_filters, sort_records
from listwatch.api.search import Filters as SearchFilters
from listwatch.api.search import facets as facet_counts
from listwatch.api.services import ALL_DATASETS, Services, datasets_held, get_services
from listwatch.api.yente import ftm_schema
from listwatch.errors import NotFound
from listwatch.history.intervals import listing_intervals
from listwatch.history.lookup import find_entities, with_links
from listwatch.history.search import find_in_record, record_summary
from listwatch.history.views import describe, matrix_of, timeline_of
from listwatch.matching.normalize import tokenize
from listwatch.matching.scripts import to_latin
from listwatch.model import get_list
from listwatch.store import Reader

router = APIRouter(tags=["Entities"], dependencies=[Depends(require_read_key)])

# Cross-script search: names the word search misses (Барадар for BARADAR) come from the screener.
SEARCH_THRESHOLD = 0.7
# Entities the word search ranks per query (beyond, the total says "gte").
SEARCH_POOL = 500
# yente's page limits: at most 500 results a page, and no page past the 9,999th result.
MAX_PAGE = 500
MAX_OFFSET = 9999 - MAX_PAGE


def in_dataset(list_id: str, dataset: str) -> bool:
    """``default`` is every list but those holding sourced claims about another list (its row in the
    matrix), not designations of their own."""
    return list_id == dataset if dataset not in ALL_DATASETS else not get_list(list_id).describes


def search_ids(reader: Reader, services: Services, dataset: str, q: str, want: int) -> tuple[list[str], bool]:
    """The designations ``q`` finds, in force or not (a delisted one is part of the record), closest
    name first; and whether the word search was capped (more may match)."""
    records = services.records.get(reader)
    # The words as typed, then transliterated (Барадар finds BARADAR), then close matches.
    rows, capped = find_in_record(reader, (q, to_latin(q)), SEARCH_POOL)
    found = {r.entity_id: r.list_id for r in rows if in_dataset(r.list_id, dataset)}
    if len(found) < want:
        screening = services.screening(reader, date.today(), None, dataset)
        for hit in screening.screener.match(q, SEARCH_THRESHOLD, max(want, 1)):
            found.setdefault(hit.entity_id, hit.list_id)
    query = " ".join(sorted(tokenize(q)))

    def names(entity_id: str) -> list[str]:
        record = records.get(entity_id)
        return [n.value for n in record.entry.names] if record else []

    ranked = sorted(found, key=lambda i: (-_closeness(query, names(i)), i))
    return ranked, capped


def search_entities(
    reader: Reader, services: Services, dataset: str, q: str, limit: int, offset: int = 0
) -> tuple[list[SearchEntityResponse], TotalSpec]:
    """The designations found, in force or not, closest name first, each with its status today and
    its last event; and how many there are."""
    ids, capped = search_ids(reader, services, dataset, q, offset + limit)
    total = TotalSpec(value=len(ids), relation="gte" if capped else "eq")
    return results_for(reader, services, ids[offset : offset + limit]), total


def results_for(reader: Reader, services: Services, ids: list[str]) -> list[SearchEntityResponse]:
    records = services.records.get(reader)
    today = date.today()
    out = []
    for entity_id in ids:
        row = reader.entity(entity_id)
        if row is not None:
            out.append(_result(records.get(entity_id), record_summary(reader, row, today)))
    return out


def _result(record: Record | None, summary: dict[str, Any]) -> SearchEntityResponse:
    """yente's ``EntityResponse`` as the record describes the designation (its newest held version,
    whether or not it is still listed), with listwatch's status today and last event."""
    if record is not None:
        data = record.response()
        data["properties"].pop("sanctions", None)
    else:
        data = {
            "id": summary["entity_id"],
            "caption": summary["caption"],
            "schema": ftm_schema(summary["schema"]),
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


@router.get("/search/{dataset}", response_model=SearchResponse, summary="Simple entity search")
def search(
    dataset: str,
    q: str = Query("", max_length=500, description="Words of a name, in any script (optional)."),
    schema: str = Query("Thing", description="FtM schema of the results, or one above them."),
    include_dataset: list[str] = Query([], description="Only results from these lists."),
    exclude_dataset: list[str] = Query([], description="No results from these lists."),
    exclude_schema: list[str] = Query([], description="No results of these schemata."),
    changed_since: str | None = Query(None, pattern=TS_PATTERN, description="Entry changed since (UTC)."),
    countries: list[str] = Query([], description="ISO country codes (nationality or country)."),
    topics: list[str] = Query([], description="FtM topics (sanction, crime.terror, ...)."),
    datasets: list[str] = Query([], description="Lists, for facets (respects filter_op)."),
    filter: list[str] = Query([], description="field:value, e.g. properties.birthDate:1965."),
    limit: int = Query(10, ge=0, le=MAX_PAGE),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    sort: list[str] = Query([], description="first_seen, last_seen, last_change or caption, :asc/:desc."),
    target: bool | None = Query(None, description="yente's; every designation is a target."),
    fuzzy: bool = Query(False, description="yente's; listwatch's search is always cross-script and fuzzy."),
    simple: bool = Query(False, description="yente's; listwatch has no query syntax, so every q is simple."),
    facets: list[str] = Query(list(DEFAULT_FACETS), description=f"Of: {', '.join(FACETS)}."),
    filter_op: str = Query("OR", pattern="^(OR|AND)$", description="How values of one filter combine."),
    reader: Reader = Depends(get_reader),
    services: Services = Depends(get_services),
) -> SearchResponse:
    """Designations, in force or delisted, each with its ``status`` today and ``last_event``: those whose
    names contain the words of ``q`` and then close matches across scripts, or without ``q`` every one
    of the dataset; filtered, faceted and paged (``offset``, ``limit``) as yente's search. listwatch adds
    ``status``, ``stale`` and ``last_event``; ``total`` is ``"gte"`` when the word search was capped."""
    if dataset not in datasets_held(reader):
        raise NotFound(f'no dataset or list "{dataset}" (use "default", or a list id from GET /lists)')
    check_schema(schema)
    for name in exclude_schema:
        check_schema(name)
    unknown = [f for f in facets if f not in FACETS]
    if unknown:
        raise HTTPException(400, detail=f"Invalid facet: {', '.join(unknown)} (one of {', '.join(FACETS)})")
    chosen = SearchFilters(
        schema=schema,
        exclude_schema=exclude_schema,
        include_dataset=include_dataset,
        exclude_dataset=exclude_dataset,
        datasets=datasets,
        countries=countries,
        topics=topics,
        changed_since=changed_since,
        target=target,
        properties=parse_property_filters(filter),
        all_of=filter_op == "AND",
    )
    records = services.records.get(reader)
    if q.strip():
        ids, capped = search_ids(reader, services, dataset, q, SEARCH_POOL)
        found = [records[i] for i in ids if i in records]
    else:
        capped = False
        found = sorted(
            (r for r in records.values() if in_dataset(r.list_id, dataset)),
            key=lambda r: (r.entry.caption.casefold(), r.entity_id),
        )
    kept = sort_records([r for r in found if chosen.keep(r)], sort)
    page = [r.entity_id for r in kept[offset : offset + limit]]
    return SearchResponse(
        limit=limit,
        offset=offset,
        total=TotalSpec(value=len(kept), relation="gte" if capped else "eq"),
        results=results_for(reader, services, page),
        facets=facet_counts(facets, kept),
    )


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


def canonical_id(reader: Reader, services: Services, text: str) -> str | None:
    """The one designation ``text`` names when it is not listwatch's id for it: an id its source
    merged into it (yente's referents), its list's reference, another spelling of the id, or a name
    only one designation has. None when nothing, or more than one, answers."""
    records = services.records.get(reader)
    by_referent = services.records.referents(reader)
    if text in by_referent:
        return by_referent[text]
    rows = find_entities(reader, text)
    ids = {row.entity_id for row in rows}
    return ids.pop() if len(ids) == 1 and next(iter(ids)) in records else None


@router.get(
    "/entities/{entity_id:path}",
    responses={308: {"description": "The id names a designation listwatch holds under another id."}},
)
def entity(
    entity_id: str,
    request: Request,
    nested: bool = Query(True, description="Nest the listings as FtM Sanction entities (yente's default)."),
    reader: Reader = Depends(get_reader),
    services: Services = Depends(get_services),
) -> Any:
    """One designation in yente's shape (``properties`` in FtM terms, each listing a nested
    ``Sanction``, ``referents``, ``first_seen``/``last_seen``/``last_change``), and listwatch's: every
    designation linked to it (``designations``), its timeline across lists and the listing spans.
    Another id for it (the list's reference such as ``TAi.024``, an OpenSanctions id merged into it,
    a name only it has) answers 308 to its listwatch id, as yente does for merged ids. Ids may
    contain ``/``."""
    records = services.records.get(reader)
    record = records.get(entity_id)
    if record is None:
        target = canonical_id(reader, services, entity_id)
        if target is not None and target != entity_id:
            query = f"?{request.url.query}" if request.url.query else ""
            return RedirectResponse(f"/entities/{quote(target, safe=':/')}{query}", status_code=308)
    data = entity_page_data(reader, entity_id)
    if record is None:
        record = records.get(data["id"])
    if record is not None:
        yente = record.response(nested=nested)
        linked = [records[d["entity_id"]] for d in data["designations"] if d["entity_id"] in records]
        sanctions = [r.sanction() for r in linked if r.entity_id != record.entity_id]
        yente["properties"]["sanctions"] += sanctions if nested else [x["id"] for x in sanctions]
        yente["datasets"] = list(dict.fromkeys([record.list_id, *(r.list_id for r in linked)]))
        data = {**yente, **{k: v for k, v in data.items() if k not in yente}}
    return data

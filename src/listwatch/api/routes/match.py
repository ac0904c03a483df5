"""``POST /match/{dataset}``: yente's query-by-example matcher, over the lists in force on ``as_of``
as known at ``known_at``. The backend comes through ``Depends``, as in yente's own router."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from listwatch.api.deps import get_reader, require_read_key
from listwatch.api.models import EntityMatches, EntityMatchQuery, EntityMatchResponse, FeatureDoc, TotalSpec
from listwatch.api.screening import best_hits, example_queries, scored
from listwatch.api.services import Services, datasets_held, get_services
from listwatch.errors import NotFound, TooLarge
from listwatch.history.inforce import lists_not_used
from listwatch.matching import ALGORITHM, DEFAULT_THRESHOLD
from listwatch.matching import Query as NameQuery
from listwatch.matching.result import (
    BIRTH_FEATURE,
    COUNTRY_FEATURE,
    KIND_FEATURE,
    NAME_FEATURE,
    NAME_SHARE,
    WEAK_ALIAS_FACTOR,
)
from listwatch.settings import Settings
from listwatch.store import Reader

router = APIRouter(tags=["Matching"], dependencies=[Depends(require_read_key)])

MAX_LIMIT = 500
MATCHER = {
    NAME_FEATURE: FeatureDoc(
        description="Names aligned part by part across Latin, Cyrillic and Arabic scripts (phonetic keys, "
        "then edit similarity); birth date and country adjust the score.",
        coefficient=NAME_SHARE,
        url="docs/screening.md",
    ),
    KIND_FEATURE: FeatureDoc(
        description="The name matched is a weak alias: the name's part of the score is multiplied by this.",
        coefficient=WEAK_ALIAS_FACTOR,
        url="docs/screening.md",
    ),
    BIRTH_FEATURE: FeatureDoc(
        description="The query's birth date against the closest listed one (added to the score).",
        coefficient=1.0,
        url="docs/screening.md",
    ),
    COUNTRY_FEATURE: FeatureDoc(
        description="The query's country against the listed countries and nationalities (added).",
        coefficient=1.0,
        url="docs/screening.md",
    ),
}


def check_size(prepared: dict[str, list[NameQuery]], settings: Settings) -> None:
    """Screening costs per name and per character, whatever the number of queries: one request of
    100 queries with 10,000 names each took 41 s of CPU. Past either limit, nothing is screened."""
    names = sum(len(queries) for queries in prepared.values())
    chars = sum(len(q.name) for queries in prepared.values() for q in queries)
    if names > settings.max_match_names:
        raise TooLarge(
            "request",
            f"{names:,} names in one request, more than {settings.max_match_names:,} "
            "(LISTWATCH_MAX_MATCH_NAMES): split it",
            field="queries",
        )
    if chars > settings.max_match_chars:
        raise TooLarge(
            "request",
            f"{chars:,} characters of names in one request, more than {settings.max_match_chars:,} "
            "(LISTWATCH_MAX_MATCH_CHARS): split it",
            field="queries",
        )


@router.post("/match/{dataset}", response_model=EntityMatchResponse, summary="Query by example matcher")
def match(
    body: EntityMatchQuery,
    response: Response,
    dataset: str,
    limit: int = Query(5, ge=1, le=MAX_LIMIT, description="Results per query."),
    threshold: float = Query(DEFAULT_THRESHOLD, ge=0.0, le=1.0, description="Score for `match: true`."),
    cutoff: float | None = Query(
        None, ge=0.0, le=1.0, description="Lowest score returned at all (default: threshold)."
    ),
    algorithm: str = Query(ALGORITHM, description=f"Accepted for yente clients; {ALGORITHM} answers."),
    include_dataset: list[str] = Query([], description="Only results from these lists."),
    exclude_dataset: list[str] = Query([], description="No results from these lists."),
    exclude_schema: list[str] = Query([], description="No results of these schemata."),
    as_of: date | None = Query(
        None, description="Screen against the lists in force on this day (default: today)."
    ),
    known_at: date | None = Query(None, description="As the lists could be known on this day (record time)."),
    reader: Reader = Depends(get_reader),
    services: Services = Depends(get_services),
) -> EntityMatchResponse:
    """yente's request body (``queries`` keyed by your ids, each with ``schema`` and ``properties`` such as
    ``name``, ``birthDate``, ``nationality``, ``country``) and yente's response (``responses`` keyed by
    the same ids). Scores are listwatch's (``algorithm`` in the response's versions); each result says why in
    ``explanation`` (one line) and ``explanations`` (yente's, per feature)."""
    if len(body.queries) > services.settings.max_batch:
        raise HTTPException(
            400,
            f"too many queries in one batch: {len(body.queries)} (limit {services.settings.max_batch}, "
            "LISTWATCH_MAX_BATCH)",
        )
    if not body.queries:
        raise HTTPException(400, "no queries provided")
    if dataset not in datasets_held(reader):
        raise NotFound(f'no dataset or list "{dataset}" (use "default", or a list id from GET /lists)')
    on = as_of or date.today()
    screening = services.screening(reader, on, known_at, dataset)
    low = min(cutoff if cutoff is not None else threshold, threshold)
    wanted = set(include_dataset)
    unwanted = set(exclude_dataset)
    schemata = {s.casefold() for s in exclude_schema}
    prepared = {qid: example_queries(qid, example) for qid, example in body.queries.items()}
    check_size(prepared, services.settings)
    responses: dict[str, EntityMatches] = {}
    for qid, example in body.queries.items():
        hits = best_hits(screening, prepared[qid], low, limit + len(unwanted | schemata) * 2 + 5)
        results = []
        for hit in hits:
            candidate = screening.candidates[hit.entity_id]
            if (wanted and hit.list_id not in wanted) or hit.list_id in unwanted:
                continue
            if candidate.schema.casefold() in schemata:
                continue
            results.append(scored(screening, hit, threshold))
        results = results[:limit]
        responses[qid] = EntityMatches(
            status=200, results=results, total=TotalSpec(value=len(results)), query=example
        )
    response.headers["x-batch-size"] = str(len(responses))
    return EntityMatchResponse(
        responses=responses,
        matcher=MATCHER,
        limit=limit,
        as_of=on.isoformat(),
        known_at=known_at.isoformat() if known_at else None,
        versions=screening.versions,
        lists_not_used=lists_not_used(reader, on, known_at, None if dataset == "default" else [dataset]),
    )

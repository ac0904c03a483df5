"""``POST /match/{dataset}``: yente's query-by-example matcher, over the lists in force on ``as_of``
as known at ``known_at``. The backend comes through ``Depends``, as in yente's own router."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Query, Response

from listwatch.api.deps import get_reader, require_read_key
from listwatch.api.models import (
    EntityExample,
    EntityMatches,
    EntityMatchQuery,
    EntityMatchResponse,
    FeatureDoc,
    ScoredEntityResponse,
    TotalSpec,
)
from listwatch.api.records import Record, record_of, topics_of
from listwatch.api.runs import keep, match_run, request_of
from listwatch.api.screening import best_hits, example_queries, record_dates, scored
from listwatch.api.services import Screening, Services, datasets_held, get_services
from listwatch.api.yente import (
    COEFFICIENTS,
    FEATURE_HELP,
    algorithms_doc,
    check_config,
    check_schema,
    coefficients,
    ftm_schema,
    normalised,
    resolve_algorithm,
)
from listwatch.errors import InputError, NotFound, TooLarge
from listwatch.history.inforce import lists_not_used
from listwatch.matching import ALGORITHM, DEFAULT_THRESHOLD, Hit
from listwatch.matching import Query as NameQuery
from listwatch.settings import Settings
from listwatch.store import Reader
from listwatch.store.base import now_iso

# yente clients post JSON without a Content-Type (yente reads it, strict_content_type=False). /match only
# reads, and keys travel in headers a cross-site form cannot set, so it costs no CSRF protection.
router = APIRouter(tags=["Matching"], dependencies=[Depends(require_read_key)], strict_content_type=False)

MAX_LIMIT = 500
# yente's pattern for ``changed_since``: a day, optionally with hours, minutes, seconds.
TS_PATTERN = r"^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?$"
MATCHER = {
    name: FeatureDoc(description=FEATURE_HELP[name], coefficient=value, url="docs/screening.md")
    for name, value in COEFFICIENTS.items()
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


@router.get("/algorithms", tags=["System information"], summary="Scoring algorithms")
def algorithms() -> dict[str, Any]:
    """yente's ``AlgorithmResponse``: listwatch's algorithm, and yente's names it answers for."""
    return algorithms_doc()


class Filters:
    """The result filters of one request, as yente applies them to every query of a batch."""

    def __init__(
        self,
        reader: Reader,
        screening: Screening,
        include_dataset: list[str],
        exclude_dataset: list[str],
        exclude_schema: list[str],
        topics: list[str],
        changed_since: str | None,
        exclude_entity_ids: list[str],
    ) -> None:
        self.reader = reader
        self.screening = screening
        self.wanted = set(include_dataset)
        self.unwanted = set(exclude_dataset)
        self.schemata = {s.casefold() for s in exclude_schema}
        self.topics = set(topics)
        self.changed_since = changed_since
        self.excluded = {i.strip() for i in exclude_entity_ids if i.strip()}
        self.excluded_folded = {i.casefold() for i in self.excluded}

    @property
    def extra(self) -> int:
        """How many more hits to fetch than asked for, so the filters still leave ``limit``."""
        return 0 if not (self.unwanted or self.schemata or self.excluded or self.changed_since) else 50

    def keep(self, screening: Screening, hit: Hit) -> bool:
        candidate = screening.candidates[hit.entity_id]
        if (self.wanted and hit.list_id not in self.wanted) or hit.list_id in self.unwanted:
            return False
        if self.schemata & {candidate.schema.casefold(), ftm_schema(candidate.schema).casefold()}:
            return False
        record = self.record(hit.entity_id)
        if self.topics and not self.topics & set(record.topics if record else topics_of(hit.list_id)):
            return False
        if self.excluded and self._excluded(hit, record):
            return False
        if self.changed_since is not None:
            change = record_dates(self.reader, screening, hit.entity_id)[2]
            if change is None or change < self.changed_since:
                return False
        return True

    def record(self, entity_id: str) -> Record | None:
        """The record of a result, read once per screening (``api/records.py``)."""
        records = self.screening.records
        if entity_id not in records:
            records[entity_id] = record_of(self.reader, entity_id)
        return records[entity_id]

    def _excluded(self, hit: Hit, record: Record | None) -> bool:
        """Any id of the designation excludes it: listwatch's, its list's own, one its source merged
        into it, or one linked to it."""
        if hit.entity_id.casefold() in self.excluded_folded or hit.ref.casefold() in self.excluded_folded:
            return True
        if record is not None and self.excluded & set(record.referents):
            return True
        return bool(self.reader.links(hit.entity_id) & self.excluded)


def match_one(
    qid: str,
    example: EntityExample,
    screening: Screening,
    prepared: list[NameQuery],
    filters: Filters,
    weights: dict[str, float],
    threshold: float,
    cutoff: float,
    limit: int,
) -> EntityMatches:
    pairs = best_hits(screening, prepared, cutoff, limit + filters.extra + 5, weights)
    results: list[ScoredEntityResponse] = []
    matches = 0
    for hit, score in pairs:
        if not filters.keep(screening, hit):
            continue
        matches += score >= threshold
        record = filters.record(hit.entity_id)
        results.append(scored(screening, hit, threshold, score, filters.reader, record))
    return EntityMatches(
        status=200,
        results=results[:limit],
        total=TotalSpec(value=matches),
        query=normalised(example),
    )


def failed(example: EntityExample, detail: str) -> EntityMatches:
    """One query that could not be read: it fails alone, as yente's ``status`` field allows."""
    return EntityMatches(status=400, results=[], total=TotalSpec(value=0), query=example, detail=detail)


@router.post("/match/{dataset}", response_model=EntityMatchResponse, summary="Query by example matcher")
def match(
    body: EntityMatchQuery,
    response: Response,
    background: BackgroundTasks,
    dataset: str,
    limit: int = Query(5, ge=1, le=MAX_LIMIT, description="Results per query."),
    threshold: float = Query(
        DEFAULT_THRESHOLD,
        ge=0.0,
        le=1.0,
        description=f"Score for `match: true` (listwatch's {DEFAULT_THRESHOLD}, not yente's 0.70: "
        "see GET /algorithms).",
    ),
    cutoff: float | None = Query(
        None, ge=0.0, le=1.0, description="Lowest score returned at all (default: threshold)."
    ),
    algorithm: str = Query(
        "best", description=f"{ALGORITHM}, best, or one of yente's names (GET /algorithms)."
    ),
    include_dataset: list[str] = Query([], description="Only results from these lists."),
    exclude_dataset: list[str] = Query([], description="No results from these lists."),
    exclude_schema: list[str] = Query([], description="No results of these schemata."),
    topics: list[str] = Query([], description="Only results with one of these topics (all are `sanction`)."),
    changed_since: str | None = Query(
        None, pattern=TS_PATTERN, description="Only results whose entry changed since then (UTC)."
    ),
    exclude_entity_ids: list[str] = Query(
        [], max_length=50, description="Ids (listwatch's, the list's own, or linked ones) to leave out."
    ),
    as_of: date | None = Query(
        None, description="Screen against the lists in force on this day (default: today)."
    ),
    known_at: date | None = Query(None, description="As the lists could be known on this day (record time)."),
    reader: Reader = Depends(get_reader),
    services: Services = Depends(get_services),
) -> EntityMatchResponse:
    """yente's request body (``queries`` keyed by your ids, each with ``schema`` and ``properties`` such as
    ``name``, ``birthDate``, ``nationality``, ``country``; ``weights`` per feature) and yente's response
    (``responses`` keyed by the same ids). Scores are listwatch's (``algorithm`` in the response); each
    result says why in ``explanation`` (one line) and ``explanations`` (yente's, per feature). A query
    that cannot be read gets ``status: 400`` and a ``detail``; the others are answered. When none can
    be, the request is a 400. Each answered request is kept as an audit run (``listwatch runs``)."""
    asked, started = dict(locals()), now_iso()
    used = resolve_algorithm(algorithm)
    check_config(body.config)
    weights = coefficients(body.weights)
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
    filters = Filters(
        reader,
        screening,
        include_dataset,
        exclude_dataset,
        exclude_schema,
        topics,
        changed_since,
        exclude_entity_ids,
    )
    prepared: dict[str, list[NameQuery]] = {}
    responses: dict[str, EntityMatches] = {}
    problems: list[HTTPException | InputError] = []
    for qid, example in body.queries.items():
        try:
            check_schema(qid, example)
            prepared[qid] = example_queries(qid, example)
        except (HTTPException, InputError) as exc:
            problems.append(exc)
            responses[qid] = failed(example, str(exc.detail if isinstance(exc, HTTPException) else exc))
    if not prepared:
        raise problems[0]
    check_size(prepared, services.settings)
    for qid, queries in prepared.items():
        responses[qid] = match_one(
            qid, body.queries[qid], screening, queries, filters, weights, threshold, low, limit
        )
    responses = {qid: responses[qid] for qid in body.queries}
    response.headers["x-batch-size"] = str(len(responses))
    answer = EntityMatchResponse(
        responses=responses,
        matcher=MATCHER,
        limit=limit,
        algorithm=used,
        threshold=threshold,
        as_of=on.isoformat(),
        known_at=known_at.isoformat() if known_at else None,
        versions=screening.versions,
        lists_not_used=lists_not_used(reader, on, known_at, None if dataset == "default" else [dataset]),
    )
    if services.settings.record_match:
        asked["as_of"] = on  # the day it answered for, not "today" again when replayed
        run = match_run(started, request_of(dataset, asked, body), answer)
        background.add_task(keep, services.store, run)
    return answer

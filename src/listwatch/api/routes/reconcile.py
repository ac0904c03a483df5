"""The W3C reconciliation API (version 0.2, as yente and OpenRefine speak it) at ``/reconcile/{dataset}``:
the service manifest, batches of queries (screened as ``/match`` screens them, as of today), data
extension, and suggest for entities, types and properties.

OpenRefine sends ``queries`` and ``extend`` as form fields of a POST (or as GET query parameters);
both are read here.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field, RootModel, ValidationError

from listwatch.api.deps import get_reader, require_read_key
from listwatch.api.ftm_schema import SCHEMATA, matches_prefix, properties_of
from listwatch.api.models import EntityExample
from listwatch.api.records import Record
from listwatch.api.routes.entities import search_ids
from listwatch.api.routes.match import Filters, match_one
from listwatch.api.screening import example_queries
from listwatch.api.services import Services, datasets_held, get_services
from listwatch.api.yente import COEFFICIENTS, check_schema, resolve_algorithm
from listwatch.errors import InputError, NotFound
from listwatch.matching import DEFAULT_THRESHOLD
from listwatch.model import get_list
from listwatch.store import Reader

router = APIRouter(tags=["Reconciliation"], dependencies=[Depends(require_read_key)])

# The schemata a reconciliation query may ask for (FtM's matchable ones that designations are).
MATCHABLE = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")
MAX_SUGGEST = 5  # yente's MATCH_PAGE: suggestions of types and properties per prefix


class PropertyFilter(BaseModel):
    pid: str
    v: str | list[str]


class ReconQuery(BaseModel):
    query: str | None = None
    type: str | list[str] | None = None
    limit: int = Field(5, ge=1, le=100)
    properties: list[PropertyFilter] = []


ReconBatch = RootModel[dict[str, ReconQuery]]


class ExtendSettings(BaseModel):
    limit: int = 0
    render: str = "caption"


class ExtendProperty(BaseModel):
    id: str
    settings: ExtendSettings = ExtendSettings()


class ExtendQuery(BaseModel):
    ids: list[str]
    properties: list[ExtendProperty]


def _type(name: str) -> dict[str, Any]:
    schema = SCHEMATA[name]
    return {"id": schema.name, "name": schema.plural, "description": schema.description or schema.label}


def _dataset(reader: Reader, dataset: str) -> None:
    if dataset not in datasets_held(reader):
        raise NotFound(f'no dataset or list "{dataset}" (use "default", or a list id from GET /lists)')


@router.get("/reconcile/{dataset}", summary="Reconciliation manifest, or queries as GET parameters")
def manifest(
    request: Request,
    dataset: str,
    queries: str | None = Query(None, description="JSON queries (the spec's GET form)."),
    extend: str | None = Query(None, description="JSON data extension request."),
    reader: Reader = Depends(get_reader),
    services: Services = Depends(get_services),
) -> Any:
    """The service manifest OpenRefine reads when a service is added: where suggest and extend
    are, the types it reconciles, and how entities are viewed."""
    _dataset(reader, dataset)
    if queries or extend:
        return _answer(reader, services, dataset, queries, extend)
    base = str(request.base_url).rstrip("/") + f"/reconcile/{dataset}"
    query = f"?{request.url.query}" if request.url.query else ""
    root = str(request.base_url).rstrip("/")
    title = (
        "every list held"
        if dataset in ("default", "sanctions", "all", "listwatch")
        else get_list(dataset).title
    )
    return {
        "versions": ["0.2"],
        "name": f"listwatch: {title}",
        "identifierSpace": f"{root}/entities/",
        "schemaSpace": "https://followthemoney.tech/explorer/schemata/",
        "documentation": f"{root}/docs",
        "batchSize": 3,
        "view": {"url": f"{root}/ui/entity/{{{{id}}}}"},
        "preview": {"url": f"{root}/ui/entity/{{{{id}}}}", "width": 430, "height": 600},
        "suggest": {
            kind: {"service_url": base, "service_path": f"/suggest/{kind}{query}"}
            for kind in ("entity", "type", "property")
        },
        "extend": {
            "propose_properties": {"service_url": base, "service_path": f"/extend/property{query}"},
            "propose_settings": [
                {
                    "name": "limit",
                    "label": "Limit",
                    "type": "number",
                    "default": 0,
                    "help_text": "Maximum number of values to return per row (0 for no limit).",
                    "choices": [],
                },
            ],
        },
        "defaultTypes": [_type(name) for name in MATCHABLE],
    }


@router.post("/reconcile/{dataset}", summary="Reconciliation queries and data extension")
def reconcile(
    response: Response,
    dataset: str,
    queries: str | None = Form(None, description="JSON-encoded reconciliation queries."),
    extend: str | None = Form(None, description="JSON-encoded data extension request."),
    algorithm: str = Query("best", description="As /match."),
    reader: Reader = Depends(get_reader),
    services: Services = Depends(get_services),
) -> Any:
    _dataset(reader, dataset)
    resolve_algorithm(algorithm)
    answer = _answer(reader, services, dataset, queries, extend)
    response.headers["x-batch-size"] = str(len(answer.get("rows", answer)))
    return answer


def _answer(
    reader: Reader, services: Services, dataset: str, queries: str | None, extend: str | None
) -> dict[str, Any]:
    if extend is not None and extend.strip():
        return _extend(reader, services, extend)
    if not queries:
        raise HTTPException(400, detail="No queries or extend request provided.")
    try:
        batch = ReconBatch.model_validate_json(queries).root
    except ValidationError as exc:
        raise HTTPException(400, detail=f"Cannot read the queries: {exc.errors()[0]['msg']}") from None
    if len(batch) > services.settings.max_batch:
        raise HTTPException(
            400, detail=f"Too many queries in one batch (limit: {services.settings.max_batch})"
        )
    screening = services.screening(reader, date.today(), None, dataset)
    filters = Filters(reader, screening, [], [], [], [], None, [])
    out: dict[str, Any] = {}
    for key, query in batch.items():
        example = _example(key, query)
        try:
            prepared = example_queries(key, example)
        except InputError as exc:
            raise HTTPException(400, detail=str(exc)) from None
        found = match_one(
            key, example, screening, prepared, filters, COEFFICIENTS, DEFAULT_THRESHOLD, 0.5, query.limit
        )
        out[key] = {
            "result": [
                {
                    "id": r.id,
                    "name": r.caption,
                    "description": SCHEMATA[r.schema_].label if r.schema_ in SCHEMATA else r.schema_,
                    "type": [_type(r.schema_)] if r.schema_ in SCHEMATA else [],
                    "score": r.score,
                    "match": r.match,
                }
                for r in found.results
            ]
        }
    return out


def _check_batch(size: int, services: Services) -> None:
    if size > services.settings.max_batch:
        raise HTTPException(
            400, detail=f"Too many queries in one batch (limit: {services.settings.max_batch})"
        )


def _example(key: str, query: ReconQuery) -> EntityExample:
    """A reconciliation query as a ``/match`` example: ``query`` is the name, each property filter
    (``Person:birthDate`` or ``birthDate``) a property."""
    schema = "Thing"
    if isinstance(query.type, str) and query.type:
        schema = query.type
    elif isinstance(query.type, list) and query.type:
        schema = query.type[0]
    properties: dict[str, list[str]] = {}
    if query.query:
        properties["name"] = [query.query]
    for item in query.properties:
        name = item.pid.rsplit(":", 1)[-1]
        values = item.v if isinstance(item.v, list) else [item.v]
        properties.setdefault(name, []).extend(values)
    example = EntityExample(id=None, schema=schema, properties=dict(properties))
    check_schema(key, example)
    return example


def _extend(reader: Reader, services: Services, data: str) -> dict[str, Any]:
    try:
        query = ExtendQuery.model_validate(json.loads(data))
    except (TypeError, ValueError, ValidationError):
        raise HTTPException(400, detail="Cannot decode extension request") from None
    if len(query.ids) > services.settings.max_batch:
        raise HTTPException(
            400, detail=f"Too many queries in one batch (limit: {services.settings.max_batch})"
        )
    records = services.records.get(reader)
    referents = services.records.referents(reader)
    meta: dict[str, dict[str, str]] = {}
    rows: dict[str, dict[str, list[dict[str, str]]]] = {i: {} for i in query.ids}
    for asked in query.ids:
        record: Record | None = records.get(asked) or records.get(referents.get(asked, ""))
        if record is None:
            continue
        known = {p.name: p for p in properties_of(record.schema)}
        values = record.properties()
        for wanted in query.properties:
            prop = known.get(wanted.id)
            if prop is None:
                continue
            meta.setdefault(prop.name, {"id": prop.name, "name": prop.label})
            found = values.get(prop.name, [])
            if wanted.settings.limit > 0:
                found = found[: wanted.settings.limit]
            rows[asked][wanted.id] = [{"str": v} for v in found]
    return {"meta": list(meta.values()), "rows": rows}


def _suggested(prefix: str, result: list[dict[str, Any]]) -> dict[str, Any]:
    """The spec's suggest response (yente's ``FreebaseSuggestResponse``)."""
    return {"code": "/api/status/ok", "status": "200 OK", "prefix": prefix, "result": result}


@router.get("/reconcile/{dataset}/suggest/entity", summary="Suggest entity")
def suggest_entity(
    dataset: str,
    prefix: str = Query("", max_length=500),
    limit: int = Query(10, ge=0, le=500),
    reader: Reader = Depends(get_reader),
    services: Services = Depends(get_services),
) -> dict[str, Any]:
    """Designations whose names contain the words of ``prefix`` (as /search finds them)."""
    _dataset(reader, dataset)
    result: list[dict[str, Any]] = []
    if prefix.strip():
        records = services.records.get(reader)
        ids, _capped = search_ids(reader, services, dataset, prefix, limit)
        for entity_id in ids[:limit]:
            record = records.get(entity_id)
            if record is not None and record.schema in SCHEMATA:
                schema = SCHEMATA[record.schema]
                result.append(
                    {
                        "id": record.entity_id,
                        "name": record.entry.caption,
                        "description": schema.label,
                        "type": [_type(schema.name)],
                    }
                )
    return _suggested(prefix, result)


@router.get("/reconcile/{dataset}/suggest/property", summary="Suggest property")
def suggest_property(
    dataset: str, prefix: str = Query("", max_length=500), reader: Reader = Depends(get_reader)
) -> dict[str, Any]:
    """The properties of the reconcilable types whose name or label starts with ``prefix``."""
    _dataset(reader, dataset)
    seen: dict[str, dict[str, Any]] = {}
    for name in MATCHABLE:
        for prop in properties_of(name):
            if matches_prefix(prefix, prop.name, prop.label):
                seen.setdefault(
                    prop.qname, {"id": prop.qname, "name": prop.label, "description": prop.description}
                )
    result = list(seen.values())[:MAX_SUGGEST]
    return _suggested(prefix, result)


@router.get("/reconcile/{dataset}/suggest/type", summary="Suggest type (schema)")
def suggest_type(
    dataset: str, prefix: str = Query("", max_length=500), reader: Reader = Depends(get_reader)
) -> dict[str, Any]:
    """The reconcilable types whose name or label starts with ``prefix``."""
    _dataset(reader, dataset)
    result = [_type(n) for n in MATCHABLE if matches_prefix(prefix, n, SCHEMATA[n].label)][:MAX_SUGGEST]
    return _suggested(prefix, result)


@router.get("/reconcile/{dataset}/extend/property", summary="Extend properties proposal")
def extend_properties(
    dataset: str,
    type: str = Query("Thing", description="The type (schema) to propose properties for."),
    limit: int = Query(0, ge=0, description="At most this many (0: all)."),
    reader: Reader = Depends(get_reader),
) -> dict[str, Any]:
    """The properties of ``type`` to add as columns: its featured ones first, then the rest."""
    _dataset(reader, dataset)
    schema = SCHEMATA.get(type)
    if schema is None:
        raise HTTPException(400, detail=f"Invalid type: {type}")
    props = properties_of(type)
    by_name = {p.name: p for p in props}
    ordered = [by_name[n] for n in schema.featured if n in by_name]
    ordered += [p for p in props if p.name not in schema.featured]
    if limit > 0:
        ordered = ordered[:limit]
    chosen = sorted(({"id": p.name, "name": p.label} for p in ordered), key=lambda p: p["name"])
    return {"limit": limit, "type": schema.name, "properties": chosen}

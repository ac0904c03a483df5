"""yente's request and response shapes (``yente/data/common.py``), so a yente client works unchanged.

listwatch adds fields, never removes or renames one: ``as_of``, ``known_at`` and ``versions`` on the
response (which list versions answered), ``explanation``, ``list`` and ``ref`` on each result.
``explanations`` is yente's (per feature: score, detail, the query and list values compared).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class EntityExample(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(None, examples=["my-entity-id"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(..., examples=[{"name": ["John Doe"]}])


class EntityMatchQuery(BaseModel):
    weights: dict[str, float] = Field(
        {},
        examples=[{"name_align": 0.8}],
        description="Coefficients per feature (GET /algorithms), replacing the defaults.",
    )
    config: dict[str, str | int | float | bool | None] = Field(
        {}, description="yente's algorithm configuration: listwatch's algorithm takes none (400)."
    )
    queries: dict[str, EntityExample]


class TotalSpec(BaseModel):
    value: int
    relation: str = "eq"


class EntityResponse(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str = Field(..., examples=["un_sc_sanctions:tai.024"])
    caption: str = Field(..., examples=["ABDUL GHANI BARADAR"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, list[str]]
    datasets: list[str] = []
    referents: list[str] = []
    target: bool = True
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    last_change: datetime | None = None
    list_: str | None = Field(None, alias="list", description="listwatch: the list id.")
    ref: str | None = Field(None, description="listwatch: the list's own reference (TAi.024).")


class FeatureResult(BaseModel):
    """One feature's part of a score, as nomenklatura and yente explain it."""

    detail: str | None
    score: float
    query: str | None = None
    candidate: str | None = None


class ScoredEntityResponse(EntityResponse):
    lists: list[str] = Field([], description="listwatch: every list of the resolved entity in force.")
    refs: list[str] = Field([], description="listwatch: its designations, as list:ref.")
    score: float
    features: dict[str, float]
    match: bool
    explanation: str = ""
    explanations: dict[str, FeatureResult] = {}


class EntityMatches(BaseModel):
    status: int = 200
    results: list[ScoredEntityResponse]
    total: TotalSpec = Field(..., description="How many results match (score >= threshold), as yente.")
    query: EntityExample
    detail: str | None = Field(default=None, description="listwatch: why this query failed (status 400).")


class FeatureDoc(BaseModel):
    description: str | None = None
    coefficient: float = 1.0
    url: str | None = None


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    matcher: dict[str, FeatureDoc]
    limit: int
    algorithm: str = Field("", description="listwatch: the algorithm that scored the results.")
    threshold: float | None = Field(None, description="listwatch: the threshold `match` was decided at.")
    as_of: str
    known_at: str | None = None
    versions: list[dict[str, Any]] = []
    # listwatch: lists held that as-of screening could not use (every version later than as_of).
    lists_not_used: list[dict[str, Any]] = []


class SearchEntityResponse(EntityResponse):
    """A search result: listwatch adds the designation's status on the day (delisted ones are found
    too) and its last event."""

    status: str | None = Field(None, description="listed, not_listed or unknown today.")
    stale: bool | None = Field(None, description="The list's last version held is past its horizon.")
    last_event: dict[str, Any] | None = Field(None, description="type, date, when, version_id.")


class SearchResponse(BaseModel):
    limit: int
    offset: int = 0
    total: TotalSpec
    results: list[SearchEntityResponse]
    facets: dict[str, Any] = {}

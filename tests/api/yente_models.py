"""yente's response models, restated from ``yente/data/common.py``, ``yente/data/freebase.py`` and
nomenklatura's ``matching/types.py`` (``FeatureResult``, ``FeatureDoc``, ``AlgorithmDocs``) without
installing yente (Elasticsearch client, followthemoney, nomenklatura's scikit-learn and duckdb).

The field names, types and required-ness are theirs; ``extra="allow"`` because listwatch adds fields
(yente's own models ignore extras, so a yente client reads listwatch's answers the same way)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True, strict=False)


class FeatureResult(_Model):
    detail: str | None
    score: float
    query: str | None = None
    candidate: str | None = None


class FeatureDoc(_Model):
    description: str | None
    coefficient: float
    url: str


class AlgorithmDocs(_Model):
    name: str
    description: str | None = None
    config: dict[str, Any]
    features: dict[str, FeatureDoc]


EntityProperties = dict[str, list[Union[str, "EntityResponse"]]]


class EntityResponse(_Model):
    id: str
    caption: str
    schema_: str = Field(..., alias="schema")
    properties: EntityProperties
    datasets: list[str] = []
    referents: list[str] = []
    target: bool = False
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    last_change: datetime | None = None


EntityResponse.model_rebuild()


class ScoredEntityResponse(EntityResponse):
    score: float = 0.99
    explanations: dict[str, FeatureResult]
    match: bool


class TotalSpec(_Model):
    value: int
    relation: str = "eq"


class EntityExample(_Model):
    id: str | None = None
    schema_: str = Field(..., alias="schema")
    properties: dict[str, str | list[Any]]


class EntityMatches(_Model):
    status: int = 200
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample


class EntityMatchResponse(_Model):
    responses: dict[str, EntityMatches]
    limit: int


class SearchFacetItem(_Model):
    name: str
    label: str
    count: int = 1


class SearchFacet(_Model):
    label: str
    values: list[SearchFacetItem]


class SearchResponse(_Model):
    limit: int
    offset: int = 0
    total: TotalSpec
    results: list[EntityResponse]
    facets: dict[str, SearchFacet]


class StatusResponse(_Model):
    status: str = "ok"


class ErrorResponse(_Model):
    detail: str


class Algorithm(_Model):
    name: str
    description: str | None = None
    features: dict[str, FeatureDoc]
    docs: AlgorithmDocs


class AlgorithmResponse(_Model):
    algorithms: list[Algorithm]
    default: str
    best: str


class YenteDatasetModel(_Model):
    name: str
    title: str
    version: str
    load: bool | None = None
    entities_url: str | None = None
    index_version: str | None = None
    index_current: bool


class DataCatalogModel(_Model):
    datasets: list[YenteDatasetModel]
    current: list[str]
    outdated: list[str]
    index_stale: bool = False


class FreebaseType(_Model):
    id: str
    name: str
    description: str | None = None


class FreebaseScoredEntity(_Model):
    id: str
    name: str
    description: str | None = None
    type: list[FreebaseType]
    score: float | None
    match: bool | None


class FreebaseEntityResult(_Model):
    result: list[FreebaseScoredEntity]


class FreebaseEntity(_Model):
    id: str
    name: str
    description: str | None = None
    type: list[FreebaseType]


class FreebaseEntitySuggestResponse(_Model):
    code: str = "/api/status/ok"
    status: str = "200 OK"
    prefix: str
    result: list[FreebaseEntity]


class FreebaseProperty(_Model):
    id: str
    name: str
    description: str | None = None


class FreebasePropertySuggestResponse(_Model):
    prefix: str
    result: list[FreebaseProperty]


class FreebaseTypeSuggestResponse(_Model):
    prefix: str
    result: list[FreebaseType]


class FreebaseExtendProperty(_Model):
    id: str
    name: str


class FreebaseExtendPropertiesResponse(_Model):
    limit: int
    type: str
    properties: list[FreebaseExtendProperty]


class FreebaseExtendResponseMeta(_Model):
    id: str
    name: str


class FreebaseExtendResponseValue(_Model):
    str: str


class FreebaseExtendResponse(_Model):
    meta: list[FreebaseExtendResponseMeta]
    rows: dict[str, dict[str, list[FreebaseExtendResponseValue]]]


class FreebaseManifestSuggestType(_Model):
    service_url: str
    service_path: str


class FreebaseManifestSuggest(_Model):
    entity: FreebaseManifestSuggestType
    type: FreebaseManifestSuggestType
    property: FreebaseManifestSuggestType


class FreebaseManifest(_Model):
    versions: list[str]
    name: str
    identifierSpace: str
    schemaSpace: str
    documentation: str
    batchSize: int
    view: dict[str, str]
    preview: dict[str, Any]
    suggest: FreebaseManifestSuggest
    extend: dict[str, Any]
    defaultTypes: list[FreebaseType]

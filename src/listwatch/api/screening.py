"""yente examples to listwatch queries and hits back to yente results. Shared by ``/match`` and the
screening page, so the same names get the same answers on both."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from listwatch.api.models import EntityExample, EntityResponse, ScoredEntityResponse
from listwatch.api.services import Screening
from listwatch.errors import InputError
from listwatch.matching import Candidate, Hit, Query
from listwatch.matching.normalize import MAX_NAME_CHARS
from listwatch.model import PartialDate, parse_partial_date

# FtM name parts, in the order a full name is assembled from them.
NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "patronymic", "lastName")
COUNTRY_PROPS = ("nationality", "citizenship", "country", "jurisdiction", "mainCountry")
_KIND_PROP = {"primary": "name", "alias": "alias", "original_script": "alias", "weak_alias": "weakAlias"}


def _values(example: EntityExample, prop: str) -> list[str]:
    raw = example.properties.get(prop)
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    return [
        str(v).strip() for v in items if v is not None and not isinstance(v, dict | list) and str(v).strip()
    ]


def example_queries(query_id: str, example: EntityExample) -> list[Query]:
    """One query per name the example gives (``name``, or the name parts joined)."""
    names = _values(example, "name")
    parts = [" ".join(_values(example, p)) for p in NAME_PARTS]
    joined = " ".join(p for p in parts if p)
    if joined:
        names.append(joined)
    names = [n[:MAX_NAME_CHARS] for n in dict.fromkeys(names)]
    if not names:
        raise InputError(
            "request",
            f'query "{query_id}" has no name (give properties.name, or firstName/lastName)',
            field=f"queries.{query_id}.properties.name",
        )
    birth: PartialDate | None = None
    for value in _values(example, "birthDate"):
        try:
            birth = parse_partial_date(value)
            break
        except ValueError:
            continue
    country = next((v for p in COUNTRY_PROPS for v in _values(example, p)), None)
    return [Query(query_id, name, example.schema_, birth, country) for name in names]


def best_hits(screening: Screening, queries: list[Query], cutoff: float, limit: int) -> list[Hit]:
    """The best hit per entity over every name of one example."""
    best: dict[str, Hit] = {}
    for query in queries:
        for hit in screening.screener.match(query, cutoff, limit):
            if hit.entity_id not in best or hit.score > best[hit.entity_id].score:
                best[hit.entity_id] = hit
    return sorted(best.values(), key=lambda h: (-h.score, h.entity_id))[:limit]


def candidate_properties(candidate: Candidate) -> dict[str, list[str]]:
    props: dict[str, list[str]] = {}
    for name in candidate.names:
        props.setdefault(_KIND_PROP.get(name.kind, "alias"), []).append(name.value)
    if candidate.birth_dates:
        props["birthDate"] = [str(d) for d in candidate.birth_dates]
    if candidate.countries:
        props["country"] = list(candidate.countries)
    props["topics"] = ["sanction"]
    return {k: list(dict.fromkeys(v)) for k, v in props.items()}


def entity_response(candidate: Candidate) -> dict[str, Any]:
    return {
        "id": candidate.entity_id,
        "caption": next((n.value for n in candidate.names if n.kind == "primary"), None)
        or (candidate.names[0].value if candidate.names else candidate.ref),
        "schema": candidate.schema,
        "properties": candidate_properties(candidate),
        "datasets": [candidate.list_id],
        "referents": [],
        "target": True,
        "list": candidate.list_id,
        "ref": candidate.ref,
    }


def features(hit: Hit) -> dict[str, float]:
    """yente's ``features``: each feature's value, read from the hit's structured result, and the score."""
    out = hit.result.features()
    out["score"] = hit.score
    return out


def explanations(hit: Hit) -> dict[str, dict[str, Any]]:
    """yente's ``explanations`` (nomenklatura's ``FeatureResult`` per feature)."""
    found = hit.result.explanations(hit.query_name or None, hit.matched_name)
    return {name: asdict(e) for name, e in found.items()}


def scored(screening: Screening, hit: Hit, threshold: float) -> ScoredEntityResponse:
    data = entity_response(screening.candidates[hit.entity_id])
    data.update(
        score=round(hit.score, 4),
        features=features(hit),
        match=hit.score >= threshold,
        explanation=hit.explanation,
        explanations=explanations(hit),
    )
    return ScoredEntityResponse.model_validate(data)


def plain_entity(candidate: Candidate) -> EntityResponse:
    return EntityResponse.model_validate(entity_response(candidate))

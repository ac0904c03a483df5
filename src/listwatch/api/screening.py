"""yente examples to listwatch queries and hits back to yente results. Shared by ``/match`` and the
screening page, so the same names get the same answers on both."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from listwatch.api.models import EntityExample, EntityResponse, ScoredEntityResponse
from listwatch.api.records import Record, topics_of, wire_time
from listwatch.api.services import Screening
from listwatch.api.yente import COEFFICIENTS, QUERY_SCHEMATA, clean_values, ftm_schema
from listwatch.errors import InputError
from listwatch.matching import Candidate, Hit, Query
from listwatch.matching.normalize import MAX_NAME_CHARS
from listwatch.matching.resolved import Resolved, alone, fetch_limit
from listwatch.matching.result import BIRTH_FEATURE, COUNTRY_FEATURE, KIND_FEATURE, NAME_FEATURE
from listwatch.model import PartialDate, parse_partial_date
from listwatch.store import Reader

# FtM name parts, in the order a full name is assembled from them.
NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "patronymic", "lastName")
COUNTRY_PROPS = ("nationality", "citizenship", "country", "jurisdiction", "mainCountry")
_KIND_PROP = {"primary": "name", "alias": "alias", "original_script": "alias", "weak_alias": "weakAlias"}


# Beside name parts, the properties FtM gives a name in when ``name`` is missing.
OTHER_NAME_PROPS = ("alias", "weakAlias", "previousName")


def _values(example: EntityExample, prop: str) -> list[str]:
    raw = example.properties.get(prop)
    return [] if raw is None else clean_values(raw)


def example_queries(query_id: str, example: EntityExample) -> list[Query]:
    """One query per name the example gives (``name``, or the name parts joined)."""
    names = _values(example, "name")
    parts = [" ".join(_values(example, p)) for p in NAME_PARTS]
    joined = " ".join(p for p in parts if p)
    if joined:
        names.append(joined)
    if not names:
        names = [v for p in OTHER_NAME_PROPS for v in _values(example, p)]
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
    schema = QUERY_SCHEMATA.get(example.schema_, example.schema_)
    return [Query(query_id, name, schema, birth, country) for name in names]


def weighed(hit: Hit, coefficients: dict[str, float]) -> float:
    """The hit's score with ``coefficients`` (yente's ``weights``) in place of the defaults: the same
    sum as ``matching.result.combine``, each feature times its coefficient."""
    result = hit.result
    kind = coefficients[KIND_FEATURE] if result.kind == "weak_alias" else 1.0
    score = coefficients[NAME_FEATURE] * result.name.score * kind
    score += coefficients[BIRTH_FEATURE] * (result.birth_date.score if result.birth_date else 0.0)
    score += coefficients[COUNTRY_FEATURE] * (result.country.score if result.country else 0.0)
    return round(min(1.0, max(0.0, score)), 3)


def best_hits(
    screening: Screening,
    queries: list[Query],
    cutoff: float,
    limit: int,
    coefficients: dict[str, float] | None = None,
) -> list[tuple[Hit, float]]:
    """The best hit per resolved entity over every name of one example, with its score. With
    coefficients other than the defaults, hits are fetched from half the cutoff and scored again."""
    reweigh = coefficients is not None and coefficients != COEFFICIENTS
    fetch_from = cutoff / 2 if reweigh else cutoff
    best: dict[str, tuple[Hit, float]] = {}
    for query in queries:
        for hit in screening.screener.match(query, fetch_from, fetch_limit(limit, screening.groups)):
            score = weighed(hit, coefficients) if reweigh and coefficients else hit.score
            if score < cutoff:
                continue
            if hit.entity_id not in best or score > best[hit.entity_id][1]:
                best[hit.entity_id] = (hit, score)
    ranked = sorted(best.values(), key=lambda p: (-p[1], p[0].entity_id))
    out: list[tuple[Hit, float]] = []
    entities: set[str] = set()
    for hit, score in ranked:  # one result per resolved entity: the best of its designations
        key = resolved_of(screening, hit.entity_id).key
        if key not in entities:
            entities.add(key)
            out.append((hit, score))
    return out[:limit]


def resolved_of(screening: Screening, entity_id: str) -> Resolved:
    """The entity a designation belongs to, with every list and reference of it in force."""
    found = screening.groups.get(entity_id) if screening.groups is not None else None
    if found is None:
        candidate = screening.candidates[entity_id]
        found = alone(entity_id, candidate.list_id, candidate.ref)
    return found


def candidate_properties(candidate: Candidate, record: Record | None = None) -> dict[str, list[str]]:
    props: dict[str, list[str]] = {}
    for name in candidate.names:
        props.setdefault(_KIND_PROP.get(name.kind, "alias"), []).append(name.value)
    if candidate.birth_dates:
        props["birthDate"] = [str(d) for d in candidate.birth_dates]
    if candidate.countries:
        props["country"] = list(candidate.countries)
    props["topics"] = record.topics if record is not None else topics_of(candidate.list_id)
    return {k: list(dict.fromkeys(v)) for k, v in props.items()}


def record_dates(reader: Reader, screening: Screening, entity_id: str) -> tuple[str | None, ...]:
    """``first_seen``, ``last_seen``, ``last_change`` from the record: the publication times of the
    first and the newest held version (up to the screening's as-of and known-at days) that list the
    entity, and of the version from which its entry reads as it does now. Kept per screening."""
    cached = screening.seen.get(entity_id)
    if cached is not None:
        return cached
    usable = screening.published
    if not usable:
        on = screening.on
        for v in reader.versions(known_at=screening.known_at or on):
            if on is None or v.published_on <= on:
                usable[v.id] = v.published_at
        # The versions screening used count too (a record list, or one read for its listing dates).
        usable.update({v["version_id"]: v["published_at"] for v in screening.versions})
    memberships = reader.entity_memberships(entity_id).items()
    held = sorted((usable[vid], h) for vid, (h, _program) in memberships if vid in usable)
    if not held:
        dates: tuple[str | None, ...] = (None, None, None)
    else:
        change = held[-1][0]
        for published, revision in reversed(held):
            if revision != held[-1][1]:
                break
            change = published
        dates = (wire_time(held[0][0]), wire_time(held[-1][0]), wire_time(change))
    screening.seen[entity_id] = dates
    return dates


def entity_response(
    candidate: Candidate,
    reader: Reader | None = None,
    screening: Screening | None = None,
    record: Record | None = None,
) -> dict[str, Any]:
    """yente's ``EntityResponse`` of a designation as screened (its names, birth dates and countries
    as of the screening), with the record's FtM schema, topics and ``referents`` (the list's own id
    and those its source merged, which ``/entities/{referent}`` redirects from), and listwatch's
    ``list`` and ``ref``."""
    first = last = change = None
    if reader is not None and screening is not None:
        first, last, change = record_dates(reader, screening, candidate.entity_id)
    own = candidate.ref.strip()
    fallback = [own] if own != candidate.entity_id else []
    return {
        "id": candidate.entity_id,
        "caption": next((n.value for n in candidate.names if n.kind == "primary"), None)
        or (candidate.names[0].value if candidate.names else candidate.ref),
        "schema": record.schema if record is not None else ftm_schema(candidate.schema),
        "properties": candidate_properties(candidate, record),
        "datasets": [candidate.list_id],
        "referents": record.referents if record is not None else fallback,
        "target": True,
        "first_seen": first,
        "last_seen": last,
        "last_change": change,
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


def scored(
    screening: Screening,
    hit: Hit,
    threshold: float,
    score: float | None = None,
    reader: Reader | None = None,
    record: Record | None = None,
) -> ScoredEntityResponse:
    value = hit.score if score is None else score
    data = entity_response(screening.candidates[hit.entity_id], reader, screening, record)
    resolved = resolved_of(screening, hit.entity_id)
    # yente's ``datasets`` of a merged entity: every list it is on; listwatch's ``lists`` and ``refs``.
    data.update(datasets=list(resolved.lists), lists=list(resolved.lists), refs=list(resolved.refs))
    found = features(hit)
    found["score"] = value
    data.update(
        score=round(value, 4),
        features=found,
        match=value >= threshold,
        explanation=hit.explanation,
        explanations=explanations(hit),
    )
    return ScoredEntityResponse.model_validate(data)


def plain_entity(candidate: Candidate) -> EntityResponse:
    return EntityResponse.model_validate(entity_response(candidate))

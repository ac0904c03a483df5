"""What a yente client sends that listwatch must read as yente does: algorithm names, ``config`` and
``weights``, FtM schema names, and the echoed query cleaned as FollowTheMoney cleans it.

listwatch scores with one algorithm of its own (``ALGORITHM``). yente's algorithm names are accepted
as requests for it, so a client that hard-codes ``logic-v1`` keeps working; ``/algorithms`` lists each
of them saying so, and every response names the algorithm that scored it. An unknown name is a 400.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import HTTPException

from listwatch.api.models import EntityExample
from listwatch.matching import ALGORITHM, DEFAULT_THRESHOLD
from listwatch.matching.evidence import country_key
from listwatch.matching.lexicon.countries import COUNTRY_CODES
from listwatch.matching.result import (
    BIRTH_FEATURE,
    COUNTRY_FEATURE,
    KIND_FEATURE,
    NAME_FEATURE,
    NAME_SHARE,
    WEAK_ALIAS_FACTOR,
)

# yente's algorithm names (nomenklatura's), and its two aliases for "the server's choice".
YENTE_ALGORITHMS = ("logic-v2", "ofac-249", "name-based", "name-qualified", "logic-v1", "regression-v1")
SERVER_CHOICE = ("best", "default")

# The coefficient of each feature: what ``weights`` may override, key by key.
COEFFICIENTS: dict[str, float] = {
    NAME_FEATURE: NAME_SHARE,
    KIND_FEATURE: WEAK_ALIAS_FACTOR,
    BIRTH_FEATURE: 1.0,
    COUNTRY_FEATURE: 1.0,
}
FEATURE_HELP: dict[str, str] = {
    NAME_FEATURE: "Names aligned part by part across Latin, Cyrillic and Arabic scripts (phonetic keys, "
    "then edit similarity); its coefficient is the share of the score a name alone earns.",
    KIND_FEATURE: "The name matched is a weak alias: the name's part of the score is multiplied by this.",
    BIRTH_FEATURE: "The query's birth date against the closest listed one (added to the score, times this).",
    COUNTRY_FEATURE: "The query's country against the listed countries and nationalities (added, x this).",
}

THRESHOLD_WHY = (
    f"listwatch's default threshold is {DEFAULT_THRESHOLD:.2f}, not yente's 0.70: its scores are its own "
    "(a bare name earns at most 0.90), and 0.78 is the lowest threshold at which innocent names stay at "
    "or under 0.5% with a hit on their names alone (bench/screen_quality.py; docs/screening.md, "
    '"Default threshold"). Send threshold=0.7 for yente\'s.'
)

# FollowTheMoney schemata a query may name, and the listwatch schema each is screened as.
QUERY_SCHEMATA: dict[str, str | None] = {
    "Thing": None,
    "LegalEntity": None,
    "Person": "Person",
    "Organization": "Organization",
    "Company": "Organization",
    "PublicBody": "Organization",
    "Vessel": "Vessel",
    "Airplane": "Aircraft",
    "Asset": None,
}
# listwatch's schema names as FtM spells them.
FTM_SCHEMA = {"Aircraft": "Airplane"}

COUNTRY_PROPS = ("nationality", "citizenship", "country", "jurisdiction", "mainCountry")
# country name (as ``country_key`` reduces it) -> ISO code, for the echoed query.
_CODE_OF = {name: code for code, name in COUNTRY_CODES.items() if code != "uk"}


def ftm_schema(schema: str) -> str:
    return FTM_SCHEMA.get(schema, schema)


def resolve_algorithm(name: str | None) -> str:
    """The algorithm that answers ``name``; 400 in yente's words when there is none."""
    clean = (name or "best").strip().lower()
    if clean == ALGORITHM or clean in SERVER_CHOICE or clean in YENTE_ALGORITHMS:
        return ALGORITHM
    names = ", ".join((ALGORITHM, *SERVER_CHOICE, *YENTE_ALGORITHMS))
    raise HTTPException(400, detail=f"Invalid algorithm: {name} (one of: {names}; GET /algorithms)")


def check_config(config: dict[str, Any]) -> None:
    """yente refuses a configuration key its algorithm does not have; listwatch's has none."""
    for key in config:
        raise HTTPException(
            400,
            detail=f"Invalid configuration parameter: {key} for algorithm {ALGORITHM} "
            "(it takes none: GET /algorithms)",
        )


def coefficients(weights: dict[str, float]) -> dict[str, float]:
    """The coefficients to score with: the defaults, each one ``weights`` names replaced."""
    unknown = sorted(set(weights) - set(COEFFICIENTS))
    if unknown:
        raise HTTPException(
            400,
            detail=f"Invalid weight: {', '.join(unknown)} is not a feature of {ALGORITHM} "
            f"(features: {', '.join(COEFFICIENTS)})",
        )
    for key, value in weights.items():
        if not 0.0 <= value <= 10.0:
            raise HTTPException(400, detail=f"Invalid weight: {key}={value} (give 0 to 10)")
    return {**COEFFICIENTS, **weights}


def algorithms_doc() -> dict[str, Any]:
    """``GET /algorithms`` in yente's ``AlgorithmResponse`` shape."""
    features = {
        name: {"description": FEATURE_HELP[name], "coefficient": coefficient, "url": "docs/screening.md"}
        for name, coefficient in COEFFICIENTS.items()
    }
    docs = {
        "description": "listwatch's name alignment with birth-date and country evidence.",
        "features": features,
        "config": {},
        "threshold": DEFAULT_THRESHOLD,
        "threshold_why": THRESHOLD_WHY,
    }
    own = {
        "name": ALGORITHM,
        "docs": {"name": ALGORITHM, **docs},
        "description": "Names compared part by part across scripts; a birth date and a country raise or "
        "lower the score. " + THRESHOLD_WHY,
        "features": features,
    }
    aliases = [
        {
            "name": name,
            "description": f"yente's name, accepted so that yente clients work unchanged: scored by "
            f"{ALGORITHM}, not by nomenklatura's {name}.",
            "features": features,
            "docs": {"name": name, **docs},
            "scored_by": ALGORITHM,
        }
        for name in YENTE_ALGORITHMS
    ]
    return {"algorithms": [own, *aliases], "default": ALGORITHM, "best": ALGORITHM}


@lru_cache(maxsize=4096)
def country_code(value: str) -> str:
    """A country as FtM holds it, an ISO 3166 code in lower case ("Russia" -> "ru"): screening's own
    names first (its aliases: "Russian Federation"), then ISO 3166's names (pycountry). A value that
    is neither is kept as given."""
    text = value.strip()
    if len(text) == 2 and text.isalpha():
        return text.casefold()
    code = _CODE_OF.get(country_key(text))
    if code is not None:
        return code
    import pycountry  # ISO 3166 names; loaded on the first country screening does not know

    try:
        return str(pycountry.countries.lookup(text).alpha_2).casefold()
    except LookupError:
        return text


def clean_values(raw: Any) -> list[str]:
    """A property's values as FtM holds them: a list of non-empty strings (numbers made text)."""
    items = raw if isinstance(raw, list) else [raw]
    out: list[str] = []
    for value in items:
        if value is None or isinstance(value, dict | list):
            continue
        text = str(value).strip()
        if text and text not in out:
            out.append(text)
    return out


def check_schema(query_id: str, example: EntityExample) -> None:
    if example.schema_ not in QUERY_SCHEMATA:
        raise HTTPException(
            400,
            detail=f'Cannot parse example entity: query "{query_id}": schema "{example.schema_}" is not a '
            f"FollowTheMoney schema that can be matched (one of: {', '.join(QUERY_SCHEMATA)})",
        )


def normalised(example: EntityExample) -> EntityExample:
    """The query as yente echoes it: every property a list of strings, countries as ISO codes."""
    properties: dict[str, str | list[Any]] = {}
    for prop, raw in example.properties.items():
        values = clean_values(raw)
        if prop in COUNTRY_PROPS:
            values = list(dict.fromkeys(country_code(v) for v in values))
        if values:
            properties[prop] = values
    return EntityExample(id=example.id, schema=example.schema_, properties=properties)

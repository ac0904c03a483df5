"""yente's own test requests, replayed against listwatch: prints how many of their assertions pass.

    .venv/bin/python scripts/yente_replay.py [--verbose]

The requests and assertions are those of yente's test suite (``tests/test_match.py``,
``test_search.py``, ``test_entity.py``, ``test_reconcile.py``, ``test_base.py``, ``test_app.py``),
written here again, one ``yield`` per yente ``assert``. The data is what yente's ``zala`` fixture is
made of: OpenSanctions' real export lines for the Zala Aero cluster (``../shared/data/opensanctions_ftm``),
ingested as the list ``zala``, beside the UN fixtures (``un_sc_sanctions``, no Zakharov in it).

What is translated, and why:
- yente's ids are OpenSanctions' (``NK-aU5ybkbRFJucf8YMwsJvDw``); listwatch's are ``zala:nk-...``, and
  the list's own id is among the result's ``referents`` (yente's word for "ids that name this entity").
  So ``result["id"] == X`` is replayed as "X is the id or one of the referents".
- A dataset yente's test invents (``mx_senators``, the empty ``zulu``) is a list held without that
  entity (``un_sc_sanctions``).
- ``/updatez`` runs with ``LISTWATCH_UPDATE_TOKEN=test`` where yente's test sets its token to "test";
  the URL-length test sends its limit plus 100 characters, as yente's does with its own.
- Where yente's test compares an error body whole (``== {"detail": ...}``), ``detail`` is compared:
  listwatch's error body is yente's plus its own fields (docs/api.md, "Errors").
- The reconciliation manifest's ``identifierSpace`` is listwatch's own address, not OpenSanctions'.

Left out, because they test yente's internals or data that is not held: tests that patch
nomenklatura or yente settings to observe internals (``mock.patch`` of ``LogicV2.compare``,
``HIDDEN_ALGORITHMS``), the ReDoc page (``GET /`` is listwatch's web UI), the catalog test that mocks
a remote catalog's HTTP response, and the tests on the ``parteispenden`` fixture (German party
donations: payments and addresses, not designations; not in ../shared/data). A yente test that sets
``MATCH_FUZZY`` is replayed on its fuzzy branch only.

Each case is a generator of ``(label, passed)``; a case that raises counts its remaining asserts as
failed. ``tests/api/test_yente_replay.py`` runs the same cases and pins which fail, and why.
"""

from __future__ import annotations

import inspect
import json
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

ZAKHAROV = "NK-aU5ybkbRFJucf8YMwsJvDw"
DATASET_RE = re.compile(r"^[a-z0-9_]+$")
ISO_SECONDS_NO_TZ = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
FTM_SCHEMATA = {
    "Thing", "LegalEntity", "Person", "Organization", "Company", "PublicBody", "Vessel", "Airplane",
    "Asset", "Sanction", "Address", "Identification", "Passport", "Ownership", "Directorship", "Family",
    "Associate", "Membership", "Occupancy", "Position", "Security", "CryptoWallet",
}  # fmt: skip
REQUIRED_ENTITY_KEYS = {
    "id", "caption", "schema", "properties", "datasets", "referents", "target",
    "first_seen", "last_seen", "last_change",
}  # fmt: skip

Check = tuple[str, bool]
Case = Callable[[TestClient], Iterator[Check]]
CASES: list[Case] = []

QUERY_ZAKHAROV = {
    "schema": "Person",
    "properties": {
        "name": ["Alexander Vyacheslavovich ZAKHAROV"],
        "birthDate": ["1965"],
        "country": "Russia",
    },
}
MANY_NAMES = {
    "properties": {
        "name": [
            "Alexander Vyacheslavovich ZAKHAROV",
            "Aleksandr Vyacheslavovich Zakharov",
            "Александр Вячеславович Захаров",
            "Александр ЗАХАРОВ",
            "Захаров Александр Вячеславович",
            "Zakharov Aleksandr Vyacheslavovich",
            "Aleksandr Vjačeslavovič Zacharov",
        ]
    },
    "schema": "Person",
}


def case(fn: Case) -> Case:
    CASES.append(fn)
    return fn


def asserts_in(fn: Case) -> int:
    return inspect.getsource(fn).count("yield ")


def is_entity(data: dict[str, Any], ftm_id: str) -> bool:
    """The result names the OpenSanctions entity ``ftm_id``: as its id or one of its referents."""
    return data.get("id") == ftm_id or ftm_id in data.get("referents", [])


def names_entity(entity_id: str, ftm_id: str) -> bool:
    """A bare id (reconciliation gives no referents) names ``ftm_id``: it is that id, or listwatch's id
    made from it (``zala:`` and the id as listwatch keys references)."""
    return entity_id == ftm_id or entity_id == f"zala:{ftm_id.casefold()}"


def _iso_seconds(value: Any) -> bool:
    if not isinstance(value, str) or not ISO_SECONDS_NO_TZ.match(value):
        return False
    parsed = datetime.fromisoformat(value)
    return parsed.tzinfo is None and parsed.microsecond == 0 and parsed.isoformat() == value


def entity_shape(data: dict[str, Any]) -> bool:
    """yente's ``assert_entity_shape`` (tests/conftest.py), as one check."""
    if REQUIRED_ENTITY_KEYS - data.keys():
        return False
    ok = isinstance(data["id"], str) and bool(data["id"])
    ok &= isinstance(data["caption"], str) and bool(data["caption"])
    ok &= data["schema"] in FTM_SCHEMATA and isinstance(data["properties"], dict)
    for values in data["properties"].values():
        ok &= isinstance(values, list)
        for value in values:
            ok &= entity_shape(value) if isinstance(value, dict) else isinstance(value, str)
    ok &= isinstance(data["datasets"], list) and all(DATASET_RE.match(str(d)) for d in data["datasets"])
    ok &= isinstance(data["referents"], list) and all(isinstance(r, str) for r in data["referents"])
    ok &= isinstance(data["target"], bool)
    for key in ("first_seen", "last_seen", "last_change"):
        ok &= data[key] is None or _iso_seconds(data[key])
    return bool(ok)


# -- tests/test_app.py --------------------------------------------------------------------------------
@case
def test_match_without_content_type_header(c: TestClient) -> Iterator[Check]:
    res = c.post("/match/zala", content=json.dumps({"queries": {"q1": QUERY_ZAKHAROV}}))
    yield "200 without content-type", res.status_code == 200


@case
def test_max_url_length_rejects_oversized_query(c: TestClient) -> Iterator[Check]:
    res = c.get(f"/search/zala?q={'a' * (60000 + 100)}")  # listwatch's limit + 100, as yente's test
    yield "414", res.status_code == 414
    yield "detail", res.json()["detail"] == "Request URI too long"


@case
def test_max_url_length_allows_normal_query(c: TestClient) -> Iterator[Check]:
    yield "200", c.get("/search/zala?q=acme").status_code in (200, 503)


# -- tests/test_base.py -------------------------------------------------------------------------------
@case
def test_healthz(c: TestClient) -> Iterator[Check]:
    res = c.get("/healthz")
    yield "200", res.status_code == 200
    yield "status ok", res.json().get("status") == "ok"


@case
def test_readyz(c: TestClient) -> Iterator[Check]:
    res = c.get("/readyz")
    yield "200", res.status_code == 200
    yield "status ok", res.json().get("status") == "ok"


@case
def test_manifest(c: TestClient) -> Iterator[Check]:
    res = c.get("/manifest")
    yield "200", res.status_code == 200
    data = res.json()
    yield "datasets", "datasets" in data
    yield "one dataset per list held (2)", len(data["datasets"]) == 2


@case
def test_algorithms(c: TestClient) -> Iterator[Check]:
    res = c.get("/algorithms")
    yield "200", res.status_code == 200
    data = res.json()
    yield "algorithms", "algorithms" in data
    yield "more than 3", len(data["algorithms"]) > 3
    logic_v2 = next((a for a in data["algorithms"] if a["name"] == "logic-v2"), None)
    yield "logic-v2 listed", logic_v2 is not None
    assert logic_v2 is not None
    yield "docs", logic_v2["docs"] is not None
    yield "docs.config", logic_v2["docs"]["config"] is not None
    yield "config nm_number_mismatch", logic_v2["docs"]["config"].get("nm_number_mismatch") is not None


@case
def test_algorithms_hidden(c: TestClient) -> Iterator[Check]:
    visible = [a["name"] for a in c.get("/algorithms").json()["algorithms"]]
    yield "logic-v1 visible", "logic-v1" in visible


@case
def test_catalog_shape(c: TestClient) -> Iterator[Check]:
    res = c.get("/catalog")
    yield "200", res.status_code == 200
    data = res.json()
    yield "current", "current" in data
    yield "zala current", "zala" in data["current"]
    yield "datasets", "datasets" in data
    zala = {d["name"]: d for d in data["datasets"]}["zala"]
    yield "loaded", zala["load"] is True
    yield "index_current", zala["index_current"] is True


@case
def test_catalog_etag(c: TestClient) -> Iterator[Check]:
    res = c.get("/catalog")
    yield "200", res.status_code == 200
    etag = res.headers.get("etag")
    yield "etag", etag is not None
    yield "cache-control", res.headers.get("cache-control") == "public, max-age=300"
    not_modified = c.get("/catalog", headers={"If-None-Match": str(etag)})
    yield "304", not_modified.status_code == 304
    yield "304 etag", not_modified.headers.get("etag") == etag
    yield "304 empty", not_modified.content == b""
    stale = c.get("/catalog", headers={"If-None-Match": '"stale"'})
    yield "stale 200", stale.status_code == 200
    yield "stale etag", stale.headers.get("etag") == etag
    yield "wildcard 304", c.get("/catalog", headers={"If-None-Match": "*"}).status_code == 304


@case
def test_updatez_get(c: TestClient) -> Iterator[Check]:
    yield "405", c.get("/updatez").status_code == 405


@case
def test_updatez_no_token(c: TestClient) -> Iterator[Check]:
    yield "403", c.post("/updatez?sync=true").status_code == 403


@case
def test_updatez_with_token(c: TestClient) -> Iterator[Check]:
    yield "200", c.post("/updatez?token=test&sync=true").status_code == 200


# -- tests/test_match.py ------------------------------------------------------------------------------
@case
def test_match_zakharov(c: TestClient) -> Iterator[Check]:
    query = {"queries": {"vv": QUERY_ZAKHAROV, "xx": QUERY_ZAKHAROV, "zz": QUERY_ZAKHAROV}}
    resp = c.post("/match/zala", json=query)
    yield "200", resp.status_code == 200
    res = resp.json()["responses"]["vv"]
    yield "schema echoed", res["query"]["schema"] == "Person"
    yield "country normalised", res["query"]["properties"]["country"][0] == "ru"
    yield "total > 0", res["total"]["value"] > 0
    res0 = res["results"][0]
    yield "Zakharov first", is_entity(res0, ZAKHAROV)
    yield "entity shape", entity_shape(res0)


@case
def test_match_zakharov_name_based_mode(c: TestClient) -> Iterator[Check]:
    query = {"queries": {"vv": QUERY_ZAKHAROV}}
    yield (
        "neural-net 400",
        c.post("/match/zala", json=query, params={"algorithm": "neural-net"}).status_code == 400,
    )
    resp = c.post("/match/zala", json=query, params={"algorithm": "name-based"})
    yield "name-based 200", resp.status_code == 200
    res = resp.json()["responses"]["vv"]
    yield "schema echoed", res["query"]["schema"] == "Person"
    yield "country normalised", res["query"]["properties"]["country"][0] == "ru"
    yield "total > 0", res["total"]["value"] > 0
    res0 = res["results"][0]
    yield "Zakharov first", is_entity(res0, ZAKHAROV)
    yield "score > 0.70", res0["score"] > 0.70
    yield "entity shape", entity_shape(res0)


@case
def test_match_no_schema(c: TestClient) -> Iterator[Check]:
    resp = c.post("/match/zala", json={"queries": {"fail": {"properties": {"name": "Banana"}}}})
    yield "422 without schema", resp.status_code == 422
    query = {
        "queries": {
            "fail": {"schema": "xxx", "properties": {"name": "Banana"}},
            "ok1": {"schema": "Person", "properties": {"name": ["Vladimir Putin"]}},
            "ok2": {"schema": "Person", "properties": {"name": ["John Doe"]}},
        }
    }
    yield "400 for a batch with a bad schema", c.post("/match/zala", json=query).status_code == 400


@case
def test_match_many_names_logic_v1(c: TestClient) -> Iterator[Check]:
    query = {"queries": {"q": MANY_NAMES}}
    resp = c.post("/match/zala", json=query, params={"algorithm": "logic-v1"})
    yield "200", resp.status_code == 200
    results = resp.json()["responses"]["q"]["results"]
    yield "results", len(results) > 0
    resp = c.post("/match/zala", json=query, params={"fuzzy": "false", "algorithm": "logic-v1"})
    yield "200 fuzzy=false", resp.status_code == 200
    yield "same count", len(results) == len(resp.json()["responses"]["q"]["results"])


@case
def test_match_many_names(c: TestClient) -> Iterator[Check]:
    query = {"queries": {"q": MANY_NAMES}}
    resp = c.post("/match/zala", json=query, params={"algorithm": "best"})
    yield "200", resp.status_code == 200
    results = resp.json()["responses"]["q"]["results"]
    yield "results", len(results) > 0
    resp = c.post("/match/zala", json=query, params={"fuzzy": "false", "algorithm": "best"})
    yield "200 fuzzy=false", resp.status_code == 200
    yield "same count", len(results) == len(resp.json()["responses"]["q"]["results"])


@case
def test_match_exclude_dataset(c: TestClient) -> Iterator[Check]:
    params = {"algorithm": "name-based", "exclude_dataset": "zala"}
    resp = c.post("/match/zala", json={"queries": {"vv": QUERY_ZAKHAROV}}, params=params)
    yield "200", resp.status_code == 200
    yield "none", len(resp.json()["responses"]["vv"]["results"]) == 0


@case
def test_match_include_dataset(c: TestClient) -> Iterator[Check]:
    query = {"queries": {"vv": QUERY_ZAKHAROV}}
    params: dict[str, Any] = {
        "algorithm": "name-based",
        "include_dataset": ["ae_local_terrorists", "mx_governors"],
    }
    resp = c.post("/match/zala", json=query, params=params)
    yield "200", resp.status_code == 200
    yield "none from other datasets", len(resp.json()["responses"]["vv"]["results"]) == 0
    params = {"algorithm": "name-based", "include_dataset": ["zala", "ae_local_terrorists"]}
    resp = c.post("/match/zala", json=query, params=params)
    yield "found in zala", len(resp.json()["responses"]["vv"]["results"]) > 0
    params = {
        "algorithm": "name-based",
        "include_dataset": ["zala", "mx_governors"],
        "exclude_dataset": "zala",
    }
    resp = c.post("/match/zala", json=query, params=params)
    yield "exclude wins", len(resp.json()["responses"]["vv"]["results"]) == 0


@case
def test_match_logic_v2_with_invalid_config(c: TestClient) -> Iterator[Check]:
    query = {"queries": {"vv": QUERY_ZAKHAROV}, "config": {"invalid_option": 0.4}}
    resp = c.post("/match/zala", json=query, params={"algorithm": "logic-v2"})
    yield "400", resp.status_code == 400


@case
def test_filter_topic(c: TestClient) -> Iterator[Check]:
    params = {"algorithm": "name-based", "topics": "crime.cyber"}
    resp = c.post("/match/zala", json={"queries": {"vv": QUERY_ZAKHAROV}}, params=params)
    yield "200", resp.status_code == 200
    yield "none", len(resp.json()["responses"]["vv"]["results"]) == 0


@case
def test_id_pass_through(c: TestClient) -> Iterator[Check]:
    body = {**MANY_NAMES, "id": "zakharov"}
    resp = c.post("/match/zala", json={"queries": {"no1": body}})
    yield "200", resp.status_code == 200
    res = resp.json()["responses"]["no1"]
    yield "schema", res["query"]["schema"] == "Person"
    yield "id", res["query"]["id"] == "zakharov"


@case
def test_match_name_without_spaces(c: TestClient) -> Iterator[Check]:
    query = {
        "queries": {
            "a": {"schema": "Person", "properties": {"name": ["alexandervyacheslavovichzakharov", "foo bar"]}}
        }
    }
    resp = c.post("/match/zala", json=query)
    yield "200", resp.status_code == 200
    res = resp.json()["responses"]["a"]
    yield "found", len(res["results"]) > 0
    yield "Zakharov", bool(res["results"]) and is_entity(res["results"][0], ZAKHAROV)


@case
def test_fuzzy_names(c: TestClient) -> Iterator[Check]:
    query = {"queries": {"a": {"schema": "Person", "properties": {"name": "Aiexandvr Zakharom"}}}}
    resp = c.post("/match/zala", params={"threshold": 0.2, "algorithm": "logic-v2"}, json=query)
    res = resp.json()["responses"]["a"]
    yield "found", len(res["results"]) > 0
    yield "Zakharov", is_entity(res["results"][0], ZAKHAROV)


@case
def test_match_numeric_property_value(c: TestClient) -> Iterator[Check]:
    query = {
        "queries": {
            "q": {"schema": "Person", "properties": {"name": ["Alexander Zakharov"], "birthDate": [1965]}}
        }
    }
    resp = c.post("/match/zala", json=query)
    yield "200", resp.status_code == 200
    yield (
        "1965 echoed as text",
        "1965" in resp.json()["responses"]["q"]["query"]["properties"].get("birthDate", []),
    )


@case
def test_exclude_entity_ids(c: TestClient) -> Iterator[Check]:
    query = {"queries": {"q": QUERY_ZAKHAROV}}
    resp = c.post("/match/zala", json=query)
    yield "Zakharov first", is_entity(resp.json()["responses"]["q"]["results"][0], ZAKHAROV)
    resp = c.post("/match/zala", json=query, params={"exclude_entity_ids": [ZAKHAROV]})
    yield "excluded by id", len(resp.json()["responses"]["q"]["results"]) == 0
    resp = c.post("/match/zala", json=query, params={"exclude_entity_ids": ["ofac-45937"]})
    yield "excluded by referent", len(resp.json()["responses"]["q"]["results"]) == 0


# -- tests/test_entity.py (zala) ----------------------------------------------------------------------
@case
def test_entity_404(c: TestClient) -> Iterator[Check]:
    yield "404", c.get("/entities/banana").status_code == 404


@case
def test_entity_fetch(c: TestClient) -> Iterator[Check]:
    res = c.get(f"/entities/{ZAKHAROV}")
    yield "200", res.status_code == 200
    data = res.json()
    yield "entity shape", entity_shape(data)
    yield "id", is_entity(data, ZAKHAROV)
    yield "Person", data["schema"] == "Person"
    yield "zala", "zala" in data["datasets"]
    yield "referents > 5", len(data["referents"]) > 5
    props = data["properties"]
    yield "birthDate text", isinstance(props["birthDate"][0], str)
    yield "sanctions", "sanctions" in props
    sanc = props["sanctions"][0]
    yield "sanction nested", isinstance(sanc, dict)
    yield "sanction shape", entity_shape(sanc)
    yield "Sanction", sanc["schema"] == "Sanction"


# -- tests/test_search.py -----------------------------------------------------------------------------
@case
def test_search_zakharov(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?q=alexander zakharov")
    yield "200", res.status_code == 200
    data = res.json()
    yield "results", "results" in data
    results = data["results"]
    yield "some", len(results) > 0
    zakharov = results[0]
    yield "entity shape", entity_shape(zakharov)
    yield "Zakharov first", is_entity(zakharov, ZAKHAROV)
    yield "first_seen", zakharov["first_seen"] is not None
    yield "last_seen", zakharov["last_seen"] is not None
    yield "no sanctions collection", "sanctions" not in zakharov["datasets"]
    yield "no default collection", "default" not in zakharov["datasets"]


@case
def test_search_no_query(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala")
    yield "200", res.status_code == 200
    yield "more than 9", len(res.json()["results"]) > 9


@case
def test_search_invalid_query(c: TestClient) -> Iterator[Check]:
    yield "400 invalid syntax", c.get("/search/zala?q=invalid/query").status_code == 400
    yield "200 simple", c.get("/search/zala?q=invalid/query&simple=true").status_code == 200


@case
def test_search_missing_dataset(c: TestClient) -> Iterator[Check]:
    yield "404", c.get("/search/banana").status_code == 404


@case
def test_search_filter_schema_invalid(c: TestClient) -> Iterator[Check]:
    yield "400", c.get("/search/zala?q=angela merkel&schema=Banana").status_code == 400


@case
def test_search_filter_schema_remove(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?q=angela merkel&schema=Vessel")
    yield "200", res.status_code == 200
    yield "none", len(res.json()["results"]) == 0


@case
def test_search_filter_exclude_schema(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?q=moscow")
    yield "200", res.status_code == 200
    total = res.json()["total"]["value"]
    yield "more than 5", total > 5
    res = c.get("/search/zala?q=moscow&exclude_schema=Address")
    yield "200 excluded", res.status_code == 200
    yield "fewer", res.json()["total"]["value"] < total


@case
def test_search_filter_exclude_dataset(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?q=alexander zakharov")
    yield "200", res.status_code == 200
    yield "some", res.json()["total"]["value"] > 0
    res = c.get("/search/zala?q=alexander zakharov&exclude_dataset=zala")
    yield "200 excluded", res.status_code == 200
    yield "none", res.json()["total"]["value"] == 0


@case
def test_search_filter_include_dataset(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?q=alexander zakharov")
    yield "200", res.status_code == 200
    yield "some", res.json()["total"]["value"] > 0
    res = c.get("/search/zala?q=alexander zakharov&include_dataset=mx_senators")
    yield "200 other", res.status_code == 200
    yield "none from another", res.json()["total"]["value"] == 0
    res = c.get("/search/zala?q=alexander zakharov&include_dataset=zala")
    yield "some from zala", res.json()["total"]["value"] > 0
    res = c.get("/search/zala?q=alexander zakharov&include_dataset=zala&exclude_dataset=zala")
    yield "exclude wins", res.json()["total"]["value"] == 0


@case
def test_search_filter_changed_since(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?q=alexander zakharov&changed_since=2099-01-01T00:00")
    yield "200", res.status_code == 200
    yield "none", res.json()["total"]["value"] == 0


@case
def test_search_filter_schema_keep(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?q=alexander zakharov&schema=Person")
    yield "200", res.status_code == 200
    yield "some", len(res.json()["results"]) > 0


@case
def test_search_filter_countries_remove(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?q=alexander zakharov&countries=ru")
    yield "200 ru", res.status_code == 200
    yield "some ru", len(res.json()["results"]) > 0
    res = c.get("/search/zala?q=alexander zakharov&countries=ke")
    yield "200 ke", res.status_code == 200
    yield "none ke", len(res.json()["results"]) == 0


@case
def test_search_filter_countries_operator(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?q=alexander zakharov&countries=ke&countries=ru")
    yield "200 or", res.status_code == 200
    yield "some with or", len(res.json()["results"]) > 0
    res = c.get("/search/zala?q=alexander zakharov&filter_op=AND&countries=ke&countries=ru")
    yield "200 and", res.status_code == 200
    yield "none with and", len(res.json()["results"]) == 0


@case
def test_search_filter(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?q=alexander zakharov&filter=properties.birthDate:1972-01-26§")
    yield "200", res.status_code == 200
    yield "none", len(res.json()["results"]) == 0


@case
def test_search_facet_datasets_default(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala")
    yield "200", res.status_code == 200
    names = [v["name"] for v in res.json()["facets"]["datasets"]["values"]]
    yield "zala", "zala" in names
    yield "no other", "un_sc_sanctions" not in names


@case
def test_search_facet_countries(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?q=alexander zakharov&countries=ru")
    yield "200", res.status_code == 200
    names = [v["name"] for v in res.json()["facets"]["countries"]["values"]]
    yield "ru", "ru" in names
    yield "no ke", "ke" not in names
    yield "no lb", "lb" not in names


@case
def test_search_facet_topics(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?topics=sanction")
    yield "200", res.status_code == 200
    yield "sanctioned", res.json()["total"]["value"] > 0
    res = c.get("/search/zala")
    yield "200 all", res.status_code == 200
    yield "sanction facet", "sanction" in [v["name"] for v in res.json()["facets"]["topics"]["values"]]


@case
def test_search_facet_schema(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?schema=Address")
    yield "200", res.status_code == 200
    yield "addresses", res.json()["total"]["value"] > 0
    res = c.get("/search/zala?facets=schema")
    yield "200 facet", res.status_code == 200
    yield "Address facet", "Address" in [v["name"] for v in res.json()["facets"]["schema"]["values"]]


@case
def test_search_facet_parameter(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala")
    yield "200", res.status_code == 200
    facets = res.json()["facets"]
    yield "three", len(facets) == 3
    yield "no schema", "schema" not in facets
    yield "topics", "topics" in facets
    yield "datasets", "datasets" in facets
    yield "countries", "countries" in facets
    res = c.get("/search/zala?facets=schema&facets=topics")
    yield "200 chosen", res.status_code == 200
    facets = res.json()["facets"]
    yield "two", len(facets) == 2
    yield "schema", "schema" in facets
    yield "topics chosen", "topics" in facets
    yield "no datasets", "datasets" not in facets
    yield "no countries", "countries" not in facets


@case
def test_search_no_targets(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?schema=LegalEntity&target=true")
    yield "200 targets", res.status_code == 200
    yield "targets", len(res.json()["results"]) > 0
    res = c.get("/search/zala?schema=LegalEntity&target=false")
    yield "200 non-targets", res.status_code == 200
    yield "non-targets", len(res.json()["results"]) > 0


@case
def test_search_sorted(c: TestClient) -> Iterator[Check]:
    data = c.get("/search/zala?sort=first_seen:desc").json()
    yield "results", "results" in data
    seen = [r["first_seen"] for r in data["results"]]
    yield "descending", all(a >= b for a, b in pairwise(seen))


@case
def test_search_zakharov_scope(c: TestClient) -> Iterator[Check]:
    zala = c.get("/search/zala?q=alexander zakharov")
    other = c.get("/search/un_sc_sanctions?q=alexander zakharov")
    yield "200 zala", zala.status_code == 200
    yield "some in zala", len(zala.json()["results"]) > 0
    yield "Zakharov in zala", any(is_entity(r, ZAKHAROV) for r in zala.json()["results"])
    yield "200 other", other.status_code == 200
    yield "none in other", len(other.json()["results"]) == 0


@case
def test_search_limit(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?limit=0&q=alexander zakharov")
    yield "200", res.status_code == 200
    data = res.json()
    yield "results", "results" in data
    yield "none", len(data["results"]) == 0


@case
def test_search_offset(c: TestClient) -> Iterator[Check]:
    res = c.get("/search/zala?offset=100&q=alexander zakharov")
    yield "200", res.status_code == 200
    data = res.json()
    yield "results", "results" in data
    yield "none", len(data["results"]) == 0
    yield "offset", data["offset"] == 100


@case
def test_search_range_offset(c: TestClient) -> Iterator[Check]:
    yield "422", c.get("/search/default?offset=9999&q=putin").status_code == 422


@case
def test_search_range_limit(c: TestClient) -> Iterator[Check]:
    yield "422", c.get("/search/zala?limit=10000&q=zakharov").status_code == 422
    res = c.get("/search/zala?limit=500&q=zakharov")
    yield "200", res.status_code == 200
    data = res.json()
    yield "limit", data["limit"] < 10000
    yield "offset", data["offset"] == 0


# -- tests/test_reconcile.py --------------------------------------------------------------------------
@case
def test_reconcile_metadata(c: TestClient) -> Iterator[Check]:
    resp = c.get("/reconcile/zala")
    yield "200", resp.status_code == 200
    data = resp.json()
    yield "identifierSpace", str(data.get("identifierSpace", "")).startswith("http")
    yield "defaultTypes > 3", len(data["defaultTypes"]) > 3
    yield "suggest", "suggest" in data
    yield "extend", "extend" in data


@case
def test_reconcile_post_query(c: TestClient) -> Iterator[Check]:
    queries = {"mutti": {"query": "Alexander ZAKHAROV"}}
    resp = c.post("/reconcile/zala", data={"queries": json.dumps(queries)})
    yield "200", resp.status_code == 200
    yield "Zakharov first", names_entity(resp.json()["mutti"]["result"][0]["id"], ZAKHAROV)


@case
def test_reconcile_post_extend(c: TestClient) -> Iterator[Check]:
    query = {"ids": [ZAKHAROV], "properties": [{"id": "name"}, {"id": "birthDate"}]}
    resp = c.post("/reconcile/zala", data={"extend": json.dumps(query)})
    yield "200", resp.status_code == 200
    data = resp.json()
    yield "two columns", len(data["meta"]) == 2
    yield "name first", data["meta"][0]["id"] == "name"
    yield "row", ZAKHAROV in data["rows"]
    yield "name cell", "name" in data["rows"][ZAKHAROV]
    names = data["rows"][ZAKHAROV]["name"]
    yield "names", len(names) > 0
    yield "zakharov", "zakharov" in "".join(n["str"] for n in names).lower()


@case
def test_reconcile_invalid(c: TestClient) -> Iterator[Check]:
    resp = c.post("/reconcile/zala", data={"queries": json.dumps({"mutti": {"type": "Banana"}})})
    yield "400", resp.status_code == 400


@case
def test_reconcile_suggest_entity_no_prefix(c: TestClient) -> Iterator[Check]:
    resp = c.get("/reconcile/zala/suggest/entity")
    yield "200", resp.status_code == 200
    data = resp.json()
    yield "result", "result" in data
    yield "empty", len(data["result"]) == 0


@case
def test_reconcile_suggest_entity_prefix(c: TestClient) -> Iterator[Check]:
    resp = c.get("/reconcile/zala/suggest/entity?prefix=alexander%20zak")
    yield "200", resp.status_code == 200
    res = resp.json()["result"]
    yield "some", len(res) > 0
    yield "Zakharov first", names_entity(res[0]["id"], ZAKHAROV)
    yield "name", res[0]["name"] is not None
    yield "aleksandr", "alexander" in res[0]["name"].lower() or "aleksandr" in res[0]["name"].lower()


@case
def test_reconcile_suggest_entity_prefix_dummy(c: TestClient) -> Iterator[Check]:
    resp = c.get("/reconcile/zala/suggest/entity?prefix=banana%20man")
    yield "200", resp.status_code == 200
    yield "none", len(resp.json()["result"]) == 0


@case
def test_reconcile_suggest_property_no_prefix(c: TestClient) -> Iterator[Check]:
    resp = c.get("/reconcile/zala/suggest/property")
    yield "200", resp.status_code == 200
    data = resp.json()
    yield "result", "result" in data
    yield "empty", len(data["result"]) == 0


@case
def test_reconcile_suggest_property_prefix(c: TestClient) -> Iterator[Check]:
    resp = c.get("/reconcile/zala/suggest/property?prefix=country")
    yield "200", resp.status_code == 200
    data = resp.json()
    yield "result", "result" in data
    yield "more than one", len(data["result"]) > 1
    types = [r["id"] for r in data["result"]]
    yield "mainCountry", "LegalEntity:mainCountry" in types
    yield "country", "Thing:country" in types


@case
def test_reconcile_suggest_property_prefix_dummy(c: TestClient) -> Iterator[Check]:
    resp = c.get("/reconcile/zala/suggest/property?prefix=banana")
    yield "200", resp.status_code == 200
    data = resp.json()
    yield "result", "result" in data
    yield "none", len(data["result"]) == 0


@case
def test_reconcile_suggest_type_no_prefix(c: TestClient) -> Iterator[Check]:
    resp = c.get("/reconcile/zala/suggest/type")
    yield "200", resp.status_code == 200
    data = resp.json()
    yield "result", "result" in data
    yield "empty", len(data["result"]) == 0


@case
def test_reconcile_suggest_type_prefix(c: TestClient) -> Iterator[Check]:
    resp = c.get("/reconcile/zala/suggest/type?prefix=organ")
    yield "200", resp.status_code == 200
    data = resp.json()
    yield "result", "result" in data
    yield "one", len(data["result"]) == 1
    yield "Organization", data["result"][0]["id"] == "Organization"


@case
def test_reconcile_suggest_type_prefix_dummy(c: TestClient) -> Iterator[Check]:
    resp = c.get("/reconcile/zala/suggest/type?prefix=banana")
    yield "200", resp.status_code == 200
    data = resp.json()
    yield "result", "result" in data
    yield "none", len(data["result"]) == 0


@case
def test_reconcile_extend_properties(c: TestClient) -> Iterator[Check]:
    resp = c.get("/reconcile/zala/extend/property?limit=5&type=LegalEntity")
    yield "200", resp.status_code == 200
    data = resp.json()
    yield "type", "type" in data
    yield "LegalEntity", data["type"] == "LegalEntity"
    yield "limit", data["limit"] == 5
    props = data["properties"]
    yield "five", len(props) == 5
    ids = [p["id"] for p in props]
    yield "name", "name" in ids
    yield "country", "country" in ids


@case
def test_reconcile_extend_properties_invalid_type(c: TestClient) -> Iterator[Check]:
    resp = c.get("/reconcile/zala/extend/property?limit=5&type=Banana")
    yield "400", resp.status_code == 400


def run_case(fn: Case, client: TestClient) -> list[Check]:
    """Every assert of one case: those reached, then those not reached (failed) when it raised."""
    out: list[Check] = []
    try:
        for check in fn(client):
            out.append(check)
    except Exception as exc:
        missing = asserts_in(fn) - len(out)
        out.extend(
            (f"not reached ({type(exc).__name__}: {exc})"[:160], False) for _ in range(max(1, missing))
        )
    return out


def zala_file(shared: Path) -> Path:
    return shared / "data" / "opensanctions_ftm" / "2026-04-29-zala-entities.ftm.json"


def build_client(folder: Path, shared: Path, un_fixtures: Path) -> TestClient:
    """The app over a SQLite store of the zala export (as list ``zala``) and the UN fixtures."""
    from listwatch.api.app import create_app
    from listwatch.ingest import ingest_file
    from listwatch.settings import Settings
    from listwatch.sources.registry import ParseOptions
    from listwatch.store import open_store

    url = f"sqlite:///{folder / 'replay.db'}"
    store = open_store(url)
    ingest_file(store, zala_file(shared), options=ParseOptions(list_id="zala"))
    for name in ("v1.xml", "v2_other_generator.xml"):
        ingest_file(store, un_fixtures / name)
    env = {
        "LISTWATCH_DB": url,
        "LISTWATCH_UPDATE_TOKEN": "test",
        "LISTWATCH_INDEX_CACHE": str(folder / "idx"),
    }
    settings = Settings.from_env(env)
    return TestClient(create_app(settings, store, warm=False))


def main(argv: list[str]) -> int:
    repo = Path(__file__).resolve().parents[1]
    shared = repo.parent / "shared"
    with (
        tempfile.TemporaryDirectory() as tmp,
        build_client(Path(tmp), shared, repo / "tests/fixtures/un_sc") as client,
    ):
        passed = total = 0
        for fn in CASES:
            checks = run_case(fn, client)
            total += len(checks)
            passed += sum(ok for _label, ok in checks)
            if "--verbose" in argv:
                for label, ok in checks:
                    print(f"{'pass' if ok else 'FAIL'}  {fn.__name__}: {label}")
        print(f"{passed} of {total} yente assertions pass ({len(CASES)} tests replayed)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

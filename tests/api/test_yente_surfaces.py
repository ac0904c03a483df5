"""The rest of yente's surface on listwatch: /search paging, filters and facets, /entities in yente's
shape, /catalog, /updatez, the reconciliation API as OpenRefine calls it, gzip, CORS and the URL
limit; every answer validated against yente's response models (tests/api/yente_models.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.api import yente_models as ym

from listwatch.api.app import create_app
from listwatch.ingest import ingest_file
from listwatch.settings import Settings
from listwatch.store import Store

BARADAR_ID = "un_sc_sanctions:tai.024"


def _json(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def test_match_answer_is_yentes_model(client: TestClient) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": "Baradar Abdul Ghani"}}}}
    parsed = ym.EntityMatchResponse.model_validate(_json(client.post("/match/default", json=body)))
    top = parsed.responses["q"].results[0]
    assert top.id == BARADAR_ID and top.explanations["name_align"].score > 0.9
    assert top.first_seen is not None and top.first_seen <= (top.last_seen or top.first_seen)
    ym.AlgorithmResponse.model_validate(_json(client.get("/algorithms")))
    ym.StatusResponse.model_validate(_json(client.get("/healthz")))
    ym.ErrorResponse.model_validate(_json(client.post("/match/default", json={"queries": {}}), 400))


def test_search_without_q_pages_and_counts(client: TestClient) -> None:
    everything = ym.SearchResponse.model_validate(_json(client.get("/search/default", params={"limit": 100})))
    total = everything.total.value
    assert total == len(everything.results) > 2
    ids = [r.id for r in everything.results]
    paged = [
        r["id"]
        for offset in range(0, total, 2)
        for r in _json(client.get("/search/default", params={"limit": 2, "offset": offset}))["results"]
    ]
    assert paged == ids  # offset pages through the same order, nothing twice or missed
    assert _json(client.get("/search/default", params={"offset": total}))["results"] == []
    assert client.get("/search/default", params={"limit": 501}).status_code == 422
    assert client.get("/search/default", params={"offset": 9999}).status_code == 422


def test_search_filters_and_facets(client: TestClient) -> None:
    data = _json(client.get("/search/default", params={"facets": ["schema", "countries", "datasets"]}))
    parsed = ym.SearchResponse.model_validate(data)
    schemata = {v.name: v.count for v in parsed.facets["schema"].values}
    assert sum(schemata.values()) == parsed.total.value and "Person" in schemata
    people = _json(client.get("/search/default", params={"schema": "Person", "limit": 100}))
    assert people["total"]["value"] == schemata["Person"]
    assert all(r["schema"] == "Person" for r in people["results"])
    legal = _json(client.get("/search/default", params={"schema": "LegalEntity"}))["total"]["value"]
    assert legal == sum(n for s, n in schemata.items() if s in ("Person", "Organization", "Company"))
    assert _json(client.get("/search/default", params={"exclude_schema": "Person"}))["total"]["value"] == (
        parsed.total.value - schemata["Person"]
    )
    assert client.get("/search/default", params={"schema": "Banana"}).status_code == 400
    af = {v.name: v.count for v in parsed.facets["countries"].values}.get("af", 0)
    assert af > 0
    assert _json(client.get("/search/default", params={"countries": "af"}))["total"]["value"] == af
    assert (
        _json(client.get("/search/default", params={"countries": ["af", "zz"], "filter_op": "AND"}))[
            "results"
        ]
        == []
    )
    assert _json(client.get("/search/default", params={"changed_since": "2099-01-01"}))["results"] == []
    assert _json(client.get("/search/default", params={"topics": "sanction"}))["total"]["value"] == (
        parsed.total.value
    )
    assert _json(client.get("/search/default", params={"include_dataset": "other"}))["results"] == []
    refs = _json(client.get("/search/default", params={"filter": "properties.programId:TA"}))
    assert all("TA" in r["properties"]["programId"] for r in refs["results"])
    newest = _json(client.get("/search/default", params={"sort": "first_seen:desc", "limit": 100}))["results"]
    seen = [r["first_seen"] for r in newest]
    assert seen == sorted(seen, reverse=True) and seen[0] != seen[-1]


def test_search_with_q_keeps_listwatch_fields(client: TestClient) -> None:
    data = _json(client.get("/search/default", params={"q": "Baradar"}))
    top = ym.SearchResponse.model_validate(data).results[0]
    assert top.id == BARADAR_ID
    raw = data["results"][0]
    # the 2021 fixtures are long past the UN list's horizon: today's status is "unknown", said so
    assert raw["status"] == "unknown" and raw["stale"] is True
    assert raw["list"] == "un_sc_sanctions" and raw["ref"] == "TAi.024" and raw["last_event"]
    assert "sanctions" not in raw["properties"]


def test_entity_in_yentes_shape(client: TestClient) -> None:
    data = _json(client.get(f"/entities/{BARADAR_ID}"))
    entity = ym.EntityResponse.model_validate(data)
    assert entity.schema_ == "Person" and entity.referents == ["TAi.024"]
    sanction = entity.properties["sanctions"][0]
    assert isinstance(sanction, ym.EntityResponse) and sanction.schema_ == "Sanction"
    assert sanction.properties["entity"] == [BARADAR_ID]
    assert {"designations", "timeline", "intervals"} <= set(data)  # listwatch's, kept
    flat = _json(client.get(f"/entities/{BARADAR_ID}", params={"nested": "false"}))
    assert flat["properties"]["sanctions"] == [f"{BARADAR_ID}-sanction"]
    moved = client.get("/entities/TAi.024", params={"nested": "false"}, follow_redirects=False)
    assert moved.status_code == 308
    assert moved.headers["location"] == f"/entities/{BARADAR_ID}?nested=false"
    assert client.get("/entities/banana").status_code == 404


def test_entity_id_with_a_slash(store: Store, settings: Settings, tmp_path: Path) -> None:
    line = {
        "id": "ofac/12345",
        "schema": "Company",
        "caption": "Slash Trading LLC",
        "properties": {"name": ["Slash Trading LLC"], "country": ["ir"]},
        "referents": ["ofac-12345"],
        "datasets": ["us_ofac_sdn"],
    }
    path = tmp_path / "2024-01-02-entities.ftm.json"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    ingest_file(store, path)
    with TestClient(create_app(settings, store, warm=False)) as client:
        data = _json(client.get("/entities/opensanctions:ofac/12345"))
        assert data["id"] == "opensanctions:ofac/12345" and data["schema"] == "Company"
        assert set(data["referents"]) == {"ofac/12345", "ofac-12345"}
        moved = client.get("/entities/ofac-12345", follow_redirects=False)
        assert moved.status_code == 308 and moved.headers["location"] == "/entities/opensanctions:ofac/12345"
        body = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Slash Trading"]}}}}
        excluded = client.post("/match/default", json=body, params={"exclude_entity_ids": "ofac-12345"})
        assert _json(excluded)["responses"]["q"]["results"] == []


def test_catalog_and_etag(client: TestClient) -> None:
    response = client.get("/catalog")
    catalog = ym.DataCatalogModel.model_validate(_json(response))
    assert [d.name for d in catalog.datasets] == ["un_sc_sanctions"] == catalog.current
    assert catalog.datasets[0].version.startswith("2021-02-15")
    etag = response.headers["etag"]
    assert response.headers["cache-control"] == "public, max-age=300"
    cached = client.get("/catalog", headers={"If-None-Match": etag})
    assert cached.status_code == 304 and cached.content == b"" and cached.headers["etag"] == etag
    assert client.get("/catalog", headers={"If-None-Match": '"old"'}).status_code == 200
    assert client.get("/manifest").json() == response.json()


def test_updatez_needs_the_token(store: Store, tmp_path: Path) -> None:
    for name in ("v1.xml",):
        ingest_file(store, Path(__file__).parents[1] / "fixtures" / "un_sc" / name)
    closed = Settings(db_url="sqlite:///:memory:", index_cache=tmp_path / "a")
    with TestClient(create_app(closed, store, warm=False)) as client:
        assert client.post("/updatez", params={"token": ""}).status_code == 403
        assert client.get("/updatez").status_code == 405
    opened = Settings(db_url="sqlite:///:memory:", update_token="s3cret", index_cache=tmp_path / "b")
    with TestClient(create_app(opened, store, warm=False)) as client:
        assert client.post("/updatez", params={"token": "wrong"}).status_code == 403
        before = client.post(
            "/match/default", json={"queries": {"q": {"schema": "Person", "properties": {"name": "Baradar"}}}}
        )
        assert before.status_code == 200
        services = client.app.state.services  # type: ignore[attr-defined]
        assert services.screeners._items
        assert _json(client.post("/updatez", params={"token": "s3cret", "sync": "true"})) == {"status": "ok"}
        # the old screeners are gone; today's was built again
        assert len(services.screeners._items) == 1 and services.ready.is_set()


def test_reconcile_as_openrefine_calls_it(client: TestClient) -> None:
    manifest = ym.FreebaseManifest.model_validate(_json(client.get("/reconcile/default")))
    assert manifest.identifierSpace == "http://testserver/entities/"
    assert manifest.suggest.entity.service_path == "/suggest/entity"
    assert {t.id for t in manifest.defaultTypes} >= {"Person", "Organization", "Vessel"}
    queries = {
        "q0": {"query": "Baradar Abdul Ghani", "type": "Person", "limit": 3},
        "q1": {"query": "Abdul Ghani Baradar", "properties": [{"pid": "Person:birthDate", "v": "1968"}]},
    }
    # OpenRefine posts form-encoded `queries`; the spec's GET form carries it as a parameter too.
    posted = _json(client.post("/reconcile/default", data={"queries": json.dumps(queries)}))
    got = _json(client.get("/reconcile/default", params={"queries": json.dumps(queries)}))
    assert posted == got
    for key in queries:
        result = ym.FreebaseEntityResult.model_validate(posted[key]).result
        assert result[0].id == BARADAR_ID and result[0].match and result[0].type[0].id == "Person"
    assert posted["q1"]["result"][0]["score"] > posted["q0"]["result"][0]["score"]  # the birth year
    bad = client.post(
        "/reconcile/default", data={"queries": json.dumps({"x": {"query": "a", "type": "Banana"}})}
    )
    assert bad.status_code == 400 and "Banana" in bad.json()["detail"]
    assert client.post("/reconcile/default", data={}).status_code == 400
    extend = {"ids": [BARADAR_ID, "TAi.024", "nope"], "properties": [{"id": "name"}, {"id": "birthDate"}]}
    rows = ym.FreebaseExtendResponse.model_validate(
        _json(client.post("/reconcile/default", data={"extend": json.dumps(extend)}))
    )
    assert [m.id for m in rows.meta] == ["name", "birthDate"]
    assert rows.rows[BARADAR_ID] == rows.rows["TAi.024"] and rows.rows["nope"] == {}
    assert any("1968" in v.str for v in rows.rows[BARADAR_ID]["birthDate"])


def test_reconcile_suggest_and_properties(client: TestClient) -> None:
    found = ym.FreebaseEntitySuggestResponse.model_validate(
        _json(client.get("/reconcile/default/suggest/entity", params={"prefix": "barad"}))
    )
    assert found.result[0].id == BARADAR_ID
    assert _json(client.get("/reconcile/default/suggest/entity"))["result"] == []
    props = ym.FreebasePropertySuggestResponse.model_validate(
        _json(client.get("/reconcile/default/suggest/property", params={"prefix": "birth"}))
    )
    assert {p.id for p in props.result} == {"Person:birthDate", "Person:birthPlace"}
    types = ym.FreebaseTypeSuggestResponse.model_validate(
        _json(client.get("/reconcile/default/suggest/type", params={"prefix": "vess"}))
    )
    assert [t.id for t in types.result] == ["Vessel"]
    proposal = ym.FreebaseExtendPropertiesResponse.model_validate(
        _json(client.get("/reconcile/default/extend/property", params={"type": "Person", "limit": 3}))
    )
    assert {p.id for p in proposal.properties} == {"name", "nationality", "birthDate"}
    assert client.get("/reconcile/default/extend/property", params={"type": "Banana"}).status_code == 400
    assert client.get("/reconcile/nope").status_code == 404


def test_gzip_and_url_limit(client: TestClient) -> None:
    response = client.get("/search/default", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip" and response.json()["results"]
    plain = client.get("/search/default", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    long = client.get("/search/default", params={"q": "a" * 61000})
    assert long.status_code == 414 and long.json()["detail"] == "Request URI too long"


@pytest.fixture
def cors_client(store: Store) -> Iterator[TestClient]:
    settings = Settings(db_url="sqlite:///:memory:", cors_origins=("https://app.example",))
    with TestClient(create_app(settings, store, warm=False)) as client:
        yield client


def test_cors_only_when_configured(cors_client: TestClient, client: TestClient) -> None:
    origin = {"Origin": "https://app.example"}
    preflight = {
        **origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    allowed = cors_client.options("/match/default", headers=preflight)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://app.example"
    other = cors_client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    assert "access-control-allow-origin" not in client.get("/healthz", headers=origin).headers

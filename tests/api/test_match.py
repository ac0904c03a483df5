"""POST /match/{dataset}: yente's request body in, yente's response shape out, plus as_of/known_at."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

# The request body yente's own documentation shows (yente/routers/match.py, the /match docstring).
YENTE_DOC_BODY: dict[str, Any] = {
    "queries": {
        "entity1": {
            "schema": "Person",
            "properties": {"name": ["John Doe"], "birthDate": ["1975-04-21"], "nationality": ["us"]},
        },
        "entity2": {
            "schema": "Company",
            "properties": {
                "name": ["Brilliant Amazing Limited"],
                "jurisdiction": ["hk"],
                "registrationNumber": ["84BA99810"],
            },
        },
    }
}

RESULT_FIELDS = {
    "id", "caption", "schema", "properties", "datasets", "referents", "target",
    "first_seen", "last_seen", "last_change", "score", "features", "match",
}  # fmt: skip


def _match(client: TestClient, body: dict[str, Any], **params: Any) -> dict[str, Any]:
    response = client.post("/match/default", json=body, params=params)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def test_yente_documented_request_gets_yente_response_shape(client: TestClient) -> None:
    response = client.post("/match/default", json=YENTE_DOC_BODY)
    assert response.status_code == 200, response.text
    assert response.headers["x-batch-size"] == "2"
    data = response.json()
    assert set(data) >= {"responses", "matcher", "limit"}
    assert isinstance(data["limit"], int) and data["limit"] == 5
    assert isinstance(data["matcher"], dict) and data["matcher"]
    for doc in data["matcher"].values():
        assert set(doc) == {"description", "coefficient", "url"}
    assert set(data["responses"]) == {"entity1", "entity2"}
    for query_id, sent in YENTE_DOC_BODY["queries"].items():
        answer = data["responses"][query_id]
        assert answer["status"] == 200
        assert isinstance(answer["results"], list)
        assert answer["total"] == {"value": len(answer["results"]), "relation": "eq"}
        assert answer["query"]["schema"] == sent["schema"]
        assert answer["query"]["properties"] == sent["properties"]
    # listwatch's additions: what the screening was as of, and which versions answered.
    assert data["as_of"] and data["known_at"] is None
    assert [v["list"] for v in data["versions"]] == ["un_sc_sanctions"]


def test_result_fields_cross_script(client: TestClient) -> None:
    body = {"queries": {"q1": {"schema": "Person", "properties": {"name": ["Барадар Абдул Гани"]}}}}
    data = _match(client, body)
    results = data["responses"]["q1"]["results"]
    assert results, data
    top = results[0]
    assert set(top) >= RESULT_FIELDS
    assert top["id"] == "un_sc_sanctions:tai.024" and top["ref"] == "TAi.024"
    assert top["schema"] == "Person" and top["datasets"] == ["un_sc_sanctions"]
    assert isinstance(top["caption"], str) and top["caption"]
    assert all(isinstance(v, list) and all(isinstance(s, str) for s in v) for v in top["properties"].values())
    assert "name" in top["properties"]
    assert isinstance(top["score"], float) and 0 < top["score"] <= 1
    assert top["match"] is True
    assert all(isinstance(v, float) for v in top["features"].values()) and "name_align" in top["features"]
    assert "baradar" in top["explanation"]


def test_explanations_per_feature(client: TestClient) -> None:
    """yente's ``explanations``: per feature its score and why, the same numbers as ``features``, and
    for the name the two names compared; the birth date's evidence has its own entry."""
    body = {
        "queries": {
            "q": {"schema": "Person", "properties": {"name": ["Baradar Abdul Ghani"], "birthDate": ["1968"]}}
        }
    }
    top = _match(client, body)["responses"]["q"]["results"][0]
    explained = top["explanations"]
    assert set(explained) >= {"name_align", "birth_date"}
    for feature, doc in explained.items():
        assert set(doc) == {"score", "detail", "query", "candidate"}
        assert doc["score"] == top["features"][feature]
    name = explained["name_align"]
    assert name["query"] == "Baradar Abdul Ghani" and "BARADAR" in name["candidate"].upper()
    assert "baradar=baradar (same, 1.00)" in name["detail"] and "out of order" not in name["detail"]
    assert explained["birth_date"]["detail"].startswith("birth year 1968")
    # the score is the features combined as docs/screening.md says (0.9 * name + evidence)
    expected = 0.9 * name["score"] + explained["birth_date"]["score"]
    assert top["score"] == round(min(1.0, expected), 3)


def test_threshold_limit_and_name_parts(client: TestClient) -> None:
    body = {
        "queries": {
            "q": {"schema": "Person", "properties": {"firstName": "Abdul Ghani", "lastName": "Baradar"}}
        }
    }
    data = _match(client, body, threshold=0.99, cutoff=0.5, limit=1, algorithm="logic-v1")
    results = data["responses"]["q"]["results"]
    assert len(results) == 1 and results[0]["ref"] == "TAi.024"
    assert results[0]["match"] is (results[0]["score"] >= 0.99)


def test_as_of_and_known_at(client: TestClient) -> None:
    # IQi.900 is on v1 (2021-01-10) and absent from v2 (2021-02-15).
    # (The matcher weighs "TO BE" as filler, so the rare part alone is asked, at a low threshold.)
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Delisted"]}}}}

    def refs(**params: Any) -> list[str]:
        data = _match(client, body, threshold=0.3, **params)
        return [r["ref"] for r in data["responses"]["q"]["results"]]

    assert "IQi.900" in refs(as_of="2021-02-01")
    assert "IQi.900" not in refs(as_of="2021-03-01")
    # Known at the end of January, the February version was not out yet: still in force.
    assert "IQi.900" in refs(as_of="2021-03-01", known_at="2021-01-31")


def test_dataset_a_list_id_and_filters(client: TestClient) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Abdul Ghani Baradar"]}}}}
    response = client.post("/match/un_sc_sanctions", json=body)
    assert response.status_code == 200
    assert response.json()["responses"]["q"]["results"][0]["ref"] == "TAi.024"
    excluded = _match(client, body, exclude_dataset="un_sc_sanctions")
    assert excluded["responses"]["q"]["results"] == []
    assert _match(client, body, exclude_schema="Person")["responses"]["q"]["results"] == []


def test_bad_requests_are_clear_4xx(client: TestClient) -> None:
    response = client.post("/match/no_such_dataset", json=YENTE_DOC_BODY)
    assert response.status_code == 404 and "no_such_dataset" in response.json()["error"]
    no_name = {"queries": {"q": {"schema": "Person", "properties": {"birthDate": ["1970"]}}}}
    response = client.post("/match/default", json=no_name)
    assert response.status_code == 400 and "no name" in response.json()["error"]
    assert response.json()["errors"][0]["field"] == "queries.q.properties.name"
    response = client.post("/match/default", json={"queries": {}})
    assert response.status_code == 400
    response = client.post("/match/default", json={"queries": {"q": {"properties": {}}}})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "body.queries.q.schema"
    response = client.post("/match/default", json=YENTE_DOC_BODY, params={"as_of": "2021-13-01"})
    assert response.status_code == 422


def test_batch_limit(client: TestClient) -> None:
    many = {"queries": {f"q{i}": {"schema": "Person", "properties": {"name": ["x y"]}} for i in range(101)}}
    response = client.post("/match/default", json=many)
    assert response.status_code == 400
    assert "too many queries" in response.json()["error"] and "limit 100" in response.json()["error"]

"""POST /match/{dataset} reads every parameter and body field yente has, or refuses it with yente's
``{"detail": ...}``; GET /algorithms lists what ``algorithm`` may name."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from listwatch.matching import ALGORITHM

BARADAR = {"schema": "Person", "properties": {"name": ["Abdul Ghani Baradar"]}}
ISO_SECONDS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


def _post(client: TestClient, body: dict[str, Any], **params: Any) -> Any:
    return client.post("/match/default", json=body, params=params)


def _results(client: TestClient, query: dict[str, Any] = BARADAR, **params: Any) -> list[dict[str, Any]]:
    response = _post(client, {"queries": {"q": query}}, **params)
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["responses"]["q"]["results"]
    return results


def test_algorithms_listed_and_unknown_refused(client: TestClient) -> None:
    data = client.get("/algorithms").json()
    names = [a["name"] for a in data["algorithms"]]
    assert data["default"] == data["best"] == names[0] == ALGORITHM
    assert "logic-v1" in names and "neural-net" not in names
    alias = next(a for a in data["algorithms"] if a["name"] == "logic-v1")
    assert "not by nomenklatura's logic-v1" in alias["description"]
    assert set(data["algorithms"][0]["docs"]["features"]) == {
        "name_align",
        "weak_alias",
        "birth_date",
        "country",
    }
    assert "0.70" in data["algorithms"][0]["docs"]["threshold_why"]
    response = _post(client, {"queries": {"q": BARADAR}}, algorithm="neural-net")
    assert response.status_code == 400 and response.json()["detail"].startswith(
        "Invalid algorithm: neural-net"
    )
    for name in ("best", "name-based", "logic-v2", ALGORITHM.upper()):
        answered = _post(client, {"queries": {"q": BARADAR}}, algorithm=name)
        assert answered.status_code == 200 and answered.json()["algorithm"] == ALGORITHM


def test_config_and_weights(client: TestClient) -> None:
    response = _post(client, {"queries": {"q": BARADAR}, "config": {"nm_number_mismatch": 0.4}})
    assert response.status_code == 400 and "nm_number_mismatch" in response.json()["detail"]
    response = _post(client, {"queries": {"q": BARADAR}, "weights": {"name_literal": 0.8}})
    assert response.status_code == 400 and "name_literal" in response.json()["detail"]
    plain = _results(client)[0]
    weighed = _post(client, {"queries": {"q": BARADAR}, "weights": {"name_align": 0.5}}, cutoff=0.2)
    top = weighed.json()["responses"]["q"]["results"][0]
    assert top["id"] == plain["id"]
    # the name's coefficient 0.9 -> 0.5: the score is the name feature times 0.5
    assert top["score"] == round(0.5 * top["features"]["name_align"], 3) < plain["score"]
    assert top["match"] is False  # under the default threshold now


def test_threshold_cutoff_and_total_counts_matches(client: TestClient) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Abdul Ghani"]}}}}
    answer = _post(client, body, cutoff=0.3, threshold=0.8, limit=50).json()["responses"]["q"]
    assert answer["results"], answer
    matches = sum(r["match"] for r in answer["results"])
    assert answer["total"]["value"] == matches
    assert all(r["match"] is (r["score"] >= 0.8) for r in answer["results"])
    assert all(r["score"] >= 0.3 for r in answer["results"])
    assert _post(client, body).json()["threshold"] == 0.78


def test_echoed_query_is_normalised(client: TestClient) -> None:
    query = {
        "id": "mine",
        "schema": "Person",
        "properties": {"name": "Abdul Ghani Baradar", "birthDate": [1968], "nationality": "Afghanistan"},
    }
    echoed = _post(client, {"queries": {"q": query}}).json()["responses"]["q"]["query"]
    assert echoed == {
        "id": "mine",
        "schema": "Person",
        "properties": {"name": ["Abdul Ghani Baradar"], "birthDate": ["1968"], "nationality": ["af"]},
    }


def test_a_bad_query_fails_only_itself(client: TestClient) -> None:
    bad = {"schema": "xxx", "properties": {"name": "Banana"}}
    response = _post(client, {"queries": {"bad": bad}})
    assert response.status_code == 400 and 'schema "xxx"' in response.json()["detail"]
    response = _post(
        client, {"queries": {"bad": bad, "ok": BARADAR, "noname": {"schema": "Person", "properties": {}}}}
    )
    assert response.status_code == 200, response.text
    answers = response.json()["responses"]
    assert list(answers) == ["bad", "ok", "noname"]
    assert answers["bad"]["status"] == 400 and 'schema "xxx"' in answers["bad"]["detail"]
    assert answers["noname"]["status"] == 400 and "no name" in answers["noname"]["detail"]
    assert answers["ok"]["status"] == 200 and answers["ok"]["results"][0]["ref"] == "TAi.024"


def test_name_from_other_properties(client: TestClient) -> None:
    query = {"schema": "Person", "properties": {"alias": ["Baradar Abdul Ghani"]}}
    assert _results(client, query)[0]["ref"] == "TAi.024"


def test_topics_changed_since_and_excluded_ids(client: TestClient) -> None:
    assert _results(client, topics="crime.cyber") == []
    assert _results(client, topics="sanction")[0]["ref"] == "TAi.024"
    assert _results(client, changed_since="2099-01-01T00:00") == []
    assert _results(client, changed_since="2020-01-01")[0]["ref"] == "TAi.024"
    top = _results(client)[0]
    assert all(r["id"] != top["id"] for r in _results(client, exclude_entity_ids=top["id"]))
    assert all(r["id"] != top["id"] for r in _results(client, exclude_entity_ids="tai.024"))
    assert _post(client, {"queries": {"q": BARADAR}}, changed_since="yesterday").status_code == 422


def test_result_dates_referents_and_schema(client: TestClient) -> None:
    top = _results(client)[0]
    assert top["schema"] == "Person" and top["referents"] == ["TAi.024"]
    for key in ("first_seen", "last_seen", "last_change"):
        assert ISO_SECONDS.match(top[key]), top[key]
    # TAi.024 is on v1 (2021-01-10) and v2 (2021-02-15)
    assert top["first_seen"].startswith("2021-01-1") and top["last_seen"].startswith("2021-02-1")
    assert top["first_seen"] <= top["last_change"] <= top["last_seen"]
    early = _results(client, as_of="2021-01-20")[0]
    assert early["last_seen"] == early["first_seen"] == top["first_seen"]


def test_health_bodies(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    assert client.get("/readyz").json()["status"] == "ok"

"""The record endpoints answer what the CLI answers: the same ``history.views`` functions."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from listwatch.history.views import changes_between, list_summaries, statuses
from listwatch.store import Store


def test_status_matches_history(client: TestClient, store: Store) -> None:
    response = client.get("/status", params={"entity": "IQi.900", "on": "2021-03-01", "jurisdiction": "UN"})
    assert response.status_code == 200
    data = response.json()
    assert data["on"] == "2021-03-01" and data["known_at"] is None
    expected = statuses(store.reader(), "IQi.900", date(2021, 3, 1), jurisdiction="UN")
    assert data["results"] == expected
    assert data["results"][0]["status"] == "not_listed" and data["results"][0]["since"] == "2021-02-15"
    known = client.get("/status", params={"entity": "IQi.900", "on": "2021-02-10", "known_at": "2021-01-31"})
    assert known.json()["results"][0]["status"] == "listed"
    later = client.get("/status", params={"entity": "IQi.900", "on": "2021-03-01", "known_at": "2021-01-31"})
    stale = later.json()["results"][0]
    assert (stale["status"], stale["stale"], stale["last_known"]) == ("unknown", True, "listed")
    both = client.get("/status", params={"entity": "x", "list": "un_sc_sanctions", "jurisdiction": "UN"})
    assert both.status_code == 400


def test_changes_and_lists(client: TestClient, store: Store) -> None:
    params = {"list": "un_sc_sanctions", "from": "2021-01-10", "to": "2021-02-15"}
    data = client.get("/changes", params=params).json()
    _events, expected = changes_between(
        store.reader(), "un_sc_sanctions", date(2021, 1, 10), date(2021, 2, 15)
    )
    assert data == expected
    assert {e["type"] for e in data["events"]} >= {"delisted"}
    assert client.get("/changes", params={**params, "list": "nope"}).status_code == 404
    assert client.get("/lists").json() == {"lists": list_summaries(store.reader())}


def test_entity_search_matrix_and_health(client: TestClient) -> None:
    data = client.get("/entities/TAi.024").json()
    assert data["id"] == "un_sc_sanctions:tai.024"
    assert data["designations"][0]["ref"] == "TAi.024"
    assert data["timeline"]["entities"] == ["un_sc_sanctions:tai.024"]
    assert data["intervals"][0]["spans"][0]["to"] is None
    assert client.get("/entities/un_sc_sanctions:tai.024").json()["id"] == "un_sc_sanctions:tai.024"
    search = client.get("/search/default", params={"q": "baradar"}).json()
    assert search["total"]["value"] == 1 and search["results"][0]["ref"] == "TAi.024"
    assert client.get("/search/default", params={"q": "Барадар"}).json()["results"][0]["ref"] == "TAi.024"
    matrix = client.get("/matrix", params={"entity": "IQi.900", "on": "2021-02-01"}).json()
    assert matrix["on"] == "2021-02-01"
    assert [(r["list"], r["status"]) for r in matrix["rows"]] == [("un_sc_sanctions", "listed")]
    assert client.get("/healthz").json() == {"status": "ok", "ok": True}
    assert client.get("/readyz").json() == {"status": "ok", "ok": True, "lists": 1}


def test_real_kazakhstan_taliban_matrix(real_client: TestClient) -> None:
    before = real_client.get("/matrix", params={"entity": "taliban", "on": "2023-06-01"}).json()
    after = real_client.get("/matrix", params={"entity": "taliban", "on": "2024-03-01"}).json()
    kz = [r for r in before["rows"] if r["list"] == "kz_terrorist_organizations"]
    assert kz and kz[0]["status"] == "listed" and kz[0]["claims"]
    assert [r["status"] for r in after["rows"] if r["list"] == "kz_terrorist_organizations"] == ["not_listed"]
    spans = {r["list"]: r["spans"] for r in real_client.get("/entities/taliban").json()["intervals"]}
    assert spans["kz_terrorist_organizations"][0]["to"].startswith("2023-12")


def test_search_ranks_the_closest_name_first() -> None:
    """The word search finds every entity with "Taliban" in a name, in id order; the closest name
    comes first (the QA pass found five others before OFAC's TALIBAN)."""
    from listwatch.api.routes.entities import _closeness

    found = {
        "a": ["TEHRIK-E TALIBAN PAKISTAN", "TTP"],
        "b": ["JAMAAT UL AHRAR", "Jamaat-ul-Ahrar (Taliban)"],
        "z": ["TALIBAN"],
    }
    ranked = sorted(found, key=lambda c: -_closeness("taliban", found[c]))
    assert ranked[0] == "z"


def test_search_finds_delisted_designations(real_client: TestClient) -> None:
    """The real UN files: IQi.074 was removed in February 2026, and /search still finds it."""
    found = real_client.get("/search/default", params={"q": "Munir al Qubaysi"}).json()
    un = next(r for r in found["results"] if r["ref"] == "IQi.074")
    assert un["status"] in ("not_listed", "unknown") and un["last_event"]["type"] == "delisted"
    page = real_client.get("/ui/search", params={"q": "Munir al Qubaysi"})
    assert "IQi.074" in page.text and "delisted 2026-02-27" in page.text

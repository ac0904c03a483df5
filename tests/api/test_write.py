"""Write endpoints need a key; reads are open unless configured closed; ingesting over HTTP."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from listwatch.api.app import create_app
from listwatch.ingest import ingest_file
from listwatch.settings import Settings
from listwatch.store import Store


def test_ingest_needs_key_and_ingests(store: Store, api_key: str, un_fixtures: Path) -> None:
    app = create_app(Settings(db_url="sqlite:///:memory:", api_keys=(api_key,)), store, warm=False)
    with TestClient(app) as client:
        v1 = (un_fixtures / "v1.xml").read_bytes()
        assert client.post("/ingest", files={"files": ("v1.xml", v1)}).status_code == 401
        response = client.post(
            "/ingest", files={"files": ("v1.xml", v1)}, headers={"Authorization": f"Bearer {api_key}"}
        )
        assert response.status_code == 200, response.text
        data = response.json()
        assert data["ok"] is True and data["files"][0]["status"] == "ingested"
        assert data["files"][0]["path"] == "v1.xml" and data["files"][0]["events"]["listed"] == 4
        assert client.get("/lists").json()["lists"][0]["versions"] == 1
        # Twice is a no-op, and a mixed batch reports the bad file without losing the good one.
        v2 = (un_fixtures / "v2_other_generator.xml").read_bytes()
        bad = (un_fixtures / "bad_listed_on.xml").read_bytes()
        response = client.post(
            "/ingest",
            files=[("files", ("v2.xml", v2)), ("files", ("bad_listed_on.xml", bad))],
            headers={"X-API-Key": api_key},
        )
        data = response.json()
        assert response.status_code == 200 and data["ok"] is False
        assert [f["file"] for f in data["failed"]] == ["bad_listed_on.xml"]
        assert client.get("/lists").json()["lists"][0]["versions"] == 2


def test_writes_refused_without_configured_keys(store: Store, un_fixtures: Path) -> None:
    with TestClient(create_app(Settings(db_url="sqlite:///:memory:"), store, warm=False)) as client:
        response = client.post(
            "/ingest", files={"files": ("v1.xml", b"x")}, headers={"X-API-Key": "anything"}
        )
        assert response.status_code == 403 and "LISTWATCH_API_KEYS" in response.json()["error"]


def test_reads_closable(store: Store, api_key: str, un_fixtures: Path) -> None:
    ingest_file(store, un_fixtures / "v1.xml")
    settings = Settings(db_url="sqlite:///:memory:", api_keys=(api_key,), read_keys_required=True)
    with TestClient(create_app(settings, store, warm=False)) as client:
        assert client.get("/lists").status_code == 401
        assert client.get("/ui/search", params={"q": "x"}).status_code == 401
        assert client.get("/lists", headers={"X-API-Key": "nope"}).status_code == 403
        assert client.get("/lists", headers={"Authorization": f"ApiKey {api_key}"}).status_code == 200
        body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Baradar"]}}}}
        assert client.post("/match/default", json=body).status_code == 401
        assert client.get("/healthz").status_code == 200  # probes stay open

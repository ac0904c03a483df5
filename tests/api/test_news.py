"""News into the record over HTTP: review is a read, acceptance a write that needs a key."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from listwatch.api.app import create_app
from listwatch.settings import Settings
from listwatch.store import Store

ARTICLE = (Path(__file__).resolve().parents[1] / "fixtures" / "news" / "ru_taliban_ban_lifted.txt").read_text(
    encoding="utf-8"
)
KEY = "news-key"


@pytest.fixture
def news_client(store: Store, tmp_path: Path, curated_2024: Path) -> TestClient:
    """Against the record of mid-2024 (tests/conftest.py): the article's lifted ban is news there."""
    settings = Settings(db_url="sqlite:///:memory:", api_keys=(KEY,), curated_dir=tmp_path / "curated")
    return TestClient(create_app(settings, store, warm=False))


def test_review_is_open_and_judges_events(news_client: TestClient) -> None:
    response = news_client.post("/news/review", json={"text": ARTICLE, "published": "2025-04-17"})
    assert response.status_code == 200, response.text
    events = response.json()["events"]
    assert any(
        e["jurisdiction"] == "RU" and e["action"] == "delist" and e["verdict"] == "new" for e in events
    )


def test_accept_needs_a_key_and_writes_a_version(news_client: TestClient, tmp_path: Path) -> None:
    review = news_client.post("/news/review", json={"text": ARTICLE, "published": "2025-04-17"}).json()
    number = next(
        e["number"] for e in review["events"] if e["action"] == "delist" and e["jurisdiction"] == "RU"
    )
    body = {"text": ARTICLE, "published": "2025-04-17", "accept": [number], "publisher": "Example Wire"}
    refused = news_client.post("/news/accept", json=body)
    assert refused.status_code in (401, 403) and refused.json()["ok"] is False
    written = news_client.post("/news/accept", json=body, headers={"Authorization": f"ApiKey {KEY}"})
    assert written.status_code == 200, written.text
    accepted = written.json()["accepted"]
    assert accepted[0]["list"] == "ru_terrorist_organizations"
    assert (tmp_path / "curated" / "ru_terrorist_organizations" / "2025-04-17.yaml").is_file()
    status = news_client.get(
        "/status", params={"entity": "ru_terrorist_organizations:taliban", "on": "2025-05-01"}
    )
    assert status.json()["results"][0]["status"] == "not_listed"
    again = news_client.post("/news/accept", json=body, headers={"Authorization": f"ApiKey {KEY}"})
    assert again.status_code == 409 and again.json()["error"].startswith("nothing was written")

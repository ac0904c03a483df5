"""The API through FastAPI's TestClient on a real store: the UN fixtures on both engines, or the real
lists (``real_db``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from listwatch.api.app import create_app
from listwatch.ingest import ingest_file
from listwatch.settings import Settings
from listwatch.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "un_sc"
KEY = "test-key-1"


@pytest.fixture
def settings() -> Settings:
    return Settings(db_url="sqlite:///:memory:", api_keys=(KEY,))


@pytest.fixture
def client(store: Store, settings: Settings) -> Iterator[TestClient]:
    """Two UN versions (fixtures v1 and v2) on each engine: TAi.024 stays, IQi.900 is delisted."""
    for name in ("v1.xml", "v2_other_generator.xml"):
        ingest_file(store, FIXTURES / name)
    with TestClient(create_app(settings, store, warm=False)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def real_client(real_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_url=real_db, api_keys=(KEY,)), warm=False)) as test_client:
        yield test_client


@pytest.fixture
def api_key() -> str:
    return KEY


@pytest.fixture
def un_fixtures() -> Path:
    return FIXTURES

"""Schemathesis against /openapi.json: generated requests to every API operation get no server error,
and documented responses match the document. The web pages are not in the document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from listwatch.api.app import create_app
from listwatch.ingest import ingest_file
from listwatch.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "un_sc"


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    url = f"sqlite:///{tmp_path_factory.mktemp('schema') / 'schema.db'}"
    app = create_app(Settings(db_url=url, api_keys=("k",)), warm=False)
    store = app.state.services.store
    for name in ("v1.xml", "v2_other_generator.xml"):
        ingest_file(store, FIXTURES / name)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)


def test_api_operations(api_schema: Any) -> None:
    # The schemathesis pytest plugin does not load under this pytest; each operation's strategy is
    # run with hypothesis directly instead, which is what the plugin does.
    tested = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: Any) -> None:
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

        check()
        tested.append(operation.label)
    assert {"POST /match/{dataset}", "GET /status", "GET /matrix", "POST /ingest"} <= set(tested)

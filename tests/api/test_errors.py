"""The error shape, pinned: every 4xx the API returns, from any source, has exactly these fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from listwatch.api.app import create_app
from listwatch.api.errors import STATUS, listwatch_error_body
from listwatch.errors import (
    InputError,
    NotFound,
    Problem,
    Refused,
    SourceUnavailable,
    StoreError,
    UnknownFormat,
)
from listwatch.settings import Settings


def assert_shape(body: dict[str, Any], status: int) -> None:
    assert set(body) == {"ok", "error", "errors", "status", "detail"}
    assert body["ok"] is False and body["status"] == status
    assert body["detail"] == body["error"]  # yente's ErrorResponse
    assert isinstance(body["error"], str) and body["error"]
    assert body["errors"] and all(set(e) == {"file", "line", "field", "message"} for e in body["errors"])


def test_status_codes_of_listwatch_errors() -> None:
    assert [code for _kind, code in STATUS] == [415, 413, 400, 404, 409, 503, 503, 500]
    error = InputError(
        "/tmp/x/list.xml",
        "two problems",
        problems=[Problem("bad date", 41, "LISTED_ON"), Problem("no name", 50)],
    )
    status, body = listwatch_error_body(error)
    assert status == 400
    assert_shape(body, 400)
    assert body["errors"] == [
        {"file": "list.xml", "line": 41, "field": "LISTED_ON", "message": "bad date"},
        {"file": "list.xml", "line": 50, "field": None, "message": "no name"},
    ]
    for exc, code in (
        (UnknownFormat("a.bin", "no parser"), 415),
        (NotFound("x"), 404),
        (Refused("nothing was written: a version of that date exists"), 409),
        (SourceUnavailable("down"), 503),
        (StoreError("db"), 503),
    ):
        status, body = listwatch_error_body(exc)
        assert status == code
        assert_shape(body, code)


def test_every_kind_of_error_response_has_the_shape(client: TestClient) -> None:
    cases = [
        (client.get("/status", params={"entity": "nobody at all"}), 404),  # NotFound
        (client.get("/status"), 422),  # validation
        (
            client.get(
                "/changes", params={"list": "un_sc_sanctions", "from": "2021-02-01", "to": "2021-01-01"}
            ),
            400,
        ),
        (client.post("/ingest", files={"files": ("v1.xml", b"<x/>")}), 401),  # no key
        (client.post("/ingest", files={"files": ("v1.xml", b"<x/>")}, headers={"X-API-Key": "wrong"}), 403),
        (client.get("/no/such/route"), 404),
    ]
    for response, status in cases:
        assert response.status_code == status, response.text
        assert_shape(response.json(), status)


def test_input_error_names_file_line_and_field(client: TestClient, api_key: str, un_fixtures: Path) -> None:
    data = (un_fixtures / "bad_listed_on.xml").read_bytes()
    response = client.post(
        "/ingest",
        files={"files": ("bad_listed_on.xml", data)},
        headers={"Authorization": f"ApiKey {api_key}"},
    )
    assert response.status_code == 400
    body = response.json()
    assert_shape(body, 400)
    first = body["errors"][0]
    assert first["file"] == "bad_listed_on.xml" and first["line"] and first["field"] == "LISTED_ON"


def test_body_limit(tmp_path: Path) -> None:
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'limit.db'}", max_body_bytes=1000), warm=False)
    with TestClient(app) as small:
        response = small.post("/match/default", content=b"{" + b" " * 2000 + b"}")
        assert response.status_code == 413
        assert_shape(response.json(), 413)
        assert "1,000 bytes" in response.json()["error"]

        def chunks() -> Any:
            for _ in range(5):
                yield b" " * 400

        response = small.post("/match/default", content=chunks())  # no Content-Length: counted as it comes
        assert response.status_code == 413

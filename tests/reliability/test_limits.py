"""Group 3 of issue 18, resource limits: /match is limited by the names and characters it screens, not
only by its number of queries; gzip is decompressed with a size limit; bodies and uploads over their
limits get 413, and each limit is in docs/reliability.md."""

from __future__ import annotations

import gzip
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from entry_point import Run
from fastapi.testclient import TestClient
from un_files import un_xml, write_un

from listwatch.api.app import create_app
from listwatch.errors import InputError, TooLarge
from listwatch.ingest import ingest_file
from listwatch.settings import Settings
from listwatch.sources import files
from listwatch.store import open_store

KEY = "limits-key"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("limits")
    url = f"sqlite:///{folder / 'limits.db'}"
    store = open_store(url)
    ingest_file(store, write_un(folder, "2024-01-10"))
    store.close()
    return url


def _client(db: str, **limits: Any) -> Iterator[TestClient]:
    app = create_app(Settings(db_url=db, api_keys=(KEY,), **limits), warm=False)
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    yield from _client(db, max_match_names=50, max_match_chars=2000, max_body_bytes=200_000)


def _queries(count: int, names: int, length: int = 18) -> dict[str, Any]:
    def name(i: int, j: int) -> str:
        return f"Person {(i + j) % 30 + 1:03d} Example".ljust(length, "x")

    return {
        "queries": {
            f"q{i}": {"schema": "Person", "properties": {"name": [name(i, j) for j in range(names)]}}
            for i in range(count)
        }
    }


def test_match_within_the_limits(client: TestClient) -> None:
    response = client.post("/match/default", json=_queries(10, 5))  # 50 names, 900 characters
    assert response.status_code == 200, response.text[:300]
    assert response.json()["responses"]["q0"]["results"]


def test_match_limits_the_names_over_all_queries(client: TestClient) -> None:
    response = client.post("/match/default", json=_queries(10, 6))  # 60 names in 10 queries
    assert response.status_code == 413, response.text[:300]
    assert "60 names" in response.json()["error"] and "LISTWATCH_MAX_MATCH_NAMES" in response.json()["error"]


def test_match_limits_the_characters(client: TestClient) -> None:
    response = client.post("/match/default", json=_queries(2, 4, length=300))  # 8 names, 2,400 characters
    assert response.status_code == 413, response.text[:300]
    assert "LISTWATCH_MAX_MATCH_CHARS" in response.json()["error"]


def test_a_heavy_request_is_refused_at_once_with_the_defaults(db: str) -> None:
    """The request that cost 41 s of CPU: 100 queries (the batch limit) of 100 names each."""
    for client in _client(db):
        started = time.perf_counter()
        response = client.post("/match/default", json=_queries(100, 100, length=40))
        assert response.status_code == 413, response.text[:300]
        assert "LISTWATCH_MAX_MATCH_NAMES" in response.json()["error"]
        assert time.perf_counter() - started < 5


# -- gzip ---------------------------------------------------------------------------------------------


def _bomb(path: Path, megabytes: int) -> Path:
    """A UN file whose XML goes on with ``megabytes`` MiB of spaces: tiny compressed, huge expanded."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = un_xml("2024-02-10").encode()
    with path.open("wb") as handle:
        handle.write(packer.compress(head[:-20]))
        block = b" " * (1 << 20)
        for _ in range(megabytes):
            handle.write(packer.compress(block))
        handle.write(packer.compress(head[-20:]))
        handle.write(packer.flush())
    return path


def test_gzip_is_decompressed_with_a_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_DECOMPRESSED_BYTES", 4 << 20)
    bomb = _bomb(tmp_path / "2024-02-10-consolidated.xml.gz", 64)
    assert bomb.stat().st_size < 100_000
    with pytest.raises(TooLarge, match="decompresses to more than 4,194,304 bytes"):
        files.read_bytes(bomb)
    fine = tmp_path / "2024-01-10-consolidated.xml.gz"
    fine.write_bytes(gzip.compress(un_xml("2024-01-10").encode()))
    assert files.read_bytes(fine) == un_xml("2024-01-10").encode()


def test_gzip_members_padding_and_truncation(tmp_path: Path) -> None:
    path = tmp_path / "two.xml.gz"
    path.write_bytes(gzip.compress(b"<a>") + gzip.compress(b"</a>") + b"\x00" * 8)
    assert files.read_bytes(path) == b"<a></a>"  # as gzip.decompress and `gunzip` read it
    whole = gzip.compress(un_xml("2024-01-10").encode())
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError, match="truncated or corrupt gzip data"):
        files.read_bytes(path)


def test_cli_refuses_a_gzip_bomb(
    tmp_path: Path, lw: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_DECOMPRESSED_BYTES", 4 << 20)
    bomb = _bomb(tmp_path / "2024-02-10-consolidated.xml.gz", 16)
    result = lw("ingest", str(bomb), "--db", str(tmp_path / "x.db"))
    assert result.code == 2 and "2024-02-10-consolidated.xml.gz" in result.stderr
    assert "gzip bomb" in result.stderr


def test_api_answers_a_gzip_bomb_with_413(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_DECOMPRESSED_BYTES", 4 << 20)
    bomb = _bomb(tmp_path / "2024-02-10-consolidated.xml.gz", 16).read_bytes()
    for client in _client(f"sqlite:///{tmp_path / 'upload.db'}"):
        response = client.post(
            "/ingest",
            files={"files": ("2024-02-10-consolidated.xml.gz", bomb, "application/gzip")},
            headers={"Authorization": f"ApiKey {KEY}"},
        )
        assert response.status_code == 413, response.text[:300]
        assert response.json()["errors"][0]["file"] == "2024-02-10-consolidated.xml.gz"


# -- request bodies and uploads -------------------------------------------------------------------


def test_an_upload_over_the_body_limit_is_413(client: TestClient) -> None:
    big = b"id,name\n" + b"1,Person 001 Example\n" * 20_000  # 420 kB, over the 200 kB limit
    screen = client.post("/ui/screen", files={"upload": ("names.csv", big, "text/csv")})
    assert screen.status_code == 413 and "LISTWATCH_MAX_BODY_BYTES" in screen.text
    assert screen.headers["content-type"].startswith("text/html")  # a page for the page's form
    ingest = client.post(
        "/ingest",
        files={"files": ("2024-03-10-consolidated.xml", big, "application/xml")},
        headers={"Authorization": f"ApiKey {KEY}"},
    )
    assert ingest.status_code == 413
    assert client.get("/status", params={"entity": "TAi.001"}).status_code == 200  # still serving


def test_the_screening_page_limits_its_rows(db: str) -> None:
    for client in _client(db, max_screen_rows=3):
        pasted = client.post("/ui/screen", data={"names": "a\nb\nc\nd"})
        assert pasted.status_code == 400 and "LISTWATCH_MAX_SCREEN_ROWS" in pasted.text
        upload = b"id,name\n1,a\n2,b\n3,c\n4,d\n"
        uploaded = client.post("/ui/screen", files={"upload": ("names.csv", upload, "text/csv")})
        assert uploaded.status_code == 400 and "more than 3 rows" in uploaded.text

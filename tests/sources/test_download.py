"""download.py against a real local HTTP server and a closed port: the network is the only edge
replaced, and it is replaced by a real server, not a mock."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from listwatch.errors import SourceUnavailable
from listwatch.model.lists import LISTS, ListInfo
from listwatch.sources.download import download, urls_for


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "www"
    root.mkdir()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    httpd.shutdown()
    httpd.server_close()


def _list(monkeypatch: pytest.MonkeyPatch, url: str) -> str:
    monkeypatch.setitem(LISTS, "test_list", ListInfo("test_list", "Test list", "un_sc", "UN", url))
    return "test_list"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_saves_with_todays_date(
    server: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, root = server
    (root / "consolidated.xml").write_bytes(b"<CONSOLIDATED_LIST/>")
    saved = download(_list(monkeypatch, f"{base}/consolidated.xml"), tmp_path / "out")
    today = datetime.now(UTC).date().isoformat()
    assert [p.name for p in saved] == [f"{today}-consolidated.xml"]
    assert saved[0].read_bytes() == b"<CONSOLIDATED_LIST/>"


def test_empty_body_is_refused(
    server: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, root = server
    (root / "sdn.csv").write_bytes(b"")
    with pytest.raises(SourceUnavailable, match=r"sdn\.csv failed: the server sent an empty \(0-byte\) body"):
        download(_list(monkeypatch, f"{base}/sdn.csv"), tmp_path / "out")
    assert not any((tmp_path / "out").iterdir())  # nothing saved, not even a part file


def test_http_error(server: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base, _root = server
    with pytest.raises(SourceUnavailable, match=r"missing\.xml failed: HTTP 404"):
        download(_list(monkeypatch, f"{base}/missing.xml"), tmp_path / "out")


def test_unreachable_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/consolidated.xml"
    with pytest.raises(SourceUnavailable) as caught:
        download(_list(monkeypatch, url), tmp_path / "out", timeout=2)
    message = str(caught.value)
    assert message.startswith(f"download of {url} failed:") and "\n" not in message


def test_ofac_csv_brings_its_companions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A list pointed at OFAC's legacy sdn.csv fetches alt.csv, add.csv and sdn_comments.csv beside it;
    the default, the advanced XML, is one file."""
    assert urls_for("us_ofac_sdn") == [
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_ADVANCED.XML"
    ]
    url = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/sdn.csv"
    assert urls_for(_list(monkeypatch, url)) == [
        url,
        *(url.replace("sdn.csv", name) for name in ("alt.csv", "add.csv", "sdn_comments.csv")),
    ]


def test_unknown_list() -> None:
    with pytest.raises(SourceUnavailable, match='no download address for list "nope"'):
        urls_for("nope")

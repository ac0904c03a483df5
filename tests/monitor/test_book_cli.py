"""The monitoring commands as a user runs them (issue 16 items 1-4): `book add`, `ingest` re-screening
the books, `alerts`, `alerts decide`, and a webhook received by a local server started here.

The project's UN fixtures: v1 (2021-01-10) lists IQi.900 "TO BE DELISTED"; v2 (2021-02-15) delists it
and lists QDi.901 "NEW LISTING".
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

import listwatch.monitor.webhooks as webhooks
from listwatch.cli.main import app
from listwatch.errors import ListwatchError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "un_sc"
SECRET = "s3cret-for-tests"
runner = CliRunner()


class Receiver(BaseHTTPRequestHandler):
    """Answers 503 to the first delivery of each alert, then 200; keeps what it received."""

    received: ClassVar[list[tuple[dict[str, str], bytes]]] = []
    seen: ClassVar[set[str]] = set()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        delivery = self.headers[webhooks.DELIVERY_HEADER]
        if delivery not in self.seen:
            self.seen.add(delivery)
            self.send_response(503)
        else:
            self.received.append((dict(self.headers), body))
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    Receiver.received, Receiver.seen = [], set()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()


def _cli(*args: str, env: dict[str, str]) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env)
    if isinstance(result.exception, ListwatchError):
        return 2, f"{result.output}error: {result.exception}"
    return result.exit_code, result.output


def test_book_alerts_decisions_and_webhook(
    tmp_path: Path, receiver: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webhooks, "BACKOFF_SECONDS", 0.01)
    env = {
        "LISTWATCH_DB": f"sqlite:///{tmp_path / 'lw.db'}",
        "LISTWATCH_INDEX_CACHE": str(tmp_path / "cache"),
    }
    assert _cli("ingest", str(FIXTURES / "v1.xml"), env=env)[0] == 0
    book = tmp_path / "book.csv"
    book.write_text("id,name\nk1,To Be Delisted\nk2,New Listing\nk3,John Smith\nk4,Abdul Ghani Baradar\n")
    code, out = _cli("book", "add", "bank", str(book), env=env)
    assert code == 0 and "4 rows (4 added" in out and "2 alert(s), 2 open" in out, out
    code, out = _cli("webhook", "add", receiver, "--secret", SECRET, "--book", "bank", env=env)
    assert code == 0 and "webhook 1" in out

    code, out = _cli("ingest", str(FIXTURES / "v2_other_generator.xml"), env=env)
    assert code == 0 and "book bank:" in out and "1 new hit(s), 1 cleared" in out, out
    assert "webhooks: 2 delivered, 0 failed" in out

    listed = json.loads(_cli("alerts", "--book", "bank", "--state", "open", "--format", "json", env=env)[1])
    kinds = {(a["row_id"], a["ref"], a["kind"]) for a in listed["alerts"]}
    assert ("k1", "IQi.900", "cleared") in kinds and ("k2", "QDi.901", "new") in kinds
    cleared = next(a for a in listed["alerts"] if a["kind"] == "cleared")
    assert cleared["event"]["type"] == "delisted"

    # Each delivery: signed over the raw body, retried once after the 503.
    assert len(Receiver.received) == 2
    for headers, body in Receiver.received:
        want = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert headers[webhooks.SIGNATURE_HEADER] == want
        assert json.loads(body)["alert"]["book"] == "bank"
    log = json.loads(_cli("webhook", "log", "--format", "json", env=env)[1])["deliveries"]
    assert [(d["attempt"], d["status"]) for d in log] == [(1, 503), (2, 200), (1, 503), (2, 200)]

    new = next(a for a in listed["alerts"] if a["kind"] == "new")
    decision = ["--as", "false_positive", "--by", "ana", "--reason", "other person"]
    code, out = _cli("alerts", "decide", str(new["id"]), *decision, env=env)
    assert code == 0 and "false_positive, by ana" in out
    code, out = _cli("book", "rescreen", "bank", env=env)
    assert code == 0 and "0 alert(s)" in out, out
    fp = json.loads(_cli("alerts", "--state", "false_positive", "--format", "json", env=env)[1])["alerts"]
    assert [(a["id"], a["decisions"][0]["reason"]) for a in fp] == [(new["id"], "other person")]

    code, out = _cli("alerts", "decide", "999", "--as", "confirmed", "--by", "ana", "--reason", "x", env=env)
    assert code == 2 and "no alert 999" in out
    code, out = _cli("book", "show", "nosuch", env=env)
    assert code == 2 and "no book named 'nosuch'" in out
    code, out = _cli("book", "list", "--format", "json", env=env)
    assert json.loads(out)["books"][0]["rows"] == 4

"""Books, alerts, decisions and runs over HTTP and on the alerts page (issue 16 item 3), on both
engines: the UN fixtures, v1 then v2 (IQi.900 "TO BE DELISTED" delisted)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from listwatch.api.app import create_app
from listwatch.ingest import ingest_file
from listwatch.monitor.books import add_book, get_book
from listwatch.monitor.delta import rescreen_books, screen_book_rows
from listwatch.settings import Settings
from listwatch.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "un_sc"
KEY = "monitor-key"


def test_alerts_over_http_and_on_the_page(store: Store, tmp_path: Path) -> None:
    ingest_file(store, FIXTURES / "v1.xml")
    book = tmp_path / "book.csv"
    book.write_text("id,name\nk1,To Be Delisted\nk2,John Smith\n", encoding="utf-8")
    change = add_book(store, "bank", book)
    screen_book_rows(store, change.book, change.added, 0.78, tmp_path / "cache")
    result = ingest_file(store, FIXTURES / "v2_other_generator.xml")
    assert result.version_id is not None
    rescreen_books(store, [result.version_id], 0.78, tmp_path / "cache")

    with TestClient(
        create_app(Settings(db_url="sqlite:///:memory:", api_keys=(KEY,)), store, warm=False)
    ) as c:
        assert c.get("/books").json()["books"] == [
            {"book": "bank", "rows": 2, "created_at": get_book(store, "bank").created_at}
        ]
        found = c.get("/alerts", params={"book": "bank", "state": "open"}).json()["alerts"]
        assert [(a["row_id"], a["ref"], a["kind"]) for a in found] == [
            ("k1", "IQi.900", "cleared"),
            ("k1", "IQi.900", "new"),
        ]
        assert found[0]["event"]["type"] == "delisted"
        body = {"decision": "confirmed", "by": "ana", "reason": "same man, passport seen"}
        assert c.post(f"/alerts/{found[0]['id']}/decision", json=body).status_code == 401
        bad = c.post(f"/alerts/{found[0]['id']}/decision", json=body, headers={"X-API-Key": "wrong"})
        assert bad.status_code == 403
        ok = c.post(f"/alerts/{found[0]['id']}/decision", json=body, headers={"X-API-Key": KEY})
        assert ok.status_code == 200 and ok.json()["state"] == "confirmed"
        assert (
            c.get("/alerts", params={"state": "confirmed"}).json()["alerts"][0]["decisions"][0]["by"] == "ana"
        )
        assert c.get("/alerts", params={"state": "maybe"}).status_code == 400
        assert c.get("/alerts", params={"book": "nosuch"}).status_code == 404
        assert c.post("/alerts/999/decision", json=body, headers={"X-API-Key": KEY}).status_code == 404

        page = c.get("/ui/alerts", params={"book": "bank", "state": ""})
        assert page.status_code == 200
        assert (
            "To Be Delisted" in page.text
            and "delisted" in page.text
            and "same man, passport seen" in page.text
        )
        form = {"decision": "false_positive", "by": "bo", "reason": "other person", "key": KEY}
        done = c.post(f"/ui/alerts/{found[1]['id']}/decide", data=form, follow_redirects=False)
        assert done.status_code == 303
        assert (
            c.get("/alerts", params={"state": "false_positive"}).json()["alerts"][0]["id"] == found[1]["id"]
        )
        refused = c.post(f"/ui/alerts/{found[1]['id']}/decide", data={**form, "key": "nope"})
        assert refused.status_code == 400 and "not valid" in refused.text
        # Both re-screens are audit runs: the rows screened, the versions, what they found.
        runs = c.get("/runs").json()["runs"]
        assert [(r["kind"], r["input"], r["input_rows"]) for r in runs] == [
            ("book", "book bank", 1),
            ("book", "book bank", 2),
        ]
        delta = c.get(f"/runs/{runs[0]['run']}").json()
        assert [(h["query_id"], h["ref"]) for h in delta["hits"]] == [("k1", "IQi.900")]
        assert c.get("/runs/99").status_code == 404
        assert c.get(f"/runs/{2**70}").status_code == 422  # no id: a clear answer, not a driver overflow
        assert c.post(f"/alerts/{2**70}/decision", json=body, headers={"X-API-Key": KEY}).status_code == 422

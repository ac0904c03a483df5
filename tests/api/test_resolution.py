"""Resolution over HTTP: ``/match`` gives one result per resolved entity with all its lists, and the
review queue (``/review``, accept and reject with the write key) and its page ``/ui/review``, showing
both entries side by side with what agrees and what conflicts.

The store: Doku Umarov and the Haqqani Network as the UN and OFAC write them (linked by resolution),
and two UN men named Kim Chol born in 1961 against OFAC's one: the better pair is linked, the other
waits for a person (one entry per list).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from listwatch.api.app import create_app
from listwatch.ingest import ingest_version
from listwatch.model import Entry, ListVersion, Name, PartialDate
from listwatch.model.version import Source
from listwatch.resolve import resolve_store
from listwatch.settings import Settings
from listwatch.store import Store


def _person(ref: str, name: str, born: PartialDate, programs: tuple[str, ...]) -> Entry:
    return Entry(ref, "Person", (Name(name, "primary"),), programs=programs, birth_dates=(born,))


UN = [
    _person("QDi.290", "Doku Khamatovich Umarov", PartialDate(1964, 4, 13), ("QD",)),
    Entry("TAe.012", "Organization", (Name("Haqqani Network", "primary"),), programs=("TA",)),
    _person("KPi.001", "Kim Chol", PartialDate(1961, 5, 1), ("KP",)),
    _person("KPi.002", "Kim Chol", PartialDate(1961), ("KP",)),
]
OFAC = [
    _person("12110", "UMAROV, Doku", PartialDate(1964, 4, 13), ("SDGT",)),
    Entry("15484", "Organization", (Name("HAQQANI NETWORK", "primary"),), programs=("SDGT", "FTO")),
    _person("30001", "KIM, Chol", PartialDate(1961, 5, 1), ("DPRK",)),
]


def _version(list_id: str, day: date, entries: list[Entry]) -> ListVersion:
    published = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return ListVersion(list_id, published, Source(f"{list_id}-{day}", "test", "test"), tuple(entries))


@pytest.fixture
def resolved(store: Store, api_key: str) -> Iterator[TestClient]:
    ingest_version(store, _version("un_sc_sanctions", date(2024, 1, 5), UN))
    ingest_version(store, _version("us_ofac_sdn", date(2024, 1, 6), OFAC))
    resolve_store(store)
    settings = Settings(db_url="sqlite:///:memory:", api_keys=(api_key,))
    with TestClient(create_app(settings, store, warm=False)) as client:
        yield client


def _match(client: TestClient, name: str, schema: str = "Person") -> list[dict[str, Any]]:
    body = {"queries": {"q": {"schema": schema, "properties": {"name": [name]}}}}
    response = client.post("/match/default?as_of=2024-02-01", json=body)
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["responses"]["q"]["results"]
    return results


def test_match_gives_one_result_per_resolved_entity_with_all_its_lists(resolved: TestClient) -> None:
    [umarov] = _match(resolved, "Doku Umarov")
    assert umarov["lists"] == ["un_sc_sanctions", "us_ofac_sdn"]
    assert umarov["datasets"] == ["un_sc_sanctions", "us_ofac_sdn"]
    assert umarov["refs"] == ["un_sc_sanctions:QDi.290", "us_ofac_sdn:12110"]
    assert umarov["id"] in ("un_sc_sanctions:qdi.290", "us_ofac_sdn:12110") and umarov["score"] >= 0.78
    [haqqani] = _match(resolved, "Haqqani Network", "Organization")
    assert haqqani["refs"] == ["un_sc_sanctions:TAe.012", "us_ofac_sdn:15484"]
    kims = _match(resolved, "Kim Chol")
    assert sorted(tuple(k["refs"]) for k in kims) == [
        ("un_sc_sanctions:KPi.001", "us_ofac_sdn:30001"),
        ("un_sc_sanctions:KPi.002",),
    ]


def test_review_queue_side_by_side_and_decisions_with_the_write_key(
    resolved: TestClient, api_key: str
) -> None:
    queue = resolved.get("/review").json()
    assert queue["total"] == 1
    [pair] = queue["pairs"]
    assert (pair["left"], pair["right"]) == ("un_sc_sanctions:kpi.002", "us_ofac_sdn:30001")
    assert "one entry per list" in pair["explanation"]
    shown = resolved.get(f"/review/{pair['id']}").json()
    assert shown["left"]["birth_dates"] == ["1961"] and shown["right"]["birth_dates"] == ["1961-05-01"]
    assert any("programme dprk" in a for a in shown["agrees"])
    body = {"by": "analyst", "note": "passport seen: the same man"}
    assert resolved.post(f"/review/{pair['id']}/accept", json=body).status_code == 401
    wrong = resolved.post(f"/review/{pair['id']}/accept", json=body, headers={"X-API-Key": "nope"})
    assert wrong.status_code == 403
    decided = resolved.post(f"/review/{pair['id']}/accept", json=body, headers={"X-API-Key": api_key})
    assert decided.status_code == 200, decided.text
    assert (decided.json()["decision"], decided.json()["basis"]) == ("linked", "person")
    assert resolved.get("/review").json()["total"] == 0
    # The person's accept outranks the better-scored automatic pair: /match follows at once.
    kims = _match(resolved, "Kim Chol")
    assert sorted(tuple(k["refs"]) for k in kims) == [
        ("un_sc_sanctions:KPi.001",),
        ("un_sc_sanctions:KPi.002", "us_ofac_sdn:30001"),
    ]
    rejected = resolved.post(f"/review/{pair['id']}/reject", json=body, headers={"X-API-Key": api_key})
    assert rejected.json()["decision"] == "rejected"
    assert resolved.get("/review?decision=bogus").status_code == 400
    assert resolved.get("/review/999999").status_code == 404


def test_review_page_shows_both_entries_and_records_a_decision(resolved: TestClient, api_key: str) -> None:
    page = resolved.get("/ui/review")
    assert page.status_code == 200
    html = page.text
    assert "un_sc_sanctions:kpi.002" in html and "us_ofac_sdn:30001" in html
    assert "1961-05-01" in html and "KPi.002" in html and "30001" in html
    assert "Agrees" in html and "Conflicts" in html and "programme dprk" in html
    pair_id = resolved.get("/review").json()["pairs"][0]["id"]
    form = {"verdict": "reject", "by": "analyst", "note": "another man", "key": "nope"}
    assert resolved.post(f"/ui/review/{pair_id}/decide", data=form).status_code == 400
    form["key"] = api_key
    done = resolved.post(f"/ui/review/{pair_id}/decide", data=form, follow_redirects=False)
    assert done.status_code == 303
    assert resolved.get("/review").json()["total"] == 0
    assert resolved.get("/review?decision=rejected").json()["pairs"][0]["decided_by"] == "analyst"


def test_screening_page_gives_one_row_per_entity_with_its_other_lists(resolved: TestClient) -> None:
    form = {"names": "Doku Umarov\nHaqqani Network", "as_of": "2024-02-01"}
    html = resolved.post("/ui/screen", data=form).text
    assert html.count("<tr><td>Doku Umarov</td>") == 1 and html.count("<tr><td>Haqqani Network</td>") == 1
    assert ("us_ofac_sdn:12110" in html) != ("un_sc_sanctions:QDi.290" in html)  # the row's other list
    download = resolved.post("/ui/screen", data={**form, "download": "csv"}).text.splitlines()
    assert download[0].endswith(",lists,refs") and len(download) == 3
    assert download[1].endswith("un_sc_sanctions;us_ofac_sdn,un_sc_sanctions:QDi.290;us_ofac_sdn:12110")

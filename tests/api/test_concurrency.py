"""Serving while ingesting: a reader sees a list's old version or its new one, never half of one."""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi.testclient import TestClient

from listwatch.api.app import create_app
from listwatch.ingest import ingest_file
from listwatch.settings import Settings
from listwatch.store import Store


def test_readers_see_old_or_new_version(store: Store, shared_data: Path) -> None:
    folder = shared_data / "un_sc_consolidated"
    ingest_file(store, folder / "2020-12-01-consolidated.xml.gz")
    params = {"list": "un_sc_sanctions", "from": "2020-12-01", "to": "2022-09-15"}
    seen: list[tuple[int, int, int]] = []
    with TestClient(create_app(Settings(db_url="sqlite:///:memory:"), store, warm=False)) as client:
        done = threading.Event()

        def ingest() -> None:
            try:
                ingest_file(store, folder / "2022-09-15-un.xml.gz")
            finally:
                done.set()

        writer = threading.Thread(target=ingest)
        writer.start()
        while not done.is_set() or len(seen) < 5:
            lists = client.get("/lists").json()["lists"][0]
            events = client.get("/changes", params=params).json()["events"]
            seen.append((lists["versions"], lists["entries"], len(events)))
        writer.join()
        final = client.get("/lists").json()["lists"][0]
        final_events = len(client.get("/changes", params=params).json()["events"])
    old = (1, 1006, 0)
    new = (2, final["entries"], final_events)
    assert final["versions"] == 2 and final_events > 100
    # Each request is one read: versions, entries and events agree with one committed state.
    for versions, entries, _events in seen:
        assert (versions, entries) in {old[:2], new[:2]}
    assert {events for _v, _e, events in seen} <= {0, final_events}

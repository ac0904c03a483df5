"""The pipeline on both engines: versions kept, events derived, order-independent, all-or-nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.history.asof import status_on
from listwatch.ingest import ingest_file
from listwatch.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "un_sc"
UN = "un_sc_sanctions"


def _events(store: Store) -> set[tuple[str, str, str]]:
    return {(e.type, e.ref.casefold(), e.date.isoformat()) for e in store.reader().events(list_id=UN)}


def test_two_versions_give_listing_delisting_amendment(store: Store) -> None:
    first = ingest_file(store, FIXTURES / "v1.xml")
    assert first.status == "ingested" and first.events["listed"] == 4
    second = ingest_file(store, FIXTURES / "v2_other_generator.xml")
    events = {(e.type, e.ref): e for e in store.reader().events(version_id=second.version_id)}
    assert set(events) == {("delisted", "IQi.900"), ("listed", "QDi.901"), ("amended", "TAe.012")}
    delisted = events[("delisted", "IQi.900")]
    assert (delisted.window_start, delisted.window_end) == (date(2021, 1, 10), date(2021, 2, 15))
    assert delisted.date == date(2021, 2, 15)  # the first day the delisting could be seen
    assert events[("listed", "QDi.901")].date == date(2021, 2, 1)  # the list's own LISTED_ON
    assert [f["field"] for f in events[("amended", "TAe.012")].fields] == ["names"]


def test_reingest_is_a_noop(store: Store) -> None:
    ingest_file(store, FIXTURES / "v1.xml")
    again = ingest_file(store, FIXTURES / "v1.xml")
    assert again.status == "already_ingested"
    assert len(store.reader().versions(UN)) == 1
    assert len(store.reader().events(list_id=UN)) == 4


def test_older_version_after_newer_lands_in_its_place(store: Store, another_store: Store) -> None:
    ingest_file(store, FIXTURES / "v2_other_generator.xml")
    ingest_file(store, FIXTURES / "v1.xml")
    out_of_order = _events(store)
    reader = store.reader()
    assert [v.published_on for v in reader.versions(UN)] == [date(2021, 1, 10), date(2021, 2, 15)]
    ingest_file(another_store, FIXTURES / "v1.xml")
    ingest_file(another_store, FIXTURES / "v2_other_generator.xml")
    assert out_of_order == _events(another_store)


def test_failed_ingest_writes_nothing(store: Store) -> None:
    ingest_file(store, FIXTURES / "v1.xml")
    before = (len(store.reader().versions()), len(store.reader().events()))
    for bad in ("bad_listed_on.xml", "malformed.xml", "bomb.xml", "truncated.xml.gz", "empty.xml"):
        with pytest.raises(InputError):
            ingest_file(store, FIXTURES / bad)
    assert (len(store.reader().versions()), len(store.reader().events())) == before


def test_status_on_dates_and_known_at(store: Store) -> None:
    ingest_file(store, FIXTURES / "v1.xml")
    ingest_file(store, FIXTURES / "v2_other_generator.xml")
    reader = store.reader()
    entity = f"{UN}:iqi.900"
    listed = status_on(reader, entity, UN, date(2021, 2, 1))
    assert (
        listed.status == "listed" and listed.since == date(2004, 4, 26) and listed.until == date(2021, 2, 15)
    )
    gone = status_on(reader, entity, UN, date(2021, 3, 1))
    assert gone.status == "not_listed" and gone.since == date(2021, 2, 15)
    then = status_on(reader, entity, UN, date(2021, 2, 10), known_at=date(2021, 2, 1))
    assert then.status == "listed"  # all that was known on 2021-02-01
    # As known on 2021-02-01, 2021-03-01 is past the UN's horizon after its last version: unknown.
    later = status_on(reader, entity, UN, date(2021, 3, 1), known_at=date(2021, 2, 1))
    assert (later.status, later.stale, later.last_known) == ("unknown", True, "listed")
    assert status_on(reader, entity, UN, date(2000, 1, 1)).status == "not_listed"
    assert status_on(reader, f"{UN}:nothing", UN, date(2021, 3, 1)).status == "never_listed"
    # Before our first version, the list's own LISTED_ON answers.
    assert status_on(reader, entity, UN, date(2010, 1, 1)).status == "listed"


def test_audit_reader_sees_what_was_ingested_then(store: Store) -> None:
    from datetime import UTC, datetime

    ingest_file(store, FIXTURES / "v1.xml")
    cut = datetime.now(UTC)
    ingest_file(store, FIXTURES / "v2_other_generator.xml")
    assert len(store.reader(recorded_at=cut).versions(UN)) == 1
    assert len(store.reader().versions(UN)) == 2

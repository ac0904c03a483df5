"""The designation record on the real UN files: the answers the issue names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from listwatch.history.asof import status_on
from listwatch.ingest import collect_files, ingest_file
from listwatch.store import Store, open_store

UN = "un_sc_sanctions"
IRAQ_2020 = {
    "IQe.032",
    "IQe.086",
    "IQe.100",
    "IQe.111",
    "IQe.125",
    "IQe.144",
    "IQe.167",
    "IQe.170",
    "IQe.177",
    "IQe.184",
    "IQe.192",
    "IQi.035",
}


@pytest.fixture(scope="module")
def un_store(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('un') / 'un.db'}")
    for path in collect_files([shared_data / "un_sc_consolidated", shared_data / "un_sc_1988_taliban"]):
        ingest_file(store, path)
    return store


def test_identical_content_gives_no_events(un_store: Store) -> None:
    events = un_store.reader().events(list_id=UN, after=date(2020, 11, 24), until=date(2020, 11, 30))
    assert events == []


def test_iraq_delistings_of_december_2020(un_store: Store) -> None:
    events = un_store.reader().events(list_id=UN, after=date(2020, 11, 30), until=date(2020, 12, 1))
    assert {e.type for e in events} == {"delisted"}
    assert {e.ref for e in events} == IRAQ_2020


def test_consecutive_diffs_match_provenance(un_store: Store) -> None:
    reader = un_store.reader()
    counts = {}
    for version in reader.versions(UN):
        events = reader.events(version_id=version.id)
        counts[version.published_on.isoformat()] = (
            sum(e.type == "listed" and e.basis == "observed" for e in events),
            sum(e.type == "delisted" for e in events),
        )
    assert counts["2022-09-15"] == (17, 71)
    assert counts["2024-09-26"] == (24, 101)
    assert counts["2025-11-20"] == (130, 5)
    assert counts["2026-02-27"] == (4, 1)
    # Against the 1988 committee's 2015 list: TAi.081 removed, TAi.174 added; TAI.171 is TAi.171.
    assert counts["2020-11-24"] == (1, 1)


def test_iqi_074_as_of_and_known_at(un_store: Store) -> None:
    reader = un_store.reader()
    entity = f"{UN}:iqi.074"
    assert status_on(reader, entity, UN, date(2026, 1, 1)).status == "listed"
    assert status_on(reader, entity, UN, date(2026, 3, 1)).status == "not_listed"
    assert status_on(reader, entity, UN, date(2025, 12, 15), known_at=date(2025, 12, 1)).status == "listed"
    then = status_on(reader, entity, UN, date(2026, 3, 1), known_at=date(2025, 12, 1))
    assert (then.status, then.stale, then.last_known) == ("unknown", True, "listed")


def test_taliban_generator_change_makes_few_amendments(un_store: Store) -> None:
    """2022 -> 2024 changed generator; layout alone must not amend. The amendments left are real text."""
    reader = un_store.reader()
    version = next(v for v in reader.versions(UN) if v.published_on == date(2024, 9, 26))
    for event in reader.events(version_id=version.id):
        if event.type == "amended":
            for change in event.fields:
                assert change["before"] != change["after"]
                if change["field"] == "names":
                    assert sorted(map(tuple, change["before"])) != sorted(map(tuple, change["after"]))


def test_timeline_of_tai_171_from_2015(un_store: Store) -> None:
    reader = un_store.reader()
    entity = f"{UN}:tai.171"
    versions = {v.id: v for v in reader.versions(UN)}
    seen = sorted(versions[v].published_on for v in reader.entity_memberships(entity))
    assert seen[0] == date(2015, 3, 27) and seen[-1] == date(2026, 2, 27)
    events = reader.events(entity_ids=[entity])
    assert events[0].type == "listed" and events[0].date == date(2014, 7, 31)
    assert not [e for e in events if e.type == "delisted"]


def test_entries_in_force_follow_as_of(un_store: Store) -> None:
    from listwatch.history.inforce import entries_in_force, versions_in_force

    reader = un_store.reader()
    refs_jan = {e.ref for _l, e in entries_in_force(reader, date(2026, 1, 1))}
    refs_mar = {e.ref for _l, e in entries_in_force(reader, date(2026, 3, 1))}
    assert "IQi.074" in refs_jan and "IQi.074" not in refs_mar
    assert {"SDi.007", "SDi.010"} <= refs_mar - refs_jan
    # Known at 2025-12-01, the February version did not exist yet.
    assert "IQi.074" in {e.ref for _l, e in entries_in_force(reader, date(2026, 3, 1), date(2025, 12, 1))}
    # Between 2015 and 2020 only the 1988 committee's extract is held: Taliban entries only.
    early = list(entries_in_force(reader, date(2016, 1, 1)))
    assert len(early) == 140 and {e.programs for _l, e in early} == {("Taliban",)}
    assert [v.published_on for v in versions_in_force(reader, date(2026, 3, 1))] == [date(2026, 2, 27)]


@pytest.fixture(scope="module")
def ofac_store(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('ofac') / 'ofac.db'}")
    for day in ("2024-05-01", "2024-05-03", "2024-05-02"):  # the last one out of order, on purpose
        ingest_file(store, shared_data / "ofac_sdn_csv" / f"{day}-sdn.csv.gz")
    return store


def test_ofac_sdgt_listings_of_may_2_2024(ofac_store: Store) -> None:
    events = ofac_store.reader().events(list_id="us_ofac_sdn", after=date(2024, 5, 1), until=date(2024, 5, 2))
    assert [e.type for e in events] == ["listed"] * 7
    assert {e.ref for e in events} <= {str(n) for n in range(48321, 48331)}
    assert "YOUSSEF, Adnan Mahmoud" in {e.name for e in events}


def test_ofac_delistings_of_may_3_2024(ofac_store: Store) -> None:
    events = ofac_store.reader().events(list_id="us_ofac_sdn", after=date(2024, 5, 2), until=date(2024, 5, 3))
    assert [e.type for e in events] == ["delisted"] * 8
    names = {e.name for e in events}
    assert "EMPEROR AVIATION LTD" in names
    assert sum(name.startswith("9H-") for name in names) == 7


def test_ofac_main_file_alone_after_its_companions_is_not_mass_amendments(
    shared_data: Path, tmp_path: Path
) -> None:
    """The 2021-07-07 version comes with alt.csv and add.csv, the 2021-08-18 one as sdn.csv alone: its
    missing aliases and addresses are unknown, not removed (7,523 entries looked amended before)."""
    store = open_store(f"sqlite:///{tmp_path / 'ofac.db'}")
    for name in ("2021-07-07-sdn.csv.gz", "2021-08-18-sdn.csv.gz"):
        ingest_file(store, shared_data / "ofac_sdn_csv" / name)
    events = store.reader().events(list_id="us_ofac_sdn", after=date(2021, 7, 7), until=date(2021, 8, 18))
    amended = [e for e in events if e.type == "amended"]
    assert 0 < len(amended) < 20
    changed = {f["field"] for e in amended for f in e.fields}
    assert not changed & {"addresses", "countries"}
    for event in amended:  # a name change that is not an alias's still shows
        for change in event.fields:
            if change["field"] == "names":
                kinds = {n[0] for n in (change["before"] or []) + (change["after"] or [])}
                assert kinds <= {"primary", "original_script"}, event.ref
    assert len([e for e in events if e.type == "listed"]) == 110

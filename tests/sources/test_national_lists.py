"""The Central Asian and Russian curated lists as their sources give them (issue 13, item 4).

Counts per version are those the sources state; statuses on given days are those the sources say.
Everything runs on a SQLite store holding every shipped curated version, as `listwatch update` loads.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from listwatch.history.asof import status_on
from listwatch.ingest import ingest_file
from listwatch.sources.national import curated_root, in_force, iter_curated_versions
from listwatch.sources.registry import parse_file
from listwatch.store import Store, open_store

KZ = "kz_terrorist_organizations"


@pytest.fixture(scope="module")
def curated_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('national') / 'n.db'}")
    for path in iter_curated_versions():
        ingest_file(store, path)
    yield store
    store.close()


def _version(list_id: str, day: str) -> Path:
    return curated_root() / list_id / f"{day}.yaml"


@pytest.mark.parametrize(
    ("list_id", "day", "held"),
    [(KZ, "2006-10-12", 12), (KZ, "2015-11-02", 18), (KZ, "2024-06-30", 17)],
)
def test_entries_in_force_per_version(list_id: str, day: str, held: int) -> None:
    version = parse_file(_version(list_id, day))
    assert len(in_force(version.entries, date.fromisoformat(day))) == held


def test_kazakhstan_completeness_follows_what_the_sources_enumerate() -> None:
    complete = {
        p.stem: (v.completeness.complete, v.completeness.count) if v.completeness else None
        for p in sorted((curated_root() / KZ).glob("20*.yaml"))
        for v in [parse_file(p)]
    }
    assert complete["2006-10-12"] == (True, 12)  # RFE/RL: "an updated list of 12 organizations"
    assert complete["2015-11-02"] == (True, 18)  # Sputnik: Islamic State "and 17 organizations"
    assert complete["2024-06-30"] == (False, None)  # no source enumerates the list after 2015


@pytest.mark.parametrize(
    ("ref", "day", "expected"),
    [
        ("taliban", "2023-06-01", "listed"),
        ("taliban", "2024-01-15", "not_listed"),
        ("islamic_state", "2015-10-07", "not_listed"),  # the prosecutor: not on the list that day
        ("islamic_state", "2015-10-15", "listed"),  # Yesil District Court of Astana
        ("jund_al_khilafah", "2011-11-25", "listed"),  # Atyrau City Court
        ("muslim_brotherhood", "2024-01-15", "listed"),
    ],
)
def test_kazakhstan_status_on_a_day(curated_store: Store, ref: str, day: str, expected: str) -> None:
    got = status_on(curated_store.reader(), f"{KZ}:{ref}", KZ, date.fromisoformat(day))
    assert got.status == expected, got.evidence


def test_an_undated_listing_starts_when_first_seen_and_a_later_date_moves_it_back(
    curated_store: Store,
) -> None:
    reader = curated_store.reader()
    kongra = reader.events(list_id=KZ, entity_ids=[f"{KZ}:kongra_gel"])
    assert [(e.type, e.date.isoformat(), e.basis) for e in kongra] == [("listed", "2006-10-12", "first_seen")]
    # Al-Qaida: on the 2006 list undated, dated to 2005 by a later source; the timeline starts in 2005.
    qaeda = [(e.type, e.date.isoformat()) for e in reader.events(list_id=KZ, entity_ids=[f"{KZ}:al_qaeda"])]
    assert qaeda[0] == ("listed", "2005-01-01")
    # A denial ("never an FTO") is no listing.
    fto = reader.events(list_id="us_state_fto", entity_ids=["us_state_fto:taliban"])
    assert all(e.type != "listed" for e in fto)

"""The Python API from the store: a ``Screener`` for one (as-of, known-at), and ``screen_batch`` over
Arrow, pandas and polars frames, on a real SQLite store of the project's UN fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from listwatch.errors import InputError
from listwatch.ingest import ingest_file
from listwatch.matching import Query, Screener, screen_batch
from listwatch.matching.loading import load_index, screener_from_store
from listwatch.store import Store, open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "un_sc"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(f"sqlite:///{tmp_path / 'api.db'}")
    ingest_file(store, FIXTURES / "v1.xml")
    ingest_file(store, FIXTURES / "v2_other_generator.xml")
    yield store
    store.close()


@pytest.mark.parametrize(
    ("as_of", "known_at", "delisted_found", "new_found"),
    [
        (date(2021, 1, 20), None, True, False),
        (date(2021, 3, 1), None, False, True),
        (date(2021, 3, 1), date(2021, 1, 31), True, False),  # v2 not yet known then
    ],
)
def test_screener_from_store(
    store: Store, as_of: date, known_at: date | None, delisted_found: bool, new_found: bool
) -> None:
    screener = screener_from_store(store, as_of, known_at)
    assert bool(screener.match(Query("q", "To Be Delisted"))) is delisted_found
    assert bool(screener.match("New Listing")) is new_found
    hit = screener.match(Query("q", "Барадар Абдул Гани"))[0]
    assert hit.ref == "TAi.024" and hit.list_id == "un_sc_sanctions"
    assert [v["list"] for v in screener.versions] == ["un_sc_sanctions"]


def test_batch_on_frames(store: Store) -> None:
    import pandas as pd
    import polars as pl

    screener = screener_from_store(store, date(2021, 3, 1))
    rows = {"id": ["1", "2", "3"], "name": ["Baradar Abdul Ghani", "New Listing", "John Smith"]}
    for frame in (pa.table(rows), pa.record_batch(rows), pd.DataFrame(rows), pl.DataFrame(rows)):
        out = screen_batch(frame, screener).to_pylist()
        assert {(r["query_id"], r["ref"]) for r in out} == {("1", "TAi.024"), ("2", "QDi.901")}


def test_cached_index_is_reused_and_updated(store: Store, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_index(store, date(2021, 1, 20), cache_dir=cache)
    again = load_index(store, date(2021, 1, 20), cache_dir=cache)
    assert again.name_count == first.name_count and again.versions == first.versions
    later = load_index(store, date(2021, 3, 1), cache_dir=cache)  # another version: updated from the cache
    assert len(list(cache.glob("*.lwi"))) == 2
    assert Screener(later).match("New Listing") and not Screener(later).match("To Be Delisted")
    assert [v["published"] for v in later.versions] == ["2021-02-15"]


def test_unknown_list(store: Store) -> None:
    with pytest.raises(InputError, match="no_such_list"):
        load_index(store, date(2021, 3, 1), lists=["no_such_list"])

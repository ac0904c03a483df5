"""Completeness as data (issue 13): a curated list says "never listed" only where a source enumerates it.

Fixtures in tests/fixtures/curated/: ``complete_a`` has a partial version (2023-01-01) and one a source
states is complete (2024-01-01, two in force, one removed earlier); ``partial_b`` is stated partial.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.history.matrix import matrix
from listwatch.history.views import list_summaries
from listwatch.ingest import ingest_file
from listwatch.sources.registry import parse_file
from listwatch.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "curated"
FILES = [
    FIXTURES / "complete_a" / "2023-01-01.yaml",
    FIXTURES / "partial_b" / "2023-06-01.yaml",
    FIXTURES / "complete_a" / "2024-01-01.yaml",
]


def _ingest(store: Store) -> None:
    for path in FILES:
        ingest_file(store, path)


def _rows(store: Store, entity: str, on: date) -> dict[str, dict[str, object]]:
    return {r["list"]: r for r in matrix(store.reader(), entity, on)["rows"]}


def test_completeness_is_parsed_with_its_source_and_quote() -> None:
    version = parse_file(FILES[2])
    assert version.completeness is not None
    assert (version.completeness.complete, version.completeness.count) == (True, 2)
    cite = version.completeness.citation
    assert (cite.publisher, cite.url) == ("A ministry", "https://example.org/list")
    assert cite.quote == "Two organisations are banned as terrorist, Group X and Group Y."
    assert parse_file(FILES[0]).completeness is None  # absent: partial
    stated = parse_file(FILES[1]).completeness
    assert stated is not None and (stated.complete, stated.count) == (False, 30)


def test_a_count_the_entries_in_force_do_not_meet_is_refused() -> None:
    with pytest.raises(InputError) as info:
        parse_file(FIXTURES / "count_mismatch" / "2024-01-01.yaml")
    assert (info.value.path.name, info.value.field, info.value.line) == ("2024-01-01.yaml", "count", 14)
    assert "states 3 entries but 2 are in force on 2024-01-01" in info.value.message


def test_absent_from_a_complete_version_is_never_listed(store: Store) -> None:
    _ingest(store)
    row = _rows(store, "Group Z", date(2024, 6, 1))["complete_a"]
    assert row["status"] == "never_listed"
    (claim,) = row["claims"]  # type: ignore[misc]
    assert "which a source states is the whole list (2 entries)" in claim["statement"]
    assert claim["quote"] == "Two organisations are banned as terrorist, Group X and Group Y."
    assert claim["url"] == "https://example.org/list"


def test_absent_from_a_partial_version_is_unknown(store: Store) -> None:
    _ingest(store)
    # On 2023-06-01 the version in force of complete_a is its partial first one.
    early = _rows(store, "Group Z", date(2023, 6, 1))["complete_a"]
    assert early["status"] == "unknown"
    assert early["claims"][0]["statement"].startswith("not known to be listed")  # type: ignore[index]
    assert "of 2023-01-01, is partial" in early["claims"][0]["statement"]  # type: ignore[index]
    # partial_b states it is partial; its own entry still answers for Group Z.
    rows = _rows(store, "Group Y", date(2024, 6, 1))
    assert rows["partial_b"]["status"] == "unknown"
    assert rows["complete_a"]["status"] == "listed"
    assert _rows(store, "Group Z", date(2024, 5, 1))["partial_b"]["status"] == "listed"
    # A year and a day after partial_b's only version (a curated list's horizon: 365 days), it is stale.
    stale = _rows(store, "Group Z", date(2024, 6, 1))["partial_b"]
    assert (stale["status"], stale["stale"], stale["last_known"]) == ("unknown", True, "listed")
    # Before any version of a curated list is dated, nothing is known either.
    before = _rows(store, "Group Y", date(2022, 1, 1))
    assert before["partial_b"]["status"] == "unknown"
    assert (
        "no version of it is dated on or before 2022-01-01" in before["partial_b"]["claims"][0]["statement"]
    )  # type: ignore[index]


def test_lists_say_whether_the_last_version_is_complete(store: Store) -> None:
    _ingest(store)
    summary = {s["list"]: s for s in list_summaries(store.reader())}
    assert (summary["complete_a"]["complete"], summary["complete_a"]["stated_count"]) == (True, 2)
    assert (summary["partial_b"]["complete"], summary["partial_b"]["stated_count"]) == (False, 30)


def test_a_store_made_before_completeness_opens_and_reads_partial(store: Store) -> None:
    ingest_file(store, FILES[0])
    with store.connection(write=True) as conn:  # what a store of an older listwatch looks like
        store.execute(conn, "DROP TABLE version_completeness")
        conn.commit()
    store.initialise()  # what opening it again does
    ingest_file(store, FILES[2])
    summary = {s["list"]: s for s in list_summaries(store.reader())}
    assert summary["complete_a"]["complete"] is True
    versions = store.reader().versions("complete_a")
    assert list(store.reader().completeness(v.id for v in versions)) == [versions[-1].id]

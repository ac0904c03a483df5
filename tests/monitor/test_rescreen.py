"""A list change -> new and cleared hits, each with the event behind it (on both engines)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from listwatch.cli.main import app
from listwatch.ingest import ingest_file
from listwatch.matching import Query
from listwatch.matching.loading import screener_from_store
from listwatch.monitor.rescreen import changed_entities, rescreen
from listwatch.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "un_sc"
BOOK = [
    Query("c1", "To Be Delisted"),
    Query("c2", "New Listing"),
    Query("c3", "Abdul Ghani Baradar"),  # listed throughout: no change
    Query("c4", "Maria Gonzalez"),
]


def _changes(store: Store, tmp_path: Path) -> dict[str, tuple[str, str]]:
    start, end = date(2021, 1, 10), date(2021, 2, 15)
    changed = changed_entities(store.reader().events(after=start, until=end))
    before = screener_from_store(store, start, cache_dir=tmp_path / "cache")
    after = screener_from_store(store, end, cache_dir=tmp_path / "cache")
    return {c.query_id: (c.change, c.events[-1].type) for c in rescreen(before, after, BOOK, changed, 0.7)}


def test_delisting_clears_and_listing_creates(store: Store, tmp_path: Path) -> None:
    ingest_file(store, FIXTURES / "v1.xml")
    ingest_file(store, FIXTURES / "v2_other_generator.xml")
    assert _changes(store, tmp_path) == {"c1": ("cleared", "delisted"), "c2": ("new", "listed")}


def test_no_change_no_report(store: Store, tmp_path: Path) -> None:
    ingest_file(store, FIXTURES / "v1.xml")
    assert _changes(store, tmp_path) == {}


def test_monitor_command_writes_report(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.db'}"
    runner = CliRunner()
    for name in ("v1.xml", "v2_other_generator.xml"):
        assert runner.invoke(app, ["ingest", str(FIXTURES / name), "--db", db]).exit_code == 0
    book = tmp_path / "book.csv"
    book.write_text("id,name\nc1,To Be Delisted\nc2,New Listing\nc4,Maria Gonzalez\n", encoding="utf-8")
    out = tmp_path / "changes.csv"
    result = runner.invoke(
        app,
        [
            "monitor",
            str(book),
            "--from",
            "2021-01-10",
            "--to",
            "2021-02-15",
            "--output",
            str(out),
            "--format",
            "json",
            "--db",
            db,
        ],
        env={"LISTWATCH_INDEX_CACHE": str(tmp_path / "cache")},
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {(c["query_id"], c["change"], c["event"]) for c in data["changes"]} == {
        ("c1", "cleared", "delisted"),
        ("c2", "new", "listed"),
    }
    assert data["versions_after"] and out.read_text(encoding="utf-8").startswith("change,query_id")


def test_a_cleared_hit_names_its_delisting_not_a_later_amendment() -> None:
    """Kazakhstan delisted the Taliban in December 2023 and its list was amended in June 2024: a hit
    cleared over that period is explained by the delisting."""
    import datetime as dt

    from listwatch.monitor.rescreen import HitChange
    from listwatch.store.records import EventRow

    def event(kind: str, day: dt.date) -> EventRow:
        return EventRow(
            1, "kz_terrorist_organizations", "kz_terrorist_organizations:taliban", "taliban", kind,
            "Taliban", day, None, day, "", "stated", [], 1, None, "",
        )  # fmt: skip

    events = (event("delisted", dt.date(2023, 12, 1)), event("amended", dt.date(2024, 6, 30)))
    change = HitChange(
        "cleared", "c6", "Taliban", "kz_terrorist_organizations:taliban", "kz_terrorist_organizations",
        "taliban", "Taliban", 0.9, None, "", events,
    )  # fmt: skip
    row = change.as_row()
    assert (row["event"], row["event_date"]) == ("delisted", "2023-12-01")
    rescored = HitChange(
        "rescored", "c6", "Taliban", "kz_terrorist_organizations:taliban", "kz_terrorist_organizations",
        "taliban", "Taliban", 0.9, 0.8, "", events,
    )  # fmt: skip
    assert rescored.as_row()["event"] == "amended"  # no delisting or listing to prefer: the last event


def test_focused_rescreen_equals_scoring_every_name(store: Store, tmp_path: Path) -> None:
    """Aligning only the changed designations' names gives what scoring every name and keeping theirs
    gives: the focus saves time, never a hit."""
    ingest_file(store, FIXTURES / "v1.xml")
    ingest_file(store, FIXTURES / "v2_other_generator.xml")
    start, end = date(2021, 1, 10), date(2021, 2, 15)
    changed = changed_entities(store.reader().events(after=start, until=end))
    before = screener_from_store(store, start, cache_dir=tmp_path / "cache")
    after = screener_from_store(store, end, cache_dir=tmp_path / "cache")
    focused = list(rescreen(before, after, BOOK, changed, 0.7))
    full = list(rescreen(before, after, BOOK, changed, 0.7, focused=False))
    assert focused == full and {c.query_id for c in full} == {"c1", "c2"}

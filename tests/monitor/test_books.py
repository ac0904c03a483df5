"""Books kept by listwatch, re-screened for what each ingest changed (issue 16 items 1-3), on the real
lists: UN 2025-11-20 -> 2026-02-27 (IQi.074 delisted) and OFAC SDN 2024-05-01 -> 05-02 -> 05-03.

The delta (reverse lookup in the book's index, then the usual screening of the rows found) must equal
screening the whole book again for the changed designations.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from listwatch.ingest import ingest_file
from listwatch.matching import candidates_from_entries
from listwatch.model import Entry
from listwatch.monitor.alerts import alerts, decide
from listwatch.monitor.books import add_book, get_book
from listwatch.monitor.delta import full_changes, monitored_versions, rescreen_books, screen_book_rows
from listwatch.monitor.rescreen import changed_entities
from listwatch.sources.registry import parse_file
from listwatch.store import Store

THRESHOLD = 0.78
INNOCENTS = [
    "John Smith", "Maria Garcia Lopez", "Nurlan Abenov", "Aigerim Sarsenbayeva", "Chen Wei", "Kim Min-jun",
    "Olena Kovalenko", "Mehmet Yilmaz", "Fatima Zahra Benali", "Ahmed Hassan", "Muhammad Ali Khan",
    "Almaty Logistics LLP", "Steppe Trading LLC", "Golden Eagle Shipping Ltd",
]  # fmt: skip


def _csv(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("id,name\n" + "".join(f'{i},"{n}"\n' for i, n in rows), encoding="utf-8")
    return path


def _book_rows(sources: list[Path], seed: int) -> list[tuple[str, str]]:
    """Names of the designations that change from one of ``sources`` to the next (parsed, compared by
    reference), spelled as a customer file would, among innocents and other list names."""
    versions = [{e.ref: e for e in parse_file(p).entries} for p in sources]
    changed: list[Entry] = []
    for old, new in itertools.pairwise(versions):
        changed += [e for ref, e in new.items() if old.get(ref) != e]
        changed += [e for ref, e in old.items() if ref not in new]
    names: list[str] = []
    for entry in changed:
        for candidate in candidates_from_entries([("x", entry)]):
            name = candidate.names[0].value
            names.append(name)
            parts = name.replace(",", " ").split()
            if len(parts) > 2:
                names.append(" ".join(p for i, p in enumerate(parts) if i != 1))  # a middle part left out
            names.append(name.lower())
    names += [e.names[0].value for e in list(versions[0].values())[:300]]
    names += INNOCENTS
    random.Random(seed).shuffle(names)
    return [(f"r{i}", n.replace('"', "")) for i, n in enumerate(names)]


def _pairs(found: list[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    return set(found)


def _check_delta_equals_full(
    store: Store, book_name: str, version_id: int, cache: Path
) -> set[tuple[str, str, str]]:
    book = get_book(store, book_name)
    (delta,) = rescreen_books(store, [version_id], THRESHOLD, cache)
    reader = store.reader()
    versions = monitored_versions(reader, [version_id])
    changed = changed_entities(e for v in versions for e in reader.events(version_id=v.id))
    day = versions[0].published_on
    prev = max(v.published_on for v in reader.versions(versions[0].list_id) if v.published_on < day)
    full = full_changes(store, book, prev, day, changed, THRESHOLD, cache)
    got = {(a.row_id, a.entity_id, a.kind) for a in delta.alerts}
    want = {(c.query_id, c.entity_id, c.change) for c in full}
    assert got == want
    if book.rows > 100:
        assert delta.rows_screened < book.rows / 4  # the point: most rows are not screened again
    return got


def test_ofac_delta_equals_a_full_rescreen(store: Store, shared_data: Path, tmp_path: Path) -> None:
    if store.dialect.name != "sqlite":
        pytest.skip("the OFAC versions are large: one engine is enough (the UN flow runs on both)")
    folder = shared_data / "ofac_sdn_csv"
    files = [folder / f"2024-05-0{d}-sdn.csv.gz" for d in (1, 2, 3)]
    rows = _book_rows(files, seed=3)
    ingest_file(store, files[0])
    add_book(store, "bank", _csv(tmp_path / "book.csv", rows))
    cache = tmp_path / "cache"
    screen_book_rows(store, get_book(store, "bank"), None, THRESHOLD, cache)
    seen = set()
    for path in files[1:]:
        result = ingest_file(store, path)
        assert result.version_id is not None
        seen |= _check_delta_equals_full(store, "bank", result.version_id, cache)
    assert {kind for _r, _e, kind in seen} >= {"new", "cleared"}


def test_un_flow_cleared_alert_false_positive_and_suppression(
    store: Store, shared_data: Path, tmp_path: Path
) -> None:
    folder = shared_data / "un_sc_consolidated"
    ingest_file(store, folder / "2025-11-20-un_consolidated.xml.gz")
    rows = [("c1", "Munir al Qubaysi"), ("c2", "Abdul Ghani Baradar"), ("c3", "John Smith")]
    change = add_book(store, "customers", _csv(tmp_path / "book.csv", rows))
    assert (len(change.added), change.book.rows) == (3, 3)
    cache = tmp_path / "cache"
    first = screen_book_rows(store, change.book, change.added, THRESHOLD, cache)
    assert {(a.row_id, a.ref, a.kind) for a in first.alerts} == {
        ("c1", "IQi.074", "new"),
        ("c2", "TAi.024", "new"),
    }

    result = ingest_file(store, folder / "2026-02-27-UN_consolidated.xml.gz")
    assert result.version_id is not None
    got = _check_delta_equals_full(store, "customers", result.version_id, cache)
    assert ("c1", "un_sc_sanctions:iqi.074", "cleared") in got
    (cleared,) = [a for a in alerts(store, state="open") if a.kind == "cleared"]
    assert cleared.event is not None and cleared.event["type"] == "delisted"

    (baradar,) = [a for a in alerts(store) if a.ref == "TAi.024"]
    decided = decide(store, baradar.id, "false_positive", "analyst", "customer born 1990 in Almaty")
    assert decided.state == "false_positive" and decided.decisions[-1].decided_by == "analyst"
    # Screened again with nothing changed: the pair is not raised again.
    again = screen_book_rows(store, get_book(store, "customers"), None, THRESHOLD, cache)
    assert again.alerts == []
    # The row's data changes (a birth date added): the decision no longer holds, a new alert opens.
    path = tmp_path / "book2.csv"
    path.write_text("id,name,birth_date\nc1,Munir al Qubaysi,\nc2,Abdul Ghani Baradar,1968\nc3,John Smith,\n")
    change = add_book(store, "customers", path)
    assert change.updated == ["c2"] and change.unchanged == 2
    moved = screen_book_rows(store, change.book, change.updated, THRESHOLD, cache)
    # Baradar's listed birth year now agrees: the hit moves 0.90 -> 0.96, and the false positive, taken
    # on the row as it was, no longer suppresses it.
    assert [(a.ref, a.kind, a.state, a.score_before, a.score) for a in moved.alerts] == [
        ("TAi.024", "rescored", "open", 0.9, 0.96)
    ]
    # Removal is history, not deletion.
    _csv(tmp_path / "book3.csv", [("c1", "Munir al Qubaysi")])
    change = add_book(store, "customers", tmp_path / "book3.csv")
    assert sorted(change.removed) == ["c2", "c3"] and change.book.rows == 1
    with pytest.raises(Exception, match=r"confirmed or false_positive"):
        decide(store, baradar.id, "maybe", "analyst", "x")

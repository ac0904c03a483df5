"""Re-screen a book for the designations one ingest changed, without screening the whole book.

The changed designations' names are looked up in the book's own index (the reverse direction: list
entries as queries, book rows as candidates) with a low bar and a wide limit, which finds every row that
could hit them; only those rows are then screened the usual way, against the lists in force before and
after the change. Since a row not found cannot hit a changed designation, the result equals screening
the whole book for those designations — ``tests/monitor/test_delta.py`` checks it on real versions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from listwatch.matching import Hit, Query, Screener, candidates_from_entries
from listwatch.matching.loading import load_index
from listwatch.model import Entry
from listwatch.monitor.alerts import Alert, NewAlert, is_hit, pair_states, record_alerts
from listwatch.monitor.books import BookInfo, book_index, book_queries, books, current_rows
from listwatch.monitor.rescreen import HitChange, changed_entities, rescreen
from listwatch.store import EventRow, Reader, Store, VersionRow

# The reverse lookup is a net, not the answer: a row scoring this against a changed designation in the
# reverse direction is screened the usual way. Scores are not quite symmetric (a customer row that
# leaves out a middle name scores higher as the query than as the candidate: 0.78 forward, 0.59
# reverse for "MUSHANTAF Samir" ~ "MUSHANTAF, Andriyah Samir"), so each designation name is also asked
# with one part left out, and the bar is well below the threshold. Birth dates and countries are left
# out of the reverse query, so they cannot lower it.
REVERSE_MARGIN = 0.25
REVERSE_LIMIT = 500
# A hit whose score moved less than this is the same hit (as ``listwatch monitor``).
RESCORE_DELTA = 0.05


@dataclass(slots=True)
class BookDelta:
    book: BookInfo
    changed: int  # designations changed
    rows_screened: int
    alerts: list[Alert] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        kinds = {k: sum(a.kind == k for a in self.alerts) for k in ("new", "cleared", "rescored")}
        held = sum(a.state == "suppressed" for a in self.alerts)
        text = (
            f"book {self.book.name}: {self.changed} changed designation(s), {self.rows_screened} of "
            f"{self.book.rows:,} rows screened again: {kinds['new']} new hit(s), {kinds['cleared']} "
            f"cleared, {kinds['rescored']} rescored"
        )
        return text + (f" ({held} suppressed by a false-positive decision)" if held else "")


def entity_hashes(reader: Reader, entity_ids: Iterable[str]) -> dict[str, str]:
    """The designation as the record holds it now: its newest entry revision's hash."""
    out: dict[str, str] = {}
    for entity_id in entity_ids:
        members = reader.entity_memberships(entity_id)
        out[entity_id] = members[max(members)][0] if members else ""
    return out


def reverse_queries(reader: Reader, events: Sequence[EventRow]) -> list[Query]:
    """Every name the changed designations have had in the versions held, as queries to the book. No
    schema, birth date or country: the reverse lookup only gathers rows, the usual screening judges."""
    queries: list[Query] = []
    seen: set[tuple[str, str]] = set()
    for entity_id, list_id in sorted({(e.entity_id, e.list_id) for e in events}):
        hashes = {h for h, _program in reader.entity_memberships(entity_id).values()}
        for content in reader.revisions(sorted(hashes)).values():
            entry = Entry.from_content(content)
            for candidate in candidates_from_entries([(list_id, entry)]):
                for name in candidate.names:
                    for text in _name_forms(name.value):
                        if (entity_id, text) not in seen:
                            seen.add((entity_id, text))
                            queries.append(Query(entity_id, text))
    return queries


def _name_forms(text: str) -> list[str]:
    """The name, and with each part left out in turn when three or more remain."""
    parts = text.replace(",", " ").split()
    forms = [text]
    if 3 <= len(parts) <= 6:
        forms.extend(" ".join(parts[:i] + parts[i + 1 :]) for i in range(len(parts)))
    return forms


def affected_rows(book: Screener, queries: Sequence[Query], threshold: float) -> set[str]:
    low = max(0.0, threshold - REVERSE_MARGIN)
    return {hit.entity_id for hits in book.match_batch(list(queries), low, REVERSE_LIMIT) for hit in hits}


def to_alerts(
    changes: Iterable[HitChange], rows: dict[str, tuple[dict[str, object], str]], hashes: dict[str, str]
) -> list[NewAlert]:
    out: list[NewAlert] = []
    for change in changes:
        cause = change.cause()
        alert = NewAlert(
            change.query_id, change.entity_id, change.list_id, change.ref, change.change,
            change.score_after, change.score_before, change.query_name, change.matched_name,
            change.explanation, cause.id if cause else None, cause.as_json() if cause else None,
            rows[change.query_id][1], hashes.get(change.entity_id, ""),
        )  # fmt: skip
        out.append(alert)
    return out


def monitored_versions(reader: Reader, version_ids: Iterable[int]) -> list[VersionRow]:
    """Of the versions just ingested, those that changed what is in force now: the newest of their list
    (a backfilled older version changes history, not today's screening)."""
    wanted = set(version_ids)
    out: list[VersionRow] = []
    for list_id in sorted({v.list_id for v in reader.versions() if v.id in wanted}):
        held = reader.versions(list_id)
        newest = max(v.published_on for v in held)
        out.extend(v for v in held if v.id in wanted and v.published_on == newest)
    return out


def rescreen_books(
    store: Store,
    version_ids: Iterable[int],
    threshold: float,
    cache_dir: Path | None = None,
    names: Sequence[str] | None = None,
) -> list[BookDelta]:
    """After an ingest: every book (or ``names``) re-screened for the designations the new versions
    changed; the alerts are recorded and returned per book."""
    held = [b for b in books(store) if names is None or b.name in names]
    reader = store.reader()
    versions = monitored_versions(reader, version_ids)
    if not held or not versions:
        return []
    events = [e for v in versions for e in reader.events(version_id=v.id)]
    changed = changed_entities(events)
    after_day = max(v.published_on for v in versions)
    before_day = min(v.published_on for v in versions) - timedelta(days=1)
    before = Screener(load_index(store, before_day, None, None, cache_dir))
    after = Screener(load_index(store, after_day, None, None, cache_dir))
    hashes = entity_hashes(reader, changed)
    queries = reverse_queries(reader, events)
    return [_one_book(store, b, before, after, changed, queries, hashes, threshold, cache_dir) for b in held]


def _one_book(
    store: Store,
    book: BookInfo,
    before: Screener,
    after: Screener,
    changed: dict[str, tuple[EventRow, ...]],
    queries: Sequence[Query],
    hashes: dict[str, str],
    threshold: float,
    cache_dir: Path | None,
) -> BookDelta:
    started = time.perf_counter()
    ids: set[str] = set()
    if changed:
        ids = affected_rows(Screener(book_index(store, book, cache_dir)), queries, threshold)
    rows = current_rows(store, book.id, ids)
    changes = rescreen(before, after, book_queries(rows, sorted(ids)), changed, threshold, RESCORE_DELTA)
    written = record_alerts(store, book.id, to_alerts(changes, rows, hashes), None)
    return BookDelta(book, len(changed), len(ids), written, time.perf_counter() - started)


def full_changes(
    store: Store, book: BookInfo, before_day: date, after_day: date, changed: dict[str, tuple[EventRow, ...]],
    threshold: float, cache_dir: Path | None = None,
) -> list[HitChange]:  # fmt: skip
    """The same comparison over every row of the book: what the delta must equal (tests, bench)."""
    before = Screener(load_index(store, before_day, None, None, cache_dir))
    after = Screener(load_index(store, after_day, None, None, cache_dir))
    return list(rescreen(before, after, book_queries(current_rows(store, book.id)), changed, threshold))


# Every hit on a row matters for its alerts, not only the best few.
ROW_LIMIT = 1000
ROW_BATCH = 2000


def screen_book_rows(
    store: Store,
    book: BookInfo,
    row_ids: Iterable[str] | None,
    threshold: float,
    cache_dir: Path | None = None,
    on: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> BookDelta:
    """Screen rows (new or changed ones after ``book add``; all for ``book rescreen``) against the lists
    in force ``on`` (today), and alert where a pair's state differs from its last alert."""
    started = time.perf_counter()
    rows = current_rows(store, book.id)
    chosen = sorted(rows) if row_ids is None else sorted(set(row_ids) & rows.keys())
    screener = Screener(load_index(store, on or date.today(), None, None, cache_dir))
    found: dict[tuple[str, str], Hit] = {}
    queries = book_queries(rows, chosen)
    for start in range(0, len(queries), ROW_BATCH):
        batch = queries[start : start + ROW_BATCH]
        for hits in screener.match_batch(batch, threshold, ROW_LIMIT):
            for hit in hits:
                found[(hit.query_id, hit.entity_id)] = hit
        if progress is not None:
            progress(len(batch))
    wanted = set(chosen)
    previous = {k: a for k, a in pair_states(store, book.id).items() if k[0] in wanted}
    hashes = entity_hashes(store.reader(), {e for _r, e in found} | {e for _r, e in previous})
    names = {q.id: q.name for q in queries}
    new: list[NewAlert] = []
    for (row_id, entity_id), hit in found.items():
        last = previous.get((row_id, entity_id))
        if is_hit(last) and last is not None and abs((last.score or 0.0) - hit.score) < RESCORE_DELTA:
            continue
        kind = "rescored" if is_hit(last) else "new"
        before = last.score if is_hit(last) and last is not None else None
        alert = NewAlert(
            row_id, entity_id, hit.list_id, hit.ref, kind, hit.score, before, names[row_id],
            hit.matched_name, hit.explanation, None, None, rows[row_id][1], hashes.get(entity_id, ""),
        )  # fmt: skip
        new.append(alert)
    for (row_id, entity_id), last in previous.items():
        if is_hit(last) and (row_id, entity_id) not in found:
            gone = NewAlert(
                row_id, entity_id, last.list_id, last.ref, "cleared", None, last.score,
                names.get(row_id, last.query_name), last.matched_name, "no longer a hit: the row changed",
                None, None, rows[row_id][1], hashes.get(entity_id, ""),
            )  # fmt: skip
            new.append(gone)
    written = record_alerts(store, book.id, new, None)
    return BookDelta(book, 0, len(chosen), written, time.perf_counter() - started)

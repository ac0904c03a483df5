"""Re-screen a book for the designations one ingest changed, without screening the whole book.

The changed designations' names are looked up in the book's own index in the database (the reverse
direction: list names as queries, the book's row keys as candidates): a row is taken when it shares the
keys of two of a name's parts (one for a one-part name), allowing one keying error in each part's key
and two parts written as one. Only those rows are then screened the usual way, against the lists in
force before and after the change. The result equals screening the whole book for those designations:
``tests/monitor/test_books.py`` checks it on real versions, and bench/monitor_speed.py on every run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import numpy.typing as npt

from listwatch.audit.runs import RunSettings, record_book_run
from listwatch.matching import ALGORITHM, Hit, Screener, candidates_from_entries
from listwatch.matching.keys import phonetic_key
from listwatch.matching.loading import load_index
from listwatch.matching.normalize import tokenize
from listwatch.model import Entry
from listwatch.monitor.alerts import Alert, NewAlert, is_hit, pair_states, record_alerts
from listwatch.monitor.books import MIN_KEY, BookInfo, book_queries, books, current_rows, whole_key
from listwatch.monitor.rescreen import HitChange, changed_entities, rescreen
from listwatch.store import EventRow, Reader, Store, VersionRow
from listwatch.store.base import now_iso

# One keying error in a part's key is looked for too (as the matcher allows a one-edit typo): the
# skeleton letters a phonetic key is written in.
KEY_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SQL_CHUNK = 500
# A name's parts as bits: parts after the 63rd share the last bit (no list name has so many).
MASK_BITS = 64
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
        of = f" of {self.book.rows:,}" if self.book.rows else ""  # a re-screen does not count the book
        text = (
            f"book {self.book.name}: {self.changed} changed designation(s), {self.rows_screened:,}{of} "
            f"row(s) screened again: {kinds['new']} new hit(s), {kinds['cleared']} cleared, "
            f"{kinds['rescored']} rescored"
        )
        return text + (f" ({held} suppressed by a false-positive decision)" if held else "")


def entity_hashes(reader: Reader, entity_ids: Iterable[str]) -> dict[str, str]:
    """The designation as the record holds it now: its newest entry revision's hash."""
    out: dict[str, str] = {}
    for entity_id in entity_ids:
        members = reader.entity_memberships(entity_id)
        out[entity_id] = members[max(members)][0] if members else ""
    return out


def reverse_names(reader: Reader, events: Sequence[EventRow]) -> dict[str, set[str]]:
    """Every name the changed designations have had in the versions held, with whose names they are."""
    names: dict[str, set[str]] = {}
    for entity_id, list_id in sorted({(e.entity_id, e.list_id) for e in events}):
        hashes = {h for h, _program in reader.entity_memberships(entity_id).values()}
        for content in reader.revisions(sorted(hashes)).values():
            entry = Entry.from_content(content)
            for candidate in candidates_from_entries([(list_id, entry)]):
                for name in candidate.names:
                    names.setdefault(name.value, set()).add(entity_id)
    return names


def one_edit(key: str) -> set[str]:
    """``key`` and every key one edit from it (a letter dropped, added, changed, or two swapped)."""
    out = {key}
    for i in range(len(key) + 1):
        for letter in KEY_LETTERS:
            out.add(key[:i] + letter + key[i:])
            if i < len(key):
                out.add(key[:i] + letter + key[i + 1 :])
        if i < len(key):
            out.add(key[:i] + key[i + 1 :])
        if i + 1 < len(key):
            out.add(key[:i] + key[i + 1] + key[i] + key[i + 2 :])
    return {k for k in out if len(k) >= MIN_KEY}


Variants = dict[str, list[tuple[int, frozenset[int], bool]]]


def _variants(names: Sequence[str]) -> tuple[Variants, list[int]]:
    """key -> [(name number, the name's parts it covers, spelt exactly)], and per name how many parts
    must be found."""
    found: Variants = {}
    needed: list[int] = []
    for number, name in enumerate(names):
        tokens = tokenize(name)
        keys = [phonetic_key(t) for t in tokens]
        content = [i for i, k in enumerate(keys) if len(k) >= MIN_KEY]
        needed.append(min(2, len(content)) or 1)
        for i in content:
            for variant in one_edit(keys[i]):
                found.setdefault(variant, []).append((number, frozenset({i}), variant == keys[i]))
        for i in range(len(tokens) - 1):  # two parts the book may write as one
            pair = phonetic_key(tokens[i] + tokens[i + 1])
            found.setdefault(pair, []).append((number, frozenset({i, i + 1}), True))
        if tokens:  # the whole name spelt as the row spells it: a name of short parts only ("9H-EAA")
            found.setdefault(whole_key(tokens), []).append((number, frozenset(range(len(tokens))), True))
        if len(content) == 1 and len(tokens) > 1:  # "Al-Qaida": the row may write it as one part
            whole = phonetic_key("".join(tokens))
            found.setdefault(whole, []).append((number, frozenset(range(len(tokens))), True))
    return found, needed


def affected_rows(store: Store, book_id: int, names: Sequence[str]) -> dict[str, set[int]]:
    """The rows whose keys cover two of some name's parts (one, where the name or the row has one part
    with a key: "TELEPORT SAL" for "TELEPORT COMPANY SAL"), one of them spelt exactly (a typo in every
    part of a name is not a hit the matcher makes), by SQL over ``book_key``.

    A million-row book returns hundreds of thousands of (key, row) pairs for common parts' variants
    (every Mohammed one edit away): they are grouped by (row, name) with array operations, the parts
    each covers as a bit mask. Returns each row found with the names (numbers in ``names``) it was
    found by."""
    variants, needed = _variants(names)
    keys = sorted(variants)
    position = {k: i for i, k in enumerate(keys)}
    # the variant entries, by key: name number, the parts covered as bits, spelt exactly
    starts = np.zeros(len(keys) + 1, dtype=np.int64)
    e_name: list[int] = []
    e_mask: list[int] = []
    e_spelt: list[bool] = []
    for i, key in enumerate(keys):
        for number, parts, spelt in variants[key]:
            e_name.append(number)
            e_mask.append(sum(1 << min(p, MASK_BITS - 1) for p in parts))
            e_spelt.append(spelt)
        starts[i + 1] = len(e_name)
    p_key: list[int] = []
    p_row: list[int] = []
    p_parts: list[int] = []
    row_ids: dict[str, int] = {}
    with store.connection() as conn:
        for first in range(0, len(keys), SQL_CHUNK):
            chunk = keys[first : first + SQL_CHUNK]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT key, row_id, parts FROM book_key WHERE book_id = ? AND key IN ({marks})"
            for key, row_id, count in store.execute(conn, sql, (book_id, *chunk)).fetchall():
                p_key.append(position[key])
                p_row.append(row_ids.setdefault(row_id, len(row_ids)))
                p_parts.append(int(count))
    if not p_key:
        return {}
    pair_key = np.asarray(p_key, dtype=np.int64)
    counts = (starts[1:] - starts[:-1])[pair_key]
    # one item per (pair, variant entry of its key)
    pair_of = np.repeat(np.arange(len(pair_key)), counts)
    offsets = np.arange(len(pair_of)) - np.repeat(np.cumsum(counts) - counts, counts)
    entry = starts[pair_key][pair_of] + offsets
    names_arr = np.asarray(e_name, dtype=np.int64)[entry]
    rows_arr = np.asarray(p_row, dtype=np.int64)[pair_of]
    group = rows_arr * len(needed) + names_arr
    order = np.argsort(group, kind="stable")
    group = group[order]
    cuts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    mask = np.bitwise_or.reduceat(np.asarray(e_mask, dtype=np.uint64)[entry][order], cuts)
    exact = np.maximum.reduceat(np.asarray(e_spelt, dtype=np.bool_)[entry][order], cuts)
    row_of = rows_arr[order][cuts]
    parts_of = np.maximum(np.asarray(p_parts, dtype=np.int64)[pair_of][order][cuts], 1)
    covered = _popcount(mask)
    wanted = np.minimum(np.asarray(needed, dtype=np.int64)[names_arr[order][cuts]], parts_of)
    taken = (covered >= wanted) & exact
    codes = {code: row_id for row_id, code in row_ids.items()}
    found: dict[str, set[int]] = {}
    for code, number in zip(row_of[taken].tolist(), names_arr[order][cuts][taken].tolist(), strict=True):
        found.setdefault(codes[code], set()).add(number)
    return found


def _popcount(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.int64]:
    """Bits set in each value."""
    count = np.zeros(len(values), dtype=np.int64)
    rest = values.copy()
    while rest.any():
        count += (rest & np.uint64(1)).astype(np.int64)
        rest >>= np.uint64(1)
    return count


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
    held = [b for b in books(store, counted=False) if names is None or b.name in names]
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
    suspects = reverse_names(reader, events)
    return [_one_book(store, b, before, after, changed, suspects, hashes, threshold) for b in held]


def _one_book(
    store: Store,
    book: BookInfo,
    before: Screener,
    after: Screener,
    changed: dict[str, tuple[EventRow, ...]],
    names: dict[str, set[str]],
    hashes: dict[str, str],
    threshold: float,
) -> BookDelta:
    started = time.perf_counter()
    texts = list(names)
    found = affected_rows(store, book.id, texts) if changed else {}
    suspects = {row: {e for n in numbers for e in names[texts[n]]} for row, numbers in found.items()}
    rows = current_rows(store, book.id, found)
    queries = book_queries(rows, sorted(found))
    # Namesakes screened in one batch are ranked once (``Screener.match_batch``); the alerts keep the
    # rows' order.
    place = {q.id: i for i, q in enumerate(queries)}
    grouped = sorted(queries, key=lambda q: (q.name, place[q.id]))
    changes = rescreen(before, after, grouped, changed, threshold, RESCORE_DELTA, suspects=suspects)
    alerts = to_alerts(sorted(changes, key=lambda c: place[c.query_id]), rows, hashes)
    run_id = _record_run(store, book, rows, threshold, after, alerts)
    written = record_alerts(store, book.id, alerts, run_id)
    return BookDelta(book, len(changed), len(found), written, time.perf_counter() - started)


def _record_run(
    store: Store,
    book: BookInfo,
    rows: dict[str, tuple[dict[str, object], str]],
    threshold: float,
    screener: Screener,
    found: Sequence[NewAlert],
) -> int:
    """The re-screen as an audit run: the rows screened, the versions, the alerts it raised."""
    settings = RunSettings(date.today(), None, None, threshold, ROW_LIMIT)
    hits = [[a.row_id, a.entity_id, a.score or 0.0, a.list_id, a.ref] for a in found]
    versions = screener.versions
    return record_book_run(store, now_iso(), book.name, rows, settings, ALGORITHM, versions, hits)


def full_changes(
    store: Store, book: BookInfo, before_day: date, after_day: date, changed: dict[str, tuple[EventRow, ...]],
    threshold: float, cache_dir: Path | None = None,
) -> list[HitChange]:  # fmt: skip
    """The same comparison over every row of the book: what the delta must equal (tests, bench)."""
    before = Screener(load_index(store, before_day, None, None, cache_dir))
    after = Screener(load_index(store, after_day, None, None, cache_dir))
    queries = book_queries(current_rows(store, book.id))
    return list(rescreen(before, after, queries, changed, threshold, RESCORE_DELTA, focused=False))


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
    screened = {i: rows[i] for i in chosen}
    run_id = _record_run(store, book, screened, threshold, screener, new)
    written = record_alerts(store, book.id, new, run_id)
    return BookDelta(book, 0, len(chosen), written, time.perf_counter() - started)

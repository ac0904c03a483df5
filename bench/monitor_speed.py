"""Monitoring speed: one UN version's delta re-screen of a large book, against the full re-screen of the
same book for the same change, measured in the same run (issue 16 item 2).

The book: innocents with birth dates and one in twenty a UN name with a keying error (as
bench/screen_speed.py makes them), plus every name IQi.074 (delisted 2026-02-27) is known by. The store:
the real UN list of 2025-11-20; then the version of 2026-02-27 is ingested and the book re-screened for
what it changed. Both ways must find the same alerts (the run stops if not).

Run: ``.venv/bin/python bench/monitor_speed.py [--names 1000000]``
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from screen_speed import customer_queries, print_machine, write_customers

from listwatch.ingest import ingest_file
from listwatch.matching import DEFAULT_THRESHOLD, Query
from listwatch.monitor.books import add_book, get_book
from listwatch.monitor.delta import full_changes, monitored_versions, rescreen_books
from listwatch.monitor.rescreen import changed_entities
from listwatch.sources.registry import parse_file
from listwatch.store import open_store

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "un_sc_consolidated"
BEFORE = SHARED / "2025-11-20-un_consolidated.xml.gz"
AFTER = SHARED / "2026-02-27-UN_consolidated.xml.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--names", type=int, default=1_000_000)
    args = parser.parse_args()
    print_machine()
    work = Path(tempfile.mkdtemp(prefix="lw-monitor-bench-"))
    cache = work / "cache"
    store = open_store(f"sqlite:///{work / 'bench.db'}")
    ingest_file(store, BEFORE)
    un = parse_file(BEFORE)
    pairs = [(un.list_id, e) for e in un.entries]
    queries = customer_queries(pairs, args.names)
    delisted = next(e for e in un.entries if e.ref == "IQi.074")
    queries += [Query(f"iqi074-{i}", n.value) for i, n in enumerate(delisted.names)]
    # A book keeps rows by id: the generator's ids repeat (two typos of one name), a bank's do not.
    queries = [Query(f"c{i}", q.name, q.schema, q.birth_date, q.country) for i, q in enumerate(queries)]
    path = work / "book.csv"
    write_customers(queries, path)

    started = time.perf_counter()
    change = add_book(store, "bench", path)
    stored = time.perf_counter() - started
    size = (work / "bench.db").stat().st_size / 2**20
    print(f"book: {change.book.rows:,} rows and their name keys stored in {stored:.1f} s")
    print(f"store: {size:,.0f} MiB")

    result = ingest_file(store, AFTER)
    assert result.version_id is not None
    reader = store.reader()
    versions = monitored_versions(reader, [result.version_id])
    changed = changed_entities(e for v in versions for e in reader.events(version_id=v.id))
    print(f"UN 2025-11-20 -> 2026-02-27: {len(changed)} designations changed")
    after_day = versions[0].published_on
    before_day = after_day - timedelta(days=1)  # as the delta compares them
    # The list indexes of both days are built once here, so neither way pays for them below.
    full_changes(store, change.book, before_day, after_day, {}, DEFAULT_THRESHOLD, cache)

    started = time.perf_counter()
    (delta,) = rescreen_books(store, [result.version_id], DEFAULT_THRESHOLD, cache)
    delta_seconds = time.perf_counter() - started
    book = get_book(store, "bench")
    started = time.perf_counter()
    full = full_changes(store, book, before_day, after_day, changed, DEFAULT_THRESHOLD, cache)
    full_seconds = time.perf_counter() - started

    got = {(a.row_id, a.entity_id, a.kind) for a in delta.alerts}
    want = {(c.query_id, c.entity_id, c.change) for c in full}
    if got != want:
        raise SystemExit(f"the delta differs from the full re-screen: {sorted(got ^ want)[:10]}")
    kinds = {k: sum(a.kind == k for a in delta.alerts) for k in ("new", "cleared", "rescored")}
    print(f"delta re-screen: {delta_seconds:.2f} s ({delta.rows_screened:,} rows found by the book's keys "
          f"and screened again), alerts {kinds}")  # fmt: skip
    print(f"full re-screen of every row, both days: {full_seconds:.1f} s")
    ratio = full_seconds / max(delta_seconds, 1e-9)
    print(f"same alerts both ways: yes ({len(got)}); the delta is {ratio:,.0f}x faster")
    print(f"(work folder {work}; cpu count {os.cpu_count()})")


if __name__ == "__main__":
    main()

"""Ingestion and status benchmark: every shared UN version and every OFAC sdn.csv version, in date order,
into a fresh SQLite store; seconds per file; then `status` latency with all that history loaded.

    .venv/bin/python bench/ingest.py [--db sqlite:///path] [--queries 2000]

Targets (issue 2): a UN version (2 MB XML) <= 1 s; a 15k-row SDN file <= 3 s; status p99 <= 5 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from listwatch.history.asof import status_on
from listwatch.ingest import collect_files, ingest_file
from listwatch.store import open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store URL (default: a fresh SQLite file in a temp dir)")
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--data", type=Path, default=SHARED)
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"error: {args.data} not found", file=sys.stderr)
        return 2
    tmp = tempfile.mkdtemp(prefix="lw-bench-")
    store = open_store(args.db or f"sqlite:///{tmp}/bench.db")
    print(
        f"# listwatch ingest benchmark — {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPU, store {store.dialect.name}"
    )
    files = collect_files([args.data / "un_sc_1988_taliban", args.data / "un_sc_consolidated"])
    files += collect_files([p for p in (args.data / "ofac_sdn_csv").glob("*sdn.csv*")])
    print(f"{'file':<48} {'list':<16} {'entries':>7} {'events':>7} {'seconds':>8}")
    per_kind: dict[str, list[float]] = {"un_sc_sanctions": [], "us_ofac_sdn": []}
    for path in files:
        started = time.perf_counter()
        result = ingest_file(store, path)
        seconds = time.perf_counter() - started
        per_kind.setdefault(result.list_id, []).append(seconds)
        print(
            f"{path.name:<48} {result.list_id:<16} {result.entries:>7} {sum(result.events.values()):>7} "
            f"{seconds:>8.3f}"
        )
    for list_id, times in per_kind.items():
        if times:
            print(
                f"{list_id}: {len(times)} files, mean {statistics.mean(times):.3f} s, max {max(times):.3f} s"
            )

    reader = store.reader()
    pairs = []
    for list_id in ("un_sc_sanctions", "us_ofac_sdn"):
        versions = reader.versions(list_id)
        members = set()
        for v in versions:
            members |= set(reader.version_members(v.id))
        pairs += [(list_id, e) for e in sorted(members)]
    rng = random.Random(7)
    start, span = date(2014, 1, 1), (date(2026, 6, 1) - date(2014, 1, 1)).days
    latencies = []
    for _ in range(args.queries):
        list_id, entity = rng.choice(pairs)
        on = start + timedelta(days=rng.randrange(span))
        known = on + timedelta(days=rng.randrange(-400, 400)) if rng.random() < 0.3 else None
        t = time.perf_counter()
        status_on(reader, entity, list_id, on, known)
        latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(
        f"status: {len(latencies)} queries over {len(pairs)} entities, p50 {p50:.2f} ms, p99 {p99:.2f} ms, "
        f"max {latencies[-1]:.2f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

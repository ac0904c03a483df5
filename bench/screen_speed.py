"""Screening speed: 50,000 names (mostly innocent, some noisy list names) against UN + OFAC SDN + EU +
Rosfinmonitoring, end to end from CSV to output file through the CLI, on this machine; single-name
latency in-process; and the same names through the Jaro-Winkler brute force and nomenklatura's
logic-v2, measured in the same run on samples.

Run: ``.venv/bin/python bench/screen_speed.py [--names 50000] [--repeat 3]``: the end-to-end run is
repeated (this machine's speed varies from run to run) and its median reported with every run.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devset import innocent_names, keying_noise
from lists import screening_versions, version_info
from screen_quality import JaroWinklerBaseline, LogicV2

from listwatch.matching import DEFAULT_THRESHOLD, NameIndex, Screener, build_index, candidates_from_entries
from listwatch.matching.screen import DEFAULT_LIMIT, Query, screen_rows
from listwatch.model import Entry, PartialDate

ROOT = Path(__file__).resolve().parents[1]


# Distinct innocent names the generator draws at most: its name space (12 locales of 25 given and 25
# family names, middle names, either order) holds a few hundred thousand, and drawing near its end
# slows to a crawl. A larger book repeats them with other ids and birth dates, as real books repeat
# common names.
UNIQUE_INNOCENT = 100_000


def customer_queries(pairs: list[tuple[str, Entry]], count: int) -> list[Query]:
    """``count`` customers: one in twenty a list name with a keying error, the rest innocent names with
    birth dates, shuffled with a fixed seed (the same input on every run and in every bench)."""
    noisy = [c.query for c in keying_noise(pairs, count // 20)]
    drawn, _dropped = innocent_names(min(count, UNIQUE_INNOCENT), set())
    pool = [c.query for c in drawn if c.category == "innocent"]  # with birth dates, as a bank holds them
    rng = random.Random(6)
    innocent = pool[: count - len(noisy)]
    for number in range(count - len(noisy) - len(innocent)):
        base = pool[number % len(pool)]
        birth = PartialDate(rng.randint(1950, 2003), rng.randint(1, 12), rng.randint(1, 28))
        innocent.append(Query(f"{base.id}-r{number}", base.name, base.schema, birth))
    queries = noisy + innocent
    random.Random(5).shuffle(queries)
    print(f"input: {len(queries):,} names ({len(noisy):,} noisy list names, "
          f"{len({q.name for q in innocent}):,} distinct innocent names)")  # fmt: skip
    return queries


def write_customers(queries: list[Query], path: Path) -> None:
    """The customers as the CSV ``listwatch screen`` reads: id, name, birth_date."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "birth_date"])
        for q in queries:
            writer.writerow([q.id, q.name, str(q.birth_date) if q.birth_date else ""])
    print(f"input file: {path}")


def print_machine() -> None:
    """How fast this machine runs plain Python, and how busy it is, so that figures from different
    machines (and moments) can be compared."""
    t0 = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    print(f"machine: a 10,000,000-step Python loop takes {time.perf_counter() - t0:.2f} s; "
          f"{os.cpu_count()} CPUs; load {' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="end-to-end runs (this machine's speed varies)")
    args = parser.parse_args()

    print_machine()

    t0 = time.perf_counter()
    versions = screening_versions()
    pairs = [(v.list_id, e) for v in versions for e in v.entries]
    index = build_index(candidates_from_entries(pairs), [version_info(v) for v in versions])
    build_s = time.perf_counter() - t0
    work = Path(tempfile.mkdtemp(prefix="listwatch-speed-"))
    index_path = work / "names.lwi"
    index.save(index_path)
    t0 = time.perf_counter()
    NameIndex.load(index_path)
    load_s = time.perf_counter() - t0
    print(f"lists: {', '.join(f'{v.list_id} {v.published_on} ({len(v.entries)})' for v in versions)}")
    print(f"index: {len(index.candidates):,} entities, {index.name_count:,} names, "
          f"{index.memory_bytes() / 1e6:.1f} MB in memory, {index_path.stat().st_size / 1e6:.1f} MB on disk; "
          f"parse + build {build_s:.1f} s, load from disk {load_s:.2f} s")  # fmt: skip

    input_path = work / "customers.csv"
    queries = customer_queries(pairs, args.names)
    write_customers(queries, input_path)

    output = work / "hits.csv"
    command = [str(ROOT / ".venv" / "bin" / "listwatch"), "screen", str(input_path), "--output", str(output),
               "--index", str(index_path), "--workers", str(args.workers)]  # fmt: skip
    walls = []
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        subprocess.run(command, check=True, env={**os.environ, "COLUMNS": "100"}, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t0)
    rows = sum(1 for _ in output.open(encoding="utf-8")) - 1
    wall = statistics.median(walls)
    runs = ", ".join(f"{w:.2f} s ({len(queries) / w:,.0f}/s)" for w in walls)
    print(f"\nend to end (CLI, {args.workers} workers, process start + index load + CSV in + CSV out): "
          f"median {wall:.2f} s, {len(queries) / wall:,.0f} names/s, {rows:,} hit rows")  # fmt: skip
    print(f"  each run: {runs}")

    screener = Screener(index)
    sample = queries[:5000]
    for q in sample[:500]:  # warm caches as a long-running service would be
        screener.match(q)
    times = []
    for q in sample:
        t = time.perf_counter()
        screener.match(q)
        times.append(time.perf_counter() - t)
    times.sort()
    single_rate = len(times) / sum(times)
    p50 = statistics.median(times) * 1e3
    p99 = times[int(0.99 * len(times))] * 1e3
    print(f"in-process single name ({len(times):,} names, one core): p50 {p50:.2f} ms, p99 {p99:.2f} ms, "
          f"max {times[-1] * 1e3:.1f} ms, {single_rate:,.0f} names/s")  # fmt: skip

    batch = queries[5000:25000]
    t0 = time.process_time()
    for start in range(0, len(batch), 500):
        screen_rows(batch[start : start + 500], screener, DEFAULT_THRESHOLD, DEFAULT_LIMIT)
    batch_rate = len(batch) / (time.process_time() - t0)
    print(f"in-process batches ({len(batch):,} names, one core, CPU time, no files): "
          f"{batch_rate:,.0f} names/s")  # fmt: skip

    baseline = JaroWinklerBaseline(list(candidates_from_entries(pairs)))
    jw_sample = queries[:300]
    t0 = time.perf_counter()
    for q in jw_sample:
        baseline.retrieve(q.name, 0.9, 10)
    jw_rate = len(jw_sample) / (time.perf_counter() - t0)
    print(f"Jaro-Winkler brute force (one core, {len(jw_sample)} names): {jw_rate:,.1f} names/s; "
          f"listwatch single core is {single_rate / jw_rate:,.0f}x faster")  # fmt: skip

    candidates = list(candidates_from_entries(pairs))
    logic = LogicV2(candidates)
    from devset import Case

    lv_sample = queries[:100]
    scored = 0
    t0 = time.perf_counter()
    for q in lv_sample:
        ids = [e for e, _s in baseline.retrieve(q.name, 0.0, 10)]
        ids += [h.entity_id for h in screener.match(q, 0.0, 10)]
        ids = list(dict.fromkeys(ids))
        scored += len(ids)
        logic.score(Case("speed", q, None), ids)
    lv_rate = len(lv_sample) / (time.perf_counter() - t0)
    print(f"logic-v2 (one core, {len(lv_sample)} names, {scored / len(lv_sample):.1f} candidates each from "
          f"listwatch's and the baseline's 10 best, retrieval time included): {lv_rate:,.1f} names/s; "
          f"listwatch single core is {single_rate / lv_rate:,.0f}x faster")  # fmt: skip


if __name__ == "__main__":
    main()

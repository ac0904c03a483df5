"""Screening speed on the harder load (issue 15): the index of UN + OFAC SDN with its ``alt.csv``
aliases (the 2021-07-07 trio) + EU + Rosfinmonitoring; 50,000 input names, 45,000 of them innocent
names from every locale of the development set (``devset.LOCALES``, ``devset_locales.MORE_LOCALES``:
a fifth or more in Cyrillic, Arabic or Persian script) and 5,000 noisy list names (keying errors,
middle names added or dropped, particles fused, parts reordered). End to end from CSV to output file
through the CLI; single-name latency in-process; the Jaro-Winkler brute force and nomenklatura's
logic-v2 in the same run on samples; how the time grows with the index doubled (UK and Canada added)
and with the input ten times larger (``--grow``).

Run: ``.venv/bin/python bench/screen_speed.py [--names 50000] [--repeat 3] [--grow]``: the end-to-end
run is repeated (this machine's speed varies from run to run) and its median reported with every run.
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

from devset import LOCALES, SEED, innocent_names, keying_noise
from devset_locales import MORE_LOCALES
from devset_variation import middle_added, middle_dropped, particles, token_order
from lists import parse, version_info
from screen_quality import JaroWinklerBaseline, LogicV2

from listwatch.matching import DEFAULT_THRESHOLD, NameIndex, Screener, build_index, candidates_from_entries
from listwatch.matching.screen import DEFAULT_LIMIT, Query, screen_rows
from listwatch.matching.scripts import has_arabic, has_cyrillic
from listwatch.model import Entry, PartialDate

ROOT = Path(__file__).resolve().parents[1]
HARDER_FILES = (
    ("un_sc_consolidated/2026-02-27-UN_consolidated.xml.gz", "un_sc"),
    ("ofac_sdn_csv/2021-07-07-sdn.csv.gz", "ofac_csv"),  # with 2021-07-07-alt.csv.gz and add.csv.gz
    ("eu_terrorist_list_opensanctions/2026-08-14-32002R0881.csv.gz", "eu_journal"),
    ("eu_terrorist_list_opensanctions/2026-08-14-32001R2580.csv", "eu_journal"),
    ("ru_rosfinmonitoring/2022-05-20-RFM.csv", "rosfin"),
)
DOUBLED_FILES = (
    ("uk_hmt_conlist/2018-04-13-sanctionsconlist.csv.gz", "uk_hmt"),
    ("ca_sema/2020-04-15-sema-lmes.xml.gz", "ca_sema"),
)


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


def innocent_queries(count: int) -> list[Query]:
    """Innocent names from every locale in turn (given, family, sometimes a middle name, sometimes
    family first), with a birth date as a bank holds them."""
    rng = random.Random(SEED + 30)
    locales = {**LOCALES, **MORE_LOCALES}
    names = list(locales)
    out = []
    for number in range(count):
        given, family = (t.split() for t in locales[names[number % len(names)]])
        parts = [rng.choice(given), rng.choice(family)]
        if rng.random() < 0.3:
            parts.insert(1, rng.choice(given))
        if rng.random() < 0.3:
            parts = [parts[-1], *parts[:-1]]
        birth = PartialDate(rng.randint(1950, 2003), rng.randint(1, 12), rng.randint(1, 28))
        out.append(Query(f"inn-{number}", " ".join(parts), None, birth))
    return out


def noisy_queries(pairs: list[tuple[str, Entry]], count: int) -> list[Query]:
    share = count // 5
    cases = keying_noise(pairs, share) + middle_added(pairs, share) + middle_dropped(pairs, share)
    cases += particles(pairs, share) + token_order(pairs, share)
    return [c.query for c in cases][:count]


def build(files: tuple[tuple[str, str], ...]) -> tuple[NameIndex, list[tuple[str, Entry]], float]:
    t0 = time.perf_counter()
    versions = [parse(relative, module) for relative, module in files]
    pairs = [(v.list_id, e) for v in versions for e in v.entries]
    index = build_index(candidates_from_entries(pairs), [version_info(v) for v in versions])
    return index, pairs, time.perf_counter() - t0


def end_to_end(index: NameIndex, queries: list[Query], work: Path, workers: int, repeat: int) -> list[float]:
    """Wall times of the CLI screening ``queries`` (a CSV) against ``index`` (a file), each run."""
    index_path = work / f"names-{index.name_count}.lwi"
    if not index_path.exists():
        index.save(index_path)
    input_path = work / f"customers-{len(queries)}.csv"
    write_customers(queries, input_path)
    output = work / "hits.csv"
    command = [str(ROOT / ".venv" / "bin" / "listwatch"), "screen", str(input_path), "--output", str(output),
               "--index", str(index_path), "--workers", str(workers)]  # fmt: skip
    walls = []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        subprocess.run(command, check=True, env={**os.environ, "COLUMNS": "100"}, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t0)
    return walls


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="end-to-end runs (this machine's speed varies)")
    parser.add_argument("--grow", action="store_true", help="also the index doubled and the input x10")
    args = parser.parse_args()

    print_machine()

    index, pairs, build_s = build(HARDER_FILES)
    work = Path(tempfile.mkdtemp(prefix="listwatch-speed-"))
    index_path = work / f"names-{index.name_count}.lwi"
    index.save(index_path)
    t0 = time.perf_counter()
    NameIndex.load(index_path)
    load_s = time.perf_counter() - t0
    held = ", ".join(f"{v['list_id']} {v['published']}" for v in index.versions)
    print(f"lists: {held}")
    print(f"index: {len(index.candidates):,} entities, {index.name_count:,} names, "
          f"{index.memory_bytes() / 1e6:.1f} MB in memory, {index_path.stat().st_size / 1e6:.1f} MB on disk; "
          f"parse + build {build_s:.1f} s, load from disk {load_s:.2f} s")  # fmt: skip

    noisy = noisy_queries(pairs, args.names // 10)
    queries = noisy + innocent_queries(args.names - len(noisy))
    random.Random(5).shuffle(queries)
    scripts = sum(1 for q in queries if not q.name.isascii() and (has_cyrillic(q.name) or has_arabic(q.name)))
    print(f"input: {len(queries):,} names ({len(noisy):,} noisy list names; {scripts:,} in Cyrillic, "
          f"Arabic or Persian script)")  # fmt: skip

    walls = end_to_end(index, queries, work, args.workers, args.repeat)
    wall = statistics.median(walls)
    runs = ", ".join(f"{w:.2f} s ({len(queries) / w:,.0f}/s)" for w in walls)
    print(f"\nend to end (CLI, {args.workers} workers, process start + index load + CSV in + CSV out): "
          f"median {wall:.2f} s, {len(queries) / wall:,.0f} names/s")  # fmt: skip
    print(f"  each run: {runs}")
    if args.grow:
        doubled, _pairs, _s = build(HARDER_FILES + DOUBLED_FILES)
        grown = end_to_end(doubled, queries, work, args.workers, 1)[0]
        print(f"index doubled ({doubled.name_count:,} names, + UK 2018 and Canada SEMA): {grown:.2f} s, "
              f"{len(queries) / grown:,.0f} names/s ({grown / wall:.2f}x the time), "
              f"{doubled.memory_bytes() / 1e6:.1f} MB in memory")  # fmt: skip
        many = [Query(f"{q.id}-{k}", q.name, q.schema, q.birth_date) for k in range(10) for q in queries]
        tenfold = end_to_end(index, many, work, args.workers, 1)[0]
        print(f"input x10 ({len(many):,} names): {tenfold:.2f} s, {len(many) / tenfold:,.0f} names/s "
              f"({tenfold / wall:.2f}x the time)")  # fmt: skip

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
          f"listwatch single core is {single_rate / jw_rate:,.0f}x faster, end to end on "
          f"{args.workers} workers {len(queries) / wall / jw_rate:,.0f}x")  # fmt: skip

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

"""Spark engine speed: the same customers (generated as in ``bench/screen_speed.py``) through
``listwatch screen`` on the default engine and on Spark at ``local[1]`` and ``local[2]``, end to end
through the CLI, in one run; names/s of each, the ratios (issue 17 targets: Spark ``local[2]`` >= 0.7x
the default engine, ``local[1]`` -> ``local[2]`` >= 1.8x), whether the three output files are identical,
and an estimate of a 50,000,000-name book on a 32-core cluster from the measured per-partition cost.

Run: ``.venv/bin/python bench/spark_speed.py [--names 1000000] [--workers 2] [--cores 32]
[--book 50000000] [--margin-names 250000]``: three CLI runs and a small one, then two runs at each of
local[1] and local[2] in a warm session. It needs pyspark (``pip install 'listwatch[spark]'``) and
Java 17, and an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import filecmp
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lists import screening_versions, version_info
from screen_speed import customer_queries, print_machine, write_customers

from listwatch.matching import NameIndex, Screener, build_index, candidates_from_entries
from listwatch.matching.screen import DEFAULT_LIMIT, DEFAULT_THRESHOLD
from listwatch.spark.engine import screen_partition
from listwatch.spark.files import PARTITION_ROWS

ROOT = Path(__file__).resolve().parents[1]
LISTWATCH = str(ROOT / ".venv" / "bin" / "listwatch")


def run(label: str, arguments: list[str], names: int) -> float:
    """One CLI run, timed from process start to exit; prints and returns its wall seconds."""
    t0 = time.perf_counter()
    subprocess.run([LISTWATCH, "screen", *arguments], check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "COLUMNS": "100"})  # fmt: skip
    wall = time.perf_counter() - t0
    print(f"  {label:<34} {wall:8.2f} s  {names / wall:10,.0f} names/s", flush=True)
    return wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2, help="the default engine's worker processes")
    parser.add_argument("--cores", type=int, default=32, help="cluster cores of the estimate")
    parser.add_argument("--book", type=int, default=50_000_000, help="names of the estimate's book")
    parser.add_argument("--margin-names", type=int, default=250_000,
                        help="names of the larger marginal run (the smaller is a fifth)")  # fmt: skip
    args = parser.parse_args()

    print_machine()

    versions = screening_versions()
    pairs = [(v.list_id, e) for v in versions for e in v.entries]
    index = build_index(candidates_from_entries(pairs), [version_info(v) for v in versions])
    work = Path(tempfile.mkdtemp(prefix="listwatch-spark-speed-"))
    index_path = work / "names.lwi"
    index.save(index_path)
    print(f"index: {len(index.candidates):,} entities, {index.name_count:,} names, {index_path}")
    queries = customer_queries(pairs, args.names)
    input_path = work / "customers.csv"
    write_customers(queries, input_path)
    small_path = work / "small.csv"
    write_customers(queries[:200], small_path)

    def arguments(source: Path, out: Path, *extra: str) -> list[str]:
        return [str(source), "--output", str(out), "--index", str(index_path), *extra]

    print("\nend to end through the CLI (process start + index load + CSV in + CSV out):")
    default_out, one_out, two_out = work / "default.csv", work / "local1.csv", work / "local2.csv"
    workers = str(args.workers)
    default_s = run(f"default engine, {workers} workers",
                    arguments(input_path, default_out, "--workers", workers), args.names)  # fmt: skip
    one_s = run("spark local[1]", arguments(input_path, one_out, "--engine", "spark", "--master", "local[1]"),
                args.names)  # fmt: skip
    two_s = run("spark local[2]", arguments(input_path, two_out, "--engine", "spark", "--master", "local[2]"),
                args.names)  # fmt: skip
    # The fixed cost of a Spark job (JVM and Python workers started, index shipped, 200 names).
    fixed_s = run("spark local[1], 200 names (fixed)",
                  arguments(small_path, work / "small1.csv", "--engine", "spark", "--master", "local[1]"),
                  200)  # fmt: skip

    rows = sum(1 for _ in default_out.open(encoding="utf-8")) - 1
    same = filecmp.cmp(default_out, one_out, shallow=False) and filecmp.cmp(
        default_out, two_out, shallow=False
    )
    print(f"\nhit rows: {rows:,}; the three output files are {'identical' if same else 'DIFFERENT'}")
    ratio_default = (args.names / two_s) / (args.names / default_s)
    scaling = one_s / two_s
    print(f"spark local[2] / default engine: {ratio_default:.2f}x (target >= 0.70x)")
    print(f"spark local[1] -> local[2]:      {scaling:.2f}x (target >= 1.80x)")

    # What one task runs, without Spark: the matching core over one partition's rows, on one core.
    screener = Screener(index)
    screener.prepare()
    sample = queries[: min(PARTITION_ROWS, len(queries))]
    rows_in = [
        {"id": q.id, "name": q.name, "birth_date": str(q.birth_date) if q.birth_date else None}
        for q in sample
    ]
    t0 = time.perf_counter()
    for _ in screen_partition(iter([pa.RecordBatch.from_pylist(rows_in)]), screener, DEFAULT_THRESHOLD,
                              DEFAULT_LIMIT, first_row=1):  # fmt: skip
        pass
    core_s = (time.perf_counter() - t0) * PARTITION_ROWS / len(sample)
    print(f"\nthe matching core alone (one core, no Spark): {core_s:.2f} s per {PARTITION_ROWS:,} names")

    # The cluster's way: Parquet in, listwatch.spark.screen on the DataFrame, the hits written by the
    # executors (a no-op sink here). The marginal cost of a name, from a run on all the names and one on
    # a fifth of them in the same warm session, leaves out the fixed costs (JVM, workers, index).
    marginal = {}
    for cores in (1, 2):
        marginal[cores] = _marginal(input_path, work, index, cores, args.margin_names)
        print(f"  spark local[{cores}], Parquet in, no-op out: {marginal[cores]['line']}")
    if marginal[1]["per_name"] is None:
        print("  the larger local[1] run was not slower than the smaller: the machine is too busy to tell; "
              "the estimate below takes the matching core's cost with no Spark overhead")  # fmt: skip
        per_partition = core_s
    else:
        per_partition = marginal[1]["per_name"] * PARTITION_ROWS
        scale = marginal[1]["per_name"] / marginal[2]["per_name"] if marginal[2]["per_name"] else None
        print(f"  local[1] -> local[2] at the margin: {f'{scale:.2f}x' if scale else 'not measurable'}; "
              f"one Spark task of {PARTITION_ROWS:,} names: {per_partition:.2f} s "
              f"({per_partition / core_s:.2f}x the core alone)")  # fmt: skip

    book_partitions = -(-args.book // PARTITION_ROWS)
    waves = math.ceil(book_partitions / args.cores)
    estimate_s = fixed_s + waves * per_partition
    print(f"\nestimate: {args.book:,} names on {args.cores} cores = {book_partitions:,} partitions of "
          f"{PARTITION_ROWS:,}, in {waves} waves x {per_partition:.2f} s + {fixed_s:.1f} s fixed (the "
          f"200-name job) = {estimate_s / 60:.1f} min ({args.book / estimate_s:,.0f} names/s), if each "
          f"cluster core is as fast as one of this machine's and its executors read Parquet and write the "
          f"hits themselves")  # fmt: skip


def _marginal(input_path: Path, work: Path, index: NameIndex, cores: int, most: int) -> dict[str, Any]:
    """Seconds per name at ``local[cores]`` between a run on a fifth of ``most`` names and one on all."""
    from listwatch.spark.engine import ROW, screen, session
    from listwatch.spark.files import input_table

    table = input_table(input_path)
    total = min(table.num_rows, most)
    sizes = (max(total // 5, 1), total)
    for rows in sizes:
        pq.write_table(table.slice(0, rows), work / f"input-{rows}.parquet")
    spark = session(f"local[{cores}]")
    try:

        def run(rows: int) -> float:
            frame = spark.read.parquet(str(work / f"input-{rows}.parquet"))
            frame = frame.repartition(max(cores * 2, -(-rows // PARTITION_ROWS)))
            t0 = time.perf_counter()
            screen(frame, index, row_column=ROW).write.format("noop").mode("overwrite").save()
            return time.perf_counter() - t0

        run(sizes[0])  # warm: the JVM's code, the Python workers and their screeners
        small, large = run(sizes[0]), run(sizes[1])
    finally:
        spark.stop()
    per_name = (large - small) / (sizes[1] - sizes[0]) if large > small else None
    margin = f"{1 / per_name:,.0f} names/s at the margin" if per_name else "no margin (noise)"
    return {
        "per_name": per_name,
        "line": f"{sizes[0]:,} names {small:.2f} s, {sizes[1]:,} names {large:.2f} s: {margin}",
    }


if __name__ == "__main__":
    main()

"""Spark engine speed: the same customers (generated as in ``bench/screen_speed.py``) through
``listwatch screen`` on the default engine and on Spark at ``local[1]`` and ``local[2]``, end to end
through the CLI, in one run; names/s of each, the ratios (issue 17 targets: Spark ``local[2]`` >= 0.7x
the default engine, ``local[1]`` -> ``local[2]`` >= 1.8x), whether the three output files are identical,
and an estimate of a 50,000,000-name book on a 32-core cluster from the measured per-partition cost.

Run: ``.venv/bin/python bench/spark_speed.py [--names 1000000] [--workers 2] [--cores 32]
[--book 50000000]``. It needs pyspark (``pip install 'listwatch[spark]'``) and Java 17.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lists import screening_versions, version_info
from screen_speed import customer_queries, print_machine, write_customers

from listwatch.matching import Screener, build_index, candidates_from_entries
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


def partitions(names: int, cores: int) -> int:
    """The partitions ``screen --engine spark`` makes (``spark.files.screen_file``)."""
    return max(cores * 2, -(-names // PARTITION_ROWS))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2, help="the default engine's worker processes")
    parser.add_argument("--cores", type=int, default=32, help="cluster cores of the estimate")
    parser.add_argument("--book", type=int, default=50_000_000, help="names of the estimate's book")
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
    import pyarrow as pa

    t0 = time.perf_counter()
    for _ in screen_partition(iter([pa.RecordBatch.from_pylist(rows_in)]), screener, DEFAULT_THRESHOLD,
                              DEFAULT_LIMIT, first_row=1):  # fmt: skip
        pass
    core_s = (time.perf_counter() - t0) * PARTITION_ROWS / len(sample)
    one_partitions = partitions(args.names, 1)
    spark_partition_s = max(one_s - fixed_s, 0.0) / one_partitions
    print(f"\nper partition of {PARTITION_ROWS:,} rows: {core_s:.2f} s in the matching core alone (one "
          f"core, no Spark); {spark_partition_s:.2f} s as a Spark task at local[1] (({one_s:.1f} s - "
          f"{fixed_s:.1f} s fixed) / {one_partitions} partitions; CSV in, out)")  # fmt: skip

    book_partitions = -(-args.book // PARTITION_ROWS)
    waves = math.ceil(book_partitions / args.cores)
    estimate_s = fixed_s + waves * spark_partition_s
    print(f"\nestimate: {args.book:,} names on {args.cores} cores = {book_partitions:,} partitions in "
          f"{waves} waves x {spark_partition_s:.2f} s + {fixed_s:.1f} s fixed = {estimate_s / 60:.1f} min "
          f"({args.book / estimate_s:,.0f} names/s), if each cluster core is as fast as one of this "
          f"machine's and the input is read and the hits written by the executors (Parquet in and out, "
          f"listwatch.spark.screen on a DataFrame) rather than through one driver")  # fmt: skip


if __name__ == "__main__":
    main()

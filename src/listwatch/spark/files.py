"""``listwatch screen --engine spark``: a file of names through a Spark job, into the same output file
the default engine writes.

The input is read by the CLI's own reader (``matching.files.read_queries``), so a file means the same
rows, with the same warnings, on both engines; each row carries its position, so hits come back in
input order and a row without an id is ``row N`` as on the default engine. The hits are collected to
the driver as Arrow and written by the CLI's ``HitWriter`` (``OUT.partial`` renamed at the end).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from listwatch.matching import NameIndex
from listwatch.matching.files import INPUT_COLUMNS, HitWriter, count_rows, read_queries
from listwatch.matching.resolved import Groups
from listwatch.matching.screen import OUTPUT_SCHEMA
from listwatch.spark.engine import ROW, SEQ, screen, session

# Rows per Spark partition: enough partitions that both local cores (or a cluster's) stay busy to the
# end, few enough that each task's start (and its first-batch index load) is a small share.
PARTITION_ROWS = 25_000
# Rows handed to Spark per Arrow batch when the input table is made.
READ_BATCH = 20_000


def _clean(value: Any) -> Any:
    """Arrow strings are UTF-8: undecodable bytes (kept as surrogates by the reader) become U+FFFD,
    which ``queries_from_rows`` reports as it does on the default engine."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return value


def _column(values: list[Any]) -> list[str | None]:
    texts = [None if v is None else v if isinstance(v, str) else str(v) for v in values]
    try:  # one check for the batch: undecodable bytes are rare, and only then is each value looked at
        "\x00".join(t for t in texts if t is not None).encode("utf-8")
    except UnicodeEncodeError:
        return [_clean(t) for t in texts]
    return texts


def input_table(path: Path) -> pa.Table:
    """The input file as an Arrow table of string columns plus each row's 1-based position."""
    columns: dict[str, list[Any]] = {c: [] for c in INPUT_COLUMNS}
    columns[ROW] = []
    for batch in read_queries(path, READ_BATCH):
        for name in INPUT_COLUMNS:
            columns[name].extend(_column([row.get(name) for row in batch]))
        start = len(columns[ROW]) + 1
        columns[ROW].extend(range(start, start + len(batch)))
    fields = [pa.field(c, pa.string()) for c in INPUT_COLUMNS] + [pa.field(ROW, pa.int64())]
    return pa.table(columns, schema=pa.schema(fields))


def _batches(table: pa.Table) -> Iterator[dict[str, list[Any]]]:
    for batch in table.to_batches(max_chunksize=50_000):
        yield batch.to_pydict()


def screen_file(
    input_path: Path,
    output: Path,
    index: NameIndex,
    threshold: float,
    limit: int,
    metadata: dict[str, Any],
    master: str = "local[2]",
    groups: Groups | None = None,
) -> tuple[int, int, float]:
    """Screen ``input_path`` into ``output`` on Spark; returns (names, output rows, seconds)."""
    count_rows(input_path)  # a missing file or an unknown extension is reported before Spark starts
    started = time.perf_counter()
    table = input_table(input_path)
    spark = session(master)
    partitions = max(spark.sparkContext.defaultParallelism * 2, -(-table.num_rows // PARTITION_ROWS))
    frame = spark.createDataFrame(table).repartition(partitions)
    # Sorted here, not by Spark: the hits are collected anyway, and a Spark sort would screen twice.
    hits = screen(frame, index, threshold, limit, row_column=ROW, positions=True, groups=groups).toArrow()
    result = hits.sort_by([(ROW, "ascending"), (SEQ, "ascending")]).select(OUTPUT_SCHEMA.names)
    result = result.cast(OUTPUT_SCHEMA)
    meta_text = {"listwatch": json.dumps(metadata, ensure_ascii=False)}
    with HitWriter(output, meta_text) as writer:
        for columns in _batches(result):
            writer.write(columns)
        rows = writer.rows
    seconds = time.perf_counter() - started
    meta_path = output.with_name(output.name + ".meta.json")
    meta_path.write_text(
        json.dumps({**metadata, "names": table.num_rows, "rows": rows}, indent=2, ensure_ascii=False)
    )
    return table.num_rows, rows, seconds

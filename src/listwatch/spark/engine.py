"""``screen(df, index)``: a Spark DataFrame of names in, a DataFrame of hits out, the columns of
``listwatch screen``.

The index travels once: as a broadcast of its bytes (``NameIndex.to_bytes``, a few MB) or, for a large
cluster, as the path of a persisted ``.lwi`` file on storage every executor reads. Each Python worker
builds its ``Screener`` once, on the first batch it gets, and keeps it for the tasks that follow (Spark
reuses Python workers), keyed by the index's digest so that two jobs with two indexes never mix.

A row without an ``id`` is named ``row N`` as the CLI names it, N its 1-based position in the input:
positions come from a ``row_column`` the caller gives (the CLI does), or from a first pass that counts
each partition's rows, which needs a DataFrame whose partitions are the same on every evaluation (a
file read, or a cached or checkpointed frame).
"""

from __future__ import annotations

import hashlib
import os
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from listwatch.errors import InputError, ListwatchError
from listwatch.matching import DEFAULT_THRESHOLD, NameIndex, Screener
from listwatch.matching.resolved import Groups
from listwatch.matching.screen import DEFAULT_LIMIT, OUTPUT_SCHEMA, queries_from_rows, screen_rows

if TYPE_CHECKING:  # pyspark is an optional extra: imported only where a Spark job is made
    from pyspark.sql import DataFrame, SparkSession

ROW = "_lw_row"  # the input position of the row a hit belongs to
SEQ = "_lw_seq"  # the hit's place among the output rows of its partition, to keep the CLI's order
INPUT_COLUMNS = ("id", "name", "schema", "birth_date", "country")
_HIT_DDL = ", ".join(
    f"{field.name} {'double' if pa.types.is_floating(field.type) else 'string'}" for field in OUTPUT_SCHEMA
)
_SCREENERS: dict[str, Screener] = {}  # per Python worker process: index digest -> screener


def _require_pyspark() -> Any:
    # pyspark warns on every Arrow conversion when pandas 3 is installed; listwatch's jobs pass Arrow
    # batches and never a pandas frame, so the warning says nothing about them.
    warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
    try:
        import pyspark
    except ImportError:  # pragma: no cover - depends on the environment
        raise ListwatchError(
            "the Spark engine needs pyspark: pip install 'listwatch[spark]' (and Java 17 or newer)"
        ) from None
    return pyspark


def session(master: str = "local[2]", app_name: str = "listwatch", **conf: str) -> SparkSession:
    """A SparkSession for listwatch jobs: Arrow batches on, the UI off, and the workers on this very
    Python (a virtual environment's listwatch is what they import)."""
    _require_pyspark()
    from pyspark.sql import SparkSession

    # Spark binds to the host's first address by default; listwatch's jobs talk to this machine only.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # Local workers are started by the JVM from PYSPARK_PYTHON: this interpreter, whose environment has
    # listwatch (the ``spark.pyspark.python`` setting below is what a cluster's executors read).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")  # the CLI draws no Spark stage bars over its output
        .config("spark.driver.host", os.environ["SPARK_LOCAL_IP"])
        .config("spark.driver.bindAddress", os.environ["SPARK_LOCAL_IP"])
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "5000")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.pyspark.driver.python", sys.executable)
        .config("spark.python.worker.reuse", "true")
        .config("spark.sql.shuffle.partitions", "8")
    )
    for key, value in conf.items():
        builder = builder.config(key.replace("_", "."), value)
    return builder.getOrCreate()


def _screener(payload: bytes | str, digest: str) -> Screener:
    screener = _SCREENERS.get(digest)
    if screener is None:
        if isinstance(payload, str):
            index = NameIndex.load(Path(payload))
        else:
            index = NameIndex.from_bytes(payload, source="<broadcast>")
        screener = Screener(index)
        screener.prepare()
        _SCREENERS.clear()  # one index per worker at a time: a new job's index replaces the old one
        _SCREENERS[digest] = screener
    return screener


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def screen_partition(
    batches: Iterator[pa.RecordBatch],
    screener: Screener,
    threshold: float,
    limit: int,
    first_row: int | None = None,
    groups: Groups | None = None,
) -> Iterator[pa.RecordBatch]:
    """The hits of one partition, with each hit's input position and output place. ``first_row`` is the
    partition's first position when the input has no row column. Exposed for tests: it is what every
    Spark task runs, without Spark."""
    seq = 0
    position = first_row
    for batch in batches:
        rows = batch.to_pylist()
        if not rows:
            continue
        numbers: list[int] = []
        for row in rows:
            if ROW in row and row[ROW] is not None:
                numbers.append(int(row[ROW]))
            else:
                assert position is not None, "no row column and no partition offset"
                numbers.append(position)
                position += 1
        # Each row is screened under its position as the query id, so that two rows with one id (a
        # customer file repeats them) stay apart; the ids are put back below.
        keyed = [{**row, "id": str(number)} for row, number in zip(rows, numbers, strict=True)]
        ids = {str(n): _text(r.get("id")) or f"row {n}" for r, n in zip(rows, numbers, strict=True)}
        columns = screen_rows(queries_from_rows(keyed), screener, threshold, limit, groups)
        keys = columns["query_id"]
        columns[ROW] = [int(key) for key in keys]
        columns["query_id"] = [ids[key] for key in keys]
        columns[SEQ] = list(range(seq, seq + len(keys)))
        seq += len(keys)
        yield pa.RecordBatch.from_pydict(
            columns,
            schema=OUTPUT_SCHEMA.append(pa.field(ROW, pa.int64())).append(pa.field(SEQ, pa.int64())),
        )


def _offsets(df: DataFrame) -> dict[int, int]:
    """Each partition's first 1-based row position, from a pass that counts the rows of each."""

    def count(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from pyspark import TaskContext

        context = TaskContext.get()
        assert context is not None
        total = sum(batch.num_rows for batch in batches)
        yield pa.RecordBatch.from_pydict(
            {
                "partition": pa.array([context.partitionId()], pa.int32()),
                "rows": pa.array([total], pa.int64()),
            }
        )

    counts = sorted(df.select("name").mapInArrow(count, "partition int, rows long").collect())
    offsets, start = {}, 1
    for partition, rows in counts:
        offsets[partition] = start
        start += rows
    return offsets


def screen(
    df: DataFrame,
    index: NameIndex | Path | str,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
    *,
    row_column: str | None = None,
    ordered: bool = False,
    positions: bool = False,
    groups: Groups | None = None,
) -> DataFrame:
    """Screen every row of ``df`` (columns ``id``, ``name``, optional ``schema``, ``birth_date``,
    ``country``): one output row per hit and one per row that carries a warning, the columns of
    ``listwatch screen``. ``index`` is an in-memory index (broadcast) or the path of a persisted one that
    every executor can read. ``ordered`` sorts the result into input order (a shuffle: the CLI asks
    for it, a pipeline that joins on ``query_id`` need not). ``positions`` keeps each hit's input row
    and place (columns ``_lw_row``, ``_lw_seq``), for a caller that sorts the collected hits itself:
    a Spark sort samples its input first, which runs the whole screening twice. ``groups``
    (``matching.resolved.groups_for``): one row per resolved entity, as the CLI writes; they travel
    with each task."""
    _require_pyspark()
    from pyspark.sql import functions as F

    if "name" not in df.columns:
        raise InputError("<DataFrame>", f"no 'name' column (columns: {', '.join(df.columns)})", field="name")
    if not 0.0 <= threshold <= 1.0:
        raise InputError("threshold", f"{threshold} is not between 0 and 1", field="threshold")
    wanted = [F.col(c).cast("string").alias(c) for c in INPUT_COLUMNS if c in df.columns]
    if row_column is not None:
        wanted.append(F.col(row_column).cast("long").alias(ROW))
    frame = df.select(*wanted)
    path_payload: str | None = None
    if isinstance(index, NameIndex):
        data = index.to_bytes()
        digest = hashlib.sha256(data).hexdigest()
        shared: Any = df.sparkSession.sparkContext.broadcast(data)
    else:
        path = Path(index)
        if not path.exists():
            raise InputError(path, "index file not found")
        path_payload = str(path.resolve())
        digest = hashlib.sha256(f"{path_payload}:{path.stat().st_mtime_ns}".encode()).hexdigest()
        shared = None
    offsets = _offsets(frame) if row_column is None else {}

    def task(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from pyspark import TaskContext

        context = TaskContext.get()
        first = offsets.get(context.partitionId()) if context is not None and offsets else None
        source: bytes | str = shared.value if shared is not None else str(path_payload)
        yield from screen_partition(batches, _screener(source, digest), threshold, limit, first, groups)

    hits = frame.mapInArrow(task, f"{_HIT_DDL}, {ROW} long, {SEQ} long")
    if ordered:
        hits = hits.orderBy(ROW, SEQ)
    return hits if positions else hits.select(*OUTPUT_SCHEMA.names)

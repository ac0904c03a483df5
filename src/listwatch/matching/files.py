"""Query files in and hit files out: CSV, Parquet or JSON lines, chosen by extension.

This is the I/O edge around the pure core. Output is written incrementally to ``OUT.partial`` (each
batch of hits as soon as it is scored) and renamed to ``OUT`` only when the whole input is done; on an
error (a full disk, Ctrl-C) the partial file is removed: ``OUT`` is whole, or absent.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from listwatch.errors import InputError
from listwatch.matching.screen import OUTPUT_SCHEMA

FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}
INPUT_COLUMNS = ("id", "name", "schema", "birth_date", "country")


def file_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(path, f"unknown file type {path.suffix!r}: use .csv, .parquet or .jsonl")
    return fmt


def count_rows(path: Path) -> int | None:
    if not path.exists():
        raise InputError(path, "input file not found")
    fmt = file_format(path)
    if fmt == "parquet":
        return int(pq.ParquetFile(path).metadata.num_rows)
    with path.open("rb") as handle:
        lines = sum(1 for _ in handle)
    return lines - 1 if fmt == "csv" else lines


def read_queries(path: Path, batch_size: int = 2000) -> Iterator[list[dict[str, Any]]]:
    """Rows of the input file in batches. Undecodable bytes are kept as surrogates so the row can be
    reported (``queries_from_rows`` turns it into a warning) instead of stopping the file."""
    if not path.exists():
        raise InputError(path, "input file not found")
    fmt = file_format(path)
    if fmt == "parquet":
        reader = pq.ParquetFile(path)
        names = reader.schema_arrow.names
        _check_columns(path, names)
        for record_batch in reader.iter_batches(batch_size, columns=[c for c in INPUT_COLUMNS if c in names]):
            yield record_batch.to_pylist()
        return
    with path.open(encoding="utf-8", errors="surrogateescape", newline="") as handle:
        if fmt == "csv":
            csv.field_size_limit(sys.maxsize)
            rows: Iterator[dict[str, Any]] = csv.DictReader(handle)
            _check_columns(path, list(rows.fieldnames or []))  # type: ignore[attr-defined]
        else:
            rows = _json_lines(path, handle)
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch


def _json_lines(path: Path, handle: Any) -> Iterator[dict[str, Any]]:
    checked = False
    for number, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            row = {"id": f"line {number}", "name": "", "_error": "not JSON"}
        if not isinstance(row, dict):
            row = {"id": f"line {number}", "name": ""}
        if not checked:
            _check_columns(path, list(row))
            checked = True
        yield row


def _check_columns(path: Path, names: list[str]) -> None:
    if "name" not in names:
        raise InputError(
            path, f"no 'name' column (columns: {', '.join(names) or 'none'})", field="name", line=1
        )


class HitWriter:
    """Appends hit batches to ``OUT.partial``; ``OUT`` appears, whole, only on success.

    CSV and JSON lines are written row by row with the standard library: building an Arrow table
    imports pandas when it is installed (half a second here), which a run of a few names would pay.
    """

    def __init__(self, path: Path, metadata: dict[str, str] | None = None) -> None:
        self.path = path
        self.format = file_format(path)
        self.partial = path.with_name(path.name + ".partial")
        self.rows = 0
        self._parquet: pq.ParquetWriter | None = None
        self._handle: Any = None
        try:
            if self.format == "parquet":
                self._parquet = pq.ParquetWriter(self.partial, OUTPUT_SCHEMA.with_metadata(metadata or {}))
            else:
                # An id with undecodable bytes is written back as the bytes it was read as.
                self._handle = self.partial.open("w", encoding="utf-8", errors="surrogateescape", newline="")
                self._csv = csv.writer(self._handle)
                if self.format == "csv":
                    self._csv.writerow(OUTPUT_SCHEMA.names)
        except BaseException:
            self.partial.unlink(missing_ok=True)
            raise

    def write(self, columns: dict[str, list[Any]]) -> None:
        count = len(columns["query_id"])
        if self._parquet is not None:
            self._parquet.write_table(pa.table(columns, schema=OUTPUT_SCHEMA))
        elif self.format == "csv":
            self._csv.writerows(zip(*(columns[name] for name in OUTPUT_SCHEMA.names), strict=True))
            self._handle.flush()
        else:
            names = OUTPUT_SCHEMA.names
            for values in zip(*(columns[name] for name in names), strict=True):
                row = dict(zip(names, values, strict=True))
                self._handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            self._handle.flush()
        self.rows += count

    def __enter__(self) -> HitWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if self._parquet is not None:
                self._parquet.close()
            else:
                self._handle.close()
            if kind is None:
                self.partial.replace(self.path)
        finally:
            # A failure (a full disk, Ctrl-C, a bad row) leaves nothing half-written behind.
            self.partial.unlink(missing_ok=True)

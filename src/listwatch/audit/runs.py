"""Screening runs as facts: what was screened, against which list versions, by which algorithm, with
what result. Written once, never edited, so an auditor can be shown later exactly what a run saw, and
``replay`` can re-run it against the record as it stood then.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from listwatch.errors import NotFound
from listwatch.matching.files import file_format
from listwatch.store import Store
from listwatch.store.base import now_iso

_COLUMNS = (
    "id, kind, started_at, finished_at, input_name, input_sha256, input_rows, input_body, as_of, known_at, "
    "lists, threshold, hit_limit, algorithm, versions, hit_count, hits, output_sha256, replay_of"
)
# What identifies a hit for comparing two runs: the explanation text is left out (it is derived from the
# same score; a wording change is not a different answer), but it is in ``output_sha256``.
HIT_FIELDS = ("query_id", "entity_id", "score", "list", "ref")
# The input_sha256 of a run that read a pipe or a device: read once, its bytes were not kept.
UNREPLAYABLE = "unavailable: not a regular file"


@dataclass(frozen=True, slots=True)
class RunSettings:
    """What decides a run's answer besides its input and the record."""

    as_of: date
    known_at: date | None
    lists: list[str] | None
    threshold: float
    limit: int


@dataclass(slots=True)
class Run:
    kind: str
    started_at: str
    input_name: str
    input_sha256: str
    input_rows: int
    settings: RunSettings
    algorithm: str
    versions: list[dict[str, Any]]
    hits: list[list[Any]]
    output_sha256: str
    finished_at: str = field(default_factory=now_iso)
    input_body: str | None = None
    replay_of: int | None = None
    id: int | None = None

    def as_json(self, *, with_hits: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "run": self.id,
            "kind": self.kind,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "input": self.input_name,
            "input_sha256": self.input_sha256,
            "input_rows": self.input_rows,
            "as_of": self.settings.as_of.isoformat(),
            "known_at": self.settings.known_at.isoformat() if self.settings.known_at else None,
            "lists": self.settings.lists,
            "threshold": self.settings.threshold,
            "limit": self.settings.limit,
            "algorithm": self.algorithm,
            "versions": self.versions,
            "hit_count": len(self.hits),
            "output_sha256": self.output_sha256,
            "replay_of": self.replay_of,
        }
        if with_hits:
            out["hits"] = [dict(zip(HIT_FIELDS, hit, strict=True)) for hit in self.hits]
        return out


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def hits_of(rows: Iterable[dict[str, Any]]) -> tuple[list[list[Any]], str]:
    """(hits, sha256 of every output row): hits are rows with an entity; warning rows count in the
    digest only."""
    digest = hashlib.sha256()
    hits: list[list[Any]] = []
    for row in rows:
        text = json.dumps(row, sort_keys=True, ensure_ascii=False, default=str)
        digest.update(text.encode("utf-8", "surrogateescape"))
        if row.get("entity_id"):
            score = round(float(row["score"]), 6)
            hits.append([row["query_id"], row["entity_id"], score, row["list"], row["ref"]])
    return hits, digest.hexdigest()


def read_output(path: Path) -> list[dict[str, Any]]:
    """The rows of a ``screen`` output file, with the types screening wrote (a CSV's score as a float)."""
    fmt = file_format(path)
    if fmt == "parquet":
        return list(pq.read_table(path).to_pylist())
    with path.open(encoding="utf-8", errors="surrogateescape", newline="") as handle:
        if fmt == "jsonl":
            return [json.loads(line) for line in handle if line.strip()]
        csv.field_size_limit(sys.maxsize)
        rows: list[dict[str, Any]] = []
        for row in csv.DictReader(handle):
            typed: dict[str, Any] = {k: (v if v != "" else None) for k, v in row.items()}
            if typed.get("score") is not None:
                typed["score"] = float(typed["score"])
            rows.append(typed)
        return rows


def record(store: Store, run: Run) -> int:
    """Append ``run``; returns its id."""
    s = run.settings
    with store.writer() as w:
        cur = store.execute(
            w.conn,
            "INSERT INTO screening_run (kind, started_at, finished_at, input_name, input_sha256, input_rows, "
            "input_body, as_of, known_at, lists, threshold, hit_limit, algorithm, versions, hit_count, hits, "
            "output_sha256, replay_of) VALUES (" + ", ".join(["?"] * 18) + ") RETURNING id",
            (
                run.kind, run.started_at, run.finished_at, run.input_name, run.input_sha256, run.input_rows,
                run.input_body, s.as_of.isoformat(), s.known_at.isoformat() if s.known_at else None,
                json.dumps(s.lists) if s.lists is not None else None, s.threshold, s.limit, run.algorithm,
                json.dumps(run.versions, ensure_ascii=False), len(run.hits),
                json.dumps(run.hits, ensure_ascii=False), run.output_sha256, run.replay_of,
            ),
        )  # fmt: skip
        run.id = int(cur.fetchone()[0])
    return run.id


def _run(row: Sequence[Any]) -> Run:
    (ident, kind, started, finished, name, sha, rows, body, as_of, known, lists, threshold, limit,
     algorithm, versions, _count, hits, out_sha, replay_of) = row  # fmt: skip
    settings = RunSettings(
        date.fromisoformat(as_of),
        date.fromisoformat(known) if known else None,
        json.loads(lists) if lists is not None else None,
        float(threshold),
        int(limit),
    )
    return Run(
        kind, started, name, sha, int(rows), settings, algorithm, json.loads(versions), json.loads(hits),
        out_sha, finished, body, int(replay_of) if replay_of is not None else None, int(ident),
    )  # fmt: skip


def runs(store: Store, *, since: datetime | None = None, limit: int | None = None) -> list[Run]:
    """Runs, newest first."""
    if not store.has_table("screening_run"):
        return []  # a store from before runs were recorded, opened read-only
    sql = f"SELECT {_COLUMNS} FROM screening_run WHERE 1=1"
    params: list[Any] = []
    if since is not None:
        sql += " AND started_at >= ?"
        params.append(since.isoformat())
    sql += " ORDER BY id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with store.connection() as conn:
        return [_run(r) for r in store.execute(conn, sql, params).fetchall()]


def get_run(store: Store, run_id: int) -> Run:
    if store.has_table("screening_run"):
        with store.connection() as conn:
            sql = f"SELECT {_COLUMNS} FROM screening_run WHERE id = ?"
            row = store.execute(conn, sql, (run_id,)).fetchone()
        if row is not None:
            return _run(row)
    raise NotFound(f"no screening run {run_id} in this store (listwatch runs lists them)")


def record_book_run(
    store: Store,
    started: str,
    book: str,
    rows: dict[str, tuple[dict[str, Any], str]],
    settings: RunSettings,
    algorithm: str,
    versions: list[dict[str, Any]],
    hits: list[list[Any]],
) -> int:
    """A book re-screen as a run: its input is the rows screened (their ids and content hashes), its
    hits the alerts it raised. Kept for the audit; ``replay`` re-runs ``screen`` runs."""
    digest = hashlib.sha256(json.dumps(sorted((i, h) for i, (_d, h) in rows.items())).encode()).hexdigest()
    out = hashlib.sha256(json.dumps(hits, ensure_ascii=False).encode()).hexdigest()
    run = Run("book", started, f"book {book}", digest, len(rows), settings, algorithm, versions, hits, out)
    return record(store, run)

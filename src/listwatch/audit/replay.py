"""Re-run a recorded screening run against the record as it stood when the run began, and say whether
the answer is the same: an auditor's "show me that this is what you screened, and what it found".

The list versions are chosen again from the store read at the run's ``started_at`` (record time), so
versions ingested or withdrawn since do not leak in; if even so they differ (a version deleted from a
restored backup, say), that is reported first. A newer algorithm is a difference, shown as such.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from listwatch.audit.runs import HIT_FIELDS, UNREPLAYABLE, Run, file_sha256, get_run, hits_of, record
from listwatch.errors import InputError
from listwatch.matching import ALGORITHM, Screener
from listwatch.matching.files import read_queries
from listwatch.matching.loading import load_index
from listwatch.matching.resolved import Groups, groups_for
from listwatch.matching.screen import queries_from_rows, screen_rows
from listwatch.store import Store
from listwatch.store.base import now_iso

# A score that moved by less than this is the same score written with other rounding.
SCORE_TOLERANCE = 1e-6


@dataclass(slots=True)
class Replay:
    original: Run
    again: Run
    versions_added: list[dict[str, Any]] = field(default_factory=list)
    versions_missing: list[dict[str, Any]] = field(default_factory=list)
    hits_added: list[list[Any]] = field(default_factory=list)
    hits_removed: list[list[Any]] = field(default_factory=list)
    rescored: list[tuple[list[Any], float]] = field(default_factory=list)  # (original hit, new score)

    @property
    def algorithm_changed(self) -> bool:
        return self.original.algorithm != self.again.algorithm

    @property
    def identical(self) -> bool:
        return not (
            self.algorithm_changed
            or self.versions_added
            or self.versions_missing
            or self.hits_added
            or self.hits_removed
            or self.rescored
            or self.original.output_sha256 != self.again.output_sha256
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "run": self.original.id,
            "replay": self.again.id,
            "identical": self.identical,
            "algorithm": {"run": self.original.algorithm, "replay": self.again.algorithm},
            "versions_added": self.versions_added,
            "versions_missing": self.versions_missing,
            "hits_added": [dict(zip(HIT_FIELDS, h, strict=True)) for h in self.hits_added],
            "hits_removed": [dict(zip(HIT_FIELDS, h, strict=True)) for h in self.hits_removed],
            "rescored": [
                {**dict(zip(HIT_FIELDS, h, strict=True)), "score_replayed": s} for h, s in self.rescored
            ],
            "output_identical": self.original.output_sha256 == self.again.output_sha256,
        }


def _version_key(v: dict[str, Any]) -> tuple[str, str | None, str]:
    return (str(v.get("list")), v.get("scope"), str(v.get("sha256")))


def screen_rows_of(
    path: Path, screener: Screener, threshold: float, limit: int, groups: Groups | None = None
) -> Iterator[dict[str, Any]]:
    """Output rows for an input file, as ``listwatch screen`` writes them, in input order."""
    start = 1
    for batch in read_queries(path):
        columns = screen_rows(queries_from_rows(batch, start), screener, threshold, limit, groups)
        start += len(batch)
        names = list(columns)
        for values in zip(*(columns[n] for n in names), strict=True):
            yield dict(zip(names, values, strict=True))


def replay(
    store: Store, run_id: int, input_path: Path | None = None, cache_dir: Path | None = None
) -> Replay:
    """Re-run ``run_id``; the replay is itself recorded (kind ``replay``) and compared."""
    original = get_run(store, run_id)
    if original.kind == "replay":
        raise InputError("RUN", f"run {run_id} replays run {original.replay_of}: replay that one")
    if original.kind != "screen":
        message = f"run {run_id} is a {original.kind} run, kept for the audit: replay re-runs `screen` runs"
        message += " and `/match` requests"
        raise InputError("RUN", message)
    if original.input_sha256 == UNREPLAYABLE:
        message = f"run {run_id} read {original.input_name}, a pipe or device whose bytes were not kept"
        raise InputError("RUN", message + ": it cannot be replayed")
    path = input_path or Path(original.input_name)
    if not path.is_file():
        message = f"run {run_id}'s input is not there: give its copy with --input"
        raise InputError(path, message, field="--input")
    sha = file_sha256(path)
    if sha != original.input_sha256:
        raise InputError(
            path,
            f"this file is not run {run_id}'s input "
            f"(sha256 {sha[:12]}…, the run's {original.input_sha256[:12]}…)",
            field="--input",
        )
    s = original.settings
    started = now_iso()
    as_recorded = datetime.fromisoformat(original.started_at)
    index = load_index(store, s.as_of, s.known_at, s.lists, cache_dir, recorded_at=as_recorded)
    groups = groups_for(store.reader(as_recorded), index.candidates)
    rows = list(screen_rows_of(path, Screener(index), s.threshold, s.limit, groups))
    hits, digest = hits_of(rows)
    again = Run(
        "replay", started, str(path), sha, original.input_rows, s, ALGORITHM, index.versions, hits, digest,
        replay_of=original.id,
    )  # fmt: skip
    record(store, again)
    return compare(original, again)


def compare(original: Run, again: Run) -> Replay:
    result = Replay(original, again)
    before = {_version_key(v): v for v in original.versions}
    after = {_version_key(v): v for v in again.versions}
    result.versions_added = [after[k] for k in sorted(after.keys() - before.keys(), key=json.dumps)]
    result.versions_missing = [before[k] for k in sorted(before.keys() - after.keys(), key=json.dumps)]
    old = {(h[0], h[1]): h for h in original.hits}
    new = {(h[0], h[1]): h for h in again.hits}
    result.hits_added = [new[k] for k in new if k not in old]
    result.hits_removed = [old[k] for k in old if k not in new]
    result.rescored = [
        (old[k], new[k][2]) for k in old if k in new and abs(old[k][2] - new[k][2]) > SCORE_TOLERANCE
    ]
    return result

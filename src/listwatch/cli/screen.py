"""``listwatch screen``: screen a file of names against the lists in force on a date.

Batches are scored in worker processes (forked, sharing the index read-only) and written in input
order, incrementally, to ``OUT.partial``, renamed to ``OUT`` at the end (see ``matching/files.py``).
The list versions used are recorded in ``OUT.meta.json`` (and in a Parquet file's schema metadata).
"""

from __future__ import annotations

import gc
import itertools
import json
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from listwatch.audit.runs import UNREPLAYABLE, Run, RunSettings, file_sha256, hits_of, read_output, record
from listwatch.errors import InputError
from listwatch.matching import ALGORITHM, DEFAULT_THRESHOLD, NameIndex, Screener
from listwatch.matching.files import HitWriter, count_rows, file_format, read_queries
from listwatch.matching.resolved import Groups, groups_for
from listwatch.matching.screen import DEFAULT_LIMIT, queries_from_rows, screen_rows
from listwatch.store import Store
from listwatch.store.base import now_iso

_SCREENER: Screener | None = None  # set before forking; each worker reads it, never writes it
_SETTINGS: tuple[float, int, Groups | None] = (DEFAULT_THRESHOLD, DEFAULT_LIMIT, None)
# Rows per job: small enough that the workers finish together (the last job is the tail), large enough
# that passing rows and hits between processes stays cheap.
BATCH_ROWS = 500
# Over the last rows, jobs are smaller still: the tail is then a fraction of a job of 500.
TAIL_ROWS = 2_000
TAIL_BATCH_ROWS = 100
_IN_WORKER = False


def _start_worker() -> None:
    global _IN_WORKER
    _IN_WORKER = True
    # Ctrl-C is the parent's to handle (it stops the pool and removes the partial output); a worker
    # that took it too would print its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _screen_chunk(job: tuple[int, list[dict[str, Any]]]) -> tuple[int, dict[str, list[Any]]]:
    start, rows = job
    assert _SCREENER is not None
    if _IN_WORKER:
        # The screener's caches only grow: what survived the jobs so far is moved out of the
        # collector's sight, so its full collections walk the objects of this job, not every cached
        # name part again (2-3% of a worker's time). Garbage cycles are still collected.
        gc.freeze()
    threshold, limit, groups = _SETTINGS
    return len(rows), screen_rows(queries_from_rows(rows, start), _SCREENER, threshold, limit, groups)


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(option, f"{value!r} is not a date (YYYY-MM-DD)", field=option) from None


def _check_paths(input_path: Path, output: Path) -> None:
    """Before the index is loaded (seconds): an input that cannot be read, or an output that cannot be
    written, is an error naming the path now, not after the work."""
    if not input_path.exists():
        raise InputError(input_path, "input file not found")
    if input_path.is_dir():
        raise InputError(input_path, "is a folder, not a file of names")
    if not input_path.is_file() and file_format(input_path) == "parquet":
        raise InputError(input_path, "a Parquet input must be a regular file (not a pipe or a device)")
    file_format(output)
    folder = output.parent
    if not folder.is_dir():
        raise InputError(output, f"the output folder {folder} does not exist", field="--output")
    if not os.access(folder, os.W_OK):
        raise InputError(output, f"the output folder {folder} is not writable", field="--output")


def run(
    input_path: Path,
    output: Path,
    screener: Screener,
    threshold: float,
    limit: int,
    workers: int,
    metadata: dict[str, Any],
    progress: bool = True,
    groups: Groups | None = None,
) -> tuple[int, int, float]:
    """Screen ``input_path`` into ``output``; returns (names, output rows, seconds). ``groups``: one row
    per resolved entity (matching/resolved.py)."""
    global _SCREENER, _SETTINGS
    _SCREENER, _SETTINGS = screener, (threshold, limit, groups)
    # A FIFO or a device can be read once only: no count (and no progress total) for it.
    total = count_rows(input_path) if input_path.is_file() else None
    started = time.perf_counter()
    names = 0

    batches = read_queries(input_path, TAIL_BATCH_ROWS)
    first = next(batches, None)  # a missing column is reported before any worker starts
    failure: list[BaseException] = []

    def jobs() -> Iterator[tuple[int, list[dict[str, Any]]]]:
        # The pool reads this iterator in a thread of its own, where an exception would be lost (and
        # the pool would wait forever): it is kept and raised in the main thread once the rows read
        # so far are written.
        start = 1
        job: list[dict[str, Any]] = []
        try:
            for batch in itertools.chain([first] if first else [], batches):
                job.extend(batch)
                # Full jobs, then small ones over the last rows, so that the workers finish together.
                left = total - (start - 1) if total is not None else BATCH_ROWS
                if len(job) >= (BATCH_ROWS if left > TAIL_ROWS else TAIL_BATCH_ROWS):
                    yield start, job
                    start += len(job)
                    job = []
        except Exception as exc:  # re-raised below, in the main thread
            failure.append(exc)
        if job:  # the rows read before an error are screened and written too
            yield start, job

    meta_text = {"listwatch": json.dumps(metadata, ensure_ascii=False)}
    meta_path = output.with_name(output.name + ".meta.json")
    meta_partial = meta_path.with_name(meta_path.name + ".partial")
    try:
        with HitWriter(output, meta_text) as writer, Progress(
            TextColumn("screening"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} names/s"), TimeElapsedColumn(), disable=not progress,
            transient=False,
        ) as bar:  # fmt: skip
            task = bar.add_task("screen", total=total, rate="-")
            if workers > 1:
                # The index is built or loaded and never changes: out of the collector's sight, it is
                # not walked again by every full collection, and forked workers do not copy its pages
                # by touching them.
                gc.freeze()
                context = multiprocessing.get_context("fork")
                with context.Pool(workers, initializer=_start_worker) as pool:
                    results: Iterator[tuple[int, dict[str, list[Any]]]] = pool.imap(_screen_chunk, jobs())
                    for count, columns in results:
                        writer.write(columns)
                        names += count
                        rate = names / max(time.perf_counter() - started, 1e-9)
                        bar.update(task, advance=count, rate=f"{rate:,.0f}")
            else:
                for job in jobs():
                    count, columns = _screen_chunk(job)
                    writer.write(columns)
                    names += count
                    rate = names / max(time.perf_counter() - started, 1e-9)
                    bar.update(task, advance=count, rate=f"{rate:,.0f}")
            rows = writer.rows
            if failure:
                raise failure[0]
            # Written before the hits are renamed into place: a full disk fails both, not one.
            meta_partial.write_text(
                json.dumps({**metadata, "names": names, "rows": rows}, indent=2, ensure_ascii=False)
            )
        meta_partial.replace(meta_path)
    finally:
        meta_partial.unlink(missing_ok=True)
    return names, rows, time.perf_counter() - started


def screen(
    input_path: Path = typer.Argument(
        ..., metavar="INPUT", help="CSV, Parquet or JSON lines: id, name, [schema], [birth_date], [country]"
    ),
    output: Path = typer.Option(..., "--output", "-o", help="CSV, Parquet or JSON lines, by extension"),
    as_of: str | None = typer.Option(None, "--as-of", help="lists in force on this date (default: today)"),
    known_at: str | None = typer.Option(None, "--known-at", help="as recorded by this date (default: now)"),
    lists: str | None = typer.Option(None, "--lists", help="comma-separated list ids (default: all)"),
    threshold: float = typer.Option(DEFAULT_THRESHOLD, "--threshold", help="lowest score reported, 0..1"),
    limit: int = typer.Option(DEFAULT_LIMIT, "--limit", help="most hits per name"),
    db: str | None = typer.Option(None, "--db", help="store URL (default: LISTWATCH_DB or the user store)"),
    index: Path | None = typer.Option(
        None, "--index", help="a persisted name index to screen against, instead of the store"
    ),
    workers: int = typer.Option(min(2, os.cpu_count() or 1), "--workers", help="processes that score"),
    engine: str = typer.Option(
        "default", "--engine", help="default (worker processes here) or spark (needs listwatch[spark])"
    ),
    master: str = typer.Option(
        "local[2]", "--master", help="with --engine spark: the Spark master URL (local[N], spark://...)"
    ),
) -> None:
    """Screen names against the lists in force on a date; one output row per hit, with explanation."""
    if not 0.0 <= threshold <= 1.0:
        raise InputError("--threshold", f"{threshold} is not between 0 and 1", field="--threshold")
    if engine not in ("default", "spark"):
        raise InputError("--engine", f"unknown engine {engine!r}: use default or spark", field="--engine")
    _check_paths(input_path, output)
    on = _parse_date(as_of, "--as-of") or date.today()
    known = _parse_date(known_at, "--known-at")
    wanted = [x.strip() for x in lists.split(",") if x.strip()] if lists is not None else None
    if wanted is not None and not wanted:
        raise InputError("--lists", f"{lists!r} names no list (comma-separated list ids)", field="--lists")
    not_used: list[dict[str, Any]] = []  # lists held with no version by --as-of / --known-at
    if index is not None:
        name_index = NameIndex.load(index)
        if wanted:
            held = {c.list_id for c in name_index.candidates}
            unknown = [x for x in wanted if x not in held]
            if unknown:
                raise InputError(index, f"the index holds no list(s): {', '.join(unknown)}", field="--lists")
            drop = [c.entity_id for c in name_index.candidates if c.list_id not in wanted]
            name_index = name_index.updated([], drop)
    store = None
    groups: Groups | None = None  # an index file has no store to say which designations are one entity
    if index is None:
        from listwatch.cli.common import get_store
        from listwatch.history.inforce import lists_not_used
        from listwatch.matching.loading import load_index
        from listwatch.settings import Settings

        cache = Settings.from_env().index_cache
        store = get_store(db, create=False)
        try:
            name_index = load_index(store, on, known, wanted, cache)
            not_used = lists_not_used(store.reader(), on, known, wanted)
            groups = groups_for(store.reader(), name_index.candidates)
            if not name_index.candidates:
                # Screening against nothing would write 0 hits and exit 0: "no hit" would be a lie.
                first = min((v.published_on for v in store.reader().versions()), default=None)
                raise InputError(
                    "--as-of",
                    f"no list held is in force on {on}"
                    + (f" as known at {known}" if known else "")
                    + (f" (the oldest version held is of {first})" if first else " (the store holds no list)")
                    + ": nothing was screened",
                    field="--as-of",
                )
        finally:
            store.close()  # reopened to record the run: forked workers must not share a connection
    started = now_iso()
    metadata = {
        "algorithm": ALGORITHM, "as_of": on.isoformat(), "known_at": known.isoformat() if known else None,
        "lists": wanted, "threshold": threshold, "limit": limit, "versions": name_index.versions,
        "lists_not_used": not_used,
    }  # fmt: skip
    _say_versions(metadata)
    if engine == "spark":
        from listwatch.spark.files import screen_file

        metadata["engine"] = f"spark ({master})"
        names, rows, seconds = screen_file(
            input_path, output, name_index, threshold, limit, metadata, master, groups
        )
    else:
        screener = Screener(name_index)
        names, rows, seconds = run(
            input_path, output, screener, threshold, limit, workers, metadata, groups=groups
        )
    typer.echo(
        f"{names:,} names screened in {seconds:.1f} s ({names / max(seconds, 1e-9):,.0f} names/s), "
        f"{rows:,} rows written to {output} (list versions in {output.name}.meta.json)",
        err=True,
    )
    if store is None:
        typer.echo("run not recorded: screened against --index, not a store", err=True)
        return
    if store.read_only:
        typer.echo("warning: run not recorded: the store is read-only here", err=True)
        return
    try:
        settings = RunSettings(on, known, wanted, threshold, limit)
        run_id = record_screen(store, started, input_path, names, settings, name_index.versions, output)
    finally:
        store.close()
    typer.echo(f"recorded as run {run_id}: `listwatch replay {run_id}` re-runs it", err=True)


def record_screen(
    store: Store,
    started: str,
    input_path: Path,
    names: int,
    settings: RunSettings,
    versions: list[dict[str, Any]],
    output: Path,
) -> int:
    """The run as a fact (``listwatch runs``), its hits read back from the file the user got."""
    hits, digest = hits_of(read_output(output))
    # A pipe or a device can be read once only: its bytes are gone, and the run says so.
    sha = file_sha256(input_path) if input_path.is_file() else UNREPLAYABLE
    run = Run(
        "screen", started, str(input_path.resolve()), sha, names, settings, ALGORITHM, versions, hits, digest,
    )  # fmt: skip
    run_id = record(store, run)
    meta_path = output.with_name(output.name + ".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta_path.write_text(json.dumps({**meta, "run": run_id}, indent=2, ensure_ascii=False), encoding="utf-8")
    return run_id


def _say_versions(metadata: dict[str, Any]) -> None:
    """Per list, what the output's version record says of it, when it matters: stale, later than
    --as-of (allowed by --known-at), or not used."""
    for v in metadata["versions"]:
        # an index saved by ``NameIndex.save`` outside a store names its lists "list_id" (bench/lists.py)
        said = f"note: {v.get('list') or v.get('list_id', '?')} version of {v.get('published', '?')}"
        if v.get("stale"):
            age = f"older than its {v['horizon_days']}-day horizon"
            typer.echo(f"{said} is stale for --as-of {metadata['as_of']} ({age})", err=True)
        if v.get("later_than_as_of"):
            why = "used as --known-at allows, for entries its source dates by then"
            typer.echo(f"{said} is later than --as-of: {why}", err=True)
    for item in metadata["lists_not_used"]:
        typer.echo(f"note: {item['list']} not used: {item['reason']}", err=True)


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)

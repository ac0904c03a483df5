"""``listwatch runs`` (every screening run recorded, for an auditor) and ``listwatch replay RUN`` (re-run
one against the record as it stood then, and say whether the answer is the same)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from listwatch.cli.common import DbOption, FormatOption, OutputFormat, console, emit_json, get_store

if TYPE_CHECKING:
    from listwatch.audit.replay import Replay


def runs(
    run_id: Annotated[int | None, typer.Argument(metavar="[RUN]", help="One run, in full.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Newest runs shown.")] = 50,
    hits: Annotated[bool, typer.Option("--hits", help="With --format json: each run's hits too.")] = False,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """The screening runs recorded (`screen`, replays), newest first: input sha256, list versions,
    algorithm, threshold, time, hits. `--format json --hits` is the export for an auditor."""
    from listwatch.audit.runs import get_run
    from listwatch.audit.runs import runs as recorded

    store = get_store(db, create=False)
    chosen = [get_run(store, run_id)] if run_id is not None else recorded(store, limit=limit)
    if fmt is OutputFormat.json:
        emit_json({"runs": [r.as_json(with_hits=hits or run_id is not None) for r in chosen]})
        return
    if run_id is not None:
        run = chosen[0]
        for key, value in run.as_json().items():
            if key != "versions":
                console.print(f"{key}: {value}", markup=False, highlight=False)
        console.print("versions:", markup=False)
        for v in run.versions:
            line = f"  {v.get('list')} {v.get('published')} sha256 {str(v.get('sha256'))[:12]}"
            console.print(line, markup=False)
        return
    table = Table(title="screening runs" if chosen else "no screening run recorded yet")
    columns = ("run", "kind", "started", "input", "rows", "as of", "lists", "threshold", "algorithm", "hits")
    for column in columns:
        table.add_column(column, justify="right" if column in ("run", "rows", "hits") else "left")
    for run in chosen:
        lists = ", ".join(sorted({str(v.get("list")) for v in run.versions}))
        kind = f"replay of {run.replay_of}" if run.replay_of is not None else run.kind
        table.add_row(
            str(run.id), kind, run.started_at[:19].replace("T", " "), Path(run.input_name).name,
            f"{run.input_rows:,}", run.settings.as_of.isoformat(), lists, f"{run.settings.threshold:.2f}",
            run.algorithm, f"{len(run.hits):,}",
        )  # fmt: skip
    console.print(table)


def replay(
    run_id: Annotated[int, typer.Argument(metavar="RUN", help="A run id from `listwatch runs`.")],
    input_path: Annotated[
        Path | None, typer.Option("--input", help="The run's input, if it is no longer where it was.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Re-run a screening run (`screen`, or a `/match` request) against the list versions it used (the
    record as it stood when it ran) and report identical, or each difference: versions, algorithm, hits
    added, removed or rescored. Exit 1 when anything differs."""
    from listwatch.audit.replay import replay as run_again
    from listwatch.audit.runs import get_run
    from listwatch.settings import Settings

    store = get_store(db, create=False)
    settings = Settings.from_env()
    original = get_run(store, run_id)
    if original.kind == "match":  # a /match request: answered again through the API's own route
        from listwatch.api.runs import replay_match
        from listwatch.api.services import Services
        from listwatch.audit.replay import compare
        from listwatch.audit.runs import record

        again = replay_match(store, Services(settings, store), original)
        record(store, again)
        result = compare(original, again)
    else:
        result = run_again(store, run_id, input_path, settings.index_cache)
    if fmt is OutputFormat.json:
        emit_json(result.as_json())
    else:
        _print(result)
    if not result.identical:
        raise typer.Exit(1)


def _print(result: Replay) -> None:
    original, again = result.original, result.again
    head = f"run {original.id} replayed as run {again.id}: "
    if result.identical:
        summary = f"{len(again.hits):,} hits, {len(again.versions)} list versions, {again.algorithm}"
        console.print(head + f"identical ({summary})", markup=False)
        return
    console.print(head + "DIFFERENT", markup=False)
    if result.algorithm_changed:
        console.print(f"  algorithm: {original.algorithm} then, {again.algorithm} now", markup=False)
    for v in result.versions_missing:
        console.print(f"  version no longer held: {v.get('list')} {v.get('published')}", markup=False)
    for v in result.versions_added:
        console.print(f"  version used now, not then: {v.get('list')} {v.get('published')}", markup=False)
    for h in result.hits_removed:
        console.print(f"  hit gone: {h[0]} → {h[3]} {h[4]} (score {h[2]:.3f})", markup=False)
    for h in result.hits_added:
        console.print(f"  new hit: {h[0]} → {h[3]} {h[4]} (score {h[2]:.3f})", markup=False)
    for h, score in result.rescored:
        console.print(f"  rescored: {h[0]} → {h[3]} {h[4]}: {h[2]:.3f} → {score:.3f}", markup=False)
    if original.output_sha256 != again.output_sha256 and not (
        result.hits_added or result.hits_removed or result.rescored
    ):
        console.print("  same hits and scores; the explanation texts or warnings differ", markup=False)


def register(app: typer.Typer) -> None:
    app.command()(runs)
    app.command()(replay)

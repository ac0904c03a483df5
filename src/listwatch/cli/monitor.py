"""``listwatch monitor``: which names in a book gained or lost a hit because a list changed."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from listwatch.cli.common import (
    DbOption,
    FormatOption,
    OutputFormat,
    console,
    emit_json,
    get_store,
    parse_day,
)
from listwatch.errors import InputError
from listwatch.matching import DEFAULT_THRESHOLD, Query
from listwatch.matching.files import read_queries
from listwatch.matching.loading import screener_from_store
from listwatch.matching.screen import queries_from_rows
from listwatch.monitor.rescreen import changed_entities, rescreen
from listwatch.settings import Settings


def monitor(
    book: Annotated[Path, typer.Argument(help="Names to watch: CSV, Parquet or JSON lines (id, name, ...).")],
    date_from: Annotated[str, typer.Option("--from", help="The day screened before (exclusive).")],
    date_to: Annotated[str, typer.Option("--to", help="The day screened after (inclusive).")],
    lists: Annotated[
        str | None, typer.Option("--lists", help="Comma-separated list ids (default: all).")
    ] = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Score from which a match is a hit.")] = (
        DEFAULT_THRESHOLD
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the changes to CSV or JSON lines.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """New and cleared hits for a book of names between two days, each with the list event behind it."""
    start, end = parse_day(date_from, "--from"), parse_day(date_to, "--to")
    assert start is not None and end is not None
    if end <= start:
        raise InputError("--to", "must be after --from", field="--to")
    store = get_store(db, create=False)
    wanted = [x.strip() for x in lists.split(",")] if lists else None
    events = store.reader().events(after=start, until=end)
    if wanted is not None:
        events = [e for e in events if e.list_id in wanted]
    changed = changed_entities(events)
    queries: list[Query] = []
    for batch in read_queries(book):
        queries.extend(q for q in queries_from_rows(batch) if isinstance(q, Query))
    cache = Settings.from_env().index_cache
    before = screener_from_store(store, start, None, wanted, cache)
    after = screener_from_store(store, end, None, wanted, cache)
    rows = [c.as_row() for c in rescreen(before, after, queries, changed, threshold)]
    summary = {
        "from": date_from,
        "to": date_to,
        "names": len(queries),
        "changed_designations": len(changed),
        "versions_before": before.versions,
        "versions_after": after.versions,
        "changes": rows,
    }
    if output is not None:
        _write(output, rows)
    if fmt is OutputFormat.json:
        emit_json(summary)
        return
    table = Table(title=f"hits that changed after {date_from} up to {date_to}")
    for column in ("change", "query_id", "query_name", "list", "ref", "matched_name", "score", "why"):
        table.add_column(column, overflow="fold")
    for row in rows:
        score = f"{row['score_before'] or '–'} → {row['score_after'] or '–'}"
        table.add_row(
            row["change"],
            row["query_id"],
            row["query_name"],
            row["list"],
            row["ref"],
            row["matched_name"],
            score,
            f"{row['event']} {row['event_date']}",
        )
    console.print(table)
    new = sum(r["change"] == "new" for r in rows)
    cleared = sum(r["change"] == "cleared" for r in rows)
    console.print(f"{len(queries)} names; {len(changed)} designations changed; {new} new, {cleared} cleared")


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    """Written whole to a temporary name, then renamed: a reader never sees half a report."""
    tmp = path.with_name(path.name + ".partial")
    columns = list(rows[0]) if rows else ["change", "query_id", "entity_id", "list", "ref"]
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        if path.suffix in (".jsonl", ".ndjson", ".json"):
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    tmp.replace(path)


def register(app: typer.Typer) -> None:
    app.command()(monitor)

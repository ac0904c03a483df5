"""The designation record: ingest, update, changes, status, timeline, show, lists."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from listwatch.checks import Accept
from listwatch.cli.common import (
    DbOption,
    FormatOption,
    OutputFormat,
    console,
    emit_json,
    err_console,
    get_store,
    parse_day,
)
from listwatch.cli.truth import status_label
from listwatch.errors import InputError, ListwatchError
from listwatch.history.lookup import find_entities
from listwatch.history.views import (
    changes_between,
    describe,
    list_summaries,
    registered_lists,
    statuses,
    timeline_of,
)
from listwatch.ingest import IngestResult, collect_files, ingest_many
from listwatch.settings import Settings
from listwatch.sources.registry import ParseOptions
from listwatch.store import Store


def _ingest_paths(
    store: Store,
    paths: list[Path],
    fmt: str | None,
    options: ParseOptions,
    *,
    skip_unknown: bool,
    quiet: bool = False,
    accept: Accept | None = None,
) -> tuple[list[IngestResult], list[tuple[Path, str]], list[tuple[Path, ListwatchError]]]:
    files = collect_files(paths)
    results: list[IngestResult] = []
    skipped: list[tuple[Path, str]] = []
    failed: list[tuple[Path, ListwatchError]] = []
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err_console,
        disable=quiet or not err_console.is_terminal,
    ) as progress:
        task = progress.add_task("", total=len(files))
        for path, outcome in ingest_many(
            store, files, fmt, options, skip_unknown=skip_unknown, accept=accept
        ):
            progress.update(task, advance=1, description=path.name)
            if isinstance(outcome, IngestResult):
                results.append(outcome)
            elif isinstance(outcome, str):
                skipped.append((path, outcome))
            else:
                failed.append((path, outcome))
    return results, skipped, failed


def _watch_books(store: Store, results: list[IngestResult], report: OutputFormat) -> None:
    """Books are re-screened for what the new versions changed (issue 16: monitoring)."""
    from listwatch.cli.book import watch_after_ingest

    new = [r.version_id for r in results if r.status == "ingested" and r.version_id is not None]
    say = console.print if report is OutputFormat.table else err_console.print
    watch_after_ingest(store, new, lambda text: say(text, markup=False))


def _report_ingest(
    results: list[IngestResult],
    skipped: list[tuple[Path, str]],
    failed: list[tuple[Path, ListwatchError]],
    output: OutputFormat,
    *,
    lists: list[dict[str, object]] | None = None,
    resolved: dict[str, object] | None = None,
) -> None:
    if output is OutputFormat.json:
        data: dict[str, object] = {
            "files": [r.as_json() for r in results],
            "skipped": [{"path": str(p), "reason": why} for p, why in skipped],
            "failed": [{"path": str(p), "error": str(e)} for p, e in failed],
        }
        if lists is not None:
            data["lists"] = lists
            data["resolve"] = resolved
        emit_json(data)
    elif results or not failed:
        table = Table(title="ingested")
        for column in (
            "file",
            "list",
            "published",
            "entries",
            "listed",
            "delisted",
            "amended",
            "status",
            "s",
        ):
            table.add_column(
                column,
                justify="right" if column in ("entries", "listed", "delisted", "amended", "s") else "left",
            )
        for r in results:
            table.add_row(
                r.path.name if r.path else "",
                r.list_id,
                r.published.isoformat(),
                str(r.entries),
                str(r.events.get("listed", 0)),
                str(r.events.get("delisted", 0)),
                str(r.events.get("amended", 0)),
                "new" if r.status == "ingested" else "already held",
                f"{r.seconds:.2f}",
            )
        console.print(table)
        totals: Counter[str] = Counter()
        for r in results:
            totals.update(r.events)
        new = sum(1 for r in results if r.status == "ingested")
        console.print(
            f"{new} new version(s), {len(results) - new} already held; events: "
            + ", ".join(f"{totals.get(k, 0)} {k}" for k in ("listed", "delisted", "amended"))
        )
        for path, why in skipped:
            err_console.print(f"[yellow]skipped[/] {path}: {why}")
    for path, error in failed:
        # Plain text, not Rich: a message is data ("[...]" is not markup) and must never be cut short.
        typer.echo(f"error: {error}", err=True)
        typer.echo(f"  nothing of {path.name} was written: the ingestion was rolled back", err=True)


def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders of list files (gzip is read transparently).")
    ],
    fmt: Annotated[
        str | None, typer.Option("--format", help="Override format detection (e.g. un_sc_xml).")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date YYYY-MM-DD, for files with none inside."),
    ] = None,
    list_id: Annotated[str | None, typer.Option("--list", help="Put the file in this list id.")] = None,
    report: Annotated[
        OutputFormat, typer.Option("--report", help="table or json summary.")
    ] = OutputFormat.table,
    accept_shrink: Annotated[
        bool,
        typer.Option(
            "--accept-shrink",
            help="Ingest a version that lost most of the previous version's entries, or most of one "
            "field's values (refused by default: a renamed element would record mass delistings).",
        ),
    ] = False,
    accept_list_mismatch: Annotated[
        bool,
        typer.Option(
            "--accept-list-mismatch",
            help="Let --list put a file into a list of another authority or format (refused by default).",
        ),
    ] = False,
    accept_future_dates: Annotated[
        bool,
        typer.Option(
            "--accept-future-dates",
            help="Ingest a version published after today, or listing entries after its own date.",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Ingest list files: every version is kept, and events are derived against its neighbours.

    A version that would write a doubtful record is refused (exit 2, nothing written): one that lost
    most of the entries or of one field's values, a file of another authority's list put in this one
    by --list, or dates in the future. The --accept-* options confirm such a version is intended."""
    store = get_store(db)
    options = ParseOptions(published=parse_day(published, "--published"), list_id=list_id)
    accept = Accept(accept_shrink, accept_list_mismatch, accept_future_dates)
    results, skipped, failed = _ingest_paths(store, paths, fmt, options, skip_unknown=False, accept=accept)
    _report_ingest(results, skipped, failed, report)
    _watch_books(store, results, report)
    if failed:
        raise typer.Exit(2)


def update(
    sources: Annotated[
        Path | None,
        typer.Option("--sources", help="Local folder of list files (default: LISTWATCH_SOURCES)."),
    ] = None,
    offline: Annotated[bool, typer.Option("--offline", help="Do not try the official addresses.")] = False,
    report: Annotated[
        OutputFormat, typer.Option("--report", help="table or json summary.")
    ] = OutputFormat.table,
    db: DbOption = None,
    list_ids: Annotated[
        list[str] | None,
        typer.Option(
            "--list",
            help="Only this list (repeatable). OpenSanctions exports (opensanctions, eu_journal_sanctions) "
            "are fetched only when named.",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Skip a list checked successfully less than this long ago (30m, 1h, 1d): run often, "
            "ask each publisher at most that often.",
        ),
    ] = None,
    mirror: Annotated[
        str | None,
        typer.Option("--mirror", help="Fetch from this base address instead (default: LISTWATCH_MIRROR)."),
    ] = None,
    resolve: Annotated[
        bool,
        typer.Option(
            "--resolve/--no-resolve",
            help="Afterwards, link the same entity across lists (`listwatch resolve`) when a new version "
            "came in or nothing is resolved yet.",
        ),
    ] = True,
) -> None:
    """Bring every list up to date: each list from its official address, asking only for what changed
    (ETag / Last-Modified), one line per list; then a local folder if given, and the curated national
    lists shipped with listwatch. A list that fails leaves the store as it was; the others still update.
    Then entity resolution runs on what is held (see `listwatch resolve`), unless --no-resolve."""
    from listwatch.model import LISTS
    from listwatch.update import parse_since, update_all

    settings = Settings.from_env(db_url=db)
    unknown = [name for name in list_ids or [] if name not in LISTS or not LISTS[name].url]
    if unknown:
        raise InputError("--list", f"no list with an address is called {', '.join(unknown)}", field="--list")
    try:
        every = parse_since(since) if since else None
    except ValueError as exc:
        raise InputError("--since", str(exc), field="--since") from None
    if mirror and not mirror.startswith(("http://", "https://")):
        raise InputError("--mirror", f"{mirror!r} is not an http(s) address", field="--mirror")
    folder = sources or settings.sources
    store = get_store(db)
    plan = update_all(
        store,
        folder=folder,
        offline=offline or settings.offline,
        say=console.print if report is OutputFormat.table else err_console.print,
        curated=settings.curated_dir,
        lists=list_ids or None,
        base=mirror or settings.mirror,
        dest=settings.downloads,
        since=every,
    )
    results, skipped, failed = _ingest_paths(
        store, plan.files, None, ParseOptions(), skip_unknown=True, quiet=report is OutputFormat.json
    )
    if report is OutputFormat.json:
        resolved = _resolve_after_update(store, results, resolve, quiet=True)
        _report_ingest(
            results, skipped, failed, report, lists=[o.as_json() for o in plan.lists], resolved=resolved
        )
    else:
        _report_ingest(results, skipped, failed, report)
        _resolve_after_update(store, results, resolve, quiet=False)
    _watch_books(store, results, report)
    if not plan.reachable:
        err_console.print(f"[red]error:[/] {plan.problem}")
        raise typer.Exit(2)
    if failed:
        raise typer.Exit(2)
    if plan.failed and folder is None:
        # Some lists could not be updated (each named above): a scheduler should hear of it.
        raise typer.Exit(1)


def _resolve_after_update(
    store: Store, results: list[IngestResult], wanted: bool, *, quiet: bool
) -> dict[str, object] | None:
    """Entity resolution after ingesting, so that matrices and screening see one entity per person.

    Skipped (and said so) when asked, or when no new version came in and resolution has run before:
    an unchanged store resolves to the same decisions, and a frequent ``update --since`` should not pay
    for it every time. ``listwatch resolve`` always runs it."""
    from listwatch.cli.resolve import run_resolution, say_result

    if not wanted:
        return {"skipped": "--no-resolve"}
    if not any(r.status == "ingested" for r in results) and store.reader().matches_held():
        if not quiet:
            err_console.print("resolve: skipped, no new version since the last resolution")
        return {"skipped": "no new version since the last resolution"}
    result = run_resolution(store, quiet=quiet)
    if not quiet:
        say_result(result)
    return result.as_json()


def changes(
    list_id: Annotated[str, typer.Option("--list", help="List id, e.g. un_sc_sanctions.")],
    date_from: Annotated[str, typer.Option("--from", help="Start date (exclusive): changes after this day.")],
    date_to: Annotated[str, typer.Option("--to", help="End date (inclusive).")],
    known_at: Annotated[
        str | None, typer.Option("--known-at", help="Only what was published by this day.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """What changed on a list after --from up to and including --to."""
    start, end = parse_day(date_from, "--from"), parse_day(date_to, "--to")
    assert start is not None and end is not None
    reader = get_store(db, create=False).reader()
    events, data = changes_between(reader, list_id, start, end, parse_day(known_at, "--known-at"))
    data.update({"from": date_from, "to": date_to})
    if fmt is OutputFormat.json:
        emit_json(data)
        return
    bounds = data["bounds"]
    if data["events"]:
        table = Table(title=f"{list_id}: changes after {date_from} up to {date_to}")
        for column in ("date", "type", "ref", "name", "what changed", "how we know"):
            table.add_column(column, overflow="fold")
        for e in data["events"]:
            table.add_row(e["date"], e["type"], e["ref"], e["name"], "\n".join(e["changes"]), e["when"])
        console.print(table)
    held = ", ".join(v["published"] for v in bounds["in_period"])
    edges = [f"from the version of {bounds['before']['published']}" if bounds["before"] else "", held]
    if bounds["in_period"]:
        console.print(f"held versions bounding the period: {' → '.join(p for p in edges if p)}")
    if data["note"]:
        console.print(data["note"])
    if bounds["in_period"] or events:
        counts = Counter(e.type for e in events)
        console.print(", ".join(f"{counts.get(k, 0)} {k}" for k in ("listed", "delisted", "amended")))


def status(
    entity: Annotated[
        str, typer.Argument(help="A listwatch id, a reference (TAi.171, an OFAC ent_num) or a name.")
    ],
    on: Annotated[str | None, typer.Option("--on", help="The day asked about (default: today).")] = None,
    list_id: Annotated[str | None, typer.Option("--list", help="One list.")] = None,
    jurisdiction: Annotated[
        str | None, typer.Option("--jurisdiction", help="Lists of one jurisdiction (ISO code, UN, EU).")
    ] = None,
    known_at: Annotated[
        str | None, typer.Option("--known-at", help="As known on this day (record time).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Is ENTITY listed on a date? With the evidence: which published version says so."""
    if list_id and jurisdiction:
        raise typer.BadParameter("give --list or --jurisdiction, not both")
    day = parse_day(on, "--on") or date.today()
    known = parse_day(known_at, "--known-at")
    reader = get_store(db, create=False).reader()
    results = statuses(reader, entity, day, list_id=list_id, jurisdiction=jurisdiction, known_at=known)
    if fmt is OutputFormat.json:
        emit_json(results[0] if list_id and len(results) == 1 else {"results": results})
        return
    table = Table(title=f"status on {day}" + (f", as known at {known}" if known else ""))
    for column in ("list", "ref", "name", "status", "since", "until", "basis", "evidence"):
        table.add_column(column)
    for r in results:
        table.add_row(
            r["list"],
            r["ref"] or "",
            r["name"] or "",
            status_label(r),
            r["since"] or "",
            r["until"] or "",
            r["basis"]["reason"] if r["basis"] else "",
            "\n".join(e["statement"] or "" for e in r["evidence"]),
        )
    console.print(table)


def timeline(
    entity: Annotated[str, typer.Argument(help="A listwatch id, a reference or a name.")],
    linked: Annotated[
        bool, typer.Option("--linked/--no-linked", help="Include designations linked by reference.")
    ] = True,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Every event of ENTITY on every list, in date order."""
    reader = get_store(db, create=False).reader()
    _events, data = timeline_of(reader, entity, linked=linked)
    if fmt is OutputFormat.json:
        emit_json(data)
        return
    table = Table(title=f"timeline of {entity}")
    for column in ("date", "list", "type", "ref", "name", "how we know", "what changed"):
        table.add_column(column)
    for e in data["events"]:
        table.add_row(
            e["date"], e["list"], e["type"], e["ref"], e["name"], e["when"], "\n".join(e["changes"])
        )
    console.print(table)
    for entity_id, seen in data["versions"].items():
        console.print(f"{entity_id}: on {len(seen)} held version(s), {seen[0]} … {seen[-1]}")
    for list_id, span in data["coverage"].items():
        stale = (
            f"; stale since {span['stale_after']}: what follows is not known" if span["stale_today"] else ""
        )
        console.print(f"{list_id}: versions held cover {span['from']} … {span['to']}{stale}")


def show(
    entity: Annotated[str, typer.Argument(help="A listwatch id, a reference or a name.")],
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """The entity as its newest held version describes it: names in every script, dates, identifiers."""
    reader = get_store(db, create=False).reader()
    out = describe(reader, find_entities(reader, entity))
    if fmt is OutputFormat.json:
        emit_json({"entity": entity, "results": out})
        return
    for item in out:
        table = Table(title=f"{item['caption']} — {item['entity_id']}", show_header=False)
        table.add_column("field", style="bold")
        table.add_column("value")
        for key, value in item.items():
            if value in (None, [], {}, ""):
                continue
            if key == "names":
                value = "\n".join(f"{v} ({k}{', ' + lang if lang else ''})" for k, v, lang in value)
            elif isinstance(value, list):
                value = "\n".join(
                    " / ".join(map(str, v)) if isinstance(v, list | tuple) else str(v) for v in value
                )
            elif isinstance(value, dict):
                value = "\n".join(f"{k}: {', '.join(v)}" for k, v in value.items())
            table.add_row(key, str(value))
        console.print(table)


def lists(fmt: FormatOption = OutputFormat.table, db: DbOption = None) -> None:
    """The lists held, with their versions, official addresses and licences; then the lists listwatch
    can fetch but holds no version of."""
    data = list_summaries(get_store(db, create=False).reader())
    others = registered_lists({item["list"] for item in data})
    if fmt is OutputFormat.json:
        emit_json({"lists": data, "available": others})
        return
    columns = ("list", "jurisdiction", "title", "versions", "first", "last", "entries", "address", "licence")
    table = Table(title="lists held")
    for column in (*columns[:7], "complete", *columns[7:]):
        table.add_column(column, overflow="fold")
    for item in data:
        complete = {None: "", False: "partial"}.get(item["complete"], f"yes ({item['stated_count']})")
        table.add_row(
            *(str(item.get(k) if item.get(k) is not None else "") for k in columns[:7]),
            complete,
            item["url"] or "",
            item["licence"] or "",
        )
    console.print(table)
    if not data:
        console.print("no lists held yet: run `listwatch update` or `listwatch ingest PATH`")
    if others:
        table = Table(title="not held yet (listwatch update fetches these; * only with --list)")
        for column in ("list", "jurisdiction", "title", "address", "licence"):
            table.add_column(column, overflow="fold")
        for item in others:
            name = item["list"] + ("" if item["default"] else " *")
            table.add_row(name, item["jurisdiction"], item["title"], item["url"], item["licence"] or "")
        console.print(table)


def search(
    query: Annotated[str, typer.Argument(help="Words of a name, in any script, or a reference.")],
    on: Annotated[str | None, typer.Option("--on", help="Status on this day (default: today).")] = None,
    list_id: Annotated[str | None, typer.Option("--list", help="Only designations of this list.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many results.")] = 25,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Find designations by name in the whole record, delisted ones too, each with its status on the
    day and its last event."""
    from listwatch.history.search import search_record
    from listwatch.matching.scripts import to_latin

    day = parse_day(on, "--on") or date.today()
    reader = get_store(db, create=False).reader()
    found = search_record(reader, (query, to_latin(query)), day, limit=limit, list_id=list_id)
    if fmt is OutputFormat.json:
        emit_json({"query": query, "on": day.isoformat(), "results": found})
        return
    table = Table(title=f"“{query}”: {len(found)} designation(s), status on {day}")
    for column in ("list", "ref", "name", "status", "last event"):
        table.add_column(column, overflow="fold")
    for r in found:
        last = r["last_event"]
        table.add_row(
            r["list"],
            r["ref"],
            r["caption"],
            status_label(r),
            f"{last['type']} {last['date']}: {last['when']}" if last else "",
        )
    console.print(table)
    if not found:
        console.print("no designation, in force or delisted, has a name with those words")


def register(app: typer.Typer) -> None:
    for command in (ingest, update, changes, status, timeline, show, lists, search):
        app.command()(command)

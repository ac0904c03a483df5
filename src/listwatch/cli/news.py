"""``listwatch news``: designation events read from news articles.

``extract`` prints what an article states, with the sentence as evidence; it reads no store, so it runs
on a fresh machine. The events are numbered in the table so that a later command can refer to them.
``review`` puts each event next to what the record says, and ``--accept N`` writes chosen events into a
curated list as a new version (the logic is in ``listwatch.news.review`` and ``listwatch.news.accept``);
ingestion happens here, because ``news`` may not import ``ingest``.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

import typer
from rich.markup import escape
from rich.table import Table

from listwatch.cli.common import DbOption, console, emit_json, get_store
from listwatch.curate import Written, accept_into_record
from listwatch.errors import InputError
from listwatch.ingest import IngestResult
from listwatch.news import NewsEvent, extract_events
from listwatch.news.accept import Accepted, Article
from listwatch.news.review import Finding, review
from listwatch.settings import Settings


class OutputFormat(StrEnum):
    json = "json"
    table = "table"


def register(app: typer.Typer) -> None:
    news = typer.Typer(help="Designation events read from news articles.", no_args_is_help=True)
    news.command("extract")(extract)
    news.command("review")(review_command)
    app.add_typer(news, name="news")


def extract(
    file: Path = typer.Argument(..., help="The article as plain text (UTF-8), English or Russian."),
    published: str | None = typer.Option(
        None, "--published", help="Publication date, YYYY-MM-DD: resolves 'on Monday', 'last month'."
    ),
    output: OutputFormat = typer.Option(OutputFormat.json, "--format", help="json or table."),
) -> None:
    """Print the designation events an article states (list, delist, proposed, maintain)."""
    when = _published(published)
    events = extract_events(read_article(file), when)
    if output is OutputFormat.json:
        payload = {"events": [event.to_json() for event in events]}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        typer.echo(format_table(events))


def review_command(
    file: Path = typer.Argument(..., help="The article as plain text (UTF-8), English or Russian."),
    published: str | None = typer.Option(
        None, "--published", help="Publication date, YYYY-MM-DD; names the version an --accept writes."
    ),
    accept_numbers: list[int] = typer.Option(
        [], "--accept", help="Write event N into its curated list as a new version (repeatable)."
    ),
    curated_dir: Path | None = typer.Option(
        None, "--curated-dir", help="Where accepted versions go (default: LISTWATCH_CURATED)."
    ),
    title: str | None = typer.Option(None, "--title", help="The source's title (default: first line)."),
    publisher: str | None = typer.Option(None, "--publisher", help="Who published the article."),
    url: str | None = typer.Option(None, "--url", help="The article's address."),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table or json."),
    db: DbOption = None,
) -> None:
    """Show each event of an article next to what the record says (confirms, conflicts, new); --accept N
    writes event N into its curated list as a new version, with the article as its source."""
    when = _published(published)
    text = read_article(file)
    settings = Settings.from_env(db_url=db)
    overlay = curated_dir or settings.curated_dir
    store = get_store(db)
    findings = review(text, when, store.reader(), overlay, file.name)
    written: list[Written] = []
    if accept_numbers:
        article = Article(
            file=file.name,
            title=title or _first_line(text) or file.stem,
            published=when,
            publisher=publisher or (urlsplit(url).hostname if url else None),
            url=url,
        )
        written = accept_into_record(store, findings, accept_numbers, article, overlay)
    if output is OutputFormat.json:
        emit_json(
            {
                "file": str(file),
                "published": when.isoformat() if when else None,
                "events": [f.to_json() for f in findings],
                "accepted": [w.as_json() for w in written],
            }
        )
        return
    console.print(review_table(findings, file.name))
    for item in written:
        _print_accepted(item.accepted, item.results)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _print_accepted(accepted: Accepted, results: list[IngestResult]) -> None:
    for path in accepted.copied:
        console.print(
            f"copied {path.name} into {escape(str(path.parent))} (the first accept for {accepted.list_id})"
        )
    console.print(f"wrote {escape(str(accepted.path))}")
    console.print(f"  a new version of {accepted.list_id}, from {accepted.based_on.name}; added:")
    for fact in accepted.facts:
        console.print(f"    {escape(fact)}")
    new = next((r for r in results if r.path == accepted.path), None)
    if new is not None:
        events = ", ".join(f"{e.type} {e.entity_id} {e.date}" for e in new.event_rows) or "none"
        console.print(f"  ingested as version {new.version_id} ({new.status}); events derived: {events}")


def review_table(findings: list[Finding], name: str) -> Table:
    table = Table(title=f"{name}: events and the record", show_lines=True)
    for column in ("#", "entity", "jur", "action", "date", "verdict", "the record says", "evidence"):
        table.add_column(column, overflow="fold")
    style = {"confirms": "green", "conflicts": "bold red", "new": "yellow"}
    for f in findings:
        e = f.event
        says = f.says + (f"\n(cannot accept: {f.problem})" if f.problem else "")
        table.add_row(  # text from articles and the record is not Rich markup: "[disputed: ...]"
            str(f.number),
            escape(e.entity),
            e.jurisdiction,
            e.action,
            str(e.date or "-"),
            f"[{style[f.verdict]}]{f.verdict}[/]",
            escape(says),
            escape(e.evidence),
        )
    if not findings:
        table.caption = "no designation events found"
    return table


def read_article(path: Path) -> str:
    """The article's text; a missing or non-UTF-8 file is bad input, named with where it went wrong."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not an article") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the article as UTF-8",
            line=line,
        ) from None


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f'"{value}" is not a date (YYYY-MM-DD)', param_hint="--published") from None


def format_table(events: list[NewsEvent]) -> str:
    if not events:
        return "no designation events found"
    rows = [("#", "entity", "jur", "action", "date", "conf", "evidence")]
    for number, e in enumerate(events, 1):
        evidence = e.evidence if len(e.evidence) <= 70 else e.evidence[:67] + "..."
        rows.append(
            (
                str(number),
                e.entity,
                e.jurisdiction,
                e.action,
                str(e.date or "-"),
                f"{e.confidence:.2f}",
                evidence,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)) + "  " + row[-1]
        for row in rows
    )

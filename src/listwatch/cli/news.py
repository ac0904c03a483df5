"""``listwatch news``: designation events read from news articles.

``extract`` prints what an article states, with the sentence as evidence; it reads no store, so it runs
on a fresh machine. The events are numbered in the table so that a later command can refer to them.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer

from listwatch.errors import InputError
from listwatch.news import NewsEvent, extract_events


class OutputFormat(StrEnum):
    json = "json"
    table = "table"


def register(app: typer.Typer) -> None:
    news = typer.Typer(help="Designation events read from news articles.", no_args_is_help=True)
    news.command("extract")(extract)
    # `review` (each event next to what the record says; --accept N) registers here, beside extract.
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

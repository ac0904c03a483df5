"""``listwatch matrix``: who lists an entity, jurisdiction by jurisdiction, since when, says who."""

from __future__ import annotations

from datetime import date
from typing import Annotated

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
from listwatch.cli.truth import status_label
from listwatch.history.matrix import matrix as build_matrix


def matrix(
    entity: Annotated[str, typer.Argument(help="A listwatch id, a reference (TAi.024) or a name (Taliban).")],
    on: Annotated[str | None, typer.Option("--on", help="The day asked about (default: today).")] = None,
    known_at: Annotated[str | None, typer.Option("--known-at", help="As known on this day.")] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """One row per jurisdiction and list: status on a date, since when, and the sources."""
    day = parse_day(on, "--on") or date.today()
    data = build_matrix(get_store(db, create=False).reader(), entity, day, parse_day(known_at, "--known-at"))
    if fmt is OutputFormat.json:
        emit_json(data)
        return
    table = Table(title=f"{entity} on {day}", show_lines=True)
    for column in ("jurisdiction", "list", "status", "since", "until", "who says so"):
        table.add_column(column, overflow="fold")
    for row in data["rows"]:
        claims = "\n".join(
            f"• {c['statement']} — {c['source']}" + (f'\n  "{c["quote"]}"' if c.get("quote") else "")
            for c in row["claims"]
        )
        if row.get("basis") and row["status"] == "unknown":
            claims = f"{row['basis']['reason']}\n{claims}"
        style = {"listed": "bold red", "not_listed": "green", "never_listed": "dim"}.get(
            row["status"], "yellow"
        )
        table.add_row(
            row["jurisdiction"],
            row["list"],
            f"[{style}]{status_label(row)}[/]",
            row["since"] or "",
            row["until"] or "",
            claims,
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(matrix)

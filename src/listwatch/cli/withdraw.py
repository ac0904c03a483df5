"""``listwatch versions`` (the versions held, with their ids) and ``listwatch withdraw`` (set a version
aside, kept as a fact; ``--undo`` restores it)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from listwatch.cli.common import DbOption, FormatOption, OutputFormat, console, emit_json, get_store


def versions(
    list_id: Annotated[str | None, typer.Option("--list", help="One list.")] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """The versions held, oldest first, with the id `withdraw` takes; withdrawn ones say so and why."""
    reader = get_store(db, create=False).reader()
    acts: dict[int, tuple[str, str, str]] = {}
    for version_id, action, reason, at in reader.withdrawals():
        acts[version_id] = (action, reason, at)
    rows = reader.versions(list_id, withdrawn=True)
    data = [
        {
            **v.as_json(),
            "format": v.format,
            "withdrawn": acts[v.id][0] == "withdrawn" if v.id in acts else False,
            "withdrawal": {"action": acts[v.id][0], "reason": acts[v.id][1], "recorded_at": acts[v.id][2]}
            if v.id in acts
            else None,
        }
        for v in rows
    ]
    if fmt is OutputFormat.json:
        emit_json({"versions": data})
        return
    table = Table(title="versions held" + (f" of {list_id}" if list_id else ""))
    for column in ("id", "list", "published", "entries", "format", "file", "withdrawn"):
        table.add_column(column, justify="right" if column in ("id", "entries") else "left")
    for v, item in zip(rows, data, strict=True):
        note = ""
        if item["withdrawal"]:
            w = item["withdrawal"]
            note = f"{w['action']} {w['recorded_at'][:10]}: {w['reason']}"
        table.add_row(
            str(v.id), v.list_id, v.published_on.isoformat(), str(v.entry_count), v.format,
            (v.path or v.url or "").rsplit("/", 1)[-1], note,
        )  # fmt: skip
    console.print(table)


def withdraw(
    version: Annotated[
        str, typer.Argument(help="A version id (see `listwatch versions`) or LIST@YYYY-MM-DD.")
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why: kept in the record with the withdrawal.")],
    undo: Annotated[bool, typer.Option("--undo", help="Restore a withdrawn version.")] = False,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Withdraw a version from the record (a broken file ingested by mistake): nothing is deleted, the
    withdrawal is kept with its reason, and the events around the version are derived again, so that
    history reads as if it had not been ingested. --undo restores it the same way."""
    from listwatch.withdraw import find_version, restore_version, withdraw_version

    store = get_store(db, create=False)
    row = find_version(store, version)
    result = (restore_version if undo else withdraw_version)(store, row.id, reason)
    if fmt is OutputFormat.json:
        emit_json(result.as_json())
        return
    derived = sum(result.derived.values())
    console.print(
        f"version {row.id} of {row.list_id} ({row.published_on}, {row.entry_count} entries) {result.action}; "
        f"{result.retracted} event(s) retracted, {derived} event(s) in force on the versions derived again",
        markup=False,
    )


def register(app: typer.Typer) -> None:
    app.command()(versions)
    app.command()(withdraw)

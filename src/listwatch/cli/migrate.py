"""``listwatch migrate``: the one command that opens a store of an older schema version."""

from __future__ import annotations

import typer

from listwatch.cli.common import DbOption, FormatOption, OutputFormat, console, emit_json
from listwatch.settings import Settings
from listwatch.store import open_store
from listwatch.store.migrate import migrate as run


def migrate(fmt: FormatOption = OutputFormat.table, db: DbOption = None) -> None:
    """Bring the store to this listwatch's schema version (back it up first): every step in one
    transaction, which an `update` elsewhere waits for; nothing to do on a current store."""
    store = open_store(Settings.from_env(db_url=db).db_url, create=False, migrating=True)
    result = run(store)
    if fmt is OutputFormat.json:
        emit_json(result.as_json())
        return
    if not result.done:
        console.print(f"{result.url}: schema version {result.after}, nothing to migrate", markup=False)
        return
    console.print(f"{result.url}: schema version {result.before} -> {result.after}", markup=False)
    for line in result.done:
        console.print(f"  {line}", markup=False)


def register(app: typer.Typer) -> None:
    app.command()(migrate)

"""``listwatch book add|list|show|rescreen``: customer books kept by listwatch and watched for list
changes (see docs/monitoring.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from listwatch.cli.common import (
    DbOption,
    FormatOption,
    OutputFormat,
    console,
    emit_json,
    err_console,
    get_store,
)
from listwatch.matching import DEFAULT_THRESHOLD
from listwatch.settings import Settings
from listwatch.store import Store

if TYPE_CHECKING:
    from listwatch.monitor.delta import BookDelta

book_app = typer.Typer(
    help="Customer books: kept by id, re-screened when a list changes.", no_args_is_help=True
)

ThresholdOption = Annotated[float, typer.Option("--threshold", help="Lowest score that alerts, 0..1.")]


def _screen_rows(
    db: str | None, name: str, row_ids: list[str] | None, threshold: float, fmt: OutputFormat
) -> None:
    from listwatch.monitor.books import get_book
    from listwatch.monitor.delta import screen_book_rows

    store = get_store(db)
    book = get_book(store, name)
    total = book.rows if row_ids is None else len(row_ids)
    with Progress(
        TextColumn("screening book"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, disable=fmt is OutputFormat.json or total < 5_000, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("book", total=total)
        delta = screen_book_rows(
            store, book, row_ids, threshold, Settings.from_env().index_cache,
            progress=lambda n: bar.update(task, advance=n),
        )  # fmt: skip
    _deliver(store, delta)
    if fmt is OutputFormat.json:
        emit_json({"screened": delta.rows_screened, "alerts": [a.as_json() for a in delta.alerts]})
        return
    opened = sum(a.state == "open" for a in delta.alerts)
    console.print(
        f"{delta.rows_screened:,} row(s) screened in {delta.seconds:.1f} s: {len(delta.alerts)} alert(s), "
        f"{opened} open (listwatch alerts --book {name})",
        markup=False,
    )


@book_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The book's name.")],
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="CSV, Parquet or JSON lines, as for `screen`.")
    ],
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Add a book, or bring it up to FILE: rows are kept by `id`; new and changed rows are screened
    against the lists in force today (alerts for their hits), rows missing from FILE are kept as removed."""
    from listwatch.monitor.books import add_book

    change = add_book(get_store(db), name, path)
    if fmt is OutputFormat.table:
        c = change
        console.print(
            f"book {name}: {c.book.rows:,} rows ({len(c.added):,} added, {len(c.updated):,} updated, "
            f"{len(c.removed):,} removed, {c.unchanged:,} unchanged)",
            markup=False,
        )
    _screen_rows(db, name, [*change.added, *change.updated], threshold, fmt)


@book_app.command("list")
def list_books(fmt: FormatOption = OutputFormat.table, db: DbOption = None) -> None:
    """The books held, with their rows and open alerts."""
    from listwatch.monitor.alerts import alerts
    from listwatch.monitor.books import books

    store = get_store(db, create=False)
    data: list[dict[str, Any]] = []
    for book in books(store):
        found = alerts(store, book_id=book.id)
        data.append(
            {
                "book": book.name,
                "rows": book.rows,
                "created_at": book.created_at,
                "alerts": len(found),
                "open": sum(a.state == "open" for a in found),
            }
        )
    if fmt is OutputFormat.json:
        emit_json({"books": data})
        return
    table = Table(title="books" if data else "no book held: listwatch book add NAME FILE")
    for column in ("book", "rows", "alerts", "open", "created"):
        table.add_column(column, justify="left" if column in ("book", "created") else "right")
    for item in data:
        table.add_row(
            item["book"], f"{item['rows']:,}", str(item["alerts"]), str(item["open"]), item["created_at"][:10]
        )
    console.print(table)


@book_app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="The book's name.")],
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """One book: its rows and the state of its alerts."""
    from listwatch.monitor.alerts import alerts
    from listwatch.monitor.books import current_rows, get_book

    store = get_store(db, create=False)
    book = get_book(store, name)
    found = alerts(store, book_id=book.id)
    states = {
        s: sum(a.state == s for a in found) for s in ("open", "confirmed", "false_positive", "suppressed")
    }
    rows = current_rows(store, book.id)
    if fmt is OutputFormat.json:
        emit_json(
            {
                "book": book.name,
                "created_at": book.created_at,
                "rows": [{"id": i, **data} for i, (data, _h) in sorted(rows.items())],
                "alerts": states,
            }
        )
        return
    console.print(f"book {book.name}: {book.rows:,} rows, created {book.created_at[:19]}", markup=False)
    console.print("alerts: " + ", ".join(f"{v} {k}" for k, v in states.items()), markup=False)
    table = Table(title=f"first rows of {book.name}")
    for column in ("id", "name", "schema", "birth_date", "country"):
        table.add_column(column)
    for row_id, (data, _h) in sorted(rows.items())[:20]:
        table.add_row(row_id, *(str(data.get(c, "")) for c in ("name", "schema", "birth_date", "country")))
    console.print(table)


@book_app.command("rescreen")
def rescreen(
    name: Annotated[str, typer.Argument(help="The book's name.")],
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Screen every row of the book again against the lists in force today; alerts only where a pair
    changed since its last alert (a false positive stays suppressed while nothing changed)."""
    _screen_rows(db, name, None, threshold, fmt)


def register(app: typer.Typer) -> None:
    app.add_typer(book_app, name="book")


def watch_after_ingest(store: Store, version_ids: list[int], say: Callable[[str], None]) -> None:
    """After `ingest`/`update`: re-screen every book for the designations the new versions changed."""
    from listwatch.monitor.books import books
    from listwatch.monitor.delta import rescreen_books

    if not version_ids or not books(store):
        return
    for delta in rescreen_books(store, version_ids, DEFAULT_THRESHOLD, Settings.from_env().index_cache):
        say(delta.summary())
        _deliver(store, delta, say)


def _deliver(store: Store, delta: BookDelta, say: Callable[[str], None] | None = None) -> None:
    from listwatch.monitor.webhooks import deliver

    delivered, failed = deliver(store, delta.book.id, delta.alerts, say or err_console.print)
    if delivered or failed:
        (say or err_console.print)(f"webhooks: {delivered} delivered, {failed} failed")

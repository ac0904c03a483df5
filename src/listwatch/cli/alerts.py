"""``listwatch alerts`` (the alerts of the books, filtered) and ``listwatch alerts decide`` (an analyst's
decision, kept with who, when and why)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from listwatch.cli.common import DbOption, FormatOption, OutputFormat, console, emit_json, get_store

alerts_app = typer.Typer(help="Alerts from re-screened books, and decisions on them.")


@alerts_app.callback(invoke_without_command=True)
def alerts(
    ctx: typer.Context,
    book: Annotated[str | None, typer.Option("--book", help="One book.")] = None,
    state: Annotated[
        str | None, typer.Option("--state", help="open, confirmed, false_positive (or suppressed).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """The alerts, newest first: new, cleared and rescored hits with the list event behind each.
    `listwatch alerts decide ID --as confirmed|false_positive --by WHO --reason TEXT` decides one."""
    if ctx.invoked_subcommand is not None:
        return
    from listwatch.monitor.alerts import alerts as found
    from listwatch.monitor.books import get_book

    store = get_store(db, create=False)
    book_id = get_book(store, book).id if book else None
    chosen = found(store, book_id=book_id, state=state)
    if fmt is OutputFormat.json:
        emit_json({"alerts": [a.as_json() for a in chosen]})
        return
    table = Table(title="alerts" if chosen else "no alert" + (f" in state {state}" if state else ""))
    for column in ("id", "book", "row", "name", "kind", "state", "list", "ref", "matched", "score", "event"):
        table.add_column(column, justify="right" if column in ("id", "score") else "left")
    for a in chosen:
        score = f"{a.score:.2f}" if a.score is not None else "–"
        if a.kind in ("cleared", "rescored") and a.score_before is not None:
            score = f"{a.score_before:.2f} → {score}"
        event = f"{a.event['type']} {a.event['date']}" if a.event else ""
        table.add_row(
            str(a.id), a.book, a.row_id, a.query_name, a.kind, a.state, a.list_id, a.ref, a.matched_name,
            score, event,
        )  # fmt: skip
    console.print(table)


@alerts_app.command("decide")
def decide(
    alert_id: Annotated[int, typer.Argument(metavar="ID", help="An alert id from `listwatch alerts`.")],
    decision: Annotated[str, typer.Option("--as", help="confirmed or false_positive.")],
    by: Annotated[str, typer.Option("--by", help="Who decides.")],
    reason: Annotated[str, typer.Option("--reason", help="Why: kept with the decision.")],
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Decide an alert. Earlier decisions stay in the record; the newest is the alert's state. A false
    positive keeps the same (row, designation) pair out of the open queue until either changes."""
    from listwatch.monitor.alerts import decide as record

    alert = record(get_store(db), alert_id, decision, by, reason)
    if fmt is OutputFormat.json:
        emit_json(alert.as_json())
        return
    console.print(
        f"alert {alert.id} ({alert.query_name} ~ {alert.matched_name}, {alert.list_id} {alert.ref}): "
        f"{alert.state}, by {by}",
        markup=False,
    )


webhook_app = typer.Typer(help="Webhooks: new alerts POSTed as signed JSON.", no_args_is_help=True)


@webhook_app.command("add")
def webhook_add(
    url: Annotated[str, typer.Argument(metavar="URL", help="Where to POST each new alert.")],
    secret: Annotated[str, typer.Option("--secret", help="Signs each body (HMAC-SHA256), 8+ characters.")],
    book: Annotated[
        str | None, typer.Option("--book", help="Only this book's alerts (default: all).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Register a webhook: each new open alert is POSTed as JSON with header
    `X-Listwatch-Signature: sha256=<HMAC-SHA256 of the body>`, retried with backoff on 5xx or no answer."""
    from listwatch.monitor.books import get_book
    from listwatch.monitor.webhooks import add_webhook

    store = get_store(db)
    hook = add_webhook(store, url, secret, get_book(store, book).id if book else None)
    if fmt is OutputFormat.json:
        emit_json(hook.as_json())
        return
    console.print(
        f"webhook {hook.id}: {hook.url}" + (f" (book {book})" if book else " (every book)"), markup=False
    )


@webhook_app.command("list")
def webhook_list(fmt: FormatOption = OutputFormat.table, db: DbOption = None) -> None:
    """The webhooks registered (secrets are not shown)."""
    from listwatch.monitor.webhooks import webhooks

    hooks = webhooks(get_store(db, create=False))
    if fmt is OutputFormat.json:
        emit_json({"webhooks": [h.as_json() for h in hooks]})
        return
    table = Table(title="webhooks" if hooks else "no webhook registered")
    for column in ("id", "url", "book", "created"):
        table.add_column(column)
    for h in hooks:
        table.add_row(str(h.id), h.url, str(h.book_id or "every book"), h.created_at[:19])
    console.print(table)


@webhook_app.command("log")
def webhook_log(fmt: FormatOption = OutputFormat.table, db: DbOption = None) -> None:
    """Every delivery attempt: webhook, alert, attempt number, HTTP status or error."""
    from listwatch.monitor.webhooks import deliveries

    attempts = deliveries(get_store(db, create=False))
    if fmt is OutputFormat.json:
        emit_json({"deliveries": [a.as_json() for a in attempts]})
        return
    table = Table(title="webhook deliveries" if attempts else "no delivery attempted")
    for column in ("webhook", "alert", "attempt", "status", "error", "at"):
        table.add_column(column)
    for a in attempts:
        table.add_row(
            str(a.webhook_id), str(a.alert_id), str(a.attempt), str(a.status or "–"), a.error or "", a.at[:19]
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(alerts_app, name="alerts")
    app.add_typer(webhook_app, name="webhook")

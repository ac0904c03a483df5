"""``listwatch resolve`` (the same entity across lists) and ``listwatch review`` (a person decides)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

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
from listwatch.resolve import AUTO_LINK, REVIEW_FROM, ResolveResult, resolve_store
from listwatch.store import Store


def run_resolution(store: Store, quiet: bool = False) -> ResolveResult:
    """Resolution with a progress bar on a terminal (``update`` calls this after ingesting)."""
    with Progress(
        TextColumn("[bold]resolve"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=quiet or not err_console.is_terminal,
    ) as progress:
        task = progress.add_task("", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return resolve_store(store, advance)


def say_result(result: ResolveResult) -> None:
    decided = result.decided
    err_console.print(
        f"resolved {result.designations} designations: {result.candidates} candidate pairs across lists; "
        f"in force: {decided.get('linked', 0)} linked, {decided.get('review', 0)} to review, "
        f"{decided.get('rejected', 0)} rejected ({result.held_apart} sent to review: one entry per list); "
        f"{result.written} new decision(s) recorded "
        f"({result.seconds:.1f} s)"
    )


def resolve(fmt: FormatOption = OutputFormat.table, db: DbOption = None) -> None:
    """Link the same person or organisation across lists. Pairs scoring at least the auto-link
    threshold are linked; those in the review band wait for `listwatch review`. Repeatable: only
    changed decisions are recorded, and a person's decision is never overridden."""
    result = run_resolution(get_store(db), quiet=fmt is OutputFormat.json)
    if fmt is OutputFormat.json:
        emit_json({**result.as_json(), "auto_link": AUTO_LINK, "review_from": REVIEW_FROM})
        return
    say_result(result)


def _pair_table(data: dict[str, Any]) -> Table:
    table = Table(title=f"{data['total']} pair(s), decision: {data['decision']}", show_lines=True)
    for column in ("id", "score", "decision", "left", "right", "why"):
        table.add_column(column, overflow="fold")
    for item in data["pairs"]:
        left, right = item["left_entry"], item["right_entry"]
        table.add_row(
            str(item["id"]),
            f"{item['score']:.3f}" if item["score"] is not None else "",
            f"{item['decision']} ({item['basis']})",
            f"{left.get('list')} {left.get('ref', '')}\n{left.get('name', '')}",
            f"{right.get('list')} {right.get('ref', '')}\n{right.get('name', '')}",
            item["explanation"],
        )
    return table


def review_list(
    decision: Annotated[
        str, typer.Option("--decision", help="review (waiting), linked, rejected, or all.")
    ] = "review",
    limit: Annotated[int, typer.Option("--limit", help="Pairs shown.")] = 20,
    offset: Annotated[int, typer.Option("--offset", help="Pairs skipped.")] = 0,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Pairs by the decision in force, best score first (default: those waiting for a person)."""
    from listwatch.resolve.review import queue

    data = queue(get_store(db).reader(), decision, limit, offset)
    if fmt is OutputFormat.json:
        emit_json(data)
    else:
        console.print(_pair_table(data))


def review_show(
    first: Annotated[str, typer.Argument(help="A decision id, or an entity.")],
    second: Annotated[str | None, typer.Argument(help="The other entity of the pair.")] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """A pair side by side: both entries, what agrees, what conflicts, every decision recorded."""
    from listwatch.resolve.review import find_pair, side_by_side

    reader = get_store(db).reader()
    data = side_by_side(reader, *find_pair(reader, first, second))
    if fmt is OutputFormat.json:
        emit_json(data)
        return
    table = Table(show_lines=True)
    table.add_column("")
    table.add_column(data["left"]["entity_id"], overflow="fold")
    table.add_column(data["right"]["entity_id"], overflow="fold")
    for field in (
        "list",
        "ref",
        "schema",
        "names",
        "birth_dates",
        "nationalities",
        "identifiers",
        "programs",
    ):
        cells = [data[side].get(field) for side in ("left", "right")]
        table.add_row(field, *("\n".join(c) if isinstance(c, list) else str(c or "") for c in cells))
    console.print(table)
    console.print("[green]agrees:[/] " + ("; ".join(data["agrees"]) or "nothing"))
    console.print("[red]conflicts:[/] " + ("; ".join(data["conflicts"]) or "nothing"))
    held = data["decision"]
    console.print(
        f"in force: {held['decision']} ({held['basis']}), {held['explanation']}"
        if held
        else "no decision yet"
    )


def _decide(
    verdict: str, first: str, second: str | None, by: str, note: str, fmt: OutputFormat, db: str | None
) -> None:
    from listwatch.resolve.review import find_pair, record_decision

    store = get_store(db)
    left, right = find_pair(store.reader(), first, second)
    row = record_decision(store, left, right, verdict, by, note)
    if fmt is OutputFormat.json:
        emit_json(row.as_json())
    else:
        console.print(
            f"{row.left_id} and {row.right_id}: {row.decision} by {row.decided_by} (decision {row.id})"
        )


ByOption = Annotated[
    str, typer.Option("--by", envvar="USER", help="Who decides (recorded with the decision).")
]
NoteOption = Annotated[str, typer.Option("--note", help="Why, in a line.")]
FirstArg = Annotated[str, typer.Argument(help="A decision id from `review list`, or an entity.")]
SecondArg = Annotated[str | None, typer.Argument(help="The other entity, when the first is one.")]


def _verdict_command(verdict: str, doc: str) -> Callable[..., None]:
    def command(
        first: FirstArg,
        second: SecondArg = None,
        by: ByOption = "",
        note: NoteOption = "",
        fmt: FormatOption = OutputFormat.table,
        db: DbOption = None,
    ) -> None:
        _decide(verdict, first, second, by, note, fmt, db)

    command.__doc__ = doc
    return command


review_accept = _verdict_command(
    "accept", "Link the pair: the same entity. Recorded as a new decision; reversible by `reject`."
)
review_reject = _verdict_command(
    "reject", "Keep the pair apart: different entities. Recorded as a new decision; reversible by `accept`."
)


def register(app: typer.Typer) -> None:
    app.command()(resolve)
    review = typer.Typer(
        help="Entity resolution's review queue: list, show, accept, reject.", no_args_is_help=True
    )
    review.command("list")(review_list)
    review.command("show")(review_show)
    review.command("accept")(review_accept)
    review.command("reject")(review_reject)
    app.add_typer(review, name="review")

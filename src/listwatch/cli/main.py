"""``listwatch``: the entry point. Errors become one line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import importlib
import sys

import typer

from listwatch.errors import InputError, ListwatchError

app = typer.Typer(
    name="listwatch",
    help="The dated, sourced history of designation lists, and screening against them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module adds its commands with register(app); a module not yet present is simply absent.
COMMAND_MODULES = ("record", "screen", "monitor", "matrix", "news", "serve")


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"listwatch.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"listwatch.cli.{name}":
                continue
            raise
        module.register(app)


_register_all()


def main() -> None:
    try:
        app(standalone_mode=True)
    except ListwatchError as exc:
        report_error(exc)
        sys.exit(2)


def report_error(exc: ListwatchError) -> None:
    typer.echo(f"error: {exc}", err=True)
    if isinstance(exc, InputError):
        for problem in exc.problems[1:10]:
            where = f"line {problem.line}: " if problem.line else ""
            typer.echo(f"  also: {where}{problem.message}", err=True)

"""``listwatch``: the entry point. Errors become one line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import importlib
import sys

import typer

from listwatch.errors import InputError, ListwatchError

_APP = typer.Typer(
    name="listwatch",
    help="The dated, sourced history of designation lists, and screening against them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module adds its commands with register(app); a module not yet present is simply absent.
COMMAND_MODULES = (
    "record",
    "withdraw",
    "screen",
    "audit",
    "book",
    "alerts",
    "monitor",
    "matrix",
    "news",
    "resolve",
    "serve",
    "migrate",
)


# Commands whose module may be imported alone: ``listwatch screen`` need not import the news pipeline,
# the web server or the record's dependencies (0.3 s at start). Any other first word (``--help``, a
# record command) imports every module.
_ALONE = frozenset({"screen", "monitor", "matrix", "news", "serve"})
_REGISTERED: set[str] = set()


def _register(names: tuple[str, ...]) -> None:
    for name in names:
        if name in _REGISTERED:
            continue
        _REGISTERED.add(name)
        try:
            module = importlib.import_module(f"listwatch.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"listwatch.cli.{name}":
                continue
            raise
        module.register(_APP)


def _register_all() -> None:
    _register(COMMAND_MODULES)


def _group() -> None:
    """The dated, sourced history of designation lists, and screening against them."""


def __getattr__(name: str) -> typer.Typer:
    # ``from listwatch.cli.main import app`` (tests, scripts/cli_docs.py): the app with every command.
    if name == "app":
        _register_all()
        return _APP
    raise AttributeError(name)


def main() -> None:
    words = [a for a in sys.argv[1:] if not a.startswith("-")]
    if words and words[0] in _ALONE and not _REGISTERED:
        # One module only: a callback keeps the app a group, so the command is still named.
        _APP.callback()(_group)
        _register((words[0],))
    else:
        _register_all()
    try:
        _APP(standalone_mode=True)
    except ListwatchError as exc:
        report_error(exc)
        sys.exit(2)


def report_error(exc: ListwatchError) -> None:
    typer.echo(f"error: {exc}", err=True)
    if isinstance(exc, InputError):
        for problem in exc.problems[1:10]:
            where = f"line {problem.line}: " if problem.line else ""
            typer.echo(f"  also: {where}{problem.message}", err=True)

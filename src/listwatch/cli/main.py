"""``listwatch``: the entry point. Errors become one line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import errno
import importlib
import sys
import tempfile
import traceback

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
    except (KeyboardInterrupt, SystemExit) as exc:
        # Typer turns Ctrl-C into exit 130. Every write is a transaction or a file renamed into place
        # at the end, so there is nothing half-written to warn about.
        if isinstance(exc, SystemExit) and exc.code != 130:
            raise
        typer.echo("interrupted: nothing was left half-written", err=True)
        sys.exit(130)
    except OSError as exc:
        typer.echo(f"error: {_os_error(exc)}", err=True)
        sys.exit(2)
    except Exception as exc:
        sys.exit(_unexpected(exc))


def _os_error(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        reason += " (the disk is full)"
    return where + reason


def _unexpected(exc: Exception) -> int:
    """A damaged store is the usual cause of an error listwatch does not expect: say so when the
    store's own check finds it. Otherwise the traceback goes to a report file for a bug report."""
    from listwatch.cli.common import opened_stores

    for store in opened_stores():
        problem = store.integrity_problem()
        if problem:
            typer.echo(
                f"error: the store {store.url} is damaged ({problem}): restore it from a backup, or "
                "rebuild it with `listwatch update`",
                err=True,
            )
            return 2
    with tempfile.NamedTemporaryFile(
        "w", prefix="listwatch-error-", suffix=".txt", delete=False, encoding="utf-8"
    ) as report:
        report.write("".join(traceback.format_exception(exc)))
    typer.echo(
        f"error: unexpected {type(exc).__name__}: {exc} (a bug in listwatch: please report it with "
        f"{report.name}, which holds the details)",
        err=True,
    )
    return 1


def report_error(exc: ListwatchError) -> None:
    typer.echo(f"error: {exc}", err=True)
    if isinstance(exc, InputError):
        for problem in exc.problems[1:10]:
            where = f"line {problem.line}: " if problem.line else ""
            typer.echo(f"  also: {where}{problem.message}", err=True)

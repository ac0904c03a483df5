"""What every command shares: the store from ``--db``/``LISTWATCH_DB``, dates, JSON and table output."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console

from listwatch.errors import InputError
from listwatch.settings import Settings
from listwatch.sources.registry import formats
from listwatch.store import Store, open_store


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: LISTWATCH_DB, else SQLite in the user data dir)."),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="table for people, json for programs.")]

# Piped output (files, CI logs) gets wide tables instead of Rich's 80-column default.
console = Console(width=None if sys.stdout.isatty() else 180)
err_console = Console(stderr=True, width=None if sys.stderr.isatty() else 180)


def get_store(db: str | None, *, create: bool = True) -> Store:
    """``create=False`` for commands that only read: a missing SQLite file is then an error (a mistyped
    --db would otherwise be a new empty store, and every answer "not listed")."""
    # Loading the formats registers the curated lists' ids, so their titles and jurisdictions are known.
    formats()
    settings = Settings.from_env(db_url=db)
    store = open_store(settings.db_url, create=create)
    _OPENED.append(store)
    return store


_OPENED: list[Store] = []


def opened_stores() -> list[Store]:
    """The stores this command opened: checked for damage when it fails in a way nobody expected."""
    return list(_OPENED)


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(option, f'"{value}" is not a date (YYYY-MM-DD)', field=option) from None


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")

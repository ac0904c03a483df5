"""The bitemporal store: one interface (base.py), two engines. ``open_store(url)`` picks one.

URLs: ``sqlite:///path/to.db``, ``sqlite:///:memory:``, a plain file path, or
``postgresql://user@host:5432/db`` (``?schema=name`` to use a schema of that database).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit, urlunsplit

from listwatch.store.base import Store
from listwatch.store.reader import Reader
from listwatch.store.records import EntityRow, EventRow, MatchRow, VersionRow
from listwatch.store.writer import Writer


def open_store(url: str) -> Store:
    if url.startswith(("postgresql://", "postgres://")):
        from listwatch.store.postgres import PostgresStore

        parts = urlsplit(url)
        schema = parse_qs(parts.query).get("schema", [None])[0]
        return PostgresStore(urlunsplit(parts._replace(query="")), schema=schema)
    from listwatch.store.sqlite import SQLiteStore

    if url.startswith("sqlite:///"):
        return SQLiteStore(url[len("sqlite:///") :])
    if url.startswith("sqlite://"):
        return SQLiteStore(url[len("sqlite://") :] or ":memory:")
    return SQLiteStore(url)


__all__ = ["EntityRow", "EventRow", "MatchRow", "Reader", "Store", "VersionRow", "Writer", "open_store"]

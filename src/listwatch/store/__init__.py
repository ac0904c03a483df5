"""The bitemporal store: one interface (base.py), two engines. ``open_store(url)`` picks one.

URLs: ``sqlite:///path/to.db``, ``sqlite:///:memory:``, a plain file path, or
``postgresql://user@host:5432/db`` (``?schema=name`` to use a schema of that database). Any other
scheme (``postgressql://``, ``mysql://``) is an error, never a file of that odd name.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit, urlunsplit

from listwatch.errors import StoreError
from listwatch.store.base import Store
from listwatch.store.reader import Reader
from listwatch.store.records import EntityRow, EventRow, MatchRow, VersionRow
from listwatch.store.writer import Writer

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def open_store(url: str, *, create: bool = True, migrating: bool = False) -> Store:
    """``create=False`` (reading commands): a SQLite file that does not exist is an error, not a new
    empty store. ``migrating``: open a store of an older schema version (``listwatch migrate``); any
    other opening refuses one."""
    scheme = _SCHEME.match(url)
    # One letter before ":" is a Windows drive (C:\\lists.db), not a scheme.
    if scheme and len(scheme.group(1)) > 1 and scheme.group(1).lower() not in _SCHEMES:
        raise StoreError(
            f"unknown database URL scheme {scheme.group(1)!r} in {url!r}: use sqlite:///path/to.db "
            "or postgresql://user@host:5432/db"
        )
    if url.startswith(("postgresql://", "postgres://")):
        from listwatch.store.postgres import PostgresStore

        parts = urlsplit(url)
        schema = parse_qs(parts.query).get("schema", [None])[0]
        return PostgresStore(urlunsplit(parts._replace(query="")), schema=schema, migrating=migrating)
    from listwatch.store.sqlite import SQLiteStore

    if url.startswith("sqlite:///"):
        return SQLiteStore(url[len("sqlite:///") :], create=create, migrating=migrating)
    if url.startswith("sqlite://"):
        return SQLiteStore(url[len("sqlite://") :] or ":memory:", create=create, migrating=migrating)
    if not url.strip():
        raise StoreError("empty database URL: check --db (or LISTWATCH_DB)")
    return SQLiteStore(url, create=create, migrating=migrating)


_SCHEMES = frozenset({"sqlite", "postgresql", "postgres"})


__all__ = ["EntityRow", "EventRow", "MatchRow", "Reader", "Store", "VersionRow", "Writer", "open_store"]

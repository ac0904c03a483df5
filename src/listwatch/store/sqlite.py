"""SQLite: the embedded default. WAL lets readers keep reading the old version while an ingest writes.

A store opened for reading (``create=False``) never creates a file: a mistyped ``--db`` is an error,
not a new empty store that answers "not listed" to everything. Reading needs no write access: a file
or folder the user may not write is opened read-only (and, where SQLite cannot even keep its
shared-memory index beside the file, as immutable).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from listwatch.errors import StoreError
from listwatch.store.base import Connection, Store
from listwatch.store.dialects import SQLITE


class SQLiteStore(Store):
    dialect = SQLITE

    def __init__(self, path: str, *, create: bool = True, migrating: bool = False) -> None:
        super().__init__(migrating=migrating)
        self.path = path
        self.url = f"sqlite:///{path}"
        self.create = create
        if path == ":memory:":
            # One connection for the process: each new one would be a new, empty database.
            self._shared = self._open()
        elif not create:
            file = Path(path)
            if not file.exists():
                raise StoreError(
                    f"no listwatch store at {path}: check --db (or LISTWATCH_DB); a reading command "
                    "does not create one (run `listwatch update` or `listwatch ingest FILE` first)"
                )
            if not file.is_file():
                raise StoreError(f"{path} is not a file: check --db (or LISTWATCH_DB)")
            self.read_only = not (os.access(file, os.W_OK) and os.access(file.parent, os.W_OK))
        else:
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for the database {path}: {exc}") from None
        self.initialise()

    def _open(self, write: bool = True) -> sqlite3.Connection:
        try:
            if self.read_only and not write:
                return self._open_read_only()
            # isolation_level=None: we issue BEGIN ourselves, so a writer takes the lock up front.
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=60)
            if self.path != ":memory:" and write:
                # Kept in the file once set; a reader setting it would write to a file it only reads
                # (an empty file would become a database).
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=OFF")
        except (sqlite3.Error, UnicodeDecodeError) as exc:  # a damaged header can garble the message
            raise StoreError(f"cannot open SQLite database {self.path}: {_explain(exc)}") from None
        return conn

    def _open_read_only(self) -> sqlite3.Connection:
        uri = f"file:{quote(os.path.abspath(self.path))}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None, timeout=60)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            # A WAL database in a folder we may not write: SQLite cannot create its -shm file, so it is
            # read as immutable (no writer can change it while we may not write there either).
            conn = sqlite3.connect(
                f"{uri}&immutable=1", uri=True, check_same_thread=False, isolation_level=None
            )
        return conn

    def _connect(self) -> Connection:
        if self.read_only:
            raise StoreError(
                f"the store {self.path} is read-only for this user: nothing can be written to it"
            )
        return self._open()

    def _connect_reader(self) -> Connection:
        return self._open(write=False)

    def _begin_write(self, cur: Any) -> None:
        cur.execute("BEGIN IMMEDIATE")

    def integrity_problem(self) -> str | None:
        if self.path == ":memory:":
            return None
        try:
            conn = self._open_read_only() if self.read_only else sqlite3.connect(self.path, timeout=5)
            try:
                rows = conn.execute("PRAGMA quick_check(3)").fetchall()
            finally:
                conn.close()
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            return _explain(exc)
        found = "; ".join(str(r[0]) for r in rows)
        return None if found == "ok" else found

    def _table_names(self, conn: Connection) -> set[str]:
        rows = self.execute(conn, "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return {str(r[0]) for r in rows if not str(r[0]).startswith("sqlite_")}


def _explain(exc: Exception) -> str:
    text = str(exc)
    if isinstance(exc, UnicodeDecodeError) or "not a database" in text or "malformed" in text:
        return f"{text} (the file is corrupt or truncated, or not a SQLite database)"
    return text

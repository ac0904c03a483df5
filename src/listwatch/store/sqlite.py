"""SQLite: the embedded default. WAL lets readers keep reading the old version while an ingest writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from listwatch.errors import StoreError
from listwatch.store.base import Connection, Store
from listwatch.store.dialects import SQLITE


class SQLiteStore(Store):
    dialect = SQLITE

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.url = f"sqlite:///{path}"
        if path == ":memory:":
            # One connection for the process: each new one would be a new, empty database.
            self._shared = self._open()
        else:
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for the database {path}: {exc}") from None
        self.initialise()

    def _open(self) -> sqlite3.Connection:
        try:
            # isolation_level=None: we issue BEGIN ourselves, so a writer takes the lock up front.
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=60)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {self.path}: {exc}") from None
        if self.path != ":memory:":
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=OFF")
        return conn

    def _connect(self) -> Connection:
        return self._open()

    def _begin_write(self, cur: Any) -> None:
        cur.execute("BEGIN IMMEDIATE")

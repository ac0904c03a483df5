"""The store interface, written once over DB-API: ``SQLiteStore`` and ``PostgresStore`` only connect.

    with store.writer() as w:      # one transaction: all of it commits, or none
        w.add_version(...)
    r = store.reader()             # what we know now; reader(recorded_at=t) for what we knew at t

No engine is imported here: engines live in sqlite.py and postgres.py.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from listwatch.errors import StoreError
from listwatch.store.dialects import Dialect
from listwatch.store.tables import SCHEMA_VERSION, TABLES

if TYPE_CHECKING:
    from listwatch.store.reader import Reader
    from listwatch.store.writer import Writer

_WORD = re.compile(r"\w+")


def name_key(name: str) -> str:
    """Order- and case-insensitive key for finding an entity by name (``BARADAR, Abdul Ghani``)."""
    return " ".join(sorted(_WORD.findall(name.casefold())))


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Connection(Protocol):
    def cursor(self) -> Any: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...


class Store:
    """Shared logic; subclasses provide ``_connect`` and ``_configure``."""

    dialect: Dialect
    url: str

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._shared: Connection | None = None  # for engines that must keep one (":memory:")
        # Readers reuse one connection per thread: opening one costs more than a status query.
        self._local = threading.local()

    # -- engine hooks -------------------------------------------------------------------------
    def _connect(self) -> Connection:
        raise NotImplementedError  # pragma: no cover - abstract

    def _connect_reader(self) -> Connection:
        return self._connect()

    def _begin_write(self, cur: Any) -> None:
        """Start a write transaction (engines differ in how to take the write lock)."""

    # -- connections --------------------------------------------------------------------------
    @contextmanager
    def connection(self, write: bool = False) -> Iterator[Connection]:
        if self._shared is not None:
            with self._lock:
                yield self._shared
            return
        if not write:
            conn = getattr(self._local, "conn", None)
            if conn is None:
                conn = self._local.conn = self._connect_reader()
            yield conn
            return
        conn = self._connect()
        try:
            yield conn
        finally:
            conn.close()

    def execute(self, conn: Connection, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = conn.cursor()
        try:
            cur.execute(self.dialect.sql(sql), tuple(params))
        except Exception as exc:
            raise StoreError(f"{self.dialect.name}: {exc} (while running: {sql.split()[0:4]})") from exc
        return cur

    def initialise(self) -> None:
        with self.connection(write=True) as conn:
            for ddl in TABLES:
                self.execute(conn, self.dialect.ddl(ddl))
            self.execute(
                conn,
                "INSERT INTO lw_meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                ("schema_version", str(SCHEMA_VERSION)),
            )
            conn.commit()

    @contextmanager
    def writer(self) -> Iterator[Writer]:
        from listwatch.store.writer import Writer

        with self.connection(write=True) as conn:
            cur = conn.cursor()
            self._begin_write(cur)
            try:
                yield Writer(self, conn)
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    def reader(self, recorded_at: datetime | None = None) -> Reader:
        from listwatch.store.reader import Reader

        return Reader(self, None, recorded_at)

    def close(self) -> None:
        if self._shared is not None:
            self._shared.close()
            self._shared = None
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

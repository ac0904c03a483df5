"""The store interface, written once over DB-API: ``SQLiteStore`` and ``PostgresStore`` only connect.

    with store.writer() as w:      # one transaction: all of it commits, or none
        w.add_version(...)
    r = store.reader()             # what we know now; reader(recorded_at=t) for what we knew at t

No engine is imported here: engines live in sqlite.py and postgres.py.
"""

from __future__ import annotations

import re
import threading
import unicodedata
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
_TABLE_NAME = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+)")


def name_key(name: str) -> str:
    """Order-, case- and accent-insensitive key for finding an entity by name (``BARADAR, Abdul Ghani``
    is ``Barādar`` too; ``Алёна`` is ``Алена``). Schema version 2: version 1 kept the accents, and
    ``store.migrate`` adds the folded keys to a store it wrote."""
    return " ".join(sorted(words(name)))


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded and without accents or vowel marks (combining marks), so
    that a name typed on a keyboard without them finds the name a list writes with them."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


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
    read_only: bool = False  # a store opened for reading: nothing is created or written
    create: bool = True  # False for reading commands: an empty database is an error, not filled in

    def __init__(self, *, migrating: bool = False) -> None:
        # ``listwatch migrate`` opens a store of an older schema version; every other command is
        # refused one, since its SQL is written for the current version.
        self.migrating = migrating
        self._lock = threading.RLock()
        self._shared: Connection | None = None  # for engines that must keep one (":memory:")
        # Readers reuse one connection per thread: opening one costs more than a status query.
        self._local = threading.local()
        self._tables: set[str] = set()

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
        return _Rows(cur, self, sql)

    def integrity_problem(self) -> str | None:
        """What is wrong with the database's own structure, if anything (asked after an unexpected
        error, never on every open: a full check reads the whole file)."""
        return None

    def _table_names(self, conn: Connection) -> set[str]:
        raise NotImplementedError  # pragma: no cover - abstract

    def initialise(self) -> None:
        """Check that the database is a listwatch store this version can read, then create what is
        missing. Nothing is written to a complete store, so reading commands work on a read-only file;
        a database holding another application's tables, or a newer or unknown schema, is refused
        before anything is touched."""
        with self.connection() as conn:
            tables = self._table_names(conn)
            version = self._schema_version(conn, tables)
        if version is not None and version < SCHEMA_VERSION and not self.migrating:
            raise StoreError(
                f"{self.url} has schema version {version}, this listwatch uses version {SCHEMA_VERSION}: "
                f"back it up, then run `listwatch migrate --db {self.url}`"
            )
        wanted = {m.group(1) for m in map(_TABLE_NAME.search, TABLES) if m}
        if not tables and not self.create:
            raise StoreError(
                f"{self.url} is an empty database, not a listwatch store: check --db (or LISTWATCH_DB); "
                "a reading command does not create one"
            )
        if wanted <= tables and version is not None:
            self._tables = tables
            return
        if self.read_only:
            self._tables = tables  # read what is there; a reader leaves a missing table alone
            return
        with self.connection(write=True) as conn:
            # Under the write lock: processes that open one new PostgreSQL schema at the same moment
            # (two API servers and an update) would otherwise race in CREATE TABLE.
            self._begin_write(conn.cursor())
            for ddl in TABLES:
                self.execute(conn, self.dialect.ddl(ddl))
            self.execute(
                conn,
                "INSERT INTO lw_meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                ("schema_version", str(SCHEMA_VERSION)),
            )
            conn.commit()
            self._tables = tables | wanted

    def schema_version(self) -> int | None:
        """The schema version the store records (None: a new, empty database)."""
        with self.connection() as conn:
            return self._schema_version(conn, self._table_names(conn))

    def _schema_version(self, conn: Connection, tables: set[str]) -> int | None:
        if "lw_meta" not in tables:
            if tables:
                shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
                raise StoreError(
                    f"{self.url} is not a listwatch store: it holds other tables ({shown}) and no lw_meta; "
                    "give --db a new file or an empty schema"
                )
            return None
        rows = self.execute(conn, "SELECT value FROM lw_meta WHERE key = ?", ("schema_version",)).fetchall()
        if not rows:
            return None
        value = str(rows[0][0])
        if not value.isdigit():
            raise StoreError(
                f"{self.url}: unknown schema version {value!r} in lw_meta: not a listwatch store?"
            )
        if int(value) > SCHEMA_VERSION:
            raise StoreError(
                f"{self.url} has schema version {value}, written by a newer listwatch; this one reads up to "
                f"version {SCHEMA_VERSION}: upgrade listwatch"
            )
        return int(value)

    def has_table(self, name: str) -> bool:
        return name in self._tables

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


class _Rows:
    """A cursor whose rows, fetched, fail as ``StoreError`` too: SQLite reads most of a result only
    when it is fetched, so a corrupt page or an undecodable text shows there, not in ``execute``."""

    def __init__(self, cursor: Any, store: Store, sql: str) -> None:
        self._cursor = cursor
        self._store = store
        self._sql = sql

    def _failed(self, exc: Exception) -> StoreError:
        words = self._sql.split()[0:4]
        return StoreError(f"{self._store.dialect.name}: {exc} (while reading the rows of: {words})")

    def fetchone(self) -> Any:
        try:
            return self._cursor.fetchone()
        except Exception as exc:
            raise self._failed(exc) from exc

    def fetchall(self) -> list[Any]:
        try:
            return list(self._cursor.fetchall())
        except Exception as exc:
            raise self._failed(exc) from exc

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

"""The store interface, written once over DB-API: ``SQLiteStore`` and ``PostgresStore`` only connect.

    with store.writer() as w:      # one transaction: all of it commits, or none
        w.add_version(...)
    r = store.reader()             # what we know now; reader(recorded_at=t) for what we knew at t

No engine is imported here: engines live in sqlite.py and postgres.py.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any, Protocol

from listwatch.errors import StoreError
from listwatch.model import Entry, ListVersion, entity_id_for
from listwatch.store.dialects import Dialect
from listwatch.store.records import EntityRow, EventRow, VersionRow
from listwatch.store.tables import SCHEMA_VERSION, TABLES

_WORD = re.compile(r"\w+")


def name_key(name: str) -> str:
    """Order- and case-insensitive key for finding an entity by name (``BARADAR, Abdul Ghani``)."""
    return " ".join(sorted(_WORD.findall(name.casefold())))


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
        return Reader(self, None, recorded_at)

    def close(self) -> None:
        if self._shared is not None:
            self._shared.close()
            self._shared = None
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


class Reader:
    """Questions to the store. ``recorded_at`` limits to what listwatch had ingested by then (audit)."""

    def __init__(self, store: Store, conn: Connection | None, recorded_at: datetime | None = None) -> None:
        self.store = store
        self._conn = conn
        self.recorded_at = recorded_at.astimezone(UTC).isoformat() if recorded_at else None

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        if self._conn is not None:
            yield self._conn
        else:
            with self.store.connection() as conn:
                yield conn

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._connection() as conn:
            rows: list[tuple[Any, ...]] = self.store.execute(conn, sql, params).fetchall()
            return rows

    def _audit(self, column: str = "ingested_at") -> tuple[str, list[Any]]:
        if self.recorded_at is None:
            return "", []
        return f" AND {column} <= ?", [self.recorded_at]

    # -- versions -----------------------------------------------------------------------------
    _VERSION_COLUMNS = (
        "id, list_id, published_at, published_on, scope, kind, sha256, content_hash, format, publisher, "
        "path, url, size, retrieved_at, ingested_at, entry_count"
    )

    @staticmethod
    def _version(row: tuple[Any, ...]) -> VersionRow:
        values = list(row)
        values[3] = date.fromisoformat(values[3])
        return VersionRow(*values)

    def versions(self, list_id: str | None = None, known_at: date | None = None) -> list[VersionRow]:
        """Versions in publication order; ``known_at`` keeps those published by then (record time)."""
        sql = f"SELECT {self._VERSION_COLUMNS} FROM list_version WHERE 1=1"
        params: list[Any] = []
        if list_id is not None:
            sql += " AND list_id = ?"
            params.append(list_id)
        if known_at is not None:
            sql += " AND published_on <= ?"
            params.append(known_at.isoformat())
        audit, extra = self._audit()
        rows = self._all(sql + audit + " ORDER BY list_id, published_at, id", params + extra)
        return [self._version(r) for r in rows]

    def version_by_sha(self, list_id: str, sha256: str) -> VersionRow | None:
        rows = self._all(
            f"SELECT {self._VERSION_COLUMNS} FROM list_version WHERE list_id = ? AND sha256 = ?",
            (list_id, sha256),
        )
        return self._version(rows[0]) if rows else None

    def list_ids(self) -> list[str]:
        audit, extra = self._audit()
        return [r[0] for r in self._all(f"SELECT DISTINCT list_id FROM list_version WHERE 1=1{audit}", extra)]

    def version_members(self, version_id: int) -> dict[str, tuple[str, str | None]]:
        """entity_id -> (revision hash, program) for one version."""
        rows = self._all(
            "SELECT entity_id, hash, program FROM version_entry WHERE version_id = ?", (version_id,)
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    def revisions(self, hashes: Iterable[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        keys = list(set(hashes))
        for start in range(0, len(keys), 500):  # stay under SQLite's bound-variable cap
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for h, data in self._all(f"SELECT hash, data FROM entry_revision WHERE hash IN ({marks})", chunk):
                out[h] = json.loads(data)
        return out

    def entry(self, version_id: int, entity_id: str) -> Entry | None:
        rows = self._all(
            "SELECT r.data FROM version_entry v JOIN entry_revision r ON r.hash = v.hash "
            "WHERE v.version_id = ? AND v.entity_id = ?",
            (version_id, entity_id),
        )
        return Entry.from_content(json.loads(rows[0][0])) if rows else None

    def entity_memberships(self, entity_id: str) -> dict[int, tuple[str, str | None]]:
        """version_id -> (revision hash, program) for every version that holds the entity."""
        rows = self._all(
            "SELECT version_id, hash, program FROM version_entry WHERE entity_id = ?", (entity_id,)
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    # -- entities -----------------------------------------------------------------------------
    def entity(self, entity_id: str) -> EntityRow | None:
        rows = self._all(
            "SELECT entity_id, list_id, ref_key, schema FROM entity WHERE entity_id = ?", (entity_id,)
        )
        return EntityRow(*rows[0]) if rows else None

    def entities_by_ref(self, ref_key: str) -> list[EntityRow]:
        rows = self._all(
            "SELECT entity_id, list_id, ref_key, schema FROM entity WHERE ref_key = ?", (ref_key,)
        )
        return [EntityRow(*r) for r in rows]

    def entities_by_name(self, name: str, limit: int = 50) -> list[EntityRow]:
        rows = self._all(
            "SELECT e.entity_id, e.list_id, e.ref_key, e.schema FROM entity_name n "
            "JOIN entity e ON e.entity_id = n.entity_id WHERE n.name_key = ? ORDER BY e.entity_id LIMIT ?",
            (name_key(name), limit),
        )
        return [EntityRow(*r) for r in rows]

    def search_names(self, text: str, limit: int = 20) -> list[EntityRow]:
        """Every entity one of whose name keys contains each word of ``text``."""
        words = _WORD.findall(text.casefold())
        if not words:
            return []
        where = " AND ".join("n.name_key LIKE ?" for _ in words)
        rows = self._all(
            "SELECT DISTINCT e.entity_id, e.list_id, e.ref_key, e.schema FROM entity_name n "
            f"JOIN entity e ON e.entity_id = n.entity_id WHERE {where} ORDER BY e.entity_id LIMIT ?",
            [f"%{w}%" for w in words] + [limit],
        )
        return [EntityRow(*r) for r in rows]

    def links(self, entity_id: str) -> set[str]:
        rows = self._all(
            "SELECT target_id FROM entity_link WHERE entity_id = ? UNION SELECT entity_id FROM entity_link "
            "WHERE target_id = ?",
            (entity_id, entity_id),
        )
        return {r[0] for r in rows}

    # -- events -------------------------------------------------------------------------------
    _EVENT_COLUMNS = (
        "e.id, e.list_id, e.entity_id, e.ref, e.type, e.name, e.date, e.window_start, e.window_end, "
        "e.recorded_at, e.basis, e.fields, e.version_id, e.prev_version_id, e.ingested_at"
    )

    @staticmethod
    def _event(row: tuple[Any, ...]) -> EventRow:
        values = list(row)
        values[6] = date.fromisoformat(values[6])
        values[7] = date.fromisoformat(values[7]) if values[7] else None
        values[8] = date.fromisoformat(values[8])
        values[11] = json.loads(values[11])
        return EventRow(*values)

    def events(
        self,
        *,
        list_id: str | None = None,
        entity_ids: Sequence[str] | None = None,
        after: date | None = None,
        until: date | None = None,
        known_at: date | None = None,
        version_id: int | None = None,
    ) -> list[EventRow]:
        """Events in force (not retracted), in date order. ``after`` is exclusive, ``until`` inclusive."""
        sql = f"SELECT {self._EVENT_COLUMNS} FROM event e WHERE 1=1"
        params: list[Any] = []
        if list_id is not None:
            sql += " AND e.list_id = ?"
            params.append(list_id)
        if entity_ids is not None:
            if not entity_ids:
                return []
            sql += f" AND e.entity_id IN ({','.join('?' * len(entity_ids))})"
            params.extend(entity_ids)
        if after is not None:
            sql += " AND e.date > ?"
            params.append(after.isoformat())
        if until is not None:
            sql += " AND e.date <= ?"
            params.append(until.isoformat())
        if known_at is not None:
            sql += " AND e.recorded_at <= ?"
            params.append(known_at.isoformat())
        if version_id is not None:
            sql += " AND e.version_id = ?"
            params.append(version_id)
        retracted = "SELECT event_id FROM event_retraction WHERE 1=1"
        audit, extra = self._audit("e.ingested_at")
        r_audit, r_extra = self._audit("retracted_at")
        sql += f"{audit} AND e.id NOT IN ({retracted}{r_audit})"
        rows = self._all(sql + " ORDER BY e.date, e.list_id, e.ref, e.id", params + extra + r_extra)
        return [self._event(r) for r in rows]


class Writer:
    """Appends within one transaction. Reads through ``self.reader`` see the uncommitted rows."""

    def __init__(self, store: Store, conn: Connection) -> None:
        self.store = store
        self.conn = conn
        self.reader = Reader(store, conn)
        self.ingested_at = now_iso()

    def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        cur = self.conn.cursor()
        try:
            cur.executemany(self.store.dialect.sql(sql), rows)
        except Exception as exc:
            raise StoreError(f"{self.store.dialect.name}: {exc} (while running: {sql.split()[0:3]})") from exc

    def add_version(self, version: ListVersion, content_hash: str) -> int:
        src = version.source
        cur = self.store.execute(
            self.conn,
            "INSERT INTO list_version (list_id, published_at, published_on, scope, kind, sha256, "
            "content_hash, format, publisher, path, url, size, retrieved_at, ingested_at, entry_count) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                version.list_id,
                version.published.astimezone(UTC).isoformat(),
                version.published_on.isoformat(),
                version.scope,
                version.kind,
                src.sha256,
                content_hash,
                src.format,
                src.publisher,
                src.path,
                src.url,
                src.size,
                src.retrieved_at.isoformat() if src.retrieved_at else None,
                self.ingested_at,
                len(version.entries),
            ),
        )
        return int(cur.fetchone()[0])

    def add_members(
        self, version_id: int, list_id: str, members: Sequence[tuple[str, str, str | None, Entry, str]]
    ) -> None:
        """members: (entity_id, revision hash, program, entry, canonical JSON of its content)."""
        self._many(
            "INSERT INTO entry_revision (hash, entity_id, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(h, eid, data) for eid, h, _p, _e, data in members],
        )
        self._many(
            "INSERT INTO version_entry (version_id, entity_id, hash, program) VALUES (?, ?, ?, ?)",
            [(version_id, eid, h, p) for eid, h, p, _e, _d in members],
        )
        self._many(
            "INSERT INTO entity (entity_id, list_id, ref_key, schema) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [(eid, list_id, e.ref_key, e.schema) for eid, _h, _p, e, _d in members],
        )
        names = {(eid, name_key(n.value)) for eid, _h, _p, e, _d in members for n in e.names}
        names |= {(eid, e.ref_key) for eid, _h, _p, e, _d in members}
        self._many(
            "INSERT INTO entity_name (entity_id, name_key) VALUES (?, ?) ON CONFLICT DO NOTHING",
            sorted(n for n in names if n[1]),
        )
        links = {(eid, link_target(link)) for eid, _h, _p, e, _d in members for link in e.links}
        self._many(
            "INSERT INTO entity_link (entity_id, target_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            sorted(links),
        )

    def add_events(self, rows: Sequence[tuple[Any, ...]]) -> None:
        self._many(
            "INSERT INTO event (list_id, entity_id, ref, type, name, date, window_start, window_end, "
            "recorded_at, basis, fields, event_key, version_id, prev_version_id, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def active_event_keys(self, version_id: int) -> dict[str, int]:
        rows = self.reader._all(
            "SELECT id, event_key FROM event WHERE version_id = ? "
            "AND id NOT IN (SELECT event_id FROM event_retraction)",
            (version_id,),
        )
        return {key: int(eid) for eid, key in rows}

    def retract_events(self, event_ids: Iterable[int], by_version_id: int) -> None:
        self._many(
            "INSERT INTO event_retraction (event_id, retracted_at, by_version_id) VALUES (?, ?, ?)",
            [(eid, self.ingested_at, by_version_id) for eid in sorted(event_ids)],
        )


def link_target(link: str) -> str:
    """``un_sc_sanctions:TAi.024`` -> the entity id of that designation."""
    list_id, _, ref = link.partition(":")
    return entity_id_for(list_id, ref)

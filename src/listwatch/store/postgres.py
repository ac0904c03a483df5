"""PostgreSQL: the shared store when one machine is not enough. Same SQL as SQLite (see dialects.py).

A ``schema`` (search_path) keeps test runs and tenants apart in one database.
"""

from __future__ import annotations

import re
from typing import Any

from listwatch.errors import StoreError
from listwatch.store.base import Connection, Store
from listwatch.store.dialects import POSTGRES

_SCHEMA = re.compile(r"^[a-z_][a-z0-9_]*$")


class PostgresStore(Store):
    dialect = POSTGRES

    def __init__(self, url: str, schema: str | None = None, *, migrating: bool = False) -> None:
        super().__init__(migrating=migrating)
        try:
            import psycopg  # noqa: F401  (a missing driver should say what to install)
        except ImportError:  # pragma: no cover - psycopg is a dependency
            raise StoreError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from None
        if schema is not None and not _SCHEMA.match(schema):
            raise StoreError(f"invalid schema name: {schema!r}")
        self.url = url
        self.schema = schema
        self.initialise()

    def _connect(self) -> Connection:
        import psycopg

        try:
            conn = psycopg.connect(self.url, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL at {self.url}: {exc}".strip()) from None
        if self.schema:
            with conn.cursor() as cur:
                # Serialised: concurrent CREATE SCHEMA IF NOT EXISTS can fail on a duplicate key.
                cur.execute("SELECT pg_advisory_xact_lock(4243)")
                cur.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
                cur.execute(f'SET search_path TO "{self.schema}"')
            conn.commit()
        return conn

    def _connect_reader(self) -> Connection:
        # Autocommit: a reused reader connection must not sit in an open transaction (a stale snapshot
        # and an "idle in transaction" session); each statement sees the last committed ingest.
        conn = self._connect()
        conn.autocommit = True  # type: ignore[attr-defined]
        return conn

    def _begin_write(self, cur: Any) -> None:
        # psycopg opens a transaction on the first statement; SERIALIZABLE is not needed because one
        # advisory lock serialises ingests (they read neighbours, then append).
        cur.execute("SELECT pg_advisory_xact_lock(4242)")

    def _table_names(self, conn: Connection) -> set[str]:
        rows = self.execute(
            conn,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
        ).fetchall()
        return {str(r[0]) for r in rows}

    def drop_schema(self) -> None:
        """For tests: remove the throwaway schema."""
        if not self.schema:
            raise StoreError("refusing to drop the default schema")
        import psycopg

        with psycopg.connect(self.url) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')

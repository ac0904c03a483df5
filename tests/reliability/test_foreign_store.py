"""Group 5 of issue 18: a database that is not a listwatch store (another application's tables) or
holds a schema this listwatch cannot read is refused before anything is written to it, by reading and
writing commands alike, on both engines."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from entry_point import Run
from un_files import write_un

from listwatch.errors import StoreError
from listwatch.store import open_store


def _sqlite(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _tables(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    finally:
        conn.close()


@pytest.mark.parametrize("command", [["status", "TAi.001"], ["lists"], ["ingest", "{un}"]])
def test_another_applications_database_is_refused(
    tmp_path: Path, lw: Callable[..., Run], command: list[str]
) -> None:
    db = tmp_path / "crm.db"
    _sqlite(db, "CREATE TABLE customers (id INTEGER, name TEXT)", "INSERT INTO customers VALUES (1, 'x')")
    args = [a.replace("{un}", str(write_un(tmp_path, "2024-01-10"))) for a in command]
    result = lw(*args, "--db", str(db))
    assert result.code == 2 and "is not a listwatch store: it holds other tables (customers)" in result.stderr
    assert _tables(db) == ["customers"]  # nothing created in it


@pytest.mark.parametrize(
    ("value", "message"),
    [("abc", "unknown schema version 'abc'"), ("99", "schema version 99, written by a newer listwatch")],
)
def test_an_unknown_schema_version_is_refused(
    tmp_path: Path, lw: Callable[..., Run], value: str, message: str
) -> None:
    db = tmp_path / "future.db"
    store = open_store(f"sqlite:///{db}")
    store.close()
    _sqlite(db, f"UPDATE lw_meta SET value = '{value}' WHERE key = 'schema_version'")
    before = db.read_bytes()
    for args in (["lists"], ["ingest", str(write_un(tmp_path, "2024-01-10"))]):
        result = lw(*args, "--db", str(db))
        assert result.code == 2 and message in result.stderr, result.stderr
    assert db.read_bytes() == before
    with pytest.raises(StoreError, match="upgrade listwatch" if value == "99" else "not a listwatch store"):
        open_store(f"sqlite:///{db}")


def test_a_postgres_schema_of_another_application_is_refused() -> None:
    base = os.environ.get("LISTWATCH_TEST_POSTGRES")
    if not base:
        pytest.skip("PostgreSQL not tested: set LISTWATCH_TEST_POSTGRES")
    import psycopg

    schema = f"lw_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        conn.execute(f'CREATE TABLE "{schema}".orders (id integer)')
    try:
        with pytest.raises(StoreError, match=r"is not a listwatch store: it holds other tables \(orders\)"):
            open_store(f"{base}?schema={schema}")
        with psycopg.connect(base) as conn:
            rows = conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,)
            ).fetchall()
        assert [r[0] for r in rows] == ["orders"]
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

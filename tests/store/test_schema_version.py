"""Schema versions: a store records its version; an older one is refused until `listwatch migrate`,
which brings it up (the real step from version 1: accent-free name keys); a newer or foreign one is
refused with an error that says what it is. On both engines."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from listwatch.cli.main import app
from listwatch.errors import StoreError
from listwatch.ingest import ingest_file, ingest_version
from listwatch.model import Entry, ListVersion, Name, PartialDate
from listwatch.model.version import Source
from listwatch.store import Store, open_store
from listwatch.store.migrate import migrate
from listwatch.store.tables import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
runner = CliRunner()


def _v1_name_key(name: str) -> str:
    """The name key as listwatch 1 (schema version 1) wrote it: case-folded words, accents kept."""
    return " ".join(sorted(re.findall(r"\w+", name.casefold())))


def _accented() -> ListVersion:
    entry = Entry(
        "T.1",
        "Person",
        (Name("Zubayr Qāsimī Ḥaddād", "primary"), Name("Алёна Фёдорова", "alias")),
        birth_dates=(PartialDate(1968),),
    )
    return ListVersion(
        "un_sc_sanctions",
        datetime(2021, 2, 1, tzinfo=UTC),
        Source(sha256="accented", format="test", publisher="test"),
        (entry,),
    )


def _make_v1(store: Store) -> None:
    """Turn a store just written by this listwatch into the one listwatch 1 wrote from the same
    files: the same tables and rows, its name keys, and schema version 1 in lw_meta."""
    ingest_file(store, FIXTURES / "un_sc" / "v1.xml")
    ingest_version(store, _accented())
    with store.connection(write=True) as conn:
        rows = store.execute(conn, "SELECT entity_id, ref_key FROM entity").fetchall()
        revisions = store.execute(conn, "SELECT entity_id, data FROM entry_revision").fetchall()
        import json

        keys = {(str(e), str(r)) for e, r in rows}
        keys |= {(str(e), _v1_name_key(v)) for e, d in revisions for _k, v, _l in json.loads(d)["names"]}
        store.execute(conn, "DELETE FROM entity_name")
        conn.cursor().executemany(
            store.dialect.sql("INSERT INTO entity_name (entity_id, name_key) VALUES (?, ?)"),
            sorted(k for k in keys if k[1]),
        )
        store.execute(conn, "UPDATE lw_meta SET value = '1' WHERE key = 'schema_version'")
        conn.commit()


def _record(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables that hold the record (not the name lookup that a step may extend)."""
    tables = ("list_version", "entry_revision", "version_entry", "entity", "entity_link", "event")
    with store.connection() as conn:
        return {
            t: sorted(tuple(r) for r in store.execute(conn, f"SELECT * FROM {t}").fetchall()) for t in tables
        }


def _url(store: Store) -> str:
    schema = getattr(store, "schema", None)
    return f"{store.url}?schema={schema}" if schema else store.url


def _set_version(store: Store, value: str) -> None:
    with store.connection(write=True) as conn:
        store.execute(conn, "UPDATE lw_meta SET value = ? WHERE key = 'schema_version'", (value,))
        conn.commit()


def test_a_new_store_records_the_current_version(store: Store) -> None:
    assert store.schema_version() == SCHEMA_VERSION


def test_an_old_store_is_refused_then_migrated(store: Store) -> None:
    _make_v1(store)
    record = _record(store)
    url = _url(store)
    assert not store.reader().entities_by_name("Zubayr Qasimi Haddad")  # version 1 keeps the accent
    store.close()
    with pytest.raises(
        StoreError, match=r"schema version 1, this listwatch uses version 2: .*listwatch migrate"
    ):
        open_store(url)
    refused = runner.invoke(app, ["status", "T.1", "--db", url])
    assert isinstance(refused.exception, StoreError) and "listwatch migrate" in str(refused.exception)

    result = runner.invoke(app, ["migrate", "--db", url])
    assert result.exit_code == 0, result.output
    assert "schema version 1 -> 2" in result.output and "name keys added" in result.output
    migrated = open_store(url)
    assert migrated.schema_version() == 2
    reader = migrated.reader()
    assert [e.entity_id for e in reader.entities_by_name("Zubayr Qasimi Haddad")] == ["un_sc_sanctions:t.1"]
    assert [e.entity_id for e in reader.search_names("алена федорова")] == ["un_sc_sanctions:t.1"]
    assert _record(migrated) == record  # the step added keys, and changed no fact
    with migrated.connection() as conn:
        steps = migrated.execute(conn, "SELECT key FROM lw_meta WHERE key LIKE 'migrated:%'").fetchall()
    assert [s[0] for s in steps] == ["migrated:2"]
    migrated.close()

    again = runner.invoke(app, ["migrate", "--db", url, "--format", "json"])
    assert again.exit_code == 0, again.output
    assert '"steps": []' in again.output and '"schema_version": 2' in again.output


def test_a_new_store_and_a_migrated_one_answer_alike(store: Store, another_store: Store) -> None:
    _make_v1(store)
    migrate(open_store(_url(store), migrating=True))
    ingest_file(another_store, FIXTURES / "un_sc" / "v1.xml")
    ingest_version(another_store, _accented())
    after = open_store(_url(store)).reader()
    fresh = another_store.reader()
    for query in ("qasimi", "Qāsimī", "haddad", "ALENA", "Фёдорова", "Taliban"):
        assert [e.entity_id for e in after.search_names(query)] == [
            e.entity_id for e in fresh.search_names(query)
        ]


def test_a_newer_store_is_refused(store: Store) -> None:
    _set_version(store, str(SCHEMA_VERSION + 1))
    url = _url(store)
    store.close()
    with pytest.raises(StoreError, match=r"written by a newer listwatch.*upgrade listwatch"):
        open_store(url)
    with pytest.raises(StoreError, match="newer listwatch"):
        open_store(url, migrating=True)  # migrate cannot go back either


def test_an_unknown_version_is_refused(store: Store) -> None:
    _set_version(store, "banana")
    url = _url(store)
    store.close()
    with pytest.raises(StoreError, match="unknown schema version 'banana'"):
        open_store(url)


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER, name TEXT)")
    with pytest.raises(StoreError, match=r"not a listwatch store: it holds other tables \(customers\)"):
        open_store(f"sqlite:///{path}")
    result = runner.invoke(app, ["migrate", "--db", f"sqlite:///{path}"])
    assert isinstance(result.exception, StoreError) and "not a listwatch store" in str(result.exception)
    with sqlite3.connect(path) as conn:  # nothing was added to it
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["customers"]


def test_a_failed_step_leaves_the_store_as_it_was(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from listwatch.store import migrate as migrate_module

    _make_v1(store)
    url = _url(store)
    with store.connection() as conn:
        keys_before = store.execute(conn, "SELECT count(*) FROM entity_name").fetchone()[0]
    real = migrate_module.STEPS[1]

    def half_then_fail(s: Store, conn: object) -> str:
        real.apply(s, conn)  # type: ignore[arg-type]  # the step's work is done, then something breaks
        raise OSError("disk full")

    monkeypatch.setitem(migrate_module.STEPS, 1, migrate_module.Step(1, real.summary, half_then_fail))
    with pytest.raises(OSError, match="disk full"):
        migrate(open_store(url, migrating=True))
    after = open_store(url, migrating=True)
    assert after.schema_version() == 1
    with after.connection() as conn:
        assert after.execute(conn, "SELECT count(*) FROM entity_name").fetchone()[0] == keys_before
    monkeypatch.setitem(migrate_module.STEPS, 1, real)
    assert migrate(after).after == 2  # and a second try succeeds

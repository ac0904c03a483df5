"""``listwatch migrate``: bring a store written by an older listwatch to the current schema version.

The store records its version in ``lw_meta`` (``schema_version``). Every other command refuses a store
of an older version (its SQL is written for the current one) and one of a newer version; ``migrate``
runs the steps from the store's version to the current one, in one transaction under the write lock
(an ``update`` on another machine waits; a failed step leaves the store as it was), and records when
each step ran (``lw_meta`` key ``migrated:N``).

A step adds: tables, indexes, rows derived from the record. It never rewrites or deletes a fact.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from listwatch.errors import StoreError
from listwatch.store.base import Connection, Store, name_key, now_iso
from listwatch.store.tables import SCHEMA_VERSION

_PAGE = 5000  # revisions read per statement: a large store's revisions need not fit in memory at once


@dataclass(frozen=True, slots=True)
class Step:
    """From version ``source`` to ``source + 1``; ``apply`` returns what it did, in a few words."""

    source: int
    summary: str
    apply: Callable[[Store, Connection], str]


@dataclass(frozen=True, slots=True)
class Migration:
    url: str
    before: int
    after: int
    done: list[str]  # one line per step run

    def as_json(self) -> dict[str, Any]:
        return {"db": self.url, "schema_version_before": self.before, "schema_version": self.after,
                "steps": self.done}  # fmt: skip


def _fold_name_keys(store: Store, conn: Connection) -> str:
    """Version 2 looks names up accent-insensitively (``store.base.name_key``): add the folded key of
    every name of every stored revision. The keys version 1 wrote stay (nothing is deleted); a folded
    query simply no longer needs them."""
    added = 0
    last = ""
    while True:
        rows = store.execute(
            conn,
            "SELECT hash, entity_id, data FROM entry_revision WHERE hash > ? ORDER BY hash LIMIT ?",
            (last, _PAGE),
        ).fetchall()
        if not rows:
            break
        last = str(rows[-1][0])
        keys = {
            (str(entity_id), name_key(str(value)))
            for _hash, entity_id, data in rows
            for _kind, value, *_lang in json.loads(data)["names"]
        }
        keys = {k for k in keys if k[1]}
        before = _count(store, conn)
        conn.cursor().executemany(
            store.dialect.sql(
                "INSERT INTO entity_name (entity_id, name_key) VALUES (?, ?) ON CONFLICT DO NOTHING"
            ),
            sorted(keys),
        )
        added += _count(store, conn) - before
    return f"{added} accent-free name keys added"


def _count(store: Store, conn: Connection) -> int:
    return int(store.execute(conn, "SELECT count(*) FROM entity_name").fetchone()[0])


STEPS: dict[int, Step] = {
    1: Step(1, "name lookups ignore accents and vowel marks", _fold_name_keys),
}


def migrate(store: Store) -> Migration:
    """Run every step from the store's schema version to ``SCHEMA_VERSION``; nothing when it is current."""
    if store.read_only:
        raise StoreError(f"{store.url} is read-only for this user: it cannot be migrated")
    with store.connection(write=True) as conn:
        cur = conn.cursor()
        store._begin_write(cur)
        try:
            version = store._schema_version(conn, store._table_names(conn))
            if version is None:
                raise StoreError(f"{store.url} holds no listwatch store to migrate")
            before = version
            done = []
            while version < SCHEMA_VERSION:
                step = STEPS.get(version)
                if step is None:  # pragma: no cover - a release must ship every step
                    raise StoreError(f"no migration from schema version {version}")
                done.append(f"{version} -> {version + 1}: {step.summary} ({step.apply(store, conn)})")
                version += 1
                store.execute(
                    conn, "UPDATE lw_meta SET value = ? WHERE key = ?", (str(version), "schema_version")
                )
                store.execute(
                    conn,
                    "INSERT INTO lw_meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    (f"migrated:{version}", now_iso()),
                )
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
    return Migration(store.url, before, version, done)

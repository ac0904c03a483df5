"""Customer books kept by listwatch: rows by ``id``, appended as facts (a changed row is a new row, a
row gone from the file is a ``removed`` row), so what a book held on any day stays known.

A book has its own name index in the database (``book_key``: its rows' name part keys), so that a
changed designation can be looked up *in the book* — the reverse direction — instead of screening every
row again.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listwatch.errors import InputError, NotFound
from listwatch.matching import Query
from listwatch.matching.files import read_queries
from listwatch.matching.keys import phonetic_key
from listwatch.matching.normalize import tokenize
from listwatch.matching.screen import queries_from_rows
from listwatch.store import Store
from listwatch.store.base import now_iso

BOOK_FIELDS = ("name", "schema", "birth_date", "country")


@dataclass(frozen=True, slots=True)
class BookInfo:
    id: int
    name: str
    created_at: str
    rows: int
    revision: int  # the newest book_row id: the book's state, for naming its index


@dataclass(slots=True)
class BookChange:
    """What one ``book add`` did."""

    book: BookInfo
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "book": self.book.name,
            "rows": self.book.rows,
            "added": len(self.added),
            "updated": len(self.updated),
            "removed": len(self.removed),
            "unchanged": self.unchanged,
        }


# Keys of one or two letters (al, el, bin, ud) are particles most names share: they find nothing.
MIN_KEY = 3


def name_keys(name: str) -> tuple[set[str], int]:
    """What a book row is found by: each part's phonetic key, and the key of each two adjacent parts
    written as one (a customer file's "ALBASHAIR" is the list's "AL BASHAIR", and the reverse); and
    how many of its parts have a key (particles have none)."""
    tokens = tokenize(name)
    parts = {phonetic_key(t) for t in tokens}
    keys = parts | {phonetic_key(a + b) for a, b in itertools.pairwise(tokens)}
    found = {k for k in keys if len(k) >= MIN_KEY}
    if tokens:
        found.add(whole_key(tokens))  # a name of short parts only ("9H-EAA") is found whole
    return found, sum(len(k) >= MIN_KEY for k in parts)


def whole_key(tokens: tuple[str, ...]) -> str:
    """The whole name's parts as they are spelt, joined: phonetic keys are upper case, so no clash."""
    return "=" + "".join(tokens)


def row_hash(data: dict[str, Any]) -> str:
    text = json.dumps([data.get(k) for k in BOOK_FIELDS], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in BOOK_FIELDS:
        value = row.get(key)
        if value is None or (isinstance(value, float) and value != value):
            continue
        text = str(value).strip()
        if text:
            out[key] = text
    return out


def read_book_file(path: Path) -> dict[str, dict[str, Any]]:
    """``id`` -> row data, from a CSV, Parquet or JSON lines file with the columns of ``screen``. Every
    row needs an id of its own: a book is kept by id."""
    rows: dict[str, dict[str, Any]] = {}
    line = 1
    for batch in read_queries(path):
        for row in batch:
            line += 1
            ident = str(row.get("id") or "").strip()
            if not ident:
                raise InputError(path, "a row without an id: a book keeps rows by id", field="id", line=line)
            if ident in rows:
                raise InputError(path, f"id {ident!r} appears twice", field="id", line=line)
            rows[ident] = _clean(row)
    return rows


def _book(store: Store, name: str, counted: bool = True) -> BookInfo | None:
    """The book ``name``; ``counted=False`` leaves ``rows`` 0: counting a million-row book's current
    rows reads every row's history (seconds), which a re-screen does not need."""
    if not store.has_table("book"):
        return None
    with store.connection() as conn:
        row = store.execute(conn, "SELECT id, name, created_at FROM book WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        revision = store.execute(
            conn, "SELECT COALESCE(MAX(id), 0) FROM book_row WHERE book_id = ?", (row[0],)
        ).fetchone()[0]
        if not counted:
            return BookInfo(int(row[0]), row[1], row[2], 0, int(revision))
        # A row's newest state decides: counted where it is not a removal.
        count = store.execute(
            conn,
            "SELECT COUNT(*) FROM book_row r WHERE r.book_id = ? AND r.removed = 0 AND r.id = "
            "(SELECT MAX(n.id) FROM book_row n WHERE n.book_id = r.book_id AND n.row_id = r.row_id)",
            (row[0],),
        ).fetchone()[0]
    return BookInfo(int(row[0]), row[1], row[2], int(count), int(revision))


def get_book(store: Store, name: str) -> BookInfo:
    book = _book(store, name)
    if book is None:
        held = ", ".join(b.name for b in books(store)) or "none"
        raise NotFound(f"no book named {name!r} (books held: {held}; `listwatch book add NAME FILE`)")
    return book


def books(store: Store, counted: bool = True) -> list[BookInfo]:
    if not store.has_table("book"):
        return []
    with store.connection() as conn:
        names = [r[0] for r in store.execute(conn, "SELECT name FROM book ORDER BY name").fetchall()]
    return [b for b in (_book(store, n, counted) for n in names) if b is not None]


def current_rows(
    store: Store, book_id: int, ids: Iterable[str] | None = None
) -> dict[str, tuple[dict[str, Any], str]]:
    """``id`` -> (data, hash) of the rows the book holds now (of ``ids`` only, when given: a delta
    reads the few rows it screens, not the whole book)."""
    sql = "SELECT row_id, data, data_hash, removed FROM book_row WHERE book_id = ?"
    chunks: list[list[str]] = [[]]
    if ids is not None:
        wanted = sorted(set(ids))
        chunks = [wanted[i : i + 500] for i in range(0, len(wanted), 500)]
    out: dict[str, tuple[dict[str, Any], str]] = {}
    with store.connection() as conn:
        for chunk in chunks:
            where = f" AND row_id IN ({','.join('?' * len(chunk))})" if ids is not None else ""
            cur = store.execute(conn, sql + where + " ORDER BY row_id, id", (book_id, *chunk))
            for row_id, data, digest, removed in cur.fetchall():
                if removed:
                    out.pop(row_id, None)
                else:
                    out[row_id] = (json.loads(data), digest)
    return out


def add_book(store: Store, name: str, path: Path) -> BookChange:
    """Create the book or bring it up to ``path``'s rows: new and changed rows appended, missing ones
    marked removed; one transaction."""
    if not name.strip():
        raise InputError("NAME", "a book needs a name", field="NAME")
    rows = read_book_file(path)
    existing = _book(store, name)
    held = current_rows(store, existing.id) if existing else {}
    added: list[str] = []
    updated: list[str] = []
    removed: list[str] = []
    unchanged = 0
    now = now_iso()
    with store.writer() as w:
        if existing is None:
            cur = store.execute(
                w.conn, "INSERT INTO book (name, created_at) VALUES (?, ?) RETURNING id", (name, now)
            )
            book_id = int(cur.fetchone()[0])
        else:
            book_id = existing.id
        appended: list[tuple[Any, ...]] = []
        keys: list[tuple[int, str, str, int]] = []
        for row_id, data in rows.items():
            digest = row_hash(data)
            before = held.get(row_id)
            if before is not None and before[1] == digest:
                unchanged += 1
                continue
            (updated if before is not None else added).append(row_id)
            appended.append((book_id, row_id, json.dumps(data, ensure_ascii=False), digest, 0, now))
            found, parts = name_keys(str(data.get("name", "")))
            keys.extend((book_id, key, row_id, parts) for key in found)
        for row_id, (data, digest) in held.items():
            if row_id not in rows:
                removed.append(row_id)
                appended.append((book_id, row_id, json.dumps(data, ensure_ascii=False), digest, 1, now))
        if appended:
            sql = (
                "INSERT INTO book_row (book_id, row_id, data, data_hash, removed, recorded_at) "
                "VALUES (?, ?, ?, ?, ?, ?)"
            )
            w.conn.cursor().executemany(store.dialect.sql(sql), appended)
        if keys:
            sql = "INSERT INTO book_key (book_id, key, row_id, parts) VALUES (?, ?, ?, ?)"
            w.conn.cursor().executemany(store.dialect.sql(sql), keys)
    book = get_book(store, name)
    return BookChange(book, added, updated, removed, unchanged)


def book_queries(
    rows: dict[str, tuple[dict[str, Any], str]], ids: Iterable[str] | None = None
) -> list[Query]:
    """The rows as screening queries (rows that cannot be screened, an empty name, are left out)."""
    chosen = rows if ids is None else {i: rows[i] for i in ids if i in rows}
    found = queries_from_rows({"id": i, **data} for i, (data, _h) in chosen.items())
    return [q for q in found if isinstance(q, Query)]

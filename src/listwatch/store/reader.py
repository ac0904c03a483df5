"""Questions to the store, in one place: versions, entries, entities, events.

Every query is written once with ``?`` placeholders; ``recorded_at`` limits answers to what listwatch had
ingested by then (the audit axis).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from listwatch.model import Citation, Completeness, Entry, parse_partial_date
from listwatch.store.base import Connection, Store, name_key, words
from listwatch.store.records import EntityRow, EventRow, MatchRow, VersionRow

SEARCH_WORDS = 16


def _like_literal(word: str) -> str:
    return word.replace("!", "!!").replace("%", "!%").replace("_", "!_")


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

    def versions(
        self, list_id: str | None = None, known_at: date | None = None, *, withdrawn: bool = False
    ) -> list[VersionRow]:
        """Versions in publication order; ``known_at`` keeps those published by then (record time).
        Withdrawn versions are left out (the record reads as if they had never been ingested) unless
        ``withdrawn`` asks for them too."""
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
        out = [self._version(r) for r in rows]
        if not withdrawn:
            gone = self.withdrawn_ids()
            out = [v for v in out if v.id not in gone]
        return out

    def withdrawals(self) -> list[tuple[int, str, str, str]]:
        """Every withdrawal and restoration, oldest first: (version_id, action, reason, recorded_at)."""
        if not self.store.has_table("version_withdrawal"):
            return []  # a store opened read-only from before withdrawals existed
        audit, extra = self._audit("recorded_at")
        rows = self._all(
            f"SELECT version_id, action, reason, recorded_at FROM version_withdrawal WHERE 1=1{audit} "
            "ORDER BY id",
            extra,
        )
        return [(int(r[0]), r[1], r[2], r[3]) for r in rows]

    def withdrawn_ids(self) -> set[int]:
        """Versions whose newest act (as known at ``recorded_at``) is a withdrawal."""
        last: dict[int, str] = {}
        for version_id, action, _reason, _at in self.withdrawals():
            last[version_id] = action
        return {v for v, action in last.items() if action == "withdrawn"}

    def version_by_sha(self, list_id: str, sha256: str) -> VersionRow | None:
        rows = self._all(
            f"SELECT {self._VERSION_COLUMNS} FROM list_version WHERE list_id = ? AND sha256 = ?",
            (list_id, sha256),
        )
        return self._version(rows[0]) if rows else None

    def completeness(self, version_ids: Iterable[int]) -> dict[int, Completeness]:
        """What each version says of its own completeness; a version with none stated is absent."""
        out: dict[int, Completeness] = {}
        ids = sorted(set(version_ids))
        for start in range(0, len(ids), 500):  # stay under SQLite's bound-variable cap
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._all(
                "SELECT version_id, complete, stated_count, citation FROM version_completeness "
                f"WHERE version_id IN ({marks})",
                chunk,
            )
            for vid, complete, count, citation in rows:
                data = json.loads(citation)
                published = data.pop("published")
                out[int(vid)] = Completeness(
                    bool(complete),
                    None if count is None else int(count),
                    Citation(**data, published=parse_partial_date(published) if published else None),
                )
        return out

    def list_ids(self) -> list[str]:
        return sorted({v.list_id for v in self.versions()})

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
        """Every entity one of whose name keys contains each word of ``text`` (its ``SEARCH_WORDS``
        longest distinct words: a pasted paragraph must not become a statement too deep to run).
        ``_`` and ``%`` are letters here, not LIKE wildcards: "_" finds names with an underscore."""
        # A "word" of underscores only (``_``) is punctuation to the user, not a search for the
        # underscores in curated references such as al_qaeda.
        found = [w for w in dict.fromkeys(words(text)) if any(c.isalnum() for c in w)]
        parts = sorted(found, key=len, reverse=True)[:SEARCH_WORDS]
        if not parts:
            return []
        where = " AND ".join("n.name_key LIKE ? ESCAPE '!'" for _ in parts)
        rows = self._all(
            "SELECT DISTINCT e.entity_id, e.list_id, e.ref_key, e.schema FROM entity_name n "
            f"JOIN entity e ON e.entity_id = n.entity_id WHERE {where} ORDER BY e.entity_id LIMIT ?",
            [f"%{_like_literal(w)}%" for w in parts] + [limit],
        )
        return [EntityRow(*r) for r in rows]

    def links(self, entity_id: str) -> set[str]:
        rows = self._all(
            "SELECT target_id FROM entity_link WHERE entity_id = ? UNION SELECT entity_id FROM entity_link "
            "WHERE target_id = ?",
            (entity_id, entity_id),
        )
        return {r[0] for r in rows}

    # -- entity resolution --------------------------------------------------------------------
    _MATCH_COLUMNS = (
        "id, left_id, right_id, decision, basis, score, explanation, detail, algorithm, decided_by, "
        "valid_from, valid_to, recorded_at"
    )

    def matches(self, entity_ids: Sequence[str] | None = None) -> list[MatchRow]:
        """Every decision about pairs that involve ``entity_ids`` (None: all), oldest first; which one
        is in force is resolve/decisions.py's to say."""
        sql = f"SELECT {self._MATCH_COLUMNS} FROM entity_match WHERE 1=1"
        params: list[Any] = []
        if entity_ids is not None:
            if not entity_ids:
                return []
            marks = ",".join("?" * len(entity_ids))
            sql += f" AND (left_id IN ({marks}) OR right_id IN ({marks}))"
            params.extend([*entity_ids, *entity_ids])
        audit, extra = self._audit("recorded_at")
        rows = self._all(sql + audit + " ORDER BY recorded_at, id", params + extra)
        return [self._match(r) for r in rows]

    def matches_held(self) -> bool:
        """Whether resolution (or a reviewer) has recorded any decision yet."""
        return bool(self._all("SELECT 1 FROM entity_match LIMIT 1", ()))

    def match(self, match_id: int) -> MatchRow | None:
        rows = self._all(f"SELECT {self._MATCH_COLUMNS} FROM entity_match WHERE id = ?", (match_id,))
        return self._match(rows[0]) if rows else None

    @staticmethod
    def _match(row: tuple[Any, ...]) -> MatchRow:
        values = list(row)
        values[5] = float(values[5]) if values[5] is not None else None
        values[7] = json.loads(values[7])
        return MatchRow(*values)

    def resolution_mark(self) -> tuple[Any, ...]:
        """Changes whenever a link or a decision is added: a cache of resolved entities keys on it."""
        rows = self._all(
            "SELECT (SELECT MAX(id) FROM entity_match), (SELECT COUNT(*) FROM entity_match), "
            "(SELECT COUNT(*) FROM entity_link)"
        )
        return tuple(rows[0])

    def all_links(self) -> list[tuple[str, str]]:
        """Every reference link the lists carry (entity_link), for resolution's blocking."""
        return [(r[0], r[1]) for r in self._all("SELECT entity_id, target_id FROM entity_link")]

    def latest_members(self) -> dict[str, tuple[str, str, str | None]]:
        """entity_id -> (list_id, revision hash, program) of the newest held version that has it: how
        each designation was last described, whether or not it is still listed."""
        audit, extra = self._audit("v.ingested_at")
        rows = self._all(
            "SELECT m.entity_id, v.list_id, m.hash, m.program, v.published_at, v.id FROM version_entry m "
            f"JOIN list_version v ON v.id = m.version_id WHERE 1=1{audit}",
            extra,
        )
        newest: dict[str, tuple[str, int, str, str, str | None]] = {}
        for entity_id, list_id, h, program, published_at, vid in rows:
            seen = newest.get(entity_id)
            if seen is None or (published_at, vid) > (seen[0], seen[1]):
                newest[entity_id] = (published_at, vid, list_id, h, program)
        return {eid: (v[2], v[3], v[4]) for eid, v in newest.items()}

    def all_memberships(self) -> list[tuple[str, int, str]]:
        """(entity_id, version_id, revision hash) for every version held: the API's records read the
        whole history in one query (``api/records.py``)."""
        audit, extra = self._audit("v.ingested_at")
        rows = self._all(
            "SELECT m.entity_id, m.version_id, m.hash FROM version_entry m "
            f"JOIN list_version v ON v.id = m.version_id WHERE 1=1{audit}",
            extra,
        )
        return [(r[0], r[1], r[2]) for r in rows]

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

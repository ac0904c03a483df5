"""Appends, within one transaction: versions, entry revisions, entities, links, events, retractions."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC
from typing import Any

from listwatch.errors import StoreError
from listwatch.model import Citation, Entry, ListVersion, entity_id_for
from listwatch.store.base import Connection, Store, name_key, now_iso
from listwatch.store.reader import Reader


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
        version_id = int(cur.fetchone()[0])
        if version.completeness is not None:
            self._many(
                "INSERT INTO version_completeness (version_id, complete, stated_count, citation) "
                "VALUES (?, ?, ?, ?)",
                [
                    (
                        version_id,
                        int(version.completeness.complete),
                        version.completeness.count,
                        citation_json(version.completeness.citation),
                    )
                ],
            )
        return version_id

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

    def add_matches(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Entity resolution's decisions: (left_id, right_id, decision, basis, score, explanation,
        detail JSON, algorithm, decided_by, valid_from, valid_to); recorded now."""
        self._many(
            "INSERT INTO entity_match (left_id, right_id, decision, basis, score, explanation, detail, "
            "algorithm, decided_by, valid_from, valid_to, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row, self.ingested_at) for row in rows],
        )

    def add_withdrawal(self, version_id: int, action: str, reason: str) -> None:
        self.store.execute(
            self.conn,
            "INSERT INTO version_withdrawal (version_id, action, reason, recorded_at) VALUES (?, ?, ?, ?)",
            (version_id, action, reason, self.ingested_at),
        )

    def retract_events(self, event_ids: Iterable[int], by_version_id: int) -> None:
        self._many(
            "INSERT INTO event_retraction (event_id, retracted_at, by_version_id) VALUES (?, ?, ?)",
            [(eid, self.ingested_at, by_version_id) for eid in sorted(event_ids)],
        )


def citation_json(citation: Citation) -> str:
    data = {
        "title": citation.title,
        "publisher": citation.publisher,
        "published": str(citation.published) if citation.published else None,
        "url": citation.url,
        "quote": citation.quote,
        "statement": citation.statement,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def link_target(link: str) -> str:
    """``un_sc_sanctions:TAi.024`` -> the entity id of that designation."""
    list_id, _, ref = link.partition(":")
    return entity_id_for(list_id, ref)

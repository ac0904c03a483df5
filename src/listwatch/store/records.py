"""Rows as the store hands them out: small frozen values, so callers never see a cursor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class VersionRow:
    id: int
    list_id: str
    published_at: str
    published_on: dt.date
    scope: str | None
    kind: str
    sha256: str
    content_hash: str
    format: str
    publisher: str
    path: str | None
    url: str | None
    size: int
    retrieved_at: str | None
    ingested_at: str
    entry_count: int

    def covers(self, program: str | None) -> bool:
        """Does this version speak for an entity of this program (regime, regulation)?"""
        return self.scope is None or self.scope == program

    def as_json(self) -> dict[str, Any]:
        return {
            "version_id": self.id,
            "list": self.list_id,
            "published": self.published_on.isoformat(),
            "published_at": self.published_at,
            "scope": self.scope,
            "sha256": self.sha256,
            "source": self.url if not self.path else self.path,
            "publisher": self.publisher,
            "ingested_at": self.ingested_at,
            "entries": self.entry_count,
        }


@dataclass(frozen=True, slots=True)
class EventRow:
    id: int
    list_id: str
    entity_id: str
    ref: str
    type: str
    name: str
    date: dt.date
    window_start: dt.date | None
    window_end: dt.date
    recorded_at: str
    basis: str
    fields: list[dict[str, Any]]
    version_id: int
    prev_version_id: int | None
    ingested_at: str

    def as_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "ref": self.ref,
            "entity_id": self.entity_id,
            "name": self.name,
            "date": self.date.isoformat(),
            "window": [
                self.window_start.isoformat() if self.window_start else None,
                self.window_end.isoformat(),
            ],
            "basis": self.basis,
            "recorded_at": self.recorded_at,
            "fields": self.fields,
            "list": self.list_id,
            "version_id": self.version_id,
        }


@dataclass(frozen=True, slots=True)
class EntityRow:
    entity_id: str
    list_id: str
    ref_key: str
    schema: str


@dataclass(frozen=True, slots=True)
class MatchRow:
    """One decision of entity resolution about a pair of designations (``entity_match``)."""

    id: int
    left_id: str
    right_id: str
    decision: str  # linked | review | rejected
    basis: str  # identifier | score | person
    score: float | None
    explanation: str
    detail: dict[str, Any]
    algorithm: str
    decided_by: str
    valid_from: str | None
    valid_to: str | None
    recorded_at: str

    @property
    def pair(self) -> tuple[str, str]:
        return (self.left_id, self.right_id)

    def other(self, entity_id: str) -> str:
        return self.right_id if entity_id == self.left_id else self.left_id

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "left": self.left_id,
            "right": self.right_id,
            "decision": self.decision,
            "basis": self.basis,
            "score": self.score,
            "explanation": self.explanation,
            "detail": self.detail,
            "algorithm": self.algorithm,
            "decided_by": self.decided_by,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "recorded_at": self.recorded_at,
        }

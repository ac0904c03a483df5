"""Reviewing an article into the record, top to bottom: review -> accept -> ingest.

``news`` finds and judges the events and writes the new curated version; ingestion is ``ingest.py``'s.
This module joins the two so the CLI (``news review --accept``) and the API (``POST /news/accept``) do
the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from listwatch.ingest import IngestResult, ingest_file
from listwatch.news.accept import Accepted, Article, accept
from listwatch.news.review import Finding
from listwatch.sources.national import FORMAT, iter_curated_versions
from listwatch.store import Store


@dataclass(slots=True)
class Written:
    accepted: Accepted
    results: list[IngestResult]

    @property
    def new(self) -> IngestResult | None:
        return next((r for r in self.results if r.path == self.accepted.path), None)

    def as_json(self) -> dict[str, Any]:
        new = self.new
        return {
            "list": self.accepted.list_id,
            "path": str(self.accepted.path),
            "based_on": str(self.accepted.based_on),
            "facts": self.accepted.facts,
            "copied": [str(p) for p in self.accepted.copied],
            "ingested": new.as_json() if new else None,
            "events": [
                {"type": e.type, "entity_id": e.entity_id, "date": e.date.isoformat(), "basis": e.basis}
                for e in (new.event_rows if new else [])
            ],
        }


def accept_into_record(
    store: Store,
    findings: Sequence[Finding],
    numbers: Sequence[int],
    article: Article,
    overlay: Path,
    today: date | None = None,
) -> list[Written]:
    """Write the chosen events as new curated versions, then ingest every version of each list touched
    (a store that never held the shipped versions gets the whole history, already-held ones are no-ops)."""
    written = []
    for accepted in accept(findings, numbers, article, overlay, today or date.today()):
        paths = [p for p in iter_curated_versions(overlay=overlay) if p.parent.name == accepted.list_id]
        written.append(Written(accepted, [ingest_file(store, p, FORMAT) for p in paths]))
    return written

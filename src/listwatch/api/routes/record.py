"""The designation record over HTTP: ``/status``, ``/matrix``, ``/changes``, ``/lists``. The same
``history.views`` functions answer ``listwatch status``, ``changes`` and ``lists``."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query

from listwatch.api.deps import get_reader, require_read_key
from listwatch.history.views import changes_between, list_summaries, matrix_of, statuses
from listwatch.store import Reader

router = APIRouter(tags=["Record"], dependencies=[Depends(require_read_key)])


@router.get("/status")
def status(
    entity: str = Query(..., min_length=1, description="An id, a reference (TAi.024) or a name."),
    on: date | None = Query(None, description="The day asked about (default: today)."),
    known_at: date | None = Query(None, description="As known on this day (record time)."),
    jurisdiction: str | None = Query(None, description="Lists of one jurisdiction (ISO code, UN, EU)."),
    list_id: str | None = Query(None, alias="list", description="One list."),
    reader: Reader = Depends(get_reader),
) -> dict[str, Any]:
    """Is ENTITY listed on a day, with the evidence: which published version or source says so."""
    if list_id and jurisdiction:
        raise HTTPException(400, "give list or jurisdiction, not both")
    day = on or date.today()
    results = statuses(reader, entity, day, list_id=list_id, jurisdiction=jurisdiction, known_at=known_at)
    return {
        "entity": entity,
        "on": day.isoformat(),
        "known_at": known_at.isoformat() if known_at else None,
        "results": results,
    }


@router.get("/matrix")
def matrix(
    entity: str = Query(..., min_length=1, description="An id, a reference or a name."),
    on: date | None = Query(None, description="The day (default: today)."),
    known_at: date | None = Query(None, description="As known on this day (record time)."),
    reader: Reader = Depends(get_reader),
) -> dict[str, Any]:
    """Per jurisdiction and list: listed, not listed (never listed) or unknown on ``on``, with the
    basis, the coverage of the versions held, staleness, and the claims with their sources."""
    return matrix_of(reader, entity, on or date.today(), known_at)


@router.get("/changes")
def changes(
    list_id: str = Query(..., alias="list", min_length=1, description="List id, e.g. un_sc_sanctions."),
    date_from: date = Query(..., alias="from", description="Changes after this day (exclusive)."),
    date_to: date = Query(..., alias="to", description="Up to and including this day."),
    known_at: date | None = Query(None, description="Only what was published by this day."),
    reader: Reader = Depends(get_reader),
) -> dict[str, Any]:
    if date_to < date_from:
        raise HTTPException(400, f"to ({date_to}) is before from ({date_from})")
    _events, data = changes_between(reader, list_id, date_from, date_to, known_at)
    return data


@router.get("/lists")
def lists(reader: Reader = Depends(get_reader)) -> dict[str, Any]:
    return {"lists": list_summaries(reader)}

"""Entity resolution's review queue over HTTP: ``GET /review`` (pairs by the decision in force),
``GET /review/{id}`` (a pair side by side: both entries, what agrees, what conflicts, every decision),
``POST /review/{id}/accept`` and ``/reject`` (a person's decision, with the write key as every write).
The same functions as ``listwatch review`` (resolve/review.py)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from listwatch.api.deps import get_reader, require_read_key, require_write_key
from listwatch.api.services import Services, get_services
from listwatch.errors import InputError
from listwatch.history.links import DECISIONS
from listwatch.resolve.review import find_pair, queue, record_decision, side_by_side
from listwatch.store import Reader

router = APIRouter(tags=["Review"])
DecisionId = Path(..., ge=1, le=2**63 - 1, description="A decision id from GET /review.")


class Verdict(BaseModel):
    by: str = Field(..., min_length=1, max_length=200, description="Who decides (kept with the decision).")
    note: str = Field("", max_length=2000, description="Why, in a line.")


@router.get("/review", dependencies=[Depends(require_read_key)])
def review_queue(
    decision: str = Query("review", description="review (waiting), linked, rejected, or all."),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    reader: Reader = Depends(get_reader),
) -> dict[str, Any]:
    """Pairs whose decision in force is ``decision``, best score first, each with both entries."""
    if decision not in (*DECISIONS, "all"):
        raise InputError("decision", f'"{decision}" is not review, linked, rejected or all', field="decision")
    return queue(reader, decision, limit, offset)


@router.get("/review/{match_id}", dependencies=[Depends(require_read_key)])
def review_pair(match_id: int = DecisionId, reader: Reader = Depends(get_reader)) -> dict[str, Any]:
    """The pair of a decision side by side: both entries, what agrees and what conflicts."""
    return side_by_side(reader, *find_pair(reader, str(match_id)))


def _decide(verdict: str, match_id: int, body: Verdict, services: Services) -> dict[str, Any]:
    left, right = find_pair(services.store.reader(), str(match_id))
    row = record_decision(services.store, left, right, verdict, body.by, body.note)
    return row.as_json()


@router.post("/review/{match_id}/accept", dependencies=[Depends(require_write_key)])
def accept(
    body: Verdict, match_id: int = DecisionId, services: Services = Depends(get_services)
) -> dict[str, Any]:
    """Link the pair: the same entity (a new decision, reversible by reject)."""
    return _decide("accept", match_id, body, services)


@router.post("/review/{match_id}/reject", dependencies=[Depends(require_write_key)])
def reject(
    body: Verdict, match_id: int = DecisionId, services: Services = Depends(get_services)
) -> dict[str, Any]:
    """Keep the pair apart: different entities (a new decision, reversible by accept)."""
    return _decide("reject", match_id, body, services)

"""Books, alerts and screening runs over HTTP: the same as ``listwatch book list``, ``alerts``,
``alerts decide`` (an API key needed) and ``runs``."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from listwatch.api.deps import require_read_key, require_write_key
from listwatch.api.services import Services, get_services
from listwatch.audit.runs import get_run, runs
from listwatch.monitor.alerts import STATES, alerts, decide
from listwatch.monitor.books import books, get_book

router = APIRouter(tags=["Monitoring"])

# Ids are database integers: anything larger is no id (and would overflow the driver, a 503).
MAX_ID = 2**63 - 1


class DecisionBody(BaseModel):
    decision: Literal["confirmed", "false_positive"]
    by: str = Field(..., min_length=1, max_length=200, description="Who decides.")
    reason: str = Field(..., min_length=1, max_length=2000, description="Why: kept with the decision.")


@router.get("/books", dependencies=[Depends(require_read_key)])
def list_books(services: Services = Depends(get_services)) -> dict[str, Any]:
    """The books held, with their row counts."""
    return {
        "books": [{"book": b.name, "rows": b.rows, "created_at": b.created_at} for b in books(services.store)]
    }


@router.get("/alerts", dependencies=[Depends(require_read_key)])
def list_alerts(
    book: str | None = Query(None, description="One book."),
    state: str | None = Query(None, description=f"One of {', '.join(STATES)}."),
    services: Services = Depends(get_services),
) -> dict[str, Any]:
    """Alerts, newest first, with the list event behind each and every decision taken on it."""
    store = services.store
    book_id = get_book(store, book).id if book else None
    return {"alerts": [a.as_json() for a in alerts(store, book_id=book_id, state=state)]}


@router.post("/alerts/{alert_id}/decision", dependencies=[Depends(require_write_key)])
def decide_alert(
    body: DecisionBody,
    alert_id: int = Path(..., ge=1, le=MAX_ID),
    services: Services = Depends(get_services),
) -> dict[str, Any]:
    """Record a decision; earlier ones stay. A false positive holds until the row or designation changes."""
    return decide(services.store, alert_id, body.decision, body.by, body.reason).as_json()


@router.get("/runs", dependencies=[Depends(require_read_key)])
def list_runs(
    limit: int = Query(50, ge=1, le=1000), services: Services = Depends(get_services)
) -> dict[str, Any]:
    """Screening runs recorded, newest first (input sha256, versions, algorithm, settings, hit count)."""
    return {"runs": [r.as_json() for r in runs(services.store, limit=limit)]}


@router.get("/runs/{run_id}", dependencies=[Depends(require_read_key)])
def one_run(
    run_id: int = Path(..., ge=1, le=MAX_ID), services: Services = Depends(get_services)
) -> dict[str, Any]:
    """One run in full, with its hits: the export for an auditor."""
    return get_run(services.store, run_id).as_json(with_hits=True)

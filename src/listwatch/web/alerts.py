"""The alerts page: the books' alerts filtered by book and state, each with its explanation and the list
event behind it, and a form to decide one (an API key is asked for, as for every write)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from listwatch.api.deps import require_read_key
from listwatch.api.services import Services, get_services
from listwatch.monitor.alerts import DECISIONS, STATES, alerts, decide
from listwatch.monitor.books import books, get_book
from listwatch.web.pages import check_form_key, templates

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_read_key)])


@router.get("/ui/alerts", response_class=HTMLResponse)
def alerts_page(
    request: Request,
    book: str | None = Query(None),
    state: str | None = Query("open"),
    services: Services = Depends(get_services),
) -> HTMLResponse:
    store = services.store
    chosen_state = state or None
    book_id = get_book(store, book).id if book else None
    found = alerts(store, book_id=book_id, state=chosen_state)
    context = {
        "alerts": found,
        "books": books(store),
        "book": book or "",
        "state": chosen_state or "",
        "states": STATES,
        "decisions": DECISIONS,
        "writes": bool(services.settings.api_keys),
    }
    return templates.TemplateResponse(request, "alerts.html", context)


@router.post("/ui/alerts/{alert_id}/decide")
def decide_form(
    alert_id: int = Path(..., ge=1, le=2**63 - 1),
    decision: str = Form(...),
    by: str = Form(...),
    reason: str = Form(...),
    key: str = Form(""),
    services: Services = Depends(get_services),
) -> Response:
    check_form_key(services, key)
    decided = decide(services.store, alert_id, decision, by, reason)
    return RedirectResponse(f"/ui/alerts?book={decided.book}&state=#alert-{alert_id}", status_code=303)

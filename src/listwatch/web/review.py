"""The review page: pairs that entity resolution left for a person, both entries side by side with what
agrees and what conflicts, and a form to accept or reject (an API key is asked for, as for every write).
The same functions as ``listwatch review`` and ``/review``."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from listwatch.api.deps import get_reader, require_read_key
from listwatch.api.services import Services, get_services
from listwatch.errors import InputError
from listwatch.history.links import DECISIONS
from listwatch.resolve.review import find_pair, queue, record_decision, side_by_side
from listwatch.store import Reader
from listwatch.web.pages import check_form_key, templates

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_read_key)])
PAGE = 20
# The facts shown side by side, in this order, with their labels.
FIELDS = (
    ("list_title", "List"),
    ("ref", "Reference"),
    ("schema", "Kind"),
    ("names", "Names"),
    ("birth_dates", "Born"),
    ("birth_places", "Birth place"),
    ("nationalities", "Nationality"),
    ("countries", "Country"),
    ("identifiers", "Identifiers"),
    ("programs", "Programmes"),
    ("listed_on", "Listed on"),
)


@router.get("/ui/review", response_class=HTMLResponse)
def review_page(
    request: Request,
    decision: str = Query("review"),
    offset: int = Query(0, ge=0),
    reader: Reader = Depends(get_reader),
    services: Services = Depends(get_services),
) -> HTMLResponse:
    if decision not in (*DECISIONS, "all"):
        raise InputError("decision", f'"{decision}" is not review, linked, rejected or all', field="decision")
    found = queue(reader, decision, PAGE, offset)
    pairs = [
        {"id": item["id"], "score": item["score"], "explanation": item["explanation"],
         **side_by_side(reader, item["left"], item["right"])}
        for item in found["pairs"]
    ]  # fmt: skip
    context = {
        "pairs": pairs,
        "total": found["total"],
        "decision": decision,
        "decisions": (*DECISIONS, "all"),
        "offset": offset,
        "page": PAGE,
        "fields": FIELDS,
        "writes": bool(services.settings.api_keys),
    }
    return templates.TemplateResponse(request, "review.html", context)


@router.post("/ui/review/{match_id}/decide")
def decide_form(
    match_id: int = Path(..., ge=1, le=2**63 - 1),
    verdict: str = Form(...),
    by: str = Form(...),
    note: str = Form(""),
    key: str = Form(""),
    services: Services = Depends(get_services),
) -> Response:
    check_form_key(services, key)
    left, right = find_pair(services.store.reader(), str(match_id))
    record_decision(services.store, left, right, verdict, by, note)
    return RedirectResponse("/ui/review", status_code=303)

"""The web pages: search, an entity (names in every script, the jurisdiction matrix with sources, a
timeline across jurisdictions), a list's changes between two dates, and screening (names pasted or a
CSV uploaded, results with explanations, CSV download).

HTML over the functions the API routes call, rendered on the server (every page works without
JavaScript); ``static/timeline.js`` draws the chart and re-draws the status as of a chosen day.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from listwatch.api.deps import get_reader, parse_day, require_read_key
from listwatch.api.routes.entities import entity_page_data, search_entities
from listwatch.api.services import Services, get_services
from listwatch.errors import InputError, ListwatchError
from listwatch.history.views import changes_between, chart_statuses, list_summaries, matrix_of
from listwatch.matching import DEFAULT_THRESHOLD
from listwatch.matching.resolved import collapse, fetch_limit
from listwatch.matching.screen import queries_from_rows
from listwatch.store import Reader

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False, dependencies=[Depends(require_read_key)])

SCREEN_COLUMNS = (
    "query_id", "query", "score", "list", "ref", "entity_id", "matched_name", "explanation", "lists", "refs",
)  # fmt: skip


def script_of(text: str) -> str:
    """The script a name is written in, by its first letter: how the entity page groups names."""
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            for script in ("LATIN", "CYRILLIC", "ARABIC", "CJK", "GREEK", "HEBREW", "DEVANAGARI"):
                if name.startswith(script):
                    return script.title()
            return "Other"
    return "Other"


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...), +cmd|...).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: Any) -> Any:
    """A text cell of a CSV download that a spreadsheet would run as a formula, quoted with a leading
    apostrophe (OWASP's advice): names and ids come from uploads and from the lists themselves."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def script_json(data: Any) -> str:
    """JSON to embed in a ``<script>`` element: ``<``, ``>`` and ``&`` as ``\\u`` escapes, so no name in
    it can close the element (``</script>``) or open an HTML comment (``<!--``) that swallows the page's
    next script; JSON.parse reads them back as the same characters."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def check_form_key(services: Services, key: str) -> None:
    """A form's write (an alert's or a pair's decision) needs one of the API keys, as the API's do."""
    keys = services.settings.api_keys
    if not keys:
        raise InputError("key", "writes are disabled: no LISTWATCH_API_KEYS are configured", field="key")
    if not any(hmac.compare_digest(key.encode(), k.encode()) for k in keys):
        raise InputError("key", "the API key given is not valid", field="key")


def _page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, reader: Reader = Depends(get_reader)) -> HTMLResponse:
    return _page(request, "index.html", lists=list_summaries(reader), q="", results=None)


@router.get("/ui/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: str = Query("", max_length=500),
    reader: Reader = Depends(get_reader),
    services: Services = Depends(get_services),
) -> HTMLResponse:
    results = search_entities(reader, services, "default", q, 25)[0] if q.strip() else []
    return _page(request, "index.html", lists=list_summaries(reader), q=q, results=results)


@router.get("/ui/entity/{entity_id}", response_class=HTMLResponse)
def entity_page(
    request: Request, entity_id: str, on: str | None = None, reader: Reader = Depends(get_reader)
) -> HTMLResponse:
    day = parse_day(on, "on") or date.today()
    data = entity_page_data(reader, entity_id)
    names: dict[str, list[dict[str, str]]] = {}
    seen: set[str] = set()
    for item in data["designations"]:
        for kind, value, lang in item["names"]:
            if value in seen:
                continue
            seen.add(value)
            names.setdefault(script_of(value), []).append({"value": value, "kind": kind, "lang": lang})
    matrix = matrix_of(reader, entity_id, day)
    chart = {
        "entity": entity_id,
        "on": day.isoformat(),
        "today": date.today().isoformat(),
        "rows": data["intervals"],
        # Each row's status on the day comes from the matrix, the same answer as the table beside it.
        "matrix": chart_statuses(matrix),
    }
    return _page(
        request,
        "entity.html",
        data=data,
        names=names,
        matrix=matrix,
        on=day.isoformat(),
        chart_json=script_json(chart),
    )


@router.get("/ui/changes", response_class=HTMLResponse)
def changes_page(
    request: Request,
    list_id: str | None = Query(None, alias="list"),
    date_from: str | None = Query(None, alias="from"),
    date_to: str | None = Query(None, alias="to"),
    reader: Reader = Depends(get_reader),
) -> HTMLResponse:
    lists = list_summaries(reader)
    context: dict[str, Any] = {"lists": lists, "list_id": list_id, "date_from": date_from, "date_to": date_to}
    if list_id and date_from and date_to:
        start, end = parse_day(date_from, "from"), parse_day(date_to, "to")
        assert start is not None and end is not None
        if end < start:
            context["error"] = f"“Up to” ({end}) is before “After” ({start}): give the earlier day first"
            return _page(request, "changes.html", status=400, **context)
        _rows, data = changes_between(reader, list_id, start, end)
        events = data["events"]
        context.update(events=events, bounds=data["bounds"], note=data["note"])
        context["counts"] = {
            k: sum(1 for e in events if e["type"] == k) for k in ("listed", "delisted", "amended")
        }
    return _page(request, "changes.html", **context)


@router.get("/ui/screen", response_class=HTMLResponse)
def screen_form(request: Request) -> HTMLResponse:
    return _page(request, "screen.html", names="", rows=None, threshold=DEFAULT_THRESHOLD, as_of="")


def _rows_from_upload(data: bytes, limit: int) -> list[dict[str, Any]]:
    text = data.decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "name" not in [f.strip().casefold() for f in reader.fieldnames]:
        raise InputError(
            "upload.csv", "the CSV needs a header row with a 'name' column", line=1, field="name"
        )
    rows = []
    for row in reader:
        rows.append({(k or "").strip().casefold(): v for k, v in row.items()})
        if len(rows) > limit:
            raise InputError(
                "upload.csv", f"more than {limit:,} rows (LISTWATCH_MAX_SCREEN_ROWS)", field="name"
            )
    return rows


@router.post("/ui/screen", response_class=HTMLResponse)
def screen_submit(
    request: Request,
    names: str = Form(""),
    threshold: float = Form(DEFAULT_THRESHOLD, ge=0.0, le=1.0),
    as_of: str = Form(""),
    download: str | None = Form(None),
    upload: UploadFile | None = File(None),
    reader: Reader = Depends(get_reader),
    services: Services = Depends(get_services),
) -> Response:
    limit = services.settings.max_screen_rows
    data = upload.file.read() if upload is not None and upload.filename else b""
    if data:
        rows = _rows_from_upload(data, limit)
    else:
        lines = [line.strip() for line in names.splitlines() if line.strip()]
        if len(lines) > limit:
            raise InputError("names", f"more than {limit:,} names (LISTWATCH_MAX_SCREEN_ROWS)", field="names")
        rows = [{"id": str(n), "name": line} for n, line in enumerate(lines, 1)]
    day = parse_day(as_of, "as_of") or date.today()
    screening = services.screening(reader, day)
    by_id = {str(r.get("id") or f"row {n}"): str(r.get("name") or "") for n, r in enumerate(rows, 1)}
    results: list[dict[str, Any]] = []
    warnings: list[str] = []
    for item in queries_from_rows(rows):
        if isinstance(item, tuple):
            warnings.append(f"{item[0]}: {item[1]}")
            continue
        # One row per resolved entity, as `listwatch screen` and /match give (matching/resolved.py).
        found = screening.screener.match(item, threshold, fetch_limit(5, screening.groups))
        hits = collapse(found, screening.groups, 5)
        if not hits:
            results.append({"query_id": item.id, "query": item.name, "score": None})
        for hit, resolved in hits:
            results.append(
                {
                    "query_id": item.id,
                    "query": by_id.get(item.id, item.name),
                    "score": round(hit.score, 3),
                    "list": hit.list_id,
                    "ref": hit.ref,
                    "entity_id": hit.entity_id,
                    "matched_name": hit.matched_name,
                    "explanation": hit.explanation,
                    "lists": resolved.lists_text,
                    "refs": resolved.refs_text,
                }
            )
    if download:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=SCREEN_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: inert_cell(v) for k, v in row.items()} for row in results)
        return Response(
            out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="listwatch-screening-{day}.csv"'},
        )
    return _page(
        request,
        "screen.html",
        names=names,
        rows=results,
        warnings=warnings,
        threshold=threshold,
        as_of=as_of,
        day=day.isoformat(),
        versions=screening.versions,
        screened=len(rows),
    )


def _is_page(request: Request) -> bool:
    return request.url.path == "/" or request.url.path.startswith("/ui/")


def install(app: FastAPI) -> None:
    """Add the pages and static files. Errors on a page are an HTML page with the same message and
    status the API would give; the API's handlers decide both."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for kind in (ListwatchError, StarletteHTTPException, RequestValidationError):
        api_handler = app.exception_handlers[kind]

        async def handler(request: Request, exc: Exception, api_handler: Any = api_handler) -> Response:
            response: Response = await api_handler(request, exc)
            if not _is_page(request):
                return response
            body = json.loads(bytes(response.body))
            return _page(request, "error.html", status=response.status_code, error=body)

        app.add_exception_handler(kind, handler)

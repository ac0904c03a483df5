"""``/healthz`` (the process answers) and ``/readyz`` (the store answers and today's screener is built),
with yente's ``{"status": "ok"}`` beside listwatch's ``ok``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from listwatch.api.errors import error_body
from listwatch.api.services import Services, get_services
from listwatch.errors import ListwatchError

router = APIRouter(tags=["Health"])


@router.get("/healthz")
def healthz() -> dict[str, Any]:
    return {"status": "ok", "ok": True}


@router.get("/readyz", responses={503: {"description": "Not ready yet"}})
def readyz(services: Services = Depends(get_services)) -> Any:
    try:
        lists = services.store.reader().list_ids()
    except ListwatchError as exc:
        return JSONResponse(error_body(503, f"store not reachable: {exc}"), status_code=503)
    if not services.ready.is_set():
        return JSONResponse(error_body(503, "screening index still building"), status_code=503)
    return {"status": "ok", "ok": True, "lists": len(lists)}

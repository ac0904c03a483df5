"""One handler, one JSON shape for every error the API returns:

    {"ok": false, "error": "<one line>", "errors": [{"file", "line", "field", "message"}], "status": 404,
     "detail": "<one line>"}

``detail`` is yente's ``ErrorResponse`` (the same line as ``error``), so a yente client reads it.

``ListwatchError`` subclasses map to status codes here and nowhere else; FastAPI's own validation
errors and ``HTTPException`` (auth, limits) take the same shape, so a client parses one thing.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from listwatch.errors import (
    InputError,
    ListwatchError,
    NotFound,
    Refused,
    SourceUnavailable,
    StoreError,
    TooLarge,
    UnknownFormat,
)

# Most specific first: UnknownFormat and TooLarge are InputErrors.
STATUS: tuple[tuple[type[ListwatchError], int], ...] = (
    (UnknownFormat, 415),
    (TooLarge, 413),
    (InputError, 400),
    (NotFound, 404),
    (Refused, 409),
    (SourceUnavailable, 503),
    (StoreError, 503),
    (ListwatchError, 500),
)


def status_for(exc: ListwatchError) -> int:
    return next(code for kind, code in STATUS if isinstance(exc, kind))


def error_body(status: int, error: str, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "ok": False,
        "error": error,
        "errors": errors or [{"file": None, "line": None, "field": None, "message": error}],
        "status": status,
        "detail": error,
    }


def listwatch_error_body(exc: ListwatchError) -> tuple[int, dict[str, Any]]:
    status = status_for(exc)
    if isinstance(exc, InputError):
        name = exc.path.name or str(exc.path)
        errors = [
            {"file": name, "line": p.line, "field": p.field, "message": p.message} for p in exc.problems
        ]
        return status, error_body(status, str(exc), errors)
    return status, error_body(status, str(exc))


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for item in exc.errors():
        loc = [str(part) for part in item.get("loc", ())]
        out.append(
            {"file": None, "line": None, "field": ".".join(loc) or None, "message": item.get("msg", "")}
        )
    return out


def install(app: FastAPI) -> None:
    async def on_listwatch(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ListwatchError)
        status, body = listwatch_error_body(exc)
        return JSONResponse(body, status_code=status)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        body = error_body(exc.status_code, str(exc.detail))
        return JSONResponse(body, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = _validation_errors(exc)
        first = errors[0] if errors else {"field": None, "message": "invalid request"}
        message = f"invalid request: {first['field']}: {first['message']}"
        return JSONResponse(error_body(422, message, errors), status_code=422)

    app.add_exception_handler(ListwatchError, on_listwatch)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)

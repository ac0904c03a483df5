"""Request size limit as plain ASGI middleware: it counts the bytes as they arrive, so a chunked upload
without Content-Length is stopped too, before the whole body sits in memory."""

from __future__ import annotations

import html
import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from listwatch.api.errors import error_body

_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too large — listwatch</title>'
    '<link rel="stylesheet" href="/static/app.css"></head><body><main><h1>Too large (413)</h1>'
    '<p>{message}</p><p><a href="/ui/screen">Back to screening</a></p></main></body></html>'
)


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(scope, send)
            return
        seen = 0
        started = False
        refused = False

        async def counting_receive() -> Message:
            # Past the limit, answer 413 at once and tell the app the client left: FastAPI turns any
            # error raised while reading a body into its own 400, so raising here would not reach us.
            nonlocal seen, started, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes and not refused:
                    refused = True
                    if not started:
                        started = True
                        await self._refuse(scope, send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 has been sent; whatever the app answers after is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not refused:
                raise

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message = f"request body larger than {self.max_bytes:,} bytes (LISTWATCH_MAX_BODY_BYTES)"
        path = str(scope.get("path", ""))
        if path == "/" or path.startswith("/ui/"):
            # A page (the screening form's upload): a page back, as the other errors of pages are.
            data = _PAGE.format(message=html.escape(message)).encode()
            kind = b"text/html; charset=utf-8"
        else:
            body: dict[str, Any] = error_body(413, message)
            data, kind = json.dumps(body).encode(), b"application/json"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", kind), (b"content-length", str(len(data)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": data})


class UrlLimit:
    """414 for a request line longer than ``max_length`` (path and query), before any route parses
    it: yente's limit, so a client gets the same answer (``detail``: "Request URI too long")."""

    def __init__(self, app: ASGIApp, max_length: int) -> None:
        self.app = app
        self.max_length = max_length

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(
                scope.get("query_string", b"")
            )
            if length > self.max_length:
                data = json.dumps(error_body(414, "Request URI too long")).encode()
                await send(
                    {
                        "type": "http.response.start",
                        "status": 414,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode()),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": data})
                return
        await self.app(scope, receive, send)

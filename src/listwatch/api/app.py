"""``create_app(settings)``: the HTTP API and the web pages, one FastAPI app over one store.

Everything a route needs comes through ``Depends`` from ``app.state.services``, built here, so two
apps (tests, one per engine) never share state. The OpenAPI document is at ``/openapi.json``.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

from listwatch import __version__
from listwatch.api import errors
from listwatch.api.headers import SecurityHeaders
from listwatch.api.limits import BodyLimit, UrlLimit
from listwatch.api.routes import (
    admin,
    entities,
    health,
    ingest,
    match,
    monitoring,
    news,
    reconcile,
    record,
    review,
)
from listwatch.api.services import Services
from listwatch.settings import Settings
from listwatch.sources.registry import formats
from listwatch.store import Store, open_store

DESCRIPTION = """The dated, sourced history of designation lists, and screening against them.

`POST /match/{dataset}` takes yente's request and gives yente's response, screened against the lists in
force on `as_of` as known at `known_at`. Errors are `{"ok": false, "error", "errors": [{"file", "line",
"field", "message"}], "status"}`. Write endpoints need `Authorization: ApiKey <key>`."""


def create_app(settings: Settings, store: Store | None = None, *, warm: bool = True) -> FastAPI:
    """``store`` overrides ``settings.db_url`` (tests hand in a store on a throwaway schema); ``warm``
    builds today's screener in the background at start-up, and ``/readyz`` waits for it."""
    formats()  # registers the curated lists' ids, so their titles and jurisdictions are known
    services = Services(settings, store if store is not None else open_store(settings.db_url))
    if not warm:
        services.ready.set()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm and not services.ready.is_set():
            threading.Thread(target=services.warm, name="listwatch-warm", daemon=True).start()
        yield

    app = FastAPI(title="listwatch", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.services = services
    errors.install(app)
    for module in (match, entities, reconcile, record, ingest, news, monitoring, review, health, admin):
        app.include_router(module.router)
    from listwatch.web.pages import install as install_web

    install_web(app)
    from listwatch.web.alerts import router as alert_pages

    app.include_router(alert_pages)
    from listwatch.web.review import router as review_pages

    app.include_router(review_pages)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    # Responses of 1 KB or more are gzipped for clients that accept it (a /match batch, a search page).
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key"],
            expose_headers=["x-batch-size", "ETag"],
        )
    app.add_middleware(UrlLimit, max_length=settings.max_url_length)
    app.add_middleware(SecurityHeaders)  # added last, so outermost: the 413 and 414 get the headers too
    return app


def app_from_env() -> FastAPI:
    """The app of ``listwatch serve --workers N``: each worker process builds its own from the
    ``LISTWATCH_*`` environment."""
    return create_app(Settings.from_env())

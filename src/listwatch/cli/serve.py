"""``listwatch serve``: the HTTP API and the web pages on uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from listwatch.cli.common import DbOption, err_console
from listwatch.settings import Settings


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    db: DbOption = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Server processes (each holds its own index).")
    ] = 1,
) -> None:
    """Serve the API (yente-compatible /match, /openapi.json) and the web pages."""
    import os

    import uvicorn

    from listwatch.api.app import create_app

    settings = Settings.from_env(db_url=db)
    shown = "localhost" if host in ("0.0.0.0", "::") else host
    err_console.print(f"listwatch: open http://{shown}:{port}/  (API: http://{shown}:{port}/docs)")
    if workers == 1:
        app = create_app(settings)
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
        return
    # Several processes import the app by name; --db reaches them through the environment.
    os.environ["LISTWATCH_DB"] = settings.db_url
    uvicorn.run(
        "listwatch.api.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )


def register(app: typer.Typer) -> None:
    app.command()(serve)

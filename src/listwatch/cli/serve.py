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
) -> None:
    """Serve the API (yente-compatible /match, /openapi.json) and the web pages."""
    import uvicorn

    from listwatch.api.app import create_app

    settings = Settings.from_env(db_url=db)
    app = create_app(settings)
    shown = "localhost" if host in ("0.0.0.0", "::") else host
    err_console.print(f"listwatch: open http://{shown}:{port}/  (API: http://{shown}:{port}/docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def register(app: typer.Typer) -> None:
    app.command()(serve)

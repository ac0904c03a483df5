"""``POST /ingest``: list files uploaded and ingested, each in its own transaction (``ingest.py``), so
readers see a list's old version or its new one, never part of it. Needs an API key."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile

from listwatch.api.deps import require_write_key
from listwatch.api.services import Services, get_services
from listwatch.errors import ListwatchError
from listwatch.ingest import IngestResult, ingest_many
from listwatch.sources.registry import ParseOptions

router = APIRouter(tags=["Write"], dependencies=[Depends(require_write_key)])

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@router.post("/ingest")
def ingest(
    files: list[UploadFile] = File(..., description="List files; the name's leading date is used."),
    format: str | None = Form(None, description="Override format detection (e.g. un_sc_xml)."),
    published: date | None = Form(None, description="Publication date, for files with none inside."),
    list_id: str | None = Form(None, alias="list", description="Put the files in this list id."),
    services: Services = Depends(get_services),
) -> dict[str, Any]:
    """Every file is kept as a version and its events derived. A file that fails is reported and
    rolled back alone; when every file fails, the first error is the response."""
    if not files:
        raise HTTPException(400, "no files uploaded")
    options = ParseOptions(published=published, list_id=list_id)
    results: list[IngestResult] = []
    failed: list[tuple[str, ListwatchError]] = []
    skipped: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="listwatch-upload-") as folder:
        paths = []
        for number, upload in enumerate(files):
            # Keep the client's name (its leading date says when the list was published), made safe.
            name = _SAFE_NAME.sub("_", Path(upload.filename or f"upload-{number}").name) or f"upload-{number}"
            path = Path(folder) / f"{number:03d}" / name
            path.parent.mkdir()
            path.write_bytes(upload.file.read())
            paths.append(path)
        for path, outcome in ingest_many(services.store, paths, format, options):
            if isinstance(outcome, IngestResult):
                outcome.path = Path(path.name)
                results.append(outcome)
            elif isinstance(outcome, str):
                skipped.append({"file": path.name, "reason": outcome})
            else:
                failed.append((path.name, outcome))
    if failed and not results:
        raise failed[0][1]
    return {
        "ok": not failed,
        "files": [r.as_json() for r in results],
        "skipped": skipped,
        "failed": [{"file": name, "error": str(error)} for name, error in failed],
    }

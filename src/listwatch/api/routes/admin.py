"""yente's system endpoints: ``/catalog`` (and ``/manifest``), the lists held as yente's datasets with
an ETag, and ``POST /updatez?token=``, which rebuilds the screening index from the store."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from listwatch.api.deps import get_reader, require_read_key
from listwatch.api.services import Services, get_services
from listwatch.model import get_list
from listwatch.store import Reader

router = APIRouter(tags=["System information"])


def catalog_of(reader: Reader) -> dict[str, Any]:
    """yente's ``DataCatalogModel``: one dataset per list held, its newest version as ``version``.
    listwatch indexes every version it holds, so each is ``index_current``; none is outdated."""
    newest: dict[str, Any] = {}
    counts: dict[str, int] = {}
    for v in reader.versions():
        newest[v.list_id] = v  # versions come in publication order per list
        counts[v.list_id] = counts.get(v.list_id, 0) + 1
    datasets = []
    for list_id, v in sorted(newest.items()):
        info = get_list(list_id)
        version = f"{v.published_at}-{v.sha256[:8]}"
        datasets.append(
            {
                "name": list_id,
                "title": info.title,
                "version": version,
                "updated_at": v.published_at,
                "load": True,
                "entities_url": v.url,
                "index_version": version,
                "index_current": True,
                "publisher": {"name": v.publisher, "url": info.url, "official": not info.curated},
                "entity_count": v.entry_count,
                "licence": info.licence,
                "versions_held": counts[list_id],
                "children": [],
            }
        )
    return {"datasets": datasets, "current": sorted(newest), "outdated": [], "index_stale": False}


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    candidates = {part.strip() for part in header.split(",")}
    return "*" in candidates or etag in candidates or f"W/{etag}" in candidates


@router.get("/catalog", summary="Data catalog", dependencies=[Depends(require_read_key)])
@router.get("/manifest", include_in_schema=False, dependencies=[Depends(require_read_key)])
def catalog(request: Request, reader: Reader = Depends(get_reader)) -> Response:
    """The lists held, in yente's catalog shape; ``If-None-Match`` with the ETag gets a bodiless 304."""
    body = json.dumps(catalog_of(reader), sort_keys=True).encode()
    etag = _etag(body)
    headers = {"ETag": etag, "Cache-Control": "public, max-age=300"}
    if _matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


@router.post("/updatez", summary="Rebuild the screening index")
def updatez(
    token: str = Query("", description="LISTWATCH_UPDATE_TOKEN"),
    sync: bool = Query(False, description="Answer once the index is rebuilt."),
    services: Services = Depends(get_services),
) -> dict[str, Any]:
    """yente's forced index update: drops the screeners and records built so far and builds today's
    again from the store. New list files come in with ``listwatch update`` or ``POST /ingest``; a
    version committed there is visible to the next request anyway, so this is for after a withdrawal
    or a store restored underneath the server."""
    expected = services.settings.update_token
    if not expected or not token.strip() or not hmac.compare_digest(token.encode(), expected.encode()):
        raise HTTPException(403, detail="Invalid token.")
    services.reset()
    if sync:
        services.warm()
    else:
        threading.Thread(target=services.warm, name="listwatch-updatez", daemon=True).start()
    return {"status": "ok"}

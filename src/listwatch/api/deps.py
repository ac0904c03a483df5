"""Dependencies every route shares: a reader, dates from query strings, and the API-key checks.

Keys come in ``Authorization: ApiKey <key>`` (as yente clients send them), ``Authorization: Bearer
<key>`` or ``X-API-Key``. Write endpoints always need one of ``LISTWATCH_API_KEYS`` (none configured:
writes are refused); read endpoints need one only when ``LISTWATCH_READ_KEYS_REQUIRED=1``.
"""

from __future__ import annotations

import hmac
from datetime import date

from fastapi import Depends, HTTPException, Request

from listwatch.api.services import Services, get_services
from listwatch.errors import InputError
from listwatch.store import Reader


def get_reader(services: Services = Depends(get_services)) -> Reader:
    return services.store.reader()


def parse_day(value: str | None, name: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(name, f'"{value}" is not a date (YYYY-MM-DD)', field=name) from None


def presented_key(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() in ("apikey", "bearer") and value.strip():
        return value.strip()
    return request.headers.get("x-api-key") or None


def _valid(key: str | None, keys: tuple[str, ...]) -> bool:
    # Compare against every key in constant time, so timing does not tell how much of a key was right.
    return key is not None and any(hmac.compare_digest(key.encode(), k.encode()) for k in keys)


def _check_key(request: Request, keys: tuple[str, ...], missing: str) -> None:
    """401 with ``missing`` when no key is presented, 403 when the key is not one of ``keys``."""
    key = presented_key(request)
    if key is None:
        raise HTTPException(401, missing, headers={"WWW-Authenticate": "ApiKey"})
    if not _valid(key, keys):
        raise HTTPException(403, "the API key given is not valid")


def require_write_key(request: Request, services: Services = Depends(get_services)) -> None:
    keys = services.settings.api_keys
    if not keys:
        raise HTTPException(403, "writes are disabled: no LISTWATCH_API_KEYS are configured")
    _check_key(request, keys, "an API key is required (Authorization: ApiKey <key>)")


def require_read_key(request: Request, services: Services = Depends(get_services)) -> None:
    if services.settings.read_keys_required:
        missing = "an API key is required to read (LISTWATCH_READ_KEYS_REQUIRED=1)"
        _check_key(request, services.settings.api_keys, missing)

"""Webhooks: each new open alert POSTed as JSON to the addresses registered, signed, retried with
backoff, every attempt logged.

The body is signed with HMAC-SHA256 under the webhook's secret; the receiver recomputes it over the raw
body and compares in constant time:

    X-Listwatch-Signature: sha256=<hex digest of HMAC-SHA256(secret, body)>
    X-Listwatch-Delivery: <webhook id>-<alert id>

A 2xx answer is delivered; a 5xx, a 429 or no answer is tried again after 0.5 s, 1 s, 2 s (four
attempts in all); any other answer is final (the receiver refused it). Each attempt is a row of
``webhook_delivery``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import httpx

from listwatch.errors import InputError
from listwatch.monitor.alerts import Alert
from listwatch.store import Store
from listwatch.store.base import now_iso

SIGNATURE_HEADER = "X-Listwatch-Signature"
DELIVERY_HEADER = "X-Listwatch-Delivery"
ATTEMPTS = 4
BACKOFF_SECONDS = 0.5
TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class Webhook:
    id: int
    url: str
    secret: str
    book_id: int | None
    created_at: str

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "book_id": self.book_id, "created_at": self.created_at}


@dataclass(frozen=True, slots=True)
class Attempt:
    webhook_id: int
    alert_id: int
    attempt: int
    status: int | None
    error: str | None
    at: str

    def as_json(self) -> dict[str, Any]:
        return {
            "webhook": self.webhook_id,
            "alert": self.alert_id,
            "attempt": self.attempt,
            "status": self.status,
            "error": self.error,
            "at": self.at,
        }


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def add_webhook(store: Store, url: str, secret: str, book_id: int | None) -> Webhook:
    if not url.startswith(("http://", "https://")):
        raise InputError("URL", f"{url!r} is not an http(s) address", field="URL")
    if len(secret) < 8:
        raise InputError(
            "--secret", "a secret of at least 8 characters signs the deliveries", field="--secret"
        )
    with store.writer() as w:
        cur = store.execute(
            w.conn,
            "INSERT INTO webhook (url, secret, book_id, created_at) VALUES (?, ?, ?, ?) RETURNING id",
            (url, secret, book_id, now_iso()),
        )
        ident = int(cur.fetchone()[0])
    return next(h for h in webhooks(store) if h.id == ident)


def webhooks(store: Store) -> list[Webhook]:
    if not store.has_table("webhook"):
        return []
    with store.connection() as conn:
        rows = store.execute(conn, "SELECT id, url, secret, book_id, created_at FROM webhook ORDER BY id")
        return [Webhook(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows.fetchall()]


def deliveries(store: Store) -> list[Attempt]:
    if not store.has_table("webhook_delivery"):
        return []
    with store.connection() as conn:
        rows = store.execute(
            conn,
            "SELECT webhook_id, alert_id, attempt, status, error, delivered_at "
            "FROM webhook_delivery ORDER BY id",
        )
        return [Attempt(*r) for r in rows.fetchall()]


def _log(store: Store, attempt: Attempt) -> None:
    with store.writer() as w:
        store.execute(
            w.conn,
            "INSERT INTO webhook_delivery (webhook_id, alert_id, attempt, status, error, delivered_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                attempt.webhook_id,
                attempt.alert_id,
                attempt.attempt,
                attempt.status,
                attempt.error,
                attempt.at,
            ),
        )


def _post(client: httpx.Client, hook: Webhook, alert: Alert, book_id: int, store: Store) -> bool:
    body = json.dumps({"type": "alert", "book_id": book_id, "alert": alert.as_json()}, ensure_ascii=False)
    data = body.encode()
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: sign(hook.secret, data),
        DELIVERY_HEADER: f"{hook.id}-{alert.id}",
    }
    for attempt in range(1, ATTEMPTS + 1):
        status: int | None = None
        error: str | None = None
        try:
            status = client.post(hook.url, content=data, headers=headers).status_code
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        _log(store, Attempt(hook.id, alert.id, attempt, status, error, now_iso()))
        if status is not None and 200 <= status < 300:
            return True
        if status is not None and status != 429 and status < 500:
            return False  # refused: trying again would be refused again
        if attempt < ATTEMPTS:
            time.sleep(BACKOFF_SECONDS * 2 ** (attempt - 1))
    return False


def deliver(
    store: Store, book_id: int, found: Iterable[Alert], say: Callable[[str], None] | None = None
) -> tuple[int, int]:
    """POST each open alert to the webhooks of its book (and those of every book); (delivered, failed)."""
    hooks = [h for h in webhooks(store) if h.book_id in (None, book_id)]
    chosen = [a for a in found if a.state == "open"]
    if not hooks or not chosen:
        return 0, 0
    delivered = failed = 0
    with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False) as client:
        for hook in hooks:
            for alert in chosen:
                if _post(client, hook, alert, book_id, store):
                    delivered += 1
                else:
                    failed += 1
                    if say is not None:
                        say(f"webhook {hook.id} ({hook.url}): alert {alert.id} not delivered (webhook log)")
    return delivered, failed

"""Alerts and the decisions on them, both appended and never edited.

An alert says a (book row, designation) pair changed: a hit appeared (``new``), went (``cleared``) or
moved (``rescored``). An analyst's decision (``confirmed``, ``false_positive``) is a row of its own with
who, when and why; the newest decision is the alert's state. A false positive holds for the pair until
the row's data or the designation changes: a later alert on the pair with both unchanged is recorded
as suppressed by that decision, out of the open queue.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from listwatch.errors import InputError, NotFound
from listwatch.store import Store
from listwatch.store.base import now_iso

Decision = Literal["confirmed", "false_positive"]
DECISIONS: tuple[str, ...] = ("confirmed", "false_positive")
STATES: tuple[str, ...] = ("open", "confirmed", "false_positive", "suppressed")

_COLUMNS = (
    "a.id, b.name, a.row_id, a.entity_id, a.list_id, a.ref, a.kind, a.score, a.score_before, a.query_name, "
    "a.matched_name, a.explanation, a.event_id, a.event, a.row_hash, a.entity_hash, a.run_id, "
    "a.suppressed_by, a.created_at"
)


@dataclass(frozen=True, slots=True)
class NewAlert:
    """An alert to record, as the re-screen found it."""

    row_id: str
    entity_id: str
    list_id: str
    ref: str
    kind: str
    score: float | None
    score_before: float | None
    query_name: str
    matched_name: str
    explanation: str
    event_id: int | None
    event: dict[str, Any] | None
    row_hash: str
    entity_hash: str


@dataclass(frozen=True, slots=True)
class DecisionRow:
    id: int
    alert_id: int
    decision: str
    decided_by: str
    reason: str
    decided_at: str

    def as_json(self) -> dict[str, Any]:
        return {
            "decision": self.decision,
            "by": self.decided_by,
            "reason": self.reason,
            "at": self.decided_at,
        }


@dataclass(frozen=True, slots=True)
class Alert:
    id: int
    book: str
    row_id: str
    entity_id: str
    list_id: str
    ref: str
    kind: str
    score: float | None
    score_before: float | None
    query_name: str
    matched_name: str
    explanation: str
    event_id: int | None
    event: dict[str, Any] | None
    row_hash: str
    entity_hash: str
    run_id: int | None
    suppressed_by: int | None
    created_at: str
    decisions: tuple[DecisionRow, ...] = ()

    @property
    def state(self) -> str:
        if self.decisions:
            return self.decisions[-1].decision
        return "suppressed" if self.suppressed_by is not None else "open"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "book": self.book,
            "row_id": self.row_id,
            "query_name": self.query_name,
            "entity_id": self.entity_id,
            "list": self.list_id,
            "ref": self.ref,
            "matched_name": self.matched_name,
            "kind": self.kind,
            "state": self.state,
            "score": self.score,
            "score_before": self.score_before,
            "explanation": self.explanation,
            "event": self.event,
            "suppressed_by": self.suppressed_by,
            "created_at": self.created_at,
            "decisions": [d.as_json() for d in self.decisions],
        }


def _alert(row: Sequence[Any], decisions: tuple[DecisionRow, ...]) -> Alert:
    (ident, book, row_id, entity_id, list_id, ref, kind, score, before, query_name, matched_name,
     explanation, event_id, event, row_hash, entity_hash, run_id, suppressed_by, created) = row  # fmt: skip
    return Alert(
        int(ident), book, row_id, entity_id, list_id, ref, kind, score, before, query_name, matched_name,
        explanation, event_id, json.loads(event) if event else None, row_hash, entity_hash, run_id,
        suppressed_by, created, decisions,
    )  # fmt: skip


def _decisions(store: Store, alert_ids: Sequence[int]) -> dict[int, list[DecisionRow]]:
    out: dict[int, list[DecisionRow]] = {}
    if not alert_ids:
        return out
    with store.connection() as conn:
        for start in range(0, len(alert_ids), 500):
            chunk = alert_ids[start : start + 500]
            cur = store.execute(
                conn,
                "SELECT id, alert_id, decision, decided_by, reason, decided_at FROM alert_decision "
                f"WHERE alert_id IN ({','.join('?' * len(chunk))}) ORDER BY id",
                chunk,
            )
            for r in cur.fetchall():
                out.setdefault(int(r[1]), []).append(DecisionRow(*r))
    return out


def alerts(
    store: Store,
    *,
    book_id: int | None = None,
    state: str | None = None,
    row_id: str | None = None,
    entity_id: str | None = None,
) -> list[Alert]:
    """Alerts, newest first; ``state`` filters on the state as decided now."""
    if state is not None and state not in STATES:
        raise InputError("--state", f"unknown state {state!r}: use {', '.join(STATES)}", field="--state")
    if not store.has_table("alert"):
        return []
    sql = f"SELECT {_COLUMNS} FROM alert a JOIN book b ON b.id = a.book_id WHERE 1=1"
    params: list[Any] = []
    for column, value in (("a.book_id", book_id), ("a.row_id", row_id), ("a.entity_id", entity_id)):
        if value is not None:
            sql += f" AND {column} = ?"
            params.append(value)
    with store.connection() as conn:
        rows = store.execute(conn, sql + " ORDER BY a.id DESC", params).fetchall()
    decided = _decisions(store, [int(r[0]) for r in rows])
    found = [_alert(r, tuple(decided.get(int(r[0]), ()))) for r in rows]
    return [a for a in found if state is None or a.state == state]


def get_alert(store: Store, alert_id: int) -> Alert:
    if store.has_table("alert"):
        with store.connection() as conn:
            sql = f"SELECT {_COLUMNS} FROM alert a JOIN book b ON b.id = a.book_id WHERE a.id = ?"
            row = store.execute(conn, sql, (alert_id,)).fetchone()
        if row is not None:
            return _alert(row, tuple(_decisions(store, [alert_id]).get(alert_id, ())))
    raise NotFound(f"no alert {alert_id} (listwatch alerts lists them)")


def decide(store: Store, alert_id: int, decision: str, by: str, reason: str) -> Alert:
    """Record a decision on an alert; earlier decisions stay, the newest is the state."""
    if decision not in DECISIONS:
        raise InputError("--as", f"unknown decision {decision!r}: use {' or '.join(DECISIONS)}", field="--as")
    if not by.strip():
        raise InputError("--by", "say who decides (--by)", field="--by")
    if not reason.strip():
        message = "say why (--reason): the decision is kept for the audit"
        raise InputError("--reason", message, field="--reason")
    get_alert(store, alert_id)
    with store.writer() as w:
        store.execute(
            w.conn,
            "INSERT INTO alert_decision (alert_id, decision, decided_by, reason, decided_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (alert_id, decision, by.strip(), reason.strip(), now_iso()),
        )
    return get_alert(store, alert_id)


def pair_history(store: Store, book_id: int) -> dict[tuple[str, str], list[Alert]]:
    """Every (row, entity) pair of the book with its alerts, newest first: one query for a whole
    re-screen, not one per alert."""
    out: dict[tuple[str, str], list[Alert]] = {}
    for alert in alerts(store, book_id=book_id):  # newest first
        out.setdefault((alert.row_id, alert.entity_id), []).append(alert)
    return out


def pair_states(store: Store, book_id: int) -> dict[tuple[str, str], Alert]:
    """The newest alert of every (row, entity) pair of the book."""
    return {pair: found[0] for pair, found in pair_history(store, book_id).items()}


def is_hit(alert: Alert | None) -> bool:
    """Does the pair's newest alert leave it a hit?"""
    return alert is not None and alert.kind != "cleared"


def suppressing_decision(history: Sequence[Alert], new: NewAlert) -> int | None:
    """The false-positive decision that still holds for this pair (same row data, same designation),
    from the pair's alerts newest first."""
    for alert in history:
        if alert.decisions and alert.decisions[-1].decision == "false_positive":
            if alert.row_hash == new.row_hash and alert.entity_hash == new.entity_hash:
                return alert.decisions[-1].id
            return None  # the newest decided alert speaks for the pair
    return None


def record_alerts(store: Store, book_id: int, found: Iterable[NewAlert], run_id: int | None) -> list[Alert]:
    """Append the alerts that change something for their pair; returns the alerts written, the
    suppressed ones included (their ``state`` says so)."""
    items = list(found)
    history = pair_history(store, book_id) if items else {}
    now = now_iso()
    written: list[int] = []
    with store.writer() as w:
        for new in items:
            pair = history.get((new.row_id, new.entity_id), [])
            before = pair[0] if pair else None
            if new.kind == "cleared" and not is_hit(before) and before is not None:
                continue  # already cleared
            if new.kind == "new" and is_hit(before) and before is not None and before.score == new.score:
                continue  # already a hit with this score: nothing changed for the pair
            suppressed = suppressing_decision(pair, new) if new.kind != "cleared" else None
            cur = store.execute(
                w.conn,
                "INSERT INTO alert (book_id, row_id, entity_id, list_id, ref, kind, score, score_before, "
                "query_name, matched_name, explanation, event_id, event, row_hash, entity_hash, run_id, "
                "suppressed_by, created_at) VALUES (" + ", ".join(["?"] * 18) + ") RETURNING id",
                (
                    book_id, new.row_id, new.entity_id, new.list_id, new.ref, new.kind, new.score,
                    new.score_before, new.query_name, new.matched_name, new.explanation, new.event_id,
                    json.dumps(new.event, ensure_ascii=False, default=str) if new.event else None,
                    new.row_hash, new.entity_hash, run_id, suppressed, now,
                ),
            )  # fmt: skip
            written.append(int(cur.fetchone()[0]))
    return [get_alert(store, i) for i in written]

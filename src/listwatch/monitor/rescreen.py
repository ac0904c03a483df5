"""A list change -> new and cleared hits for a book of names.

Only designations that changed between the two days can create or clear a hit, so the book is screened
against the lists in force on each day and only hits on those designations are compared. Each change
carries the list event that explains it (listed, delisted, amended, with its date and window), so an
analyst sees why a customer needs review and on what evidence.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from listwatch.matching import Hit, Query, Screener
from listwatch.store import EventRow

ChangeKind = Literal["new", "cleared", "rescored"]
# Every hit on a changed designation matters, not only the best few per name.
_LIMIT = 1000
# Queries screened together: candidate generation runs over a batch at once.
BATCH = 256


@dataclass(frozen=True, slots=True)
class HitChange:
    change: ChangeKind
    query_id: str
    query_name: str
    entity_id: str
    list_id: str
    ref: str
    matched_name: str
    score_before: float | None
    score_after: float | None
    explanation: str
    events: tuple[EventRow, ...]

    def cause(self) -> EventRow | None:
        """The event that explains the change: the last delisting of a cleared hit, the last listing of a
        new one, else the last event (a later amendment in the period does not clear a hit)."""
        wanted = {"cleared": "delisted", "new": "listed"}.get(self.change)
        for event in reversed(self.events):
            if event.type == wanted:
                return event
        return self.events[-1] if self.events else None

    def as_row(self) -> dict[str, Any]:
        last = self.cause()
        return {
            "change": self.change,
            "query_id": self.query_id,
            "query_name": self.query_name,
            "entity_id": self.entity_id,
            "list": self.list_id,
            "ref": self.ref,
            "matched_name": self.matched_name,
            "score_before": round(self.score_before, 4) if self.score_before is not None else None,
            "score_after": round(self.score_after, 4) if self.score_after is not None else None,
            "event": last.type if last else None,
            "event_date": last.date.isoformat() if last else None,
            "event_window": (f"{last.window_start or ''}..{last.window_end}" if last is not None else None),
            "explanation": self.explanation,
        }


def changed_entities(events: Iterable[EventRow]) -> dict[str, tuple[EventRow, ...]]:
    """entity id -> its events in the period, in date order."""
    out: dict[str, list[EventRow]] = {}
    for event in events:
        out.setdefault(event.entity_id, []).append(event)
    return {k: tuple(v) for k, v in out.items()}


def rescreen(
    before: Screener,
    after: Screener,
    queries: Iterable[Query],
    changed: dict[str, tuple[EventRow, ...]],
    threshold: float,
    rescore_delta: float = 0.05,
    focused: bool = True,
    suspects: Mapping[str, Collection[str]] | None = None,
) -> Iterator[HitChange]:
    """New, cleared and rescored hits on changed designations. Pure: two screeners, a book, the events.

    ``focused`` aligns only the changed designations' names (the hits on the others cannot change);
    unfocused, every hit is scored and the others dropped after, as a screening of the whole book
    would: the reference the focused answer is checked against (tests, bench/monitor_speed.py).

    ``suspects`` (focused only): per query id, the changed designations a lookup found it may hit (a
    book's key lookup, ``delta.affected_rows``, which finds every row a name can hit). A query is
    then screened only on the days that hold one of them: a row found by a new listing's names alone
    cannot have hit it the day before, nor one found by a delisted designation's names the day after.
    """
    if not changed:
        return
    sides = (before, after)
    only = tuple(s.positions_of(changed) for s in sides) if focused else (None, None)
    held = [_held(s, o) if o is not None else set() for s, o in zip(sides, only, strict=True)]
    batch: list[Query] = []
    for query in queries:
        batch.append(query)
        if len(batch) >= BATCH:
            yield from _compare(sides, batch, changed, threshold, rescore_delta, only, suspects, held)
            batch = []
    yield from _compare(sides, batch, changed, threshold, rescore_delta, only, suspects, held)


def _held(screener: Screener, positions: frozenset[int]) -> set[str]:
    """The entities among ``positions`` the screener holds (not removed)."""
    candidates = screener.index.candidates
    return {candidates[p].entity_id for p in positions - screener.index.removed}


def _screened(
    screener: Screener,
    queries: Sequence[Query],
    threshold: float,
    only: frozenset[int] | None,
    suspects: Mapping[str, Collection[str]] | None,
    held: set[str],
) -> list[list[Hit]]:
    """Each query's hits on one day (none for a query whose suspects the day does not hold)."""
    if only is None or suspects is None:
        return screener.match_batch(queries, threshold, _LIMIT, only)
    kept = [i for i, q in enumerate(queries) if not held.isdisjoint(suspects.get(q.id, ()))]
    hits: list[list[Hit]] = [[] for _ in queries]
    found = screener.match_batch([queries[i] for i in kept], threshold, _LIMIT, only)
    for i, got in zip(kept, found, strict=True):
        hits[i] = got
    return hits


def _compare(
    sides: tuple[Screener, Screener],
    queries: Sequence[Query],
    changed: dict[str, tuple[EventRow, ...]],
    threshold: float,
    rescore_delta: float,
    only: tuple[frozenset[int] | None, ...],
    suspects: Mapping[str, Collection[str]] | None,
    held: list[set[str]],
) -> Iterator[HitChange]:
    if not queries:
        return
    olds, news = (
        _screened(s, queries, threshold, o, suspects, h) for s, o, h in zip(sides, only, held, strict=True)
    )
    for query, old_hits, new_hits in zip(queries, olds, news, strict=True):
        old = _on_changed(old_hits, changed)
        new = _on_changed(new_hits, changed)
        for entity_id in sorted(old.keys() | new.keys()):
            was, now = old.get(entity_id), new.get(entity_id)
            if was is not None and now is not None and abs(was.score - now.score) < rescore_delta:
                continue
            hit = now or was
            assert hit is not None
            kind: ChangeKind = "new" if was is None else "cleared" if now is None else "rescored"
            yield HitChange(
                kind,
                query.id,
                query.name,
                entity_id,
                hit.list_id,
                hit.ref,
                hit.matched_name,
                was.score if was else None,
                now.score if now else None,
                hit.explanation,
                changed[entity_id],
            )


def _on_changed(hits: Sequence[Hit], changed: dict[str, tuple[EventRow, ...]]) -> dict[str, Hit]:
    return {h.entity_id: h for h in hits if h.entity_id in changed}

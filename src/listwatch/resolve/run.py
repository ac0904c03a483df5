"""``listwatch resolve``, top to bottom: designations -> candidate pairs -> comparison -> decision ->
new rows where a decision changed. Re-running it on an unchanged store writes nothing.

Thresholds (bench/resolve_quality.py, docs/decisions.md 2026-12-02): a pair scoring ``AUTO_LINK`` or
more is linked without a person; from ``REVIEW_FROM`` up to it, it waits in the review queue. Both were set
on the tuning half of the labelled set and are reported on the held-out half too.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from listwatch.history.clusters import Edge, cluster, edges_of
from listwatch.history.links import (
    IDENTIFIER,
    LINKED,
    PERSON,
    REFERENCE,
    REJECTED,
    REVIEW,
    SCORE,
    in_force,
    pair_key,
)
from listwatch.model import Entry
from listwatch.resolve.blocking import Candidate, Designation, candidate_pairs, designations_of
from listwatch.resolve.compare import ALGORITHM, Comparison, compare
from listwatch.store import Reader, Store
from listwatch.store.records import MatchRow

# A person whose names agree this well and whose birth date (or, for an organisation, programme and
# country) does not contradict it is the same entity: see docs/decisions.md for the measured trade.
AUTO_LINK = 0.86
REVIEW_FROM = 0.70
# A shared identifier links only when the names are also alike at least this much; alone, it is
# reviewed (a reused register number, a parent company's IMO).
ID_NAME_FLOOR = 0.5
DECIDED_BY = "listwatch resolve"


@dataclass(slots=True)
class Outcome:
    """A candidate pair and what resolution makes of it."""

    left: str
    right: str
    comparison: Comparison
    decision: str | None  # linked | review | None (below the review band)
    basis: str
    held_apart: str = ""  # why a link was sent to review: the entity has an entry of that list already


@dataclass(slots=True)
class ResolveResult:
    designations: int = 0
    candidates: int = 0
    decided: dict[str, int] = field(default_factory=dict)  # decision in force -> pairs
    written: int = 0
    held_apart: int = 0  # links sent to review by the one-entry-per-list rule
    seconds: float = 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "designations": self.designations,
            "candidates": self.candidates,
            "decided": self.decided,
            "written": self.written,
            "held_apart": self.held_apart,
            "seconds": round(self.seconds, 2),
        }


def load_designations(reader: Reader) -> dict[str, Designation]:
    """Every designation the store holds, as its newest held version describes it."""
    latest = reader.latest_members()
    revisions = reader.revisions(h for _l, h, _p in latest.values())
    return designations_of(
        (eid, list_id, Entry.from_content(revisions[h])) for eid, (list_id, h, _p) in latest.items()
    )


def decide(candidate: Candidate, a: Designation, b: Designation) -> Outcome:
    comparison = compare(
        a.entry, a.entry.ref, b.entry, b.entry.ref, candidate.name_score, candidate.name_reason
    )
    decision: str | None = None
    basis = SCORE
    if not comparison.schema_ok:
        decision = None
    elif comparison.shared_ids and comparison.features.get("birth_date", (0.0, ""))[0] >= 0:
        basis = IDENTIFIER
        decision = LINKED if candidate.name_score >= ID_NAME_FLOOR else REVIEW
    elif comparison.score >= AUTO_LINK:
        decision = LINKED
    elif comparison.score >= REVIEW_FROM:
        decision = REVIEW
    return Outcome(candidate.left, candidate.right, comparison, decision, basis)


def score_all(
    designations: dict[str, Designation], progress: Callable[[int, int], None] | None = None
) -> list[Outcome]:
    pairs = candidate_pairs(designations, progress)
    return [decide(c, designations[c.left], designations[c.right]) for c in pairs.values()]


def one_counterpart(outcomes: list[Outcome], fixed: list[Edge]) -> int:
    """Automatic links that would give a resolved entity two entries of one list go to review instead
    (history/clusters.py: strongest first, so the best-scored pair keeps its link). ``fixed`` are the
    links resolution does not decide: the lists' references and a person's accepts. Returns how many
    were sent to review."""
    proposed = {pair_key(o.left, o.right): o for o in outcomes if o.decision == LINKED}
    edges = [*fixed, *(Edge(*key, o.basis, o.comparison.score) for key, o in proposed.items())]
    sent = 0
    for refused in cluster(edges).held_apart:
        outcome = proposed.get(refused.edge.pair)
        if outcome is None or refused.edge.basis not in (IDENTIFIER, SCORE):
            continue
        outcome.decision = REVIEW
        outcome.held_apart = refused.reason()
        sent += 1
    return sent


def _row(outcome: Outcome) -> tuple[object, ...]:
    c = outcome.comparison
    detail = c.as_json()
    explanation = c.explanation()
    if outcome.held_apart:
        detail["held_apart"] = outcome.held_apart
        explanation = f"{explanation}; {outcome.held_apart}"
    return (
        outcome.left,
        outcome.right,
        outcome.decision or REJECTED,
        outcome.basis,
        c.score,
        explanation,
        json.dumps(detail, ensure_ascii=False, sort_keys=True),
        ALGORITHM,
        DECIDED_BY,
        None,
        None,
    )


def changed_rows(outcomes: list[Outcome], held: dict[tuple[str, str], MatchRow]) -> list[tuple[object, ...]]:
    """Rows for decisions that differ from those in force. A person's decision is never overridden; an
    automatic link whose pair is no longer a candidate is reversed by a ``rejected`` row."""
    rows: list[tuple[object, ...]] = []
    seen: set[tuple[str, str]] = set()
    for outcome in outcomes:
        key = pair_key(outcome.left, outcome.right)
        seen.add(key)
        current = held.get(key)
        if current is not None and current.basis == PERSON:
            continue
        if outcome.decision is None and (current is None or current.decision == REJECTED):
            continue
        if (
            current is not None
            and current.decision == (outcome.decision or REJECTED)
            and (current.basis == outcome.basis and current.algorithm == ALGORITHM)
        ):
            continue
        rows.append(_row(outcome))
    for key, current in held.items():
        if key not in seen and current.basis != PERSON and current.decision != REJECTED:
            rows.append(
                (
                    *key,
                    REJECTED,
                    current.basis,
                    None,
                    "no longer a candidate pair",
                    "{}",
                    ALGORITHM,
                    DECIDED_BY,
                    None,
                    None,
                )
            )
    return rows


def resolve_store(store: Store, progress: Callable[[int, int], None] | None = None) -> ResolveResult:
    started = time.perf_counter()
    result = ResolveResult()
    reader = store.reader()
    designations = load_designations(reader)
    result.designations = len(designations)
    referenced = {pair_key(a, b) for a, b in reader.all_links()}
    outcomes = [o for o in score_all(designations, progress) if pair_key(o.left, o.right) not in referenced]
    result.candidates = len(outcomes)
    with store.writer() as writer:
        held = in_force(writer.reader.matches())
        # What a person decided stands: their accepts are fixed links, and the pairs they decided are
        # not resolution's to propose.
        fixed = [e for e in edges_of(writer.reader) if e.basis in (PERSON, REFERENCE)]
        people = {key for key, row in held.items() if row.basis == PERSON}
        result.held_apart = one_counterpart(
            [o for o in outcomes if pair_key(o.left, o.right) not in people], fixed
        )
        rows = changed_rows(outcomes, held)
        writer.add_matches(rows)
        result.written = len(rows)
        for row in in_force(writer.reader.matches()).values():
            result.decided[row.decision] = result.decided.get(row.decision, 0) + 1
    result.seconds = time.perf_counter() - started
    return result

"""Candidate pairs across lists (blocking): which designations are worth comparing at all.

Two doors, both cheap: every name of every entry is screened against an index of every list (the
screening core's ``Screener``, so a pair is a candidate exactly when screening would call one a hit on
the other), and entries that share an identifier number (passport, IMO, SWIFT/BIC) are paired whatever
their names. Pairs on the same list are never candidates: a list does not designate one entity twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from listwatch.history.links import pair_key
from listwatch.matching import Query, Screener, build_index, candidates_from_entries
from listwatch.matching.result import NAME_SHARE
from listwatch.model import Entry
from listwatch.resolve.compare import id_keys

# Lowest screening score that makes a pair a candidate: under the review band, so that the scorer, not
# the blocker, decides (bench/resolve_quality.py reports how many true pairs blocking misses).
BLOCK_THRESHOLD = 0.62
# Hits per name query: an entry's own name finds itself first, then its namesakes on other lists.
HITS_PER_NAME = 12
# Names per entry queried: OFAC gives some entries dozens of aliases; the first ones carry the identity.
NAMES_PER_ENTRY = 12
# An identifier shared by more entries than this is a placeholder or a register number, not an identity.
MAX_ID_HOLDERS = 6

_SCHEMA_QUERY = {"Person": "person", "Organization": "organization", "LegalEntity": "organization"}


@dataclass(frozen=True, slots=True)
class Designation:
    entity_id: str
    list_id: str
    entry: Entry


@dataclass(slots=True)
class Candidate:
    """A pair worth comparing, with the best name evidence blocking found for it."""

    left: str
    right: str
    name_score: float = 0.0
    name_reason: str = ""
    by_identifier: bool = False


def _names(entry: Entry) -> list[str]:
    seen: dict[str, None] = {}
    for kind in ("primary", "alias", "original_script"):
        for name in entry.names:
            if name.kind == kind and name.value.strip():
                seen.setdefault(name.value.strip(), None)
    return list(seen)[:NAMES_PER_ENTRY]


def candidate_pairs(
    designations: dict[str, Designation],
    progress: Callable[[int, int], None] | None = None,
    batch: int = 2048,
) -> dict[tuple[str, str], Candidate]:
    """Every cross-list pair that shares an identifier or that screening finds by name."""
    found: dict[tuple[str, str], Candidate] = {}
    _by_identifier(designations, found)
    screener = Screener(
        build_index(candidates_from_entries((d.list_id, d.entry) for d in designations.values()))
    )
    queries: list[Query] = []
    for d in designations.values():
        schema = _SCHEMA_QUERY.get(d.entry.schema)
        queries.extend(Query(d.entity_id, name, schema) for name in _names(d.entry))
    for start in range(0, len(queries), batch):
        chunk = queries[start : start + batch]
        for query, hits in zip(
            chunk, screener.match_batch(chunk, BLOCK_THRESHOLD, HITS_PER_NAME), strict=True
        ):
            own = designations[query.id]
            for hit in hits:
                if hit.list_id == own.list_id or hit.entity_id not in designations:
                    continue
                key = pair_key(query.id, hit.entity_id)
                name_score = min(1.0, hit.score / NAME_SHARE)
                candidate = found.setdefault(key, Candidate(*key))
                if name_score > candidate.name_score:
                    candidate.name_score = name_score
                    candidate.name_reason = f'"{query.name}": {hit.explanation}'
        if progress is not None:
            progress(min(start + batch, len(queries)), len(queries))
    return found


def _by_identifier(designations: dict[str, Designation], found: dict[tuple[str, str], Candidate]) -> None:
    holders: dict[str, list[Designation]] = {}
    for d in designations.values():
        for key in id_keys(d.entry):
            holders.setdefault(key, []).append(d)
    for group in holders.values():
        if len(group) < 2 or len(group) > MAX_ID_HOLDERS:
            continue
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.list_id != b.list_id:
                    pair = pair_key(a.entity_id, b.entity_id)
                    found.setdefault(pair, Candidate(*pair)).by_identifier = True


def designations_of(pairs: Iterable[tuple[str, str, Entry]]) -> dict[str, Designation]:
    return {entity_id: Designation(entity_id, list_id, entry) for entity_id, list_id, entry in pairs}

"""One screening row per resolved entity: hits on the designations of one entity (the UN's, OFAC's and
the UK's HUAXIN SHIPPING) collapse into the best of them, which carries every list and reference of the
entity in force (columns ``lists`` and ``refs``).

The groups are history/clusters.py's (one entry per list, the same entities ``matrix`` shows), cut to
the designations of one index, i.e. in force on the screening date. They are plain data passed to
``screen_rows``, so the default engine, the Spark engine (which ships them with the task), ``replay`` and
``/match`` collapse alike. Without groups (an index file screened without a store) every hit is its own
entity.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from listwatch.history.clusters import resolved_groups
from listwatch.matching.index import Candidate
from listwatch.store import Reader

if TYPE_CHECKING:
    from listwatch.matching.screen import Hit

# Hits fetched per query when groups are given, per hit returned: the designations of one entity take
# several places among the best hits, and are collapsed before the limit is applied.
FETCH_FACTOR = 4
SEPARATOR = ";"  # between the values of ``lists`` and ``refs`` in an output cell


@dataclass(frozen=True, slots=True)
class Resolved:
    """The entity a designation belongs to: its key (smallest member id), lists and ``list:ref``s."""

    key: str
    lists: tuple[str, ...]
    refs: tuple[str, ...]
    members: tuple[str, ...] = ()

    @property
    def lists_text(self) -> str:
        return SEPARATOR.join(self.lists)

    @property
    def refs_text(self) -> str:
        return SEPARATOR.join(self.refs)


Groups = Mapping[str, Resolved]


def alone(entity_id: str, list_id: str, ref: str) -> Resolved:
    return Resolved(entity_id, (list_id,), (f"{list_id}:{ref}",), (entity_id,))


def group_candidates(candidates: Iterable[Candidate], group_of: Mapping[str, str]) -> dict[str, Resolved]:
    """Every candidate's entity, from ``entity id -> group key`` (ids missing from it stand alone)."""
    members: dict[str, list[Candidate]] = {}
    for c in candidates:
        members.setdefault(group_of.get(c.entity_id, c.entity_id), []).append(c)
    out: dict[str, Resolved] = {}
    for key, found in members.items():
        found.sort(key=lambda c: (c.list_id, c.entity_id))
        resolved = Resolved(
            key,
            tuple(dict.fromkeys(c.list_id for c in found)),
            tuple(f"{c.list_id}:{c.ref}" for c in found),
            tuple(c.entity_id for c in found),
        )
        for c in found:
            out[c.entity_id] = resolved
    return out


def groups_for(reader: Reader, candidates: Sequence[Candidate]) -> dict[str, Resolved]:
    """The resolved entities of an index's candidates, as the store resolves them now."""
    return group_candidates(candidates, resolved_groups(reader).group)


def fetch_limit(limit: int, groups: Groups | None) -> int:
    return limit * FETCH_FACTOR if groups is not None else limit


def collapse(hits: Iterable[Hit], groups: Groups | None, limit: int) -> list[tuple[Hit, Resolved]]:
    """The best hit of each entity, best first, at most ``limit``; hits come best first."""
    out: list[tuple[Hit, Resolved]] = []
    seen: set[str] = set()
    for hit in hits:
        resolved = (groups.get(hit.entity_id) if groups is not None else None) or alone(
            hit.entity_id, hit.list_id, hit.ref
        )
        if resolved.key in seen:
            continue
        seen.add(resolved.key)
        out.append((hit, resolved))
        if len(out) >= limit:
            break
    return out

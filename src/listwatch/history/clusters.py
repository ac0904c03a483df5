"""One counterpart per list: which designations make up one resolved entity.

Links (a reviewer's accept, the lists' own references, resolution's identifier and score links) are
joined strongest first, the way Kruskal grows a spanning forest: a link joins two groups only when they
hold no list in common, so a resolved entity holds at most one entry of each list. A link that would
bring a second entry of a list into an entity is held apart (resolution sends it to review). Without
the rule, chains merge different people: A~B and B~C link A to C although A and C are two men on one
list (measured on every list in ../shared/data: 175 of 2,083 linked groups held two entries of a list,
the largest 17 designations of six North Korean companies).

The order is total (basis, then score, then the pair), so every caller gets the same entities whatever
entity it starts from: ``listwatch matrix``, the entity page and screening agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from listwatch.history.links import IDENTIFIER, LINKED, PERSON, REFERENCE, REJECTED, SCORE, in_force, pair_key
from listwatch.store import Reader

# Strongest first: a person's decision, then what the lists say of themselves, then resolution's own.
RANK = {PERSON: 0, REFERENCE: 1, IDENTIFIER: 2, SCORE: 3}
REFERENCE_STATEMENT = "a reference the lists carry"


def list_of(entity_id: str) -> str:
    """Entity ids are ``list_id:ref`` (store/tables.py)."""
    return entity_id.split(":", 1)[0]


@dataclass(frozen=True, slots=True)
class Edge:
    """A link between two designations and why: ``basis`` one of ``RANK``'s keys."""

    left: str
    right: str
    basis: str
    score: float | None = None
    statement: str = ""
    match_id: int | None = None

    @property
    def pair(self) -> tuple[str, str]:
        return pair_key(self.left, self.right)

    def order(self) -> tuple[int, float, str, str]:
        return (RANK.get(self.basis, len(RANK)), -(self.score or 0.0), *self.pair)


@dataclass(frozen=True, slots=True)
class HeldApart:
    """A link refused: joining it would give ``list_id`` two entries (``ours`` and ``theirs``)."""

    edge: Edge
    list_id: str
    ours: str
    theirs: str

    def reason(self) -> str:
        return (
            f"held apart: one entry per list, and this entity already has {self.ours} and {self.theirs} "
            f"on {self.list_id}"
        )


@dataclass(slots=True)
class Clustering:
    """Each designation's group (its smallest member id stands for it), the links that joined them and
    those held apart."""

    group: dict[str, str] = field(default_factory=dict)
    joined: list[Edge] = field(default_factory=list)
    held_apart: list[HeldApart] = field(default_factory=list)

    def members(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for entity_id, root in self.group.items():
            out.setdefault(root, []).append(entity_id)
        return {root: sorted(ids) for root, ids in out.items()}

    def group_of(self, entity_id: str) -> str:
        return self.group.get(entity_id, entity_id)


def cluster(edges: Iterable[Edge], lists: Callable[[str], str] = list_of) -> Clustering:
    """Groups from links, strongest first, at most one entry of each list per group."""
    parent: dict[str, str] = {}
    held: dict[str, dict[str, str]] = {}  # root -> list id -> its entry in the group
    result = Clustering()

    def find(x: str) -> str:
        if x not in parent:
            parent[x] = x
            held[x] = {lists(x): x}
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for edge in sorted(edges, key=Edge.order):
        a, b = find(edge.left), find(edge.right)
        if a == b:
            continue
        clash = sorted(held[a].keys() & held[b].keys())
        if clash:
            list_id = clash[0]
            ours, theirs = sorted((held[a][list_id], held[b][list_id]))
            result.held_apart.append(HeldApart(edge, list_id, ours, theirs))
            continue
        if len(held[a]) < len(held[b]):
            a, b = b, a
        parent[b] = a
        held[a].update(held.pop(b))
        result.joined.append(edge)
    members: dict[str, list[str]] = {}
    for x in parent:
        members.setdefault(find(x), []).append(x)
    for ids in members.values():
        root = min(ids)
        for x in ids:
            result.group[x] = root
    return result


def edges_of(reader: Reader, entity_ids: list[str] | None = None) -> list[Edge]:
    """The links that touch ``entity_ids`` (None: every link held): the lists' references (less those a
    reviewer rejected) and every pair whose decision in force is ``linked``."""
    decisions = in_force(reader.matches(entity_ids))
    if entity_ids is None:
        references = {pair_key(a, b) for a, b in reader.all_links()}
    else:
        references = {pair_key(x, other) for x in entity_ids for other in reader.links(x)}
    edges = []
    schemas: dict[str, str | None] = {}
    for pair in sorted(references):
        held = decisions.get(pair)
        by_person = held is not None and held.basis == PERSON
        if by_person and held is not None and held.decision == REJECTED:
            continue
        if not by_person and not _same_kind(reader, pair, schemas):
            continue
        edges.append(Edge(*pair, REFERENCE, None, REFERENCE_STATEMENT))
    for pair, row in sorted(decisions.items()):
        if row.decision == LINKED:
            edges.append(Edge(*pair, row.basis, row.score, row.explanation, row.id))
    return edges


def _same_kind(reader: Reader, pair: tuple[str, str], schemas: dict[str, str | None]) -> bool:
    """A person and an organisation are never one entity, whatever a reference says: the UK's entry
    for Shafi AL-AJMI gives "UN Ref QE.A.137.14", an entity's reference (a person's accept overrides)."""
    for entity_id in pair:
        if entity_id not in schemas:
            row = reader.entity(entity_id)
            schemas[entity_id] = row.schema if row else None
    kinds = {schemas[x] == "Person" for x in pair if schemas[x] is not None}
    return len(kinds) < 2


def resolved_groups(reader: Reader) -> Clustering:
    """Every resolved entity the store holds (designations with no link are not in ``group``)."""
    return cluster(edges_of(reader))

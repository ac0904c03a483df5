"""ENTITY as users type it: a listwatch id, a source reference (``TAi.171``, an OFAC ent_num, a UK
Group ID) or a name. Linked designations come along on request: those the lists' own references join
(UK ``UN Ref``, curated links) and those entity resolution linked (``listwatch resolve``, a reviewer's
accept), less any pair a reviewer rejected. Every command that shows an entity goes through here."""

from __future__ import annotations

from dataclasses import dataclass

from listwatch.errors import InputError, NotFound
from listwatch.history.clusters import Edge, cluster, edges_of
from listwatch.history.links import REJECTED, in_force
from listwatch.model import Entry, ref_key
from listwatch.store import EntityRow, Reader

# The longest name the real lists hold is under 300 characters; a longer ENTITY is a mistake (or an
# attack), answered as bad input rather than a query the database cannot run.
MAX_ENTITY_CHARS = 500


def find_entities(reader: Reader, text: str, *, list_id: str | None = None) -> list[EntityRow]:
    text = text.strip()
    if not text:
        raise NotFound("no entity given")
    if len(text) > MAX_ENTITY_CHARS:
        raise InputError(
            "entity",
            f"{len(text):,} characters is too long for an id, a reference or a name "
            f"(at most {MAX_ENTITY_CHARS})",
            field="entity",
        )
    found: list[EntityRow] = []
    if ":" in text:
        row = reader.entity(text.split(":", 1)[0] + ":" + ref_key(text.split(":", 1)[1]))
        if row is not None:
            found = [row]
    if not found:
        found = reader.entities_by_ref(ref_key(text))
    if not found:
        found = reader.entities_by_name(text)
    if not found:
        found = reader.search_names(text, limit=20)
    if list_id is not None:
        found = [row for row in found if row.list_id == list_id]
    if not found:
        where = f" on list {list_id}" if list_id else ""
        raise NotFound(
            f'no entity matches "{text}"{where} (try an id, a reference such as TAi.171, or a name)'
        )
    return found


@dataclass(frozen=True, slots=True)
class Link:
    """How a designation joined the entity asked about: through ``via``, on a ``basis`` (reference,
    identifier, score, person), with the decision's explanation and its row in ``entity_match``."""

    via: str
    basis: str
    statement: str
    match_id: int | None = None


def linked_cluster(reader: Reader, rows: list[EntityRow]) -> tuple[list[EntityRow], dict[str, Link]]:
    """The entities, every designation linked to them, and how each linked one joined.

    The links of the connected designations are gathered first, then joined as history/clusters.py
    joins them (strongest first, one entry per list): a chain through a third list never brings a
    second entry of a list in. ``rows`` given by the user are kept whatever their lists."""
    seen = {row.entity_id: row for row in rows}
    edges: dict[tuple[str, str, str], Edge] = {}
    reached = set(seen)
    frontier = sorted(reached)
    while frontier:
        for edge in edges_of(reader, frontier):
            edges.setdefault((*edge.pair, edge.basis), edge)
        frontier = sorted({x for e in edges.values() for x in e.pair} - reached)
        reached.update(frontier)
    groups = cluster(edges.values())
    # Every link inside one entity says how a member joined it, strongest first: the UN's entry is
    # then "linked to" OFAC's directly, not through the UK's entry that also links both.
    neighbours: dict[str, list[Edge]] = {}
    for edge in sorted(edges.values(), key=Edge.order):
        if groups.group_of(edge.left) == groups.group_of(edge.right):
            neighbours.setdefault(edge.left, []).append(edge)
            neighbours.setdefault(edge.right, []).append(edge)
    how: dict[str, Link] = {}
    queue = list(seen)
    while queue:
        current = queue.pop(0)
        for edge in neighbours.get(current, []):
            other = edge.right if edge.left == current else edge.left
            if other in seen:
                continue
            row = reader.entity(other)
            if row is None:
                continue
            seen[other] = row
            how[other] = Link(current, edge.basis, edge.statement, edge.match_id)
            queue.append(other)
    return list(seen.values()), how


def with_links(reader: Reader, rows: list[EntityRow]) -> list[EntityRow]:
    """The entities and every designation linked to them (by reference or by resolution)."""
    return linked_cluster(reader, rows)[0]


def latest_entry(reader: Reader, entity_id: str) -> Entry | None:
    """The entity as the newest held version that has it describes it."""
    memberships = reader.entity_memberships(entity_id)
    if not memberships:
        return None
    row = reader.entity(entity_id)
    versions = [v for v in reader.versions(row.list_id if row else None) if v.id in memberships]
    if not versions:
        return None
    newest = max(versions, key=lambda v: (v.published_at, v.id))
    return reader.entry(newest.id, entity_id)


def _years(entry: Entry) -> set[int]:
    return {d.year for d in entry.birth_dates}


def name_links(reader: Reader, cluster: list[EntityRow]) -> list[tuple[EntityRow, str]]:
    """Designations on other lists with a name identical to one of the cluster's (word order and case
    aside), the same schema and, for persons, birth years within a year of each other. Lists that carry
    no reference to each other (OFAC and the UN) can still be shown side by side, with the reason.

    Conservative on purpose: one-word names never link, and persons link on a name alone only when it
    has at least three words and neither side gives a birth year to contradict it.
    """
    members = {row.entity_id for row in cluster}
    lists_held = {row.list_id for row in cluster}
    found: dict[str, tuple[EntityRow, str]] = {}
    # A pair resolution or a reviewer rejected is not joined again by its name.
    rejected = {
        other
        for row in in_force(reader.matches(sorted(members))).values()
        if row.decision == REJECTED
        for other in row.pair
        if other not in members
    }
    for row in cluster:
        entry = latest_entry(reader, row.entity_id)
        if entry is None:
            continue
        for name in entry.names:
            words = name.value.split()
            if len(words) < 2:
                continue
            for other in reader.entities_by_name(name.value):
                if other.entity_id in members or other.list_id in lists_held or other.entity_id in found:
                    continue
                if other.entity_id in rejected:
                    continue
                if other.schema != entry.schema:
                    continue
                candidate = latest_entry(reader, other.entity_id)
                if candidate is None:
                    continue
                reason = f'same name "{name.value}"'
                if entry.schema == "Person":
                    ours, theirs = _years(entry), _years(candidate)
                    if ours and theirs:
                        pairs = sorted((abs(a - b), b, a) for a in ours for b in theirs if abs(a - b) <= 1)
                        if not pairs:
                            continue
                        reason += f", birth year {pairs[0][1]} vs {pairs[0][2]}"
                    elif len(words) < 3:
                        continue
                found[other.entity_id] = (other, reason)
    return list(found.values())

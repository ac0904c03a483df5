"""ENTITY as users type it: a listwatch id, a source reference (``TAi.171``, an OFAC ent_num, a UK
Group ID) or a name. Linked designations (UK ``UN Ref``, curated links) come along on request."""

from __future__ import annotations

from listwatch.errors import NotFound
from listwatch.model import ref_key
from listwatch.store import EntityRow, Reader


def find_entities(reader: Reader, text: str, *, list_id: str | None = None) -> list[EntityRow]:
    text = text.strip()
    if not text:
        raise NotFound("no entity given")
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


def with_links(reader: Reader, rows: list[EntityRow]) -> list[EntityRow]:
    """The entities and every designation linked to them by a reference the lists carry."""
    seen = {row.entity_id: row for row in rows}
    frontier = list(seen)
    while frontier:
        current = frontier.pop()
        for linked in reader.links(current):
            if linked not in seen:
                row = reader.entity(linked)
                if row is not None:
                    seen[linked] = row
                    frontier.append(linked)
    return list(seen.values())

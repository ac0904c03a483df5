"""The person's side of resolution: the review queue, a pair side by side, accept and reject.

A decision is a new row in ``entity_match`` with basis ``person``: it outranks every automatic row
(history/links.py), so a later ``listwatch resolve`` keeps it, and it is reversed by another decision,
never by deleting. CLI (``listwatch review``), API (``/review``) and the web page all call these.
"""

from __future__ import annotations

import json
from typing import Any

from listwatch.errors import InputError, NotFound
from listwatch.history.links import LINKED, PERSON, REJECTED, REVIEW, in_force, pair_key
from listwatch.history.lookup import find_entities, latest_entry
from listwatch.model import Entry, get_list
from listwatch.resolve.compare import ALGORITHM, compare
from listwatch.store import MatchRow, Reader, Store

VERDICTS = {"accept": LINKED, "reject": REJECTED}


def _entry_json(reader: Reader, entity_id: str) -> dict[str, Any]:
    row = reader.entity(entity_id)
    entry = latest_entry(reader, entity_id)
    if row is None or entry is None:
        return {"entity_id": entity_id, "list": row.list_id if row else None}
    info = get_list(row.list_id)
    return {
        "entity_id": entity_id,
        "list": row.list_id,
        "list_title": info.title,
        "jurisdiction": info.jurisdiction,
        "ref": entry.ref,
        "schema": entry.schema,
        "name": entry.caption,
        "names": sorted({n.value for n in entry.names}),
        "birth_dates": [str(d) for d in entry.birth_dates],
        "birth_places": list(entry.birth_places),
        "nationalities": list(entry.nationalities),
        "countries": list(entry.countries),
        "identifiers": [
            f"{i.type} {i.value}" + (f" ({i.country})" if i.country else "") for i in entry.identifiers
        ],
        "programs": list(entry.programs),
        "listed_on": str(entry.listed_on) if entry.listed_on else None,
    }


def _item(reader: Reader, row: MatchRow) -> dict[str, Any]:
    return {
        **row.as_json(),
        "left_entry": _entry_json(reader, row.left_id),
        "right_entry": _entry_json(reader, row.right_id),
    }


def queue(reader: Reader, decision: str = REVIEW, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Pairs whose decision in force is ``decision`` (default: waiting for review), best score first."""
    rows = [r for r in in_force(reader.matches()).values() if decision == "all" or r.decision == decision]
    rows.sort(key=lambda r: (-(r.score or 0.0), r.left_id, r.right_id))
    return {
        "decision": decision,
        "total": len(rows),
        "offset": offset,
        "pairs": [_item(reader, r) for r in rows[offset : offset + limit]],
    }


def _resolve_entity(reader: Reader, text: str) -> str:
    found = find_entities(reader, text)
    if len(found) > 1:
        choices = ", ".join(r.entity_id for r in found[:6])
        raise InputError(
            "entity", f'"{text}" names {len(found)} designations ({choices}...): give an id', field="entity"
        )
    return found[0].entity_id


def find_pair(reader: Reader, first: str, second: str | None = None) -> tuple[str, str]:
    """A pair as users name it: a decision id from ``listwatch review list``, or two entities."""
    if second is None:
        if not first.strip().isdigit():
            raise InputError(
                "pair",
                f'"{first}" is not a decision id: give an id from `listwatch review list` or two entities',
                field="pair",
            )
        row = reader.match(int(first))
        if row is None:
            raise NotFound(f"no resolution decision has id {first}")
        return row.pair
    a, b = _resolve_entity(reader, first), _resolve_entity(reader, second)
    if a == b:
        raise InputError("pair", f"{a} is one designation, not a pair", field="pair")
    return pair_key(a, b)


def side_by_side(reader: Reader, left: str, right: str) -> dict[str, Any]:
    """Both entries, what agrees and what conflicts, and every decision ever recorded for the pair."""
    key = pair_key(left, right)
    history = [r for r in reader.matches(list(key)) if r.pair == key]
    current = in_force(history).get(key)
    a, b = latest_entry(reader, key[0]), latest_entry(reader, key[1])
    agrees: list[str] = []
    conflicts: list[str] = []
    automatic = [r for r in history if r.basis != PERSON and r.detail.get("features")]
    if a is not None and b is not None:
        name = automatic[-1].detail.get("name", 0.0) if automatic else 0.0
        reason = automatic[-1].detail["features"].get("name", {}).get("reason", "") if automatic else ""
        compared = compare(a, a.ref, b, b.ref, float(name), str(reason))
        for value, why in compared.features.values():
            if why and value < 0:
                conflicts.append(why)
            elif why:
                agrees.append(why)
        agrees.extend(_same_facts(a, b))
    return {
        "left": _entry_json(reader, key[0]),
        "right": _entry_json(reader, key[1]),
        "agrees": agrees,
        "conflicts": conflicts,
        "decision": current.as_json() if current else None,
        "history": [r.as_json() for r in history],
    }


def _same_facts(a: Entry, b: Entry) -> list[str]:
    out = []
    places = {p.casefold() for p in a.birth_places} & {p.casefold() for p in b.birth_places}
    if places:
        out.append("birth place " + ", ".join(sorted(places)))
    return out


def record_decision(store: Store, left: str, right: str, verdict: str, by: str, note: str = "") -> MatchRow:
    """A person's accept or reject, appended; returns the row now in force."""
    if verdict not in VERDICTS:
        raise InputError("verdict", f'"{verdict}" is not accept or reject', field="verdict")
    if not by.strip():
        raise InputError("by", "a decision names who made it (--by)", field="by")
    key = pair_key(left, right)
    with store.writer() as writer:
        for entity_id in key:
            if writer.reader.entity(entity_id) is None:
                raise NotFound(f"no designation {entity_id} is held")
        held = in_force(writer.reader.matches(list(key))).get(key)
        score = held.score if held else None
        detail = {"note": note, "previous": held.as_json() if held else None}
        text = f"{verdict}ed by {by.strip()}" + (f": {note}" if note else "")
        writer.add_matches(
            [
                (
                    *key,
                    VERDICTS[verdict],
                    PERSON,
                    score,
                    text,
                    json.dumps(detail, sort_keys=True),
                    ALGORITHM,
                    by.strip(),
                    None,
                    None,
                )
            ]
        )
        row = in_force(writer.reader.matches(list(key)))[key]
    return row

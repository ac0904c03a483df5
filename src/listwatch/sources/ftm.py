"""FollowTheMoney JSON lines (OpenSanctions ``entities.ftm.json``) and OpenSanctions delta files.

An export holds the designated subjects and, beside them, ``Sanction`` entities that point at their
subject through the ``entity`` property (program, listing date, authority) and context entities
(Address, Ownership, ...). Subjects become entries; each Sanction is folded into its subject's entry;
context entities are skipped. A delta file (``{"op": "ADD"|"MOD"|"DEL", "entity": {...}}`` per line)
changes the previous version instead of restating the list, so it becomes ``ListVersion.delta``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from listwatch.errors import InputError, Problem
from listwatch.model import DeltaOp, Entry, Identifier, ListVersion, Name, PartialDate, parse_partial_date
from listwatch.model.entry import NameKind, Schema
from listwatch.model.lists import LISTS
from listwatch.sources.files import date_from_name, publication_time, source_for
from listwatch.sources.registry import Format, ParseOptions, register

LIST_ID = "opensanctions"
SCHEMAS: dict[str, Schema] = {
    "Person": "Person",
    "Organization": "Organization",
    "Company": "Organization",
    "PublicBody": "Organization",
    "LegalEntity": "LegalEntity",
    "Vessel": "Vessel",
    "Airplane": "Aircraft",
}
NAME_PROPS: tuple[tuple[str, NameKind], ...] = (
    ("alias", "alias"),
    ("previousName", "alias"),
    ("weakAlias", "weak_alias"),
)
ID_PROPS = {
    "passportNumber": "Passport",
    "idNumber": "ID",
    "taxNumber": "Tax ID",
    "registrationNumber": "Registration",
    "innCode": "INN",
    "ogrnCode": "OGRN",
    "kppCode": "KPP",
    "okpoCode": "OKPO",
    "leiCode": "LEI",
    "swiftBic": "SWIFT/BIC",
    "imoNumber": "IMO",
    "mmsi": "MMSI",
}
OPS = ("ADD", "MOD", "DEL")
_VERSION = re.compile(r"(?<!\d)(20\d{12})(?!\d)")


def _sniff(path: Path, head: bytes) -> bool:
    first = head.lstrip().split(b"\n", 1)[0]
    return first.startswith(b"{") and (b'"schema"' in first or b'"op"' in first)


def _is_latin(value: str) -> bool:
    """Names in another script are kept apart, so matching can compare across scripts."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in value if c.isalpha())


def _props(entity: dict[str, Any], name: str) -> list[str]:
    values = entity.get("properties", {}).get(name, [])
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def _dates(values: list[str]) -> list[PartialDate]:
    out = []
    for value in values:
        try:
            out.append(parse_partial_date(value))
        except ValueError:
            continue  # FtM keeps date text it could not normalise; it is not a date we can use
    return out


def _entry(entity: dict[str, Any], sanctions: list[dict[str, Any]]) -> Entry:
    schema = SCHEMAS[entity["schema"]]
    caption = (entity.get("caption") or "").strip()
    names: dict[tuple[str, str], None] = {}
    all_names = _props(entity, "name")
    primary = caption if caption in all_names or not all_names else all_names[0]
    names[("primary", primary)] = None
    for value in all_names:
        kind = "alias" if _is_latin(value) else "original_script"
        names.setdefault((kind, value), None)
    for prop, kind in NAME_PROPS:
        for value in _props(entity, prop):
            names.setdefault((kind if _is_latin(value) else "original_script", value), None)
    names = {k: None for k in names if not (k[0] != "primary" and k[1] == primary)}
    programs, listed, authorities, ends = [], [], [], []
    for sanction in sanctions:
        programs += _props(sanction, "programId") or _props(sanction, "program")
        listed += _dates(_props(sanction, "listingDate") or _props(sanction, "startDate"))
        authorities += _props(sanction, "authority")
        ends += _props(sanction, "endDate")
    identifiers = [Identifier(t, v) for p, t in ID_PROPS.items() for v in _props(entity, p)]
    properties = [
        ("datasets", tuple(d for d in entity.get("datasets", []) if isinstance(d, str))),
        ("authority", tuple(dict.fromkeys(authorities))),
        ("sanction_end", tuple(dict.fromkeys(ends))),
        ("gender", tuple(_props(entity, "gender"))),
        ("position", tuple(_props(entity, "position"))),
        ("topics", tuple(_props(entity, "topics"))),
        # The ids OpenSanctions merged into this one, and its FtM schema where listwatch's is coarser
        # (Company -> Organization): what yente clients are given back (api/records.py).
        ("referents", tuple(r for r in entity.get("referents", []) if isinstance(r, str) and r)),
        ("ftm_schema", (entity["schema"],) if entity["schema"] != schema else ()),
    ]
    return Entry(
        ref=entity["id"],
        schema=schema,
        names=tuple(Name(v, k) for k, v in names),  # type: ignore[arg-type]
        programs=tuple(dict.fromkeys(programs)),
        listed_on=min(listed) if listed else None,
        birth_dates=tuple(_dates(_props(entity, "birthDate"))),
        birth_places=tuple(_props(entity, "birthPlace")),
        nationalities=tuple(dict.fromkeys(_props(entity, "nationality") + _props(entity, "citizenship"))),
        countries=tuple(_props(entity, "country")),
        identifiers=tuple(identifiers),
        addresses=tuple(_props(entity, "address")),
        remarks="\n".join(_props(entity, "notes")) or None,
        properties=tuple((k, v) for k, v in properties if v),
    )


def _lines(path: Path, data: bytes, problems: list[Problem]) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            problems.append(Problem(f"not a JSON object: {exc}", number, None))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem("not a JSON object", number, None))
            continue
        out.append((number, obj))
    return out


def _check_entity(entity: Any, number: int, problems: list[Problem]) -> bool:
    if not isinstance(entity, dict) or not isinstance(entity.get("id"), str) or not entity["id"]:
        problems.append(Problem("entity without an id", number, "id"))
        return False
    if not isinstance(entity.get("schema"), str):
        problems.append(Problem(f"entity {entity['id']} without a schema", number, "schema"))
        return False
    return True


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    problems: list[Problem] = []
    lines = _lines(path, data, problems)
    is_delta = any("op" in obj for _n, obj in lines)
    changes: list[str] = []
    entities: list[tuple[int, str | None, dict[str, Any]]] = []
    for number, obj in lines:
        if is_delta:
            op = obj.get("op")
            entity = obj.get("entity")
            if op not in OPS:
                problems.append(Problem(f'op "{op}" is not one of ADD, MOD, DEL', number, "op"))
                continue
            if op == "DEL":
                # A deletion names only the id: its schema is gone with it.
                if isinstance(entity, dict) and isinstance(entity.get("id"), str) and entity["id"]:
                    entities.append((number, op, entity))
                else:
                    problems.append(Problem("DEL without an entity id", number, "id"))
                continue
        else:
            op, entity = None, obj
        if _check_entity(entity, number, problems):
            entities.append((number, op, entity))  # type: ignore[arg-type]
            if entity.get("last_change"):  # type: ignore[union-attr]
                changes.append(entity["last_change"])  # type: ignore[index]
    if problems:
        first = problems[0]
        raise InputError(path, first.message, line=first.line, field=first.field, problems=problems)
    sanctions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _n, _op, entity in entities:
        if entity.get("schema") == "Sanction":
            for subject in _props(entity, "entity"):
                sanctions[subject].append(entity)
    published = _published(path, changes, options, is_delta)
    source = source_for(path, "ftm_json", "OpenSanctions", LISTS[LIST_ID].url)
    list_id = options.list_id or LIST_ID
    if is_delta:
        delta = tuple(
            DeltaOp(op, entity["id"], None if op == "DEL" else _entry(entity, sanctions[entity["id"]]))  # type: ignore[arg-type]
            for _n, op, entity in entities
            if op == "DEL" or entity["schema"] in SCHEMAS
        )
        return ListVersion(list_id=list_id, published=published, source=source, entries=(), delta=delta)
    entries = tuple(
        _entry(entity, sanctions[entity["id"]])
        for _n, _op, entity in entities
        # Context entities (a related company that is not itself listed) carry target false.
        if entity["schema"] in SCHEMAS and entity.get("target", True)
    )
    return ListVersion(list_id=list_id, published=published, source=source, entries=entries)


def _published(path: Path, changes: list[str], options: ParseOptions, is_delta: bool) -> datetime:
    """An export is as new as its newest change. A delta is dated by its version id
    (``20240528134729`` in the name): its entities' ``last_change`` can be years older than the delta."""
    if is_delta and options.published is None and (version := _VERSION.search(path.name)) is not None:
        try:
            return datetime.strptime(version.group(1), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        except ValueError:
            pass
    if options.published is not None or not changes or (is_delta and date_from_name(path)):
        return publication_time(path, options.published, "FollowTheMoney file")
    newest = max(changes)
    try:
        stamp = datetime.fromisoformat(newest)
    except ValueError:
        raise InputError(path, f'"{newest}" is not a timestamp', field="last_change") from None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


register(Format("ftm_json", "FollowTheMoney JSON lines and OpenSanctions delta files", _sniff, parse))

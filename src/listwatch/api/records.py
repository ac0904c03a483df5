"""Designations as yente's ``EntityResponse``, read from the record: FtM properties from the entry as its
newest held version describes it, ``first_seen``/``last_seen``/``last_change`` from the versions that
hold it, and each listing as a nested FtM ``Sanction``.

One ``Records`` is built per state of the store (its versions and withdrawals) and kept by
``Services``, so search filters and facets over a whole list cost one pass, not one query per entity.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from listwatch.api.yente import country_code, ftm_schema
from listwatch.model import Entry, get_list
from listwatch.store import Reader, VersionRow

# listwatch identifier types -> the FtM property that holds them (sources/ftm.py reads the reverse).
ID_PROPS = {
    "Passport": "passportNumber",
    "Tax ID": "taxNumber",
    "Registration": "registrationNumber",
    "INN": "innCode",
    "OGRN": "ogrnCode",
    "LEI": "leiCode",
    "SWIFT/BIC": "swiftBic",
    "IMO": "imoNumber",
    "MMSI": "mmsi",
}
_NAME_PROP = {"primary": "name", "alias": "alias", "original_script": "name", "weak_alias": "weakAlias"}
# Entry properties passed through under their FtM names.
_PASSED = {"gender": "gender", "position": "position", "topics": "topics"}
DEFAULT_TOPICS = ("sanction",)


def topics_of(list_id: str, stated: tuple[str, ...] = ()) -> list[str]:
    """FtM topics: those the source states (OpenSanctions), else ``sanction``, and ``crime.terror``
    for a list of terrorist designations."""
    if stated:
        return list(stated)
    return (
        [*DEFAULT_TOPICS, "crime.terror"] if get_list(list_id).kind == "terrorism" else list(DEFAULT_TOPICS)
    )


def wire_time(published_at: str) -> str:
    """yente's wire format for ``first_seen`` and the like: ISO seconds, UTC, no zone."""
    moment = datetime.fromisoformat(published_at)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class Record:
    """One designation as the record holds it: its newest entry and when it was seen and changed."""

    entity_id: str
    list_id: str
    entry: Entry
    first_seen: str
    last_seen: str
    last_change: str
    in_newest: bool  # in its list's newest held version (not delisted since)

    def prop(self, name: str) -> tuple[str, ...]:
        return next((values for key, values in self.entry.properties if key == name), ())

    @property
    def schema(self) -> str:
        own = self.prop("ftm_schema")
        return own[0] if own else ftm_schema(self.entry.schema)

    @property
    def topics(self) -> list[str]:
        return topics_of(self.list_id, self.prop("topics"))

    @property
    def countries(self) -> list[str]:
        values = (*self.entry.nationalities, *self.entry.countries)
        return list(dict.fromkeys(country_code(v) for v in values))

    @property
    def referents(self) -> list[str]:
        """The ids that name this designation besides listwatch's: the list's own reference, and the
        ids its source merged into it (OpenSanctions' ``referents``)."""
        own = [self.entry.ref] if self.entry.ref != self.entity_id else []
        return list(dict.fromkeys([*own, *self.prop("referents")]))

    def properties(self) -> dict[str, list[str]]:
        entry = self.entry
        props: dict[str, list[str]] = defaultdict(list)
        for name in entry.names:
            props[_NAME_PROP.get(name.kind, "alias")].append(name.value)
        props["birthDate"] = [str(d) for d in entry.birth_dates]
        props["birthPlace"] = list(entry.birth_places)
        props["nationality"] = [country_code(v) for v in entry.nationalities]
        props["country"] = [country_code(v) for v in entry.countries]
        props["address"] = list(entry.addresses)
        props["programId"] = list(entry.programs)
        for identifier in entry.identifiers:
            props[ID_PROPS.get(identifier.type, "idNumber")].append(identifier.value)
        if entry.remarks:
            props["notes"] = [entry.remarks]
        for key, prop in _PASSED.items():
            props[prop] = list(self.prop(key))
        props["topics"] = self.topics
        return {k: list(dict.fromkeys(v)) for k, v in props.items() if v}

    def sanction(self) -> dict[str, Any]:
        """The listing as a FtM ``Sanction`` entity, as yente nests it under ``sanctions``."""
        entry = self.entry
        info = get_list(self.list_id)
        props: dict[str, list[str]] = {
            "entity": [self.entity_id],
            "authority": list(self.prop("authority")) or [info.title],
            "program": list(entry.programs),
            "listingDate": [str(entry.listed_on)] if entry.listed_on else [],
            "endDate": [str(entry.delisted_on)] if entry.delisted_on else [],
            "reason": [entry.legal_basis] if entry.legal_basis else [],
            "sourceUrl": [info.url] if info.url else [],
        }
        return {
            "id": f"{self.entity_id}-sanction",
            "caption": f"{info.title}: {entry.ref}",
            "schema": "Sanction",
            "properties": {k: v for k, v in props.items() if v},
            "datasets": [self.list_id],
            "referents": [],
            "target": False,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "last_change": self.last_change,
        }

    def response(self, *, nested: bool = False) -> dict[str, Any]:
        """yente's ``EntityResponse``, with listwatch's ``list`` and ``ref``."""
        props: dict[str, list[Any]] = dict(self.properties())
        sanction = self.sanction()
        props["sanctions"] = [sanction] if nested else [sanction["id"]]
        return {
            "id": self.entity_id,
            "caption": self.entry.caption,
            "schema": self.schema,
            "properties": props,
            "datasets": [self.list_id],
            "referents": self.referents,
            "target": True,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "last_change": self.last_change,
            "list": self.list_id,
            "ref": self.entry.ref,
        }


def _newest_of_list(versions: dict[int, VersionRow]) -> dict[str, int]:
    newest: dict[str, int] = {}
    for v in versions.values():
        best = newest.get(v.list_id)
        if best is None or (v.published_at, v.id) > (versions[best].published_at, best):
            newest[v.list_id] = v.id
    return newest


def _record(
    entity_id: str,
    rows: list[tuple[str, int, str]],
    versions: dict[int, VersionRow],
    newest_of_list: dict[str, int],
    revisions: dict[str, dict[str, Any]],
) -> Record | None:
    """One designation from its (published_at, version id, revision hash) rows."""
    rows.sort()
    last_published, last_version, last_hash = rows[-1]
    data = revisions.get(last_hash)
    if data is None:
        return None
    change = last_published
    for published, _vid, revision in reversed(rows):
        if revision != last_hash:
            break
        change = published
    list_id = versions[last_version].list_id
    return Record(
        entity_id,
        list_id,
        Entry.from_content(data),
        wire_time(rows[0][0]),
        wire_time(last_published),
        wire_time(change),
        in_newest=any(vid == newest_of_list[list_id] for _p, vid, _h in rows),
    )


def build_records(reader: Reader) -> dict[str, Record]:
    """Every designation held, from one read of the memberships and one of the revisions."""
    versions = {v.id: v for v in reader.versions()}
    newest = _newest_of_list(versions)
    held: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for entity_id, version_id, revision in reader.all_memberships():
        if version_id in versions:
            held[entity_id].append((versions[version_id].published_at, version_id, revision))
    revisions = reader.revisions(max(rows)[2] for rows in held.values())
    out: dict[str, Record] = {}
    for entity_id, rows in held.items():
        record = _record(entity_id, rows, versions, newest, revisions)
        if record is not None:
            out[entity_id] = record
    return out


def record_of(reader: Reader, entity_id: str) -> Record | None:
    """One designation, from its own memberships (two queries besides the versions): what ``/match``
    reads for its few results, without waiting for every record of the store."""
    versions = {v.id: v for v in reader.versions()}
    rows = [
        (versions[vid].published_at, vid, revision)
        for vid, (revision, _program) in reader.entity_memberships(entity_id).items()
        if vid in versions
    ]
    if not rows:
        return None
    return _record(entity_id, rows, versions, _newest_of_list(versions), reader.revisions([max(rows)[2]]))


@dataclass(slots=True)
class RecordCache:
    """The records of the store's current state (its version ids): rebuilt when a version is added or
    withdrawn."""

    _key: tuple[int, ...] | None = None
    _records: dict[str, Record] = field(default_factory=dict)
    _referents: dict[str, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, reader: Reader) -> dict[str, Record]:
        key = tuple(v.id for v in reader.versions())
        if key == self._key:
            return self._records
        with self._lock:
            if key != self._key:
                self._records = build_records(reader)
                # An id several designations claim names none of them.
                claims: dict[str, set[str]] = defaultdict(set)
                for record in self._records.values():
                    for referent in record.referents:
                        claims[referent].add(record.entity_id)
                self._referents = {r: ids.pop() for r, ids in claims.items() if len(ids) == 1}
                self._key = key
        return self._records

    def referents(self, reader: Reader) -> dict[str, str]:
        """referent -> the one designation it names."""
        self.get(reader)
        return self._referents

    def clear(self) -> None:
        with self._lock:
            self._key = None
            self._records = {}
            self._referents = {}

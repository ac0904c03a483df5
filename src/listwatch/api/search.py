"""yente's ``/search`` filters, facets and sorts over the record's designations (``api/records.py``).

The filters are yente's parameters with yente's meaning: ``schema`` (an FtM schema and those under it),
``exclude_schema``, ``include_dataset``/``exclude_dataset``/``datasets``, ``countries``, ``topics``,
``changed_since``, ``target``, ``filter=field:value``; several values of one field are OR-ed unless
``filter_op=AND``. Facets count what the filters leave.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

from fastapi import HTTPException

from listwatch.api.records import Record
from listwatch.api.yente import country_code
from listwatch.model import get_list

# FtM's schema tree, as far as designations reach: each schema and the schemata under it.
SCHEMA_TREE: dict[str, frozenset[str]] = {
    "Thing": frozenset(
        {"LegalEntity", "Person", "Organization", "Company", "PublicBody", "Vessel", "Airplane"}
    ),
    "LegalEntity": frozenset({"Person", "Organization", "Company", "PublicBody"}),
    "Organization": frozenset({"Company", "PublicBody"}),
    "Asset": frozenset({"Vessel", "Airplane", "Company"}),
}
# FtM schemata designations are never of, but a yente client may name (a filter on them finds none).
OTHER_SCHEMATA = (
    "Address", "Sanction", "Identification", "Passport", "Ownership", "Directorship", "Family",
    "Associate", "Membership", "Occupancy", "Position", "Security", "CryptoWallet", "Payment",
    "Person", "Company", "PublicBody", "Vessel", "Airplane", "Organization",
)  # fmt: skip
SCHEMATA = frozenset({*SCHEMA_TREE, *OTHER_SCHEMATA})
FACETS = ("datasets", "schema", "countries", "identifiers", "topics", "genders")
DEFAULT_FACETS = ("countries", "topics", "datasets")
SORTS = ("first_seen", "last_seen", "last_change", "caption")
FACET_LABELS = {
    "datasets": "Data sources",
    "schema": "Entity types",
    "countries": "Countries",
    "identifiers": "Identifiers",
    "topics": "Topics",
    "genders": "Genders",
}


def check_schema(name: str) -> str:
    if name not in SCHEMATA:
        raise HTTPException(400, detail=f"Invalid schema: {name} (a FollowTheMoney schema such as Person)")
    return name


def covers(schema: str, candidate: str) -> bool:
    """Is ``candidate`` the schema ``schema`` or one under it?"""
    return candidate == schema or candidate in SCHEMA_TREE.get(schema, frozenset())


@dataclass(frozen=True, slots=True)
class Filters:
    schema: str = "Thing"
    exclude_schema: Sequence[str] = ()
    include_dataset: Sequence[str] = ()
    exclude_dataset: Sequence[str] = ()
    datasets: Sequence[str] = ()
    countries: Sequence[str] = ()
    topics: Sequence[str] = ()
    changed_since: str | None = None
    target: bool | None = None
    properties: Sequence[tuple[str, str]] = ()
    all_of: bool = False  # filter_op=AND

    def _values(self, wanted: Sequence[str], have: Iterable[str]) -> bool:
        if not wanted:
            return True
        held = set(have)
        test = all if self.all_of else any
        return test(w in held for w in wanted)

    def keep(self, record: Record) -> bool:
        schema = record.schema
        if not covers(self.schema, schema) or any(covers(s, schema) for s in self.exclude_schema):
            return False
        if self.include_dataset and record.list_id not in self.include_dataset:
            return False
        if record.list_id in self.exclude_dataset:
            return False
        if not self._values(self.datasets, [record.list_id]):
            return False
        if not self._values([country_code(c) for c in self.countries], record.countries):
            return False
        if not self._values(self.topics, record.topics):
            return False
        if self.changed_since is not None and record.last_change < self.changed_since:
            return False
        if self.target is False:  # every designation is a target: it is what a list names
            return False
        props = record.properties() if self.properties else {}
        return all(value in props.get(field, ()) for field, value in self.properties)


def parse_property_filters(raw: Sequence[str]) -> list[tuple[str, str]]:
    """yente's ``filter=properties.birthDate:1965`` (or ``birthDate:1965``)."""
    out = []
    for item in raw:
        field, sep, value = item.partition(":")
        if not sep or not field:
            raise HTTPException(400, detail=f"Invalid filter: {item!r} (give field:value)")
        out.append((field.removeprefix("properties."), value))
    return out


def _facet_values(name: str, record: Record) -> list[str]:
    getters: dict[str, Callable[[Record], list[str]]] = {
        "datasets": lambda r: [r.list_id],
        "schema": lambda r: [r.schema],
        "countries": lambda r: r.countries,
        "identifiers": lambda r: [i.value for i in r.entry.identifiers],
        "topics": lambda r: r.topics,
        "genders": lambda r: list(r.prop("gender")),
    }
    return list(dict.fromkeys(getters[name](record)))


def _label(name: str, value: str) -> str:
    return get_list(value).title if name == "datasets" else value


def facets(names: Sequence[str], records: Sequence[Record]) -> dict[str, dict[str, object]]:
    """yente's ``SearchFacet`` per facet asked: each value's label and how many results have it."""
    out: dict[str, dict[str, object]] = {}
    for name in dict.fromkeys(names):
        counts = Counter(v for record in records for v in _facet_values(name, record))
        values = [
            {"name": value, "label": _label(name, value), "count": count}
            for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]
        out[name] = {"label": FACET_LABELS[name], "values": values}
    return out


def _sort_key(record: Record, field: str) -> str:
    return record.entry.caption.casefold() if field == "caption" else str(getattr(record, field))


def sort_records(records: list[Record], sorts: Sequence[str]) -> list[Record]:
    """yente's ``sort=field:asc|desc``, applied last first so the first sort decides."""
    for item in reversed(sorts):
        field, _sep, order = item.partition(":")
        if field not in SORTS or order not in ("", "asc", "desc"):
            raise HTTPException(
                400, detail=f"Invalid sort: {item!r} (one of {', '.join(SORTS)}, then :asc or :desc)"
            )
        records = sorted(records, key=partial(_sort_key, field=field), reverse=order == "desc")
    return records

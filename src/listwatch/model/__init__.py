"""The domain model: plain frozen values, no I/O. Every other package builds on these."""

from listwatch.model.dates import PartialDate, parse_partial_date
from listwatch.model.entry import Citation, Entry, Identifier, Name, NameKind, Schema, entity_id_for, ref_key
from listwatch.model.event import Event, EventType, FieldChange
from listwatch.model.lists import (
    AUTHORITIES,
    CURATED_CADENCE_DAYS,
    LISTS,
    OFFICIAL_CADENCE_DAYS,
    Authority,
    ListInfo,
    get_list,
)
from listwatch.model.version import Completeness, DeltaOp, ListVersion, Source

__all__ = [
    "AUTHORITIES",
    "CURATED_CADENCE_DAYS",
    "LISTS",
    "OFFICIAL_CADENCE_DAYS",
    "Authority",
    "Citation",
    "Completeness",
    "DeltaOp",
    "Entry",
    "Event",
    "EventType",
    "FieldChange",
    "Identifier",
    "ListInfo",
    "ListVersion",
    "Name",
    "NameKind",
    "PartialDate",
    "Schema",
    "Source",
    "entity_id_for",
    "get_list",
    "parse_partial_date",
    "ref_key",
]

"""An entry: one record of a list version, describing the entity it designates.

Names follow FollowTheMoney's split (``name``, ``alias``, ``weakAlias``, and original-script names kept
apart so matching can compare across scripts). The entity an entry designates has a stable listwatch id,
``<list id>:<reference, case-folded>``: the UN wrote ``TAI.171`` in 2015 and ``TAi.171`` later, and both
are the same designation.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from listwatch.model.dates import PartialDate, parse_partial_date

Schema = Literal["Person", "Organization", "Vessel", "Aircraft", "LegalEntity"]
SCHEMAS: tuple[Schema, ...] = ("Person", "Organization", "Vessel", "Aircraft", "LegalEntity")
NameKind = Literal["primary", "alias", "weak_alias", "original_script"]
NAME_KINDS: tuple[NameKind, ...] = ("primary", "alias", "weak_alias", "original_script")


@dataclass(frozen=True, slots=True)
class Name:
    value: str
    kind: NameKind = "primary"
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Identifier:
    type: str
    value: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a curated fact comes from, with the sentence that supports it."""

    title: str
    publisher: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    quote: str | None = None
    # What the source says, in a line ("delisted 2023-12", "listed 2005 by the Supreme Court").
    statement: str | None = None


def ref_key(ref: str) -> str:
    """References compare without regard to case or surrounding space (``TAI.171`` == ``TAi.171``)."""
    return ref.strip().casefold()


def entity_id_for(list_id: str, ref: str) -> str:
    return f"{list_id}:{ref_key(ref)}"


@dataclass(frozen=True, slots=True)
class Entry:
    ref: str
    schema: Schema
    names: tuple[Name, ...]
    programs: tuple[str, ...] = ()
    listed_on: PartialDate | None = None
    # Set only by lists that state their own history (curated lists): the entry stays in the file
    # with the date its listing ended. Official snapshot lists drop the entry instead.
    delisted_on: PartialDate | None = None
    legal_basis: str | None = None
    birth_dates: tuple[PartialDate, ...] = ()
    birth_places: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    addresses: tuple[str, ...] = ()
    remarks: str | None = None
    # References to the same designation in other lists, as the list itself states them
    # (UK "UN Ref", EU "UN id"): "<list id>:<ref>".
    links: tuple[str, ...] = ()
    properties: tuple[tuple[str, tuple[str, ...]], ...] = ()
    citations: tuple[Citation, ...] = field(default=())

    @property
    def ref_key(self) -> str:
        return ref_key(self.ref)

    @property
    def standing(self) -> str:
        """``designated``, or for curated denials ``never_listed`` / ``not_listed``: a curated list keeps
        an entry for "never an FTO" so that the denial carries its sources (property ``status``)."""
        for key, values in self.properties:
            if key == "status" and values:
                return values[0]
        return "designated"

    @property
    def caption(self) -> str:
        for kind in ("primary", "alias", "original_script", "weak_alias"):
            for name in self.names:
                if name.kind == kind and name.value:
                    return name.value
        return self.ref

    def entity_id(self, list_id: str) -> str:
        return entity_id_for(list_id, self.ref)

    def content(self) -> dict[str, Any]:
        """The entry as plain JSON data: what is compared between versions and stored.

        Multi-valued fields are sorted and de-duplicated, so that the order in which a generator writes
        aliases or dates (a layout choice) never looks like a change of content.
        """
        return {
            "ref": self.ref.strip(),
            "schema": self.schema,
            "names": sorted({(n.kind, n.value, n.lang or "") for n in self.names}),
            "programs": sorted(set(self.programs)),
            "listed_on": str(self.listed_on) if self.listed_on else None,
            "delisted_on": str(self.delisted_on) if self.delisted_on else None,
            "legal_basis": self.legal_basis,
            "birth_dates": sorted({str(d) for d in self.birth_dates}),
            "birth_places": sorted(set(self.birth_places)),
            "nationalities": sorted(set(self.nationalities)),
            "countries": sorted(set(self.countries)),
            "identifiers": sorted({(i.type, i.value, i.country or "") for i in self.identifiers}),
            "addresses": sorted(set(self.addresses)),
            "remarks": self.remarks,
            "links": sorted(set(self.links)),
            "properties": {k: sorted(set(v)) for k, v in sorted(self.properties) if v},
            "citations": [
                [c.title, c.publisher, str(c.published) if c.published else None, c.url, c.quote, c.statement]
                for c in self.citations
            ],
        }

    def content_hash(self) -> str:
        return content_hash(self.content())

    @classmethod
    def from_content(cls, data: dict[str, Any]) -> Entry:
        return cls(
            ref=data["ref"],
            schema=data["schema"],
            names=tuple(Name(v, k, lang or None) for k, v, lang in data["names"]),
            programs=tuple(data["programs"]),
            listed_on=parse_partial_date(data["listed_on"]) if data["listed_on"] else None,
            delisted_on=parse_partial_date(data["delisted_on"]) if data.get("delisted_on") else None,
            legal_basis=data["legal_basis"],
            birth_dates=tuple(parse_partial_date(d) for d in data["birth_dates"]),
            birth_places=tuple(data["birth_places"]),
            nationalities=tuple(data["nationalities"]),
            countries=tuple(data["countries"]),
            identifiers=tuple(Identifier(t, v, c or None) for t, v, c in data["identifiers"]),
            addresses=tuple(data["addresses"]),
            remarks=data["remarks"],
            links=tuple(data["links"]),
            properties=tuple((k, tuple(v)) for k, v in data["properties"].items()),
            citations=tuple(
                Citation(t, p, parse_partial_date(d) if d else None, u, q, st)
                for t, p, d, u, q, st in data.get("citations", [])
            ),
        )


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()

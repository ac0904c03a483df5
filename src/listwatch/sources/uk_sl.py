"""The FCDO's UK Sanctions List XML (``UK-Sanctions-List.xml``), the only official UK list since OFSI's
Consolidated List was retired on 28 January 2026.

``<Designations>`` holds ``<DateGenerated>`` (DD/MM/YYYY) and one ``<Designation>`` per designation
*under one regime*: a person designated under two regimes is two designations (two ``UniqueID``, e.g.
``BEL0005`` and ``GHR0055``) that share one ``OFSIGroupID``. OFSI's ConList had one group per target, so
designations are keyed by their ``OFSIGroupID`` where they have one: the same target keeps the entity id
it had in the OFSI versions of this list, and its regimes are one entry's programs, as they were then.
A designation without a group id is keyed by its ``UniqueID``.

Dates write an unknown part as letters (``dd/mm/1945``): a partial date, not an error.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from listwatch.errors import InputError, Problem
from listwatch.model import Entry, Identifier, ListVersion, Name, PartialDate
from listwatch.model.entry import NameKind, Schema
from listwatch.model.lists import LISTS
from listwatch.sources.files import raise_problems, source_for
from listwatch.sources.registry import Format, ParseOptions, register
from listwatch.sources.uk_hmt import un_reference
from listwatch.sources.xmltools import ParsedXML, parse_xml, text

LIST_ID = "gb_hmt_sanctions"
FORMAT = "uk_sl_xml"
SCHEMAS: dict[str, Schema] = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_DMY = re.compile(r"^(\d{2}|dd)/(\d{2}|mm)/(\d{4})$", re.IGNORECASE)
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ADDRESS = (
    "AddressLine1",
    "AddressLine2",
    "AddressLine3",
    "AddressLine4",
    "AddressLine5",
    "AddressLine6",
    "AddressPostalCode",
    "AddressCountry",
)


def _sniff(path: Path, head: bytes) -> bool:
    return b"<Designations" in head and (b"<Designation>" in head or b"<DateGenerated" in head)


def uk_date(value: str) -> PartialDate:
    """``DD/MM/YYYY``, with ``dd`` / ``mm`` for an unknown day or month; ISO days are read too, as the
    FCDO's other exports write them. ValueError when it is not a date."""
    value = value.strip()
    if iso := _ISO_DAY.match(value):
        try:
            return PartialDate(*(int(g) for g in iso.groups()))
        except ValueError as exc:
            raise ValueError(f'"{value}" is not a date: {exc}') from None
    match = _DMY.match(value)
    if match is None:
        raise ValueError(f'"{value}" is not a date (DD/MM/YYYY)')
    day_text, month_text, year_text = match.groups()
    month = int(month_text) if month_text.isdigit() and int(month_text) else None
    day = int(day_text) if day_text.isdigit() and int(day_text) and month else None
    try:
        return PartialDate(int(year_text), month, day)
    except ValueError as exc:
        raise ValueError(f'"{value}" is not a date: {exc}') from None


def name_kind(name_type: str, strength: str) -> NameKind | None:
    kind = name_type.strip().lower()
    if kind == "primary name":
        return "primary"
    if kind in ("alias", "primary name variation"):
        return "weak_alias" if strength.strip().lower().startswith("low") else "alias"
    return None


def _texts(elem: ET.Element, path: str) -> list[str]:
    return [v for e in elem.iterfind(path) if (v := text(e))]


@dataclass(slots=True)
class Target:
    """One entry: the designations of one OFSI group (or one designation)."""

    ref: str
    schema: Schema
    names: dict[tuple[str, str, str], None] = field(default_factory=dict)
    values: dict[str, dict[str, None]] = field(default_factory=dict)
    listed: list[PartialDate] = field(default_factory=list)
    birth_dates: list[PartialDate] = field(default_factory=list)
    identifiers: dict[Identifier, None] = field(default_factory=dict)

    def add(self, key: str, *values: str) -> None:
        bucket = self.values.setdefault(key, {})
        for value in values:
            if value:
                bucket[value] = None

    def get(self, key: str) -> tuple[str, ...]:
        return tuple(self.values.get(key, {}))

    def entry(self) -> Entry:
        names = [Name(value, kind, lang or None) for kind, value, lang in self.names]  # type: ignore[arg-type]
        primaries = {n.value for n in names if n.kind == "primary"}
        names = [n for n in names if n.kind == "primary" or n.value not in primaries]
        props = (
            *("uk_unique_id", "title", "position", "gender", "designation_source", "sanctions_imposed"),
            *("last_updated", "statement_of_reasons"),
        )
        return Entry(
            ref=self.ref,
            schema=self.schema,
            names=tuple(names),
            programs=self.get("regime"),
            listed_on=min(self.listed) if self.listed else None,
            birth_dates=tuple(dict.fromkeys(self.birth_dates)),
            birth_places=self.get("birth_place"),
            nationalities=self.get("nationality"),
            countries=self.get("country"),
            identifiers=tuple(self.identifiers),
            addresses=self.get("address"),
            remarks=" ".join(self.get("other")) or None,
            links=tuple(f"un_sc_sanctions:{un_reference(r)}" for r in self.get("un_ref")),
            properties=tuple((k, self.get(k)) for k in props if self.get(k)),
        )


class _Reader:
    def __init__(self, path: Path, doc: ParsedXML) -> None:
        self.path, self.doc = path, doc
        self.problems: list[Problem] = []
        self.targets: dict[str, Target] = {}

    def problem(self, elem: ET.Element, message: str, field_name: str) -> None:
        self.problems.append(Problem(message, self.doc.line(elem), field_name))

    def date(self, elem: ET.Element, uid: str, tag: str) -> PartialDate | None:
        value = text(elem)
        try:
            return uk_date(value)
        except ValueError as exc:
            self.problem(elem, f"Designation {uid}: {exc}", tag)
            return None

    def designation(self, elem: ET.Element) -> None:
        uid = text(elem.find("UniqueID"))
        if not uid:
            self.problem(elem, "Designation without UniqueID", "UniqueID")
            return
        kind = text(elem.find("IndividualEntityShip"))
        schema = SCHEMAS.get(kind.lower())
        if schema is None:
            message = f'Designation {uid}: unknown IndividualEntityShip "{kind}"'
            self.problem(elem, message, "IndividualEntityShip")
            return
        ref = text(elem.find("OFSIGroupID")) or uid
        target = self.targets.setdefault(ref, Target(ref, schema))
        target.add("uk_unique_id", uid)
        named = False
        for name in elem.iterfind("Names/Name"):
            parts = [text(name.find(f"Name{i}")) for i in range(1, 6)]
            given, last = " ".join(p for p in parts if p), text(name.find("Name6"))
            value = f"{given} {last}".strip() if given else last
            name_type = text(name.find("NameType"))
            kind_of_name = name_kind(name_type, text(name.find("AliasStrength")))
            if not value:
                continue
            if kind_of_name is None:
                self.problem(name, f'Designation {uid}: unknown NameType "{name_type}"', "NameType")
                continue
            named = True
            target.names.setdefault((kind_of_name, value, ""), None)
        for name in elem.iterfind("NonLatinNames/NonLatinName"):
            if value := text(name.find("NameNonLatinScript")):
                lang = text(name.find("NonLatinScriptLanguage"))
                target.names.setdefault(("original_script", value, lang), None)
                named = True
        if not named:
            self.problem(elem, f"Designation {uid}: no name", "Names")
        target.add("regime", *_texts(elem, "RegimeName"))
        for date_elem in elem.iterfind("DateDesignated"):
            if text(date_elem) and (day := self.date(date_elem, uid, "DateDesignated")) is not None:
                target.listed.append(day)
        target.add("un_ref", *_texts(elem, "UNReferenceNumber"))
        target.add("other", *_texts(elem, "OtherInformation"))
        target.add("statement_of_reasons", *_texts(elem, "UKStatementofReasons"))
        target.add("designation_source", *_texts(elem, "DesignationSource"))
        target.add("last_updated", *_texts(elem, "LastUpdated"))
        for imposed in _texts(elem, "SanctionsImposed"):
            target.add("sanctions_imposed", *(s.strip() for s in imposed.split("|")))
        for address in elem.iterfind("Addresses/Address"):
            target.add("address", ", ".join(v for tag in _ADDRESS if (v := text(address.find(tag)))))
            target.add("country", text(address.find("AddressCountry")))
        target.add("title", *_texts(elem, ".//Titles/Title"), *_texts(elem, ".//Individual/Title"))
        target.add("nationality", *_texts(elem, ".//Nationalities/Nationality"))
        target.add("position", *_texts(elem, ".//Positions/Position"))
        target.add("gender", *_texts(elem, ".//Genders/Gender"))
        for dob in elem.iterfind(".//DOBs/DOB"):
            if text(dob) and (day := self.date(dob, uid, "DOB")) is not None:
                target.birth_dates.append(day)
        for place in elem.iterfind(".//BirthDetails/Location"):
            town, country = text(place.find("TownOfBirth")), text(place.find("CountryOfBirth"))
            target.add("birth_place", ", ".join(p for p in (town, country) if p))
        target.identifiers[Identifier("UK Sanctions List ID", uid)] = None
        for tag, kind_name in (
            (".//PassportDetails/Passport/PassportNumber", "Passport"),
            (".//NationalIdentifierDetails/NationalIdentifier/NationalIdentifierNumber", "National ID"),
            (".//BusinessRegistrationNumbers/BusinessRegistrationNumber", "Registration Number"),
            (".//IMONumbers/IMONumber", "IMO Number"),
        ):
            for value in _texts(elem, tag):
                target.identifiers[Identifier(kind_name, value)] = None


def _published(path: Path, doc: ParsedXML) -> datetime:
    elem = doc.root.find("DateGenerated")
    value = text(elem)
    try:
        day = uk_date(value)
        if day.day is None or day.month is None:
            raise ValueError(f'"{value}" is not a full date')
    except ValueError as exc:
        line = doc.line(elem) if elem is not None else 1
        raise InputError(path, f"DateGenerated: {exc}", line=line, field="DateGenerated") from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    doc = parse_xml(path, data)
    if doc.root.tag != "Designations":
        raise InputError(path, f"expected root element Designations, found {doc.root.tag}", line=1)
    published = _published(path, doc)
    reader = _Reader(path, doc)
    for elem in doc.root.iterfind("Designation"):
        reader.designation(elem)
    return version_of(path, FORMAT, published, reader.targets.values(), reader.problems, options)


def version_of(
    path: Path,
    fmt: str,
    published: datetime,
    targets: Iterable[Target],
    problems: list[Problem],
    options: ParseOptions,
) -> ListVersion:
    """The version the targets make, or every problem found, first line first: the XML and the CSV end
    here alike."""
    raise_problems(path, problems)
    return ListVersion(
        list_id=options.list_id or LIST_ID,
        published=published,
        source=source_for(path, fmt, "FCDO, UK Sanctions List", LISTS[LIST_ID].url),
        entries=tuple(t.entry() for t in targets),
    )


register(Format(FORMAT, "FCDO UK Sanctions List XML (UK-Sanctions-List.xml)", _sniff, parse))

"""OFAC's advanced XML (``SDN_ADVANCED.XML``, ``CONS_ADVANCED.XML``), the Sanctions List Service's
fullest format: unlike ``sdn.csv`` and ``sdn.xml`` it carries the date of each listing
(``SanctionsEntry/EntryEvent/Date``) and typed identity documents.

Every code is a number defined in the file's own ``ReferenceValueSets`` (alias types, name part types,
feature types, countries, lists), so they are looked up there, never assumed. A party
(``DistinctParty FixedRef``) has the same number as its ``uid`` in ``sdn.xml`` and its ``ent_num`` in
``sdn.csv``, so the CSV and XML versions of one list keep their entity ids. Individuals are named
"LAST, First" as in OFAC's other files. See OFAC's ``sdn_advanced_notes.pdf``.
"""

from __future__ import annotations

import calendar
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

from listwatch.errors import InputError, Problem
from listwatch.model import Entry, Identifier, ListVersion, Name, PartialDate
from listwatch.model.entry import NameKind, Schema
from listwatch.model.lists import LISTS
from listwatch.sources.files import source_for, strip_compression_suffix
from listwatch.sources.registry import Format, ParseOptions, register
from listwatch.sources.xmltools import ParsedXML, parse_xml, strip_namespaces, text

FORMAT = "ofac_advanced_xml"
SCHEMAS: dict[str, Schema] = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Aircraft",
}
_ALIAS_KINDS: dict[str, NameKind] = {
    "name": "primary",
    "a.k.a.": "alias",
    "f.k.a.": "alias",
    "n.k.a.": "alias",
}
_SURNAMES = ("last name", "patronymic", "matronymic", "maiden name")


def _sniff(path: Path, head: bytes) -> bool:
    return b"<Sanctions" in head and (
        b"ADVANCED" in head or b"ReferenceValueSets" in head or b"DateOfIssue" in head
    )


def _list_for(path: Path) -> str:
    return "us_ofac_cons" if "cons" in strip_compression_suffix(path.name).lower() else "us_ofac_sdn"


def _ymd(elem: ET.Element | None) -> tuple[int, int | None, int | None] | None:
    if elem is None or not text(elem.find("Year")):
        return None
    month, day = text(elem.find("Month")), text(elem.find("Day"))
    return int(text(elem.find("Year"))), int(month) if month else None, int(day) if day else None


def period_dates(period: ET.Element) -> list[PartialDate]:
    """A ``DatePeriod`` as the partial dates it means: one day (From == To), a whole month or year
    (OFAC writes "1965" as 1 January to 31 December), else the two ends."""
    start = period.find("Start")
    low = _ymd(start.find("From")) if start is not None else None
    high = _ymd(start.find("To")) if start is not None else None
    if low is None:
        return []
    if high is None or high == low:
        return [PartialDate(*low)]
    (y1, m1, d1), (y2, m2, d2) = low, high
    if y1 == y2 and (m1, d1) == (1, 1) and (m2, d2) == (12, 31):
        return [PartialDate(y1)]
    if y1 == y2 and m1 == m2 and m1 is not None and d1 == 1 and d2 == calendar.monthrange(y1, m1)[1]:
        return [PartialDate(y1, m1)]
    return [PartialDate(*low), PartialDate(*high)]


class _Refs:
    """The file's code tables: ``values("FeatureType")["8"]`` is the element saying "Birthdate"."""

    def __init__(self, root: ET.Element) -> None:
        self.tables: dict[str, dict[str, ET.Element]] = {}
        sets = root.find("ReferenceValueSets")
        for table in sets if sets is not None else ():
            for elem in table:
                self.tables.setdefault(elem.tag, {})[elem.get("ID") or ""] = elem

    def text(self, table: str, ref: str | None) -> str:
        elem = self.tables.get(table, {}).get(ref or "")
        return text(elem) if elem is not None else ""

    def elem(self, table: str, ref: str | None) -> ET.Element | None:
        return self.tables.get(table, {}).get(ref or "")


class _Reader:
    def __init__(self, doc: ParsedXML) -> None:
        self.doc = doc
        self.refs = _Refs(doc.root)
        self.problems: list[Problem] = []
        root = doc.root
        self.locations = {loc.get("ID") or "": loc for loc in root.iterfind("Locations/Location")}
        self.documents: dict[str, list[ET.Element]] = {}
        for document in root.iterfind("IDRegDocuments/IDRegDocument"):
            self.documents.setdefault(document.get("IdentityID") or "", []).append(document)
        self.sanctions: dict[str, list[ET.Element]] = {}
        for entry in root.iterfind("SanctionsEntries/SanctionsEntry"):
            self.sanctions.setdefault(entry.get("ProfileID") or "", []).append(entry)

    def problem(self, elem: ET.Element, message: str, field: str) -> None:
        self.problems.append(Problem(message, self.doc.line(elem), field))

    def schema(self, profile: ET.Element) -> str:
        sub = self.refs.elem("PartySubType", profile.get("PartySubTypeID"))
        if sub is None:
            return ""
        kind = text(sub)
        if kind.lower() == "unknown":
            kind = self.refs.text("PartyType", sub.get("PartyTypeID"))
        return kind

    def country(self, ref: str | None) -> str:
        return self.refs.text("Country", ref)

    def location(self, ref: str | None) -> tuple[str, str]:
        """(address line, country) of a ``Location``."""
        loc = self.locations.get(ref or "")
        if loc is None:
            return "", ""
        parts = [text(p.find("LocationPartValue/Value")) for p in loc.iterfind("LocationPart")]
        country = next(
            (c for e in loc.iterfind("LocationCountry") if (c := self.country(e.get("CountryID")))), ""
        )
        return ", ".join(p for p in [*parts, country] if p), country

    def names(self, identity: ET.Element) -> list[Name]:
        groups = {
            g.get("ID") or "": self.refs.text("NamePartType", g.get("NamePartTypeID")).lower()
            for g in identity.iterfind("NamePartGroups/MasterNamePartGroup/NamePartGroup")
        }
        names: list[Name] = []
        for alias in identity.iterfind("Alias"):
            kind = _ALIAS_KINDS.get(self.refs.text("AliasType", alias.get("AliasTypeID")).lower(), "alias")
            if kind == "primary" and alias.get("Primary") != "true":
                kind = "alias"
            if alias.get("LowQuality") == "true":
                kind = "weak_alias"
            for documented in alias.iterfind("DocumentedName"):
                surname: list[str] = []
                given: list[str] = []
                script = False
                for value in documented.iterfind("DocumentedNamePart/NamePartValue"):
                    part = groups.get(value.get("NamePartGroupID") or "", "")
                    (surname if part in _SURNAMES else given).append(text(value))
                    script_name = self.refs.text("Script", value.get("ScriptID")).lower()
                    script = script or bool(script_name and script_name != "latin")
                last, first = " ".join(p for p in surname if p), " ".join(p for p in given if p)
                full = f"{last}, {first}" if last and first else last or first
                if full:
                    names.append(Name(full, "original_script" if script else kind))
        return names

    def entry(self, party: ET.Element) -> Entry | None:
        ref = party.get("FixedRef") or ""
        profile = party.find("Profile")
        if not ref or profile is None:
            self.problem(party, "DistinctParty without FixedRef or Profile", "FixedRef")
            return None
        kind = self.schema(profile)
        schema = SCHEMAS.get(kind.lower())
        if schema is None:
            self.problem(profile, f'DistinctParty {ref}: unknown party type "{kind}"', "PartySubTypeID")
            return None
        names: list[Name] = []
        identifiers: list[Identifier] = []
        for identity in profile.iterfind("Identity"):
            names += self.names(identity)
            for document in self.documents.get(identity.get("ID") or "", []):
                number = text(document.find("IDRegistrationNo"))
                doc_type = self.refs.text("IDRegDocType", document.get("IDRegDocTypeID"))
                country = self.country(document.get("IssuedBy-CountryID")) or None
                if number:
                    identifiers.append(Identifier(doc_type or "identification", number, country))
        if not any(n.kind == "primary" for n in names):
            self.problem(profile, f"DistinctParty {ref}: no primary name (AliasType Name)", "Alias")
            return None
        birth_dates: list[PartialDate] = []
        values: dict[str, list[str]] = {}
        for feature in profile.iterfind("Feature"):
            label = self.refs.text("FeatureType", feature.get("FeatureTypeID"))
            for version in feature.iterfind("FeatureVersion"):
                period = version.find("DatePeriod")
                detail = version.find("VersionDetail")
                location = version.find("VersionLocation")
                if label.lower() == "birthdate" and period is not None:
                    birth_dates += period_dates(period)
                elif location is not None:
                    line, country = self.location(location.get("LocationID"))
                    key = label.lower()
                    values.setdefault(key, []).append(country if "country" in key else line)
                    if key == "location" and country:
                        values.setdefault("address country", []).append(country)
                elif detail is not None:
                    value = self.refs.text("DetailReference", detail.get("DetailReferenceID")) or text(detail)
                    values.setdefault(label.lower(), []).append(value)
        programs: list[str] = []
        lists: list[str] = []
        listed: list[PartialDate] = []
        bases: list[str] = []
        for entry in self.sanctions.get(profile.get("ID") or "", []):
            lists.append(self.refs.text("List", entry.get("ListID")))
            for event in entry.iterfind("EntryEvent"):
                if (day := _ymd(event.find("Date"))) is not None:
                    listed.append(PartialDate(*day))
                bases.append(self.refs.text("LegalBasis", event.get("LegalBasisID")))
            for measure in entry.iterfind("SanctionsMeasure"):
                if self.refs.text("SanctionsType", measure.get("SanctionsTypeID")).lower() == "program":
                    programs.append(text(measure.find("Comment")))
        skip = {"birthdate", "location", "address country", "place of birth", "nationality country"}
        skip |= {"citizenship country"}
        properties = {k: v for k, v in values.items() if k not in skip}
        properties["lists"] = lists
        return Entry(
            ref=ref,
            schema=schema,
            names=tuple(dict.fromkeys(names)),
            programs=tuple(dict.fromkeys(p for p in programs if p)),
            listed_on=min(listed) if listed else None,
            legal_basis="; ".join(dict.fromkeys(b for b in bases if b)) or None,
            birth_dates=tuple(dict.fromkeys(birth_dates)),
            birth_places=tuple(dict.fromkeys(v for v in values.get("place of birth", []) if v)),
            nationalities=tuple(dict.fromkeys(v for v in values.get("nationality country", []) if v)),
            countries=tuple(dict.fromkeys(v for v in values.get("address country", []) if v)),
            identifiers=tuple(dict.fromkeys(identifiers)),
            addresses=tuple(dict.fromkeys(v for v in values.get("location", []) if v)),
            remarks=text(party.find("Comment")) or None,
            properties=tuple(
                (k, tuple(dict.fromkeys(x for x in v if x))) for k, v in sorted(properties.items()) if any(v)
            ),
        )


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    doc = parse_xml(path, data)
    strip_namespaces(doc.root)
    if doc.root.tag != "Sanctions":
        raise InputError(path, f"expected root element Sanctions, found {doc.root.tag}", line=1)
    issued = doc.root.find("DateOfIssue")
    day = _ymd(issued)
    if day is None or day[1] is None or day[2] is None:
        line = doc.line(issued) if issued is not None else 1
        raise InputError(path, "no DateOfIssue with Year, Month and Day", line=line, field="DateOfIssue")
    reader = _Reader(doc)
    entries: list[Entry] = []
    for party in doc.root.iterfind("DistinctParties/DistinctParty"):
        if (entry := reader.entry(party)) is not None:
            entries.append(entry)
    if reader.problems:
        first = reader.problems[0]
        raise InputError(path, first.message, line=first.line, field=first.field, problems=reader.problems)
    list_id = _list_for(path)
    return ListVersion(
        list_id=options.list_id or list_id,
        published=datetime(day[0], day[1], day[2], tzinfo=UTC),
        source=source_for(path, FORMAT, "US Treasury, OFAC", LISTS[list_id].url),
        entries=tuple(entries),
    )


register(Format(FORMAT, "OFAC advanced XML (SDN_ADVANCED.XML, CONS_ADVANCED.XML)", _sniff, parse))

"""UN Security Council Consolidated List XML (root ``CONSOLIDATED_LIST``).

Two UN generators exist: the 2024 one quotes attributes with ' and puts birth dates under empty
``INDIVIDUAL_ALIAS`` elements, the others under ``INDIVIDUAL_DATE_OF_BIRTH``. Elements are therefore
found by name, never by position, and birth dates are gathered wherever they appear. A file holding a
single regime (the 1988 committee's own list) is an extract: its version is scoped to that regime.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from listwatch.errors import InputError, Problem
from listwatch.model import Entry, Identifier, ListVersion, Name, PartialDate, parse_partial_date
from listwatch.model.entry import NameKind, Schema
from listwatch.model.lists import LISTS
from listwatch.sources.files import source_for
from listwatch.sources.registry import Format, ParseOptions, register
from listwatch.sources.xmltools import ParsedXML, parse_xml, text

LIST_ID = "un_sc_sanctions"
LEGAL_BASIS = {
    "Taliban": "UNSCR 1988 (2011)",
    "Al-Qaida": "UNSCR 1267 (1999), 1989 (2011), 2253 (2015)",
    "Iraq": "UNSCR 1518 (2003)",
    "DPRK": "UNSCR 1718 (2006)",
    "Libya": "UNSCR 1970 (2011)",
    "Somalia": "UNSCR 751 (1992)",
    "DRC": "UNSCR 1533 (2004)",
    "Sudan": "UNSCR 1591 (2005)",
    "SouthSudan": "UNSCR 2206 (2015)",
    "CAR": "UNSCR 2127 (2013)",
    "Yemen": "UNSCR 2140 (2014)",
    "Mali": "UNSCR 2374 (2017)",
    "Haiti": "UNSCR 2653 (2022)",
    "Iran": "UNSCR 1737 (2006)",
    "GB": "UNSCR 2048 (2012)",
}


def _sniff(path: Path, head: bytes) -> bool:
    return b"<CONSOLIDATED_LIST" in head


def _values(elem: ET.Element, tag: str) -> list[str]:
    """All non-empty texts of ``tag/VALUE`` (or of ``tag`` itself)."""
    out: list[str] = []
    for child in elem.findall(tag):
        values = child.findall("VALUE")
        for item in values or [child]:
            value = text(item)
            if value:
                out.append(value)
    return out


def _join(elem: ET.Element, tags: Iterable[str]) -> str:
    return ", ".join(v for v in (text(elem.find(t)) for t in tags) if v)


class _UNParser:
    def __init__(self, path: Path, doc: ParsedXML) -> None:
        self.path = path
        self.doc = doc
        self.problems: list[Problem] = []

    def problem(self, elem: ET.Element, ref: str, field: str, message: str) -> None:
        self.problems.append(Problem(f"{ref}, {field}: {message}", self.doc.line(elem), field))

    def date(self, elem: ET.Element, ref: str, field: str, value: str) -> PartialDate | None:
        try:
            return parse_partial_date(value)
        except ValueError as exc:
            self.problem(elem, ref, field, str(exc))
            return None

    def birth_dates(self, elem: ET.Element, ref: str) -> list[PartialDate]:
        dates: list[PartialDate] = []
        # Wherever a generator put them: INDIVIDUAL_DATE_OF_BIRTH or INDIVIDUAL_ALIAS/DATE_OF_BIRTH.
        for dob in elem.iter():
            if dob.tag == "INDIVIDUAL_DATE_OF_BIRTH":
                value = text(dob.find("DATE")) or text(dob.find("YEAR"))
                if value:
                    parsed = self._lenient_date(value)
                    if parsed:
                        dates.append(parsed)
                start, end = text(dob.find("FROM_YEAR")), text(dob.find("TO_YEAR"))
                if start.isdigit() and end.isdigit() and 0 <= int(end) - int(start) <= 20:
                    dates.extend(PartialDate(year) for year in range(int(start), int(end) + 1))
            elif dob.tag == "DATE_OF_BIRTH":
                parsed = self._lenient_date(text(dob))
                if parsed:
                    dates.append(parsed)
        return dates

    @staticmethod
    def _lenient_date(value: str) -> PartialDate | None:
        # Birth dates carry free-text noise in real files ("1965-01-01:", "Sep. 1970"); keep what parses.
        try:
            return parse_partial_date(value.rstrip(":. "))
        except ValueError:
            return None

    def entry(self, elem: ET.Element, schema: Schema) -> Entry | None:
        ref = text(elem.find("REFERENCE_NUMBER"))
        if not ref:
            self.problems.append(
                Problem(f"{elem.tag} without REFERENCE_NUMBER", self.doc.line(elem), "REFERENCE_NUMBER")
            )
            return None
        parts = [text(elem.find(t)) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        names = [Name(" ".join(p for p in parts if p), "primary")] if any(parts) else []
        original = text(elem.find("NAME_ORIGINAL_SCRIPT"))
        if original:
            names.append(Name(original, "original_script"))
        alias_tag = "INDIVIDUAL_ALIAS" if schema == "Person" else "ENTITY_ALIAS"
        for alias in elem.findall(alias_tag):
            value = text(alias.find("ALIAS_NAME"))
            if value:
                quality = text(alias.find("QUALITY")).lower()
                kind: NameKind = "weak_alias" if quality in ("low", "bad") else "alias"
                names.append(Name(value, kind))
        if not names:
            self.problem(elem, ref, "FIRST_NAME", "no name")
        listed_text = text(elem.find("LISTED_ON"))
        listed_on = self.date(elem, ref, "LISTED_ON", listed_text) if listed_text else None
        program = text(elem.find("UN_LIST_TYPE"))
        address_tag = "INDIVIDUAL_ADDRESS" if schema == "Person" else "ENTITY_ADDRESS"
        addresses, countries = [], []
        for address in elem.findall(address_tag):
            line = _join(address, ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE"))
            if line:
                addresses.append(line)
            country = text(address.find("COUNTRY"))
            if country:
                countries.append(country)
        identifiers = []
        for doc in elem.findall("INDIVIDUAL_DOCUMENT"):
            number = text(doc.find("NUMBER"))
            if number:
                country = text(doc.find("ISSUING_COUNTRY")) or text(doc.find("COUNTRY_OF_ISSUE"))
                identifiers.append(
                    Identifier(text(doc.find("TYPE_OF_DOCUMENT")) or "Document", number, country)
                )
        places = [
            place
            for place in (
                _join(p, ("CITY", "STATE_PROVINCE", "COUNTRY"))
                for p in elem.findall("INDIVIDUAL_PLACE_OF_BIRTH")
            )
            if place
        ]
        properties = [
            ("title", tuple(_values(elem, "TITLE"))),
            ("position", tuple(_values(elem, "DESIGNATION"))),
            ("gender", tuple(_values(elem, "GENDER"))),
            ("last_updated", tuple(_values(elem, "LAST_DAY_UPDATED"))),
            ("un_dataid", tuple(_values(elem, "DATAID"))),
        ]
        return Entry(
            ref=ref,
            schema=schema,
            names=tuple(names),
            programs=(program,) if program else (),
            listed_on=listed_on,
            legal_basis=LEGAL_BASIS.get(program),
            birth_dates=tuple(self.birth_dates(elem, ref)) if schema == "Person" else (),
            birth_places=tuple(places),
            nationalities=tuple(_values(elem, "NATIONALITY")),
            countries=tuple(countries),
            identifiers=tuple(identifiers),
            addresses=tuple(addresses),
            remarks=text(elem.find("COMMENTS1")) or None,
            properties=tuple((k, v) for k, v in properties if v),
        )


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    doc = parse_xml(path, data)
    root = doc.root
    if root.tag != "CONSOLIDATED_LIST":
        raise InputError(path, f"expected root element CONSOLIDATED_LIST, found {root.tag}", line=1)
    generated = root.get("dateGenerated", "")
    try:
        # Kept in the file's own offset: the list's date is the day the UN wrote, not the UTC day.
        published = datetime.fromisoformat(generated.replace("Z", "+00:00"))
        if published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
    except ValueError:
        raise InputError(
            path, f'"{generated}" is not a timestamp', line=doc.line(root), field="dateGenerated"
        ) from None
    parser = _UNParser(path, doc)
    entries: list[Entry] = []
    for group, tag, schema in (
        ("INDIVIDUALS", "INDIVIDUAL", "Person"),
        ("ENTITIES", "ENTITY", "Organization"),
    ):
        for section in root.findall(group):
            for elem in section.findall(tag):
                entry = parser.entry(elem, schema)  # type: ignore[arg-type]
                if entry is not None:
                    entries.append(entry)
    if parser.problems:
        first = parser.problems[0]
        raise InputError(path, first.message, line=first.line, field=first.field, problems=parser.problems)
    programs = {p for e in entries for p in e.programs}
    # One regime only: a committee's own list (the 1988 file), compared with the consolidated list on
    # that regime alone.
    scope = next(iter(programs)) if len(programs) == 1 and len(entries) < 400 else None
    list_id = options.list_id or LIST_ID
    return ListVersion(
        list_id=list_id,
        published=published,
        source=source_for(path, "un_sc_xml", "United Nations Security Council", LISTS[LIST_ID].url),
        entries=tuple(entries),
        scope=scope,
    )


register(Format("un_sc_xml", "UN Security Council Consolidated List XML", _sniff, parse))

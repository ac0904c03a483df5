"""OFAC ``sdnList`` XML: ``sdn.xml`` (SDN list) and ``consolidated.xml`` (non-SDN lists), one schema.

OFAC has changed the default namespace over the years (``http://tempuri.org/sdnList.xsd`` in 2018, the
sanctions list service address in 2024), so elements are matched by local name only. The list's date
is ``publshInformation/Publish_Date`` (sic), written MM/DD/YYYY.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

from listwatch.errors import InputError, Problem
from listwatch.model import Entry, Identifier, ListVersion, Name, PartialDate
from listwatch.model.entry import NameKind, Schema
from listwatch.model.lists import OFAC_SLS
from listwatch.sources.files import source_for, strip_compression_suffix
from listwatch.sources.ofac_remarks import birth_dates
from listwatch.sources.registry import Format, ParseOptions, register
from listwatch.sources.xmltools import ParsedXML, parse_xml, strip_namespaces, text

SCHEMAS: dict[str, Schema] = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Aircraft",
}

# Where the Sanctions List Service publishes this format (the lists' default is the advanced XML).
URLS = {"us_ofac_sdn": OFAC_SLS + "SDN.XML", "us_ofac_cons": OFAC_SLS + "CONSOLIDATED.XML"}


def _sniff(path: Path, head: bytes) -> bool:
    return b"<sdnList" in head


def _name(elem: ET.Element) -> str:
    # Individuals are written "LAST, First", as OFAC does in its CSV; entities have a lastName only.
    first, last = text(elem.find("firstName")), text(elem.find("lastName"))
    return f"{last}, {first}" if first and last else last or first


def _list_for(path: Path) -> str:
    name = strip_compression_suffix(path.name).lower()
    return "us_ofac_sdn" if name.endswith("sdn.xml") else "us_ofac_cons"


class _OFACParser:
    def __init__(self, doc: ParsedXML) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def problem(self, elem: ET.Element, message: str, field: str) -> None:
        self.problems.append(Problem(message, self.doc.line(elem), field))

    def entry(self, elem: ET.Element) -> Entry | None:
        uid = text(elem.find("uid"))
        if not uid:
            self.problem(elem, "sdnEntry without uid", "uid")
            return None
        kind = text(elem.find("sdnType"))
        schema = SCHEMAS.get(kind.lower())
        if schema is None:
            self.problem(elem, f'uid {uid}: unknown sdnType "{kind}"', "sdnType")
            return None
        primary = _name(elem)
        if not primary:
            self.problem(elem, f"uid {uid}: no lastName or firstName", "lastName")
            return None
        names = [Name(primary, "primary")]
        for aka in elem.iterfind("akaList/aka"):
            value = _name(aka)
            if value:
                nk: NameKind = "weak_alias" if text(aka.find("category")).lower() == "weak" else "alias"
                names.append(Name(value, nk))
        dates: list[PartialDate] = []
        for dob in elem.iterfind("dateOfBirthList/dateOfBirthItem/dateOfBirth"):
            value = text(dob)
            parsed = birth_dates(value)
            if parsed is None:
                self.problem(
                    dob,
                    f'uid {uid}: "{value}" is not an OFAC date (12 Mar 1965, Mar 1965, 1965)',
                    "dateOfBirth",
                )
            else:
                dates.extend(parsed)
        addresses, countries = [], []
        for address in elem.iterfind("addressList/address"):
            parts = [text(address.find(t)) for t in ("address1", "address2", "address3", "city")]
            parts += [text(address.find(t)) for t in ("stateOrProvince", "postalCode", "country")]
            line = ", ".join(p for p in parts if p)
            if line:
                addresses.append(line)
            if country := text(address.find("country")):
                countries.append(country)
        identifiers = [
            Identifier(text(i.find("idType")), text(i.find("idNumber")), text(i.find("idCountry")) or None)
            for i in elem.iterfind("idList/id")
            if text(i.find("idNumber"))
        ]
        vessel = elem.find("vesselInfo")
        properties: list[tuple[str, tuple[str, ...]]] = [
            ("title", (text(elem.find("title")),)),
            ("citizenship", tuple(text(c) for c in elem.iterfind("citizenshipList/citizenship/country"))),
        ]
        if vessel is not None:
            for tag in (
                "callSign",
                "vesselType",
                "vesselFlag",
                "vesselOwner",
                "tonnage",
                "grossRegisteredTonnage",
            ):
                properties.append((tag, (text(vessel.find(tag)),)))
        return Entry(
            ref=uid,
            schema=schema,
            names=tuple(names),
            programs=tuple(text(p) for p in elem.iterfind("programList/program") if text(p)),
            birth_dates=tuple(dates),
            birth_places=tuple(
                text(p) for p in elem.iterfind("placeOfBirthList/placeOfBirthItem/placeOfBirth") if text(p)
            ),
            nationalities=tuple(
                text(n) for n in elem.iterfind("nationalityList/nationality/country") if text(n)
            ),
            countries=tuple(countries),
            identifiers=tuple(identifiers),
            addresses=tuple(addresses),
            remarks=text(elem.find("remarks")) or None,
            properties=tuple((k, tuple(x for x in v if x)) for k, v in properties if any(v)),
        )


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    doc = parse_xml(path, data)
    root = doc.root
    strip_namespaces(root)
    if root.tag != "sdnList":
        raise InputError(path, f"expected root element sdnList, found {root.tag}", line=1)
    date_elem = root.find("publshInformation/Publish_Date")
    value = text(date_elem)
    try:
        day = datetime.strptime(value, "%m/%d/%Y")
    except ValueError:
        line = doc.line(date_elem) if date_elem is not None else None
        raise InputError(
            path, f'"{value}" is not a date (MM/DD/YYYY)', line=line, field="Publish_Date"
        ) from None
    parser = _OFACParser(doc)
    entries: list[Entry] = []
    seen: set[str] = set()
    for elem in root.iterfind("sdnEntry"):
        entry = parser.entry(elem)
        if entry is None:
            continue
        if entry.ref in seen:
            parser.problem(elem, f"uid {entry.ref} appears twice", "uid")
            continue
        seen.add(entry.ref)
        entries.append(entry)
    if parser.problems:
        first = parser.problems[0]
        raise InputError(path, first.message, line=first.line, field=first.field, problems=parser.problems)
    list_id = options.list_id or _list_for(path)
    return ListVersion(
        list_id=list_id,
        published=day.replace(tzinfo=UTC),
        source=source_for(path, "ofac_xml", "US Treasury, OFAC", URLS[_list_for(path)]),
        entries=tuple(entries),
    )


register(Format("ofac_xml", "OFAC sdnList XML (sdn.xml, consolidated.xml)", _sniff, parse))

"""The EU Financial Sanctions Files (FSF): the consolidated list of persons, groups and entities subject
to EU financial sanctions, XML schema 1.1, as the European Commission publishes it.

Everything is in attributes. ``<export generationDate=...>`` (ISO, with offset) holds one
``<sanctionEntity logicalId=... euReferenceNumber=... unitedNationId=... designationDate=...>`` per
target, with ``regulation`` (its ``programme``: ``TERR``, ``TAQA``, ``ZWE``...), ``subjectType``,
``nameAlias`` (``wholeName``, ``nameLanguage``, ``strong``), ``citizenship``, ``birthdate``,
``identification`` and ``address``. The default namespace (``http://eu.europa.ec/fpi/fsd/export``) is
dropped, so elements are read by local name. An entry is keyed by its ``logicalId``, which the
Commission keeps for the life of a listing; ``euReferenceNumber`` is kept as an identifier.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from listwatch.errors import InputError, Problem
from listwatch.model import Entry, Identifier, ListVersion, Name, PartialDate
from listwatch.model.entry import NameKind, Schema
from listwatch.model.lists import LISTS
from listwatch.sources.files import source_for
from listwatch.sources.registry import Format, ParseOptions, register
from listwatch.sources.xmltools import ParsedXML, parse_xml, strip_namespaces

LIST_ID = "eu_fsf"
FORMAT = "eu_fsf_xml"
SCHEMAS: dict[str, Schema] = {"person": "Person", "enterprise": "Organization"}
# The UN's reference style (QDi.123, TAe.010); unitedNationId sometimes holds another number instead.
UN_REF = re.compile(r"^[A-Z]{2}[ie]\.\d+$")
_ADDRESS = ("street", "poBox", "zipCode", "city", "place", "region", "countryDescription")


def _sniff(path: Path, head: bytes) -> bool:
    return b"<export" in head and (b"fsd/export" in head or b"generationDate" in head)


def _attr(elem: ET.Element, name: str) -> str:
    value = elem.get(name) or ""
    return " ".join(value.split())


def names_of(aliases: Iterable[tuple[str, str, bool]]) -> list[Name]:
    """An entry's names from its name aliases (whole name, language, strong), in file order: the first
    strong name in no particular language (or English) is the entry's name, else the first name."""
    names: list[Name] = []
    for whole, language, strong in aliases:
        if not whole:
            continue
        lang = language.lower() or None
        kind: NameKind = "alias" if strong else "weak_alias"
        if strong and lang in (None, "en") and not any(n.kind == "primary" for n in names):
            kind = "primary"
        names.append(Name(whole, kind, lang))
    if names and not any(n.kind == "primary" for n in names):
        first = names[0]
        names[0] = Name(first.value, "primary", first.lang)
    return list(dict.fromkeys(names))


def _country(elem: ET.Element) -> str:
    value = _attr(elem, "countryDescription")
    return "" if value == "UNKNOWN" else value


class _Reader:
    def __init__(self, doc: ParsedXML) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def problem(self, elem: ET.Element, message: str, field: str) -> None:
        self.problems.append(Problem(message, self.doc.line(elem), field))

    def _names(self, elem: ET.Element) -> list[Name]:
        return names_of(
            (
                _attr(alias, "wholeName")
                or " ".join(v for k in ("firstName", "middleName", "lastName") if (v := _attr(alias, k))),
                _attr(alias, "nameLanguage"),
                _attr(alias, "strong").lower() != "false",
            )
            for alias in elem.iterfind("nameAlias")
        )

    def _birth(self, elem: ET.Element, ref: str) -> tuple[list[PartialDate], list[str]]:
        dates: list[PartialDate] = []
        places: list[str] = []
        for birth in elem.iterfind("birthdate"):
            full = _attr(birth, "birthdate")
            year = _attr(birth, "year")
            month = _attr(birth, "monthOfYear") or _attr(birth, "month")
            day = _attr(birth, "dayOfMonth") or _attr(birth, "day")
            try:
                if full:
                    dates.append(PartialDate.from_date(datetime.strptime(full, "%Y-%m-%d").date()))
                elif year:
                    dates.append(
                        PartialDate(int(year), int(month) if month else None, int(day) if day else None)
                    )
            except ValueError:
                value = full or "-".join(p for p in (year, month, day) if p)
                self.problem(birth, f'sanctionEntity {ref}: "{value}" is not a date', "birthdate")
            place = ", ".join(p for p in (_attr(birth, "city"), _attr(birth, "place"), _country(birth)) if p)
            if place:
                places.append(place)
        return dates, places

    def entry(self, elem: ET.Element) -> Entry | None:
        ref = _attr(elem, "logicalId")
        if not ref:
            self.problem(elem, "sanctionEntity without logicalId", "logicalId")
            return None
        subject = elem.find("subjectType")
        code = _attr(subject, "code").lower() if subject is not None else ""
        schema = SCHEMAS.get(code)
        if schema is None:
            self.problem(elem, f'sanctionEntity {ref}: unknown subjectType "{code}"', "subjectType")
            return None
        names = self._names(elem)
        if not names:
            self.problem(elem, f"sanctionEntity {ref}: no nameAlias with a name", "nameAlias")
            return None
        listed = None
        if designated := _attr(elem, "designationDate"):
            try:
                listed = PartialDate.from_date(datetime.strptime(designated, "%Y-%m-%d").date())
            except ValueError:
                self.problem(elem, f'sanctionEntity {ref}: "{designated}" is not a date', "designationDate")
        dates, places = self._birth(elem, ref)
        identifiers = (
            [Identifier("EU reference number", v)] if (v := _attr(elem, "euReferenceNumber")) else []
        )
        for node in elem.iterfind("identification"):
            number = _attr(node, "number") or _attr(node, "latinNumber")
            kind = _attr(node, "identificationTypeDescription") or _attr(node, "identificationTypeCode")
            if number:
                identifiers.append(Identifier(kind or "identification", number, _country(node) or None))
        addresses = [
            line
            for node in elem.iterfind("address")
            if (line := ", ".join(v for k in _ADDRESS if (v := _attr(node, k)) and v != "UNKNOWN"))
        ]
        regulations = list(elem.iterfind("regulation"))
        un_ref = _attr(elem, "unitedNationId")
        properties = [
            ("regulation", tuple(t for r in regulations if (t := _attr(r, "numberTitle")))),
            ("title", tuple(t for a in elem.iterfind("nameAlias") if (t := _attr(a, "title")))),
            ("position", tuple(t for a in elem.iterfind("nameAlias") if (t := _attr(a, "function")))),
            ("gender", tuple(t for a in elem.iterfind("nameAlias") if (t := _attr(a, "gender")))),
            ("designation_details", (_attr(elem, "designationDetails"),)),
        ]
        return Entry(
            ref=ref,
            schema=schema,
            names=tuple(names),
            programs=tuple(dict.fromkeys(p for r in regulations if (p := _attr(r, "programme")))),
            listed_on=listed,
            birth_dates=tuple(dict.fromkeys(dates)),
            birth_places=tuple(dict.fromkeys(places)),
            nationalities=tuple(dict.fromkeys(c for n in elem.iterfind("citizenship") if (c := _country(n)))),
            countries=tuple(dict.fromkeys(c for n in elem.iterfind("address") if (c := _country(n)))),
            identifiers=tuple(dict.fromkeys(identifiers)),
            addresses=tuple(dict.fromkeys(addresses)),
            remarks=" ".join(" ".join((r.text or "").split()) for r in elem.iterfind("remark")) or None,
            links=(f"un_sc_sanctions:{un_ref}",) if UN_REF.match(un_ref) else (),
            properties=tuple(
                (k, tuple(dict.fromkeys(v for v in vs if v))) for k, vs in properties if any(vs)
            ),
        )


def _published(path: Path, doc: ParsedXML) -> datetime:
    value = _attr(doc.root, "generationDate")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            path,
            f'"{value}" is not a date and time (ISO 8601)',
            line=doc.line(doc.root),
            field="generationDate",
        ) from None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    doc = parse_xml(path, data)
    strip_namespaces(doc.root)
    if doc.root.tag != "export":
        raise InputError(path, f"expected root element export, found {doc.root.tag}", line=1)
    published = _published(path, doc)
    reader = _Reader(doc)
    entries: list[Entry] = []
    seen: set[str] = set()
    for elem in doc.root.iterfind("sanctionEntity"):
        entry = reader.entry(elem)
        if entry is None:
            continue
        if entry.ref in seen:
            reader.problem(elem, f"logicalId {entry.ref} appears twice", "logicalId")
            continue
        seen.add(entry.ref)
        entries.append(entry)
    if reader.problems:
        first = reader.problems[0]
        raise InputError(path, first.message, line=first.line, field=first.field, problems=reader.problems)
    return ListVersion(
        list_id=options.list_id or LIST_ID,
        published=published,
        source=source_for(path, FORMAT, "European Commission, Financial Sanctions Files", LISTS[LIST_ID].url),
        entries=tuple(entries),
    )


register(Format(FORMAT, "EU Financial Sanctions Files consolidated XML (schema 1.1)", _sniff, parse))

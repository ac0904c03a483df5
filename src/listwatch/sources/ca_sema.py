"""Canada, Special Economic Measures Act consolidated list (``sema-lmes.xml``).

A flat ``<record>`` per designation: ``LastName``/``GivenName`` for a person or ``Entity`` for an
organisation, ``Aliases`` as one comma-separated text, and ``Country`` as the regime, written in both
official languages (``Burma / Birmanie``). ``Item`` numbers restart in every country and schedule, so
the reference is ``<country>/<schedule>/<item>``. No date inside: the file name's date is used.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from listwatch.errors import InputError, Problem
from listwatch.model import Entry, ListVersion, Name, PartialDate, parse_partial_date
from listwatch.model.lists import LISTS
from listwatch.sources.files import publication_time, source_for
from listwatch.sources.registry import Format, ParseOptions, register
from listwatch.sources.xmltools import ParsedXML, parse_xml, text

LIST_ID = "ca_dfatd_sema_sanctions"


def _sniff(path: Path, head: bytes) -> bool:
    return b"<data-set" in head and b"<record>" in head


def english(country: str) -> str:
    """``Burma / Birmanie`` -> ``Burma``; a label written once stays as it is."""
    return country.split(" / ", 1)[0].strip()


def _dates(value: str) -> list[PartialDate] | None:
    # "1962-07-16 or 1962-07-17": each alternative is a date of its own.
    out = []
    for part in value.split(" or "):
        try:
            out.append(parse_partial_date(part))
        except ValueError:
            return None
    return out


def _entry(doc: ParsedXML, record: ET.Element, problems: list[Problem]) -> Entry | None:
    line = doc.line(record)
    country = text(record.find("Country"))
    item = text(record.find("Item"))
    if not country or not item:
        field = "Country" if not country else "Item"
        problems.append(Problem(f"record without {field}", line, field))
        return None
    schedule = text(record.find("Schedule"))
    ref = f"{english(country)}/{'-' if schedule in ('', 'N/A') else schedule}/{item}"
    entity = text(record.find("Entity"))
    last, given = text(record.find("LastName")), text(record.find("GivenName"))
    person = bool(last or given)
    name = f"{given} {last}".strip() if person else entity
    if not name:
        problems.append(Problem(f"record {ref}: no LastName, GivenName or Entity", line, "LastName"))
        return None
    names = [Name(name, "primary")]
    aliases = text(record.find("Aliases"))
    names += [Name(a.strip(), "alias") for a in aliases.split(",") if a.strip()] if aliases else []
    birth = []
    if dob := text(record.find("DateOfBirth")):
        parsed = _dates(dob)
        if parsed is None:
            problems.append(Problem(f'record {ref}: "{dob}" is not a date (YYYY-MM-DD)', line, "DateOfBirth"))
            return None
        birth = parsed
    title = text(record.find("Title"))
    return Entry(
        ref=ref,
        schema="Person" if person else "Organization",
        names=tuple(names),
        programs=(english(country),),
        legal_basis="Special Economic Measures Act",
        birth_dates=tuple(birth),
        properties=(("title", (title,)),) if title else (),
    )


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    published = publication_time(path, options.published, "Canada SEMA XML")
    doc = parse_xml(path, data)
    if doc.root.tag != "data-set":
        raise InputError(path, f"expected root element data-set, found {doc.root.tag}", line=1)
    problems: list[Problem] = []
    entries: dict[str, Entry] = {}
    for record in doc.root.iter("record"):
        entry = _entry(doc, record, problems)
        if entry is None:
            continue
        if entry.ref in entries:
            problems.append(Problem(f"record {entry.ref} appears twice", doc.line(record), "Item"))
            continue
        entries[entry.ref] = entry
    if problems:
        first = problems[0]
        raise InputError(path, first.message, line=first.line, field=first.field, problems=problems)
    return ListVersion(
        list_id=options.list_id or LIST_ID,
        published=published,
        source=source_for(path, "ca_sema_xml", "Global Affairs Canada", LISTS[LIST_ID].url),
        entries=tuple(entries.values()),
    )


register(Format("ca_sema_xml", "Canada SEMA consolidated list XML", _sniff, parse))

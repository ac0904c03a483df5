"""The free-text Remarks of OFAC's legacy CSV, read into facts.

The legacy CSV has no columns for birth dates, passports or nationality: OFAC writes them into Remarks
as ``DOB 12 Mar 1965; alt. DOB 1966; POB Cairo, Egypt; Passport A123 (Egypt); ...``. Screening needs
birth dates, so the parts with a known shape are read; anything else stays in the remarks text.
Quoted ``a.k.a. 'X'`` are OFAC's weak aliases, which the legacy format keeps only here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from listwatch.model import Identifier, Name, PartialDate

MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1
    )
}
_DATE = re.compile(r"^(?:(\d{1,2}) )?(?:([A-Z][a-z]{2}) )?(\d{4})$")
_ALT = re.compile(r"^alt\.\s+")
_AKA = re.compile(r"^([afn])\.k\.a\.,?\s+'(.+)'$")
# Document types OFAC writes as "<type> <number> (<country>)"; longest first so "National ID No." wins.
ID_TYPES = sorted(
    (
        "Passport",
        "National ID No.",
        "Cedula No.",
        "Tax ID No.",
        "Registration Number",
        "Registration ID",
        "Identification Number",
        "Business Registration Number",
        "Company Number",
        "Commercial Registry Number",
        "Government Gazette Number",
        "Legal Entity Number",
        "Unified Social Credit Code (USCC)",
        "C.U.R.P.",
        "R.F.C.",
        "D.N.I.",
        "NIT #",
        "RUC #",
        "SSN",
        "Driver's License No.",
        "Personal ID Card",
        "Residency Number",
        "Birth Certificate Number",
        "Vessel Registration Identification",
        "MMSI",
        "Aircraft Tail Number",
        "Aircraft Manufacturer's Serial Number (MSN)",
        "SWIFT/BIC",
    ),
    key=len,
    reverse=True,
)
_ID = re.compile(
    r"^(" + "|".join(re.escape(t) for t in ID_TYPES) + r")\s+(?:IMO\s+)?([^\s(;]+)(?:\s+\(([^)]+)\))?"
)


@dataclass(slots=True)
class RemarkFacts:
    birth_dates: list[PartialDate] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    gender: list[str] = field(default_factory=list)
    linked_to: list[str] = field(default_factory=list)
    bad_dates: list[str] = field(default_factory=list)


def ofac_date(value: str) -> PartialDate | None:
    """``12 Mar 1965``, ``Mar 1965`` or ``1965``; None when it has another shape."""
    match = _DATE.match(value.strip())
    if match is None:
        return None
    day, month, year = match.groups()
    if month is not None and month not in MONTHS:
        return None
    try:
        return PartialDate(int(year), MONTHS[month] if month else None, int(day) if day else None)
    except ValueError:
        return None


def birth_dates(value: str) -> list[PartialDate] | None:
    """A DOB value: one date, ``circa 1965``, or a range ``1960 to 1965`` (each year, as UN ranges are)."""
    value = value.strip().removeprefix("circa").strip()
    if " to " in value:
        start, end = (ofac_date(v) for v in value.split(" to ", 1))
        if start is None or end is None:
            return None
        if start.year == end.year:
            return [PartialDate(start.year)]
        if 0 < end.year - start.year <= 20:
            return [PartialDate(y) for y in range(start.year, end.year + 1)]
        return [start, end]
    one = ofac_date(value)
    return [one] if one else None


def read_remarks(remarks: str) -> RemarkFacts:
    facts = RemarkFacts()
    # OFAC closes the whole text with a period; periods inside parts ("S.A.S.") are content.
    for raw in remarks.strip().removesuffix(".").split(";"):
        part = _ALT.sub("", raw.strip())
        if not part:
            continue
        if part.startswith("DOB "):
            dates = birth_dates(part[4:])
            if dates is None:
                facts.bad_dates.append(part[4:])
            else:
                facts.birth_dates.extend(dates)
        elif part.startswith("POB "):
            facts.birth_places.append(part[4:].strip())
        elif part.startswith(("nationality ", "citizen ", "nationality: ")):
            facts.nationalities.append(part.split(" ", 1)[1].strip())
        elif part.startswith("Gender "):
            facts.gender.append(part[7:].strip())
        elif part.startswith("Linked To: "):
            facts.linked_to.append(part[11:].strip())
        elif (aka := _AKA.match(part)) is not None:
            # a.k.a. in Remarks are OFAC's weak aliases; f.k.a./n.k.a. are former or new names.
            facts.names.append(Name(aka.group(2), "weak_alias" if aka.group(1) == "a" else "alias"))
        elif (ident := _ID.match(part)) is not None:
            kind = "IMO" if ident.group(1) == "Vessel Registration Identification" else ident.group(1)
            facts.identifiers.append(Identifier(kind, ident.group(2), ident.group(3)))
    return facts

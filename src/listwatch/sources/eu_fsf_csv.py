"""The EU Financial Sanctions Files as CSV (``csvFullSanctionsList_1_1``): the same consolidated list
as the XML (``eu_fsf.py``), one list id and one history with it.

Semicolon-separated, UTF-8 (often with a byte-order mark), 118 columns in six groups named after the
XML's elements: ``Entity_*`` (the ``sanctionEntity`` and its ``regulation`` and ``subjectType``),
``NameAlias_*``, ``Address_*``, ``BirthDate_*``, ``Identification_*``, ``Citizenship_*``, and
``fileGenerationDate`` first. A target spans several rows, one per name, address, birth date,
identification or citizenship, each repeating the ``Entity_*`` columns; rows are grouped by
``Entity_LogicalId``, the XML's ``logicalId``. The CSV has no ``strong`` column, so every alias reads
as strong (the XML marks weak ones): a reason a change between the two formats derives no amendments.
Columns are read by name; a missing required one is named.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from listwatch.errors import InputError, Problem
from listwatch.model import Entry, Identifier, ListVersion, PartialDate
from listwatch.model.lists import LISTS
from listwatch.sources.eu_fsf import LIST_ID, SCHEMAS, UN_REF, names_of
from listwatch.sources.files import decode, raise_problems, require_columns, source_for
from listwatch.sources.registry import Format, ParseOptions, register

FORMAT = "eu_fsf_csv"
REQUIRED = (
    "fileGenerationDate",
    "Entity_LogicalId",
    "Entity_SubjectType_ClassificationCode",
    "NameAlias_WholeName",
)
_ADDRESS = ("Street", "PoBox", "ZipCode", "City", "Place", "Region", "CountryDescription")
_CODES = {"p": "person", "e": "enterprise"}  # Entity_SubjectType: the one-letter classification


def _sniff(path: Path, head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"fileGenerationDate;") and b"Entity_LogicalId" in head


def _day(value: str) -> PartialDate:
    """An ISO day (as the XML writes it) or DD/MM/YYYY; ValueError when it is neither."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return PartialDate.from_date(datetime.strptime(value, pattern).date())
        except ValueError:
            continue
    raise ValueError(f'"{value}" is not a date (YYYY-MM-DD or DD/MM/YYYY)')


def _country(value: str) -> str:
    return "" if value.strip() in ("", "UNKNOWN") else value.strip()


@dataclass(slots=True)
class _Target:
    ref: str
    code: str
    line: int
    rows: list[dict[str, str]] = field(default_factory=list)

    def values(self, column: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for r in self.rows if (v := " ".join(r.get(column, "").split()))))


def _birth(target: _Target, problems: list[Problem]) -> tuple[list[PartialDate], list[str]]:
    dates: list[PartialDate] = []
    places: list[str] = []
    for row in target.rows:
        full = row.get("BirthDate_BirthDate", "").strip()
        year, month, day = (row.get(f"BirthDate_{k}", "").strip() for k in ("Year", "Month", "Day"))
        try:
            if full:
                dates.append(_day(full))
            elif year:
                dates.append(PartialDate(int(year), int(month) if month else None, int(day) if day else None))
        except ValueError:
            value = full or "-".join(p for p in (year, month, day) if p)
            problems.append(
                Problem(f'Entity {target.ref}: "{value}" is not a date', target.line, "BirthDate_BirthDate")
            )
        parts = (
            row.get("BirthDate_City", ""),
            row.get("BirthDate_Place", ""),
            row.get("BirthDate_CountryDescription", ""),
        )
        if place := ", ".join(p for v in parts if (p := _country(v))):
            places.append(place)
    return list(dict.fromkeys(dates)), list(dict.fromkeys(places))


def _entry(target: _Target, problems: list[Problem]) -> Entry | None:
    schema = SCHEMAS.get(target.code)
    if schema is None:
        problems.append(
            Problem(
                f'Entity {target.ref}: unknown subject type "{target.code}"',
                target.line,
                "Entity_SubjectType",
            )
        )
        return None
    rows = target.rows
    names = names_of(
        (r.get("NameAlias_WholeName", "").strip(), r.get("NameAlias_NameLanguage", "").strip(), True)
        for r in rows
    )
    if not names:
        problems.append(
            Problem(f"Entity {target.ref}: no NameAlias_WholeName", target.line, "NameAlias_WholeName")
        )
        return None
    listed = None
    if designated := next(iter(target.values("Entity_DesignationDate")), ""):
        try:
            listed = _day(designated)
        except ValueError as exc:
            problems.append(Problem(f"Entity {target.ref}: {exc}", target.line, "Entity_DesignationDate"))
    dates, places = _birth(target, problems)
    identifiers = [Identifier("EU reference number", v) for v in target.values("Entity_EU_ReferenceNumber")]
    for row in rows:
        number = (
            row.get("Identification_Number", "").strip() or row.get("Identification_LatinNumber", "").strip()
        )
        kind = (
            row.get("Identification_TypeDescription", "").strip()
            or row.get("Identification_TypeCode", "").strip()
        )
        if number:
            country = _country(row.get("Identification_CountryDescription", ""))
            identifiers.append(Identifier(kind or "identification", number, country or None))
    addresses = [
        line
        for row in rows
        if (line := ", ".join(v for k in _ADDRESS if (v := _country(row.get(f"Address_{k}", "")))))
    ]
    un_ref = next(iter(target.values("Entity_UnitedNationId")), "")
    properties = [
        ("regulation", target.values("Entity_Regulation_NumberTitle")),
        ("title", target.values("NameAlias_Title")),
        ("position", target.values("NameAlias_Function")),
        ("gender", target.values("NameAlias_Gender")),
        ("designation_details", target.values("Entity_DesignationDetails")),
    ]
    return Entry(
        ref=target.ref,
        schema=schema,
        names=tuple(names),
        programs=target.values("Entity_Regulation_Programme"),
        listed_on=listed,
        birth_dates=tuple(dates),
        birth_places=tuple(places),
        nationalities=tuple(
            dict.fromkeys(c for r in rows if (c := _country(r.get("Citizenship_CountryDescription", ""))))
        ),
        countries=tuple(
            dict.fromkeys(c for r in rows if (c := _country(r.get("Address_CountryDescription", ""))))
        ),
        identifiers=tuple(dict.fromkeys(identifiers)),
        addresses=tuple(dict.fromkeys(addresses)),
        remarks=" ".join(target.values("Entity_Remark")) or None,
        links=(f"un_sc_sanctions:{un_ref}",) if UN_REF.match(un_ref) else (),
        properties=tuple((k, v) for k, v in properties if v),
    )


def _published(path: Path, value: str) -> datetime:
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        try:
            day = datetime.strptime(value, "%d/%m/%Y")
        except ValueError:
            raise InputError(
                path, f'"{value}" is not a date (ISO 8601 or DD/MM/YYYY)', line=2, field="fileGenerationDate"
            ) from None
        when = day
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    text = decode(path, data, "utf-8").lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header = [h.strip() for h in next(reader, [])]
    require_columns(path, header, REQUIRED, line=1)
    problems: list[Problem] = []
    targets: dict[str, _Target] = {}
    generated = ""
    last = reader.line_num
    for cells in reader:
        line, last = last + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem(f"expected {len(header)} columns, found {len(cells)}", line, None))
            continue
        row = dict(zip(header, cells, strict=True))
        generated = generated or row["fileGenerationDate"].strip()
        ref = row["Entity_LogicalId"].strip()
        if not ref:
            problems.append(Problem("a row without Entity_LogicalId", line, "Entity_LogicalId"))
            continue
        code = row["Entity_SubjectType_ClassificationCode"].strip().lower()
        code = code or _CODES.get(row.get("Entity_SubjectType", "").strip().lower(), "")
        target = targets.setdefault(ref, _Target(ref, code, line))
        target.rows.append(row)
    if not generated and not problems:
        raise InputError(path, "no rows: a list file with no entity", line=2, field="fileGenerationDate")
    entries = [e for t in targets.values() if (e := _entry(t, problems)) is not None]
    raise_problems(path, problems)
    return ListVersion(
        list_id=options.list_id or LIST_ID,
        published=_published(path, generated),
        source=source_for(path, FORMAT, "European Commission, Financial Sanctions Files", LISTS[LIST_ID].url),
        entries=tuple(entries),
    )


register(
    Format(FORMAT, "EU Financial Sanctions Files consolidated CSV (csvFullSanctionsList_1_1)", _sniff, parse)
)

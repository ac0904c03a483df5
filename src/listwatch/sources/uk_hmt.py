"""UK HM Treasury (OFSI) Consolidated List, the old ConList CSV.

Line 1 is ``Last Updated,DD/MM/YYYY`` (the list's date), line 2 the header. Each row is one name
variant (or one birth date) of a designation; rows with the same ``Group ID`` are one entry. The file is
Windows-1252 (smart quotes 0x91/0x92), not UTF-8. Dates write unknown parts as ``00``
(``00/00/1980``): that is a partial date, not an error. ``UN Ref QDi.123`` inside Other Information
links the entry to the UN designation it implements.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from datetime import UTC, datetime
from pathlib import Path

from listwatch.errors import InputError, Problem
from listwatch.model import Entry, Identifier, ListVersion, Name, PartialDate
from listwatch.model.entry import NameKind, Schema
from listwatch.model.lists import LISTS
from listwatch.sources.files import decode, require_columns, source_for
from listwatch.sources.registry import Format, ParseOptions, register

LIST_ID = "gb_hmt_sanctions"
NAME_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
REQUIRED = (*NAME_COLUMNS, "DOB", "Group Type", "Alias Type", "Regime", "Listed On", "Group ID")
SCHEMAS: dict[str, Schema] = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# Old UN references ("QI.A.123.03.") and new ones ("QDi.123"); the trailing period ends the sentence.
_UN_REF = re.compile(r"UN Ref\.?:?\s*([A-Z][A-Za-z]*(?:\.[A-Za-z0-9]+)+)")
_NUMBERED = re.compile(r"\s*\(?\d{1,2}\)\s*")


def _sniff(path: Path, head: bytes) -> bool:
    # "Name 6" as well as "Group ID": a file missing columns is still this format, and gets told which.
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"Last Updated,") and (
        b"Group ID" in head or b"Name 6" in head
    )


def dmy_date(value: str) -> PartialDate:
    """``dd/mm/yyyy`` with ``00`` for an unknown day or month; ValueError when it is not a date."""
    match = _DMY.match(value.strip())
    if match is None:
        raise ValueError(f'"{value}" is not a date (DD/MM/YYYY)')
    day, month, year = (int(g) for g in match.groups())
    if year == 0:
        raise ValueError(f'"{value}" has no year')
    try:
        return PartialDate(year, month or None, (day or None) if month else None)
    except ValueError as exc:
        raise ValueError(f'"{value}" is not a date: {exc}') from None


def _split_numbered(value: str) -> list[str]:
    """``1) Saudi Arabia 2) Qatar`` -> two values; a plain value stays one."""
    parts = [p.strip(" ,;") for p in _NUMBERED.split(value)]
    return [p for p in parts if p]


class _Group:
    def __init__(self, ref: str, line: int) -> None:
        self.ref, self.line = ref, line
        self.names: dict[tuple[str, str], None] = {}
        self.rows: list[dict[str, str]] = []
        self.birth_dates: list[PartialDate] = []
        self.bad_dates: list[str] = []


def _full_name(row: dict[str, str]) -> str:
    # Name 6 is the surname (or the whole name of an entity); Name 1..5 are given names.
    given = " ".join(row[c].strip() for c in NAME_COLUMNS[:5] if row[c].strip())
    last = row["Name 6"].strip()
    return f"{given} {last}".strip() if given else last


def _values(rows: list[dict[str, str]], column: str) -> list[str]:
    return list(dict.fromkeys(v.strip() for r in rows if (v := r.get(column) or "").strip()))


def _entry(group: _Group, problems: list[Problem]) -> Entry | None:
    rows = group.rows
    kinds = _values(rows, "Group Type")
    schema = SCHEMAS.get(kinds[0].lower()) if kinds else None
    if schema is None:
        problems.append(
            Problem(f'Group ID {group.ref}: unknown Group Type "{kinds}"', group.line, "Group Type")
        )
        return None
    primaries = {value for kind, value in group.names if kind == "primary"}
    # A variant row repeating the primary name (one row per birth date) is not an alias of its own.
    names = [Name(v, k) for k, v in group.names if k == "primary" or v not in primaries]  # type: ignore[arg-type]
    listed: list[PartialDate] = []
    for row in rows:
        # A bad Listed On is reported per row in parse(); here only the good ones count.
        with contextlib.suppress(ValueError):
            listed.append(dmy_date(row["Listed On"]))
    other = " ".join(_values(rows, "Other Information"))
    links = [f"un_sc_sanctions:{un_reference(ref)}" for ref in dict.fromkeys(_UN_REF.findall(other))]
    addresses = []
    for row in rows:
        cols = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6", "Post/Zip Code")
        line = ", ".join(v for v in (row.get(c, "").strip() for c in (*cols, "Country")) if v)
        if line and line not in addresses:
            addresses.append(line)
    places = []
    for row in rows:
        place = ", ".join(
            v for v in (row.get("Town of Birth", "").strip(), row.get("Country of Birth", "").strip()) if v
        )
        if place and place not in places:
            places.append(place)
    nationalities = [n for v in _values(rows, "Nationality") for n in _split_numbered(v)]
    identifiers = [Identifier("Passport", v) for v in _values(rows, "Passport Details")]
    identifiers += [Identifier("National ID", v) for v in _values(rows, "NI Number")]
    properties = [
        ("title", tuple(_values(rows, "Title"))),
        ("position", tuple(_values(rows, "Position"))),
        ("last_updated", tuple(_values(rows, "Last Updated"))),
        ("birth_date_text", tuple(dict.fromkeys(group.bad_dates))),
    ]
    return Entry(
        ref=group.ref,
        schema=schema,
        names=tuple(names),
        programs=tuple(_values(rows, "Regime")),
        listed_on=min(listed) if listed else None,
        birth_dates=tuple(dict.fromkeys(group.birth_dates)) if schema == "Person" else (),
        birth_places=tuple(places),
        nationalities=tuple(dict.fromkeys(nationalities)),
        countries=tuple(_values(rows, "Country")),
        identifiers=tuple(identifiers),
        addresses=tuple(addresses),
        remarks=other or None,
        links=tuple(links),
        properties=tuple((k, v) for k, v in properties if v),
    )


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    text = decode(path, data, "cp1252").lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    first = next(reader, [])
    if len(first) < 2 or first[0].strip() != "Last Updated":
        raise InputError(path, "line 1 must be 'Last Updated,DD/MM/YYYY'", line=1, field="Last Updated")
    try:
        day = dmy_date(first[1])
        if day.day is None:
            raise ValueError(f'"{first[1]}" is not a full date')
    except ValueError as exc:
        raise InputError(path, str(exc), line=1, field="Last Updated") from None
    header = [h.strip() for h in next(reader, [])]
    require_columns(path, header, REQUIRED, line=2)
    problems: list[Problem] = []
    groups: dict[str, _Group] = {}
    last = reader.line_num
    for cells in reader:
        line, last = last + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < len(header):
            problems.append(Problem(f"expected {len(header)} columns, found {len(cells)}", line, None))
            continue
        row = dict(zip(header, cells, strict=False))
        ref = row["Group ID"].strip()
        if not ref:
            problems.append(Problem("no Group ID", line, "Group ID"))
            continue
        group = groups.get(ref)
        if group is None:
            group = groups[ref] = _Group(ref, line)
        group.rows.append(row)
        name = _full_name(row)
        if not name:
            problems.append(Problem(f"Group ID {ref}: no name in Name 1..Name 6", line, "Name 6"))
        else:
            alias_type = row["Alias Type"].strip().lower()
            kind: NameKind = "primary" if alias_type in ("prime alias", "primary name") else "alias"
            group.names.setdefault((kind, name), None)
        if dob := row["DOB"].strip():
            try:
                group.birth_dates.append(dmy_date(dob))
            except ValueError as exc:
                match = _DMY.match(dob)
                if match is None or not 1 <= int(match.group(2)) <= 12:
                    problems.append(Problem(f"Group ID {ref}: {exc}", line, "DOB"))
                else:
                    # A real list says 29/02/1969: keep the year and month it does give, and the text.
                    group.birth_dates.append(PartialDate(int(match.group(3)), int(match.group(2))))
                    group.bad_dates.append(dob)
        if row["Listed On"].strip():
            try:
                dmy_date(row["Listed On"])
            except ValueError as exc:
                problems.append(Problem(f"Group ID {ref}: {exc}", line, "Listed On"))
    entries = [e for g in groups.values() if (e := _entry(g, problems)) is not None]
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        first_problem = problems[0]
        raise InputError(
            path, first_problem.message, line=first_problem.line, field=first_problem.field, problems=problems
        )
    return ListVersion(
        list_id=options.list_id or LIST_ID,
        published=datetime(day.year, day.month or 1, day.day or 1, tzinfo=UTC),
        source=source_for(path, "uk_hmt_csv", "HM Treasury, OFSI", LISTS[LIST_ID].url),
        entries=tuple(entries),
    )


register(Format("uk_hmt_csv", "UK HM Treasury ConList CSV (old format)", _sniff, parse))


_OLD_UN_REF = re.compile(r"^([TQ])([IE])\.[A-Z]\.(\d+)\.\d+\.?$")


def un_reference(ref: str) -> str:
    """The UN's current reference for one written in its pre-2014 style, which UK files still carry:
    ``TI.B.24.01.`` (Taliban, Individual, initial B, number 24, listed 2001) is ``TAi.024``;
    ``QE.A.4.01.`` is ``QDe.004``. Current references pass through unchanged."""
    match = _OLD_UN_REF.match(ref.strip())
    if match is None:
        return ref.rstrip(".")
    regime, kind, number = match.groups()
    return f"{'TA' if regime == 'T' else 'QD'}{kind.lower()}.{int(number):03d}"

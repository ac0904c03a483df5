"""The FCDO's UK Sanctions List as CSV (``UK-Sanctions-List.csv``): the same list as the XML
(``uk_sl.py``), one list id and one history with it and with OFSI's ConList before it.

Line 1 is ``Report Date: 13-Feb-2026`` (the day written ``DD-Mon-YYYY`` or ``DD/MM/YYYY``); line 2 the
header; then one row per name of a designation, the designation's other columns repeated on each.
A designation is one ``Unique ID`` under one regime, and designations are grouped by ``OFSI Group ID``
exactly as the XML parser groups them, into the same ``uk_sl.Target``: a target read from either
format is one entry with one entity id. Columns are read by name, so a reordered or extended header
still reads; a missing required one is named.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from pathlib import Path

from listwatch.errors import InputError, Problem
from listwatch.model import Identifier, ListVersion, PartialDate
from listwatch.sources.files import decode, require_columns
from listwatch.sources.registry import Format, ParseOptions, register
from listwatch.sources.uk_sl import SCHEMAS, Target, name_kind, uk_date, version_of

FORMAT = "uk_sl_csv"
REQUIRED = ("Unique ID", "OFSI Group ID", "Name 6", "Name type", "Regime Name")
# The designation type column: "Designation Type" in the files of 2026, "Individual, Entity, Ship" before.
_KIND_COLUMNS = ("Designation Type", "Individual, Entity, Ship")
_ADDRESS = (*(f"Address Line {i}" for i in range(1, 7)), "Address Postal Code", "Address Country")
_IDENTIFIERS = (
    ("Passport number", "Passport"),
    ("National Identifier number", "National ID"),
    ("Business registration number (s)", "Registration Number"),
    ("IMO number", "IMO Number"),
)
_REPORT = re.compile(r"^\s*Report Date:\s*(.+?)\s*$", re.IGNORECASE)


def _sniff(path: Path, head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf")
    return b"Unique ID" in text and b"OFSI Group ID" in text and b"Name type" in text


def _report_date(value: str) -> datetime:
    for pattern in ("%d-%b-%Y", "%d/%m/%Y", "%d %B %Y", "%Y-%m-%d"):
        try:
            day = datetime.strptime(value, pattern)
        except ValueError:
            continue
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    raise ValueError(f'"{value}" is not a date (DD-Mon-YYYY or DD/MM/YYYY)')


class _Rows:
    """Rows to targets, collecting every problem with its line before any is reported."""

    def __init__(self) -> None:
        self.targets: dict[str, Target] = {}
        self.problems: list[Problem] = []

    def date(self, row: dict[str, str], column: str, uid: str, line: int) -> PartialDate | None:
        value = row.get(column, "").strip()
        if not value:
            return None
        try:
            return uk_date(value)
        except ValueError as exc:
            self.problems.append(Problem(f"Designation {uid}: {exc}", line, column))
            return None

    def add(self, row: dict[str, str], line: int) -> None:
        uid = row["Unique ID"].strip()
        if not uid:
            self.problems.append(Problem("a row without Unique ID", line, "Unique ID"))
            return
        kind = next((row[c].strip() for c in _KIND_COLUMNS if row.get(c, "").strip()), "")
        schema = SCHEMAS.get(kind.lower())
        if schema is None:
            self.problems.append(
                Problem(f'Designation {uid}: unknown designation type "{kind}"', line, "Designation Type")
            )
            return
        ref = row["OFSI Group ID"].strip() or uid
        target = self.targets.setdefault(ref, Target(ref, schema))
        target.add("uk_unique_id", uid)
        given = " ".join(p for i in range(1, 6) if (p := row.get(f"Name {i}", "").strip()))
        last = row["Name 6"].strip()
        value = f"{given} {last}".strip() if given else last
        non_latin = row.get("Name non-latin script", "").strip()
        if value:
            name_type = row["Name type"].strip()
            found = name_kind(name_type, row.get("Alias strength", ""))
            if found is None:
                self.problems.append(
                    Problem(f'Designation {uid}: unknown Name type "{name_type}"', line, "Name type")
                )
            else:
                target.names.setdefault((found, value, ""), None)
        if non_latin:
            lang = row.get("Non-latin script language", "").strip()
            target.names.setdefault(("original_script", non_latin, lang), None)
        if not value and not non_latin:
            self.problems.append(Problem(f"Designation {uid}: no name in Name 1..Name 6", line, "Name 6"))
        target.add("regime", row["Regime Name"].strip())
        if (listed := self.date(row, "Date Designated", uid, line)) is not None:
            target.listed.append(listed)
        if (born := self.date(row, "D.O.B", uid, line)) is not None:
            target.birth_dates.append(born)
        for key, column in (
            ("un_ref", "UN Reference Number"),
            ("other", "Other Information"),
            ("statement_of_reasons", "UK Statement of Reasons"),
            ("designation_source", "Designation source"),
            ("last_updated", "Last Updated"),
            ("title", "Title"),
            ("nationality", "Nationality(/ies)"),
            ("position", "Position"),
            ("gender", "Gender"),
        ):
            target.add(key, row.get(column, "").strip())
        target.add("sanctions_imposed", *(s.strip() for s in row.get("Sanctions Imposed", "").split("|")))
        target.add("address", ", ".join(v for c in _ADDRESS if (v := row.get(c, "").strip())))
        target.add("country", row.get("Address Country", "").strip())
        place = (row.get("Town of birth", "").strip(), row.get("Country of birth", "").strip())
        target.add("birth_place", ", ".join(p for p in place if p))
        target.identifiers[Identifier("UK Sanctions List ID", uid)] = None
        for column, kind_name in _IDENTIFIERS:
            if number := row.get(column, "").strip():
                target.identifiers[Identifier(kind_name, number)] = None


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    text = decode(path, data, "utf-8").lstrip("\ufeff")
    first, _, rest = text.partition("\n")
    report = _REPORT.match(first.strip().strip('",').strip())
    if report is None:
        raise InputError(path, "line 1 must be 'Report Date: DD-Mon-YYYY'", line=1, field="Report Date")
    try:
        published = _report_date(report.group(1).strip('",'))
    except ValueError as exc:
        raise InputError(path, f"Report Date: {exc}", line=1, field="Report Date") from None
    reader = csv.reader(io.StringIO(rest, newline=""))
    header = [h.strip() for h in next(reader, [])]
    require_columns(path, header, REQUIRED, line=2)
    if not any(c in header for c in _KIND_COLUMNS):
        require_columns(path, header, _KIND_COLUMNS[:1], line=2)
    rows = _Rows()
    last = reader.line_num
    for cells in reader:
        line, last = last + 2, reader.line_num  # + 2: the Report Date line, and lines count from 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            rows.problems.append(Problem(f"expected {len(header)} columns, found {len(cells)}", line, None))
            continue
        rows.add(dict(zip(header, cells, strict=True)), line)
    return version_of(path, FORMAT, published, rows.targets.values(), rows.problems, options)


register(Format(FORMAT, "FCDO UK Sanctions List CSV (UK-Sanctions-List.csv)", _sniff, parse))

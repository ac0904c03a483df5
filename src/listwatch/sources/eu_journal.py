"""EU regulation annexes as OpenSanctions extracts them from EUR-Lex (``eu_journal_sanctions``).

One CSV per consolidated regulation (``celex``), one row per annex entry. Each file covers one
regulation only, so its version is scoped to that CELEX number and never looks like mass delistings
from the others. ``recordId`` restarts in every annex (32001R2580 has II.A 1..13 and II.B 1..23) and is
empty in 32002R0881, so the reference is ``<annex>/<recordId>`` or, without a recordId, a hash of the
normalised name (see docs/decisions.md, 2026-11-22). No date inside: the file name's date is used.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from pathlib import Path

from listwatch.errors import InputError, Problem
from listwatch.model import Entry, Identifier, ListVersion, Name, PartialDate
from listwatch.model.lists import LISTS
from listwatch.sources.files import decode, publication_time, require_columns, source_for
from listwatch.sources.ftm import ID_PROPS as FTM_ID_PROPS
from listwatch.sources.ftm import NAME_PROPS as FTM_NAME_PROPS
from listwatch.sources.ftm import SCHEMAS as FTM_SCHEMAS
from listwatch.sources.registry import Format, ParseOptions, register

LIST_ID = "eu_journal_sanctions"
REQUIRED = ("celex", "recordId", "annex", "schema", "name")
# The columns are FollowTheMoney property names (OpenSanctions wrote these extracts): one vocabulary.
SCHEMAS = FTM_SCHEMAS
NAME_COLUMNS = FTM_NAME_PROPS
ID_COLUMNS = FTM_ID_PROPS
_DMY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_UN_REF = re.compile(r"\b((?:QD|TA|CF|KP|IQ|SO|LY|SD|YE|CD|IR)[ie]\.\d{3})\b")
_LIST_ITEM = re.compile(r"\(\w\)\s*")


def _sniff(path: Path, head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"celex,")


def _split(value: str) -> list[str]:
    """``a; b`` and ``(a) x, (b) y`` lists into their items."""
    value = value.strip().strip('"')
    if not value:
        return []
    parts = _LIST_ITEM.split(value) if _LIST_ITEM.match(value) else value.split(";")
    return [p.strip(" ,;") for p in parts if p.strip(" ,;")]


def eu_dates(value: str) -> list[PartialDate]:
    """Every ``d.m.yyyy`` in a cell, else every bare year (``Approximately 1975``,
    ``Between 1975 and 1977``): one cell often holds several alternatives."""
    found: list[PartialDate] = []
    for day, month, year in _DMY.findall(value):
        try:
            found.append(PartialDate(int(year), int(month), int(day)))
        except ValueError:
            found.append(PartialDate(int(year)))
    if not found:
        found = [PartialDate(int(y)) for y in _YEAR.findall(value)]
    return found


def name_key(name: str) -> str:
    """Case, accents, quote style and spacing do not make a different name (``D’Italia`` == ``D'Italia``)."""
    text = unicodedata.normalize("NFKD", name).casefold()
    text = "".join(c for c in text if c.isalnum() or c.isspace())
    return " ".join(text.split())


def _ref(row: dict[str, str]) -> str:
    if row["recordId"].strip():
        return f"{row['annex'].strip()}/{row['recordId'].strip()}"
    digest = hashlib.sha256(name_key(row["name"]).encode("utf-8")).hexdigest()[:12]
    return f"{row['annex'].strip()}/n-{digest}"


def _entry(row: dict[str, str], line: int, problems: list[Problem]) -> Entry | None:
    schema = SCHEMAS.get(row["schema"].strip())
    if schema is None:
        problems.append(Problem(f'unknown schema "{row["schema"]}"', line, "schema"))
        return None
    name = row["name"].strip()
    if not name:
        problems.append(Problem("no name", line, "name"))
        return None
    names = [Name(name, "primary")]
    for column, kind in NAME_COLUMNS:
        names += [Name(v, kind) for v in _split(row.get(column, ""))]
    identifiers = [Identifier(t, v) for c, t in ID_COLUMNS.items() for v in _split(row.get(c, ""))]
    notes = row.get("notes", "").strip()
    start = eu_dates(row.get("startDate", ""))
    properties = [
        ("gender", tuple(_split(row.get("gender", "")))),
        ("position", tuple(_split(row.get("position", "")))),
        ("measure", tuple(_split(row.get("measure", "")))),
        ("annex", (row["annex"].strip(),)),
        # UN references in the notes name *associated* designations ("listed as Al-Qaida in Iraq
        # (QDe.115)"), not this entry's own: kept as mentions, not as links.
        ("mentions_un_ref", tuple(dict.fromkeys(_UN_REF.findall(notes)))),
        ("reason", tuple(_split(row.get("reason", "")))),
    ]
    own_un = [v for c in ("unId", "un_id", "unReference") for v in _split(row.get(c, ""))]
    return Entry(
        ref=_ref(row),
        schema=schema,
        names=tuple(names),
        programs=tuple(_split(row.get("programKey", ""))),
        listed_on=min(start) if start else None,
        legal_basis=f"CELEX {row['celex'].strip()}",
        birth_dates=tuple(eu_dates(row.get("birthDate", ""))),
        birth_places=tuple(_split(row.get("birthPlace", ""))),
        nationalities=tuple(_split(row.get("nationality", ""))),
        countries=tuple(_split(row.get("country", ""))),
        identifiers=tuple(identifiers),
        addresses=tuple(_split(row.get("address", ""))),
        remarks=notes or None,
        links=tuple(f"un_sc_sanctions:{ref}" for ref in own_un),
        properties=tuple((k, v) for k, v in properties if v),
    )


def _merge(a: Entry, b: Entry) -> Entry:
    """The same designation written twice (32002R0881 repeats two persons): one entry with both facts."""

    def both(x: tuple[object, ...], y: tuple[object, ...]) -> tuple[object, ...]:
        return tuple(dict.fromkeys((*x, *y)))

    return Entry(
        ref=a.ref,
        schema=a.schema,
        names=both(a.names, b.names),  # type: ignore[arg-type]
        programs=both(a.programs, b.programs),  # type: ignore[arg-type]
        listed_on=min((d for d in (a.listed_on, b.listed_on) if d), default=None),
        legal_basis=a.legal_basis,
        birth_dates=both(a.birth_dates, b.birth_dates),  # type: ignore[arg-type]
        birth_places=both(a.birth_places, b.birth_places),  # type: ignore[arg-type]
        nationalities=both(a.nationalities, b.nationalities),  # type: ignore[arg-type]
        countries=both(a.countries, b.countries),  # type: ignore[arg-type]
        identifiers=both(a.identifiers, b.identifiers),  # type: ignore[arg-type]
        addresses=both(a.addresses, b.addresses),  # type: ignore[arg-type]
        remarks=a.remarks or b.remarks,
        links=both(a.links, b.links),  # type: ignore[arg-type]
        properties=a.properties,
    )


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    published = publication_time(path, options.published, "EU journal CSV")
    reader = csv.DictReader(io.StringIO(decode(path, data, "utf-8").lstrip("\ufeff"), newline=""))
    header = reader.fieldnames or []
    require_columns(path, header, REQUIRED, line=1)
    problems: list[Problem] = []
    entries: dict[str, Entry] = {}
    celexes: set[str] = set()
    last = reader.line_num
    for row in reader:
        line, last = last + 1, reader.line_num
        if None in row:
            problems.append(Problem(f"more cells than the {len(header)} header columns", line, None))
            continue
        row = {k: v or "" for k, v in row.items()}
        if not row["celex"].strip():
            problems.append(Problem("no celex number", line, "celex"))
            continue
        celexes.add(row["celex"].strip())
        entry = _entry(row, line, problems)
        if entry is not None:
            prior = entries.get(entry.ref)
            entries[entry.ref] = entry if prior is None else _merge(prior, entry)
    if len(celexes) > 1:
        problems.append(Problem(f"one regulation per file expected, found {sorted(celexes)}", None, "celex"))
    if problems:
        first = problems[0]
        raise InputError(path, first.message, line=first.line, field=first.field, problems=problems)
    if not celexes:
        raise InputError(path, "no rows", line=2)
    return ListVersion(
        list_id=options.list_id or LIST_ID,
        published=published,
        source=source_for(
            path, "eu_journal_csv", "Council of the European Union (via OpenSanctions)", LISTS[LIST_ID].url
        ),
        entries=tuple(entries.values()),
        scope=next(iter(celexes)),
    )


register(Format("eu_journal_csv", "EU regulation annex CSV (OpenSanctions journal extract)", _sniff, parse))

"""OFAC legacy CSV: ``sdn.csv`` (SDN list) and ``cons_prim.csv`` (consolidated non-SDN list).

The main file has no header and no date; aliases, addresses and the overflow of truncated Remarks
live in companion files beside it with the same name prefix (``2021-07-07-sdn.csv.gz`` with
``2021-07-07-alt.csv.gz``), which are read here and are never versions of their own. Lines end in
CRLF, the file ends in a DOS EOF byte (0x1A) and nulls are written ``-0- ``.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from listwatch.errors import InputError, Problem
from listwatch.model import Entry, Identifier, ListVersion, Name
from listwatch.model.entry import NameKind, Schema
from listwatch.model.lists import OFAC_SLS
from listwatch.sources.files import decode, publication_time, read_bytes, source_for, strip_compression_suffix
from listwatch.sources.ofac_remarks import read_remarks
from listwatch.sources.registry import Format, ParseOptions, register

COLUMNS = (
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
)
SCHEMAS: dict[str, Schema] = {
    "individual": "Person",
    "vessel": "Vessel",
    "aircraft": "Aircraft",
    "": "Organization",
}
ALIAS_KINDS: dict[str, NameKind] = {"aka": "alias", "fka": "alias", "nka": "alias", "weak aka": "weak_alias"}
# main file -> (list id, companion alias, address and remarks-overflow files)
MAIN_FILES = {
    "sdn.csv": ("us_ofac_sdn", "alt.csv", "add.csv", "sdn_comments.csv"),
    "cons_prim.csv": ("us_ofac_cons", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"),
}
COMPANIONS = ("alt.csv", "add.csv", "sdn_comments.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv")
_FIRST_ROW = re.compile(rb'^\d+,"')


def _kind(path: Path) -> str | None:
    """Which OFAC CSV file this is, by the end of its name (``2024-05-01-sdn.csv.gz`` -> ``sdn.csv``)."""
    name = strip_compression_suffix(path.name).lower()
    # Longest first: "cons_alt.csv" must not be taken for "alt.csv" with a "cons_" prefix.
    for suffix in sorted((*MAIN_FILES, *COMPANIONS), key=len, reverse=True):
        if name == suffix or name.endswith(("-" + suffix, "_" + suffix)):
            return suffix
    return None


def _is_companion(path: Path) -> bool:
    return _kind(path) in COMPANIONS


def _sniff(path: Path, head: bytes) -> bool:
    return _kind(path) in MAIN_FILES and bool(_FIRST_ROW.match(head))


def _text(path: Path, data: bytes) -> str:
    # OFAC files are ASCII in practice; cp1252 is the fallback its Windows tooling would write.
    data = data.rstrip(b"\x1a")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode(path, data, "cp1252")


def _value(cell: str) -> str:
    cell = cell.strip()
    return "" if cell == "-0-" else cell


class _Rows:
    """CSV rows with the line each starts on, nulls read as empty strings."""

    def __init__(self, path: Path, data: bytes, width: int, problems: list[Problem]) -> None:
        self.path, self.width, self.problems = path, width, problems
        self.reader = csv.reader(io.StringIO(_text(path, data), newline=""))

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        last = 0
        for row in self.reader:
            line, last = last + 1, self.reader.line_num
            if not row or row == [""]:
                continue
            if len(row) != self.width:
                self.problems.append(
                    Problem(f"{self.path.name}: expected {self.width} columns, found {len(row)}", line, None)
                )
                continue
            yield line, [_value(c) for c in row]


class _Companions:
    """Aliases, addresses and remarks overflow, by ent_num."""

    def __init__(self) -> None:
        self.names: dict[str, list[Name]] = defaultdict(list)
        self.addresses: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.comments: dict[str, str] = defaultdict(str)


def _companion_path(path: Path, main: str, companion: str) -> Path | None:
    prefix = strip_compression_suffix(path.name)[: -len(main)]
    for name in (prefix + companion, prefix + companion + ".gz"):
        candidate = path.with_name(name)
        if candidate.is_file():
            return candidate
    return None


def _read_companions(path: Path, main: str, problems: list[Problem]) -> tuple[_Companions, list[Path]]:
    _list_id, alt, add, comments = MAIN_FILES[main]
    found = _Companions()
    used: list[Path] = []
    if (alt_path := _companion_path(path, main, alt)) is not None:
        used.append(alt_path)
        for line, row in _Rows(alt_path, read_bytes(alt_path), 5, problems):
            ent_num, _alt_num, alt_type, alt_name, _remarks = row
            kind = ALIAS_KINDS.get(alt_type.lower())
            if kind is None:
                problems.append(Problem(f'{alt_path.name}: unknown alt_type "{alt_type}"', line, "alt_type"))
            elif alt_name:
                found.names[ent_num].append(Name(alt_name, kind))
    if (add_path := _companion_path(path, main, add)) is not None:
        used.append(add_path)
        for _line, row in _Rows(add_path, read_bytes(add_path), 6, problems):
            ent_num, _add_num, street, city, country, remarks = row
            text = ", ".join(v for v in (street, city, country, remarks) if v)
            found.addresses[ent_num].append((text, country))
    if (comments_path := _companion_path(path, main, comments)) is not None:
        used.append(comments_path)
        for _line, row in _Rows(comments_path, read_bytes(comments_path), 2, problems):
            # The overflow continues the truncated Remarks mid-word: joined with nothing between.
            found.comments[row[0]] += row[1]
    return found, used


def _entry(row: list[str], extra: _Companions, line: int, problems: list[Problem]) -> Entry | None:
    ent_num, name, sdn_type, program, title, call_sign, vess_type, tonnage, grt, flag, owner, remarks = row
    bad = len(problems)
    if not ent_num.isdigit():
        problems.append(Problem(f'ent_num "{ent_num}" is not a number', line, "ent_num"))
    schema = SCHEMAS.get(sdn_type.lower())
    if schema is None:
        problems.append(Problem(f'ent_num {ent_num}: unknown SDN_Type "{sdn_type}"', line, "SDN_Type"))
    if not name:
        problems.append(Problem(f"ent_num {ent_num}: no SDN_Name", line, "SDN_Name"))
    remarks = remarks + extra.comments.get(ent_num, "")
    facts = read_remarks(remarks) if remarks else None
    if len(problems) > bad or schema is None:
        return None
    names = [Name(name, "primary"), *extra.names.get(ent_num, ())]
    addresses = extra.addresses.get(ent_num, [])
    identifiers: list[Identifier] = []
    properties: list[tuple[str, tuple[str, ...]]] = [
        ("title", (title,)),
        ("call_sign", (call_sign,)),
        ("vessel_type", (vess_type,)),
        ("tonnage", (tonnage,)),
        ("gross_registered_tonnage", (grt,)),
        ("flag", (flag,)),
        ("vessel_owner", (owner,)),
    ]
    if facts is not None:
        names.extend(facts.names)
        identifiers.extend(facts.identifiers)
        properties.append(("gender", tuple(facts.gender)))
        properties.append(("linked_to", tuple(facts.linked_to)))
        # A birth date in a shape we do not know is kept as written, never guessed at.
        properties.append(("birth_date_text", tuple(facts.bad_dates)))
    return Entry(
        ref=ent_num,
        schema=schema,
        names=tuple(names),
        # Several programs are written "SDGT] [IRGC" (the brackets of a list, flattened).
        programs=tuple(p.strip() for p in program.strip("[] ").split("] [") if p.strip()),
        birth_dates=tuple(facts.birth_dates) if facts and schema == "Person" else (),
        birth_places=tuple(facts.birth_places) if facts else (),
        nationalities=tuple(facts.nationalities) if facts else (),
        countries=tuple(c for _t, c in addresses if c),
        identifiers=tuple(identifiers),
        addresses=tuple(t for t, _c in addresses if t),
        remarks=remarks or None,
        properties=tuple((k, tuple(x for x in v if x)) for k, v in properties if any(v)),
    )


def _format(main: str, used: list[Path]) -> str:
    """ "ofac_csv", noting which content the file's missing companions would have given: a main file
    alone (most archived copies) has no aliases, addresses or countries, which is not their removal."""
    _list_id, alt, add, _comments = MAIN_FILES[main]
    names = {strip_compression_suffix(p.name) for p in used}
    missing = []
    if not any(n.endswith(alt) for n in names):
        missing += [f"names:{kind}" for kind in sorted(set(ALIAS_KINDS.values()))]
    if not any(n.endswith(add) for n in names):
        missing += ["addresses", "countries"]
    return "ofac_csv" + (";without=" + ",".join(missing) if missing else "")


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    """Parse the main file and whichever companions lie beside it; every bad row is reported."""
    main = _kind(path)
    if main not in MAIN_FILES:
        raise InputError(path, "not an OFAC main CSV: expected a file named ...sdn.csv or ...cons_prim.csv")
    published = publication_time(path, options.published, "OFAC CSV")
    problems: list[Problem] = []
    extra, used = _read_companions(path, main, problems)
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for line, row in _Rows(path, data, len(COLUMNS), problems):
        entry = _entry(row, extra, line, problems)
        if entry is None:
            continue
        if entry.ref in seen:
            problems.append(Problem(f"ent_num {entry.ref} repeats line {seen[entry.ref]}", line, "ent_num"))
            continue
        seen[entry.ref] = line
        entries.append(entry)
    if problems:
        first = problems[0]
        raise InputError(path, first.message, line=first.line, field=first.field, problems=problems)
    list_id = options.list_id or MAIN_FILES[main][0]
    return ListVersion(
        list_id=list_id,
        published=published,
        source=source_for(path, _format(main, used), "US Treasury, OFAC", OFAC_SLS + main.upper()),
        entries=tuple(entries),
    )


register(Format("ofac_csv", "OFAC SDN / consolidated legacy CSV", _sniff, parse, companion=_is_companion))

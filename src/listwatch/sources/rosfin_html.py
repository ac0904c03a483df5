"""Rosfinmonitoring's page of the list of terrorists and extremists (``terrorists-catalog-portal-act``),
as the site serves it: four sections, ``div#russianUL`` (Russian organisations), ``div#russianFL``
(Russian individuals), ``div#foreignUL`` and ``div#foreignFL`` (foreign ones), each an ordered list
whose items read ``N. NAME*, DD.MM.YYYY г.р. , PLACE;``.

The item number is a position, not an identifier: the site renumbers the list as names come and go.
So a person is keyed as in the CSV extract of the same list (``rosfin.ref_for``: the normalised main
name and the birth date), and the CSV versions and the page versions keep one entity id; an
organisation, which has no birth date, by its main name. Other names stand in brackets, separated by
``;``. The asterisk after some names is a mark of the site's own, kept (property ``asterisk``) and not
interpreted here.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from listwatch.errors import InputError, Problem
from listwatch.model import Entry, Identifier, ListVersion, Name, PartialDate
from listwatch.model.entry import NameKind, Schema
from listwatch.model.lists import LISTS
from listwatch.sources.files import decode, publication_time, source_for
from listwatch.sources.registry import Format, ParseOptions, register
from listwatch.sources.rosfin import LIST_ID, ref_for

FORMAT = "rosfin_html"
SECTIONS: dict[str, tuple[str, Schema]] = {
    "russianUL": ("russian_organisations", "Organization"),
    "russianFL": ("russian_individuals", "Person"),
    "foreignUL": ("foreign_organisations", "Organization"),
    "foreignFL": ("foreign_individuals", "Person"),
}
_NUMBER = re.compile(r"^\s*(\d+)\s*\.\s*")
_BIRTH = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})\s*г\.\s*р\.?$")
_DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")
_LATIN = re.compile(r"[A-Za-z]")


def _sniff(path: Path, head: bytes) -> bool:
    return b"russianFL" in head or b"russianUL" in head or (b"<html" in head.lower() and b"fedsfm" in head)


@dataclass(slots=True)
class _Item:
    section: str
    text: str
    line: int


class _Sections(HTMLParser):
    """Collects the text of each ``li`` inside the four section ``div``s, with its line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[_Item] = []
        self.found: set[str] = set()
        self._stack: list[str | None] = []  # the section a div opens, or None
        self._item: list[str] | None = None
        self._line = 0

    @property
    def _section(self) -> str | None:
        return next((s for s in reversed(self._stack) if s), None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div":
            ident = dict(attrs).get("id")
            section = ident if ident in SECTIONS else None
            if section:
                self.found.add(section)
            self._stack.append(section)
        elif tag == "li" and self._section:
            self._item, self._line = [], self.getpos()[0]

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._stack:
            self._stack.pop()
        elif tag == "li" and self._item is not None and (section := self._section):
            self.items.append(_Item(section, " ".join("".join(self._item).split()), self._line))
            self._item = None

    def handle_data(self, data: str) -> None:
        if self._item is not None:
            self._item.append(data)


@dataclass(slots=True)
class _Parsed:
    name: str
    aliases: list[str] = field(default_factory=list)
    birth: PartialDate | None = None
    birth_text: str = ""
    places: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    asterisk: bool = False


def _split_name(head: str, parsed: _Parsed) -> None:
    if "(" in head:
        head, rest = head.split("(", 1)
        parsed.aliases += [a.strip(" *") for a in rest.replace(")", "").split(";") if a.strip(" *")]
    parsed.asterisk = "*" in head
    parsed.name = " ".join(head.replace("*", " ").split())


def parse_item(text: str, schema: Schema) -> _Parsed:
    """One item's text (without its number): the name first, then comma-separated details."""
    body = text.strip().rstrip(";").strip()
    parts = [p.strip() for p in re.split(r",(?![^()]*\))", body)]
    parsed = _Parsed(name="")
    _split_name(parts[0], parsed)
    for part in parts[1:]:
        if not part:
            continue
        if match := _BIRTH.match(part):
            day, month, year = (int(g) for g in match.groups())
            parsed.birth = PartialDate(year, month, day)
            parsed.birth_text = f"{match[1]}.{match[2]}.{match[3]}"
        elif part.startswith("(") and part.endswith(")"):
            parsed.aliases += [a.strip() for a in part[1:-1].split(";") if a.strip()]
        elif part.upper().startswith(("ИНН", "ОГРН")):
            kind, _sep, value = part.partition(":")
            parsed.identifiers.append(Identifier(kind.strip().upper(), value.strip()))
        elif _DATE.match(part):
            parsed.dates.append(part)
        elif schema == "Person":
            parsed.places.append(part)
    # A place is written with commas of its own ("г. Каир, Египет"): it is one place.
    parsed.places = [", ".join(parsed.places)] if parsed.places else []
    return parsed


def _entry(item: _Item, problems: list[Problem]) -> Entry | None:
    section, schema = SECTIONS[item.section]
    number = _NUMBER.match(item.text)
    text = item.text[number.end() :] if number else item.text
    try:
        parsed = parse_item(text, schema)
    except ValueError as exc:
        problems.append(Problem(f"{item.section}: {exc}", item.line, "birth date"))
        return None
    if not parsed.name:
        problems.append(Problem(f'{item.section}: no name in "{item.text}"', item.line, "name"))
        return None
    if schema == "Person" and parsed.birth is None:
        message = f'{item.section}: no birth date (DD.MM.YYYY г.р.) in "{item.text}"'
        problems.append(Problem(message, item.line, "birth date"))
        return None
    ref = ref_for(parsed.name, parsed.birth_text) if schema == "Person" else _org_ref(parsed.name)
    lang = None if _LATIN.search(parsed.name) else "ru"
    names = [Name(parsed.name, "primary", lang)]
    for alias in parsed.aliases:
        kind: NameKind = "alias" if len(alias.split()) > 1 else "weak_alias"
        names.append(Name(alias, kind, None if _LATIN.search(alias) else "ru"))
    # The item's number is left out: the site renumbers the list, which would amend every entry.
    properties: list[tuple[str, tuple[str, ...]]] = [("section", (section,))]
    properties.append(("asterisk", ("yes",) if parsed.asterisk else ()))
    properties.append(("dates", tuple(parsed.dates)))
    return Entry(
        ref=ref,
        schema=schema,
        names=tuple(dict.fromkeys(names)),
        birth_dates=(parsed.birth,) if parsed.birth else (),
        birth_places=tuple(parsed.places),
        identifiers=tuple(parsed.identifiers),
        properties=tuple((k, v) for k, v in properties if v),
    )


def _org_ref(name: str) -> str:
    return ref_for(name, "organisation")


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    published = publication_time(path, options.published, "Rosfinmonitoring's list page")
    text = decode(path, data, "utf-8")
    sections = _Sections()
    sections.feed(text)
    sections.close()
    missing = [s for s in SECTIONS if s not in sections.found]
    if missing:
        raise InputError(path, f"the page has no section div#{', div#'.join(missing)}", field=missing[0])
    problems: list[Problem] = []
    entries: dict[str, Entry] = {}
    for item in sections.items:
        entry = _entry(item, problems)
        if entry is None:
            continue
        prior = entries.get(entry.ref)
        if prior is not None:
            # The same person twice: one entry with every name, as the CSV extract is read.
            entry = dataclasses.replace(entry, names=tuple(dict.fromkeys((*prior.names, *entry.names))))
        entries[entry.ref] = entry
    if problems:
        first = problems[0]
        raise InputError(path, first.message, line=first.line, field=first.field, problems=problems)
    return ListVersion(
        list_id=options.list_id or LIST_ID,
        published=published,
        source=source_for(path, FORMAT, "Rosfinmonitoring", LISTS[LIST_ID].url),
        entries=tuple(entries.values()),
    )


register(
    Format(
        FORMAT,
        "Rosfinmonitoring list page (HTML: Russian and foreign, organisations and persons)",
        _sniff,
        parse,
    )
)

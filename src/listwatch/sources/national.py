"""Curated national lists: YAML kept in this repository, every fact with the sentence that supports it.

Kazakhstan's, Russia's, Kyrgyzstan's and Tajikistan's lists of terrorist organizations (and what sources
say about official lists, such as "never an FTO") have no machine-readable feed; what is known comes from
court decisions, ministry statements and the news. They are kept as data under ``listwatch/curated/``,
reviewed like code, and read here into ordinary ``ListVersion``s (``kind="record"``) so that they get
versions, events and bitemporal history like any other list. The format and the curating rules are in
``docs/curated-lists.md``; the rules that turn several claims into one date are in ``_pick``.

YAML is read with ``yaml.compose`` (SafeLoader) so that every problem can name its line, and every
scalar is taken as written: ``2005`` stays the partial date "2005", never the integer 2005.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from listwatch.errors import InputError, Problem
from listwatch.model import Citation, Completeness, Entry, ListVersion, Name, PartialDate, parse_partial_date
from listwatch.model.entry import NAME_KINDS, SCHEMAS, Schema
from listwatch.model.lists import AUTHORITIES, Authority, ListInfo, register_list
from listwatch.sources.files import decode, source_for
from listwatch.sources.registry import Format, ParseOptions, register

FORMAT = "curated_yaml"
LIST_FILE = "list.yaml"
_VERSION_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.ya?ml$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LINK = re.compile(r"^[a-z0-9_]+:\S+$")

# What a fact can say. Only "listed" and "delisted" move dates; the others are kept as claims.
ACTIONS: dict[str, str] = {
    "listed": "the authority designated the entity",
    "delisted": "the authority removed the entity",
    "proposed_delisting": "a body recommended or announced a removal that had not yet happened",
    "maintained": "the authority said the listing stays",
    "in_force": "the listing was in force on the date (the source's own date when it gives none)",
    "not_listed": "the entity was not on the list on the date",
    "never_listed": "the entity has never been on the list",
    "associates_listed": "persons associated with the entity are listed, the entity itself is not",
}
# "effective": the act took effect; "announced": the day it was made public (an upper bound for the
# act); "as_of": a state observed on that day.
DATE_TYPES = ("effective", "announced", "as_of")
_DEFAULT_DATE_TYPE = {"listed": "effective", "delisted": "effective"}
_NEGATIVE = ("not_listed", "never_listed", "associates_listed")
KINDS = ("terrorism", "sanctions")
# ISO 3166-1 alpha-2, plus the two supranational authorities.
JURISDICTIONS = frozenset(
    re.findall(
        r"[A-Z]{2}",
        """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT
    BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES
    ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL
    IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC
    MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA
    PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS
    ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF
    WS YE YT ZA ZM ZW UN EU""",
    )
)


def curated_root() -> Path:
    """The curated lists shipped inside the package, so a fresh store can load them."""
    return Path(__file__).resolve().parents[1] / "curated"


def iter_curated_versions(root: Path | None = None, overlay: Path | None = None) -> Iterator[Path]:
    """Every version file of every curated list, oldest record date first (then by list id).

    ``overlay`` is a user's curated folder (``LISTWATCH_CURATED``) laid over ``root``: versions a user
    accepted from the news live there, because the installed package is no place to write. Where both
    folders hold a file of one name for one list, the overlay's is taken.
    """
    found: dict[tuple[str, str], Path] = {}
    for base in (root or curated_root(), overlay):
        if base is None or not base.is_dir():
            continue
        for folder in sorted(base.iterdir()):
            if (folder / LIST_FILE).is_file():
                for path in folder.iterdir():
                    match = _VERSION_NAME.match(path.name)
                    if match:
                        found[(match.group(1), folder.name)] = path
    yield from (found[key] for key in sorted(found))


@dataclass(frozen=True, slots=True)
class CuratedList:
    """``list.yaml``: what ``ListInfo`` holds, plus what it cannot (yet) say."""

    info: ListInfo
    authority: Authority
    description: str
    # The official list this one states facts about ("us_ofac_sdn"), when it is a list of claims
    # about another list rather than a list of its own: the matrix shows both on one row.
    describes: str | None = None
    authorities: dict[str, Authority] = field(default_factory=dict)


def register_curated_lists(root: Path | None = None) -> list[CuratedList]:
    """Read and register every curated list's ``ListInfo``, so the lists are known before ingestion."""
    root = root or curated_root()
    return [load_list(folder) for folder in sorted(root.iterdir()) if (folder / LIST_FILE).is_file()]


def _sniff(path: Path, head: bytes) -> bool:
    """A version file beside ``list.yaml``; a long ``sources:`` block may push ``entries:`` past the head."""
    return (
        path.suffix in (".yaml", ".yml")
        and (path.parent / LIST_FILE).is_file()
        and re.search(rb"(?m)^(entries|sources|completeness):", head) is not None
    )


class _Reader:
    """Walks composed YAML nodes, collecting every problem with its line instead of stopping."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def compose(self, data: bytes) -> yaml.Node | None:
        try:
            return yaml.compose(decode(self.path, data, "utf-8"), Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark else None
            raise InputError(self.path, f"not valid YAML: {exc.problem}", line=line) from None

    def fail(self) -> None:
        if self.problems:
            first = self.problems[0]
            raise InputError(
                self.path, first.message, line=first.line, field=first.field, problems=self.problems
            )

    def problem(self, node: yaml.Node | None, where: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(f"{where}: {message}", line, where.rsplit(".", 1)[-1]))

    def mapping(self, node: yaml.Node | None, where: str, allowed: tuple[str, ...]) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, where, "expected a mapping (key: value)")
            return {}
        out: dict[str, yaml.Node] = {}
        for key, value in node.value:
            name = str(key.value)
            if name not in allowed:
                self.problem(key, f"{where}.{name}", f"unknown field (known: {', '.join(allowed)})")
            out[name] = value
        return out

    def items(self, node: yaml.Node | None, where: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, where, "expected a list")
            return []
        return list(node.value)

    def text(
        self, m: dict[str, yaml.Node], key: str, where: str, parent: yaml.Node | None, required: bool = True
    ) -> Any:
        node = m.get(key)
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
            if required:
                self.problem(node or parent, f"{where}.{key}", "missing (required)")
            return None
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            self.problem(node, f"{where}.{key}", "expected a non-empty text")
            return None
        return str(node.value).strip()

    def date(
        self, m: dict[str, yaml.Node], key: str, where: str, parent: yaml.Node | None
    ) -> PartialDate | None:
        value = self.text(m, key, where, parent, required=False)
        if value is None:
            return None
        try:
            return parse_partial_date(value)
        except ValueError as exc:
            self.problem(m[key], f"{where}.{key}", str(exc))
            return None


def load_list(folder: Path) -> CuratedList:
    """Read, check and register ``<folder>/list.yaml``."""
    path = folder / LIST_FILE
    reader = _Reader(path)
    root = reader.compose(path.read_bytes())
    keys = (
        "id",
        "title",
        "jurisdiction",
        "authority",
        "kind",
        "description",
        "describes",
        "url",
        "authorities",
        "cadence_days",
        "licence",
    )
    m = reader.mapping(root, "list", keys)
    optional = ("describes", "url", "authorities", "authority", "cadence_days", "licence")
    values = {
        k: reader.text(m, k, "list", root, required=k not in optional)
        for k in keys
        if k not in ("authority", "authorities")
    }
    if values["id"] and values["id"] != folder.name:
        reader.problem(m["id"], "list.id", f'"{values["id"]}" differs from its folder name "{folder.name}"')
    jurisdiction = values["jurisdiction"]
    if jurisdiction and jurisdiction not in JURISDICTIONS:
        reader.problem(
            m["jurisdiction"],
            "list.jurisdiction",
            f'unknown jurisdiction code "{jurisdiction}" (ISO 3166 alpha-2, or UN / EU)',
        )
    cadence = values["cadence_days"]  # how often its sources are reviewed: its staleness horizon
    if cadence and not cadence.isdigit():
        reader.problem(m["cadence_days"], "list.cadence_days", f'"{cadence}" is not a whole number of days')
    if values["kind"] and values["kind"] not in KINDS:
        reader.problem(m["kind"], "list.kind", f'"{values["kind"]}" is not one of {", ".join(KINDS)}')
    authorities: dict[str, Authority] = {}
    nodes = [("list.authority", m["authority"])] if "authority" in m else []
    if "authority" not in m:
        reader.problem(root, "list.authority", "missing (required)")
    if "authorities" in m:
        items = reader.items(m["authorities"], "list.authorities")
        nodes += [(f"list.authorities[{i}]", node) for i, node in enumerate(items)]
    for where, node in nodes:
        a = reader.mapping(node, where, ("id", "name"))
        ident, name = reader.text(a, "id", where, node), reader.text(a, "name", where, node)
        if ident and name:
            authorities.setdefault(
                "main" if where == "list.authority" else ident, Authority(ident, name, jurisdiction or "ZZ")
            )
    reader.fail()
    main = authorities.pop("main")
    info = ListInfo(
        values["id"],
        values["title"],
        main.id,
        jurisdiction,
        values["url"],
        values["kind"],
        curated=True,
        describes=values["describes"],
        cadence_days=int(cadence) if cadence and cadence.isdigit() else None,
        licence=values["licence"],
    )
    register_list(info, main)
    for extra in authorities.values():
        AUTHORITIES.setdefault(extra.id, extra)
    return CuratedList(info, main, values["description"], values["describes"], {main.id: main, **authorities})


@dataclass(frozen=True, slots=True)
class _Fact:
    action: str
    date: PartialDate | None
    date_type: str
    authorities: tuple[str, ...]
    legal_basis: str | None
    attributed_to: str | None
    statement: str | None
    citations: tuple[tuple[dict[str, Any], str], ...]  # (source, quote)

    def describe(self, names: dict[str, str]) -> str:
        """The line a matrix shows: 'delisted 2023-12', 'delisted, announced 2024-06-03 by ...'."""
        if self.statement:
            text = self.statement
        else:
            text = self.action.replace("_", " ")
            if self.date:
                text += {"effective": " ", "announced": ", announced ", "as_of": " as of "}[self.date_type]
                text += str(self.date)
            if self.authorities:
                text += " by " + " and ".join(names.get(a, a) for a in self.authorities)
            if self.legal_basis:
                text += f"; legal basis: {self.legal_basis}"
        return f"claim by {self.attributed_to}: {text}" if self.attributed_to else text


_PRECISION = {"year": 0, "month": 1, "day": 2}


def _within(inner: PartialDate, outer: PartialDate) -> bool:
    """Whether every day ``inner`` may mean is one ``outer`` may mean ("2006-09-15" within "2006")."""
    return outer.earliest() <= inner.earliest() and inner.latest() <= outer.latest()


def _compatible(a: PartialDate, b: PartialDate) -> bool:
    """Two claims agree when one is the other at a coarser precision ("2023-12" and "2023-12-29")."""
    return _within(a, b) or _within(b, a)


def _pick(facts: list[_Fact], action: str) -> tuple[PartialDate | None, _Fact | None]:
    """The date an entry takes from several claims of one action.

    Claims attributed to a third party (an argument the source reports) never set a date. Among the
    rest, the earliest date the act took effect wins; failing that, the earliest announcement (an act
    is announced on or after it takes effect). Later claims usually date a report or a remark about an
    act, not the act: the Kazakh delisting of December 2023 was explained by the president in June 2024.
    """
    own = [f for f in facts if f.action == action and f.attributed_to is None and f.date is not None]
    for date_type in ("effective", "announced"):
        dated = sorted((f for f in own if f.date_type == date_type), key=lambda f: f.date.earliest())  # type: ignore[union-attr]
        if dated:
            # A claim that narrows the earliest one ("2006-09-15" within "2006-09") refines it, not
            # contradicts it: the most precise date inside the earliest claim's range is taken.
            pairs = [(f.date, f) for f in dated if f.date is not None]
            first = pairs[0][0]
            best = max((p for p in pairs if _within(p[0], first)), key=lambda p: _PRECISION[p[0].precision])
            return best
    undated = [f for f in facts if f.action == action and f.attributed_to is None]
    return None, (undated[0] if undated else None)


class _VersionReader(_Reader):
    def __init__(self, path: Path, curated: CuratedList, day: date) -> None:
        super().__init__(path)
        self.curated = curated
        self.day = day
        self.sources: dict[str, dict[str, Any]] = {}

    def read_sources(self, node: yaml.Node | None) -> None:
        if node is None:
            return
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, "sources", "expected a mapping of source id to source")
            return
        for key, value in node.value:
            where = f"sources.{key.value}"
            m = self.mapping(
                value, where, ("title", "publisher", "published", "url", "seed", "excerpt", "note")
            )
            published = self.date(m, "published", where, value)
            if "published" not in m:
                self.problem(value, f"{where}.published", "missing (required; null with a note if unknown)")
            elif published is None and "note" not in m:
                self.problem(m["published"], f"{where}.published", "no date: say why in a note")
            if published is not None and published.earliest() > self.day:
                self.problem(
                    m["published"],
                    f"{where}.published",
                    f"{published} is after this version's record date {self.day}: name the file later",
                )
            self.sources[str(key.value)] = {
                "title": self.text(m, "title", where, value),
                "publisher": self.text(m, "publisher", where, value),
                "published": published,
                "url": self.text(m, "url", where, value, required=False),
            }

    def completeness(self, node: yaml.Node | None, entries: list[Entry]) -> Completeness | None:
        """``completeness:``: a source enumerates the whole list as of this version's date, with its count.

        The count is checked against the entries in force on the record date, so a version that claims
        to be complete cannot silently miss one.
        """
        if node is None:
            return None
        where = "completeness"
        m = self.mapping(node, where, ("complete", "count", "source", "quote", "note"))
        flag = self.text(m, "complete", where, node)
        if flag is not None and flag.lower() not in ("true", "false"):
            self.problem(m["complete"], f"{where}.complete", f'"{flag}" is not true or false')
            flag = None
        complete = flag is not None and flag.lower() == "true"
        count: int | None = None
        raw = self.text(m, "count", where, node, required=complete)
        if raw is not None:
            if raw.isdigit():
                count = int(raw)
            else:
                self.problem(m["count"], f"{where}.count", f'"{raw}" is not a whole number')
        ident, quote = self.text(m, "source", where, node), self.text(m, "quote", where, node)
        if ident and ident not in self.sources:
            self.problem(m["source"], f"{where}.source", f'no source "{ident}" under sources in this file')
        if flag is None or not ident or ident not in self.sources or not quote:
            return None
        held = len(in_force(entries, self.day))
        if complete and count is not None and held != count:
            self.problem(
                m["count"],
                f"{where}.count",
                f"the source states {count} entries but {held} are in force on {self.day} in this file",
            )
        source = self.sources[ident]
        statement = f"complete: {count} entries" if complete else "partial"
        citation = Citation(
            source["title"], source["publisher"], source["published"], source["url"], quote, statement
        )
        return Completeness(complete, count, citation)

    def fact(self, node: yaml.Node, where: str) -> _Fact | None:
        keys = (
            "action",
            "date",
            "date_type",
            "authority",
            "legal_basis",
            "attributed_to",
            "statement",
            "note",
            "sources",
        )
        m = self.mapping(node, where, keys)
        action = self.text(m, "action", where, node)
        if action and action not in ACTIONS:
            self.problem(
                m["action"], f"{where}.action", f'unknown action "{action}" (known: {", ".join(ACTIONS)})'
            )
        if "date" not in m:
            self.problem(node, f"{where}.date", "missing (required; null when the source states no date)")
        when = self.date(m, "date", where, node)
        date_type = self.text(m, "date_type", where, node, required=False) or _DEFAULT_DATE_TYPE.get(
            action or "", "as_of"
        )
        if date_type not in DATE_TYPES:
            self.problem(
                m["date_type"], f"{where}.date_type", f'"{date_type}" is not one of {", ".join(DATE_TYPES)}'
            )
        authorities: list[str] = []
        if "authority" in m:
            anode = m["authority"]
            nodes = anode.value if isinstance(anode, yaml.SequenceNode) else [anode]
            for a in nodes:
                ident = str(a.value)
                if ident not in AUTHORITIES and ident not in self.curated.authorities:
                    self.problem(
                        a,
                        f"{where}.authority",
                        f'unknown authority "{ident}": add it under authorities in {LIST_FILE}',
                    )
                authorities.append(ident)
        citations: list[tuple[dict[str, Any], str]] = []
        sources = self.items(m.get("sources"), f"{where}.sources") if "sources" in m else []
        if not sources:
            self.problem(m.get("sources", node), f"{where}.sources", "a fact needs at least one source")
        for i, snode in enumerate(sources):
            swhere = f"{where}.sources[{i}]"
            s = self.mapping(snode, swhere, ("source", "quote"))
            ident, quote = self.text(s, "source", swhere, snode), self.text(s, "quote", swhere, snode)
            if ident and ident not in self.sources:
                self.problem(
                    s["source"], f"{swhere}.source", f'no source "{ident}" under sources in this file'
                )
            elif ident and quote:
                citations.append((self.sources[ident], quote))
        if not action or action not in ACTIONS or date_type not in DATE_TYPES:
            return None
        return _Fact(
            action,
            when,
            date_type,
            tuple(authorities),
            self.text(m, "legal_basis", where, node, False),
            self.text(m, "attributed_to", where, node, False),
            self.text(m, "statement", where, node, False),
            tuple(citations),
        )

    def entry(self, node: yaml.Node, where: str) -> Entry | None:
        keys = ("ref", "schema", "names", "programs", "links", "legal_basis", "notes", "facts")
        m = self.mapping(node, where, keys)
        ref = self.text(m, "ref", where, node)
        if ref and not _SLUG.match(ref):
            self.problem(m["ref"], f"{where}.ref", f'"{ref}" is not a slug (lower case, digits, - and _)')
        where = f"entries[{ref}]" if ref else where
        schema = self.text(m, "schema", where, node)
        if schema and schema not in SCHEMAS:
            self.problem(m["schema"], f"{where}.schema", f'"{schema}" is not one of {", ".join(SCHEMAS)}')
        names: list[Name] = []
        for i, nnode in enumerate(self.items(m.get("names"), f"{where}.names")):
            n = self.mapping(nnode, f"{where}.names[{i}]", ("value", "kind", "lang", "source"))
            kind = self.text(n, "kind", f"{where}.names[{i}]", nnode, required=False) or "primary"
            if kind not in NAME_KINDS:
                self.problem(
                    n["kind"], f"{where}.names[{i}].kind", f'"{kind}" is not one of {", ".join(NAME_KINDS)}'
                )
            value = self.text(n, "value", f"{where}.names[{i}]", nnode)
            if value:
                names.append(Name(value, kind, self.text(n, "lang", f"{where}.names[{i}]", nnode, False)))  # type: ignore[arg-type]
        if "names" in m and not names and isinstance(m["names"], yaml.SequenceNode):
            self.problem(m["names"], f"{where}.names", "an entry needs at least one name")
        links = [str(n.value) for n in self.items(m["links"], f"{where}.links")] if "links" in m else []
        for n, link in zip(m["links"].value if links else [], links, strict=False):
            if not _LINK.match(link):
                self.problem(n, f"{where}.links", f'"{link}" is not "<list id>:<reference>"')
        programs = (
            [str(n.value) for n in self.items(m["programs"], f"{where}.programs")] if "programs" in m else []
        )
        parsed = [
            self.fact(n, f"{where}.facts[{i}]")
            for i, n in enumerate(self.items(m.get("facts"), f"{where}.facts"))
        ]
        facts = [f for f in parsed if f is not None]
        if "facts" in m and isinstance(m["facts"], yaml.SequenceNode) and not m["facts"].value:
            self.problem(m["facts"], f"{where}.facts", "an entry needs at least one fact")
        if not (ref and schema in SCHEMAS and names and facts):
            return None
        return self.build(
            ref,
            schema,
            names,
            programs,
            links,
            facts,
            self.text(m, "legal_basis", where, node, False),
            self.text(m, "notes", where, node, False),
        )

    def build(
        self,
        ref: str,
        schema: Schema,
        names: list[Name],
        programs: list[str],
        links: list[str],
        facts: list[_Fact],
        legal_basis: str | None,
        notes: str | None,
    ) -> Entry:
        listed_on, listed = _pick(facts, "listed")
        delisted_on, _delisted = _pick(facts, "delisted")
        designated = any(f.action not in _NEGATIVE and f.attributed_to is None for f in facts)
        status = (
            "designated"
            if designated
            else ("never_listed" if any(f.action == "never_listed" for f in facts) else "not_listed")
        )
        chosen = {"listed": listed_on, "delisted": delisted_on}
        disputes: list[str] = []
        for action, value in chosen.items():
            others = sorted(
                {
                    str(f.date)
                    for f in facts
                    if f.action == action and f.date and value and not _compatible(f.date, value)
                }
            )
            if value and others:
                disputes.append(
                    f"{action}_on: {value} taken (rule: earliest effective date); "
                    f"other claims: {', '.join(others)}"
                )
        contrary = [f for f in facts if f.attributed_to and (f.action in _NEGATIVE) == designated]
        if contrary:
            disputes.append(
                f"status: {status} taken; contrary claims by "
                + ", ".join(f.attributed_to or "" for f in contrary)
            )
        authority_names = {
            **{k: a.name for k, a in AUTHORITIES.items()},
            **{k: a.name for k, a in self.curated.authorities.items()},
        }
        citations: list[Citation] = []
        for f in facts:
            text = f.describe(authority_names)
            taken = chosen.get(f.action)
            if f.action in chosen and taken and f.date and not _compatible(f.date, taken):
                text += f" [disputed: {f.action}_on taken as {chosen[f.action]}]"
            if f.attributed_to and f in contrary:
                text += f" [disputed: status taken as {status}]"
            citations.extend(
                Citation(s["title"], s["publisher"], s["published"], s["url"], quote, text)
                for s, quote in f.citations
            )
        attested = sorted(
            {
                str(f.date)
                for f in facts
                if f.action in ("in_force", "maintained") and f.date and f.attributed_to is None
            }
        )
        properties = [
            ("status", (status,)),
            ("attested_in_force", tuple(attested)),
            ("disputed", tuple(disputes)),
        ]
        return Entry(
            ref=ref,
            schema=schema,
            names=tuple(names),
            programs=tuple(programs),
            listed_on=listed_on,
            delisted_on=delisted_on,
            legal_basis=(listed.legal_basis if listed else None) or legal_basis,
            remarks=notes,
            links=tuple(links),
            properties=tuple((k, v) for k, v in properties if v),
            citations=tuple(citations),
        )


def entry_status(entry: Entry) -> str:
    """'designated' (it has or had a listing), 'never_listed' or 'not_listed' (sources deny one).

    A record list keeps entries for denials too, so that "never an FTO" carries its sources; screening
    and event derivation must skip entries whose status is not 'designated'.
    """
    return dict(entry.properties).get("status", ("designated",))[0]


def in_force(entries: list[Entry] | tuple[Entry, ...], day: date) -> list[Entry]:
    """The entries designated and not yet removed on ``day``: what a complete source would count.

    A partial date counts from its first day ("2023-12" is in force before December 2023 only), so an
    entry listed or removed in the version's own month follows the source's count of that month.
    """
    return [
        e
        for e in entries
        if entry_status(e) == "designated"
        and (e.listed_on is None or e.listed_on.earliest() <= day)
        and (e.delisted_on is None or e.delisted_on.earliest() > day)
    ]


def parse(path: Path, data: bytes, options: ParseOptions) -> ListVersion:
    """One version file ``<list id>/YYYY-MM-DD.yaml``: the record as known on that day (record time)."""
    match = _VERSION_NAME.match(path.name)
    if match is None:
        raise InputError(
            path, "a curated version file is named YYYY-MM-DD.yaml (its record date)", field="file name"
        )
    try:
        day = date.fromisoformat(match.group(1))
    except ValueError as exc:
        raise InputError(
            path, f'"{match.group(1)}" in the file name is not a date: {exc}', field="file name"
        ) from None
    curated = load_list(path.parent)
    reader = _VersionReader(path, curated, day)
    root = reader.compose(data)
    m = reader.mapping(root, "file", ("sources", "completeness", "entries"))
    reader.read_sources(m.get("sources"))
    entries: list[Entry] = []
    seen: set[str] = set()
    for i, node in enumerate(reader.items(m.get("entries"), "entries")):
        entry = reader.entry(node, f"entries[{i}]")
        if entry is not None:
            if entry.ref in seen:
                reader.problem(node, f"entries[{entry.ref}].ref", "the same ref appears twice")
            seen.add(entry.ref)
            entries.append(entry)
    completeness = reader.completeness(m.get("completeness"), entries)
    reader.fail()
    return ListVersion(
        list_id=options.list_id or curated.info.id,
        published=datetime(day.year, day.month, day.day, tzinfo=UTC),
        source=source_for(path, FORMAT, "listwatch curators, from the cited sources"),
        entries=tuple(entries),
        kind="record",
        completeness=completeness,
    )


def _is_list_file(path: Path) -> bool:
    """``list.yaml`` describes the list and is read with each version; it is not a version itself."""
    return path.name == LIST_FILE and path.suffix == ".yaml"


register(
    Format(
        FORMAT,
        "Curated list with sources (listwatch/curated/<list id>/YYYY-MM-DD.yaml)",
        _sniff,
        parse,
        companion=_is_list_file,
    )
)

# The shipped curated lists are known by id (title, jurisdiction, what they describe) as soon as the
# formats load, before any is ingested, so stores that hold them show them right.
register_curated_lists()

"""An article's events next to the record: confirms, conflicts or new.

Review compares each extracted event with what the record already says about that entity on that list:
the facts of the newest curated version (read from the YAML, so actions such as ``maintained`` keep their
own dates) and, for an official list held in the store, its own listing date and observed delistings.
The verdict is ``confirms`` (the record has the act at a compatible date, compared at the coarser of the
two precisions), ``conflicts`` (the record dates the act otherwise, or says the opposite on that date) or
``new``. Writing an accepted event into the record is ``accept``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml

from listwatch.model import Entry, PartialDate, parse_partial_date
from listwatch.news.extract import Action, NewsEvent, extract_events
from listwatch.news.gazetteer import EntityGazetteer
from listwatch.news.link import link_names, screener_for
from listwatch.news.names import OPEN_ID_PREFIX
from listwatch.sources import national
from listwatch.store import Reader

Verdict = Literal["confirms", "conflicts", "new"]

# The extractor's actions as curated facts. A proposed listing has no curated action: the format keeps
# designation facts, and a proposal to list is not one yet (docs/curated-lists.md, "Actions").
CURATED_ACTIONS: dict[Action, str | None] = {
    "list": "listed",
    "delist": "delisted",
    "proposed_list": None,
    "proposed_delist": "proposed_delisting",
    "maintain": "maintained",
}
# Acts the record dates once (``listed_on``, ``delisted_on``): another date is a disagreement. The others
# can recur (a ministry proposes twice), so another date is a new claim, not a conflict.
DATED_ONCE = ("listed", "delisted")


@dataclass(frozen=True, slots=True)
class RecordFact:
    """One thing the record says about the entity, with where it says it."""

    action: str
    date: PartialDate | None
    date_type: str
    source: str  # "Kursiv, 2023-12-29" or "us_ofac_sdn as published 2024-05-03"
    quote: str | None = None
    attributed_to: str | None = None
    seed: str | None = None

    @property
    def statement(self) -> str:
        text = self.action.replace("_", " ") + " " + (str(self.date) if self.date else "(no date)")
        if self.date_type == "announced" and self.date:
            text += " (announced)"
        return f"claim by {self.attributed_to}: {text}" if self.attributed_to else text

    def to_json(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "date": str(self.date) if self.date else None,
            "date_type": self.date_type,
            "statement": self.statement,
            "source": self.source,
            "quote": self.quote,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One extracted event, judged against the record."""

    number: int
    event: NewsEvent
    verdict: Verdict
    says: str  # what the record says, in a line, with its source
    record: tuple[RecordFact, ...]  # the facts the verdict rests on
    list_id: str | None  # the curated list an accepted event is written to
    ref: str | None  # that list's entry for the entity, when it has one
    problem: str | None = None  # why the event cannot be accepted, if it cannot

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            **self.event.to_json(),
            "verdict": self.verdict,
            "record_says": self.says,
            "record": [f.to_json() for f in self.record],
            "curated_list": self.list_id,
            "curated_ref": self.ref,
            "accept_problem": self.problem,
        }


# -- the curated folders -----------------------------------------------------------------------------


def curated_folders(overlay: Path | None) -> dict[str, Path]:
    """list id -> its folder; the user's folder wins over the shipped one."""
    found: dict[str, Path] = {}
    for base in (national.curated_root(), overlay):
        if base is not None and base.is_dir():
            for folder in sorted(base.iterdir()):
                if (folder / national.LIST_FILE).is_file():
                    found[folder.name] = folder
    return found


def newest_version(list_id: str, overlay: Path | None) -> Path | None:
    paths = [p for p in national.iter_curated_versions(overlay=overlay) if p.parent.name == list_id]
    return paths[-1] if paths else None


def curated_lists(overlay: Path | None) -> dict[str, national.CuratedList]:
    return {list_id: national.load_list(folder) for list_id, folder in curated_folders(overlay).items()}


def target_list(event: NewsEvent, lists: dict[str, national.CuratedList]) -> tuple[str | None, str | None]:
    """(the curated list the event belongs to, or None with the reason)."""
    if event.list in lists:
        return event.list, None
    describing = [lid for lid, c in lists.items() if event.list and c.describes == event.list]
    if describing:
        return describing[0], None
    same = sorted(lid for lid, c in lists.items() if c.info.jurisdiction == event.jurisdiction)
    if same:
        return None, (
            f"no curated list is {event.list} ({event.jurisdiction}); curated lists of {event.jurisdiction}: "
            + ", ".join(same)
        )
    return None, (
        f"no curated list for jurisdiction {event.jurisdiction}; curated lists: " + ", ".join(sorted(lists))
    )


# -- reading the record ------------------------------------------------------------------------------


def load_version(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data if isinstance(data, dict) else {}


def _partial(value: Any) -> PartialDate | None:
    return None if value is None else parse_partial_date(str(value))


def _source_line(source: dict[str, Any]) -> str:
    parts = [source.get("publisher") or source.get("title"), source.get("published") or "undated"]
    return ", ".join(str(p) for p in parts if p)


def curated_facts(version: dict[str, Any], entry: dict[str, Any]) -> list[RecordFact]:
    """The facts of one curated entry as written: one per (fact, source)."""
    sources = version.get("sources") or {}
    facts: list[RecordFact] = []
    for fact in entry.get("facts") or []:
        action = str(fact.get("action"))
        date_type = fact.get("date_type") or ("effective" if action in DATED_ONCE else "as_of")
        for cited in fact.get("sources") or []:
            source = sources.get(cited.get("source"), {})
            facts.append(
                RecordFact(
                    action,
                    _partial(fact.get("date")),
                    date_type,
                    _source_line(source),
                    cited.get("quote"),
                    fact.get("attributed_to"),
                    source.get("seed"),
                )
            )
    return facts


def _entry_matches(
    entry: dict[str, Any], list_id: str, event: NewsEvent, gazetteer: EntityGazetteer, linked: set[str]
) -> bool:
    """Is this curated entry the event's entity? By id, by link, or by a name the extractor reads as it."""
    entity_id = f"{list_id}:{entry.get('ref')}"
    if entity_id == event.entity_id or entity_id in linked:
        return True
    if event.entity_id in (entry.get("links") or []) or linked & set(entry.get("links") or []):
        return True
    for name in entry.get("names") or []:
        value = str(name.get("value", "")).strip()
        found = gazetteer.find(value)
        if any(m.start == 0 and m.end == len(value) and m.value.id == event.entity_id for m in found):
            return True
    return False


def _store_facts(reader: Reader, list_id: str, event: NewsEvent, linked: set[str]) -> list[RecordFact]:
    """What an official list held in the store says: its own listing date, and delistings observed."""
    candidates = {event.entity_id, *linked} | {r.entity_id for r in reader.entities_by_name(event.entity)}
    ids = sorted(e for e in candidates if e.startswith(f"{list_id}:"))
    versions = {v.id: v for v in reader.versions(list_id)}
    facts: list[RecordFact] = []
    for entity_id in ids:
        held = [versions[vid] for vid in reader.entity_memberships(entity_id) if vid in versions]
        if held:
            newest = max(held, key=lambda v: (v.published_at, v.id))
            entry = reader.entry(newest.id, entity_id)
            if entry is not None:
                source = f"{newest.publisher}, {list_id} as published {newest.published_on}"
                facts.append(RecordFact("listed", entry.listed_on, "effective", source))
        for ev in reader.events(list_id=list_id, entity_ids=[entity_id]):
            if ev.type == "delisted":
                source = f"{list_id}: absent from the version published {ev.window_end}"
                facts.append(RecordFact("delisted", PartialDate.from_date(ev.date), "effective", source))
    return facts


def _compatible(a: PartialDate, b: PartialDate) -> bool:
    """Dates agree at the coarser precision: "2023-12" agrees with "2023-12-29", not with "2024"."""
    return str(a).startswith(str(b)) or str(b).startswith(str(a))


def _opposite(want: str, when: PartialDate | None, facts: Sequence[RecordFact]) -> list[RecordFact]:
    """Facts that say the entity's status on ``when`` was the opposite of what the event implies."""
    out = [f for f in facts if f.action == "never_listed"]
    if want == "listed":
        out += [
            f
            for f in facts
            if f.action == "not_listed" and (f.date is None or (when and _compatible(f.date, when)))
        ]
    elif want == "maintained" and when is not None:
        out += [f for f in facts if f.action == "delisted" and f.date and f.date.latest() < when.earliest()]
    elif want == "delisted" and when is not None:
        out += [
            f
            for f in facts
            if f.action in ("in_force", "maintained") and f.date and f.date.earliest() > when.latest()
        ]
    return out


def same_sentence(fact: RecordFact, event: NewsEvent) -> bool:
    """The record quotes the event's sentence (a quote may start earlier: "What happened? The ...")."""
    return fact.quote is not None and (event.evidence in fact.quote or fact.quote in event.evidence)


def judge(
    event: NewsEvent, facts: Sequence[RecordFact], seed: str | None = None
) -> tuple[Verdict, list[RecordFact]]:
    """The verdict, and the record's facts it rests on (the article's own sentence first)."""
    own = [f for f in facts if f.attributed_to is None]  # reported arguments are not the record's claims
    want = CURATED_ACTIONS[event.action] or "proposed_listing"
    when = event.date
    same = [f for f in own if f.action == want]
    agreeing = same if when is None else [f for f in same if f.date and _compatible(f.date, when)]
    if agreeing:
        return "confirms", sorted(
            agreeing, key=lambda f: (not same_sentence(f, event), f.seed != seed, f.date is None)
        )
    dated = [f for f in same if f.date is not None]
    if want in DATED_ONCE and dated:
        return "conflicts", dated
    opposite = _opposite(want, when, own)
    if opposite:
        return "conflicts", opposite
    return "new", same


def _listing(facts: Sequence[RecordFact]) -> str:
    shown = list(dict.fromkeys(f"{f.statement} — {f.source}" for f in facts))
    return "; ".join(shown[:2]) + (f" (+{len(shown) - 2} more)" if len(shown) > 2 else "")


def _says(
    verdict: Verdict, basis: Sequence[RecordFact], facts: Sequence[RecordFact], event: NewsEvent, where: str
) -> str:
    """What the record says, in a line: the facts behind the verdict, else what the entry does hold."""
    want = (CURATED_ACTIONS[event.action] or "proposed_listing").replace("_", " ")
    if basis:
        return ("other claims: " if verdict == "new" else "") + _listing(basis)
    if facts:
        return f"no {want} fact on {where}; it holds: " + _listing(facts)
    return f"no entry for {event.entity} on {where}"


def store_entries(reader: Reader) -> list[tuple[str, Entry]]:
    """``(list_id, entry)`` of each list's newest version (per scope) in the store."""
    entries: list[tuple[str, Entry]] = []
    for list_id in reader.list_ids():
        newest: dict[str | None, int] = {}
        for version in reader.versions(list_id):
            newest[version.scope] = version.id
        for version_id in newest.values():
            members = reader.version_members(version_id)
            revisions = reader.revisions(h for h, _p in members.values())
            for _entity_id, (digest, _p) in sorted(members.items()):
                entries.append((list_id, Entry.from_content(revisions[digest])))
    return entries


def store_gazetteer(reader: Reader, entries: list[tuple[str, Entry]] | None = None) -> EntityGazetteer | None:
    """The extractor's names plus every organisation name the store holds, so events carry store ids."""
    pairs = [
        (entry.entity_id(list_id), n.value)
        for list_id, entry in (store_entries(reader) if entries is None else entries)
        if entry.schema in ("Organization", "LegalEntity")
        for n in entry.names
    ]
    return EntityGazetteer.from_names(pairs) if pairs else None


def review(
    text: str, published: date | None, reader: Reader | None, overlay: Path | None, seed: str | None = None
) -> list[Finding]:
    """Every event the article states, numbered, with what the record says about it."""
    entries = store_entries(reader) if reader is not None else []
    gazetteer = (
        store_gazetteer(reader, entries) if reader is not None else None
    ) or EntityGazetteer.builtin()
    events = extract_events(text, published, gazetteer)
    # Names no gazetteer knew, screened against the store: another spelling or script of a held entity.
    screener = screener_for(entries) if any(e.entity_id.startswith(OPEN_ID_PREFIX) for e in events) else None
    if screener is not None:
        events = link_names(events, screener)
    lists = curated_lists(overlay)
    held = set(reader.list_ids()) if reader is not None else set()
    findings: list[Finding] = []
    for number, event in enumerate(events, 1):
        list_id, problem = target_list(event, lists)
        linked = reader.links(event.entity_id) if reader is not None else set()
        facts: list[RecordFact] = []
        ref: str | None = None
        if list_id is not None:
            path = newest_version(list_id, overlay)
            version = load_version(path) if path else {}
            for entry in version.get("entries") or []:
                if _entry_matches(entry, list_id, event, gazetteer, linked):
                    ref = ref or str(entry.get("ref"))
                    facts.extend(curated_facts(version, entry))
        if reader is not None and event.list and event.list in held and event.list not in lists:
            facts.extend(_store_facts(reader, event.list, event, linked))
        if CURATED_ACTIONS[event.action] is None and problem is None:
            problem = "a proposed listing has no curated action (docs/curated-lists.md, Actions)"
        verdict, basis = judge(event, facts, seed)
        if ref is not None:  # the store-named id is whichever list named it first; show this list's
            event = replace(event, entity_id=f"{list_id}:{ref}")
        where = f"{list_id or event.list}" + (f" ({ref})" if ref else "")
        says = _says(verdict, basis, facts, event, where)
        cited_as = sorted(
            {
                f.action
                for f in facts
                if same_sentence(f, event) and f.action != (basis[0].action if basis else None)
            }
        )
        if cited_as:
            says += f" [the record cites this sentence as {', '.join(cited_as)}]"
        findings.append(Finding(number, event, verdict, says, tuple(basis), list_id, ref, problem))
    return findings

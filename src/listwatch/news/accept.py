"""Accepted events written into a curated list, as a new version: nothing is ever edited or replaced.

The new version is named by the article's publication date (the record date rule of
docs/curated-lists.md) and goes to the user's curated folder, which overlays the lists shipped in the
package. It is the newest version's text with the source and facts inserted at YAML node positions, so
comments and anchors survive; it is parsed by the curated parser before it is put in place.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from listwatch.errors import InputError, Refused
from listwatch.model.lists import AUTHORITIES
from listwatch.news.extract import NewsEvent
from listwatch.news.review import (
    CURATED_ACTIONS,
    DATED_ONCE,
    Finding,
    load_version,
    newest_version,
    same_sentence,
)
from listwatch.sources import national
from listwatch.sources.registry import parse_file


@dataclass(frozen=True, slots=True)
class Article:
    """The article as a curated source: ``seed`` is its file name, ``quote``s are its sentences."""

    file: str
    title: str
    published: date | None
    publisher: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Accepted:
    list_id: str
    path: Path
    based_on: Path
    facts: list[str] = field(default_factory=list)  # "taliban: delisted 2025-04-17"
    copied: list[Path] = field(default_factory=list)  # shipped files copied into the user folder


def _q(value: str) -> str:
    """A YAML double-quoted scalar: JSON strings are valid YAML, and keep quotes verbatim."""
    return json.dumps(value, ensure_ascii=False)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_") or "entry"


def _known_authority(event: NewsEvent, curated: national.CuratedList) -> str | None:
    known = set(AUTHORITIES) | set(curated.authorities)
    for candidate in (event.authority, f"{event.jurisdiction.lower()}_{event.authority}"):
        if event.authority and candidate in known:
            return candidate
    return None


def _fact_lines(event: NewsEvent, source_id: str, authority: str | None, indent: int, note: str) -> list[str]:
    pad = " " * indent
    action = CURATED_ACTIONS[event.action]
    lines = [f"{pad}- action: {action}", f"{pad}  date: {_q(str(event.date)) if event.date else 'null'}"]
    if action not in DATED_ONCE and event.date:
        lines.append(f"{pad}  date_type: announced")
    if authority:
        lines.append(f"{pad}  authority: {authority}")
    lines.append(f"{pad}  note: {_q(note)}")
    lines += [
        f"{pad}  sources:",
        f"{pad}    - source: {source_id}",
        f"{pad}      quote: {_q(event.evidence)}",
    ]
    return lines


def _shared_nodes(root: yaml.Node) -> set[int]:
    """Nodes reached twice (anchors and their aliases): text inserted into them would change both."""
    seen: set[int] = set()
    shared: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared.add(id(node))
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in node.value for v in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return shared


def _subtree(node: yaml.Node) -> Iterable[yaml.Node]:
    yield node
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _subtree(key)
            yield from _subtree(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _subtree(item)


def _line_after(text: str, node: yaml.Node) -> int:
    """The offset just after the line on which ``node``'s last scalar ends."""
    leaf = node
    while isinstance(leaf, yaml.MappingNode | yaml.SequenceNode) and leaf.value:
        last = leaf.value[-1]
        leaf = last[1] if isinstance(leaf, yaml.MappingNode) else last
    pos = leaf.end_mark.index
    if pos > 0 and text[pos - 1] == "\n":
        return pos
    newline = text.find("\n", pos)
    return len(text) if newline < 0 else newline + 1


def _dash_column(text: str, item: yaml.Node) -> int:
    line = text.splitlines()[item.start_mark.line]
    return max(0, line.rfind("-", 0, item.start_mark.column))


class _Unsafe(Exception):
    """The text cannot take an insertion safely (flow style, anchors); the file is written anew."""


def _insert(
    text: str,
    source_id: str,
    source_lines: list[str] | None,
    additions: list[tuple[str | None, NewsEvent, str | None, str]],
) -> str:
    """Insert a source and facts into the newest version's text, keeping its comments and layout."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise _Unsafe
    shared = _shared_nodes(root)
    top = {str(k.value): v for k, v in root.value}
    sources, entries = top.get("sources"), top.get("entries")
    if not isinstance(sources, yaml.MappingNode) or not isinstance(entries, yaml.SequenceNode):
        raise _Unsafe
    if sources.flow_style or entries.flow_style or not entries.value:
        raise _Unsafe
    edits: list[tuple[int, str]] = []
    if source_lines:
        edits.append((_line_after(text, sources), "\n".join(source_lines) + "\n"))
    by_ref = {}
    for item in entries.value:
        fields = {str(k.value): v for k, v in item.value} if isinstance(item, yaml.MappingNode) else {}
        by_ref[str(getattr(fields.get("ref"), "value", ""))] = fields
    new_entries: dict[str, list[tuple[NewsEvent, str | None, str]]] = {}
    for ref, event, authority, note in additions:
        if ref is None:
            new_entries.setdefault(event.entity_id, []).append((event, authority, note))
        else:
            facts = by_ref[ref].get("facts")
            if (
                not isinstance(facts, yaml.SequenceNode)
                or facts.flow_style
                or not facts.value
                or any(id(n) in shared for n in _subtree(facts))
            ):
                raise _Unsafe
            lines = _fact_lines(event, source_id, authority, _dash_column(text, facts.value[0]), note)
            edits.append((_line_after(text, facts), "\n".join(lines) + "\n"))
    if new_entries:
        if str(root.value[-1][0].value) != "entries":
            raise _Unsafe
        taken = set(by_ref)
        pad = _dash_column(text, entries.value[0])
        blocks = [_entry_text(items, source_id, pad, taken) for items in new_entries.values()]
        text = text if text.endswith("\n") else text + "\n"
        edits.append((len(text), "".join(blocks)))
    merged: dict[int, str] = {}
    for position, insertion in edits:  # several facts for one entry go in the order accepted
        merged[position] = merged.get(position, "") + insertion
    for position in sorted(merged, reverse=True):
        text = text[:position] + merged[position] + text[position:]
    return text


def _new_ref(event: NewsEvent, taken: set[str]) -> str:
    base = _slug(event.entity)
    ref, n = base, 2
    while ref in taken:
        ref, n = f"{base}_{n}", n + 1
    return ref


def _entry_text(
    items: list[tuple[NewsEvent, str | None, str]], source_id: str, pad: int, taken: set[str]
) -> str:
    """A new entry for an entity the list does not hold yet, named as the extractor names it."""
    p = " " * pad
    first = items[0][0]
    ref = _new_ref(first, taken)
    taken.add(ref)
    lang = "ru" if re.search("[а-яА-ЯёЁ]", first.entity) else "en"
    lines = [
        f"{p}- ref: {ref}",
        f"{p}  schema: Organization",
        f"{p}  names:",
        f"{p}    - {{value: {_q(first.entity)}, lang: {lang}}}",
        f"{p}  facts:",
    ]
    for event, authority, note in items:
        lines += _fact_lines(event, source_id, authority, pad + 4, note)
    return "\n".join(lines) + "\n"


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _rewrite(
    text: str,
    source_id: str,
    source: dict[str, Any] | None,
    additions: list[tuple[str | None, NewsEvent, str | None, str]],
) -> str:
    """The fallback: the newest version loaded, extended and dumped (its comments are not carried)."""
    data = yaml.safe_load(text)
    if source is not None:
        data.setdefault("sources", {})[source_id] = source
    entries = data.setdefault("entries", [])
    created: dict[str, str] = {}
    for ref, event, authority, note in additions:
        fact: dict[str, Any] = {
            "action": CURATED_ACTIONS[event.action],
            "date": str(event.date) if event.date else None,
        }
        if fact["action"] not in DATED_ONCE and event.date:
            fact["date_type"] = "announced"
        if authority:
            fact["authority"] = authority
        fact.update(note=note, sources=[{"source": source_id, "quote": event.evidence}])
        target = next((e for e in entries if e.get("ref") == (ref or created.get(event.entity_id))), None)
        if target is None:
            created[event.entity_id] = _new_ref(event, {str(e.get("ref")) for e in entries})
            target = {"ref": created[event.entity_id], "schema": "Organization"}
            target["names"] = [{"value": event.entity, "lang": "en"}]
            entries.append(target)
        target["facts"] = [*target.get("facts", []), fact]
    header = (
        "# Written by `listwatch news review --accept`; the comments of the version it copies are not kept.\n"
    )
    return header + yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=110)


def _source_id(article: Article, existing: dict[str, Any]) -> tuple[str, bool]:
    """(the source's id, whether the file already lists it): one article is one source."""
    for ident, source in existing.items():
        if (
            isinstance(source, dict)
            and source.get("seed") == article.file
            and str(source.get("published")) == str(article.published)
        ):
            return ident, True
    base = f"{_slug(article.publisher or 'news').replace('_', '-')}-{article.published}"
    ident, n = base, 2
    while ident in existing:
        ident, n = f"{base}-{n}", n + 1
    return ident, False


def _source_lines(ident: str, article: Article) -> tuple[list[str], dict[str, Any]]:
    values: dict[str, Any] = {
        "title": article.title,
        "publisher": article.publisher,
        "published": str(article.published),
        "url": article.url,
        "seed": article.file,
        "note": "Added by listwatch news review --accept.",
    }
    values = {k: v for k, v in values.items() if v}
    return [f"  {ident}:", *(f"    {k}: {_q(str(v))}" for k, v in values.items())], values


def accept(
    findings: Sequence[Finding], numbers: Sequence[int], article: Article, overlay: Path, today: date
) -> list[Accepted]:
    """Write the chosen events as a new version of each curated list they belong to; nothing is changed.

    Everything is checked before anything is written: a number out of range, an event with no curated
    list, a missing publication date or publisher, a version of that date already present.
    """
    by_number = {f.number: f for f in findings}
    problems: list[str] = []
    chosen: list[Finding] = []
    for n in dict.fromkeys(numbers):
        finding = by_number.get(n)
        if finding is None:
            problems.append(f"there is no event {n} (the review numbers 1 to {len(findings)})")
        elif finding.problem or finding.list_id is None:
            problems.append(f"event {n} cannot be accepted: {finding.problem}")
        else:
            same_quote = [
                f
                for f in finding.record
                if same_sentence(f, finding.event) and f.action == CURATED_ACTIONS[finding.event.action]
            ]
            if same_quote:
                problems.append(f"event {n} is already on record with this sentence ({same_quote[0].source})")
            chosen.append(finding)
    if article.published is None:
        problems.append("--accept needs --published: the article's publication date names the new version")
    if not article.publisher:
        problems.append("--accept needs --publisher (or --url): every curated source names its publisher")
    if problems:
        raise Refused("nothing was written: " + "; ".join(problems))
    assert article.published is not None
    groups: dict[str, list[Finding]] = {}
    for finding in chosen:
        assert finding.list_id is not None
        groups.setdefault(finding.list_id, []).append(finding)
    planned = [(list_id, _plan(list_id, group, article, overlay, today)) for list_id, group in groups.items()]
    return [_write(list_id, plan, overlay) for list_id, plan in planned]


@dataclass(slots=True)
class _Plan:
    base: Path
    target: Path
    text: str
    facts: list[str]


def _plan(list_id: str, group: list[Finding], article: Article, overlay: Path, today: date) -> _Plan:
    assert article.published is not None
    base = newest_version(list_id, overlay)
    if base is None:
        raise Refused(f"nothing was written: curated list {list_id} has no version to copy")
    day = article.published
    target = overlay / list_id / f"{day.isoformat()}.yaml"
    existing = [p for p in national.iter_curated_versions(overlay=overlay) if p.parent.name == list_id]
    clash = next((p for p in existing if p.name == target.name), None)
    if clash is not None:
        raise Refused(
            f"nothing was written: {list_id} already has a version dated {day} ({clash}); a version is never "
            "overwritten: correct it by hand in a later version (docs/curated-lists.md, Adding a version)"
        )
    base_day = date.fromisoformat(base.stem)
    if base_day > day:
        raise Refused(
            f"nothing was written: the newest version of {list_id} is {base.name}, later than the article "
            f"({day}); a version dated {day} cannot restate it (its sources are later). Add the fact by hand "
            "to a new version (docs/curated-lists.md, Adding a version)"
        )
    text = base.read_text(encoding="utf-8")
    data = load_version(base)
    source_id, listed = _source_id(article, data.get("sources") or {})
    source_lines, source = _source_lines(source_id, article)
    curated = national.load_list(base.parent)
    note = f"Accepted on {today} by listwatch news review from {article.file}."
    additions = [
        (f.ref, f.event, _known_authority(f.event, curated), f"{note} Verdict: {f.verdict}.") for f in group
    ]
    try:
        new_text = _insert(text, source_id, None if listed else source_lines, additions)
    except _Unsafe:
        new_text = _rewrite(text, source_id, None if listed else source, additions)
    header = (
        f"# {target.name}: {base.name} and the facts accepted from {article.file} (listwatch news review).\n"
    )
    facts = [
        f"{f.ref or _slug(f.event.entity)}: {CURATED_ACTIONS[f.event.action]} {f.event.date or '(no date)'}"
        for f in group
    ]
    return _Plan(base, target, header + new_text, facts)


def _write(list_id: str, plan: _Plan, overlay: Path) -> Accepted:
    """Check the new file with the curated parser, then put it in place without ever replacing a file."""
    accepted = Accepted(list_id, plan.target, plan.base, plan.facts)
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / list_id / plan.target.name
        trial.parent.mkdir()
        shutil.copyfile(plan.base.parent / national.LIST_FILE, trial.parent / national.LIST_FILE)
        trial.write_text(plan.text, encoding="utf-8")
        try:
            parse_file(trial, national.FORMAT)
        except InputError as exc:
            raise Refused(f"nothing was written: the new version would not parse: {exc}") from None
    folder = overlay / list_id
    if not (folder / national.LIST_FILE).is_file():
        # First accept for this list: the user's folder starts as a copy of the shipped list.
        folder.mkdir(parents=True, exist_ok=True)
        for source in (plan.base.parent / national.LIST_FILE, plan.base):
            copy = folder / source.name
            if not copy.exists():
                shutil.copyfile(source, copy)
                accepted.copied.append(copy)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{plan.target.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(plan.text)
        shutil.copymode(plan.base, tmp)  # mkstemp makes it private; a version is as readable as the last
        try:
            os.link(tmp, plan.target)  # fails if the target exists: nothing is overwritten
        except FileExistsError:
            raise Refused(f"nothing was written: {plan.target} appeared meanwhile") from None
        except OSError:  # a file system without hard links: check, then rename
            if plan.target.exists():
                raise Refused(f"nothing was written: {plan.target} appeared meanwhile") from None
            os.replace(tmp, plan.target)
    finally:
        tmp.unlink(missing_ok=True)
    return accepted

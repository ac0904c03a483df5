"""Every curated fact is checked against the text of the source it cites, and every complete version's
count against its entries (issue 13).

A source carries its text in one of two places: ``seed:`` (one of the five articles in ../shared/seeds)
or ``excerpt:`` (a file in tests/fixtures/curated_sources/, copied from the stored page, whose first line
is ``# source: <address> | <publisher> | <date>``). Excerpts ship with the project, so these checks run
on a fresh clone; the seed checks need ../shared/seeds and skip with a reason without it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from listwatch.sources.national import entry_status, iter_curated_versions
from listwatch.sources.registry import parse_file

EXCERPTS = Path(__file__).resolve().parents[1] / "fixtures" / "curated_sources"
VERSIONS = list(iter_curated_versions())


def _citations() -> list[tuple[str, str, dict[str, Any], str]]:
    """(where, source id, source, quote) for every quote in the shipped data, facts and completeness."""
    out = []
    for path in VERSIONS:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        name = f"{path.parent.name}/{path.name}"
        for entry in doc["entries"]:
            for fact in entry["facts"]:
                for cite in fact["sources"]:
                    where = f"{name}, {entry['ref']}, {fact['action']}"
                    out.append((where, cite["source"], doc["sources"][cite["source"]], cite["quote"]))
        if "completeness" in doc:
            c = doc["completeness"]
            out.append((f"{name}, completeness", c["source"], doc["sources"][c["source"]], c["quote"]))
    return out


def _excerpt(name: str) -> tuple[str, str]:
    """(header line, text) of one excerpt file."""
    path = EXCERPTS / name
    assert path.is_file(), f"excerpt {name} not found in {EXCERPTS}"
    header, _, text = path.read_text(encoding="utf-8").partition("\n")
    return header, text


def test_every_source_has_a_text_to_check_its_quotes_against() -> None:
    for where, source_id, source, _quote in _citations():
        assert source.get("seed") or source.get("excerpt"), (
            f"{where}: source {source_id} has no seed or excerpt"
        )


def test_every_quote_cited_from_an_excerpt_is_in_it_verbatim() -> None:
    for where, _source_id, source, quote in _citations():
        if not source.get("excerpt"):
            continue
        _header, text = _excerpt(source["excerpt"])
        assert quote in text, f"{where}: quote not found verbatim in {source['excerpt']}: {quote!r}"


def test_every_quote_cited_from_a_seed_is_in_it_verbatim(seeds: Path) -> None:
    checked = 0
    for where, _source_id, source, quote in _citations():
        if not source.get("seed"):
            continue
        text = (seeds / source["seed"]).read_text(encoding="utf-8")
        assert quote in text, f"{where}: quote not found verbatim in {source['seed']}: {quote!r}"
        checked += 1
    assert checked > 30


def test_excerpt_headers_name_the_address_publisher_and_date_of_the_source() -> None:
    cited: set[str] = set()
    for where, _source_id, source, _quote in _citations():
        if not source.get("excerpt"):
            continue
        cited.add(source["excerpt"])
        header, _text = _excerpt(source["excerpt"])
        published = source.get("published") or "not stated"
        expected = f"# source: {source.get('url')} | {source['publisher']} | {published}"
        assert header == expected, f"{where}: {source['excerpt']} header {header!r}, source says {expected!r}"
    stray = {p.name for p in EXCERPTS.glob("*.txt")} - cited
    assert not stray, f"excerpts no curated source cites: {sorted(stray)}"


def _in_force(path: Path) -> int:
    """Entries designated and not yet removed on the version's record date, counted here afresh."""
    day = date.fromisoformat(path.stem)
    held = 0
    for e in parse_file(path).entries:
        if entry_status(e) != "designated":
            continue
        started = e.listed_on is None or e.listed_on.earliest() <= day
        removed = e.delisted_on is not None and e.delisted_on.earliest() <= day
        held += started and not removed
    return held


def _stated(path: Path) -> dict[str, Any] | None:
    stated: dict[str, Any] | None = yaml.safe_load(path.read_text(encoding="utf-8")).get("completeness")
    return stated


COMPLETE = [p for p in VERSIONS if (_stated(p) or {}).get("complete")]


@pytest.mark.parametrize("path", COMPLETE, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_complete_version_holds_as_many_entries_in_force_as_its_source_counts(path: Path) -> None:
    stated = _stated(path) or {}
    assert _in_force(path) == int(stated["count"]), f"{path}: in force differs from the stated count"


def test_every_curated_list_states_its_licence() -> None:
    """`listwatch lists` shows a licence for every list (issue 20); a curated list's comes from list.yaml."""
    from listwatch.sources.national import register_curated_lists

    lists = register_curated_lists()
    assert lists, "no curated lists found"
    for curated in lists:
        assert curated.info.licence, f"{curated.info.id}/list.yaml has no licence:"

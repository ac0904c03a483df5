"""Fixtures for matching tests: indexes built from real UN list versions in ../shared/data."""

from __future__ import annotations

from dataclasses import replace

import pytest
from matching_data import UN_2026, index_of, parse_shared

from listwatch.matching import NameIndex, Screener, build_index, candidates_from_entries
from listwatch.model import ListVersion


@pytest.fixture(scope="session")
def un_2026() -> ListVersion:
    return parse_shared(UN_2026, "un_sc")


@pytest.fixture(scope="session")
def un_index(un_2026: ListVersion) -> NameIndex:
    return index_of(un_2026)


@pytest.fixture(scope="session")
def screener(un_index: NameIndex) -> Screener:
    return Screener(un_index)


@pytest.fixture(scope="session")
def latin_screener(un_2026: ListVersion) -> Screener:
    """The UN list without its original-script names, as bench/screen_quality.py screens them: an
    original-script query cannot find its own spelling and must find the Latin one."""
    candidates = [
        replace(c, names=tuple(n for n in c.names if n.kind != "original_script"))
        for c in candidates_from_entries((un_2026.list_id, e) for e in un_2026.entries)
    ]
    return Screener(build_index(candidates))

"""Fixtures for matching tests: indexes built from real UN list versions in ../shared/data."""

from __future__ import annotations

import pytest
from matching_data import UN_2026, index_of, parse_shared

from listwatch.matching import NameIndex, Screener
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

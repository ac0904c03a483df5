"""Fixtures for matching tests: indexes built from real UN list versions in ../shared/data."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from listwatch.matching import NameIndex, Screener, build_index, candidates_from_entries
from listwatch.model import ListVersion
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
UN_2025 = "un_sc_consolidated/2025-11-20-un_consolidated.xml.gz"
UN_2026 = "un_sc_consolidated/2026-02-27-UN_consolidated.xml.gz"


def parse_shared(relative: str, module: str) -> ListVersion:
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"shared list data not found at {path}")
    parser = importlib.import_module(f"listwatch.sources.{module}")
    return parser.parse(path, read_bytes(path), ParseOptions())  # type: ignore[no-any-return]


def index_of(version: ListVersion) -> NameIndex:
    return build_index(candidates_from_entries((version.list_id, e) for e in version.entries))


@pytest.fixture(scope="session")
def un_2026() -> ListVersion:
    return parse_shared(UN_2026, "un_sc")


@pytest.fixture(scope="session")
def un_index(un_2026: ListVersion) -> NameIndex:
    return index_of(un_2026)


@pytest.fixture(scope="session")
def screener(un_index: NameIndex) -> Screener:
    return Screener(un_index)

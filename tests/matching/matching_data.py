"""Real UN list versions for matching tests, read in place from ../shared/data (a module with a name of
its own: test files import it, which they cannot do with a conftest)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from listwatch.matching import NameIndex, build_index, candidates_from_entries
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

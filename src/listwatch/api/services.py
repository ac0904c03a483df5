"""What a running app holds: its settings, its store, and screeners kept warm between requests.

Built once by ``create_app`` and handed to routes through ``Depends(get_services)``, never a module
global. A screener answers for one set of list versions; the set in force is looked up per request
(one query), so a new version becomes visible on the first request after its ingestion commits, and a
request never sees part of one: the index is built from committed versions only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request

from listwatch.api.records import Record, RecordCache
from listwatch.history.inforce import version_records, versions_in_force
from listwatch.matching import Candidate, Screener
from listwatch.matching.index import NameIndex
from listwatch.matching.loading import load_index
from listwatch.matching.resolved import Resolved, groups_for
from listwatch.settings import Settings
from listwatch.store import Reader, Store, VersionRow

# Datasets as yente names them that mean "every list held".
ALL_DATASETS = frozenset({"default", "sanctions", "all", "listwatch"})

# Which versions, and the day when that matters (record lists, or a day before the first version held).
IndexKey = tuple[tuple[int, ...], date | None]


@dataclass(slots=True)
class Screening:
    """A screener and what it answers for: the list versions, and each candidate by entity id."""

    screener: Screener
    versions: list[dict[str, Any]]
    candidates: Mapping[str, Candidate]
    on: date | None = None
    known_at: date | None = None
    # entity id -> (first_seen, last_seen, last_change), read from the record on first use.
    seen: dict[str, tuple[str | None, ...]] = field(default_factory=dict)
    # version id -> publication time, of the versions those dates may come from (filled on first use).
    published: dict[int, str] = field(default_factory=dict)
    # entity id -> its record (or None), for the results /match returns (filled on first use).
    records: dict[str, Record | None] = field(default_factory=dict)
    # The resolved entities of the candidates (matching/resolved.py), and the store's mark they are of.
    groups: dict[str, Resolved] | None = None
    groups_mark: tuple[Any, ...] | None = None


@dataclass(slots=True)
class ScreenerCache:
    """Screeners by the exact versions they index; the few most recently used are kept."""

    size: int = 4
    cache_dir: Path | None = None  # where indexes are persisted (LISTWATCH_INDEX_CACHE)
    _items: OrderedDict[IndexKey, Screening] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, reader: Reader, on: date, known_at: date | None, lists: list[str] | None) -> Screening:
        versions = versions_in_force(reader, on, known_at, lists)
        dated = any(v.kind == "record" or v.published_on > on for v in versions)
        key: IndexKey = (tuple(v.id for v in versions), on if dated else None)
        item = self._items.get(key)
        if item is not None:
            return item
        with self._lock:  # one build at a time: a burst of first requests builds once
            item = self._items.get(key)
            if item is None:
                item = _build(reader, on, known_at, lists, versions, self.cache_dir)
                self._items[key] = item
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return item

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def _build(
    reader: Reader,
    on: date,
    known_at: date | None,
    lists: list[str] | None,
    versions: list[VersionRow],
    cache_dir: Path | None,
) -> Screening:
    """The index as the CLI's screening loads it (``matching.loading``): from the persisted index file
    when the same versions were indexed before (a restart reads it instead of rebuilding), curated
    denials left out."""
    # A reader limited to a past record time (a replayed /match) indexes what was held then.
    held_at = datetime.fromisoformat(reader.recorded_at) if reader.recorded_at else None
    index = load_index(reader.store, on, known_at, lists, cache_dir, recorded_at=held_at)
    return Screening(Screener(index), version_records(versions, on), CandidateMap(index), on, known_at)


class CandidateMap(Mapping[str, Candidate]):
    """Candidates by entity id, each built when first asked for: an index read from its file holds
    them unbuilt, and a request reads a handful."""

    def __init__(self, index: NameIndex) -> None:
        self._index = index
        candidates = index.candidates
        self._positions = {candidates.raw(i)[0]: i for i in range(len(candidates)) if i not in index.removed}

    def __getitem__(self, entity_id: str) -> Candidate:
        return self._index.candidates[self._positions[entity_id]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)


@dataclass(slots=True)
class Services:
    settings: Settings
    store: Store
    screeners: ScreenerCache = field(default_factory=ScreenerCache)
    records: RecordCache = field(default_factory=RecordCache)
    ready: threading.Event = field(default_factory=threading.Event)

    def screening(
        self, reader: Reader, on: date, known_at: date | None = None, dataset: str = "default"
    ) -> Screening:
        """The screener for the lists of ``dataset`` in force on ``on`` as known at ``known_at``."""
        lists = None if dataset in ALL_DATASETS else [dataset]
        screening = self.screeners.get(reader, on, known_at, lists)
        mark = reader.resolution_mark()
        if screening.groups is None or screening.groups_mark != mark:
            # A resolve or a reviewer's decision since: one result per entity as the store resolves it.
            screening.groups = groups_for(reader, list(screening.candidates.values()))
            screening.groups_mark = mark
        return screening

    def reset(self) -> None:
        """Forget every screener and record built: the next request builds them from the store."""
        self.screeners.clear()
        self.records.clear()

    def __post_init__(self) -> None:
        self.screeners.cache_dir = self.settings.index_cache

    def warm(self) -> None:
        """Build today's screener so the first /match is fast; /readyz answers 200 after this. The
        records /search reads are built next, in the same thread, without holding readiness back."""
        try:
            reader = self.store.reader()
            self.screening(reader, date.today()).screener.prepare()
        finally:
            self.ready.set()
        self.records.get(self.store.reader())


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def datasets_held(reader: Reader) -> set[str]:
    return set(reader.list_ids()) | ALL_DATASETS

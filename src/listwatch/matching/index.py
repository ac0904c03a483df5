"""The name index: every list name, normalised once, and an inverted index of phonetic part keys.

Candidate generation looks up a query's part keys and never scans all names. Keys held by many names
("MHMD" for the Muhammad family) are not used to fetch candidates when the query has a rarer part;
they still count when the few fetched names are scored. The index persists as zlib-compressed JSON
(not pickle: loading an index file must not be able to run code) and grows by ``updated``.
"""

from __future__ import annotations

import heapq
import json
import math
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from listwatch.errors import InputError
from listwatch.matching.features import class_weight, country_key, deletions, loose_key, phonetic_key
from listwatch.matching.normalize import tokenize
from listwatch.matching.scripts import has_arabic
from listwatch.model import Entry, Name, PartialDate, parse_partial_date

# Bumped when normalisation or keys change: an index from another version is rebuilt, not reused.
INDEX_FORMAT = "listwatch-name-index-3"
# A key held by more names than this does not fetch candidates when a rarer key is present.
COMMON_KEY = 800
# Key namespaces besides the plain skeleton: one-letter deletions ("~"), the skeleton without W/Y
# ("^", for Arabic script), and two adjacent parts joined ("+": CHONG CHONGANG as CHONGCHONGANG).
# Parts with skeletons under three letters are also found by their spelling ("=").
DELETED, LOOSE, JOINED, EXACT = "~", "^", "+", "="
_DERIVED = frozenset((DELETED, LOOSE, JOINED, EXACT))
# A near key (a deletion, the loose skeleton) held by more names than this fetches nothing: it says
# too little, and walking its names is what candidate generation would spend its time on.
DERIVED_LIMIT = 400
_JOIN_SKIP = frozenset({"al", "el", "ul", "ud", "ur", "ad", "ar", "as", "ash", "az", "an", "at", "i", "e"})


def index_keys(tokens: tuple[str, ...], keys: tuple[str, ...]) -> Iterator[str]:
    """Every key a list name is found by (see the namespaces above)."""
    previous = ""
    for token, key in zip(tokens, keys, strict=True):
        if token in _JOIN_SKIP:
            continue
        if class_weight(token) < 0.3:
            previous = ""
            continue
        if len(key) >= 2:
            yield key
            yield LOOSE + loose_key(key)
        if len(key) < 3:
            yield EXACT + token  # "Cho Il Woo": skeletons C, AL, V find nothing of their own
        if len(key) >= 3:
            for deleted in deletions(key):
                yield DELETED + deleted
        if previous:
            yield JOINED + phonetic_key(previous + token)
        previous = token


def query_groups(
    tokens: tuple[str, ...],
    keys: tuple[str, ...],
    weights: tuple[float, ...],
    arabic: bool,
    postings: dict[str, list[int]] | None = None,
) -> list[tuple[float, list[tuple[str, float]]]]:
    """The key groups a query looks up (``NameIndex.lookup``): per part its skeleton, the joined form of
    a list name's two parts, one-letter deletions, and for Arabic script the W/Y-free skeleton; per two
    adjacent parts, their joined skeleton against a list name's single part."""
    groups: list[tuple[float, list[tuple[str, float]]]] = []
    previous: tuple[str, float] | None = None
    for token, key, weight in zip(tokens, keys, weights, strict=True):
        if token in _JOIN_SKIP:
            continue
        if class_weight(token) < 0.3 or not key:
            previous = None
            continue
        options = [(key, 1.0), (JOINED + key, 0.9)]
        if len(key) < 3:
            options.append((EXACT + token, 1.0))
        # One-edit neighbours only for a part few list names have (a typo, or a name not listed):
        # a part many names share is most likely spelt right.
        if len(key) >= 3 and (postings is None or len(postings.get(key, ())) < 3):
            options.append((DELETED + key, 0.7))
            for deleted in deletions(key):
                options.append((DELETED + deleted, 0.6))
                options.append((deleted, 0.6))
        if arabic and len(key) >= 2:
            options.append((LOOSE + loose_key(key), 0.9))
        groups.append((weight, options))
        if previous is not None:
            joined = phonetic_key(previous[0] + token)
            groups.append(((previous[1] + weight) * 0.9, [(joined, 1.0)]))
        previous = (token, weight)
    return groups


@dataclass(frozen=True, slots=True)
class Candidate:
    """One listed entity as the matcher sees it. ``countries`` holds nationalities and countries."""

    entity_id: str
    list_id: str
    ref: str
    schema: str
    names: tuple[Name, ...]
    birth_dates: tuple[PartialDate, ...] = ()
    countries: tuple[str, ...] = ()


def candidates_from_entries(pairs: Iterable[tuple[str, Entry]]) -> Iterator[Candidate]:
    for list_id, entry in pairs:
        yield Candidate(
            entity_id=entry.entity_id(list_id),
            list_id=list_id,
            ref=entry.ref,
            schema=entry.schema,
            names=tuple(_split_names(entry.names)),
            birth_dates=entry.birth_dates,
            countries=tuple(dict.fromkeys((*entry.nationalities, *entry.countries))),
        )


def _split_names(names: tuple[Name, ...]) -> Iterator[Name]:
    # The UN joins some aliases with ";" in one element ("Sayed Akbar Tahmaesebi; Syed Akber ...").
    for name in names:
        for value in name.value.split(";"):
            if value.strip():
                yield Name(value.strip(), name.kind, name.lang) if value != name.value else name


@dataclass(slots=True)
class NameIndex:
    candidates: list[Candidate] = field(default_factory=list)
    countries: list[frozenset[str]] = field(default_factory=list)
    # Per name: its candidate, text, kind, parts and part keys (parallel lists, compact in memory).
    name_candidate: list[int] = field(default_factory=list)
    name_text: list[str] = field(default_factory=list)
    name_kind: list[str] = field(default_factory=list)
    name_tokens: list[tuple[str, ...]] = field(default_factory=list)
    name_keys: list[tuple[str, ...]] = field(default_factory=list)
    name_joined: list[str] = field(default_factory=list)  # parts sorted and joined, to rank by spelling
    postings: dict[str, list[int]] = field(default_factory=dict)
    removed: set[int] = field(default_factory=set)  # candidate positions dropped by ``updated``
    versions: list[dict[str, Any]] = field(default_factory=list)
    _weights: dict[str, float] = field(default_factory=dict)

    # -- building -------------------------------------------------------------------------------

    def add(self, candidate: Candidate) -> None:
        position = len(self.candidates)
        self.candidates.append(candidate)
        self.countries.append(frozenset(country_key(c) for c in candidate.countries))
        seen: set[tuple[str, ...]] = set()
        for name in candidate.names:
            tokens = tokenize(name.value)
            if not tokens or tokens in seen:
                continue
            seen.add(tokens)
            self._add_name(position, name.value, name.kind, tokens, tuple(phonetic_key(t) for t in tokens))

    def _add_name(
        self, position: int, text: str, kind: str, tokens: tuple[str, ...], keys: tuple[str, ...]
    ) -> None:
        name_id = len(self.name_text)
        self.name_candidate.append(position)
        self.name_text.append(text)
        self.name_kind.append(kind)
        self.name_tokens.append(tokens)
        self.name_keys.append(keys)
        self.name_joined.append(" ".join(sorted(tokens)))
        postings = self.postings
        for key in index_keys(tokens, keys):
            posting = postings.get(key)
            if posting is None:
                postings[key] = [name_id]
            elif posting[-1] != name_id:
                posting.append(name_id)
        self._weights.clear()

    def updated(self, added: Iterable[Candidate], removed_entity_ids: Iterable[str]) -> NameIndex:
        """Apply a list change in place (new and amended entities added, delisted ones dropped)."""
        gone = set(removed_entity_ids)
        added = list(added)
        gone |= {c.entity_id for c in added}  # an amended entity replaces its old record
        for position, candidate in enumerate(self.candidates):
            if candidate.entity_id in gone:
                self.removed.add(position)
        for candidate in added:
            self.add(candidate)
        return self

    # -- weights and candidate generation --------------------------------------------------------

    def key_weight(self, key: str) -> float:
        """Rarer parts weigh more: 1.0 for a key no list name has, about 0.3 for the commonest."""
        weight = self._weights.get(key)
        if weight is None:
            df = len(self.postings.get(key, ()))
            weight = 1.0 / (1.0 + math.log1p(df) / 3.0)
            self._weights[key] = weight
        return weight

    def lookup(
        self, groups: Iterable[tuple[float, Iterable[tuple[str, float]]]], limit: int
    ) -> list[tuple[int, float]]:
        """Names sharing keys with a query, best-covered first: ``(name id, covered weight)``.

        Each group is one query part (or two joined) with its weight and its keys, each with the share
        of the weight it earns (the exact skeleton 1.0, a one-edit neighbour less); a name earns a
        group's weight once, by its best key. A key held by more than ``COMMON_KEY`` names fetches
        nothing when a rarer key is present; it still counts for the names fetched.
        """
        postings = self.postings
        acc: dict[int, float] = {}
        common: list[tuple[float, list[int]]] = []
        for weight, keys in groups:
            best: dict[int, float] = {}
            for key, share in keys:
                posting = postings.get(key)
                if not posting:
                    continue
                if len(posting) > COMMON_KEY or (share < 1.0 and len(posting) > DERIVED_LIMIT):
                    if share == 1.0 and key[0] not in _DERIVED:
                        common.append((weight, posting))
                    continue
                value = weight * share
                for name_id in posting:
                    if best.get(name_id, 0.0) < value:
                        best[name_id] = value
            for name_id, value in best.items():
                acc[name_id] = acc.get(name_id, 0.0) + value
        if acc:
            for weight, posting in common:
                members = set(posting)
                for name_id in acc:
                    if name_id in members:
                        acc[name_id] += weight
        elif common:
            # Only common keys: names holding the two rarest of them.
            common.sort(key=lambda item: len(item[1]))
            first = common[0]
            if len(common) == 1:
                acc = dict.fromkeys(first[1][: COMMON_KEY * 4], first[0])
            else:
                acc = dict.fromkeys(set(first[1]).intersection(common[1][1]), first[0] + common[1][0])
        if self.removed:
            acc = {n: w for n, w in acc.items() if self.name_candidate[n] not in self.removed}
        return heapq.nlargest(limit, acc.items(), key=itemgetter(1))

    def name_arabic(self, name_id: int) -> bool:
        return has_arabic(self.name_text[name_id])

    # -- size and persistence ---------------------------------------------------------------------

    @property
    def name_count(self) -> int:
        return len(self.name_text)

    def memory_bytes(self) -> int:
        """Deep size of the index's Python objects (shared strings counted once)."""
        seen: set[int] = set()
        stack: list[Any] = [
            self.candidates, self.countries, self.name_candidate, self.name_text, self.name_kind,
            self.name_tokens, self.name_keys, self.name_joined, self.postings, self.removed, self.versions,
        ]  # fmt: skip
        total = 0
        while stack:
            obj = stack.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            total += sys.getsizeof(obj)
            if isinstance(obj, dict):
                stack.extend(obj.keys())
                stack.extend(obj.values())
            elif isinstance(obj, list | tuple | set | frozenset):
                stack.extend(obj)
            elif isinstance(obj, Candidate | Name | PartialDate):
                stack.extend(getattr(obj, s) for s in obj.__slots__)
        return total

    def to_bytes(self) -> bytes:
        live = [i for i in range(len(self.candidates)) if i not in self.removed]
        new_position = {old: new for new, old in enumerate(live)}
        data = {
            "format": INDEX_FORMAT,
            "versions": self.versions,
            "candidates": [_candidate_to_json(self.candidates[i]) for i in live],
            # Normalised names are stored so loading skips tokenisation, the costly step.
            "names": [
                [new_position[p], t, k, list(toks), list(keys)]
                for p, t, k, toks, keys in zip(
                    self.name_candidate,
                    self.name_text,
                    self.name_kind,
                    self.name_tokens,
                    self.name_keys,
                    strict=True,
                )
                if p not in self.removed
            ],
        }
        return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 6)

    @classmethod
    def from_bytes(cls, data: bytes, source: str = "<bytes>") -> NameIndex:
        try:
            raw = json.loads(zlib.decompress(data))
        except (zlib.error, ValueError) as exc:
            raise InputError(source, f"not a listwatch name index ({exc})") from None
        if raw.get("format") != INDEX_FORMAT:
            raise InputError(
                source, f"index format {raw.get('format')!r}, expected {INDEX_FORMAT}; rebuild it"
            )
        index = cls(versions=raw["versions"])
        for item in raw["candidates"]:
            candidate = _candidate_from_json(item)
            index.candidates.append(candidate)
            index.countries.append(frozenset(country_key(c) for c in candidate.countries))
        for position, text, kind, tokens, keys in raw["names"]:
            index._add_name(position, text, kind, tuple(tokens), tuple(keys))
        return index

    def save(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(self.to_bytes())
        tmp.replace(path)  # atomic: a reader never sees half an index

    @classmethod
    def load(cls, path: Path) -> NameIndex:
        return cls.from_bytes(path.read_bytes(), str(path))


def build_index(records: Iterable[Candidate], versions: Iterable[dict[str, Any]] = ()) -> NameIndex:
    """Normalise every name of ``records`` and index its part keys. Pure: no store, no files."""
    index = NameIndex(versions=list(versions))
    for candidate in records:
        index.add(candidate)
    return index


def _candidate_to_json(c: Candidate) -> list[Any]:
    return [
        c.entity_id, c.list_id, c.ref, c.schema, [[n.value, n.kind, n.lang] for n in c.names],
        [str(d) for d in c.birth_dates], list(c.countries),
    ]  # fmt: skip


def _candidate_from_json(item: list[Any]) -> Candidate:
    entity_id, list_id, ref, schema, names, dates, countries = item
    return Candidate(
        entity_id, list_id, ref, schema, tuple(Name(v, k, lang) for v, k, lang in names),
        tuple(parse_partial_date(d) for d in dates), tuple(countries),
    )  # fmt: skip

"""The name index: every list name, normalised once, and an inverted index of its part keys.

Candidate generation (``ranking``) looks up a query's part keys (``lookup``) and never scans all names.
Keys held by many names ("MHMD" for the Muhammad family) are not used to fetch candidates when the query
has a rarer part; they still count for the names fetched. The names are ``listnames``'; the parts'
weights ``weights``'; the file an index persists as ``index_file``'s. The index grows by ``updated``.
"""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from listwatch.files import write_atomic
from listwatch.matching.evidence import country_key
from listwatch.matching.keys import phonetic_key
from listwatch.matching.listnames import (
    Candidate,
    candidate_from_json,
    candidate_to_json,
    candidates_from_entries,
)
from listwatch.matching.lookup import COMMON_KEY, DERIVED_LIMIT, LOOSE, index_keys, part_options
from listwatch.matching.lookup import DERIVED as _DERIVED
from listwatch.matching.normalize import tokenize
from listwatch.matching.scripts import has_arabic
from listwatch.matching.weights import NameWeights, weigh_names
from listwatch.matching.weights import key_weight as key_weight_of
from listwatch.model import Name, PartialDate

__all__ = ["INDEX_FORMAT", "LOOSE", "Candidate", "NameIndex", "build_index", "candidates_from_entries"]

# The share of a part's weight that the skeleton of a list part spelt one keying error away earns: a
# misspelt part is no rarer than the part it misspells, and a corrected spelling is less sure than one.
SPELLING_SHARE = 0.8
# Parts this short are not corrected: one edit from "Ali" is half the list.
SPELLING_MIN = 4
# A part may be a list part cut short (a register's field length, a form's box) by this many letters at
# most, when it is at least ``PREFIX_MIN`` long: the list parts it starts are looked up, the nearest in
# length first, at most ``COMPLETIONS_LIMIT`` of them. Under four letters a part starts too many list
# parts to say which ("Ali", "Abd"); it still aligns with one it starts when it ends the name (``score``).
CUT_SHORT_LETTERS = 4
PREFIX_MIN = 4
COMPLETIONS_LIMIT = 8
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Bumped when normalisation or keys change: an index from another version is rebuilt, not reused.
# 8: loose keys under each of keys.readings; Arabic-script generic words keyed as their translation
# 9: the BGN/PCGN mark for ъ (”) and double quotes join a part; 10: readings keep th-h, dh-h apart;
# 11: "imam" is an honorific, and a note after an alias (", born 1 Jan. 1953 ...") is not its name;
# 12: each side of "X/Y" that is a name by itself is an alias too; 13: a capitalised qualifier in
# parentheses is part of the name ("AL-HARAMAIN (AFGHANISTAN BRANCH)"); 14: Jr., Sr. weigh as titles
# 15: Arabic-script names keyed by the translations of their words (الشام, Levant); لأ split as li + a-
# 16: loose keys read ت ح apart (th as t-h: اتحاد Ittihad); د alone is the Pashto particle da
# 17: loose keys read bi-, wa-, li-, fa- + the article before a sun letter assimilated (بالدم Biddam)
# 18: each name's part weights are stored (``name_weights``)
# 19: loose keys read a Latin kh as k (MAKHTAB); مكتب keeps its own skeleton and is keyed as office, bureau
# 20: "val" (Russian валь-, wal-) is a particle
# 21: a comma between vowels next to a one- or two-letter fragment is the UK's ayn (JAMA,AT), not a break
# 22: the Latin reading in parentheses after a name in another script is a name too ("(the Victory Front")
# 23: the names strung with French "dit", and the name before "son of", are names too
# 24: a part with a particle fused in front is filed under the rest's skeleton too (ALBASHIR as BSR)
# 25: Russian and Kazakh organisation words are read as English (Сеть: network)
INDEX_FORMAT = "listwatch-name-index-25"
# What one key group fetches: name ids (in the order first fetched), the best share of the group's
# weight each earns, and the group's common keys with their shares (counted only for names fetched by
# other keys).
GroupShares = tuple[npt.NDArray[np.int32], npt.NDArray[np.float64], tuple[tuple[str, float], ...]]
_NO_IDS: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
_NO_WEIGHTS: npt.NDArray[np.float64] = np.zeros(0, dtype=np.float64)


class Candidates(Sequence[Candidate]):
    """The index's candidates, in position order. Those read from an index file are built on first
    use: a screening run reads a fraction of them, and building them all was a third of loading."""

    __slots__ = ("_built", "_raw", "dates")

    def __init__(self, raw: list[list[Any]] | None = None) -> None:
        self._raw = raw or []
        self._built: list[Candidate | None] = [None] * len(self._raw)
        self.dates: dict[str, PartialDate] = {}  # parsed once, shared

    def __len__(self) -> int:
        return len(self._built)

    @overload
    def __getitem__(self, position: int) -> Candidate: ...
    @overload
    def __getitem__(self, position: slice) -> list[Candidate]: ...
    def __getitem__(self, position: int | slice) -> Candidate | list[Candidate]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        candidate = self._built[position]
        if candidate is None:
            candidate = self._built[position] = candidate_from_json(self._raw[position], self.dates)
        return candidate

    def __iter__(self) -> Iterator[Candidate]:
        return (self[i] for i in range(len(self._built)))

    def append(self, candidate: Candidate) -> None:
        self._built.append(candidate)
        self._raw.append([])

    def raw(self, position: int) -> list[Any]:
        """The candidate as the index file holds it (built only if it has been used)."""
        candidate = self._built[position]
        return self._raw[position] if candidate is None else candidate_to_json(candidate)


@dataclass(slots=True)
class NameIndex:
    candidates: Candidates = field(default_factory=Candidates)
    # Per candidate, what scoring reads, so that a screening run builds the candidates of its hits only.
    countries: list[frozenset[str]] = field(default_factory=list)
    schemas: list[str] = field(default_factory=list)
    births: list[tuple[PartialDate, ...]] = field(default_factory=list)
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
    # Bumped on every change, so that caches built on the index (here and in ``Screener``) are dropped.
    generation: int = 0
    _weights: dict[str, float] = field(default_factory=dict)
    # Per key group (a query part's keys): the names it fetches with their best share, and its common
    # keys. Customer files repeat parts heavily, so each group is walked once per process.
    _groups: dict[tuple[tuple[str, float], ...], GroupShares] = field(default_factory=dict)
    _pairs: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    _removed_names: npt.NDArray[np.bool_] | None = None
    _spellings: set[str] | None = None  # every list name part, for ``spelling_neighbours``
    _ordered: list[str] | None = None  # the same, sorted, for ``completions``
    _name_weights: NameWeights | None = None
    _surname_first: list[int] | None = None  # per name: parts before the comma (``surname_first``)
    _arabic: list[bool] | None = None  # per name: written in Arabic script (``name_arabic``)

    # -- building -------------------------------------------------------------------------------

    def add(self, candidate: Candidate) -> None:
        position = len(self.candidates)
        self.candidates.append(candidate)
        self.countries.append(frozenset(country_key(c) for c in candidate.countries))
        self.schemas.append(candidate.schema)
        self.births.append(candidate.birth_dates)
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
        for key in index_keys(tokens, keys, has_arabic(text)):
            posting = postings.get(key)
            if posting is None:
                postings[key] = [name_id]
            elif posting[-1] != name_id:
                posting.append(name_id)
        self._changed()

    def _changed(self) -> None:
        self.generation += 1
        if self._weights or self._groups or self._pairs:
            self._weights.clear()
            self._groups.clear()
            self._pairs.clear()
        self._removed_names = None
        self._spellings = None
        self._ordered = None
        self._name_weights = None

    def updated(self, added: Iterable[Candidate], removed_entity_ids: Iterable[str]) -> NameIndex:
        """Apply a list change in place (new and amended entities added, delisted ones dropped)."""
        gone = set(removed_entity_ids)
        added = list(added)
        gone |= {c.entity_id for c in added}  # an amended entity replaces its old record
        for position, candidate in enumerate(self.candidates):
            if candidate.entity_id in gone:
                self.removed.add(position)
        self._changed()
        for candidate in added:
            self.add(candidate)
        return self

    # -- weights and candidate generation --------------------------------------------------------

    def key_weight(self, key: str) -> float:
        """Rarer parts weigh more: 1.0 for a key no list name has, about 0.3 for the commonest."""
        weight = self._weights.get(key)
        if weight is None:
            weight = self._weights[key] = key_weight_of(len(self.postings.get(key, ())))
        return weight

    def name_weights(self) -> NameWeights:
        """Every list name's part weights, for all names at once: each worker of a screening run
        would otherwise weigh the same names again (a third of a second each). Saved with the index."""
        if self._name_weights is None:
            self._name_weights = weigh_names(self.name_tokens, self.name_keys, self.key_weight)
        return self._name_weights

    def spells(self, token: str) -> bool:
        """Whether a list name has ``token`` as one of its parts."""
        spellings = self._spellings
        if spellings is None:
            spellings = self._spellings = set().union(*self.name_tokens)
        return token in spellings

    def spelling_neighbours(self, token: str) -> tuple[str, ...]:
        """The list name parts one keying error (a letter dropped, added, replaced, or two swapped)
        from ``token``, when no list name spells ``token`` itself; none for parts under four letters."""
        if len(token) < SPELLING_MIN or self.spells(token):
            return ()
        spellings = self._spellings
        assert spellings is not None
        heads = [(token[:i], token[i:]) for i in range(len(token) + 1)]
        edits = {a + b[1:] for a, b in heads if b}
        edits.update(a + b[1] + b[0] + b[2:] for a, b in heads if len(b) > 1)
        edits.update(a + c + b[1:] for a, b in heads if b for c in _LETTERS)
        edits.update(a + c + b for a, b in heads for c in _LETTERS)
        return tuple(sorted(edits & spellings))

    def completions(self, token: str) -> tuple[str, ...]:
        """The list name parts ``token`` is the start of, up to ``CUT_SHORT_LETTERS`` letters short
        ("lenmorniipr" for LENMORNIIPROE, "Muham" for MUHAMMAD: a register's field cut it), shortest
        first; none for parts under ``PREFIX_MIN`` letters. A part a list name spells may be cut short
        too (SHAKL for SHAKLAR, ISMA for ISMAEL)."""
        if len(token) < PREFIX_MIN:
            return ()
        ordered = self._ordered
        if ordered is None:
            self.spells(token)  # builds the spellings
            assert self._spellings is not None
            ordered = self._ordered = sorted(self._spellings)
        found: list[str] = []
        for at in range(bisect_left(ordered, token), len(ordered)):
            other = ordered[at]
            if not other.startswith(token):
                break
            if 0 < len(other) - len(token) <= CUT_SHORT_LETTERS:
                found.append(other)
        found.sort(key=len)  # the nearest in length first: the likeliest cut
        return tuple(found[:COMPLETIONS_LIMIT])

    def part_options(
        self, token: str, key: str, arabic: bool, cyrillic: bool = False
    ) -> tuple[tuple[str, float], ...]:
        """``part_options`` against this index's postings, with the skeletons of the list name parts
        one keying error from a part no list name spells so ("Bezhad", "Rotec"): a transposition or
        a dropped letter may change a skeleton beyond one edit (BJD for BHZD) or make it another
        name's (ROTEK's RTK for ROSTEC). Such a skeleton earns what the list part weighs, at most
        ``SPELLING_SHARE`` of the query part: a misspelt part is no rarer than the part it misspells.
        The same for the list parts the part starts (``completions``: a part cut short).
        Not for Arabic script, written without short vowels: its parts are read, not corrected."""
        if arabic:
            return part_options(token, key, arabic, self.postings)
        neighbours: dict[str, float] = {}
        weight = self.key_weight(key)
        for other in (*self.spelling_neighbours(token), *self.completions(token)):
            other_key = phonetic_key(other)
            if other_key != key and len(other_key) >= 2:
                share = SPELLING_SHARE * min(1.0, self.key_weight(other_key) / weight)
                neighbours[other_key] = max(share, neighbours.get(other_key, 0.0))
        return part_options(token, key, arabic, self.postings, neighbours.items(), cyrillic)

    def group_shares(self, options: tuple[tuple[str, float], ...]) -> GroupShares:
        """The names one group fetches, in the order first fetched, with the best share each earns
        (its weight times that share is what the name covers), and the group's common keys."""
        cached = self._groups.get(options)
        if cached is not None:
            return cached
        postings = self.postings
        best: dict[int, float] = {}
        common: dict[str, float] = {}
        for key, share in options:
            posting = postings.get(key)
            if not posting:
                continue
            if len(posting) > COMMON_KEY or (share < 1.0 and len(posting) > DERIVED_LIMIT):
                # A plain skeleton (not a one-edit or loose key) held by many names still counts for
                # the names other keys fetch, at its share: MUHAM's completion MUHAMMAD (MHMD).
                if key[0] not in _DERIVED and common.get(key, 0.0) < share:
                    common[key] = share
                continue
            for name_id in posting:
                if best.get(name_id, 0.0) < share:
                    best[name_id] = share
        if best:
            cached = (
                np.fromiter(best.keys(), dtype=np.int32, count=len(best)),
                np.fromiter(best.values(), dtype=np.float64, count=len(best)),
                tuple(common.items()),
            )
        else:  # most parts of customers' names, and most of two parts joined: no list name's
            cached = (_NO_IDS, _NO_WEIGHTS, tuple(common.items()))
        self._groups[options] = cached
        return cached

    def common_only(self, common: list[tuple[float, str]], limit: int) -> list[tuple[int, float]]:
        # Only common keys: names holding the two rarest of them.
        postings = self.postings
        common.sort(key=lambda item: len(postings[item[1]]))
        weight, key = common[0]
        if len(common) == 1:
            ids = postings[key][: COMMON_KEY * 4]
        else:
            other = common[1][1]
            pair = self._pairs.get((key, other))
            if pair is None:
                pair = self._pairs[(key, other)] = list(set(postings[key]).intersection(postings[other]))
            ids = pair
            weight = weight + common[1][0]
        if self.removed:
            ids = [n for n in ids if self.name_candidate[n] not in self.removed]
        return [(n, weight) for n in ids[:limit]]

    def removed_mask(self) -> npt.NDArray[np.bool_]:
        if self._removed_names is None:
            owner = np.asarray(self.name_candidate, dtype=np.int64)
            self._removed_names = np.isin(owner, np.fromiter(self.removed, dtype=np.int64))
        return self._removed_names

    def name_surname_first(self, name_id: int) -> int:
        first = self._surname_first
        if first is None or len(first) != len(self.name_text):  # every name at once
            first = self._surname_first = [surname_first(text) for text in self.name_text]
        return first[name_id]

    def name_arabic(self, name_id: int) -> bool:
        arabic = self._arabic
        if arabic is None or len(arabic) != len(self.name_text):  # every name at once: a few ms
            arabic = self._arabic = [has_arabic(text) for text in self.name_text]
        return arabic[name_id]

    # -- size and persistence ---------------------------------------------------------------------

    @property
    def name_count(self) -> int:
        return len(self.name_text)

    def memory_bytes(self) -> int:
        """Deep size of the index's Python objects (shared strings counted once)."""
        seen: set[int] = set()
        stack: list[Any] = [
            self.candidates, self.countries, self.schemas, self.births, self.name_candidate, self.name_text,
            self.name_kind, self.name_tokens, self.name_keys, self.name_joined, self.postings, self.removed,
            self.versions,
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
            elif isinstance(obj, Candidates):
                stack.extend((obj._built, obj._raw))
            elif isinstance(obj, Candidate | Name | PartialDate):
                stack.extend(getattr(obj, s) for s in obj.__slots__)
        return total

    def to_bytes(self) -> bytes:
        """The index as a file (``index_file``)."""
        from listwatch.matching import index_file

        return index_file.to_bytes(self)

    @classmethod
    def from_bytes(cls, data: bytes, source: str = "<bytes>") -> NameIndex:
        from listwatch.matching import index_file

        return index_file.from_bytes(data, source)

    def save(self, path: Path) -> None:
        write_atomic(path, self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> NameIndex:
        return cls.from_bytes(path.read_bytes(), str(path))


def surname_first(text: str) -> int:
    """How many parts come before the comma of a name written "SURNAME, Given Middle", as OFAC and the
    UK write persons (one comma, one or two words before it: "GAXIOLA GARCIA, Carlos Alberto" is 2,
    "AL-AHMAD, Riyad" 2, al and ahmad); 0 for a name written in its natural order."""
    head, comma, rest = text.partition(",")
    if comma and "," not in rest and 1 <= len(head.split()) <= 2 and rest.strip():
        return len(tokenize(head))
    return 0


def build_index(records: Iterable[Candidate], versions: Iterable[dict[str, Any]] = ()) -> NameIndex:
    """Normalise every name of ``records`` and index its part keys. Pure: no store, no files."""
    index = NameIndex(versions=list(versions))
    for candidate in records:
        index.add(candidate)
    return index

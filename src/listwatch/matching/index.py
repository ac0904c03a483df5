"""The name index: every list name, normalised once, and an inverted index of phonetic part keys.

Candidate generation looks up a query's part keys and never scans all names. Keys held by many names
("MHMD" for the Muhammad family) are not used to fetch candidates when the query has a rarer part;
they still count when the few fetched names are scored. The index persists as zlib-compressed JSON
for names and candidates plus flat integer arrays for the postings (not pickle: loading an index file
must not be able to run code; see ``to_bytes``) and grows by ``updated``.
"""

from __future__ import annotations

import gc
import json
import math
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from listwatch.errors import InputError
from listwatch.matching.classes import class_weight, class_weights, translations
from listwatch.matching.evidence import country_key
from listwatch.matching.keys import deletions, loose_keys, phonetic_key, voicing_variant
from listwatch.matching.lexicon.particles import JOIN_SKIP
from listwatch.matching.normalize import tokenize
from listwatch.matching.scripts import has_arabic
from listwatch.model import Entry, Name, PartialDate, parse_partial_date

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
INDEX_FORMAT = "listwatch-name-index-23"
MAGIC = b"listwatch-name-index\n"
# A key held by more names than this does not fetch candidates when a rarer key is present.
COMMON_KEY = 800
# Key namespaces besides the plain skeleton: one-letter deletions ("~"), the skeleton without W/Y
# ("^", for Arabic script; one per reading of ``keys.readings``: ESSABAR is also SBR, LOUNICI
# LNS), and two adjacent parts joined ("+": CHONG CHONGANG as CHONGCHONGANG).
# Parts with skeletons under three letters are also found by their spelling ("=").
DELETED, LOOSE, JOINED, EXACT = "~", "^", "+", "="
_DERIVED = frozenset((DELETED, LOOSE, JOINED, EXACT))
# A near key (a deletion, the loose skeleton) held by more names than this fetches nothing: it says
# too little, and walking its names is what candidate generation would spend its time on.
DERIVED_LIMIT = 400
# The share of a part's weight that the skeleton of a list part spelt one keying error away earns.
SPELLING_SHARE = 0.8
# Parts this short are not corrected: one edit from "Ali" is half the list.
SPELLING_MIN = 4
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# What one key group fetches: name ids (in the order first fetched), the best share of the group's
# weight each earns, and the group's common keys (counted only for names fetched by other keys).
GroupShares = tuple[npt.NDArray[np.int32], npt.NDArray[np.float64], tuple[str, ...]]
_NO_NAMES: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
_NO_IDS: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
_NO_WEIGHTS: npt.NDArray[np.float64] = np.zeros(0, dtype=np.float64)


def index_keys(tokens: tuple[str, ...], keys: tuple[str, ...], arabic: bool = False) -> Iterator[str]:
    """Every key a list name is found by (see the namespaces above); in Arabic script, also the
    skeleton of each English word a part translates to (``classes.translations``: الشام, Levant)."""
    previous = ""
    for token, key in zip(tokens, keys, strict=True):
        if token in JOIN_SKIP:
            continue
        if class_weight(token) < 0.3:
            previous = ""
            continue
        if len(key) >= 2:
            yield key
            for loose in sorted(loose_keys(token)):  # the W/Y-free skeleton under each reading
                if len(loose) >= 2:
                    yield LOOSE + loose
            if arabic:
                for word in translations(token):
                    yield phonetic_key(word)
        if len(key) < 3:
            yield EXACT + token  # "Cho Il Woo": skeletons C, AL, V find nothing of their own
        if len(key) >= 3:
            for deleted in deletions(key):
                yield DELETED + deleted
        if previous:
            yield JOINED + phonetic_key(previous + token)
        previous = token


def part_options(
    token: str,
    key: str,
    arabic: bool,
    postings: dict[str, list[int]] | None = None,
    neighbours: Iterable[tuple[str, float]] = (),
    cyrillic: bool = False,
) -> tuple[tuple[str, float], ...]:
    """The keys one query part looks up, each with the share of the part's weight it earns.
    ``neighbours``: the skeletons of list name parts spelt one keying error away, with their shares
    (``NameIndex.part_options``). ``cyrillic``: the part was written in Cyrillic."""
    options = [(key, 1.0), (JOINED + key, 0.9)]
    options.extend(neighbours)
    if len(key) < 3:
        options.append((EXACT + token, 1.0))
    # s or z before a voiced consonant, either may be written (Измайлов, Ismailov): the other's skeleton
    voiced = voicing_variant(token)
    if voiced != token:
        voiced_key = phonetic_key(voiced)
        if voiced_key != key and len(voiced_key) >= 2:
            options.append((voiced_key, 0.9))
    # One-edit neighbours only for a part few list names have (a typo, or a name not listed):
    # a part many names share is most likely spelt right.
    if len(key) >= 3 and (postings is None or len(postings.get(key, ())) < 3):
        options.append((DELETED + key, 0.7))
        for deleted in deletions(key):
            options.append((DELETED + deleted, 0.6))
            options.append((deleted, 0.6))
    if arabic and len(key) >= 2:
        # sorted: a set's order changes with the hash seed, and the order names are first fetched in
        # breaks ties at the candidate cut (screening must give the same hits on every run)
        options.extend((LOOSE + loose, 0.9) for loose in sorted(loose_keys(token)) if len(loose) >= 2)
        # a word the lists translate (الشام, Levant): the translation's skeleton, as the part's own
        options.extend((phonetic_key(word), 1.0) for word in translations(token))
    elif cyrillic and len(key) >= 2:
        # Russian writes Arabic و as the vowel у (Таухид, Tawhid): a Cyrillic part's skeleton is looked up
        # among the list names' W/Y-free skeletons too, under each reading (KHATIBA is also KTB). Its own
        # в stays a consonant (Михайлов is not Mikhail).
        options.append((LOOSE + key, 0.9))
    return tuple(options)


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


# A note after the name in an alias: "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman ...)".
_BIRTH_NOTE = re.compile(r",?\s+born\b.*$", re.IGNORECASE | re.DOTALL)


def _split_names(names: tuple[Name, ...]) -> Iterator[Name]:
    # The UN joins some aliases with ";" in one element ("Sayed Akbar Tahmaesebi; Syed Akber ...").
    for name in names:
        for value in name.value.split(";"):
            value = _BIRTH_NOTE.sub("", value).strip()
            if value:
                yield Name(value, name.kind, name.lang) if value != name.value else name
                yield from _alternatives(value, name)
                yield from _romanised(value, name)
                yield from _own_names(value, name)


def _alternatives(value: str, name: Name) -> Iterator[Name]:
    """Each side of one "/" that is a name by itself (two words of four letters or more, not legal
    forms), as an alias too: "Al Qa'ida/Islamic Army" is also "Islamic Army"; the sides "EXPORT
    CORPORATION" (of IMPORT/EXPORT), "OFF-SHORE" and "V Corporation" (of J/V) are not names."""
    if value.count("/") != 1:
        return
    for side in value.split("/"):
        if _name_by_itself(side):
            yield Name(side.strip(), name.kind, name.lang)


def _name_by_itself(text: str) -> bool:
    """Two words of four letters or more that are not legal forms: a piece of a list name that can
    stand as an alias of its own."""
    return sum(1 for t in tokenize(text) if len(t) >= 4 and class_weight(t) >= 0.35) >= 2


# French "dit" ("called") strings a person's names together in UN entries ("Abdellillah dit Abdellah Ahmed
# dit Said"), as "alias" would; "X son of Y" follows the person's name with the father's (UN:
# "Abdul Haq son of M. Anwar Khan"). Lower-case "dit" only: a capitalised DIT is a word of the name.
_DIT = re.compile(r"\s+dit\s+")
_SON_OF = re.compile(r"\s+son\s+of\s", re.IGNORECASE)


def _own_names(value: str, name: Name) -> Iterator[Name]:
    """The person's own name before "son of" (two parts or more), and each name strung with "dit"
    that is a name by itself, as aliases."""
    son = _SON_OF.search(value)
    if son and len(tokenize(value[: son.start()])) >= 2:
        yield Name(value[: son.start()].strip(), name.kind, name.lang)
    if _DIT.search(value):
        for side in _DIT.split(value):
            if _name_by_itself(side):
                yield Name(side.strip(), name.kind, name.lang)


# A name in another script followed by its Latin spelling or translation in parentheses, as the UN and
# the EU write them ("جبهة النصرة (the Victory Front)", "عبدالله السندي (Abdullah Sindhi)"): the Latin
# is the publisher's own reading, a name too. The ";" split above may have cut the parentheses open
# ("... (Abu Bakr al-Baghdadi al-Husayni al-Quraishi"); the EU lists several readings with commas.
_LATIN = re.compile(r"[A-Za-z]")
_CAPITAL = re.compile(r"[A-Z]")
_SCRIPT_LETTER = re.compile(r"[^\W\d_]")
# A lower-case note after a spaced dash: "(Ansar al-Mujahideen Network - sub-unit name)".
_DASH_NOTE = re.compile(r"\s+[-–]\s+[^A-Z]*$")


def _romanised(value: str, name: Name) -> Iterator[Name]:
    script, bracket, inner = value.partition("(")
    if not bracket or _LATIN.search(script) or not _SCRIPT_LETTER.search(script):
        return
    inner = inner.lstrip("( ").rstrip(" ,")
    while inner.endswith(")") and inner.count(")") > inner.count("("):
        inner = inner[:-1].rstrip(" ,")
    for reading in inner.split(","):
        reading = _DASH_NOTE.sub("", reading).strip()
        if _CAPITAL.search(reading):  # a name is capitalised; "(original script)" is a note
            yield Name(reading, name.kind, name.lang)


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
            candidate = self._built[position] = _candidate_from_json(self._raw[position], self.dates)
        return candidate

    def __iter__(self) -> Iterator[Candidate]:
        return (self[i] for i in range(len(self._built)))

    def append(self, candidate: Candidate) -> None:
        self._built.append(candidate)
        self._raw.append([])

    def raw(self, position: int) -> list[Any]:
        """The candidate as the index file holds it (built only if it has been used)."""
        candidate = self._built[position]
        return self._raw[position] if candidate is None else _candidate_to_json(candidate)


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
    _arrays: dict[str, npt.NDArray[np.int32]] = field(default_factory=dict)  # common keys' postings
    _pairs: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    _removed_names: npt.NDArray[np.bool_] | None = None
    _spellings: set[str] | None = None  # every list name part, for ``spelling_neighbours``
    _name_weights: NameWeights | None = None
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
        if self._weights or self._groups or self._arrays or self._pairs:
            self._weights.clear()
            self._groups.clear()
            self._arrays.clear()
            self._pairs.clear()
        self._removed_names = None
        self._spellings = None
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
            weight = self._weights[key] = _key_weight(len(self.postings.get(key, ())))
        return weight

    def name_weights(self) -> NameWeights:
        """Every list name's part weights, for all names at once: each worker of a screening run
        would otherwise weigh the same names again (a third of a second each). Saved with the index."""
        if self._name_weights is None:
            self._name_weights = _weigh_names(self.name_tokens, self.name_keys, self.key_weight)
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

    def part_options(
        self, token: str, key: str, arabic: bool, cyrillic: bool = False
    ) -> tuple[tuple[str, float], ...]:
        """``part_options`` against this index's postings, with the skeletons of the list name parts
        one keying error from a part no list name spells so ("Bezhad", "Rotec"): a transposition or
        a dropped letter may change a skeleton beyond one edit (BJD for BHZD) or make it another
        name's (ROTEK's RTK for ROSTEC). Such a skeleton earns what the list part weighs, at most
        ``SPELLING_SHARE`` of the query part: a misspelt part is no rarer than the part it misspells.
        Not for Arabic script, written without short vowels: its parts are read, not corrected."""
        if arabic:
            return part_options(token, key, arabic, self.postings)
        neighbours: dict[str, float] = {}
        weight = self.key_weight(key)
        for other in self.spelling_neighbours(token):
            other_key = phonetic_key(other)
            if other_key != key and len(other_key) >= 2:
                share = SPELLING_SHARE * min(1.0, self.key_weight(other_key) / weight)
                neighbours[other_key] = max(share, neighbours.get(other_key, 0.0))
        return part_options(token, key, arabic, self.postings, neighbours.items(), cyrillic)

    def lookup(
        self, groups: Iterable[tuple[float, Iterable[tuple[str, float]]]], limit: int
    ) -> list[tuple[int, float]]:
        """Names sharing keys with a query, best-covered first: ``(name id, covered weight)``.

        Each group is one query part (or two joined) with its weight and its keys, each with the share
        of the weight it earns (the exact skeleton 1.0, a one-edit neighbour less); a name earns a
        group's weight once, by its best key. A key held by more than ``COMMON_KEY`` names fetches
        nothing when a rarer key is present; it still counts for the names fetched. Ties keep the
        order in which names were first fetched.
        """
        return self.lookup_shares([(w, self.group_shares(tuple(keys))) for w, keys in groups], limit)

    def group_shares(self, options: tuple[tuple[str, float], ...]) -> GroupShares:
        """The names one group fetches, in the order first fetched, with the best share each earns
        (its weight times that share is what the name covers), and the group's common keys."""
        cached = self._groups.get(options)
        if cached is not None:
            return cached
        postings = self.postings
        best: dict[int, float] = {}
        common: list[str] = []
        for key, share in options:
            posting = postings.get(key)
            if not posting:
                continue
            if len(posting) > COMMON_KEY or (share < 1.0 and len(posting) > DERIVED_LIMIT):
                if share == 1.0 and key[0] not in _DERIVED:
                    common.append(key)
                continue
            for name_id in posting:
                if best.get(name_id, 0.0) < share:
                    best[name_id] = share
        if best:
            cached = (
                np.fromiter(best.keys(), dtype=np.int32, count=len(best)),
                np.fromiter(best.values(), dtype=np.float64, count=len(best)),
                tuple(common),
            )
        else:  # most parts of customers' names, and most of two parts joined: no list name's
            cached = (_NO_IDS, _NO_WEIGHTS, tuple(common))
        self._groups[options] = cached
        return cached

    def _posting_array(self, key: str) -> npt.NDArray[np.int32]:
        array = self._arrays.get(key)
        if array is None:
            array = self._arrays[key] = np.asarray(self.postings[key], dtype=np.int32)  # ascending ids
        return array

    def lookup_shares(self, groups: list[tuple[float, GroupShares]], limit: int) -> list[tuple[int, float]]:
        """``lookup`` over groups already resolved by ``group_shares``."""
        names, covered = self.top_names(groups, limit)
        return list(zip(names.tolist(), covered.tolist(), strict=True))

    def top_names(
        self, groups: list[tuple[float, GroupShares]], limit: int
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """``lookup_shares`` as arrays (name ids, covered weights). A name's covered weight is the sum,
        in group order, of each group's weight times the name's share (the same sums, term by term, as
        adding them one at a time), plus the weight of each common key it holds."""
        if limit <= 0:
            return _NO_NAMES, _NO_WEIGHTS
        id_parts: list[npt.NDArray[np.int32]] = []
        value_parts: list[npt.NDArray[np.float64]] = []
        common: list[tuple[float, str]] = []
        for weight, (ids, shares, commons) in groups:
            if weight > 0.0 and len(ids):
                id_parts.append(ids)
                value_parts.append(shares * weight)
            for key in commons:
                common.append((weight, key))
        if not id_parts:
            if not common:
                return _NO_NAMES, _NO_WEIGHTS
            found = self.common_only(common, limit)
            return (
                np.array([n for n, _w in found], dtype=np.int64),
                np.array([w for _n, w in found], dtype=np.float64),
            )
        names: npt.NDArray[np.int64]
        if len(id_parts) == 1:
            names = id_parts[0].astype(np.int64)
            covered = value_parts[0].copy()
            first: npt.NDArray[np.intp] = np.arange(len(names))
        else:
            fetched = np.concatenate(id_parts)
            by_name = np.argsort(fetched, kind="stable")  # a name's entries stay in group order
            ordered = fetched[by_name]
            starts = np.empty(len(ordered), dtype=np.bool_)
            starts[0] = True
            np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
            inverse = np.empty(len(ordered), dtype=np.intp)
            inverse[by_name] = np.cumsum(starts) - 1
            names = ordered[starts].astype(np.int64)
            first = by_name[starts]  # where each name was first fetched
            # adds in input order, so each sum is the one adding the groups one at a time gives
            covered = np.bincount(inverse, weights=np.concatenate(value_parts)).astype(np.float64)
        for weight, key in common:
            posting = self._posting_array(key)
            at = np.searchsorted(posting, names)
            at[at == len(posting)] = 0
            covered[posting[at] == names] += weight
        if self.removed:
            keep = ~self.removed_mask()[names]
            names, covered, first = names[keep], covered[keep], first[keep]
        count = len(covered)
        if count > limit:
            kth = np.partition(covered, count - limit)[count - limit]
            chosen = np.flatnonzero(covered >= kth)
        else:
            chosen = np.arange(count)
        order = chosen[np.lexsort((first[chosen], -covered[chosen]))][:limit]
        return names[order], covered[order]

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
        """The index as a file: ``MAGIC``, the length of the header, the zlib-compressed JSON header
        (format, versions, candidates, normalised names, posting keys), then, zlib-compressed, the
        postings as two little-endian integer arrays (offsets into the name ids, and the name ids) and
        the names' weights as two float arrays (each part's, and each name's total; ``NameWeights``).
        Loading parses no code (no pickle) and recomputes nothing: no tokenising, no key derivation."""
        live = [i for i in range(len(self.candidates)) if i not in self.removed]
        new_position = {old: new for new, old in enumerate(live)}
        kept = [n for n, p in enumerate(self.name_candidate) if p not in self.removed]
        renumber = {old: new for new, old in enumerate(kept)}
        keys: list[str] = []
        sizes: list[int] = []
        ids: list[int] = []
        for key, posting in self.postings.items():
            if self.removed:
                posting = [renumber[n] for n in posting if n in renumber]
                if not posting:
                    continue
            keys.append(key)
            sizes.append(len(posting))
            ids.extend(posting)
        header = {
            "format": INDEX_FORMAT,
            "versions": self.versions,
            "candidates": [self.candidates.raw(i) for i in live],
            # Normalised names are stored so loading skips tokenisation, the costly step.
            "names": [
                [new_position[self.name_candidate[n]], self.name_text[n], self.name_kind[n],
                 list(self.name_tokens[n]), list(self.name_keys[n])]
                for n in kept
            ],
            "keys": keys,
        }  # fmt: skip
        head = zlib.compress(json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode(), 6)
        offsets = np.zeros(len(sizes) + 1, dtype="<i8")
        np.cumsum(np.asarray(sizes, dtype="<i8"), out=offsets[1:])
        if self.removed:  # weighed as the saved index will weigh them: by the postings it keeps
            size_of = dict(zip(keys, sizes, strict=True))
            weights = _weigh_names(
                [self.name_tokens[n] for n in kept], [self.name_keys[n] for n in kept],
                lambda key: _key_weight(size_of.get(key, 0)),
            )  # fmt: skip
        else:
            weights = self.name_weights()
        body = zlib.compress(
            offsets.tobytes()
            + np.asarray(ids, dtype="<i4").tobytes()
            + weights.parts.astype("<f8").tobytes()
            + weights.totals.astype("<f8").tobytes(),
            6,
        )
        return MAGIC + len(head).to_bytes(8, "little") + head + body

    @classmethod
    def from_bytes(cls, data: bytes, source: str = "<bytes>") -> NameIndex:
        # Loading allocates some 300,000 containers, none of them garbage: the cyclic collector,
        # triggered every few hundred allocations, would walk them all again and again.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return cls._from_bytes(data, source)
        except (KeyError, IndexError, TypeError, ValueError) as exc:  # the right format, damaged
            raise InputError(source, f"not a listwatch name index ({type(exc).__name__}: {exc})") from None
        finally:
            if enabled:
                gc.enable()

    @classmethod
    def _from_bytes(cls, data: bytes, source: str) -> NameIndex:
        if not data.startswith(MAGIC):
            raise InputError(source, "not a listwatch name index (or one of an older format; rebuild it)")
        start = len(MAGIC) + 8
        size = int.from_bytes(data[len(MAGIC) : start], "little")
        try:
            raw = json.loads(zlib.decompress(data[start : start + size]))
            body = zlib.decompress(data[start + size :])
        except (zlib.error, ValueError) as exc:
            raise InputError(source, f"not a listwatch name index ({exc})") from None
        if not isinstance(raw, dict) or raw.get("format") != INDEX_FORMAT:
            found = raw.get("format") if isinstance(raw, dict) else None
            raise InputError(source, f"index format {found!r}, expected {INDEX_FORMAT}; rebuild it")
        keys: list[str] = raw["keys"]
        cut = 8 * (len(keys) + 1)
        if len(body) < cut:
            raise InputError(source, "not a listwatch name index (postings cut short)")
        offsets = np.frombuffer(body, dtype="<i8", count=len(keys) + 1).tolist()
        names = raw["names"]
        part_count = sum(len(n[3]) for n in names)
        weights_at = cut + 4 * offsets[-1]
        if offsets[0] != 0 or any(a > b for a, b in pairwise(offsets)):
            raise InputError(source, "not a listwatch name index (postings do not add up)")
        if len(body) != weights_at + 8 * (part_count + len(names)):
            raise InputError(source, "not a listwatch name index (postings and weights do not add up)")
        id_array = np.frombuffer(body, dtype="<i4", offset=cut, count=offsets[-1])
        if len(id_array) and (int(id_array.min()) < 0 or int(id_array.max()) >= len(raw["names"])):
            raise InputError(source, "not a listwatch name index (a posting names no name)")
        ids = id_array.tolist()
        index = cls(versions=raw["versions"])
        items = raw["candidates"]
        index.candidates = Candidates(items)
        index.countries = [frozenset(country_key(c) for c in item[6]) for item in items]
        index.schemas = [item[3] for item in items]
        index.births = [_births(item[5], index.candidates.dates) for item in items]
        index.name_candidate = [n[0] for n in names]
        index.name_text = [n[1] for n in names]
        index.name_kind = [n[2] for n in names]
        index.name_tokens = [tuple(n[3]) for n in names]
        index.name_keys = [tuple(n[4]) for n in names]
        index.name_joined = [" ".join(sorted(tokens)) for tokens in index.name_tokens]
        index.postings = {key: ids[a:b] for key, a, b in zip(keys, offsets, offsets[1:], strict=False)}
        parts = np.frombuffer(body, dtype="<f8", offset=weights_at, count=part_count)
        totals = np.frombuffer(body, dtype="<f8", offset=weights_at + 8 * part_count, count=len(names))
        index._name_weights = NameWeights(parts, _part_offsets(index.name_tokens), totals)
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


@dataclass(frozen=True, slots=True)
class NameWeights:
    """Per list name, its parts' weights (``parts[offsets[i]:offsets[i + 1]]`` for name ``i``: class
    weight times key weight) and ``totals[i]``, the weight of its parts that count (class >= 0.3)."""

    parts: npt.NDArray[np.float64]
    offsets: npt.NDArray[np.int64]
    totals: npt.NDArray[np.float64]

    def of(self, name_id: int) -> tuple[float, ...]:
        return tuple(self.parts[self.offsets[name_id] : self.offsets[name_id + 1]].tolist())


def _key_weight(df: int) -> float:
    return 1.0 / (1.0 + math.log1p(df) / 3.0)


def _part_offsets(name_tokens: list[tuple[str, ...]]) -> npt.NDArray[np.int64]:
    offsets = np.zeros(len(name_tokens) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, name_tokens), dtype=np.int64, count=len(name_tokens)), out=offsets[1:])
    return offsets


def _weigh_names(
    name_tokens: list[tuple[str, ...]], name_keys: list[tuple[str, ...]], key_weight: Callable[[str], float]
) -> NameWeights:
    parts: list[float] = []
    totals: list[float] = []
    for tokens, keys in zip(name_tokens, name_keys, strict=True):
        weights = [c * key_weight(k) for c, k in zip(class_weights(tokens), keys, strict=True)]
        parts.extend(weights)
        totals.append(sum(w for t, w in zip(tokens, weights, strict=True) if class_weight(t) >= 0.3))
    return NameWeights(np.array(parts, dtype=np.float64), _part_offsets(name_tokens), np.array(totals))


def _candidate_to_json(c: Candidate) -> list[Any]:
    return [
        c.entity_id, c.list_id, c.ref, c.schema, [[n.value, n.kind, n.lang] for n in c.names],
        [str(d) for d in c.birth_dates], list(c.countries),
    ]  # fmt: skip


def _candidate_from_json(item: list[Any], parsed: dict[str, PartialDate]) -> Candidate:
    entity_id, list_id, ref, schema, names, dates, countries = item
    return Candidate(
        entity_id, list_id, ref, schema, tuple(Name(v, k, lang) for v, k, lang in names),
        _births(dates, parsed), tuple(countries),
    )  # fmt: skip


def _births(texts: list[str], parsed: dict[str, PartialDate]) -> tuple[PartialDate, ...]:
    births = []
    for text in texts:
        birth = parsed.get(text)
        if birth is None:
            birth = parsed[text] = parse_partial_date(text)
        births.append(birth)
    return tuple(births)

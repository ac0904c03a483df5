"""The keys of the inverted index: the keys a list name is filed under (``index_keys``) and the keys a
query part looks up, each with the share of the part's weight it earns (``part_options``). One module for
both sides, so that each key a query looks up is one a list name can be filed under."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from listwatch.matching.classes import COUNTED_CLASS, class_weight, translations
from listwatch.matching.keys import deletions, loose_keys, phonetic_key, unfused, voicing_variant
from listwatch.matching.lexicon.particles import JOIN_SKIP

# A key held by more names than this does not fetch candidates when a rarer key is present.
COMMON_KEY = 800
# Key namespaces besides the plain skeleton: one-letter deletions ("~"), the skeleton without W/Y
# ("^", for Arabic script; one per reading of ``keys.readings``: ESSABAR is also SBR, LOUNICI
# LNS), and two adjacent parts joined ("+": CHONG CHONGANG as CHONGCHONGANG).
# Parts with skeletons under three letters are also found by their spelling ("=").
DELETED, LOOSE, JOINED, EXACT = "~", "^", "+", "="
DERIVED = frozenset((DELETED, LOOSE, JOINED, EXACT))
# A near key (a deletion, the loose skeleton) held by more names than this fetches nothing: it says
# too little, and walking its names is what candidate generation would spend its time on.
DERIVED_LIMIT = 400
# The share of a query part's weight each kind of key earns a name it fetches. The part's own skeleton
# (or its spelling, or a translation the lists use) earns it all; a variant one romanisation makes of
# the same letters (two parts joined, s/z voiced, W/Y as vowels) nearly all, since it is the same name
# written another way; a one-edit key less, since it may as well be another name one letter away.
OWN_SHARE = 1.0
VARIANT_SHARE = 0.9
DELETION_SHARE = 0.7  # the part's skeleton among the list parts' one-letter deletions
NEIGHBOUR_SHARE = 0.6  # the part's skeleton with one letter deleted, either side
# Parts spelt by at most this many list names get one-edit keys: a part many names share is most
# likely spelt right, and its one-edit keys would fetch the names of other parts.
RARE_PART_NAMES = 2


def index_keys(tokens: tuple[str, ...], keys: tuple[str, ...], arabic: bool = False) -> Iterator[str]:
    """Every key a list name is found by (see the namespaces above); in Arabic script, also the
    skeleton of each English word a part translates to (``classes.translations``: الشام, Levant)."""
    previous = ""
    for token, key in zip(tokens, keys, strict=True):
        if token in JOIN_SKIP:
            continue
        if class_weight(token) < COUNTED_CLASS:
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
        rest = unfused(token)
        if rest:
            yield phonetic_key(rest)  # ALBASHIR is found by "Al Bashir" too
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
    options = [(key, OWN_SHARE), (JOINED + key, VARIANT_SHARE)]
    options.extend(neighbours)
    rest = unfused(token)
    if rest:  # ALBASHIR finds AL-BASHIR (and ALBASHIR, filed under BSR too)
        options.append((phonetic_key(rest), VARIANT_SHARE))
    if len(key) < 3:
        options.append((EXACT + token, OWN_SHARE))
    # s or z before a voiced consonant, either may be written (Измайлов, Ismailov): the other's skeleton
    voiced = voicing_variant(token)
    if voiced != token:
        voiced_key = phonetic_key(voiced)
        if voiced_key != key and len(voiced_key) >= 2:
            options.append((voiced_key, VARIANT_SHARE))
    # One-edit neighbours only for a part few list names have (a typo, or a name not listed):
    # a part many names share is most likely spelt right.
    if len(key) >= 3 and (postings is None or len(postings.get(key, ())) <= RARE_PART_NAMES):
        options.append((DELETED + key, DELETION_SHARE))
        for deleted in deletions(key):
            options.append((DELETED + deleted, NEIGHBOUR_SHARE))
            options.append((deleted, NEIGHBOUR_SHARE))
    if arabic and len(key) >= 2:
        # sorted: a set's order changes with the hash seed, and the order names are first fetched in
        # breaks ties at the candidate cut (screening must give the same hits on every run)
        options.extend(
            (LOOSE + loose, VARIANT_SHARE) for loose in sorted(loose_keys(token)) if len(loose) >= 2
        )
        # a word the lists translate (الشام, Levant): the translation's skeleton, as the part's own
        options.extend((phonetic_key(word), OWN_SHARE) for word in translations(token))
    elif cyrillic and len(key) >= 2:
        # Russian writes Arabic و as the vowel у (Таухид, Tawhid): a Cyrillic part's skeleton is looked up
        # among the list names' W/Y-free skeletons too, under each reading (KHATIBA is also KTB). Its own
        # в stays a consonant (Михайлов is not Mikhail).
        options.append((LOOSE + key, VARIANT_SHARE))
    return tuple(options)

"""What each part of a name is (a name, an honorific, a particle, a legal form, a generic word, a
patronymic), how much it weighs, and which spelling family it belongs to. The words themselves are in
``matching.lexicon``; the rules that read them are here."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from rapidfuzz.distance import OSA

from listwatch.matching.lexicon.families import ARABIC_FAMILY, FAMILIES
from listwatch.matching.lexicon.glossary import GLOSS, GLOSS_NAMES
from listwatch.matching.lexicon.honorifics import ARABIC_HONORIFICS, HONORIFICS, TITLES
from listwatch.matching.lexicon.organisations import GENERIC, LEGAL_FORMS, TRANSLATED_WORDS
from listwatch.matching.lexicon.particles import PARTICLES, PATRONYMIC_WORDS

TokenClass = Literal["name", "title", "honorific", "particle", "legal", "generic", "patronymic"]
# What a part of each class weighs (times its rarity, ``weights.key_weight``):
_CLASS_WEIGHT: dict[TokenClass, float] = {
    "name": 1.0,
    # Jr., Sr., Dr.: they tell two people of a name apart, a little; often left out by either side
    "title": 0.1,
    # Mullah, Haji, Sheikh: a form of address, not a name; one side writes it, the other not
    "honorific": 0.0,
    # al, bin, ibn, the, of: written, dropped or fused by each romanisation (ALBASHIR, Al Bashir)
    "particle": 0.1,
    # Ltd, LLC, OAO: registers write one, lists another or none
    "legal": 0.1,
    # group, front, movement, bank: they say what kind of entity, little about which; but "ISLAMIC
    # STATE" and "ISLAMIC ARMY" differ by them, so they count, at about a third
    "generic": 0.35,
    # Passports and most bank records leave the patronymic out; a list name's patronymic costs little.
    "patronymic": 0.4,
}
# Class weights under this do not count in coverage or cost when unaligned (particles, legal forms,
# titles, honorifics); generic words and patronymics do.
COUNTED_CLASS = 0.3
PATRONYMIC = re.compile(r"^[a-z]{3,}(ovich|evich|ovna|evna|ichna|ogly|oglu|uly|kyzy|qizi|ugli)$")

_GLOSS_ALL = GLOSS | GLOSS_NAMES
# The reason ``part_similarity`` gives for two parts that are one word and its translation.
TRANSLATED = "translated"
TRANSLATED_NAME_SIMILARITY = 0.9


def translations(token: str) -> tuple[str, ...]:
    """The English words the lists translate an Arabic-script part by (``GLOSS``; none for most)."""
    return _GLOSS_ALL.get(token, ())


def translated(query: str, candidate: str) -> str:
    """The word two parts share by translation, one side read in English, or both (empty if none):
    "msri" and "egyptian", "aslami" and "islamia" (both "islamic")."""
    for token, other in ((query, candidate), (candidate, query)):
        words = _GLOSS_ALL.get(token)
        if words:
            other_words = _GLOSS_ALL.get(other, ())
            other_word = canonical(other)
            for word in words:
                if word == other_word or word in other_words:
                    return word
    return ""


FAMILY: dict[str, str] = (
    {v: k for k, vs in FAMILIES.items() for v in vs}
    | {k: k for k in FAMILIES}
    | ARABIC_FAMILY
    | TRANSLATED_WORDS
    | {v: v for v in TRANSLATED_WORDS.values()}
)


def token_class(token: str) -> TokenClass:
    if token in TITLES:
        return "title"
    if token in HONORIFICS:
        return "honorific"
    if token in PARTICLES:
        return "particle"
    if token in LEGAL_FORMS:
        return "legal"
    if token in GENERIC:
        return "generic"
    if PATRONYMIC.match(token):
        return "patronymic"
    return "name"


_CLASS_WEIGHTS: dict[str, float] = {
    t: _CLASS_WEIGHT[token_class(t)] for t in (*HONORIFICS, *PARTICLES, *LEGAL_FORMS, *GENERIC, *TITLES)
}


@lru_cache(maxsize=200_000)
def class_weight(token: str) -> float:
    weight = _CLASS_WEIGHTS.get(token)
    if weight is None:
        weight = _CLASS_WEIGHT["patronymic"] if PATRONYMIC.match(token) else 1.0
    return weight


def class_weights(tokens: tuple[str, ...]) -> tuple[float, ...]:
    """``class_weight`` of each part of a name, a two-word patronymic weighed as one."""
    weights = [class_weight(t) for t in tokens]
    for i in range(1, len(tokens)):
        if tokens[i] in PATRONYMIC_WORDS and weights[i - 1] == 1.0:
            weights[i - 1] = weights[i] = _CLASS_WEIGHT["patronymic"]
    return tuple(weights)


def canonical(token: str) -> str:
    return FAMILY.get(token, token)


@lru_cache(maxsize=100_000)
def mistyped_honorific(token: str) -> bool:
    """ "Mulah", "Hajjji", "Seeyed", "Hadiz": an honorific with one keying error weighs nothing either."""
    if len(token) < 5 or token in HONORIFICS or token in FAMILY:
        return False
    return any(h[0] == token[0] and OSA.distance(token, h, score_cutoff=1) <= 1 for h in _TYPO_HONORIFICS)


# Honorifics whose one-typo forms weigh nothing: not the Arabic-script skeletons (مولوی "mulwi"), since
# a transliterated name is no typo (المولدي "muldi" is Mouldi), nor titles that are also names.
_TYPO_HONORIFICS = tuple(
    h for h in sorted(HONORIFICS) if len(h) >= 5 and h not in ARABIC_HONORIFICS and h not in TITLES
)

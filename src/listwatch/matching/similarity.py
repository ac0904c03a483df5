"""How alike two name parts are, and why: ``part_similarity``. The rules, in the order they are tried,
are in ``similarity_rules``; the clashes that keep two different names apart (another gender, another
pinyin syllable, a surname or nisba built on a name) are beside them."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA, JaroWinkler

from listwatch.matching.classes import (
    FAMILY,
    PATRONYMIC,
    TRANSLATED,
    TRANSLATED_NAME_SIMILARITY,
    canonical,
    translated,
)
from listwatch.matching.keys import letters, loose_keys, phonetic_key, readings, unfused
from listwatch.matching.lexicon.glossary import GLOSS_NAMES
from listwatch.matching.lexicon.organisations import TRANSLATED_WORDS
from listwatch.matching.lexicon.particles import PARTICLES
from listwatch.matching.lexicon.pinyin import PINYIN_FINALS, PINYIN_INITIALS

# Russian, Ukrainian and Bulgarian surnames change with gender (Kozlov/Kozlova, Andreev/Andreeva,
# Belsky/Belskaya): the two forms name different people, so they agree less than a spelling variant.
_GENDERED = re.compile(r"^(.{3,}(?:ov|ev|in|yn))(a)?$|^(.{3,}sk)(?:ii|iy|y|i|aia|aya|aja)$")


def _gender_clash(a: str, b: str) -> bool:
    ma, mb = _GENDERED.match(a), _GENDERED.match(b)
    if ma is None or mb is None or ma.group(3) or mb.group(3):
        return False
    return ma.group(1) == mb.group(1) and (ma.group(2) is None) != (mb.group(2) is None)


def _other_gender(a: str, b: str) -> bool:
    """Two Russian-style surnames of two genders spelt otherwise (Kodirov / Kadyrova)."""
    ma, mb = _GENDERED.match(a), _GENDERED.match(b)
    if ma is None or mb is None or ma.group(3) or mb.group(3):
        return False
    return ma.group(1) != mb.group(1) and (ma.group(2) is None) != (mb.group(2) is None)


# Pinyin: two different syllables are two different characters, so two different names (Zhang, Zheng,
# Huang; Jun, Jin; Wu Xin is not Wu Xian); a syllable is not a two-syllable given name that starts with
# it (Jing, Jingfeng): the two syllables written apart are joined by the alignment instead. Only the
# final (the vowel and its ending) is compared: initials differ between romanisations of one name
# (Wade-Giles Chang is pinyin Zhang; Korean Kang and Gang).
# A one-syllable part is not a two-syllable given name either (Zheng is not Zhiyong, Ying not Yonghao),
# though their skeletons agree (JNG).


@lru_cache(maxsize=100_000)
def pinyin_final(token: str) -> str | None:
    """The final of a one-syllable pinyin token ("zhang" -> "ang"), None if it is not one."""
    for initial in PINYIN_INITIALS:
        if token.startswith(initial) and token[len(initial) :] in PINYIN_FINALS:
            return token[len(initial) :]
    return None


@lru_cache(maxsize=100_000)
def _pinyin_pair(token: str) -> bool:
    """Whether ``token`` is two pinyin syllables written as one ("zhiyong", "fujing")."""
    return any(
        pinyin_final(token[:i]) is not None and pinyin_final(token[i:]) is not None
        for i in range(1, len(token))
    )


def pinyin_clash(a: str, b: str) -> bool:
    fa, fb = pinyin_final(a), pinyin_final(b)
    if fa is not None and fb is not None:
        return fa != fb
    if (fa is None) == (fb is None):
        return False
    # One syllable against two (Zheng / Zhiyong, Jing / Fujing, Jing / Jingfeng): other names.
    return _pinyin_pair(b if fa is not None else a)


# A Russian surname built on a given name (Khalidov, Aliev, Ivanov) is another name than the given name.
_SURNAME = re.compile(r"^(.{3,}?)(?:ov|ev|ova|eva)$")
_SURNAME_ENDS = ("ov", "ev", "ova", "eva")


def _surname_of(name: str, surname: str) -> bool:
    if len(name) >= len(surname):
        return False
    match = _SURNAME.match(surname)
    return (
        match is not None
        and _SURNAME.match(name) is None
        and phonetic_key(match.group(1)) == phonetic_key(name)
        and JaroWinkler.normalized_similarity(match.group(1), name) >= 0.8  # not SOKOLOV / SAKALY
    )


# An Arabic nisba (Hashimi, Karimi, Zahrani, "of Hashim") is another name than the one it is built on.
_NISBA = re.compile(r"^(.{3,}?)(?:iy|ee|i|y)$")
# The nisba or surname on the list's side (Monajem for MONAJEMI, Zhuko for ZHUKOV), or the query a
# prefix of the list's part (Khali for KHALIL): maybe the list's name cut short or its last letter
# dropped, which records do; at the least an aligned pair has.
NISBA_SIMILARITY = 0.8
# The nisba or surname in the query (Hashimi for HASHIM, Khalidov for KHALID): a record seldom adds an
# ending, so it is most likely the other name, and counts less than any spelling.
DERIVED_QUERY_SIMILARITY = 0.7


def _derived(derived_in_query: bool) -> float:
    return DERIVED_QUERY_SIMILARITY if derived_in_query else NISBA_SIMILARITY


def _nisba_clash(a: str, b: str) -> bool:
    if a[-1] in "iy":
        a, b = b, a
    if a[-1] in "aeiouy" or b[-1] not in "iy":
        return False
    match = _NISBA.match(b)
    return match is not None and phonetic_key(match.group(1)) == phonetic_key(a)


# A part with a particle fused in front against the part alone (ALBASHIR / BASHIR): the same name, the
# particle being written apart, joined or left out by each record; a little under a spelling family.
FUSED_SIMILARITY = 0.94
# What the rest must agree with the other part to be read so: the same name, or a close spelling.
FUSED_REST_SIMILARITY = 0.9


def _fused(whole: str, part: str, loose: bool) -> tuple[float, str] | None:
    rest = unfused(whole)
    if not rest or rest[0] != part[0] or unfused(part):
        return None
    sim = 1.0 if rest == part else similarity_rules(rest, part, loose)[0]
    if sim < FUSED_REST_SIMILARITY:
        return None
    return min(sim, FUSED_SIMILARITY), f"particle fused ({whole[: len(whole) - len(rest)]}-{rest})"


# A patronymic cut short at the end of a register's field ("Nikolayev" for NIKOLAYEVICH): at least this
# long, a prefix of the other part, and at most ``PATRONYMIC_CUT`` letters short (the -ich, -na ending;
# Aleksandr is five letters short of Aleksandrovich, a given name, no patronymic). The patronymic rule
# lets it through; spelling similarity scores it.
CUT_SHORT_MIN = 6
PATRONYMIC_CUT = 3


def _cut_short(a: str, b: str) -> bool:
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) >= CUT_SHORT_MIN and len(long) - len(short) <= PATRONYMIC_CUT and long.startswith(short)


# Two short parts (three or four letters) one keying error apart: aligned, at the least similarity an
# aligned pair has, since a short part one letter from another is as often another word as a typo.
SHORT_TYPO_SIMILARITY = 0.8
SHORT_TYPO_MAX = 4


def _short_typo(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 3 or max(len(a), len(b)) > SHORT_TYPO_MAX or a in FAMILY or b in FAMILY:
        return False
    return OSA.distance(a, b, score_cutoff=1) <= 1


def _swapped(a: str, b: str) -> bool:
    """Two parts one swap of adjacent letters apart (MAJOYR, MAJORY)."""
    return len(a) == len(b) and a != b and sorted(a) == sorted(b) and OSA.distance(a, b, score_cutoff=1) <= 1


# Token pairs below this similarity are not aligned at all: they conflict.
MIN_PART_SIMILARITY = 0.8
# Jaro-Winkler rates short, similar-looking strings high ("Hasan"/"Hasin" 0.92): spelling similarity
# counts only above MIN_PART_SIMILARITY plus this margin, and is lowered by it.
SPELLING_MARGIN = 0.04
# Two parts of one spelling family (Mohammed/Muhammad) or one word and its translation (جماعة/Group):
# the same name by the lists' own usage, but not the same spelling, so a little under 1.0.
FAMILY_SIMILARITY = 0.96
# Two parts of six letters or more one keying error apart agree at least this much: a long part with
# one letter wrong is the same part far more often than another name.
TYPO_SIMILARITY = 0.88
# A Russian surname in the other gender (Kozlov/Kozlova): the same family, most likely another person.
GENDER_SIMILARITY = 0.82
# Spelt otherwise too (Kodirov / Kadyrova): two doubts on one part, so the least an aligned pair has.
OTHER_SPELLING_GENDER_SIMILARITY = 0.8
# The same consonant skeleton: the floor by the skeleton's length (a long skeleton rarely agrees by
# chance, a short one often: "AL", "MR"), the most it gives (not 1.0: the spelling differs), and the
# spelling similarity a Latin pair still needs ("Hasan" and "Hosseini" share H-S-N, little else).
SKELETON_FLOORS = {4: 0.93, 3: 0.9}  # by skeleton length, 4 or more and 3; shorter: SHORT_SKELETON_FLOOR
SHORT_SKELETON_FLOOR = 0.86
SKELETON_CEILING = 0.97
# For skeletons of four letters or more: as alike as the least aligned pair (0.8; 0.7 until v4 let
# names whose vowels differ in most places through: Vasilev / Veselov, Semenov / Simonov).
SKELETON_SPELLING = 0.8
SHORT_SKELETON_SPELLING = 0.75
# Two parts of one skeleton spelt by different digraph standards agree when their spellings with each
# digraph as one letter (``letters``) are this alike.
LETTERS_SIMILARITY = 0.85


def may_be_alike(query: str, candidate: str) -> bool:
    """False only where ``similarity_rules`` give 0 (most pairs of a customer's name and a list name):
    each rule that finds two parts alike needs one of these, and they cost less than the rules. A new
    rule must keep this true (``tests/matching/test_name_pairs.py`` checks it on real names)."""
    cq, cc = canonical(query), canonical(candidate)
    return (
        cq == cc
        # a nisba (Hashimi / Hashim): the rule's own test, since a third of all names end in i or y
        or ((query[-1] in "iy" or candidate[-1] in "iy") and _nisba_clash(query, candidate))
        or query.endswith(_SURNAME_ENDS)  # a surname built on the name (Khalidov / Khalid)
        or candidate.endswith(_SURNAME_ENDS)
        or query.startswith(candidate)  # a gendered surname (Kozlova / Kozlov)
        or candidate.startswith(query)
        or phonetic_key(query) == phonetic_key(candidate)
        or bool(unfused(query) or unfused(candidate))  # a particle fused in front (Albashir / Bashir)
        or (max(len(query), len(candidate)) <= SHORT_TYPO_MAX and _short_typo(query, candidate))
        or JaroWinkler.normalized_similarity(cq, cc) >= MIN_PART_SIMILARITY + SPELLING_MARGIN
        or JaroWinkler.normalized_similarity(query, candidate) >= MIN_PART_SIMILARITY + SPELLING_MARGIN
    )


@lru_cache(maxsize=500_000)
def part_similarity(query: str, candidate: str, loose: bool = False) -> tuple[float, str]:
    """How alike two name parts are (0..1) and why, for the explanation.

    ``loose``: one side was written in Arabic script, which has no short vowels, so an equal consonant
    skeleton is enough ("hbu" from حبو is "Habbo"), and W/Y may be vowels (``loose_key``).
    """
    if query == candidate:
        return 1.0, "same"
    if not (loose or may_be_alike(query, candidate)):
        return 0.0, "differs"
    return similarity_rules(query, candidate, loose)


def similarity_rules(query: str, candidate: str, loose: bool = False) -> tuple[float, str]:
    """``part_similarity`` without its first cheap test (tests check that test against these rules)."""
    if query == candidate:
        return 1.0, "same"
    found = _rules(query, candidate, loose)
    # Kodirov / Kadyrova: a spelling and a gender apart (Kozlov / Kozlova is ``_gender_clash``)
    if found[0] > OTHER_SPELLING_GENDER_SIMILARITY and _other_gender(query, candidate):
        return OTHER_SPELLING_GENDER_SIMILARITY, f"{found[1]}, other gender"
    return found


def _rules(query: str, candidate: str, loose: bool) -> tuple[float, str]:
    cq, cc = canonical(query), canonical(candidate)
    if cq == cc:
        if query in TRANSLATED_WORDS or candidate in TRANSLATED_WORDS:
            return FAMILY_SIMILARITY, f"{TRANSLATED} ({cq})"  # جبهة / Front, في / in
        return FAMILY_SIMILARITY, f"spelling family {cq}"
    if loose:
        word = translated(query, candidate)
        if word:
            if query in GLOSS_NAMES or candidate in GLOSS_NAMES:
                return TRANSLATED_NAME_SIMILARITY, f"{TRANSLATED} ({word})"  # المصري / Egyptian
            return FAMILY_SIMILARITY, f"{TRANSLATED} ({word})"  # جماعة / Group
    if query in FAMILY and candidate in FAMILY:
        return 0.0, f"different names ({cq}, {cc})"  # Mahmud is not Muhammad
    if (
        (PATRONYMIC.match(query) is None) != (PATRONYMIC.match(candidate) is None)
        and abs(len(query) - len(candidate)) >= 3
        and not _cut_short(query, candidate)
    ):
        return 0.0, "differs (a given name is not a patronymic)"  # Aleksandr / Aleksandrovich
    if _gender_clash(query, candidate):
        return GENDER_SIMILARITY, "same surname, other gender"
    surname_in_query = query.endswith(_SURNAME_ENDS) and _surname_of(candidate, query)
    if surname_in_query or (candidate.endswith(_SURNAME_ENDS) and _surname_of(query, candidate)):
        return _derived(surname_in_query), "a surname built on the name (-ov)"  # Khalid / Khalidov
    if not loose and pinyin_clash(query, candidate):
        return 0.0, "different pinyin syllables"
    if (query in PARTICLES) != (candidate in PARTICLES):
        return 0.0, "differs (a particle is not a name)"  # السيد "al" is not Ali
    fused = _fused(query, candidate, loose) or _fused(candidate, query, loose)
    if fused:
        return fused
    jw = max(JaroWinkler.normalized_similarity(cq, cc), JaroWinkler.normalized_similarity(query, candidate))
    pq, pc = phonetic_key(query), phonetic_key(candidate)
    if _nisba_clash(query, candidate) and (loose or not _swapped(query, candidate)):
        # not MAJOYR for MAJORY: a keying error
        nisba_in_query = query[-1] in "iy" and candidate[-1] not in "iy" and not candidate.startswith(query)
        return _derived(nisba_in_query), "a nisba of the name (-i)"
    if loose and pq != pc and max(len(pq), len(pc)) >= 2:
        # Arabic script: W/Y may be vowels (Khawla / خولة "khula"), th may be s and dh z (Fazl / فضل).
        common = loose_keys(query) & loose_keys(candidate)
        shortest = min(common, key=lambda k: (len(k), k)) if common else ""  # not by set order: by hash
        if len(shortest) >= 2:
            pq = pc = shortest
    read = loose and pq != pc and bool(set(readings(query)) & set(readings(candidate)))
    if read:
        pq = pc  # the same spelling under one reading: ضیا "dhia" / Zia
    if pq == pc and pq:
        # Short skeletons ("AL", "MR") agree by chance; long ones rarely do. "Hasan" and "Hosseini"
        # share H-S-N but little else: the spelling must agree somewhat too, unless written in Arabic.
        floor = SKELETON_FLOORS.get(min(len(pq), 4), SHORT_SKELETON_FLOOR)
        least = SKELETON_SPELLING if len(pq) >= 4 else SHORT_SKELETON_SPELLING
        if jw < least and not loose:
            # spelt with the digraphs of another standard: the Russian ДЖИХАД "dzhikhad" is Jihad (the
            # spellings with each digraph one letter must agree closely: not Zaitseva / Zueva)
            spelt = JaroWinkler.normalized_similarity(letters(query), letters(candidate))
            if spelt >= LETTERS_SIMILARITY:
                jw = spelt
        if jw >= least or (loose and len(pq) >= 2) or read:
            return max(floor, min(jw, SKELETON_CEILING)), f"sounds alike ({pq})"
        if loose and query[0] == candidate[0] and max(len(query), len(candidate)) <= 3:
            return floor, f"sounds alike ({pq})"  # عبدالحی "abd al hi" / Abdul Hai
    # Short parts must agree exactly or by sound: "Put" is not "Putin"; or be one keying error apart,
    # neither a common name (BAK for BANK, OKV for OKB; not Ali for Ari).
    if min(len(query), len(candidate)) <= 3:
        if _short_typo(query, candidate):
            return SHORT_TYPO_SIMILARITY, "one keying error (short part)"
        return 0.0, "differs"
    if jw >= MIN_PART_SIMILARITY + SPELLING_MARGIN:
        spelt = round(jw - SPELLING_MARGIN, 4)
        if min(len(query), len(candidate)) >= 6 and OSA.distance(query, candidate, score_cutoff=1) <= 1:
            return max(TYPO_SIMILARITY, spelt), "one keying error"  # ZVEaDA / ZVEZDA
        return spelt, f"spelling {jw:.2f}"
    return 0.0, "differs"

"""Scoring one query name against one list name, and a candidate against a query, with the reasons.

Algorithm ``name-align-v5`` (v1 of 2026-11-22; v2 added joined parts, one-edit keys, name families that
conflict, gendered surnames; v3 fused particles, Russian and Kazakh organisation words, and middle parts
that cost less; v4 reads "SURNAME, Given" names in the order they are said as well as written, however
many parts the surname has; v5 reads the query's last part as a list part cut short, and finds the
list parts a part starts; see docs/screening.md):

1. Parts are aligned one to one, best pairs first, whatever their order ("BARADAR, Abdul Ghani" and
   "Abdul Ghani Baradar" align fully). Pairs less alike than ``MIN_PART_SIMILARITY`` are not aligned.
2. ``name score = sum(w * similarity) / (sum(w) of aligned pairs + unaligned query weight
   + 0.5 * unaligned list-name weight)``. Each part weighs by rarity among list names (``key_weight``)
   times its class (honorifics 0, particles and legal forms 0.1, generic words 0.35). A query part with
   no partner is a conflict and costs fully; a list name's extra parts (a patronymic, a tribe name)
   cost half, since customers rarely give every part; either between two aligned parts of its name
   (a middle name) ``MIDDLE_PART_COST`` of that.
3. Aligned pairs out of order cost 3% (a rotation of three or more parts, "BARADAR, Abdul Ghani", is
   free, and translated words keep no order), so swapped given and family names do not score 1.0; a
   weak alias costs 8%; a name that is one common given name alone, on both sides ("Abdul"), 15%.
4. ``score = 0.9 * name score + birth date evidence + country evidence``, clipped to 0..1
   (``result.combine``; the evidence is in ``evidence``).

``ALGORITHM`` names these scores: ``tests/matching/test_golden.py`` fails when a score of the golden
pairs changes under the same name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.distance import JaroWinkler

from listwatch.matching.classes import COUNTED_CLASS, FAMILY, TRANSLATED, class_weight
from listwatch.matching.keys import loose_keys, readings
from listwatch.matching.lexicon.particles import JOIN_SKIP, PARTICLES
from listwatch.matching.similarity import part_similarity, pinyin_clash

ALGORITHM = "name-align-v5"
# Aligned parts out of order: customers and lists write given and family names in either order, so it
# costs little, but enough that swapped names do not score as the name itself.
ORDER_FACTOR = 0.97
# A list name's parts missing from the query (a patronymic, a tribe name, a second given name) cost half
# their weight: customers rarely give every part a list knows.
EXTRA_LIST_PART_COST = 0.5
# A given name of a common family ("Abdul", "Muhammad") alone, against a list name of that part alone,
# says little: such a match costs 15% (an acronym alone, "AQI", does not).
LONE_COMMON_WEIGHT = 0.4
LONE_COMMON_FACTOR = 0.85
# A part left over between two aligned parts of its name (a middle name, a father's name) costs this
# share of what it would cost elsewhere: records add and drop middle names more than anything else,
# while the first and last parts (given and family name) agreeing is what identifies a person.
MIDDLE_PART_COST = 0.4
# The aligned parts around a middle part must agree at least this much (a spelling family, one sound).
MIDDLE_FRAME_SIMILARITY = 0.9
# Two adjacent parts read as one must be spelt this like a part of the other name (Jaro-Winkler): a
# join is tried only when parts are left over, and a looser one would join any two short parts.
JOIN_SIMILARITY = 0.9
# The query's last part, a list part's start that no other rule finds alike ("AL-A" for AL-ALI, "Yurye"
# for YURYEVNA, "MA'R" for MA'RUF): a register's field or a form's box cut the name there, at its end,
# so there alone a prefix is read as the part cut short (or an initial), at the least similarity an
# aligned pair has. Elsewhere in the name "Put" is not "Putin"; and two pinyin syllables are two
# characters however one starts the other (Chen is not Cheng, Jing not Jingfeng).
CUT_SHORT_SIMILARITY = 0.8
CUT_SHORT_REASON = "cut short at the end"


def _cut_short(query_part: str, list_part: str) -> bool:
    """Whether the query's last part may be ``list_part`` cut short (both names, not particles)."""
    return (
        len(list_part) > len(query_part)
        and list_part.startswith(query_part)
        and query_part not in PARTICLES
        and class_weight(list_part) >= COUNTED_CLASS
        and (len(query_part) < 2 or not pinyin_clash(query_part, list_part))  # Jing is not Jingfeng
    )


@dataclass(frozen=True, slots=True)
class PartMatch:
    query: str
    candidate: str
    similarity: float
    reason: str


@dataclass(frozen=True, slots=True)
class NameScore:
    score: float
    pairs: tuple[PartMatch, ...]
    unmatched_query: tuple[str, ...]
    unmatched_candidate: tuple[str, ...]
    ignored: tuple[str, ...]
    # A factor the whole name score took, and why (parts out of order, one common name alone).
    penalty: str = ""
    factor: float = 1.0

    def detail(self) -> str:
        """The alignment in words: each pair with its reason and similarity, then what is left over."""
        text = "; ".join(f"{p.query}={p.candidate} ({p.reason}, {p.similarity:.2f})" for p in self.pairs)
        if self.unmatched_query:
            text += " | query parts without match: " + " ".join(self.unmatched_query)
        if self.unmatched_candidate:
            text += " | list parts not in query: " + " ".join(self.unmatched_candidate)
        if self.ignored:
            text += " | ignored honorifics: " + " ".join(self.ignored)
        if self.penalty:
            text += f" | {self.penalty} (x{self.factor})"
        return text


EMPTY = NameScore(0.0, (), (), (), ())


# The parts of a name that may join are remembered per name (below); bounded, emptied when full.
_PAIRS_LIMIT = 200_000


def _joined(
    tokens: tuple[str, ...], weights: tuple[float, ...], other: tuple[str, ...], loose: bool
) -> list[tuple[tuple[str, ...], tuple[float, ...], tuple[str, ...]]]:
    """Each way of joining two adjacent name parts (over a particle between them) into one that is
    spelt like a part of the other name (Jaro-Winkler >= 0.9, or the same skeleton when one side is in
    Arabic script). Patronymics never join ("Sergei Dmitrievich" is not one name), nor parts under
    three letters unless one side is in Arabic script ("Yu Song" is not "Yusong"; لا لا is LALA)."""
    pairs = _join_pairs(tokens, weights)
    if not pairs:
        return []
    longer = _longer(other)
    out = []
    for i, j, joined, short in pairs:
        if (loose or not short) and _pair_joins(joined, other, longer, loose):
            merged = (*tokens[:i], joined, *tokens[j + 1 :])
            merged_w = (*weights[:i], weights[i] + weights[j], *weights[j + 1 :])
            labels = (*tokens[:i], "-".join(tokens[i : j + 1]), *tokens[j + 1 :])
            out.append((merged, merged_w, labels))
    return out


def _may_join(
    pairs: list[tuple[int, int, str, bool]],
    other: tuple[str, ...],
    longer: list[tuple[str, int, int]],
    loose: bool,
) -> bool:
    """Whether ``_joined`` finds a way (without building it: most names have none), from the name's
    ``join_side`` and the other name's."""
    for _i, _j, joined, short in pairs:
        if (loose or not short) and _pair_joins(joined, other, longer, loose):
            return True
    return False


# What ``name_bound`` needs of a name to test whether parts join: its pairs of parts that may join
# (``_join_pairs``) and its parts long enough for a joined pair to be spelt like them (``_longer``).
JoinSide = tuple[list[tuple[int, int, str, bool]], list[tuple[str, int, int]]]


def join_side(tokens: tuple[str, ...], weights: tuple[float, ...]) -> JoinSide:
    """Computed once per query and once per list name by the screener, which keeps them (``name_bound``
    alone looks both up in caches keyed by the names, for every pair of names)."""
    return _find_join_pairs(tokens, weights), _long_parts(tokens)


def _pair_joins(joined: str, other: tuple[str, ...], longer: list[tuple[str, int, int]], loose: bool) -> bool:
    # ``_joins`` needs a part of six letters or more on the other side, of about the joined length
    # (any length across scripts, which write no short vowels: "bnhsin", BENHASSINE), or the same
    # spelling (لا لا "la la", LALA).
    if joined in other:
        return True
    size = len(joined)
    spread = size // 2 if loose else 0
    for t, n, slack in longer:
        if (abs(size - n) <= slack or abs(size - n) <= spread) and _joins(joined, t, loose):
            return True
    return False


def _longer(other: tuple[str, ...]) -> list[tuple[str, int, int]]:
    longer = _LONGER.get(other)
    if longer is None:
        if len(_LONGER) >= _PAIRS_LIMIT:
            _LONGER.clear()
        longer = _LONGER[other] = _long_parts(other)
    return longer


def _long_parts(tokens: tuple[str, ...]) -> list[tuple[str, int, int]]:
    return [(t, len(t), max(2, len(t) // 4)) for t in tokens if len(t) >= 6]


# The parts of a name six letters or more long, with their length and the slack ``_joins`` allows.
_LONGER: dict[tuple[str, ...], list[tuple[str, int, int]]] = {}
# The parts of a name that may join, by name: a list name is aligned against many queries, a query
# against several list names. Bounded; emptied when full.
_PAIRS: dict[tuple[tuple[str, ...], tuple[float, ...]], list[tuple[int, int, str, bool]]] = {}


def _join_pairs(tokens: tuple[str, ...], weights: tuple[float, ...]) -> list[tuple[int, int, str, bool]]:
    """``(i, j, joined, short)`` for each two parts that may be read as one, whatever the other name;
    ``short``: a part is under three letters, which joins across scripts only."""
    found = _PAIRS.get((tokens, weights))
    if found is None:
        if len(_PAIRS) >= _PAIRS_LIMIT:
            _PAIRS.clear()
        found = _PAIRS[(tokens, weights)] = _find_join_pairs(tokens, weights)
    return found


def _find_join_pairs(tokens: tuple[str, ...], weights: tuple[float, ...]) -> list[tuple[int, int, str, bool]]:
    found = []
    count = len(tokens)
    for i in range(count - 1):
        for j in (i + 1, i + 2):
            if j >= count or (j == i + 2 and tokens[i + 1] not in JOIN_SKIP):
                continue
            a, b = tokens[i], tokens[j]
            if weights[i] == 0.0 or weights[j] == 0.0:
                continue
            if len(a) >= 3 and len(b) >= 3 and class_weight(a) == 1.0 and class_weight(b) == 1.0:
                found.append((i, j, a + b, False))
            elif _joinable(a) and _joinable(b) and len(a) + len(b) >= 4:
                # A particle or a short part with its neighbour, an article between them kept: BEN
                # HASSINE as بنحسين "bnhsin", BIN AL SHIBH as BINALSHIBH, ما يشو "ma yshu" as MAYCHOU.
                joined = a + tokens[i + 1] + b if j == i + 2 else a + b
                found.append((i, j, joined, len(a) < 3 or len(b) < 3))
    return found


def _joinable(token: str) -> bool:
    return token in PARTICLES or class_weight(token) == 1.0


@lru_cache(maxsize=200_000)
def _joins(joined: str, token: str, loose: bool) -> bool:
    similarity = JaroWinkler.normalized_similarity
    if abs(len(joined) - len(token)) <= max(2, len(token) // 4):
        if similarity(joined, token) >= JOIN_SIMILARITY:
            return True
        # one spelling under a reading of each side: "mayshu", MAYCHOU read as mayshou
        if loose and any(
            similarity(a, b) >= JOIN_SIMILARITY for a in readings(joined) for b in readings(token)
        ):
            return True
    # Arabic script writes no short vowels: the skeletons agree however far the lengths ("bnhsin",
    # BENHASSINE); only the skeleton then, a prefix's spelling would agree by chance.
    return loose and any(len(key) >= 4 for key in loose_keys(joined) & loose_keys(token))


def align(
    query: tuple[str, ...],
    q_weights: tuple[float, ...],
    cand: tuple[str, ...],
    c_weights: tuple[float, ...],
    loose: bool = False,
    surname_first: tuple[int, int] = (0, 0),
) -> NameScore:
    """Align the parts of two names and score the alignment (steps 1 to 3 of the module docstring).
    ``surname_first``: for each name written "SURNAME, Given Middle", how many parts the surname has
    (its middle parts are last; its natural order is "Given Middle SURNAME").

    When parts are left over, two adjacent parts of either name may also be read as one
    (CHONG-CHONGANG and CHONGCHONGANG, عزیز الرحمان and Azizirahman); the better reading is kept.
    """
    best = _align(query, q_weights, cand, c_weights, loose, surname_first)
    labels: tuple[tuple[str, ...], tuple[float, ...], tuple[str, ...]] = (query, q_weights, cand)
    if (best is not None and not (best[2] or best[3])) or len(query) + len(cand) < 3:
        return _name_score(best, *labels)
    top = best[0] if best is not None else 0.0
    for merged, weights, q_labels in _joined(query, q_weights, cand, loose):
        other = _align(merged, weights, cand, c_weights, loose, surname_first)
        if other is not None and other[0] > top:
            best, top, labels = other, other[0], (q_labels, weights, cand)
    for merged, weights, c_labels in _joined(cand, c_weights, query, loose):
        other = _align(query, q_weights, merged, weights, loose, surname_first)
        if other is not None and other[0] > top:
            best, top, labels = other, other[0], (query, q_weights, c_labels)
    return _name_score(best, *labels)


def name_bound(
    query: tuple[str, ...],
    q_weights: tuple[float, ...],
    cand: tuple[str, ...],
    c_weights: tuple[float, ...],
    loose: bool = False,
    floor: float = 0.0,
    sides: tuple[JoinSide, JoinSide] | None = None,
) -> float:
    """The most ``align`` can score for these names, from each part's best similarity alone.

    A part with no similar part on the other side is unaligned in any alignment, and costs; each
    aligned pair earns at most its parts' best similarities. So ``align(...).score <= name_bound(...)``
    (``matched / (aligned + unaligned) <= matched / (matched + unaligned)``, rising with matched). It
    costs a fraction of an alignment and rules out most list names a customer's name shares a part
    with. Where two parts could be read as one, it gives up (1.0). Once even the parts not yet compared
    matching perfectly would leave it under ``floor``, it stops there (a looser bound, still a bound).
    """
    q_side, c_side = sides or (
        (_join_pairs(query, q_weights), _longer(query)),
        (_join_pairs(cand, c_weights), _longer(cand)),
    )
    if _may_join(q_side[0], cand, c_side[1], loose) or _may_join(c_side[0], query, q_side[1], loose):
        return 1.0
    similarity = part_similarity
    best_c = [0.0] * len(cand)
    matched = 0.0
    unmatched = 0.0
    # What the parts not yet compared could add at most: half of each part's weight.
    ahead = (sum(q_weights) + sum(c_weights)) / 2.0
    last = len(query) - 1
    for i, qt in enumerate(query):
        wq = q_weights[i]
        if wq == 0.0:
            continue
        best = 0.0
        for j, ct in enumerate(cand):
            if c_weights[j] != 0.0:
                sim = similarity(qt, ct, loose)[0]
                if sim == 0.0 and i == last and _cut_short(qt, ct):
                    sim = CUT_SHORT_SIMILARITY
                if sim > best:
                    best = sim
                if sim > best_c[j]:
                    best_c[j] = sim
        ahead -= wq / 2.0
        if best > 0.0:
            matched += wq * best / 2.0
        elif class_weight(qt) >= COUNTED_CLASS:
            unmatched += MIDDLE_PART_COST * wq  # the least it costs (``_unaligned_cost``)
            most = matched + ahead
            if most <= 0.0:
                return 0.0
            if most / (most + unmatched) < floor:
                return round(most / (most + unmatched) + 5e-5, 4)  # rounded up: never under the bound
    for j, ct in enumerate(cand):
        if best_c[j] > 0.0:
            matched += c_weights[j] * best_c[j] / 2.0
        elif class_weight(ct) >= COUNTED_CLASS:
            unmatched += MIDDLE_PART_COST * EXTRA_LIST_PART_COST * c_weights[j]
    if matched == 0.0:
        return 0.0
    return round(matched / (matched + unmatched), 4)


# An alignment before it is labelled for the explanation: (score rounded to 4 places, aligned pairs
# (query index, list-name index, similarity, reason), unaligned query parts, unaligned list-name parts,
# the penalty and its factor). Only the best reading of a name is labelled.
_Alignment = tuple[float, list[tuple[int, int, float, str]], list[int], list[int], tuple[str, float]]
_NO_PENALTY = ("", 1.0)
ORDER_PENALTY = "parts out of order"
LONE_COMMON_PENALTY = "one common given name alone"


def _align(
    query: tuple[str, ...],
    q_weights: tuple[float, ...],
    cand: tuple[str, ...],
    c_weights: tuple[float, ...],
    loose: bool = False,
    surname_first: tuple[int, int] = (0, 0),
) -> _Alignment | None:
    options: list[tuple[float, float, int, int, int, str]] = []
    nq, nc = len(query), len(cand)
    partners = [(j, ct, wc) for j, (ct, wc) in enumerate(zip(cand, c_weights, strict=True)) if wc != 0.0]
    similarity = part_similarity
    last = nq - 1
    for i, qt in enumerate(query):
        wq = q_weights[i]
        if wq == 0.0:
            continue
        for j, ct, wc in partners:
            sim, reason = similarity(qt, ct, loose)
            if sim == 0.0 and i == last and _cut_short(qt, ct):
                sim, reason = CUT_SHORT_SIMILARITY, CUT_SHORT_REASON
            if sim > 0.0:
                # Equal pairs (a repeated "al") are taken where they stand alike in both names, so
                # that they do not put the alignment out of order.
                options.append((sim, wq + wc, -abs(i * nc - j * nq), -i, -j, reason))
    if not options:
        return None
    options.sort(reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    chosen: list[tuple[int, int, float, str]] = []
    for sim, _w, _at, minus_i, minus_j, reason in options:
        i, j = -minus_i, -minus_j
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        chosen.append((i, j, sim, reason))
    matched = 0.0
    total = 0.0
    name_weight = 0.0
    for i, j, sim, _reason in chosen:
        w = (q_weights[i] + c_weights[j]) / 2.0
        matched += w * sim
        total += w
        if class_weight(query[i]) == 1.0:
            name_weight += w
    if name_weight == 0.0 and any(class_weight(t) == 1.0 for t in query):
        return None  # only "the", "group", "al" agree: not a name match
    # Unaligned particles and legal forms ("al", "bin", "ltd") are noise, not conflicts.
    unmatched_q = [
        i
        for i in range(len(query))
        if i not in used_q and q_weights[i] > 0.0 and class_weight(query[i]) >= COUNTED_CLASS
    ]
    unmatched_c = [j for j in range(len(cand)) if j not in used_c and class_weight(cand[j]) >= COUNTED_CLASS]
    total += _unaligned_cost(chosen, (unmatched_q, unmatched_c), (q_weights, c_weights), surname_first)
    score = matched / total if total else 0.0
    penalty = _NO_PENALTY
    # Translated words keep no order: Arabic puts the adjective after its noun and the possessor
    # after the possessed (الجهاد الاسلامي المصري, EGYPTIAN ISLAMIC JIHAD; جزيرة العرب, ARABIAN PENINSULA).
    ordered = [(i, j) for i, j, _s, reason in chosen if not reason.startswith(TRANSLATED)]
    if len(ordered) >= 2 and _out_of_order(ordered, (nq, nc), surname_first):
        score *= ORDER_FACTOR
        penalty = (ORDER_PENALTY, ORDER_FACTOR)
    if len(chosen) == 1 and not unmatched_q and not unmatched_c:
        i, j = chosen[0][0], chosen[0][1]
        common = (q_weights[i] + c_weights[j]) / 2.0 < LONE_COMMON_WEIGHT
        if common and (query[i] in FAMILY or cand[j] in FAMILY):
            score *= LONE_COMMON_FACTOR
            penalty = (LONE_COMMON_PENALTY, LONE_COMMON_FACTOR)
    return round(score, 4), chosen, unmatched_q, unmatched_c, penalty


def _out_of_order(
    ordered: list[tuple[int, int]], sizes: tuple[int, int], surname_first: tuple[int, int]
) -> bool:
    """Whether the aligned parts are in another order on each side, as written and, for a name written
    "SURNAME, Given" (``surname_first``), as said: "Usama Ahmad Hamdan" is in the order of "HAMDAN,
    Usama" read "Usama HAMDAN", and "HAMDAN Usama" in its written order. A rotation of three or more
    parts is no other order ("BARADAR, Abdul Ghani" written without its comma)."""
    if _in_order(sorted(ordered)):
        return False
    if not surname_first[0] and not surname_first[1]:
        return True
    (nq, nc), (sq, sc) = sizes, surname_first
    return not _in_order(sorted(((i - sq) % nq, (j - sc) % nc) for i, j in ordered))


def _in_order(pairs: list[tuple[int, int]]) -> bool:
    """Whether the list-name positions of pairs sorted by query position keep their order (rotations
    of three or more included)."""
    order = [j for _i, j in pairs]
    descents = sum(1 for a, b in pairwise(order) if b < a)
    return not (descents > 1 or (descents == 1 and (order[-1] > order[0] or len(order) == 2)))


def _unaligned_cost(
    chosen: list[tuple[int, int, float, str]],
    unmatched: tuple[list[int], list[int]],
    weights: tuple[tuple[float, ...], tuple[float, ...]],
    surname_first: tuple[int, int],
) -> float:
    """What the parts left over cost: a query part its weight, a list part ``EXTRA_LIST_PART_COST``
    of it; a part between two aligned parts of its own name (a middle name, a father's name added or
    left out: "Abdullah Hassan Qardash" for ABDULLAH QARDASH) ``MIDDLE_PART_COST`` of that. In a name
    written "SURNAME, Given Middle" the surname counts as the last part."""
    if not unmatched[0] and not unmatched[1]:
        return 0.0
    firm = [(i, j) for i, j, sim, _r in chosen if sim >= MIDDLE_FRAME_SIMILARITY]
    cost = 0.0
    for side, factor in ((0, 1.0), (1, EXTRA_LIST_PART_COST)):
        size = len(weights[side])
        shift = surname_first[side]

        def at(index: int, shift: int = shift, size: int = size) -> int:
            return (index - shift) % size

        placed = [at(pair[side]) for pair in firm]
        low, high = (min(placed), max(placed)) if len(placed) >= 2 else (size, -1)
        for k in unmatched[side]:
            middle = low < at(k) < high
            cost += factor * weights[side][k] * (MIDDLE_PART_COST if middle else 1.0)
    return cost


def _name_score(
    found: _Alignment | None,
    q_labels: tuple[str, ...],
    q_weights: tuple[float, ...],
    c_labels: tuple[str, ...],
) -> NameScore:
    if found is None:
        return EMPTY
    score, chosen, unmatched_q, unmatched_c, (penalty, factor) = found
    return NameScore(
        score,
        tuple(PartMatch(q_labels[i], c_labels[j], s, r) for i, j, s, r in sorted(chosen)),
        tuple(q_labels[i] for i in unmatched_q),
        tuple(c_labels[j] for j in unmatched_c),
        tuple(t for t, w in zip(q_labels, q_weights, strict=True) if w == 0.0),
        penalty,
        factor,
    )

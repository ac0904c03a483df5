"""Candidate generation: which list names a query's names are scored against, best first.

The one path from a query's key groups to the names scored: each group (a query part, or two parts
joined, with the keys it looks up and the share of its weight each earns; ``lookup.part_options``) fetches
names from the index's postings (``NameIndex.group_shares``); a name covers the weight of the groups that
fetched it; the best covered are ranked by an estimate of their name score and the spelling of the whole
name, and the best ``SCORE_LIMIT`` are aligned (``score.align``). A batch of queries is ranked together,
with array operations over all their fetched names. A list name spelt with exactly the query's parts is
always among them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import JaroWinkler
from rapidfuzz.process import cdist

from listwatch.matching.index import GroupShares, NameIndex
from listwatch.matching.score import EXTRA_LIST_PART_COST

if TYPE_CHECKING:
    from listwatch.matching.screen import Query

# Names kept per query after counting the key weight each covers: enough that the right name survives
# a query whose parts are all common (every Muhammad Ali), few enough that the estimate below is cheap.
FETCH_LIMIT = 60
# A name must cover this share of the query's key weight: one part of three (a surname alone) may be
# a hit when it is rare; less is a name sharing only a common part.
MIN_COVERAGE = 0.34
# The estimated name score (covered weight against both names' weight) under which a name is not
# aligned: well under the lowest threshold the bench sweeps (0.65 / 0.9 name share is 0.72), since the
# estimate ignores spelling similarity and joined parts.
MIN_ESTIMATE = 0.4
# Names aligned per query: alignment is the costly step; the right name is in the first few in the
# development set, 12 leaves room for a query matching several entries (a family, aliases).
SCORE_LIMIT = 12
# How much the spelling of the whole name (Jaro-Winkler, parts sorted) adds to the estimate when more
# than SCORE_LIMIT names cover the query alike: enough to order those, not to outrank coverage.
SPELLING_RANK_SHARE = 0.25

_NO_VALUES: npt.NDArray[np.float64] = np.zeros(0, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A query as candidate generation reads it (``Screener.prepare_query``)."""

    query: Query
    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    arabic: bool
    groups: list[tuple[float, GroupShares]]
    q_total: float
    short: list[tuple[str, float]]
    joined: str  # the parts sorted and joined, as ``NameIndex.name_joined`` writes a list name
    surname_first: int = 0  # parts before the comma of "SURNAME, Given Middle" (``index.surname_first``)


class Ranker:
    """Candidate generation over one index, with the masks and tables it builds on first use (which
    names hold a common key, a one-letter skeleton, exactly a query's parts)."""

    def __init__(self, index: NameIndex) -> None:
        self.index = index
        self._holds: dict[str, npt.NDArray[np.bool_]] = {}
        self._short: dict[str, list[int]] | None = None
        self._exact: dict[str, list[int]] | None = None

    def candidates(self, prepared: list[Prepared | None]) -> list[list[int]]:
        """Per query, the list names to align, best first; a list name spelt with exactly the query's
        parts is always included, however many names share its keys ("Abu Aisyah" among every Abu
        and every ABS): it is the hit that must not be missed."""
        found = self._fetch(prepared)
        exact = self._exact_names()
        for p, names in zip(prepared, found, strict=True):
            if p is not None:
                for name_id in exact.get(p.joined, ()):
                    if name_id not in names:
                        names.append(name_id)
        return found

    def _holders(self, key: str) -> npt.NDArray[np.bool_]:
        """Which names hold a common key, as a mask over name ids (few keys are common)."""
        mask = self._holds.get(key)
        if mask is None:
            mask = np.zeros(self.index.name_count, dtype=np.bool_)
            mask[self.index.postings[key]] = True
            self._holds[key] = mask
        return mask

    def _exact_names(self) -> dict[str, list[int]]:
        """List names by their parts, sorted (``NameIndex.name_joined``: "BARADAR, Abdul Ghani" is
        "abdul baradar ghani", as "Abdul Ghani Baradar" is)."""
        if self._exact is None:
            self._exact = {}
            removed = self.index.removed
            for name_id, joined in enumerate(self.index.name_joined):
                if not removed or self.index.name_candidate[name_id] not in removed:
                    self._exact.setdefault(joined, []).append(name_id)
        return self._exact

    def _short_holders(self, key: str) -> npt.NDArray[np.bool_]:
        """Which names have a part with this one-letter skeleton (not indexed: "Li", "Wu")."""
        mask = self._holds.get(" " + key)
        if mask is None:
            if self._short is None:  # every one-letter skeleton's names, in one pass
                self._short = {}
                for name_id, keys in enumerate(self.index.name_keys):
                    for k in keys:
                        if len(k) == 1:
                            self._short.setdefault(k, []).append(name_id)
            mask = np.zeros(self.index.name_count, dtype=np.bool_)
            mask[self._short.get(key, [])] = True
            self._holds[" " + key] = mask
        return mask

    def _fetch(self, prepared: list[Prepared | None]) -> list[list[int]]:
        """Per query, the list names to score precisely, best first.

        Each name's covered weight is the sum, in group order, of each group's weight times the name's
        share, plus, if another key fetched it, each group's weight times the best share of the group's
        common keys it holds. Of the
        ``FETCH_LIMIT`` best covered, names covering less than ``MIN_COVERAGE`` of the query, or
        estimated under ``MIN_ESTIMATE`` (key weight shared, against both names' weight), are dropped;
        of the rest, the ``SCORE_LIMIT`` best by estimate plus a quarter of how alike they are spelt.
        """
        index = self.index
        count = index.name_count
        out: list[list[int]] = [[] for _ in prepared]
        shares: list[npt.NDArray[np.float64]] = []
        fetched: list[npt.NDArray[np.int32]] = []
        weights: list[float] = []
        owners: list[int] = []
        # per query, each group's weight and common keys with their shares
        commons: dict[int, list[tuple[float, tuple[tuple[str, float], ...]]]] = {}
        extra: list[tuple[int, list[tuple[int, float]]]] = []  # queries found by common keys only
        for row, p in enumerate(prepared):
            if p is None:
                continue
            added = False
            for weight, (ids, share, common) in p.groups:
                if weight > 0.0 and len(ids):
                    fetched.append(ids)
                    shares.append(share)
                    weights.append(weight)
                    owners.append(row)
                    added = True
                if common:
                    commons.setdefault(row, []).append((weight, common))
            if not added and row in commons:
                own = [(w, k) for w, group in commons.pop(row) for k, key_share in group if key_share == 1.0]
                if own:
                    extra.append((row, index.common_only(own, FETCH_LIMIT)))
        if not fetched and not extra:
            return out
        lengths = np.fromiter((len(a) for a in fetched), dtype=np.int64, count=len(fetched))
        ids = np.concatenate(fetched).astype(np.int64) if fetched else np.zeros(0, dtype=np.int64)
        rows = np.repeat(np.asarray(owners, dtype=np.int64), lengths)
        values = np.concatenate(shares) * np.repeat(np.asarray(weights), lengths) if fetched else _NO_VALUES
        # One entry per (query, name): the sums add each name's shares in group order; ``first`` is
        # where the name was first fetched for the query (ties keep that order).
        keys, first, inverse = np.unique(rows * count + ids, return_index=True, return_inverse=True)
        covered = np.bincount(inverse.ravel(), weights=values, minlength=len(keys)).astype(np.float64)
        rows, names = keys // count, keys % count
        if extra:
            offset = len(ids)
            for row, found in extra:
                rows = np.concatenate([rows, np.full(len(found), row, dtype=np.int64)])
                names = np.concatenate([names, np.array([n for n, _ in found], dtype=np.int64)])
                covered = np.concatenate([covered, np.array([w for _, w in found])])
                first = np.concatenate([first, np.arange(offset, offset + len(found))])
                offset += len(found)
            by_row = np.argsort(rows, kind="stable")
            rows, names, covered, first = rows[by_row], names[by_row], covered[by_row], first[by_row]
        bounds = np.searchsorted(rows, np.arange(len(prepared) + 1))
        for row, items in commons.items():
            a, b = bounds[row], bounds[row + 1]
            for weight, group in items:
                if len(group) == 1:
                    key, key_share = group[0]
                    covered[a:b] += weight * key_share * self._holders(key)[names[a:b]]
                else:  # a group's best share among its common keys a name holds, counted once
                    best = np.zeros(b - a)
                    for key, key_share in group:
                        np.maximum(best, key_share * self._holders(key)[names[a:b]], out=best)
                    covered[a:b] += weight * best
        q_total = np.array([p.q_total if p is not None else 1.0 for p in prepared])
        short_total = np.array([sum(w for _k, w in p.short) if p is not None else 0.0 for p in prepared])
        # Names that cannot cover enough of the query, even with its one-letter parts, rank below all
        # that can: dropped now, they never reach the cut below (nor would pass the filter after it).
        keep = covered >= MIN_COVERAGE * q_total[rows] - short_total[rows] - 1e-9
        if index.removed:
            keep &= ~index.removed_mask()[names]
        rows, names, covered, first = rows[keep], names[keep], covered[keep], first[keep]
        # Per query, the FETCH_LIMIT best covered names.
        order = np.lexsort((first, -covered, rows))
        rows, names, covered = rows[order], names[order], covered[order]
        bounds = np.searchsorted(rows, np.arange(len(prepared) + 1))
        if len(rows) and int(np.diff(bounds).max()) > FETCH_LIMIT:
            keep = np.arange(len(rows)) - bounds[rows] < FETCH_LIMIT
            rows, names, covered = rows[keep], names[keep], covered[keep]
            bounds = np.searchsorted(rows, np.arange(len(prepared) + 1))
        for row, p in enumerate(prepared):
            if p is not None and p.short:
                a, b = bounds[row], bounds[row + 1]
                for key, weight in p.short:
                    covered[a:b] += weight * self._short_holders(key)[names[a:b]]
        keep = covered >= MIN_COVERAGE * q_total[rows]
        rows, names, covered = rows[keep], names[keep], covered[keep]
        c_total = index.name_weights().totals[names]
        estimate = covered / (q_total[rows] + EXTRA_LIST_PART_COST * np.maximum(0.0, c_total - covered))
        keep = estimate >= MIN_ESTIMATE
        rows, names, estimate = rows[keep], names[keep], estimate[keep]
        bounds = np.searchsorted(rows, np.arange(len(prepared) + 1))
        ranked = estimate
        crowded = np.flatnonzero(np.diff(bounds) > SCORE_LIMIT)
        if len(crowded):
            # Names that cover the query alike (a typo found by a one-edit key, among many names with
            # Muhammad) are told apart by how alike the whole names are spelt.
            ranked = estimate.copy()
            name_joined = index.name_joined
            similarity = JaroWinkler.normalized_similarity
            for row in crowded.tolist():
                p = prepared[row]
                assert p is not None
                a, b = bounds[row], bounds[row + 1]
                choices = [name_joined[n] for n in names[a:b].tolist()]
                spelt = cdist([p.joined], choices, scorer=similarity, dtype=np.float64)[0]
                ranked[a:b] += SPELLING_RANK_SHARE * spelt
        # Per query, best first (equal values by the higher name id), the SCORE_LIMIT best.
        order = np.lexsort((-names, -ranked, rows))
        rows, names = rows[order], names[order]
        keep = np.arange(len(rows)) - bounds[rows] < SCORE_LIMIT
        rows, names = rows[keep], names[keep]
        bounds = np.searchsorted(rows, np.arange(len(prepared) + 1))
        return [names[a:b].tolist() for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)]

"""How much each part of a list name weighs: its class (``classes.class_weight``: honorifics nothing,
particles little) times its key's rarity among list names (``key_weight``), for all names at once."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from listwatch.matching.classes import COUNTED_CLASS, class_weight, class_weights


@dataclass(frozen=True, slots=True)
class NameWeights:
    """Per list name, its parts' weights (``parts[offsets[i]:offsets[i + 1]]`` for name ``i``: class
    weight times key weight) and ``totals[i]``, the weight of its parts that count (class >= 0.3)."""

    parts: npt.NDArray[np.float64]
    offsets: npt.NDArray[np.int64]
    totals: npt.NDArray[np.float64]

    def of(self, name_id: int) -> tuple[float, ...]:
        return tuple(self.parts[self.offsets[name_id] : self.offsets[name_id + 1]].tolist())


def key_weight(df: int) -> float:
    """1.0 for a key no list name has, about 0.3 for the commonest (Muhammad's MHMD): a part many list
    names share says little about which one a query is. Logarithmic, as inverse document frequency:
    the tenth name with a part costs about as much as the next hundred."""
    return 1.0 / (1.0 + math.log1p(df) / 3.0)


def part_offsets(name_tokens: list[tuple[str, ...]]) -> npt.NDArray[np.int64]:
    offsets = np.zeros(len(name_tokens) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, name_tokens), dtype=np.int64, count=len(name_tokens)), out=offsets[1:])
    return offsets


def weigh_names(
    name_tokens: list[tuple[str, ...]], name_keys: list[tuple[str, ...]], key_weight: Callable[[str], float]
) -> NameWeights:
    parts: list[float] = []
    totals: list[float] = []
    for tokens, keys in zip(name_tokens, name_keys, strict=True):
        weights = [c * key_weight(k) for c, k in zip(class_weights(tokens), keys, strict=True)]
        parts.extend(weights)
        totals.append(
            sum(w for t, w in zip(tokens, weights, strict=True) if class_weight(t) >= COUNTED_CLASS)
        )
    return NameWeights(np.array(parts, dtype=np.float64), part_offsets(name_tokens), np.array(totals))

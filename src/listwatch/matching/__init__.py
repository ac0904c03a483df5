"""Name screening: normalise, transliterate, index, score, explain. Pure functions over batches."""

from listwatch.matching.index import Candidate, NameIndex, build_index, candidates_from_entries
from listwatch.matching.score import ALGORITHM
from listwatch.matching.screen import DEFAULT_THRESHOLD, Hit, Query, Screener, screen_batch

__all__ = [
    "ALGORITHM",
    "DEFAULT_THRESHOLD",
    "Candidate",
    "Hit",
    "NameIndex",
    "Query",
    "Screener",
    "build_index",
    "candidates_from_entries",
    "screen_batch",
]

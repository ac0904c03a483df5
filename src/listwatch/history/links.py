"""Entity resolution's links as history: which decision about a pair is in force, from the
append-only rows of ``entity_match``.

A person's decision outranks every automatic one, whenever either was made: a re-run of ``listwatch
resolve`` must never undo a reviewer's reject. Among rows of the same rank, the latest recorded wins, so
a reversal (accept after reject) is simply a newer row. Nothing is ever deleted.
"""

from __future__ import annotations

from collections.abc import Iterable

from listwatch.store import MatchRow

LINKED = "linked"
REVIEW = "review"
REJECTED = "rejected"
DECISIONS = (LINKED, REVIEW, REJECTED)

# Bases of a link: the lists' own references (entity_link), a shared identifier, the name and date
# score, or a person's decision.
REFERENCE = "reference"
IDENTIFIER = "identifier"
SCORE = "score"
PERSON = "person"


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def in_force(rows: Iterable[MatchRow]) -> dict[tuple[str, str], MatchRow]:
    """The decision in force for every pair the rows speak of (rows in record order)."""
    current: dict[tuple[str, str], MatchRow] = {}
    for row in sorted(rows, key=lambda r: (r.recorded_at, r.id)):
        held = current.get(row.pair)
        if held is not None and held.basis == PERSON and row.basis != PERSON:
            continue
        current[row.pair] = row
    return current

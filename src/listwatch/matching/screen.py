"""Screening: one query in-process (``Screener.match``) or a whole table (``screen_batch``).

Both are pure over an in-memory ``NameIndex``: no store and no files, so the same code runs inside a
Spark or Polars job (``screen_batch`` over each partition) as in the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
from rapidfuzz.distance import JaroWinkler

from listwatch.errors import InputError
from listwatch.matching.features import class_weight, class_weights, mistyped_honorific, phonetic_key
from listwatch.matching.index import JOIN_SKIP, GroupShares, NameIndex
from listwatch.matching.normalize import MAX_NAME_CHARS, tokenize
from listwatch.matching.score import (
    EXTRA_LIST_PART_COST,
    align,
    evidence,
    evidence_values,
    explain,
    reasons_for,
    value_score,
)
from listwatch.matching.scripts import has_arabic
from listwatch.model import PartialDate, parse_partial_date

# Chosen from bench/screen_quality.py's sweep (docs/decisions.md, 2026-11-22): the lowest threshold at
# which innocent names stay at or under 0.5% with any hit on their names alone (0.50%; 0.18% with birth
# dates); against 0.75 it halves those hits and loses at most 0.007 of recall in any category.
DEFAULT_THRESHOLD = 0.78
DEFAULT_LIMIT = 5
# Names fetched from the index per query, and the share of the query's key weight a name must cover
# before it is scored precisely.
FETCH_LIMIT = 60
MIN_COVERAGE = 0.34
MIN_ESTIMATE = 0.4
SCORE_LIMIT = 12

_SCHEMAS: dict[str, frozenset[str]] = {
    "person": frozenset({"Person"}),
    "organization": frozenset({"Organization", "LegalEntity"}),
    "organisation": frozenset({"Organization", "LegalEntity"}),
    "company": frozenset({"Organization", "LegalEntity"}),
    "legalentity": frozenset({"Organization", "LegalEntity"}),
    "vessel": frozenset({"Vessel"}),
    "aircraft": frozenset({"Aircraft"}),
}

OUTPUT_SCHEMA = pa.schema(
    [
        ("query_id", pa.string()),
        ("entity_id", pa.string()),
        ("score", pa.float64()),
        ("list", pa.string()),
        ("ref", pa.string()),
        ("matched_name", pa.string()),
        ("explanation", pa.string()),
        ("warning", pa.string()),
    ]
)


@dataclass(frozen=True, slots=True)
class Query:
    id: str
    name: str
    schema: str | None = None
    birth_date: PartialDate | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    query_id: str
    entity_id: str
    score: float
    list_id: str
    ref: str
    matched_name: str
    explanation: str


class Screener:
    """Answers queries against one index, i.e. one set of list versions as of one date.

    Per name part it remembers, for the life of the screener, its key, weight and the names its keys
    fetch (``NameIndex.group_shares``): customer files repeat the same parts thousands of times.
    """

    def __init__(self, index: NameIndex) -> None:
        self.index = index
        self._name_weights: dict[int, tuple[tuple[float, ...], float]] = {}
        # token -> (key, class weight, weight as a query part)
        self._tokens: dict[str, tuple[str, float, float]] = {}
        self._parts: dict[tuple[str, bool], GroupShares] = {}
        self._joined: dict[str, GroupShares] = {}
        self._generation = index.generation
        self._totals: npt.NDArray[np.float64] | None = None

    @property
    def versions(self) -> list[dict[str, Any]]:
        return self.index.versions

    def _weights(self, tokens: tuple[str, ...], keys: tuple[str, ...]) -> tuple[float, ...]:
        key_weight = self.index.key_weight
        classes = class_weights(tokens)
        return tuple(c * key_weight(k) for c, k in zip(classes, keys, strict=True))

    def _cache_name(self, name_id: int) -> tuple[tuple[float, ...], float]:
        tokens = self.index.name_tokens[name_id]
        weights = self._weights(tokens, self.index.name_keys[name_id])
        total = sum(w for t, w in zip(tokens, weights, strict=True) if class_weight(t) >= 0.3)
        self._name_weights[name_id] = (weights, total)
        return weights, total

    def _name_totals(self, names: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """Per list name in ``names``, the weight of its parts that count (each computed once)."""
        if self._totals is None:
            self._totals = np.full(self.index.name_count, np.nan)
        totals = self._totals
        found = totals[names]
        missing = np.isnan(found)
        if missing.any():
            cache = self._name_weights
            for row in np.flatnonzero(missing).tolist():
                name_id = int(names[row])
                found[row] = totals[name_id] = (cache.get(name_id) or self._cache_name(name_id))[1]
        return found

    def _token(self, token: str) -> tuple[str, float, float]:
        info = self._tokens.get(token)
        if info is None:
            key = phonetic_key(token)
            weight = class_weight(token)
            # A part one typo from an honorific weighs nothing, unless a list name has it (SHIBH).
            typo = mistyped_honorific(token) and not self.index.spells(token)
            q_weight = 0.0 if typo else weight * self.index.key_weight(key)
            info = self._tokens[token] = (key, weight, q_weight)
        return info

    def _part(self, token: str, key: str, arabic: bool) -> GroupShares:
        shares = self._parts.get((token, arabic))
        if shares is None:
            options = self.index.part_options(token, key, arabic)
            shares = self._parts[(token, arabic)] = self.index.group_shares(options)
        return shares

    def _joined_part(self, key: str) -> GroupShares:
        shares = self._joined.get(key)
        if shares is None:
            shares = self._joined[key] = self.index.group_shares(((key, 1.0),))
        return shares

    def match(
        self, query: Query | str, threshold: float = DEFAULT_THRESHOLD, limit: int = DEFAULT_LIMIT
    ) -> list[Hit]:
        if isinstance(query, str):
            query = Query("", query)
        index = self.index
        if index.generation != self._generation:  # the index changed under us: weights changed
            self._name_weights.clear()
            self._tokens.clear()
            self._parts.clear()
            self._joined.clear()
            self._totals = None
            self._generation = index.generation
        tokens = tokenize(query.name)
        if not tokens:
            return []
        info = [self._token(t) for t in tokens]
        q_arabic = has_arabic(query.name)
        q_weights = tuple(i[2] for i in info)
        # The key groups of ``query_groups``, each resolved once per process.
        groups: list[tuple[float, GroupShares]] = []
        previous: tuple[str, float] | None = None
        for token, (key, weight_class, weight) in zip(tokens, info, strict=True):
            if token in JOIN_SKIP:
                continue
            if weight_class < 0.3 or not key:
                previous = None
                continue
            groups.append((weight, self._part(token, key, q_arabic)))
            if previous is not None:
                joined = phonetic_key(previous[0] + token)
                groups.append(((previous[1] + weight) * 0.9, self._joined_part(joined)))
            previous = (token, weight)
        if not groups:
            return []
        # A query part no list name has (often a typo) counts half when estimating coverage.
        q_total = 0.0
        short: list[tuple[str, float]] = []  # one-letter skeletons ("Li", "Wu") are not indexed
        for key, weight_class, weight in info:
            if weight_class >= 0.3 and weight > 0.0:
                q_total += weight if weight < 1.0 else 0.5
                if len(key) < 2:
                    short.append((key, weight))
        needed = MIN_COVERAGE * q_total
        q_text = " ".join(sorted(tokens))
        allowed = _SCHEMAS.get((query.schema or "").casefold().replace(" ", ""))
        # Cheap estimate first (key weight shared, against both names' weight), precise scoring after,
        # on the few best estimates only.
        names, covered = index.top_names(groups, FETCH_LIMIT)
        if short:
            name_keys = index.name_keys
            for row, name_id in enumerate(names.tolist()):
                keys = name_keys[name_id]
                covered[row] += sum(w for k, w in short if k in keys)
        keep = covered >= needed
        names, covered = names[keep], covered[keep]
        c_total = self._name_totals(names)
        estimate = covered / (q_total + EXTRA_LIST_PART_COST * np.maximum(0.0, c_total - covered))
        keep = estimate >= MIN_ESTIMATE
        names, estimate = names[keep], estimate[keep]
        # Names that cover the query alike (a typo found by a one-edit key, among many names with
        # Muhammad) are told apart by how alike the whole names are spelt.
        name_joined = index.name_joined
        similarity = JaroWinkler.normalized_similarity
        spelling = np.array([similarity(q_text, name_joined[n]) for n in names.tolist()], dtype=np.float64)
        ranked = estimate + 0.25 * spelling
        # Best first; equal values by the higher name id, as sorting (value, name id) pairs would.
        order = np.lexsort((names, ranked))[::-1][:SCORE_LIMIT]
        best: dict[int, tuple[float, int, Any, str]] = {}
        name_weights = self._name_weights
        for name_id in names[order].tolist():
            position = index.name_candidate[name_id]
            candidate = index.candidates[position]
            if allowed is not None and candidate.schema not in allowed:
                continue
            kind = index.name_kind[name_id]
            births, countries = candidate.birth_dates, index.countries[position]
            found = evidence_values(query.birth_date, births, query.country, countries)
            # The most this name could score (a perfect name match, the same evidence): below the
            # threshold, the alignment cannot change the outcome and is skipped.
            if value_score(1.0, kind, found) < threshold:
                continue
            c_weights = (name_weights.get(name_id) or self._cache_name(name_id))[0]
            loose = q_arabic or index.name_arabic(name_id)
            name = align(tokens, q_weights, index.name_tokens[name_id], c_weights, loose)
            if name.score == 0.0:
                continue
            score = value_score(name.score, kind, found)
            if score >= threshold and (position not in best or score > best[position][0]):
                best[position] = (score, name_id, name, kind)
        hits = []
        for position, (score, name_id, name, kind) in best.items():
            candidate = index.candidates[position]
            text = index.name_text[name_id]
            # The reasons as text, for reported hits only.
            found_text = evidence(
                query.birth_date, candidate.birth_dates, query.country, index.countries[position]
            )
            reasons = reasons_for(kind, found_text)
            hits.append(
                Hit(
                    query.id,
                    candidate.entity_id,
                    score,
                    candidate.list_id,
                    candidate.ref,
                    text,
                    explain(name, text, kind, reasons),
                )
            )
        hits.sort(key=lambda h: (-h.score, h.entity_id))
        return hits[:limit]


# -- tables ----------------------------------------------------------------------------------------


def queries_from_rows(rows: Iterable[dict[str, Any]], start: int = 1) -> Iterator[Query | tuple[str, str]]:
    """Queries from row dicts; a row that cannot be screened yields ``(query id, warning)`` instead."""
    for number, row in enumerate(rows, start):
        query_id = _text(row.get("id")) or f"row {number}"
        name = _text(row.get("name"))
        if not name.strip():
            yield query_id, "empty name: not screened"
            continue
        if "\ufffd" in name or any("\udc80" <= c <= "\udcff" for c in name):
            yield query_id, "name has undecodable bytes (not UTF-8): not screened"
            continue
        warning = ""
        if len(name) > MAX_NAME_CHARS:
            warning = f"name of {len(name):,} characters cut to {MAX_NAME_CHARS} before screening"
            name = name[:MAX_NAME_CHARS]
        birth = None
        raw_birth = _text(row.get("birth_date")).strip()
        if raw_birth:
            try:
                birth = _birth_date(raw_birth)
            except ValueError:
                warning = (
                    warning + "; " if warning else ""
                ) + f"birth_date {raw_birth!r} ignored (not a date)"
        if warning:
            yield query_id, warning
        yield Query(
            query_id, name, _text(row.get("schema")) or None, birth, _text(row.get("country")) or None
        )


@lru_cache(maxsize=50_000)
def _birth_date(text: str) -> PartialDate:
    return parse_partial_date(text)  # a customer file repeats birth dates; PartialDate is immutable


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # pandas NaN
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def screen_rows(
    items: Iterable[Query | tuple[str, str]], screener: Screener, threshold: float, limit: int
) -> dict[str, list[Any]]:
    """Hits (and warnings) for queries, as columns of ``OUTPUT_SCHEMA``."""
    out: dict[str, list[Any]] = {f.name: [] for f in OUTPUT_SCHEMA}
    for item in items:
        if isinstance(item, tuple):
            for column, value in zip(
                OUTPUT_SCHEMA.names, (item[0], None, None, None, None, None, None, item[1]), strict=True
            ):
                out[column].append(value)
            continue
        for hit in screener.match(item, threshold, limit):
            out["query_id"].append(hit.query_id)
            out["entity_id"].append(hit.entity_id)
            out["score"].append(hit.score)
            out["list"].append(hit.list_id)
            out["ref"].append(hit.ref)
            out["matched_name"].append(hit.matched_name)
            out["explanation"].append(hit.explanation)
            out["warning"].append(None)
    return out


def to_arrow(table: Any) -> pa.Table:
    """An Arrow table from Arrow, pandas or polars input (without importing pandas or polars)."""
    if isinstance(table, pa.Table):
        return table
    if isinstance(table, pa.RecordBatch):
        return pa.Table.from_batches([table])
    if hasattr(table, "to_arrow"):  # polars
        return table.to_arrow()
    module = type(table).__module__
    if module.startswith("pandas"):
        return pa.Table.from_pandas(table, preserve_index=False)
    raise TypeError(f"cannot screen a {type(table).__name__}: give a pyarrow, pandas or polars table")


def screen_batch(
    table: Any, screener: Screener, threshold: float = DEFAULT_THRESHOLD, limit: int = DEFAULT_LIMIT
) -> pa.Table:
    """Screen every row of ``table`` (columns ``id``, ``name``, optional ``schema``, ``birth_date``,
    ``country``); one output row per hit, plus one per row that carries a warning."""
    arrow = to_arrow(table)
    if "name" not in arrow.column_names:
        raise InputError(
            "<table>", f"no 'name' column (columns: {', '.join(arrow.column_names)})", field="name"
        )
    rows = arrow.to_pylist()
    return pa.table(screen_rows(queries_from_rows(rows), screener, threshold, limit), schema=OUTPUT_SCHEMA)

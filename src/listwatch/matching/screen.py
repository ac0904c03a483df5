"""Screening: one query in-process (``Screener.match``) or a whole table (``screen_batch``).

Both are pure over an in-memory ``NameIndex``: no store and no files, so the same code runs inside a
Spark or Polars job (``screen_batch`` over each partition) as in the CLI.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import pyarrow as pa

from listwatch.errors import InputError
from listwatch.matching.classes import COUNTED_CLASS, class_weight, mistyped_honorific
from listwatch.matching.evidence import birth_date_evidence, country_evidence
from listwatch.matching.index import GroupShares, NameIndex, surname_first
from listwatch.matching.keys import loose_keys, phonetic_key
from listwatch.matching.lexicon.particles import JOIN_SKIP
from listwatch.matching.lookup import LOOSE, OWN_SHARE, VARIANT_SHARE
from listwatch.matching.normalize import MAX_NAME_CHARS, tokenize
from listwatch.matching.ranking import Prepared, Ranker
from listwatch.matching.resolved import Groups, collapse, fetch_limit
from listwatch.matching.result import NAME_SHARE, MatchResult, combine, kind_factor
from listwatch.matching.score import JoinSide, align, join_side, name_bound
from listwatch.matching.scripts import has_arabic, has_cyrillic
from listwatch.model import PartialDate, parse_partial_date

# Chosen from bench/screen_quality.py's sweep (docs/decisions.md, 2026-11-22): the lowest threshold at
# which innocent names stay at or under 0.5% with any hit on their names alone (0.50%; 0.18% with birth
# dates); against 0.75 it halves those hits and loses at most 0.007 of recall in any category.
DEFAULT_THRESHOLD = 0.78
DEFAULT_LIMIT = 5
# A query part no list name has (weight 1.0: often a typo, or a name not listed) counts this share of
# itself in the weight a list name must cover: its own skeleton fetches nothing, and a one-edit key that
# finds its list spelling earns less than the whole part.
UNLISTED_PART_SHARE = 0.5
# Queries whose candidates are generated together (``Screener.match_batch``).
BATCH_QUERIES = 256

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
        # The resolved entity's lists and ``list:ref``s in force, ";"-separated (matching/resolved.py).
        ("lists", pa.string()),
        ("refs", pa.string()),
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
    result: MatchResult  # what the score is made of, feature by feature
    query_name: str = ""  # the name screened (a query may be one of several names of a record)

    @property
    def explanation(self) -> str:
        """The score's reasons in one line (written from ``result``, as ``/match``'s explanations)."""
        return self.result.text(self.matched_name)


class Screener:
    """Answers queries against one index, i.e. one set of list versions as of one date.

    Per name part it remembers, for the life of the screener, its key, weight and the names its keys
    fetch (``NameIndex.group_shares``): customer files repeat the same parts thousands of times.
    """

    def __init__(self, index: NameIndex) -> None:
        self.index = index
        # list name -> its parts' weights and what ``name_bound`` needs to test joins
        self._names: dict[int, tuple[tuple[float, ...], JoinSide]] = {}
        # token -> (key, class weight, weight as a query part)
        self._tokens: dict[str, tuple[str, float, float]] = {}
        self._parts: dict[tuple[str, bool, bool], GroupShares] = {}
        self._joined: dict[tuple[str, str, bool], GroupShares] = {}
        self._generation = index.generation
        self._ranker = Ranker(index)

    @property
    def versions(self) -> list[dict[str, Any]]:
        return self.index.versions

    def _name(self, name_id: int) -> tuple[tuple[float, ...], JoinSide]:
        found = self._names.get(name_id)
        if found is None:
            weights = self.index.name_weights().of(name_id)
            found = self._names[name_id] = (weights, join_side(self.index.name_tokens[name_id], weights))
        return found

    def _token(self, token: str) -> tuple[str, float, float]:
        info = self._tokens.get(token)
        if info is None:
            key = phonetic_key(token)
            weight = class_weight(token)
            # One edit from an honorific ("Mulah", "Shiekh") weighs nothing, unless a list name has
            # that part: MUQTI, SHIBH and MOUSAVI are names, and the UN writes "Molah Fazl".
            typo = mistyped_honorific(token) and not self.index.spells(token)
            q_weight = 0.0 if typo else weight * self.index.key_weight(key)
            info = self._tokens[token] = (key, weight, q_weight)
        return info

    def _part(self, token: str, key: str, arabic: bool, cyrillic: bool = False) -> GroupShares:
        shares = self._parts.get((token, arabic, cyrillic))
        if shares is None:
            options = self.index.part_options(token, key, arabic, cyrillic)
            shares = self._parts[(token, arabic, cyrillic)] = self.index.group_shares(options)
        return shares

    def _joined_part(self, first: str, second: str, arabic: bool) -> GroupShares:
        """The names with one part spelt like two adjacent query parts joined (in Arabic script, under
        each reading too: علي ما يشو is ALI MAYCHOU)."""
        shares = self._joined.get((first, second, arabic))
        if shares is None:
            joined = first + second
            options = [(phonetic_key(joined), OWN_SHARE)]
            if arabic:
                readings = sorted(loose_keys(joined))  # not in set order, which changes with the hash seed
                options.extend((LOOSE + loose, VARIANT_SHARE) for loose in readings if len(loose) >= 2)
            shares = self.index.group_shares(tuple(options))
            self._joined[(first, second, arabic)] = shares
        return shares

    def prepare(self) -> None:
        """Weigh every list name now rather than on first use (for a long-lived server: the first
        queries then answer as fast as the rest)."""
        self._check_generation()
        self.index.name_weights()

    def _check_generation(self) -> None:
        if self.index.generation != self._generation:  # the index changed under us: weights changed
            self._names.clear()
            self._tokens.clear()
            self._parts.clear()
            self._joined.clear()
            self._ranker = Ranker(self.index)
            self._generation = self.index.generation

    def _prepare(self, query: Query) -> Prepared | None:
        """A query's parts, weights and key groups (each group resolved once per process)."""
        tokens = tokenize(query.name)
        if not tokens:
            return None
        info = [self._token(t) for t in tokens]
        q_arabic = has_arabic(query.name)
        q_cyrillic = not q_arabic and has_cyrillic(query.name)
        groups: list[tuple[float, GroupShares]] = []
        previous: tuple[str, float] | None = None
        for token, (key, weight_class, weight) in zip(tokens, info, strict=True):
            if token in JOIN_SKIP:
                continue
            if weight_class < COUNTED_CLASS or not key:
                previous = None
                continue
            groups.append((weight, self._part(token, key, q_arabic, q_cyrillic)))
            if previous is not None:
                joined = self._joined_part(previous[0], token, q_arabic)
                groups.append(((previous[1] + weight) * VARIANT_SHARE, joined))
            previous = (token, weight)
        if not groups:
            return None
        q_total = 0.0
        short: list[tuple[str, float]] = []  # one-letter skeletons ("Li", "Wu") are not indexed
        for key, weight_class, weight in info:
            if weight_class >= COUNTED_CLASS and weight > 0.0:
                q_total += weight if weight < 1.0 else UNLISTED_PART_SHARE
                if len(key) < 2:
                    short.append((key, weight))
        in_order = " ".join(sorted(tokens))
        first = surname_first(query.name)
        return Prepared(
            query, tokens, tuple(i[2] for i in info), q_arabic, groups, q_total, short, in_order, first
        )

    def candidates(self, query: Query | str) -> list[int]:
        """The list names (ids) a query's name is aligned with, best first (``ranking``)."""
        self._check_generation()
        prepared = self._prepare(Query("", query) if isinstance(query, str) else query)
        return self._ranker.candidates([prepared])[0]

    def match(
        self, query: Query | str, threshold: float = DEFAULT_THRESHOLD, limit: int = DEFAULT_LIMIT
    ) -> list[Hit]:
        if isinstance(query, str):
            query = Query("", query)
        return self.match_batch([query], threshold, limit)[0]

    def match_batch(
        self,
        queries: Sequence[Query],
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = DEFAULT_LIMIT,
        only: frozenset[int] | None = None,
    ) -> list[list[Hit]]:
        """The hits of each query, best first. Candidate generation runs over the whole batch at once
        (array operations over every query's fetched names); precise scoring per query.

        ``only`` (candidate positions, ``positions_of``) keeps the hits on those entries and aligns no
        other name: the hits a full screening would give on them, for the cost of ranking alone (a
        monitor's re-screen, which asks only about the designations a list change touched).

        Candidates depend on the name alone: queries of one name (a book's namesakes, a person's
        accounts) are prepared and ranked once, and each scored with its own evidence."""
        self._check_generation()
        first: dict[str, int] = {}
        distinct: list[Prepared | None] = []
        for q in queries:
            if q.name not in first:
                first[q.name] = len(distinct)
                distinct.append(self._prepare(q))
        ranked = self._ranker.candidates(distinct)
        if only is not None:
            owner = self.index.name_candidate
            ranked = [[n for n in names if owner[n] in only] for names in ranked]
        out: list[list[Hit]] = []
        for q in queries:
            p = distinct[first[q.name]]
            if p is None:
                out.append([])
                continue
            own = p if p.query is q else replace(p, query=q)
            out.append(self._score(own, ranked[first[q.name]], threshold, limit))
        return out

    def positions_of(self, entity_ids: Iterable[str]) -> frozenset[int]:
        """The index positions of these entities' entries (for ``match_batch(only=...)``)."""
        wanted = set(entity_ids)
        return frozenset(i for i, c in enumerate(self.index.candidates) if c.entity_id in wanted)

    def _score(
        self,
        p: Prepared,
        names: list[int],
        threshold: float,
        limit: int,
    ) -> list[Hit]:
        """Precise scores for one query's candidate names, with birth date and country evidence."""
        if not names:
            return []
        index = self.index
        query, tokens = p.query, p.tokens
        allowed = _SCHEMAS.get((query.schema or "").casefold().replace(" ", ""))
        best: dict[int, tuple[float, int, MatchResult]] = {}
        names_seen = self._names
        q_side: JoinSide | None = None
        for name_id in names:
            position = index.name_candidate[name_id]
            if allowed is not None and index.schemas[position] not in allowed:
                continue
            kind = index.name_kind[name_id]
            birth = birth_date_evidence(query.birth_date, index.births[position])
            country = country_evidence(query.country, index.countries[position])
            b_score = birth.score if birth is not None else 0.0
            c_score = country.score if country is not None else 0.0
            # The most this name could score (a perfect name match, the same evidence): below the
            # threshold, the alignment cannot change the outcome and is skipped.
            if combine(1.0, kind, b_score, c_score) < threshold:
                continue
            c_weights, c_side = names_seen.get(name_id) or self._name(name_id)
            loose = p.arabic or index.name_arabic(name_id)
            c_tokens = index.name_tokens[name_id]
            # Nor when the best similarity of each part (a bound on the alignment) cannot reach it.
            # the name score this name needs (a little under it, for the rounding of scores)
            floor = (threshold - 0.001 - b_score - c_score) / (NAME_SHARE * kind_factor(kind))
            if q_side is None:  # only for the queries that get this far
                q_side = join_side(tokens, p.weights)
            bound = name_bound(tokens, p.weights, c_tokens, c_weights, loose, floor, (q_side, c_side))
            if combine(bound, kind, b_score, c_score) < threshold:
                continue
            order = (p.surname_first, index.name_surname_first(name_id))
            name = align(tokens, p.weights, c_tokens, c_weights, loose, order)
            if name.score == 0.0:
                continue
            result = MatchResult.of(name, kind, birth, country)
            score = result.score
            if score >= threshold and (position not in best or score > best[position][0]):
                best[position] = (score, name_id, result)
        hits = []
        for position, (score, name_id, result) in best.items():
            candidate = index.candidates[position]
            hits.append(
                Hit(
                    query.id,
                    candidate.entity_id,
                    score,
                    candidate.list_id,
                    candidate.ref,
                    index.name_text[name_id],
                    result,
                    query.name,
                )
            )
        hits.sort(key=lambda h: (-h.score, h.entity_id))
        return hits[:limit]


# Bytes that were not UTF-8, as Python's surrogateescape keeps them.
_UNDECODED = re.compile("[\udc80-\udcff]")


# -- tables ----------------------------------------------------------------------------------------


def queries_from_rows(rows: Iterable[dict[str, Any]], start: int = 1) -> Iterator[Query | tuple[str, str]]:
    """Queries from row dicts; a row that cannot be screened yields ``(query id, warning)`` instead."""
    for number, row in enumerate(rows, start):
        query_id = _text(row.get("id")) or f"row {number}"
        name = _text(row.get("name"))
        if not name.strip():
            yield query_id, "empty name: not screened"
            continue
        if not name.isascii() and ("\ufffd" in name or _UNDECODED.search(name)):
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
    items: Iterable[Query | tuple[str, str]],
    screener: Screener,
    threshold: float,
    limit: int,
    groups: Groups | None = None,
) -> dict[str, list[Any]]:
    """Hits (and warnings) for queries, as columns of ``OUTPUT_SCHEMA``, in input order: one row per
    resolved entity of ``groups`` (matching/resolved.py; None: per designation)."""
    out: dict[str, list[Any]] = {f.name: [] for f in OUTPUT_SCHEMA}
    pending: list[Query] = []

    def flush() -> None:
        for hits in screener.match_batch(pending, threshold, fetch_limit(limit, groups)):
            for hit, resolved in collapse(hits, groups, limit):
                out["query_id"].append(hit.query_id)
                out["entity_id"].append(hit.entity_id)
                out["score"].append(hit.score)
                out["list"].append(hit.list_id)
                out["ref"].append(hit.ref)
                out["matched_name"].append(hit.matched_name)
                out["explanation"].append(hit.explanation)
                out["warning"].append(None)
                out["lists"].append(resolved.lists_text)
                out["refs"].append(resolved.refs_text)
        pending.clear()

    for item in items:
        if isinstance(item, Query):
            pending.append(item)
            if len(pending) >= BATCH_QUERIES:
                flush()
            continue
        flush()  # a warning row stays after the hits of the rows before it
        for column in OUTPUT_SCHEMA.names:
            out[column].append({"query_id": item[0], "warning": item[1]}.get(column))
    flush()
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
    table: Any,
    screener: Screener,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
    groups: Groups | None = None,
) -> pa.Table:
    """Screen every row of ``table`` (columns ``id``, ``name``, optional ``schema``, ``birth_date``,
    ``country``); one output row per hit, plus one per row that carries a warning."""
    arrow = to_arrow(table)
    if "name" not in arrow.column_names:
        raise InputError(
            "<table>", f"no 'name' column (columns: {', '.join(arrow.column_names)})", field="name"
        )
    rows = arrow.to_pylist()
    columns = screen_rows(queries_from_rows(rows), screener, threshold, limit, groups)
    return pa.table(columns, schema=OUTPUT_SCHEMA)

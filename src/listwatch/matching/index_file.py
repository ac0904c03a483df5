"""The name index as a file: ``MAGIC``, a zlib-compressed JSON header (format, versions, candidates,
normalised names, posting keys) and zlib-compressed flat arrays (postings, part weights). Not pickle:
loading an index file must not be able to run code; and it recomputes nothing (no tokenising, no key
derivation, no weighing), which is what makes a screening worker start in a fraction of a second."""

from __future__ import annotations

import gc
import json
import zlib
from itertools import pairwise

import numpy as np

from listwatch.errors import InputError
from listwatch.matching.evidence import country_key
from listwatch.matching.index import INDEX_FORMAT, Candidates, NameIndex
from listwatch.matching.listnames import births_of
from listwatch.matching.weights import NameWeights, key_weight, part_offsets, weigh_names

MAGIC = b"listwatch-name-index\n"


def to_bytes(index: NameIndex) -> bytes:
    """The index as a file: ``MAGIC``, the length of the header, the zlib-compressed JSON header
    (format, versions, candidates, normalised names, posting keys), then, zlib-compressed, the
    postings as two little-endian integer arrays (offsets into the name ids, and the name ids) and
    the names' weights as two float arrays (each part's, and each name's total; ``NameWeights``).
    Loading parses no code (no pickle) and recomputes nothing: no tokenising, no key derivation."""
    live = [i for i in range(len(index.candidates)) if i not in index.removed]
    new_position = {old: new for new, old in enumerate(live)}
    kept = [n for n, p in enumerate(index.name_candidate) if p not in index.removed]
    renumber = {old: new for new, old in enumerate(kept)}
    keys: list[str] = []
    sizes: list[int] = []
    ids: list[int] = []
    for key, posting in index.postings.items():
        if index.removed:
            posting = [renumber[n] for n in posting if n in renumber]
            if not posting:
                continue
        keys.append(key)
        sizes.append(len(posting))
        ids.extend(posting)
    header = {
        "format": INDEX_FORMAT,
        "versions": index.versions,
        "candidates": [index.candidates.raw(i) for i in live],
        # Normalised names are stored so loading skips tokenisation, the costly step.
        "names": [
            [new_position[index.name_candidate[n]], index.name_text[n], index.name_kind[n],
             list(index.name_tokens[n]), list(index.name_keys[n])]
            for n in kept
        ],
        "keys": keys,
    }  # fmt: skip
    head = zlib.compress(json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode(), 6)
    offsets = np.zeros(len(sizes) + 1, dtype="<i8")
    np.cumsum(np.asarray(sizes, dtype="<i8"), out=offsets[1:])
    if index.removed:  # weighed as the saved index will weigh them: by the postings it keeps
        size_of = dict(zip(keys, sizes, strict=True))
        weights = weigh_names(
            [index.name_tokens[n] for n in kept], [index.name_keys[n] for n in kept],
            lambda key: key_weight(size_of.get(key, 0)),
        )  # fmt: skip
    else:
        weights = index.name_weights()
    body = zlib.compress(
        offsets.tobytes()
        + np.asarray(ids, dtype="<i4").tobytes()
        + weights.parts.astype("<f8").tobytes()
        + weights.totals.astype("<f8").tobytes(),
        6,
    )
    return MAGIC + len(head).to_bytes(8, "little") + head + body


def from_bytes(data: bytes, source: str = "<bytes>") -> NameIndex:
    # Loading allocates some 300,000 containers, none of them garbage: the cyclic collector,
    # triggered every few hundred allocations, would walk them all again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _from_bytes(data, source)
    except (KeyError, IndexError, TypeError, ValueError) as exc:  # the right format, damaged
        raise InputError(source, f"not a listwatch name index ({type(exc).__name__}: {exc})") from None
    finally:
        if enabled:
            gc.enable()


def _from_bytes(data: bytes, source: str) -> NameIndex:
    if not data.startswith(MAGIC):
        raise InputError(source, "not a listwatch name index (or one of an older format; rebuild it)")
    start = len(MAGIC) + 8
    size = int.from_bytes(data[len(MAGIC) : start], "little")
    try:
        raw = json.loads(zlib.decompress(data[start : start + size]))
        body = zlib.decompress(data[start + size :])
    except (zlib.error, ValueError) as exc:
        raise InputError(source, f"not a listwatch name index ({exc})") from None
    if not isinstance(raw, dict) or raw.get("format") != INDEX_FORMAT:
        found = raw.get("format") if isinstance(raw, dict) else None
        raise InputError(source, f"index format {found!r}, expected {INDEX_FORMAT}; rebuild it")
    keys: list[str] = raw["keys"]
    cut = 8 * (len(keys) + 1)
    if len(body) < cut:
        raise InputError(source, "not a listwatch name index (postings cut short)")
    offsets = np.frombuffer(body, dtype="<i8", count=len(keys) + 1).tolist()
    names = raw["names"]
    part_count = sum(len(n[3]) for n in names)
    weights_at = cut + 4 * offsets[-1]
    if offsets[0] != 0 or any(a > b for a, b in pairwise(offsets)):
        raise InputError(source, "not a listwatch name index (postings do not add up)")
    if len(body) != weights_at + 8 * (part_count + len(names)):
        raise InputError(source, "not a listwatch name index (postings and weights do not add up)")
    id_array = np.frombuffer(body, dtype="<i4", offset=cut, count=offsets[-1])
    if len(id_array) and (int(id_array.min()) < 0 or int(id_array.max()) >= len(raw["names"])):
        raise InputError(source, "not a listwatch name index (a posting names no name)")
    ids = id_array.tolist()
    index = NameIndex(versions=raw["versions"])
    items = raw["candidates"]
    index.candidates = Candidates(items)
    index.countries = [frozenset(country_key(c) for c in item[6]) for item in items]
    index.schemas = [item[3] for item in items]
    index.births = [births_of(item[5], index.candidates.dates) for item in items]
    index.name_candidate = [n[0] for n in names]
    index.name_text = [n[1] for n in names]
    index.name_kind = [n[2] for n in names]
    index.name_tokens = [tuple(n[3]) for n in names]
    index.name_keys = [tuple(n[4]) for n in names]
    index.name_joined = [" ".join(sorted(tokens)) for tokens in index.name_tokens]
    index.postings = {key: ids[a:b] for key, a, b in zip(keys, offsets, offsets[1:], strict=False)}
    parts = np.frombuffer(body, dtype="<f8", offset=weights_at, count=part_count)
    totals = np.frombuffer(body, dtype="<f8", offset=weights_at + 8 * part_count, count=len(names))
    index._name_weights = NameWeights(parts, part_offsets(index.name_tokens), totals)
    return index


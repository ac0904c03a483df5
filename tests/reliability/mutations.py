"""A generator of damaged copies of real list files: what a broken download, a changed generator or a
wrong export makes of them. Each mutation is deterministic (seeded), so a failure can be replayed."""

from __future__ import annotations

import gzip
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Mutation:
    name: str
    apply: Callable[[bytes], bytes]
    compressed: bool = False  # True: applied to the gzip bytes as stored, not to the content


def _truncate(fraction: float) -> Callable[[bytes], bytes]:
    return lambda data: data[: int(len(data) * fraction)]


def _flip_bits(seed: int, count: int) -> Callable[[bytes], bytes]:
    def apply(data: bytes) -> bytes:
        rng = random.Random(seed)
        out = bytearray(data)
        for _ in range(count):
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
        return bytes(out)

    return apply


def _insert(seed: int, junk: bytes) -> Callable[[bytes], bytes]:
    def apply(data: bytes) -> bytes:
        at = random.Random(seed).randrange(len(data) // 4, len(data))
        return data[:at] + junk + data[at:]

    return apply


_TAG = re.compile(rb"<([A-Za-z_][\w.-]*)[\s>/]")


def _rename_commonest(data: bytes) -> bytes:
    """XML: the commonest element renamed; CSV: the header's columns; JSON: the commonest key."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \r\n\t")
    if head.startswith(b"<"):
        tags = Counter(_TAG.findall(data))
        tags.pop(b"xml", None)
        tag = tags.most_common(1)[0][0]
        return re.sub(rb"(</?)" + re.escape(tag) + rb"([\s>/])", rb"\1" + tag + rb"_RENAMED\2", data)
    if head.startswith((b"{", b"[")):
        keys = Counter(re.findall(rb'"(\w+)"\s*:', data))
        key = keys.most_common(1)[0][0]
        return data.replace(b'"' + key + b'":', b'"' + key + b'_renamed":')
    first, _, rest = data.partition(b"\n")
    return b",".join(b"col_" + bytes(str(i), "ascii") for i, _ in enumerate(first.split(b","))) + b"\n" + rest


def _utf16(data: bytes) -> bytes:
    try:
        return data.decode("utf-8").encode("utf-16")
    except UnicodeDecodeError:
        return data.decode("latin-1").encode("utf-16")


def _latin1(data: bytes) -> bytes:
    try:
        return data.decode("utf-8").encode("latin-1", errors="replace")
    except UnicodeDecodeError:
        return data.decode("latin-1").encode("utf-8")


MUTATIONS = (
    Mutation("truncated at 3%", _truncate(0.03)),
    Mutation("truncated at 50%", _truncate(0.5)),
    Mutation("truncated at 99.9%", _truncate(0.999)),
    Mutation("commonest element renamed", _rename_commonest),
    Mutation("invalid UTF-8 bytes", _insert(1, b"\xff\xfe\xc3\x28")),
    Mutation("NUL bytes", _insert(2, b"\x00" * 16)),
    Mutation("re-encoded as UTF-16", _utf16),
    Mutation("re-encoded as Latin-1", _latin1),
    Mutation("10 bits flipped", _flip_bits(3, 10)),
    Mutation("200 bits flipped", _flip_bits(4, 200)),
    Mutation("gzip stream bits flipped", _flip_bits(5, 20), compressed=True),
    Mutation("gzip stream truncated", _truncate(0.6), compressed=True),
)


def mutants(source: Path, folder: Path) -> Iterator[tuple[Mutation, Path]]:
    """Each mutation of ``source`` written to its own folder under ``folder``, named as the source."""
    stored = source.read_bytes()
    gzipped = stored[:2] == b"\x1f\x8b"
    content = gzip.decompress(stored) if gzipped else stored
    for number, mutation in enumerate(MUTATIONS):
        if mutation.compressed and not gzipped:
            continue
        target = folder / f"m{number:02d}"
        target.mkdir(parents=True, exist_ok=True)
        if mutation.compressed:
            path = target / source.name
            path.write_bytes(mutation.apply(stored))
        else:
            path = target / source.name.removesuffix(".gz")
            path.write_bytes(mutation.apply(content))
        yield mutation, path

"""Reading source files: gzip transparently, sha256 of the bytes as stored, dates from file names.

Every failure here names the file: a 0-byte file (a real failed download), a truncated gzip, bytes
that do not decode in the encoding the format promises.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from listwatch.errors import InputError, Problem, TooLarge
from listwatch.model import Source

_LEADING_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


# The largest list file read, once decompressed. The largest official file is OFAC's advanced XML
# (about 120 MB); a gzip bomb (3 MB that expands to 3 GiB) stops here, not at a MemoryError.
MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's content, decompressed if it is gzip (by magic number, not by name), at most
    ``limit`` bytes (default ``MAX_DECOMPRESSED_BYTES``) either way."""
    limit = MAX_DECOMPRESSED_BYTES if limit is None else limit
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    if not raw:
        raise InputError(path, "the file is empty (0 bytes): a failed download?")
    if raw[:2] == b"\x1f\x8b":
        data = _gunzip(path, raw, limit)
        if not data:
            raise InputError(path, "the file is empty once decompressed")
        return data
    if len(raw) > limit:
        raise TooLarge(path, f"{len(raw):,} bytes, more than the {limit:,} a list file may have")
    return raw


def _gunzip(path: Path, raw: bytes, limit: int) -> bytes:
    """Every gzip member, decompressed with no more than ``limit + 1`` bytes ever held."""
    out: list[bytes] = []
    size = 0
    rest = raw
    try:
        while rest:
            member = zlib.decompressobj(wbits=31)
            out.append(member.decompress(rest, limit + 1 - size))
            size += len(out[-1])
            if size > limit:
                raise TooLarge(
                    path,
                    f"decompresses to more than {limit:,} bytes ({len(raw):,} compressed): "
                    "not a list file, or a gzip bomb",
                )
            if not member.eof:
                raise EOFError("compressed file ended before the end-of-stream marker was reached")
            rest = member.unused_data.lstrip(b"\x00")  # gzip allows zero padding after a member
    except (EOFError, zlib.error) as exc:
        raise InputError(path, f"truncated or corrupt gzip data ({exc})") from None
    return b"".join(out)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def decode(path: Path, data: bytes, encoding: str) -> str:
    """Decode strictly, and say where the first undecodable byte is."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path, f"byte 0x{data[exc.start]:02x} is not valid {encoding} ({exc.reason})", line=line
        ) from None


def date_from_name(path: Path) -> date | None:
    """A leading YYYY-MM-DD in the file name, as in ``2024-05-01-sdn.csv.gz``."""
    match = _LEADING_DATE.match(path.name)
    if match is None:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def publication_time(path: Path, published: date | None, what: str) -> datetime:
    """For formats with no date inside: ``--published``, else the file name's leading date, else refuse."""
    day = published or date_from_name(path)
    if day is None:
        raise InputError(
            path,
            f"{what} has no publication date inside it: give --published YYYY-MM-DD "
            "or name the file YYYY-MM-DD-<name>",
        )
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def strip_compression_suffix(name: str) -> str:
    return name[:-3] if name.endswith(".gz") else name


def source_for(path: Path, fmt: str, publisher: str, url: str | None = None) -> Source:
    """Describe the file a version came from; sha256 is of the bytes as stored (compressed or not)."""
    raw = path.read_bytes()
    return Source(
        sha256=hashlib.sha256(raw).hexdigest(),
        format=fmt,
        publisher=publisher,
        path=str(path),
        url=url,
        size=len(raw),
        retrieved_at=datetime.fromtimestamp(path.stat().st_mtime, tz=UTC),
    )


def require_columns(path: Path, header: Sequence[str], required: Sequence[str], line: int) -> None:
    """Refuse a CSV whose header lacks columns, naming every missing one (not only the first)."""
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(
            path,
            f"the header has no column {', '.join(missing)}",
            line=line,
            field=missing[0],
            problems=[Problem(f"the header has no column {c}", line, c) for c in missing],
        )


def raise_problems(path: Path, problems: list[Problem]) -> None:
    """Report every problem found in a file at once, the first line first (nothing when there is none)."""
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        first = problems[0]
        raise InputError(path, first.message, line=first.line, field=first.field, problems=problems)

"""Fetch official list files to a folder, named so that they load again later, asking only for what changed.

Files are saved as ``YYYY-MM-DD-<name>`` (today, UTC): several formats have no date inside, and
``files.publication_time`` reads it back from that name. A second change on the same day gets the time
too (``YYYY-MM-DD-HHMMSS-<name>``), since ``update`` may run every hour.

Conditional requests: the ``ETag`` and ``Last-Modified`` of the last file saved from an address are kept
in ``fetch-state.json`` beside the files, and sent back (``If-None-Match``, ``If-Modified-Since``); a 304,
or a body with the same sha256 as the last file, is "unchanged" and writes nothing. The state is kept
only once the caller has ingested the file (``FetchState.save``), so a file that fails to ingest is
fetched again next time.

This module only fetches; parsing stays with the format modules, so every source also works from a
file a user downloaded by hand.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import httpx

from listwatch.errors import SourceUnavailable
from listwatch.model.lists import LISTS

# Files that must travel with a list's main file (OFAC's legacy CSV keeps aliases and addresses apart),
# fetched from beside it when a user points a list at the CSV.
COMPANIONS = {"sdn.csv": ("alt.csv", "add.csv", "sdn_comments.csv")}
STATE_FILE = "fetch-state.json"
USER_AGENT = "listwatch (+https://github.com/listwatch) httpx"


def urls_for(list_id: str) -> list[str]:
    info = LISTS.get(list_id)
    if info is None or not info.url:
        known = ", ".join(sorted(k for k, v in LISTS.items() if v.url))
        raise SourceUnavailable(f'no download address for list "{list_id}" (known: {known})')
    name = Path(urlsplit(info.url).path).name.lower()
    return [info.url, *(urljoin(info.url, c) for c in COMPANIONS.get(name, ()))]


def mirrored(url: str, base: str | None) -> str:
    """The address to fetch ``url`` from: itself, or under a mirror ``base`` that keeps the official host
    and path (``https://host/a/b?q`` -> ``<base>/host/a/b?q``), as a local test server or a bank's
    internal mirror serves them."""
    if not base:
        return url
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{base.rstrip('/')}/{parts.netloc}{parts.path}{query}"


@dataclass(slots=True)
class FetchState:
    """What was last saved from each address (``ETag``, ``Last-Modified``, sha256, file) and when each list
    was last checked."""

    path: Path
    urls: dict[str, dict[str, str]] = field(default_factory=dict)
    checked: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> FetchState:
        path = folder / STATE_FILE
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError):
            # A damaged state file only costs one unconditional download of each list.
            return cls(path)
        return cls(path, dict(data.get("urls", {})), dict(data.get("checked", {})))

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".part")
        data = {"urls": self.urls, "checked": self.checked}
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(self.path)


@dataclass(slots=True)
class Fetched:
    """One list's download: ``new`` files to ingest, or ``unchanged`` and why."""

    list_id: str
    status: Literal["new", "unchanged"]
    detail: str
    files: list[Path] = field(default_factory=list)
    # State to record once the files are ingested: url -> {etag, last_modified, sha256, file}.
    records: dict[str, dict[str, str]] = field(default_factory=dict)


def _failed(url: str, why: str) -> SourceUnavailable:
    return SourceUnavailable(f"download of {url} failed: {why}")


@contextmanager
def _errors(url: str) -> Iterator[None]:
    try:
        yield
    except httpx.TimeoutException:
        raise _failed(url, "timed out") from None
    except httpx.RemoteProtocolError as exc:
        raise _failed(url, f"the connection broke before the whole file arrived ({exc})") from None
    except httpx.HTTPError as exc:
        raise _failed(url, str(exc) or type(exc).__name__) from None


def _get(
    client: httpx.Client, url: str, part: Path, headers: dict[str, str]
) -> tuple[httpx.Response, str | None]:
    """GET ``url`` into ``part``; (response, sha256 of the body), no sha256 for a 304. A transfer that
    breaks, a disk that fills or a Ctrl-C removes its part file; a file that cannot be written is the
    source being unavailable (the store is unchanged, the other lists still update)."""
    try:
        return _stream(client, url, part, headers)
    except OSError as exc:
        part.unlink(missing_ok=True)
        reason = exc.strerror or str(exc)
        raise SourceUnavailable(f"{url} could not be saved to {part.parent}: {reason}") from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _stream(
    client: httpx.Client, url: str, part: Path, headers: dict[str, str]
) -> tuple[httpx.Response, str | None]:
    with _errors(url), client.stream("GET", url, headers=headers) as response:
        if response.status_code == 304:
            return response, None
        if response.status_code >= 400:
            raise _failed(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
        digest = hashlib.sha256()
        size = 0
        with part.open("wb") as out:
            for chunk in response.iter_bytes():
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        received = response.num_bytes_downloaded
    # Content-Length counts the bytes sent (compressed, if they were), so it is checked against those.
    expected = response.headers.get("content-length", "")
    if expected.isdigit() and int(expected) != received:
        part.unlink(missing_ok=True)
        raise _failed(url, f"the body was cut short: {received:,} of {int(expected):,} bytes")
    if size == 0:
        # A real failure mode: a scraper once committed a 0-byte sdn.csv.
        part.unlink(missing_ok=True)
        raise _failed(url, "the server sent an empty (0-byte) body")
    return response, digest.hexdigest()


def _target(dest: Path, name: str, now: datetime) -> Path:
    path = dest / f"{now.date().isoformat()}-{name}"
    if path.exists():
        path = dest / f"{now.date().isoformat()}-{now.strftime('%H%M%S')}-{name}"
    return path


def fetch_list(
    list_id: str,
    dest: Path,
    state: FetchState,
    *,
    base: str | None = None,
    timeout: float = 60,
    now: datetime | None = None,
) -> Fetched:
    """Fetch a list's files into ``dest`` if they changed. All are fetched before any is kept, so a
    failure leaves no half set (an sdn.csv without its alt.csv would parse with its aliases missing)."""
    targets = urls_for(list_id)
    info = LISTS[list_id]
    now = now or datetime.now(UTC)
    dest.mkdir(parents=True, exist_ok=True)
    fetched: list[tuple[str, Path, Path, httpx.Response, str]] = []
    try:
        with httpx.Client(
            timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
        ) as client:
            for i, url in enumerate(targets):
                source = mirrored(url, base)
                known = state.urls.get(url, {})
                headers: dict[str, str] = {}
                if i == 0 and known.get("file") and (dest / known["file"]).exists():
                    if known.get("etag"):
                        headers["If-None-Match"] = known["etag"]
                    if known.get("last_modified"):
                        headers["If-Modified-Since"] = known["last_modified"]
                name = (info.file_name if i == 0 else None) or Path(urlsplit(url).path).name or "download"
                part = dest / f".{name}.part"
                response, digest = _get(client, source, part, headers)
                if digest is None:
                    return Fetched(list_id, "unchanged", f"HTTP 304 Not Modified ({source})")
                if i == 0 and digest == known.get("sha256") and (dest / known.get("file", "")).is_file():
                    part.unlink(missing_ok=True)
                    return Fetched(list_id, "unchanged", f"same bytes as {known['file']}")
                fetched.append((url, part, _target(dest, name, now), response, digest))
    except BaseException:  # a failed fetch, or Ctrl-C: no part file of the set is left behind
        for _url, part, _path, _response, _digest in fetched:
            part.unlink(missing_ok=True)
        raise
    result = Fetched(list_id, "new", "")
    for url, part, path, response, digest in fetched:
        part.replace(path)
        result.files.append(path)
        record = {"sha256": digest, "file": path.name}
        for header, key in (("etag", "etag"), ("last-modified", "last_modified")):
            if value := response.headers.get(header):
                record[key] = value
        result.records[url] = record
    size = sum(p.stat().st_size for p in result.files)
    result.detail = f"{len(result.files)} file(s), {size:,} bytes from {mirrored(targets[0], base)}"
    return result


def download(list_id: str, dest: Path, *, timeout: float = 20, base: str | None = None) -> list[Path]:
    """Save the list's files in ``dest`` unconditionally (``listwatch download``-style use)."""
    fetched = fetch_list(list_id, dest, FetchState(dest / STATE_FILE), base=base, timeout=timeout)
    return fetched.files

"""Fetch official list files to a folder, named so that they load again later.

Files are saved as ``YYYY-MM-DD-<name>`` (today, UTC): most of these formats have no date inside, and
``files.publication_time`` reads it back from that name. This module only fetches; parsing stays with
the format modules, so every source also works from a file a user downloaded by hand.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from listwatch.errors import SourceUnavailable
from listwatch.model.lists import LISTS

OFAC_DOWNLOADS = "https://www.treasury.gov/ofac/downloads/"
# Files that must travel with a list's main file (OFAC's legacy CSV keeps aliases and addresses apart).
COMPANIONS = {"us_ofac_sdn": ("alt.csv", "add.csv", "sdn_comments.csv")}


def urls_for(list_id: str) -> list[str]:
    info = LISTS.get(list_id)
    if info is None or not info.url:
        known = ", ".join(sorted(k for k, v in LISTS.items() if v.url))
        raise SourceUnavailable(f'no download address for list "{list_id}" (known: {known})')
    return [info.url, *(OFAC_DOWNLOADS + name for name in COMPANIONS.get(list_id, ()))]


def _fetch(client: httpx.Client, url: str) -> bytes:
    try:
        response = client.get(url)
        response.raise_for_status()
    except httpx.HTTPStatusError as exc:
        raise SourceUnavailable(f"download of {url} failed: HTTP {exc.response.status_code}") from None
    except httpx.TimeoutException:
        raise SourceUnavailable(f"download of {url} failed: timed out") from None
    except httpx.HTTPError as exc:
        raise SourceUnavailable(f"download of {url} failed: {exc or type(exc).__name__}") from None
    if not response.content:
        # A real failure mode: a scraper once committed a 0-byte sdn.csv.
        raise SourceUnavailable(f"download of {url} failed: the server sent an empty (0-byte) body")
    return response.content


def download(list_id: str, dest: Path, *, timeout: float = 20) -> list[Path]:
    """Save the list's files in ``dest``; all are fetched before any is written, so a failure leaves
    no half set (an sdn.csv without its alt.csv would parse with its aliases missing)."""
    targets = urls_for(list_id)
    day = datetime.now(UTC).date().isoformat()
    bodies: list[tuple[str, bytes]] = []
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        for url in targets:
            name = Path(urlsplit(url).path).name or "download"
            bodies.append((name, _fetch(client, url)))
    dest.mkdir(parents=True, exist_ok=True)
    saved = []
    for name, body in bodies:
        path = dest / f"{day}-{name}"
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(body)
        tmp.replace(path)
        saved.append(path)
    return saved

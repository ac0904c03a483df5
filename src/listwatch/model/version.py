"""A list version: one file as its authority published it, parsed into entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from listwatch.model.entry import Citation, Entry


@dataclass(frozen=True, slots=True)
class Source:
    """The file a version came from. ``sha256`` covers the bytes as stored (compressed or not)."""

    sha256: str
    format: str
    publisher: str
    path: str | None = None
    url: str | None = None
    size: int = 0
    retrieved_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class DeltaOp:
    """One line of an OpenSanctions delta file: the entry after the change, or the ref deleted."""

    op: Literal["ADD", "MOD", "DEL"]
    ref: str
    entry: Entry | None


@dataclass(frozen=True, slots=True)
class Completeness:
    """Whether a version holds the whole list as of its date, and who says so.

    A curated list is assembled from sources; only where a source enumerates the whole list (and
    states its count) may "not on this version" be read as "not listed". Without it, a version is
    partial: an entity it does not hold is not known to be listed or not.
    """

    complete: bool
    count: int | None  # the number of entries the source states
    citation: Citation  # the source, and the sentence giving the count or the enumeration


@dataclass(frozen=True, slots=True)
class ListVersion:
    list_id: str
    published: datetime
    source: Source
    entries: tuple[Entry, ...]
    # The part of the list this file covers, when it is one committee's or one regulation's extract
    # (the UN 1988 committee file covers only "Taliban" entries). Versions are compared on the
    # scope they share, so an extract never looks like mass delistings from the consolidated list.
    scope: str | None = None
    # Delta files change the previous version rather than restate the list; ingest applies them.
    delta: tuple[DeltaOp, ...] | None = None
    # "snapshot": the list as in force on its publication date (official lists; an entry that
    # disappears was delisted). "record": the file states its own history (curated lists: entries
    # keep listed_on and delisted_on), so the newest version we know answers for every date.
    kind: Literal["snapshot", "record"] = "snapshot"
    # Curated versions say whether they are complete; None: not stated (partial). Official snapshot
    # files are complete by nature and leave it None.
    completeness: Completeness | None = None

    @property
    def published_on(self) -> date:
        """The list's own date, in the offset the publisher wrote (not the UTC day)."""
        return self.published.date()

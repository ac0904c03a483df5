"""Status on a date: what a list said about an entity on day ``on``, as known at ``known_at``.

Two axes. Valid time (``on``): for an official snapshot list, the version in force on that day is the
newest one published by then; a delisting seen between two versions counts from the publication date
of the first version without the entry (the end of the window) — the first day it could be known, and
the conservative choice for screening. Record time (``known_at``): only versions published by then are
used, so ``known_at`` reproduces what could be known that day. Curated lists state their own history
(``kind="record"``): the newest version known at ``known_at`` answers for every date, from the entry's
``listed_on`` and ``delisted_on``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from listwatch.model import Entry, PartialDate
from listwatch.store import Reader, VersionRow

StatusValue = Literal["listed", "not_listed", "never_listed"]


@dataclass(slots=True)
class Status:
    entity_id: str
    list_id: str
    on: date
    known_at: date | None
    status: StatusValue
    since: date | None = None
    until: date | None = None
    entry: Entry | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    # True when ``on`` is before the first version held and the answer rests on the entry's own dates:
    # a weaker answer, which a sourced claim (a curated list) may outweigh.
    inferred: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "list": self.list_id,
            "on": self.on.isoformat(),
            "known_at": self.known_at.isoformat() if self.known_at else None,
            # The public shape has listed|not_listed; "never_listed" is a not_listed with no history.
            "status": "listed" if self.status == "listed" else "not_listed",
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "ref": self.entry.ref if self.entry else None,
            "name": self.entry.caption if self.entry else None,
            "never_listed": self.status == "never_listed",
            "evidence": self.evidence,
        }


def _evidence(version: VersionRow, statement: str) -> dict[str, Any]:
    return {
        "statement": statement,
        "version_id": version.id,
        "list": version.list_id,
        "published": version.published_on.isoformat(),
        "sha256": version.sha256,
        "source": version.path or version.url,
        "publisher": version.publisher,
    }


def _starts(value: PartialDate | None) -> date | None:
    return value.earliest() if value is not None else None


def status_on(reader: Reader, entity_id: str, list_id: str, on: date, known_at: date | None = None) -> Status:
    versions = reader.versions(list_id, known_at=known_at)
    memberships = reader.entity_memberships(entity_id)
    result = Status(entity_id, list_id, on, known_at, "never_listed")
    if not versions:
        return result
    if versions[-1].kind == "record":
        return _status_from_record(reader, result, versions[-1], memberships)
    program = next((p for _h, p in memberships.values() if p), None)
    covering = [v for v in versions if v.covers(program)]
    if not covering:
        return result
    present = [v.id in memberships for v in covering]
    before = [i for i, v in enumerate(covering) if v.published_on <= on]
    # No version of ours that old: the first version held answers, if its entry says it was listed by then.
    index = before[-1] if before else 0
    result.inferred = not before
    version = covering[index]
    if present[index]:
        entry = reader.entry(version.id, entity_id)
        assert entry is not None
        result.entry = entry
        listed_on = _starts(entry.listed_on)
        if not before and (listed_on is None or listed_on > on):
            result.status = "not_listed"
            result.evidence.append(
                _evidence(version, f"first held version lists it from {listed_on or version.published_on}")
            )
            return result
        run_start = index
        while run_start > 0 and present[run_start - 1]:
            run_start -= 1
        first = covering[run_start]
        if listed_on is not None and (run_start == 0 or listed_on > covering[run_start - 1].published_on):
            result.since = listed_on
        else:
            result.since = first.published_on
        later_absent = next(
            (v for v, p in zip(covering[index:], present[index:], strict=True) if not p), None
        )
        result.until = later_absent.published_on if later_absent else None
        result.status = "listed"
        result.evidence.append(_evidence(version, f"on the list as published {version.published_on}"))
        if later_absent is not None:
            result.evidence.append(
                _evidence(later_absent, f"absent from the list as published {later_absent.published_on}")
            )
        return result
    if any(present[: index + 1]):
        last = max(i for i in range(index + 1) if present[i])
        result.status = "not_listed"
        result.since = covering[last + 1].published_on
        result.entry = reader.entry(covering[last].id, entity_id)
        result.evidence.append(
            _evidence(covering[last], f"last seen on the list as published {covering[last].published_on}")
        )
        result.evidence.append(
            _evidence(
                covering[last + 1], f"absent from the list as published {covering[last + 1].published_on}"
            )
        )
        return result
    result.status = "never_listed" if not any(present) else "not_listed"
    if any(present):
        later = next(v for v, p in zip(covering, present, strict=True) if p)
        result.entry = reader.entry(later.id, entity_id)
        result.until = None
        result.evidence.append(_evidence(version, f"not on the list as published {version.published_on}"))
        result.evidence.append(_evidence(later, f"first on the list as published {later.published_on}"))
    else:
        result.evidence.append(_evidence(version, f"not on the list as published {version.published_on}"))
    return result


def _status_from_record(
    reader: Reader, result: Status, version: VersionRow, memberships: dict[int, tuple[str, str | None]]
) -> Status:
    if version.id not in memberships:
        result.evidence.append(_evidence(version, "not in the curated record"))
        return result
    entry = reader.entry(version.id, result.entity_id)
    assert entry is not None
    result.entry = entry
    for citation in entry.citations:
        result.evidence.append(
            {
                "statement": citation.statement,
                "source": citation.title,
                "publisher": citation.publisher,
                "published": str(citation.published) if citation.published else None,
                "url": citation.url,
                "quote": citation.quote,
                "version_id": version.id,
            }
        )
    result.status, result.since, result.until = record_status(entry, result.on)
    return result


def record_status(entry: Entry, on: date) -> tuple[StatusValue, date | None, date | None]:
    """A curated entry on day ``on``: (status, since, until).

    Denials (``never_listed``, ``not_listed``) answer as stated. A designation whose start the sources do
    not date (Russia's ban, attested "in force as of 2023-12") counts as listed until its stated end, with
    ``since`` unknown; a partial date counts from its first day ("2023-12" from 2023-12-01).
    """
    if entry.standing in ("never_listed", "not_listed"):
        return entry.standing, None, None  # type: ignore[return-value]
    listed_on, delisted_on = _starts(entry.listed_on), _starts(entry.delisted_on)
    if listed_on is not None and on < listed_on:
        return "not_listed", None, listed_on
    if delisted_on is not None and delisted_on <= on:
        return "not_listed", delisted_on, None
    return "listed", listed_on, delisted_on

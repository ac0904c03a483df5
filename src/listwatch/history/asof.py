"""Status on a date: what a list said about an entity on day ``on``, as known at ``known_at``.

Three values (``STATUS_VALUES``): ``listed``, ``not_listed`` and ``unknown``. ``unknown`` is the honest
answer where no held version or stated fact covers the day: before the first version held (unless the
entry itself dates its listing), past the last one plus the list's publication horizon (stale), or at a
``known_at`` before anything was published. Every answer carries its ``basis``: the version or curated
record it rests on, and why.

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

from listwatch.history.coverage import Coverage, absent_statement, coverage_of, stale_statement
from listwatch.model import Entry, PartialDate
from listwatch.store import Reader, VersionRow

# "never_listed" is kept inside as a not_listed with no held history; the JSON says not_listed with
# ``never_listed: true``.
StatusValue = Literal["listed", "not_listed", "never_listed", "unknown"]
STATUS_VALUES = ("listed", "not_listed", "unknown")


@dataclass(frozen=True, slots=True)
class Basis:
    """What an answer rests on: a published ``version``, a curated ``record``, the entry's own listing
    date (``entry_date``: before the first version held), or ``none`` held; and why, in a sentence."""

    kind: Literal["version", "record", "entry_date", "none"]
    reason: str
    version: VersionRow | None = None

    def as_json(self) -> dict[str, Any]:
        v = self.version
        return {
            "kind": self.kind,
            "reason": self.reason,
            "version_id": v.id if v else None,
            "list": v.list_id if v else None,
            "published": v.published_on.isoformat() if v else None,
            "sha256": v.sha256 if v else None,
        }


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
    basis: Basis | None = None
    coverage: Coverage | None = None
    stale: bool = False
    # Past the horizon: what the last held version said, though it no longer answers for ``on``.
    last_known: StatusValue | None = None
    # ``since`` as its source states it ("2005", "2023-12"), when a source dates it; and how it is
    # dated: ``source``, ``first_seen`` (on the first version held: on or before) or ``window``.
    since_stated: PartialDate | None = None
    since_dated_by: str | None = None

    @property
    def since_text(self) -> str | None:
        if self.since_stated is not None:
            return str(self.since_stated)
        return self.since.isoformat() if self.since else None

    @property
    def value(self) -> str:
        """The public three-valued status."""
        return "not_listed" if self.status == "never_listed" else self.status

    def as_json(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "list": self.list_id,
            "on": self.on.isoformat(),
            "known_at": self.known_at.isoformat() if self.known_at else None,
            "status": self.value,
            "since": self.since_text,
            "since_precision": self.since_stated.precision
            if self.since_stated
            else "day"
            if self.since
            else None,
            "since_dated_by": self.since_dated_by,
            "until": self.until.isoformat() if self.until else None,
            "ref": self.entry.ref if self.entry else None,
            "name": self.entry.caption if self.entry else None,
            "never_listed": self.status == "never_listed",
            "basis": self.basis.as_json() if self.basis else None,
            "coverage": self.coverage.as_json() if self.coverage else None,
            "stale": self.stale,
            "last_known": _public(self.last_known),
            "evidence": self.evidence,
        }


def _public(value: StatusValue | None) -> str | None:
    return "not_listed" if value == "never_listed" else value


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


def _covering(versions: list[VersionRow], memberships: dict[int, tuple[str, str | None]]) -> list[VersionRow]:
    """The versions that speak for this entity: whole-list ones, and extracts of its regime. A scope
    is matched by the entity's program or by the scopes of the versions it is on (an EU regulation's
    CELEX number is the scope, its entries carry a programme key)."""
    programs = {p for _h, p in memberships.values() if p}
    scopes = {v.scope for v in versions if v.id in memberships and v.scope}
    return [v for v in versions if v.scope is None or v.scope in programs or v.scope in scopes]


def status_on(reader: Reader, entity_id: str, list_id: str, on: date, known_at: date | None = None) -> Status:
    versions = reader.versions(list_id, known_at=known_at)
    memberships = reader.entity_memberships(entity_id)
    result = Status(entity_id, list_id, on, known_at, "unknown")
    if not versions:
        when = f"published by {known_at}" if known_at else "held"
        result.basis = Basis("none", f"no version of {list_id} was {when}")
        return result
    result.coverage = coverage_of(list_id, versions)
    if versions[-1].kind == "record":
        _status_from_record(reader, result, versions[-1], memberships)
    else:
        _status_from_snapshots(reader, result, _covering(versions, memberships), memberships)
    return _past_horizon(result)


def _past_horizon(result: Status) -> Status:
    """Past the last version plus the list's horizon, the last version no longer answers: ``unknown``,
    stale, with what it last said in ``last_known``."""
    coverage = result.coverage
    if coverage is None or not coverage.stale(result.on) or result.status == "unknown":
        return result
    result.stale = True
    result.last_known = result.status
    said = f"; the last version held said {_public(result.status)}"
    result.status = "unknown"
    version = result.basis.version if result.basis else None
    result.basis = Basis("none", stale_statement(coverage, result.on) + said, version)
    return result


def _status_from_snapshots(
    reader: Reader, result: Status, covering: list[VersionRow], memberships: dict[int, tuple[str, str | None]]
) -> None:
    entity_id, on = result.entity_id, result.on
    coverage = result.coverage
    assert coverage is not None
    if not covering:
        result.basis = Basis("none", f"no held version of {result.list_id} covers this entity's regime")
        return
    present = [v.id in memberships for v in covering]
    before = [i for i, v in enumerate(covering) if v.published_on <= on]
    if not before:
        _before_first(reader, result, covering, present)
        return
    index = before[-1]
    version = covering[index]
    if present[index]:
        entry = reader.entry(version.id, entity_id)
        assert entry is not None
        result.entry = entry
        listed_on = _starts(entry.listed_on)
        run_start = index
        while run_start > 0 and present[run_start - 1]:
            run_start -= 1
        first = covering[run_start]
        if listed_on is not None and (run_start == 0 or listed_on > covering[run_start - 1].published_on):
            result.since, result.since_stated, result.since_dated_by = listed_on, entry.listed_on, "source"
            dated = f"listed since {entry.listed_on} (per version of {first.published_on})"
        elif run_start == 0:
            result.since, result.since_dated_by = first.published_on, "first_seen"
            dated = f"first seen on {first.published_on} (listed on or before)"
        else:
            result.since, result.since_dated_by = first.published_on, "window"
            dated = f"listed between {covering[run_start - 1].published_on} and {first.published_on}"
        later_absent = next(
            (v for v, p in zip(covering[index:], present[index:], strict=True) if not p), None
        )
        result.until = later_absent.published_on if later_absent else None
        result.status = "listed"
        result.basis = Basis("version", f"on the list as published {version.published_on}; {dated}", version)
        result.evidence.append(_evidence(version, f"on the list as published {version.published_on}"))
        if later_absent is not None:
            result.evidence.append(
                _evidence(later_absent, f"absent from the list as published {later_absent.published_on}")
            )
        return
    if any(present[: index + 1]):
        last = max(i for i in range(index + 1) if present[i])
        gone = covering[last + 1]
        result.status = "not_listed"
        result.since = gone.published_on
        result.entry = reader.entry(covering[last].id, entity_id)
        result.basis = Basis(
            "version",
            f"last seen on the list as published {covering[last].published_on}, absent from it as "
            f"published {gone.published_on}",
            gone,
        )
        result.evidence.append(
            _evidence(covering[last], f"last seen on the list as published {covering[last].published_on}")
        )
        result.evidence.append(_evidence(gone, f"absent from the list as published {gone.published_on}"))
        return
    result.evidence.append(_evidence(version, f"not on the list as published {version.published_on}"))
    if any(present):
        later = next(v for v, p in zip(covering, present, strict=True) if p)
        result.status = "not_listed"
        result.entry = reader.entry(later.id, entity_id)
        result.basis = Basis(
            "version",
            f"not on the list as published {version.published_on}; first on it as published "
            f"{later.published_on}",
            version,
        )
        result.evidence.append(_evidence(later, f"first on the list as published {later.published_on}"))
        return
    result.status = "never_listed"
    result.basis = Basis(
        "version",
        f"not on the list as published {version.published_on}: {absent_statement(coverage)}",
        version,
    )


def _before_first(reader: Reader, result: Status, covering: list[VersionRow], present: list[bool]) -> None:
    """``on`` is before every version held: only the entry's own listing date can answer."""
    coverage = result.coverage
    assert coverage is not None
    first = covering[0]
    result.inferred = True
    held = f"before the first held version of {result.list_id} (published {first.published_on})"
    if not present[0]:
        later = next((v for v, p in zip(covering, present, strict=True) if p), None)
        if later is not None:
            result.entry = reader.entry(later.id, result.entity_id)
            why = f"{held}; first on the list as published {later.published_on}"
        else:
            why = f"{held}; {absent_statement(coverage)}"
        result.basis = Basis("none", why, first)
        result.evidence.append(_evidence(first, why))
        return
    entry = reader.entry(first.id, result.entity_id)
    assert entry is not None
    result.entry = entry
    stated = entry.listed_on
    if stated is None:
        why = (
            f"{held}, which has it with no listing date: first seen on {first.published_on} "
            "(listed on or before)"
        )
        result.basis = Basis("none", why, first)
        result.evidence.append(_evidence(first, f"first held version lists it from {first.published_on}"))
        return
    if stated.latest() <= result.on:
        result.status = "listed"
        result.since, result.since_stated, result.since_dated_by = stated.earliest(), stated, "source"
        why = f"listed since {stated} (per version of {first.published_on})"
    elif stated.earliest() > result.on:
        result.status = "not_listed"
        result.until = stated.earliest()
        why = f"the entry dates its listing {stated}, after {result.on} (per version of {first.published_on})"
    else:
        why = f"the entry dates its listing {stated}, which may be before or after {result.on}"
    result.basis = Basis("entry_date" if result.status != "unknown" else "none", why, first)
    result.evidence.append(_evidence(first, f"first held version lists it from {stated}"))


def _status_from_record(
    reader: Reader, result: Status, version: VersionRow, memberships: dict[int, tuple[str, str | None]]
) -> None:
    if version.id not in memberships:
        stated = reader.completeness([version.id]).get(version.id)
        if stated is not None and stated.complete:
            result.status = "never_listed"
            why = (
                f"not in the curated record of {version.published_on}, which a source states is the "
                "whole list"
            )
        else:
            why = (
                f"not in the curated record of {version.published_on}, which is partial: no source cited "
                "enumerates the whole list"
            )
        result.basis = Basis("record", why, version)
        result.evidence.append(_evidence(version, "not in the curated record"))
        return
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
    own = entry.listed_on if result.status == "listed" else entry.delisted_on
    if own is not None and result.since == own.earliest():
        result.since_stated, result.since_dated_by = own, "source"
    result.basis = Basis(
        "record",
        f"the curated record of {version.published_on} states it "
        + {"listed": "listed", "not_listed": "not listed", "never_listed": "never listed"}.get(
            result.status, result.status
        )
        + (f", with {len(entry.citations)} source(s)" if entry.citations else ", citing no source"),
        version,
    )


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

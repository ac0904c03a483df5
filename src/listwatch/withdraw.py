"""Withdrawing a version from the record, and restoring it.

A version ingested by mistake (a broken file confirmed with --accept-shrink, a file put in the wrong
list) is not deleted: nothing in the record is. A withdrawal is a fact of its own (who said so is the
reason given, when is its record time), and from then on the version is left out of every answer:
its events are retracted and the events of the versions after it are derived again against the
version before it, so that history reads as if it had never been ingested. ``restore_version``
undoes it the same way. Both are rows appended in one transaction; ``reader(recorded_at=...)`` still
shows what was known before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from listwatch.errors import InputError, NotFound, Refused
from listwatch.ingest import derive_versions
from listwatch.store import Store, VersionRow


@dataclass(slots=True)
class WithdrawResult:
    version: VersionRow
    action: str  # "withdrawn" | "restored"
    reason: str
    retracted: int = 0  # events of the versions concerned no longer in force
    derived: dict[int, int] = field(default_factory=dict)  # version id -> events in force after

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.version.as_json(),
            "action": self.action,
            "reason": self.reason,
            "events_retracted": self.retracted,
            "events_derived_again": self.derived,
        }


def find_version(store: Store, text: str) -> VersionRow:
    """A version as users name it: its id (``listwatch versions``), or ``LIST@YYYY-MM-DD``."""
    versions = store.reader().versions(withdrawn=True)
    if text.strip().isdigit():
        found = [v for v in versions if v.id == int(text)]
    elif "@" in text:
        list_id, _, day = text.partition("@")
        try:
            on = date.fromisoformat(day.strip())
        except ValueError:
            raise InputError("VERSION", f'"{day}" is not a date (YYYY-MM-DD)', field="VERSION") from None
        found = [v for v in versions if v.list_id == list_id.strip() and v.published_on == on]
        if len(found) > 1:
            ids = ", ".join(str(v.id) for v in found)
            raise InputError("VERSION", f"{text} names {len(found)} versions ({ids}): give the id")
    else:
        raise InputError("VERSION", f'"{text}": give a version id or LIST@YYYY-MM-DD', field="VERSION")
    if not found:
        raise NotFound(f"no version {text} (see `listwatch versions`)")
    return found[0]


def withdraw_version(store: Store, version_id: int, reason: str) -> WithdrawResult:
    return _act(store, version_id, reason, "withdrawn")


def restore_version(store: Store, version_id: int, reason: str) -> WithdrawResult:
    return _act(store, version_id, reason, "restored")


def _act(store: Store, version_id: int, reason: str, action: str) -> WithdrawResult:
    if not reason.strip():
        raise InputError("--reason", "say why (it is kept in the record)", field="--reason")
    with store.writer() as writer:
        reader = writer.reader
        row = next((v for v in reader.versions(withdrawn=True) if v.id == version_id), None)
        if row is None:
            raise NotFound(f"no version {version_id} (see `listwatch versions`)")
        is_withdrawn = version_id in reader.withdrawn_ids()
        if action == "withdrawn" and is_withdrawn:
            raise Refused(f"version {version_id} is already withdrawn; nothing was done")
        if action == "restored" and not is_withdrawn:
            raise Refused(f"version {version_id} is not withdrawn; nothing was done")
        writer.add_withdrawal(version_id, action, reason.strip())
        result = WithdrawResult(row, action, reason.strip())
        active = writer.active_event_keys(version_id)
        if action == "withdrawn":
            writer.retract_events(active.values(), version_id)
            result.retracted = len(active)
        versions = reader.versions(row.list_id)
        # Derived again from the version itself (restored) or from the one that took its place.
        index = next(
            (i for i, v in enumerate(versions) if (v.published_at, v.id) >= (row.published_at, row.id)),
            len(versions),
        )
        before = {v.id: set(writer.active_event_keys(v.id)) for v in versions[index:]}
        # The diff reads every entry of the first version derived again; later ones differ from it
        # only by what the pipeline's prefetch loads.
        first = versions[index].id if index < len(versions) else None
        contents = reader.revisions(h for h, _p in reader.version_members(first).values()) if first else {}
        derived = derive_versions(writer, versions, index, contents)
        for vid, events in derived.items():
            result.derived[vid] = len(events)
            result.retracted += len(before.get(vid, set()) - set(writer.active_event_keys(vid)))
    return result

"""What the held versions of a list cover: from its first version to its last plus the list's staleness
horizon. Outside that span the record does not know, and says ``unknown``; it never says "not listed".

A list publishes on a cadence (``ListInfo.horizon_days``: UN and OFAC within days of a change, curated
lists when their sources are reviewed). A day later than the last version held plus that horizon is
*stale*: the world may have moved on, and the last version cannot answer for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from listwatch.model import CURATED_CADENCE_DAYS, get_list
from listwatch.store import VersionRow


@dataclass(frozen=True, slots=True)
class Coverage:
    """The span of valid time the held versions of one list (as known at ``known_at``) answer for."""

    list_id: str
    first: date
    last: date
    versions: int
    horizon_days: int

    @property
    def stale_after(self) -> date:
        return self.last + timedelta(days=self.horizon_days)

    def before(self, on: date) -> bool:
        """Is ``on`` earlier than every held version?"""
        return on < self.first

    def stale(self, on: date) -> bool:
        """Is ``on`` past the last held version plus the list's horizon?"""
        return on > self.stale_after

    def covers(self, on: date) -> bool:
        return not self.before(on) and not self.stale(on)

    @property
    def span(self) -> str:
        return f"{self.first}..{self.last}"

    def as_json(self) -> dict[str, Any]:
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "versions": self.versions,
            "horizon_days": self.horizon_days,
            "stale_after": self.stale_after.isoformat(),
        }


def coverage_of(list_id: str, versions: Sequence[VersionRow]) -> Coverage | None:
    """The coverage of ``versions`` (one list's, oldest first); None when none is held."""
    if not versions:
        return None
    info = get_list(list_id)
    horizon = info.horizon_days
    if info.cadence_days is None and not info.curated and versions[-1].kind == "record":
        horizon = CURATED_CADENCE_DAYS  # a curated list not registered (a user's own)
    return Coverage(list_id, versions[0].published_on, versions[-1].published_on, len(versions), horizon)


def absent_statement(coverage: Coverage) -> str:
    """What the record can say of an entity none of a list's held versions links."""
    return f"no linked entry in the versions held (coverage {coverage.span}, {coverage.versions} version(s))"


def stale_statement(coverage: Coverage, on: date) -> str:
    return (
        f"stale: the last held version of {coverage.list_id} is of {coverage.last}, "
        f"{(on - coverage.last).days} days before {on}, beyond its {coverage.horizon_days}-day publication "
        "horizon; what it said may no longer hold"
    )

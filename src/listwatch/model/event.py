"""Events derived by comparing consecutive versions of a list: listed, delisted, amended.

A change seen between two versions is only known to lie in that window: ``window_start`` is the
publication date of the last version showing the old state, ``window_end`` of the first showing the new
one. ``date`` is the best valid-time date: the list's own date when it states one inside the window
(a UN ``LISTED_ON``), else ``window_end``, the first day the change could be seen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

EventType = Literal["listed", "delisted", "amended"]
# "observed": seen between two versions; "first_seen": the entry was on the first version we hold,
# so the listing happened on or before that version (on ``listed_on`` when the list says);
# "stated": a list that keeps its own history (a curated list) states the date.
EventBasis = Literal["observed", "first_seen", "stated"]


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class Event:
    type: EventType
    list_id: str
    entity_id: str
    ref: str
    name: str
    date: dt.date
    window_start: dt.date | None
    window_end: dt.date
    recorded_at: dt.datetime
    basis: EventBasis = "observed"
    fields: tuple[FieldChange, ...] = ()

"""What the entity page's timeline chart draws: per designation, the spans it was listed and its
amendments, each part said as known or inferred.

A span is *known* where held versions show the entry; *inferred* before that (a source's listing date
earlier than the first version holding it, or "on or before" when nothing dates it) and after the list's
coverage ends (past the last version plus its horizon, the record no longer knows). The chart draws the
two differently, and takes each row's status on a day from the matrix, so the page never contradicts
itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from listwatch.history.coverage import coverage_of
from listwatch.model import get_list
from listwatch.store import Reader


def listing_intervals(reader: Reader, events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per designation, from dated events (``record_dates.dated_events``, in date order): ``spans``
    (``from``/``to`` at the source's precision; ``held_from``, the first version showing the listing;
    ``dated_by``), ``amendments`` (with ``changes``: before → after), and ``known_until``, the day the
    list's coverage ends."""
    by_entity: dict[str, dict[str, Any]] = {}
    for e in events:
        info = get_list(e["list"])
        row = by_entity.setdefault(
            e["entity_id"],
            {
                "entity_id": e["entity_id"],
                "list": e["list"],
                "matrix_list": info.describes or e["list"],
                "title": info.title,
                "jurisdiction": info.jurisdiction,
                "ref": e["ref"],
                "name": e["name"],
                "spans": [],
                "amendments": [],
            },
        )
        spans: list[dict[str, Any]] = row["spans"]
        if e["type"] == "listed":
            if not spans or spans[-1]["to"] is not None:
                held = e["window"][1] if e["basis"] != "stated" else None
                spans.append(
                    {
                        "from": e["date"],
                        "to": None,
                        "basis": e["basis"],
                        "dated_by": e["dated_by"],
                        "held_from": held,
                        "when": e["when"],
                    }
                )
        elif e["type"] == "delisted":
            if spans and spans[-1]["to"] is None:
                spans[-1]["to"] = e["date"]
                spans[-1]["window"] = e["window"]
                spans[-1]["until_when"] = e["when"]
        else:
            row["amendments"].append(
                {"date": e["date"], "fields": [f["field"] for f in e["fields"]], "changes": e["changes"]}
            )
    rows = list(by_entity.values())
    rows.sort(key=lambda r: (r["jurisdiction"], r["list"], r["entity_id"]))
    ends: dict[str, str | None] = {}
    for row in rows:
        row["listed_today"] = bool(row["spans"]) and row["spans"][-1]["to"] is None
        if row["list"] not in ends:
            coverage = coverage_of(row["list"], reader.versions(row["list"]))
            ends[row["list"]] = coverage.stale_after.isoformat() if coverage else None
        row["known_until"] = ends[row["list"]]
    return rows

"""What a store must hold after any failure: every version whole (as many entries as it says), every
event and entry row pointing at rows that exist. Written in plain SQL, so it checks both engines the
same way and trusts none of the code it checks."""

from __future__ import annotations

from listwatch.store import Store

CHECKS = {
    "a version holds fewer or more entries than it says": (
        "SELECT v.id FROM list_version v LEFT JOIN (SELECT version_id, count(*) AS n FROM version_entry "
        "GROUP BY version_id) e ON e.version_id = v.id WHERE v.kind = 'snapshot' AND COALESCE(e.n, 0) <> "
        "v.entry_count"
    ),
    "an entry of no version": (
        "SELECT e.version_id FROM version_entry e LEFT JOIN list_version v ON v.id = e.version_id "
        "WHERE v.id IS NULL"
    ),
    "an entry whose revision is missing": (
        "SELECT e.hash FROM version_entry e LEFT JOIN entry_revision r ON r.hash = e.hash "
        "WHERE r.hash IS NULL"
    ),
    "an event of no version": (
        "SELECT ev.id FROM event ev LEFT JOIN list_version v ON v.id = ev.version_id WHERE v.id IS NULL"
    ),
    "an entry of no entity": (
        "SELECT e.entity_id FROM version_entry e LEFT JOIN entity n ON n.entity_id = e.entity_id "
        "WHERE n.entity_id IS NULL"
    ),
}


def problems(store: Store) -> list[str]:
    found = []
    with store.connection() as conn:
        for what, sql in CHECKS.items():
            rows = store.execute(conn, sql).fetchall()
            if rows:
                found.append(f"{what}: {[r[0] for r in rows[:5]]}")
    return found


def history(store: Store) -> list[tuple[str, str, str, str]]:
    """The events in force, as a comparable list (ids and record times differ between stores)."""
    return sorted((e.list_id, e.type, e.ref, e.date.isoformat()) for e in store.reader().events())


def versions(store: Store) -> list[tuple[str, str, int]]:
    return sorted((v.list_id, v.published_on.isoformat(), v.entry_count) for v in store.reader().versions())

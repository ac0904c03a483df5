"""Write the table of every curated list into docs/curated-lists.md (between the markers), from the data.

.venv/bin/python scripts/curated_table.py          # rewrite the table in docs/curated-lists.md
.venv/bin/python scripts/curated_table.py --check  # exit 1 if the table is out of date (tests do this)

Whoever adds or corrects a version file regenerates the table, so the doc never claims a count, a
completeness or a date range the data does not hold. Read from the shipped folders only (never a user's
overlay), with the same parser ``listwatch update`` uses.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from doc_section import write_or_check

DOC = Path(__file__).resolve().parents[1] / "docs" / "curated-lists.md"
START, END = "<!-- curated table: start -->", "<!-- curated table: end -->"
HEADER = (
    "| list id | jurisdiction | versions | first version | last version | entries | in force | complete |",
    "|---|---|---|---|---|---|---|---|",
)


def _completeness(stated: object) -> str:
    """`yes (N)` where a source enumerates the whole list, `partial (N stated)` or `partial`."""
    complete = getattr(stated, "complete", False)
    count = getattr(stated, "count", None)
    if complete:
        return f"yes ({count})"
    return f"partial ({count} stated)" if count is not None else "partial"


def rows() -> list[str]:
    """One row per curated list: the newest version's entries, in force on its date, and completeness."""
    from listwatch.sources.national import (
        entry_status,
        in_force,
        iter_curated_versions,
        register_curated_lists,
    )
    from listwatch.sources.registry import parse_file

    by_list: dict[str, list[Path]] = {}
    for path in iter_curated_versions():
        by_list.setdefault(path.parent.name, []).append(path)
    out = []
    for curated in register_curated_lists():
        list_id = curated.info.id
        paths = sorted(by_list.get(list_id, []), key=lambda p: p.stem)
        if not paths:
            continue
        newest = parse_file(paths[-1])
        designated = [e for e in newest.entries if entry_status(e) == "designated"]
        held = in_force(newest.entries, date.fromisoformat(paths[-1].stem))
        out.append(
            f"| `{list_id}` | {curated.info.jurisdiction} | {len(paths)} | {paths[0].stem} "
            f"| {paths[-1].stem} | {len(designated)} | {len(held)} | {_completeness(newest.completeness)} |"
        )
    return out


def table() -> str:
    return "\n".join((*HEADER, *rows())) + "\n"


def main() -> int:
    what = "docs/curated-lists.md: the table of curated lists"
    return write_or_check(DOC, START, END, table(), what, "curated_table.py")


if __name__ == "__main__":
    raise SystemExit(main())

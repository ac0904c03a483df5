"""One generated section of a doc, between two markers: written by a script, or checked (``--check``)
so the test suite fails when the doc and what it is generated from part ways."""

from __future__ import annotations

import sys
from pathlib import Path


def render(current: str, start: str, end: str, body: str, doc: Path) -> str:
    if start not in current or end not in current:
        raise SystemExit(f"{doc}: the markers {start} and {end} are missing")
    head, _, rest = current.partition(start)
    _, _, tail = rest.partition(end)
    return f"{head}{start}\n{body}{end}{tail}"


def write_or_check(doc: Path, start: str, end: str, body: str, what: str, script: str) -> int:
    """Write the section, or with ``--check`` in argv say it is out of date (exit status 1)."""
    current = doc.read_text(encoding="utf-8")
    wanted = render(current, start, end, body, doc)
    if "--check" in sys.argv:
        if wanted != current:
            print(f"{what} is out of date: run .venv/bin/python scripts/{script}", file=sys.stderr)
            return 1
        return 0
    doc.write_text(wanted, encoding="utf-8")
    return 0

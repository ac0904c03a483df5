"""How long the record's answers take on a store built by `listwatch update` from the real files:
status, matrix, timeline and changes for the cases of issue 11. Prints measured figures.

    LISTWATCH_SOURCES=../shared/data .venv/bin/listwatch update --offline --db sqlite:////tmp/r.db
    .venv/bin/python bench/record_answers.py --db sqlite:////tmp/r.db
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from listwatch.history.matrix import matrix
from listwatch.history.views import changes_between, statuses, timeline_of
from listwatch.store import open_store


def _time(label: str, call: Callable[[], Any], repeat: int) -> None:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<72} {best * 1000:8.1f} ms (best of {repeat})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    reader = open_store(args.db).reader()
    n = args.repeat
    _time(
        "status 6725 --list us_ofac_sdn --on 2019-01-01",
        lambda: statuses(reader, "6725", date(2019, 1, 1), list_id="us_ofac_sdn"),
        n,
    )
    _time("matrix Taliban --on 2026-12-02", lambda: matrix(reader, "Taliban", date(2026, 12, 2)), n)
    _time("timeline Taliban", lambda: timeline_of(reader, "Taliban"), n)
    _time(
        "changes --list us_ofac_sdn --from 2021-01-01 --to 2021-07-07 (8,976 events)",
        lambda: changes_between(reader, "us_ofac_sdn", date(2021, 1, 1), date(2021, 7, 7)),
        n,
    )
    _time(
        "changes --list un_sc_sanctions --from 2025-11-20 --to 2026-02-27",
        lambda: changes_between(reader, "un_sc_sanctions", date(2025, 11, 20), date(2026, 2, 27)),
        n,
    )


if __name__ == "__main__":
    main()

"""What a /match request costs per name, to set LISTWATCH_MAX_MATCH_NAMES: requests of 100 queries with
1, 10 and 30 distinct names each, over the lists in the store at LISTWATCH_DB (or --db).

    .venv/bin/python bench/match_limits.py --db sqlite:///path/to/store.db
"""

from __future__ import annotations

import argparse
import os
import time

from fastapi.testclient import TestClient

from listwatch.api.app import create_app
from listwatch.settings import Settings

SURNAMES = (
    "Haqqani",
    "Baradar",
    "Omar",
    "Mansour",
    "Zadran",
    "Akhund",
    "Rahman",
    "Karimi",
    "Noori",
    "Jalali",
)


def body(per_query: int) -> dict[str, object]:
    def names(i: int) -> list[str]:
        return [f"Abdul {SURNAMES[(i + j) % 10]} {i}-{j} Khan" for j in range(per_query)]

    return {"queries": {f"q{i}": {"schema": "Person", "properties": {"name": names(i)}} for i in range(100)}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=os.environ.get("LISTWATCH_DB"))
    args = parser.parse_args()
    settings = Settings(db_url=args.db, max_match_names=10**6, max_match_chars=10**9)
    with TestClient(create_app(settings, warm=False)) as client:
        client.post("/match/default", json=body(1))  # builds the screener
        print(f"{'names':>6} {'seconds':>8} {'ms/name':>8}")
        for per_query in (1, 10, 30):
            started = time.perf_counter()
            response = client.post("/match/default", json=body(per_query))
            seconds = time.perf_counter() - started
            assert response.status_code == 200, response.text[:200]
            total = 100 * per_query
            print(f"{total:>6} {seconds:>8.2f} {1000 * seconds / total:>8.2f}")


if __name__ == "__main__":
    main()

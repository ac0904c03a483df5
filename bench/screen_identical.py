"""Are the development set's hits identical to a saved dump? The check behind every change to the
matching core that is meant to keep its behaviour (a redesign, a speed change).

Every dev-set query (``screen_quality.build_devset``) is screened at threshold 0.6 (below the default,
so a score that moves near the threshold shows) with up to 10 hits, and each hit is written as one
JSON line: query id, query name, entity, score, matched name and explanation text.

Run: ``.venv/bin/python bench/screen_identical.py --save /tmp/before.jsonl`` on the starting commit,
then ``.venv/bin/python bench/screen_identical.py --compare /tmp/before.jsonl`` after the change
(``--scores-only`` ignores the explanation text, for a change that rewords it). Exit status 1 when any
hit differs, with the first differences printed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from screen_quality import build_devset

from listwatch.matching import ALGORITHM, Screener, build_index

THRESHOLD = 0.6
LIMIT = 10
SHOWN = 20


def dump() -> list[dict[str, object]]:
    candidates, cases, _notes, versions = build_devset()
    screener = Screener(build_index(candidates, versions))
    rows: list[dict[str, object]] = []
    for case in cases:
        for hit in screener.match(case.query, THRESHOLD, LIMIT):
            rows.append(
                {
                    "query": case.query.id,
                    "name": case.query.name,
                    "entity": hit.entity_id,
                    "score": hit.score,
                    "matched": hit.matched_name,
                    "explanation": hit.explanation,
                }
            )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the hits here")
    action.add_argument("--compare", type=Path, help="compare the hits with this saved dump")
    parser.add_argument("--scores-only", action="store_true", help="ignore the explanation text")
    args = parser.parse_args()
    started = time.perf_counter()
    rows = dump()
    seconds = time.perf_counter() - started
    if args.save:
        with args.save.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{ALGORITHM}: {len(rows)} hits of the dev set written to {args.save} ({seconds:.0f} s)")
        return 0
    saved = [json.loads(line) for line in args.compare.read_text(encoding="utf-8").splitlines()]
    fields = ("query", "name", "entity", "score", "matched") + (() if args.scores_only else ("explanation",))

    def key(row: dict[str, object]) -> tuple[object, ...]:
        return tuple(row[f] for f in fields)

    before, after = [key(r) for r in saved], [key(r) for r in rows]
    if before == after:
        what = "scores and matched names" if args.scores_only else "scores, names and explanations"
        print(f"{ALGORITHM}: identical: {len(rows)} hits of the dev set, {what} ({seconds:.0f} s)")
        return 0
    old, new = set(before), set(after)
    gone, added = [r for r in before if r not in new], [r for r in after if r not in old]
    print(
        f"{ALGORITHM}: DIFFERENT: {len(saved)} hits before, {len(rows)} now, "
        f"{len(gone)} gone, {len(added)} new"
    )
    for label, items in (("-", gone), ("+", added)):
        for item in items[:SHOWN]:
            print(label, dict(zip(fields, item, strict=True)))
    return 1


if __name__ == "__main__":
    sys.exit(main())

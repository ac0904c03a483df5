"""The development set's misses, one block per query, to classify them (see ``screen_quality.py``).

For each labelled query whose target is not found at the threshold: the query and its parts, the
target's names (the listed names the index holds), the target's best name score against the query
(aligned directly, so a retrieval miss shows as a good direct score), and the best candidate the
screener did return with its explanation. Innocent names with a hit are printed with that hit.

Run: ``.venv/bin/python bench/screen_misses.py [--category uk_variants] [--threshold 0.75] [--innocent]
[--half dev]`` (the dev half by default: the test half's misses are not read while writing rules).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from screen_quality import HALVES, build_devset, half_of

from listwatch.matching import DEFAULT_THRESHOLD, Screener, build_index
from listwatch.matching.classes import class_weight, mistyped_honorific
from listwatch.matching.keys import phonetic_key
from listwatch.matching.normalize import tokenize
from listwatch.matching.score import align
from listwatch.matching.scripts import has_arabic


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--category", action="append", help="only these categories (repeatable)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--innocent", action="store_true", help="also print innocent names with a hit")
    parser.add_argument("--half", choices=HALVES, default="dev", help="dev (default)")
    args = parser.parse_args()

    candidates, cases, _notes, versions = build_devset()
    index = build_index(candidates, versions)
    screener = Screener(index)
    by_id = {c.entity_id: c for c in candidates}
    names_of: dict[str, list[int]] = {}
    for name_id, position in enumerate(index.name_candidate):
        names_of.setdefault(index.candidates[position].entity_id, []).append(name_id)

    misses: dict[str, int] = {}
    for case in cases:
        if args.category and case.category not in args.category:
            continue
        if half_of(case) != args.half:
            continue
        innocent = case.expected is None
        if innocent and not args.innocent:
            continue
        hits = screener.match(case.query, 0.0, 5)
        above = [h for h in hits if h.score >= args.threshold]
        if innocent:
            if not above or case.category != "innocent_name_only":
                continue
        elif any(h.entity_id == case.expected for h in above):
            continue
        misses[case.category] = misses.get(case.category, 0) + 1
        tokens = tokenize(case.query.name)
        print(f"=== {case.category} {case.query.id}: {case.query.name!r} -> {' '.join(tokens)}")
        if case.expected is not None:
            target = by_id[case.expected]
            print(f"  target {target.ref} ({target.schema}): "
                  + " | ".join(f"{n.value} [{n.kind}]" for n in target.names))  # fmt: skip
            keys = tuple(phonetic_key(t) for t in tokens)
            q_weights = tuple(
                0.0 if mistyped_honorific(t) else class_weight(t) * index.key_weight(k)
                for t, k in zip(tokens, keys, strict=True)
            )
            best = None
            for name_id in names_of.get(case.expected, []):
                c_tokens = index.name_tokens[name_id]
                c_weights = tuple(
                    class_weight(t) * index.key_weight(k)
                    for t, k in zip(c_tokens, index.name_keys[name_id], strict=True)
                )
                loose = has_arabic(case.query.name) or index.name_arabic(name_id)
                score = align(tokens, q_weights, c_tokens, c_weights, loose)
                if best is None or score.score > best[0].score:
                    best = (score, name_id)
            if best is not None:
                score, name_id = best
                pairs = "; ".join(f"{p.query}={p.candidate} {p.similarity:.2f}" for p in score.pairs)
                print(f"  direct: name {score.score:.3f} vs {' '.join(index.name_tokens[name_id])!r}: "
                      f"{pairs} | q-unmatched {score.unmatched_query} | c-unmatched "
                      f"{score.unmatched_candidate}")  # fmt: skip
            found = [h for h in hits if h.entity_id == case.expected]
            print(f"  screener target score: {found[0].score if found else 'not retrieved/scored'}")
        for h in hits[:2]:
            print(f"  got {h.score:.3f} {h.ref}: {h.explanation}")
    print("\nmisses:", misses)


if __name__ == "__main__":
    main()

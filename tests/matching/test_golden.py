"""The algorithm name changes whenever a golden score changes (``golden_pairs.py``).

``golden_scores.json`` holds the scores of the golden pairs as recorded under one algorithm name, and
the digest of every earlier version's scores. A change to the matcher that moves any golden score
fails here until ``ALGORITHM`` (``matching/score.py``) gets a new version and the scores are recorded
again: ``.venv/bin/python tests/matching/test_golden.py --update``, which refuses to record changed
scores under a name that already has other scores.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from golden_pairs import PAIRS, golden_scores

from listwatch.matching import ALGORITHM, DEFAULT_THRESHOLD

RECORD = Path(__file__).with_name("golden_scores.json")


def digest(scores: dict[str, float]) -> str:
    return hashlib.sha256(json.dumps(scores, sort_keys=True).encode()).hexdigest()[:16]


def test_golden_scores_are_those_of_the_algorithm_version() -> None:
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    scores = golden_scores()
    changed = {k: (record["scores"].get(k), v) for k, v in scores.items() if record["scores"].get(k) != v}
    assert not changed, (
        f"golden scores changed under {ALGORITHM} (id: (recorded, now)): {changed}. A score stored "
        "with an algorithm name must keep its meaning: give ALGORITHM a new version and record the "
        "scores with `.venv/bin/python tests/matching/test_golden.py --update`."
    )
    assert record["algorithm"] == ALGORITHM, (
        f"ALGORITHM is {ALGORITHM}, the golden scores are recorded for {record['algorithm']}: record them "
        "again (`.venv/bin/python tests/matching/test_golden.py --update`)."
    )
    assert record["history"][ALGORITHM] == digest(scores)


def test_each_version_has_its_own_scores() -> None:
    """No two recorded versions share their scores (a bump without a change), nor reuse a name."""
    history = json.loads(RECORD.read_text(encoding="utf-8"))["history"]
    assert len(set(history.values())) == len(history)


def test_golden_set_covers_the_rules() -> None:
    """About 85 pairs, each id once, true matches above the default threshold and traps below it."""
    ids = [p.id for p in PAIRS]
    assert len(ids) == len(set(ids)) >= 80
    scores = golden_scores()

    assert scores["exact"] >= 0.9 > scores["birth_conflict"]
    assert scores["substring_trap"] < DEFAULT_THRESHOLD and scores["street_trap"] < DEFAULT_THRESHOLD
    assert scores["birth_same_day"] > scores["birth_same_year"] > scores["birth_near_year"] > scores["exact"]


def update() -> int:
    record = json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {"history": {}}
    scores = golden_scores()
    history: dict[str, str] = record["history"]
    now = digest(scores)
    if history.get(ALGORITHM, now) != now:
        print(f"refused: {ALGORITHM} already has other golden scores; give ALGORITHM a new version first")
        return 1
    if now in history.values() and history.get(ALGORITHM) != now:
        print(f"refused: these scores are already recorded under another name; {ALGORITHM} changes nothing")
        return 1
    history[ALGORITHM] = now
    RECORD.write_text(
        json.dumps({"algorithm": ALGORITHM, "history": history, "scores": scores}, indent=1, sort_keys=True)
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(scores)} golden scores recorded for {ALGORITHM} ({now})")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit(f"usage: {sys.argv[0]} --update")
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(update())

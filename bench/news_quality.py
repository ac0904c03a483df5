"""News extraction quality on the public seed articles: precision, recall, F1 and date accuracy.

Reads the seeds from ../shared/seeds beside the repository and the gold from
tests/fixtures/news/gold.json. Each seed is extracted at the publication date the gold records
(no seed prints its own date; see docs/news-annotation.md).

    .venv/bin/python bench/news_quality.py [--errors]
"""

from __future__ import annotations

import sys
from pathlib import Path

from listwatch.news.quality import Score, score_seeds

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT / "tests" / "fixtures" / "news" / "gold.json"


def main(argv: list[str]) -> int:
    if not SEEDS.is_dir():
        print(f"seeds not found: {SEEDS}", file=sys.stderr)
        return 2
    show_errors = "--errors" in argv
    results = score_seeds(SEEDS, GOLD)
    total = Score()
    header = f"{'article':<28} {'gold':>4} {'pred':>4} {'tp':>3} {'P':>6} {'R':>6} {'F1':>6} {'date acc':>9}"
    print(header)
    print("-" * len(header))
    for name, score in results:
        total.add(score)
        print(_row(name, score))
        if show_errors:
            for error in score.errors:
                print(f"    {error}")
    print("-" * len(header))
    print(_row("overall (micro)", total))
    return 0


def _row(name: str, s: Score) -> str:
    gold = s.true_positive + s.false_negative
    pred = s.true_positive + s.false_positive
    dates = f"{s.date_accuracy:.3f} ({s.dates_right}/{s.dates_compared})"
    return (
        f"{name:<28} {gold:>4} {pred:>4} {s.true_positive:>3} {s.precision:>6.3f} {s.recall:>6.3f} "
        f"{s.f1:>6.3f} {dates:>9}"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""News extraction quality: precision, recall, F1 and date accuracy against gold annotations.

Two sets:

- ``seeds`` (default): the public seed articles in ../shared/seeds beside the repository, gold in
  tests/fixtures/news/gold.json. The extractor's patterns were written while reading these seeds, so
  their score is an upper bound.
- ``heldout``: written fixtures in tests/fixtures/news/heldout/ (gold.json beside them) that the
  extractor was never tuned on. Each starts with a "# " header line (it is a fixture, and its assumed
  publication date), which the bench strips before extraction.

Each article is extracted at the publication date the gold records (see docs/news-annotation.md).

    .venv/bin/python bench/news_quality.py [--set seeds|heldout] [--errors]
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from listwatch.news.extract import extract_events
from listwatch.news.quality import Score, load_gold, score_article, score_seeds

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT / "tests" / "fixtures" / "news" / "gold.json"
HELDOUT = ROOT / "tests" / "fixtures" / "news" / "heldout"
HELDOUT_GOLD = HELDOUT / "gold.json"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="News extraction quality against gold annotations.")
    parser.add_argument("--set", choices=("seeds", "heldout"), default="seeds", dest="which")
    parser.add_argument("--errors", action="store_true", help="list each article's errors")
    args = parser.parse_args(argv)
    folder = SEEDS if args.which == "seeds" else HELDOUT
    if not folder.is_dir():
        print(f"{args.which} not found: {folder}", file=sys.stderr)
        return 2
    results = score_seeds(SEEDS, GOLD) if args.which == "seeds" else score_heldout(HELDOUT, HELDOUT_GOLD)
    total = Score()
    header = f"{'article':<28} {'gold':>4} {'pred':>4} {'tp':>3} {'P':>6} {'R':>6} {'F1':>6} {'date acc':>9}"
    print(header)
    print("-" * len(header))
    for name, score in results:
        total.add(score)
        print(_row(name, score))
        if args.errors:
            for error in score.errors:
                print(f"    {error}")
    print("-" * len(header))
    print(_row("overall (micro)", total))
    return 0


def score_heldout(folder: Path, gold: Path) -> list[tuple[str, Score]]:
    """Like ``score_seeds``, but strips each fixture's leading "# " header line before extraction."""
    results = []
    for article in load_gold(gold):
        text = strip_header((folder / article["file"]).read_text(encoding="utf-8"))
        published = date.fromisoformat(article["published"]) if article.get("published") else None
        results.append((article["file"], score_article(extract_events(text, published), article["events"])))
    return results


def strip_header(text: str) -> str:
    """``text`` without its first line when that line starts with "# " (a fixture's header)."""
    first, newline, rest = text.partition("\n")
    return rest if newline and first.startswith("# ") else text


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

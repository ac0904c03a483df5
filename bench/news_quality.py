"""News extraction quality: precision, recall, F1 and date accuracy against gold annotations, per set.

Sets:

- ``seeds``: the five public seed articles in ../shared/seeds beside the repository, gold in
  tests/fixtures/news/gold.json. The first patterns were written while reading them.
- ``heldout``: six written fixtures in tests/fixtures/news/heldout/ (not real articles; a "# " header line
  says so, and the bench strips it).
- ``dev`` and ``test``: real articles in tests/fixtures/news/corpus/ (manifest.json: address, publisher,
  publication date, split, gold events), split by story so that no event is in both halves. Rules are
  tuned on ``dev`` only; ``test`` is read for the figures.

Each article is extracted at the publication date its gold records. "no-event clean" counts the articles
of a set that state no designation event (distractors: opinion, states of affairs, negations, arrests) on
which the extractor reports nothing; its share is the no-event precision at article level.

    .venv/bin/python bench/news_quality.py                  # the summary of every set
    .venv/bin/python bench/news_quality.py --set dev --articles --errors

``test-old`` is the test half before the third round's additions, ``test-new`` those additions alone.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from listwatch.news.extract import extract_events
from listwatch.news.quality import Score, load_gold, score_article, score_corpus, score_seeds

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT / "tests" / "fixtures" / "news" / "gold.json"
HELDOUT = ROOT / "tests" / "fixtures" / "news" / "heldout"
HELDOUT_GOLD = HELDOUT / "gold.json"
CORPUS = ROOT / "tests" / "fixtures" / "news" / "corpus"
MANIFEST = CORPUS / "manifest.json"
SETS = ("seeds", "heldout", "dev", "test", "test-old", "test-new")
# The third round (2026-12-03) added articles marked "round": 3; "-old" and "-new" score a half without
# and with only them, so that the held-out figure is reported on the half as it was and as it grew.
NEW_ROUND = 3


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="News extraction quality against gold annotations.")
    parser.add_argument("--set", choices=(*SETS, "dev-old", "dev-new", "all"), default="all", dest="which")
    parser.add_argument("--articles", action="store_true", help="a row for each article")
    parser.add_argument("--errors", action="store_true", help="each article's errors (and rows)")
    args = parser.parse_args(argv)
    chosen: tuple[str, ...] = SETS if args.which == "all" else (args.which,)
    if "seeds" in chosen and not SEEDS.is_dir():
        print(f"seeds not found: {SEEDS} (skipped)", file=sys.stderr)
        chosen = tuple(s for s in chosen if s != "seeds")
    header = (
        f"{'set':<8} {'articles':>8} {'gold':>5} {'pred':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'date acc':>15} {'no-event clean':>16}"
    )
    summary = []
    for name in chosen:
        results = _results(name)
        total = Score()
        clean = empty = 0
        if args.articles or args.errors:
            print(f"== {name}")
        for article, score, has_events in results:
            total.add(score)
            if not has_events:
                empty += 1
                clean += score.false_positive == 0
            if args.articles or args.errors:
                print(f"  {_row(article[:40], score)}")
                if args.errors:
                    for error in score.errors:
                        print(f"      {error}")
        summary.append(_summary(name, len(results), total, clean, empty))
    print(header)
    print("-" * len(header))
    for line in summary:
        print(line)
    return 0


def _results(name: str) -> list[tuple[str, Score, bool]]:
    if name == "seeds":
        return [(a, s, True) for a, s in score_seeds(SEEDS, GOLD)]
    if name == "heldout":
        return [(a, s, True) for a, s in score_heldout(HELDOUT, HELDOUT_GOLD)]
    split, _, part = name.partition("-")
    gold = {a["file"]: a for a in load_gold(MANIFEST)}
    wanted = {
        "": lambda a: True,
        "old": lambda a: a.get("round", 0) < NEW_ROUND,
        "new": lambda a: a.get("round", 0) >= NEW_ROUND,
    }[part]
    return [
        (a, s, bool(gold[a]["events"])) for a, s in score_corpus(CORPUS, MANIFEST, split) if wanted(gold[a])
    ]


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


def _summary(name: str, articles: int, s: Score, clean: int, empty: int) -> str:
    gold = s.true_positive + s.false_negative
    pred = s.true_positive + s.false_positive
    dates = f"{s.date_accuracy:.3f} ({s.dates_right}/{s.dates_compared})"
    no_event = f"{clean / empty:.3f} ({clean}/{empty})" if empty else "-"
    return (
        f"{name:<8} {articles:>8} {gold:>5} {pred:>5} {s.true_positive:>4} "
        f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {dates:>15} {no_event:>16}"
    )


def _row(name: str, s: Score) -> str:
    gold = s.true_positive + s.false_negative
    pred = s.true_positive + s.false_positive
    dates = f"{s.date_accuracy:.3f} ({s.dates_right}/{s.dates_compared})"
    return (
        f"{name:<40} {gold:>4} {pred:>4} {s.true_positive:>3} {s.precision:>6.3f} {s.recall:>6.3f} "
        f"{s.f1:>6.3f} {dates:>13}"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

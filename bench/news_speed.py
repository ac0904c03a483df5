"""News extraction speed: start-up, and time per 2,000 characters of article after it.

Issue 14's budgets: start-up at most 2 s (a fresh interpreter importing the extractor and reading its
first article: the gazetteer, pycountry's names and pymorphy3's dictionary load then), at most 50 ms per
2,000-character article after. Articles are the real corpus (tests/fixtures/news/corpus) and the seeds,
each timed ``--repeat`` times; the figure per article is its best time scaled to 2,000 characters.

    .venv/bin/python bench/news_speed.py
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "news" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
BUDGET_MS = 50.0
BUDGET_START_S = 2.0

_STARTUP = """
import time
t = time.perf_counter()
from listwatch.news import extract_events
extract_events("Canada listed the Storm Division. Суд признал «Северный ветер» террористическим.")
print(time.perf_counter() - t)
"""


def startup_seconds(runs: int) -> list[float]:
    """Fresh interpreters: import the extractor and read a two-sentence article (English, Russian)."""
    out = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", _STARTUP], capture_output=True, text=True, check=True)
        out.append(float(done.stdout.strip()))
    return out


def per_article_ms(repeat: int) -> list[tuple[str, int, float]]:
    """(file, characters, best milliseconds scaled to 2,000 characters) for each article."""
    from listwatch.news import extract_events

    files = sorted(CORPUS.glob("*.txt")) + (sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [])
    extract_events("warm up: Canada listed the Storm Division.")
    rows = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        best = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            extract_events(text)
            best = min(best, time.perf_counter() - t)
        rows.append((path.name, len(text), best * 1000 * 2000 / max(len(text), 1)))
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="News extraction speed.")
    parser.add_argument("--repeat", type=int, default=3, help="timings per article (best kept)")
    parser.add_argument("--startup-runs", type=int, default=3)
    parser.add_argument("--articles", action="store_true", help="a row per article")
    args = parser.parse_args(argv)
    starts = startup_seconds(args.startup_runs)
    rows = per_article_ms(args.repeat)
    if args.articles:
        for name, chars, ms in rows:
            print(f"  {name:<48} {chars:>6} chars {ms:>7.1f} ms/2000")
    values = sorted(ms for _, _, ms in rows)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    chars = sum(c for _, c, _ in rows)
    print(f"articles {len(rows)} ({chars} characters)")
    print(
        f"per 2,000 chars: median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, "
        f"max {values[-1]:.1f} ms (budget {BUDGET_MS:.0f} ms)"
    )
    print(
        f"start-up: median {statistics.median(starts):.2f} s of {len(starts)} runs "
        f"(budget {BUDGET_START_S:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

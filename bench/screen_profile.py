"""Where screening's time goes on the harder load (``screen_speed.py``'s index and input): cProfile
around ``screen_rows`` in batches of 256 on one core, after 1,000 queries to warm the caches.

Run: ``.venv/bin/python bench/screen_profile.py [--names 6000] [--top 35]``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from screen_speed import HARDER_FILES, build, innocent_queries, noisy_queries

from listwatch.matching import DEFAULT_THRESHOLD, Screener
from listwatch.matching.screen import DEFAULT_LIMIT, screen_rows

WARM = 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=6000)
    parser.add_argument("--top", type=int, default=35)
    args = parser.parse_args()
    index, pairs, _seconds = build(HARDER_FILES)
    noisy = noisy_queries(pairs, args.names // 10)
    queries = noisy + innocent_queries(args.names - len(noisy))
    random.Random(5).shuffle(queries)
    screener = Screener(index)
    screen_rows(queries[:WARM], screener, DEFAULT_THRESHOLD, DEFAULT_LIMIT)
    rest = queries[WARM:]
    started = time.process_time()
    profile = cProfile.Profile()
    profile.enable()
    for start in range(0, len(rest), 256):
        screen_rows(rest[start : start + 256], screener, DEFAULT_THRESHOLD, DEFAULT_LIMIT)
    profile.disable()
    rate = len(rest) / (time.process_time() - started)
    print(f"{len(rest):,} names, {rate:,.0f} names/s under the profiler")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()

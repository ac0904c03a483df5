"""The extractor against the gold annotations of the five public seed articles (../shared/seeds)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from listwatch.news.quality import Score, load_gold, score_seeds
from listwatch.news.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT / "tests" / "fixtures" / "news" / "gold.json"
ACTIONS = {"list", "delist", "proposed_list", "proposed_delist", "maintain"}

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")


def test_gold_is_well_formed() -> None:
    for article in load_gold(GOLD):
        keys = set()
        for event in article["events"]:
            assert event["action"] in ACTIONS
            assert event["jurisdiction"] == event["jurisdiction"].upper()
            key = (event["entity"], event["jurisdiction"], event["action"], event["date"])
            assert key not in keys, f"duplicate gold event {key} in {article['file']}"
            keys.add(key)
    assert json.loads(GOLD.read_text(encoding="utf-8"))["articles"]


@needs_seeds
def test_gold_evidence_is_a_sentence_of_its_article() -> None:
    for article in load_gold(GOLD):
        sentences = {s.text for s in split_sentences((SEEDS / article["file"]).read_text(encoding="utf-8"))}
        for event in article["events"]:
            assert event["evidence"] in sentences, event


@needs_seeds
def test_f1_on_seeds() -> None:
    total = Score()
    for _, score in score_seeds(SEEDS, GOLD):
        total.add(score)
    assert total.f1 >= 0.85, total.errors
    assert total.date_accuracy >= 0.8, total.errors

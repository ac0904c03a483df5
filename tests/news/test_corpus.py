"""The real-article corpus (tests/fixtures/news/corpus): well formed, sourced, and split apart by event."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from listwatch.news.quality import fold_name, load_gold

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "news" / "corpus"
MANIFEST = CORPUS / "manifest.json"
ACTIONS = {"list", "delist", "proposed_list", "proposed_delist", "maintain"}


def test_every_article_is_sourced_and_its_evidence_is_in_its_text() -> None:
    for article in load_gold(MANIFEST):
        assert article["split"] in ("dev", "test"), article["file"]
        assert article["url"].startswith("http"), article["file"]
        assert article["publisher"] and article["published_source"], article["file"]
        text = (CORPUS / article["file"]).read_text(encoding="utf-8")
        for event in article["events"]:
            assert event["action"] in ACTIONS, event
            assert event["evidence"] in text, (article["file"], event["evidence"])


def test_no_event_and_no_story_is_in_both_halves() -> None:
    halves: dict[str, set[tuple[str, str, str, str | None]]] = {"dev": set(), "test": set()}
    stories: dict[str, set[str]] = {"dev": set(), "test": set()}
    for article in load_gold(MANIFEST):
        stories[article["split"]].add(article["story"])
        for e in article["events"]:
            halves[article["split"]].add((fold_name(e["entity"]), e["jurisdiction"], e["action"], e["date"]))
    assert not stories["dev"] & stories["test"]
    assert not halves["dev"] & halves["test"]


def test_the_corpus_is_as_large_and_varied_as_the_issue_asks() -> None:
    articles = load_gold(MANIFEST)
    with_events = [a for a in articles if a["events"]]
    assert len(with_events) >= 40
    assert sum(a["lang"] == "ru" for a in with_events) >= 12
    assert len({e["jurisdiction"] for a in with_events for e in a["events"]}) >= 10
    assert len(articles) - len(with_events) >= 8
    assert set(Counter(a["split"] for a in articles)) == {"dev", "test"}

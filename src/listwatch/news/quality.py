"""Scoring extracted events against gold annotations: precision, recall, F1 and date accuracy.

Kept in the package (not only in ``bench/``) so that the test suite and the bench score the same way.
An event is identified by (entity, jurisdiction, action). The entity is compared by name, folded (case,
accents, ё, quotes and dashes, a leading "the"); a gold event may list ``aliases``, other spellings that name
the same entity (an open-class name is found as written: "Sinaloa Cartel" for "Cártel de Sinaloa").
Within an article each key counts once, as in the annotation rules. Dates are compared only among
matched events, ``null`` matching ``null``: a wrong date on a right event is a different error from a
missed event.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from listwatch.news.extract import NewsEvent, extract_events
from listwatch.news.names import fold_name

Key = tuple[str, str, str]


@dataclass(slots=True)
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    dates_right: int = 0
    dates_compared: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.dates_compared if self.dates_compared else 1.0

    def add(self, other: Score) -> None:
        self.true_positive += other.true_positive
        self.false_positive += other.false_positive
        self.false_negative += other.false_negative
        self.dates_right += other.dates_right
        self.dates_compared += other.dates_compared
        self.errors.extend(other.errors)


def load_gold(path: Path) -> list[dict[str, Any]]:
    articles: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["articles"]
    return articles


def score_article(predicted: Iterable[NewsEvent], gold_events: Iterable[dict[str, Any]]) -> Score:
    wanted: dict[Key, str | None] = {}
    names: dict[str, str] = {}  # a folded spelling -> the folded canonical name it stands for
    for gold in gold_events:
        canonical = fold_name(gold["entity"])
        for spelling in [gold["entity"], *gold.get("aliases", ())]:
            names.setdefault(fold_name(spelling), canonical)
        wanted.setdefault((canonical, gold["jurisdiction"].upper(), gold["action"]), gold["date"])
    found: dict[Key, str | None] = {}
    for event in predicted:
        name = fold_name(event.entity)
        key: Key = (names.get(name, name), event.jurisdiction.upper(), str(event.action))
        date_text = str(event.date) if event.date else None
        # Several predicted events with one key (dates that disagree): the one the gold dates wins.
        if key not in found or date_text == wanted.get(key):
            found[key] = date_text
    score = Score()
    for key, gold_date in wanted.items():
        if key not in found:
            score.false_negative += 1
            score.errors.append(f"missed {key}")
            continue
        score.true_positive += 1
        score.dates_compared += 1
        if found[key] == gold_date:
            score.dates_right += 1
        else:
            score.errors.append(f"date {key}: {found[key]} != gold {gold_date}")
    for key in found.keys() - wanted.keys():
        score.false_positive += 1
        score.errors.append(f"spurious {key}")
    return score


def score_seeds(seeds: Path, gold: Path) -> list[tuple[str, Score]]:
    """Per-article scores, each article read from ``seeds`` and extracted at its gold publication date."""
    results = []
    for article in load_gold(gold):
        text = (seeds / article["file"]).read_text(encoding="utf-8")
        published = date.fromisoformat(article["published"]) if article.get("published") else None
        score = score_article(extract_events(text, published), article["events"])
        results.append((article["file"], score))
    return results


def score_corpus(folder: Path, manifest: Path, split: str) -> list[tuple[str, Score]]:
    """Per-article scores for one half (``dev`` or ``test``) of the real-article corpus."""
    results = []
    for article in load_gold(manifest):
        if article["split"] != split:
            continue
        text = (folder / article["file"]).read_text(encoding="utf-8")
        published = date.fromisoformat(article["published"]) if article.get("published") else None
        results.append((article["file"], score_article(extract_events(text, published), article["events"])))
    return results

"""News into the record over HTTP: ``POST /news/review`` judges an article's events against the record;
``POST /news/accept`` (an API key needed) writes chosen events as a new curated version and ingests it.
The same pipeline as ``listwatch news review [--accept N]`` (``curate.py``)."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from listwatch.api.deps import require_read_key, require_write_key
from listwatch.api.services import Services, get_services
from listwatch.curate import accept_into_record
from listwatch.news.accept import Article
from listwatch.news.review import review

router = APIRouter(prefix="/news", tags=["News"])

# An article, not a book: a bound that keeps one request's extraction in the tens of milliseconds.
MAX_ARTICLE_CHARS = 200_000


class ArticleBody(BaseModel):
    text: str = Field(..., min_length=1, max_length=MAX_ARTICLE_CHARS, description="The article, plain text.")
    published: date | None = Field(
        None, description="Publication date: resolves 'on Monday', names versions."
    )
    file: str = Field(
        "article.txt", max_length=200, description="A name for the article, kept as its source."
    )


class Acceptance(ArticleBody):
    accept: list[int] = Field(..., min_length=1, max_length=50, description="Event numbers from the review.")
    title: str | None = Field(None, max_length=500)
    publisher: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)


@router.post("/review", dependencies=[Depends(require_read_key)])
def review_article(body: ArticleBody, services: Services = Depends(get_services)) -> dict[str, Any]:
    """Each designation event the article states, with what the record says: confirms, conflicts, new."""
    findings = review(
        body.text, body.published, services.store.reader(), services.settings.curated_dir, body.file
    )
    return {"file": body.file, "published": body.published, "events": [f.to_json() for f in findings]}


@router.post("/accept", dependencies=[Depends(require_write_key)])
def accept_article(body: Acceptance, services: Services = Depends(get_services)) -> dict[str, Any]:
    """Write the chosen events into their curated lists as new versions (nothing is overwritten), with
    the article as their source, and ingest them."""
    overlay = services.settings.curated_dir
    findings = review(body.text, body.published, services.store.reader(), overlay, body.file)
    first_line = next((line.strip() for line in body.text.splitlines() if line.strip()), body.file)
    article = Article(
        file=body.file,
        title=body.title or first_line[:300],
        published=body.published,
        publisher=body.publisher or (urlsplit(body.url).hostname if body.url else None),
        url=body.url,
    )
    written = accept_into_record(services.store, findings, body.accept, article, overlay)
    return {
        "file": body.file,
        "published": body.published,
        "events": [f.to_json() for f in findings],
        "accepted": [w.as_json() for w in written],
    }

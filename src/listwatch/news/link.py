"""Open-class names linked to the store's entities through the screening core.

An article writes a name its own way ("Aum Shinrikyo", «Аум Синрике», "Islamic Revolutionary Guards
Corps"); the store holds the list's spelling, maybe in another script. The gazetteer matches only names
spelt as the store spells them, so each open-class name the extractor found is screened, as a query, with
the same matcher that screens customers (``listwatch.matching``'s public ``Screener``): transliteration,
spelling variants and its threshold come with it. A hit gives the event the store's entity id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from listwatch.matching import DEFAULT_THRESHOLD, Query, Screener, build_index, candidates_from_entries
from listwatch.model.entry import Entry
from listwatch.news.extract import NewsEvent, merge_events
from listwatch.news.names import OPEN_ID_PREFIX

# What a designation in the news names: organisations, and people (a commander, a spokesman).
_SCHEMAS = ("Organization", "LegalEntity", "Person")


def screener_for(entries: Iterable[tuple[str, Entry]]) -> Screener | None:
    """A screener over the entries (``(list_id, entry)``) an article's names may be; None if none."""
    pairs = [(list_id, entry) for list_id, entry in entries if entry.schema in _SCHEMAS]
    return Screener(build_index(candidates_from_entries(pairs))) if pairs else None


def link_names(
    events: Sequence[NewsEvent], screener: Screener, threshold: float = DEFAULT_THRESHOLD
) -> list[NewsEvent]:
    """The events, each open-class name that screens against the store carrying the entity's id."""
    names = sorted({e.entity for e in events if e.entity_id.startswith(OPEN_ID_PREFIX)})
    hits = screener.match_batch([Query(name, name) for name in names], threshold, limit=1)
    found = {name: matched[0].entity_id for name, matched in zip(names, hits, strict=True) if matched}
    linked = [replace(e, entity_id=found[e.entity]) if e.entity in found else e for e in events]
    return merge_events(linked)  # two spellings of one entity are now one event

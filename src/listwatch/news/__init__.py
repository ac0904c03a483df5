"""News extraction: article text -> candidate designation events, with the sentence as evidence."""

from listwatch.news.extract import ACTIONS, Action, NewsEvent, extract_events, merge_events
from listwatch.news.gazetteer import EntityGazetteer, Organisation

__all__ = [
    "ACTIONS",
    "Action",
    "EntityGazetteer",
    "NewsEvent",
    "Organisation",
    "extract_events",
    "merge_events",
]

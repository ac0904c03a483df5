"""Open-class names linked to store entities by the screening core, across scripts and spellings."""

from __future__ import annotations

from datetime import date

from listwatch.model.entry import Entry, Name
from listwatch.news import extract_events
from listwatch.news.link import link_names, screener_for

ENTRIES = [
    ("ru_terrorist_organizations", Entry("aum", "Organization", (Name("Аум Синрикё"),))),
    (
        "ca_listed_entities",
        Entry("irgc", "Organization", (Name("Islamic Revolutionary Guard Corps"), Name("IRGC", "alias"))),
    ),
    ("eu_terrorist_list", Entry("deif", "Person", (Name("Mohammed Deif"),))),
    ("vessels", Entry("ship", "Vessel", (Name("Storm Division"),))),  # not what a designation names
]


def _linked(text: str) -> list[tuple[str, str]]:
    screener = screener_for(ENTRIES)
    assert screener is not None
    events = link_names(extract_events(text, date(2024, 6, 5)), screener)
    return sorted((e.entity, e.entity_id) for e in events)


def test_a_name_in_another_script_links_to_the_store_entity() -> None:
    assert _linked("Japan banned Aum Shinrikyo in 1995.") == [
        ("Aum Shinrikyo", "ru_terrorist_organizations:aum")
    ]


def test_two_spellings_of_one_entity_become_one_event() -> None:
    text = (
        "Canada listed the Islamic Revolutionary Guards Corps as a terrorist entity on Wednesday. "
        "Canada listed the IRGC, officials confirmed."
    )
    linked = _linked(text)
    assert [entity_id for _, entity_id in linked] == ["ca_listed_entities:irgc"]


def test_a_name_the_store_does_not_hold_keeps_its_own_id() -> None:
    assert _linked("Canada listed the Storm Division.") == [("Storm Division", "name:storm-division")]


def test_no_screener_without_entities_a_designation_can_name() -> None:
    assert screener_for([ENTRIES[-1]]) is None

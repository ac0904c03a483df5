"""Constructions the third round's dev articles showed, checked on hand-written sentences (none taken
from the corpus's test half): demonyms and regions are no names, a name stops before "as <category>",
an enumeration survives a relative clause, re-listings keep a listing, and Russian applications to a
court are proposals."""

from __future__ import annotations

from datetime import date

import pytest

from listwatch.news import extract_events
from listwatch.news.names import NameFinder


def names(text: str) -> list[str]:
    return [m.value.name for m in NameFinder().find(text, [], [])]


def events(text: str, published: date = date(2024, 3, 8)) -> list[str]:
    found = extract_events(text, published)
    return sorted(f"{e.entity}|{e.jurisdiction}|{e.action}|{e.date}" for e in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials met two Peruvian gangs and a Nigerian militia.", []),
        ("It added three groups in Africa and Southeast Asia.", []),
        (
            "the designation of Blue Harbour and Red Mill as Specially Designated Global Terrorists",
            ["Blue Harbour", "Red Mill"],
        ),
        ("the Council of the European Union met", []),
    ],
)
def test_names_that_are_no_groups(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_an_object_enumeration_goes_on_past_a_relative_clause() -> None:
    text = (
        "The State Department on Tuesday designated two Peruvian gangs. The agency listed the Blue Harbour "
        "network, which runs ports on the coast, and the Red Mill gang as Foreign Terrorist Organizations."
    )
    assert events(text) == [
        "Blue Harbour|US|list|2024-03-05",
        "Red Mill|US|list|2024-03-05",
    ]


def test_these_designations_take_no_new_object() -> None:
    text = (
        "The United States designated Blue Harbour. "
        "These designations are part of a plan with the Northern Alliance."
    )
    assert events(text) == ["Blue Harbour|US|list|None"]


def test_a_re_listing_keeps_the_listing() -> None:
    text = (
        "The Australian Government has re-listed Blue Harbour as a terrorist organisation "
        "under the Criminal Code."
    )
    assert events(text) == ["Blue Harbour|AU|maintain|None"]


@pytest.mark.parametrize(
    "text",
    [
        "Прокуратура Алматы обратилась в суд с иском о признании объединения «Синий берег» экстремистским.",
        "Прокуратура Казахстана обратилась с исками в суд, требуя, чтобы «Синий берег» "
        "был признан экстремистским.",
    ],
)
def test_an_application_to_a_court_is_a_proposal(text: str) -> None:
    assert [e.split("|")[2] for e in events(text)] == ["proposed_list"]


def test_a_granted_application_is_the_ruling() -> None:
    text = (
        "Верховный суд России удовлетворил заявление прокурора о признании «Синего берега» "
        "террористической организацией."
    )
    assert [e.split("|")[2] for e in events(text)] == ["list"]


def test_a_conditional_application_is_no_event() -> None:
    text = (
        "В случае установления оснований для обращения в суд о признании «Синего берега» "
        "экстремистским прокуратура примет меры."
    )
    assert events(text) == []


def test_each_gapped_name_takes_its_own_date() -> None:
    text = (
        "Blue Harbour was first listed as a terrorist organisation in Australia from August 2009, "
        "Red Mill from December 2005, Green Tower from May 2004 and Black Gate and Grey Wall from "
        "November 2003."
    )
    assert events(text) == [
        "Black Gate|AU|list|2003-11",
        "Blue Harbour|AU|list|2009-08",
        "Green Tower|AU|list|2004-05",
        "Grey Wall|AU|list|2003-11",
        "Red Mill|AU|list|2005-12",
    ]


def test_a_quoted_ruling_is_no_name_and_a_quoted_committee_is_one() -> None:
    quoted = names("Судья сказал: “Признать партию “Синий берег” экстремистской”.")
    assert not any(name.startswith("Признать") for name in quoted)
    assert names("Суд запретил деятельность «Антивоенного комитета Севера».") == [
        "Антивоенный комитет Севера"
    ]


def test_a_month_is_a_whole_word() -> None:
    text = "Прокуратура Казахстана 20 ноября обратилась в суд о признании «Халык майданы» экстремистским."
    assert events(text, date(2012, 11, 21)) == ["Халык майданы|KZ|proposed_list|2012-11-20"]

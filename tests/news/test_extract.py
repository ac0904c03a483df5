"""Sentence -> events, English and Russian. Hand-written cases beyond the seeds, to show the patterns
are general: other states, organisations, tenses, proposals, negations, opinions and states of affairs."""

from __future__ import annotations

from datetime import date

import pytest

from listwatch.news import EntityGazetteer, extract_events

PUBLISHED = date(2024, 6, 5)

# (text, expected events as "entity|jurisdiction|action|date")
CASES: list[tuple[str, list[str]]] = [
    # English acts, with dates in several forms
    (
        "On Monday, June 3, Russia removed the Taliban from its list of terrorist organizations.",
        ["Taliban|RU|delist|2024-06-03"],
    ),
    (
        "Kyrgyzstan removed the Taliban from its list of banned organizations in September 2024.",
        ["Taliban|KG|delist|2024-09"],
    ),
    (
        "The US State Department designated Lashkar-e-Taiba as a Foreign Terrorist Organization"
        " in December 2001.",
        ["Lashkar-e-Taiba|US|list|2001-12"],
    ),
    ("The Council of the EU added Hamas to its terrorist list in 2003.", ["Hamas|EU|list|2003"]),
    ("Tajikistan's Supreme Court banned Jamaat Ansarullah in 2006.", ["Jamaat Ansarullah|TJ|list|2006"]),
    (
        "The Pakistani Taliban (TTP) were designated by Canada last year.",
        ["Tehreek-e-Taliban Pakistan|CA|list|2023"],
    ),
    # one predicate, several entities; coordinated states
    (
        "In 2019, the UN Security Council designated the East Turkestan Islamic Movement, Al-Qaeda"
        " and the Islamic State.",
        [
            "East Turkestan Islamic Movement|UN|list|2019",
            "Al-Qaeda|UN|list|2019",
            "Islamic State|UN|list|2019",
        ],
    ),
    (
        "Russia and Kazakhstan outlawed Hizb ut-Tahrir in 2003.",
        ["Hizb ut-Tahrir|KZ|list|2003", "Hizb ut-Tahrir|RU|list|2003"],
    ),
    # proposals and decisions to keep
    (
        "Moscow plans to lift the ban on the Taliban, officials said on Tuesday.",
        ["Taliban|RU|proposed_delist|-"],
    ),
    ("Uzbekistan to delist Hizb ut-Tahrir", ["Hizb ut-Tahrir|UZ|proposed_delist|-"]),
    (
        "Kazakhstan will not remove Hizb ut-Tahrir from its list of extremist organizations,"
        " the ministry said.",
        ["Hizb ut-Tahrir|KZ|maintain|-"],
    ),
    # not events: opinion, negation, question, state of affairs, list names
    ("Critics say Kazakhstan should never have removed the Taliban from the list.", []),
    ("Analysts urged Astana to keep the Taliban on its list of terrorist organizations.", []),
    ("The Taliban remains banned in Tajikistan.", []),
    ("The Taliban has never been listed as a foreign terrorist organization by the State Department.", []),
    ("Is Uzbekistan going to delist the Taliban?", []),
    ("Anti-Taliban groups met in Dushanbe, which is far from the list of banned places.", []),
    ("Despite the designation, Kazakhstan traded with the Taliban.", []),
    # Russian
    (
        "Верховный суд России 17 апреля 2025 года приостановил запрет движения «Талибан».",
        ["Taliban|RU|delist|2025-04-17"],
    ),
    (
        "В 2003 году Верховный суд РФ признал «Талибан» террористической организацией.",
        ["Taliban|RU|list|2003"],
    ),
    (
        "Казахстан исключил «Талибан» из списка запрещенных организаций в декабре 2023 года.",
        ["Taliban|KZ|delist|2023-12"],
    ),
    (
        "Кыргызстан в прошлом месяце исключил «Талибан» из списка запрещенных организаций.",
        ["Taliban|KG|delist|2024-05"],
    ),
    (
        "МИД и Минюст России рекомендовали исключить движение «Талибан»"
        " из перечня террористических организаций.",
        ["Taliban|RU|proposed_delist|-"],
    ),
    (
        "В 2015 году организация «Исламское государство» была запрещена в Таджикистане.",
        ["Islamic State|TJ|list|2015"],
    ),
    ("Движение «Талибан» признано террористическим и запрещено в России.", []),
    ("Ташкент не намерен признавать «Талибан» террористической организацией.", []),
]


def _summary(text: str) -> list[str]:
    return [
        f"{e.entity}|{e.jurisdiction}|{e.action}|{e.date or '-'}" for e in extract_events(text, PUBLISHED)
    ]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentence(text: str, expected: list[str]) -> None:
    assert sorted(_summary(text)) == sorted(expected)


def test_evidence_is_the_exact_sentence() -> None:
    text = "Intro line\nSome context here. Kazakhstan added the Taliban to its list in 2005. More."
    (event,) = extract_events(text, PUBLISHED)
    assert event.evidence == "Kazakhstan added the Taliban to its list in 2005."
    assert text[event.start : event.end] == event.evidence


def test_pronoun_and_context() -> None:
    # "it" is the state of the previous sentence; the date belongs to the act, not to the reaction.
    text = (
        "The Taliban on Tuesday welcomed Kazakhstan's decision to remove them from the terrorist list. "
        "Kazakhstan is the first country to do so. On Monday, it removed the Taliban from its list."
    )
    events = extract_events(text, date(2024, 6, 4))
    assert [(e.entity, e.jurisdiction, e.action, str(e.date)) for e in events] == [
        ("Taliban", "KZ", "delist", "2024-06-03")
    ]
    assert events[0].mentions == 2


def test_mentions_merge_but_different_dates_stay_apart() -> None:
    text = "Russia banned Al-Qaeda in 2003. Russia banned Al-Qaeda in 2006. Russia had banned Al-Qaeda."
    assert sorted(str(e.date) for e in extract_events(text, PUBLISHED)) == ["2003", "2006"]


def test_store_names() -> None:
    # The store's id replaces the built-in one, and its Russian names still find it.
    names = [("kz_curated:taliban", "TALIBAN"), ("ofac:12345", "Example Front for Liberation")]
    gazetteer = EntityGazetteer.from_names(names)
    (taliban,) = extract_events("В 2005 году Казахстан запретил «Талибан».", PUBLISHED, gazetteer)
    assert taliban.entity_id == "kz_curated:taliban"
    (front,) = extract_events(
        "The Example Front for Liberation was designated by OFAC in 2020.", PUBLISHED, gazetteer
    )
    assert (front.entity_id, front.jurisdiction, str(front.date)) == ("ofac:12345", "US", "2020")


def test_without_publication_date_relative_dates_are_null() -> None:
    (event,) = extract_events("Last month, Russia removed the Taliban from its terrorist list.", None)
    assert event.date is None

"""Open-class names: groups no gazetteer knows, found by the cues news writing gives, and the events
they become. Hand-written sentences, none taken from the corpus's test half."""

from __future__ import annotations

from datetime import date

import pytest

from listwatch.news import extract_events
from listwatch.news.names import NameFinder, fold_name, name_id
from listwatch.news.names import _ru_nominative as ru_nominative


def names(text: str, finder: NameFinder | None = None) -> list[str]:
    return [m.value.name for m in (finder or NameFinder()).find(text, [], [])]


def events(text: str) -> list[str]:
    found = extract_events(text, date(2024, 6, 5))
    return sorted(f"{e.entity}|{e.jurisdiction}|{e.action}" for e in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials said the Northern Lights Brigade would be banned.", ["Northern Lights Brigade"]),
        ("The court named Tren de Aragua and Liwa al-Thawra.", ["Tren de Aragua", "Liwa al-Thawra"]),
        # a title before a name: the person is what follows it
        ("Interior Minister Jane Roe spoke.", ["Jane Roe"]),
        # institutions and laws are not designated groups
        ("It amends the Terrorism Act and the District Court upheld it.", []),
        # a lone capital at the start of a sentence is an ordinary word
        ("Yesterday it rained.", []),
    ],
)
def test_capitalised_phrases(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_an_acronym_after_its_expansion_is_one_name_and_stands_for_it_later() -> None:
    finder = NameFinder()
    assert names("The group is Eastern Storm Front, or ESF.", finder) == ["Eastern Storm Front"]
    later = finder.find("ESF recruits online.", [], [])
    assert [m.value.id for m in later] == [name_id("Eastern Storm Front")]
    assert names("They listed the Popular Defence Army (PDA) last year.") == ["Popular Defence Army"]


def test_category_acronyms_are_not_names() -> None:
    text = "It designated the groups as Foreign Terrorist Organizations (FTOs) and SDGTs: Los Lobos."
    assert names(text) == ["Los Lobos"]


def test_a_title_case_headline_gives_only_acronyms_and_quotes() -> None:
    assert names("Kyrgyzstan Removes Taliban From Terrorist Organizations List") == []
    assert names("Canada Lists Iran's IRGC As Terrorist Entity") == ["IRGC"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after a descriptor noun the quote is an apposition, already nominative
        ("Суд признал экстремистским объединение «Северный ветер».", ["Северный ветер"]),
        # the quote as the inflected object goes back to the nominative
        ("Суд объявил «Группу-24» экстремистской организацией.", ["Группа-24"]),
        ("Суд внес «Чистопольского джамаата» в список.", ["Чистопольский джамаат"]),
        # nested quotes stay whole; the boilerplate asterisk goes
        ("организацию «Легион «Свобода России»»* признали", ["Легион «Свобода России»"]),
        # an inner quote that shares its closing mark with the outer one
        (
            "признать экстремистским объединение «Северное объединение «Ветер»",
            ["Северное объединение «Ветер»"],
        ),
        # a quoted category is not a name
        ("designated as a “Specially Designated Global Terrorist”", []),
    ],
)
def test_quoted_names(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_russian_head_words_open_an_unquoted_name_in_its_own_case() -> None:
    assert names("Прокуратура просит признать Фонд защиты прав граждан экстремистским.") == [
        "Фонд защиты прав граждан"
    ]
    # a person's name followed by a verb stays a person's name
    assert names("Как отметил Иван Петров, решение принято.") == ["Иван Петров"]


def test_nominative_of_russian_name_phrases() -> None:
    assert ru_nominative("Фонда борьбы с коррупцией") == "Фонд борьбы с коррупцией"
    assert ru_nominative("Исламского государства") == "Исламское государство"


def test_fold_name_compares_spellings() -> None:
    assert fold_name("the Sinaloa Cartel") == fold_name("Sinaloa cartel")
    assert fold_name("«Группа-24»") == fold_name("Группа 24")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Canada on Wednesday listed Iran's Northern Guard Corps as a terrorist entity.",
            ["Northern Guard Corps|CA|list"],
        ),
        # the speaker and the agent are not objects
        (
            "Australia has banned the Blue Hand Network, Home Affairs Minister Jane Roe said.",
            ["Blue Hand Network|AU|list"],
        ),
        # a possessor describes the object
        (
            "Canada already listed the Northern Guard’s overseas arm, the Zeta Force, as a terrorist group.",
            ["Zeta Force|CA|list"],
        ),
        # an open name before an English active verb is its subject, not its object
        ("Red Sun Media reported that nothing was banned.", []),
        (
            "Верховный суд России признал движение «Северный ветер» террористическим в 2019 году.",
            ["Северный ветер|RU|list"],
        ),
        # enumeration inside a sentence, after a colon
        (
            "The UK proscribed three groups: Storm Division; Black Sun Front; and Iron Circle.",
            ["Black Sun Front|GB|list", "Iron Circle|GB|list", "Storm Division|GB|list"],
        ),
    ],
)
def test_open_names_become_events_where_they_are_objects(text: str, expected: list[str]) -> None:
    assert events(text) == expected


def test_an_enumeration_sentence_takes_the_act_before_it() -> None:
    text = (
        "The United States designated four cartels as foreign terrorist organizations on Monday. "
        "The designated groups are: Red Tide Cartel, Cartel del Norte and Los Lobos."
    )
    assert events(text) == [
        "Cartel del Norte|US|list",
        "Los Lobos|US|list",
        "Red Tide Cartel|US|list",
    ]


def test_no_names_become_events_without_an_act() -> None:
    text = (
        "Members of the Blue Hand Network were arrested in Dushanbe. "
        "Police said the Storm Division is banned in Russia."
    )
    assert events(text) == []


def test_russian_names_led_by_an_adjective_end_at_a_proper_noun() -> None:
    finder = NameFinder()
    text = "Генпрокуратура обратилась в суд о признании Национального альянса Таджикистана экстремистским."
    assert names(text, finder) == ["Национальный альянс Таджикистана"]
    assert names("Суд запретил Исламскую партию возрождения Таджикистана.") == [
        "Исламская партия возрождения Таджикистана"
    ]


def test_an_acronym_stands_for_the_name_with_its_initials() -> None:
    finder = NameFinder()
    names("Canada listed the Northern Revolutionary Guard Corps on Monday.", finder)
    [later] = finder.find("The United States designated the NRGC in 2019.", [], [])
    assert later.value.name == "Northern Revolutionary Guard Corps"


def test_a_short_sentence_with_names_is_not_a_title_case_headline() -> None:
    assert names("Among them are the Sinaloa Cartel and the Gulf Cartel.") == [
        "Sinaloa Cartel",
        "Gulf Cartel",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bulleted list after an act that ends in a colon
        (
            "The State Department designated the following organizations:\n- Red Tide Cartel\n- Los Lobos\n",
            ["Los Lobos|US|list", "Red Tide Cartel|US|list"],
        ),
        # "Among them are ..." after an act with no named object
        (
            "The United States designated the cartels on Wednesday. Among them are the Red Tide Cartel and "
            "Los Lobos.",
            ["Los Lobos|US|list", "Red Tide Cartel|US|list"],
        ),
        # coordinated names before a passive
        (
            "Canada acted on Monday. The Red Tide Cartel, the Jalisco cartel and Los Lobos were listed.",
            ["Jalisco cartel|CA|list", "Los Lobos|CA|list", "Red Tide Cartel|CA|list"],
        ),
        # a name in another phrase after the object is not an object
        (
            "The United States designated Yemen's Houthis over attacks on shipping in the Red Sea.",
            ["Ansar Allah (Houthis)|US|list"],
        ),
        # the group before a title describes the person, who is the object
        ("The EU added Hamas leader John Roe to its list of terrorists.", ["John Roe|EU|list"]),
        # a relative pronoun takes up a person; the date of its own clause
        (
            "The Storm Division was founded in 2015 by John Roe, who was designated by the US Treasury "
            "in 2020.",
            ["John Roe|US|list"],
        ),
        # a description of the enumerated names by another authority lends them to no earlier act
        (
            "Kazakhstan removed the Taliban from its list. Among the organizations banned by Kyrgyz courts "
            "are Al-Qaeda and the Storm Division.",
            ["Taliban|KZ|delist"],
        ),
    ],
)
def test_enumerations_and_phrases(text: str, expected: list[str]) -> None:
    assert events(text) == expected


def test_the_whole_organisation_is_the_one_the_article_is_about() -> None:
    text = (
        "Britain proscribed the Storm Division on Friday. The Storm Division recruits online. "
        "Its armed wing, the Iron Circle, was proscribed by the UK in 2001. "
        "The Home Secretary said she would ask Parliament to outlaw the whole organisation."
    )
    assert events(text) == [
        "Iron Circle|GB|list",
        "Storm Division|GB|list",
        "Storm Division|GB|proposed_list",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an enumeration after "including ...:" gives every name, not only the ones after "including"
        (
            "Norway has placed five groups on its terrorist list, including three violent groups: "
            "Storm Division, the Iron Circle and Northern Lights Brigade.",
            ["Iron Circle|NO|list", "Northern Lights Brigade|NO|list", "Storm Division|NO|list"],
        ),
        # list items on their own lines, an item naming a kind and then its members
        (
            "In addition, Norway has also listed:\n- two Al Qaida affiliates: Storm Division, and Iron "
            "Circle\n- Northern Lights Brigade",
            ["Iron Circle|NO|list", "Northern Lights Brigade|NO|list", "Storm Division|NO|list"],
        ),
        # a longer name that begins with a known one is its own entity ("Islamic State Sahel Province")
        (
            "Norway designated Islamic State Sahel Province and Islamic State in the Greater Desert.",
            ["Islamic State Sahel Province|NO|list", "Islamic State in the Greater Desert|NO|list"],
        ),
        # ... but a group located in a state is the group ("Hamas in Gaza" is not a name)
        ("Norway designated the Taliban in Afghanistan on Monday.", ["Taliban|NO|list"]),
        # the enumeration goes on in the next sentences, with "new" in its subject
        (
            "Norway has placed four new groups on its list. They include Storm Division. Other new groups "
            "listed on the Norwegian list are Iron Circle. Also on the new list are Northern Lights Brigade.",
            ["Iron Circle|NO|list", "Northern Lights Brigade|NO|list", "Storm Division|NO|list"],
        ),
        # a copula that is not an enumeration: the speaker is not an object
        (
            'Norway designated the Storm Division on Monday. "These attacks are terrorism," Foreign '
            "Minister John Roe said.",
            ["Storm Division|NO|list"],
        ),
        # a motion a parliament approved is the act; one it debates is a proposal
        (
            "MPs in Norway approved a government motion adding Storm Division to the banned groups.",
            ["Storm Division|NO|list"],
        ),
        (
            "Two groups are to be added to Norway's list, including Storm Division.",
            ["Storm Division|NO|proposed_list"],
        ),
        # the state the whole article names, for "the government" of its first sentence
        (
            "The government has added Storm Division to its list of proscribed organisations. The Home "
            "Office said so.",
            ["Storm Division|GB|list"],
        ),
    ],
)
def test_enumerations_items_longer_names_and_approvals(text: str, expected: list[str]) -> None:
    assert events(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names in apposition to "the designated persons" are the objects of the act before
        (
            "The EU Council has included two members of the Storm Division on its list on Monday. The two "
            "designated persons, John Roe, leader of the Storm Division’s wing, and deputy commander Jane "
            "Doe, are subject to an asset freeze.",
            ["Jane Doe|EU|list", "John Roe|EU|list"],
        ),
        # a participle inside "организаций, признанных судами" describes the list; "на сегодня" is no date
        (
            "На сегодня группа «Буря» в списках организаций, признанных судами Казахстана "
            "террористическими, не значится.",
            [],
        ),
        # a quoted sentence that quotes a name: the inner quote is the name
        (
            "Он сказал: «в мае решением Верховного суда России признана террористической группа «Буря "
            "Севера», её боевики задержаны».",
            ["Буря Севера|RU|list"],
        ),
        # "решение о запрете деятельности ... в отношении X"; a quoting source is not an object
        (
            "В апреле решение о запрете деятельности в России было принято в отношении организации "
            "«Буря», – цитирует его слова «Газета.Ru».",
            ["Буря|RU|list"],
        ),
        # a speaker with an apposition, and a publisher, are not objects; in Russian the speaker follows
        (
            "Norway designated the Storm Division, Jane Roe, the Norwegian foreign minister, said on Monday.",
            ["Storm Division|NO|list"],
        ),
        (
            "Суд в России признал экстремистской группу «Буря», сообщил изданию «Свободная пресса» адвокат.",
            ["Буря|RU|list"],
        ),
        # a relative clause between the subject and the act; "list in <state>" names the list's owner
        (
            "The Storm Division, which is banned in Russia, has been removed from the terror list in Norway.",
            ["Storm Division|NO|delist"],
        ),
        # a title as a name's last word stays ("Northern Justice"); "-linked" is a modifier
        (
            "Norway will designate two Storm-linked groups. Those groups are Iron Circle and Northern "
            "Justice, officials said.",
            ["Iron Circle|NO|proposed_list", "Northern Justice|NO|proposed_list"],
        ),
        # the enumeration names the objects of the act that named none, not of a later one with its own
        (
            "Norway will designate two groups. It follows an earlier order labeling the Storm Division a "
            "terrorist organization. According to officials, the designations apply to Iron Circle and "
            "Northern Lights Brigade.",
            [
                "Iron Circle|NO|proposed_list",
                "Northern Lights Brigade|NO|proposed_list",
                "Storm Division|NO|list",
            ],
        ),
        # a quoted enumeration inside "labeling the groups ... as terrorist organizations"
        (
            "Norway announced it on Monday, labeling the groups “Iron Circle, Storm Division, and Northern "
            "Lights Brigade” as foreign terrorist organizations.",
            ["Iron Circle|NO|list", "Northern Lights Brigade|NO|list", "Storm Division|NO|list"],
        ),
        # a participial apposition between a name and its passive act; "linked to X" describes
        (
            "Iron Circle, described by Norway as a violent cell, was labeled a terrorist organization by "
            "Hungary. Norway designated four groups linked to the Storm Division.",
            ["Iron Circle|HU|list"],
        ),
        # a numbered item after "В список был добавлен один пункт:", the list itself naming the state
        (
            "В Федеральный список экстремистских организаций добавлена одна организация.\n"
            "В список был добавлен один пункт:\n"
            "80. Региональная общественная организация «Буря» "
            "(решение суда от 22.05.2020; дата: 18.12.2020);",
            ["Буря|RU|list"],
        ),
        # a long-standing listing is a state of affairs; a counted object after the act is its object
        ("The Storm Division has long been blacklisted by Norway.", []),
        ("Norway took a tough line against the Taliban, blacklisting six people on Monday.", []),
        # an elliptical sentence repeats the act before in another state, with its own date
        (
            "The Storm Division was banned in Norway in 2005. And in Sweden by the decision of a court "
            "on September 15, 2006.",
            ["Storm Division|NO|list", "Storm Division|SE|list"],
        ),
        # a condition ("в случае") states no act
        ("В случае обращения в суд о признании группы «Буря» террористической прокуратура примет меры.", []),
    ],
)
def test_appositions_participles_and_conditions(text: str, expected: list[str]) -> None:
    assert events(text) == sorted(expected)


def test_a_date_in_a_cause_after_the_act_does_not_date_it() -> None:
    found = extract_events(
        "The EU added the Storm Division to its terrorist list in response to the attacks on October 7.",
        date(2023, 12, 8),
    )
    assert [(e.entity, e.date) for e in found] == [("Storm Division", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list after a sentence that ends in ":", the act in the sentence before; bare name lines
        (
            "Norway designated three groups on Monday. The designated groups are:\nStorm Division (SD)\n"
            "Iron Circle\nThe decision takes effect at once.",
            ["Iron Circle|NO|list", "Storm Division|NO|list"],
        ),
        # a place after a preposition in an enumeration is where the objects are, not one of them
        (
            "Norway designated four groups on Monday. They include leaders in Southeast Asia and the Storm "
            "Division.",
            ["Storm Division|NO|list"],
        ),
        # a state in a subordinate clause after the act is not its actor
        (
            "Norway acted on Monday. Two groups were banned under its law, which copies the lists that the "
            "UN keeps. The groups are Storm Division and Iron Circle.",
            ["Iron Circle|NO|list", "Storm Division|NO|list"],
        ),
        # "of <state>" inside a group's name with inner connectors; not after an office or a person
        (
            "Norway proscribed the Popular Front for the Liberation of Palestine on Monday.",
            ["Popular Front for the Liberation of Palestine|NO|list"],
        ),
        # a Russian name that ends in a state's genitive, also at the start of a sentence
        (
            "Национальный альянс Таджикистана был признан в Таджикистане террористической организацией в "
            "2019 году.",
            ["Национальный альянс Таджикистана|TJ|list"],
        ),
        (
            "Верховный суд Таджикистана запретил деятельность Национального альянса Таджикистана.",
            ["Национальный альянс Таджикистана|TJ|list"],
        ),
    ],
)
def test_lists_places_clauses_and_names_ending_in_a_state(text: str, expected: list[str]) -> None:
    assert events(text) == sorted(expected)

"""Any government acts: states named by pycountry or the YAML, their capitals and demonyms, ministers,
agencies, courts and parliaments; and the actions issue 14 lists, in English and Russian. Hand-written
sentences (none from the corpus's test half)."""

from __future__ import annotations

from datetime import date

import pytest

from listwatch.news import extract_events
from listwatch.news.gazetteer import country_names, load_gazetteer


def events(text: str) -> list[str]:
    found = extract_events(text, date(2024, 6, 5))
    return sorted(f"{e.entity}|{e.jurisdiction}|{e.action}" for e in found)


def test_every_country_has_english_and_russian_names() -> None:
    names = country_names()
    assert len({code for code, _ in names}) >= 240
    assert ("BF", "Burkina Faso") in names
    assert ("VE", "Венесуэла") in names  # "Боливарианская Республика Венесуэла", short form too


def test_country_names_from_pycountry_need_their_capital() -> None:
    actors = load_gazetteer().actors
    assert [m.value.jurisdiction for m in actors.find("Chad and Burkina Faso")] == ["TD", "BF"]
    assert actors.find("a chad of paper") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # states the YAML never described, by name, capital or demonym
        ("Burkina Faso banned the Storm Division in 2023.", ["Storm Division|BF|list"]),
        ("Bogotá designated the Red Tide Cartel as a terrorist organization.", ["Red Tide Cartel|CO|list"]),
        ("The Dutch government proscribed the Storm Division.", ["Storm Division|NL|list"]),
        # agencies and ministers with a fixed jurisdiction
        (
            "The Home Secretary laid an order to proscribe the Storm Division.",
            ["Storm Division|GB|proposed_list"],
        ),
        ("Public Safety Canada listed the Storm Division.", ["Storm Division|CA|list"]),
        ("ASIO recommended that the Storm Division be listed.", ["Storm Division|AU|proposed_list"]),
        (
            "The State Department notified Congress of its intent to designate the Storm Division.",
            ["Storm Division|US|proposed_list"],
        ),
        ("The Council of the EU added the Storm Division to its terrorist list.", ["Storm Division|EU|list"]),
        ("The Security Council committee added the Storm Division to its list.", ["Storm Division|UN|list"]),
        # other actions
        ("Britain deproscribed the Storm Division in 2019.", ["Storm Division|GB|delist"]),
        ("The United States revoked the designation of the Storm Division.", ["Storm Division|US|delist"]),
        (
            "Members of Parliament in Canada voted to list the Storm Division.",
            ["Storm Division|CA|proposed_list"],
        ),
        # Russian: a prosecutor's petition, a court's act, a security service's list
        (
            "Генпрокуратура обратилась в Верховный суд России с просьбой признать «Северный ветер» "
            "террористической организацией.",
            ["Северный ветер|RU|proposed_list"],
        ),
        ("ФСБ внесла «Северный ветер» в список террористических организаций.", ["Северный ветер|RU|list"]),
        (
            "Верховный суд Таджикистана объявил «Северный ветер» экстремистской организацией.",
            ["Северный ветер|TJ|list"],
        ),
        ("В список добавили «Северный ветер».", []),  # no state named or implied
    ],
)
def test_governments_and_actions(text: str, expected: list[str]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # states of affairs, opinion, possibility, negation
        "«Северный ветер» продолжает признаваться террористическим в Канаде.",
        "Canada should list the Storm Division.",
        "Путин подписал закон, позволяющий исключить «Северный ветер» из списка террористов.",
        "The Storm Division can be removed from the list, the minister said.",
        "Canada has never listed the Storm Division.",
        "Proscribing the Storm Division will prevent its growth.",
        "Police arrested 12 members of the banned Storm Division in Dushanbe on Monday.",
        "Canada has so far refused to list the Storm Division, despite calls from the opposition.",
        "Австралия отказалась включать «Северный ветер» в список террористических организаций.",
        "Under the Criminal Code, the government can list an entity if it has carried out terrorist acts.",
        "Эксперты считают, что «Северный ветер» следует признать террористической организацией.",
    ],
)
def test_distractors_stay_excluded(text: str) -> None:
    assert events(text) == []


def test_a_place_after_a_name_describes_it_and_does_not_act() -> None:
    text = (
        "New Zealand reviewed its list on Monday. "
        "Two groups had their designations extended: the Storm Division, in Somalia, "
        "and the Iron Circle in Yemen."
    )
    assert events(text) == ["Iron Circle|NZ|maintain", "Storm Division|NZ|maintain"]
    assert events("Canada listed the Yemeni Storm Division group.") == ["Storm Division|CA|list"]
    # with no other state in sight, the place is still the best guess at the actor
    assert events("The Supreme Court banned Hizb ut-Tahrir in Russia in 2003.") == ["Hizb ut-Tahrir|RU|list"]


def test_a_modal_or_a_negation_belongs_to_its_own_verb() -> None:
    # "can" qualifies "understand", not the removal
    text = "Russia can understand why Kyrgyzstan decided to remove the Storm Division from its list."
    assert events(text) == ["Storm Division|KG|delist"]
    # not announcing a removal says nothing of the listing; not removing keeps it
    assert events("Kyrgyzstan did not announce the removal of the Storm Division from the list.") == []
    assert events("Kyrgyzstan will not remove the Storm Division from the list.") == [
        "Storm Division|KG|maintain"
    ]


def test_a_weekday_before_to_is_no_headline_future() -> None:
    text = "EU foreign ministers agreed on Thursday to designate the Storm Division as a terrorist group."
    assert events(text) == ["Storm Division|EU|list"]
    assert events("Britain to proscribe the Storm Division") == ["Storm Division|GB|proposed_list"]


def test_the_act_again_elsewhere_with_its_own_date() -> None:
    text = (
        "«Северный ветер» исключили из списка террористических организаций в Казахстане в декабре 2023 года "
        "и в Киргизии в сентябре 2024-го."
    )
    found = extract_events(text, date(2025, 4, 1))
    assert sorted((e.jurisdiction, e.action, str(e.date)) for e in found) == [
        ("KG", "delist", "2024-09"),
        ("KZ", "delist", "2023-12"),
    ]
    assert events("The ban on the Storm Division was lifted in Kazakhstan in 2023.") == [
        "Storm Division|KZ|delist"
    ]


def test_a_parliament_calling_for_a_listing_proposes_it() -> None:
    text = "Canada’s House of Commons backed a motion calling on the government to list the Storm Division."
    assert events(text) == ["Storm Division|CA|proposed_list"]
    assert events("Activists called on Canada to list the Storm Division.") == []


def test_a_bare_office_is_the_one_the_article_named_before() -> None:
    text = (
        "Верховный суд России признал «Северный ветер» террористической организацией. "
        "В Киеве это решение осудили. "
        "Верховный суд уже признавал террористическими ряд иностранных организаций. "
        "Так, в 2003 году он запретил «Южный ветер»."
    )
    assert events(text) == ["Северный ветер|RU|list", "Южный ветер|RU|list"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "May" is a month, not a modal
        (
            "Members of Parliament in Canada voted in May to list the Storm Division.",
            ["Storm Division|CA|proposed_list"],
        ),
        # "Canada to designate" is a headline's future only at the start of a headline
        (
            "Iran condemned a decision by Canada to designate the Storm Division a terrorist entity.",
            ["Storm Division|CA|list"],
        ),
        # a possibility, even in the perfect
        ("The Storm Division may have been removed from the list, an official said.", []),
        # the people are the object, the group describes them
        ("The EU Council has included two members of the Storm Division on the EU terrorist list.", []),
    ],
)
def test_more_distinctions(text: str, expected: list[str]) -> None:
    assert events(text) == expected


def test_a_date_in_a_coordinated_clause_dates_that_clause() -> None:
    found = extract_events(
        "Canada has previously listed the Storm Division, and in 2022 denied entry to its members."
    )
    assert [(e.entity, e.date) for e in found] == [("Storm Division", None)]


def test_a_gapped_clause_repeats_the_act_with_its_own_date_and_object() -> None:
    text = (
        "Верховный суд Казахстана в 2006 году признал «Северный ветер» террористической организацией, "
        "а в 2014 году — «Южный ветер»."
    )
    found = extract_events(text)
    assert sorted((e.entity, e.jurisdiction, str(e.date)) for e in found) == [
        ("Северный ветер", "KZ", "2006"),
        ("Южный ветер", "KZ", "2014"),
    ]
    text = "ФСБ России обновила список: в него вошли «Северный ветер» и «Южный ветер»."
    assert events(text) == ["Северный ветер|RU|list", "Южный ветер|RU|list"]

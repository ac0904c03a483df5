"""The variation customer records have, on real UN list names (2026-02-27): parts fused or split,
middle names added or left out, organisation names in Russian and Kazakh. Each must be found at the
default threshold (retrieval and score), and the rules must not make innocent names hits."""

from __future__ import annotations

import pytest

from listwatch.matching import DEFAULT_THRESHOLD, Query, Screener
from listwatch.matching.keys import unfused
from listwatch.matching.normalize import tokenize
from listwatch.matching.similarity import part_similarity

CASES = [
    # particles fused or split (the UN writes them apart)
    ("ANSAR ALISLAM", "QDe.098"),  # ANSAR AL-ISLAM
    ("Ibrahim Awwad Ibrahim Ali AlBadri", "QDi.299"),  # ... AL-BADRI AL-SAMARRAI
    ("ABD ALGHANI BARADAR", "TAi.024"),  # ABDUL GHANI BARADAR
    ("Abd Al Ghani Baradar", "TAi.024"),
    # a middle name left out, or one added
    ("Abdul Baradar", "TAi.024"),
    ("Abdul Ghani Mohammad Baradar", "TAi.024"),
    # a part cut short (a register's field), a keying error in a short part, the first letter too
    ("Sirajuddin Jallaloudine Haqqan", "TAi.144"),  # SIRAJUDDIN JALLALOUDINE HAQQANI
    ("Ayman al-Zawahi", "QDi.006"),  # AYMAN MUHAMMED RABI AL-ZAWAHIRI
    ("Tariq Gidar Grop", "QDe.160"),  # TARIQ GIDAR GROUP
    ("Siad Bahaji", "QDi.080"),  # SAID BAHAJI
    # organisations in Russian and Kazakh
    ("Исламское движение Узбекистана", "QDe.010"),  # ISLAMIC MOVEMENT OF UZBEKISTAN
    ("Ислам жиһады тобы", "QDe.119"),  # Kazakh: ISLAMIC JIHAD GROUP
    ("Ирак ислам мемлекеті", "QDe.115"),  # Kazakh: Islamic State of Iraq
    ("Исламское государство Ирака", "QDe.115"),  # alias Islamic State of Iraq
]


@pytest.mark.parametrize(("query", "ref"), CASES)
def test_variation_found(screener: Screener, query: str, ref: str) -> None:
    hits = screener.match(Query("q", query), DEFAULT_THRESHOLD, 10)
    assert ref in [h.ref for h in hits], [(h.ref, h.score, h.explanation) for h in hits]


def test_fused_particle_rule() -> None:
    assert unfused("albashir") == "bashir" and unfused("aladl") == "adl" and unfused("binladen") == "laden"
    assert unfused("alan") == "" and unfused("elena") == "ena" and unfused("bashir") == ""
    sim, why = part_similarity("albadri", "badri")
    assert sim >= 0.9 and "particle fused" in why
    # the rest must be the other part, not merely start like it
    assert part_similarity("elena", "ana")[0] == 0.0
    assert part_similarity("alexander", "xander")[0] == 0.0  # "ex" is no particle


def test_cut_short_and_short_typos() -> None:
    # a patronymic cut short is let through to the spelling rules (it is a prefix, not a given name)
    assert part_similarity("nikolayev", "nikolayevich")[0] >= 0.85
    assert part_similarity("aleksandr", "aleksandrovich")[0] == 0.0  # a given name is no patronymic
    sim, why = part_similarity("bak", "bank")
    assert sim == 0.8 and "short part" in why
    assert part_similarity("ali", "ari")[0] == 0.0  # a common name one letter from another: no


def test_cyrillic_organisation_words() -> None:
    assert tokenize("Сеть Хаккани") == ("network", "khakkani")
    assert tokenize("Исламское государство") == ("islamic", "state")
    assert tokenize("Өзбекстан ислам қозғалысы")[1:] == ("islamic", "movement")
    # surnames built on such words stay names (-ов, -ев are not endings read)
    assert tokenize("Советов Иван") == ("sovetov", "ivan")


INNOCENTS = [
    "Abdul Rahman Khan",  # common parts around nothing rare
    "Mohammed Ali Hassan",
    "Сеть Магазинов Алматы",  # a chain of shops: "network" and names no list has
    "Elena Alexandrova",
]


@pytest.mark.parametrize("query", INNOCENTS)
def test_innocent_names_stay_innocent(screener: Screener, query: str) -> None:
    hits = screener.match(Query("q", query), DEFAULT_THRESHOLD, 10)
    assert hits == [], [(h.ref, h.matched_name, h.score) for h in hits]

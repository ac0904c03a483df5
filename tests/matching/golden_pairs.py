"""The golden set: fixed pairs of a query and a listed entity (names from the UN, OFAC, EU, UK and
Rosfinmonitoring lists, with the variation screening meets), one or more for each rule of the matcher.

``test_golden.py`` scores them and compares the scores with ``golden_scores.json``, recorded under the
algorithm name: a change to any score must come with a new ``ALGORITHM`` (as nomenklatura's logic_v1,
logic_v2), so a score stored with its algorithm name always means the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from listwatch.matching import Candidate, NameIndex, Query, Screener, build_index
from listwatch.model import Name, PartialDate, parse_partial_date


@dataclass(frozen=True, slots=True)
class Pair:
    id: str
    query: str
    names: tuple[str, ...]  # the entity's names; "~" before one marks a weak alias
    schema: str = "Person"
    birth: str | None = None  # the query's birth date
    listed_births: tuple[str, ...] = ()
    country: str | None = None  # the query's country
    listed_countries: tuple[str, ...] = ()


ORG = "Organization"
BARADAR = ("ABDUL GHANI BARADAR",)  # TAi.024
PAIRS = (
    # -- the same name, in any order --------------------------------------------------------------
    Pair("exact", "Abdul Ghani Baradar", BARADAR),
    Pair("surname_first", "BARADAR, Abdul Ghani", BARADAR),
    Pair("swapped_two", "Rahman Zia", ("ZIA RAHMAN",)),
    Pair("honorific", "Mullah Mohammad Omar", ("MOHAMMED OMAR",)),
    Pair("honorific_typo", "Mulah Mohammad Omar", ("MOHAMMED OMAR",)),
    Pair(
        "legal_form",
        "Khairullah Sattar Money Exchange Ltd",
        ("HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE",),
        ORG,
    ),
    # -- spelling families and translations -------------------------------------------------------
    Pair("family_mohammed", "Muhammad Yusuf Abbas", ("MOHAMMED YOUSEF ABBAS",)),
    Pair("family_abdul", "Abdel Rahman Yasin", ("ABDUL RAHMAN YASIN",)),
    Pair("family_husayn", "Saddam Husayn al-Tikriti", ("SADDAM HUSSEIN AL-TIKRITI",)),
    Pair("different_family", "Mahmud Khalil", ("MUHAMMAD KHALIL",)),
    Pair("arabic_translated_org", "جبهة النصرة", ("AL-NUSRAH FRONT",), ORG),
    Pair("arabic_egyptian", "الجهاد الاسلامي المصري", ("EGYPTIAN ISLAMIC JIHAD",), ORG),
    Pair("arabic_person", "عبد الغني برادر", BARADAR),
    Pair("arabic_saddam", "صدام حسين التكريتي", ("SADDAM HUSSEIN AL-TIKRITI",)),
    Pair("arabic_short_vowels", "حبو", ("HABBO",)),
    Pair("arabic_khawla", "خولة", ("KHAWLA",)),
    Pair("persian_ta_marbuta", "Hamzah Zadeh", ("HAMZA ZADA",)),
    Pair("urdu_ttp", "تحریک طالبان پاکستان", ("TEHRIK-E TALIBAN PAKISTAN",), ORG),
    # -- Cyrillic -----------------------------------------------------------------------------------
    Pair("russian_surname_first", "Барадар Абдул Гани", BARADAR),
    Pair("russian_dzhikhad", "Исламский Джихад", ("ISLAMIC JIHAD",), ORG),
    Pair("kazakh_letters", "Тегрік-е Талібан Пакистан", ("TEHRIK-E TALIBAN PAKISTAN",), ORG),
    Pair("icao_passport", "KOZLOV ROMAN", ("КОЗЛОВ РОМАН ЕВГЕНЬЕВИЧ",)),
    Pair("bgn_full", "Roman Yevgen'yevich Kozlov", ("КОЗЛОВ РОМАН ЕВГЕНЬЕВИЧ",)),
    Pair("voicing", "Измайлов Руслан", ("ISMAILOV RUSLAN",)),
    Pair("tawhid", "Таухид валь-Джихад", ("TAWHID WAL-JIHAD",), ORG),
    # -- clashes that keep names apart --------------------------------------------------------------
    Pair("gender", "Kozlova Anna", ("KOZLOV ANNA",)),
    Pair("patronymic_not_given", "Aleksandr Ivanov", ("ALEKSANDROVICH IVANOV",)),
    Pair("surname_built_on_name", "Khalid Aziz", ("KHALIDOV AZIZ",)),
    Pair("nisba", "Hashim Ahmad", ("HASHIMI AHMAD",)),
    Pair("pinyin_syllable", "Zheng Wei", ("ZHANG WEI",)),
    Pair("pinyin_two_syllables", "Zheng Lin", ("ZHIYONG LIN",)),
    Pair("particle_not_name", "Al Bashir", ("ALI BASHIR",)),
    Pair("short_not_prefix", "Put Vladimir", ("PUTIN VLADIMIR",)),
    # -- keying errors --------------------------------------------------------------------------------
    Pair("typo_long", "Zvevda Trading", ("ZVEZDA TRADING",), ORG),
    Pair("typo_swap", "Abdul Ghani Baradra", BARADAR),
    Pair("typo_drop", "Abdul Ghani Barada", BARADAR),
    Pair("typo_first_letter", "Abdul Ghani Taradar", BARADAR),
    Pair("typo_short_part", "Abdul Ghano Baradar", BARADAR),
    Pair("typo_swapped_nisba", "Ali Majoyr", ("ALI MAJORY",)),
    Pair("spelling_jw", "Aiman al-Zawahri", ("AYMAN AL-ZAWAHIRI",)),
    Pair("digraphs", "Abu Mousab Zarkawi", ("ABU MUSAB AL-ZARQAWI",)),
    # -- parts joined and split --------------------------------------------------------------------
    Pair("joined_parts", "Chong Chongang Shipping", ("CHONGCHONGANG SHIPPING",), ORG),
    Pair("bin_al_shibh", "Ramzi Binalshibh", ("RAMZI BIN AL-SHIBH",)),
    Pair("abdulghani_one_word", "Abdulghani Baradar", BARADAR),
    Pair("habib_ullah", "Habib Ullah Khan", ("HABIBULLAH KHAN",)),
    Pair("arabic_joined", "علي ما يشو", ("ALI MAYCHOU",)),
    Pair("fused_article", "Omar Albashir", ("OMAR AL-BASHIR",)),
    Pair("split_abd_al", "Abd Al Ghafar Ahmad", ("ABDULGHAFAR AHMAD",)),
    # -- parts missing or added ----------------------------------------------------------------------
    Pair("middle_dropped", "Abdul Baradar", BARADAR),
    Pair("middle_added", "Abdul Ghani Mohammad Baradar", BARADAR),
    # "SURNAME, Given" (OFAC) said given name first: a part added or left out between, in order (v4)
    Pair("middle_added_surname_first", "Usama Ahmad Hamdan", ("HAMDAN, Usama",)),
    Pair("double_surname_dropped", "Carlos Alberto Garcia", ("GAXIOLA GARCIA, Carlos Alberto",)),
    Pair("said_as_written", "Muhammad Bilal", ("BILAL, Muhammad Nafi",)),
    Pair("extra_list_parts", "Ghani Baradar", ("ABDUL GHANI BARADAR ABDUL AHMAD TURK",)),
    Pair("org_word_missing", "Islamic Movement Uzbekistan", ("ISLAMIC MOVEMENT OF UZBEKISTAN",), ORG),
    Pair("org_word_dropped", "Haqqani Network", ("THE HAQQANI NETWORK",), ORG),
    Pair("only_generic_words", "The Islamic Group", ("ISLAMIC JIHAD GROUP",), ORG),
    Pair("truncated_part", "Abdul Ghani Barad", BARADAR),
    # v5: the last part cut short however short, a prefix elsewhere not; one found by its completions
    Pair("cut_short_end", "Ibrahim Hassan Tali Al-Asi", ("IBRAHIM HASSAN TALI AL-ASIRI",)),
    Pair("cut_short_initial", "Yasser Khalaf Hussein Nazal al-R", ("Yasser Khalaf Hussein Nazal al-Rawi",)),
    Pair("cut_short_not_at_end", "Ibrahim Asi Tali", ("IBRAHIM HASSAN TALI AL-ASIRI",)),
    Pair("cut_short_retrieved", "Mohamed Lakh", ("MOHAMED LAKHAL",)),
    Pair("cut_short_pinyin", "Yu Chen", ("LI, Cheng Yu",)),
    # -- organisations in Russian --------------------------------------------------------------------
    Pair("ru_haqqani", "Сеть Хаккани", ("HAQQANI NETWORK",), ORG),
    Pair("ru_islamic_state", "Исламское государство", ("ISLAMIC STATE",), ORG),
    Pair("ru_imu", "Исламское движение Узбекистана", ("ISLAMIC MOVEMENT OF UZBEKISTAN",), ORG),
    Pair("ru_taliban", "Талибан", ("TALIBAN",), ORG),
    # -- aliases and lone names ----------------------------------------------------------------------
    Pair("weak_alias", "Abu Ahmad", ("ABDUL SATTAR", "~ABU AHMAD")),
    Pair("weak_alias_full", "Seif al-Adel", ("MOHAMMAD SALAH AL-DIN ZAIDAN", "~SAIF AL-ADEL")),
    Pair("lone_common", "Abdul", ("~ABDUL",)),
    Pair("lone_rare", "Baradar", ("~BARADAR",)),
    Pair("acronym", "AQI", ("AQI",), ORG),
    # -- birth date and country evidence ---------------------------------------------------------------
    Pair("birth_same_day", "Abdul Ghani Baradar", BARADAR, birth="1968-01-01", listed_births=("1968-01-01",)),
    Pair(
        "birth_other_day", "Abdul Ghani Baradar", BARADAR, birth="1968-03-01", listed_births=("1968-01-01",)
    ),
    Pair("birth_same_year", "Abdul Ghani Baradar", BARADAR, birth="1968", listed_births=("1968-01-01",)),
    Pair("birth_near_year", "Abdul Ghani Baradar", BARADAR, birth="1969", listed_births=("1968",)),
    Pair("birth_conflict", "Abdul Ghani Baradar", BARADAR, birth="1990-05-05", listed_births=("1968",)),
    Pair(
        "birth_several_years",
        "Sirajuddin Haqqani",
        ("SIRAJUDDIN JALLALOUDINE HAQQANI",),
        birth="1978",
        listed_births=("1977", "1980"),
    ),
    Pair(
        "country_listed",
        "Abdul Ghani Baradar",
        BARADAR,
        country="Afghanistan",
        listed_countries=("Afghanistan",),
    ),
    Pair("country_code", "Abdul Ghani Baradar", BARADAR, country="AF", listed_countries=("Afghanistan",)),
    Pair(
        "country_not_listed",
        "Abdul Ghani Baradar",
        BARADAR,
        country="Kazakhstan",
        listed_countries=("Afghanistan",),
    ),
    Pair(
        "evidence_both",
        "Baradar Abdul Ghani",
        BARADAR,
        birth="1968-01-01",
        listed_births=("1968-01-01",),
        country="Afghanistan",
        listed_countries=("Afghanistan",),
    ),
    # -- names that must not match ------------------------------------------------------------------
    Pair("innocent_kazakh", "Нурлан Жумабаев", ("NURLAN ZHUMABAYEV ASKAROVICH",)),
    Pair("innocent_english", "John Smith", ("JOHN SMITHSON",)),
    Pair("other_gender_spelling", "Мадина Қодиров", ("KADYROVA, Medni Musaevna",)),  # v4
    Pair("nisba_in_query", "Hashimi Youssef", ("HASHIM, Yusuf",)),  # v4: the other name, 0.7
    Pair("nisba_cut_short", "Ihsan Monajem", ("Ihsan Monajemi",)),  # v4: maybe cut, 0.8
    Pair("vowels_differ", "Васильев Михаил", ("ВЕСЕЛОВ МИХАИЛ НИКОЛАЕВИЧ",)),  # v4: not one skeleton
    Pair("innocent_hispanic", "María García López", ("MARIA LOPEZ GARCIA",)),
    Pair("substring_trap", "Computing Ltd", ("PUTIN",), ORG),
    Pair("street_trap", "Taliban Street Bakery", ("TALIBAN",), ORG),
    Pair("given_only", "Abdul Rahman", ("ABDUL RAHMAN YASIN",)),
    Pair("one_shared_part", "Omar Sharif", ("MOHAMMED OMAR",)),
    Pair("chinese_pinyin", "Wang Wei", ("WANG WEIHONG",)),
    Pair("korean", "Kim Jong Un", ("KIM JONG UN",)),
    Pair("korean_split", "Kim Jong-un", ("KIM JONG UN",)),
    Pair("turkish", "Mehmet Yılmaz", ("MEHMET YILMAZ OGLU",)),
    Pair("company_legal_form", "Rosoboronexport OAO", ("ROSOBORONEXPORT",), ORG),
)


def candidate(pair: Pair) -> Candidate:
    names = tuple(
        Name(n[1:], "weak_alias") if n.startswith("~") else Name(n, "primary" if i == 0 else "alias")
        for i, n in enumerate(pair.names)
    )
    births = tuple(parse_partial_date(d) for d in pair.listed_births)
    countries = pair.listed_countries
    return Candidate(f"golden:{pair.id}", "golden", pair.id, pair.schema, names, births, countries)


def query(pair: Pair) -> Query:
    birth: PartialDate | None = parse_partial_date(pair.birth) if pair.birth else None
    return Query(pair.id, pair.query, None, birth, pair.country)


def background(pair: Pair) -> list[Candidate]:
    """Every other golden name, once, as entities without evidence: what a query is screened against
    besides its own entity (the key weights come from them), none spelt as its own entity's names."""
    seen = {pair.names}
    out = []
    for other in PAIRS:
        if other.names not in seen:
            seen.add(other.names)
            out.append(candidate(Pair(other.id, other.query, other.names, other.schema)))
    return out


def golden_index(pair: Pair) -> NameIndex:
    return build_index([candidate(pair), *background(pair)])


def golden_scores() -> dict[str, float]:
    """Each pair's score for its own entity (0.0 when not found at all), screened at threshold 0."""
    out: dict[str, float] = {}
    for pair in PAIRS:
        hits = Screener(golden_index(pair)).match(query(pair), 0.0, 100)
        own = [h.score for h in hits if h.entity_id == f"golden:{pair.id}"]
        out[pair.id] = own[0] if own else 0.0
    return out

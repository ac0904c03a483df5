"""Name pairs from real lists (UN original-script names and their Latin forms, UK and OFAC spellings,
Rosfinmonitoring Cyrillic) that must match, and pairs that must not: scored by normalisation, part
similarity and alignment alone (no index), so each row says what the matcher makes of two names."""

from __future__ import annotations

import pytest

from listwatch.matching.classes import class_weight, class_weights, mistyped_honorific
from listwatch.matching.normalize import tokenize
from listwatch.matching.score import align
from listwatch.matching.scripts import has_arabic, to_latin
from listwatch.matching.similarity import part_similarity


def name_score(query: str, listed: str) -> float:
    q, c = tokenize(query), tokenize(listed)
    q_weights = tuple(0.0 if mistyped_honorific(t) else class_weight(t) for t in q)
    c_weights = class_weights(c)
    return align(q, q_weights, c, c_weights, has_arabic(query) or has_arabic(listed)).score


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # UN original script vs the UN's own Latin name (2026-02-27 list)
        ("سيف الدين فليح حسن طه الراوي", "SAIF-AL-DIN FULAYYIH HASSAN TAHA AL-RAWI"),  # IQi.014
        ("طه ياسين رمضان الجزراوي", "TAHA YASSIN RAMADAN AL-JIZRAWI"),  # IQi.020: طه, ض
        ("خالد عبد الرحمن حمد الفواز", "KHALID ABD AL-RAHMAN HAMD AL-FAWAZ"),  # QDi.059: و + alif
        ("محمد جواد وزیری", "MOHAMMAD JAWAD WAZIRI"),  # TAi.039
        ("جلال الدين حقانى", "JALALUDDIN HAQQANI"),  # TAi.040: X al-Din
        ("نورالدین ترابی محمد قاسم", "NOORUDDIN TURABI MUHAMMAD QASIM"),  # TAi.058
        ("شمس الدین", "SHAMSUDDIN"),  # TAi.103
        ("ثناء اللہ غفاری", "SANAULLAH GHAFARI"),  # QDi.431: ث read s
        ("فضل محمد مظلوم", "FAZL MOHAMMAD MAZLOOM"),  # TAi.023: ض read z
        ("عبد الروف ذاکر", "ABDUL RAUF ZAKIR"),  # TAi.164: ذ read z
        ("نور محمد ثاقب", "NOOR MOHAMMAD SAQIB"),  # TAi.110
        ("رحمت الله شاه نواز", "RAHMATULLAH SHAH NAWAZ"),  # TAi.172
        ("عبد الباقي بصير أول شاه", "ABDUL BAQI BASIR AWAL SHAH"),  # TAi.038
        ("عبدالولی صدیقی", "ABDUL WALI SEDDIQI"),  # TAi.133: و after Abd-al
        ("عبد الواحد شفيق", "ABDUL WAHED SHAFIQ"),  # TAi.098: و after the article
        ("احمد جان آخوند زاده شكور آخوند زاده", "AHMAD JAN AKHUNDZADA SHUKOOR AKHUNDZADA"),  # TAi.109
        ("زكريا الصبار", "ZAKARYA ESSABAR"),  # QDi.083: assimilated article
        ("خولة برزان إبراهيم حسن التكريتي", "KHAWLA BARZAN IBRAHIM HASAN AL-TIKRITI"),  # IQi.066
        ("عبد التواب ملا حويش", "ABD-AL-TAWWAB MULLAH HUWAYSH"),  # IQi.019
        ("Шамиль Магомедович Измайлов", "SHAMIL MAGOMEDOVICH ISMAILOV"),  # QDi.368
        ("احمد ضیا آغا", "AHMAD ZIA AGHA"),  # TAi.156: ض read z
        # a particle or a short part read with its neighbour (the article kept between them)
        ("عبد الرزاق آخوند لا لا آخوند", "ABDUL RAZAQ AKHUND LALA AKHUND"),  # TAi.053
        ("سيف الله بن عمر بن محمد بنحسين", "SEIFALLAH BEN OMAR BEN MOHAMED BEN HASSINE"),  # QDi.333
        ("رمزي محمد عبد الله بن الشيبة", "RAMZI MOHAMED ABDULLAH BINALSHIBH"),  # QDi.081
        ("علي ما يشو", "ALI MAYCHOU"),  # QDi.423, French ch
        # generic words that the lists translate: network, office, exchange, in
        ("شبكة محمد جمال", "MUHAMMAD JAMAL NETWORK (MJN)"),  # QDe.136
        ("شبکه حقانی", "HAQQANI NETWORK (HQN)"),  # TAe.012
        ("مكتب حنيفة للصرافة", "Hanifa Money Exchange Office"),  # QDe.153
        ("مكتب الخدمات", "MAKHTAB AL-KHIDAMAT"),  # QDe.012: مكتب translated and transliterated, ك as kh
        ("القاعده في العراق", "AL-QAIDA IN IRAQ"),  # QDe.115
        # organisation and place words the lists translate, in English word order (2026-02-27 list)
        ("الجهاد الاسلامي المصري", "EGYPTIAN ISLAMIC JIHAD"),  # QDe.003
        ("الجماعة الاسلامية المسلحة", "ARMED ISLAMIC GROUP"),  # QDe.006
        ("القاعدة في جزيرة العرب", "AL-QAIDA IN THE ARABIAN PENINSULA (AQAP)"),  # QDe.129
        ("جبهة النصرة لأهل الشام", "AL-NUSRAH FRONT FOR THE PEOPLE OF THE LEVANT"),  # QDe.137: li + ahl
        ("تنظیم جیش المھاجرین و الأنصار", "Army of Emigrants and Supporters organization"),  # QDe.148
        ("الدولة الإسلامية في العراق والشام - اليمن", "ISLAMIC STATE IN IRAQ AND THE LEVANT - YEMEN"),
        ("الاتحاد الاسلامي", "AL-ITIHAAD AL-ISLAMIYA"),  # QDe.002: ت ح read apart, not th
        ("د حاجی بصیر او ضرجمیل کمپنی حواله", "HAJI BASIR AND ZARJMIL COMPANY HAWALA"),  # TAe.014, Pashto
        ("الموقعون بالدم", "AL MOUAKAOUNE BIDDAM"),  # QDe.139: bi + the article assimilated to d
        # Latin spellings of one name across lists
        ("Abderrahmane Ould el Amar", "Abd al-Rahman Ould el Amar"),
        ("Jallalouddine Haqani", "Jalaluddin Haqqani"),
        ("Noor ud Din Turabi", "Nooruddin Turabi"),
        ("Encep Nurjaman", "Encep Nurjaman (birth name)"),
        ("RECONNAISSANCE GENERAL BUREAU (RGB)", "RECONNAISSANCE GENERAL BUREAU"),
        ("BARADAR, Abdul Ghani", "عبد الغني برادر"),
        ("Nikolay Vasilyev", "ВАСИЛЬЕВ НИКОЛАЙ"),
        ("Катиба ат-Таухид валь-Джихад", "KHATIBA AL-TAWHID WAL-JIHAD"),  # QDe.168: валь- wal-, дж j
    ],
)
def test_same_person(query: str, listed: str) -> None:
    assert name_score(query, listed) >= 0.85


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Computing", "PUTIN, Vladimir Vladimirovich"),  # no part in common
        ("Vladimir", "PUTIN, Vladimir Vladimirovich"),  # a common first name alone
        ("Olga Fedorov", "ФЕДОРОВ ОЛЕГ ВЛАДИМИРОВИЧ"),  # Olga is not Oleg
        ("Aleksei Kozlov", "KOZLOV, Aleksandr Aleksandrovich"),  # Aleksei is not Aleksandr
        ("Volkov Iuliia", "ВОЛКОВ ЮРИЙ МИХАЙЛОВИЧ"),  # Yulia is not Yuri
        ("Khaled Mansouri", "MANSUR, Khalil"),  # Khalid is not Khalil
        ("Huang Wei", "ZHANG, Wei"),  # different pinyin syllables
        ("Wei Zheng", "ZHANG, Wei"),
        ("Wu Xin", "WU XIAN"),
        ("Gao Jing", "GAO, Jingfeng"),  # Jing is not Jingfeng
        ("Yan Zheng", "YAN, Zhiyong"),  # one syllable is not two: Zheng is not Zhiyong (OFAC)
        ("Chen Qiang", "CHEN, Quanguo"),  # Qiang is not Quanguo (OFAC)
        ("Ying Wu", "WU, Yonghao"),  # Ying is not Yonghao (OFAC)
        ("Jing Zheng", "ZHENG, Fujing"),  # Jing is not Fujing (OFAC)
        ("Borodin", "Burhanuddin"),  # a bare -din is not al-Din
        ("علي إبراهيم الظاهري", "IBRAHIM, 'Ali"),  # IBRAHIMZAHRI is not IBRAHIM, however loose
    ],
)
def test_different_people(query: str, listed: str) -> None:
    assert name_score(query, listed) < 0.8


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("طه", "taha"),  # a two-letter word: final he is a consonant
        ("زاده", "zada"),  # after a consonant: a vowel
        ("شاه", "shah"),  # after a long vowel: a consonant
        ("فواز", "fwaz"),  # و before alif: w
        ("الراوي", "al rawi"),  # و after alif: w; the article split in the script
        ("حويش", "hwish"),  # و before ya: w
        ("يوسف", "yusf"),  # و between consonants: u
        ("الواحد", "al wahd"),  # و after the article: w
        ("فضل", "fdhl"),  # ض keeps its digraph
        ("لأهل", "l ahl"),  # li before hamza, written joined: "for the people of"
        ("د حاجی", "da haji"),  # د alone is the Pashto "of"
        ("ثاقب", "thaqb"),
    ],
)
def test_arabic_letters(arabic: str, latin: str) -> None:
    assert to_latin(arabic) == latin


@pytest.mark.parametrize(
    ("a", "b", "loose", "alike"),
    [
        ("fdhl", "fazl", True, True),
        ("fdhl", "fadl", True, True),
        ("thnaullah", "sanaullah", True, True),
        ("khula", "khawla", True, True),
        ("sbar", "essabar", True, True),
        ("sbar", "essabar", False, False),  # the assimilated article is read only across scripts
        ("zhang", "zheng", False, False),
        ("kang", "gang", False, False),
        ("olga", "oleg", False, False),
        ("natalia", "natalya", False, True),  # one family
        ("hashmi", "hashim", True, False),  # nisba: agrees less than a spelling variant
        ("dhhb", "thahab", True, True),  # ذهب: z-h-b read apart, not zh (ж) (QDe.154 Selselat al Thahab)
        ("dhia", "zia", True, True),  # ضیا: one spelling under one reading, however short the skeleton
        ("majoyr", "majory", False, True),  # two letters swapped is a keying error, not a nisba (OFAC)
        ("zveada", "zvezda", False, True),  # one keying error in six letters (OFAC PAO ZVEZDA)
        ("khald", "khalidov", True, False),  # خالد is not ХАЛИДОВ, a surname built on the name (Rosfin)
        ("sokolov", "sakaly", False, False),  # nor alike because of it
        ("sham", "levant", True, True),  # الشام: a word the lists translate, read across scripts only
        ("sham", "levant", False, False),
        ("aslami", "islamia", True, True),  # both read "islamic"
        ("jbha", "front", True, True),
        ("athad", "ittihad", True, True),  # اتحاد: ت ح is not th (ث)
        ("aw", "and", True, True),  # او, Pashto "and"
        ("baldm", "biddam", True, True),  # بالدم: bi + al- + dam, the article assimilated
        ("baldm", "biddam", False, False),
        ("mktb", "makhtab", True, True),  # مكتب: a Latin kh may be ك (MAKHTAB AL-KHIDAMAT)
        ("mktb", "office", True, True),  # ... and the word is translated too
        ("mktb", "makhtab", False, False),
        ("dzhikhad", "jihad", False, True),  # ДЖИХАД: one skeleton, spelt alike digraph for digraph
        ("zaitseva", "zueva", False, False),  # one skeleton (ZV), spelt unlike even so
    ],
)
def test_part_similarity(a: str, b: str, loose: bool, alike: bool) -> None:
    assert (part_similarity(a, b, loose)[0] >= 0.85) is alike


def test_cheap_test_never_rejects_what_the_rules_find_alike() -> None:
    # part_similarity skips its rules for two parts ``may_be_alike`` rejects: a rule that found such a
    # pair alike would be silently overruled. Checked on every pair of parts of real list names from
    # several lists and scripts, and customer-like names.
    from matching_data import UN_2026, parse_shared

    from listwatch.matching.similarity import may_be_alike, similarity_rules

    version = parse_shared(UN_2026, "un_sc")
    parts = sorted({t for e in version.entries for n in e.names for t in tokenize(n.value)})
    parts = [*parts[::3], "kozlova", "kozlov", "hashimi", "hashim", "majoyr", "majory", "ivanov", "zheng"]
    alike = 0
    for a in parts:
        for b in parts[::5]:
            if similarity_rules(a, b)[0] > 0.0:
                alike += 1
                assert may_be_alike(a, b), (a, b)
    assert alike > 500


def test_repeated_particle_keeps_order() -> None:
    # القاعده في العراق: of its two "al", the first is the one that stands where AL-QAIDA's does (QDe.115)
    q, c = tokenize("القاعده في العراق"), tokenize("AL-QAIDA IN IRAQ")
    name = align(q, tuple(class_weight(t) for t in q), c, tuple(class_weight(t) for t in c), True)
    assert [(p.query, p.candidate) for p in name.pairs][:2] == [("al", "al"), ("qaada", "qaida")]
    assert name.penalty == ""


def test_translated_family_name_agrees_less() -> None:
    # المصري is a family name too (al-Masri), translated only in nicknames ("AHMED THE EGYPTIAN"):
    # its translation agrees as a sound-alike, an organisation word's as a spelling variant
    assert part_similarity("msri", "egyptian", True)[0] < part_similarity("mslha", "armed", True)[0]
    assert part_similarity("msri", "masri", True)[0] >= 0.9  # and it keeps its own spelling


def test_translated_words_keep_no_order() -> None:
    # Arabic puts the adjective after its noun: EGYPTIAN ISLAMIC JIHAD is not "out of order" (QDe.003)
    q, c = tokenize("الجهاد الاسلامي المصري"), tokenize("EGYPTIAN ISLAMIC JIHAD")
    name = align(q, tuple(class_weight(t) for t in q), c, tuple(class_weight(t) for t in c), True)
    assert name.penalty == "" and not name.unmatched_query


def test_two_word_patronymic() -> None:
    # Rosfinmonitoring: an Azerbaijani patronymic is the father's name and "son"; a passport leaves it out
    listed = tokenize("МЕЛИКОВ ИЛЬКИН ШАФИ ОГЛЫ")
    assert class_weights(listed) == (1.0, 1.0, 0.4, 0.4)
    assert name_score("MELIKOV ILKIN", "МЕЛИКОВ ИЛЬКИН ШАФИ ОГЛЫ") >= 0.8


def test_generational_suffix_weighs_little() -> None:
    # QDi.243's original script ends "الإبن" (the son); its Latin name ends "JR.": neither is the name
    listed = "FELICIANO SEMBORIO DELOS REYES JR."
    assert name_score("فلسيانو سمبوريو ديلوس رييس الإبن", listed) >= 0.9
    assert name_score("Feliciano Semborio Delos Reyes", listed) >= 0.95

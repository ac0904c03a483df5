"""Innocent names from more locales than ``devset.LOCALES``, companies with legal forms, and traps
(a list name's part inside a longer word, a short name). Generated deterministically; a name whose
parts equal a list name's parts is dropped (``devset.name_key``): it is not innocent by name.

Categories: ``innocent_locales`` (Uzbek, Kyrgyz, Tajik in Cyrillic; Uzbek, Azerbaijani, Pakistani,
Korean in Latin; Persian script; Hispanic double surnames), ``innocent_company`` and ``innocent_trap``.
All name only, no birth date: the harder case.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

from devset import LOCALES, SEED, Case, name_key

from listwatch.matching import Query

MORE_LOCALES: dict[str, tuple[str, str]] = {
    "uzbek_latin": (
        "Aziz Jasur Sardor Bekzod Otabek Sherzod Dilshod Rustam Farrukh Javlon Nodira Dilnoza Gulnora "
        "Malika Zarina Shahnoza Feruza Madina Laylo Sevara Ulugbek Bobur Jamshid Akmal Sanjar",
        "Karimov Yusupov Rakhimov Abdullayev Ismoilov Tursunov Nazarov Mirzayev Sultonov Hamidov "
        "Ergashev Qodirov Umarov Xolmatov Sobirov Jurayev Rasulov Normatov Usmonov Ahmedova Karimova "
        "Yusupova Tursunova Nazarova Saidova",
    ),
    "uzbek_cyrillic": (
        "Азиз Жасур Сардор Бекзод Отабек Шерзод Дилшод Рустам Фаррух Жавлон Нодира Дилноза Гулнора "
        "Малика Зарина Шаҳноза Феруза Мадина Лайло Севара Улуғбек Бобур Жамшид Акмал Санжар",
        "Каримов Юсупов Раҳимов Абдуллаев Исмоилов Турсунов Назаров Мирзаев Султонов Ҳамидов Эргашев "
        "Қодиров Умаров Холматов Собиров Жўраев Расулов Норматов Усмонов Аҳмедова Каримова Юсупова "
        "Турсунова Назарова Саидова",
    ),
    "kyrgyz_cyrillic": (
        "Айбек Бакыт Нурбек Эрлан Улан Азамат Бектур Жылдыз Айгерим Чолпон Нургүл Айжан Калыс Темир "
        "Эрмек Канат Мирлан Бурул Гүлнара Асель Сыймык Уланбек Элдияр Адилет Мээрим",
        "Асанов Үсөнов Токтогулов Жээнбекова Бакиев Осмонов Абдыкадыров Сыдыков Мамытов Тургунбаев "
        "Эсенгулов Өмүрбеков Кенешов Жумабеков Дүйшөнбиев Сатыбалдиев Исаков Мукашев Бейшеналиев "
        "Орозбеков Токтосунов Алыбаев Чотонов Жапаров Үсөнова",
    ),
    "tajik_cyrillic": (
        "Фарҳод Далер Шоҳрух Бахтиёр Парвиз Сино Ҷамшед Рустам Манучеҳр Исмоил Зарина Мадина Нигина "
        "Гулноза Сурайё Малика Шаҳло Фируза Меҳрангез Дилафрӯз Умед Алишер Файзулло Сафар Баҳодур",
        "Раҳмонов Назаров Саидов Шарипов Ҳакимов Қурбонов Маҳмадов Зоиров Ёқубов Исмоилов Юсуфов "
        "Раҷабов Мирзоев Каримов Солиев Ашуров Давлатов Олимов Ғафуров Сафаров Раҳимова Назарова "
        "Саидова Шарифова Ҷалолова",
    ),
    "azerbaijani": (
        "Elvin Rauf Tural Orxan Elçin Ramin Kamran Nicat Vüsal Rəşad Aysel Günay Leyla Nərgiz Səbinə "
        "Ülviyyə Könül Aynur Fidan Zəhra Anar Emin Elnur Fuad Ceyhun",
        "Məmmədov Əliyev Həsənov Hüseynov Quliyev İsmayılov Abbasov Babayev Cəfərov Rəhimov Kərimov "
        "Nəsirov Sultanov Orucov Əhmədova Məmmədova Əliyeva Həsənova Hüseynova Quliyeva İsmayılova "
        "Abbasova Babayeva Cəfərova Süleymanlı",
    ),
    "pakistani": (
        "Muhammad Ahmed Ali Imran Asif Bilal Faisal Kamran Usman Hamza Ayesha Fatima Sana Hira Mahnoor "
        "Zainab Amna Sidra Iqra Rabia Waqas Adnan Shahid Tariq Zubair",
        "Khan Malik Qureshi Chaudhry Butt Awan Sheikh Siddiqui Rajput Raja Mirza Abbasi Hashmi Jutt "
        "Bhatti Niazi Gondal Rana Cheema Gillani Ansari Baig Dar Memon Shah",
    ),
    "persian_script": (
        "علی رضا محمد حسین مهدی امیر سعید مجید حمید فرهاد نرگس مریم زهرا فاطمه سارا لیلا شیرین پریسا "
        "الهام نازنین کاوه بهرام داریوش سیاوش آرش",
        "احمدی محمدی حسینی رضایی موسوی کریمی هاشمی جعفری صادقی رحیمی نوری کاظمی اکبری قاسمی عباسی "
        "سلطانی مرادی تهرانی شریفی بهرامی نجفی زمانی یزدانی فرهادی میرزایی",
    ),
    "persian_latin": (  # the names of persian_script, word for word, as Iranian passports write them
        "Ali Reza Mohammad Hossein Mahdi Amir Saeed Majid Hamid Farhad Narges Maryam Zahra Fatemeh Sara "
        "Leila Shirin Parisa Elham Nazanin Kaveh Bahram Dariush Siavash Arash",
        "Ahmadi Mohammadi Hosseini Rezaei Mousavi Karimi Hashemi Jafari Sadeghi Rahimi Nouri Kazemi Akbari "
        "Ghasemi Abbasi Soltani Moradi Tehrani Sharifi Bahrami Najafi Zamani Yazdani Farhadi Mirzaei",
    ),
    "korean": (
        "Min-jun Seo-yeon Ji-ho Ha-eun Do-yun Ji-woo Seo-jun Ha-yoon Joon-young Eun-ji Hyun-woo Soo-jin "
        "Jae-hyun Yeon-woo Dong-hyun Mi-rae Sung-min Ye-jin Tae-yang Hye-won Kyung-soo Young-ho Jin-woo "
        "Seung-hoon Na-ra",
        "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong Jeon "
        "Ko Moon Yang Son",
    ),
}
# Companies: a place or a word of Central Asian, Turkish and other company names, a trade, a legal form.
COMPANY_WORDS = (
    "Almaty Astana Shymkent Karaganda Aktobe Tashkent Samarkand Bishkek Osh Dushanbe Istanbul Ankara "
    "Baku Lahore Karachi Madrid Seoul Busan Shanghai Berlin Nur Altyn Kazyna Aral Zhibek Baiterek "
    "Steppe Orient Caspian Alatau Tengri Dala Sapa Anatolia"
)
COMPANY_TRADES = (
    "Trade Logistics Consulting Construction Agro Invest Motors Textile Foods Pharma Energy Mining "
    "Telecom Development Holding Service Systems Engineering Distribution Finance Media Travel"
)
LEGAL_FORMS = ("LLP", "LLC", "Ltd", "JSC", "GmbH", "ТОО", "АО", "ООО", "ЖШС", "S.A.", "Inc.", "A.Ş.")
# Word pieces wrapped around a list name's part: it appears inside a word that is no name of the list
# ("Computing" holds PUTIN).
_WRAP_BEFORE = ("", "", "O", "Sa", "Ka", "Ber", "Mi")
_WRAP_AFTER = ("ing", "ov", "ski", "er", "ston", "ville", "ia")


def _dropped(name: str, list_token_sets: set[tuple[str, ...]], locale: str = "") -> bool:
    """A list name by its parts, or (Persian script) by the same names as passports spell them."""
    forms = [name]
    if locale == "persian_script":
        mapping: dict[str, str] = {}
        for column in (0, 1):
            mine, theirs = MORE_LOCALES[locale][column].split(), MORE_LOCALES["persian_latin"][column].split()
            mapping.update(zip(mine, theirs, strict=True))
        forms.append(" ".join(mapping.get(p, p) for p in name.split()))
    return any(name_key(form) in list_token_sets for form in forms)


def _collect(
    category: str,
    count: int,
    names: Iterator[tuple[str, str]],
    list_token_sets: set[tuple[str, ...]],
    schema: str | None = None,
) -> tuple[list[Case], int]:
    """The first ``count`` distinct names of ``names`` ((name, locale) pairs) that are no list name."""
    cases: list[Case] = []
    dropped = 0
    seen: set[str] = set()
    for name, locale in names:
        if len(cases) >= count:
            break
        if name in seen:
            continue
        seen.add(name)
        if _dropped(name, list_token_sets, locale):
            dropped += 1
            continue
        cases.append(Case(category, Query(f"{category}-{locale}-{len(cases)}", name, schema), None))
    return cases, dropped


def innocent_locales(count: int, list_token_sets: set[tuple[str, ...]]) -> tuple[list[Case], int]:
    rng = random.Random(SEED + 20)
    locales = [loc for loc in MORE_LOCALES if loc != "persian_latin"] + ["hispanic_double"]

    def names() -> Iterator[tuple[str, str]]:
        for number in itertools.count():
            locale = locales[number % len(locales)]
            if (
                locale == "hispanic_double"
            ):  # Given Surname1 Surname2, as Spanish and Mexican records write it
                given, family = (s.split() for s in LOCALES["spanish"])
                parts = [rng.choice(given), *rng.sample(family, 2)]
                if rng.random() < 0.3:
                    parts.insert(1, rng.choice(given))
            else:
                given, family = (s.split() for s in MORE_LOCALES[locale])
                parts = [rng.choice(given), rng.choice(family)]
                if rng.random() < 0.3 and locale != "persian_script":
                    parts = [parts[1], parts[0]]  # surname first, as registers write it
            yield " ".join(parts), locale

    return _collect("innocent_locales", count, names(), list_token_sets)


def innocent_companies(count: int, list_token_sets: set[tuple[str, ...]]) -> tuple[list[Case], int]:
    rng = random.Random(SEED + 21)
    words, trades = COMPANY_WORDS.split(), COMPANY_TRADES.split()

    def names() -> Iterator[tuple[str, str]]:
        while True:
            parts = [rng.choice(words), *rng.sample(trades, rng.choice((1, 1, 2))), rng.choice(LEGAL_FORMS)]
            if rng.random() < 0.3:
                parts = [parts[-1], *parts[:-1]]  # ТОО "Almaty Trade": the legal form first
            yield " ".join(parts), "company"

    return _collect("innocent_company", count, names(), list_token_sets, "Organization")


def innocent_traps(
    count: int, list_parts: list[str], list_token_sets: set[tuple[str, ...]]
) -> tuple[list[Case], int]:
    """A list name's rare part inside a longer word, beside a common given name ("Emily Baradarston"),
    and short names alone (a given name of two or three letters and a family name of one syllable)."""
    rng = random.Random(SEED + 22)
    given = LOCALES["english"][0].split() + LOCALES["turkish"][0].split()
    short = LOCALES["chinese_pinyin"][1].split() + MORE_LOCALES["korean"][1].split()

    def names() -> Iterator[tuple[str, str]]:
        for number in itertools.count():
            if number % 4 == 3:
                yield f"{rng.choice(short)} {rng.choice(short)}", "short"
            else:
                word = rng.choice(_WRAP_BEFORE) + rng.choice(list_parts).lower() + rng.choice(_WRAP_AFTER)
                yield f"{rng.choice(given)} {word.capitalize()}", "substring"

    return _collect("innocent_trap", count, names(), list_token_sets)

"""The labelled development set for screening quality, built from real lists in ``../shared/data``.

Categories (each query knows the entity it must find, or ``None`` for innocent names):

- ``uk_variants``: every name variant of the UK ConList (2018) that carries a UN reference, screened
  against the UN list of 2026: real cross-list spellings ("BARADAR, Abdul Ghani" and its AKAs).
- ``un_original_script``: the UN's original-script names (Arabic, Persian, Cyrillic...) screened
  against an index that holds only the Latin names of those entries.
- ``rosfin_icao_passport``: Rosfinmonitoring names as a Russian international passport writes them
  (ICAO 9303, SURNAME GIVEN, no patronymic) with the listed birth date, as bank records carry it.
- ``rosfin_bgn_full``: the full name in BGN/PCGN romanisation (Ye-, -iy, Yu, Ya), given name first.
- ``keying_noise``: Latin list names with one keying error (transposition, drop, double, QWERTY
  neighbour) in one part of five letters or more.
- ``innocent`` (with a birth date, as a customer record has) and ``innocent_name_only``: names
  generated deterministically from the locale name lists below (Kazakh, Russian,
  Arabic in both scripts, English, Spanish, Turkish, Chinese pinyin, German, Indian); any generated name
  whose parts equal a list name's parts is dropped (it is not innocent by name).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

from listwatch.matching import Candidate, Query
from listwatch.matching.classes import PATRONYMIC, canonical, class_weight
from listwatch.matching.normalize import tokenize
from listwatch.model import Entry, ListVersion, PartialDate, entity_id_for

SEED = 20261122


@dataclass(frozen=True, slots=True)
class Case:
    category: str
    query: Query
    expected: str | None  # entity id, None for an innocent name


# -- UK ConList variants -> UN --------------------------------------------------------------------

_OLD_UN_REF = re.compile(r"^(TI|QI|TE|QE)\.[A-Z]\.(\d+)\.\d+$", re.IGNORECASE)
_OLD_PREFIX = {"ti": "TAi", "qi": "QDi", "te": "TAe", "qe": "QDe"}


def un_ref(link: str) -> str:
    """UK ConList 2018 still writes pre-2013 UN references ("TI.B.24.01" is today's TAi.024)."""
    ref = link.split(":", 1)[1]
    old = _OLD_UN_REF.match(ref)
    if old:
        return f"{_OLD_PREFIX[old.group(1).lower()]}.{int(old.group(2)):03d}"
    return ref


def _spelling(name: str) -> tuple[str, ...]:
    """A name as its words, case-folded, punctuation removed, sorted: no matcher involved."""
    return tuple(sorted(re.sub(r"[^\w\s]", " ", name.casefold()).split()))


def uk_variants(uk: ListVersion, un: ListVersion) -> tuple[list[Case], dict[str, int]]:
    """UK variants labelled with the UN entry their UN reference names.

    Two kinds of variant are left out (changed 2026-11-22, see bench/RESULTS.md), because the UK's
    reference, not the name, is what is wrong: a person's name linked to an organisation or the reverse
    (UK 2018 files members' aliases under their group's UN reference: "Hassan Dahir AWEYS" under
    AL-ITIHAAD AL-ISLAMIYA), and a variant that the UN itself lists, word for word, under another entry
    and not under the linked one ("KOREA DAESONG BANK" is KPe.035 on the UN list, linked to KPe.023).
    """
    un_by_id = {e.entity_id(un.list_id): e for e in un.entries}
    owners: dict[tuple[str, ...], set[str]] = {}
    for entity_id, e in un_by_id.items():
        for n in e.names:
            owners.setdefault(_spelling(n.value), set()).add(entity_id)
    cases = []
    dropped = {"uk_dropped_person_org_mismatch": 0, "uk_dropped_name_of_other_un_entry": 0}
    for entry in uk.entries:
        targets = {entity_id_for("un_sc_sanctions", un_ref(link)) for link in entry.links}
        targets &= set(un_by_id)
        if len(targets) != 1:
            continue
        (target,) = targets
        person = entry.schema == "Person"
        for i, name in enumerate(dict.fromkeys(n.value for n in entry.names)):
            if len(tokenize(name)) < 1:
                continue
            if person != (un_by_id[target].schema == "Person"):
                dropped["uk_dropped_person_org_mismatch"] += 1
                continue
            named = owners.get(_spelling(name), set())
            if named and target not in named:
                dropped["uk_dropped_name_of_other_un_entry"] += 1
                continue
            cases.append(Case("uk_variants", Query(f"uk-{entry.ref}-{i}", name), target))
    return cases, dropped


# -- UN original-script names ------------------------------------------------------------------------


def _skeleton(word: str) -> str:
    letters = re.sub(r"[^a-z]", "", anyascii(word).casefold())
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouwyh]", "", letters))


def _supported(word: str, latin: set[str]) -> bool:
    key = _skeleton(word)
    if key.startswith("l") and len(key) > 3:
        key = key[1:]  # the article al-
    return any(
        key == other or (len(key) >= 3 and Levenshtein.distance(key, other, score_cutoff=1) <= 1)
        for other in latin
    )


def un_original_script(un: ListVersion) -> tuple[list[Case], int]:
    """Original-script names, labelled with their entry. An organisation's original-script name that
    translates its Latin names instead of spelling them ("الجماعة الاسلامية المقاتلة الليبية" for LIBYAN
    ISLAMIC FIGHTING GROUP) is left out when fewer than half of its words of three letters or more have
    a Latin word of the entry with the same consonants, read by ``anyascii``, not by listwatch (changed
    2026-11-22). Person names are never left out: they are spelt, not translated."""
    cases = []
    dropped = 0
    for entry in un.entries:
        words = [w for n in entry.names if n.kind != "original_script" for w in re.split(r"\W+", n.value)]
        latin = {_skeleton(w) for w in words}
        latin.discard("")
        for i, name in enumerate(n.value for n in entry.names if n.kind == "original_script"):
            if re.search(r"[A-Za-z]", name):
                continue
            if entry.schema != "Person":
                words = [w for w in re.split(r"\W+", name) if len(w) >= 3]
                if 2 * sum(_supported(w, latin) for w in words) < len(words):
                    dropped += 1
                    continue
            cases.append(
                Case("un_original_script", Query(f"os-{entry.ref}-{i}", name), entry.entity_id(un.list_id))
            )
    return cases, dropped


# -- Rosfinmonitoring, romanised -----------------------------------------------------------------

_ICAO = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "ie",
            "y",
            "_",
            "e",
            "iu",
            "ia",
        ],
        strict=True,
    )
)
_BGN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "ë",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "”",
            "y",
            "’",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)


def _romanise(word: str, table: dict[str, str], bgn: bool) -> str:
    out = []
    for i, ch in enumerate(word.lower()):
        value = table.get(ch, ch)
        if value == "_":
            value = ""
        if bgn and ch in "её" and (i == 0 or word[i - 1].lower() in "аеёиоуыэюяъь"):
            value = "ye" if ch == "е" else "yo"
        if bgn and ch == "ы" and word[i + 1 : i + 2].lower() == "й":
            value = "y"  # -ый -> -yy, written -y in practice
        out.append(value)
    text = "".join(out)
    if bgn:
        text = text.replace("iy", "iy").replace("yy", "y")
    return text


def rosfin_cases(rosfin: ListVersion, count: int) -> list[Case]:
    rng = random.Random(SEED)
    entries = [e for e in rosfin.entries if len(e.names[0].value.split()) >= 3]
    picked = rng.sample(entries, min(count, len(entries)))
    cases = []
    for entry in picked:
        surname, given, *patronymic = entry.names[0].value.split()
        target = entry.entity_id(rosfin.list_id)
        icao = f"{_romanise(surname, _ICAO, False)} {_romanise(given, _ICAO, False)}".upper()
        birth = entry.birth_dates[0] if entry.birth_dates else None
        cases.append(Case("rosfin_icao_passport", Query(f"icao-{entry.ref}", icao, "Person", birth), target))
        words = [given, *patronymic, surname]
        bgn = " ".join(_romanise(w, _BGN, True).title() for w in words)
        cases.append(Case("rosfin_bgn_full", Query(f"bgn-{entry.ref}", bgn, "Person"), target))
    return cases


# -- keying noise ----------------------------------------------------------------------------------

NEIGHBOURS = {
    "q": "wa", "w": "qes", "e": "wrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij", "i": "uok",
    "o": "ipl", "p": "ol", "a": "qsz", "s": "adwx", "d": "sfe", "f": "dgr", "g": "fht", "h": "gjy",
    "j": "hku", "k": "jli", "l": "ko", "z": "xa", "x": "zcs", "c": "xvd", "v": "cbf", "b": "vng",
    "n": "bmh", "m": "nj",
}  # fmt: skip


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "neighbour"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    near = NEIGHBOURS.get(word[i].lower(), word[i])
    return word[:i] + rng.choice(near) + word[i + 1 :]


def keying_noise(pairs: list[tuple[str, Entry]], count: int) -> list[Case]:
    rng = random.Random(SEED + 1)
    pool = [
        (list_id, e, n.value)
        for list_id, e in pairs
        if list_id != "ru_rosfinmonitoring"
        for n in e.names
        if n.kind in ("primary", "alias")
        and re.fullmatch(r"[A-Za-z ,.'-]+", n.value)
        and len(n.value.split()) >= 2
        and any(len(w) >= 5 for w in n.value.split())
    ]
    cases = []
    for list_id, entry, name in rng.sample(pool, min(count, len(pool))):
        words = name.split()
        long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
        if not long:
            continue
        i = rng.choice(long)
        words[i] = _typo(words[i], rng)
        schema = entry.schema if entry.schema in ("Person", "Organization") else None
        cases.append(
            Case(
                "keying_noise",
                Query(f"typo-{list_id}-{entry.ref}", " ".join(words), schema),
                entry.entity_id(list_id),
            )
        )
    return cases


# -- innocent names -----------------------------------------------------------------------------

LOCALES: dict[str, tuple[str, str]] = {
    "kazakh_cyrillic": (
        "Нұрлан Асхат Ерлан Қайрат Дәурен Ержан Бауыржан Серік Талғат Жанболат Әлия Гүлнар Айгүл Динара "
        "Мәдина Сәуле Жанар Ақбота Айжан Ұлан Арман Бекзат Нұрсұлтан Ғалым Өмірзақ",
        "Сейітқали Жұмабаев Нұрпейісов Әбілқасымов Тоқтаров Бейсенов Қасымов Ермеков Сәрсенбаев Оспанов "
        "Мұқанов Төлеуов Әлімжанов Құдайбергенов Иманғалиев Байжанов Өтепов Жақыпов Есенова Сыздықова "
        "Ахметова Құрманғазиева Тұрсынова Смағұлов Бекмағамбетов",
    ),
    "kazakh_latin": (
        "Nurlan Askhat Yerlan Kairat Dauren Yerzhan Baurzhan Serik Talgat Zhanbolat Aliya Gulnar Aigul "
        "Dinara Madina Saule Zhanar Akbota Aizhan Ulan Arman Bekzat Nursultan Galym Omirzak",
        "Seitkali Zhumabayev Nurpeisov Abilkassymov Toktarov Beisenov Kassymov Yermekov Sarsenbayev Ospanov "
        "Mukanov Toleuov Alimzhanov Kudaibergenov Imangaliyev Baizhanov Otepov Zhakypov Yessenova "
        "Syzdykova Akhmetova Kurmangaziyeva Tursynova Smagulov Bekmagambetov",
    ),
    "russian_cyrillic": (
        "Александр Дмитрий Сергей Андрей Алексей Иван Михаил Николай Павел Артём Екатерина Ольга Татьяна "
        "Наталья Елена Анна Мария Ирина Светлана Юлия Виктор Константин Григорий Роман Ксения",
        "Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Фёдоров Морозов Волков Лебедев Семёнов "
        "Егоров Павлов Козлов Степанов Николаев Орлов Андреева Макарова Никитина Захарова Зайцева "
        "Соловьёва Борисова",
    ),
    "russian_latin": (
        "Aleksandr Dmitrii Sergei Andrei Aleksei Ivan Mikhail Nikolai Pavel Artem Ekaterina Olga Tatiana "
        "Natalia Elena Anna Mariia Irina Svetlana Iuliia Viktor Konstantin Grigorii Roman Kseniia",
        "Smirnov Kuznetsov Popov Vasilev Sokolov Mikhailov Novikov Fedorov Morozov Volkov Lebedev Semenov "
        "Egorov Pavlov Kozlov Stepanov Nikolaev Orlov Andreeva Makarova Nikitina Zakharova Zaitseva "
        "Soloveva Borisova",
    ),
    "arabic_script": (
        "محمد أحمد علي عمر خالد يوسف إبراهيم حسن محمود سارة فاطمة مريم نور ليلى ياسمين طارق وليد "
        "سامي كريم رامي هدى منى رنا زينب عادل",
        "الحربي العتيبي الشمري القحطاني الدوسري المطيري الزهراني الغامدي السبيعي العنزي الحداد النجار "
        "الخطيب العلي المصري الحلبي الشامي البغدادي التميمي الكعبي المنصوري الظاهري الهاشمي القاسمي الجبوري",
    ),
    "arabic_latin": (
        "Mohammed Ahmed Ali Omar Khaled Youssef Ibrahim Hassan Mahmoud Sara Fatima Maryam Nour Layla "
        "Yasmin Tarek Walid Sami Karim Rami Huda Mona Rana Zainab Adel",
        "Al-Harbi Al-Otaibi Al-Shammari Al-Qahtani Al-Dosari Al-Mutairi Al-Zahrani Al-Ghamdi Al-Subaie "
        "Al-Anazi Haddad Najjar Khatib Al-Ali Masri Halabi Shami Baghdadi Tamimi Kaabi Mansouri Dhaheri "
        "Hashimi Qasimi Jubouri",
    ),
    "english": (
        "James John Robert Michael William David Richard Joseph Thomas Charles Mary Patricia Jennifer Linda "
        "Elizabeth Barbara Susan Jessica Sarah Karen Oliver George Harry Emily Charlotte",
        "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson White "
        "Harris Martin Thompson Clark Lewis Robinson Walker Young Allen Wright Hughes",
    ),
    "spanish": (
        "José Juan Luis Carlos Jorge Miguel Javier Francisco Antonio Manuel María Carmen Ana Laura Isabel "
        "Lucía Sofía Elena Marta Pilar Alejandro Pablo Diego Raúl Andrés",
        "García Rodríguez Martínez López Sánchez Pérez Gómez Fernández Díaz Moreno Muñoz Álvarez Romero "
        "Navarro Torres Domínguez Vázquez Ramos Gil Serrano Blanco Molina Castro Ortiz Rubio",
    ),
    "turkish": (
        "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Emre Burak Ayşe Fatma Emine Hatice Zeynep "
        "Elif Merve Özlem Gül Şeyma Cem Kerem Onur Serkan Gökhan",
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan "
        "Çetin Kara Koç Kurt Özkan Şimşek Polat Erdoğan Güneş Aksoy Korkmaz",
    ),
    "chinese_pinyin": (
        "Wei Fang Na Min Jing Li Qiang Lei Jun Yang Yong Yan Jie Tao Ming Chao Xiu Ying Hua Ping Gang "
        "Hui Xin Yu Hao",
        "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang "
        "Xie Song Tang",
    ),
    "german": (
        "Lukas Leon Finn Jonas Paul Felix Maximilian Elias Noah Ben Hannah Lena Lea Mia Anna Laura Lara "
        "Sophie Marie Johanna Katharina Tobias Florian Sebastian Matthias",
        "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer "
        "Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange",
    ),
    "indian": (
        "Aarav Vivaan Aditya Arjun Rohan Rahul Amit Sanjay Vikram Anil Priya Ananya Divya Pooja Neha "
        "Kavya Isha Sneha Meera Lakshmi Suresh Ramesh Rajesh Deepak Manoj",
        "Sharma Verma Gupta Singh Kumar Patel Reddy Nair Iyer Rao Joshi Mehta Shah Desai Kapoor Malhotra "
        "Chopra Banerjee Chatterjee Mukherjee Das Bose Pillai Menon Agarwal",
    ),
}
_PATRONYMIC_LOCALES = {"russian_cyrillic": "ович", "kazakh_cyrillic": "ұлы"}


def innocent_names(count: int, list_token_sets: set[tuple[str, ...]]) -> tuple[list[Case], int]:
    rng = random.Random(SEED + 2)
    locales = list(LOCALES)
    cases: list[Case] = []
    dropped = 0
    seen: set[str] = set()
    while len(cases) < 2 * count:
        locale = locales[(len(cases) // 2) % len(locales)]
        given, family = (s.split() for s in LOCALES[locale])
        parts = [rng.choice(given), rng.choice(family)]
        if rng.random() < 0.3:
            middle = rng.choice(given)
            if locale in _PATRONYMIC_LOCALES:
                middle = middle.rstrip("йаь") + _PATRONYMIC_LOCALES[locale]
            if middle != parts[0]:
                parts.insert(1, middle)
        if rng.random() < 0.3 and locale not in ("arabic_script",):
            parts = [parts[-1], *parts[:-1]]  # surname first, as registers write it
        name = " ".join(parts)
        if name in seen:
            continue
        seen.add(name)
        if any(name_key(form) in list_token_sets for form in _forms(locale, parts)):
            dropped += 1
            continue
        # A customer record carries a birth date; the name-only variant is reported as well.
        birth = PartialDate(rng.randint(1950, 2003), rng.randint(1, 12), rng.randint(1, 28))
        number = len(cases) // 2
        cases.append(Case("innocent", Query(f"inn-{locale}-{number}", name, None, birth), None))
        cases.append(Case("innocent_name_only", Query(f"inn-{locale}-{number}-n", name), None))
    return cases, dropped


# Locales that are one list of names in two scripts, word for word (changed 2026-11-22).
_PARALLEL = {
    "arabic_script": "arabic_latin", "arabic_latin": "arabic_script",
    "russian_cyrillic": "russian_latin", "russian_latin": "russian_cyrillic",
    "kazakh_cyrillic": "kazakh_latin", "kazakh_latin": "kazakh_cyrillic",
}  # fmt: skip


def _forms(locale: str, parts: list[str]) -> list[str]:
    """The generated name and its other standard spellings: the same names in the parallel locale's
    script, and the BGN/PCGN romanisation of Cyrillic (as ``rosfin_bgn_full`` writes it). A name is not
    innocent when any of them is a list name: "محمد العتيبي" is "Mohammed Al-Otaibi", "Николай
    Васильев" is "Nikolay Vasil'yev" (changed 2026-11-22, see bench/RESULTS.md)."""
    forms = [" ".join(parts)]
    other = _PARALLEL.get(locale)
    if other is not None:
        mapping: dict[str, str] = {}
        for column in (0, 1):
            mine, theirs = LOCALES[locale][column].split(), LOCALES[other][column].split()
            mapping.update(zip(mine, theirs, strict=True))
        forms.append(" ".join(mapping.get(p, p) for p in parts))
    for form in list(forms):
        if re.search("[а-яёА-ЯЁ]", form):
            forms.append(" ".join(_romanise(w, _BGN, True) for w in form.split()))
    return forms


def name_key(name: str) -> tuple[str, ...]:
    """A name's parts as a sorted set of spelling families; particles, honorifics and patronymics left
    out. Patronymics are left out because the passport category above screens "SURNAME GIVEN" without
    one and expects the hit: a generated "Kozlov Roman" against a listed "KOZLOV ROMAN EVGENEVICH" is
    that same query, so it cannot be labelled innocent (changed 2026-11-22, see bench/RESULTS.md)."""
    return tuple(
        sorted({canonical(t) for t in tokenize(name) if class_weight(t) >= 0.3 and not PATRONYMIC.match(t)})
    )


def list_token_sets(candidates: list[Candidate]) -> set[tuple[str, ...]]:
    return {name_key(n.value) for c in candidates for n in c.names}

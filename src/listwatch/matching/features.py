"""Features of name parts: spelling families, a phonetic key, part-to-part similarity, and the evidence
of birth dates and countries.

The phonetic key is our own, built for the variation screening actually meets: one person written from
Arabic, Cyrillic and Latin sources by different standards (ICAO, GOST, BGN/PCGN, French and English
press spellings). It folds digraph variants (kh/h/x, zh/j/dzh, sh/sch/shch, ts/tz, ph/f, q/k/c, w/v),
drops vowels after the first letter (Arabic script writes no short vowels, so "طالبان" and "Taliban"
agree only on T-L-B-N) and collapses doubled letters (Hassan/Hasan).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from rapidfuzz.distance import OSA, JaroWinkler

from listwatch.model import PartialDate

TokenClass = Literal["name", "title", "honorific", "particle", "legal", "generic", "patronymic"]

# Honorifics as the Arabic-script table writes them (no short vowels): ملا, حجي, مولوی, مفتي, استاد
_ARABIC_HONORIFICS = frozenset(
    ["mla", "mlla", "hji", "hjji", "haja", "mulwi", "mlwi", "mwlwi", "mfti", "astad"]  # haja: حاجى
)
HONORIFICS = frozenset(
    [
        "mullah",
        "mulla",
        "mullo",
        "molla",
        "mollah",
        "maulavi",
        "maulvi",
        "mawlawi",
        "mawlavi",
        "moulavi",
        "molvi",
        "maulana",
        "mawlana",
        "haji",
        "hajji",
        "hadji",
        "haj",
        "hajj",
        "alhaj",
        "alhaji",
        "alhajji",
        "sheikh",
        "shaikh",
        "shaykh",
        "sheik",
        "shaik",
        "sheykh",
        "shekh",
        "shikh",
        "qari",
        "mufti",
        "hafiz",
        "hafez",
        "ustad",
        "ustadh",
        "ustaz",
        "dr",
        "doctor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "sir",
        "prof",
        "professor",
        "sayyid",
        "sayed",
        "syed",
        "seyed",
        "seyyed",
        "sayyed",
        "sid",
        "general",
        "colonel",
        "captain",
        "imam",  # "Imam Darul Tauhid" (QDi.322)
        # Spellings the lists themselves use (a query part that is one edit from an honorific is only
        # ignored when no list name has it: ``Screener._token``)
        "maulawi",
        "mulavi",
        "syekh",
        "shiek",
        "hajii",
        "ustadz",
        "ustaad",
        "coronel",
        "profesor",
        *_ARABIC_HONORIFICS,
    ]
)
PARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "ud",
        "ur",
        "ad",
        "ar",
        "as",
        "ash",
        "az",
        "an",
        "at",
        "i",
        "e",
        "bin",
        "ibn",
        "ben",
        "bint",
        "binti",
        "bn",
        "wld",  # ولد, "ould"
        # و wa "and" (written apart, or split from the article: والمسلمين), Pashto او "and", في "in",
        # ل li "for" (للصرافة)
        "w",
        "wa",
        "wal",
        "val",  # валь-, the Russian spelling of wal- ("and the": Катиба ат-Таухид валь-Джихад)
        "aw",
        "fi",
        "l",
        "li",
        "ould",
        "wuld",
        "de",
        "da",
        "del",
        "der",
        "van",
        "von",
        "di",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "y",
        # English "the" and "of": noise like the article al- when unaligned, since the Arabic-script
        # names the lists translate have no word for them (جبهة النصرة لأهل الشام, AL-NUSRAH FRONT FOR THE
        # PEOPLE OF THE LEVANT: "of" is the construct state, "the" the article)
        "the",
        "of",
    ]
)
LEGAL_FORMS = frozenset(
    [
        "llc",
        "ltd",
        "limited",
        "inc",
        "incorporated",
        "co",
        "company",
        "corp",
        "corporation",
        "ooo",
        "zao",
        "oao",
        "pao",
        "ao",
        "jsc",
        "ojsc",
        "cjsc",
        "pjsc",
        "gmbh",
        "ag",
        "sa",
        "sal",
        "sarl",
        "srl",
        "spa",
        "plc",
        "fze",
        "fzco",
        "fzc",
        "llp",
        "lp",
        "bv",
        "nv",
        "oy",
        "ab",
        "kg",
        "pte",
        "pvt",
        "private",
        "public",
        "joint",
        "stock",
        "closed",
        "tov",
        "too",
        "ip",
        "establishment",
        "est",
        "trading",
        "lmtd",  # لمتد, Limited in Arabic script
        "lmitd",
    ]
)
# Generic organisation words as the Arabic-script table writes them, and the English word the lists
# translate them by (شبكة محمد جمال is MUHAMMAD JAMAL NETWORK, مكتب حنيفة للصرافة HANIFA EXCHANGE
# OFFICE, القاعدة في العراق AL-QAIDA IN IRAQ): one family each, so that they align as the same word.
_TRANSLATED = {
    "shbka": "network",  # شبكة
    "srafa": "exchange",  # صرافة
    "jish": "army",  # جيش
    "jbha": "front",  # جبهة
    "tnzim": "organization",  # تنظيم
    "mnzma": "organization",  # منظمة
    "ktiba": "battalion",  # كتيبة
    "hrka": "movement",  # حركة
    "fi": "in",  # في
    "w": "and",  # و
    "aw": "and",  # او, Pashto (د حاجی بصیر او ضرجمیل کمپنی, HAJI BASIR AND ZARJMIL COMPANY)
    "l": "for",  # ل
}
GENERIC = frozenset(
    [
        "and",
        "for",
        "in",
        "on",
        "movement",
        # "movement", "group", "organisation", "party" as the lists transliterate them from Urdu, Pashto,
        # Arabic and Russian (Tehrik-e Taliban, Harakat ul-Mujahidin, Jamaat, Hizb, Движение)
        "tehrik",
        "tahrik",
        "tehreek",
        "tahreek",
        "thrik",
        "harakat",
        "harakah",
        "harkat",
        "jamaat",
        "jamaah",
        "jamiat",
        "tanzim",
        "tanzeem",
        "hizb",
        "dvizhenie",
        *(word for word in _TRANSLATED if word not in PARTICLES),  # شبكة, جيش: the words, not في, و
        "mktb",  # مكتب, in ``_GLOSS``: also transliterated (Maktab)
        "office",
        "gruppa",
        "organizatsiya",
        "partiya",
        "group",
        "organization",
        "organisation",
        "front",
        "party",
        "brigade",
        "brigades",
        "battalion",
        "foundation",
        "association",
        "society",
        "network",
        "union",
        "council",
        "committee",
        "army",
        "forces",
        "force",
        "international",
        "islamic",
        "charity",
        "bank",
        "exchange",
        "money",
        "services",
        "service",
        "industries",
        "industrial",
        "holding",
        "holdings",
        "enterprise",
        "enterprises",
        "shipping",
        "lines",
        "maritime",
        "navigation",
        "logistics",
        "investment",
        "investments",
        "import",
        "export",
        "general",
        "technology",
        "technologies",
        "engineering",
        "construction",
        "development",
        "airlines",
    ]
)
# Titles that are also given names or family names (Hafiz, Sayed: سيد أحمد is "SAID AHMED" on the UN
# list, حافظ "HAFED"): they weigh like a particle, so that they cost nothing when left out but align
# with a list part spelt like them.
TITLES = frozenset(
    [
        *("hafiz", "hafez", "hafz", "sayyid", "sayed", "syed", "seyed", "seyyed", "sayyed", "sid", "sayid"),
        *("jr", "jnr", "sr", "snr"),  # generational suffixes: "FELICIANO SEMBORIO DELOS REYES JR." (QDi.243)
    ]
)
# Particles skipped when two parts are read as one: "Jalal al-Din" is written Jalaluddin, "Aziz
# al-Rahman" Azizirahman (the alignment, ``score._join_pairs``, and the index keys of joined parts).
JOIN_SKIP = frozenset({"al", "el", "ul", "ud", "ur", "ad", "ar", "as", "ash", "az", "an", "at", "i", "e"})
_CLASS_WEIGHT: dict[TokenClass, float] = {
    "name": 1.0,
    "title": 0.1,
    "honorific": 0.0,
    "particle": 0.1,
    "legal": 0.1,
    "generic": 0.35,
    # Passports and most bank records leave the patronymic out; a list name's patronymic costs little.
    "patronymic": 0.4,
}
PATRONYMIC = re.compile(r"^[a-z]{3,}(ovich|evich|ovna|evna|ichna|ogly|oglu|uly|kyzy|qizi|ugli)$")

# Spelling families: one canonical spelling for the forms lists and passports use interchangeably.
_FAMILIES: dict[str, list[str]] = {
    "muhammad": [
        "mohammed",
        "mohammad",
        "mohamed",
        "mohamad",
        "muhammed",
        "muhamad",
        "muhamed",
        "mohd",
        "mohamud",
        "mukhammad",
        "mukhamed",
        "mukhammed",
        "magomed",
        "magomet",
        "mahomed",
        "mohammud",
        "muhammet",
        "mehmet",
        "mehmed",
        "mokhammad",
        "mokhamed",
        "mahammad",
        "mamed",
        "mammad",
    ],
    "abd": ["abdul", "abdel", "abd", "abdal", "abdoul", "abdu", "abdol", "abdur", "abdi", "abdelal"],
    "abdullah": ["abdulla", "abdallah", "abdellah", "abdallahi", "abdullo", "abdula", "abdoulaye"],
    "yusuf": [
        "yousef",
        "yusef",
        "youssef",
        "yousuf",
        "yussuf",
        "yousif",
        "yusif",
        "iusuf",
        "jusuf",
        "yosef",
        "yusup",
        "iusup",
    ],
    "ahmad": ["ahmed", "akhmad", "akhmed", "ahmet", "achmed", "ahmat", "akhmat"],
    "husayn": [
        "hussein",
        "husain",
        "hussain",
        "hosein",
        "hossein",
        "husein",
        "huseyn",
        "gusein",
        "guseyn",
        "husseyn",
    ],
    "hasan": ["hassan", "hasan", "khasan", "gasan", "hasson"],
    "abu": ["abou", "abo"],
    "usama": ["osama", "ousama", "usamah"],
    "umar": ["omar", "omer", "umer", "oumar"],
    "uthman": ["osman", "othman", "usman", "usmon", "osmane"],
    "ali": ["aly", "alee"],
    "ibrahim": ["ebrahim", "ibragim", "ibraheem", "ebraheem", "brahim"],
    "ismail": ["ismael", "esmail", "ismoil", "ismayil"],
    "sulayman": ["suleiman", "sulaiman", "suleyman", "sulejman", "sulaymon"],
    "taliban": ["talibon", "talebani"],
    # Mahmud is not Muhammad, though both have the skeleton M-H-M-D: a family of its own keeps them apart.
    "mahmud": ["mahmoud", "mahmood", "makhmud", "mehmood", "mahmut", "mhmud"],
    "sayyid": ["sayed", "sayyed", "seyed", "seyyed", "syed", "sid", "sayid"],
    # Names one letter or two apart that are different names (Khalid is not Khalil, Olga is not Oleg,
    # Aleksei is not Aleksandr): a family each, so that they conflict instead of agreeing by spelling.
    "khalid": ["khaled", "khaleed", "chalid", "halid"],
    "khalil": ["khaleel", "halil", "khalel"],
    "aleksandr": ["alexander", "alexandr", "aleksander", "oleksandr", "alexandre", "alejandro"],
    "aleksei": ["alexei", "aleksey", "alexey", "alexej", "oleksii", "oleksiy", "alexis"],
    "iurii": ["yuri", "yury", "yuriy", "yurii", "jurij", "juri"],
    "iuliia": ["yulia", "yuliya", "iulia", "yuliia", "julia", "julija"],
    "oleg": ["oleh"],
    "olga": ["olha"],
    "ivan": ["ivane"],
    "ivana": [],
    "sergei": ["sergey", "serguei", "sergiy", "serhiy", "serhii", "sergii"],
    "andrei": ["andrey", "andriy", "andrii"],
    "dmitrii": ["dmitry", "dmitri", "dmitriy", "dmitrij"],
    "nikolai": ["nikolay", "nicolai", "mykola"],
    "natalia": ["natalya", "nataliya", "natalja", "nataliia"],
    "elena": ["yelena", "olena", "jelena"],
    "tatiana": ["tatyana", "tatjana", "tetiana", "tetyana"],
    "mariia": ["maria", "mariya", "marija"],
    "mikhail": ["michail", "mykhailo", "mikhael"],
    "evgenii": ["yevgeny", "yevgeniy", "evgeny", "evgeniy", "yevgenii", "ievgen", "yevhen"],
    "ramesh": [],
    "rajesh": [],
    "rakesh": [],
    "mahesh": [],
    "suresh": [],
    "dinesh": [],
}
# Arabic-script spellings (no short vowels) of the commonest names, so that they join their family
# instead of agreeing by skeleton with every name of the same consonants.
_ARABIC_FAMILY = {
    "mhmd": "muhammad",
    "ahmd": "ahmad",
    "yusf": "yusuf",
    "hsn": "hasan",
    "hsin": "husayn",
    "umr": "umar",
    "ibrahim": "ibrahim",
    "abrahim": "ibrahim",
    "ismaail": "ismail",
    "usamh": "usama",
    "slyman": "sulayman",
    "sliman": "sulayman",
    "uthman": "uthman",
}
# Words of organisation names and places as the Arabic-script table writes them, with the English
# words the lists translate them by (الدولة الإسلامية في العراق والشام is ISLAMIC STATE IN IRAQ AND THE
# LEVANT, الجهاد الاسلامي المصري EGYPTIAN ISLAMIC JIHAD, جبهة النصرة لأهل الشام AL-NUSRAH FRONT FOR THE
# PEOPLE OF THE LEVANT). Unlike ``_TRANSLATED``, the lists also transliterate these words (al-Sham,
# al-Masri, Ansar), and some are names: a translation is one more reading of the part, which keeps its
# own skeleton, and is read only when one side is in Arabic script (``part_similarity``'s ``loose``).
_GLOSS: dict[str, tuple[str, ...]] = {
    # the state and its parts
    "dula": ("state",),  # دولة
    "imara": ("emirate",),  # إمارة
    "amart": ("emirate",),  # امارت (Dari, Pashto)
    "wlaia": ("province",),  # ولاية
    "blad": ("lands", "land", "country"),  # بلاد
    # organisations
    "jmaaa": ("group",),  # جماعة
    "jmaat": ("group",),  # جماعت (Urdu, Pashto)
    "gruh": ("group",),  # گروه (Persian)
    "sazman": ("organization",),  # سازمان (Persian)
    "athad": ("union",),  # اتحاد
    "hzb": ("party",),  # حزب
    "mjls": ("council",),  # مجلس
    "ljna": ("committee",),  # لجنة
    "jmaia": ("association", "society"),  # جمعية
    "mussa": ("foundation", "establishment", "institution"),  # مؤسسة
    "mktb": ("office", "bureau"),  # مكتب, also transliterated: MAKHTAB AL-KHIDAMAT
    "shrka": ("company",),  # شركة
    "bnk": ("bank",),  # بنك
    "msrf": ("bank",),  # مصرف
    "ktaib": ("brigades",),  # كتائب
    "sraia": ("brigades", "companies"),  # سرايا
    "lwa": ("brigade",),  # لواء
    "lshkr": ("army",),  # لشکر (Urdu, Persian)
    "spah": ("corps", "army"),  # سپاه (Persian)
    "thrik": ("movement",),  # تحریک (Urdu, Pashto)
    "thrir": ("liberation",),  # تحرير
    "fth": ("conquest",),  # فتح
    "mqawma": ("resistance",),  # مقاومة
    "thura": ("revolution",),  # ثورة
    "khdmat": ("services",),  # خدمات
    "ighatha": ("relief",),  # إغاثة
    "aghatha": ("relief",),  # اغاثة
    "tjara": ("trade", "trading", "commerce"),  # تجارة
    "tjaria": ("commercial", "trading"),  # تجارية
    "ahl": ("people",),  # أهل
    "shbab": ("youth",),  # شباب
    "ansar": ("supporters", "partisans", "helpers"),  # أنصار
    "mhajrin": ("emigrants", "migrants"),  # مهاجرين
    # what organisations call themselves
    "islamia": ("islamic",),  # إسلامية
    "aslamia": ("islamic",),  # اسلامية, اسلامیه
    "islami": ("islamic",),  # إسلامي
    "aslami": ("islamic",),  # اسلامي, اسلامی
    "mslha": ("armed",),  # مسلحة
    "mslh": ("armed",),  # مسلح
    "khiria": ("charitable", "charity"),  # خيرية
    "dulia": ("international",),  # دولية
    "aalmi": ("world", "international", "global"),  # عالمي
    "aalmia": ("world", "international", "global"),  # عالمية
    "wtni": ("national",),  # وطني
    "wtnia": ("national",),  # وطنية
    "shabia": ("popular", "peoples"),  # شعبية
    "mthda": ("united",),  # متحدة
}
# Places and their nisbas, which are also family names (al-Masri, al-Libi, al-Suri: lists transliterate
# them, and translate them only in nicknames, "AHMED THE EGYPTIAN"): their translation agrees as a
# sound-alike does (``TRANSLATED_NAME_SIMILARITY``), not as a spelling variant.
_GLOSS_NAMES: dict[str, tuple[str, ...]] = {
    "sham": ("levant", "syria"),  # الشام
    "jzira": ("peninsula", "island"),  # جزيرة
    "arb": ("arab", "arabian"),  # العرب
    "arbia": ("arab", "arabian", "arabic"),  # العربية
    "arbi": ("arab", "arabian", "arabic"),  # العربي
    "msr": ("egypt",),  # مصر
    "msri": ("egyptian",),  # مصري
    "araq": ("iraq",),  # العراق
    "araqi": ("iraqi",),  # عراقي
    "suria": ("syria",),  # سوريا
    "suri": ("syrian",),  # سوري
    "libi": ("libyan",),  # ليبي
    "ymn": ("yemen",),  # اليمن
    "ymni": ("yemeni",),  # يمني
    "afghani": ("afghan",),  # أفغاني
    "bakstan": ("pakistan",),  # باكستان
    "pakstan": ("pakistan",),  # پاکستان
    "bakstani": ("pakistani",),  # باكستاني
    "pakstani": ("pakistani",),  # پاکستانی
    "flstin": ("palestine",),  # فلسطين
    "flstini": ("palestinian",),  # فلسطيني
    "jzair": ("algeria",),  # الجزائر
    "jzairi": ("algerian",),  # جزائري
    "mghrb": ("maghreb", "morocco"),  # المغرب
    "mghrbi": ("moroccan", "maghrebi"),  # مغربي
    "tunsi": ("tunisian",),  # تونسي
    "sudani": ("sudanese",),  # سوداني
    "sumali": ("somali",),  # صومالي
    "lbnan": ("lebanon",),  # لبنان
    "lbnani": ("lebanese",),  # لبناني
    "ardni": ("jordanian",),  # أردني
}


_GLOSS_ALL = _GLOSS | _GLOSS_NAMES
# The reason ``part_similarity`` gives for two parts that are one word and its translation.
TRANSLATED = "translated"
TRANSLATED_NAME_SIMILARITY = 0.9


def translations(token: str) -> tuple[str, ...]:
    """The English words the lists translate an Arabic-script part by (``_GLOSS``; none for most)."""
    return _GLOSS_ALL.get(token, ())


def translated(query: str, candidate: str) -> str:
    """The word two parts share by translation, one side read in English, or both (empty if none):
    "msri" and "egyptian", "aslami" and "islamia" (both "islamic")."""
    for token, other in ((query, candidate), (candidate, query)):
        words = _GLOSS_ALL.get(token)
        if words:
            other_words = _GLOSS_ALL.get(other, ())
            other_word = canonical(other)
            for word in words:
                if word == other_word or word in other_words:
                    return word
    return ""


FAMILY: dict[str, str] = (
    {v: k for k, vs in _FAMILIES.items() for v in vs}
    | {k: k for k in _FAMILIES}
    | _ARABIC_FAMILY
    | _TRANSLATED
    | {v: v for v in _TRANSLATED.values()}
)


def token_class(token: str) -> TokenClass:
    if token in TITLES:
        return "title"
    if token in HONORIFICS:
        return "honorific"
    if token in PARTICLES:
        return "particle"
    if token in LEGAL_FORMS:
        return "legal"
    if token in GENERIC:
        return "generic"
    if PATRONYMIC.match(token):
        return "patronymic"
    return "name"


_CLASS_WEIGHTS: dict[str, float] = {
    t: _CLASS_WEIGHT[token_class(t)] for t in (*HONORIFICS, *PARTICLES, *LEGAL_FORMS, *GENERIC, *TITLES)
}


@lru_cache(maxsize=200_000)
def class_weight(token: str) -> float:
    weight = _CLASS_WEIGHTS.get(token)
    if weight is None:
        weight = _CLASS_WEIGHT["patronymic"] if PATRONYMIC.match(token) else 1.0
    return weight


# Turkic patronymics written as two words, the father's name and "son"/"daughter" (МЕЛИКОВ ИЛЬКИН ШАФИ
# ОГЛЫ, ДАВЛАТОВ ДИЛМУРОД АМИНБОЙ УГЛИ): both words weigh as a patronymic, which passports leave out.
PATRONYMIC_WORDS = frozenset(["ogly", "ogli", "oglu", "ugli", "uly", "kyzy", "kizi", "qizi", "gyzy"])


def class_weights(tokens: tuple[str, ...]) -> tuple[float, ...]:
    """``class_weight`` of each part of a name, a two-word patronymic weighed as one."""
    weights = [class_weight(t) for t in tokens]
    for i in range(1, len(tokens)):
        if tokens[i] in PATRONYMIC_WORDS and weights[i - 1] == 1.0:
            weights[i - 1] = weights[i] = _CLASS_WEIGHT["patronymic"]
    return tuple(weights)


def canonical(token: str) -> str:
    return FAMILY.get(token, token)


_DIGRAPHS = (
    ("shch", "S"), ("tsch", "C"), ("sch", "S"), ("sh", "S"), ("tch", "C"), ("ch", "C"),
    ("dzh", "J"), ("dj", "J"), ("zh", "J"), ("kh", "H"), ("gh", "G"), ("ph", "F"), ("th", "T"),
    ("dh", "D"), ("ts", "Z"), ("tz", "Z"), ("ck", "K"), ("ks", "X"), ("x", "X"), ("q", "K"),
    ("c", "K"), ("w", "V"), ("j", "J"),
)  # fmt: skip
_NO_VOWELS = str.maketrans("", "", "aeiouy")
_REPEATS = re.compile(r"(.)\1+")


def _collapse(text: str) -> str:
    """Runs of one letter as one ("MHMMD" -> "MHMD"); most keys have none, and a substitution with a
    template ("\\1") costs more than looking first."""
    return _REPEATS.sub(_first_letter, text) if _REPEATS.search(text) else text


def _first_letter(match: re.Match[str]) -> str:
    return match.group(1)


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """A consonant skeleton, first letter kept (an initial vowel becomes "A"): "muhammad" -> "MHMD".

    A final h after a vowel is dropped: it is the Arabic ta marbuta or Persian final he, which one
    romanisation writes and another leaves out (Zadeh/Zada, Hamzah/Hamza, Talhah/Talha).
    """
    token = canonical(token)
    if not token:
        return ""
    if len(token) > 1 and token[-1] == "h" and token[-2] in "aeiouy":
        token = token[:-1]
    first = "A" if token[0] in "aeiouy" else ""
    token = _collapse(letters(token).translate(_NO_VOWELS).upper())
    return first + token if first and not token.startswith("A") else token or first


def letters(token: str) -> str:
    """The spelling with each digraph of ``_DIGRAPHS`` one letter, in upper case as the phonetic key
    writes it, vowels kept: the Russian-standard "dzhikhad" (ДЖИХАД) is "JiHad", as Jihad is "Jihad"."""
    for old, new in _DIGRAPHS:
        token = token.replace(old, new)
    return token


@lru_cache(maxsize=200_000)
def loose_key(key: str) -> str:
    """The skeleton without W and Y after the first letter: Arabic و and ي are a consonant in one
    romanisation and a long vowel in another (Jawhar/جوهر "jwhr"/"juhr", Nawaz/نواز)."""
    if len(key) <= 1:
        return key
    return key[:1] + _collapse(key[1:].replace("V", "").replace("Y", ""))  # سرور / Sarwar


def deletions(key: str) -> tuple[str, ...]:
    """The key with one letter removed, each way: two keys one edit apart share one of these
    (symmetric deletion), which is how a typo in a name's rarest part still finds the name."""
    return tuple(dict.fromkeys(key[:i] + key[i + 1 :] for i in range(len(key))))


# s before a voiced consonant is said z, and spellings that follow the sound write it so: Russian Измаил,
# Измайлов for Ismail, Ismailov; Islam, Aslan, Azlan. Either letter there may stand for the other.
_VOICED_S = re.compile(r"(?<!t)s(?=[bdglmnrv])")  # not ts (ц)
_VOICED_Z = re.compile(r"(?<![dt])z(?=[bdglmnrv])")  # not dz, tz (ts): a sound of its own


def voicing_variant(token: str) -> str:
    """``token`` with s and z before a voiced consonant swapped ("izmailov" -> "ismailov"); itself if
    it has none. One spelling, looked up as well when the query part is looked up (``index``)."""
    if "s" not in token and "z" not in token:
        return token
    swapped = _VOICED_S.sub("\ue001", token)
    swapped = _VOICED_Z.sub("s", swapped)
    return swapped.replace("\ue001", "z")


# Russian, Ukrainian and Bulgarian surnames change with gender (Kozlov/Kozlova, Andreev/Andreeva,
# Belsky/Belskaya): the two forms name different people, so they agree less than a spelling variant.
_GENDERED = re.compile(r"^(.{3,}(?:ov|ev|in|yn))(a)?$|^(.{3,}sk)(?:ii|iy|y|i|aia|aya|aja)$")


def _gender_clash(a: str, b: str) -> bool:
    ma, mb = _GENDERED.match(a), _GENDERED.match(b)
    if ma is None or mb is None or ma.group(3) or mb.group(3):
        return False
    return ma.group(1) == mb.group(1) and (ma.group(2) is None) != (mb.group(2) is None)


# Pinyin: two different syllables are two different characters, so two different names (Zhang, Zheng,
# Huang; Jun, Jin; Wu Xin is not Wu Xian); a syllable is not a two-syllable given name that starts with
# it (Jing, Jingfeng): the two syllables written apart are joined by the alignment instead. Only the
# final (the vowel and its ending) is compared: initials differ between romanisations of one name
# (Wade-Giles Chang is pinyin Zhang; Korean Kang and Gang).
# A one-syllable part is not a two-syllable given name either (Zheng is not Zhiyong, Ying not Yonghao),
# though their skeletons agree (JNG).
_PINYIN_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q",
                    "x", "r", "z", "c", "s", "y", "w", "")  # fmt: skip
_PINYIN_FINALS = frozenset(
    ["a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "i", "ia", "ie", "iao", "iu",
     "ian", "in", "iang", "ing", "iong", "u", "ua", "uo", "uai", "ui", "uan", "un", "uang", "ueng", "ue",
     "er"]
)  # fmt: skip


@lru_cache(maxsize=100_000)
def pinyin_final(token: str) -> str | None:
    """The final of a one-syllable pinyin token ("zhang" -> "ang"), None if it is not one."""
    for initial in _PINYIN_INITIALS:
        if token.startswith(initial) and token[len(initial) :] in _PINYIN_FINALS:
            return token[len(initial) :]
    return None


@lru_cache(maxsize=100_000)
def _pinyin_pair(token: str) -> bool:
    """Whether ``token`` is two pinyin syllables written as one ("zhiyong", "fujing")."""
    return any(
        pinyin_final(token[:i]) is not None and pinyin_final(token[i:]) is not None
        for i in range(1, len(token))
    )


def _pinyin_clash(a: str, b: str) -> bool:
    fa, fb = pinyin_final(a), pinyin_final(b)
    if fa is not None and fb is not None:
        return fa != fb
    if (fa is None) == (fb is None):
        return False
    # One syllable against two (Zheng / Zhiyong, Jing / Fujing, Jing / Jingfeng): other names.
    return _pinyin_pair(b if fa is not None else a)


# A Russian surname built on a given name (Khalidov, Aliev, Ivanov) is another name than the given name.
_SURNAME = re.compile(r"^(.{3,}?)(?:ov|ev|ova|eva)$")
_SURNAME_ENDS = ("ov", "ev", "ova", "eva")


def _surname_of(name: str, surname: str) -> bool:
    if len(name) >= len(surname):
        return False
    match = _SURNAME.match(surname)
    return (
        match is not None
        and _SURNAME.match(name) is None
        and phonetic_key(match.group(1)) == phonetic_key(name)
        and JaroWinkler.normalized_similarity(match.group(1), name) >= 0.8  # not SOKOLOV / SAKALY
    )


# An Arabic nisba (Hashimi, Karimi, Zahrani, "of Hashim") is another name than the one it is built on.
_NISBA = re.compile(r"^(.{3,}?)(?:iy|ee|i|y)$")
NISBA_SIMILARITY = 0.8


def _nisba_clash(a: str, b: str) -> bool:
    if a[-1] in "iy":
        a, b = b, a
    if a[-1] in "aeiouy" or b[-1] not in "iy":
        return False
    match = _NISBA.match(b)
    return match is not None and phonetic_key(match.group(1)) == phonetic_key(a)


# Letters Arabic and Persian romanisations read differently: ث Thaqib / Saqib, ذ ض ظ Dhakir / Zakir,
# Fadl / Fazl, Kadhim / Kazim. With one side in Arabic script, th may be read s and dh z; and a Latin
# name may carry the article assimilated to a sun letter (Essabar is al-Sabbar, الصبار, Ettounsi).
_ASSIMILATED = re.compile(r"^(?:e|a|el|al)(sh|th|dh|[tdszrn])(?=\1[a-z]{3,}$)")


# Other readings of one letter across romanisations, tried one at a time (either side may be the
# transliterated one): ظ is z in the table but th in Iraqi spellings (كاظم Kathim); ق and ج are g in Maghrebi
# and Egyptian spellings (بلقاسم Belgacem, رجب Ragab); c before e or i is s in French spellings (لونيسي
# Lounici); ک is often گ written without its second stroke (كُل Gul). Two transliterated letters that spell a
# Latin digraph are two sounds: ت س is not ts (انتصار Intissar, المتصدق Motassadeq, پاکستان Pakistan), ص ح is
# not sh (صحراوي Sahraoui), ت ح not th (اتحاد Ittihad). A final -at is the construct state of ta marbuta,
# which the table reads -a (عصبة الأنصار Asbat al-Ansar, نصرة Nusrat).
_READINGS = (
    (re.compile("th(?!h)"), "z"),
    (re.compile("q"), "g"),
    (re.compile("j"), "g"),
    (re.compile("k(?!h)"), "g"),  # ک for گ (not خ kh), the gaf written without its second stroke: كُل Gul
    # a Latin kh for ك (MAKHTAB for مكتب, KHATIBA for كتيبة), as some romanisations mark a k: kh may be k
    (re.compile("kh"), "k"),
    (re.compile("c(?=[ei])"), "s"),
    (re.compile("ch"), "sh"),  # French ch: علوش Alouche
    (re.compile("^a(?=s[bdfgklmnpqtvz])"), ""),  # the vowel before initial st, sp: استانکزی Stanekzai
    (re.compile("ts"), "tas"),
    (re.compile("th(?!h)"), "tah"),  # ت ح is not th (ث): الاتحاد al-Ittihad
    (re.compile("ks"), "kas"),  # ک س is not x: پاکستان Pakistan
    (re.compile("sh"), "sah"),
    (re.compile("(?<=[a-z]{3})(?<=[^aeiou][ae])t$"), ""),
    # bi-, wa-, li-, fa- before the article, which takes the sound of a sun letter after it: بالدم "baldm"
    # is Biddam, والدعوة "waldawa" Wad-Dawa (a word of two letters stays joined: ``scripts``)
    (re.compile("^([bwlf])al(?=(sh|th|dh|[tdrzsn]))"), r"\1\2"),
)


@lru_cache(maxsize=200_000)
def readings(token: str) -> tuple[str, ...]:
    """A part as each romanisation may read it (``_READINGS``; the part itself first)."""
    folds = [token]
    if "th" in token or "dh" in token:
        # ذهب "dhhb" is z-h-b, not zh (ж): a vowel keeps the letters apart in the skeleton
        folds.append(token.replace("thh", "sah").replace("dhh", "zah").replace("th", "s").replace("dh", "z"))
    if len(token) >= 6:
        article = _ASSIMILATED.match(token)
        if article:
            folds.append(token[article.end() :])
    for pattern, reading in _READINGS:
        other = pattern.sub(reading, token)
        if other != token:
            folds.append(other)
    return tuple(folds)


@lru_cache(maxsize=200_000)
def loose_keys(token: str) -> frozenset[str]:
    """The loose skeletons of a part under each reading of ``readings`` (its own among them)."""
    return frozenset(loose_key(phonetic_key(t)) for t in readings(token))


def _swapped(a: str, b: str) -> bool:
    """Two parts one swap of adjacent letters apart (MAJOYR, MAJORY)."""
    return len(a) == len(b) and a != b and sorted(a) == sorted(b) and OSA.distance(a, b, score_cutoff=1) <= 1


# Token pairs below this similarity are not aligned at all: they conflict.
MIN_PART_SIMILARITY = 0.8
# Two parts of six letters or more one keying error apart agree at least this much.
TYPO_SIMILARITY = 0.88
GENDER_SIMILARITY = 0.82
# Two parts of one skeleton spelt by different digraph standards agree when their spellings with each
# digraph as one letter (``letters``) are this alike.
LETTERS_SIMILARITY = 0.85


def may_be_alike(query: str, candidate: str) -> bool:
    """False only where ``similarity_rules`` give 0 (most pairs of a customer's name and a list name):
    each rule that finds two parts alike needs one of these, and they cost less than the rules. A new
    rule must keep this true (``tests/matching/test_name_pairs.py`` checks it on real names)."""
    cq, cc = canonical(query), canonical(candidate)
    return (
        cq == cc
        # a nisba (Hashimi / Hashim): the rule's own test, since a third of all names end in i or y
        or ((query[-1] in "iy" or candidate[-1] in "iy") and _nisba_clash(query, candidate))
        or query.endswith(_SURNAME_ENDS)  # a surname built on the name (Khalidov / Khalid)
        or candidate.endswith(_SURNAME_ENDS)
        or query.startswith(candidate)  # a gendered surname (Kozlova / Kozlov)
        or candidate.startswith(query)
        or phonetic_key(query) == phonetic_key(candidate)
        or JaroWinkler.normalized_similarity(cq, cc) >= MIN_PART_SIMILARITY + 0.04
        or JaroWinkler.normalized_similarity(query, candidate) >= MIN_PART_SIMILARITY + 0.04
    )


@lru_cache(maxsize=500_000)
def part_similarity(query: str, candidate: str, loose: bool = False) -> tuple[float, str]:
    """How alike two name parts are (0..1) and why, for the explanation.

    ``loose``: one side was written in Arabic script, which has no short vowels, so an equal consonant
    skeleton is enough ("hbu" from حبو is "Habbo"), and W/Y may be vowels (``loose_key``).
    """
    if query == candidate:
        return 1.0, "same"
    if not (loose or may_be_alike(query, candidate)):
        return 0.0, "differs"
    return similarity_rules(query, candidate, loose)


def similarity_rules(query: str, candidate: str, loose: bool = False) -> tuple[float, str]:
    """``part_similarity`` without its first cheap test (tests check that test against these rules)."""
    if query == candidate:
        return 1.0, "same"
    cq, cc = canonical(query), canonical(candidate)
    if cq == cc:
        if query in _TRANSLATED or candidate in _TRANSLATED:
            return 0.96, f"{TRANSLATED} ({cq})"  # جبهة / Front, في / in
        return 0.96, f"spelling family {cq}"
    if loose:
        word = translated(query, candidate)
        if word:
            if query in _GLOSS_NAMES or candidate in _GLOSS_NAMES:
                return TRANSLATED_NAME_SIMILARITY, f"{TRANSLATED} ({word})"  # المصري / Egyptian
            return 0.96, f"{TRANSLATED} ({word})"  # جماعة / Group
    if query in FAMILY and candidate in FAMILY:
        return 0.0, f"different names ({cq}, {cc})"  # Mahmud is not Muhammad
    if (PATRONYMIC.match(query) is None) != (PATRONYMIC.match(candidate) is None) and (
        abs(len(query) - len(candidate)) >= 3
    ):
        return 0.0, "differs (a given name is not a patronymic)"  # Aleksandr / Aleksandrovich
    if _gender_clash(query, candidate):
        return GENDER_SIMILARITY, "same surname, other gender"
    if (candidate.endswith(_SURNAME_ENDS) and _surname_of(query, candidate)) or (
        query.endswith(_SURNAME_ENDS) and _surname_of(candidate, query)
    ):
        return NISBA_SIMILARITY, "a surname built on the name (-ov)"  # Khalid / Khalidov
    if not loose and _pinyin_clash(query, candidate):
        return 0.0, "different pinyin syllables"
    if (query in PARTICLES) != (candidate in PARTICLES):
        return 0.0, "differs (a particle is not a name)"  # السيد "al" is not Ali
    jw = max(JaroWinkler.normalized_similarity(cq, cc), JaroWinkler.normalized_similarity(query, candidate))
    pq, pc = phonetic_key(query), phonetic_key(candidate)
    if _nisba_clash(query, candidate) and (loose or not _swapped(query, candidate)):
        return NISBA_SIMILARITY, "a nisba of the name (-i)"  # not MAJOYR for MAJORY: a keying error
    if loose and pq != pc and max(len(pq), len(pc)) >= 2:
        # Arabic script: W/Y may be vowels (Khawla / خولة "khula"), th may be s and dh z (Fazl / فضل).
        common = loose_keys(query) & loose_keys(candidate)
        shortest = min(common, key=lambda k: (len(k), k)) if common else ""  # not by set order: by hash
        if len(shortest) >= 2:
            pq = pc = shortest
    read = loose and pq != pc and bool(set(readings(query)) & set(readings(candidate)))
    if read:
        pq = pc  # the same spelling under one reading: ضیا "dhia" / Zia
    if pq == pc and pq:
        # Short skeletons ("AL", "MR") agree by chance; long ones rarely do. "Hasan" and "Hosseini"
        # share H-S-N but little else: the spelling must agree somewhat too, unless written in Arabic.
        floor = 0.93 if len(pq) >= 4 else 0.9 if len(pq) == 3 else 0.86
        least = 0.7 if len(pq) >= 4 else 0.75
        if jw < least and not loose:
            # spelt with the digraphs of another standard: the Russian ДЖИХАД "dzhikhad" is Jihad (the
            # spellings with each digraph one letter must agree closely: not Zaitseva / Zueva)
            spelt = JaroWinkler.normalized_similarity(letters(query), letters(candidate))
            if spelt >= LETTERS_SIMILARITY:
                jw = spelt
        if jw >= least or (loose and len(pq) >= 2) or read:
            return max(floor, min(jw, 0.97)), f"sounds alike ({pq})"
        if loose and query[0] == candidate[0] and max(len(query), len(candidate)) <= 3:
            return floor, f"sounds alike ({pq})"  # عبدالحی "abd al hi" / Abdul Hai
    # Short parts must agree exactly or by sound: "Put" is not "Putin".
    if min(len(query), len(candidate)) <= 3:
        return 0.0, "differs"
    if jw >= MIN_PART_SIMILARITY + 0.04:
        if min(len(query), len(candidate)) >= 6 and OSA.distance(query, candidate, score_cutoff=1) <= 1:
            return max(TYPO_SIMILARITY, round(jw - 0.04, 4)), "one keying error"  # ZVEaDA / ZVEZDA
        return round(jw - 0.04, 4), f"spelling {jw:.2f}"
    return 0.0, "differs"


@lru_cache(maxsize=100_000)
def mistyped_honorific(token: str) -> bool:
    """ "Mulah", "Hajjji", "Seeyed", "Hadiz": an honorific with one keying error weighs nothing either."""
    if len(token) < 5 or token in HONORIFICS or token in FAMILY:
        return False
    return any(h[0] == token[0] and OSA.distance(token, h, score_cutoff=1) <= 1 for h in _TYPO_HONORIFICS)


# Honorifics whose one-typo forms weigh nothing: not the Arabic-script skeletons (مولوی "mulwi"), since
# a transliterated name is no typo (المولدي "muldi" is Mouldi), nor titles that are also names.
_TYPO_HONORIFICS = tuple(
    h for h in sorted(HONORIFICS) if len(h) >= 5 and h not in _ARABIC_HONORIFICS and h not in TITLES
)


# Birth dates: a year within this many years of a listed birth year supports the match (lists often
# give an approximate year, "circa 1968", or several years); further apart it counts against.
BIRTH_YEAR_TOLERANCE = 1


def birth_date_value(query: PartialDate | None, listed: tuple[PartialDate, ...]) -> float:
    """``birth_date_evidence``'s number alone, without its text (built only for reported hits)."""
    if query is None or not listed:
        return 0.0
    year = query.year
    best = min(listed, key=lambda d: abs(d.year - year))
    gap = abs(best.year - year)
    if gap > BIRTH_YEAR_TOLERANCE:
        return -0.2
    if gap == 0 and query.day and best.day:
        return 0.1 if (query.month, query.day) == (best.month, best.day) else -0.05
    return 0.06 if gap == 0 else 0.02


def birth_date_evidence(query: PartialDate | None, listed: tuple[PartialDate, ...]) -> tuple[float, str]:
    if query is None or not listed:
        return 0.0, ""
    best = min(listed, key=lambda d: abs(d.year - query.year))
    gap = abs(best.year - query.year)
    if gap > BIRTH_YEAR_TOLERANCE:
        return -0.2, f"birth date {query} conflicts with {best} (-0.20)"
    if gap == 0 and query.day and best.day:
        if (query.month, query.day) == (best.month, best.day):
            return 0.1, f"birth date {query} = {best} (+0.10)"
        return -0.05, f"birth date {query} same year, other day than {best} (-0.05)"
    if gap == 0:
        return 0.06, f"birth year {query.year} = {best} (+0.06)"
    return 0.02, f"birth year {query.year} within {BIRTH_YEAR_TOLERANCE} year of {best} (+0.02)"


_COUNTRY_CODES: dict[str, str] = {
    "af": "afghanistan", "dz": "algeria", "az": "azerbaijan", "bh": "bahrain", "by": "belarus",
    "cn": "china", "eg": "egypt", "fr": "france", "de": "germany", "gb": "united kingdom",
    "uk": "united kingdom", "in": "india", "id": "indonesia", "ir": "iran", "iq": "iraq",
    "jo": "jordan", "kz": "kazakhstan", "kp": "korea, democratic people's republic of",
    "kw": "kuwait", "kg": "kyrgyzstan", "lb": "lebanon", "ly": "libya", "ml": "mali",
    "ma": "morocco", "pk": "pakistan", "ps": "palestine", "qa": "qatar", "ru": "russia",
    "sa": "saudi arabia", "so": "somalia", "sd": "sudan", "sy": "syria", "tj": "tajikistan",
    "tn": "tunisia", "tr": "turkey", "tm": "turkmenistan", "ae": "united arab emirates",
    "ua": "ukraine", "us": "united states", "uz": "uzbekistan", "ye": "yemen", "es": "spain",
    "ph": "philippines", "my": "malaysia", "ng": "nigeria", "ke": "kenya", "mx": "mexico",
}  # fmt: skip
_COUNTRY_ALIASES = {
    "russian federation": "russia",
    "syrian arab republic": "syria",
    "iran (islamic republic of)": "iran",
    "iran, islamic republic of": "iran",
    "united states of america": "united states",
    "usa": "united states",
    "türkiye": "turkey",
    "turkiye": "turkey",
    "great britain": "united kingdom",
    "россия": "russia",
    "казахстан": "kazakhstan",
    "қазақстан": "kazakhstan",
}


def country_key(text: str) -> str:
    value = text.strip().casefold()
    value = _COUNTRY_CODES.get(value, value)
    return _COUNTRY_ALIASES.get(value, value)


def country_evidence(query: str | None, listed: frozenset[str]) -> tuple[float, str]:
    if not query or not listed:
        return 0.0, ""
    key = country_key(query)
    if key in listed or any(key in c or c in key for c in listed if len(c) > 3 and len(key) > 3):
        return 0.03, f"country {query} listed (+0.03)"
    return -0.05, f"country {query} not among {', '.join(sorted(listed))} (-0.05)"

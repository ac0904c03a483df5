"""Transliteration of Cyrillic and Arabic-script names to Latin, with our own tables.

Cyrillic follows ICAO Doc 9303 part 3 (the machine-readable zone of passports: Ж ZH, Х KH, Ц TS,
Щ SHCH, Ю IU, Я IA, Й I, Ъ IE, Ь dropped), which is how Russian and Kazakh banks record Latin
passport spellings. The Kazakh letters have no ICAO row; Kazakhstan's passport office writes them as
the nearest Russian letter (Ә A, Ғ G, Қ K, Ң N, Ө O, Ұ U, Ү U, Һ H, І I), and so do we. Other
standards (GOST 7.79-B, BGN/PCGN, English press spellings: YU, YA, Y, J) differ from ICAO only in ways
the phonetic key in ``keys.py`` folds together, so one table is enough.

Arabic script (Arabic, Persian, Pashto, Urdu letters, as the UN writes Taliban names) is written
without short vowels; the table gives consonants and long vowels, and matching compares consonant
skeletons, which is what survives between "طالبان" and "Taliban". The letters that Arabic and Persian
romanisations read differently keep a digraph that says so: ث "th" (Arabic Thaqib, Persian Saqib), ذ and
ض "dh" (Dhakir / Zakir, Fadl / Fazl); ``similarity.part_similarity`` also reads th as s and dh as z when
one side is in Arabic script. Any other script falls back to
``anyascii`` (Chinese, Greek, Hebrew...), which is good enough for candidate generation there.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from listwatch.matching.lexicon.cyrillic import KAZAKH_WORDS, RUSSIAN_ENDINGS, RUSSIAN_STEMS

_CYRILLIC: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    # Kazakh, as written in Kazakh passports
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    # Ukrainian, Belarusian, Kyrgyz, Tajik, Serbian letters seen in lists (ICAO rows)
    "є": "ie", "ї": "i", "ґ": "g", "ў": "u", "ј": "j", "љ": "lj", "њ": "nj", "ђ": "d", "ћ": "c",
    "џ": "dz", "ѓ": "g", "ќ": "k", "ѕ": "dz", "ҷ": "j", "ӣ": "i", "ӯ": "u", "ҳ": "h",
}  # fmt: skip

_ARABIC: dict[str, str] = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "dh", "ط": "t", "ظ": "z",
    "ع": "a", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "و": "u", "ي": "i", "ى": "a", "ـ": "",
    # Persian, Pashto, Urdu letters (UN Taliban names are written in Dari/Pashto)
    "ی": "i", "ک": "k", "گ": "g", "پ": "p", "چ": "ch", "ژ": "zh", "ټ": "t", "ځ": "z",
    "څ": "ts", "ډ": "d", "ړ": "r", "ږ": "zh", "ښ": "sh", "ګ": "g", "ڼ": "n", "ې": "e",
    "ۍ": "i", "ے": "e", "ہ": "h", "ھ": "h", "ٹ": "t", "ڈ": "d", "ڑ": "r", "ں": "n", "ۀ": "a",
    "٫": ".", "،": ",", "؛": ";", "؟": "?",
}  # fmt: skip
for _digit in range(10):
    _ARABIC[chr(0x0660 + _digit)] = str(_digit)
    _ARABIC[chr(0x06F0 + _digit)] = str(_digit)

# Word-initial و and ي are consonants (Waziri, Yunus), and so are they after the article or Abd-al
# (الواحد al-Wahid, عبدالولی Abdul Wali); elsewhere long vowels (Yusuf, Said).
_INITIAL_ARABIC = {"و": "w", "ي": "y", "ی": "y"}
# و next to alif, or before ya, is the consonant w: فواز Fawaz, جواد Jawad, اول Awal, الراوي al-Rawi,
# حويش Huwaysh, داوود Dawud (the second و, between consonants, stays the vowel u).
_ARABIC_W = re.compile(r"و(?=[اآيی])|(?<=[اآ])و")

_TABLE = str.maketrans(
    {**_CYRILLIC, **{k.upper(): v for k, v in _CYRILLIC.items()}, **_ARABIC, "\ue000": "a"}  # _VOWEL
)
_ARABIC_CHARS = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_ARABIC_INITIAL = re.compile(
    r"(?:(?<![\u0600-\u06FF])|(?<=(?<![\u0600-\u06FF])ال)|(?<=(?<![\u0600-\u06FF])عبدال))([ويی])"
)
# Word-final he after a consonant is a vowel in Persian and Pashto names (زاده Zada, شحاته Shihata);
# after a long vowel it is a consonant (شاه Shah), and so it is in a two-letter word (طه Taha).
_ARABIC_FINAL_HE = re.compile(r"(?<=[\u0621-\u064A\u0679-\u06D3]{2})(?<![اآوويیى])ه(?![\u0600-\u06FF])")
_ARABIC_TWO_LETTER_HE = re.compile(r"(?<![\u0600-\u06FF])([\u0628-\u064A])ه(?![\u0600-\u06FF])")
# د alone is the Pashto "of", read da (د حاجی بصیر ... "of Haji Basir"), a particle like the Romance da.
_ARABIC_DA = re.compile(r"(?<![\u0600-\u06FF])د(?![\u0600-\u06FF])")
_ASCII_ONLY = re.compile(r"^[\x00-\x7F]*$")
# Hamza on its seat before ya is the long vowel alone: الطائي al-Ta'i, not "taii".
_HAMZA_YA = re.compile(r"ئ(?=[يی])")
# Words Arabic writes joined that are read apart, split in the script itself (a Latin "al" at the start
# of a transliterated word may be ع + ل: علوش Alloush, علیم Aleem, علمی Elmi are not the article):
# the article before two letters or more (not in الله); Abu before the article (أبواليزيد Abu al-Yazid);
# the conjunction wa, the prepositions bi and li before the article (والمسلمين wa al-Muslimin,
# بالدم, للصرافة) when three letters or more follow, and li before hamza (لأهل).
_AR = "\u0621-\u064a\u066e-\u06d3"
_ARABIC_SPLITS = (
    (re.compile(rf"(?<![{_AR}])([اأ]بو)(?=ال[{_AR}]{{2,}})"), r"\1 "),
    (re.compile(rf"(?<![{_AR}])([وب])(?=ال[{_AR}]{{3,}})"), r"\1 "),
    (re.compile(rf"(?<![{_AR}])ل(?=ل[{_AR}]{{3,}})"), "ل ا"),
    # li before a word that starts with hamza (لأهل li-ahl, "for the people of"): no word starts ل + أ
    (re.compile(rf"(?<![{_AR}])ل(?=[أإآ][{_AR}]{{2,}})"), "ل "),
    (re.compile(rf"(?<![{_AR}])ال(?!ل[هہ](?![{_AR}]))(?=[{_AR}]{{2,}})"), "ال "),
    (re.compile(rf"(?<=[{_AR}]{{3}})(عبد)(?![{_AR}])"), r" \1"),  # محمدعبد البصیر Mohammad Abdul Basir
)
# Two letters whose Latin letters would spell a digraph the phonetic key reads as one sound are two
# sounds, with a short vowel between them that the script does not write: تحریک Tehrik (not th),
# اتحاد Ittihad, صحراوي Sahraoui, زهرا Zahra, انتصار Intissar. A vowel is written between them (the
# key drops it). س before ه/ح is left as "sh": Latin spellings write اسحاق Ishaq that way too.
_VOWEL = "\ue000"
_FALSE_DIGRAPH_ON = False  # off: it raised innocent hits and lost طالبان پاکستان (see the report)
_FALSE_DIGRAPH = re.compile(
    rf"(?<=[تطصكکزژپگ])(?=ح|[هھہ][{_AR}])|(?<=[تط])(?=[سصزظ])"  # a final he is left to the rules below
)


def has_arabic(text: str) -> bool:
    return _ARABIC_CHARS.search(text) is not None


_CYRILLIC_CHARS = re.compile(r"[\u0400-\u04FF]")


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC_CHARS.search(text) is not None


def split_arabic_words(text: str) -> str:
    """Arabic-script ``text`` with the article, and the particles written joined to it, apart."""
    for pattern, replacement in _ARABIC_SPLITS:
        text = pattern.sub(replacement, text)
    return text


def to_latin(text: str) -> str:
    """Latin letters for ``text``: our tables for Cyrillic and Arabic script, anyascii for the rest.

    Case is kept for Latin input and lowered for transliterated letters; callers casefold anyway.
    Combining marks (Arabic harakat, Latin accents) are removed by ``normalize`` afterwards.
    """
    if _ASCII_ONLY.match(text):
        return text
    if has_arabic(text):
        text = split_arabic_words(text)
        text = _HAMZA_YA.sub("", text)
        text = _FALSE_DIGRAPH.sub(_VOWEL, text) if _FALSE_DIGRAPH_ON else text
        text = _ARABIC_INITIAL.sub(lambda m: _INITIAL_ARABIC[m.group(1)], text)
        text = _ARABIC_W.sub("w", text)
        text = _ARABIC_FINAL_HE.sub("a", text)
        text = _ARABIC_TWO_LETTER_HE.sub(lambda m: m.group(1) + "اها", text)  # طه Taha
        text = _ARABIC_DA.sub("دا", text)
    text = text.translate(_TABLE)
    if _ASCII_ONLY.match(text):
        return text
    # Latin with accents keeps its letters (é -> e via NFKD); other scripts go through anyascii.
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    if _ASCII_ONLY.match(stripped):
        return stripped
    return anyascii(stripped)


_CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF]+")


def translate_words(text: str) -> str:
    """Cyrillic organisation words as the English words the lists use (``lexicon.cyrillic``): the
    lists write organisations in English, Russian and Kazakh records in their own language."""
    return _CYRILLIC_WORD.sub(_english, text)


def _english(match: re.Match[str]) -> str:
    word = match.group(0)
    lower = word.lower()
    found = KAZAKH_WORDS.get(lower) or _russian(lower)
    return f" {found} " if found else word


@lru_cache(maxsize=50_000)
def _russian(word: str) -> str:
    for cut in range(min(3, len(word) - 3), -1, -1):
        stem, ending = word[: len(word) - cut], word[len(word) - cut :]
        if ending in RUSSIAN_ENDINGS and stem in RUSSIAN_STEMS:
            return RUSSIAN_STEMS[stem]
    return ""

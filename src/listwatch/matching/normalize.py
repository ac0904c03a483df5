"""Names to tokens: Unicode normalisation, transliteration, case folding, splitting into name parts.

The same function runs on list names (once, when the index is built) and on queries, so whatever it
does to one side it does to the other. It never drops a token: honorifics and particles are kept and
only weighted down later (``classes.token_class``), so an explanation can say they were ignored.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from listwatch.matching.scripts import has_arabic, has_cyrillic, to_latin, translate_words

# A name longer than this is cut before matching (a 10 MB "name" is a broken row, not a name).
MAX_NAME_CHARS = 300

# Apostrophes and ayn/hamza marks join (Qa'ida, Ma'mun), and so do the double prime and closing
# quote that BGN/PCGN writes for ъ (Ne”matullo); other punctuation separates parts.
_JOINERS = re.compile(r"['’‘`ʼʿʾ´”″\"]")
_SPLIT = re.compile(r"[^a-z0-9]+")
# The UK HM Treasury list writes the ayn apostrophe as a comma ("JAMA,AT-UD-DA,AWA" for
# Jama'at-ud-Da'awa): a comma with no space between two vowels, one side a fragment of one or two letters
# (no name by itself, where "SURNAME,Given" has a name on each side), joins like an apostrophe.
_COMMA_IN_WORD = re.compile(r"([A-Za-z]+),(?=([A-Za-z]+))")
_VOWELS = frozenset("aeiouAEIOU")

# "Abdulghani", "Abdelrahman", "Abd al-Rahman": the servant-of prefix is a name part of its own.
_ABD = re.compile(r"^(abd)(?:ul|el|al|ol|oul|ou|u|e|a|i)?(?=[a-z]{3,}$)")
# Abdullah is a name of its own, and so are the surnames built on it (Abdullaev).
_ABD_WHOLE = ("abdulla", "abdalla", "abdella", "abdullo", "abdula")


_ALLAH = frozenset({"allh", "allah", "alla", "ullah", "ulla", "ollah"})
_PATRONYMIC_END = re.compile(r"(ovich|evich|ovna|evna)$")
# "X al-Din" in any spelling is one name, Xuddin (Jalaluddin, Salahaldin, Nasreddine, Jallalouddine,
# نورالدین): the stem, a linking vowel, the assimilated article and "din". A bare "...din" (Borodin,
# Saladin) is left alone: the doubled or l-d consonant is required.
_DIN_SUFFIX = re.compile(r"^([a-z]{3,}?)(?:ou|[aeiou])[ld]d(?:in|ine|een|dine)$")
_DIN_WORDS = frozenset({"din", "deen", "dine", "ddin", "ddine"})
_DIN_JOINED_WORDS = frozenset(
    {"uddin", "uddeen", "eddin", "eddine", "addin", "aldin", "eldin", "oddin", "ouddine"}
)
_DIN_LINKS = frozenset({"al", "el", "ul", "ud", "ad", "ed", "u", "e"})
# Persian and Pashto name suffixes written apart ("Akhund Zada", "Shahid Khil", "Ishaq Zai") or joined
# ("Akhundzada", "Shahidkhel", "Ishakzai"): one name part, joined.
_SUFFIX_WORDS = frozenset(
    {"zada", "zadah", "zadeh", "zade", "zai", "zay", "khel", "khil", "khail", "mal", "ml"}  # صدیق مل
)
# Parenthesised notes in list names and records: "(birth name)", "(RGB)", "(original script)", or the
# same name again in another script. Dropped when the name has letters outside them.
_PARENTHESES = re.compile(r"\([^()]*\)|\([^()]*$")
_LETTER = re.compile(r"[^\W\d_]")
# The sun letters, assimilated after Abd-al and the article: Abderrahmane is Abd al-Rahman.
_SUN = frozenset("tdrzsnl")


def _note_or_name(match: re.Match[str]) -> str:
    """A parenthesised qualifier in capitals is part of the name ("AL-HARAMAIN (AFGHANISTAN BRANCH)");
    anything else (an acronym, "(original script)", a name in another script) is a note, dropped."""
    inner = match.group(0).strip("()")
    words = inner.split()
    if len(words) >= 2 and inner.isupper() and inner.isascii() and not any(c.isdigit() for c in inner):
        return " " + inner + " "
    return " "


def _ayn_comma(match: re.Match[str]) -> str:
    before, after = match.group(1), match.group(2)
    if before[-1] in _VOWELS and after[0] in _VOWELS and min(len(before), len(after)) <= 2:
        return before
    return match.group(0)


def clean(text: str) -> str:
    """NFKC, Latin transliteration, case-folded ASCII; punctuation kept for ``tokenize``."""
    text = text[:MAX_NAME_CHARS]
    if not text.isascii():  # ASCII is its own NFKC form
        text = unicodedata.normalize("NFKC", text)
    if "(" in text:
        outside = text
        for _ in range(3):  # nested: "(HTS) (هيئة تحرير الشام (original script)"
            outside = _PARENTHESES.sub(_note_or_name, outside)
        if _LETTER.search(outside):
            text = outside
    if "," in text:
        text = _COMMA_IN_WORD.sub(_ayn_comma, text)
    if has_cyrillic(text):
        text = translate_words(text)  # Сеть Хаккани: network khakkani
    text = to_latin(text)
    text = _JOINERS.sub("", text)
    return text.casefold()


def tokenize(text: str) -> tuple[str, ...]:
    """The name parts of ``text``, in order, each a non-empty lower-case ASCII string."""
    arabic = has_arabic(text)
    parts: list[str] = []
    for raw in _SPLIT.split(clean(text)):
        if not raw:
            continue
        for piece in _split_compound(raw, arabic):
            _append(parts, piece)
    return tuple(parts)


def _is_stem(token: str) -> bool:
    return len(token) >= 3 and token not in _DIN_LINKS and token != "abd"


def _append(parts: list[str], piece: str) -> None:
    previous = parts[-1] if parts else ""
    if piece in _ALLAH and previous == "abd":
        parts[-1] = "abdullah"  # عبد الله, "Abd Allah": one name, Abdullah
    elif piece in _ALLAH and previous and previous != "al":
        parts[-1] += "ullah"  # نذیر الله, "Habib Ullah": one name, Nazirullah, Habibullah
    elif piece in _DIN_WORDS and previous in _DIN_LINKS and len(parts) >= 2 and _is_stem(parts[-2]):
        parts.pop()  # شمس الدین, "Saif-al-Din", "Noor ud Din": one name, Shamsuddin
        parts[-1] += "uddin"
    elif piece in _DIN_JOINED_WORDS and _is_stem(previous):
        parts[-1] += "uddin"  # "Jalal Uddin"
    elif piece in _SUFFIX_WORDS and _is_stem(previous):
        parts[-1] += piece  # آخوند زاده, "Shahid Khil": Akhundzada, Shahidkhil
    else:
        parts.append(piece)


@lru_cache(maxsize=100_000)  # customers' names repeat their parts
def _split_compound(token: str, arabic: bool) -> tuple[str, ...]:
    out: list[str] = []
    # Arabic script: the article is split off in the script (``scripts.split_arabic_words``), where
    # ال is told from ع + ل (علوش Alloush); only Abd-al is split here.
    if arabic and token.startswith("abdal") and len(token) >= 7 and not token.startswith(_ABD_WHOLE):
        return ("abd", "al", token[5:])  # عبدالحی Abd al-Hayy, عبدالولی Abd al-Wali
    if (
        token.startswith("abd")
        and not token.startswith(_ABD_WHOLE)
        and len(token) > 5
        and not _PATRONYMIC_END.search(token)
    ):
        match = _ABD.match(token)
        if match:
            rest = token[match.end() :]
            out.append("abd")
            if arabic and rest.startswith("al") and len(rest) > 4:
                out.append("al")
                rest = rest[2:]
            elif len(rest) > 4 and rest[0] == rest[1] and rest[0] in _SUN:
                rest = rest[1:]  # Abderrahmane, Abdessalam, Abdennour: the article assimilated
            token = rest
    din = _DIN_SUFFIX.match(token)
    if din and not _PATRONYMIC_END.search(token):
        token = din.group(1) + "uddin"  # Salahaldin, Nasreddine, نورالدین: Salahuddin, Nasruddin
    out.append(token)
    return tuple(out)

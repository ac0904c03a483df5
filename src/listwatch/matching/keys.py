"""Keys of name parts: the phonetic key, its loose form, one-edit deletions, and the readings of a part
under other romanisations. The index files list names under these keys; the similarity rules compare
them.

The phonetic key is our own, built for the variation screening actually meets: one person written from
Arabic, Cyrillic and Latin sources by different standards (ICAO, GOST, BGN/PCGN, French and English
press spellings). It folds digraph variants (kh/h/x, zh/j/dzh, sh/sch/shch, ts/tz, ph/f, q/k/c, w/v),
drops vowels after the first letter (Arabic script writes no short vowels, so "طالبان" and "Taliban"
agree only on T-L-B-N) and collapses doubled letters (Hassan/Hasan).
"""

from __future__ import annotations

import re
from functools import lru_cache

from listwatch.matching.classes import canonical
from listwatch.matching.lexicon.particles import FUSED

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


# A part left after a fused particle must be this long to be a name by itself ("albashir" is al +
# bashir, "aladl" al + adl; "alan" is no al + "an").
UNFUSED_MIN = 3


@lru_cache(maxsize=200_000)
def unfused(token: str) -> str:
    """The part without a particle fused in front (``FUSED``: "albashir" -> "bashir"); empty when it has
    none. The article assimilated to a sun letter (ESSABAR) is read across scripts only (``readings``)."""
    for particle in FUSED:
        if token.startswith(particle) and len(token) - len(particle) >= UNFUSED_MIN:
            return token[len(particle) :]
    return ""

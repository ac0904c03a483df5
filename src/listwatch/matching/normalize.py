"""Names to tokens: Unicode normalisation, transliteration, case folding, splitting into name parts.

The same function runs on list names (once, when the index is built) and on queries, so whatever it
does to one side it does to the other. It never drops a token: honorifics and particles are kept and
only weighted down later (``features.token_class``), so an explanation can say they were ignored.
"""

from __future__ import annotations

import re
import unicodedata

from listwatch.matching.scripts import has_arabic, to_latin

# A name longer than this is cut before matching (a 10 MB "name" is a broken row, not a name).
MAX_NAME_CHARS = 300

# Apostrophes and ayn/hamza marks join (Qa'ida, Ma'mun); other punctuation separates parts.
_JOINERS = re.compile(r"['’‘`ʼʿʾ´]")
_SPLIT = re.compile(r"[^a-z0-9]+")

# "Abdulghani", "Abdelrahman", "Abd al-Rahman": the servant-of prefix is a name part of its own.
_ABD = re.compile(r"^(abd)(?:ul|el|al|ol|oul|ou|u|e|a|i)?(?=[a-z]{3,}$)")
# Abdullah is a name of its own, and so are the surnames built on it (Abdullaev).
_ABD_WHOLE = ("abdulla", "abdalla", "abdella", "abdullo", "abdula")
# Arabic writes the article joined to the word (الغني); split it off as its own part.
_ARABIC_ARTICLE = re.compile(r"^(al|el)(?=[a-z]{3,}$)")


_ALLAH = frozenset({"allh", "allah", "alla", "ullah", "ulla", "ollah"})
_PATRONYMIC_END = re.compile(r"(ovich|evich|ovna|evna)$")


def clean(text: str) -> str:
    """NFKC, Latin transliteration, case-folded ASCII; punctuation kept for ``tokenize``."""
    text = unicodedata.normalize("NFKC", text[:MAX_NAME_CHARS])
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
        if raw in _ALLAH and parts and parts[-1] == "abd":
            parts[-1] = "abdullah"  # عبد الله, "Abd Allah": one name, Abdullah
            continue
        if raw in _ALLAH and parts and parts[-1] != "al":
            parts[-1] += "ullah"  # نذیر الله, "Habib Ullah": one name, Nazirullah, Habibullah
            continue
        parts.extend(_split_compound(raw, arabic))
    return tuple(parts)


def _split_compound(token: str, arabic: bool) -> list[str]:
    out: list[str] = []
    if arabic:
        match = _ARABIC_ARTICLE.match(token)
        if match:
            out.append("al")
            token = token[match.end() :]
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
            token = rest
    out.append(token)
    return out

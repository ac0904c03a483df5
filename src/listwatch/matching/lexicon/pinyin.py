"""Pinyin initials and finals, to tell one-syllable Chinese names apart (``matching.similarity``)."""

PINYIN_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q",
                    "x", "r", "z", "c", "s", "y", "w", "")  # fmt: skip
PINYIN_FINALS = frozenset(
    ["a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "i", "ia", "ie", "iao", "iu",
     "ian", "in", "iang", "ing", "iong", "u", "ua", "uo", "uai", "ui", "uan", "un", "uang", "ueng", "ue",
     "er"]
)  # fmt: skip

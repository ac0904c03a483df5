"""Particles: the short words inside names that carry little (al-, bin, de, van), the ones skipped
when two parts are read as one, and the Turkic patronymic words. ``matching.classes`` weighs them."""

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
# Particles skipped when two parts are read as one: "Jalal al-Din" is written Jalaluddin, "Aziz
# al-Rahman" Azizirahman (the alignment, ``score._join_pairs``, and the index keys of joined parts).
JOIN_SKIP = frozenset({"al", "el", "ul", "ud", "ur", "ad", "ar", "as", "ash", "az", "an", "at", "i", "e"})
# Turkic patronymics written as two words, the father's name and "son"/"daughter" (МЕЛИКОВ ИЛЬКИН ШАФИ
# ОГЛЫ, ДАВЛАТОВ ДИЛМУРОД АМИНБОЙ УГЛИ): both words weigh as a patronymic, which passports leave out.
PATRONYMIC_WORDS = frozenset(["ogly", "ogli", "oglu", "ugli", "uly", "kyzy", "kizi", "qizi", "gyzy"])
# Particles written fused to the name after them by some records (ALBASHIR for AL-BASHIR, Binladen,
# ALGHAFAR in "ABD ALGHAFAR"): a part starting with one is also read without it (``keys.unfused``).
FUSED = ("al", "el", "ul", "ud", "bin", "ibn", "wal")

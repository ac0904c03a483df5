"""Organisation words in Russian and Kazakh, by stem, and the English word the lists use for each:
"Сеть Хаккани" is the HAQQANI NETWORK, "Исламское государство" the ISLAMIC STATE, "Өзбекстан ислам
қозғалысы" the ISLAMIC MOVEMENT OF UZBEKISTAN. A Cyrillic word is read as the English word when it is
one of these stems with one of its endings (``scripts.translate_words``)."""

# Russian stems: nouns and adjectives as organisation names use them.
RUSSIAN_STEMS = {
    "сет": "network", "государств": "state", "движени": "movement", "фронт": "front",
    "арми": "army", "бригад": "brigades", "парти": "party", "групп": "group",
    "организаци": "organization", "совет": "council", "союз": "union", "батальон": "battalion",
    "компани": "company", "фонд": "foundation", "комитет": "committee", "эмират": "emirate",
    "обществ": "society", "братств": "brotherhood", "джихад": "jihad", "исламск": "islamic",
    "национальн": "national", "восточн": "eastern", "народн": "popular", "революционн": "revolutionary",
    "вооруженн": "armed", "вооружённ": "armed", "международн": "international",
    "освобождени": "liberation", "моджахед": "mujahideen", "муджахид": "mujahideen",
    "сторонник": "supporters", "банк": "bank",
}  # fmt: skip
# Russian endings of those stems (nouns and adjectives, singular and plural, the cases organisation
# names take). Not -ов, -ев: those also end surnames (Советов, Фондов are names).
_ENDINGS = "ь и я е ю ей а ы у ой ом ам ами ах о ое ая ий ый ие ые ого ому ых их ым ими ыми"
RUSSIAN_ENDINGS = frozenset(["", *_ENDINGS.split()])
# Kazakh organisation words with the possessive endings a name gives them ("қозғалысы", of a movement).
KAZAKH_WORDS = {
    "желі": "network", "желісі": "network", "мемлекет": "state", "мемлекеті": "state",
    "қозғалыс": "movement", "қозғалысы": "movement", "майдан": "front", "майданы": "front",
    "армия": "army", "армиясы": "army", "бригада": "brigades", "бригадасы": "brigades",
    "бригадалары": "brigades", "партия": "party", "партиясы": "party", "топ": "group", "тобы": "group",
    "ұйым": "organization", "ұйымы": "organization", "кеңес": "council", "кеңесі": "council",
    "одақ": "union", "одағы": "union", "батальоны": "battalion", "жиһад": "jihad", "жиһады": "jihad",
    "ислам": "islamic", "ұлттық": "national", "шығыс": "eastern", "халық": "popular",
    "әмірлігі": "emirate",
}  # fmt: skip

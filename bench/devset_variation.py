"""Development-set categories for the variation real customer records have, generated from real list
names of UN, OFAC SDN and EU entries (each case knows its entity):

- ``middle_dropped``: a person's middle part (given name first: OFAC's "SURNAME, Given Middle" is read
  "Given Middle SURNAME") or an organisation's inner word left out;
- ``middle_added``: a part added in the middle (a second given name, a father's name), given name first;
- ``typo_any``: one keying error in any part of three letters or more, the first letter included;
- ``truncated``: the last part cut short by one to three letters (a register's field length);
- ``particles``: articles and particles fused or split (AL-BASHIR as ALBASHIR, ABDUL GHAFAR as
  ABD ALGHAFAR, BIN LADEN as BINLADEN);
- ``token_order``: the parts in another order;
- ``ru_org``: an organisation's name in Russian (its words translated, its names in Cyrillic).
"""

from __future__ import annotations

import random
import re

from devset import NEIGHBOURS, SEED, Case

from listwatch.matching import Query
from listwatch.model import Entry

_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z ,.'-]+")
_PARTICLE = re.compile(r"^(al|el|ul|ud|ad|ar|as|ash|at|az|an|bin|ibn|ben|wal|abu|abd|abdul|abdel)$", re.I)
_ADDED = ("Mohammed", "Ali", "Ahmad", "Hassan", "Abdul", "Khan", "Ibrahim", "Yusuf")
_ORG = ("Organization", "LegalEntity", "Company")


def _latin_names(pairs: list[tuple[str, Entry]], person: bool | None) -> list[tuple[str, Entry, str]]:
    out = []
    for list_id, entry in pairs:
        if list_id == "ru_rosfinmonitoring":
            continue
        if person is not None and (entry.schema == "Person") != person:
            continue
        for name in entry.names:
            if name.kind in ("primary", "alias") and _LATIN_NAME.fullmatch(name.value):
                out.append((list_id, entry, name.value))
    return out


def _words(name: str) -> list[str]:
    return name.replace(",", " ").split()


def _natural(name: str) -> list[str]:
    """A person's name parts given name first, as a customer writes them: the lists' "SURNAME, Given
    Middle" (OFAC, UK) is "Given Middle SURNAME", so that its middle parts are between the others."""
    if name.count(",") == 1:
        surname, given = name.split(",")
        return given.split() + surname.split()
    return name.split()


def _case(category: str, list_id: str, entry: Entry, name: str, number: int) -> Case:
    schema = "Person" if entry.schema == "Person" else ("Organization" if entry.schema in _ORG else None)
    return Case(category, Query(f"{category}-{list_id}-{entry.ref}-{number}", name, schema),
                entry.entity_id(list_id))  # fmt: skip


def _sample(
    rng: random.Random, pool: list[tuple[str, Entry, str]], count: int
) -> list[tuple[str, Entry, str]]:
    return rng.sample(pool, min(count, len(pool)))


def middle_dropped(pairs: list[tuple[str, Entry]], count: int) -> list[Case]:
    rng = random.Random(SEED + 10)
    cases = []
    people = [
        p
        for p in _latin_names(pairs, True)
        if len([w for w in _natural(p[2]) if not _PARTICLE.match(w)]) >= 3
    ]
    orgs = [p for p in _latin_names(pairs, False) if len(_words(p[2])) >= 3]
    for pool, share in ((people, 3 * count // 4), (orgs, count // 4)):
        for list_id, entry, name in _sample(rng, pool, share):
            words = _natural(name) if entry.schema == "Person" else _words(name)
            inner = [i for i in range(1, len(words) - 1) if not _PARTICLE.match(words[i])]
            if entry.schema != "Person":
                inner = [i for i in range(1, len(words)) if len(words[i]) > 3]
            if not inner:
                continue
            del words[rng.choice(inner)]
            cases.append(_case("middle_dropped", list_id, entry, " ".join(words), len(cases)))
    return cases


def middle_added(pairs: list[tuple[str, Entry]], count: int) -> list[Case]:
    rng = random.Random(SEED + 11)
    cases = []
    pool = [p for p in _latin_names(pairs, True) if len(_words(p[2])) >= 2]
    for list_id, entry, name in _sample(rng, pool, count):
        words = _natural(name)
        added = rng.choice([w for w in _ADDED if w.casefold() not in name.casefold()])
        words.insert(rng.randrange(1, len(words)), added.upper() if name.isupper() else added)
        cases.append(_case("middle_added", list_id, entry, " ".join(words), len(cases)))
    return cases


def _edit(word: str, rng: random.Random, at: int) -> str:
    kind = rng.choice(("swap", "drop", "double", "neighbour"))
    if kind == "swap" and at + 1 < len(word):
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == "drop" and len(word) > 3:
        return word[:at] + word[at + 1 :]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    near = NEIGHBOURS.get(word[at].lower(), word[at])
    letter = rng.choice(near)
    return word[:at] + (letter.upper() if word[at].isupper() else letter) + word[at + 1 :]


def typo_any(pairs: list[tuple[str, Entry]], count: int) -> list[Case]:
    rng = random.Random(SEED + 12)
    cases = []
    pool = [p for p in _latin_names(pairs, None) if len(_words(p[2])) >= 2]
    for list_id, entry, name in _sample(rng, pool, count):
        words = _words(name)
        parts = [i for i, w in enumerate(words) if len(w) >= 3 and w.isalpha() and not _PARTICLE.match(w)]
        if not parts:
            continue
        i = rng.choice(parts)
        at = 0 if rng.random() < 0.25 else rng.randrange(len(words[i]))
        words[i] = _edit(words[i], rng, at)
        cases.append(_case("typo_any", list_id, entry, " ".join(words), len(cases)))
    return cases


def truncated(pairs: list[tuple[str, Entry]], count: int) -> list[Case]:
    rng = random.Random(SEED + 13)
    cases = []
    pool = [p for p in _latin_names(pairs, None) if len(_words(p[2])) >= 2 and len(_words(p[2])[-1]) >= 6]
    for list_id, entry, name in _sample(rng, pool, count):
        words = _words(name)
        cut = rng.randint(1, min(3, len(words[-1]) - 4))
        words[-1] = words[-1][:-cut]
        cases.append(_case("truncated", list_id, entry, " ".join(words), len(cases)))
    return cases


_FUSABLE = re.compile(r"\b(al|el|ul|ud|ad|ar|as|ash|at|az|an|bin|ibn|ben|wal)[- ]([A-Za-z]{3,})", re.I)
_ABD_JOINED = re.compile(r"\b(abd)(?:ul|el|al|oul)([a-z]{3,})", re.I)
_ABD_SPLIT = re.compile(r"\b(abd)[ -]?(?:ul|el|al|oul)?[ -]([a-z]{3,})", re.I)


def particles(pairs: list[tuple[str, Entry]], count: int) -> list[Case]:
    """Fused (AL-BASHIR: ALBASHIR, BIN LADEN: BINLADEN), split (ALBASHIR: AL BASHIR) or re-cut (ABDUL
    GHAFAR: ABD ALGHAFAR, ABDULGHAFAR: ABD AL GHAFAR)."""
    rng = random.Random(SEED + 14)
    cases = []
    pool = [p for p in _latin_names(pairs, None) if _FUSABLE.search(p[2]) or _ABD_JOINED.search(p[2])
            or _ABD_SPLIT.search(p[2])]  # fmt: skip
    for list_id, entry, name in _sample(rng, pool, count):
        options = []
        if _FUSABLE.search(name):
            options.append(_FUSABLE.sub(lambda m: m.group(1) + m.group(2), name, count=1))
        if _ABD_SPLIT.search(name):
            options.append(
                _ABD_SPLIT.sub(lambda m: f"{m.group(1)} {_al(m.group(1))}{m.group(2)}", name, count=1)
            )
        if _ABD_JOINED.search(name):
            options.append(
                _ABD_JOINED.sub(lambda m: f"{m.group(1)} {_al(m.group(1))} {m.group(2)}", name, count=1)
            )
        options = [o for o in options if o != name]
        if options:
            cases.append(_case("particles", list_id, entry, rng.choice(options), len(cases)))
    return cases


def _al(like: str) -> str:
    return "AL" if like.isupper() else "al"


def token_order(pairs: list[tuple[str, Entry]], count: int) -> list[Case]:
    rng = random.Random(SEED + 15)
    cases = []
    pool = [p for p in _latin_names(pairs, True) if len(_words(p[2])) >= 3]
    for list_id, entry, name in _sample(rng, pool, count):
        words = _words(name)
        shuffled = words[:]
        while shuffled == words:
            rng.shuffle(shuffled)
        cases.append(_case("token_order", list_id, entry, " ".join(shuffled), len(cases)))
    return cases


def variation_cases(pairs: list[tuple[str, Entry]], count: int = 400) -> list[Case]:
    return (
        middle_dropped(pairs, count) + middle_added(pairs, count) + typo_any(pairs, count)
        + truncated(pairs, count) + particles(pairs, count) + token_order(pairs, count) + ru_org(pairs, count)
    )  # fmt: skip


# -- organisations in Russian and Kazakh -----------------------------------------------------------
# English words of organisation names, as Russian writes them: (noun or adjective stem, gender), and
# as Kazakh writes them (the noun with its possessive ending, as in "Өзбекстан ислам қозғалысы").
_RU_NOUNS = {
    "network": ("сеть", "f"), "state": ("государство", "n"), "movement": ("движение", "n"),
    "front": ("фронт", "m"), "army": ("армия", "f"), "brigades": ("бригады", "p"),
    "brigade": ("бригада", "f"), "party": ("партия", "f"), "group": ("группа", "f"),
    "organization": ("организация", "f"), "organisation": ("организация", "f"),
    "jihad": ("джихад", "m"), "council": ("совет", "m"), "union": ("союз", "m"),
    "battalion": ("батальон", "m"), "battalions": ("батальоны", "p"), "company": ("компания", "f"),
    "bank": ("банк", "m"), "foundation": ("фонд", "m"), "committee": ("комитет", "m"),
    "emirate": ("эмират", "m"), "society": ("общество", "n"), "brotherhood": ("братство", "n"),
}  # fmt: skip
_RU_ADJECTIVES = {
    "islamic": "исламск", "national": "национальн", "eastern": "восточн", "popular": "народн",
    "revolutionary": "революционн", "armed": "вооружённ", "international": "международн",
    "liberation": None,
}  # fmt: skip
_RU_ENDINGS = {"m": "ий", "f": "ая", "n": "ое", "p": "ие"}
_RU_HARD = {"m": "ый", "f": "ая", "n": "ое", "p": "ые"}
_KK_NOUNS = {
    "network": "желісі", "state": "мемлекеті", "movement": "қозғалысы", "front": "майданы",
    "army": "армиясы", "brigades": "бригадалары", "brigade": "бригадасы", "party": "партиясы",
    "group": "тобы", "organization": "ұйымы", "organisation": "ұйымы", "jihad": "жиһады",
    "council": "кеңесі", "union": "одағы", "battalion": "батальоны", "emirate": "әмірлігі",
}  # fmt: skip
_KK_ADJECTIVES = {"islamic": "ислам", "national": "ұлттық", "eastern": "шығыс", "popular": "халық"}
_SKIP = {"the", "of", "al", "el", "an", "ad", "ash", "as", "at", "and", "in", "for", "on"}
_CYRILLIC = (
    ("shch", "щ"), ("kh", "х"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("ts", "ц"), ("ya", "я"),
    ("yu", "ю"), ("ye", "е"), ("ou", "у"), ("ee", "и"), ("oo", "у"), ("ph", "ф"), ("th", "т"),
    ("dh", "з"), ("gh", "г"), ("q", "к"), ("w", "в"), ("j", "дж"), ("x", "кс"), ("c", "к"),
    ("a", "а"), ("b", "б"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"),
    ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"),
    ("t", "т"), ("u", "у"), ("v", "в"), ("y", "й"), ("z", "з"),
)  # fmt: skip


def cyrillic(word: str) -> str:
    """A Latin name part as Russian writes it (roughly, as a Russian reporter would: Хаккани)."""
    out, text = [], word.casefold()
    while text:
        for latin, letters in _CYRILLIC:
            if text.startswith(latin):
                out.append(letters)
                text = text[len(latin) :]
                break
        else:
            text = text[1:]
    return "".join(out).capitalize()


def _genitive(word: str) -> str:
    """A place name as the possessor, as Russian declines it: Узбекистан -> Узбекистана."""
    if word.endswith(("стан", "ан", "ам", "ир", "ад")):
        return word + "а"
    if word.endswith("а"):
        return word[:-1] + "ы"
    return word


def russian_org_name(name: str, kazakh: bool = False, proper: set[str] | None = None) -> str | None:
    """An English organisation name in Russian (or Kazakh): its generic words translated, the noun
    first (adjectives agreeing with it) and the names after it ("HAQQANI NETWORK": Сеть Хаккани;
    "ISLAMIC MOVEMENT OF UZBEKISTAN": Исламское движение Узбекистана); None when it has no noun the
    table translates, or no name of its own."""
    words = [w for w in re.split(r"[\s,.()/-]+", name.casefold()) if w]
    nouns = [w for w in words if w in _RU_NOUNS]
    if not nouns:
        return None
    head = nouns[0]
    adjectives = [w for w in words if _RU_ADJECTIVES.get(w)]
    names = [w for w in words if w not in _RU_NOUNS and w not in _RU_ADJECTIVES and w not in _SKIP]
    if not names or any(len(w) < 3 or not w.isalpha() for w in names):
        return None
    if proper is not None and any(w not in proper for w in names):
        return None
    after_of = "of" in words and words.index("of") < len(words) - 1
    cyr = [cyrillic(w) for w in names]
    if kazakh:
        if any(n not in _KK_NOUNS for n in nouns) or any(a not in _KK_ADJECTIVES for a in adjectives):
            return None
        parts = cyr + [_KK_ADJECTIVES[a] for a in adjectives] + [_KK_NOUNS[n] for n in nouns]
        return " ".join(parts)
    gender = _RU_NOUNS[head][1]
    parts = []
    for a in adjectives:
        stem = _RU_ADJECTIVES[a]
        assert stem is not None
        ending = (_RU_ENDINGS if stem.endswith(("к", "г", "х")) else _RU_HARD)[gender]
        parts.append(stem + ending)
    parts.extend(_RU_NOUNS[n][0] for n in nouns)
    parts.extend(_genitive(w) if after_of else w for w in cyr)
    return " ".join(parts[:1]).capitalize() + " " + " ".join(parts[1:])


def _proper_names(pairs: list[tuple[str, Entry]]) -> set[str]:
    """Words that are names, not English words: the parts of persons' names on the lists, and the
    countries the lists give. An organisation name is put into Russian only when every word the table
    does not translate is one of them (a translator keeps "Haqqani", not "Righteous")."""
    words: set[str] = set()
    for _list_id, entry in pairs:
        texts = [n.value for n in entry.names] if entry.schema == "Person" else []
        texts += [*entry.nationalities, *entry.countries]
        for text in texts:
            words.update(w for w in re.split(r"[^a-z]+", text.casefold()) if len(w) >= 3)
    return words


def ru_org(pairs: list[tuple[str, Entry]], count: int) -> list[Case]:
    rng = random.Random(SEED + 16)
    cases = []
    names = _proper_names(pairs)
    pool = _latin_names(pairs, False)
    for list_id, entry, name in rng.sample(pool, len(pool)):
        kazakh = len(cases) % 3 == 2
        text = russian_org_name(name, kazakh, names)
        if text is not None:
            cases.append(_case("ru_kk_org", list_id, entry, text, len(cases)))
        if len(cases) >= count:
            break
    return cases

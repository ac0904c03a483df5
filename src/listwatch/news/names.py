"""Open-class names: organisations and people an article designates that no gazetteer knows.

News about a new designation names a group the store has never held ("Feuerkrieg Division", «Колумбайн»),
so the extractor cannot rely on a list of names. The cues here are the ones English and Russian news
writing uses for names, without a trained model (the default must run offline and start fast):

- capitalised phrases ("Islamic Revolutionary Guard Corps", "Tren de Aragua", "Liwa al-Thawra"), cut at
  titles ("Public Safety Minister Dominic LeBlanc" -> "Dominic LeBlanc") and dropped when they name an
  institution or a law ("the Terrorism Act", "the District Court");
- acronyms ("IRGC", "MS-13", "ФБК"), joined to their expansion when the text gives it
  ("Feuerkrieg Division, or FKD", "Euskadi Ta Askatasuna (ETA)"): a later "FKD" is the same entity;
- quoted names («Русские», "Чистопольский джамаат"), which in Russian are the usual way to write one, with
  Russian case endings taken back to the nominative when the quote is itself the inflected object
  («Группу-24» -> "Группа-24"; pymorphy3, see docs/decisions.md); after a descriptor noun
  («организацию «Русские»») a quote is already nominative;
- Russian capitalised heads of a name ("Фонд борьбы с коррупцией").

A name is a *candidate*: only the ones that stand where a designation's object stands become events
(``in_object_position``), which is what keeps a speaker or a publisher out of the events.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from listwatch.news.gazetteer import Mention, Organisation

_LATIN_WORD = r"[A-Za-zÀ-ÖØ-öø-ÿ][\wÀ-ÿ]*"
_TOKEN = re.compile(r"[^\W_][\w’'‐-]*|\d[\w-]*")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_ACRONYM = re.compile(r"^(?=(?:[^\W\d_]*[A-ZА-ЯЁ]){2})[A-ZА-ЯЁ][A-ZА-ЯЁ0-9&-]{1,9}$")
# Lowercase words that may sit inside a name ("Tren de Aragua", "Hizb ut-Tahrir", "Council of ...").
_CONNECTORS = frozenset(
    """of the for de del la los las el al ul ut ud ad ar as ash at az bin ibn e i wa y van von der du
    des da""".split()  # noqa: SIM905
)
# A lowercase token that still belongs to a name because of its capital after a prefix: "al-Thawra".
_PREFIXED = re.compile(
    r"^(?:al|el|ad|ar|as|ash|at|az|an|ul|ut|ud|bin|ibn|abu|e|i|wa|wal|aš|аль|ан|ат|аш|ад|ас|уль|ут|валь)[-‐’'][A-ZА-ЯЁ]"
)
# Capitalised words that start or make up no name: articles, pronouns, prepositions, calendar words.
_STOP = frozenset(
    """
    a an the this that these those there their they them it its he she his her we our you your i
    in on at by for from to of with as after before since during until under over about into onto
    and or but if when while where which who whom whose what why how not no yes also
    mr mrs ms dr sir lord lady madam
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec today yesterday tomorrow
    в во на по с со к ко от до из за для при о об у и или но а не это этот эта эти его ее их
    январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
    января февраля марта апреля мая июня июля августа сентября октября ноября декабря
    понедельник вторник среда четверг пятница суббота воскресенье
    """.split()  # noqa: SIM905
)
# Titles before a person's name: the name is what follows the last of them.
_TITLES = frozenset(
    """
    minister secretary president premier chancellor spokesman spokeswoman spokesperson commander chief
    leader founder director general senator judge justice ambassador envoy deputy mp prime head king
    prince emir sheikh mayor governor official officer analyst professor
    министр президент премьер глава лидер основатель директор генерал сенатор судья посол депутат
    председатель командир руководитель главарь эмир
    """.split()  # noqa: SIM905
)
# Words that make a capitalised phrase the name of an institution, a law, a place or a publisher: such
# a phrase is an actor or a source, never a designated group.
_INSTITUTIONS = frozenset(
    """
    act order bill law code resolution resolutions regulation regulations decree court courts committee
    council ministry department office agency service parliament house commons senate assembly congress
    government administration commission treasury cabinet embassy press news times post herald tribune
    schedule section article chamber tribunal police prosecutor prosecutors union nations university
    institute airport airlines street avenue district region province city county republic kingdom
    federation state states party's minister secretary president
    terrorist terrorists terror terrorism sanctions list sdgt fto sdn entity entities
    суд суда суде судом прокуратура прокуратуры министерство служба службы комитет комитета
    совет совета дума думы собрание правительство ведомство агентство новости
    """.split()  # noqa: SIM905
)
# Nouns before a quoted name that make the quote an apposition, already in the nominative.
_DESCRIPTORS = re.compile(
    r"(?:организаци|движени|группировк|групп|объединени|фонд|парти|сообществ|ячейк|структур|"
    r"джамаат|армии|армия|армию|бригад|батальон|полк|фронт|союз|центр|проект|сет[иь]|"
    r"organi[sz]ation|group|movement|party|network|front|brigade)\w*\W*$",
    re.I,
)
# "designated as a “Specially Designated Global Terrorist”": a category; "known as X": a name.
_AS_CATEGORY = re.compile(r"(?<!known )(?<!called )(?<!named )\b(?:as|a|an|как)\s+(?:an?\s+)?$", re.I)
_QUOTED = re.compile(
    r"«([^«»]+«[^«»]+)»(?!»)|«((?:[^«»]|«[^«»]*»)+)»|\"([^\"\n]+)\"|“([^”\n]+)”|„([^“”\n]+)[“”]"
)
# "X, or FKD", "X (ETA)", "X (ФБК, ...)": an acronym right after a name is that name's short form.
_ACRONYM_AFTER = re.compile(
    r"^(?:,?\s*or\s+|\s*\(\s*|,?\s*или\s+)([A-ZА-ЯЁ][A-ZА-ЯЁ0-9&-]{1,9})(?=[\s,;:.)]|$)"
)
# Russian heads that begin a name written without quotes, the rest in lowercase.
# Heads of organisation names that may end in "of <country>": "Islamic Renaissance Party of Tajikistan".
ORG_HEADS = frozenset(
    """party movement front army brigade brigades organization organisation union league jihad
    mujahideen group network emirate""".split()  # noqa: SIM905
)
_RU_HEADS = frozenset("фонд движение партия армия фронт союз объединение общество сеть джамаат".split())  # noqa: SIM905
# "the Jalisco cartel", "the Wagner mercenary group": a one-word name and the noun it is named with
_GROUP_NOUN_AFTER = re.compile(r" (?:[a-z]+ ){0,2}?(?:cartel|gang|group|movement|network|militia)\b")
_RU_NAME_WORD = re.compile(r"^[а-яё-]+$")
_MAX_WORDS = 8


_NAME_NOISE = re.compile(r"[«»\"“”„'’‘*()\[\]]")
_NAME_DASHES = re.compile(r"[\s\-‐‑–—_/.,]+")


def fold_name(name: str) -> str:
    """The comparison form of an entity name: "the Sinaloa Cartel" and "Sinaloa cartel" are one."""
    text = unicodedata.normalize("NFKD", name.casefold().replace("ё", "е"))
    text = "".join(c for c in text if not unicodedata.combining(c) or c == "\u0306")
    text = _NAME_DASHES.sub(" ", _NAME_NOISE.sub("", unicodedata.normalize("NFC", text))).strip()
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


OPEN_ID_PREFIX = "name:"


def name_id(name: str) -> str:
    """A stable id for an open-class name: its folded form (the bench compares names folded too)."""
    return OPEN_ID_PREFIX + fold_name(name).replace(" ", "-")


@dataclass(slots=True)
class NameFinder:
    """Finds open-class names sentence by sentence, remembering an article's acronyms."""

    aliases: dict[str, Organisation] = field(default_factory=dict)
    long_names: list[str] = field(default_factory=list)

    def find(self, text: str, known: Sequence[Span], actors: Sequence[Span]) -> list[Mention[Organisation]]:
        """Names in ``text`` outside the ``known`` organisations' spans; capitalised phrases also outside
        the ``actors`` and predicate words (a quote may hold a state's name: «Легион «Свобода России»»).
        A headline in title case ("Kyrgyzstan Removes Taliban From Terrorist Organizations List") gives
        only its quotes and acronyms."""
        found: list[Mention[Organisation]] = []
        quoted = quotations(text)
        for start, end, inner in quoted:
            if _overlaps_any(start, end, known):
                continue
            name = _quoted_name(text, start, inner)
            if name:
                found.append(Mention(start, end, text[start:end], self._organisation(name)))
        blocked = [*known, *actors, *(Span(s, e) for s, e, _ in quoted)]
        title_case_line = title_case(text)
        spans = _capitalised(text, blocked) if not title_case_line else _acronyms(text, blocked)
        for start, end in spans:
            words = text[start:end]
            if _CYRILLIC.search(words) and not _ACRONYM.match(words):
                words = _ru_nominative(words)
            if _AS_CATEGORY.search(text[:start]):
                continue  # "designated as a Specially Designated Global Terrorist"
            match = _ACRONYM_AFTER.match(text[end:])
            if match and not _ACRONYM.match(text[start:end]):
                organisation = self._organisation(words)
                self.aliases.setdefault(match.group(1), organisation)
                found.append(
                    Mention(start, end + match.end(1), text[start : end + match.end(1)], organisation)
                )
                blocked.append(Span(end, end + match.end(1)))
                continue
            if _overlaps_any(start, end, [Span(m.start, m.end) for m in found]):
                continue
            found.append(Mention(start, end, text[start:end], self._organisation(words)))
        return sorted(found, key=lambda m: m.start)

    def _organisation(self, name: str) -> Organisation:
        known = self.aliases.get(name)
        if known is not None:
            return known
        if _ACRONYM.match(name):
            # "IRGC" after "Islamic Revolutionary Guard Corps": the initials of a name already read.
            for long_name in self.long_names:
                if _initials(long_name) == name.replace("-", "").upper():
                    return self.aliases.setdefault(name, Organisation(name_id(long_name), long_name))
        elif len(name.split()) >= 2:
            self.long_names.append(name)
        return Organisation(name_id(name), name)


_INITIAL_SKIP = frozenset("of the and for in on de del la el al ul ut и в".split())  # noqa: SIM905


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.casefold() not in _INITIAL_SKIP]
    return "".join(w[0] for w in words).upper()


def title_case(text: str) -> bool:
    """A headline in title case: most words capitalised, none of the longer ones in lowercase."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    capitalised = sum(w[0].isupper() for w in words)
    if capitalised < 4 or capitalised < 0.7 * len(words):
        return False
    return not any(w[0].islower() and len(w) > 4 for w in words)


def _overlaps_any(start: int, end: int, spans: Iterable[Span]) -> bool:
    return any(s.start < end and start < s.end for s in spans)


def quotations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, content) of each quotation in ``text`` that may be a name."""
    return list(_quoted(text))


def _quoted(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, content) of each quotation that may be a name: short, capitalised."""
    for match in _QUOTED.finditer(text):
        group = next(g for g in range(1, 6) if match.group(g) is not None)
        inner = match.group(group).strip()
        if group == 1:  # «Этнополитическое объединение «Русские»: one closing mark for both
            inner += "»"
        sentence = re.search(r"[.!?,;:]\s", inner) is not None
        if not inner or not inner[0].isupper() or len(inner.split()) > _MAX_WORDS or sentence:
            if group == 1:  # a quoted sentence that quotes a name: «в ноябре ... организация «Аль-Каида ...»
                inner_start = match.start() + 1 + match.group(1).rfind("«")
                name = text[inner_start + 1 : match.end() - 1].strip()
                if name and name[0].isupper() and len(name.split()) <= _MAX_WORDS:
                    yield inner_start, match.end(), name
            continue
        end = match.end()
        while end < len(text) and text[end] == "*":  # «Талибан»*: the Russian media's marker
            end += 1
        yield match.start(), end, inner


def _quoted_name(text: str, start: int, inner: str) -> str | None:
    inner = inner.strip("* ")
    # A category, not a name: designated as a “Specially Designated Global Terrorist”.
    words = _TOKEN.findall(inner)
    # a Russian quote names an institution only by its first word («Комитет ...», not «Антивоенный
    # комитет России»); a Latin one by any ("a “Specially Designated Global Terrorist”")
    institutional = words[:1] if _CYRILLIC.search(inner) else words
    if _AS_CATEGORY.search(text[:start]) or any(_bare(w) in _INSTITUTIONS for w in institutional):
        return None
    if _CYRILLIC.search(inner) and words and _is_verb(words[0]):
        return None  # “Признать ... экстремистской организацией”: a quoted ruling, not a name
    if _CYRILLIC.search(inner) and not _DESCRIPTORS.search(text[max(0, start - 30) : start]):
        inner = _ru_nominative(inner)
    if fold_name(inner) in _STOP:
        return None
    return inner


def _capitalised(text: str, blocked: Sequence[Span]) -> Iterable[tuple[int, int]]:
    """Spans of capitalised name phrases and acronyms, outside ``blocked``."""
    tokens = [t for t in _TOKEN.finditer(text) if not _overlaps_any(t.start(), t.end(), blocked)]
    phrase: list[re.Match[str]] = []
    for token in [*tokens, None]:
        if token is not None and phrase and _joins(text, phrase, token):
            phrase.append(token)
            continue
        if phrase:
            yield from _phrase_spans(text, phrase)
        phrase = [token] if token is not None and _starts(token.group()) else []


def _acronyms(text: str, blocked: Sequence[Span]) -> Iterable[tuple[int, int]]:
    for token in _TOKEN.finditer(text):
        word = _bare_case(token.group())
        usable = not _overlaps_any(token.start(), token.end(), blocked)
        if usable and _ACRONYM.match(word) and word not in _COMMON_ACRONYMS:
            yield token.start(), token.start() + len(word)


def _starts(word: str) -> bool:
    return word[0].isupper() or bool(_PREFIXED.match(word))


def _joins(text: str, phrase: Sequence[re.Match[str]], token: re.Match[str]) -> bool:
    last = phrase[-1]
    if text[last.end() : token.start()] not in (" ", "\n"):  # a hard-wrapped name runs on
        return False
    word = token.group()
    if _CYRILLIC.search(word) and not _CYRILLIC.search(last.group()):
        return False
    if _CYRILLIC.search(word) and word[0].islower():
        return _ru_continues([t.group() for t in phrase], word)
    return _starts(word) or word in _CONNECTORS


_RU_COMPLEMENT = frozenset({"NOUN", "ADJF", "PREP", "NUMR"})


def _ru_continues(phrase: Sequence[str], word: str) -> bool:
    """Inside an unquoted Russian name the words after its first are lowercase: after a head noun
    ("Фонд борьбы с коррупцией") its complements in the genitive or after a preposition; after a
    capitalised adjective ("Национальный альянс ...", "Международное общественное движение ...")
    adjectives agreeing with it up to the head noun, then the head's complements."""
    if not _RU_NAME_WORD.match(word):
        return False
    head_reached = _lemma(phrase[0]) in _RU_HEADS
    first = _best_parse(phrase[0])
    case = first.tag.case if first is not None else None
    if not head_reached:
        if first is None or first.tag.POS != "ADJF":
            return False
        head_reached = any(_is_noun(w, case) for w in phrase[1:])
    if not head_reached:
        parse = _best_parse(word, case)
        return parse is not None and parse.tag.POS in ("ADJF", "NOUN") and parse.tag.case == case
    if phrase[-1][:1].isupper() and len(phrase) > 1:
        return False  # "... альянса Таджикистана": a proper noun closes the name
    if word in ("с", "за"):
        return True
    if word in _STOP:
        return False
    parse = _best_parse(word, "gent")
    if parse is None or parse.tag.POS not in _RU_COMPLEMENT:
        return False
    # a complement is in the genitive ("защиты прав граждан"), or governed by a preposition ("с коррупцией")
    return parse.tag.case == "gent" or phrase[-1] in ("с", "за")


def ru_genitive(word: str) -> bool:
    """Can the Russian word be a genitive ("Таджикистана")?"""
    return any(p.tag.case == "gent" for p in _morph().parse(word.casefold()))


def ru_name_start(word: str) -> bool:
    """Can a Russian name written without quotes begin with this capitalised word (a head noun such as
    "Фонд", or an adjective: "Национальный альянс")?"""
    parse = _best_parse(word)
    return _lemma(word) in _RU_HEADS or (parse is not None and parse.tag.POS == "ADJF")


def _is_noun(word: str, case: str | None) -> bool:
    parse = _best_parse(word, case)
    return parse is not None and parse.tag.POS == "NOUN" and word[:1].islower()


def _phrase_spans(text: str, phrase: Sequence[re.Match[str]]) -> Iterable[tuple[int, int]]:
    words = [t.group() for t in phrase]
    # Cut at the last title: "Public Safety Minister Dominic LeBlanc" -> "Dominic LeBlanc".
    # A title as the last word is part of the name ("Armed Proletarian Justice").
    cut = max((i + 1 for i, w in enumerate(words[:-1]) if _bare(w) in _TITLES), default=0)
    phrase, words = phrase[cut:], words[cut:]
    while phrase and (_bare(words[0]) in _STOP or (words[0][0].islower() and not _PREFIXED.match(words[0]))):
        phrase, words = phrase[1:], words[1:]
    while phrase and (words[-1] in _CONNECTORS or (_CYRILLIC.search(words[-1]) and words[-1] in _STOP)):
        phrase, words = phrase[:-1], words[:-1]
    # "Antifa-linked", "Greece-based": a modifier, not a name
    while phrase and _MODIFIER_SUFFIX.search(words[-1]):
        phrase, words = phrase[:-1], words[:-1]
    if not phrase:
        return
    lowercase_after = len(words) > 1 and words[1][0].islower()
    if _CYRILLIC.search(words[0]) and lowercase_after and not ru_name_start(words[0]):
        phrase, words = phrase[:1], words[:1]
    institution = next((i for i, w in enumerate(words) if _bare(w) in _INSTITUTIONS), None)
    if institution is not None:
        # "Gran Grif as Foreign Terrorist Organizations": the name ends at the connector before the
        # category; a phrase that begins as an institution ("Council of the EU") is no name at all.
        cut = max((i for i, w in enumerate(words[:institution]) if w in _CONNECTORS and i > 0), default=0)
        while cut and words[cut - 1] in _CONNECTORS:
            cut -= 1
        if not cut or _bare(words[0]) in _INSTITUTIONS:
            return
        phrase, words = phrase[:cut], words[:cut]
    if len(words) > _MAX_WORDS:
        return
    start = phrase[0].start()
    single = len(words) == 1
    if single and not _ACRONYM.match(_bare_case(words[0])):
        # One capitalised word is a name only mid-sentence and not a Russian word form ("Министр").
        if start == _sentence_start(text) or _CYRILLIC.search(words[0]):
            return
        if not _proper_latin(words[0]) or words[0].endswith("ly"):  # "Specially": an adverb
            return
        if re.match(r"^ [A-ZА-ЯЁ]", text[phrase[-1].end() : phrase[-1].end() + 2]):
            return  # "Latin American": half of a longer capitalised adjective
    if single and (_bare_case(words[0]) in _COMMON_ACRONYMS or _PLURAL_ACRONYM.match(words[0])):
        return  # "FTOs", "NGOs": a category
    if single and _demonym(words[0]):
        return  # "two powerful Haitian gangs": an adjective of a country, not a name
    if " ".join(words) in _REGIONS:
        return  # "organisations in Africa and Asia": a place
    end = phrase[-1].end()
    noun = _GROUP_NOUN_AFTER.match(text, end)
    if noun and len(words) == 1 and not _ACRONYM.match(words[-1]):
        end = noun.end()  # "the Jalisco cartel", "the Wagner group": the noun is part of how it is named
    while end > start and text[end - 1] in "’'":  # "the IRGC’s overseas arm"
        end -= 1
    if text[end - 2 : end] in ("’s", "'s"):
        end -= 2
    yield start, end


# Parts of the world that are no state: a place, never a designated group, when they are the whole name.
_REGIONS = frozenset(
    """Africa|Asia|Europe|America|Americas|Oceania|Eurasia|Arctic|Antarctica|Sahel|Caucasus|Balkans|Levant|
    Maghreb|Gulf|Latin America|South America|North America|Central America|Middle East|Near East|Far East|
    Central Asia|South Asia|Southeast Asia|East Asia|West Africa|East Africa|North Africa|Southern Africa|
    Horn of Africa|Western Europe|Eastern Europe|Persian Gulf""".replace("\n    ", "").split("|")
)
_DEMONYM_END = re.compile(r"(?:ian|ean|an|i|ese|ish)$")


@cache
def _country_stems() -> frozenset[str]:
    """Single-word country names from pycountry, folded: the stems English demonyms are made from."""
    import pycountry

    countries = list(pycountry.countries)
    names = {getattr(c, "common_name", c.name) for c in countries} | {c.name for c in countries}
    return frozenset(n.casefold() for n in names if " " not in n and "," not in n)


def _demonym(word: str) -> bool:
    """ "Haitian", "Mexican", "Somali", "Pakistani", "Ecuadorean": a country's adjective (the country's
    name less at most its last two letters, then a demonym ending)."""
    folded = word.casefold()
    match = _DEMONYM_END.search(folded)
    if match is None or folded in _country_stems() or len(folded) < 5:
        return False
    stem = folded[: match.start()]
    return any(
        len(stem) >= 3
        and (
            country == stem
            or (country.startswith(stem) and len(country) - len(stem) <= 2)
            or (stem.startswith(country) and len(stem) - len(country) <= 1)
        )
        for country in _country_stems()
    )


_MODIFIER_SUFFIX = re.compile(
    r"[-‐](?:linked|based|backed|affiliated|aligned|inspired|allied|led|run|style|born|era)$", re.I
)


def _proper_latin(word: str) -> bool:
    return bool(re.match(_LATIN_WORD, word)) and word[0].isupper()


def _sentence_start(text: str) -> int:
    match = re.search(r"[^\W_]", text)
    return match.start() if match else 0


def _bare(word: str) -> str:
    return re.sub(r"[’']s$", "", word).casefold()


def _bare_case(word: str) -> str:
    return re.sub(r"[’']s$", "", word)


_PLURAL_ACRONYM = re.compile(r"^[A-ZА-ЯЁ]{2,}s$")
# Acronyms of states, blocs, media and common nouns that are never what a designation names.
_COMMON_ACRONYMS = frozenset(
    """
    US USA UK UN EU UAE USSR NATO CSTO SCO OSCE AFP AP TASS RIA BBC CNN TV MP MPs PM NGO ID
    CEO FBI CIA DHS DOJ GMT UTC AM PM OK FTO SDGT SDN OFAC
    РФ США СССР ЕС ООН ОДКБ ШОС СНГ ТАСС РИА РБК ИТАР СМИ НКО ИА ТВ РК КР РТ МВД СК ВС
    """.split()  # noqa: SIM905
)


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=16384)
def _lemma(word: str) -> str:
    return str(_morph().parse(word.casefold())[0].normal_form)


def _ru_nominative(phrase: str) -> str:
    """The phrase with its head noun (and the adjectives before it) in the nominative.

    Only the leading words inflect with the case of the sentence; what follows the head is a complement
    in its own case ("Фонда борьбы с коррупцией" -> "Фонд борьбы с коррупцией").
    """
    parts = re.split(r"(\s+|-)", phrase)
    out: list[str] = []
    done = False
    case: str | None = None  # the case of the adjectives before the head: the head agrees with them
    gender = _head_gender(parts)
    for part in parts:
        if done or not _CYRILLIC.search(part) or not part.strip() or part == "-":
            out.append(part)
            continue
        parse = _best_parse(part, case)
        if parse is None:
            out.append(part)
            done = True
            continue
        pos = parse.tag.POS
        if pos not in ("NOUN", "ADJF", "PRTF"):
            out.append(part)
            done = True
            continue
        if parse.tag.case == "nomn" or (case is None and _unknown_nominative(part)):
            # an unknown word that may be a nominative stays as written ("Халык майданы", not "Халыки")
            out.append(part)
            done = pos == "NOUN"
            continue
        number = parse.tag.number or "sing"
        case = case or parse.tag.case
        wanted = {"nomn", number} | ({gender} if pos != "NOUN" and gender and number == "sing" else set())
        inflected = parse.inflect(wanted) or parse.inflect({"nomn", number})
        word = str(inflected.word) if inflected is not None else part
        out.append(_same_case(part, word))
        done = pos == "NOUN"
    return "".join(out)


def _head_gender(parts: Sequence[str]) -> str | None:
    """The gender of the phrase's first noun, which the adjectives before it take in the nominative
    ("Национального альянса" -> "Национальный альянс", not "Национальное")."""
    case: str | None = None
    for part in parts:
        if not _CYRILLIC.search(part):
            continue
        parse = _best_parse(part, case)
        if parse is None:
            return None
        if parse.tag.POS == "NOUN":
            return str(parse.tag.gender) if parse.tag.gender else None
        if parse.tag.POS not in ("ADJF", "PRTF"):
            return None
        case = case or parse.tag.case
    return None


def _is_verb(word: str) -> bool:
    parse = _morph().parse(word.casefold())[0]
    return parse.tag.POS in ("INFN", "VERB") and parse.is_known


def _unknown_nominative(word: str) -> bool:
    parses = _morph().parse(word.casefold())
    return not any(p.is_known for p in parses) and any(p.tag.case == "nomn" for p in parses)


@lru_cache(maxsize=16384)
def _best_parse(word: str, case: str | None = None) -> Any:
    parses = _morph().parse(word.casefold())
    # Prefer a noun or adjective reading: a name's head is one ("Группу" is not a verb form); after
    # adjectives, the reading in their case ("Чистопольского джамаата": genitive, not plural).
    nominal = [p for p in parses if p.tag.POS in ("NOUN", "ADJF", "PRTF")]
    agreeing = [p for p in nominal if case is None or p.tag.case == case]
    return (agreeing or nominal or parses or [None])[0]


def _same_case(original: str, word: str) -> str:
    if original.isupper():
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word

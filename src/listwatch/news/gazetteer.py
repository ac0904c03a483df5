"""The names the extractor knows: jurisdictions, authorities, blocs, organisations, and the vocabulary.

Names are matched token by token rather than by one huge regular expression, so that a store with tens
of thousands of names from official lists stays fast, and so that Russian inflection can be handled once,
in the token key: a crude suffix strip applied identically to the gazetteer and the text ("Казахстан"
finds "Казахстана"). Over-stripping only merges keys; it never loses a match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Generic, TypeVar

import yaml

T = TypeVar("T")

_TOKEN = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[а-я]")
# Russian case and adjective endings, longest first; a stem keeps at least three letters.
_RU_ENDINGS = sorted(
    """ами ями ого его ому ему ыми ими иях ах ях ов ев ей ой ом ем ам ям ую юю ая яя ое ее ые ие
    ый ий ых их ым им ию ия ие ии а я у ю е и ы о ь""".split(),  # noqa: SIM905
    key=len,
    reverse=True,
)


@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """The comparison form of one token: case-folded, accents and ё folded, Russian endings stripped."""
    text = unicodedata.normalize("NFKD", token.casefold().replace("ё", "е"))
    text = "".join(c for c in text if not unicodedata.combining(c) or c == "\u0306")
    text = unicodedata.normalize("NFC", text)
    if _CYRILLIC.search(text):
        for ending in _RU_ENDINGS:
            if text.endswith(ending) and len(text) - len(ending) >= 3:
                return text[: -len(ending)]
    return text


@dataclass(frozen=True, slots=True)
class Mention(Generic[T]):
    start: int
    end: int
    text: str
    value: T


@dataclass(slots=True)
class PhraseMatcher(Generic[T]):
    """Longest-leftmost, non-overlapping matching of token sequences; several values per phrase."""

    _phrases: dict[str, list[tuple[tuple[str, ...], bool, str, T]]] = field(default_factory=dict)

    def add(self, phrase: str, value: T, *, cased: bool = False) -> None:
        """``cased``: the text must capitalise the phrase's first word as it does ("Chad", not "chad")."""
        tokens = _TOKEN.findall(phrase)
        if not tokens:
            return
        keys = tuple(token_key(t) for t in tokens)
        # "US", "LeT", "РФ": short abbreviations must keep their capitals ("us" is a pronoun).
        compact = "".join(tokens)
        exact = len(compact) <= 5 and sum(c.isupper() for c in compact) >= 2
        self._phrases.setdefault(keys[0], []).append(
            (keys, exact, compact if exact or not cased else "", value)
        )

    def __len__(self) -> int:
        return sum(len(v) for v in self._phrases.values())

    def find(self, text: str) -> list[Mention[T]]:
        tokens = list(_TOKEN.finditer(text))
        keys = [token_key(t.group()) for t in tokens]
        found: list[Mention[T]] = []
        i = 0
        while i < len(tokens):
            best: tuple[int, T] | None = None
            for phrase, exact, compact, value in self._phrases.get(keys[i], ()):
                n = len(phrase)
                if tuple(keys[i : i + n]) != phrase or (best is not None and n <= best[0]):
                    continue
                if exact and "".join(t.group() for t in tokens[i : i + n]) != compact:
                    continue
                if not exact and compact == "" and not tokens[i].group()[0].isupper():
                    continue
                best = (n, value)
            if best is None:
                i += 1
                continue
            n, value = best
            start, end = tokens[i].start(), tokens[i + n - 1].end()
            found.append(Mention(start, end, text[start:end], value))
            i += n
        return found


@dataclass(frozen=True, slots=True)
class Actor:
    """A jurisdiction, an authority or a bloc named in the text."""

    kind: str  # "jurisdiction" | "authority" | "bloc"
    jurisdiction: str | None  # None for a generic authority ("the Supreme Court") and for blocs
    authority: str | None = None  # fixed id ("us_state") or generic type ("supreme_court")
    generic: bool = False
    designates: bool = True
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ListRule:
    id: str
    jurisdiction: str | None
    cue: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class Predicate:
    action: str
    form: str  # "verb" | "noun"
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    predicates: tuple[Predicate, ...]
    proposal: re.Pattern[str]
    opinion: re.Pattern[str]
    negation: re.Pattern[str]
    stative: re.Pattern[str]
    past: re.Pattern[str]
    reporting: re.Pattern[str]
    attributive_after: re.Pattern[str]
    attributive_before: re.Pattern[str]
    pronouns: re.Pattern[str]
    state_pronouns: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    actors: PhraseMatcher[Actor]
    lists: tuple[ListRule, ...]
    vocabulary: Vocabulary

    def list_for(self, jurisdiction: str, sentence: str) -> str | None:
        for rule in self.lists:
            if rule.jurisdiction not in (None, jurisdiction):
                continue
            if rule.cue is None or rule.cue.search(sentence):
                return rule.id.replace("{jurisdiction}", jurisdiction.lower())
        return None


# Russian state-form words: "Боливарианская Республика Венесуэла" is also written "Венесуэла".
_RU_STATE_FORMS = re.compile(r"\b(?:Республика|Королевство|Государство|Княжество|Федерация|Штаты)\b")


def country_names() -> list[tuple[str, str]]:
    """Every country's English and Russian names from pycountry (ISO 3166, with its translations):
    any government can act, not only the ones the YAML describes."""
    import gettext

    import pycountry

    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    out: list[tuple[str, str]] = []
    for country in pycountry.countries:
        english = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
        names = {n.split(", ")[0].removeprefix("the ") for n in english if n}
        local = russian.gettext(country.name)
        if local != country.name:
            names.add(local.split(", ")[0])
            words = local.split()
            last = words[-1]
            if len(words) > 1 and _RU_STATE_FORMS.search(local) and not _RU_STATE_FORMS.match(last):
                names.add(last)
        out.extend((country.alpha_2, name) for name in sorted(names))
    return out


@cache
def _data() -> dict[str, Any]:
    """The YAML, parsed once (by libyaml when PyYAML has it: the pure-Python parser took a second)."""
    raw = resources.files("listwatch.news").joinpath("gazetteer.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(raw, Loader=loader)  # a safe loader either way
    return data


@cache
def load_gazetteer() -> Gazetteer:
    """The built-in gazetteer, read once from the package's ``gazetteer.yaml``."""
    data = _data()
    actors: PhraseMatcher[Actor] = PhraseMatcher()
    for code, item in data["jurisdictions"].items():
        if not isinstance(code, str):  # YAML 1.1 reads a bare NO (Norway) as false: quote it
            raise ValueError(f"gazetteer.yaml: jurisdiction key {code!r} is not a string code")
        for name in (*item["names"], *item["demonyms"], *item["capitals"]):
            actors.add(name, Actor("jurisdiction", code))
    for code, name in country_names():
        actors.add(name, Actor("jurisdiction", code), cased=True)
    for bloc in data["blocs"].values():
        for name in bloc["names"]:
            actors.add(name, Actor("bloc", None, members=tuple(bloc["members"])))
    for item in data["authorities"]:
        generic = "type" in item
        actor = Actor(
            "authority",
            item.get("jurisdiction"),
            item["type"] if generic else item["id"],
            generic=generic,
            designates=item.get("designates", True),
        )
        for name in item["names"]:
            actors.add(name, actor)
    lists = tuple(
        ListRule(r["id"], r.get("jurisdiction"), re.compile(r["cue"], re.I) if r.get("cue") else None)
        for r in data["lists"]
    )
    return Gazetteer(actors, lists, _vocabulary(data["vocabulary"]))


def _vocabulary(voc: dict[str, Any]) -> Vocabulary:
    gap = r"[^.;!?]{0,90}?"
    list_noun = voc["list_nouns"]

    def rx(text: str) -> re.Pattern[str]:
        return re.compile(text.replace("{GAP}", gap).replace("{LIST}", list_noun), re.I)

    predicates = tuple(Predicate(p["action"], p["form"], rx(p["pattern"])) for p in voc["predicates"])
    names = [
        "proposal",
        "opinion",
        "negation",
        "stative",
        "past",
        "reporting",
        "attributive_after",
        "attributive_before",
        "pronouns",
        "state_pronouns",
    ]
    return Vocabulary(predicates, **{name: rx(voc[name]) for name in names})


@dataclass(frozen=True, slots=True)
class Organisation:
    """An entity the extractor can name: a built-in id, or the store's id when the store knows it."""

    id: str
    name: str


class EntityGazetteer:
    """Organisation names to look for. Built-in names, plus names from the store when the caller has them.

    A store name equal to a built-in name joins that built-in entity (its id replaces the built-in one),
    so the Russian and English forms the built-in list knows still find the store's entity.
    """

    # Store names shorter than this are too ambiguous in running text ("AL", "IS").
    MIN_NAME_LENGTH = 4

    def __init__(self) -> None:
        self._matcher: PhraseMatcher[Organisation] = PhraseMatcher()
        self._by_key: dict[tuple[str, ...], Organisation] = {}
        self._names: list[tuple[Organisation, str]] = []

    def add(self, organisation: Organisation, name: str) -> None:
        key = _key(name)
        if not key or key in self._by_key:
            return
        self._by_key[key] = organisation
        self._names.append((organisation, name))
        self._matcher.add(name, organisation)

    def find(self, text: str) -> list[Mention[Organisation]]:
        return self._matcher.find(text)

    def __len__(self) -> int:
        return len(self._by_key)

    @classmethod
    def builtin(cls) -> EntityGazetteer:
        gazetteer = cls()
        for item in _data()["organisations"]:
            organisation = Organisation(item["id"], item["name"])
            for name in (item["name"], *item["names"]):
                gazetteer.add(organisation, name)
        return gazetteer

    @classmethod
    def from_names(cls, names: Iterable[tuple[str, str]], *, builtin: bool = True) -> EntityGazetteer:
        """Names from the store, as ``(entity_id, name)`` pairs, on top of the built-in names."""
        pairs = [(eid, name.strip()) for eid, name in names if len(name.strip()) >= cls.MIN_NAME_LENGTH]
        gazetteer = cls()
        if builtin:
            known = cls.builtin()
            # A store id adopts every built-in name of an entity it shares a name with.
            adopted: dict[str, Organisation] = {}
            for entity_id, name in pairs:
                hit = known._by_key.get(_key(name))
                if hit is not None and hit.id not in adopted:
                    adopted[hit.id] = Organisation(entity_id, hit.name)
            for organisation, name in known._names:
                gazetteer.add(adopted.get(organisation.id, organisation), name)
        for entity_id, name in pairs:
            gazetteer.add(Organisation(entity_id, name), name)
        return gazetteer


def _key(name: str) -> tuple[str, ...]:
    return tuple(token_key(t) for t in _TOKEN.findall(name))

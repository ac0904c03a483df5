"""Article text -> designation events, each with the sentence that states it as evidence.

Rule-based and offline: sentences, then predicates, then the entities, jurisdictions and dates attached
to each predicate (see ``predicates`` and ``attach``). An article repeats itself ("Kazakhstan delists
the Taliban" in the headline, the lead and a quote), so mentions of one event are merged: same entity,
jurisdiction and action, and dates that agree (an undated mention agrees with any date). The merged event
keeps the most specific date and the sentence that gave it, which is what a reviewer compares with the
record.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from listwatch.model.dates import PartialDate
from listwatch.news.attach import (
    Attribution,
    assign_entities,
    assign_names,
    attribute,
    pick_date,
    pronoun_position,
)
from listwatch.news.dates import DateMention, find_dates
from listwatch.news.gazetteer import Actor, EntityGazetteer, Gazetteer, Mention, Organisation, load_gazetteer
from listwatch.news.names import (
    ORG_HEADS,
    NameFinder,
    Span,
    fold_name,
    name_id,
    quotations,
    ru_genitive,
    ru_name_start,
)
from listwatch.news.names import title_case as _title_case
from listwatch.news.predicates import PredicateMatch, find_predicates
from listwatch.news.sentences import Sentence, split_sentences

Action = Literal["list", "delist", "proposed_list", "proposed_delist", "maintain"]
ACTIONS: tuple[Action, ...] = ("list", "delist", "proposed_list", "proposed_delist", "maintain")
_CONTEXT_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class NewsEvent:
    entity: str
    entity_id: str
    jurisdiction: str  # ISO 3166 alpha-2, or "UN" / "EU"
    authority: str | None
    list: str | None
    action: Action
    date: PartialDate | None
    evidence: str  # the exact sentence: text[start:end]
    start: int
    end: int
    confidence: float
    mentions: int = 1  # sentences of the article that state this event

    @property
    def key(self) -> tuple[str, str, str]:
        """What a store comparison and the quality bench match on."""
        return (self.entity_id, self.jurisdiction, self.action)

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "entity_id": self.entity_id,
            "jurisdiction": self.jurisdiction,
            "authority": self.authority,
            "list": self.list,
            "action": self.action,
            "date": str(self.date) if self.date else None,
            "evidence": self.evidence,
            "evidence_start": self.start,
            "evidence_end": self.end,
            "confidence": self.confidence,
            "mentions": self.mentions,
        }


def extract_events(
    text: str, published: date | None = None, entities: EntityGazetteer | None = None
) -> list[NewsEvent]:
    """The designation events ``text`` states, merged per event, in order of first mention."""
    gazetteer = load_gazetteer()
    organisations = entities if entities is not None else _builtin_entities()
    sentences = split_sentences(text)
    history: list[tuple[list[Mention[Organisation]], list[str], list[str]]] = []
    mentions: list[NewsEvent] = []
    finder = NameFinder()
    offices: dict[str, str] = {}  # a kind of office -> the state it was of, as the article named it
    seen: dict[str, int] = {}  # how often the article named each entity
    previous: list[NewsEvent] = []
    age = 0  # sentences since ``previous`` was stated
    waiting: list[NewsEvent] = []  # the last act that named no object, for an enumeration after it
    waiting_age = 0
    listing: list[NewsEvent] = []  # the act of a sentence ending in ":", for the items on the lines after
    article_states = _article_states(text, gazetteer)
    for sentence in sentences:
        found, org_mentions, referents, states = _sentence_events(
            sentence, published, gazetteer, organisations, history, finder, offices, seen, article_states
        )
        for mention in org_mentions:
            seen[mention.value.id] = seen.get(mention.value.id, 0) + 1
        # "... on Friday designated two gangs. The agency listed A and B as ...": the act that named no
        # object dates the one that names them.
        found = [_dated_by(e, waiting) for e in found]
        for event in found:  # "ru_supreme_court": later a bare "Верховный суд" is Russia's
            prefix = event.jurisdiction.lower() + "_"
            if event.authority and event.authority.startswith(prefix):
                offices.setdefault(event.authority.removeprefix(prefix), event.jurisdiction)
        if not found and previous and states and _ELLIPSIS.match(sentence.text):
            # "And in Kyrgyzstan by the decision of the ... court on September 15, 2006.": the act again
            when = find_dates(sentence.text, published)
            found = [
                replace(
                    e,
                    jurisdiction=states[0],
                    date=when[0].value if when else None,
                    evidence=sentence.text,
                    start=sentence.start,
                    end=sentence.end,
                    authority=None,
                    confidence=round(max(0.1, e.confidence - 0.2), 2),
                )
                for e in previous
                if e.entity_id and e.jurisdiction != states[0]
            ]
        real = [e for e in found if e.entity_id]
        if not real and listing:
            items = _list_items(sentence, org_mentions, listing)
            if items is not None:
                mentions.extend(items)
                continue
        # "... designated the following:" or "The designated groups are:" (the act of the sentence before)
        colon = sentence.text.rstrip().endswith(":")
        listing = (found or (previous if age < 2 else [])) if colon else []
        if not real and (previous or found or waiting):
            # an act that named no object ("will designate four groups") is what an enumeration names
            acts = waiting if waiting and not found else (previous or found)
            real = _enumerated(sentence, org_mentions, acts)
            named = {e.entity_id for e in real}
            referents = [m for m in org_mentions if m.value.id in named or m in referents]
        # An act without its objects waits two sentences for the enumeration that names them; an
        # enumeration may go on in the next sentence ("They include A. Also on the list are B.").
        enumerated = bool(real) and not found
        waits = _CONTINUES.match(sentence.text) or enumerated or (not real and age < 2)
        carried = previous if waits else []
        age = 0 if found or enumerated else age + 1
        previous = found or carried
        if found and not any(e.entity_id for e in found):
            waiting, waiting_age = found, 0
        else:
            waiting_age += 1
            waiting = waiting if waiting_age <= 2 else []
        mentions.extend(real)
        # Jurisdictions this sentence acted on or named, for the next sentences' "it" and "the country".
        acted = [e.jurisdiction for e in found]
        history.append((referents, list(dict.fromkeys([*acted, *reversed(states)])), [*acted, *states]))
    return merge_events(mentions)


def _dated_by(event: NewsEvent, waiting: Sequence[NewsEvent]) -> NewsEvent:
    if event.date is not None or not event.entity_id or event.action.startswith("proposed"):
        return event  # a proposal's date is often the report's, not the act's
    for act in waiting:
        if act.date is not None and act.action == event.action and act.jurisdiction == event.jurisdiction:
            return replace(event, date=act.date)
    return event


def _article_states(text: str, gazetteer: Gazetteer) -> list[str]:
    """The states an article names, by how often (states and authorities of one state), first named first."""
    counts: dict[str, int] = {}
    for mention in gazetteer.actors.find(text):
        actor = mention.value
        if actor.jurisdiction and actor.designates and actor.kind in ("jurisdiction", "authority"):
            counts[actor.jurisdiction] = counts.get(actor.jurisdiction, 0) + 1
    return sorted(counts, key=lambda code: -counts[code])


# An elliptical sentence that goes on with the act before in another state, with no verb of its own.
_ELLIPSIS = re.compile(r"^\W*(?:and|also|а|и|также)\s+(?:also\s+|также\s+)?(?:in|в|во)\s+[A-ZА-ЯЁ]", re.I)


_BUILTIN: list[EntityGazetteer] = []
_NO_OBJECT = Organisation("", "")


def _builtin_entities() -> EntityGazetteer:
    if not _BUILTIN:
        _BUILTIN.append(EntityGazetteer.builtin())
    return _BUILTIN[0]


def _sentence_events(
    sentence: Sentence,
    published: date | None,
    gazetteer: Gazetteer,
    organisations: EntityGazetteer,
    history: Sequence[tuple[list[Mention[Organisation]], list[str], list[str]]],
    finder: NameFinder,
    offices: Mapping[str, str],
    seen: Mapping[str, int],
    article_states: Sequence[str] = (),
) -> tuple[list[NewsEvent], list[Mention[Organisation]], list[Mention[Organisation]], list[str]]:
    """The sentence's events; every name in it; the names a later pronoun may stand for (known ones,
    and open-class names that were a designation's object); the states it names."""
    text = sentence.text
    quotes = quotations(text)
    # A known name inside a longer quoted one is part of that name: «Аль-Каида в странах исламского Магриба».
    found_actors = gazetteer.actors.find(text)
    # An authority named after a group ("the ISIL and Al-Qaida Sanctions Committee") is not the group.
    authorities = [a for a in found_actors if a.value.kind == "authority"]
    known = [
        m
        for m in organisations.find(text)
        if not _inside_longer_quote(m, quotes) and not any(_contains(a, m) for a in authorities)
    ]
    known = [_longer(m, text, found_actors) for m in known]
    actors = [a for a in found_actors if not any(_overlaps(a, o) for o in known)]
    # A demonym describing the group ("the Venezuelan gang") neither acts nor starts a name.
    descriptive = [a for a in actors if _describes_entity(a, text)]
    actors = [a for a in actors if a not in descriptive]
    # ... unless it begins the name itself: "the Russian Imperial Movement" (not "a Yemeni Shia group").
    descriptive = [
        a for a in descriptive if not _starts_name(a, text) and not _in_name(a, found_actors, text)
    ]
    # A state inside a group's name: "Palestine Action", "the Islamic Renaissance Party of Tajikistan".
    actors = [a for a in actors if not _in_name(a, actors, text)]
    dates = find_dates(text, published)
    predicates = find_predicates(
        text, gazetteer.vocabulary, dated=bool(dates), dates=[(d.start, d.end) for d in dates]
    )
    blocked = [Span(a.start, a.end) for a in (*actors, *descriptive)]
    blocked += [w for p in predicates for w in _edge_words(p)]
    names = finder.find(text, [Span(m.start, m.end) for m in known], blocked)
    actors = [a for a in actors if not any(_overlaps(a, n) for n in names)]
    # "the PKK, in Turkey", "al-Shabaab in Somalia", "Islamic State in Iraq": where the group is.
    named = [*known, *names]
    located = [
        a
        for a in actors
        if a.value.kind == "jurisdiction" and (_located(a, named, text) or _owns_name(a, named, text))
    ]
    actors = [a for a in actors if a not in located]
    all_orgs = sorted([*known, *names], key=lambda m: m.start)
    # "anti-Taliban", "Taliban-run": a name inside a hyphenated modifier is not the thing designated.
    orgs = [m for m in known if not _is_modifier(text, m.start, m.end) and not _describes_person(m, text)]
    names = [m for m in names if not _describes_person(m, text)]
    states = [a.value.jurisdiction for a in actors if a.value.kind == "jurisdiction" and a.value.jurisdiction]
    if not any(p.is_event for p in predicates):
        # A sentence with a predicate and an actor of its own ("the organizations banned by Kyrgyz
        # courts are ...") describes, and lends its names to no earlier act; "The designated groups
        # are: ..." takes up the act before.
        own = (
            bool(predicates)
            and bool(actors or located)
            and not _NEW_ONES.match(text)
            and not _DESIGNATED_ONES.match(text)
        )
        return [], [] if own else all_orgs, known, states
    assigned = assign_entities(orgs, predicates, text)
    places = [(_place_start(a, text), a.end) for a in located]
    # "..., Y from December 2005, Z from May 2004": a dated phrase between items is no new phrase
    places += [(_dated_start(d, text), d.end) for d in dates]
    objects = assign_names(names, predicates, text, known, places)
    for index, found in objects.items():
        assigned.setdefault(index, []).extend(found)
    _gapped_subjects(assigned, predicates, [*orgs, *names], dates, text)
    # A name that a relative pronoun takes up ("организация «X», которую признали ...") may be one too.
    relative = [m for m in names if _RELATIVE_AFTER.match(text[m.end :])]
    objects_ = [m for found in objects.values() for m in found]
    referents = sorted({id(m): m for m in [*known, *objects_, *relative]}.values(), key=lambda m: m.start)
    context = _context(history)
    events: list[NewsEvent] = []
    for index, predicate in enumerate(predicates):
        if not predicate.is_event:
            continue
        targets = [(m.value, 0.0) for m in assigned.get(index, [])]
        if not targets:
            antecedent = _antecedent(predicate, text, referents, history, gazetteer, seen)
            targets = [(antecedent, 0.2)] if antecedent else []
        # An act without its object ("designated four cartels") is kept for an enumeration after it.
        targets = targets or [(_NO_OBJECT, 0.0)]
        date_mention = pick_date(predicate, dates, text, gazetteer.vocabulary)
        attributed = attribute(predicate, actors, text, context, located, offices)
        if not attributed and not context and targets[0][0] is not _NO_OBJECT:
            # Before any sentence has named a state, the state the whole article names most ("the
            # government" of a report that says "Home Office" only later).
            attributed = attribute(predicate, actors, text, article_states[:1], located, offices)
        attributions = [(a, date_mention) for a in attributed]
        attributions += _also_in(predicate, actors, dates, text)
        # "..., а в 2014 году — «Исламское государство»": the act again, its own date and object.
        for mention, when in _gapped(predicate, [*orgs, *names], dates, text):
            targets = [t for t in targets if t[0] != mention.value]
            for attribution in attributed[:1]:
                events.append(_event(mention.value, attribution, predicate, when, sentence, gazetteer, 0.1))
        own_dates = _own_dates(assigned.get(index, []), dates, text)
        for attribution, date_mention in attributions:
            if not attribution.jurisdiction:
                continue
            for organisation, penalty in dict.fromkeys(targets):
                when = own_dates.get(organisation.id, date_mention)
                events.append(
                    _event(organisation, attribution, predicate, when, sentence, gazetteer, penalty)
                )
    return events, all_orgs, referents, states


# "X was first listed from August 2009, Y from December 2005 and Z from May 2004": each its own date
_OWN_DATE = re.compile(r"^[’'\s]*(?:\([^()]{1,40}\)\s*)?(?:from|since|in|on|в|с)\s+$", re.I)


def _gapped_subjects(
    assigned: dict[int, list[Mention[Organisation]]],
    predicates: Sequence[PredicateMatch],
    mentions: Sequence[Mention[Organisation]],
    dates: Sequence[DateMention],
    text: str,
) -> None:
    """ "X was first listed in Australia from August 2009, Y from December 2005, Z and W from May 2004":
    after a subject, its act and a date, each "<name> from <date>" repeats the act for that name."""
    taken = {id(m) for found in assigned.values() for m in found}
    for index, found in list(assigned.items()):
        predicate = predicates[index]
        subject = next((m for m in found if m.end <= predicate.start), None)
        if subject is None or not any(d.start >= predicate.end for d in dates):
            continue
        later = sorted((m for m in mentions if m.start > predicate.end), key=lambda m: m.start)
        gapped: list[Mention[Organisation]] = []
        for position, mention in enumerate(later):
            if id(mention) in taken:
                continue
            dated = any(
                d.start >= mention.end and _OWN_DATE.match(text[mention.end : d.start]) for d in dates
            )
            joined = position + 1 < len(later) and re.match(
                r"^[’'\s]*and\s+$", text[mention.end : later[position + 1].start]
            )
            before = text[max(0, mention.start - 30) : mention.start]
            after_item = re.search(r"(?:,|\band)\s*(?:[A-Z][\w-]*['’]s?\s+)?$", before)
            if after_item and (dated or joined):
                gapped.append(mention)
        if gapped:
            found.extend(gapped)
            taken.update(id(m) for m in gapped)


_DATE_PREPOSITION = re.compile(r"(?:from|since|in|on|в|с)\s+$", re.I)


def _dated_start(when: DateMention, text: str) -> int:
    match = _DATE_PREPOSITION.search(text, max(0, when.start - 8), when.start)
    return match.start() if match else when.start


def _own_dates(
    mentions: Sequence[Mention[Organisation]], dates: Sequence[DateMention], text: str
) -> dict[str, DateMention]:
    """The date right after each of several objects of one predicate, when each has one."""
    if len(mentions) < 2:
        return {}
    out: dict[str, DateMention] = {}
    ordered = sorted(mentions, key=lambda m: m.start)
    following: DateMention | None = None  # the date of the next item, for "Z and W from May 2004"
    for position in range(len(ordered) - 1, -1, -1):
        mention = ordered[position]
        own = next(
            (d for d in dates if d.start >= mention.end and _OWN_DATE.match(text[mention.end : d.start])),
            None,
        )
        joined = position + 1 < len(ordered) and re.match(
            r"^[’'\s]*and\s+$", text[mention.end : ordered[position + 1].start]
        )
        if own is None and following is not None and joined:
            own = following
        if own is not None:
            out[mention.value.id] = own
        following = own
    return out if len(out) >= 2 else {}


_GAPPED = re.compile(r",\s*(?:а|и|and)\s+(?:в|во|in)\s+[^,—–]{1,30}?\s*[—–-]\s*[«\"“]?$", re.I)


def _gapped(
    predicate: PredicateMatch,
    named: Sequence[Mention[Organisation]],
    dates: Sequence[DateMention],
    text: str,
) -> list[tuple[Mention[Organisation], DateMention | None]]:
    """Objects of a gapped clause after the act (", а в 2014 году — X"), each with the date in its gap."""
    out: list[tuple[Mention[Organisation], DateMention | None]] = []
    for mention in named:
        gap = _GAPPED.search(text[predicate.end : mention.start])
        if mention.start < predicate.end or gap is None:
            continue
        lo = predicate.end + gap.start()
        inside = [d for d in dates if lo <= d.start and d.end <= mention.start]
        out.append((mention, inside[0] if inside else None))
    return out


def _event(
    organisation: Organisation,
    attribution: Attribution,
    predicate: PredicateMatch,
    when: DateMention | None,
    sentence: Sentence,
    gazetteer: Gazetteer,
    penalty: float,
) -> NewsEvent:
    return NewsEvent(
        entity=organisation.name,
        entity_id=organisation.id,
        jurisdiction=attribution.jurisdiction,
        authority=attribution.authority,
        list=gazetteer.list_for(attribution.jurisdiction, sentence.text),
        action=predicate.action,  # type: ignore[arg-type]
        date=when.value if when else None,
        evidence=sentence.text,
        start=sentence.start,
        end=sentence.end,
        confidence=_confidence(predicate, attribution.how, penalty),
    )


# "... в Казахстане в декабре 2023 года и в Киргизии в сентябре 2024-го": the act again, elsewhere.
_ALSO_IN = re.compile(r"(?:,\s*|\s+)(?:и|and|а\s+также|as\s+well\s+as)\s+(?:в|во|in)\s+$", re.I)


def _also_in(
    predicate: PredicateMatch, actors: Sequence[Mention[Actor]], dates: Sequence[DateMention], text: str
) -> list[tuple[Attribution, DateMention | None]]:
    """States joined to the act by "and in X (on date)" after it, each with the date that follows it."""
    out: list[tuple[Attribution, DateMention | None]] = []
    for actor in actors:
        code = actor.value.jurisdiction
        if actor.start < predicate.end or actor.value.kind != "jurisdiction" or not code:
            continue
        if not _ALSO_IN.search(text[predicate.end : actor.start]):
            continue
        after = [d for d in dates if 0 <= d.start - actor.end <= 25]
        out.append((Attribution(code, None, "after"), after[0] if after else None))
    return out


# A state's name or demonym that describes the group, not the actor: "a Yemeni Shia group",
# "Somalia-based Al Shabaab", "литовской организации".
_DESCRIBES = re.compile(
    r"^(?:-(?:based|linked|backed)\b|\s+(?:(?:[A-Z][\w-]*|militant|extremist|terrorist|islamist|jihadist|"
    r"armed|separatist|rebel|paramilitary|criminal|nationalist|radical|neo-nazi|[\w-]+(?:ой|ая|ую|ий|ый|ого|ых|ие|ые))"
    r"\s+)?(?:group|organi[sz]ation|movement|militia|"
    r"network|cartel|gang|faction|организаци\w*|группировк\w*|движени\w*|объединени\w*)\b"
    r"(?!\s+(?:list|register|списк\w*|перечн\w*|перечень)))",
    re.I,
)


_RELATIVE_AFTER = re.compile(
    r"^\W{0,3},\s*(?:which|who|которая|который|которое|которые|которую|которого)\b", re.I
)
_LOCATED = re.compile(r"(?:,\s*)?\s(?:in|в)\s+(?:the\s+)?$", re.I)


def _place_start(actor: Mention[Actor], text: str) -> int:
    match = _LOCATED.search(text[: actor.start])
    return match.start() if match else actor.start


def _located(actor: Mention[Actor], named: Sequence[Mention[Organisation]], text: str) -> bool:
    match = _LOCATED.search(text[: actor.start])
    return match is not None and any(m.end == match.start() for m in named)


# "Iran's Islamic Revolutionary Guard Corps", "Yemen's Houthis", "украинский полк «Азов»": the state
# whose group it is, not the one acting.
_OWNS = re.compile(
    r"^(?:['’]s?\s+(?:elite\s+|own\s+)?|\s+(?:полк|батальон|движение|группировк\w*|организаци\w*|"
    r"объединени\w*)\s+|\s+)$",
    re.I,
)


def _owns_name(actor: Mention[Actor], named: Sequence[Mention[Organisation]], text: str) -> bool:
    return any(m.start > actor.end and _OWNS.match(text[actor.end : m.start]) for m in named)


_NAME_HEAD_BEFORE = re.compile(
    r"\b[A-Z][\w'’-]*(?: (?:[A-Z][\w'’-]*|for|the|and|of))* (?P<head>[A-Z][a-z]+) of (?:the )?$"
)
# Heads before "of <state>" that name an office of that state ("the Government of Canada", "the
# Supreme Court of Kazakhstan"); any other head makes the state part of a group's name ("Popular
# Front for the Liberation of Palestine", "Islamic Renaissance Party of Tajikistan").
_OFFICE_HEADS = frozenset(
    """government court ministry minister president parliament republic kingdom people council senate
    assembly state states office department embassy police king queen emir prime chancellor premier
    ambassador secretary citizens parts north south east west central governor attorney prosecutor
    general bank army forces navy""".split()  # noqa: SIM905
)


_RU_NAME_BEFORE = re.compile(r"(?<![.!?]\s)\b(?P<first>[А-ЯЁ][а-яё]+)(?: [а-яё]+){1,3} $")


def _names_group(head: re.Match[str]) -> bool:
    """A head of a group's name, or a name with inner connectors ("Front for the Liberation of"), not
    an office ("the Government of") nor a person ("President Kassym-Jomart Tokayev of")."""
    word = head.group("head").casefold()
    # "and" alone joins two names ("X of Nigeria and Y of Somalia"), not the words of one
    inner = re.search(r" (?:for|the) ", head.group(0)) is not None
    return word in ORG_HEADS or (inner and word not in _OFFICE_HEADS)


def _in_name(actor: Mention[Actor], actors: Sequence[Mention[Actor]], text: str) -> bool:
    if actor.value.kind != "jurisdiction" or not actor.text[:1].isupper():
        return False
    head = _NAME_HEAD_BEFORE.search(text[: actor.start])
    if head and _names_group(head):
        return True
    ru = _RU_NAME_BEFORE.search(text[: actor.start])
    # "Национального альянса Таджикистана": the state closes a Russian name (not "Верховный суд РФ")
    in_ru_name = ru is not None and ru_name_start(ru.group("first")) and ru_genitive(actor.text)
    if ru is not None and in_ru_name:
        return not any(a is not actor and a.end > ru.start() and a.start < actor.start for a in actors)
    follows = re.match(r"^ ([A-Z][a-z]+)\b", text[actor.end :])
    if (
        follows is None
        or actor.start == 0
        or _title_case(text)
        or _NAMED_GROUP_AFTER.match(text[actor.end :])
    ):
        return False
    nxt = actor.end + 1
    return not any(a.start == nxt for a in actors) and follows.group(1).casefold() not in _NOT_NAME_AFTER


# Capitalised words after a state's name that do not make it part of a name ("Russia On Monday").
_NOT_NAME_AFTER = frozenset("on in and or but the a to of for by at as is was has".split())  # noqa: SIM905


_NAMED_GROUP_AFTER = re.compile(
    r"^ (?:[A-Z][\w'’-]*\s+)+(?:group|organi[sz]ation|movement|militia|network|cartel|gang|faction)\b"
)


def _starts_name(actor: Mention[Actor], text: str) -> bool:
    if re.search(r"\b(?:a|an)\s+$", text[: actor.start], re.I):
        return False
    after = text[actor.end :]
    if _NAMED_GROUP_AFTER.match(after):
        return False  # "the Yemeni Storm Division group": the demonym describes the named group
    return re.match(r"^ [A-Z]", after) is not None


def _describes_entity(actor: Mention[Actor], text: str) -> bool:
    return actor.value.kind == "jurisdiction" and _DESCRIBES.match(text[actor.end :]) is not None


# "Hamas leader Yahya Sinwar", "ISIL spokesman Abu Muhammad al-Adnani": the group describes the person.
_TITLE_AFTER = re.compile(
    r"\s+(?:leader|spokesman|spokesperson|commander|chief|founder|co-founder|official|head|emir|ideologue|"
    r"financier|militant|fighter|operative|лидер|главарь|командир|основатель|эмир|боевик)s?\b",
    re.I,
)


# "two members of Hamas", "сторонников «X»": the people are the object, the group describes them.
_MEMBERS_OF = re.compile(
    r"\b(?:members?|supporters?|affiliates?|associates?|fighters?|militants?|operatives?|leaders?|"
    r"commanders?|financiers?)\s+of\s+(?:the\s+)?$|"
    r"\b(?:linked|tied|connected|affiliated|aligned|associated|allied|loyal)\s+(?:to|with)\s+(?:the\s+)?$|"
    r"\b(?:член\w*|сторонник\w*|участник\w*|лидер\w*|главар\w*)\s+(?:\w+\s+)?$",
    re.I,
)


# "three Al Qaida affiliates", "an ISIL offshoot": the group describes another one, not the object.
_AFFILIATE_AFTER = re.compile(
    r"[\s-]+(?:affiliates?|affiliated|offshoots?|splinters?|franchises?|proxies|proxy|branch(?:es)?|"
    r"linked|backed|inspired|allied|филиал\w*|ячейк\w*)\b",
    re.I,
)


def _describes_person(mention: Mention[Organisation], text: str) -> bool:
    return bool(
        _TITLE_AFTER.match(text, mention.end)
        or _MEMBERS_OF.search(text[: mention.start])
        or _AFFILIATE_AFTER.match(text, mention.end)
    )


def _edge_words(predicate: PredicateMatch) -> list[Span]:
    """The first and last words of a predicate ("Removes", "List"): never part of a name."""
    words = list(re.finditer(r"\w+", predicate.text))
    if not words:
        return []
    first, last = words[0], words[-1]
    return [
        Span(predicate.start + first.start(), predicate.start + first.end()),
        Span(predicate.start + last.start(), predicate.start + last.end()),
    ]


def _inside_longer_quote(mention: Mention[Organisation], quotes: Sequence[tuple[int, int, str]]) -> bool:
    return any(
        start <= mention.start
        and mention.end <= end
        and fold_name(inner) != fold_name(mention.text)
        and len(inner.split()) > len(mention.text.split())
        for start, end, inner in quotes
    )


# A sentence that names the objects of the act before it: "The designated groups are: A, B and C",
# "They include X", "Среди них ...".
_ENUMERATION = re.compile(
    r"^\W*(?:(?:the|these|those|they|others|other)\b[^.:;]{0,100}?\b(?:are|include|includes|were)\b|"
    r"(?:also\s+)?(?:on|in|among)\s+(?:the|this|that|its|their)\b[^.:;,]{0,60}?\b(?:are|were)\b|"
    # "(According to X,) the designations apply to A, B and C"
    r"(?:according\s+to\s+[^,]{1,60},\s*)?the\s+(?:\w+\s+)?(?:designations?|listings?|bans?|proscriptions?)\s+"
    r"(?:apply|applies|cover|covers|target|targets|concern|concerns)\s+(?:to\s+)?|"
    r"among\s+(?:them|those|the\s+\w+)\b|(?:среди\s+них|в\s+(?:их|том)\s+числе|это)\b|"
    # "The two designated persons, A, ..., and B, are subject to ...": the names in apposition
    r"the\s+(?:\w+\s+){0,2}?(?:designated|listed|sanctioned|proscribed|banned|added|new)\s+(?:\w+\s+)?"
    r"(?:persons|people|individuals|men|women|groups|organi[sz]ations|entities|cartels|gangs|militias)\s*,)",
    re.I,
)
_DESIGNATED_ONES = re.compile(
    r"^\W*the\s+(?:\w+\s+){0,2}?(?:designated|listed|sanctioned|proscribed|banned)\s", re.I
)
# An enumeration whose subject names the act as new ("Other new terrorist groups listed on ... are"):
# it gives the objects of the act before, not a state of affairs ("the groups banned in X are").
_NEW_ONES = re.compile(
    r"^\W*(?:the\s+|other\s+)?(?:\w+\s+){0,2}?(?:new|newly|latest|additional|recently)\b[^.:;]{0,100}?"
    r"\b(?:are|include|includes|were)\b",
    re.I,
)
# A list item on its own line after "... designated the following:": "- Tren de Aragua", "2. Hasam".
_ITEM = re.compile(
    r"^\s*(?:[-–—•*▪·]|\d{1,2}[.)])\s*(?P<name>[A-ZА-ЯЁ«\"“][^,;:()\n]{1,80}?)\s*(?:[,;(–—-]|$)"
)
# A sentence that goes on with the act before without naming it ("Among them:").
_CONTINUES = re.compile(r"^\W*(?:among\s+them|среди\s+них)\W*$", re.I)


def _enumerated(
    sentence: Sentence, mentions: Sequence[Mention[Organisation]], previous: Sequence[NewsEvent]
) -> list[NewsEvent]:
    """One event per name an enumeration sentence gives, with the act of the sentence before (or of
    its own subject: "The cartels designated Thursday are ...")."""
    cue = _ENUMERATION.match(sentence.text)
    if not cue:
        return []
    text = sentence.text
    # The names follow the copula ("The groups are: A, B"), before any quotation's end or speaker.
    stop = _ENUMERATION_END.search(text, cue.end())
    end = stop.start() if stop else len(text)
    named = [m for m in mentions if cue.end() <= m.start < end and _names_object(m, text)]
    if not named or named[0].start - cue.end() > 60:
        return []
    if _NOT_NAMES_YET.search(text, cue.end(), named[0].start):
        return []  # "These designations are part of a plan with the Global Coalition": no enumeration
    return [event for m in named for event in _acts_on(sentence, m.value, previous)]


_NOT_NAMES_YET = re.compile(
    r"\b(?:part|with|by|from|about|than|because|responsible|blamed|known\s+for)\b", re.I
)
_ENUMERATION_END = re.compile(
    r",[”\"]|[”\"],|\b(?:said|says|told|added|according\s+to|сообщ\w*|заяв\w*)\b", re.I
)


def _names_object(mention: Mention[Organisation], text: str) -> bool:
    """Not a modifier ("anti-Taliban") nor a description of another name ("Al Qaida affiliates")."""
    return not (
        _is_modifier(text, mention.start, mention.end)
        or _describes_person(mention, text)
        or re.match(r"['’]s?\s", text[mention.end : mention.end + 3])  # "Hamas’s military wing"
        or _PLACE_BEFORE.search(text, 0, mention.start) is not None  # "leaders in Southeast Asia"
    )


# A name after these is where the objects are or come from, not one of them.
_PLACE_BEFORE = re.compile(
    r"\b(?:in|from|at|near|across|throughout|based\s+in|active\s+in|operating\s+in)\s+(?:the\s+)?$", re.I
)


_BULLET = re.compile(r"^\s*(?:[-–—•*▪·]|\d{1,2}[.)])\s")


def _list_items(
    sentence: Sentence, mentions: Sequence[Mention[Organisation]], listing: Sequence[NewsEvent]
) -> list[NewsEvent] | None:
    """The events of a list item on its own line after "... has also listed:", or None when the line is
    not an item. An item may name a kind, then its members ("- three Al Qaida affiliates: A, B, and C")."""
    text = sentence.text
    colon = text.find(":")
    bracket = text.find("(")
    if 0 <= bracket < colon:
        colon = -1  # "X (... дата размещения сведений: 18.12.2020)": a colon inside the item's details
    if _BULLET.match(text) and colon > 0:
        named = [m for m in mentions if m.start > colon and _names_object(m, text)]
        return [event for m in named for event in _acts_on(sentence, m.value, listing)]
    item = _ITEM.match(text)
    if item:
        return _item_events(sentence, item.group("name"), listing)
    # A line that is only a name, perhaps with its acronym: "Tren de Aragua (TdA)".
    bare = text.rstrip(" ;,.")
    if mentions and len(mentions) <= 2 and mentions[0].start == 0 and mentions[-1].end >= len(bare) - 8:
        first = mentions[0]
        return _acts_on(sentence, first.value, listing) if _names_object(first, text) else []
    return None


def _item_events(sentence: Sentence, name: str, listing: Sequence[NewsEvent]) -> list[NewsEvent]:
    quoted = re.search(r"\s[а-яёa-z][^«»]*«([^«»]+)»\s*$", name.strip())
    # "Башкирская общественная организация «Башкорт»": the descriptor is not part of the name
    name = quoted.group(1) if quoted else name.strip().strip('«»"“”')
    return _acts_on(sentence, Organisation(name_id(name), name), listing)


def _acts_on(sentence: Sentence, organisation: Organisation, acts: Sequence[NewsEvent]) -> list[NewsEvent]:
    """The acts of ``acts`` (each jurisdiction, action and date once) with ``organisation`` as object."""
    unique = list(dict.fromkeys((e.jurisdiction, e.authority, e.list, e.action, e.date) for e in acts))
    return [
        NewsEvent(
            entity=organisation.name,
            entity_id=organisation.id,
            jurisdiction=jurisdiction,
            authority=authority,
            list=list_id,
            action=action,
            date=when,
            evidence=sentence.text,
            start=sentence.start,
            end=sentence.end,
            confidence=0.6,
        )
        for jurisdiction, authority, list_id, action, when in unique
    ]


def _context(history: Sequence[tuple[list[Mention[Organisation]], list[str], list[str]]]) -> list[str]:
    """The states the article was about, for an act whose sentence names none: those of the last
    sentences first (most recent first), then the article's earlier ones by how often they were named
    ("the Government" of a debate whose country was named a paragraph before, not a state it criticised)."""
    recent = [code for _, codes, _ in reversed(history[-_CONTEXT_SENTENCES:]) for code in codes]
    counts: dict[str, int] = {}
    for _, _, in_order in history[:-_CONTEXT_SENTENCES]:
        for code in dict.fromkeys(in_order):  # acted, then named in the order of the text
            counts[code] = counts.get(code, 0) + 1
    older = sorted(counts, key=lambda code: -counts[code])
    return list(dict.fromkeys([*recent, *older]))


def _antecedent(
    predicate: PredicateMatch,
    text: str,
    in_sentence: Sequence[Mention[Organisation]],
    history: Sequence[tuple[list[Mention[Organisation]], list[str], list[str]]],
    gazetteer: Gazetteer,
    seen: Mapping[str, int] | None = None,
) -> Organisation | None:
    """The organisation a pronoun near the predicate stands for: the last one named before it."""
    position = pronoun_position(predicate, text, gazetteer.vocabulary)
    if position is None:
        return None
    before = [m for m in in_sentence if m.end <= position]
    if before:
        return before[-1].value
    if _WHOLE.match(text, position):
        # "the whole organisation": the one the article is about, named most often.
        counts = seen or {}
        recent = [
            m.value for mentions, _, _ in reversed(history[-_CONTEXT_SENTENCES:]) for m in reversed(mentions)
        ]
        if recent:
            return max(recent, key=lambda o: counts.get(o.id, 0))
    for org_mentions, _, _ in reversed(history[-_CONTEXT_SENTENCES:]):
        if org_mentions:
            return org_mentions[-1].value
    return None


_WHOLE = re.compile(r"the\s+(?:whole|entire)\b", re.I)


def _confidence(predicate: PredicateMatch, how: str, penalty: float) -> float:
    score = 0.9 if predicate.form == "verb" else 0.8
    score -= {"owner": 0.0, "agent": 0.0, "subject": 0.0, "after": 0.1, "context": 0.2, "bloc": 0.3}[how]
    score -= penalty
    return round(max(0.1, min(0.99, score)), 2)


def _is_modifier(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1] in "-‐") or (end < len(text) and text[end] in "-‐")


# After a known name, capitalised words that make a longer one: "Islamic State West Africa Province",
# "Islamic State in the Greater Sahara", "Islamic State - Bangladesh" (not "Islamic State in Libya": a
# group located in a state, nor "Hamas Political Bureau chief", a title).
_LONGER = re.compile(
    r"(?P<join>\s*[-‐–]\s*|\s+in\s+the\s+|\s+)(?P<words>[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)"
)


def _longer(
    mention: Mention[Organisation], text: str, actors: Sequence[Mention[Actor]]
) -> Mention[Organisation]:
    """The known name, or the longer open-class name it begins (a province or branch of its own)."""
    match = _LONGER.match(text, mention.end)
    if match is None or _title_case(text):
        return mention
    words = [w for w in match.group("words").split() if w != "of"]
    stop = next((i for i, w in enumerate(words) if not _name_word(w)), len(words))
    words = words[:stop]
    if not words:
        return mention
    end = match.start("words")
    for word in words:
        end = text.index(word, end) + len(word)
    states = [a for a in actors if a.value.kind == "jurisdiction" and match.start("words") <= a.start < end]
    if states and not re.search("[-‐–]", match.group("join")):
        return mention  # "the Taliban in Afghanistan", "Hamas Gaza": where it is, not a new name
    name = text[mention.start : end]
    return Mention(mention.start, end, name, Organisation(name_id(name), name))


def _name_word(word: str) -> bool:
    bare = word.rstrip("’'s").casefold() if word.endswith(("’s", "'s")) else word.casefold()
    return not (bare in _LONGER_STOP or bare in _NOT_NAME_AFTER or re.search(r"[а-яё]", bare) is not None)


_LONGER_STOP = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december leader leaders chief spokesman commander founder head
    emir official officials militants fighters members member sanctions committee list lists council
    government regime movement's group's said says told on in and or but the a to of for by at as is was
    has have had were are be been will would also it its they their this that these those
    """.split()  # noqa: SIM905
)


def _contains(actor: Mention[Actor], org: Mention[Organisation]) -> bool:
    return actor.start <= org.start and org.end <= actor.end and actor.end - actor.start > org.end - org.start


def _overlaps(actor: Mention[Actor], org: Mention[Organisation]) -> bool:
    return actor.start < org.end and org.start < actor.end


def merge_events(events: Sequence[NewsEvent]) -> list[NewsEvent]:
    """One event per entity, jurisdiction and action among mentions whose dates agree."""
    merged: list[NewsEvent] = []
    for event in events:
        for i, kept in enumerate(merged):
            if kept.key == event.key and _dates_agree(kept.date, event.date):
                merged[i] = _combine(kept, event)
                break
        else:
            merged.append(event)
    return merged


def _dates_agree(a: PartialDate | None, b: PartialDate | None) -> bool:
    if a is None or b is None:
        return True
    return str(a).startswith(str(b)) or str(b).startswith(str(a))


def _combine(kept: NewsEvent, new: NewsEvent) -> NewsEvent:
    def rank(e: NewsEvent) -> tuple[int, float]:
        precision = 0 if e.date is None else len(str(e.date))
        return (precision, e.confidence)

    best = new if rank(new) > rank(kept) else kept
    return replace(
        best,
        confidence=max(kept.confidence, new.confidence),
        authority=best.authority or kept.authority or new.authority,
        mentions=kept.mentions + new.mentions,
    )

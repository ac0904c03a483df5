"""Attaching entities, jurisdictions and dates to a predicate, by proximity and a few syntax cues.

No parser is available offline, so the cues are the ones news English and Russian use most: the list's
owner ("from Russia's list"), the agent ("by the U.S. Department of State"), the subject (the nearest
jurisdiction or authority before the verb), and, failing those, the state the previous sentences were
about ("On Monday, it removed ..."). Each fallback lowers the event's confidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from listwatch.news.dates import DateMention
from listwatch.news.gazetteer import Actor, Mention, Organisation, Vocabulary
from listwatch.news.predicates import PredicateMatch

# Between an entity and its predicate: a new clause with its own verb ("..., which encourages groups
# like TTP"). "as" and "such as" are not here: "designated X as ..., along with Y" keeps Y.
_ENTITY_BLOCK = re.compile(
    r"\b(?:which|that|who|whose|because|but|although|though|while|despite|whereas|"
    r"который|которая|которое|которые|потому|но|хотя|однако)\b|[;:]",
    re.I,
)
_ENTITY_REACH = 260
_COUNTED_OBJECT = re.compile(
    r"\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|dozens|двух|трех|трёх|"
    r"четырех|пяти|шести|несколько)\s+(?:new\s+|more\s+)?[a-zа-яё]",
    re.I,
)
_PARTICIPLE_APPOSITION = re.compile(
    r"^\s*,\s+(?:\w+ed|known|founded|led|based|seen|described)\b[^,;:]{0,120},\s*", re.I
)
_RELATIVE_CLAUSE = re.compile(
    r"^\s*,\s*(?:which|who|который|которая|которое|которые)\b[^;:,]*(?:,[^;:,]*)?,\s*(?=\w+\s*$|\w+\s+\w+\s*$)",
    re.I,
)
# Between an act and a state after it: another clause, whose subject that state is.
_SUBORDINATE = re.compile(
    r"\b(?:which|who|that|after|before|when|while|joining|because|since|unlike|whereas|"
    r"который|которая|которые|после|когда|хотя)\b",
    re.I,
)
_NEW_CLAUSE = re.compile(r",\s+(?:and|but)\s|;", re.I)
_PRIOR = re.compile(r"\b(?:follows|followed|earlier|previous|previously|prior)\b", re.I)
_CAUSE = re.compile(
    r"\b(?:in\s+response\s+to|in\s+retaliation\s+for|following|after|amid|because\s+of|в\s+ответ\s+на|после)\b",
    re.I,
)
_NOT_SUBJECT = re.compile(r"\b(?:with|towards?|against|into|from|between|и|с|со|против)\s+(?:the\s+)?$", re.I)
_POSSESSIVE = re.compile(r"^\s*['’]s?\b")
# The owner's possessive names a list ("Russia's list", "Kazakhstan's terrorist list"), not the
# entity's home ("puts Iran's Revolutionary Guards on ...").
_OWNED_LIST = re.compile(
    r"^\s*['’]s?\s+(?:[a-z-]+\s+){0,3}?(?:list|lists|register|registry|roster|blacklist|ban)\b"
)
_LIST_END = re.compile(
    r"\b(?:list|lists|register|registry|roster|blacklist|списк\w*|перечн\w*|реестр\w*)$", re.I
)
_LIST_OF = re.compile(r"^\s+(?:in|of|в|во)\s+(?:the\s+)?$", re.I)
_BY = re.compile(r"\b(?:by|по\s+решению|решением)\b[^,;.]{0,30}$", re.I)
_MEMBERS = re.compile(r"^\W*(?:\w+\s+){0,1}(?:member|members|member\s+states|государств\w*|стран\w*)", re.I)
_COORDINATION = re.compile(r"^\s*(?:,\s*(?:and\s+|и\s+)?|and\s+|и\s+|or\s+|или\s+)$", re.I)


@dataclass(frozen=True, slots=True)
class Attribution:
    jurisdiction: str
    authority: str | None
    how: str  # owner | agent | subject | after | context | bloc


def assign_entities(
    entities: Sequence[Mention[Organisation]], predicates: Sequence[PredicateMatch], text: str
) -> dict[int, list[Mention[Organisation]]]:
    """Each entity mention goes to its nearest predicate in the same clause chain (by predicate index)."""

    def reaches(mention: Mention[Organisation], predicate: PredicateMatch) -> bool:
        if _OWNER_OF_NAME.match(text, mention.end):
            return False  # "Hamas’ Izz al-Din al-Qassam Brigades": the owner describes the named object
        distance = _distance(mention.start, mention.end, predicate.start, predicate.end)
        between = _between(mention.start, mention.end, predicate, text)
        if mention.start >= predicate.end and ":" in between:
            # "designated four groups as terrorist entities: The Base, ..., and the Houthis"
            between = between.rsplit(":", 1)[-1].replace(";", ",")
        if mention.end <= predicate.start:
            if _COUNTED_OBJECT.match(text, predicate.end) and " " not in predicate.text.strip():
                return False  # "took a line against ISIL, blacklisting six people": the six are the object
            # "The Taliban, which is banned in ..., has been removed": the relative clause is set apart
            between = _RELATIVE_CLAUSE.sub(" ", between)
        return distance <= _ENTITY_REACH and not (distance > 0 and _ENTITY_BLOCK.search(between))

    return _nearest(entities, predicates, reaches, text)


def _nearest(
    mentions: Sequence[Mention[Organisation]],
    predicates: Sequence[PredicateMatch],
    fits: Callable[[Mention[Organisation], PredicateMatch], bool],
    text: str = "",
) -> dict[int, list[Mention[Organisation]]]:
    """Each mention goes to the nearest predicate it ``fits``, by predicate index. A predicate inside
    brackets ("(организация запрещена в России)", boilerplate) takes no object outside them."""
    assigned: dict[int, list[Mention[Organisation]]] = {}
    brackets = [(m.start(), m.end()) for m in _BRACKETS.finditer(text)] if text else []
    for mention in mentions:
        best: tuple[int, int] | None = None
        for index, predicate in enumerate(predicates):
            inside = [b for b in brackets if b[0] <= predicate.start and predicate.end <= b[1]]
            if any(not (b[0] <= mention.start and mention.end <= b[1]) for b in inside):
                continue
            if not fits(mention, predicate):
                continue
            distance = _distance(mention.start, mention.end, predicate.start, predicate.end)
            if best is None or distance < best[0]:
                best = (distance, index)
        if best is not None:
            assigned.setdefault(best[1], []).append(mention)
    return assigned


def pronoun_position(predicate: PredicateMatch, text: str, vocabulary: Vocabulary) -> int | None:
    """Where a pronoun standing for the organisation sits near the predicate ("it was designated")."""
    lo = max(0, predicate.start - 30)
    window = text[lo : predicate.end + 30]
    match = vocabulary.pronouns.search(window)
    return lo + match.start() if match else None


def attribute(
    predicate: PredicateMatch,
    actors: Sequence[Mention[Actor]],
    text: str,
    context: Sequence[str],
    located: Sequence[Mention[Actor]] = (),
    offices: Mapping[str, str] | None = None,
) -> list[Attribution]:
    """The jurisdiction(s) acting in ``predicate``; ``context``: jurisdictions of earlier sentences;
    ``located``: states named as where a group is ("al-Shabaab in Somalia"), the last resort;
    ``offices``: the state each kind of office had earlier in the article ("Верховный суд России", then
    "Верховный суд" alone)."""
    usable = [a for a in actors if a.value.designates]
    # 1. The list's owner, inside the predicate: "from Russia's list", "Kazakhstan's list".
    for mention in usable:
        inside = predicate.start <= mention.start < predicate.end
        if inside and mention.value.kind == "jurisdiction" and _OWNED_LIST.match(text[mention.end :]):
            return [Attribution(mention.value.jurisdiction or "", None, "owner")]
    # ... or right after it: "removed from the terror groups' list in Kazakhstan", "the list of Russia".
    if _LIST_END.search(predicate.text):
        for mention in usable:
            gap = text[predicate.end : mention.start]
            if mention.value.kind == "jurisdiction" and mention.value.jurisdiction and _LIST_OF.match(gap):
                return [Attribution(mention.value.jurisdiction, None, "owner")]
    # 2. The agent after the predicate: "designated ... by the U.S. Department of State".
    for mention in usable:
        if mention.start >= predicate.end and _BY.search(text[predicate.end : mention.start]):
            found = _resolve(mention, usable, text, "agent")
            if found:
                return found
    # 3. The subject: the nearest actor before the predicate; 4. else the nearest after it.
    before = [m for m in usable if m.end <= predicate.start and not _NOT_SUBJECT.search(text[: m.start])]
    after = [m for m in usable if m.start >= predicate.end]
    # A generic authority with no state beside it ("the Supreme Court") yields to another subject that
    # has one ("Генпрокуратура РФ обратилась в Верховный суд"), else takes the article's state.
    generic: str | None = None
    for mention, how in [*((m, "subject") for m in reversed(before)), *((m, "after") for m in after)]:
        if how == "after" and generic and (context or generic in (offices or {})):
            break
        clause = text[predicate.end : mention.start].rsplit(",", 1)[-1]  # the clause the state is in
        if how == "after" and context and _SUBORDINATE.search(clause):
            break  # "designated, joining others put on the list after the UN identified them": not the actor
        found = _resolve(mention, usable, text, how)
        if found:
            return found
        generic = generic or (mention.value.authority if mention.value.generic else None)
    # An authority or list inside the predicate's own words: "в Федеральный список экстремистских
    # организаций добавлена", "added to Canada's Criminal Code list".
    for mention in usable:
        if predicate.start <= mention.start < predicate.end and mention.value.jurisdiction:
            found = _resolve(mention, usable, text, "owner")
            if found:
                return found
    state = (offices or {}).get(generic or "") or (context[0] if context else None)
    if generic and state:
        return [Attribution(state, f"{state.lower()}_{generic}", "context")]
    # 5. The state the article was just talking about ("the Central Asian nation", "it").
    if context:
        return [Attribution(context[0], None, "context")]
    for mention in located:
        if mention.start >= predicate.end and mention.value.jurisdiction:
            return [Attribution(mention.value.jurisdiction, None, "after")]
    return []


def _resolve(
    mention: Mention[Actor], actors: Sequence[Mention[Actor]], text: str, how: str
) -> list[Attribution]:
    actor = mention.value
    if actor.kind == "bloc":
        if _MEMBERS.match(text[mention.end :]):
            return [Attribution(code, None, "bloc") for code in actor.members]
        return []
    if actor.kind == "authority":
        jurisdiction = actor.jurisdiction or _adjacent_jurisdiction(mention, actors, text)
        if jurisdiction is None:
            return []
        authority = f"{jurisdiction.lower()}_{actor.authority}" if actor.generic else actor.authority
        return [Attribution(jurisdiction, authority, how)]
    codes = [actor.jurisdiction or ""]
    codes += [m.value.jurisdiction or "" for m in _coordinated(mention, actors, text)]
    authority = _authority_near(mention, actors, text)
    return [
        Attribution(code, authority if i == 0 else None, how) for i, code in enumerate(dict.fromkeys(codes))
    ]


def _adjacent_jurisdiction(
    mention: Mention[Actor], actors: Sequence[Mention[Actor]], text: str
) -> str | None:
    """ "Kazakhstan's Supreme Court", "the Supreme Court of Kazakhstan", "Kazakh President"."""
    best: tuple[int, str] | None = None
    for other in actors:
        if other.value.kind != "jurisdiction" or other is mention:
            continue
        between = (
            text[other.end : mention.start] if other.end <= mention.start else text[mention.end : other.start]
        )
        if len(between) > 25 or re.search(r"[,;.:]", between):
            continue
        if best is None or len(between) < best[0]:
            best = (len(between), other.value.jurisdiction or "")
    return best[1] if best else None


def _authority_near(mention: Mention[Actor], actors: Sequence[Mention[Actor]], text: str) -> str | None:
    for other in actors:
        if other.value.kind == "authority" and other.value.generic:
            between = _between(mention.start, mention.end, other, text)
            if len(between) <= 25 and not re.search(r"[,;.:]", between):
                return f"{(mention.value.jurisdiction or '').lower()}_{other.value.authority}"
    return None


def _coordinated(
    mention: Mention[Actor], actors: Sequence[Mention[Actor]], text: str
) -> list[Mention[Actor]]:
    """ "Russia, Kyrgyzstan and Tajikistan banned ...": every state in the coordination acts."""
    states = sorted((m for m in actors if m.value.kind == "jurisdiction"), key=lambda m: m.start)
    index = states.index(mention)
    group: list[Mention[Actor]] = []
    i = index
    while i > 0 and _COORDINATION.match(text[states[i - 1].end : states[i].start]):
        i -= 1
        group.append(states[i])
    j = index
    while j + 1 < len(states) and _COORDINATION.match(text[states[j].end : states[j + 1].start]):
        j += 1
        group.append(states[j])
    return group


def pick_date(
    predicate: PredicateMatch, dates: Sequence[DateMention], text: str, vocabulary: Vocabulary
) -> DateMention | None:
    """The date nearest the predicate that no reporting verb separates from it."""
    best: tuple[int, DateMention] | None = None
    for mention in dates:
        lo, hi = (
            (mention.end, predicate.start)
            if mention.end <= predicate.start
            else (predicate.end, mention.start)
        )
        distance = max(0, hi - lo)
        if distance and vocabulary.reporting.search(text[lo:hi]):
            continue
        if predicate.form == "noun" and distance > 40:
            continue
        # A date in a coordinated clause after the act dates that clause ("listed X, and in 2022 denied
        # entry to ..."); one across a relative clause's edge is taken only when nothing nearer in the
        # clause is ("founded in 2015 by X, who was designated in 2020").
        if distance and mention.start >= predicate.end and _NEW_CLAUSE.search(text[lo:hi]):
            continue
        if distance and mention.end <= predicate.start and _PRIOR.search(text[lo:hi]):
            continue  # "was made on Thursday and follows the earlier order labeling X": before that date
        if distance and mention.start >= predicate.end and _CAUSE.search(text[lo:hi]):
            continue  # "listed ... in response to the attacks on October 7": the attacks' date
        if distance and _ENTITY_BLOCK.search(text[lo:hi]):
            distance += 1000
        if best is None or distance < best[0]:
            best = (distance, mention)
    return best[1] if best else None


def _masked(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` with the names in ``spans`` blanked out."""
    chars = list(text[start:end])
    for s, e in spans:
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = " "
    return "".join(chars)


def _between(start: int, end: int, other: PredicateMatch | Mention[Actor], text: str) -> str:
    if end <= other.start:
        return text[end : other.start]
    if other.end <= start:
        return text[other.end : start]
    return ""


def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    if a_end <= b_start:
        return b_start - a_end
    if b_end <= a_start:
        return a_start - b_end
    return 0


# Before an open-class name after the predicate: the agent or a speaker, not the object.
_AGENT_BEFORE = re.compile(
    r"\b(?:by|said|says|told|according\s+to|announced|reported|reports|writes|wrote|quot\w*|цитиру\w*|заявил\w*|сообща\w*|"
    r"сообщил\w*|сказал\w*|рассказал\w*|пишет|передает|передаёт|по\s+словам|по\s+данным|"
    r"(?:в\s+)?(?:интервью|беседе\s+с)|издани\w*|газет\w*|агентств\w*|телеканал\w*|портал\w*|"
    r"newspaper|outlet|broadcaster|channel|interview\s+with)\b[^,;:()]{0,40}$",
    re.I,
)
# An alias of the item before ("including its aliases X, Y"; "also known as X").
_ALIAS_BEFORE = re.compile(
    r"(?:\bincluding\s+(?:its\s+)?alias\w*|\balso\s+known\s+as|\ba\.?k\.?a\.?)[^;]*$", re.I
)
# Between a name and a predicate after it, when the name is the predicate's object: auxiliaries and
# adverbs ("X has also been designated"), or, in Russian, nothing ("«Х» исключили из списка").
_LINK_WORD = (
    r"(?:was|were|is|are|be|been|being|has|have|had|will|would|also|already|now|officially|formally|first|"
    r"previously|earlier|then|just|был\w*|будет|будут|также|официально|уже|тоже|ранее)"
)
_PASSIVE_LINK = re.compile(
    rf"^[\s*»\"”’')]*(?:\([^()]*\)\s*)?,?\s*(?:,[^,]{{0,80}},\s*)?(?:{_LINK_WORD}\s+)*$", re.I
)
# "the IRGC’s overseas arm": a possessor describes the object; "X said": a speaker.
_POSSESSOR = re.compile(r"^['’]s?\s")
_OWNER_OF_NAME = re.compile(r"['’]s?\s+(?:[a-z]+\s+)?[A-Z]")
# A speaker: "X said", "X, the foreign minister, said", "X заявил"; in Russian the speaker follows the
# verb after a comma ("«X», сообщил адвокат"), so a comma there ends the reported clause instead.
_SPEAKER_AFTER = re.compile(
    r"^\W{0,3}(?:,\s+(?:the\s+|a\s+)?[^,;:]{1,60},\s*)?(?:(?:has|have|had)\s+)?(?:said|says|told|stated|added|"
    r"noted|explained|announced|wrote)\b|^[»\"”]?\s+(?:заявил\w*|сказал\w*|сообщил\w*|отметил\w*)\b",
    re.I,
)
# Prepositions and conjunctions that open another phrase after a verb's object.
_PHRASE_BREAK = re.compile(
    r"\b(?:in|on|at|for|amid|after|over|against|with|from|since|during|under|because|into|of|by|about|"
    r"following|before|across|through|toward|towards|while|when|day|в|во|на|по|за|для|из|от|к|при|после|"
    r"против|с|со|о|об|у|до|через|между|когда)\b",
    re.I,
)
_COORDINATION_WORDS = re.compile(
    r"\b(?:and|or|the|including|и|или|а\s+также|cartel|group|gang|movement|organi[sz]ation|network|"
    r"collective|militia|brigades?)\b|,(?=\s|$)",
    re.I,
)
_OBJECT_OF = re.compile(r"^\s*(?:of|on|against)\b", re.I)
_COPULA_END = re.compile(r",\s*(?:is|are)\s+$")
_COORDINATED = re.compile(r"\b(?:along|together)\s+with\b|\bas\s+well\s+as\b", re.I)
_APPOSITION = re.compile(r",\s+(?:a|an|one\s+of|part\s+of)\s+[^,;:]*$", re.I)
_AUXILIARY = re.compile(r"\b(?:was|were|is|are|be|been|being)\b", re.I)
_NAME_REACH = 160
_BRACKETS = re.compile(r"\([^()]*\)")
_INNER_RELATIVE = re.compile(
    r",\s*(?:which|who|который|которая|которое|которые)\b[^;:,]*,\s*(?=(?:and|or|и|или)\s)", re.I
)
_NAME_BLOCK = re.compile(
    r"\b(?:which|that|who|whose|because|but|although|though|while|despite|whereas|"
    r"который|которая|которое|которые|потому|но|хотя|однако)\b",
    re.I,
)


def assign_names(
    names: Sequence[Mention[Organisation]],
    predicates: Sequence[PredicateMatch],
    text: str,
    known: Sequence[Mention[Organisation]] = (),
    places: Sequence[tuple[int, int]] = (),
) -> dict[int, list[Mention[Organisation]]]:
    """Each open-class name goes to the nearest predicate whose object it can be (``is_object``);
    ``known``: the gazetteer's names in the sentence, and ``places`` the "in Somalia" after a name, which
    may stand between a predicate and a name (an enumeration)."""
    spans = [(m.start, m.end) for m in (*names, *known)] + list(places)
    # A list's name ("the list of proscribed organisations") has no object to claim.
    return _nearest(
        names,
        predicates,
        lambda mention, predicate: (
            predicate.status != "attributive" and is_object(mention, predicate, text, spans)
        ),
        text,
    )


def is_object(
    mention: Mention[Organisation],
    predicate: PredicateMatch,
    text: str,
    names: Sequence[tuple[int, int]] = (),
) -> bool:
    """Does the name stand where the predicate's object stands? Inside its span ("removed X from the
    list"), after it in the same clause and in no other phrase ("listed X as", "are: X, Y; Z", but not
    "attacks on shipping in the Red Sea"), or before a passive one. ``names``: the sentence's name spans,
    which may sit between (an enumeration)."""
    after = text[mention.end :]
    if _POSSESSOR.match(after) or _SPEAKER_AFTER.match(after):
        return False
    if predicate.start <= mention.start and mention.end <= predicate.end:
        return True
    if mention.start >= predicate.end:
        # "listed the X coalition, which consists of ..., and the Y gang": the clause is set apart
        between = _INNER_RELATIVE.sub(" ", text[predicate.end : mention.start])
        enumeration = ":" in between
        if len(between) > (3 * _NAME_REACH if enumeration else _NAME_REACH):
            return False
        if _AGENT_BEFORE.search(between) or _ALIAS_BEFORE.search(between):
            return False
        if enumeration and re.search(r"\b(?:including|formerly)\b", re.split(r"[:;]", between)[-1]):
            return False  # "Hasam, including Harakat Hasm": an item's other names (not "including: X")
        if _APPOSITION.search(between):
            return False  # "the IRGC, a branch of Iran's Armed Forces": a description of the object
        blocked = _NAME_BLOCK.search(between) or (not enumeration and re.search(r"[;:]", between))
        if blocked:
            return False
        # Another phrase starts between them: the name is not the verb's object.
        own = _masked(text, predicate.end, mention.start, names)
        own = _INNER_RELATIVE.sub(" ", own).rsplit(":", 1)[-1]
        own = _OBJECT_OF.sub("", own)  # "the designation of X", "the ban on X"
        if _COPULA_END.search(own):
            return True  # "The group we propose to add to the list ..., is Feuerkrieg Division"
        return not _PHRASE_BREAK.search(_COORDINATED.sub(" ", own))
    between = _RELATIVE_CLAUSE.sub(" ", text[mention.end : predicate.start])
    # "The Sinaloa Cartel, the Jalisco cartel and Tren de Aragua were designated": coordinated names.
    masked = _RELATIVE_CLAUSE.sub(" ", _masked(text, mention.end, predicate.start, names))
    masked = _PARTICIPLE_APPOSITION.sub(" ", masked)  # "X, described by Y as a cell, was labeled"
    reduced = _COORDINATION_WORDS.sub(" ", masked)
    if len(between) > 160 or not _PASSIVE_LINK.match(re.sub(r"\s+", " ", reduced)):
        return False
    # English needs its auxiliary ("X was listed"); "X listed Y" makes X the subject.
    cyrillic = re.search(r"[а-яё]", text[predicate.start : predicate.end], re.I) is not None
    return cyrillic or _AUXILIARY.search(between) is not None

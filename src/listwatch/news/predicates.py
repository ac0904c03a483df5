"""Designation predicates in a sentence: where the text says something was listed, removed or kept.

A predicate is found by the vocabulary's patterns, then classified by its left context: an opinion ("should
be removed"), a negation ("has never been listed"), a state of affairs ("is prohibited in", "still lists"),
a name of a list ("list of banned organizations"), a proposal ("recommended ... be removed", "is going to
exclude") or an act. Only acts and proposals become events; the others still claim the entities near
them, so that "the Taliban remain listed" does not lend its entity to another predicate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from listwatch.news.gazetteer import Vocabulary

# Where a clause starts, looking left from a predicate: the modality of one clause stops there.
_CLAUSE_BREAK = re.compile(r"[;:—–()«»“”\"]|,\s")
_WINDOW = 80
_SUBJUNCTIVE = re.compile(r"\bbe\s+$", re.I)
# A headline's future: "Kazakhstan to exclude Taliban" (a capitalised name, then a bare "to").
_HEADLINE_TO = re.compile(
    r"^\W*(?:[A-ZА-ЯЁ][\w’'-]*\s+){0,2}(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b)[A-ZА-ЯЁ][\w’'-]*\s+to\s+$"
)
_PRESENT_PASSIVE = re.compile(r"\b(?:is|are|am)\s+(?:\w+\s+)?$", re.I)
_EN_PARTICIPLE = re.compile(r"^\w+(?:ed|en)$", re.I)
_RU_PARTICIPLE = re.compile(r"^\w+(?:ен|ена|ено|ены|ан|ана|ано|аны|ят|ята|ято|яты)$", re.I)
_DETERMINER = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Tt]his|[Tt]hese|[Tt]hose|other|all)\s+(?:[a-z-]+\s+)?$"
)
_ANAPHORIC = re.compile(r"\b(?:[Tt]hese|[Tt]hose|[Ss]uch|[Tt]he\s+latest|эти|этих|такие)\s+(?:\w+\s+)?$")
_PLURAL_NOUN = re.compile(r"^\w+(?:ions|ings|ments|als|ия|ии|ий)$", re.I)
_RU_NOUN_ACT = re.compile(r"^(?:признани|запрет|запрещени|включени|внесени)\w*$", re.I)
# "обратилась в суд с иском о признании X экстремистской (и запрещении ...)": the act applied for
_COURT_APPLICATION = re.compile(
    r"\b(?:иск\w*|заявлени\w*|обрати\w*|обращени\w*|требовани\w*|ходатайств\w*)\b[^.!?]{0,160}\bо\s+"
    r"(?:[^.!?]{0,160}\s(?:и|а\s+также)\s+)?$",
    re.I,
)
_CONDITION = re.compile(r"\b(?:if|unless|whether|в\s+случае|если|бы)\b", re.I)
# "the order, which will see the Wagner Group ... proscribed": the act is to come
_WILL_SEE = re.compile(r"\b(?:will|would|shall)\s+(?:see|make|mean)\b[^.;:]{0,100}$", re.I)
_DEMAND = re.compile(r"\b(?:требу\w*|потребова\w*|demand\w*|asking|asked)\b", re.I)
_PROSECUTION = re.compile(
    r"\b(?:прокурор\w*|прокуратур\w*|генпрокур\w*|prosecutor\w*|attorney\s+general)\b", re.I
)
# "the agency listed the X": after a participle, a determiner or a number starts its object
_OBJECT_AFTER = re.compile(
    r"\s+(?:the|an?|its|their|two|three|four|five|six|seven|eight|nine|ten|\d+)\s", re.I
)
_RU_FULL_PARTICIPLE = re.compile(
    r"^\w+[её]нн(?:ый|ой|ая|ое|ые|ых|ую|ого|ому|ым|ыми|ом)$|^\w+[ая]нн(?:ых|ыми|ым)$", re.I
)
_RU_PAST_AUX = re.compile(r"\b(?:был|была|было|были)\b", re.I)
_STILL = re.compile(
    r"\b(?:still|remain\w*|continu\w+\s+to|(?:has|have)\s+long\s+been|по-прежнему|до\s+сих\s+пор|"
    r"оста[её]т\w*|остаются|продолжа\w*)\b",
    re.I,
)
_NEGATION_REACH = 30
_CALL = re.compile(r"\b(?:call\w*\s+(?:on|for|upon)|urg\w*|призва\w*|призыва\w*)\b", re.I)
_PARLIAMENT = re.compile(
    r"\b(?:House\s+of\s+Commons|House\s+of\s+Lords|parliament\w*|MPs|lawmakers|legislators|Congress|Senate|"
    r"motion|resolution|Госдум\w*|депутат\w*|парламент\w*)\b",
    re.I,
)
_MODAL_BEFORE = re.compile(r"\b(?:[Cc]an|may|might)\s+(?:\w+\s+){0,2}$")  # "May" is a month
# A verb between a negation and a removal: the negation is that verb's ("did not announce the removal").
_OTHER_VERB = re.compile(r"\b(?:announc|confirm|comment|disclos|publish|explain|say|said|report)\w*\b", re.I)
_GERUND_SUBJECT = re.compile(r"^\W*$")
# "are to be added": an act announced for the future.
_TO_BE = re.compile(r"\b(?:is|are)\s+(?:\w+\s+)?to\s+be\s+$", re.I)
# A proposal that a body with the power to decide granted: the act itself.
_APPROVED = re.compile(
    r"\b(?:approv(?:ed|es)|adopted|passed|endorsed|granted|upheld|удовлетвори\w*|одобри\w*|утверди\w*)\b"
    r"[^,;]{0,60}?\b(?:motion|order|resolution|recommendation|request|petition|application|suit|lawsuit|"
    r"иск\w*|ходатайств\w*|требовани\w*|представлени\w*|заявлени\w*)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class PredicateMatch:
    action: str  # list | delist | maintain | proposed_list | proposed_delist
    form: str  # verb | noun
    start: int
    end: int
    status: str  # act | opinion | negated | stative | attributive
    text: str

    @property
    def is_event(self) -> bool:
        return self.status == "act"


def find_predicates(
    sentence: str, vocabulary: Vocabulary, *, dated: bool, dates: Sequence[tuple[int, int]] | None = None
) -> list[PredicateMatch]:
    """The predicates of one sentence, left to right. ``dated``: the sentence states a date; ``dates``:
    where (a Russian full participle is dated only by a date in its own phrase)."""
    folded = sentence.replace("ё", "е").replace("Ё", "Е").replace("’", "'")
    raw: list[tuple[int, int, str, str]] = []
    for predicate in vocabulary.predicates:
        for match in predicate.pattern.finditer(folded):
            raw.append((match.start(), match.end(), predicate.action, predicate.form))
    # A predicate inside a longer one is part of it ("banned" in "removed from its list of banned ...").
    kept = [
        r
        for i, r in enumerate(raw)
        if not any(
            (o[0] <= r[0] and r[1] <= o[1]) and (o[1] - o[0] > r[1] - r[0] or j < i)
            for j, o in enumerate(raw)
            if j != i
        )
    ]
    # "revoked the designation of X": the noun is the verb's object, not a listing of its own.
    kept = [
        r
        for r in kept
        if not (r[3] == "noun" and any(o[3] == "verb" and o[0] < r[0] < o[1] for o in kept if o is not r))
    ]
    question = sentence.rstrip().rstrip("\"'”’»)").endswith("?")
    found = []
    for start, end, action, form in sorted(kept):
        near = dated if dates is None else any(start - 40 <= e and s <= end + 40 for s, e in dates)
        status, action = _classify(folded, start, end, action, vocabulary, dated=dated, near=near)
        if question and status == "act":
            status = "opinion"
        found.append(PredicateMatch(action, form, start, end, status, sentence[start:end]))
    return found


def _classify(
    text: str, start: int, end: int, action: str, voc: Vocabulary, *, dated: bool, near: bool
) -> tuple[str, str]:
    left_all = text[:start]
    clause = _clause(left_all)
    head = text[start:end].split()[0] if text[start:end].split() else ""
    if action != "maintain" and _is_attributive(text, start, end, head, voc):
        return "attributive", action
    if _ANAPHORIC.search(left_all[-40:]) and _PLURAL_NOUN.match(head):
        return "stative", action  # "These designations are part of a plan": the acts already told
    conditional = _CONDITION.search(clause) or _CONDITION.search(left_all[-120:])
    if _COURT_APPLICATION.search(left_all[-160:]) and _RU_NOUN_ACT.match(head) and not conditional:
        # "обратилась в суд с иском ... о признании X экстремистской": the application, not the ruling
        approved = _APPROVED.search(left_all[-160:])
        return "act", action if approved else f"proposed_{action}"
    prosecution = _PROSECUTION.search(left_all[-200:])
    if _DEMAND.search(left_all[-120:]) and prosecution and action in ("list", "delist") and not conditional:
        # "прокуратура обратилась с исками, требуя, чтобы X были признаны": a prosecutor's request
        return "act", f"proposed_{action}"
    if voc.opinion.search(clause):
        if action in ("list", "delist") and _CALL.search(clause) and _PARLIAMENT.search(left_all):
            # A parliament's motion or report calling for it: a proposal by a body with a role.
            return "act", f"proposed_{action}"
        return "opinion", action
    if _MODAL_BEFORE.search(left_all):
        return (
            "opinion",
            action,
        )  # "can be removed": a possibility (not "Russia can understand why X removed")
    if _GERUND_SUBJECT.match(left_all) and head.casefold().endswith("ing"):
        return "opinion", action  # "Proscribing this group will prevent ...": the act in general
    negated = action != "maintain" and voc.negation.search(clause[-_NEGATION_REACH:]) is not None
    if _STILL.search(clause[-30:]):
        return "stative", action
    if _EN_PARTICIPLE.match(head) and _PRESENT_PASSIVE.search(left_all) and not negated:
        return "stative", action
    if _RU_PARTICIPLE.match(head) and not _RU_PAST_AUX.search(clause) and not dated:
        return "stative", action
    if _RU_FULL_PARTICIPLE.match(head) and not near:
        return "attributive", action  # "запрещенной в стране организации": an adjective
    proposed = False
    if action in ("list", "delist"):
        context = left_all[-200:] if _SUBJUNCTIVE.search(left_all) else clause
        if _SUBJUNCTIVE.search(left_all) and voc.opinion.search(context):
            return "opinion", action
        future = _HEADLINE_TO.search(left_all) or _TO_BE.search(clause) or _WILL_SEE.search(left_all[-120:])
        proposed = bool(voc.proposal.search(context) or future)
        if proposed and _APPROVED.search(context):
            proposed = False  # "MPs approved a motion adding X", "суд удовлетворил иск": the decision made
    if negated:
        # "will not remove X from the list" keeps a listing (a decision, even when announced for the
        # future); "has never been listed" states nothing.
        if action == "delist" and not _OTHER_VERB.search(clause[-_NEGATION_REACH:]):
            return "act", "maintain"
        return "negated", action  # "did not announce the removal": nothing about the listing
    if proposed:
        return "act", f"proposed_{action}"
    return "act", action


def _clause(left: str) -> str:
    window = left[-_WINDOW:]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def _is_attributive(text: str, start: int, end: int, head: str, voc: Vocabulary) -> bool:
    """ "banned organizations", "list of designated ...", "Specially Designated": names, not acts."""
    if end - start > len(head) + 1:
        return False  # a phrase with an object ("removed X from the list") is never an adjective
    if not (_EN_PARTICIPLE.match(head) or re.match(r"^\w+(?:ых|ые|ой|ая|ую|ый|ий|ого)$", head)):
        return False
    if (
        _EN_PARTICIPLE.match(head)
        and _DETERMINER.search(text[:start])
        and not _OBJECT_AFTER.match(text[end:])
    ):
        return True  # "the banned Storm Division", "its designated entities"
    return bool(voc.attributive_before.search(text[:start]) or voc.attributive_after.search(text[end:]))

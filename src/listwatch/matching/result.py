"""One list name scored against one query: the structured result every surface reads.

``MatchResult`` holds each feature's own result (the name alignment, the alias kind, the birth date and
country evidence). The score is combined from them here (``combine``), and the explanation text
(``text``, the CSV's ``explanation`` column) and yente's ``explanations`` (``/match``) are written
from the same objects, so nothing is parsed back out of a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from listwatch.matching.evidence import BirthDateEvidence, CountryEvidence
from listwatch.matching.score import NameScore

# The share of the score the name earns: a name alone reaches at most 0.90, so supporting evidence (a
# birth date, a country) raises a hit and conflicting evidence lowers it, and scores spread.
NAME_SHARE = 0.9
# A weak alias ("Abu Mohammed", the lists' own "low quality" AKAs) is shared by many people: a match
# on it alone costs 8%, enough to take an otherwise bare name match under the default threshold.
WEAK_ALIAS_FACTOR = 0.92
# The names of the features in ``features`` and ``explanations``, as ``/match`` returns them.
NAME_FEATURE = "name_align"
KIND_FEATURE = "weak_alias"
BIRTH_FEATURE = "birth_date"
COUNTRY_FEATURE = "country"


def kind_factor(kind: str) -> float:
    return WEAK_ALIAS_FACTOR if kind == "weak_alias" else 1.0


def combine(name_score: float, kind: str, birth: float, country: float) -> float:
    """The score for a name score and the evidence values, clipped to 0..1 and rounded to 3 places.
    ``combine(1.0, ...)`` is the most a list name can reach for that evidence (name scores are <= 1)."""
    score = NAME_SHARE * (name_score * kind_factor(kind))
    score += birth
    score += country
    return round(min(1.0, max(0.0, score)), 3)


@dataclass(frozen=True, slots=True)
class Explanation:
    """One feature's part of a score, as yente's ``explanations`` give it (nomenklatura's
    ``FeatureResult``): its value, why, and for the name, which query and list values were compared."""

    score: float
    detail: str
    query: str | None = None
    candidate: str | None = None


@dataclass(frozen=True, slots=True)
class MatchResult:
    name: NameScore
    kind: str
    birth_date: BirthDateEvidence | None
    country: CountryEvidence | None
    score: float

    @classmethod
    def of(
        cls, name: NameScore, kind: str, birth: BirthDateEvidence | None, country: CountryEvidence | None
    ) -> MatchResult:
        value = combine(name.score, kind, birth.score if birth else 0.0, country.score if country else 0.0)
        return cls(name, kind, birth, country, value)

    def reasons(self) -> list[str]:
        """What moved the score besides the name, in words."""
        out = [f"weak alias (x{WEAK_ALIAS_FACTOR})"] if self.kind == "weak_alias" else []
        out.extend(e.detail for e in (self.birth_date, self.country) if e is not None)
        return out

    def text(self, matched_name: str) -> str:
        """The explanation in one line (docs/screening.md, "Explanation format")."""
        text = f'name {self.name.score:.2f} vs {self.kind} "{matched_name}": ' + self.name.detail()
        reasons = self.reasons()
        if reasons:
            text += " | " + "; ".join(reasons)
        return text

    def features(self) -> dict[str, float]:
        """yente's ``features``: each feature's value (the name score, not yet weighed by its share)."""
        return {name: e.score for name, e in self.explanations().items()}

    def explanations(self, query: str | None = None, matched: str | None = None) -> dict[str, Explanation]:
        """yente's ``explanations``: per feature, its value and why (``query``, ``matched``: the two
        names compared, for the name feature)."""
        detail = f"{self.kind}: {self.name.detail()}"
        out = {NAME_FEATURE: Explanation(self.name.score, detail, query, matched)}
        if self.kind == "weak_alias":
            out[KIND_FEATURE] = Explanation(
                WEAK_ALIAS_FACTOR, f"a weak alias: the score x{WEAK_ALIAS_FACTOR}"
            )
        if self.birth_date is not None:
            out[BIRTH_FEATURE] = Explanation(self.birth_date.score, self.birth_date.detail)
        if self.country is not None:
            out[COUNTRY_FEATURE] = Explanation(self.country.score, self.country.detail)
        return out

"""Two entries, side by side: what agrees and what conflicts, each feature a value and its reason.

The name score is the screening core's own (``Screener``): resolution asks the index built over every
list with each entry's names, so a link and a screening hit weigh a name the same way. On top of it come
the facts lists give besides names: identifiers, birth dates, nationalities, schema and programme.
Each feature returns ``(value, reason)``; the score is the name's share plus their sum, clipped to 0..1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from listwatch.model import Entry, PartialDate

ALGORITHM = "lw-resolve-v1"

# The name counts for at most this share of the score. A person's name alone never links (namesakes are
# common: Kim Chol, Mohammed Ali); with a birth date on both sides it can. An organisation has no birth
# date, so its name carries more (its programme and country can still pull it under the threshold).
NAME_WEIGHT = 0.8
NAME_WEIGHT_ORG = 0.88
# A birth date given to the day on both sides, the same day; the same year (a month or day missing
# on one side); two years apart or more on every pair of dates (the lists disagree: different people).
BIRTH_SAME_DAY = 0.2
BIRTH_SAME_YEAR = 0.12
BIRTH_NEAR_YEAR = 0.04
BIRTH_CONFLICT = -0.35
NATIONALITY_AGREES = 0.03
PROGRAMME_AGREES = 0.03
PROGRAMME_CONFLICT = -0.05

# Schemas that may be the same thing: lists file a company as Organization or LegalEntity alike.
_COMPATIBLE = {
    "Person": frozenset({"Person"}),
    "Organization": frozenset({"Organization", "LegalEntity"}),
    "LegalEntity": frozenset({"Organization", "LegalEntity", "Vessel", "Aircraft"}),
    "Vessel": frozenset({"Vessel", "LegalEntity"}),
    "Aircraft": frozenset({"Aircraft", "LegalEntity"}),
}

# Programmes by what they are about, so that the UN's QD, OFAC's SDGT and the UK's "ISIL (Da'esh) and
# Al-Qaida" read as one theme, and DPRK against terrorism as a conflict. Matched on words of the
# programme text, case-folded; a programme with no theme says nothing.
_THEMES = {
    "terrorism": (
        "sdgt",
        "fto",
        "qd",
        "qdi",
        "qde",
        "ta",
        "tai",
        "tae",
        "al-qaida",
        "qaida",
        "isil",
        "taliban",
        "terrorism",
        "terrorist",
        "terrorists",
        "1267",
        "1988",
        "2253",
        "ct",
    ),
    "dprk": ("dprk", "dprk2", "dprk3", "dprk4", "kp", "kpi", "kpe", "korea", "1718"),
    "iran": ("iran", "ifsr", "irgc", "npwmd", "ir", "iri", "ire", "2231"),
    "russia": (
        "russia",
        "russia-eo14024",
        "ukraine-eo13660",
        "ukraine-eo13661",
        "ukraine-eo13662",
        "ukraine-eo13685",
        "ukraine",
    ),
    "libya": ("libya", "libya2", "libya3", "ly", "lyi", "lye", "1970"),
    "iraq": ("iraq", "iraq2", "iraq3", "iq", "iqi", "iqe", "1483"),
    "somalia": ("somalia", "so", "soi", "soe", "751"),
    "congo": ("drc", "cd", "cdi", "cde", "1533"),
    "yemen": ("yemen", "ye", "yei", "yee", "2140"),
    "sudan": ("sudan", "darfur", "sd", "sdi", "sde", "1591"),
}
_WORD = re.compile(r"[a-z0-9][a-z0-9-]*")
_THEME_OF = {word: theme for theme, words in _THEMES.items() for word in words}

# A document number: six or more letters and digits with at least four digits once spaces, dots and
# dashes are dropped (a UK "Passport Details" cell is free text around the number).
_DOC_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9 .\-/]{4,}[A-Z0-9]")
_SWIFT = re.compile(r"\b[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b")


@dataclass(frozen=True, slots=True)
class Comparison:
    score: float
    name: float  # the matcher's name score, 0..1
    features: dict[str, tuple[float, str]] = field(default_factory=dict)
    shared_ids: tuple[str, ...] = ()
    schema_ok: bool = True

    def explanation(self) -> str:
        parts = [f"{reason} ({value:+.2f})" for value, reason in self.features.values() if reason]
        return f"score {self.score:.3f}: " + "; ".join(parts)

    def as_json(self) -> dict[str, object]:
        return {
            "score": self.score,
            "name": self.name,
            "features": {k: {"value": v, "reason": r} for k, (v, r) in self.features.items()},
            "shared_ids": list(self.shared_ids),
        }


def id_category(kind: str) -> str:
    """Identifiers compare within a category: an IMO number is never a passport number."""
    text = kind.casefold()
    if "imo" in text or "vessel" in text or "mmsi" in text:
        return "vessel"
    if "aircraft" in text or "msn" in text or "serial" in text or "tail" in text:
        return "aircraft"
    if "swift" in text or "bic" in text:
        return "swift"
    return "document"


def id_keys(entry: Entry) -> set[str]:
    """``category:number`` for every identifier number an entry gives, normalised for comparison."""
    keys: set[str] = set()
    for ident in entry.identifiers:
        category = id_category(ident.type)
        value = ident.value.upper()
        if category == "swift":
            keys.update(f"swift:{m}" for m in _SWIFT.findall(value))
            continue
        for token in _DOC_TOKEN.findall(value):
            compact = re.sub(r"[ .\-/]", "", token)
            if len(compact) >= 6 and sum(c.isdigit() for c in compact) >= 4:
                keys.add(f"{category}:{compact}")
    return keys


def schemas_compatible(a: str, b: str) -> bool:
    return b in _COMPATIBLE.get(a, frozenset({a}))


def themes(programs: tuple[str, ...], ref: str = "") -> set[str]:
    found = {_THEME_OF[w] for p in programs for w in _WORD.findall(p.casefold()) if w in _THEME_OF}
    prefix = re.match(r"[a-z]+", ref.casefold())  # a UN reference says its regime: QDi, KPe, TAi
    if prefix and prefix.group(0) in _THEME_OF and re.match(r"^[a-z]{2}[ie]\.\d", ref.casefold()):
        found.add(_THEME_OF[prefix.group(0)])
    return found


def birth_feature(a: tuple[PartialDate, ...], b: tuple[PartialDate, ...]) -> tuple[float, str]:
    if not a or not b:
        return (0.0, "")
    best: tuple[float, str] | None = None
    for x in a:
        for y in b:
            if x.year == y.year and x.month and y.month and x.day and y.day:
                if (x.month, x.day) == (y.month, y.day):
                    return (BIRTH_SAME_DAY, f"born {x} on both")
                found = (BIRTH_NEAR_YEAR, f"born {x} vs {y}: same year, another day")
            elif x.year == y.year and (x.month is None or y.month is None or x.month == y.month):
                found = (BIRTH_SAME_YEAR, f"born {x} vs {y}: same year")
            elif abs(x.year - y.year) <= 1:
                found = (BIRTH_NEAR_YEAR, f"born {x} vs {y}: a year apart")
            else:
                continue
            if best is None or found[0] > best[0]:
                best = found
    if best is not None:
        return best
    return (BIRTH_CONFLICT, f"birth dates conflict: {', '.join(map(str, a))} vs {', '.join(map(str, b))}")


def _countries(entry: Entry) -> set[str]:
    return {c.casefold().strip() for c in (*entry.nationalities, *entry.countries) if c.strip()}


def compare(a: Entry, a_ref: str, b: Entry, b_ref: str, name_score: float, name_reason: str) -> Comparison:
    """Score one candidate pair. ``name_score`` (0..1) and its reason come from the screening core."""
    if not schemas_compatible(a.schema, b.schema):
        return Comparison(
            0.0, name_score, {"schema": (-1.0, f"schema {a.schema} vs {b.schema}")}, schema_ok=False
        )
    weight = NAME_WEIGHT if a.schema == "Person" else NAME_WEIGHT_ORG
    features: dict[str, tuple[float, str]] = {"name": (weight * name_score, name_reason)}
    shared = tuple(sorted(id_keys(a) & id_keys(b)))
    if shared:
        features["identifier"] = (0.0, "same identifier " + ", ".join(shared))
    if a.schema == "Person":
        features["birth_date"] = birth_feature(a.birth_dates, b.birth_dates)
    ours, theirs = _countries(a), _countries(b)
    if ours & theirs:
        features["nationality"] = (NATIONALITY_AGREES, "country " + ", ".join(sorted(ours & theirs)))
    ta, tb = themes(a.programs, a_ref), themes(b.programs, b_ref)
    if ta & tb:
        features["programme"] = (PROGRAMME_AGREES, "programme " + ", ".join(sorted(ta & tb)))
    elif ta and tb:
        features["programme"] = (
            PROGRAMME_CONFLICT,
            f"programmes differ: {', '.join(sorted(ta))} vs {', '.join(sorted(tb))}",
        )
    total = sum(v for v, _r in features.values())
    return Comparison(round(min(1.0, max(0.0, total)), 3), name_score, features, shared)

"""Entity resolution quality and speed on every list in ../shared/data, against nomenklatura's logic-v2.

Labels come from real cross-references, never from resolution itself:

- **reference**: links the lists carry (the UK ConList's ``UN Ref``, the curated lists' references to
  UN and OFAC entries), read from ``entity_link``;
- **identifier**: an OFAC SDN and a UN entry that are the only two holders of one passport or national
  id number (OFAC carries no UN reference, so this is the only cross-reference between them);
- **hand-checked negatives**: same name, different people (North Korean and common Arabic names), each
  checked against both entries' birth dates, passports, nationalities and roles (``NEGATIVES``);
- references that cannot be right are not labels: one between a person and an organisation (the UK's
  Shafi AL-AJMI carries "UN Ref QE.A.137.14", an entity), and one UN reference claimed by several UK
  entries (six North Korean companies all say "UN Ref KPe.023"); the counts are printed;
- **implied negatives**: a pair is wrong when one side's true counterpart on the other's list is
  another entry (the UK's Abdul HAQ is the UN's QDi.268, so he is not the UN's TAi.051).

The EU extract and Canada's SEMA list carry no identifier of another list in this data (the three
"(QDi.299)" in the EU file name somebody else, a leader), so they give no labels.

Resolution runs on the content of the entries only: the reference links are the labels and are not
given to it. A pair counts for precision when it is labelled (a positive or a negative); links on pairs
with no label are counted and printed, not scored. Recall counts a positive that blocking never proposed
as a miss. The labelled pairs are split in two halves by a hash of the entity they belong to (every pair
of one entity in the same half): ``tune`` (thresholds were chosen on it) and ``held-out``.

logic-v2 scores the same candidate pairs (FtM entities built from the same entries), then goes through
the same one-entry-per-list rule, at yente's threshold 0.70 (review band 0.50..0.70). Precision counts
labelled pairs only, so the links each makes on unlabelled pairs are printed beside it: a matcher that
links more freely shows it there.

Run: ``nice -n 10 .venv/bin/python bench/resolve_quality.py [--data ../shared/data] [--db sqlite:///x]``
(without ``--db``, a fresh store is built with ``listwatch update --no-resolve``).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from listwatch.history.clusters import Edge, cluster, list_of
from listwatch.history.links import LINKED, REVIEW, SCORE, pair_key
from listwatch.model import Entry
from listwatch.resolve import AUTO_LINK, REVIEW_FROM, resolve_store
from listwatch.resolve.blocking import Designation, candidate_pairs
from listwatch.resolve.compare import id_category, id_keys
from listwatch.resolve.run import Outcome, decide, load_designations, one_counterpart
from listwatch.store import Reader, open_store

ROOT = Path(__file__).resolve().parents[1]
Pair = tuple[str, str]

# Same name, different people: checked by hand against both entries (birth dates, passports, roles).
NEGATIVES: list[tuple[str, str, str]] = [
    ("un_sc_sanctions:kpi.024", "us_ofac_sdn:12211",
     "KIM YONG CHOL b. 1962-02-18, passport 472310168, KOMID in Iran vs KIM Yong Chol b. c. 1946/47"),
    ("un_sc_sanctions:kpi.068", "us_ofac_sdn:22702",
     "KIM TONG CHOL b. 1966-01-27, passports 108120258/927234267 vs b. 1968-08-07, passport 472336944, "
     "Mansudae Overseas Projects"),
    ("un_sc_sanctions:kpi.023", "us_ofac_sdn:22995",
     "KIM TONG MY'ONG (a.k.a. Kim Hyok Chol), Tanchon Commercial Bank vs KIM Hyok Chol b. 1978-07-09, "
     "Korea United Development Bank"),
    ("un_sc_sanctions:kpi.078", "us_ofac_sdn:24997",
     "RI U'N SO'NG b. 1969-07-22 vs RI Song Un b. 1955-12-16, passport 836110063"),
    ("un_sc_sanctions:kpi.034", "us_ofac_sdn:23090",
     "JO YONG CHOL b. 1973-09-30 vs JO Kyong-Chol b. 1944/45"),
    ("gb_hmt_sanctions:8717", "us_ofac_sdn:22060",
     "ABDEL RAHMAN a.k.a. Ahmad Hasan, Egyptian, b. 1957, Egyptian Islamic Jihad vs AHMAD Hasan, Syrian, "
     "b. 1966, SSRC employee"),
    ("gb_hmt_sanctions:9166", "us_ofac_sdn:11970",
     "Abdul Rahim AL-TALHI, Saudi, b. 1961-12-08 vs RAHIM Mufti Abdul, Pakistani, b. c. 1955/1964"),
    ("gb_hmt_sanctions:10834", "un_sc_sanctions:tai.051",
     "Abdul HAQ, Chinese, ETIM leader (UN QDi.268) vs ABDULHAI MOTMAEN, Afghan, Taliban spokesman"),
    ("gb_hmt_sanctions:12629", "us_ofac_sdn:22131",
     "Mustafa Hajji Muhammad KHAN a.k.a. Khalid Mahmud, Pakistani/Saudi vs AL-MAHMUD Khalid, Syrian, "
     "b. 1984, SSRC employee"),
]  # fmt: skip
ID_LISTS = ("un_sc_sanctions", "us_ofac_sdn")
LOGIC_V2_AUTO = 0.70
LOGIC_V2_REVIEW = 0.50


@dataclass(slots=True)
class Labels:
    positives: dict[Pair, str] = field(default_factory=dict)  # pair -> source
    negatives: dict[Pair, str] = field(default_factory=dict)  # explicit (hand-checked)
    known: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # entity -> list -> counterparts
    group: dict[str, str] = field(default_factory=dict)  # entity -> its labelled entity (for halves)
    dropped: Counter[str] = field(default_factory=Counter)  # references not taken as labels, and why

    def add_positive(self, a: str, b: str, source: str) -> None:
        if list_of(a) == list_of(b):
            return
        self.positives.setdefault(pair_key(a, b), source)
        self.known.setdefault(a, {}).setdefault(list_of(b), set()).add(b)
        self.known.setdefault(b, {}).setdefault(list_of(a), set()).add(a)

    def label(self, pair: Pair) -> bool | None:
        if pair in self.positives:
            return True
        if pair in self.negatives:
            return False
        a, b = pair
        for x, y in ((a, b), (b, a)):
            counterparts = self.known.get(x, {}).get(list_of(y))
            if counterparts and y not in counterparts:
                return False
        return None

    def half(self, pair: Pair) -> str:
        anchor = self.group.get(pair[0]) or self.group.get(pair[1]) or min(pair)
        return "tune" if hashlib.sha256(anchor.encode()).digest()[0] % 2 == 0 else "held-out"


def make_labels(reader: Reader, designations: dict[str, Designation]) -> Labels:
    labels = Labels()
    references = [(a, b) for a, b in reader.all_links() if a in designations and b in designations]
    claims: dict[tuple[str, str], int] = {}  # (target, list of the claimant) -> claimants
    for a, b in references:
        claims[(b, list_of(a))] = claims.get((b, list_of(a)), 0) + 1
    for a, b in references:
        person = {designations[x].entry.schema == "Person" for x in (a, b)}
        if len(person) > 1:
            labels.dropped["reference between a person and an organisation"] += 1
        elif claims[(b, list_of(a))] > 1:
            labels.dropped["reference claimed by several entries of one list"] += 1
        else:
            labels.add_positive(a, b, f"reference {list_of(a)}->{list_of(b)}")
    holders: dict[str, list[str]] = {}
    for d in designations.values():
        if d.list_id in ID_LISTS:
            for key in id_keys(d.entry):
                if key.startswith("document:"):
                    holders.setdefault(key, []).append(d.entity_id)
    for ids in holders.values():
        if len(ids) == 2 and {list_of(x) for x in ids} == set(ID_LISTS):
            labels.add_positive(ids[0], ids[1], "identifier us_ofac_sdn<->un_sc_sanctions")
    for a, b, why in NEGATIVES:
        if a in designations and b in designations:
            labels.negatives[pair_key(a, b)] = why
    # Halves by entity: every pair of one labelled entity falls in one half.
    groups = cluster(Edge(*p, "reference") for p in labels.positives).group
    labels.group = {x: root for x, root in groups.items()}
    return labels


@dataclass(slots=True)
class Counts:
    positives: int = 0
    blocked: int = 0
    tp_auto: int = 0
    fp_auto: int = 0
    tp_review: int = 0
    fp_review: int = 0
    unlabelled_links: int = 0

    def line(self, name: str) -> str:
        p_auto = self.tp_auto / max(self.tp_auto + self.fp_auto, 1)
        p_rev = self.tp_review / max(self.tp_review + self.fp_review, 1)
        n = max(self.positives, 1)
        return (
            f"  {name:<9} positives {self.positives:4d} (blocked {self.blocked / n:.4f})  automatic: "
            f"P {p_auto:.4f} R {self.tp_auto / n:.4f} (fp {self.fp_auto})  with review: "
            f"P {p_rev:.4f} R {self.tp_review / n:.4f} (fp {self.fp_review})  "
            f"links on unlabelled pairs {self.unlabelled_links}"
        )


def evaluate(labels: Labels, candidates: set[Pair], decided: dict[Pair, str | None]) -> dict[str, Counts]:
    out = {"tune": Counts(), "held-out": Counts()}
    for pair in labels.positives:
        counts = out[labels.half(pair)]
        counts.positives += 1
        counts.blocked += pair in candidates
        decision = decided.get(pair)
        counts.tp_auto += decision == LINKED
        counts.tp_review += decision in (LINKED, REVIEW)
    for pair, decision in decided.items():
        if decision is None or pair in labels.positives:
            continue
        label = labels.label(pair)
        counts = out[labels.half(pair)]
        if label is None:
            counts.unlabelled_links += decision == LINKED
        elif label is False:
            counts.fp_auto += decision == LINKED
            counts.fp_review += decision in (LINKED, REVIEW)
    return out


def show_errors(labels: Labels, decided: dict[Pair, str | None], outcomes: list[Outcome], half: str) -> None:
    """False links and missed positives of one half (look at the tuning half only)."""
    why = {pair_key(o.left, o.right): o.comparison.explanation() for o in outcomes}
    for pair, decision in sorted(decided.items()):
        if labels.half(pair) == half and decision == LINKED and labels.label(pair) is False:
            print(f"  FP {pair}: {why[pair][:300]}")
    for pair in sorted(labels.positives):
        if labels.half(pair) == half and decided.get(pair) != LINKED:
            print(f"  FN {pair} {decided.get(pair)}: {why.get(pair, 'not a candidate')[:300]}")


def listwatch_decisions(outcomes: list[Outcome]) -> dict[Pair, str | None]:
    one_counterpart(outcomes, [])
    return {pair_key(o.left, o.right): o.decision for o in outcomes}


def thresholded(scores: dict[Pair, float], auto: float, review: float) -> dict[Pair, str | None]:
    """Scores to decisions, through the same one-entry-per-list rule as listwatch's."""
    decided: dict[Pair, str | None] = {
        p: LINKED if s >= auto else REVIEW if s >= review else None for p, s in scores.items()
    }
    edges = [Edge(*p, SCORE, scores[p]) for p, d in decided.items() if d == LINKED]
    for refused in cluster(edges).held_apart:
        decided[refused.edge.pair] = REVIEW
    return decided


class LogicV2:
    """nomenklatura's logic-v2 (yente's matcher) over FtM entities made from listwatch's entries."""

    SCHEMAS: ClassVar[dict[str, str]] = {"Aircraft": "Airplane"}

    def __init__(self) -> None:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm

        self.model = model
        algorithm = get_algorithm("logic-v2")
        assert algorithm is not None
        self.algorithm = algorithm
        self.config = algorithm.default_config()
        self.proxies: dict[str, Any] = {}

    def proxy(self, entity_id: str, entry: Entry) -> Any:
        found = self.proxies.get(entity_id)
        if found is not None:
            return found
        schema = self.SCHEMAS.get(entry.schema, entry.schema)
        if self.model.get(schema) is None:
            schema = "LegalEntity"
        entity = self.model.make_entity(schema)
        entity.id = entity_id
        kinds = {"primary": "name", "weak_alias": "weakAlias"}
        for name in entry.names:
            entity.add(kinds.get(name.kind, "alias"), name.value, quiet=True)
        person = schema == "Person"
        if person:
            for d in entry.birth_dates:
                entity.add("birthDate", str(d), quiet=True)
        for country in entry.nationalities:
            entity.add("nationality" if person else "country", country, quiet=True)
        for country in entry.countries:
            entity.add("country", country, quiet=True)
        for ident in entry.identifiers:
            category = id_category(ident.type)
            prop = {"vessel": "imoNumber", "swift": "swiftBic"}.get(category)
            if prop is None:
                prop = "passportNumber" if person and "passport" in ident.type.casefold() else "idNumber"
            entity.add(prop, ident.value, quiet=True)
        entity.add("topics", "sanction", quiet=True)
        self.proxies[entity_id] = entity
        return entity

    def score(self, a: Designation, b: Designation) -> float:
        result = self.algorithm.compare(
            self.proxy(a.entity_id, a.entry), self.proxy(b.entity_id, b.entry), self.config
        )
        return float(result.score)


def build_store(data: Path, folder: Path) -> str:
    url = f"sqlite:///{folder / 'bench.db'}"
    env = {
        **os.environ,
        "LISTWATCH_DB": url,
        "LISTWATCH_SOURCES": str(data),
        "LISTWATCH_OFFLINE": "1",
        "LISTWATCH_INDEX_CACHE": str(folder / "cache"),
    }
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "listwatch", "update", "--no-resolve"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    print(f"store: listwatch update --no-resolve from {data} in {time.perf_counter() - started:.1f} s")
    return url


def timed(label: str, run: Callable[[], Any]) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    value = run()
    print(
        f"{label}: {time.perf_counter() - wall:.1f} s wall, {time.process_time() - cpu:.1f} s CPU "
        f"(load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores)"
    )
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--db", help="a SQLite store made by `listwatch update --no-resolve` (copied first)")
    parser.add_argument("--no-logic-v2", action="store_true")
    parser.add_argument("--errors", choices=("tune", "held-out"), help="print that half's wrong links")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lw-resolve-bench-"))
    try:
        url = args.db or build_store(args.data, folder)
        if args.db:  # timed on a copy: resolution writes its decisions
            source = Path(args.db.removeprefix("sqlite:///"))
            shutil.copy(source, folder / "bench.db")
            url = f"sqlite:///{folder / 'bench.db'}"
        store = open_store(url)
        result = timed("listwatch resolve (every list, fresh store)", lambda: resolve_store(store))
        print(f"  {result.as_json()}")
        reader = store.reader()
        designations = load_designations(reader)
        labels = make_labels(reader, designations)
        sources: dict[str, int] = {}
        for source in labels.positives.values():
            sources[source] = sources.get(source, 0) + 1
        print(f"labelled positives: {len(labels.positives)} {sources}; hand-checked negatives: "
              f"{len(labels.negatives)}; references not taken: {dict(labels.dropped)}")  # fmt: skip
        pairs = candidate_pairs(designations)
        outcomes = [decide(c, designations[c.left], designations[c.right]) for c in pairs.values()]
        candidates = set(pairs)
        print(f"candidate pairs: {len(candidates)}")
        decided = listwatch_decisions(outcomes)
        ours = evaluate(labels, candidates, decided)
        if args.errors:
            show_errors(labels, decided, outcomes, args.errors)
        print(
            f"listwatch (lw-resolve-v1, auto >= {AUTO_LINK}, review from {REVIEW_FROM}, one entry per list):"
        )
        for half in ("tune", "held-out"):
            print(ours[half].line(half))
        if args.no_logic_v2:
            return
        logic = LogicV2()
        scores = timed(
            "nomenklatura logic-v2 on the same candidate pairs",
            lambda: {p: logic.score(designations[p[0]], designations[p[1]]) for p in sorted(candidates)},
        )
        theirs = evaluate(labels, candidates, thresholded(scores, LOGIC_V2_AUTO, LOGIC_V2_REVIEW))
        print(f"nomenklatura logic-v2 (yente's: auto >= {LOGIC_V2_AUTO}, review from {LOGIC_V2_REVIEW}):")
        for half in ("tune", "held-out"):
            print(theirs[half].line(half))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

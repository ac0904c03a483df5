"""Entity resolution on both engines: links with their basis, the review band, a person's decision
outranking re-runs, reversals as new rows, and every view seeing the resolved entity.

The fixture is three small lists written here: Doku Umarov as the UN, OFAC and the UK write him (OFAC
with no UN reference, as in issue 12), the Haqqani Network on the UN and OFAC, two different men named
Kim Chol (same name, different birth years), and a pair sharing a passport number only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from listwatch.history.lookup import find_entities, linked_cluster
from listwatch.history.matrix import matrix
from listwatch.ingest import ingest_version
from listwatch.model import Entry, Identifier, ListVersion, Name, PartialDate
from listwatch.model.version import Source
from listwatch.resolve import resolve_store
from listwatch.resolve.review import queue, record_decision, side_by_side
from listwatch.store import Store


def _version(list_id: str, day: date, entries: list[Entry]) -> ListVersion:
    return ListVersion(
        list_id,
        datetime(day.year, day.month, day.day, tzinfo=UTC),
        Source(sha256=f"{list_id}-{day}", format="test", publisher="test"),
        tuple(entries),
    )


def _person(
    ref: str, names: list[str], born: str | None, programs: tuple[str, ...] = (), **kw: object
) -> Entry:
    births = (PartialDate.from_date(date.fromisoformat(born)),) if born else ()
    return Entry(
        ref,
        "Person",
        tuple(Name(n, "primary" if i == 0 else "alias") for i, n in enumerate(names)),
        programs=programs,
        birth_dates=births,
        **kw,  # type: ignore[arg-type]
    )


UN = [
    _person("QDi.290", ["Doku Khamatovich Umarov", "Dokka Umarov"], "1964-04-13", ("QD",)),
    Entry("TAe.012", "Organization", (Name("Haqqani Network", "primary"),), programs=("TA",)),
    _person("KPi.001", ["Kim Chol"], "1961-05-01", ("KP",)),
    _person(
        "QDi.900",
        ["Abdul Rahman Yasin"],
        "1960-04-10",
        ("QD",),
        identifiers=(Identifier("Passport", "A7654321"),),
    ),
]
OFAC = [
    _person("12110", ["UMAROV, Doku"], "1964-04-13", ("SDGT",)),
    Entry("15484", "Organization", (Name("HAQQANI NETWORK", "primary"),), programs=("SDGT", "FTO")),
    _person("30001", ["KIM, Chol"], "1975-02-02", ("DPRK",)),
    _person(
        "40001",
        ["YASSIN, Abdel Rahman Said"],
        None,
        ("SDGT",),
        identifiers=(Identifier("Passport", "A7654321 (Iraq)"),),
    ),
]
UK = [_person("11688", ["UMAROV, Doku Khamatovich"], "1964-04-13", links=("un_sc_sanctions:QDi.290",))]


@pytest.fixture
def lists(store: Store) -> Store:
    ingest_version(store, _version("un_sc_sanctions", date(2024, 1, 5), UN))
    ingest_version(store, _version("us_ofac_sdn", date(2024, 1, 6), OFAC))
    ingest_version(store, _version("gb_hmt_sanctions", date(2024, 1, 7), UK))
    return store


def _decision(store: Store, a: str, b: str) -> tuple[str, str] | None:
    from listwatch.history.links import in_force, pair_key

    row = in_force(store.reader().matches()).get(pair_key(a, b))
    return (row.decision, row.basis) if row else None


def test_resolution_links_umarov_and_haqqani_with_their_basis(lists: Store) -> None:
    result = resolve_store(lists)
    assert result.designations == 9
    assert _decision(lists, "un_sc_sanctions:qdi.290", "us_ofac_sdn:12110") == ("linked", "score")
    assert _decision(lists, "un_sc_sanctions:tae.012", "us_ofac_sdn:15484") == ("linked", "score")
    # Same name, born 14 years apart: never linked automatically.
    assert _decision(lists, "un_sc_sanctions:kpi.001", "us_ofac_sdn:30001") in (None, ("rejected", "score"))
    # A shared passport number with names only half alike: linked on the identifier.
    assert _decision(lists, "un_sc_sanctions:qdi.900", "us_ofac_sdn:40001") == ("linked", "identifier")
    # The UK entry is linked by the UN reference it carries: resolution does not record it again.
    assert _decision(lists, "gb_hmt_sanctions:11688", "un_sc_sanctions:qdi.290") is None


def test_matrix_shows_the_us_row_listed_with_the_links_basis(lists: Store) -> None:
    before = {r["list"]: r for r in matrix(lists.reader(), "QDi.290", date(2024, 1, 15))["rows"]}
    assert before["us_ofac_sdn"]["status"] == "never_listed"  # the old behaviour: nothing joins OFAC
    resolve_store(lists)
    rows = {r["list"]: r for r in matrix(lists.reader(), "QDi.290", date(2024, 1, 15))["rows"]}
    us = rows["us_ofac_sdn"]
    assert (us["status"], us["ref"], us["linked_by"]) == ("listed", "12110", "score")
    assert us["claims"][0]["statement"].startswith("linked to un_sc_sanctions:qdi.290 by entity resolution")
    assert "born 1964-04-13 on both" in us["claims"][0]["statement"]
    assert rows["gb_hmt_sanctions"]["linked_by"] == "reference"
    # From the OFAC side, the UN and the UK designations come along.
    cluster, _how = linked_cluster(lists.reader(), find_entities(lists.reader(), "us_ofac_sdn:12110"))
    assert {r.entity_id for r in cluster} == {
        "us_ofac_sdn:12110",
        "un_sc_sanctions:qdi.290",
        "gb_hmt_sanctions:11688",
    }


def test_a_persons_reject_outranks_resolution_and_is_reversible(lists: Store) -> None:
    resolve_store(lists)
    a, b = "un_sc_sanctions:tae.012", "us_ofac_sdn:15484"
    record_decision(lists, a, b, "reject", "analyst", "checked: another network")
    assert _decision(lists, a, b) == ("rejected", "person")
    rows = {r["list"]: r for r in matrix(lists.reader(), "TAe.012", date(2024, 1, 15))["rows"]}
    assert rows["us_ofac_sdn"]["status"] == "never_listed"
    again = resolve_store(lists)  # a re-run keeps the person's decision
    assert again.written == 0
    assert _decision(lists, a, b) == ("rejected", "person")
    record_decision(lists, a, b, "accept", "analyst", "on second thought")
    assert _decision(lists, a, b) == ("linked", "person")
    history = side_by_side(lists.reader(), a, b)["history"]
    # Nothing was overwritten: the automatic link, the reject and the accept are all kept.
    assert [(h["decision"], h["basis"]) for h in history] == [
        ("linked", "score"),
        ("rejected", "person"),
        ("linked", "person"),
    ]
    rows = {r["list"]: r for r in matrix(lists.reader(), "TAe.012", date(2024, 1, 15))["rows"]}
    assert (rows["us_ofac_sdn"]["status"], rows["us_ofac_sdn"]["linked_by"]) == ("listed", "person")


def test_review_band_and_side_by_side(lists: Store) -> None:
    resolve_store(lists)
    waiting = queue(lists.reader())
    for pair in waiting["pairs"]:
        assert pair["decision"] == "review"
        assert 0.70 <= pair["score"] < 0.86 or "held_apart" in pair["detail"]
    shown = side_by_side(lists.reader(), "un_sc_sanctions:kpi.001", "us_ofac_sdn:30001")
    assert shown["left"]["birth_dates"] == ["1961-05-01"]
    assert any("birth dates conflict" in c for c in shown["conflicts"])


def test_resolving_twice_writes_nothing_new(lists: Store) -> None:
    first = resolve_store(lists)
    assert first.written > 0
    assert resolve_store(lists).written == 0


def test_one_counterpart_per_list_keeps_the_best_pair_and_reviews_the_other(store: Store) -> None:
    """Two UN men named Kim Chol born the same year; OFAC's one Kim Chol (born on the day of the first)
    scores above the auto-link threshold against both. Linking both would make the two UN men one
    entity: the better pair keeps its link, the other waits for a person."""
    un = [
        _person("KPi.001", ["Kim Chol"], "1961-05-01", ("KP",)),
        Entry("KPi.002", "Person", (Name("Kim Chol", "primary"),), programs=("KP",),
              birth_dates=(PartialDate(1961),)),
    ]  # fmt: skip
    ofac = [_person("30001", ["KIM, Chol"], "1961-05-01", ("DPRK",))]
    ingest_version(store, _version("un_sc_sanctions", date(2024, 1, 5), un))
    ingest_version(store, _version("us_ofac_sdn", date(2024, 1, 6), ofac))
    result = resolve_store(store)
    assert result.held_apart == 1
    assert _decision(store, "un_sc_sanctions:kpi.001", "us_ofac_sdn:30001") == ("linked", "score")
    assert _decision(store, "un_sc_sanctions:kpi.002", "us_ofac_sdn:30001") == ("review", "score")
    cluster, _how = linked_cluster(store.reader(), find_entities(store.reader(), "us_ofac_sdn:30001"))
    assert {r.entity_id for r in cluster} == {"us_ofac_sdn:30001", "un_sc_sanctions:kpi.001"}
    waiting = queue(store.reader())["pairs"]
    assert [(p["left"], p["right"]) for p in waiting] == [("un_sc_sanctions:kpi.002", "us_ofac_sdn:30001")]
    assert "one entry per list" in waiting[0]["explanation"]
    assert resolve_store(store).written == 0  # stable: the same pair is held apart again


def test_a_reference_from_a_person_to_an_organisation_joins_nothing(store: Store) -> None:
    """The UK's Shafi AL-AJMI carries "UN Ref QE.A.137.14", an entity's reference: a person and an
    organisation are never one entity, whatever a reference says."""
    ingest_version(store, _version("un_sc_sanctions", date(2024, 1, 5), UN))
    uk = [
        _person("13135", ["AL-AJMI, Shafi Sultan Mohammed"], "1973-01-01", links=("un_sc_sanctions:TAe.012",))
    ]
    ingest_version(store, _version("gb_hmt_sanctions", date(2024, 1, 7), uk))
    cluster, _how = linked_cluster(store.reader(), find_entities(store.reader(), "un_sc_sanctions:tae.012"))
    assert {r.entity_id for r in cluster} == {"un_sc_sanctions:tae.012"}


def test_status_by_jurisdiction_answers_for_the_resolved_entity(lists: Store) -> None:
    from listwatch.history.views import statuses

    resolve_store(lists)
    [us] = statuses(lists.reader(), "QDi.290", date(2024, 1, 15), jurisdiction="US")
    assert (us["list"], us["ref"], us["status"]) == ("us_ofac_sdn", "12110", "listed")
    assert (us["linked_by"], us["linked_via"]) == ("score", "un_sc_sanctions:qdi.290")
    assert "born 1964-04-13 on both" in us["link_statement"]

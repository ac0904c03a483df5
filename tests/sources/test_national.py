"""Curated lists (listwatch/sources/national.py): the shipped data, its quotes, and validation errors.

The shipped data is checked against the seed articles it cites (../shared/seeds, skipped with a reason
when absent); every validation rule has a small bad fixture in tests/fixtures/curated/.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.model import Entry, ListVersion, PartialDate, get_list
from listwatch.sources.files import read_bytes
from listwatch.sources.national import (
    curated_root,
    entry_status,
    iter_curated_versions,
    register_curated_lists,
)
from listwatch.sources.registry import detect, parse_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "curated"
VERSIONS = list(iter_curated_versions())


def newest(list_id: str) -> ListVersion:
    return parse_file([p for p in VERSIONS if p.parent.name == list_id][-1])


def status_on(entry: Entry, day: date) -> str:
    """What the matrix should answer from one record version (a stand-in for history/asof.py)."""
    if entry_status(entry) != "designated":
        return entry_status(entry)
    if entry.listed_on and entry.listed_on.earliest() > day:
        return "never_listed"
    if entry.delisted_on and entry.delisted_on.latest() < day:
        return "not_listed"
    return "listed"


def test_every_shipped_version_parses_as_a_record() -> None:
    assert VERSIONS, f"no curated versions under {curated_root()}"
    for path in VERSIONS:
        version = parse_file(path)  # sniffed, as `listwatch update` will
        assert version.kind == "record"
        assert version.list_id == path.parent.name
        assert version.published_on == date.fromisoformat(path.stem)
        assert get_list(version.list_id).curated
        assert version.entries and all(e.citations for e in version.entries)


def test_versions_come_in_record_date_order() -> None:
    days = [p.stem for p in VERSIONS]
    assert days == sorted(days)


def test_curated_lists_register_with_their_authorities() -> None:
    lists = {c.info.id: c for c in register_curated_lists()}
    assert {
        "kz_terrorist_organizations",
        "ru_terrorist_organizations",
        "kg_terrorist_organizations",
        "tj_terrorist_organizations",
        "us_state_fto",
    } <= set(lists)
    assert lists["kz_terrorist_organizations"].info.jurisdiction == "KZ"
    assert lists["kz_terrorist_organizations"].info.authority == "kz_supreme_court"
    assert lists["us_ofac_sdn_curated"].describes == "us_ofac_sdn"
    assert lists["un_sc_sanctions_curated"].describes == "un_sc_sanctions"


# Quotes are checked against their seeds and excerpts in test_curated_sources.py.


def test_kazakh_delisting_dates_disagree_and_both_claims_are_kept() -> None:
    taliban = {e.ref: e for e in newest("kz_terrorist_organizations").entries}["taliban"]
    assert taliban.listed_on == PartialDate(2005)
    assert taliban.delisted_on == PartialDate(2023, 12)  # the earliest effective date
    december = [c for c in taliban.citations if c.statement and c.statement.startswith("delisted 2023-12")]
    june = [c for c in taliban.citations if c.statement and c.statement.startswith("delisted 2024-06-03")]
    announced = [
        c for c in taliban.citations if c.statement and c.statement.startswith("delisted, announced 2024")
    ]
    assert {c.publisher for c in december} == {"Asia-Plus"}
    assert {c.publisher for c in june} == {"Amu TV"}
    assert {c.publisher for c in announced} == {"KabulNow"}
    assert all("[disputed: delisted_on taken as 2023-12]" in (c.statement or "") for c in june + announced)
    disputed = dict(taliban.properties)["disputed"]
    assert any("2023-12 taken" in d and "2024-06-03" in d for d in disputed)


def test_a_claim_that_narrows_another_refines_it_and_is_no_dispute() -> None:
    """Kyrgyzstan's Taliban ban: "September 2006" (Kun.uz) and "September 15, 2006" (Times of Central
    Asia) agree, so the day is taken and neither is marked disputed; Russia's decision of 2003-02-14 and
    a report's "from March 2003" do not agree, and stay disputed."""
    kg = {e.ref: e for e in newest("kg_terrorist_organizations").entries}["taliban"]
    assert kg.listed_on == PartialDate(2006, 9, 15)
    assert not any(d.startswith("listed_on") for d in dict(kg.properties).get("disputed", ()))
    assert not any("[disputed: listed_on" in (c.statement or "") for c in kg.citations)
    ru = {e.ref: e for e in newest("ru_terrorist_organizations").entries}["taliban"]
    assert ru.listed_on == PartialDate(2003, 2, 14)
    assert any(
        d.startswith("listed_on: 2003-02-14 taken") and "2003-03" in d
        for d in dict(ru.properties)["disputed"]
    )


def test_an_older_version_keeps_what_was_known_then() -> None:
    first = parse_file(curated_root() / "kz_terrorist_organizations" / "2023-12-29.yaml")
    taliban = {e.ref: e for e in first.entries}["taliban"]
    assert taliban.delisted_on is None
    assert any((c.statement or "").startswith("proposed delisting") for c in taliban.citations)


# The picture, as the seeds state it, on the two dates the matrix is checked on.
EXPECTED = {
    ("un_sc_sanctions_curated", "taliban"): ("never_listed", "never_listed"),
    ("un_sc_sanctions_curated", "abdul_ghani_baradar"): ("listed", "listed"),
    ("us_ofac_sdn_curated", "taliban"): ("listed", "listed"),
    ("us_state_fto", "taliban"): ("never_listed", "never_listed"),
    ("kz_terrorist_organizations", "taliban"): ("not_listed", "listed"),
    ("kz_terrorist_organizations", "al_qaeda"): ("listed", "listed"),
    ("ru_terrorist_organizations", "taliban"): ("listed", "listed"),
    ("kg_terrorist_organizations", "taliban"): ("listed", "listed"),
    ("tj_terrorist_organizations", "taliban"): ("listed", "listed"),
}


@pytest.mark.parametrize(("list_id", "ref"), list(EXPECTED))
def test_the_data_serves_the_taliban_matrix(list_id: str, ref: str) -> None:
    entry = {e.ref: e for e in newest(list_id).entries}[ref]
    on_2024, on_2023 = EXPECTED[(list_id, ref)]
    assert status_on(entry, date(2024, 1, 15)) == on_2024
    assert status_on(entry, date(2023, 6, 1)) == on_2023
    assert all(c.quote and c.title and c.statement for c in entry.citations)


def test_un_entity_status_keeps_the_contrary_claim_visible() -> None:
    taliban = {e.ref: e for e in newest("un_sc_sanctions_curated").entries}["taliban"]
    statements = [c.statement or "" for c in taliban.citations]
    assert any(s.startswith("never listed") for s in statements)
    assert any(s.startswith("more than 100 individuals") for s in statements)
    assert any(s.startswith("claim by former prosecutors") and "[disputed" in s for s in statements)
    assert "status: never_listed taken" in dict(taliban.properties)["disputed"][0]


def test_links_point_at_official_entries() -> None:
    sdgt = newest("us_ofac_sdn_curated").entries[0]
    assert sdgt.links == ("us_ofac_sdn:6636",)
    assert sdgt.listed_on == PartialDate(2001)
    assert sdgt.programs == ("SDGT",)


def test_good_fixture_applies_the_date_rule() -> None:
    version = parse_file(FIXTURES / "good" / "2024-02-01.yaml")
    entry = version.entries[0]
    # The effective December date wins over a later announcement and a third party's earlier claim.
    assert entry.delisted_on == PartialDate(2023, 12)
    assert entry.listed_on == PartialDate(2005) and entry.legal_basis == "Court decision"
    assert ("Группа А", "original_script", "ru") in {(n.value, n.kind, n.lang) for n in entry.names}
    critic = [c for c in entry.citations if (c.statement or "").startswith("claim by a critic")]
    assert critic and "[disputed: delisted_on taken as 2023-12]" in (critic[0].statement or "")


def test_a_yaml_file_outside_a_curated_folder_is_not_claimed(tmp_path: Path) -> None:
    stray = tmp_path / "2024-01-01.yaml"
    stray.write_text("entries: []\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown format"):
        detect(stray, read_bytes(stray))
    assert detect(VERSIONS[0], read_bytes(VERSIONS[0])).name == "curated_yaml"


@pytest.mark.parametrize(
    ("case", "file", "line", "field", "message"),
    [
        ("bad_jurisdiction", "list.yaml", 4, "jurisdiction", 'unknown jurisdiction code "XX"'),
        ("bad_date", "2024-02-01.yaml", 14, "date", '"2005-13" is not a date'),
        ("no_source", "2024-02-01.yaml", 15, "sources", "a fact needs at least one source"),
        ("unknown_action", "2024-02-01.yaml", 13, "action", 'unknown action "banned"'),
        ("missing_field", "2024-02-01.yaml", 9, "schema", "missing (required)"),
        ("future_source", "2024-01-01.yaml", 5, "published", "after this version's record date"),
    ],
)
def test_bad_input_names_file_line_and_field(
    case: str, file: str, line: int, field: str, message: str
) -> None:
    version_file = next((FIXTURES / case).glob("20*.yaml"))
    with pytest.raises(InputError) as info:
        parse_file(version_file)
    error = info.value
    assert error.path.name == file
    assert (error.line, error.field) == (line, field)
    assert message in error.message


def test_missing_fields_are_all_reported() -> None:
    with pytest.raises(InputError) as info:
        parse_file(FIXTURES / "missing_field" / "2024-02-01.yaml")
    assert [(p.field, p.line) for p in info.value.problems] == [("schema", 9), ("date", 12), ("quote", 13)]


def test_every_problem_in_a_file_is_reported_not_only_the_first() -> None:
    with pytest.raises(InputError) as info:
        parse_file(FIXTURES / "many_problems" / "2024-02-01.yaml")
    problems = info.value.problems
    assert [p.field for p in problems] == ["schema", "date", "source", "sauces"]
    assert [p.line for p in problems] == [10, 14, 15, 19]
    assert "(and 3 more problem(s))" in str(info.value)


def test_a_version_file_must_be_named_by_its_record_date(tmp_path: Path) -> None:
    folder = tmp_path / "good"
    folder.mkdir()
    (folder / "list.yaml").write_bytes((FIXTURES / "good" / "list.yaml").read_bytes())
    wrong = folder / "latest.yaml"
    wrong.write_bytes((FIXTURES / "good" / "2024-02-01.yaml").read_bytes())
    with pytest.raises(InputError, match=r"named YYYY-MM-DD\.yaml"):
        parse_file(wrong, "curated_yaml")

"""The Taliban matrix as the seed articles state it, on 2023-06-01 and 2024-01-15 (issue 4), and across
every jurisdiction held as the curated lists' sources state it, to 2026-11-01 (issue 13)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from listwatch.history.matrix import matrix
from listwatch.ingest import collect_files, ingest_file
from listwatch.sources.national import iter_curated_versions
from listwatch.store import Store, open_store


@pytest.fixture(scope="module")
def record(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('matrix') / 'm.db'}")
    files = collect_files(
        [
            shared_data / "un_sc_consolidated" / "2024-09-26-consolidated.xml.gz",
            shared_data / "ofac_sdn_csv" / "2021-07-07-sdn.csv.gz",  # with its alt.csv: aliases
            shared_data / "ofac_sdn_csv" / "2024-05-03-sdn.csv.gz",
            shared_data / "uk_hmt_conlist" / "2018-04-13-sanctionsconlist.csv.gz",
            *iter_curated_versions(),
        ]
    )
    for path in files:
        ingest_file(store, path)
    return store


def _rows(store: Store, on: date) -> dict[str, dict[str, object]]:
    data = matrix(store.reader(), "Taliban", on)
    return {f"{r['jurisdiction']}/{r['list']}": r for r in data["rows"]}


EXPECTED = {
    # jurisdiction/list: (status on 2023-06-01, status on 2024-01-15)
    "UN/un_sc_sanctions": ("never_listed", "never_listed"),
    "US/us_ofac_sdn": ("listed", "listed"),
    "US/us_state_fto": ("never_listed", "never_listed"),
    "KZ/kz_terrorist_organizations": ("listed", "not_listed"),
    "RU/ru_terrorist_organizations": ("listed", "listed"),
    "KG/kg_terrorist_organizations": ("listed", "listed"),
    "TJ/tj_terrorist_organizations": ("listed", "listed"),
}


@pytest.mark.parametrize(("on", "column"), [(date(2023, 6, 1), 0), (date(2024, 1, 15), 1)])
def test_taliban_matrix_as_the_seeds_say(record: Store, on: date, column: int) -> None:
    rows = _rows(record, on)
    for key, statuses in EXPECTED.items():
        assert rows[key]["status"] == statuses[column], key
        assert rows[key]["claims"], f"{key} must say who says so"
    for row in rows.values():
        for claim in row["claims"]:  # type: ignore[attr-defined]
            assert claim["statement"] and claim["source"]


def test_kazakhstan_row_dates_and_disagreement(record: Store) -> None:
    kz = _rows(record, date(2023, 6, 1))["KZ/kz_terrorist_organizations"]
    assert (kz["since"], kz["until"]) == ("2005", "2023-12")
    after = _rows(record, date(2024, 1, 15))["KZ/kz_terrorist_organizations"]
    assert after["since"] == "2023-12"
    delisting_dates = {
        c["statement"].split(",")[0].strip() for c in after["claims"] if "delisted" in c["statement"]
    }
    # The seeds disagree: removed in (late) December 2023, or on 3 June 2024. Both claims are shown.
    assert any("2023-12" in s for s in delisting_dates) and any("2024-06-03" in s for s in delisting_dates)


def test_us_row_dates_sdgt_from_the_source_and_never_fto(record: Store) -> None:
    rows = _rows(record, date(2024, 1, 15))
    assert rows["US/us_ofac_sdn"]["since"] == "2001"
    assert rows["US/us_ofac_sdn"]["ref"] == "6636"
    un = rows["UN/un_sc_sanctions"]
    assert any(c["quote"] and "never has been" in c["quote"] for c in un["claims"])


def test_person_matrix_follows_references_the_lists_carry(record: Store) -> None:
    data = matrix(record.reader(), "TAi.024", date(2024, 1, 15))
    rows = {r["list"]: r for r in data["rows"]}
    assert rows["un_sc_sanctions"]["status"] == "listed"
    # The UK file carries "UN Ref TI.B.24.01." for Baradar: the same designation, linked. Its last
    # version held is of 2018-04-13: on 2024-01-15 it no longer answers (stale), though it said listed.
    gb = rows["gb_hmt_sanctions"]
    assert (gb["status"], gb["stale"], gb["last_known"], gb["ref"]) == ("unknown", True, "listed", "7060")
    assert "2018-04-13" in gb["basis"]["reason"] and "horizon" in gb["basis"]["reason"]


def test_person_matrix_links_by_identical_name_and_birth_year_when_no_reference(record: Store) -> None:
    """OFAC carries no UN references: Sirajuddin Haqqani (TAi.144) is joined to OFAC 10743 by an
    identical name and a birth year within one year, and the row says that is how."""
    rows = {r["list"]: r for r in matrix(record.reader(), "TAi.144", date(2024, 1, 15))["rows"]}
    ofac = rows["us_ofac_sdn"]
    assert (ofac["status"], ofac["ref"], ofac["linked_by"]) == ("listed", "10743", "name")
    assert ofac["claims"][0]["statement"].startswith("linked by same name")
    assert rows["un_sc_sanctions"]["linked_by"] == "reference"
    assert rows["gb_hmt_sanctions"]["linked_by"] == "reference"


# Issue 13: every jurisdiction held, the curated national lists from their own sources. On 2026-11-01
# only Russia's record is within its horizon (a version of 2025-12-03); the others' last versions are
# older than a year, so those rows are unknown, stale, and say what was last known, never more. The
# State Department's FTO list has a version of 2026 and still says never.


def _by_list(store: Store, on: date) -> dict[str, dict[str, Any]]:
    return {r["list"]: r for r in matrix(store.reader(), "Taliban", on)["rows"]}


# list: (status, since) on the day; a stale row is ("unknown", last known status, since).
BEFORE_KZ_REMOVAL: dict[str, tuple[str, ...]] = {
    "kz_terrorist_organizations": ("listed", "2005"),
    "kg_terrorist_organizations": ("listed", "2006-09-15"),
    "ru_terrorist_organizations": ("listed", "2003-02-14"),
    "tj_terrorist_organizations": ("listed", "2006-03-30"),
    "us_ofac_sdn": ("listed", "2001"),
    "us_state_fto": ("never_listed",),
    "un_sc_sanctions": ("never_listed",),
}
ACROSS: dict[date, dict[str, tuple[str, ...]]] = {
    date(2023, 6, 1): BEFORE_KZ_REMOVAL,
    date(2024, 1, 15): {**BEFORE_KZ_REMOVAL, "kz_terrorist_organizations": ("not_listed", "2023-12")},
    date(2026, 11, 1): {
        "kz_terrorist_organizations": ("unknown", "not_listed", "2023-12"),
        "kg_terrorist_organizations": ("unknown", "not_listed", "2024-09"),
        "ru_terrorist_organizations": ("not_listed", "2025-04-17"),
        "tj_terrorist_organizations": ("unknown", "listed", "2006-03-30"),
        "us_ofac_sdn": ("unknown", "listed", "2001"),
        "us_state_fto": ("never_listed",),
    },
}


@pytest.mark.parametrize("on", list(ACROSS), ids=str)
def test_the_taliban_on_each_list_as_the_sources_say(record: Store, on: date) -> None:
    rows = _by_list(record, on)
    for list_id, want in ACROSS[on].items():
        row = rows[list_id]
        if want[0] == "unknown":
            got: tuple[str, ...] = (row["status"], row["last_known"], row["since"])
            assert row["stale"], list_id
        elif len(want) == 2:
            got = (row["status"], row["since"])
        else:
            got = (row["status"],)
        assert got == want, f"{list_id} on {on}"
        assert row["claims"] and all(c["statement"] and c["source"] for c in row["claims"]), list_id


def test_each_listing_and_removal_carries_its_sources_sentence(record: Store) -> None:
    quotes = {
        r["list"]: " ".join(c["quote"] or "" for c in r["claims"])
        for r in _by_list(record, date(2024, 10, 1)).values()
    }
    assert "September 15, 2006" in quotes["kg_terrorist_organizations"]
    assert (
        "exclude the Taliban movement from the list of banned organizations"
        in quotes["kg_terrorist_organizations"]
    )
    assert "30 March 2006" in quotes["tj_terrorist_organizations"]
    assert '"Движение Талибан" (Афганистан)' in quotes["ru_terrorist_organizations"]


def test_kyrgyzstan_dropped_it_by_september_2024(record: Store) -> None:
    """Absent from the Prosecutor-General's list of 2 September 2024; no source dates the removal itself,
    so it is dated to the month, and the foreign ministry's confirmation of 6 September is kept beside it."""
    before, after = _by_list(record, date(2024, 8, 31)), _by_list(record, date(2024, 10, 1))
    assert before["kg_terrorist_organizations"]["status"] == "listed"
    kg = after["kg_terrorist_organizations"]
    assert (kg["status"], kg["since"]) == ("not_listed", "2024-09")
    assert any("2024-09-06" in c["statement"] for c in kg["claims"])


def test_russia_the_supreme_court_suspended_the_ban_on_2025_04_17(record: Store) -> None:
    """Banned by the Supreme Court on 2003-02-14 (a 2025 report dates it from March 2003: both kept);
    the ban suspended on 2025-04-17, each claim with the quote that says so."""
    before = _by_list(record, date(2025, 4, 16))["ru_terrorist_organizations"]
    assert (before["status"], before["since"]) == ("listed", "2003-02-14")
    for on in (date(2025, 5, 1), date(2026, 11, 1)):
        ru = _by_list(record, on)["ru_terrorist_organizations"]
        assert (ru["status"], ru["since"], ru["stale"]) == ("not_listed", "2025-04-17", False), on
        quotes = [c["quote"] or "" for c in ru["claims"]]
        assert any("suspends the previously established ban" in q for q in quotes)
        assert any("с марта 2003 года" in q for q in quotes)


def test_a_partial_list_that_holds_no_entry_says_not_known_never_never_listed(record: Store) -> None:
    """No stored source says whether Uzbekistan lists the Taliban, and its list is partial: the row is
    ``unknown`` while its versions are current, and past their horizon still claims nothing."""
    uz = _by_list(record, date(2026, 1, 15))["uz_terrorist_organizations"]
    assert (uz["status"], uz["stale"]) == ("unknown", False)
    assert "not known to be listed" in uz["claims"][0]["statement"]
    later = _by_list(record, date(2026, 11, 1))["uz_terrorist_organizations"]
    assert (later["status"], later["stale"], later["last_known"]) == ("unknown", True, None)

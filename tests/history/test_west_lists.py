"""The lists governments publish as web pages (issue 13), as their sources say: the US FTO list, the
UK's proscribed organisations, Canada's listed entities, Australia's listed organisations.

The store holds the curated lists only (every shipped version), so the answers come from the curated
record: its dates, its completeness and its quotes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from listwatch.history.matrix import matrix
from listwatch.ingest import ingest_file
from listwatch.sources.national import in_force, iter_curated_versions
from listwatch.sources.registry import parse_file
from listwatch.store import Store, open_store


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('west') / 'w.db'}")
    for path in iter_curated_versions():
        ingest_file(store, path)
    return store


def _rows(store: Store, entity: str, on: date) -> dict[str, dict[str, Any]]:
    data = matrix(store.reader(), entity, on)
    return {r["list"]: r for r in data["rows"]}


def _quoted(row: dict[str, Any], words: str) -> bool:
    return any(c["quote"] and words in c["quote"] for c in row["claims"])


@pytest.fixture(scope="module")
def hts(record: Store) -> dict[str, dict[str, Any]]:
    return _rows(record, "Hayat Tahrir al-Sham", date(2025, 12, 15))


def test_hts_us_fto_row(hts: dict[str, dict[str, Any]], record: Store) -> None:
    fto = hts["us_state_fto"]
    assert (fto["status"], fto["since"]) == ("not_listed", "2025-07-08")
    assert _quoted(fto, "This revocation will be effective tomorrow, July 8.")
    before = _rows(record, "Hayat Tahrir al-Sham", date(2024, 1, 15))["us_state_fto"]
    assert (before["status"], before["since"]) == ("listed", "2014-05-15")


def _versions(list_id: str) -> list[Path]:
    return [p for p in iter_curated_versions() if p.parent.name == list_id]


WEST = [
    "us_state_fto",
    "gb_proscribed_organisations",
    "ca_listed_terrorist_entities",
    "au_listed_terrorist_organisations",
]


@pytest.mark.parametrize("list_id", WEST)
def test_a_stated_count_bounds_what_a_partial_version_holds(list_id: str) -> None:
    """A source's count is the whole list: a partial version may hold fewer entries in force, never more;
    a complete one holds exactly as many (checked for every list in test_curated_sources)."""
    checked = 0
    for path in _versions(list_id):
        version = parse_file(path)
        stated = version.completeness
        if stated is None or stated.count is None:
            continue
        held = len(in_force(version.entries, date.fromisoformat(path.stem)))
        if stated.complete:
            assert held == stated.count, path
        else:
            assert held <= stated.count, path
        checked += 1
    assert checked, f"{list_id}: no version states a count"


def test_us_fto_history_since_1997() -> None:
    """The 1999 redesignation (28, three dropped, al-Qaida added), the 36 FTOs of January 2003, the 2021
    and 2022 revocations and the 2025 cartel designations, each in the version its source dates."""
    by_day = {p.stem: parse_file(p) for p in _versions("us_state_fto")}
    assert min(by_day) == "1999-10-08" and max(by_day) >= "2025-07-08"
    v2003 = by_day["2003-12-31"]
    assert v2003.completeness is not None and v2003.completeness.complete
    assert v2003.completeness.count == 36
    newest = by_day[max(by_day)]
    entries = {e.ref: e for e in newest.entries}
    assert str(entries["khmer-rouge"].delisted_on) == "1999-10-08"
    assert str(entries["al-qaida"].listed_on) == "1999-10-08"
    assert str(entries["farc"].delisted_on) == "2021-11-30"
    assert str(entries["aum-shinrikyo"].delisted_on) == "2022-05-20"
    assert str(entries["tren-de-aragua"].listed_on) == "2025-02-20"
    assert str(entries["al-nusrah-front-hts"].delisted_on) == "2025-07-08"


def test_hts_uk_deproscribed_in_october_2025(hts: dict[str, dict[str, Any]], record: Store) -> None:
    """The order removing HTS (listed in 2017 as another name of Al-Qa'ida) was laid on 21 October 2025."""
    uk = hts["gb_proscribed_organisations"]
    assert (uk["status"], uk["since"]) == ("not_listed", "2025-10-21")
    assert _quoted(uk, "An order has been laid in Parliament to deproscribe Hay'at Tahrir al-Sham (HTS)")
    before = _rows(record, "Hayat Tahrir al-Sham", date(2024, 1, 15))["gb_proscribed_organisations"]
    assert (before["status"], before["since"]) == ("listed", "2017")


def test_hts_canada_delisted_in_december_2025(hts: dict[str, dict[str, Any]]) -> None:
    """Canada removed HTS from its list of terrorist entities on 5 December 2025 (joint statement)."""
    ca = hts["ca_listed_terrorist_entities"]
    assert (ca["status"], ca["since"]) == ("not_listed", "2025-12-05")
    assert _quoted(ca, "Ottawa has also removed Hayat Tahrir al-Sham (HTS)")


def test_muslim_brotherhood_on_2024_01_15(record: Store) -> None:
    """`listwatch matrix "Muslim Brotherhood" --on 2024-01-15`: the UK decided in December 2015 not to ban
    it; the US FTO record holds no source on it, so it says "not known", never "never listed"; Kazakhstan's
    court-designated list holds it."""
    rows = _rows(record, "Muslim Brotherhood", date(2024, 1, 15))
    uk = rows["gb_proscribed_organisations"]
    assert uk["status"] == "not_listed"
    assert _quoted(uk, "but the group will not be banned, David Cameron said.")
    fto = rows["us_state_fto"]
    assert fto["status"] == "unknown"
    assert any("not known to be listed" in c["statement"] for c in fto["claims"])
    assert rows["kz_terrorist_organizations"]["status"] == "listed"
    for row in rows.values():
        assert row["claims"], f"{row['list']} must say who says so"


def test_hizb_ut_tahrir_proscribed_in_the_uk_since_19_january_2024(record: Store) -> None:
    uk = _rows(record, "Hizb ut-Tahrir", date(2026, 11, 1))["gb_proscribed_organisations"]
    assert (uk["status"], uk["since"]) == ("listed", "2024-01-19")
    assert _quoted(uk, "after Parliament approved a draft order laid on Monday (15 January)")
    before = _rows(record, "Hizb ut-Tahrir", date(2023, 6, 1))["gb_proscribed_organisations"]
    assert before["status"] == "not_listed"  # first proscribed that day, so not before


@pytest.mark.parametrize(
    ("on", "status", "since", "words"),
    [
        (date(2021, 2, 1), "listed", "2021-01-19", "went into effect on January 19, 2021"),
        (date(2023, 6, 1), "not_listed", "2021-02-16", "Effective February 16, I am revoking"),
        (date(2025, 12, 15), "listed", "2025-03-05", "has officially designated the Ansarallah movement"),
    ],
)
def test_ansarallah_fto_designated_revoked_and_designated_again(
    record: Store, on: date, status: str, since: str, words: str
) -> None:
    """The Houthis: an FTO from 19 January 2021, revoked 16 February 2021, designated again in March 2025.
    Two entries, one per designation; the matrix shows the one that speaks for the day."""
    fto = _rows(record, "Ansarallah", on)["us_state_fto"]
    assert (fto["status"], fto["since"]) == (status, since)
    assert _quoted(fto, words)

"""The record tells the truth (issue 11), on the real files and on both engines: ``unknown`` where no
held version covers the day, never ``not_listed``; ``never_listed`` only inside the held coverage;
stale answers said to be stale; the source's own listing dates used before the first version held."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from listwatch.history.asof import STATUS_VALUES, status_on
from listwatch.history.matrix import matrix
from listwatch.history.views import statuses
from listwatch.ingest import collect_files, ingest_many
from listwatch.sources.national import iter_curated_versions
from listwatch.store import Store, open_store

IMU_OFAC = "us_ofac_sdn:6725"  # Islamic Movement of Uzbekistan
IMU_EU = "eu_journal_sanctions:i/n-e263d495f2d7"


def _engine(engine: str, folder: Path) -> Iterator[Store]:
    """A store on ``engine`` for the whole module (the real files take a while to ingest). The root
    conftest's ``make_store`` cannot be imported here: tests/web has a conftest of the same name."""
    if engine == "sqlite":
        yield open_store(f"sqlite:///{folder / 'truth.db'}")
        return
    url = os.environ.get("LISTWATCH_TEST_POSTGRES")
    if not url:
        pytest.skip("PostgreSQL not tested: set LISTWATCH_TEST_POSTGRES")
    from listwatch.store.postgres import PostgresStore

    pg = PostgresStore(url, schema=f"lw_truth_{uuid.uuid4().hex[:12]}")
    yield pg
    pg.drop_schema()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def record(
    request: pytest.FixtureRequest, shared_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """OFAC SDN 2021 and 2024, the UK's 2014 and 2018 files, the EU journal extract of 2026-08-14,
    the UN's last two versions and the curated lists."""
    files = collect_files(
        [
            shared_data / "ofac_sdn_csv" / "2021-07-07-sdn.csv.gz",
            shared_data / "ofac_sdn_csv" / "2024-05-03-sdn.csv.gz",
            shared_data / "uk_hmt_conlist",
            shared_data / "eu_terrorist_list_opensanctions",
            shared_data / "un_sc_consolidated" / "2025-11-20-un_consolidated.xml.gz",
            shared_data / "un_sc_consolidated" / "2026-02-27-UN_consolidated.xml.gz",
        ]
    )
    for store in _engine(request.param, tmp_path_factory.mktemp("truth")):
        for path, outcome in ingest_many(store, [*files, *iter_curated_versions()]):
            assert not isinstance(outcome, Exception), f"{path}: {outcome}"
        yield store


def test_before_the_first_held_version_is_unknown(record: Store) -> None:
    """`status 6725 --list us_ofac_sdn --on 2019-01-01`: the SDN file gives no listing date and the
    first version held is of 2021-07-07, so nothing held covers 2019."""
    answer = status_on(record.reader(), IMU_OFAC, "us_ofac_sdn", date(2019, 1, 1))
    data = answer.as_json()
    assert data["status"] == "unknown" and data["never_listed"] is False
    assert data["basis"]["published"] == "2021-07-07"
    assert "first seen on 2021-07-07 (listed on or before)" in data["basis"]["reason"]
    assert data["coverage"]["from"] == "2021-07-07"
    # Inside the coverage, the file answers.
    assert status_on(record.reader(), IMU_OFAC, "us_ofac_sdn", date(2021, 8, 1)).status == "listed"


def test_an_entry_dated_by_its_source_is_listed_before_the_first_version(record: Store) -> None:
    """`status eu_journal_sanctions:i/n-e263d495f2d7 --on 2024-01-15`: the EU entry dates its listing
    2001-10-06, so the answer is listed (per the version of 2026-08-14), never "never listed"."""
    data = statuses(record.reader(), IMU_EU, date(2024, 1, 15))[0]
    assert (data["status"], data["never_listed"], data["since"]) == ("listed", False, "2001-10-06")
    assert data["basis"]["kind"] == "entry_date" and "2026-08-14" in data["basis"]["reason"]
    # Known before the extract was published, nothing said so: unknown.
    then = statuses(record.reader(), IMU_EU, date(2024, 1, 15), known_at=date(2025, 1, 1))[0]
    assert then["status"] == "unknown" and "no version" in then["basis"]["reason"]
    rows = {r["list"]: r for r in matrix(record.reader(), IMU_EU, date(2024, 1, 15))["rows"]}
    assert rows["eu_journal_sanctions"]["status"] == "listed"
    assert rows["eu_journal_sanctions"]["since"] == "2001-10-06"


def test_past_the_horizon_is_stale_and_unknown(record: Store) -> None:
    """gb_hmt_sanctions ends in 2018: on 2026-12-02 the matrix says so instead of "listed"."""
    rows = {r["list"]: r for r in matrix(record.reader(), "TAi.024", date(2026, 12, 2))["rows"]}
    gb = rows["gb_hmt_sanctions"]
    assert (gb["status"], gb["stale"], gb["last_known"]) == ("unknown", True, "listed")
    assert gb["coverage"]["to"] == "2018-04-13" and "beyond its 31-day" in gb["basis"]["reason"]
    # Within a month of the UK's last version, it still answers.
    on_time = {r["list"]: r for r in matrix(record.reader(), "TAi.024", date(2018, 5, 1))["rows"]}
    assert (on_time["gb_hmt_sanctions"]["status"], on_time["gb_hmt_sanctions"]["stale"]) == ("listed", False)


def test_never_listed_only_inside_the_coverage(record: Store) -> None:
    rows = {r["list"]: r for r in matrix(record.reader(), "TAi.024", date(2026, 3, 1))["rows"]}
    assert rows["un_sc_sanctions"]["status"] == "listed"
    # No EU journal entry is Baradar: before its only version, that says nothing.
    eu = rows["eu_journal_sanctions"]
    assert eu["status"] == "unknown" and eu["never_listed"] is False
    stated = eu["claims"][0]["statement"]
    assert "no linked entry in the versions held (coverage 2026-08-14..2026-08-14" in stated
    inside = {r["list"]: r for r in matrix(record.reader(), "TAi.024", date(2026, 8, 20))["rows"]}
    assert inside["eu_journal_sanctions"]["status"] == "never_listed"
    assert inside["eu_journal_sanctions"]["never_listed"] is True


def test_every_answer_is_one_of_three_values_with_a_basis(record: Store) -> None:
    for on in (date(2010, 1, 1), date(2022, 1, 1), date(2026, 12, 2)):
        for data in statuses(record.reader(), "Islamic Movement of Uzbekistan", on):
            assert data["status"] in STATUS_VALUES
            assert data["basis"] and data["basis"]["reason"]

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


def test_partial_dates_keep_their_precision(record: Store) -> None:
    """Kazakhstan listed the Taliban in "2005" and removed it in "2023-12": never 2005-01-01."""
    from listwatch.history.views import timeline_of

    _rows, data = timeline_of(record.reader(), "kz_terrorist_organizations:taliban", linked=False)
    dated = {(e["type"], e["date"], e["date_precision"], e["dated_by"]) for e in data["events"]}
    assert ("listed", "2005", "year", "source") in dated
    assert ("delisted", "2023-12", "month", "source") in dated
    removal = next(e for e in data["events"] if e["date"] == "2023-12")
    assert "between 2023-12-01 and 2023-12-31" in removal["when"]
    kz = {r["list"]: r for r in matrix(record.reader(), "Taliban", date(2023, 6, 1))["rows"]}
    assert (kz["kz_terrorist_organizations"]["since"], kz["kz_terrorist_organizations"]["until"]) == (
        "2005",
        "2023-12",
    )


def test_listing_dates_from_the_source_or_first_seen(record: Store) -> None:
    """An entry on its first held version: "listed since D (per version V)" when the source dates it,
    "first seen on V (listed on or before)" when not."""
    from listwatch.history.views import timeline_of

    _rows, eu = timeline_of(record.reader(), IMU_EU, linked=False)
    assert eu["events"][0]["when"] == "listed since 2001-10-06 (per version of 2026-08-14)"
    _rows, us = timeline_of(record.reader(), IMU_OFAC, linked=False)
    listed = next(e for e in us["events"] if e["type"] == "listed")
    assert listed["when"] == "first seen on 2021-07-07 (listed on or before)"
    assert listed["dated_by"] == "first_seen"
    now = status_on(record.reader(), IMU_OFAC, "us_ofac_sdn", date(2021, 8, 1)).as_json()
    assert now["since_dated_by"] == "first_seen" and "listed on or before" in now["basis"]["reason"]


def test_changes_say_the_bounds_and_refuse_a_reversed_range(record: Store) -> None:
    from listwatch.errors import InputError
    from listwatch.history.views import changes_between

    _rows, empty = changes_between(record.reader(), "gb_hmt_sanctions", date(2019, 1, 1), date(2020, 1, 1))
    assert empty["bounds"]["in_period"] == [] and empty["bounds"]["before"]["published"] == "2018-04-13"
    assert empty["note"].startswith("no held version in the period")
    _rows, held = changes_between(record.reader(), "un_sc_sanctions", date(2025, 11, 20), date(2026, 2, 27))
    assert [v["published"] for v in held["bounds"]["in_period"]] == ["2026-02-27"] and held["note"] is None
    with pytest.raises(InputError, match="before --from"):
        changes_between(record.reader(), "un_sc_sanctions", date(2026, 2, 27), date(2025, 11, 20))


def test_amendments_show_before_and_after(record: Store) -> None:
    from listwatch.history.views import changes_between

    _rows, data = changes_between(record.reader(), "un_sc_sanctions", date(2025, 11, 20), date(2026, 2, 27))
    amended = next(e for e in data["events"] if e["type"] == "amended" and e["ref"] == "HTi.006")
    (text,) = amended["changes"]
    assert text.startswith('remarks: "Gender: Male. INTERPOL') and text.endswith('→ "Gender: Male."')


def test_the_entity_page_chart_takes_its_status_from_the_matrix(record: Store) -> None:
    """The Taliban page on 2019-02-20: OFAC's file is not held that early, a sourced fact dates the
    SDGT designation 2001. The chart row shows the matrix's answer, never its own."""
    from listwatch.api.routes.entities import entity_page_data
    from listwatch.history.views import chart_statuses

    reader = record.reader()
    grid = matrix(reader, "Taliban", date(2019, 2, 20))
    us = next(r for r in grid["rows"] if r["list"] == "us_ofac_sdn")
    assert (us["status"], us["since"]) == ("listed", "2001")
    shown = chart_statuses(grid)
    page = entity_page_data(reader, "Taliban")
    rows = {r["entity_id"]: r for r in page["intervals"]}
    ofac = rows[us["entity_id"]]
    assert shown[f"entity:{ofac['entity_id']}"]["status"] == "listed"
    kz = next(r for r in page["intervals"] if r["list"] == "kz_terrorist_organizations")
    assert (kz["spans"][0]["from"], kz["spans"][0]["to"]) == ("2005", "2023-12")
    assert ofac["known_until"] == "2024-06-03"  # the last SDN file held, 2024-05-03, plus 31 days


def test_search_finds_a_delisted_designation(record: Store) -> None:
    """IQi.074 left the UN list between 2025-11-20 and 2026-02-27; search still finds it, with its
    status and last event."""
    from listwatch.history.search import search_record

    for text in ("IQi.074", "Munir al Qubaysi"):
        found = {r["entity_id"]: r for r in search_record(record.reader(), (text,), date(2026, 3, 1))}
        un = found["un_sc_sanctions:iqi.074"]
        assert (un["status"], un["since"]) == ("not_listed", "2026-02-27")
        assert un["last_event"]["type"] == "delisted" and un["last_event"]["date"] == "2026-02-27"


def test_as_of_screening_never_uses_a_later_version_unless_known_at_allows(record: Store) -> None:
    """Screening "as of 2023-06-01" once used versions of 2024 and 2026 silently. Now: only what was
    published by then, each version record saying whether it is stale; later ones only by --known-at."""
    from listwatch.history.inforce import lists_not_used, version_records, versions_in_force

    reader = record.reader()
    on = date(2023, 6, 1)
    used = version_records(versions_in_force(reader, on), on)
    assert all(v["published"] <= "2023-06-01" for v in used)
    gb = next(v for v in used if v["list"] == "gb_hmt_sanctions")
    assert (gb["published"], gb["stale"], gb["later_than_as_of"]) == ("2018-04-13", True, False)
    skipped = {item["list"]: item for item in lists_not_used(reader, on)}
    assert (
        "eu_journal_sanctions" in skipped
        and "--known-at 2026-08-14" in skipped["eu_journal_sanctions"]["reason"]
    )
    allowed = version_records(versions_in_force(reader, on, known_at=date(2026, 12, 1)), on)
    eu = [v for v in allowed if v["list"] == "eu_journal_sanctions"]
    assert eu and all(v["later_than_as_of"] and v["read_for"] == "listing dates" for v in eu)


def test_a_curated_list_states_its_own_cadence(tmp_path: Path) -> None:
    """A list.yaml's cadence_days is the list's horizon; without one, a curated list has 365 days."""
    from listwatch.model import get_list
    from listwatch.sources.national import curated_root, load_list

    source = curated_root() / "kz_terrorist_organizations"
    assert get_list("kz_terrorist_organizations").horizon_days == 365
    folder = tmp_path / "kz_terrorist_organizations"
    folder.mkdir()
    text = (source / "list.yaml").read_text(encoding="utf-8")
    (folder / "list.yaml").write_text(text + "cadence_days: 90\n", encoding="utf-8")
    try:
        assert load_list(folder).info.horizon_days == 90
    finally:
        load_list(source)  # registered again as shipped


def test_the_timeline_says_where_the_record_knowledge_ends(record: Store) -> None:
    from listwatch.history.views import timeline_of

    _rows, data = timeline_of(record.reader(), "TAi.024")
    gb = data["coverage"]["gb_hmt_sanctions"]
    assert (gb["to"], gb["stale_after"], gb["stale_today"]) == ("2018-04-13", "2018-05-14", True)


def test_a_stale_row_keeps_the_sourced_listing_date(record: Store) -> None:
    """On 2026-12-02 OFAC's SDN row is unknown (its last file held is of 2024-05-03), but the listing
    it last showed began in 2001 by the curated source, not on the first file held."""
    us = next(
        r for r in matrix(record.reader(), "Taliban", date(2026, 12, 2))["rows"] if r["list"] == "us_ofac_sdn"
    )
    assert (us["status"], us["last_known"], us["since"], us["since_dated_by"]) == (
        "unknown",
        "listed",
        "2001",
        "source",
    )

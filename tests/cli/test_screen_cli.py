"""``listwatch screen`` as a user runs it, on real SQLite stores built with ``listwatch ingest``.

Two stores: the project's own UN fixtures (v1 of 2021-01-10 lists IQi.900, v2 of 2021-02-15 delists it
and lists QDi.901), and the real UN lists of 2025-11-20 and 2026-02-27 from ``../shared/data``, between
which IQi.074 (MUNIR AL QUBAYSI) was delisted (issue item 5).
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from listwatch.cli.main import app
from listwatch.errors import InputError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "un_sc"
runner = CliRunner()


def _ingest(url: str, *paths: Path) -> None:
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", url])
    assert result.exit_code == 0, result.output


@pytest.fixture
def fixture_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'fixtures.db'}"
    _ingest(url, FIXTURES / "v1.xml", FIXTURES / "v2_other_generator.xml")
    return url


@pytest.fixture(scope="session")
def un_db(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('un') / 'un.db'}"
    folder = shared_data / "un_sc_consolidated"
    _ingest(url, folder / "2025-11-20-un_consolidated.xml.gz", folder / "2026-02-27-UN_consolidated.xml.gz")
    return url


def _write_csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["id,name,birth_date", *(",".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _screen(tmp_path: Path, db: str, *args: str, input_name: str = "in.csv", out: str = "out.csv") -> Path:
    output = tmp_path / out
    result = runner.invoke(
        app,
        ["screen", str(tmp_path / input_name), "--output", str(output), "--db", db, "--workers", "1", *args],
        env={"LISTWATCH_INDEX_CACHE": str(tmp_path / "cache")},
    )
    assert result.exit_code == 0, (result.output, result.exception)
    return output


def _refs(output: Path) -> dict[str, set[str]]:
    import csv

    found: dict[str, set[str]] = {}
    with output.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["ref"]:
                found.setdefault(row["query_id"], set()).add(row["ref"])
    return found


def test_as_of_real_un_lists(un_db: str, tmp_path: Path) -> None:
    _write_csv(
        tmp_path / "in.csv",
        [("1", "Munir Al Qubaysi", ""), ("2", "منير القبيسي", ""), ("3", "John Smith", "")],
    )
    after = _screen(tmp_path, un_db, "--as-of", "2026-03-01", out="after.csv")
    before = _screen(tmp_path, un_db, "--as-of", "2026-01-01", out="before.csv")
    assert "IQi.074" not in set().union(*_refs(after).values(), set())
    assert _refs(before) == {"1": {"IQi.074"}, "2": {"IQi.074"}}
    # The output records the versions screened against: one each, by its file's hash.
    meta_after = json.loads((tmp_path / "after.csv.meta.json").read_text(encoding="utf-8"))
    meta_before = json.loads((tmp_path / "before.csv.meta.json").read_text(encoding="utf-8"))
    assert [v["published"] for v in meta_after["versions"]] == ["2026-02-27"]
    assert [v["published"] for v in meta_before["versions"]] == ["2025-11-20"]
    assert meta_before["versions"][0]["sha256"] != meta_after["versions"][0]["sha256"]
    assert meta_before["as_of"] == "2026-01-01" and meta_before["algorithm"]


def test_as_of_and_known_at_fixtures(fixture_db: str, tmp_path: Path) -> None:
    _write_csv(
        tmp_path / "in.csv",
        [("d", "To Be Delisted", ""), ("n", "New Listing", ""), ("b", "Baradar Abdul Ghani", "1968")],
    )
    early = _refs(_screen(tmp_path, fixture_db, "--as-of", "2021-01-20", out="early.csv"))
    late = _refs(_screen(tmp_path, fixture_db, "--as-of", "2021-03-01", out="late.csv"))
    # As of 2021-03-01 but known at 2021-01-31: v2 was not yet published, so v1 is what we knew.
    known = _refs(
        _screen(tmp_path, fixture_db, "--as-of", "2021-03-01", "--known-at", "2021-01-31", out="k.csv")
    )
    assert early["d"] == {"IQi.900"} and "n" not in early
    assert "d" not in late and late["n"] == {"QDi.901"}
    assert known["d"] == {"IQi.900"} and "n" not in known
    assert early["b"] == late["b"] == {"TAi.024"}


def test_index_cache_follows_list_changes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'grow.db'}"
    _ingest(url, FIXTURES / "v1.xml")
    _write_csv(tmp_path / "in.csv", [("n", "New Listing", "")])
    assert _refs(_screen(tmp_path, url, "--as-of", "2021-03-01", out="one.csv")) == {}
    cached = sorted((tmp_path / "cache").glob("*.lwi"))
    assert len(cached) == 1
    _screen(tmp_path, url, "--as-of", "2021-03-01", out="again.csv")  # reuses the persisted index
    assert sorted((tmp_path / "cache").glob("*.lwi")) == cached
    _ingest(url, FIXTURES / "v2_other_generator.xml")
    assert _refs(_screen(tmp_path, url, "--as-of", "2021-03-01", out="two.csv")) == {"n": {"QDi.901"}}
    assert len(list((tmp_path / "cache").glob("*.lwi"))) == 2


def test_output_formats_carry_versions(fixture_db: str, tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(
        json.dumps({"id": "1", "name": "Abdul Ghani Baradar", "schema": "Person", "birth_date": "1968"})
        + "\n",
        encoding="utf-8",
    )
    out = _screen(tmp_path, fixture_db, "--as-of", "2021-03-01", input_name="in.jsonl", out="out.parquet")
    table = pq.read_table(out)
    assert table.column_names[:7] == [
        "query_id",
        "entity_id",
        "score",
        "list",
        "ref",
        "matched_name",
        "explanation",
    ]
    row = table.to_pylist()[0]
    assert row["ref"] == "TAi.024" and 0.9 < row["score"] <= 1.0 and "baradar=baradar" in row["explanation"]
    meta = json.loads(table.schema.metadata[b"listwatch"])
    assert [v["published"] for v in meta["versions"]] == ["2021-02-15"]


def test_unknown_list_is_a_clear_error(fixture_db: str, tmp_path: Path) -> None:
    _write_csv(tmp_path / "in.csv", [("1", "Baradar", "")])
    result = runner.invoke(
        app,
        [
            "screen",
            str(tmp_path / "in.csv"),
            "-o",
            str(tmp_path / "o.csv"),
            "--db",
            fixture_db,
            "--lists",
            "un_sc_sanctions,no_such_list",
        ],
        env={"LISTWATCH_INDEX_CACHE": str(tmp_path / "cache")},
    )
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError)
    assert "no_such_list" in str(result.exception) and "un_sc_sanctions" in str(result.exception)
    assert not (tmp_path / "o.csv").exists()


def test_bad_rows_are_warnings_not_crashes(fixture_db: str, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(
        b"id,name,birth_date\n1,Abdul Ghani Baradar,1968\n2,\n3,Bad \xff\xfe bytes,\n4,"
        + b"x" * 10_000_000
        + b",\n5,Haqqani Network,not a date\n"
    )
    out = _screen(tmp_path, fixture_db, "--as-of", "2021-03-01")
    import csv

    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    warnings = {r["query_id"]: r["warning"] for r in rows if r["warning"]}
    assert {r["query_id"]: r["ref"] for r in rows if r["ref"]} == {"1": "TAi.024", "5": "TAe.012"}
    assert "empty name" in warnings["2"] and "undecodable" in warnings["3"]
    assert "cut to" in warnings["4"] and "not a date" in warnings["5"]


def _refused(db: str, tmp_path: Path, input_name: str, message: str) -> None:
    """``screen`` stops with an ``InputError`` (``error: ...``, status 2) and writes no output."""
    result = runner.invoke(
        app,
        ["screen", str(tmp_path / input_name), "-o", str(tmp_path / "o.csv"), "--db", db],
        env={"LISTWATCH_INDEX_CACHE": str(tmp_path / "cache")},
    )
    assert isinstance(result.exception, InputError) and message in str(result.exception)
    assert not (tmp_path / "o.csv").exists()


def test_missing_name_column(fixture_db: str, tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("id,nom\n1,Baradar\n", encoding="utf-8")
    _refused(fixture_db, tmp_path, "in.csv", "no 'name' column")


def test_index_persisted_by_default(tmp_path: Path) -> None:
    # With no LISTWATCH_INDEX_CACHE the index goes to the user cache folder (platformdirs), as
    # docs/screening.md says; an unset variable once turned the cache off instead.
    url = f"sqlite:///{tmp_path / 'grow.db'}"
    _ingest(url, FIXTURES / "v1.xml")
    _write_csv(tmp_path / "in.csv", [("n", "New Listing", "")])
    env = {"LISTWATCH_INDEX_CACHE": "", "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    args = ["screen", str(tmp_path / "in.csv"), "-o", str(tmp_path / "o.csv"), "--db", url, "--workers", "1"]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, (result.output, result.exception)
    assert len(list((tmp_path / "xdg" / "listwatch" / "indexes").glob("names-*.lwi"))) == 1


def test_option_error_names_the_option_once(fixture_db: str, tmp_path: Path) -> None:
    _write_csv(tmp_path / "in.csv", [("1", "Abdul Ghani Baradar", "")])
    args = ["screen", str(tmp_path / "in.csv"), "-o", str(tmp_path / "o.csv"), "--db", fixture_db]
    result = runner.invoke(app, [*args, "--threshold", "2"])
    assert isinstance(result.exception, InputError)
    assert str(result.exception) == "--threshold: 2.0 is not between 0 and 1"


def test_missing_input_file_is_a_clear_error(fixture_db: str, tmp_path: Path) -> None:
    _refused(fixture_db, tmp_path, "nofile.csv", "input file not found")


def test_versions_read_before_their_publication_say_so(shared_data: Path, tmp_path: Path) -> None:
    """Both EU extracts of 2026-08-14 (two regulations) are the first EU versions held. Screening as of
    2026-03-01 never uses a version published later (issue 11) unless --known-at allows it; then it
    reads them for entries listed by then, and its record names both, marked as such."""
    url = f"sqlite:///{tmp_path / 'eu.db'}"
    _ingest(url, shared_data / "eu_terrorist_list_opensanctions")
    _write_csv(tmp_path / "in.csv", [("c1", "Abdul Ghani Baradar", "")])
    args = ["screen", str(tmp_path / "in.csv"), "-o", str(tmp_path / "x.csv"), "--db", url, "--workers", "1"]
    refused = runner.invoke(app, [*args, "--as-of", "2026-03-01"])
    assert refused.exit_code != 0 and "no list held is in force on 2026-03-01" in str(refused.exception)
    meta = {}
    for day, known in (("2026-03-01", "2026-09-01"), ("2026-09-01", "2026-09-01")):
        output = _screen(tmp_path, url, "--as-of", day, "--known-at", known, out=f"{day}.csv")
        meta[day] = json.loads(output.with_name(output.name + ".meta.json").read_text())["versions"]
    before = [v for v in meta["2026-03-01"] if v["list"] == "eu_journal_sanctions"]
    assert sorted(v["scope"] for v in before) == ["32001R2580", "32002R0881"]
    assert all(v["read_for"] == "listing dates" and v["later_than_as_of"] for v in before)
    after = [v for v in meta["2026-09-01"] if v["list"] == "eu_journal_sanctions"]
    assert len(after) == 2 and not any("read_for" in v or v["later_than_as_of"] for v in after)
    assert not any(v["stale"] for v in after)


def test_screen_against_a_saved_index_file(tmp_path: Path) -> None:
    """An index saved with ``NameIndex.save`` outside a store (as bench/screen_speed.py saves one, its
    versions naming their lists ``list_id``) is screened against with ``--index``."""
    from listwatch.matching import Candidate, build_index
    from listwatch.model import Name

    index = build_index(
        [Candidate("un_sc_sanctions:TAi.024", "un_sc_sanctions", "TAi.024", "Person",
                   (Name("ABDUL GHANI BARADAR", "primary"),))],
        [{"list_id": "un_sc_sanctions", "published": "2026-02-27", "sha256": "0" * 64, "path": ""}],
    )  # fmt: skip
    index.save(tmp_path / "names.lwi")
    (tmp_path / "in.csv").write_text("id,name\n1,Abdul Ghani Baradar\n", encoding="utf-8")
    out = tmp_path / "hits.csv"
    result = runner.invoke(app, ["screen", str(tmp_path / "in.csv"), "--output", str(out),
                                 "--index", str(tmp_path / "names.lwi")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "TAi.024" in out.read_text(encoding="utf-8")

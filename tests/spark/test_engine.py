"""The Spark engine (``listwatch.spark``, ``screen --engine spark``) in Spark local mode: the same hits
as the default engine, byte for byte, on the screening tests' inputs; as-of and known-at respected; bad
rows reported as the CLI reports them.

One SparkSession serves the module (a JVM start costs seconds), and the module's tests run in one
pytest-xdist worker (``xdist_group``). Without Java or pyspark they skip with the reason.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from listwatch.cli.main import app
from listwatch.matching import NameIndex, Screener
from listwatch.matching.screen import OUTPUT_SCHEMA, queries_from_rows, screen_rows
from listwatch.spark.engine import screen_partition

pytestmark = pytest.mark.xdist_group("spark")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "un_sc"
runner = CliRunner()


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark", reason="pyspark not installed: pip install 'listwatch[spark]'")
    if shutil.which("java") is None:
        pytest.skip("Java not found: the Spark engine needs Java 17 or newer")
    from listwatch.spark import session

    spark = session("local[2]", app_name="listwatch-tests")
    yield spark
    spark.stop()


def _ingest(url: str, *paths: Path) -> None:
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", url])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('spark-fixtures') / 'fixtures.db'}"
    _ingest(url, FIXTURES / "v1.xml", FIXTURES / "v2_other_generator.xml")
    return url


@pytest.fixture(scope="module")
def un_db(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('spark-un') / 'un.db'}"
    folder = shared_data / "un_sc_consolidated"
    _ingest(url, folder / "2025-11-20-un_consolidated.xml.gz", folder / "2026-02-27-UN_consolidated.xml.gz")
    return url


@pytest.fixture(scope="module")
def resolved_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """tests/fixtures/resolve (the UN's and OFAC's Doku Umarov and Haqqani Network) through `update`,
    which resolves them: one entity each, on two lists."""
    folder = tmp_path_factory.mktemp("spark-resolved")
    shutil.copytree(FIXTURES.parent / "resolve", folder / "sources")
    url = f"sqlite:///{folder / 'resolved.db'}"
    result = runner.invoke(
        app,
        ["update", "--offline", "--sources", str(folder / "sources"), "--db", url],
        env={"LISTWATCH_SOURCES": "", "LISTWATCH_OFFLINE": "1"},
    )
    assert result.exit_code == 0, result.output
    return url


def _screen(tmp_path: Path, db: str, input_name: str, out: str, *args: str) -> Path:
    output = tmp_path / out
    result = runner.invoke(
        app,
        ["screen", str(tmp_path / input_name), "--output", str(output), "--db", db, "--workers", "1", *args],
        env={"LISTWATCH_INDEX_CACHE": str(tmp_path / "cache")},
    )
    assert result.exit_code == 0, (result.output, result.exception)
    return output


def _both(tmp_path: Path, db: str, input_name: str, suffix: str, *args: str) -> tuple[Path, Path]:
    default = _screen(tmp_path, db, input_name, f"default{suffix}", *args)
    spark = _screen(tmp_path, db, input_name, f"spark{suffix}", "--engine", "spark", *args)
    return default, spark


# Names from the screening tests: three scripts, a birth date, innocents, duplicates of one id.
NAMES = [
    ("1", "Munir Al Qubaysi", ""),
    ("2", "منير القبيسي", ""),
    ("3", "John Smith", "1980-05-01"),
    ("4", "Барадар Абдул Гани", "1968"),
    ("5", "BARADAR, Abdul Ghani", "1970"),
    ("5", "Abdul Ghani Baradar", "1968"),
    ("", "Haqqani Network", ""),
    ("8", "Computing Services Ltd", ""),
]


def _write(path: Path, rows: list[tuple[str, str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "birth_date"])
        writer.writerows(rows)


def test_same_hits_as_the_default_engine_on_real_un_lists(spark: Any, un_db: str, tmp_path: Path) -> None:
    _write(tmp_path / "in.csv", NAMES * 40)  # 320 rows: several partitions, ids repeated
    for as_of in ("2026-01-01", "2026-03-01"):
        default, on_spark = _both(tmp_path, un_db, "in.csv", f"-{as_of}.csv", "--as-of", as_of)
        assert on_spark.read_bytes() == default.read_bytes()
        meta = json.loads((tmp_path / f"spark-{as_of}.csv.meta.json").read_text(encoding="utf-8"))
        assert meta["engine"] == "spark (local[2])" and meta["names"] == 320
    early = (tmp_path / "spark-2026-01-01.csv").read_text(encoding="utf-8")
    late = (tmp_path / "spark-2026-03-01.csv").read_text(encoding="utf-8")
    assert "IQi.074" in early and "IQi.074" not in late  # delisted between the two versions
    assert "row 7" in early  # the row without an id is named by its position, as by the default engine


def test_one_row_per_resolved_entity_on_both_engines(spark: Any, resolved_db: str, tmp_path: Path) -> None:
    """The groups travel with the Spark tasks: the same rows, lists and refs as the default engine."""
    names = [("1", "Doku Umarov", "1964-04-13"), ("2", "Haqqani Network", ""), ("3", "UMAROV, Doku", "")]
    _write(tmp_path / "in.csv", names * 30)
    for suffix in (".csv", ".parquet"):
        default, on_spark = _both(tmp_path, resolved_db, "in.csv", suffix, "--as-of", "2022-10-01")
        if suffix == ".csv":
            assert on_spark.read_bytes() == default.read_bytes()
            continue
        import pyarrow.parquet as pq

        rows = pq.read_table(on_spark).to_pylist()
        assert rows == pq.read_table(default).to_pylist()
    assert len(rows) == 90  # one row per name, not one per list
    assert {r["refs"] for r in rows} == {
        "un_sc_sanctions:QDi.290;us_ofac_sdn:12110",
        "un_sc_sanctions:TAe.012;us_ofac_sdn:15484",
    }
    assert {r["lists"] for r in rows} == {"un_sc_sanctions;us_ofac_sdn"}


def test_known_at_and_parquet_output(spark: Any, fixture_db: str, tmp_path: Path) -> None:
    _write(tmp_path / "in.csv", [("d", "To Be Delisted", ""), ("n", "New Listing", "")])
    args = ("--as-of", "2021-03-01", "--known-at", "2021-01-31")
    default, on_spark = _both(tmp_path, fixture_db, "in.csv", ".parquet", *args)
    import pyarrow.parquet as pq

    assert pq.read_table(on_spark).to_pylist() == pq.read_table(default).to_pylist()
    refs = {r["query_id"]: r["ref"] for r in pq.read_table(on_spark).to_pylist() if r["ref"]}
    assert refs == {"d": "IQi.900"}  # v2 (which delists it and lists QDi.901) was not known yet


def test_bad_rows_are_reported_as_by_the_cli(spark: Any, fixture_db: str, tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_bytes(
        b"id,name,birth_date\n1,Abdul Ghani Baradar,1968\n2,\n3,Bad \xff\xfe bytes,\n4,"
        + b"x" * 100_000
        + b",\n5,Haqqani Network,not a date\n,Baradar Abdul Ghani,\n"
    )
    default, on_spark = _both(tmp_path, fixture_db, "bad.csv", ".csv", "--as-of", "2021-03-01")
    assert on_spark.read_bytes() == default.read_bytes()
    with on_spark.open(encoding="utf-8") as handle:
        warnings = {r["query_id"]: r["warning"] for r in csv.DictReader(handle) if r["warning"]}
    assert "empty name" in warnings["2"] and "undecodable" in warnings["3"]
    assert "cut to" in warnings["4"] and "not a date" in warnings["5"]


def test_missing_name_column_is_an_input_error(spark: Any, fixture_db: str, tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("id,nom\n1,Baradar\n", encoding="utf-8")
    result = runner.invoke(
        app,
        ["screen", str(tmp_path / "in.csv"), "-o", str(tmp_path / "o.csv"), "--db", fixture_db,
         "--engine", "spark"],
        env={"LISTWATCH_INDEX_CACHE": str(tmp_path / "cache")},
    )  # fmt: skip
    assert result.exit_code != 0 and "no 'name' column" in str(result.exception)
    assert not (tmp_path / "o.csv").exists()


def _index(fixture_db: str) -> NameIndex:
    from datetime import date

    from listwatch.matching.loading import load_index
    from listwatch.store import open_store

    store = open_store(fixture_db)
    try:
        return load_index(store, date(2021, 3, 1))
    finally:
        store.close()


def test_dataframe_api_broadcast_and_path(spark: Any, fixture_db: str, tmp_path: Path) -> None:
    """``listwatch.spark.screen`` over a DataFrame with no row column (a counting pass numbers the rows),
    with the index broadcast and with a persisted index file, equals ``screen_rows`` in one process."""
    from listwatch.spark import screen

    index = _index(fixture_db)
    rows = [
        {"id": i, "name": n, "birth_date": b or None} for i, n, b in [*NAMES[3:], ("", "New Listing", "")]
    ]
    frame = spark.createDataFrame(rows, "id string, name string, birth_date string").repartition(3)
    frame = frame.localCheckpoint()  # the same partitions on every evaluation (see engine.py)
    expected_rows = [r for part in _partitions(frame) for r in part]
    expected = screen_rows(queries_from_rows(expected_rows), Screener(index), 0.78, 5)
    path = tmp_path / "index.lwi"
    index.save(path)
    for source in (index, path):
        got = screen(frame, source, ordered=True).toArrow().cast(OUTPUT_SCHEMA).to_pydict()
        assert got == expected
    unnamed = [q for q in expected["query_id"] if q.startswith("row ")]
    assert len(set(unnamed)) == 2  # two rows have no id: each is named by its place in the frame


def _partitions(frame: Any) -> list[list[dict[str, Any]]]:
    return [[row.asDict() for row in part] for part in frame.rdd.glom().collect()]


def test_screen_partition_keeps_repeated_ids_apart(fixture_db: str) -> None:
    """Two rows with one id (customer files repeat them) keep their own hits, in input order: the task
    each Spark executor runs, without Spark."""
    screener = Screener(_index(fixture_db))
    batch = pa.RecordBatch.from_pylist(
        [{"id": "x", "name": "New Listing"}, {"id": "x", "name": "Nobody Atall"},
         {"id": "x", "name": "New Listing"}]
    )  # fmt: skip
    out = pa.Table.from_batches(list(screen_partition(iter([batch]), screener, 0.78, 5, first_row=10)))
    assert out.column("_lw_row").to_pylist() == [10, 12]
    assert out.column("query_id").to_pylist() == ["x", "x"]

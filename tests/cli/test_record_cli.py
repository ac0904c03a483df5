"""The record commands as a user runs them: JSON shapes (a public interface), errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from listwatch.cli.main import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "un_sc"
runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = runner.invoke(
        app, ["ingest", str(FIXTURES / "v1.xml"), str(FIXTURES / "v2_other_generator.xml"), "--db", url]
    )
    assert result.exit_code == 0, result.output
    return url


def test_ingest_summary(db: str) -> None:
    result = runner.invoke(app, ["ingest", str(FIXTURES / "v1.xml"), "--db", db, "--report", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["files"][0]["status"] == "already_ingested"


def test_status_json_shape(db: str) -> None:
    result = runner.invoke(
        app,
        [
            "status",
            "IQi.900",
            "--list",
            "un_sc_sanctions",
            "--on",
            "2021-03-01",
            "--format",
            "json",
            "--db",
            db,
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"entity_id", "list", "on", "known_at", "status", "since", "evidence"}
    assert data["status"] == "not_listed" and data["since"] == "2021-02-15"
    assert data["evidence"][0]["sha256"]


def test_status_without_list_gives_results(db: str) -> None:
    result = runner.invoke(app, ["status", "baradar", "--on", "2021-03-01", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["status"] for r in data["results"]] == ["listed"]
    result = runner.invoke(app, ["status", "TAi.024", "--jurisdiction", "UN", "--format", "json", "--db", db])
    assert json.loads(result.stdout)["results"][0]["entity_id"] == "un_sc_sanctions:tai.024"


def test_changes_json_shape(db: str) -> None:
    result = runner.invoke(
        app,
        [
            "changes",
            "--list",
            "un_sc_sanctions",
            "--from",
            "2021-01-10",
            "--to",
            "2021-02-15",
            "--format",
            "json",
            "--db",
            db,
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["list"], data["from"], data["to"]) == ("un_sc_sanctions", "2021-01-10", "2021-02-15")
    assert {(e["type"], e["ref"]) for e in data["events"]} == {
        ("delisted", "IQi.900"),
        ("listed", "QDi.901"),
        ("amended", "TAe.012"),
    }
    for event in data["events"]:
        assert set(event) >= {"type", "ref", "entity_id", "name", "date", "fields"}


def test_timeline_show_lists(db: str) -> None:
    timeline = runner.invoke(app, ["timeline", "TAi.171", "--format", "json", "--db", db])
    assert timeline.exit_code == 0
    assert json.loads(timeline.stdout)["events"][0]["type"] == "listed"
    show = runner.invoke(app, ["show", "TAi.024", "--db", db])
    assert "عبدالغنی برادر" in show.stdout
    lists = runner.invoke(app, ["lists", "--format", "json", "--db", db])
    assert json.loads(lists.stdout)["lists"][0]["versions"] == 2


def test_bad_file_one_line_error_exit_2_nothing_written(db: str) -> None:
    result = runner.invoke(app, ["ingest", str(FIXTURES / "bad_listed_on.xml"), "--db", db])
    assert result.exit_code == 2
    assert "bad_listed_on.xml, line 4" in result.stderr
    assert "nothing of bad_listed_on.xml was written" in result.stderr
    lists = runner.invoke(app, ["lists", "--format", "json", "--db", db])
    assert json.loads(lists.stdout)["lists"][0]["versions"] == 2


def test_unknown_entity_is_a_clear_error(db: str) -> None:
    from listwatch.errors import NotFound

    result = runner.invoke(app, ["status", "nobody at all", "--db", db])
    assert isinstance(result.exception, NotFound)


def test_bad_date_option(db: str) -> None:
    from listwatch.errors import InputError

    result = runner.invoke(app, ["status", "TAi.024", "--on", "2021-13-01", "--db", db])
    assert isinstance(result.exception, InputError)


def test_real_entry_point_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "listwatch",
            "ingest",
            str(FIXTURES / "empty.xml"),
            "--db",
            f"sqlite:///{tmp_path}/x.db",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "empty.xml: the file is empty (0 bytes)" in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "listwatch", "status", "nobody", "--db", f"sqlite:///{tmp_path}/x.db"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2 and proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("un_sc/malformed.xml", "malformed.xml, line 5: malformed XML"),
        ("un_sc/bomb.xml", "bomb.xml: refused unsafe XML"),
        ("un_sc/truncated.xml.gz", "truncated.xml.gz: truncated or corrupt gzip"),
        ("un_sc/empty.xml", "empty.xml: the file is empty (0 bytes)"),
        ("un_sc/wrong_encoding.xml", "wrong_encoding.xml, line 2: byte 0xe9 is not valid UTF-8"),
        ("un_sc/unknown.csv", "unknown.csv: unknown format"),
        (
            "uk_hmt/2018-04-13-missing-columns.csv",
            "missing-columns.csv, line 2, DOB: the header has no column DOB",
        ),
    ],
)
def test_bad_input_one_line_exit_2(tmp_path: Path, fixture: str, message: str) -> None:
    db = f"sqlite:///{tmp_path / 'bad.db'}"
    result = runner.invoke(app, ["ingest", str(FIXTURES.parent / fixture), "--db", db])
    assert result.exit_code == 2
    assert message in result.stderr.replace("\n", " ")
    lists = runner.invoke(app, ["lists", "--format", "json", "--db", db])
    assert json.loads(lists.stdout)["lists"] == []

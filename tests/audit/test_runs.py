"""Audit replay (issue 16 item 5), as a user runs it: `screen` records a run, `runs` lists it, `replay`
re-runs it against the record as it stood then, on SQLite and PostgreSQL.

The real UN lists: on 2025-11-20 IQi.074 (MUNIR AL QUBAYSI) is listed; the version of 2026-02-27 delists
him. A run made before that version was ingested must replay identically after it, although a new run
of the same input no longer hits him.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import listwatch.audit.replay as replay_module
from listwatch.cli.main import app
from listwatch.errors import ListwatchError

runner = CliRunner()
NAMES = "id,name\nc1,Munir al Qubaysi\nc2,Abdul Ghani Baradar\nc3,John Smith\n"


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'audit.db'}"
        return
    from tests.conftest import _postgres_url

    url = _postgres_url()
    if url is None:
        pytest.skip("PostgreSQL not tested: set LISTWATCH_TEST_POSTGRES")
    from listwatch.store.postgres import PostgresStore

    schema = f"lw_test_{uuid.uuid4().hex[:12]}"
    yield f"{url}?schema={schema}"
    PostgresStore(url, schema=schema).drop_schema()


def _cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """(exit code, output) as the entry point gives them: a listwatch error is exit 2 and its message."""
    result = runner.invoke(app, list(args), env=env)
    if isinstance(result.exception, ListwatchError):
        return 2, f"{result.output}error: {result.exception}"
    return result.exit_code, result.output


def _ok(*args: str, env: dict[str, str] | None = None) -> str:
    code, output = _cli(*args, env=env)
    assert code == 0, output
    return output


def _screen(tmp_path: Path, db: str, source: Path) -> dict[str, object]:
    out = tmp_path / "hits.csv"
    env = {"LISTWATCH_INDEX_CACHE": str(tmp_path / "cache")}
    _ok("screen", str(source), "-o", str(out), "--db", db, "--as-of", "2026-03-01", "--workers", "1", env=env)
    meta: dict[str, object] = json.loads((tmp_path / "hits.csv.meta.json").read_text())
    return meta


def _runs(db: str) -> list[dict[str, object]]:
    runs: list[dict[str, object]] = json.loads(_ok("runs", "--format", "json", "--hits", "--db", db))["runs"]
    return runs


def test_a_run_is_recorded_and_replays_identically_after_a_newer_version(
    db: str, tmp_path: Path, shared_data: Path
) -> None:
    folder = shared_data / "un_sc_consolidated"
    _ok("ingest", str(folder / "2025-11-20-un_consolidated.xml.gz"), "--db", db)
    source = tmp_path / "book.csv"
    source.write_text(NAMES, encoding="utf-8")
    meta = _screen(tmp_path, db, source)

    (run,) = _runs(db)
    assert run["run"] == meta["run"]
    assert run["kind"] == "screen" and run["input_rows"] == 3 and run["as_of"] == "2026-03-01"
    assert run["algorithm"] == meta["algorithm"]
    assert [v["published"] for v in run["versions"]] == ["2025-11-20"]  # type: ignore[attr-defined]
    refs = {h["ref"] for h in run["hits"]}  # type: ignore[attr-defined]
    assert "IQi.074" in refs and "TAi.024" in refs

    _ok("ingest", str(folder / "2026-02-27-UN_consolidated.xml.gz"), "--db", db)
    # Screened again now, IQi.074 is gone (delisted on 2026-02-27) ...
    again = _screen(tmp_path, db, source)
    newest = _runs(db)[0]
    assert newest["run"] == again["run"]
    assert "IQi.074" not in {h["ref"] for h in newest["hits"]}  # type: ignore[attr-defined]
    # ... but the first run, replayed, reads the record as it stood then.
    code, output = _cli("replay", str(run["run"]), "--db", db)
    assert code == 0, output
    assert "identical (2 hits, 1 list versions" in output
    result = json.loads(_ok("replay", str(run["run"]), "--db", db, "--format", "json"))
    assert result["identical"] is True and result["output_identical"] is True
    kinds = [r["kind"] for r in _runs(db)]
    assert kinds == ["replay", "replay", "screen", "screen"]


def test_replay_reports_a_newer_algorithm_and_moved_input(
    db: str, tmp_path: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ok("ingest", str(shared_data / "un_sc_consolidated" / "2025-11-20-un_consolidated.xml.gz"), "--db", db)
    source = tmp_path / "book.csv"
    source.write_text(NAMES, encoding="utf-8")
    run_id = str(_screen(tmp_path, db, source)["run"])

    monkeypatch.setattr(replay_module, "ALGORITHM", "name-align-v999")
    code, output = _cli("replay", run_id, "--db", db)
    assert code == 1, output
    assert "DIFFERENT" in output and "name-align-v999 now" in output

    moved = tmp_path / "elsewhere.csv"
    shutil.move(source, moved)
    code, output = _cli("replay", run_id, "--db", db)
    assert code == 2 and "input is not there: give its copy with --input" in output
    moved.write_text(NAMES.replace("John Smith", "Jane Smith"), encoding="utf-8")
    code, output = _cli("replay", run_id, "--db", db, "--input", str(moved))
    assert code == 2 and "is not run" in output and "input (sha256" in output


def test_runs_on_an_unknown_run_is_a_clear_error(db: str, shared_data: Path) -> None:
    _ok("ingest", str(shared_data / "un_sc_consolidated" / "2025-11-20-un_consolidated.xml.gz"), "--db", db)
    assert "no screening run recorded yet" in _ok("runs", "--db", db)
    code, output = _cli("replay", "7", "--db", db)
    assert code == 2 and "no screening run 7" in output


def test_a_match_request_is_recorded_and_replays_identically(
    db: str, tmp_path: Path, shared_data: Path
) -> None:
    """`/match` requests are runs too: the request is kept whole, and replayed through the same route
    against the record as it stood, after a newer version delisted the person it hit."""
    from fastapi.testclient import TestClient

    from listwatch.api.app import create_app
    from listwatch.settings import Settings
    from listwatch.store import open_store

    folder = shared_data / "un_sc_consolidated"
    _ok("ingest", str(folder / "2025-11-20-un_consolidated.xml.gz"), "--db", db)
    store = open_store(db)
    settings = Settings.from_env({"LISTWATCH_INDEX_CACHE": str(tmp_path / "cache")}, db_url=db)
    body = {"queries": {"q1": {"schema": "Person", "properties": {"name": ["Munir al Qubaysi"]}}}}
    with TestClient(create_app(settings, store, warm=False)) as client:
        answer = client.post("/match/default", json=body, params={"as_of": "2026-03-01"})
        assert answer.status_code == 200, answer.text
    refs = {r["ref"] for r in answer.json()["responses"]["q1"]["results"]}
    assert "IQi.074" in refs

    (run,) = _runs(db)
    assert run["kind"] == "match" and run["input"] == "POST /match/default" and run["input_rows"] == 1
    assert run["as_of"] == "2026-03-01" and "IQi.074" in {h["ref"] for h in run["hits"]}  # type: ignore[attr-defined]

    _ok("ingest", str(folder / "2026-02-27-UN_consolidated.xml.gz"), "--db", db)
    with TestClient(create_app(settings, store, warm=False)) as client:
        now = client.post("/match/default", json=body, params={"as_of": "2026-03-01"}).json()
    assert "IQi.074" not in {r["ref"] for r in now["responses"]["q1"]["results"]}
    code, output = _cli("replay", str(run["run"]), "--db", db)
    assert code == 0 and "identical (" in output, output
    # the newer request, replayed, is identical too: no version ingested since
    newest = _runs(db)[1]
    assert newest["kind"] == "match"
    assert _cli("replay", str(newest["run"]), "--db", db)[0] == 0


def test_match_runs_can_be_turned_off(tmp_path: Path, shared_data: Path) -> None:
    from fastapi.testclient import TestClient

    from listwatch.api.app import create_app
    from listwatch.settings import Settings
    from listwatch.store import open_store

    db = f"sqlite:///{tmp_path / 'off.db'}"
    _ok("ingest", str(shared_data / "un_sc_consolidated" / "2025-11-20-un_consolidated.xml.gz"), "--db", db)
    env = {"LISTWATCH_RECORD_MATCH": "0", "LISTWATCH_INDEX_CACHE": str(tmp_path / "cache")}
    settings = Settings.from_env(env, db_url=db)
    body = {"queries": {"q1": {"schema": "Person", "properties": {"name": ["Munir al Qubaysi"]}}}}
    with TestClient(create_app(settings, open_store(db), warm=False)) as client:
        assert client.post("/match/default", json=body).status_code == 200
    assert "no screening run recorded yet" in _ok("runs", "--db", db)

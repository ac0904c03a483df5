"""Group 6 of issue 18, fault injection: real list files damaged in the ways downloads and generators
damage them, kill -9 in the middle of an ingest, a full disk, and updates run at the same time. Each
ends in a clean refusal naming the file or a whole, valid version; the store is never left half-written
(``consistency.problems`` checks it in plain SQL)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from consistency import history, problems, versions
from entry_point import Run
from mutations import MUTATIONS, mutants

from listwatch.errors import InputError, ListwatchError
from listwatch.ingest import ingest_file
from listwatch.store import Store, open_store

# One small real file of each format (the smallest of its folder that is a version of its own).
REAL_FILES = (
    "un_sc_1988_taliban/2015-03-27-1988-2015-03-30.xml.gz",
    "ca_sema/2020-04-15-sema-lmes.xml.gz",
    "eu_terrorist_list_opensanctions/2026-08-14-32001R2580.csv",
    "opensanctions_ftm/2024-06-01-t1-entities.ftm.json",
    "ru_rosfinmonitoring/2022-05-20-RFM.csv",
)
# Refused whatever the format: none of these can be read as the list it was.
ALWAYS_REFUSED = {
    "truncated at 3%",
    "commonest element renamed",
    "invalid UTF-8 bytes",
    "NUL bytes",
    "re-encoded as UTF-16",
    "re-encoded as Latin-1",
}


@pytest.mark.xdist_group("faults")
@pytest.mark.parametrize("relative", REAL_FILES)
def test_every_mutation_is_refused_cleanly_or_is_a_valid_version(
    shared_data: Path, tmp_path: Path, relative: str, store: Store
) -> None:
    """On a store that holds the real file already (so the checks against the previous version run,
    as in an update), each damaged copy is ingested: refused with an input error naming the file and
    nothing written, or ingested as a whole version."""
    source = shared_data / relative
    ingest_file(store, source)
    outcomes: dict[str, str] = {}
    for mutation, path in mutants(source, tmp_path / "mutants"):
        before = versions(store)
        try:
            result = ingest_file(store, path)
        except InputError as exc:
            assert path.name in str(exc), f"{mutation.name}: the error does not name the file: {exc}"
            assert versions(store) == before, f"{mutation.name}: refused, yet a version was written"
            outcomes[mutation.name] = f"refused: {exc}"
        except ListwatchError as exc:
            pytest.fail(f"{mutation.name}: not an input error: {type(exc).__name__}: {exc}")
        else:
            held = {v.id: v for v in store.reader().versions()}
            assert result.version_id in held and held[result.version_id].entry_count == result.entries
            outcomes[mutation.name] = f"{result.status}: {result.entries} entries"
        assert problems(store) == [], mutation.name
    assert len(outcomes) >= len(MUTATIONS) - 2
    refused = [name for name, outcome in outcomes.items() if outcome.startswith("refused")]
    assert set(refused) >= ALWAYS_REFUSED, outcomes


# -- kill -9, a full disk, two updates at once ------------------------------------------------------

UN_FILES = (
    "un_sc_consolidated/2022-09-15-un.xml.gz",
    "un_sc_consolidated/2024-09-26-consolidated.xml.gz",
    "un_sc_consolidated/2025-11-20-un_consolidated.xml.gz",
)


def _url(engine: str, folder: Path) -> str:
    if engine == "sqlite":
        return f"sqlite:///{folder / 'store.db'}"
    base = os.environ.get("LISTWATCH_TEST_POSTGRES")
    if not base:
        pytest.skip("PostgreSQL not tested: set LISTWATCH_TEST_POSTGRES")
    return f"{base}?schema=lw_test_{uuid.uuid4().hex[:12]}"


@contextmanager
def _opened(url: str) -> Iterator[Store]:
    store = open_store(url)
    try:
        yield store
    finally:
        store.close()


def _drop(url: str) -> None:
    if url.startswith("postgresql"):
        with _opened(url) as store:
            store.drop_schema()  # type: ignore[attr-defined]


def _env(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "HOME": str(folder),
        "LISTWATCH_INDEX_CACHE": str(folder / "cache"),
        "LISTWATCH_CURATED": str(folder / "curated"),
        "LISTWATCH_DOWNLOADS": str(folder / "downloads"),
        "LISTWATCH_OFFLINE": "1",
    }


@pytest.fixture(scope="module")
def clean_history(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, ...]]:
    """What the four UN files make when nothing goes wrong."""
    folder = tmp_path_factory.mktemp("clean")
    with _opened(f"sqlite:///{folder / 'clean.db'}") as store:
        for relative in UN_FILES:
            ingest_file(store, shared_data / relative)
        return history(store)  # type: ignore[return-value]


@pytest.mark.xdist_group("faults")
@pytest.mark.parametrize(("engine", "after", "delay"), [("sqlite", 1, 0.15), ("postgres", 2, 0.3)])
def test_kill_9_during_ingest_leaves_whole_versions(
    shared_data: Path,
    tmp_path: Path,
    clean_history: list[tuple[str, ...]],
    engine: str,
    after: int,
    delay: float,
) -> None:
    """kill -9 once ``after`` versions are committed and the next one is being written: the store
    holds whole versions only, and ingesting the files again gives the history of a clean run."""
    url = _url(engine, tmp_path)
    files = [str(shared_data / relative) for relative in UN_FILES]
    command = [sys.executable, "-m", "listwatch", "ingest", *files, "--db", url, "--report", "json"]
    try:
        proc = subprocess.Popen(
            command, env=_env(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 120
        held = 0
        while proc.poll() is None and time.monotonic() < deadline:
            with contextlib.suppress(ListwatchError), _opened(url) as store:
                held = len(store.reader().versions())
            if held >= after:
                break
            time.sleep(0.05)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        with _opened(url) as store:
            assert problems(store) == []
            kept = versions(store)
            assert [v[1] for v in kept] == sorted(v[1] for v in kept)  # a prefix, in file order
            assert len(kept) < len(UN_FILES), "the ingest ended before the kill: no fault injected"
        again = subprocess.run(command, env=_env(tmp_path), capture_output=True, text=True, check=False)
        assert again.returncode == 0, again.stderr
        with _opened(url) as store:
            assert problems(store) == []
            assert history(store) == clean_history
    finally:
        _drop(url)


@pytest.mark.xdist_group("faults")
def test_a_full_disk_during_ingest_writes_nothing(
    shared_data: Path, tmp_path: Path, lw: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite stops at ``max_page_count`` with SQLITE_FULL, exactly as on a full disk."""
    from listwatch.store.sqlite import SQLiteStore

    db = tmp_path / "store.db"
    first, second = (str(shared_data / relative) for relative in UN_FILES[:2])
    assert lw("ingest", first, "--db", str(db)).code == 0
    pages = len(db.read_bytes()) // 4096
    real_open = SQLiteStore._open

    def full(self: SQLiteStore, write: bool = True) -> Any:
        conn = real_open(self, write)
        conn.execute(f"PRAGMA max_page_count = {pages + 20}")
        return conn

    monkeypatch.setattr(SQLiteStore, "_open", full)
    result = lw("ingest", second, "--db", str(db))
    assert result.code == 2, result.stderr
    assert "full" in result.stderr and "Traceback" not in result.stderr
    monkeypatch.undo()
    with _opened(f"sqlite:///{db}") as store:
        assert problems(store) == [] and len(versions(store)) == 1
    assert lw("ingest", second, "--db", str(db)).code == 0  # room again: it goes in whole


@pytest.mark.xdist_group("faults")
@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_two_updates_at_once(shared_data: Path, tmp_path: Path, engine: str) -> None:
    """Two ``listwatch update`` runs on one store at the same time: each version once, no event twice,
    both succeed."""
    sources = tmp_path / "sources" / "un_sc_consolidated"
    sources.mkdir(parents=True)
    for relative in UN_FILES[1:]:
        (sources / Path(relative).name).symlink_to(shared_data / relative)
    url = _url(engine, tmp_path)
    command = [sys.executable, "-m", "listwatch", "update", "--offline", "--sources", str(sources.parent)]
    try:
        runs = [
            subprocess.Popen(
                [*command, "--db", url, "--report", "json"],
                env=_env(tmp_path / f"run{i}"),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for i in range(2)
        ]
        for run in runs:
            _out, err = run.communicate(timeout=300)
            assert run.returncode == 0, err
        with _opened(url) as store:
            assert problems(store) == []
            held = versions(store)
            assert len(held) == len(set(held))
            assert [v for v in held if v[0] == "un_sc_sanctions"] == [
                ("un_sc_sanctions", "2024-09-26", 875),
                ("un_sc_sanctions", "2025-11-20", 1000),
            ]
            events = history(store)
            keys = [(e.list_id, e.type, e.entity_id, e.date) for e in store.reader().events()]
            assert len(keys) == len(set(keys)), "an event recorded twice"
            assert events
    finally:
        _drop(url)

"""Shared fixtures: the real data beside the project, and a store on each engine.

PostgreSQL runs when LISTWATCH_TEST_POSTGRES names a server (CI sets it); then an unreachable server
fails the run with the URL tried. Unset, PostgreSQL cases are skipped with a visible reason.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from listwatch.store import Store, open_store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip("../shared/data not found: real-data tests skipped")
    return path


@pytest.fixture(scope="session")
def seeds() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/seeds not found: seed-article tests skipped")
    return path


def _postgres_url() -> str | None:
    return os.environ.get("LISTWATCH_TEST_POSTGRES") or None


def make_store(engine: str, tmp_path: Path) -> Iterator[Store]:
    if engine == "sqlite":
        store = open_store(f"sqlite:///{tmp_path / 'test.db'}")
        yield store
        store.close()
        return
    url = _postgres_url()
    if url is None:
        pytest.skip(
            "PostgreSQL not tested: set LISTWATCH_TEST_POSTGRES=postgresql://postgres@127.0.0.1:5432/test"
        )
    from listwatch.store.postgres import PostgresStore

    schema = f"lw_test_{uuid.uuid4().hex[:12]}"
    store = PostgresStore(url, schema=schema)
    try:
        yield store
    finally:
        store.drop_schema()


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    yield from make_store(request.param, tmp_path)


@pytest.fixture
def another_store(store: Store, tmp_path: Path) -> Iterator[Store]:
    """A second, empty store on the same engine as ``store``."""
    engine = "sqlite" if store.dialect.name == "sqlite" else "postgres"
    folder = tmp_path / "another"
    folder.mkdir()
    yield from make_store(engine, folder)


@pytest.fixture(scope="session")
def real_db(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store of the real UN files (consolidated and the 1988 Taliban extract) and the curated
    national lists: what the API's real-data tests and the browser tests read. Built once per worker."""
    from listwatch.ingest import collect_files, ingest_many
    from listwatch.update import _curated_files

    url = f"sqlite:///{tmp_path_factory.mktemp('real') / 'real.db'}"
    store = open_store(url)
    files = collect_files([shared_data / "un_sc_consolidated", shared_data / "un_sc_1988_taliban"])
    for path, outcome in ingest_many(store, [*files, *_curated_files()]):
        assert not isinstance(outcome, Exception), f"{path}: {outcome}"
    store.close()
    return url


RECORD_2024 = REPO / "tests" / "fixtures" / "news" / "record_2024"


@pytest.fixture
def curated_2024(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped curated lists as they stood in mid-2024, laid in for the package's own.

    The hand-written news articles (tests/fixtures/news) report facts the record then lacked, such as
    Russia's lifting of the Taliban ban in April 2025. The shipped record has since caught up with them
    (issue 13), so tests of "a new fact is new" and of accepting it read this record instead: every
    version dated after 2024-06-30 dropped, the Russian list as it was curated from the seeds
    (``record_2024``), and no list left without a version.
    """
    from listwatch.sources import national

    root = tmp_path / "shipped"
    shutil.copytree(national.curated_root(), root)
    for path in root.glob("*/????-??-??.yaml"):
        if path.stem > "2024-06-30":
            path.unlink()
    for saved in RECORD_2024.iterdir():
        shutil.rmtree(root / saved.name)
        shutil.copytree(saved, root / saved.name)
    for folder in [f for f in root.iterdir() if not any(f.glob("????-??-??.yaml"))]:
        shutil.rmtree(folder)
    monkeypatch.setattr(national, "curated_root", lambda: root)
    return root

"""Group 2 of issue 18, silent empty answers: a wrong --db, a --lists that names nothing or an --as-of
before any held version must not screen against nothing and report 0 hits with exit 0."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from entry_point import Run
from typer.testing import CliRunner
from un_files import write_un

from listwatch.cli.main import app
from listwatch.errors import StoreError
from listwatch.store import open_store

runner = CliRunner()
Screen = Callable[..., tuple[int, str]]


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'held.db'}"
    assert runner.invoke(app, ["ingest", str(write_un(tmp_path, "2024-01-10")), "--db", url]).exit_code == 0
    return url


@pytest.fixture
def names(tmp_path: Path) -> Path:
    path = tmp_path / "names.csv"
    path.write_text("id,name\n1,Person 001 Example\n2,Nobody Atall\n", encoding="utf-8")
    return path


@pytest.fixture
def screen(lw: Callable[..., Run]) -> Callable[..., tuple[int, str]]:
    def run(names: Path, out: Path, *extra: str) -> tuple[int, str]:
        result = lw("screen", str(names), "-o", str(out), "--workers", "1", *extra)
        return result.code, result.stderr

    return run


def test_screen_against_a_missing_sqlite_file_is_an_error(
    tmp_path: Path, names: Path, screen: Screen
) -> None:
    missing = tmp_path / "typo.db"
    code, err = screen(names, tmp_path / "hits.csv", "--db", f"sqlite:///{missing}")
    assert code == 2 and "no listwatch store at" in err
    assert not missing.exists()  # no empty store was created on the way
    assert not (tmp_path / "hits.csv").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["status", "TAi.001"],
        ["changes", "--list", "x", "--from", "2024-01-01", "--to", "2024-02-01"],
        ["timeline", "TAi.001"],
    ],
)
def test_reading_commands_do_not_create_a_store(
    tmp_path: Path, command: list[str], lw: Callable[..., Run]
) -> None:
    missing = tmp_path / "nothing.db"
    result = lw(*command, "--db", str(missing))
    assert result.code == 2 and "no listwatch store at" in result.stderr
    assert not missing.exists()


@pytest.mark.parametrize("url", ["postgressql://postgres@127.0.0.1/test", "mysql://root@localhost/lists"])
def test_unknown_scheme_is_an_error_not_a_file(
    tmp_path: Path, names: Path, url: str, screen: Screen, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = screen(names, tmp_path / "hits.csv", "--db", url)
    assert code == 2 and "unknown database URL scheme" in err
    assert list(tmp_path.iterdir()) == [names]  # no file named like the URL
    with pytest.raises(StoreError, match="unknown database URL scheme"):
        open_store(url)


def test_lists_naming_nothing_is_an_error(db: str, names: Path, tmp_path: Path, screen: Screen) -> None:
    code, err = screen(names, tmp_path / "hits.csv", "--db", db, "--lists", ",,,")
    assert code == 2 and "names no list" in err


def test_as_of_before_any_version_is_an_error(db: str, names: Path, tmp_path: Path, screen: Screen) -> None:
    code, err = screen(names, tmp_path / "hits.csv", "--db", db, "--as-of", "1990-01-01")
    assert code == 2
    assert "no list held is in force on 1990-01-01" in err and "oldest version held is of 2024-01-10" in err
    assert not (tmp_path / "hits.csv").exists()


def test_screen_still_finds_hits(db: str, names: Path, tmp_path: Path, screen: Screen) -> None:
    code, err = screen(names, tmp_path / "hits.csv", "--db", db, "--as-of", "2024-06-01")
    assert code == 0, err
    assert "TAi.001" in (tmp_path / "hits.csv").read_text(encoding="utf-8")

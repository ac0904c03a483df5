"""``listwatch withdraw``: a version ingested by mistake is set aside as a fact of the record, and the
events around it are derived again, so history reads as if it had never been ingested; ``--undo``
restores it. Nothing is deleted, and what was known before stays visible by record time."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner
from un_files import write_un

from listwatch.checks import Accept
from listwatch.cli.main import app
from listwatch.errors import Refused
from listwatch.ingest import ingest_file
from listwatch.store import Store
from listwatch.withdraw import restore_version, withdraw_version

runner = CliRunner()


def _history(store: Store) -> list[tuple[str, str, str]]:
    return sorted((e.type, e.ref, e.date.isoformat()) for e in store.reader().events())


def _three(store: Store, folder: Path) -> int:
    ingest_file(store, write_un(folder, "2024-01-10"))
    broken = write_un(folder, "2024-02-10", rename={"INDIVIDUALS": "PERSONS", "ENTITIES": "GROUPS"})
    bad = ingest_file(store, broken, accept=Accept(shrink=True))
    ingest_file(store, write_un(folder, "2024-03-10", individuals=32))
    assert bad.version_id is not None
    return bad.version_id


def test_withdrawn_version_reads_as_never_ingested(
    store: Store, another_store: Store, tmp_path: Path
) -> None:
    bad = _three(store, tmp_path)
    assert sum(1 for e in _history(store) if e[0] == "delisted") == 35  # the false mass delisting
    with_it = _history(store)
    before_withdrawal = datetime.now(UTC)
    result = withdraw_version(store, bad, "renamed elements: a broken UN generator run")
    assert result.retracted >= 35
    ingest_file(another_store, tmp_path / "2024-01-10-consolidated.xml")
    ingest_file(another_store, tmp_path / "2024-03-10-consolidated.xml")
    assert _history(store) == _history(another_store)  # only the two real listings of 2024-03-10
    assert [v.published_on.isoformat() for v in store.reader().versions()] == ["2024-01-10", "2024-03-10"]
    # Kept as a fact: the version is still held, the withdrawal and its reason are on record, and
    # what was known before the withdrawal can still be read.
    assert bad in {v.id for v in store.reader().versions(withdrawn=True)}
    assert store.reader().withdrawals()[0][1:3] == (
        "withdrawn",
        "renamed elements: a broken UN generator run",
    )
    assert (
        sorted(
            (e.type, e.ref, e.date.isoformat()) for e in store.reader(recorded_at=before_withdrawal).events()
        )
        == with_it
    )
    restore_version(store, bad, "checked: the UN did publish it")
    assert _history(store) == with_it


def test_withdrawn_file_is_not_silently_reingested(store: Store, tmp_path: Path) -> None:
    bad = _three(store, tmp_path)
    withdraw_version(store, bad, "broken")
    with pytest.raises(Refused, match="--undo"):
        ingest_file(store, tmp_path / "2024-02-10-consolidated.xml", accept=Accept(shrink=True))
    with pytest.raises(Refused, match="already withdrawn"):
        withdraw_version(store, bad, "again")


def test_cli_withdraw_and_undo(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    first = write_un(tmp_path, "2024-01-10")
    broken = write_un(tmp_path, "2024-02-10", rename={"INDIVIDUALS": "PERSONS", "ENTITIES": "GROUPS"})
    assert runner.invoke(app, ["ingest", str(first), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(broken), "--db", db, "--accept-shrink"]).exit_code == 0
    assert (
        runner.invoke(app, ["withdraw", "un_sc_sanctions@2024-02-10", "--db", db]).exit_code == 2
    )  # no reason
    done = runner.invoke(app, ["withdraw", "un_sc_sanctions@2024-02-10", "--reason", "broken", "--db", db])
    assert done.exit_code == 0, done.output
    assert "withdrawn; 35 event(s) retracted" in done.stdout
    listed = json.loads(runner.invoke(app, ["versions", "--format", "json", "--db", db]).stdout)["versions"]
    assert [(v["published"], v["withdrawn"]) for v in listed] == [("2024-01-10", False), ("2024-02-10", True)]
    assert listed[1]["withdrawal"]["reason"] == "broken"
    changes = ["changes", "--list", "un_sc_sanctions", "--from", "2024-01-01", "--to", "2024-12-31"]
    out = json.loads(runner.invoke(app, [*changes, "--format", "json", "--db", db]).stdout)
    assert out["events"] == []  # the 35 false delistings of 2024-02-10 are gone from the answer
    undo = runner.invoke(app, ["withdraw", "2", "--undo", "--reason", "it was real", "--db", db])
    assert undo.exit_code == 0 and "restored" in undo.stdout

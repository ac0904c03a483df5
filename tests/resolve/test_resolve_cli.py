"""``listwatch resolve`` and ``listwatch review`` through the CLI: JSON shapes, accept and reject by
decision id or by two entities, and a clear error for a pair that is not one."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from test_resolve import OFAC, UK, UN, _version  # pytest puts this folder on the path
from typer.testing import CliRunner

from listwatch.cli.main import app
from listwatch.ingest import ingest_version
from listwatch.store import open_store

runner = CliRunner()


def _db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'resolve.db'}"
    store = open_store(url)
    ingest_version(store, _version("un_sc_sanctions", date(2023, 1, 5), UN))
    ingest_version(store, _version("us_ofac_sdn", date(2023, 1, 6), OFAC))
    ingest_version(store, _version("gb_hmt_sanctions", date(2023, 1, 7), UK))
    store.close()
    return url


def test_resolve_then_review_accept_and_reject(tmp_path: Path) -> None:
    db = _db(tmp_path)
    done = runner.invoke(app, ["resolve", "--format", "json", "--db", db])
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stdout)
    assert summary["designations"] == 9 and summary["decided"]["linked"] >= 3
    listed = json.loads(
        runner.invoke(app, ["review", "list", "--decision", "linked", "--format", "json", "--db", db]).stdout
    )
    pair = next(p for p in listed["pairs"] if p["right"] == "us_ofac_sdn:15484")
    assert pair["left_entry"]["ref"] == "TAe.012" and pair["right_entry"]["name"] == "HAQQANI NETWORK"
    rejected = runner.invoke(
        app, ["review", "reject", str(pair["id"]), "--by", "analyst", "--format", "json", "--db", db]
    )
    assert rejected.exit_code == 0, rejected.output
    assert json.loads(rejected.stdout)["decision"] == "rejected"
    accepted = runner.invoke(
        app, ["review", "accept", "TAe.012", "us_ofac_sdn:15484", "--by", "analyst", "--db", db]
    )
    assert accepted.exit_code == 0 and "linked by analyst" in accepted.stdout
    shown = json.loads(
        runner.invoke(
            app, ["review", "show", "TAe.012", "us_ofac_sdn:15484", "--format", "json", "--db", db]
        ).stdout
    )
    assert [h["decision"] for h in shown["history"]] == ["linked", "rejected", "linked"]


def test_review_of_an_unknown_decision_is_a_clear_error(tmp_path: Path) -> None:
    db = _db(tmp_path)
    result = runner.invoke(app, ["review", "accept", "999", "--by", "analyst", "--db", db])
    assert result.exit_code != 0
    assert "no resolution decision has id 999" in str(result.exception or result.output)

"""`listwatch update` resolves by itself: a new user's first `update` gives matrices that know OFAC's
Doku Umarov and Haqqani Network are the UN's (issue 12's Done-when), with the link's basis; `--no-resolve`
leaves them apart; an update that brings nothing new does not pay for resolution again.

The sources are the real entries, copied from the UN Consolidated List of 2022-09-15 and OFAC's SDN CSV
of 2022-03-25 (the OFAC ones carry no UN reference).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from listwatch.cli.main import app

runner = CliRunner()

# The entries, copied from the UN Consolidated List of 2022-09-15 and OFAC's SDN CSV of 2022-03-25.
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "resolve"


def _sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    for source in FIXTURES.iterdir():
        shutil.copy(source, folder / source.name)
    return folder


def _update(folder: Path, db: str, *extra: str) -> dict[str, Any]:
    result = runner.invoke(
        app,
        ["update", "--offline", "--sources", str(folder), "--db", db, "--report", "json", *extra],
        env={"LISTWATCH_SOURCES": "", "LISTWATCH_OFFLINE": "1"},
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _us_sdn_row(db: str, ref: str) -> dict[str, Any]:
    # Within a month of the SDN file of 2022-03-25: later, the matrix says unknown (stale), issue 11.
    result = runner.invoke(app, ["matrix", ref, "--on", "2022-04-15", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    row: dict[str, Any] = next(r for r in rows if r["list"] == "us_ofac_sdn")
    return row


def test_update_alone_links_ofac_to_the_un_with_the_basis(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    data = _update(_sources(tmp_path), db)
    assert data["resolve"]["decided"]["linked"] >= 2
    for ref, ofac_id in (("QDi.290", "us_ofac_sdn:12110"), ("TAe.012", "us_ofac_sdn:15484")):
        row = _us_sdn_row(db, ref)
        assert row["status"] == "listed" and row["entity_id"] == ofac_id
        basis = row["claims"][0]["statement"]
        assert "entity resolution" in basis and "score" in basis, basis


def test_no_resolve_leaves_the_lists_apart_and_resolve_is_not_repeated(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    folder = _sources(tmp_path)
    assert _update(folder, db, "--no-resolve")["resolve"] == {"skipped": "--no-resolve"}
    assert _us_sdn_row(db, "QDi.290")["status"] == "never_listed"
    assert "decided" in _update(folder, db)["resolve"]  # nothing resolved yet: it runs
    assert _us_sdn_row(db, "QDi.290")["status"] == "listed"
    again = _update(folder, db)["resolve"]
    assert again == {"skipped": "no new version since the last resolution"}


def test_update_table_report_says_what_resolution_did(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = runner.invoke(
        app,
        ["update", "--offline", "--sources", str(_sources(tmp_path)), "--db", db],
        env={"LISTWATCH_SOURCES": "", "LISTWATCH_OFFLINE": "1"},
    )
    assert result.exit_code == 0, result.output
    assert "resolved " in result.output and " linked, " in result.output

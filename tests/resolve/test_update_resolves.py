"""`listwatch update` resolves by itself: a new user's first `update` gives matrices that know OFAC's
Doku Umarov and Haqqani Network are the UN's (issue 12's Done-when), with the link's basis; `--no-resolve`
leaves them apart; an update that brings nothing new does not pay for resolution again.

The sources are the real entries, copied from the UN Consolidated List of 2022-09-15 and OFAC's SDN CSV
of 2022-03-25 (the OFAC ones carry no UN reference).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from listwatch.cli.main import app

runner = CliRunner()

UN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2022-09-15T18:59:59.485-04:00"><INDIVIDUALS>
<INDIVIDUAL><DATAID>2960872</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>DOKU</FIRST_NAME>
<SECOND_NAME>KHAMATOVICH</SECOND_NAME><THIRD_NAME>UMAROV</THIRD_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
<REFERENCE_NUMBER>QDi.290</REFERENCE_NUMBER><LISTED_ON>2011-03-10</LISTED_ON>
<NAME_ORIGINAL_SCRIPT>Умаров Доку Хаматович</NAME_ORIGINAL_SCRIPT>
<NATIONALITY><VALUE>Russian Federation</VALUE><VALUE>USSR (until 1991)</VALUE></NATIONALITY>
<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Lom-ali Butayev (Butaev)</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Dokka Umarov</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1964-04-13</DATE></INDIVIDUAL_DATE_OF_BIRTH>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1965-04-13</DATE></INDIVIDUAL_DATE_OF_BIRTH>
<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>96 03 464086</NUMBER>
</INDIVIDUAL_DOCUMENT></INDIVIDUAL>
</INDIVIDUALS><ENTITIES>
<ENTITY><DATAID>3000441</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>HAQQANI NETWORK (HQN)</FIRST_NAME>
<UN_LIST_TYPE>Taliban</UN_LIST_TYPE><REFERENCE_NUMBER>TAe.012</REFERENCE_NUMBER>
<LISTED_ON>2012-11-05</LISTED_ON><NAME_ORIGINAL_SCRIPT>شبکه حقانی</NAME_ORIGINAL_SCRIPT></ENTITY>
</ENTITIES></CONSOLIDATED_LIST>
"""
OFAC_CSV = (
    '12110,"UMAROV, Doku","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"DOB 13 Apr 1964; nationality Russia."\n'
    '15484,"HAQQANI NETWORK",-0- ,"FTO] [SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'HQN\'."\n'
)


def _sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "2022-09-15-consolidated.xml").write_text(UN_XML, encoding="utf-8")
    (folder / "2022-03-25-sdn.csv").write_text(OFAC_CSV, encoding="utf-8")
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

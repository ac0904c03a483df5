"""One screening row per resolved entity (matching/resolved.py): the default engine's CLI output on a
store where resolution linked OFAC's Doku Umarov and Haqqani Network to the UN's; and the collapse
itself, without a store."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from typer.testing import CliRunner

from listwatch.matching import Query, Screener, build_index, candidates_from_entries
from listwatch.matching.resolved import collapse, fetch_limit, group_candidates
from listwatch.model import Entry, Name

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "resolve"
runner = CliRunner()


def resolved_store(tmp_path: Path) -> str:
    """The UN and OFAC entries of tests/fixtures/resolve, updated (and so resolved) into a store."""
    from listwatch.cli.main import app

    folder = tmp_path / "sources"
    shutil.copytree(FIXTURES, folder)
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = runner.invoke(
        app,
        ["update", "--offline", "--sources", str(folder), "--db", db],
        env={"LISTWATCH_SOURCES": "", "LISTWATCH_OFFLINE": "1"},
    )
    assert result.exit_code == 0, result.output
    return db


def test_screen_gives_one_row_per_resolved_entity_with_its_lists(tmp_path: Path) -> None:
    from listwatch.cli.main import app

    db = resolved_store(tmp_path)
    (tmp_path / "in.csv").write_text("id,name\n1,Doku Umarov\n2,Haqqani Network\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    args = ["screen", str(tmp_path / "in.csv"), "-o", str(out), "--db", db, "--as-of", "2022-10-01"]
    result = runner.invoke(app, [*args, "--workers", "1"], env={"LISTWATCH_INDEX_CACHE": str(tmp_path)})
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["query_id"] for r in rows] == ["1", "2"]  # one row each, not one per list
    by_id = {r["query_id"]: r for r in rows}
    assert by_id["1"]["lists"] == "un_sc_sanctions;us_ofac_sdn"
    assert by_id["1"]["refs"] == "un_sc_sanctions:QDi.290;us_ofac_sdn:12110"
    assert by_id["2"]["refs"] == "un_sc_sanctions:TAe.012;us_ofac_sdn:15484"
    # The existing columns stay: the best hit's own designation, score and explanation.
    assert by_id["1"]["entity_id"] in ("un_sc_sanctions:qdi.290", "us_ofac_sdn:12110")
    assert float(by_id["1"]["score"]) >= 0.78 and by_id["1"]["explanation"]


def test_collapse_keeps_the_best_hit_of_each_entity_and_fills_the_limit() -> None:
    entries = [
        ("un", Entry("A.1", "Organization", (Name("Huaxin Shipping Hongkong Ltd", "primary"),))),
        ("us", Entry("7", "Organization", (Name("HUAXIN SHIPPING HONGKONG LIMITED", "primary"),))),
        ("gb", Entry("9", "Organization", (Name("Huaxin Shipping Hong Kong", "primary"),))),
        ("us", Entry("8", "Organization", (Name("Huaxin Shipping Hongkong Trading Co", "primary"),))),
    ]
    candidates = list(candidates_from_entries(entries))
    groups = group_candidates(candidates, {"un:a.1": "gb:9", "us:7": "gb:9", "gb:9": "gb:9"})
    hits = Screener(build_index(candidates)).match(Query("q", "Huaxin Shipping Hongkong"), 0.5, 10)
    assert len(hits) == 4
    rows = collapse(hits, groups, fetch_limit(5, groups))
    assert [resolved.key for _hit, resolved in rows] == ["gb:9", "us:8"]
    assert rows[0][0] == hits[0]  # the best of the three
    assert rows[0][1].refs == ("gb:9", "un:A.1", "us:7")
    assert rows[1][1].lists == ("us",)
    assert len(collapse(hits, groups, 1)) == 1
    assert len(collapse(hits, None, 5)) == 4  # no groups: every designation its own row

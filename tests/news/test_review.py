"""``listwatch news review``: events next to the record, and ``--accept`` writing a new curated version.

Through the real CLI (Typer's CliRunner) on a real SQLite store that holds the shipped curated lists.
The fixtures in tests/fixtures/news/ are hand-written articles: ``ru_taliban_ban_lifted.txt`` states a
fact the record lacks (Russia's Supreme Court lifting the Taliban ban, April 2025) and one it lacks a
date for (the 2003 ban); ``kz_taliban_wrong_year.txt`` dates Kazakhstan's ban to 2006, not 2005.

They are reviewed against the record as it stood in mid-2024 (the ``curated_2024`` fixture), because the
shipped record has since caught up with them (issue 13): against it the lifted ban is no longer news.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from listwatch.cli.main import app
from listwatch.errors import ListwatchError
from listwatch.history.asof import status_on
from listwatch.history.matrix import matrix
from listwatch.ingest import ingest_file
from listwatch.settings import Settings
from listwatch.sources import national
from listwatch.sources.national import iter_curated_versions, parse
from listwatch.sources.registry import ParseOptions
from listwatch.store import open_store
from listwatch.update import _curated_files

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "news"
RU_ARTICLE = FIXTURES / "ru_taliban_ban_lifted.txt"
KZ_ARTICLE = FIXTURES / "kz_taliban_wrong_year.txt"
RU_TALIBAN = "ru_terrorist_organizations:taliban"


@pytest.fixture(autouse=True)
def _record_of_mid_2024(curated_2024: Path) -> Path:
    return curated_2024


@pytest.fixture
def db(tmp_path: Path, curated_2024: Path) -> str:
    """A SQLite store holding every shipped curated version."""
    url = f"sqlite:///{tmp_path / 'review.db'}"
    store = open_store(url)
    for path in iter_curated_versions():
        ingest_file(store, path)
    store.close()
    return url


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix == ".yaml"
    }


def _review(db: str, curated: Path, article: Path, published: str, *extra: str) -> Any:
    args = ["news", "review", str(article), "--published", published, "--db", db]
    return CliRunner().invoke(app, [*args, "--curated-dir", str(curated), *extra])


def _events(result: Any) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.output
    events: list[dict[str, Any]] = json.loads(result.output)["events"]
    return events


def test_a_seed_confirms_what_was_curated_from_it(db: str, tmp_path: Path, seeds: Path) -> None:
    seed = seeds / "003_67714b78b0883e51.txt"
    events = _events(_review(db, tmp_path / "curated", seed, "2023-12-29", "--format", "json"))
    got = {(e["action"], e["date"]): e for e in events}
    assert set(got) == {
        ("proposed_delist", None),
        ("delist", None),
        ("list", "2005"),
        ("maintain", "2023-08"),
    }
    assert {e["verdict"] for e in events} == {"confirms"}
    assert all(e["curated_list"] == "kz_terrorist_organizations" for e in events)
    # The record's own citation of this article comes first.
    for key in (("list", "2005"), ("maintain", "2023-08"), ("proposed_delist", None)):
        assert got[key]["record"][0]["source"] == "Kursiv, 2023-12-29"
    assert not (tmp_path / "curated").exists(), "a review writes nothing"


def test_the_table_shows_verdicts_and_sources(db: str, tmp_path: Path, seeds: Path) -> None:
    result = _review(db, tmp_path / "c", seeds / "003_67714b78b0883e51.txt", "2023-12-29")
    assert result.exit_code == 0, result.output
    assert "confirms" in result.output and "Kursiv, 2023-12-29" in result.output
    assert "proposed_delisting]" in result.output  # "[the record cites ...]" is text, not Rich markup


def test_a_new_fact_is_new(db: str, tmp_path: Path) -> None:
    events = _events(_review(db, tmp_path / "c", RU_ARTICLE, "2025-04-17", "--format", "json"))
    got = {(e["action"], e["date"]): e["verdict"] for e in events}
    assert got[("delist", "2025-04-17")] == "new"
    assert got[("list", "2003")] == "new"


def test_a_conflicting_date_conflicts(db: str, tmp_path: Path) -> None:
    (event,) = _events(_review(db, tmp_path / "c", KZ_ARTICLE, "2025-03-01", "--format", "json"))
    assert (event["action"], event["date"], event["verdict"]) == ("list", "2006", "conflicts")
    assert event["record_says"].startswith("listed 2005 — ")
    assert {f["date"] for f in event["record"]} == {"2005"}


def test_accept_writes_a_new_version_and_the_record_shows_it(db: str, tmp_path: Path) -> None:
    curated = tmp_path / "curated"
    shipped = _digests(national.curated_root())
    result = _review(db, curated, RU_ARTICLE, "2025-04-17", "--accept", "1", "--publisher", "Test Wire")
    assert result.exit_code == 0, result.output
    folder = curated / "ru_terrorist_organizations"
    written = folder / "2025-04-17.yaml"
    assert f"wrote {written}" in result.output.replace("\n", "")
    assert _digests(national.curated_root()) == shipped, "the shipped lists are never written"
    # The user's folder starts as a copy of the shipped list and its newest version.
    for name in ("list.yaml", "2024-06-30.yaml"):
        assert (folder / name).read_bytes() == (national.curated_root() / folder.name / name).read_bytes()
    version = parse(written, written.read_bytes(), ParseOptions())
    taliban = {e.ref: e for e in version.entries}["taliban"]
    assert str(taliban.delisted_on) == "2025-04-17"
    quote = next(c for c in taliban.citations if c.publisher == "Test Wire")
    assert quote.quote is not None and quote.quote in RU_ARTICLE.read_text(encoding="utf-8")
    assert quote.title == "Russia's Supreme Court lifts ban on the Taliban"
    assert "The state on the source's date" in written.read_text(encoding="utf-8"), "comments are kept"

    store = open_store(db)
    reader = store.reader()
    assert status_on(reader, RU_TALIBAN, "ru_terrorist_organizations", date(2025, 4, 1)).status == "listed"
    after = status_on(reader, RU_TALIBAN, "ru_terrorist_organizations", date(2025, 5, 1))
    assert (after.status, after.since) == ("not_listed", date(2025, 4, 17))
    row = next(r for r in matrix(reader, "Taliban", date(2025, 5, 1))["rows"] if r["jurisdiction"] == "RU")
    assert (row["status"], row["since"]) == ("not_listed", "2025-04-17")
    assert any(c["quote"] == quote.quote for c in row["claims"])
    store.close()

    # Reviewed again, the accepted fact now confirms.
    events = _events(_review(db, curated, RU_ARTICLE, "2025-04-17", "--format", "json"))
    assert {(e["action"], e["verdict"]) for e in events} >= {("delist", "confirms")}


def test_accepting_twice_for_one_date_refuses(db: str, tmp_path: Path) -> None:
    curated = tmp_path / "curated"
    first = _review(db, curated, RU_ARTICLE, "2025-04-17", "--accept", "1", "--publisher", "Test Wire")
    assert first.exit_code == 0, first.output
    before = _digests(curated)
    again = _review(db, curated, RU_ARTICLE, "2025-04-17", "--accept", "3", "--publisher", "Test Wire")
    assert isinstance(again.exception, ListwatchError)
    assert "already has a version dated 2025-04-17" in str(again.exception)
    assert "nothing was written" in str(again.exception)
    assert _digests(curated) == before


def test_several_events_go_into_one_version_in_order(db: str, tmp_path: Path) -> None:
    curated = tmp_path / "curated"
    args = ["--accept", "1", "--accept", "3", "--url", "https://example.org/ru-taliban", "--format", "json"]
    result = _review(db, curated, RU_ARTICLE, "2025-04-17", *args)
    assert result.exit_code == 0, result.output
    (accepted,) = json.loads(result.output)["accepted"]
    assert accepted["facts"] == ["taliban: delisted 2025-04-17", "taliban: listed 2003"]
    assert {e["type"] for e in accepted["events"]} >= {"delisted"}
    text = Path(accepted["path"]).read_text(encoding="utf-8")
    assert 'publisher: "example.org"' in text  # from --url when --publisher is not given
    assert text.index('date: "2025-04-17"') < text.index('date: "2003"')


def test_an_entity_the_list_lacks_gets_a_new_entry(db: str, tmp_path: Path) -> None:
    article = tmp_path / "etim.txt"
    article.write_text(
        "Russia bans ETIM\n\nRussia's Supreme Court banned the East Turkestan Islamic Movement in 2025.\n",
        encoding="utf-8",
    )
    result = _review(db, tmp_path / "c", article, "2025-05-02", "--accept", "1", "--publisher", "Wire")
    assert result.exit_code == 0, result.output
    written = tmp_path / "c" / "ru_terrorist_organizations" / "2025-05-02.yaml"
    entries = {e.ref: e for e in parse(written, written.read_bytes(), ParseOptions()).entries}
    entry = entries["east_turkestan_islamic_movement"]
    assert entry.caption == "East Turkestan Islamic Movement" and str(entry.listed_on) == "2025"


def test_an_event_with_no_curated_list_is_refused(db: str, tmp_path: Path) -> None:
    article = tmp_path / "tm.txt"  # Uzbekistan has had a curated list since issue 13; Turkmenistan has none
    article.write_text(
        "Turkmenistan bans group\n\nTurkmenistan's Supreme Court banned Hizb ut-Tahrir in 1999.\n",
        encoding="utf-8",
    )
    (event,) = _events(_review(db, tmp_path / "c", article, "2025-01-01", "--format", "json"))
    assert "no curated list for jurisdiction TM" in event["accept_problem"]
    result = _review(db, tmp_path / "c", article, "2025-01-01", "--accept", "1", "--publisher", "X")
    assert isinstance(result.exception, ListwatchError)
    assert "kz_terrorist_organizations" in str(result.exception)  # it says which lists exist
    assert not (tmp_path / "c").exists()


def test_accept_needs_a_publication_date(db: str, tmp_path: Path) -> None:
    args = ["news", "review", str(RU_ARTICLE), "--accept", "1", "--publisher", "X", "--db", db]
    result = CliRunner().invoke(app, [*args, "--curated-dir", str(tmp_path / "c")])
    assert isinstance(result.exception, ListwatchError)
    assert "--published" in str(result.exception)


def test_the_user_folder_overlays_the_shipped_lists(db: str, tmp_path: Path) -> None:
    curated = tmp_path / "curated"
    result = _review(db, curated, RU_ARTICLE, "2025-04-17", "--accept", "1", "--publisher", "Test Wire")
    assert result.exit_code == 0, result.output
    shipped = list(iter_curated_versions())
    laid = list(iter_curated_versions(overlay=curated))
    assert len(laid) == len(shipped) + 1  # the copied version replaces its shipped twin, not added to it
    # The accepted version is its list's newest (other lists may hold later versions of their own).
    ru = [path for path in laid if path.parent.name == "ru_terrorist_organizations"]
    assert ru[-1] == curated / "ru_terrorist_organizations" / "2025-04-17.yaml"
    assert curated / "ru_terrorist_organizations" / "2024-06-30.yaml" in laid
    assert _curated_files(curated) == laid  # what `listwatch update` ingests


def test_listwatch_curated_names_the_user_folder(tmp_path: Path) -> None:
    assert Settings.from_env({"LISTWATCH_CURATED": str(tmp_path)}).curated_dir == tmp_path
    assert Settings.from_env({}).curated_dir.name == "curated"

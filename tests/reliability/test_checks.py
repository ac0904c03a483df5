"""Group 1 of issue 18, silent wrong data: a file that parses but would write a false record is refused
(exit 2, nothing written) unless the user confirms it with an --accept-* option."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner
from un_files import write_un

from listwatch.checks import Accept
from listwatch.cli.main import app
from listwatch.errors import Implausible
from listwatch.ingest import ingest_file
from listwatch.store import Store

UN = "un_sc_sanctions"
runner = CliRunner()


def _counts(store: Store) -> tuple[int, int]:
    reader = store.reader()
    return len(reader.versions()), len(reader.events())


def test_renamed_individuals_and_entities_is_refused(store: Store, tmp_path: Path) -> None:
    ingest_file(store, write_un(tmp_path, "2024-01-10"))
    before = _counts(store)
    broken = write_un(tmp_path, "2024-02-10", rename={"INDIVIDUALS": "PERSONS", "ENTITIES": "GROUPS"})
    with pytest.raises(Implausible, match="only 0 of the 35 entries") as caught:
        ingest_file(store, broken)
    assert caught.value.option == "--accept-shrink"
    assert _counts(store) == before  # nothing written: no version, no false delisting


def test_shrink_confirmed_is_ingested(store: Store, tmp_path: Path) -> None:
    ingest_file(store, write_un(tmp_path, "2024-01-10"))
    smaller = write_un(tmp_path, "2024-02-10", individuals=5, entities=1)
    with pytest.raises(Implausible):
        ingest_file(store, smaller)
    result = ingest_file(store, smaller, accept=Accept(shrink=True))
    assert result.events["delisted"] == 29  # 25 people and 4 groups


@pytest.mark.parametrize(("renamed", "field"), [("LISTED_ON", "listed_on"), ("UN_LIST_TYPE", "programs")])
def test_renamed_field_element_is_refused(store: Store, tmp_path: Path, renamed: str, field: str) -> None:
    ingest_file(store, write_un(tmp_path, "2024-01-10"))
    broken = write_un(tmp_path, "2024-02-10", rename={renamed: renamed + "_X"})
    with pytest.raises(Implausible, match="a renamed element or column") as caught:
        ingest_file(store, broken)
    assert field in {p.field for p in caught.value.problems}
    assert len(store.reader().versions()) == 1


def test_a_real_shrink_of_a_few_entries_passes(store: Store, tmp_path: Path) -> None:
    ingest_file(store, write_un(tmp_path, "2024-01-10"))
    result = ingest_file(store, write_un(tmp_path, "2024-02-10", individuals=25))
    assert result.status == "ingested" and result.events["delisted"] == 5


def test_cli_refuses_with_exit_2_and_names_the_option(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert runner.invoke(app, ["ingest", str(write_un(tmp_path, "2024-01-10")), "--db", db]).exit_code == 0
    broken = write_un(tmp_path, "2024-02-10", rename={"INDIVIDUALS": "PERSONS", "ENTITIES": "GROUPS"})
    result = runner.invoke(app, ["ingest", str(broken), "--db", db])
    assert result.exit_code == 2
    assert "--accept-shrink" in result.stderr and "nothing of" in result.stderr
    again = runner.invoke(app, ["ingest", str(broken), "--db", db, "--accept-shrink", "--report", "json"])
    assert again.exit_code == 0, again.output


@pytest.mark.parametrize(
    ("folder", "pattern"),
    [("ofac_sdn_csv", "*sdn.csv*"), ("ru_rosfinmonitoring", "*")],
)
def test_a_file_of_another_authority_does_not_fit_the_un_list(
    shared_data: Path, tmp_path: Path, folder: str, pattern: str
) -> None:
    source = sorted((shared_data / folder).glob(pattern))[0]
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = runner.invoke(
        app, ["ingest", str(source), "--list", UN, "--db", db, "--published", "2024-01-01"]
    )
    assert result.exit_code == 2, result.output
    assert "does not fit the list un_sc_sanctions" in result.stderr
    assert "--accept-list-mismatch" in result.stderr


def test_a_file_in_a_list_of_the_same_authority_still_fits(store: Store, tmp_path: Path) -> None:
    result = ingest_file(store, write_un(tmp_path, "2024-01-10"), options=_options(UN))
    assert result.status == "ingested"


def _options(list_id: str) -> object:
    from listwatch.sources.registry import ParseOptions

    return ParseOptions(list_id=list_id)


def test_future_listing_date_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(Implausible, match="listed on 2199-01-01, after the version's own date"):
        ingest_file(store, write_un(tmp_path, "2024-01-10", listed_on="2199-01-01"))
    assert _counts(store) == (0, 0)


def test_future_publication_date_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(Implausible, match="is in the future"):
        ingest_file(store, write_un(tmp_path, "2199-01-10"))
    result = ingest_file(store, write_un(tmp_path, "2199-01-10"), accept=Accept(future=True))
    assert result.status == "ingested"

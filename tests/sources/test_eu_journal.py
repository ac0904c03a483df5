"""EU journal CSV extracts: references, scope per regulation, list-valued cells, duplicates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.model import Identifier, Name, PartialDate
from listwatch.model.version import ListVersion
from listwatch.sources import eu_journal
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eu_journal"


def parse(path: Path) -> ListVersion:
    return eu_journal.parse(path, read_bytes(path), ParseOptions())


def test_record_ids_restart_per_annex() -> None:
    version = parse(FIXTURES / "2026-08-14-32001R2580.csv")
    assert version.list_id == "eu_journal_sanctions" and version.scope == "32001R2580"
    assert version.published.date() == date(2026, 8, 14)
    person, group = version.entries
    assert (person.ref, group.ref) == ("II.A/1", "II.B/1")
    assert person.names == (
        Name("ABDOLLAHI Hamed"),
        Name("Mustafa Abdullahi", "alias"),
        Name("Sa’id", "alias"),
    )
    assert person.birth_dates == (PartialDate(1960, 8, 11),)
    assert person.identifiers == (Identifier("Passport", "D9004878"),)
    assert group.links == () and dict(group.properties)["mentions_un_ref"] == ("QDe.115",)


def test_no_record_id_and_duplicates() -> None:
    version = parse(FIXTURES / "2026-08-14-32002R0881.csv")
    assert version.scope == "32002R0881"
    entries = {e.caption: e for e in version.entries}
    assert len(version.entries) == 4  # Himmat written twice is one designation
    himmat = entries["Ali Ghaleb Himmat"]
    assert himmat.ref.startswith("I/n-") and himmat.listed_on == PartialDate(2001, 10, 6)
    assert "Syria" in himmat.addresses
    assert entries["Dates Person"].birth_dates == (PartialDate(1960, 12, 30), PartialDate(1960, 12, 13))
    assert entries["Range Person"].birth_dates == (PartialDate(1975), PartialDate(1977))
    assert Name("Abu Y", "weak_alias") in entries["Range Person"].names
    assert entries["Abu Sayyaf Group"].schema == "LegalEntity"
    # The same name gives the same reference in every version: stable without a recordId.
    assert parse(FIXTURES / "2026-08-14-32002R0881.csv").entries[0].ref == himmat.ref


def test_every_bad_row_is_reported() -> None:
    with pytest.raises(InputError) as caught:
        parse(FIXTURES / "2026-08-14-bad.csv")
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, "schema"), (3, "name"), (4, "celex")]


def test_missing_columns_are_named() -> None:
    with pytest.raises(InputError) as caught:
        parse(FIXTURES / "2026-08-14-no-name.csv")
    assert [p.field for p in caught.value.problems] == ["annex", "schema", "name"]


def test_real_terrorist_list(shared_data: Path) -> None:
    version = parse(shared_data / "eu_terrorist_list_opensanctions" / "2026-08-14-32001R2580.csv")
    schemas = [e.schema for e in version.entries]
    assert (len(schemas), schemas.count("Person"), schemas.count("Organization")) == (36, 13, 23)
    assert len({e.ref for e in version.entries}) == 36
    assert version.scope == "32001R2580"


def test_real_isil_al_qaida_list(shared_data: Path) -> None:
    version = parse(shared_data / "eu_terrorist_list_opensanctions" / "2026-08-14-32002R0881.csv.gz")
    schemas = [e.schema for e in version.entries]
    # 350 rows: 262 persons and 88 legal entities; two persons are written twice.
    assert (len(schemas), schemas.count("Person"), schemas.count("LegalEntity")) == (348, 260, 88)
    assert sum(1 for e in version.entries if e.birth_dates) > 240

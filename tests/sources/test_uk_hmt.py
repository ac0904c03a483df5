"""UK HM Treasury ConList CSV (old format): grouping, partial dates, UN links, cp1252."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.model import Name, PartialDate
from listwatch.model.version import ListVersion
from listwatch.sources import uk_hmt
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "uk_hmt"


def parse(path: Path) -> ListVersion:
    return uk_hmt.parse(path, read_bytes(path), ParseOptions())


def test_rows_grouped_by_group_id() -> None:
    version = parse(FIXTURES / "2014-04-02-conlist.csv")
    assert version.list_id == "gb_hmt_sanctions" and version.published.date() == date(2014, 4, 2)
    entries = {e.ref: e for e in version.entries}
    assert list(entries) == ["13349", "12871", "8052"]
    person = entries["13349"]
    assert person.names == (Name("Farooq AL-QAHTANI", "primary"), Name("Faruq AL-QATARI", "alias"))
    assert person.birth_dates == (PartialDate(1980), PartialDate(1981, 9))
    assert person.nationalities == ("Saudi Arabia", "Qatar")
    assert person.links == ("un_sc_sanctions:QDi.004",)
    assert "Emir ’s deputy" in (person.remarks or "")  # 0x92 decoded as cp1252
    assert person.listed_on == PartialDate(2016, 4, 1)
    entity = entries["12871"]
    assert entity.schema == "Organization" and entity.links == ("un_sc_sanctions:QDi.012",)
    assert Name("SECOND ACADEMY", "alias") in entity.names


def test_impossible_birth_date_keeps_year_and_month() -> None:
    entry = next(e for e in parse(FIXTURES / "2014-04-02-conlist.csv").entries if e.ref == "8052")
    assert entry.birth_dates == (PartialDate(1969, 2),)
    assert dict(entry.properties)["birth_date_text"] == ("29/02/1969",)


def test_every_bad_row_is_reported() -> None:
    with pytest.raises(InputError) as caught:
        parse(FIXTURES / "2018-04-13-bad-rows.csv")
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (4, "DOB"),
        (5, "Group ID"),
        (6, "Listed On"),
    ]


def test_missing_columns_are_named() -> None:
    with pytest.raises(InputError) as caught:
        parse(FIXTURES / "2018-04-13-missing-columns.csv")
    assert caught.value.field == "DOB" and caught.value.line == 2
    assert [p.field for p in caught.value.problems] == ["DOB", "Group ID"]


def test_utf8_bytes_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "conlist.csv"
    path.write_bytes(b"Last Updated,02/04/2014\r\nName 6\r\nA\x81B\r\n")  # 0x81 is undefined in cp1252
    with pytest.raises(InputError, match="not valid cp1252") as caught:
        parse(path)
    assert caught.value.line == 3


@pytest.mark.parametrize(
    ("name", "groups", "person", "org"),
    [
        ("2014-04-02-sanctionsconlist.csv.gz", 2297, 1337, 960),
        ("2018-04-13-sanctionsconlist.csv.gz", 2106, 1426, 680),
    ],
)
def test_real_conlist(shared_data: Path, name: str, groups: int, person: int, org: int) -> None:
    version = parse(shared_data / "uk_hmt_conlist" / name)
    schemas = [e.schema for e in version.entries]
    assert (len(schemas), schemas.count("Person"), schemas.count("Organization")) == (groups, person, org)
    assert version.published.date().isoformat() == name[:10]
    assert all(any(n.kind == "primary" for n in e.names) for e in version.entries)
    assert sum(1 for e in version.entries if e.links) > 500


def test_real_diff_by_group_id(shared_data: Path) -> None:
    old = {
        e.ref for e in parse(shared_data / "uk_hmt_conlist" / "2014-04-02-sanctionsconlist.csv.gz").entries
    }
    new = {
        e.ref for e in parse(shared_data / "uk_hmt_conlist" / "2018-04-13-sanctionsconlist.csv.gz").entries
    }
    assert (len(new - old), len(old - new)) == (642, 833)


def test_old_style_un_references_become_current_ones() -> None:
    from listwatch.sources.uk_hmt import un_reference

    assert un_reference("TI.B.24.01.") == "TAi.024"  # Baradar, as the 2018 UK file writes it
    assert un_reference("TE.H.12.12.") == "TAe.012"
    assert un_reference("QE.A.4.01.") == "QDe.004"
    assert un_reference("QDi.123") == "QDi.123"

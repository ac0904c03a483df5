"""UN SC Consolidated List XML: both generator styles, the 1988 committee extract, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from listwatch.errors import InputError, UnknownFormat
from listwatch.model import PartialDate
from listwatch.sources.registry import parse_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "un_sc"


def test_compact_style_fixture() -> None:
    version = parse_file(FIXTURES / "v1.xml")
    assert version.list_id == "un_sc_sanctions"
    assert version.published_on.isoformat() == "2021-01-10"  # the UN's own day, not the UTC day
    baradar = next(e for e in version.entries if e.ref == "TAi.024")
    kinds = {(n.kind, n.value) for n in baradar.names}
    assert ("primary", "ABDUL GHANI BARADAR") in kinds
    assert ("original_script", "عبدالغنی برادر") in kinds
    assert ("weak_alias", "Baradar") in kinds
    assert baradar.birth_dates == (PartialDate(1968),)
    assert baradar.programs == ("Taliban",)
    assert baradar.legal_basis == "UNSCR 1988 (2011)"


def test_generator_styles_give_the_same_content() -> None:
    """The 2024 generator's layout (quotes, DOB under an alias, wrapped text) is not a change."""
    v1 = {e.ref_key: e.content() for e in parse_file(FIXTURES / "v1.xml").entries}
    v2 = {e.ref_key: e.content() for e in parse_file(FIXTURES / "v2_other_generator.xml").entries}
    assert v1["tai.024"] == v2["tai.024"]
    assert v1["tai.171"]["names"] == v2["tai.171"]["names"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("malformed.xml", "malformed XML"),
        ("bomb.xml", "refused unsafe XML"),
        ("truncated.xml.gz", "truncated or corrupt gzip"),
        ("empty.xml", "empty (0 bytes)"),
        ("wrong_encoding.xml", "byte 0xe9 is not valid UTF-8"),
    ],
)
def test_bad_files_name_file_and_problem(name: str, expected: str) -> None:
    with pytest.raises(InputError) as info:
        parse_file(FIXTURES / name)
    assert name in str(info.value)
    assert expected in str(info.value)


def test_bad_date_names_line_and_field() -> None:
    with pytest.raises(InputError) as info:
        parse_file(FIXTURES / "bad_listed_on.xml")
    message = str(info.value)
    assert "bad_listed_on.xml, line 4" in message
    assert "LISTED_ON" in message and "TAi.901" in message and "2001-13-01" in message


def test_unknown_format() -> None:
    with pytest.raises(UnknownFormat, match="unknown format"):
        parse_file(FIXTURES / "unknown.csv")
    with pytest.raises(InputError, match='unknown format "nope"'):
        parse_file(FIXTURES / "v1.xml", "nope")


REAL = [
    ("un_sc_consolidated/2020-11-24-consolidated.xml.gz", 713, 305),
    ("un_sc_consolidated/2022-09-15-un.xml.gz", 699, 253),
    ("un_sc_consolidated/2024-09-26-consolidated.xml.gz", 682, 193),
    ("un_sc_consolidated/2026-02-27-UN_consolidated.xml.gz", 730, 273),
    ("un_sc_1988_taliban/2015-03-27-1988-2015-03-30.xml.gz", 135, 5),
]


@pytest.mark.parametrize(("name", "individuals", "entities"), REAL)
def test_real_files_counts(shared_data: Path, name: str, individuals: int, entities: int) -> None:
    version = parse_file(shared_data / name)
    assert sum(e.schema == "Person" for e in version.entries) == individuals
    assert sum(e.schema == "Organization" for e in version.entries) == entities


def test_2024_generator_birth_dates_under_alias(shared_data: Path) -> None:
    version = parse_file(shared_data / "un_sc_consolidated/2024-09-26-consolidated.xml.gz")
    assert version.published_on.isoformat() == "2024-09-26"
    assert version.entries[0].ref == "TAi.005"
    with_dob = sum(1 for e in version.entries if e.birth_dates)
    newer = parse_file(shared_data / "un_sc_consolidated/2025-11-20-un_consolidated.xml.gz")
    # Birth dates are found wherever the generator put them, so both styles carry them.
    assert with_dob > 600
    assert abs(with_dob - sum(1 for e in newer.entries if e.birth_dates and e.schema == "Person")) < 80


def test_1988_committee_file_is_a_scoped_extract(shared_data: Path) -> None:
    version = parse_file(shared_data / "un_sc_1988_taliban/2015-03-27-1988-2015-03-30.xml.gz")
    assert version.scope == "Taliban"
    refs = {e.ref for e in version.entries}
    assert "TAI.171" in refs  # the capital-I spelling of this file
    assert "TAi.081" in refs and "TAi.174" not in refs

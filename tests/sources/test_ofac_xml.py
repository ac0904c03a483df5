"""OFAC sdnList XML: namespaces, akas, dates; then the real consolidated.xml files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.model import Identifier, Name, PartialDate
from listwatch.model.version import ListVersion
from listwatch.sources import ofac_xml
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ofac_xml"


def parse(path: Path) -> ListVersion:
    return ofac_xml.parse(path, read_bytes(path), ParseOptions())


def test_entries_by_local_name() -> None:
    version = parse(FIXTURES / "2024-05-06-consolidated.xml")
    assert version.list_id == "us_ofac_cons" and version.published.date() == date(2024, 5, 6)
    person, bank, vessel = version.entries
    assert (person.schema, bank.schema, vessel.schema) == ("Person", "Organization", "Vessel")
    assert person.names == (
        Name("HANIYA, Ismail Abdul Salah", "primary"),
        Name("HANIYA, Ismail", "alias"),
        Name("ABU AL-ABD", "weak_alias"),
    )
    assert person.programs == ("NS-PLC", "SDGT")
    assert person.birth_dates == (PartialDate(1962), PartialDate(1963), PartialDate(1964))
    assert person.birth_places == ("Shati",) and person.nationalities == ("Palestinian",)
    assert dict(person.properties)["citizenship"] == ("Egypt",)
    assert person.identifiers == (Identifier("Passport", "A123", "Egypt"),)
    assert person.addresses == ("Gaza, Palestinian",)
    assert bank.remarks == "Central bank."
    assert dict(vessel.properties)["callSign"] == ("T2EU4",)


def test_sdn_xml_goes_to_the_sdn_list(tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_bytes((FIXTURES / "2024-05-06-consolidated.xml").read_bytes())
    assert parse(path).list_id == "us_ofac_sdn"
    assert ofac_xml._sniff(path, path.read_bytes()[:4096])


def test_every_bad_entry_is_reported() -> None:
    with pytest.raises(InputError) as caught:
        parse(FIXTURES / "bad-sdn.xml")
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (5, "uid"),
        (6, "sdnType"),
        (8, "dateOfBirth"),
    ]


def test_bad_publish_date() -> None:
    with pytest.raises(InputError, match="MM/DD/YYYY") as caught:
        parse(FIXTURES / "bad-date-consolidated.xml")
    assert caught.value.field == "Publish_Date" and caught.value.line == 3


@pytest.mark.parametrize(
    ("name", "count", "person", "org", "vessel"),
    [
        ("2018-04-06-consolidated.xml.gz", 639, 94, 471, 74),
        ("2024-05-06-consolidated.xml.gz", 443, 79, 364, 0),
    ],
)
def test_real_consolidated(
    shared_data: Path, name: str, count: int, person: int, org: int, vessel: int
) -> None:
    version = parse(shared_data / "ofac_consolidated_non_sdn" / name)
    schemas = [e.schema for e in version.entries]
    assert (len(schemas), schemas.count("Person"), schemas.count("Organization")) == (count, person, org)
    assert schemas.count("Vessel") == vessel
    assert version.published.date().isoformat() == name[:10]  # Publish_Date
    assert version.list_id == "us_ofac_cons"
    assert any(n.kind == "weak_alias" for e in version.entries for n in e.names)

"""OFAC advanced XML: codes from the file's own tables, listing dates, typed identity documents; and the
change from sdn.csv to it, which keeps entity ids and makes no amendments."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.ingest import ingest_file
from listwatch.model import Identifier, Name, PartialDate
from listwatch.model.version import ListVersion
from listwatch.sources import ofac_advanced
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions, detect
from listwatch.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ofac_advanced"
XML = FIXTURES / "2024-05-02-SDN_ADVANCED.XML"


def parse(path: Path) -> ListVersion:
    return ofac_advanced.parse(path, read_bytes(path), ParseOptions())


def test_parties_names_and_listing_dates() -> None:
    version = parse(XML)
    assert detect(XML, read_bytes(XML)).name == "ofac_advanced_xml"
    assert version.list_id == "us_ofac_sdn" and version.published.date() == date(2024, 5, 2)
    entries = {e.ref: e for e in version.entries}
    assert list(entries) == ["6636", "48321", "48323"]
    taliban = entries["6636"]
    assert taliban.schema == "Organization" and taliban.programs == ("SDGT",)
    assert taliban.names == (
        Name("TALIBAN", "primary"),
        Name("ISLAMIC MOVEMENT OF TALIBAN", "alias"),
        Name("TALEBAN", "alias"),
    )
    assert taliban.listed_on == PartialDate(2002, 7, 2)
    assert taliban.legal_basis == "Executive Order 13224 (Terrorism)"
    person = entries["48321"]
    assert person.schema == "Person"
    assert person.names[0] == Name("YOUSSEF, Adnan Mahmoud", "primary")  # as sdn.csv writes it
    assert Name("YUSUF, 'Adnan", "alias") in person.names
    assert person.birth_dates == (PartialDate(1956, 6, 6),)
    assert person.birth_places == ("Beirut, Lebanon",)
    assert person.nationalities == ("Lebanon",)
    props = dict(person.properties)
    assert props["gender"] == ("Male",) and props["lists"] == ("SDN List",)


def test_year_periods_addresses_and_documents() -> None:
    entry = next(e for e in parse(XML).entries if e.ref == "48323")
    assert entry.birth_dates == (PartialDate(1974),)  # 1 January to 31 December: the year
    assert entry.addresses == ("Beirut, Lebanon",) and entry.countries == ("Lebanon",)
    assert entry.identifiers == (
        Identifier("National ID No.", "784197494718279", "Lebanon"),
        Identifier("Identification Number", "178295160001", "United Kingdom"),
    )


def test_unknown_codes_are_reported(tmp_path: Path) -> None:
    text = XML.read_text(encoding="utf-8").replace('PartySubTypeID="3"', 'PartySubTypeID="99"')
    for part in ("Mazen Hassan", "AL-ZEIN"):  # a party with no name left
        text = text.replace(f'Acronym="false">{part}<', 'Acronym="false"><')
    bad = tmp_path / "2024-05-02-SDN_ADVANCED.XML"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse(bad)
    assert [p.field for p in caught.value.problems] == ["PartySubTypeID", "Alias"]
    assert "6636" in caught.value.problems[0].message and caught.value.problems[0].line


def test_no_date_of_issue(tmp_path: Path) -> None:
    bad = tmp_path / "SDN_ADVANCED.XML"
    bad.write_text(XML.read_text(encoding="utf-8").replace("<Year>2024</Year>\n    <Month>5</Month>", ""))
    with pytest.raises(InputError, match="DateOfIssue"):
        parse(bad)


def test_csv_then_advanced_xml_keeps_ids_and_makes_no_amendments(store: Store) -> None:
    """sdn.csv of 2024-05-01 (the Taliban, as ent_num 6636), then SDN_ADVANCED.XML of 2024-05-02: the
    Taliban is the same entity and not amended; the two parties new in the XML are listed that day."""
    first = ingest_file(store, FIXTURES / "2024-05-01-sdn.csv")
    assert [(e.type, e.ref) for e in first.event_rows] == [("listed", "6636")]
    second = ingest_file(store, XML)
    assert sorted((e.type, e.ref, e.date) for e in second.event_rows) == [
        ("listed", "48321", date(2024, 5, 2)),
        ("listed", "48323", date(2024, 5, 2)),
    ]

"""The FCDO UK Sanctions List XML: name types, non-Latin names, regimes, designation dates, UN references;
and the change from OFSI's ConList to it, which is one list and one history, not a wave of amendments."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.ingest import ingest_file
from listwatch.model import Identifier, Name, PartialDate
from listwatch.model.version import ListVersion
from listwatch.sources import uk_sl
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions, detect
from listwatch.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "uk_sl"
XML = FIXTURES / "2026-02-02-UK-Sanctions-List.xml"
OFSI = FIXTURES / "2026-01-27-ConList.csv"


def parse(path: Path) -> ListVersion:
    return uk_sl.parse(path, read_bytes(path), ParseOptions())


def test_designations_keyed_by_ofsi_group() -> None:
    version = parse(XML)
    assert detect(XML, read_bytes(XML)).name == "uk_sl_xml"
    assert version.list_id == "gb_hmt_sanctions" and version.published.date() == date(2026, 2, 2)
    entries = {e.ref: e for e in version.entries}
    # Two designations of one person under two regimes (BEL0005, GHR0055) are one target, as in OFSI's list.
    assert list(entries) == ["12703", "7172", "13923", "DPR0075"]
    person = entries["13923"]
    assert person.programs == (
        "The Republic of Belarus (Sanctions) (EU Exit) Regulations 2019",
        "The Global Human Rights Sanctions Regulations 2020",
    )
    assert dict(person.properties)["uk_unique_id"] == ("BEL0005", "GHR0055")
    assert person.listed_on == PartialDate(2020, 9, 29)  # the earlier of the two designations
    assert Name("Yuri Khadzimuratovich KARAYEV", "alias") in person.names
    assert Name("Юрий Хаджимуратович КАРАЕВ", "original_script", "Russian") in person.names


def test_names_dates_and_un_reference() -> None:
    entries = {e.ref: e for e in parse(XML).entries}
    akhund = entries["7172"]
    assert akhund.schema == "Person"
    assert akhund.names[0] == Name("MOHAMMAD HASSAN AKHUND", "primary")
    assert Name("Mohammad Hassan Akhund", "alias") in akhund.names  # "Primary name variation"
    assert Name("محمد حسن آخوند", "original_script") in akhund.names
    assert akhund.birth_dates == (PartialDate(1945), PartialDate(1946), PartialDate(1958, 3, 1))  # dd/mm/1945
    assert akhund.listed_on == PartialDate(2001, 1, 25)
    assert akhund.links == ("un_sc_sanctions:TAi.002",)
    assert dict(akhund.properties)["sanctions_imposed"] == ("Asset freeze", "Travel Ban")
    assert akhund.birth_places == ("Pashmul village, Panjwai District, Kandahar Province, Afghanistan",)
    exchange = entries["12703"]
    assert exchange.schema == "Organization"
    assert Name("Haji Hakim Hawala", "weak_alias") in exchange.names  # "ALias", "Low quality a.k.a"
    assert exchange.countries == ("Afghanistan", "United Arab Emirates")
    ship = entries["DPR0075"]
    assert ship.schema == "Vessel" and Identifier("IMO Number", "IMO9562233") in ship.identifiers


def test_bad_fields_are_all_reported(tmp_path: Path) -> None:
    text = XML.read_text(encoding="utf-8")
    text = text.replace(">25/01/2001</DateDesignated>", ">2001-13-25</DateDesignated>")
    text = text.replace(">Ship</IndividualEntityShip>", ">Plane</IndividualEntityShip>")
    bad = tmp_path / "2026-02-02-UK-Sanctions-List.xml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse(bad)
    fields = [p.field for p in caught.value.problems]
    assert fields == ["DateDesignated", "IndividualEntityShip"]
    assert "AFG0006" in caught.value.problems[0].message and caught.value.problems[0].line


def test_no_date_generated(tmp_path: Path) -> None:
    bad = tmp_path / "x.xml"
    bad.write_text(XML.read_text(encoding="utf-8").replace("02/02/2026", "soon"), encoding="utf-8")
    with pytest.raises(InputError, match="DateGenerated"):
        parse(bad)


def test_format_change_is_not_a_wave_of_amendments(store: Store, tmp_path: Path) -> None:
    """OFSI's ConList of 27 January 2026, then the UK Sanctions List of 2 February: the same three
    targets keep their ids and make no event; the ship, never on OFSI's asset-freeze list, is listed."""
    first = ingest_file(store, OFSI)
    assert first.entries == 3 and first.events == {"listed": 3}
    changed = ingest_file(store, XML)
    events = [(e.type, e.ref) for e in changed.event_rows]
    assert events == [("listed", "DPR0075")]
    # Amendments resume once both sides are in the same format: a later UK Sanctions List version.
    later = tmp_path / "2026-02-10-UK-Sanctions-List.xml"
    text = XML.read_text(encoding="utf-8").replace("02/02/2026", "10/02/2026")
    text = text.replace("<Name6>Haji Mohammad Hassan</Name6>", "<Name6>Mohammad Hassan Akhund Sahib</Name6>")
    later.write_text(text, encoding="utf-8")
    third = ingest_file(store, later)
    assert [(e.type, e.ref) for e in third.event_rows] == [("amended", "7172")]
    reader = store.reader()
    assert [v.format for v in reader.versions("gb_hmt_sanctions")] == ["uk_hmt_csv", "uk_sl_xml", "uk_sl_xml"]

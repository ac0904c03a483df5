"""The FCDO UK Sanctions List CSV: the XML's list in another format, read into the same entries (one list
id, one entity id per target); the ConList -> XML -> CSV history makes listings and delistings across
each change of format and no amendments, and amendments resume between two CSV versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.ingest import ingest_file
from listwatch.model import Identifier, Name, PartialDate
from listwatch.sources import uk_sl, uk_sl_csv
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions, detect
from listwatch.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "uk_sl"
OFSI = FIXTURES / "2026-01-27-ConList.csv"
XML = FIXTURES / "2026-02-02-UK-Sanctions-List.xml"
CSV = FIXTURES / "2026-02-09-UK-Sanctions-List.csv"
CSV_LATER = FIXTURES / "2026-02-16-UK-Sanctions-List.csv"


def test_the_csv_reads_into_the_xml_entries() -> None:
    assert detect(CSV, read_bytes(CSV)).name == "uk_sl_csv"
    version = uk_sl_csv.parse(CSV, read_bytes(CSV), ParseOptions())
    assert version.list_id == "gb_hmt_sanctions" and str(version.published.date()) == "2026-02-09"
    entries = {e.ref: e for e in version.entries}
    assert list(entries) == ["12703", "7172", "13923"]  # keyed by OFSI Group ID, as the XML
    person = entries["13923"]  # two designations (BEL0005, GHR0055), one target
    assert dict(person.properties)["uk_unique_id"] == ("BEL0005", "GHR0055")
    assert person.listed_on == PartialDate(2020, 9, 29)
    assert Name("Юрий Хаджимуратович КАРАЕВ", "original_script", "Russian") in person.names
    akhund = entries["7172"]
    assert akhund.birth_dates == (PartialDate(1945), PartialDate(1946), PartialDate(1958, 3, 1))
    assert akhund.links == ("un_sc_sanctions:TAi.002",)
    assert Identifier("UK Sanctions List ID", "AFG0006") in akhund.identifiers
    assert Name("Haji Hakim Hawala", "weak_alias") in entries["12703"].names  # "Low quality a.k.a"

    xml = {e.ref: e for e in uk_sl.parse(XML, read_bytes(XML), ParseOptions()).entries}
    # Two of the three targets read exactly as from the XML; the third differs where the CSV holds less
    # (one Title per row: the XML's "Mullah" and "Haji" are "Mullah" here).
    assert entries["12703"].content() == xml["12703"].content()
    assert entries["13923"].content() == xml["13923"].content()
    assert dict(xml["7172"].properties)["title"] == ("Mullah", "Haji")
    assert dict(akhund.properties)["title"] == ("Mullah",)


def test_one_history_across_three_formats(store: Store) -> None:
    """ConList CSV, then the XML, then the CSV: each change of format derives only what was listed or
    delisted (the XML lists the ship OFSI never held; the CSV of a week later no longer has it), never
    amendments, though the CSV writes AKHUND's titles differently. Between two CSV versions a new alias
    is an amendment again."""
    assert ingest_file(store, OFSI).events == {"listed": 3}
    assert [(e.type, e.ref) for e in ingest_file(store, XML).event_rows] == [("listed", "DPR0075")]
    assert [(e.type, e.ref) for e in ingest_file(store, CSV).event_rows] == [("delisted", "DPR0075")]
    later = ingest_file(store, CSV_LATER)
    assert [(e.type, e.ref) for e in later.event_rows] == [("amended", "7172")]
    assert [f.field for f in later.event_rows[0].fields] == ["names"]
    reader = store.reader()
    assert [v.format for v in reader.versions("gb_hmt_sanctions")] == [
        "uk_hmt_csv",
        "uk_sl_xml",
        "uk_sl_csv",
        "uk_sl_csv",
    ]


def test_bad_rows_are_all_reported_with_their_lines(tmp_path: Path) -> None:
    text = CSV.read_text(encoding="utf-8")
    text = text.replace(",25/01/2001,dd/mm/1946,", ",2001-13-25,dd/mm/1946,", 1)
    text = text.replace(",Individual,UK,", ",Plane,UK,", 1)
    bad = tmp_path / "2026-02-09-UK-Sanctions-List.csv"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        uk_sl_csv.parse(bad, read_bytes(bad), ParseOptions())
    problems = caught.value.problems
    assert [p.field for p in problems] == ["Date Designated", "Designation Type"]
    assert [p.line for p in problems] == [7, 9]  # the Report Date line, the header, then rows from 3
    assert "AFG0006" in problems[0].message and "BEL0005" in problems[1].message


def test_a_missing_column_or_report_date_is_named(tmp_path: Path) -> None:
    text = CSV.read_text(encoding="utf-8")
    bad = tmp_path / "no-regime.csv"
    bad.write_text(text.replace("Regime Name,", "Regime,", 1), encoding="utf-8")
    with pytest.raises(InputError, match="no column Regime Name"):
        uk_sl_csv.parse(bad, read_bytes(bad), ParseOptions())
    undated = tmp_path / "undated.csv"
    undated.write_text(text.replace("Report Date: 09-Feb-2026", "Report Date: soon"), encoding="utf-8")
    with pytest.raises(InputError, match="Report Date") as caught:
        uk_sl_csv.parse(undated, read_bytes(undated), ParseOptions())
    assert caught.value.problems[0].line == 1

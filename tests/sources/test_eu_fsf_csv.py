"""The EU Financial Sanctions Files CSV: the XML's consolidated list in 118 semicolon-separated columns,
read into the same entries; XML then CSV is one history whose change of format derives the delisting
and no amendment (the CSV has no weak aliases), and amendments resume between two CSV versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.ingest import ingest_file
from listwatch.model import Identifier, Name, PartialDate
from listwatch.sources import eu_fsf, eu_fsf_csv
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions, detect
from listwatch.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eu_fsf"
XML = FIXTURES / "2018-12-21-xmlFullSanctionsList_1_1.xml"
CSV = FIXTURES / "2018-12-28-csvFullSanctionsList_1_1.csv"
CSV_LATER = FIXTURES / "2019-01-04-csvFullSanctionsList_1_1.csv"


def test_the_csv_reads_into_the_xml_entries() -> None:
    assert detect(CSV, read_bytes(CSV)).name == "eu_fsf_csv"
    version = eu_fsf_csv.parse(CSV, read_bytes(CSV), ParseOptions())
    assert version.list_id == "eu_fsf" and str(version.published.date()) == "2018-12-28"
    entries = {e.ref: e for e in version.entries}
    assert list(entries) == ["207", "900006"]  # Entity_LogicalId, the XML's logicalId
    zawahiri = entries["900006"]
    assert zawahiri.schema == "Person" and zawahiri.programs == ("TAQA",)
    assert zawahiri.names[0] == Name("Aiman Muhammed Rabi Al-Zawahiri", "primary")
    assert Name("أيمن محمد ربيع الظواهري", "alias", "ar") in zawahiri.names
    assert zawahiri.birth_dates == (PartialDate(1951, 6, 19), PartialDate(1950))
    assert zawahiri.birth_places == ("Giza, EGYPT",)  # "UNKNOWN" is no country
    assert zawahiri.listed_on == PartialDate(2001, 1, 25) and zawahiri.links == ("un_sc_sanctions:QDi.006",)
    assert Identifier("National passport", "1084010", "EGYPT") in zawahiri.identifiers
    assert zawahiri.addresses == ("Afghanistan/Pakistan border area",) and zawahiri.countries == ()

    xml = {e.ref: e for e in eu_fsf.parse(XML, read_bytes(XML), ParseOptions()).entries}
    assert entries["207"].content() == xml["207"].content()
    # The CSV has no "strong" column: the XML's weak alias is an alias here, and nothing else differs.
    ours, theirs = zawahiri.content(), xml["900006"].content()
    assert {k for k in ours if ours[k] != theirs[k]} == {"names"}
    assert (
        Name("Abu Fatma", "weak_alias") in xml["900006"].names
        and Name("Abu Fatma", "alias") in zawahiri.names
    )


def test_xml_then_csv_is_one_history(store: Store) -> None:
    assert ingest_file(store, XML).events == {"listed": 3}
    # Mugabe (logicalId 1) is not in the CSV: delisted; Al-Zawahiri's weak alias is not an amendment.
    assert [(e.type, e.ref) for e in ingest_file(store, CSV).event_rows] == [("delisted", "1")]
    later = ingest_file(store, CSV_LATER)
    assert [(e.type, e.ref) for e in later.event_rows] == [("amended", "207")]  # a Spanish name added
    assert [v.format for v in store.reader().versions("eu_fsf")] == ["eu_fsf_xml", "eu_fsf_csv", "eu_fsf_csv"]


def test_bad_rows_are_reported(tmp_path: Path) -> None:
    text = CSV.read_text(encoding="utf-8-sig")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        text.replace(";1951-06-19;", ";1951-19-06;").replace(";enterprise;", ";vessel;"), encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        eu_fsf_csv.parse(bad, read_bytes(bad), ParseOptions())
    assert [p.field for p in caught.value.problems] == ["Entity_SubjectType", "BirthDate_BirthDate"]
    assert "207" in caught.value.problems[0].message and caught.value.problems[0].line == 2
    missing = tmp_path / "missing.csv"
    missing.write_text(text.replace("NameAlias_WholeName", "NameAlias_Whole", 1), encoding="utf-8")
    with pytest.raises(InputError, match="no column NameAlias_WholeName"):
        eu_fsf_csv.parse(missing, read_bytes(missing), ParseOptions())

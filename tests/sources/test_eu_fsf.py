"""The EU Financial Sanctions Files consolidated XML (schema 1.1): attributes only, a namespace, names in
many languages, partial birth dates, UN references."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.ingest import ingest_file
from listwatch.model import Identifier, Name, PartialDate
from listwatch.model.version import ListVersion
from listwatch.sources import eu_fsf
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions, detect
from listwatch.store import Store

FIXTURE = (
    Path(__file__).resolve().parents[1] / "fixtures" / "eu_fsf" / "2018-12-21-xmlFullSanctionsList_1_1.xml"
)


def parse(path: Path) -> ListVersion:
    return eu_fsf.parse(path, read_bytes(path), ParseOptions())


def test_entities_names_and_dates() -> None:
    version = parse(FIXTURE)
    assert detect(FIXTURE, read_bytes(FIXTURE)).name == "eu_fsf_xml"
    assert version.list_id == "eu_fsf"
    assert version.published == datetime(
        2018, 12, 21, 14, 39, 54, 511000, tzinfo=timezone(timedelta(hours=1))
    )
    entries = {e.ref: e for e in version.entries}
    assert list(entries) == ["1", "207", "900006"]
    mugabe = entries["1"]
    assert mugabe.schema == "Person" and mugabe.programs == ("ZWE",)
    assert mugabe.names == (Name("Robert Gabriel Mugabe", "primary"),)
    assert mugabe.birth_dates == (PartialDate(1924, 2, 21),)
    assert Identifier("National passport", "AD001095") in mugabe.identifiers  # country UNKNOWN dropped
    assert Identifier("EU reference number", "EU.36.64") in mugabe.identifiers
    front = entries["207"]
    assert front.schema == "Organization" and front.programs == ("TERR",)
    assert front.names[0] == Name("İslami Büyük Doğu Akıncılar Cephesi", "primary")
    assert Name("Фронт на великите ислямски източни воини", "alias", "bg") in front.names
    assert Name("IBDA-C", "alias") in front.names


def test_un_reference_weak_alias_and_partial_birth_date() -> None:
    entry = next(e for e in parse(FIXTURE).entries if e.ref == "900006")
    assert entry.links == ("un_sc_sanctions:QDi.006",)
    assert entry.listed_on == PartialDate(2001, 1, 25)
    assert Name("Abu Fatma", "weak_alias") in entry.names
    assert Name("أيمن محمد ربيع الظواهري", "alias", "ar") in entry.names
    assert entry.birth_dates == (PartialDate(1951, 6, 19), PartialDate(1950))
    assert entry.birth_places == ("Giza, EGYPT",)
    assert entry.nationalities == ("EGYPT",)
    assert dict(entry.properties)["regulation"] == ("881/2002 (OJ L139)",)


def test_bad_entities_are_all_reported(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace('<subjectType code="enterprise"', '<subjectType code="vessel"')
    text = text.replace('designationDate="2001-01-25"', 'designationDate="2001-25-01"')
    bad = tmp_path / "bad.xml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse(bad)
    assert [p.field for p in caught.value.problems] == ["subjectType", "designationDate"]
    assert all(p.line for p in caught.value.problems)


def test_no_generation_date(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text(FIXTURE.read_text(encoding="utf-8").replace("2018-12-21T14:39:54.511+01:00", "soon"))
    with pytest.raises(InputError, match="generationDate"):
        parse(bad)


def test_a_delisting_between_two_files(store: Store, tmp_path: Path) -> None:
    ingest_file(store, FIXTURE)
    later = tmp_path / "2019-01-10-xmlFullSanctionsList_1_1.xml"
    text = FIXTURE.read_text(encoding="utf-8").replace("2018-12-21T14:39:54", "2019-01-10T09:00:00")
    start = text.index('<sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.36.64"')
    end = text.index("</sanctionEntity>", start) + len("</sanctionEntity>")
    later.write_text(text[:start] + text[end:], encoding="utf-8")
    result = ingest_file(store, later)
    assert [(e.type, e.ref) for e in result.event_rows] == [("delisted", "1")]
    assert result.published == datetime(2019, 1, 10, tzinfo=UTC).date()

"""Canada SEMA XML: persons and entities, aliases, bilingual countries, references."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.model import Name, PartialDate
from listwatch.model.version import ListVersion
from listwatch.sources import ca_sema
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ca_sema"


def parse(path: Path) -> ListVersion:
    return ca_sema.parse(path, read_bytes(path), ParseOptions())


def test_records() -> None:
    version = parse(FIXTURES / "2020-04-15-sema-lmes.xml")
    assert version.list_id == "ca_dfatd_sema_sanctions" and version.published.date() == date(2020, 4, 15)
    bagan, ivanov, zhuwao = version.entries
    assert [e.ref for e in version.entries] == ["Burma/1/1", "Russia/1/1", "Zimbabwe/-/181"]
    assert bagan.schema == "Organization" and bagan.programs == ("Burma",)
    assert bagan.names[1:] == (
        Name("Air Bagan Holdings Pte. Ltd.", "alias"),
        Name("Air Bagan Limited", "alias"),
    )
    assert ivanov.schema == "Person" and ivanov.names == (Name("Ivan Ivanov"),)
    assert ivanov.birth_dates == (PartialDate(1962, 7, 16), PartialDate(1962, 7, 17))
    assert dict(ivanov.properties)["title"] == ("General",)
    assert zhuwao.birth_dates == (PartialDate(1965),)


def test_every_bad_record_is_reported() -> None:
    with pytest.raises(InputError) as caught:
        parse(FIXTURES / "2020-04-16-bad.xml")
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (4, "Item"),
        (5, "LastName"),
        (6, "DateOfBirth"),
        (8, "Item"),
    ]


def test_real_list(shared_data: Path) -> None:
    version = parse(shared_data / "ca_sema" / "2020-04-15-sema-lmes.xml.gz")
    schemas = [e.schema for e in version.entries]
    assert (len(schemas), schemas.count("Person"), schemas.count("Organization")) == (1369, 985, 384)
    programs = [e.programs[0] for e in version.entries]
    assert [programs.count(c) for c in ("Syria", "Ukraine", "Iran", "Russia")] == [281, 242, 202, 197]

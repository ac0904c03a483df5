"""FollowTheMoney exports and OpenSanctions deltas."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.model import Identifier, Name, PartialDate
from listwatch.model.version import ListVersion
from listwatch.sources import ftm
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ftm"


def parse(path: Path, **options: object) -> ListVersion:
    return ftm.parse(path, read_bytes(path), ParseOptions(**options))  # type: ignore[arg-type]


def test_export_subjects_with_sanctions_folded_in() -> None:
    version = parse(FIXTURES / "2024-03-05-entities.ftm.json")
    assert version.list_id == "opensanctions" and version.delta is None
    assert version.published == datetime(2024, 3, 2, 11, 0, tzinfo=UTC)  # newest last_change
    entries = {e.ref: e for e in version.entries}
    assert {r: e.schema for r, e in entries.items()} == {
        "p1": "Person",
        "c1": "Organization",
        "v1": "Vessel",
        "a1": "Aircraft",
    }
    person = entries["p1"]
    assert person.names == (
        Name("Ivan PETROV"),
        Name("Иван Петров", "original_script"),
        Name("Vanya", "alias"),
        Name("Petya", "weak_alias"),
    )
    assert person.birth_dates == (PartialDate(1970, 5),)
    assert person.programs == ("EU-RUS", "Russia regime")
    assert person.listed_on == PartialDate(2022, 2, 28)
    assert dict(person.properties)["authority"] == ("Council of the EU", "HM Treasury")
    assert dict(person.properties)["datasets"] == ("eu_fsf",)
    assert Identifier("Passport", "P123") in person.identifiers
    assert entries["v1"].identifiers == (Identifier("IMO", "9123456"),)


def test_list_id_option() -> None:
    assert parse(FIXTURES / "2024-03-05-entities.ftm.json", list_id="eu_fsf").list_id == "eu_fsf"


def test_delta_file() -> None:
    version = parse(FIXTURES / "2024-05-28-20240528074703-entities.delta.json")
    assert version.entries == ()
    assert version.published == datetime(2024, 5, 28, 7, 47, 3, tzinfo=UTC)  # the version id in the name
    ops = [(d.op, d.ref, d.entry.schema if d.entry else None) for d in version.delta or ()]
    assert ops == [("ADD", "p1", "Person"), ("MOD", "c1", "Organization"), ("DEL", "v1", None)]


def test_every_bad_line_is_reported() -> None:
    with pytest.raises(InputError) as caught:
        parse(FIXTURES / "2024-05-28-bad-entities.delta.json")
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, None), (3, "op"), (4, "id"), (5, "id")]


def test_no_date_anywhere_is_refused() -> None:
    with pytest.raises(InputError, match="--published"):
        parse(FIXTURES / "entities.ftm.json")
    assert parse(FIXTURES / "entities.ftm.json", published=date(2024, 1, 1)).published.date() == date(
        2024, 1, 1
    )


def test_real_exports(shared_data: Path) -> None:
    folder = shared_data / "opensanctions_ftm"
    t1 = parse(folder / "2024-06-01-t1-entities.ftm.json")
    assert [e.schema for e in t1.entries].count("Person") == 4 and len(t1.entries) == 6  # Address skipped
    zala = parse(folder / "2026-04-29-zala-entities.ftm.json")
    assert zala.published == datetime(2026, 4, 29, 7, 55, 2, tzinfo=UTC)
    assert [e.schema for e in zala.entries].count("Person") == 6
    assert all(e.schema in ("Person", "Organization") for e in zala.entries)
    # The 41 Sanctions point at two subjects (LLC CST 28, Alexander ZAKHAROV 13); three context
    # companies (target false) are skipped.
    assert len(zala.entries) == 14
    folded = {e.caption: len(dict(e.properties)["authority"]) for e in zala.entries if e.programs}
    assert set(folded) == {"LLC CST", "Alexander Vyacheslavovich ZAKHAROV"}


def test_real_deltas(shared_data: Path) -> None:
    folder = shared_data / "opensanctions_ftm"
    ops = []
    for path in sorted(folder.glob("*.delta.json")):
        version = parse(path)
        ops += [(version.published.isoformat(), d.op, d.ref) for d in version.delta or ()]
    assert [op for _p, op, _r in ops] == ["ADD", "ADD", "ADD", "MOD", "DEL", "ADD"]
    assert ops[4][2] == "NK-500Poltergeist" and ops[2][2] == "NK-500Poltergeist"
    assert [p for p, _o, _r in ops] == sorted(p for p, _o, _r in ops)  # deltas dated in stream order

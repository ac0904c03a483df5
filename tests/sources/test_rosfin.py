"""Rosfinmonitoring extract: grouping split-out bracket names, the hashed reference, cp1251."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.model import Name, PartialDate
from listwatch.model.version import ListVersion
from listwatch.sources import rosfin
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rosfin"


def parse(path: Path) -> ListVersion:
    return rosfin.parse(path, read_bytes(path), ParseOptions())


def test_bracket_rows_join_their_person() -> None:
    version = parse(FIXTURES / "2022-05-20-RFM.csv")
    assert version.list_id == "ru_rosfinmonitoring" and version.published.date() == date(2022, 5, 20)
    names = [[n.value for n in e.names] for e in version.entries]
    assert names == [
        ["АБАЕВ АСЛАНБЕК БАУДИНОВИЧ"],
        ["АБАКАРОВ ЗАЛИМХАН ПАХРУДИНОВИЧ", "АБАКАРОВ ЗЕЛИМХАН ПАХРУДИНОВИЧ"],
        ["АББОСОВ ДЖОМИ АСРОРОВИЧ", "АБОСОВ ДЖОМИ АСРОРОВИЧ"],
        ["АББОСОВ МАРУФ ЮСУФОВИЧ"],
        ["АБДУВОСИЕВ АБДУРАУФ АБДУРАСУЛ УГЛИ", "ABDUVOSIEV ABDURAUF ABDURASUL O'G'LI"],
        ["АВДОРХАНОВ АХМЕД ЗЕЛИМХАНОВИЧ", "КУРЧАЛОЕВСКОГО"],
        ["ГЕЛАЕВ РЕШИД ГЕРМАНОВИЧ"],
        ["ГЕЛАЕВ ТИМУР АСЛАНОВИЧ"],
        ["ДЕМЁНОВ ПЁТР ИВАНОВИЧ"],
    ]
    fragment = version.entries[5]
    assert fragment.names[1] == Name("КУРЧАЛОЕВСКОГО", "weak_alias", "ru")
    assert version.entries[4].names[1].lang is None  # the Latin transliteration
    assert version.entries[0].birth_dates == (PartialDate(1983, 5, 29),)


def test_reference_is_a_stable_hash_of_name_and_birth_date() -> None:
    version = parse(FIXTURES / "2022-05-20-RFM.csv")
    assert version.entries[0].ref == rosfin.ref_for("Абаев  Асланбек Баудинович", "29.05.1983")
    assert version.entries[-1].ref == rosfin.ref_for("ДЕМЕНОВ ПЕТР ИВАНОВИЧ", "01.01.1990")  # Ё == Е
    assert len({e.ref for e in version.entries}) == len(version.entries)
    assert all(e.ref.startswith("rfm-") and len(e.ref) == 20 for e in version.entries)


def test_every_bad_line_is_reported() -> None:
    with pytest.raises(InputError) as caught:
        parse(FIXTURES / "2022-05-21-bad.csv")
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, None), (3, "birth date"), (4, None)]


def test_sniff() -> None:
    path = FIXTURES / "2022-05-20-RFM.csv"
    assert rosfin._sniff(path, path.read_bytes()[:4096])
    assert not rosfin._sniff(path, b"Last Updated,02/04/2014\r\n")


def test_real_extract(shared_data: Path) -> None:
    version = parse(shared_data / "ru_rosfinmonitoring" / "2022-05-20-RFM.csv")
    names = [n for e in version.entries for n in e.names]
    # 12,737 lines, 12,646 distinct names (12,645 once a doubled space is collapsed); 61 lines repeat
    # exactly. Every distinct name is kept; lines grouped into 12,057 people.
    assert len({n.value for n in names}) == 12645
    assert len(names) == 12675
    assert len(version.entries) == 12057
    assert all(e.schema == "Person" and len(e.birth_dates) == 1 for e in version.entries)

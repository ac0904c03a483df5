"""Rosfinmonitoring's list page (HTML): four sections, Russian and foreign organisations and persons;
persons keyed as in the CSV extract, so the two formats are one history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.ingest import ingest_file
from listwatch.model import Identifier, Name, PartialDate
from listwatch.model.version import ListVersion
from listwatch.sources import rosfin, rosfin_html
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions, detect
from listwatch.store import Store

PAGE = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "rosfin_html"
    / "2026-11-30-terrorists-catalog-portal-act.html"
)


def parse(path: Path) -> ListVersion:
    return rosfin_html.parse(path, read_bytes(path), ParseOptions())


def test_four_sections() -> None:
    version = parse(PAGE)
    assert detect(PAGE, read_bytes(PAGE)).name == "rosfin_html"
    assert version.list_id == "ru_rosfinmonitoring" and version.published.date() == date(2026, 11, 30)
    by_section: dict[str, list[str]] = {}
    for entry in version.entries:
        by_section.setdefault(dict(entry.properties)["section"][0], []).append(entry.caption)
    assert by_section == {
        "russian_organisations": [
            "МЕЖРЕГИОНАЛЬНОЕ ОБЩЕСТВЕННОЕ ДВИЖЕНИЕ «ПРИМЕР»",
            "ОБЩЕСТВЕННОЕ ОБЪЕДИНЕНИЕ «ОБРАЗЕЦ»",
        ],
        "russian_individuals": ["ИВАНОВ ИВАН ИВАНОВИЧ", "ПЕТРОВ ПЁТР ПЕТРОВИЧ", "СИДОРОВ СИДОР СИДОРОВИЧ"],
        "foreign_organisations": ["EXAMPLE FRONT"],
        "foreign_individuals": ["DOE JOHN"],
    }


def test_item_details() -> None:
    entries = {e.caption: e for e in parse(PAGE).entries}
    ivanov = entries["ИВАНОВ ИВАН ИВАНОВИЧ"]
    assert ivanov.schema == "Person" and ivanov.birth_dates == (PartialDate(1980, 1, 1),)
    assert ivanov.birth_places == ("Г. ПРИМЕРСК ПРИМЕРНОЙ ОБЛАСТИ",)
    assert dict(ivanov.properties)["asterisk"] == ("yes",)
    assert ivanov.ref == rosfin.ref_for("ИВАНОВ ИВАН ИВАНОВИЧ", "01.01.1980")  # as the CSV extract keys him
    petrov = entries["ПЕТРОВ ПЁТР ПЕТРОВИЧ"]
    assert Name("ПЕТРОВ ПЕТР", "alias", "ru") in petrov.names and Name("PETROV PETR", "alias") in petrov.names
    org = entries["МЕЖРЕГИОНАЛЬНОЕ ОБЩЕСТВЕННОЕ ДВИЖЕНИЕ «ПРИМЕР»"]
    assert org.schema == "Organization"
    assert org.identifiers == (Identifier("ИНН", "7700000001"), Identifier("ОГРН", "1027700000001"))
    assert dict(org.properties)["dates"] == ("01.02.2010",)
    assert Name("ОБРАЗЕЦ-2", "weak_alias", "ru") in entries["ОБЩЕСТВЕННОЕ ОБЪЕДИНЕНИЕ «ОБРАЗЕЦ»"].names
    doe = entries["DOE JOHN"]
    assert doe.birth_dates == (PartialDate(1965, 3, 12),) and doe.birth_places == ("г. Каир, Египет",)


def test_bad_items_and_missing_sections(tmp_path: Path) -> None:
    bad = tmp_path / "2026-11-30-page.html"
    bad.write_text(PAGE.read_text(encoding="utf-8").replace("30.09.1991 г.р.", "1991"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse(bad)
    assert caught.value.problems[0].field == "birth date" and caught.value.problems[0].line == 20
    bad.write_text(PAGE.read_text(encoding="utf-8").replace('id="foreignFL"', 'id="other"'), encoding="utf-8")
    with pytest.raises(InputError, match="div#foreignFL"):
        parse(bad)


def test_csv_extract_then_page_is_one_history(store: Store, tmp_path: Path) -> None:
    """The CSV extract of Russian individuals, then the page: the same people keep their ids and are
    not amended; organisations and foreign persons, which the extract never held, are listed."""
    extract = tmp_path / "2026-11-01-RFM.csv"
    people = (
        "ИВАНОВ ИВАН ИВАНОВИЧ,01.01.1980",
        "ПЕТРОВ ПЁТР ПЕТРОВИЧ,02.03.1985",
        "СИДОРОВ СИДОР СИДОРОВИЧ,30.09.1991",
    )
    lines = "".join(f"{p}\n" for p in people)
    extract.write_bytes(lines.encode("cp1251"))
    assert ingest_file(store, extract).events == {"listed": 3}
    page = ingest_file(store, PAGE)
    assert sorted(e.type for e in page.event_rows) == ["listed"] * 4
    assert {e.name for e in page.event_rows} == {
        "МЕЖРЕГИОНАЛЬНОЕ ОБЩЕСТВЕННОЕ ДВИЖЕНИЕ «ПРИМЕР»",
        "ОБЩЕСТВЕННОЕ ОБЪЕДИНЕНИЕ «ОБРАЗЕЦ»",
        "EXAMPLE FRONT",
        "DOE JOHN",
    }

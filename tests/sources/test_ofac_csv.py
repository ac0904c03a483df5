"""OFAC legacy CSV: hand-made fixtures for every quirk, then the real files in ../shared/data."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pytest

from listwatch.errors import InputError
from listwatch.model import Identifier, Name, PartialDate
from listwatch.sources import ofac_csv
from listwatch.sources.files import read_bytes
from listwatch.sources.registry import ParseOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ofac_csv"


def parse(path: Path, **options: object):  # type: ignore[no-untyped-def]
    return ofac_csv.parse(path, read_bytes(path), ParseOptions(**options))  # type: ignore[arg-type]


def by_ref(path: Path) -> dict[str, object]:
    return {e.ref: e for e in parse(path).entries}


def test_rows_companions_and_remarks() -> None:
    version = parse(FIXTURES / "2024-01-02-sdn.csv")
    assert version.list_id == "us_ofac_sdn"
    assert version.published.date() == date(2024, 1, 2)  # from the file name: no date inside
    entries = {e.ref: e for e in version.entries}
    assert [e.schema for e in entries.values()] == ["Person", "Organization", "Vessel", "Aircraft", "Person"]
    doe = entries["101"]
    assert doe.programs == ("SDGT", "IRGC")
    assert doe.birth_dates == (PartialDate(1965, 3, 12), PartialDate(1966))
    assert doe.birth_places == ("Cairo, Egypt",)
    assert doe.nationalities == ("Egypt",)
    assert Identifier("Passport", "A1234567", "Egypt") in doe.identifiers
    assert Identifier("Passport", "B7654321", None) in doe.identifiers
    assert Name("DOE, Johnny", "alias") in doe.names and Name("SMITH, John", "alias") in doe.names
    assert Name("ABU JOHN", "weak_alias") in doe.names  # quoted a.k.a. in Remarks: OFAC's weak alias
    assert doe.addresses == ("1 Nile St., Cairo, Egypt",) and doe.countries == ("Egypt",)
    props = dict(doe.properties)
    assert props["gender"] == ("Male",) and props["title"] == ("Commander",)
    assert props["linked_to"] == ("EXAMPLE TRADING S.A.R.L.",)  # inner periods kept


def test_truncated_remarks_continue_in_comments_file() -> None:
    company = by_ref(FIXTURES / "2024-01-02-sdn.csv")["102"]
    assert company.remarks.endswith("Linked To: DOE, John.")  # type: ignore[attr-defined]
    assert Name("EXTRA", "weak_alias") in company.names  # type: ignore[attr-defined]
    assert company.identifiers == (Identifier("Registration Number", "99887", "Lebanon"),)  # type: ignore[attr-defined]


def test_vessel_aircraft_nulls_and_date_shapes() -> None:
    entries = by_ref(FIXTURES / "2024-01-02-sdn.csv")
    vessel = entries["103"]
    assert Identifier("IMO", "9123456", None) in vessel.identifiers  # type: ignore[attr-defined]
    assert Name("OCEAN STAR", "alias") in vessel.names  # type: ignore[attr-defined]
    props = dict(vessel.properties)  # type: ignore[attr-defined]
    assert props["call_sign"] == ("9BAB1",) and props["flag"] == ("Iran",)
    assert vessel.addresses == ()  # type: ignore[attr-defined]  # an address row of -0- only
    assert entries["104"].birth_dates == ()  # type: ignore[attr-defined]  # a manufacture date is not a DOB
    assert "title" not in dict(entries["104"].properties)  # type: ignore[attr-defined]  # -0- is null
    roe = entries["105"]
    assert roe.birth_dates == (  # type: ignore[attr-defined]
        PartialDate(1970),
        PartialDate(1960),
        PartialDate(1961),
        PartialDate(1962),
        PartialDate(1971, 3),
    )
    assert roe.nationalities == ("Mexico",)  # type: ignore[attr-defined]


def test_consolidated_set() -> None:
    version = parse(FIXTURES / "2024-02-01-cons_prim.csv")
    assert version.list_id == "us_ofac_cons"
    (entry,) = version.entries
    assert Name("HANIYA, Ismail", "alias") in entry.names
    assert entry.birth_dates == (PartialDate(1962),) and entry.birth_places == ("Shati",)


def test_companions_are_not_versions_and_sniff() -> None:
    for name in (
        "2024-01-02-alt.csv",
        "2024-01-02-add.csv.gz",
        "2024-01-02-sdn_comments.csv",
        "x-cons_alt.csv",
    ):
        assert ofac_csv._is_companion(Path(name))
    for name in ("2024-01-02-sdn.csv.gz", "cons_prim.csv", "sdn.xml"):
        assert not ofac_csv._is_companion(Path(name))
    head = (FIXTURES / "2024-01-02-sdn.csv").read_bytes()[:4096]
    assert ofac_csv._sniff(FIXTURES / "2024-01-02-sdn.csv", head)
    assert not ofac_csv._sniff(FIXTURES / "2024-01-02-alt.csv", head)


def test_every_bad_row_is_reported() -> None:
    with pytest.raises(InputError) as caught:
        parse(FIXTURES / "2024-01-03-sdn.csv")
    problems = caught.value.problems
    assert [(p.line, p.field) for p in problems] == [
        (2, None),
        (3, "ent_num"),
        (4, "SDN_Type"),
        (5, "ent_num"),
    ]
    assert "expected 12 columns, found 4" in problems[0].message
    assert "2024-01-03-sdn.csv, line 2" in str(caught.value)


def test_no_date_refused_unless_published(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    shutil.copy(FIXTURES / "2024-01-02-sdn.csv", path)
    with pytest.raises(InputError, match="--published"):
        parse(path)
    assert parse(path, published=date(2024, 3, 4)).published.date() == date(2024, 3, 4)


def test_zero_byte_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "2024-05-04-sdn.csv"
    path.write_bytes(b"")  # the jackdwyer scraper's last commit: a failed download
    with pytest.raises(InputError, match="0 bytes"):
        read_bytes(path)


# The real files (PROVENANCE.md §3, §4).

REAL_COUNTS = {
    "2021-07-07-sdn.csv.gz": (8976, 4620, 3673, 406, 277, 1709),
    "2021-08-18-sdn.csv.gz": (9083, 4688, 3711, 407, 277, 1722),
    "2022-02-24-sdn.csv.gz": (9123, 4660, 3758, 425, 280, 1800),
    "2022-03-25-sdn.csv.gz": (9809, 5148, 3950, 428, 283, 1813),
    "2024-05-01-sdn.csv.gz": (14966, 6849, 6883, 851, 383, 2379),
    "2024-05-02-sdn.csv.gz": (14973, 6854, 6885, 851, 383, 2386),
    "2024-05-03-sdn.csv.gz": (14965, 6854, 6884, 851, 376, 2386),
}


@pytest.mark.parametrize("name", sorted(REAL_COUNTS))
def test_real_sdn_counts(shared_data: Path, name: str) -> None:
    version = parse(shared_data / "ofac_sdn_csv" / name)
    rows, person, org, vessel, aircraft, sdgt = REAL_COUNTS[name]
    schemas = [e.schema for e in version.entries]
    assert len(version.entries) == rows
    assert (schemas.count("Person"), schemas.count("Organization")) == (person, org)
    assert (schemas.count("Vessel"), schemas.count("Aircraft")) == (vessel, aircraft)
    assert sum("SDGT" in e.programs for e in version.entries) == sdgt
    assert version.published.date().isoformat() == name[:10]


def test_real_trio_joins(shared_data: Path) -> None:
    version = parse(shared_data / "ofac_sdn_csv" / "2021-07-07-sdn.csv.gz")
    entries = {e.ref: e for e in version.entries}
    problems: list[object] = []
    companions, used = ofac_csv._read_companions(
        shared_data / "ofac_sdn_csv" / "2021-07-07-sdn.csv.gz", "sdn.csv", problems
    )  # type: ignore[arg-type]
    assert [p.name for p in used] == [
        "2021-07-07-alt.csv.gz",
        "2021-07-07-add.csv.gz",
        "2021-07-07-sdn_comments.csv",
    ]
    # alt.csv: 11,910 aliases for 4,139 ent_nums; add.csv: 13,837 addresses for 8,976 ent_nums
    assert (len(companions.names), sum(map(len, companions.names.values()))) == (4139, 11910)
    assert (len(companions.addresses), sum(map(len, companions.addresses.values()))) == (8976, 13837)
    assert len(companions.comments) == 5 and not problems
    assert all(companions.names[r][0] in e.names for r, e in entries.items() if r in companions.names)
    # sdn_comments.csv continues 12300's truncated Remarks mid-word ("PROMO RAI" + "Z S.A.S.")
    assert "Linked To: PROMO RAIZ S.A.S.;" in (entries["12300"].remarks or "")
    assert PartialDate(1965, 5, 13) in entries["12300"].birth_dates
    assert Name("BNC", "weak_alias") in entries["306"].names


def test_real_day_to_day_changes(shared_data: Path) -> None:
    refs = {
        d: {e.ref for e in parse(shared_data / "ofac_sdn_csv" / f"{d}-sdn.csv.gz").entries}
        for d in ("2024-05-01", "2024-05-02", "2024-05-03")
    }
    added = refs["2024-05-02"] - refs["2024-05-01"]
    assert len(added) == 7 and all(48321 <= int(r) <= 48330 for r in added)
    assert refs["2024-05-01"] <= refs["2024-05-02"]
    removed = refs["2024-05-02"] - refs["2024-05-03"]
    assert len(removed) == 8 and all(38556 <= int(r) <= 38566 for r in removed)


def test_real_birth_dates_are_read(shared_data: Path) -> None:
    version = parse(shared_data / "ofac_sdn_csv" / "2024-05-01-sdn.csv.gz")
    people = [e for e in version.entries if e.schema == "Person"]
    with_dob = [e for e in people if e.birth_dates]
    assert len(with_dob) / len(people) > 0.9
    unread = [e for e in people if "birth_date_text" in dict(e.properties)]
    assert len(unread) < 10


def test_real_consolidated_csv(shared_data: Path) -> None:
    version = parse(shared_data / "ofac_consolidated_non_sdn" / "2025-12-19-cons_prim.csv")
    schemas = [e.schema for e in version.entries]
    assert (len(schemas), schemas.count("Person"), schemas.count("Organization")) == (442, 79, 363)
    assert version.list_id == "us_ofac_cons"
    assert sum(len(e.names) - 1 for e in version.entries) >= 1073


def test_real_sdn_parse_has_no_pathological_slowdown(shared_data: Path) -> None:
    """A guard against an accidental quadratic step, not a benchmark (bench/ingest.py measures: about
    0.35 s). The bound is loose because CI shares the machine."""
    path = shared_data / "ofac_sdn_csv" / "2024-05-01-sdn.csv.gz"
    data = read_bytes(path)
    start = time.perf_counter()
    ofac_csv.parse(path, data, ParseOptions())
    assert time.perf_counter() - start < 10.0


def test_format_notes_what_missing_companions_would_have_given(tmp_path: Path) -> None:
    """A main file read alone holds no aliases, addresses or countries: its format says so, so that the
    next version with its companions is not taken for mass amendments (nor the reverse)."""
    assert parse(FIXTURES / "2024-01-02-sdn.csv").source.format == "ofac_csv"  # alt, add, comments beside it
    shutil.copy(FIXTURES / "2024-01-02-sdn.csv", tmp_path / "2024-01-02-sdn.csv")
    alone = parse(tmp_path / "2024-01-02-sdn.csv").source.format
    assert alone == "ofac_csv;without=names:alias,names:weak_alias,addresses,countries"
    cons = parse(FIXTURES / "2024-02-01-cons_prim.csv").source.format
    assert cons == "ofac_csv;without=addresses,countries"  # cons_alt.csv only

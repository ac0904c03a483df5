"""Group 5 of issue 18, smaller holes: security headers on every response, names that cannot break
out of the entity page's chart script, CSV downloads a spreadsheet will not run, LIKE wildcards taken
literally, and an over-long entity answered as bad input (400), not a database error (503)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from entry_point import Run
from fastapi.testclient import TestClient
from un_files import un_xml

from listwatch.api.app import create_app
from listwatch.ingest import ingest_file
from listwatch.settings import Settings
from listwatch.store import open_store

# A name as a hostile list (or a hostile upload) could carry it, XML-escaped for the UN file.
HOSTILE = "</script><!--<script>alert(1)//"
FORMULA = '=HYPERLINK("http://evil.example/","x")'


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("web")
    text = un_xml("2024-01-10").replace(
        "<FIRST_NAME>PERSON 001</FIRST_NAME>",
        "<FIRST_NAME>" + HOSTILE.replace("<", "&lt;").replace(">", "&gt;") + "</FIRST_NAME>",
    )
    path = folder / "2024-01-10-consolidated.xml"
    path.write_text(text, encoding="utf-8")
    url = f"sqlite:///{folder / 'web.db'}"
    store = open_store(url)
    ingest_file(store, path)
    store.close()
    app = create_app(Settings(db_url=url, max_body_bytes=2000), warm=False)
    with TestClient(app) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("GET", "/ui/entity/TAi.001"),
        ("GET", "/ui/entity/nobody-at-all"),  # a 404 page
        ("GET", "/status?entity=TAi.001"),
        ("GET", "/status"),  # a 422
        ("GET", "/openapi.json"),
        ("GET", "/static/app.css"),
        ("POST", "/match/default"),  # a 413: the body is over the limit of 2,000 bytes
    ],
)
def test_every_response_has_nosniff_and_frame_protection(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path, content=b"{" + b" " * 5000 + b"}" if method == "POST" else None)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    if method == "POST":
        assert response.status_code == 413


def test_names_in_the_chart_script_cannot_close_it(client: TestClient) -> None:
    page = client.get("/ui/entity/TAi.001")
    assert page.status_code == 200
    found = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', page.text, re.S)
    assert found is not None
    embedded = found.group(1)
    assert "<" not in embedded and ">" not in embedded  # no </script>, no <!--
    names = [row["name"] for row in json.loads(embedded)["rows"]]
    assert any(HOSTILE in (name or "") for name in names)  # read back as written
    assert "<script>alert" not in page.text.replace(embedded, "")  # escaped in the HTML too


def test_csv_download_neutralises_formulas(client: TestClient) -> None:
    names = "\n".join([FORMULA, "+1+1", "-2+3", "@SUM(A1)", "Person 002 Example"])
    response = client.post("/ui/screen", data={"names": names, "download": "1", "threshold": "0.1"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    queries = {row["query"] for row in rows}
    assert {"'" + FORMULA, "'+1+1", "'-2+3", "'@SUM(A1)", "Person 002 Example"} <= queries
    cells = [value for row in rows for value in row.values() if value]
    assert not [c for c in cells if c[0] in "=+-@"]


@pytest.mark.parametrize("text", ["_", "%", "__", "%%"])
def test_like_wildcards_are_letters(client: TestClient, text: str) -> None:
    response = client.get("/status", params={"entity": text})
    assert response.status_code == 404, response.text[:300]  # no entity has "_" or "%" in a name


def test_name_lookup_still_finds_words(client: TestClient) -> None:
    response = client.get("/status", params={"entity": "person 002"})
    assert response.status_code == 200
    assert [r["ref"] for r in response.json()["results"]] == ["TAi.002"]


@pytest.mark.parametrize("path", ["/status?entity={}", "/matrix?entity={}", "/entities/{}", "/ui/entity/{}"])
def test_a_very_long_entity_is_bad_input_not_a_database_error(client: TestClient, path: str) -> None:
    response = client.get(path.format("a%20" * 3000))
    assert response.status_code == 400, response.text[:300]
    assert "too long" in response.text and "SELECT" not in response.text


def test_a_long_search_runs_on_its_longest_words(client: TestClient) -> None:
    q = " ".join([*"abcdefghijklmnopqrstuvwxyz" * 9, "person"])  # 475 characters: /search allows 500
    response = client.get("/search/default", params={"q": q})
    assert response.status_code == 200, response.text[:300]


def test_lists_does_not_create_a_missing_store(tmp_path: Path, lw: Callable[..., Run]) -> None:
    missing = tmp_path / "typo.db"
    result = lw("lists", "--db", f"sqlite:///{missing}")
    assert result.code == 2 and "no listwatch store at" in result.stderr
    assert not missing.exists()


def test_an_underscore_is_no_search_for_curated_references(tmp_path: Path) -> None:
    """Curated references (al_qaeda) hold underscores: "_" alone must not find every one of them."""
    import listwatch

    store = open_store(f"sqlite:///{tmp_path / 'curated.db'}")
    folder = Path(listwatch.__file__).parent / "curated" / "kz_terrorist_organizations"
    ingest_file(store, sorted(folder.glob("20*.yaml"))[-1])
    reader = store.reader()
    assert reader.search_names("_") == [] and reader.search_names("__ %") == []
    assert [r.ref_key for r in reader.search_names("al_qaeda")] == ["al_qaeda"]
    store.close()

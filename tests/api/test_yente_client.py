"""``yente-client`` (PyPI, OpenSanctions' SDK for yente) pointed at ``listwatch serve``'s app on a real
port: its own models parse every answer, and its calls mean what they mean against yente."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from listwatch.api.app import create_app
from listwatch.ingest import ingest_file
from listwatch.matching import ALGORITHM
from listwatch.settings import Settings
from listwatch.store import open_store

yente_client = pytest.importorskip("yente_client")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "un_sc"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on uvicorn on a free local port, over the two UN fixture versions."""
    folder = tmp_path_factory.mktemp("yente_client")
    url = f"sqlite:///{folder / 'db.sqlite'}"
    store = open_store(url)
    for name in ("v1.xml", "v2_other_generator.xml"):
        ingest_file(store, FIXTURES / name)
    app = create_app(Settings(db_url=url, index_cache=folder / "idx"), store, warm=False)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture
def yc(base_url: str) -> Iterator[yente_client.Client]:
    with yente_client.Client(base_url=base_url) as sdk:
        yield sdk


def test_probes_algorithms_and_datasets(yc: yente_client.Client) -> None:
    assert yc.healthz().status == "ok" and yc.readyz().status == "ok"
    algorithms = yc.algorithms()
    assert algorithms.best == algorithms.default == ALGORITHM
    assert "logic-v1" in [a.name for a in algorithms.algorithms]
    datasets = yc.datasets()
    held = {d.name: d for d in datasets.datasets}
    assert held["un_sc_sanctions"].load and held["un_sc_sanctions"].index_current
    assert datasets.current == ["un_sc_sanctions"] and not datasets.index_stale


def test_match_with_the_sdk_entities_and_filters(yc: yente_client.Client) -> None:
    person = yente_client.Person(name=["Abdul Ghani Baradar"], birthDate=["1968"], nationality=["af"])
    answer = yc.match(person, algorithm="best")
    top = answer.top
    assert top is not None and top.id == "un_sc_sanctions:tai.024" and top.match
    assert "TAi.024" in top.referents and top.first_seen is not None
    assert top.explanations["name_align"].score == pytest.approx(1.0, abs=0.05)
    assert answer.total.value == len(answer.matches)
    assert answer.query["properties"]["nationality"] == ["af"]
    assert top.id not in [r.id for r in yc.match(person, exclude_entities=["TAi.024"]).results]
    assert yc.match(person, topics=["crime.cyber"]).results == []
    assert yc.match(person, exclude_datasets=["un_sc_sanctions"]).results == []
    bare = yc.match(yente_client.Person(name=["Abdul Ghani Baradar"]), threshold=0.99, cutoff=0.5)
    assert bare.results and not bare.matches and bare.total.value == 0


def test_errors_come_back_as_the_sdk_errors(yc: yente_client.Client) -> None:
    person = yente_client.Person(name=["Abdul Ghani Baradar"])
    with pytest.raises(yente_client.BadRequestError, match="Invalid algorithm: neural-net"):
        yc.match(person, algorithm="neural-net")
    with pytest.raises(yente_client.BadRequestError, match="nm_number_mismatch"):
        yc.match(person, config={"nm_number_mismatch": 0.4})
    with pytest.raises(yente_client.NotFoundError):
        yc.fetch("no-such-entity-anywhere")


def test_search_and_fetch(yc: yente_client.Client) -> None:
    found = yc.search("Baradar", limit=3)
    assert found.results and found.results[0].id == "un_sc_sanctions:tai.024"
    assert {"countries", "topics", "datasets"} <= set(found.facets)
    page = yc.search("", limit=1, offset=1)
    assert page.offset == 1 and len(page.results) == 1 and page.total.value > 1
    # a referent (the list's own reference) is followed through the 308 to the designation
    entity = yc.fetch("TAi.024")
    assert entity.id == "un_sc_sanctions:tai.024" and entity.schema_ == "Person"
    sanctions = entity.properties["sanctions"]
    assert isinstance(sanctions[0], yente_client.Entity) and sanctions[0].schema_ == "Sanction"
    flat = yc.fetch("un_sc_sanctions:tai.024", nested=False)
    assert flat.properties["sanctions"] == ["un_sc_sanctions:tai.024-sanction"]

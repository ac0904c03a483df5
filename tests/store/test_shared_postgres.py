"""PostgreSQL as the shared store of several processes: two `listwatch serve` and two concurrent
`listwatch update` runs on one fresh schema. Every answer either server gives while the updates run is
the record after some whole number of versions (never a version's rows without its events, or part of
its events), and the two updates together leave each version and event once: exactly what one update
alone leaves in a SQLite store. Real processes, real HTTP, real files."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from listwatch.history.views import changes_between, list_summaries
from listwatch.ingest import ingest_file
from listwatch.store import Store, open_store

LIST = "un_sc_sanctions"
CHANGES = f"/changes?list={LIST}&from=1900-01-01&to=2100-01-01"
LISTWATCH = [sys.executable, "-c", "from listwatch.cli.main import main; main()"]

pytestmark = pytest.mark.skipif(
    not os.environ.get("LISTWATCH_TEST_POSTGRES"),
    reason="PostgreSQL not tested: set LISTWATCH_TEST_POSTGRES=postgresql://postgres@127.0.0.1:5432/test",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(base: str, path: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, None


def _state(changes: Any, lists: Any) -> tuple[Any, ...]:
    """What a reader sees of the list: its events, and its version count, last date and entries."""
    events = tuple(sorted(json.dumps(e, sort_keys=True) for e in changes["events"])) if changes else ()
    mine = [item for item in lists["lists"] if item["list"] == LIST] if lists else []
    summary = (mine[0]["versions"], mine[0]["last"], mine[0]["entries"]) if mine else None
    return events, summary


def _reference(files: list[Path], tmp_path: Path) -> list[tuple[Any, ...]]:
    """The state after each whole version, ingested one by one into a SQLite store by itself."""
    store = open_store(f"sqlite:///{tmp_path / 'reference.db'}")
    states = [_state(None, None)]
    for path in files:
        ingest_file(store, path)
        reader = store.reader()
        _events, changes = changes_between(reader, LIST, _day("1900-01-01"), _day("2100-01-01"))
        states.append(_state(changes, {"lists": list_summaries(reader)}))
    store.close()
    return states


def _day(text: str) -> Any:
    from datetime import date

    return date.fromisoformat(text)


@pytest.fixture()
def shared_url() -> Iterator[str]:
    from listwatch.store.postgres import PostgresStore

    schema = f"lw_test_{uuid.uuid4().hex[:12]}"
    url = f"{os.environ['LISTWATCH_TEST_POSTGRES']}?schema={schema}"
    yield url
    PostgresStore(os.environ["LISTWATCH_TEST_POSTGRES"], schema=schema).drop_schema()


def _serve(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*LISTWATCH, "serve", "--port", str(port), "--db", url],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def _wait_ready(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, f"listwatch serve exited: {log.read_text()}"
        try:
            if _get(base, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{base} not ready after 120 s: {log.read_text()}")


def _count(store: Store, sql: str) -> int:
    with store.connection() as conn:
        return int(store.execute(conn, sql).fetchone()[0])


def test_two_servers_and_concurrent_updates_share_one_postgres(
    shared_url: str, shared_data: Path, tmp_path: Path
) -> None:
    files = sorted((shared_data / "un_sc_consolidated").glob("*.xml.gz"))
    assert len(files) >= 5
    folder = tmp_path / "sources"
    folder.mkdir()
    for path in files:  # the real files, linked in place (never copied into the project)
        (folder / path.name).symlink_to(path)
    reference = _reference(files, tmp_path)

    # Both servers open the new, empty schema at the same moment.
    ports = [_free_port(), _free_port()]
    logs = [tmp_path / f"serve-{p}.log" for p in ports]
    servers = [_serve(shared_url, port, log) for port, log in zip(ports, logs, strict=True)]
    bases = [f"http://127.0.0.1:{p}" for p in ports]
    try:
        for base, server, log in zip(bases, servers, logs, strict=True):
            _wait_ready(base, server, log)
        seen: dict[str, list[tuple[Any, ...]]] = {base: [] for base in bases}
        errors: list[str] = []
        done = threading.Event()

        def poll(base: str) -> None:
            while not done.is_set():
                # The versions first, then the events: a version seen must have its events next.
                lists_status, lists = _get(base, "/lists")
                if lists_status != 200:
                    errors.append(f"{base}/lists: HTTP {lists_status}")
                status, changes = _get(base, CHANGES)
                if status not in (200, 404):  # 404: no version of the list held yet
                    errors.append(f"{base}{CHANGES}: HTTP {status}")
                events, _summary = _state(changes, None)
                _none, summary = _state(None, lists)
                seen[base].append((events, summary))

        readers = [threading.Thread(target=poll, args=(base,)) for base in bases]
        for reader in readers:
            reader.start()
        command = [*LISTWATCH, "update", "--offline", "--sources", str(folder), "--db", shared_url]
        updates = [
            subprocess.Popen([*command, "--report", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)
        ]
        outputs = [u.communicate(timeout=600) for u in updates]
        time.sleep(0.5)  # a last round of reads after both have finished
        done.set()
        for reader in readers:
            reader.join(timeout=120)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)

    for update, (_out, err) in zip(updates, outputs, strict=True):
        assert update.returncode == 0, err.decode()
    assert not errors, errors[:5]

    # Every answer is the record after a whole number of versions, and no server goes back in time.
    events_of = [state[0] for state in reference]
    summary_of = [state[1] for state in reference]
    observed: set[int] = set()
    for base, states in seen.items():
        assert len(states) >= 5, f"{base}: only {len(states)} reads during the updates"
        steps = []
        for events, summary in states:
            assert events in events_of, f"{base}: events of part of a version ({len(events)} events)"
            assert summary in summary_of, f"{base}: /lists shows {summary}, no whole-version state"
            # A version may bring no event (the UN list of 2020-11-30): its events match several states.
            step = max(i for i, known in enumerate(events_of) if known == events)
            versions = summary_of.index(summary)
            assert step >= versions, f"{base}: version {versions} was held before its events were"
            steps.append(versions)
        assert steps == sorted(steps), f"{base}: a later read saw fewer versions: {steps}"
        assert steps[-1] == len(files), f"{base}: the last read did not see every version"
        observed |= set(steps)
    # The reads happened while versions were landing, not only before and after.
    print(f"states observed: {sorted(observed)} of 0..{len(files)}")
    assert len(observed - {0, len(files)}) >= 2, sorted(observed)

    # The two updates together: each version and each event once, as one update alone leaves them.
    shared = open_store(shared_url)
    single = open_store(f"sqlite:///{tmp_path / 'reference.db'}")
    # (The updates also ingest the curated national lists shipped with listwatch: counted apart.)
    mine = f"(SELECT id FROM list_version WHERE list_id = '{LIST}')"
    for sql in (
        f"SELECT count(*) FROM list_version WHERE list_id = '{LIST}'",
        f"SELECT count(*) FROM version_entry WHERE version_id IN {mine}",
        f"SELECT count(*) FROM entity WHERE list_id = '{LIST}'",
        f"SELECT count(*) FROM event WHERE list_id = '{LIST}'",
        f"SELECT count(*) FROM event_retraction WHERE by_version_id IN {mine}",
    ):
        assert _count(shared, sql) == _count(single, sql), sql
    duplicated = (  # an event in force twice for one version
        "SELECT count(*) FROM (SELECT version_id, event_key FROM event WHERE id NOT IN "
        "(SELECT event_id FROM event_retraction) GROUP BY version_id, event_key HAVING count(*) > 1) d"
    )
    assert _count(shared, duplicated) == 0
    ingested = [f["status"] for out, _err in outputs for f in json.loads(out)["files"] if f["list"] == LIST]
    assert ingested.count("ingested") == len(files), ingested
    shared.close()
    single.close()

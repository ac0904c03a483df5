"""Group 4 of issue 18, no tracebacks: damaged and read-only stores, an output folder that is missing,
read-only or full, Ctrl-C, a FIFO as input and a port out of range each end in one line on stderr and
an exit code (2 for the user's input, 130 for Ctrl-C), with nothing half-written left behind."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from entry_point import Run
from un_files import write_un

from listwatch.ingest import ingest_file
from listwatch.store import open_store

Lw = Callable[..., Run]
READING = [["status", "TAi.001"], ["lists"], ["timeline", "TAi.001"], ["versions"]]


@pytest.fixture(scope="module")
def store_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("store")
    store = open_store(f"sqlite:///{folder / 'good.db'}")
    ingest_file(store, write_un(folder, "2024-01-10"))
    ingest_file(store, write_un(folder, "2024-02-10", individuals=29))
    store.close()
    return (folder / "good.db").read_bytes()


@pytest.fixture(scope="module")
def real_store_bytes(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> bytes:
    """A store of the real UN list (2.5 MB): its schema and rows span many pages, as a user's do."""
    folder = tmp_path_factory.mktemp("real")
    store = open_store(f"sqlite:///{folder / 'real.db'}")
    ingest_file(store, shared_data / "un_sc_consolidated" / "2024-09-26-consolidated.xml.gz")
    store.close()
    return (folder / "real.db").read_bytes()


def _garbage(data: bytes, seed: int, start: int, length: int) -> bytes:
    rng = random.Random(seed)
    out = bytearray(data)
    for i in range(start, min(start + length, len(out))):
        out[i] = rng.randrange(256)
    return bytes(out)


def _scattered(data: bytes, seed: int, count: int) -> bytes:
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(count):
        out[rng.randrange(4096, len(out))] = rng.randrange(256)
    return bytes(out)


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "scattered bytes": lambda d: _scattered(d, 0, 2000),
    "scattered bytes 2": lambda d: _scattered(d, 1, 200),
    "truncated to half": lambda d: d[: len(d) // 2],
    "truncated inside the header": lambda d: d[:60],
    "garbled header": lambda d: _garbage(d, 1, 16, 84),
    "garbled schema page": lambda d: _garbage(d, 2, 100, 3000),
    "zeroed pages": lambda d: d[:8192] + bytes(len(d) - 8192),
    "garbage pages": lambda d: _garbage(d, 3, 4096, len(d)),
    "empty file": lambda d: b"",
    "not a database": lambda d: b"id,name\n1,Someone\n" * 100,
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
def test_a_damaged_store_is_one_clear_error(
    tmp_path: Path, store_bytes: bytes, lw: Lw, damage: str, command: list[str]
) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(DAMAGE[damage](store_bytes))
    before = path.read_bytes()
    result = lw(*command, "--db", str(path))
    assert "Traceback" not in result.stderr
    assert result.code == 2, result.stderr
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) <= 3
    if damage == "empty file":  # SQLite takes it for an empty database: not filled in, not "not listed"
        assert "is an empty database, not a listwatch store" in result.stderr
    assert path.read_bytes() == before  # a reading command wrote nothing


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("command", READING[:2], ids=lambda c: c[0])
def test_a_real_store_with_scattered_damage(
    tmp_path: Path, real_store_bytes: bytes, lw: Lw, seed: int, command: list[str]
) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(_scattered(real_store_bytes, seed, 2000))
    result = lw(*command, "--db", str(path))
    assert "Traceback" not in result.stderr
    assert result.code == 2 and result.stderr.startswith("error: "), result.stderr


def test_screen_on_a_damaged_store_is_one_clear_error(
    tmp_path: Path, store_bytes: bytes, lw: Lw, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LISTWATCH_INDEX_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "damaged.db"
    path.write_bytes(DAMAGE["garbage pages"](store_bytes))
    names = tmp_path / "names.csv"
    names.write_text("id,name\n1,Person 001 Example\n", encoding="utf-8")
    result = lw("screen", str(names), "-o", str(tmp_path / "hits.csv"), "--db", str(path), "--workers", "1")
    assert result.code == 2 and result.stderr.startswith("error: "), result.stderr
    left = {p.name for p in tmp_path.iterdir()} - {"damaged.db-wal", "damaged.db-shm"}  # SQLite's own
    assert sorted(left) == ["damaged.db", "names.csv"]


# -- a store the user may only read --------------------------------------------------------------


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user can reach (pytest's tmp_path is private to this one)."""
    folder = Path(tempfile.mkdtemp(prefix="lw-readonly-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(folder)


def _as_reader(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run listwatch as a user without write access: as root, that is ``nobody`` (root may write
    anything); otherwise this user, with the folders made read-only."""
    command = [sys.executable, "-m", "listwatch", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot drop write access")
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)


def test_reading_commands_need_no_write_access(shared_folder: Path, store_bytes: bytes) -> None:
    (shared_folder / "store").mkdir()
    db = shared_folder / "store" / "lists.db"
    db.write_bytes(store_bytes)
    names = shared_folder / "names.csv"
    names.write_text("id,name\n1,Person 001 Example\n", encoding="utf-8")
    out = shared_folder / "out"
    out.mkdir()
    out.chmod(0o777)
    cache = shared_folder / "cache"
    cache.mkdir()
    env = {**os.environ, "HOME": str(shared_folder), "LISTWATCH_INDEX_CACHE": str(cache)}
    db.chmod(0o444)
    for folder in (shared_folder / "store", cache):
        folder.chmod(0o555)
    status = _as_reader(["status", "TAi.001", "--db", str(db), "--format", "json"], env)
    assert status.returncode == 0, status.stderr
    assert '"listed"' in status.stdout
    screen = _as_reader(
        ["screen", str(names), "-o", str(out / "hits.csv"), "--db", str(db), "--workers", "1"], env
    )
    assert screen.returncode == 0, screen.stderr  # the cache it may not write is skipped
    assert "TAi.001" in (out / "hits.csv").read_text(encoding="utf-8")
    assert sorted(p.name for p in (shared_folder / "store").iterdir()) == ["lists.db"]
    assert db.read_bytes() == store_bytes
    written = _as_reader(["ingest", str(names), "--db", str(db)], env)
    assert written.returncode == 2 and "Traceback" not in written.stderr


def test_screen_into_a_read_only_folder(shared_folder: Path, store_bytes: bytes) -> None:
    db = shared_folder / "lists.db"
    db.write_bytes(store_bytes)
    names = shared_folder / "names.csv"
    names.write_text("id,name\n1,Person 001 Example\n", encoding="utf-8")
    locked = shared_folder / "locked"
    locked.mkdir()
    env = {**os.environ, "HOME": str(shared_folder), "LISTWATCH_INDEX_CACHE": str(shared_folder / "c")}
    (shared_folder / "c").mkdir(mode=0o777)
    (shared_folder / "c").chmod(0o777)
    locked.chmod(0o555)
    result = _as_reader(["screen", str(names), "-o", str(locked / "hits.csv"), "--db", str(db)], env)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "not writable" in result.stderr
    assert list(locked.iterdir()) == []


# -- screen output ---------------------------------------------------------------------------------


@pytest.fixture
def held(tmp_path: Path, store_bytes: bytes, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LISTWATCH_INDEX_CACHE", str(tmp_path / "cache"))
    (tmp_path / "run").mkdir()
    db = tmp_path / "run" / "lists.db"
    db.write_bytes(store_bytes)
    (tmp_path / "run" / "names.csv").write_text(
        "id,name\n" + "".join(f"{i},Person {i % 40:03d} Example\n" for i in range(3000)), encoding="utf-8"
    )
    return db


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in ("lists.db", "names.csv", "cache"))


def test_screen_into_a_missing_folder(held: Path, lw: Lw) -> None:
    run = held.parent
    result = lw("screen", str(run / "names.csv"), "-o", str(run / "nowhere" / "hits.csv"), "--db", str(held))
    assert result.code == 2 and "the output folder" in result.stderr and "does not exist" in result.stderr
    assert _left(run) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to stand for a full disk")
@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_screen_onto_a_full_disk_leaves_nothing(held: Path, lw: Lw, suffix: str) -> None:
    run = held.parent
    out = run / f"hits{suffix}"
    # Every write to the partial file fails as on a full disk (ENOSPC), as /dev/full makes them.
    (run / f"hits{suffix}.partial").symlink_to("/dev/full")
    result = lw("screen", str(run / "names.csv"), "-o", str(out), "--db", str(held), "--workers", "1")
    assert result.code == 2, result.stderr
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert _left(run) == []  # no hits file, no .partial, no .meta.json


def test_ctrl_c_while_screening_leaves_nothing(held: Path, lw: Lw, monkeypatch: pytest.MonkeyPatch) -> None:
    from listwatch.cli import screen

    real = screen._screen_chunk
    calls = []

    def interrupted(job: tuple[int, list[dict[str, object]]]) -> object:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(job)  # type: ignore[arg-type]

    monkeypatch.setattr(screen, "_screen_chunk", interrupted)
    run = held.parent
    result = lw(
        "screen", str(run / "names.csv"), "-o", str(run / "hits.csv"), "--db", str(held), "--workers", "1"
    )
    assert result.code == 130 and "interrupted" in result.stderr and "Traceback" not in result.stderr
    assert _left(run) == []


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_with_worker_processes(held: Path) -> None:
    """A real SIGINT to the process group, as a terminal sends it: the workers stay quiet, the parent
    says so once and exits 130, and the partial output is gone."""
    run = held.parent
    (run / "names.csv").write_text(
        "id,name\n" + "".join(f"{i},Person {i % 40:03d} Example {i}\n" for i in range(200_000)),
        encoding="utf-8",
    )
    command = [
        sys.executable,
        "-m",
        "listwatch",
        "screen",
        str(run / "names.csv"),
        "-o",
        str(run / "hits.csv"),
    ]
    proc = subprocess.Popen(
        [*command, "--db", str(held), "--workers", "2"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
        # A shell without job control starts background jobs with SIGINT ignored, and Python keeps an
        # ignored SIGINT: give the child the terminal's default, as an interactive user's would have.
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 60
    while not (run / "hits.csv.partial").exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "interrupted" in err
    assert _left(run) == []


def test_ctrl_c_during_ingest_writes_nothing(tmp_path: Path, lw: Lw, monkeypatch: pytest.MonkeyPatch) -> None:
    from listwatch.store.writer import Writer

    db = tmp_path / "lists.db"
    assert lw("ingest", str(write_un(tmp_path, "2024-01-10")), "--db", str(db)).code == 0
    before = lw("versions", "--db", str(db), "--format", "json").stdout
    real = Writer.add_events

    def interrupted(self: Writer, *args: object, **kwargs: object) -> object:
        real(self, *args, **kwargs)  # type: ignore[arg-type]
        raise KeyboardInterrupt  # after the version and its events were written, before the commit

    monkeypatch.setattr(Writer, "add_events", interrupted)
    result = lw("ingest", str(write_un(tmp_path, "2024-02-10", individuals=29)), "--db", str(db))
    assert result.code == 130 and "interrupted" in result.stderr
    monkeypatch.undo()
    assert lw("versions", "--db", str(db), "--format", "json").stdout == before


# -- odd inputs --------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_input(held: Path) -> None:
    run = held.parent
    fifo = run / "names-fifo.csv"
    os.mkfifo(fifo)
    rows = "id,name\n1,Person 001 Example\n2,Nobody Atall\n"

    def feed() -> None:
        with fifo.open("w", encoding="utf-8") as handle:
            handle.write(rows)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    command = [sys.executable, "-m", "listwatch", "screen", str(fifo), "-o", str(run / "hits.csv")]
    result = subprocess.run(
        [*command, "--db", str(held), "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=60,  # the FIFO was read twice (a count, then the rows): the second read waited forever
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "TAi.001" in (run / "hits.csv").read_text(encoding="utf-8")
    assert "2 names screened" in result.stderr


def test_a_folder_as_input(held: Path, lw: Lw) -> None:
    run = held.parent
    result = lw("screen", str(run), "-o", str(run / "hits.csv"), "--db", str(held))
    assert result.code == 2 and "is a folder" in result.stderr


@pytest.mark.parametrize("port", ["99999", "-1", "0"])
def test_serve_on_a_port_out_of_range(lw: Lw, tmp_path: Path, port: str) -> None:
    result = lw("serve", "--port", port, "--db", str(tmp_path / "x.db"))
    assert result.code == 2 and "--port" in result.stderr and "Traceback" not in result.stderr


def test_a_very_long_entity_on_the_command_line(held: Path, lw: Lw) -> None:
    result = lw("status", "a " * 5000, "--db", str(held))
    assert result.code == 2 and "too long" in result.stderr

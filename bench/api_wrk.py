"""``POST /match`` under wrk (C, not the Python client that saturates first), cold start to ``/readyz``,
and the server's CPU per request.

    apt-get install -y wrk        # Debian's wrk 4.1
    .venv/bin/python bench/api_wrk.py [--rate 200] [--seconds 30] [--workers 1] [--connections 40]

The store is bench/api_load.py's (the screening lists: UN, OFAC SDN, EU, Rosfinmonitoring). The server
is ``listwatch serve --workers N`` in its own process group. Cold start is the time from starting the
process to ``/readyz`` answering 200 on ten fresh connections in a row (so with several workers, more
than one is ready); it is measured twice: without the persisted name index (a new index cache
folder) and with it (the normal restart). Then wrk runs for ``--seconds`` with a Lua script that
cycles single-query bodies over listed names (Latin, Cyrillic, Arabic) and innocent ones, each
connection pausing so that connections / mean pause is the asked rate (the pause 3% shorter, for the
answer's own time; each pause drawn from 0.5 to 1.5 times the mean, so the connections are staggered).
wrk's own figures (requests/s, latency percentiles, errors) are printed as it gives them. Its latency
is from send to answer on each connection, not from a schedule, so the achieved rate is printed
beside the asked one. Server CPU (user + system of the server and its workers, from /proc) is divided
by the requests served.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_load import NAMES, OUT, build_store, free_port

TICKS = os.sysconf("SC_CLK_TCK")


def lua_script(pause_ms: float) -> str:
    bodies = [
        json.dumps(
            {"queries": {"q": {"schema": "Thing", "properties": {"name": [name]}}}}, ensure_ascii=False
        )
        for name in NAMES
    ]
    items = ",\n".join(f"  [[{b}]]" for b in bodies)
    return f"""
local bodies = {{
{items}
}}
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
function request()
  n = n + 1
  return wrk.format(nil, "/match/default", nil, bodies[(n % #bodies) + 1])
end
-- Staggered: each pause drawn from 0.5 to 1.5 times the mean, so the connections do not fire
-- together (a fixed pause keeps them in step, and every tick lands 40 requests at once).
local seeded = false
function delay()
  if not seeded then
    math.randomseed(os.time() + tonumber(tostring({{}}):sub(8), 16))
    seeded = true
  end
  return {pause_ms:.1f} * (0.5 + math.random())
end
"""


def cpu_seconds(pid: int) -> float:
    """User + system CPU of ``pid`` and its children that are still running (uvicorn's workers)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:  # fields[1]: the parent pid
            total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


def start(url: str, index_cache: Path, workers: int) -> tuple[subprocess.Popen[bytes], str, float]:
    port = free_port()
    env = {**os.environ, "LISTWATCH_DB": url, "LISTWATCH_INDEX_CACHE": str(index_cache)}
    listwatch = Path(sys.executable).with_name("listwatch")
    started = time.perf_counter()
    server = subprocess.Popen(
        [str(listwatch), "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    in_a_row = 0
    while in_a_row < 10:
        if time.perf_counter() - started > 300:
            raise SystemExit("server not ready in 300 s")
        try:
            with httpx.Client(timeout=2) as fresh:  # a new connection each time
                ok = fresh.get(f"{base}/readyz").status_code == 200
        except httpx.HTTPError:
            ok = False
        in_a_row = in_a_row + 1 if ok else 0
        if not ok:
            time.sleep(0.02)
    return server, base, time.perf_counter() - started


def stop(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=20)


def wrk(base: str, seconds: float, connections: int, pause_ms: float, script_dir: Path) -> str:
    script = script_dir / "match.lua"
    script.write_text(lua_script(pause_ms), encoding="utf-8")
    threads = min(2, connections)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds:.0f}s", "--latency", "-s"]
    done = subprocess.run([*command, str(script), base], capture_output=True, text=True, check=True)
    return done.stdout


def figure(pattern: str, text: str, default: float = 0.0) -> float:
    found = re.search(pattern, text)
    return float(found.group(1)) if found else default


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--connections", type=int, default=40)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install -y wrk")
    url = build_store()
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server, base, cold = start(url, folder / "index", args.workers)
        stop(server)
        server, base, warm = start(url, folder / "index", args.workers)
        print(
            f"cold start to /readyz ({args.workers} worker(s)): {cold:.2f} s without a persisted index, "
            f"{warm:.2f} s with it"
        )
        try:
            # Each connection sends, waits for the answer, pauses: a 3% shorter pause than
            # connections / rate leaves room for answers of up to ~6 ms at 200/s on 40 connections.
            pause = args.connections * 1000 / args.rate * 0.97
            wrk(base, 5, args.connections, pause, folder)  # warm-up, not counted
            before = cpu_seconds(server.pid)
            output = wrk(base, args.seconds, args.connections, pause, folder)
            cpu = cpu_seconds(server.pid) - before
        finally:
            stop(server)
    requests = figure(r"(\d+) requests in", output)
    rate = figure(r"Requests/sec:\s+([\d.]+)", output)
    errors = figure(r"Non-2xx or 3xx responses: (\d+)", output) + sum(
        float(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)
    )
    print(
        f"POST /match/default, 1 query per request, asked {args.rate:.0f} req/s for {args.seconds:.0f} s, "
        f"{args.workers} worker(s), wrk {args.connections} connections, pause {pause:.1f} ms"
    )
    print(output.strip())
    p99 = to_ms(re.search(r"99%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    print(
        f"achieved {rate:.1f} req/s, p99 {p99:.2f} ms, errors {errors:.0f}; server CPU {cpu:.2f} s for "
        f"{requests:.0f} requests = {cpu / max(requests, 1) * 1000:.2f} ms per request"
    )
    print(f"store: {url} (bench/out under {OUT})")


if __name__ == "__main__":
    main()

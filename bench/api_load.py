"""Load test of ``POST /match``: single-query requests at a fixed rate on loopback, against the lists
of the screening benchmark (``lists.SCREENING_FILES``: UN, OFAC SDN, EU, Rosfinmonitoring).

The store is built once under bench/out/ (ingested from ../shared/data), ``listwatch serve`` runs in
its own process (uvicorn, one worker), and an open-loop client sends requests on a fixed schedule,
whether or not earlier ones have answered, so a slow server shows as latency, not a lower rate.
Latency is measured from each request's scheduled time. Names cycle through list names, their
Cyrillic/Arabic spellings and innocent names.

Run: ``.venv/bin/python bench/api_load.py [--rate 200] [--seconds 30]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lists import DATA, SCREENING_FILES

from listwatch.ingest import ingest_many
from listwatch.store import open_store

OUT = Path(__file__).resolve().parent / "out"
NAMES = [
    "Abdul Ghani Baradar", "Барадар Абдул Гани", "Mohammad Hassan Akhund", "Sirajuddin Haqqani",
    "Ayman al-Zawahiri", "Айман аз-Завахири", "Haqqani Network", "Islamic State in Iraq and the Levant",
    "Al-Shabaab", "Hamas", "Viktor Bout", "Ramzan Kadyrov", "Bank Rossiya", "John Smith", "Maria Garcia",
    "Anna Ivanova", "Олег Петров", "محمد عمر", "Tehrik-e Taliban Pakistan", "Lashkar-e-Tayyiba",
]  # fmt: skip


def build_store() -> str:
    OUT.mkdir(exist_ok=True)
    path = OUT / "api_load.db"
    url = f"sqlite:///{path}"
    store = open_store(url)
    for file, outcome in ingest_many(store, [DATA / relative for relative, _module in SCREENING_FILES]):
        if isinstance(outcome, Exception):
            raise SystemExit(f"{file}: {outcome}")
    store.close()
    return url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def run(base: str, rate: float, seconds: float) -> tuple[list[float], int, dict[str, int]]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:

        async def one(number: int, scheduled: float) -> None:
            body = {
                "queries": {"q": {"schema": "Thing", "properties": {"name": [NAMES[number % len(NAMES)]]}}}
            }
            try:
                response = await client.post("/match/default", json=body)
                if response.status_code != 200:
                    errors[str(response.status_code)] = errors.get(str(response.status_code), 0) + 1
                    return
            except httpx.HTTPError as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                return
            latencies.append(time.perf_counter() - scheduled)

        total = int(rate * seconds)
        start = time.perf_counter() + 0.5
        tasks = []
        for number in range(total):
            scheduled = start + number / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(number, scheduled)))
        await asyncio.gather(*tasks)
    return latencies, total, errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    started = time.perf_counter()
    url = build_store()
    print(f"store ready in {time.perf_counter() - started:.1f} s: {url}")
    port = free_port()
    env = {**os.environ, "LISTWATCH_DB": url}
    listwatch = Path(sys.executable).with_name("listwatch")
    server = subprocess.Popen(
        [str(listwatch), "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit("server not ready in 300 s")
        print(f"server ready (index built) {time.perf_counter() - started:.1f} s after start")
        random.seed(1)
        asyncio.run(run(base, 20, 2))  # warm-up, not counted
        latencies, total, errors = asyncio.run(run(base, args.rate, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies.sort()
    ms = [v * 1000 for v in latencies]

    def pct(p: float) -> float:
        return ms[min(len(ms) - 1, int(p / 100 * len(ms)))]

    print(
        f"POST /match/default, 1 query per request, {args.rate:.0f} req/s for {args.seconds:.0f} s, loopback"
    )
    print(f"requests {total}, ok {len(ms)}, errors {sum(errors.values())} {errors or ''}")
    print(
        f"latency ms: p50 {pct(50):.2f}  p90 {pct(90):.2f}  p99 {pct(99):.2f}  max {ms[-1]:.2f}  "
        f"mean {statistics.fmean(ms):.2f}"
    )


if __name__ == "__main__":
    main()

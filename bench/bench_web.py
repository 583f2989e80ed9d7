"""Load on `onrecord serve`: search and actor pages under concurrent clients.

Builds (or reuses) a generated SQLite store of N statements (default 100,000;
``prepare`` from bench_store.py), starts `onrecord serve` on 127.0.0.1 (one
uvicorn worker; loopback only, nothing else is contacted), then runs C
concurrent clients (httpx AsyncClient, default 32) for T seconds (default 20),
each asking in a loop for a search page or an actor page. Prints requests/s,
p50/p95/p99 latency and errors. Target: p95 < 100 ms, zero errors at 32 clients.

    .venv/bin/python bench/bench_web.py [--statements 100000] [--clients 32] [--seconds 20]
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
import urllib.request
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from bench_store import WORDS, prepare


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ONRECORD_TOKEN": ""}
    cmd = [sys.executable, "-m", "onrecord", "serve", "--db", str(db), "--host", "127.0.0.1",
           "--port", str(port)]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=2):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("server exited") from None
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def paths(rng: random.Random, actors: int) -> str:
    """A search page (one or two words) or an actor page (skewed to the most quoted)."""
    if rng.random() < 0.5:
        q = " ".join(rng.sample(WORDS, rng.choice([1, 2])))
        return f"/search?q={q.replace(' ', '+')}"
    return f"/actors/{min(int(rng.paretovariate(0.8)), actors)}"


async def client(
    http: httpx.AsyncClient, until: float, seed: int, actors: int,
    latencies: dict[str, list[float]], errors: list[str],
) -> None:  # fmt: skip
    rng = random.Random(seed)
    while time.perf_counter() < until:
        path = paths(rng, actors)
        kind = "search" if path.startswith("/search") else "actor"
        t = time.perf_counter()
        try:
            r = await http.get(path)
            if r.status_code != 200:
                errors.append(f"{path}: HTTP {r.status_code}")
                continue
        except httpx.HTTPError as exc:
            errors.append(f"{path}: {type(exc).__name__}")
            continue
        latencies[kind].append((time.perf_counter() - t) * 1000)


async def load(url: str, clients: int, seconds: float, actors: int) -> None:
    latencies: dict[str, list[float]] = {"search": [], "actor": []}
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as http:
        await http.get("/search?q=minister")  # warm up
        start = time.perf_counter()
        await asyncio.gather(*(
            client(http, start + seconds, i, actors, latencies, errors) for i in range(clients)
        ))  # fmt: skip
        elapsed = time.perf_counter() - start
    every = sorted(latencies["search"] + latencies["actor"])
    print(f"{clients} clients, {elapsed:.1f} s: {len(every)} requests, "
          f"{len(every) / elapsed:.0f} requests/s, {len(errors)} errors")  # fmt: skip
    for name, values in (("all", every), *latencies.items()):
        values = sorted(values)
        if not values:
            continue
        print(f"  {name:<7} n={len(values):<6} p50 {statistics.median(values):6.1f} ms  "
              f"p95 {values[int(0.95 * (len(values) - 1))]:6.1f} ms  "
              f"p99 {values[int(0.99 * (len(values) - 1))]:6.1f} ms")  # fmt: skip
    for e in errors[:5]:
        print("  error:", e)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--statements", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/onrecord-bench-web.db"))
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--keep", action="store_true", help="reuse an existing generated store")
    args = ap.parse_args()
    prepare(args.db, args.statements, keep=args.keep)
    port = free_port()
    proc = start_server(args.db, port)
    try:
        asyncio.run(load(f"http://127.0.0.1:{port}", args.clients, args.seconds, 5000))
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()

"""Load on `onrecord serve`: search and actor pages under concurrent clients.

Builds (or reuses) a generated SQLite store of N statements (default 100,000;
``prepare`` from bench_store.py), starts `onrecord serve` on 127.0.0.1
(loopback only, nothing else is contacted) with W worker processes and its
response cache on or off, then runs C concurrent clients (default 32) for T
seconds (default 20), each asking in a loop for a search page (one or two
words) or an actor page (skewed to the most quoted). The clients are plain
asyncio HTTP/1.1 keep-alive connections in this process, so that the client
side takes as little of the machine's CPU as it can.

Prints requests/s, p50/p95/p99 latency by page kind and by cache hit or miss,
errors, and the CPU time the server and the clients used. Target: p95 < 100 ms,
zero errors at 32 clients.

    .venv/bin/python bench/bench_web.py [--statements 100000] [--clients 32] [--seconds 20]
        [--workers 2] [--cache-mb 64]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_store import WORDS, prepare


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, workers: int, cache_mb: float) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ONRECORD_TOKEN": ""}
    cmd = [sys.executable, "-m", "onrecord", "serve", "--db", str(db), "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers), "--cache-mb", str(cache_mb)]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=2):
                pass
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("server exited") from None
            time.sleep(0.1)
            continue
        # one worker answers while others may still be importing; clients that
        # connected now would all land on the first one: wait until the server
        # and its workers are idle
        spawned = workers if workers > 1 else 0  # one worker runs in the server's process
        for _ in range(60):
            before = cpu_seconds(proc.pid)
            time.sleep(0.5)
            if cpu_seconds(proc.pid) - before < 0.05 and len(children(proc.pid)) >= spawned:
                break
        return proc
    proc.kill()
    raise SystemExit("server did not start")


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its live children (the
    uvicorn workers), from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for p in [pid, *children(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def paths(rng: random.Random, actors: int) -> str:
    """A search page (one or two words) or an actor page (skewed to the most quoted)."""
    if rng.random() < 0.5:
        q = " ".join(rng.sample(WORDS, rng.choice([1, 2])))
        return f"/search?q={q.replace(' ', '+')}"
    return f"/actors/{min(int(rng.paretovariate(0.8)), actors)}"


class Connection:
    """One keep-alive HTTP/1.1 connection: GET, read status, headers and body."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, dict[bytes, bytes], bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            if b":" in line:
                k, v = line.split(b":", 1)
                headers[k.strip().lower()] = v.strip()
        if b"content-length" in headers:
            body = await self.reader.readexactly(int(headers[b"content-length"]))
        else:  # chunked
            parts = []
            while size := int((await self.reader.readuntil(b"\r\n")).strip(), 16):
                parts.append(await self.reader.readexactly(size + 2))
            await self.reader.readuntil(b"\r\n")
            body = b"".join(p[:-2] for p in parts)
        if headers.get(b"connection") == b"close":
            self.close()
        return status, headers, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def client(
    port: int, until: float, seed: int, actors: int,
    latencies: dict[str, list[float]], errors: list[str],
) -> None:  # fmt: skip
    rng = random.Random(seed)
    conn = Connection(port)
    while time.perf_counter() < until:
        path = paths(rng, actors)
        kind = "search" if path.startswith("/search") else "actor"
        t = time.perf_counter()
        try:
            status, headers, _ = await conn.get(path)
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            errors.append(f"{path}: {type(exc).__name__}")
            conn.close()
            continue
        ms = (time.perf_counter() - t) * 1000
        if status != 200:
            errors.append(f"{path}: HTTP {status}")
            continue
        latencies[kind].append(ms)
        latencies["cache " + headers.get(b"x-cache", b"off").decode()].append(ms)
    conn.close()


def report(name: str, values: list[float]) -> None:
    values = sorted(values)
    if values:
        print(f"  {name:<11} n={len(values):<6} p50 {statistics.median(values):6.1f} ms  "
              f"p95 {values[int(0.95 * (len(values) - 1))]:6.1f} ms  "
              f"p99 {values[int(0.99 * (len(values) - 1))]:6.1f} ms")  # fmt: skip


async def load(port: int, clients: int, seconds: float, actors: int, server: int) -> None:
    latencies: dict[str, list[float]] = {
        "search": [], "actor": [], "cache hit": [], "cache miss": [], "cache off": []
    }  # fmt: skip
    errors: list[str] = []
    warm = Connection(port)
    await warm.get("/search?q=minister")
    warm.close()
    cpu_server, cpu_client = cpu_seconds(server), resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    await asyncio.gather(*(
        client(port, start + seconds, i, actors, latencies, errors) for i in range(clients)
    ))  # fmt: skip
    elapsed = time.perf_counter() - start
    used_server = cpu_seconds(server) - cpu_server
    end_client = resource.getrusage(resource.RUSAGE_SELF)
    used_client = (end_client.ru_utime - cpu_client.ru_utime) + (
        end_client.ru_stime - cpu_client.ru_stime
    )
    every = sorted(latencies["search"] + latencies["actor"])
    print(f"{clients} clients, {elapsed:.1f} s: {len(every)} requests, "
          f"{len(every) / elapsed:.0f} requests/s, {len(errors)} errors; CPU: server "
          f"{100 * used_server / elapsed:.0f}%, clients {100 * used_client / elapsed:.0f}% "
          f"(of {os.cpu_count()} cores x 100%)")  # fmt: skip
    report("all", every)
    for name, values in latencies.items():
        report(name, values)
    for e in errors[:5]:
        print("  error:", e)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--statements", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/onrecord-bench-web.db"))
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--workers", type=int, default=2, help="server worker processes")
    ap.add_argument("--cache-mb", type=float, default=64, help="server response cache (0: off)")
    ap.add_argument("--keep", action="store_true", help="reuse an existing generated store")
    args = ap.parse_args()
    prepare(args.db, args.statements, keep=args.keep)
    port = free_port()
    proc = start_server(args.db, port, args.workers, args.cache_mb)
    print(f"server: {args.workers} worker(s), cache {args.cache_mb:g} MB")
    try:
        run = asyncio.run
        try:
            import uvloop

            run = uvloop.run
        except ImportError:
            pass
        run(load(port, args.clients, args.seconds, 5000, proc.pid))
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()

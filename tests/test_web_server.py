"""`onrecord serve --workers N`: a worker killed is replaced, SIGTERM stops
them all, and a port already taken is a clear one-line error."""

from __future__ import annotations

import functools
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .helpers import free_port

pytestmark = pytest.mark.service  # `onrecord serve` in a process of its own


def workers_of(pid: int) -> set[int]:
    """The live spawned worker processes of the server."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return set()
    out = set()
    for child in children:
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            state = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if b"spawn_main" in cmdline and state != "Z":
            out.add(int(child))
    return out


def gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as r:
        return int(r.status)


def wait_until(check: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "onrecord", "serve", "--db", str(tmp_path / "s.db"),
         "--port", str(port), "--workers", "2"],
        env={**os.environ, "ONRECORD_TOKEN": ""}, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: len(workers_of(proc.pid)) == 2 and get(url + "/api/stats") == 200)
        yield proc, url
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def test_a_killed_worker_is_replaced_and_sigterm_stops_all(
    server: tuple[subprocess.Popen[bytes], str],
) -> None:
    proc, url = server
    first = workers_of(proc.pid)
    victim = min(first)
    os.kill(victim, signal.SIGKILL)
    wait_until(lambda: len(workers_of(proc.pid)) == 2 and victim not in workers_of(proc.pid))
    assert all(get(url + "/api/stats") == 200 for _ in range(20))  # new connections each
    remaining = workers_of(proc.pid)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(20) == 0
    for pid in remaining:  # no worker outlives the server
        wait_until(functools.partial(gone, pid))


def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "onrecord", "serve", "--db", str(tmp_path / "s.db"),
             "--port", str(port), "--workers", "2"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert result.returncode == 2  # the status of the CLI for its own errors
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr

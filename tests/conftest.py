"""Shared fixtures: the real spaCy model (loaded once) and a throw-away
PostgreSQL server; the shared data must be beside the checkout."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from onrecord.nlp import load_nlp

from .helpers import SEED, SHARED, PgServer, pg_bindir, pg_unavailable


def pytest_sessionstart(session: pytest.Session) -> None:
    # The tests read the shared data beside the checkout; without it they
    # would be meaningless, so say so at once instead of skipping quietly.
    if not SEED.is_file():
        raise pytest.UsageError(f"shared data not found at {SHARED} (clone beside ../shared)")


@pytest.fixture
def anyio_backend() -> str:
    """The event loop the async tests (``pytest.mark.anyio``) run on."""
    return "asyncio"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def pg() -> Iterator[PgServer]:
    """A PostgreSQL cluster of its own in a temporary directory, per test module.

    Without server binaries the tests using it are skipped, saying why; in CI
    (``CI`` set) they fail instead.
    """
    bindir = pg_bindir()
    if bindir is None or not (bindir / "initdb").exists():
        pg_unavailable(
            "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin);"
            " install them with `apt-get install -y postgresql`"
        )
    prefix: list[str] = []
    # as root, in /tmp: the server's user must reach it (TMPDIR may be private)
    root = Path(tempfile.mkdtemp(prefix="onrecord-pg-", dir="/tmp" if os.geteuid() == 0 else None))
    if os.geteuid() == 0:
        # initdb refuses to run as root: the server runs as the packaged
        # `postgres` user, in a directory of its own
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root, ignore_errors=True)
            pg_unavailable("running as root and there is no `postgres` user to run the server as")
        os.chown(root, owner.pw_uid, owner.pw_gid)
        runuser = shutil.which("runuser")
        if runuser is None:
            shutil.rmtree(root, ignore_errors=True)
            pg_unavailable("running as root and `runuser` (util-linux) is not installed")
        prefix = [runuser, "-u", "postgres", "--"]
    server = PgServer(bindir, root, prefix)
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
        pg_unavailable(str(exc))
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)

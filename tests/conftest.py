"""Shared fixtures: the real spaCy model (loaded once) and the shared data."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from spacy.language import Language

from onrecord.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "data/seed/moscowtimes-2025-08-22-lavrov-no-meeting-planned.txt"
POLNEAR = SHARED / "data/polnear"
TIMEBANK = SHARED / "data/timebank"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (for a server under test)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pytest_sessionstart(session: pytest.Session) -> None:
    # The tests read the shared data beside the checkout; without it they
    # would be meaningless, so say so at once instead of skipping quietly.
    if not SEED.is_file():
        raise pytest.UsageError(f"shared data not found at {SHARED} (clone beside ../shared)")


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()

"""The output directory of ``onrecord batch``: its job file, ids made unique, progress counts.

:func:`prepare_out` makes ``--out`` ready (empty, or an earlier run of the
same job, whose parts are then rewritten) and writes :data:`JOB_FILE` with
``"complete": false``; :func:`finish_out` makes article ids unique across
units as ``read_inputs`` would (:func:`unique_ids`), writes an empty file for
each table no part wrote and marks the job complete with its counts.
:class:`BatchReport` keeps those counts as the engines report written parts.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from onrecord.batch.tables import SCHEMAS, TABLES, part_names, read_part, rename_articles
from onrecord.batch.worker import ChunkDone, write_part
from onrecord.errors import OnrecordError
from onrecord.inputs import Ids

#: The job file in ``--out``: the job's key, its inputs, whether it is complete, its counts.
JOB_FILE = "_job.json"


@dataclass(slots=True)
class BatchReport:
    """Counts so far; a chunk reported twice (a retry) counts once."""

    total_bytes: float = 0.0
    articles: int = 0
    errors: int = 0
    statements: int = 0
    done_bytes: float = 0.0
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0
    seen: set[tuple[int, int]] = field(default_factory=set)

    def add(self, done: ChunkDone) -> bool:
        if (done.unit, done.chunk) in self.seen:
            return False
        self.seen.add((done.unit, done.chunk))
        self.articles += done.articles
        self.errors += done.errors
        self.statements += done.statements
        self.done_bytes += done.weight
        self.seconds = time.perf_counter() - self.started
        return True

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def eta(self) -> float | None:
        if not self.done_bytes or not self.total_bytes:
            return None
        left = max(self.total_bytes - self.done_bytes, 0.0)
        return self.seconds * left / self.done_bytes

    def summary(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "errors": self.errors,
            "statements": self.statements,
            "seconds": round(self.seconds, 1),
        }

    def line(self) -> str:
        return (
            f"{self.articles} articles, {self.statements} statements, {self.errors} errors;"
            f" {self.rate:.1f} docs/s"
        )


#: Called by an engine for each written part, with the counts so far.
Progress = Callable[[ChunkDone, BatchReport], None]


def prepare_out(out: Path, key: str, inputs: list[str]) -> None:
    """Make ``out`` ready: empty, or holding an earlier run of this same job
    (whose parts are then rewritten with the same content)."""
    if out.exists() and any(out.iterdir()):
        job = out / JOB_FILE
        try:
            same = json.loads(job.read_text())["key"] == key
        except (OSError, ValueError, KeyError):
            same = False
        if not same:
            raise OnrecordError(
                f"{out}: not empty and not an earlier run of this job; give an empty --out"
            )
    out.mkdir(parents=True, exist_ok=True)
    (out / JOB_FILE).write_text(
        json.dumps({"key": key, "inputs": inputs, "complete": False}, indent=2) + "\n"
    )


def unique_ids(out: Path) -> int:
    """Give articles whose id another unit also used the id ``read_inputs`` would
    (``-2``, ``-3`` ... in input order), rewriting the few parts concerned.
    Returns the number of articles renamed."""
    ids = Ids()
    renames: dict[str, dict[tuple[int, int], str]] = {}
    for name in part_names(out):
        path = out / "articles" / name
        if not path.is_file():
            continue
        rows = pq.read_table(path, columns=["unit", "seq", "id", "base_id"]).to_pylist()
        for row in sorted(rows, key=lambda r: (r["unit"], r["seq"])):
            new = ids.claim(row["base_id"] if row["base_id"] is not None else row["id"])
            if new != row["id"]:
                renames.setdefault(name, {})[(row["unit"], row["seq"])] = new
    for name, renamed in renames.items():
        write_part(out, name, rename_articles(read_part(out, name), renamed))
    return sum(len(r) for r in renames.values())


def finish_out(out: Path, key: str, inputs: list[str], report: BatchReport) -> None:
    """Make ids unique, and mark the output complete, with an empty file for each
    table no part wrote."""
    unique_ids(out)
    for table in TABLES:
        folder = out / table
        if not any(folder.glob("part-*.parquet")):
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(SCHEMAS[table].empty_table(), folder / "empty.parquet")
    doc = {"key": key, "inputs": inputs, "complete": True, **report.summary()}
    (out / JOB_FILE).write_text(json.dumps(doc, indent=2) + "\n")

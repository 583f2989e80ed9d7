"""``onrecord batch``: the analyze pipeline over a large corpus, to Parquet tables.

Plan units (:mod:`.plan`), run them on an engine, mark the output complete
(:mod:`.output`).  A unit is read, analyzed and written by
:func:`onrecord.batch.worker.process_unit`, on one of two engines, chosen
here: :func:`onrecord.batch.local.run_local` (a process pool on this machine)
and :func:`onrecord.batch.ray_engine.run_ray` (Ray Data, ``map_batches`` with
an actor per worker).  The rows of each table are built by :mod:`.tables`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from onrecord.batch.local import run_local
from onrecord.batch.output import BatchReport, Progress, finish_out, prepare_out
from onrecord.batch.plan import DEFAULT_CHUNK, Unit, job_key, plan_units
from onrecord.errors import OnrecordError


@dataclass(frozen=True, slots=True)
class Job:
    inputs: list[str]
    out: Path
    units: list[Unit]
    key: str
    chunk: int
    published: dt.date | None


def prepare_batch(
    inputs: list[str],
    out: Path,
    engine: str = "local",
    published: dt.date | None = None,
    chunk: int = DEFAULT_CHUNK,
) -> Job:
    """Check the engine, plan the units and make the output directory ready."""
    if chunk < 1:
        raise OnrecordError("--chunk must be at least 1")
    if engine == "ray":
        from onrecord.batch.ray_engine import require_ray

        require_ray()
    units = plan_units(inputs, chunk)
    key = job_key(units, chunk, published)
    prepare_out(out, key, inputs)
    return Job(inputs, out, units, key, chunk, published)


def execute_batch(
    job: Job,
    engine: str = "local",
    workers: int | None = None,
    address: str | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """Run a prepared job on the chosen engine and mark its output complete."""
    args = (job.units, job.out, workers, job.published, job.chunk)
    if engine == "ray":
        from onrecord.batch.ray_engine import run_ray

        report = run_ray(*args, address, progress)
    else:
        report = run_local(*args, progress)
    finish_out(job.out, job.key, job.inputs, report)
    return report


def run_batch(
    inputs: list[str],
    out: Path,
    engine: str = "local",
    workers: int | None = None,
    published: dt.date | None = None,
    chunk: int = DEFAULT_CHUNK,
    address: str | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """``onrecord batch``: plan, run on the chosen engine, mark the output complete."""
    job = prepare_batch(inputs, out, engine, published, chunk)
    return execute_batch(job, engine, workers, address, progress)

"""The local engine of ``onrecord batch``: the units on a pool of processes on this machine.

Each process is set up once (:func:`onrecord.pipeline.init_worker`: the spaCy
pipeline loaded once) and runs whole units with
:func:`onrecord.batch.worker.process_unit`; with one worker the units run in
this process.  :func:`onrecord.batch.ray_engine.run_ray` is the same on a Ray
cluster.
"""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from onrecord.batch.output import BatchReport, Progress
from onrecord.batch.plan import DEFAULT_CHUNK, Unit
from onrecord.batch.worker import ChunkDone, process_unit


def _unit_task(unit: Unit, out: Path, published: dt.date | None, chunk: int) -> list[ChunkDone]:
    from onrecord.pipeline import worker_options

    return list(process_unit(unit, out, worker_options(), published, chunk))


def run_local(
    units: list[Unit],
    out: Path,
    workers: int | None = None,
    published: dt.date | None = None,
    chunk: int = DEFAULT_CHUNK,
    progress: Progress | None = None,
) -> BatchReport:
    """Run the units on ``workers`` local processes (default: all cores)."""
    workers = workers or os.cpu_count() or 1
    report = BatchReport(total_bytes=float(sum(u.size for u in units)))

    def done(item: ChunkDone) -> None:
        if report.add(item) and progress:
            progress(item, report)

    if workers <= 1:
        from onrecord.pipeline import Options

        options = Options.default()
        for unit in units:
            for item in process_unit(unit, out, options, published, chunk):
                done(item)
        return report
    from onrecord.pipeline import init_worker

    with ProcessPoolExecutor(max_workers=workers, initializer=init_worker) as pool:
        futures = [pool.submit(_unit_task, u, out, published, chunk) for u in units]
        for fut in as_completed(futures):
            for item in fut.result():
                done(item)
    return report

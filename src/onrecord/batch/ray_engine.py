"""The Ray Data engine of ``onrecord batch``.

The planned units become a Ray dataset (one row, one block per unit);
``map_batches`` hands each to an actor of :class:`UnitAnalyzer`, which loads
the spaCy pipeline once, then reads, analyzes and writes the unit (see
:func:`onrecord.batch.worker.process_unit`) and yields one small summary row per
written part, which the driver turns into progress. Ray restarts an actor
that dies and retries its unit; the retry rewrites the same part files.

Ray is an optional extra (``pip install 'onrecord[ray]'``), imported only here.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from onrecord.batch.output import BatchReport, Progress
from onrecord.batch.plan import DEFAULT_CHUNK, Unit
from onrecord.batch.worker import ChunkDone, process_unit
from onrecord.errors import OnrecordError


def require_ray() -> None:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise OnrecordError(
            "--engine ray needs Ray, which is not installed: pip install 'onrecord[ray]'"
        ) from None


class UnitAnalyzer:
    """A Ray Data callable class: one per actor, the spaCy pipeline loaded once."""

    def __init__(
        self,
        out: str,
        published: str | None,
        chunk: int,
        pid_dir: str | None = None,
    ) -> None:
        from onrecord.pipeline import init_worker

        self.out = Path(out)
        self.published = dt.date.fromisoformat(published) if published else None
        self.chunk = chunk
        self.options = init_worker()
        if pid_dir:  # for tests that kill a worker mid-job
            Path(pid_dir, str(os.getpid())).touch()

    def __call__(self, batch: Any) -> Iterator[Any]:
        import pyarrow as pa

        for row in batch.to_pylist():
            unit = Unit.from_dict(row)
            for done in process_unit(unit, self.out, self.options, self.published, self.chunk):
                yield pa.Table.from_pylist([asdict(done)])


def run_ray(
    units: list[Unit],
    out: Path,
    workers: int | None = None,
    published: dt.date | None = None,
    chunk: int = DEFAULT_CHUNK,
    address: str | None = None,
    progress: Progress | None = None,
    pid_dir: Path | None = None,
) -> BatchReport:
    """Run the units on a Ray cluster: ``address`` ``auto`` or ``ray://host:10001``
    joins one; without it (and no ``ray.init`` made already) a local one starts."""
    require_ray()
    import ray
    import ray.data

    if not ray.is_initialized():
        try:
            ray.init(
                address=address,
                include_dashboard=False,
                log_to_driver=False,
                configure_logging=False,
            )
        except (ConnectionError, ValueError, RuntimeError) as exc:
            where = address or "a local cluster"
            raise OnrecordError(f"cannot start or join Ray at {where}: {exc}") from None
    import logging

    for name in ("ray", "ray.data"):  # our own progress line replaces Ray's logs
        logging.getLogger(name).setLevel(logging.ERROR)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    cpus = int(ray.cluster_resources().get("CPU", 1))
    workers = max(1, min(workers or cpus, len(units) or 1))
    report = BatchReport(total_bytes=float(sum(u.size for u in units)))
    if not units:
        return report
    out_abs = str(out.resolve())
    items = ray.data.from_items([asdict(u) for u in units], override_num_blocks=len(units))
    ds = items.map_batches(
        UnitAnalyzer,
        fn_constructor_kwargs={
            "out": out_abs,
            "published": published.isoformat() if published else None,
            "chunk": chunk,
            "pid_dir": str(pid_dir) if pid_dir else None,
        },
        batch_size=1,
        batch_format="pyarrow",
        # one unit at a time per actor: no unit waits behind another on a busy actor.
        # Ray Data restarts an actor that dies and retries its unit (max_restarts and
        # max_task_retries default to -1 for actor pools).
        compute=ray.data.ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=1),
        num_cpus=1,
    )
    for row in ds.iter_rows():
        done = ChunkDone(**{k: row[k] for k in ChunkDone.__dataclass_fields__})
        if report.add(done) and progress:
            progress(done, report)
    return report

"""Scale-out commands: ``batch`` (inputs → Parquet tables, locally or on Ray)
and ``load`` (Parquet tables → the store)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

from onrecord.cli.options import date_option, db_option


def _eta(seconds: float | None) -> str:
    if seconds is None:
        return "-:--:--"
    return str(dt.timedelta(seconds=int(seconds)))


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output directory: one folder of Parquet files per table.",
)
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--address", default=None, help="Ray cluster to join: auto, or ray://host:10001.")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Workers (default: all cores of this machine or the cluster).")  # fmt: skip
@click.option("--published", callback=date_option, help="Publication date for plain text inputs.")
@click.option("--chunk", type=click.IntRange(1), default=None,
              help="Articles per unit of work and per Parquet part (default 64).")  # fmt: skip
def batch(
    inputs: tuple[str, ...],
    out: Path,
    engine: str,
    address: str | None,
    workers: int | None,
    published: dt.date | None,
    chunk: int | None,
) -> None:
    """Analyze INPUTS (files, directories, globs such as 'crawl/*.warc.gz', JSONL)
    into Parquet tables: articles, statements, entities, timexes, events, errors."""
    from onrecord.batch import execute_batch, prepare_batch
    from onrecord.batch.output import BatchReport
    from onrecord.batch.plan import DEFAULT_CHUNK
    from onrecord.batch.worker import ChunkDone

    if address and engine != "ray":
        raise click.UsageError("--address needs --engine ray")
    job = prepare_batch(list(inputs), out, engine, published, chunk or DEFAULT_CHUNK)
    total = float(sum(u.size for u in job.units)) or 1.0
    err = Console(stderr=True)
    columns = (
        TextColumn(f"batch ({engine})"), BarColumn(), TaskProgressColumn(),
        TextColumn("{task.fields[docs]} docs, {task.fields[rate]:.1f} docs/s"),
        TextColumn("errors {task.fields[errors]}"), TimeElapsedColumn(),
        TextColumn("ETA {task.fields[eta]}"),
    )  # fmt: skip
    with Progress(*columns, console=err, transient=False) as bar:
        task = bar.add_task("batch", total=total, docs=0, rate=0.0, errors=0, eta=_eta(None))

        def tick(done: ChunkDone, report: BatchReport) -> None:
            bar.update(
                task,
                completed=report.done_bytes,
                docs=report.articles,
                rate=report.rate,
                errors=report.errors,
                eta=_eta(report.eta),
            )

        report = execute_batch(job, engine, workers, address, progress=tick)
    click.echo(f"{report.line()} -> {out}", err=True)
    if report.errors:
        # the job is complete (every good article is written, the bad ones are
        # error rows), but as with `analyze` and `ingest` the exit status says
        # that some input failed
        click.echo(f"{report.errors} input(s) failed: see {out / 'errors'}", err=True)
        sys.exit(1)


@click.command()
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
@click.option("--batch-size", type=click.IntRange(1), default=200, show_default=True,
              help="Articles per transaction.")  # fmt: skip
def load(path: Path, db: str | None, batch_size: int) -> None:
    """Store a `batch` output (PATH) in the store; idempotent, as `ingest`."""
    from onrecord.corpus.load import check_output, count_articles
    from onrecord.corpus.load import load as run_load
    from onrecord.store import open_store

    check_output(path)
    total = count_articles(path)
    err = Console(stderr=True)
    columns = (
        TextColumn("load"), BarColumn(), TaskProgressColumn(),
        TextColumn("{task.fields[rate]:.1f} docs/s"), TimeElapsedColumn(),
    )  # fmt: skip
    with open_store(db) as store, Progress(*columns, console=err, transient=False) as bar:
        task = bar.add_task("load", total=total or 1, rate=0.0)
        report = run_load(
            path,
            store,
            batch=batch_size,
            progress=lambda r: bar.update(
                task, completed=r.processed, rate=r.processed / (r.seconds or 1e-9)
            ),
        )
    click.echo(report.line(), err=True)


COMMANDS = (batch, load)

"""Corpus commands: ingest, search, actor, export, stats (``actors`` is in
:mod:`onrecord.cli.actors`).

Each builds a store and calls one method; rendering is the only logic here.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import sys
from collections.abc import Iterator
from typing import Any, TextIO

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from onrecord.cli.options import date_option, db_option, echo_json, json_option
from onrecord.errors import InputError


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--published", callback=date_option, help="Publication date for plain text inputs.")
@click.option("--workers", type=int, default=None, help="Processes (default: all cores).")
def ingest(inputs: tuple[str, ...], db: str | None, published: dt.date | None,
           workers: int | None) -> None:  # fmt: skip
    """Analyze INPUTS (files, directories, feeds, WARC, JSONL) into the store."""
    from onrecord.corpus.ingest import ingest as run_ingest
    from onrecord.inputs import count_inputs, read_inputs
    from onrecord.store import open_store

    columns = (
        TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} docs/s"), TextColumn("errors {task.fields[errors]}"),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
    )  # fmt: skip
    errors = 0
    with open_store(db) as store:
        err = Console(stderr=True)
        # read as analyzed (a bad input costs only itself); the total is a count
        # ahead of time (files, JSONL lines), raised if feeds or archives hold more
        items = read_inputs(inputs, published=published)
        with Progress(*columns, console=err, transient=False) as bar:
            total = count_inputs(inputs)
            task = bar.add_task("ingest", total=total, rate=0.0, errors=0)
            started = dt.datetime.now()

            def tick(result: object, done: int) -> None:
                nonlocal errors, total
                if isinstance(result, InputError):
                    errors += 1
                    # whole, however long: never wrapped or cut at the console's width
                    bar.console.print(
                        f"error: {result}", markup=False, highlight=False, soft_wrap=True
                    )
                seconds = (dt.datetime.now() - started).total_seconds() or 1e-9
                n = done + errors
                total = max(total, n)
                bar.update(task, completed=n, total=total, rate=n / seconds, errors=errors)

            report = run_ingest(items, store, workers=workers, progress=tick)
    click.echo(report.line(), err=True)
    if report.errors:
        sys.exit(1)


@click.command()
@click.argument("text", required=False)
@click.option("--speaker", help="Only statements by this actor (name, surname or alias).")
@click.option("--since", callback=date_option, help="From this date (YYYY-MM-DD).")
@click.option("--until", callback=date_option, help="Up to this date.")
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed"]))
@click.option("--limit", type=click.IntRange(1, 1000), default=20)
@click.option("--offset", type=click.IntRange(0), default=0)
@db_option
@json_option
def search(
    text: str | None,
    speaker: str | None,
    since: dt.date | None,
    until: dt.date | None,
    kind: str | None,
    limit: int,
    offset: int,
    db: str | None,
    as_json: bool,
) -> None:
    """Full-text search over statement content, newest first."""
    from onrecord.store import SearchQuery, open_store

    with open_store(db) as store:
        rows = store.search(SearchQuery(text, speaker, since, until, kind, None, limit, offset))
    if as_json:
        echo_json(rows)
        return
    table = Table(title=f"{len(rows)} statement(s)", show_lines=True, expand=True)
    for col, ratio in (("date", 1), ("speaker", 2), ("kind", 1), ("content", 6), ("article", 2)):
        table.add_column(col, ratio=ratio)
    for r in rows:
        table.add_row(r["sort_date"] or "", Text(r["speaker"] or ""), r["kind"],
                      Text(r["content"]), Text(r["title"] or r["article"]))  # fmt: skip
    Console().print(table)


@click.command()
@click.argument("name")
@db_option
@json_option
def actor(name: str, db: str | None, as_json: bool) -> None:
    """Who NAME is, their aliases, and their statements on a timeline."""
    from onrecord.store import open_store

    with open_store(db) as store:
        info = store.actor(name)
    if info is None:
        click.echo(f"error: no actor named {name!r} in the store", err=True)
        sys.exit(1)
    if as_json:
        echo_json(info)
        return
    out = Console()
    out.print(Text(f"{info['name']} ({info['kind']})", style="bold"))
    out.print(Text(f"aliases: {', '.join(info['aliases'])}"))
    if info["roles"]:
        out.print(Text(f"described as: {', '.join(info['roles'])}"))
    out.print(f"{len(info['statements'])} statements in {info['articles']} articles, "
              f"{info['first']} → {info['last']}")  # fmt: skip
    table = Table(show_lines=True, expand=True)
    for col, ratio in (("date", 1), ("kind", 1), ("content", 7), ("article", 2)):
        table.add_column(col, ratio=ratio)
    for s in info["statements"]:
        table.add_row(s["sort_date"] or "", s["kind"], Text(s["content"]),
                      Text(s["title"] or s["article"]))  # fmt: skip
    out.print(table)


EXPORT_FIELDS = (
    "id", "article", "article_id", "title", "url", "published", "statement", "kind",
    "speaker", "actor_id", "speaker_text", "cue", "content", "spans", "date", "date_basis",
    "sort_date", "deadline",
)  # fmt: skip


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: row[k] for k in EXPORT_FIELDS}
    out["spans"] = json.dumps(row["spans"])
    out["deadline"] = json.dumps(row["deadline"]) if row["deadline"] else None
    return out


@contextlib.contextmanager
def _text_out(path: str | None) -> Iterator[TextIO]:
    """A file for CSV (newline="" as the csv module wants), or stdout."""
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as fh:
        yield fh


@click.command()
@click.argument("what", type=click.Choice(["statements"]))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="jsonl")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File (default stdout).")
@db_option
def export(what: str, fmt: str, output: str | None, db: str | None) -> None:
    """Export every statement (CSV, JSONL or Parquet)."""
    from onrecord.store import open_store

    with open_store(db) as store:
        rows: Iterator[dict[str, Any]] = store.iter_statements()
        if fmt == "jsonl":
            with click.open_file(output or "-", "w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            from onrecord.corpus.export import csv_cell

            with _text_out(output) as fh:
                writer = csv.DictWriter(fh, fieldnames=EXPORT_FIELDS)
                writer.writeheader()
                for row in rows:  # no cell a spreadsheet would run as a formula
                    writer.writerow({k: csv_cell(v) for k, v in _flat(row).items()})
        else:
            from onrecord.corpus.export import write_parquet

            if output is None and sys.stdout.isatty():
                raise click.UsageError("Parquet is binary: give --output FILE or redirect stdout")
            write_parquet((_flat(r) for r in rows), EXPORT_FIELDS,
                          output or sys.stdout.buffer)  # fmt: skip


@click.command()
@db_option
@json_option
def stats(db: str | None, as_json: bool) -> None:
    """Articles, statements, speakers and date range in the store."""
    from onrecord.store import open_store

    with open_store(db) as store:
        info = store.stats()
    if as_json:
        echo_json(info)
        return
    for key, value in info.items():
        click.echo(f"{key.replace('_', ' '):<16} {value}")


COMMANDS = (ingest, search, actor, export, stats)

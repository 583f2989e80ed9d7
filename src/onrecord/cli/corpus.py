"""Corpus commands: ingest, search, actor, export, stats (``actors`` is in
:mod:`onrecord.cli.actors`).

Each builds a store and calls one method; rendering is the only logic here.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
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
from rich.text import Text

from onrecord.cli.listing import Column, cell, emit, field, format_option, limit_options
from onrecord.cli.options import date_option, db_option, echo_json
from onrecord.errors import InputError, OnrecordError
from onrecord.present import described_as


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


#: the columns of a statement listing
STATEMENT_COLUMNS = (
    field("id"),
    field("date", "sort_date"),
    field("speaker", short=False, ratio=2),
    field("kind"),
    field("content", short=False, ratio=5),
    Column("article", lambda r: f"{r['article_id']}: {r['title'] or r['article']}", False, 3),
)


@click.command()
@click.argument("text", required=False)
@click.option("--speaker", help="Only statements by this actor (name, surname, alias or #id).")
@click.option("--since", callback=date_option, help="From this date (YYYY-MM-DD).")
@click.option("--until", callback=date_option, help="Up to this date.")
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed"]))
@click.option("--outlet", help="Only articles from this web domain (reuters.com).")
@click.option("--event", type=click.IntRange(0), help="Only the sources' words about this event.")
@click.option("--sort", type=click.Choice(["date", "relevance"]), default="date",
              show_default=True, help="Newest first, or best match to TEXT first.")  # fmt: skip
@limit_options(20)
@click.option("--offset", type=click.IntRange(0), default=0)
@db_option
@format_option
def search(
    text: str | None, speaker: str | None, since: dt.date | None, until: dt.date | None,
    kind: str | None, outlet: str | None, event: int | None, sort: str, limit: int,
    everything: bool, offset: int, db: str | None, fmt: str, as_json: bool,
) -> None:  # fmt: skip
    """Full-text search over statement content, newest first (or --sort relevance)."""
    from onrecord.store import SearchQuery, open_store

    with open_store(db) as store:
        if speaker and not store.speaker_ids(speaker):
            raise unknown_speaker(store, speaker)
        query = SearchQuery(text, speaker, since, until, kind, None, limit, offset,
                            outlet=outlet, event=event, sort=sort)  # fmt: skip
        total = store.count(query)
        if everything:
            query = dataclasses.replace(query, limit=max(total, 1))
        rows = store.search(query)
    emit(rows, STATEMENT_COLUMNS, "json" if as_json else fmt, what="statements",
         total=total - offset)  # fmt: skip


def unknown_speaker(store: Any, speaker: str) -> OnrecordError:
    """No actor is called ``speaker``: say so, with the closest names."""
    close = store.close_names(speaker)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return OnrecordError(f"no speaker {speaker!r} in the store{hint}")


@click.command()
@click.argument("name")
@limit_options(50)
@db_option
@format_option
def actor(name: str, limit: int, everything: bool, db: str | None, fmt: str,
          as_json: bool) -> None:  # fmt: skip
    """Who NAME is, their aliases, and their statements on a timeline."""
    from onrecord.store import open_store

    with open_store(db) as store:
        info = store.actor(name)
        if info is None:
            raise unknown_speaker(store, name)
    fmt = "json" if as_json else fmt
    statements = info["statements"]
    shown = statements if everything else statements[:limit]
    if fmt == "json":
        emit(shown, STATEMENT_COLUMNS, fmt, what="statements", json_doc=info)
        return
    if fmt == "table":
        out = Console()
        out.print(Text(f"{info['name']} ({info['kind']}, actor #{info['id']})", style="bold"))
        out.print(Text(f"aliases: {', '.join(info['aliases'])}"))
        described = described_as(info)
        if described:
            out.print(Text(f"described as: {'; '.join(described)}"))
        out.print(f"{len(statements)} statements in {info['articles']} articles, "
                  f"{info['first']} → {info['last']}")  # fmt: skip
    emit(shown, STATEMENT_COLUMNS, fmt, what="statements", total=len(statements))


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
            from onrecord.present.cells import csv_cell

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
@format_option
def stats(db: str | None, fmt: str, as_json: bool) -> None:
    """The store's size and health: articles, statements, the share of speakers
    resolved and of statements dated only by publication, events,
    contradictions, utterances and deadlines."""
    from onrecord.corpus.health import corpus_health
    from onrecord.store import open_store

    with open_store(db) as store:
        info = corpus_health(store)
    fmt = "json" if as_json else fmt
    if fmt == "json":
        echo_json(info)
        return
    rows = [{"measure": k.replace("_", " "), "value": v} for k, v in info.items()]
    if fmt == "table":
        width = max(len(r["measure"]) for r in rows)
        for r in rows:
            value = r["value"]
            shown = f"{value:.0%}" if isinstance(value, float) else cell(value)
            if value is None:
                shown = "not computed yet (onrecord utterances)"
            click.echo(f"{r['measure']:<{width}}  {shown}")
        return
    emit(rows, (field("measure"), field("value")), fmt, what="measures")


COMMANDS = (ingest, search, actor, export, stats)

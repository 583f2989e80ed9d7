"""The ``positions`` command: an actor × topic table of stances."""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.progress import TaskID
from rich.table import Table
from rich.text import Text

from onrecord.cli.listing import emit, field, format_option
from onrecord.cli.options import db_option, echo_json
from onrecord.positions.topics import DEFAULT_THRESHOLD

STYLE = {"support": "green", "oppose": "red", "conditional": "yellow", "unclear": "dim"}


@click.command()
@click.option("--topic", help='Only the topic(s) nearest this phrase ("Ukraine NATO membership").')
@click.option("--top-actors", type=click.IntRange(1), default=15, show_default=True,
              help="Actors (rows): the most quoted in the topics.")  # fmt: skip
@click.option("--top-topics", type=click.IntRange(1), default=8, show_default=True,
              help="Topic columns in the table (--json lists all).")  # fmt: skip
@click.option("--min-size", type=click.IntRange(1), default=3, show_default=True,
              help="Smallest topic shown, in statements.")  # fmt: skip
@click.option("--threshold", type=click.FloatRange(0.05, 1.0), default=DEFAULT_THRESHOLD,
              show_default=True, help="Cosine distance at which topics are cut apart.")  # fmt: skip
@click.option("--refit", is_flag=True,
              help="Cluster topics again (else new statements join the saved ones).")  # fmt: skip
@db_option
@format_option
def positions(
    topic: str | None,
    top_actors: int,
    top_topics: int,
    min_size: int,
    threshold: float,
    refit: bool,
    db: str | None,
    fmt: str,
    as_json: bool,
) -> None:
    """Who stands where: actors × topics (found by clustering what was said),
    each cell support / oppose / conditional / unclear with its statements.
    The topics are fitted once and kept in the store; statements added later
    join the nearest one until --refit."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from onrecord.positions.table import store_positions
    from onrecord.store import open_store

    err = Console(stderr=True)
    with open_store(db) as store:
        if not store.stats().get("statements"):
            click.echo("error: the store has no statements (onrecord ingest …)", err=True)
            sys.exit(1)
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            console=err, transient=True,
        ) as bar:  # fmt: skip
            tasks: dict[str, TaskID] = {}

            def tick(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.update(tasks[stage], completed=done, total=total)

            result = store_positions(store, topic, top_actors, min_size, threshold, refit, tick)
    if topic is not None and not result.topics:
        click.echo(f"error: no topic near {topic!r} among topics of >= {min_size} statements",
                   err=True)  # fmt: skip
        sys.exit(1)
    if as_json or fmt == "json":
        echo_json(result.to_json())
    elif fmt in ("tsv", "csv"):  # one row per cell of the table, every topic
        names = {t.id: (t.name, t.size) for t in result.topics}
        rows = [
            {"actor": c["actor"], "topic": names[c["topic"]][0], "size": names[c["topic"]][1],
             "stance": c["stance"], "n": len(c["statements"]),
             "ids": " ".join(map(str, c["statements"]))}
            for c in result.cells
        ]  # fmt: skip
        emit(rows, CELL_COLUMNS, fmt, what="cells")
    else:
        _print(result, top_topics, detail=topic is not None)


#: the columns of --format tsv/csv: one row per (actor, topic) cell
CELL_COLUMNS = (
    field("actor"), field("topic"), field("topic_statements", "size"), field("stance"),
    field("statements", "n"), field("statement_ids", "ids"),
)  # fmt: skip


def _print(result: object, top_topics: int, detail: bool) -> None:
    from onrecord.positions.table import Positions

    assert isinstance(result, Positions)
    out = Console()
    if result.matched:
        near = ", ".join(f"{t.name} ({sim:.2f})" for t, sim in result.matched)
        out.print(Text(f"nearest topics: {near}"))
    cells = {(c["actor"], c["topic"]): c for c in result.cells}
    # columns: the topics with most actor statements in the rows
    weight = {t.id: 0 for t in result.topics}
    for c in result.cells:
        weight[c["topic"]] += len(c["statements"])
    columns = sorted((t for t in result.topics if weight[t.id]), key=lambda t: -weight[t.id])
    columns = columns[:top_topics]
    n_topics = len(result.topics)
    table = Table(title=f"Positions: {len(result.actors)} actors × {len(columns)} of "
                        f"{n_topics} topics", show_lines=True)  # fmt: skip
    table.add_column("actor")
    for t in columns:
        table.add_column(Text(f"{t.name} ({t.size})"), overflow="fold")
    for actor in result.actors:
        row: list[Text] = [Text(actor)]
        for t in columns:
            cell = cells.get((actor, t.id))
            if cell is None:
                row.append(Text(""))
                continue
            n = len(cell["statements"])
            row.append(Text(f"{cell['stance']} ({n})", style=STYLE[cell["stance"]]))
        table.add_row(*row)
    out.print(table)
    if not detail:
        out.print(Text("statements behind each cell: --json, or --topic TEXT", style="dim"))
        return
    names = {t.id: t.name for t in result.topics}
    listing = Table(show_lines=True, expand=True)
    for col, ratio, width in (("actor", 2, 8), ("topic", 2, 8), ("stance", 1, 11), ("id", 1, 4),
                              ("date", 1, 10), ("statement", 7, 20), ("cue", 1, 6)):  # fmt: skip
        listing.add_column(col, ratio=ratio, min_width=width)
    for c in result.cells:
        for sid in c["statements"]:
            s = result.statements[sid]
            listing.add_row(Text(c["actor"]), Text(names[c["topic"]]),
                            Text(s["stance"], style=STYLE[s["stance"]]), str(sid),
                            s["sort_date"] or "", Text(s["content"]),
                            Text(s["cue"] or ""))  # fmt: skip
    out.print(listing)


COMMANDS = (positions,)

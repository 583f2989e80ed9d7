"""`onrecord analyze` and `onrecord schema`: one article (or many) at a time, no store."""

from __future__ import annotations

import datetime as dt
import json
import sys

import click
from rich.console import Console

from onrecord.cli.options import date_option
from onrecord.errors import InputError


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article per line.")
@click.option(
    "--published", callback=date_option, help="Publication date YYYY-MM-DD for plain text."
)
@click.option("--workers", type=int, default=None, help="Processes to use (default: all cores).")
def analyze(
    inputs: tuple[str, ...], as_json: bool, published: dt.date | None, workers: int | None
) -> None:
    """Find every attributed statement, its speaker and date, in INPUTS
    (text, HTML or JSONL files, or directories)."""
    from onrecord.cli.report import print_report
    from onrecord.inputs import read_inputs
    from onrecord.pipeline import analyze_stream

    out = Console(soft_wrap=False) if not as_json else None
    failed = 0
    items = list(read_inputs(inputs, published=published))
    n_articles = sum(1 for i in items if not isinstance(i, InputError))
    if workers is None and n_articles < 4:
        workers = 1  # starting processes costs more than it saves
    for result in analyze_stream(items, workers=workers):
        if isinstance(result, InputError):
            failed += 1
            click.echo(f"error: {result}", err=True)
            continue
        if out is None:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        else:
            print_report(out, result)
    if failed:
        click.echo(f"{failed} input(s) failed, {n_articles} analyzed", err=True)
        sys.exit(1)


@click.command()
def schema() -> None:
    """Print the JSON Schema of `analyze --json` output."""
    from onrecord.contract import analysis_schema

    click.echo(json.dumps(analysis_schema(), indent=2))


COMMANDS = (analyze, schema)

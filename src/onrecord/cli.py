"""The ``onrecord`` command line. Each command builds the core objects and
calls one function; errors are one line on stderr and a non-zero exit."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from onrecord.cli_corpus import date_option
from onrecord.errors import InputError, OnrecordError


class _Group(click.Group):
    """Turns the package's own errors into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OnrecordError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Group)
@click.version_option(package_name="onrecord")
def cli() -> None:
    """onrecord: who said what, about whom, when — from news articles."""


@cli.command()
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
    from onrecord.pipeline import analyze_stream
    from onrecord.reader import read_inputs
    from onrecord.report import print_report

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


@cli.group(name="eval")
def eval_group() -> None:
    """Score the pipeline on annotated data."""


@eval_group.command("polnear")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
@click.option("--workers", type=int, default=None)
def eval_polnear(path: Path, as_json: bool, workers: int | None) -> None:
    """Attribution P/R/F1 on a PolNeAR split directory (e.g. polnear/dev)."""
    from onrecord.evaluate import run_polnear

    scores = run_polnear(path, workers=workers)
    _emit(scores, as_json, "polnear")


@eval_group.command("timeml")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
def eval_timeml(path: Path, as_json: bool) -> None:
    """TempEval-3 style time expression scores on TimeML (.tml) files."""
    from onrecord.eval_timeml import evaluate

    _emit(evaluate(path), as_json, "timeml")


@eval_group.command("events")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
@click.option("--workers", type=int, default=None)
def eval_events(path: Path, as_json: bool, workers: int | None) -> None:
    """Event mentions and time anchoring against NewsReader MEANTIME."""
    from onrecord.eval_events import evaluate, format_report

    scores = evaluate(path, workers=workers)
    click.echo(json.dumps(scores, indent=2) if as_json else format_report(scores))


def _emit(scores: dict[str, Any], as_json: bool, kind: str) -> None:
    if as_json:
        click.echo(json.dumps(scores, indent=2))
        return
    if kind == "polnear":
        from onrecord.eval_polnear import format_report
    else:
        from onrecord.eval_timeml import format_report  # type: ignore[assignment]
    click.echo(format_report(scores))


@cli.command()
def schema() -> None:
    """Print the JSON Schema of `analyze --json` output."""
    from onrecord.schema import analysis_schema

    click.echo(json.dumps(analysis_schema(), indent=2))


#: Modules whose ``COMMANDS`` join the ``onrecord`` group (each imports its
#: heavy dependencies inside its commands, so start-up stays light).
COMMAND_MODULES = (
    "onrecord.cli_corpus",
    "onrecord.cli_events",
    "onrecord.cli_positions",
    "onrecord.cli_batch",
    "onrecord.cli_web",
)


def _register_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        for command in importlib.import_module(name).COMMANDS:
            cli.add_command(command)


_register_commands()


def main() -> None:
    try:
        cli(standalone_mode=True)
    except OnrecordError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)

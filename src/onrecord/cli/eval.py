"""`onrecord eval …`: score the pipeline on annotated data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click


@click.group(name="eval")
def eval_group() -> None:
    """Score the pipeline on annotated data."""


@eval_group.command("polnear")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
@click.option("--workers", type=int, default=None)
def eval_polnear(path: Path, as_json: bool, workers: int | None) -> None:
    """Attribution P/R/F1 on a PolNeAR split directory (e.g. polnear/dev)."""
    from onrecord.eval.run import run_polnear

    scores = run_polnear(path, workers=workers)
    _emit(scores, as_json, "polnear")


@eval_group.command("timeml")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
def eval_timeml(path: Path, as_json: bool) -> None:
    """TempEval-3 style time expression scores on TimeML (.tml) files."""
    from onrecord.eval.timeml import evaluate

    _emit(evaluate(path), as_json, "timeml")


@eval_group.command("events")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
@click.option("--workers", type=int, default=None)
def eval_events(path: Path, as_json: bool, workers: int | None) -> None:
    """Event mentions and time anchoring against NewsReader MEANTIME."""
    from onrecord.eval.events import evaluate, format_report

    scores = evaluate(path, workers=workers)
    click.echo(json.dumps(scores, indent=2) if as_json else format_report(scores))


@eval_group.command("news")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True)
@click.option("--workers", type=int, default=None)
def eval_news(path: Path, as_json: bool, workers: int | None) -> None:
    """Statements, speakers, dates, actors, deadlines and contradictions against a
    newsdev-style corpus (articles.jsonl + gold.json)."""
    from onrecord.eval.news import format_report
    from onrecord.eval.run import run_news

    scores = run_news(path, workers=workers)
    click.echo(json.dumps(scores, indent=2) if as_json else format_report(scores))


def _emit(scores: dict[str, Any], as_json: bool, kind: str) -> None:
    if as_json:
        click.echo(json.dumps(scores, indent=2))
        return
    if kind == "polnear":
        from onrecord.eval.polnear import format_report
    else:
        from onrecord.eval.timeml import format_report  # type: ignore[assignment]
    click.echo(format_report(scores))


COMMANDS = (eval_group,)

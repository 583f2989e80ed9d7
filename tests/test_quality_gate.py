"""Quality gate: the real pipeline on the shared evaluation data must not fall
below the floors pinned in tests/quality_baseline.json (PolNeAR dev attribution,
TimeBank time expressions, MEANTIME event mentions, the newsdev story's
statements, speakers, dates, actors, deadlines and contradictions); and the
eval commands' output and errors. Slow: each gate runs the pipeline over a whole corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli import cli
from onrecord.eval import events, news, timeml
from onrecord.eval.polnear import format_report
from onrecord.eval.run import run_news, run_polnear

from .helpers import MEANTIME, POLNEAR, SHARED, TIMEBANK, baseline

NEWSDEV = SHARED / "data/newsdev"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dev_scores() -> dict[str, float | int]:
    return run_polnear(POLNEAR / "dev")


@pytest.mark.parametrize(("metric", "floor"), sorted(baseline("polnear_dev").items()))
def test_polnear_dev_at_or_above_baseline(
    dev_scores: dict[str, float | int], metric: str, floor: float
) -> None:
    assert dev_scores[metric] >= floor, format_report(dev_scores)


@pytest.fixture(scope="module")
def news_scores() -> dict[str, float | int]:
    return run_news(NEWSDEV)


@pytest.mark.parametrize(("metric", "floor"), sorted(baseline("news").items()))
def test_newsdev_at_or_above_baseline(
    news_scores: dict[str, float | int], metric: str, floor: float
) -> None:
    assert news_scores[metric] >= floor, news.format_report(news_scores)


def test_newsdev_is_read_whole(news_scores: dict[str, float | int]) -> None:
    assert news_scores["articles"] == 40
    assert news_scores["statements.core"] == 226  # the README's count of core statements
    assert news_scores["statements.required"] == 253


def test_timebank_at_or_above_baseline() -> None:
    scores = timeml.evaluate(TIMEBANK)
    report = timeml.format_report(scores)
    assert scores["documents"] == 256  # every document read
    for metric, floor in baseline("timebank").items():
        value = scores[metric]
        assert isinstance(value, float) and value >= floor, report
    assert "value F1" in report
    assert "TimeBank" in report and "AQUAINT" in report


def test_meantime_events_at_or_above_baseline() -> None:
    scores = events.evaluate(MEANTIME)
    report = events.format_report(scores)
    assert scores["documents"] == 120  # every document read
    for metric, floor in baseline("meantime_events").items():
        assert scores[metric] >= floor, report


def test_eval_command_prints_the_issue_metrics(tmp_path: Path) -> None:
    # a two-document split, to check the command's output (not its quality)
    split = tmp_path / "mini"
    for sub in ("text", "attributions"):
        (split / sub).mkdir(parents=True)
    for txt in sorted((POLNEAR / "dev/text").glob("*.txt"))[:2]:
        (split / "text" / txt.name).write_text(txt.read_text(encoding="utf-8"), encoding="utf-8")
        ann = sorted((POLNEAR / "dev/attributions").glob(txt.stem + "_*.ann"))[0]
        (split / "attributions" / ann.name).write_text(ann.read_text(encoding="utf-8"))
    result = CliRunner().invoke(cli, ["eval", "polnear", str(split), "--workers", "1"])
    assert result.exit_code == 0, result.output
    for needle in ("source", "cue", "content", "strict", "lenient", "attribution", "speaker"):
        assert needle in result.output


def test_eval_polnear_on_empty_dir_is_a_clear_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "onrecord", "eval", "polnear", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode != 0
    assert "no PolNeAR documents" in proc.stderr and "Traceback" not in proc.stderr

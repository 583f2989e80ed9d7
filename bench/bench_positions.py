"""`positions` at scale: the topic model fitted once, then reused.

Generates a store of N statements (default 100,000; the text generator of
bench_store.py) with cached content vectors drawn around a few hundred
topic centres (embedding 100,000 texts is not what is measured: the target
is for cached vectors), then times :func:`onrecord.positions.table.store_positions`:

1. the first call: the topics are fitted (average linkage on a sample of
   MAX_DIRECT statements, the rest joining the nearest centroid) and saved;
2. later calls: every statement (the new ones too) joins the saved topics
   (one matrix product), nothing is clustered.

Target: a later call at 100,000 statements in 10 s or less; peak memory is printed.

    .venv/bin/python bench/bench_positions.py [--statements 100000] [--db /tmp/bench-pos.db]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from bench_store import generate

from onrecord.positions import embeddings
from onrecord.positions.table import store_positions
from onrecord.store.sqlite import SqliteStore

TOPICS = 300


def vectors_for(ids: list[int], rng: np.random.Generator, centres: np.ndarray) -> np.ndarray:
    pick = rng.integers(0, len(centres), size=len(ids))
    v = centres[pick] + rng.normal(
        0, 0.35 / np.sqrt(centres.shape[1]), (len(ids), centres.shape[1])
    )
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def fill_vectors(store: SqliteStore, rng: np.random.Generator, centres: np.ndarray) -> None:
    ids = [
        int(i)
        for (i,) in store.conn.execute(
            "SELECT id FROM statements WHERE id NOT IN (SELECT statement_id FROM statement_vectors)"
        )
    ]
    for start in range(0, len(ids), 20000):
        part = ids[start : start + 20000]
        vecs = vectors_for(part, rng, centres)
        store.save_vectors(
            embeddings.MODEL_NAME, [(i, v.tobytes()) for i, v in zip(part, vecs, strict=True)]
        )


def timed(store: SqliteStore, label: str, refit: bool = False) -> float:
    t = time.perf_counter()
    result = store_positions(store, refit=refit)
    took = time.perf_counter() - t
    print(f"{label:<44} {took:6.1f} s   {len(result.topics)} topics, {len(result.cells)} cells")
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--statements", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/onrecord-bench-positions.db"))
    args = ap.parse_args()
    for suffix in ("", "-wal", "-shm"):
        Path(str(args.db) + suffix).unlink(missing_ok=True)
    rng = np.random.default_rng(11)
    centres = rng.normal(size=(TOPICS, embeddings.DIMENSIONS))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    t = time.perf_counter()
    generate(args.db, args.statements)
    store = SqliteStore(args.db)
    fill_vectors(store, rng, centres)
    print(
        f"generated {args.statements:,} statements with vectors in {time.perf_counter() - t:.0f} s"
    )
    timed(store, "first call (fit and save the topics)")
    timed(store, "later call (assign to the saved topics)")
    took = timed(store, "later call, again")
    print(f"target: a later call at {args.statements:,} statements <= 10 s: "
          f"{'met' if took <= 10 else 'NOT met'} ({took:.1f} s)")  # fmt: skip
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    store.close()


if __name__ == "__main__":
    main()

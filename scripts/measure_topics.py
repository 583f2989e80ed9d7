"""Measure topic clustering and naming on the statements of a store.

For each linkage method and distance threshold: the number of topics, how many
have at least 3 statements, the share of statements in those, the largest
topic, and the mean cosine silhouette (all statements; and only those in topics
of >= 3). Then the names of the largest topics at one setting under the three
naming modes, side by side, for checking by hand.

    onrecord ingest ../shared/data/seed/… dev.jsonl --db dev.db   # PolNeAR dev as JSONL
    python scripts/measure_topics.py dev.db [--threshold 0.6] [--names 40]
"""

from __future__ import annotations

import argparse

import numpy as np

from onrecord.positions.embeddings import embed
from onrecord.positions.table import statement_vectors
from onrecord.positions.topics import (
    DEFAULT_THRESHOLD,
    cluster,
    clusterable,
    name_topics,
    silhouette,
)
from onrecord.store import open_store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("--names", type=int, default=40)
    args = ap.parse_args()
    store = open_store(args.db)
    statements = [s for s in store.iter_statements() if clusterable(s["content"])]
    vectors = statement_vectors(store, statements)
    store.close()
    texts = [s["content"] for s in statements]
    print(f"{len(texts)} statements")
    print("method    thr  topics  >=3  cover>=3  largest  sil(all)  sil(>=3)")
    for method in ("average", "complete"):
        for th in (0.4, 0.5, 0.6, 0.7, 0.8):
            labels = cluster(vectors, th, method)
            sizes = np.bincount(labels)
            big = sizes >= 3
            keep = big[labels]
            print(
                f"{method:8} {th:4.1f} {len(sizes):7d} {int(big.sum()):4d} "
                f"{sizes[big].sum() / len(labels):9.2f} {int(sizes.max()):8d} "
                f"{silhouette(vectors, labels):9.3f} {silhouette(vectors[keep], labels[keep]):9.3f}"
            )
    labels = cluster(vectors, args.threshold)
    sizes = np.bincount(labels)
    modes = ("tfidf", "central", "hybrid")
    names = {m: name_topics(texts, labels, embed_fn=embed, vectors=vectors, mode=m) for m in modes}
    print(f"\nnames of the {args.names} largest topics at threshold {args.threshold}:")
    for c in range(min(args.names, len(sizes))):
        print(f"#{c:<3} {int(sizes[c]):3d}  " + " | ".join(names[m][c] for m in modes))


if __name__ == "__main__":
    main()

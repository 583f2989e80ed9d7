"""A topic model fitted once and kept in the store: new statements join the
nearest topic, and clustering runs again only on request (``--refit``).

Clustering is quadratic in the statements clustered (average linkage), so a
store of 100,000 statements cannot be clustered at every call. The fitted
topics (name and centroid) are saved in the store's ``topics`` table; a
later call assigns every statement to the topic whose centroid is nearest,
within the threshold, with one matrix product, and names stay stable from
one call to the next.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from onrecord.positions.topics import Topic, build_topics
from onrecord.store.interface import Store

EmbedFn = Callable[[Sequence[str]], np.ndarray]

#: Statements assigned per matrix product (keeps memory flat at any size).
CHUNK = 8192


@dataclass(frozen=True)
class TopicModel:
    """Fitted topics: ids, names and unit centroids, and the cut they were fitted at."""

    ids: tuple[int, ...]
    names: tuple[str, ...]
    centroids: np.ndarray  # (k, dimensions), unit rows
    threshold: float

    def assign(self, vectors: np.ndarray) -> np.ndarray:
        """Each vector's topic id, -1 where no centroid is within the threshold."""
        labels = np.full(len(vectors), -1, dtype=np.int64)
        if not len(self.ids):
            return labels
        ids = np.asarray(self.ids, dtype=np.int64)
        for start in range(0, len(vectors), CHUNK):
            sims = vectors[start : start + CHUNK] @ self.centroids.T
            best = sims.argmax(axis=1)
            near = 1.0 - sims[np.arange(len(best)), best] <= self.threshold
            labels[start : start + CHUNK] = np.where(near, ids[best], -1)
        return labels

    def topics(self, labels: np.ndarray) -> list[Topic]:
        """The topics with their members (indexes of ``labels``), largest first."""
        out = []
        for k, tid in enumerate(self.ids):
            members = tuple(int(i) for i in np.flatnonzero(labels == tid))
            out.append(Topic(tid, self.names[k], members, self.centroids[k]))
        out.sort(key=lambda t: (-t.size, t.id))
        return out


def fit(
    texts: Sequence[str],
    vectors: np.ndarray,
    threshold: float,
    embed_fn: EmbedFn | None = None,
    avoid: frozenset[str] = frozenset(),
) -> TopicModel:
    """Cluster and name the topics of ``texts`` (``avoid``: words that may not
    name a topic alone, such as the speakers' surnames)."""
    found, _ = build_topics(texts, vectors, threshold, embed_fn=embed_fn, avoid=avoid)
    if not found:
        return TopicModel((), (), np.zeros((0, vectors.shape[1]), np.float32), threshold)
    found.sort(key=lambda t: t.id)
    return TopicModel(
        tuple(t.id for t in found),
        tuple(t.name for t in found),
        np.stack([t.centroid for t in found]).astype(np.float32),
        threshold,
    )


def load(store: Store, model: str) -> TopicModel | None:
    """The model saved in the store for embedding ``model``, if any."""
    rows = store.topic_model(model)
    if not rows:
        return None
    return TopicModel(
        tuple(i for i, _, _, _ in rows),
        tuple(n for _, n, _, _ in rows),
        np.stack([np.frombuffer(c, dtype=np.float32) for _, _, _, c in rows]),
        rows[0][2],
    )


def save(store: Store, model: str, fitted: TopicModel) -> None:
    store.save_topic_model(
        model,
        fitted.threshold,
        [
            (tid, name, np.asarray(c, dtype=np.float32).tobytes())
            for tid, name, c in zip(fitted.ids, fitted.names, fitted.centroids, strict=True)
        ],
    )
